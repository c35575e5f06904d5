package algo

import "math"

// doubleEpsilon is Java's and C's DBL_EPSILON, the "empty class" test of ImageJ's entropy methods.
const doubleEpsilon = 2.220446049250313e-16

// The entropy methods of ImageJ 1.53t's AutoThresholder. They share ImageJ's conventions (see
// imagej.go): the histogram as a Java int[], "not found" as 0, and logarithms rounded as Java's
// Math.log, on which their near-ties depend.

// MaxEntropy returns Kapur, Sahoo & Wong's maximum-entropy level as ImageJ 1.53t's AutoThresholder
// ("MaxEntropy") computes it: the level t that maximises the sum of the Shannon entropies of the
// normalised background (0..t) and object (t+1..255) histograms. Levels where either class is empty
// are not candidates; the first maximum wins. Where no level qualifies (a constant or empty
// histogram) it gives 0, as ImageJ does.
//
// J. N. Kapur, P. K. Sahoo, A. K. C. Wong, "A new method for gray-level picture thresholding using
// the entropy of the histogram", Computer Vision, Graphics, and Image Processing 29(3), 273–285, 1985.
func MaxEntropy(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(maxEntropy(&d, nil))
}

// MaxEntropyCriterion returns the total entropy H_b(t) + H_o(t) at each level, NaN outside the
// levels MaxEntropy considers.
func MaxEntropyCriterion(h *Histogram, _ Params) []float64 {
	d := javaCounts(h)
	c := make([]float64, 256)
	maxEntropy(&d, c)
	return c
}

func maxEntropy(d *[256]int32, criterion []float64) int32 {
	for i := range criterion {
		criterion[i] = math.NaN()
	}
	var norm, p1, p2 [256]float64
	first, last := ijNorm(d, &norm, &p1, &p2)
	// ImageJ starts from Double.MIN_VALUE, the smallest positive double, so a level whose total
	// entropy is 0 never wins and such a histogram yields "no level" (0).
	best, level := math.SmallestNonzeroFloat64, int32(-1)
	for t := first; t <= last; t++ {
		sum := kapurEntropy(d, &norm, p1[t], p2[t], t)
		if criterion != nil {
			criterion[t] = sum
		}
		if best < sum {
			best, level = sum, int32(t)
		}
	}
	return level
}

// kapurEntropy is H_b(t) + H_o(t) with ImageJ's order of operations: each term is
// (p/P)·ln(p/P), and empty bins are skipped.
func kapurEntropy(d *[256]int32, norm *[256]float64, p1, p2 float64, t int) float64 {
	back := 0.0
	for i := 0; i <= t; i++ {
		if d[i] != 0 {
			r := norm[i] / p1
			back -= float64(r * javaLog(r))
		}
	}
	obj := 0.0
	for i := t + 1; i < 256; i++ {
		if d[i] != 0 {
			r := norm[i] / p2
			obj -= float64(r * javaLog(r))
		}
	}
	return back + obj
}

// RenyiEntropy returns the Rényi-entropy level of Sahoo, Wilkins & Yeager as ImageJ 1.53t
// computes it. Three maximum-entropy levels are found over the levels MaxEntropy considers: t₁
// with the Rényi entropy of order 0.5, t₂ with order 1 (Kapur's Shannon entropy), t₃ with order
// 2 (each the first maximum above 0, or 0). Sorted so that t₁ ≤ t₂ ≤ t₃, they are blended as
//
//	t = ⌊t₁(P(t₁) + ¼ωβ₁) + ¼t₂ωβ₂ + t₃(1 − P(t₃) + ¼ωβ₃)⌋,  ω = P(t₃) − P(t₁),
//
// P the cumulative share, with weights (β₁, β₂, β₃) = (1, 2, 1), or (0, 1, 3) when only t₁ and t₂
// are within 5 of each other, or (3, 1, 0) when only t₂ and t₃ are. An empty histogram gives 0.
//
// P. K. Sahoo, C. Wilkins, J. Yeager, "Threshold selection using Renyi's entropy", Pattern
// Recognition 30(1), 71–84, 1997 (ImageJ cites Kapur, Sahoo & Wong 1985, its order-1 part).
func RenyiEntropy(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(renyiEntropy(&d, nil))
}

// RenyiEntropyCriterion returns the total Rényi entropy of order 0.5 at each level, the curve
// whose maximum is the first of RenyiEntropy's three levels (NaN outside the levels it considers).
// The level itself blends three maxima and is the maximum of no single curve.
func RenyiEntropyCriterion(h *Histogram, _ Params) []float64 {
	d := javaCounts(h)
	c := make([]float64, 256)
	renyiEntropy(&d, c)
	return c
}

func renyiEntropy(d *[256]int32, criterion []float64) int32 {
	for i := range criterion {
		criterion[i] = math.NaN()
	}
	var norm, p1, p2 [256]float64
	first, last := ijNorm(d, &norm, &p1, &p2)

	// Order 1 (Kapur); unlike MaxEntropy, ImageJ starts from 0 here and from level 0.
	t2, best := 0, 0.0
	for t := first; t <= last; t++ {
		if s := kapurEntropy(d, &norm, p1[t], p2[t], t); best < s {
			best, t2 = s, t
		}
	}

	// Order α: (1/(1−α))·ln(Σ_b (p/P₁)^α · Σ_o (p/P₂)^α), a non-positive product counting as 0.
	// ImageJ computes 1/(1−α) at run time; both values are exact: 2 and −1.
	const term05, term2 = 2.0, -1.0
	t1, best := 0, 0.0
	for t := first; t <= last; t++ {
		var eb, eo float64
		for i := 0; i <= t; i++ {
			eb += math.Sqrt(norm[i] / p1[t])
		}
		for i := t + 1; i < 256; i++ {
			eo += math.Sqrt(norm[i] / p2[t])
		}
		tot := float64(term05 * renyiLog(eb, eo))
		if criterion != nil {
			criterion[t] = tot
		}
		if tot > best {
			best, t1 = tot, t
		}
	}
	t3, best := 0, 0.0
	for t := first; t <= last; t++ {
		var eb, eo float64
		q1 := float64(p1[t] * p1[t])
		for i := 0; i <= t; i++ {
			eb += float64(norm[i]*norm[i]) / q1
		}
		q2 := float64(p2[t] * p2[t])
		for i := t + 1; i < 256; i++ {
			eo += float64(norm[i]*norm[i]) / q2
		}
		if tot := float64(term2 * renyiLog(eb, eo)); tot > best {
			best, t3 = tot, t
		}
	}

	// Sort, as ImageJ does, with three conditional swaps.
	if t2 < t1 {
		t1, t2 = t2, t1
	}
	if t3 < t2 {
		t2, t3 = t3, t2
	}
	if t2 < t1 {
		t1, t2 = t2, t1
	}
	var b1, b2, b3 float64
	near12, near23 := absInt(t1-t2) <= 5, absInt(t2-t3) <= 5
	switch {
	case near12 && near23, !near12 && !near23:
		b1, b2, b3 = 1, 2, 1
	case near12:
		b1, b2, b3 = 0, 1, 3
	default:
		b1, b2, b3 = 3, 1, 0
	}
	omega := p1[t3] - p1[t1]
	q := float64(0.25 * omega)
	v := float64(float64(t1)*(p1[t1]+float64(q*b1))) +
		float64(float64(float64(0.25*float64(t2))*omega)*b2) +
		float64(float64(t3)*(p2[t3]+float64(q*b3)))
	return javaInt(v)
}

// renyiLog is ImageJ's (a·b > 0 ? ln(a·b) : 0).
func renyiLog(a, b float64) float64 {
	if x := float64(a * b); x > 0 {
		return javaLog(x)
	}
	return 0
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Shanbhag returns Shanbhag's information-measure level as ImageJ 1.53t computes it: over the
// levels MaxEntropy considers, the level t that minimises |E_b(t) − E_o(t)|, where
// E_b = −(½/P₁(t))·Σ_{i=1..t} p(i)·ln(1 − ½P₁(i−1)/P₁(t)) and
// E_o = −(½/P₂(t))·Σ_{i>t} p(i)·ln(1 − ½P₂(i)/P₂(t)), P₂ = 1 − P₁; the first minimum wins. An empty
// histogram gives 0.
//
// A. G. Shanbhag, "Utilization of information measure as a means of image thresholding", CVGIP:
// Graphical Models and Image Processing 56(5), 414–419, 1994.
func Shanbhag(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(shanbhag(&d, nil))
}

// ShanbhagCriterion returns |E_b(t) − E_o(t)| at each level, NaN outside the levels Shanbhag
// considers.
func ShanbhagCriterion(h *Histogram, _ Params) []float64 {
	d := javaCounts(h)
	c := make([]float64, 256)
	shanbhag(&d, c)
	return c
}

func shanbhag(d *[256]int32, criterion []float64) int32 {
	for i := range criterion {
		criterion[i] = math.NaN()
	}
	var norm, p1, p2 [256]float64
	first, last := ijNorm(d, &norm, &p1, &p2)
	level, best := int32(-1), math.MaxFloat64
	for t := first; t <= last; t++ {
		term := 0.5 / p1[t]
		eb := 0.0
		for i := 1; i <= t; i++ {
			eb = shanbhagSub(eb, d[i], norm[i], float64(term*p1[i-1]))
		}
		eb *= term
		term = 0.5 / p2[t]
		eo := 0.0
		for i := t + 1; i < 256; i++ {
			eo = shanbhagSub(eo, d[i], norm[i], float64(term*p2[i]))
		}
		eo *= term
		tot := math.Abs(eb - eo)
		if criterion != nil {
			criterion[t] = tot
		}
		if tot < best {
			best, level = tot, int32(t)
		}
	}
	return level
}

// shanbhagSub is ImageJ's ent -= p·ln(1 − x). An empty bin subtracts 0·ln(1 − x), which changes
// nothing (ent is never −0) while 1 − x is positive and finite, so its logarithm is skipped.
func shanbhagSub(ent float64, count int32, p, x float64) float64 {
	y := 1.0 - x
	if count == 0 && y > 0 && y <= math.MaxFloat64 {
		return ent
	}
	return ent - float64(p*javaLog(y))
}
