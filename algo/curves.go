package algo

import "math"

// Criterion curves of the methods that find their level by iterating or by reading a smoothed
// histogram, for the page to draw (see Curve): each in the method's own arithmetic, so that the
// level can be read off the curve exactly as the method reads it (curves_test.go checks it).

// IterativeCriterion returns g(t) = (m1 + m2) / 2 at every level t, m1 and m2 the class means of
// ClassMeans: the map Gonzalez & Woods' basic global thresholding iterates, T_(k+1) = g(⌊T_k⌋). Its
// fixed point, where the curve meets the diagonal (t ≤ g(t) < t + 1), is where T stops moving.
// NaN where a class is empty.
func IterativeCriterion(h *Histogram, _ Params) []float64 {
	c := make([]float64, 256)
	for t := range c {
		m1, m2 := ClassMeans(h, float64(t))
		c[t] = (m1 + m2) / 2
	}
	return c
}

// IsoDataCriterion returns, at every candidate g of ImageJ's IsoData, (L + H) / 2 with L the
// integer mean below g and H the mean above g (g in neither), in ImageJ's arithmetic: the level is
// the first g with round((L + H) / 2) = g. NaN below the first candidate and where a side is empty.
func IsoDataCriterion(h *Histogram, _ Params) []float64 {
	d := javaCounts(h)
	c := make([]float64, 256)
	start := 256
	for i := 1; i < 256; i++ {
		if d[i] > 0 {
			start = i + 1
			break
		}
	}
	for g := range c {
		c[g] = math.NaN()
		if g < start || g > 254 {
			continue
		}
		var l, totl int32 // Java ints: they wrap, as in isoData
		for i := 0; i < g; i++ {
			totl += d[i]
			l += d[i] * int32(i)
		}
		var hs, toth float64
		for i := g + 1; i < 256; i++ {
			toth += float64(d[i])
			hs += float64(d[i]) * float64(i)
		}
		if totl > 0 && toth > 0 {
			c[g] = (float64(l/totl) + hs/toth) / 2.0
		}
	}
	return c
}

// IJIsoDataCriterion returns, at every level i of ImageJ's IJ_IsoData (bins 0 and 255 left out),
// (mean(min..i) + mean(i+1..max)) / 2, the average the method raises i towards: it stops at the
// first i where the curve falls below i + 2, near the diagonal, and its level is the curve there,
// rounded. NaN outside min..max−1.
func IJIsoDataCriterion(h *Histogram, _ Params) []float64 {
	d := javaCounts(h)
	return ijIsoDataCurve(&d)
}

// DefaultCriterion is IJIsoDataCriterion on the histogram Default works on (its tallest bin cut
// down; see IJDefault).
func DefaultCriterion(h *Histogram, _ Params) []float64 {
	d := javaCounts(h)
	c := ijDefaultClip(&d)
	return ijIsoDataCurve(&c)
}

func ijIsoDataCurve(data *[256]int32) []float64 {
	d := *data
	d[0], d[255] = 0, 0
	c := make([]float64, 256)
	for i := range c {
		c[i] = math.NaN()
	}
	lo, hi := 0, 255
	for d[lo] == 0 && lo < 255 {
		lo++
	}
	for d[hi] == 0 && hi > 0 {
		hi--
	}
	for i := lo; i < hi; i++ {
		var s1, n1, s2, n2 float64
		for j := lo; j <= i; j++ {
			s1 += float64(j) * float64(d[j])
			n1 += float64(d[j])
		}
		for j := i + 1; j <= hi; j++ {
			s2 += float64(j) * float64(d[j])
			n2 += float64(d[j])
		}
		c[i] = (s1/n1 + s2/n2) / 2
	}
	return c
}

// LiCriterion returns Li & Lee's cross entropy at every level t, less the term that does not depend
// on t: η(t) = −Σ_{v≤t} v·h(v)·ln μ_b(t) − Σ_{v>t} v·h(v)·ln μ_o(t), μ_b and μ_o the means of
// v ≤ t and v > t. Li's level is where it is least (the iteration of Li & Tam walks to its minimum).
// NaN where a class is empty or has mean 0.
func LiCriterion(h *Histogram, _ Params) []float64 {
	c := make([]float64, 256)
	var n, s float64
	for v, k := range h {
		n += float64(k)
		s += float64(v) * float64(k)
	}
	var nb, sb float64
	for t := range c {
		nb += float64(h[t])
		sb += float64(t) * float64(h[t])
		no, so := n-nb, s-sb
		if sb == 0 || so == 0 {
			c[t] = math.NaN()
			continue
		}
		c[t] = -sb*math.Log(sb/nb) - so*math.Log(so/no)
	}
	return c
}

// IntermodesCriterion returns the histogram as Intermodes smooths it, over its occupied range
// (NaN outside it): the level is halfway between its two peaks. All NaN when the smoothing never
// leaves two peaks.
func IntermodesCriterion(h *Histogram, _ Params) []float64 {
	d := javaCounts(h)
	c := make([]float64, 256)
	for i := range c {
		c[i] = math.NaN()
	}
	var buf [256]float64
	if s, minbin, ok := intermodesSmooth(&d, &buf); ok {
		copy(c[minbin:], s)
	}
	return c
}

// MinimumCriterion returns the histogram as Minimum smooths it: the level is the bottom of the
// valley between its two peaks. All NaN when the smoothing never leaves two peaks.
func MinimumCriterion(h *Histogram, _ Params) []float64 {
	d := javaCounts(h)
	c := make([]float64, 256)
	var a, b [256]float64
	s, ok := minimumSmooth(&d, &a, &b)
	for i := range c {
		if ok {
			c[i] = s[i]
		} else {
			c[i] = math.NaN()
		}
	}
	return c
}

// MomentsCriterion returns, at every level t, the share of pixels ≤ t less Tsai's share p₀ (see
// Moments), added in ImageJ's order: the level is the first t where it goes above 0.
func MomentsCriterion(h *Histogram, _ Params) []float64 {
	d := javaCounts(h)
	histo, p0 := momentsShare(&d)
	c := make([]float64, 256)
	sum := 0.0
	for i := range c {
		sum += histo[i]
		c[i] = sum - p0
	}
	return c
}
