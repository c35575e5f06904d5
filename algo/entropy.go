package algo

import "math"

// doubleEpsilon is Java's and C's DBL_EPSILON, the "empty class" test of ImageJ's entropy methods.
const doubleEpsilon = 2.220446049250313e-16

// MaxEntropy returns Kapur, Sahoo & Wong's maximum-entropy level as ImageJ 1.53t's AutoThresholder
// ("MaxEntropy") computes it: the level t that maximises the sum of the Shannon entropies of the
// normalised background (0..t) and object (t+1..255) histograms. Levels where either class is empty
// are not candidates; the first maximum wins. Where no level qualifies (a constant or empty
// histogram) it gives 0, as ImageJ does.
//
// J. N. Kapur, P. K. Sahoo, A. K. C. Wong, "A new method for gray-level picture thresholding using
// the entropy of the histogram", Computer Vision, Graphics, and Image Processing 29(3), 273–285, 1985.
func MaxEntropy(h *Histogram) int {
	level, _ := maxEntropy(h, nil)
	return level
}

// MaxEntropyCriterion returns the total entropy H_b(t) + H_o(t) at each level, NaN outside the
// levels MaxEntropy considers.
func MaxEntropyCriterion(h *Histogram, _ Params) []float64 {
	c := make([]float64, 256)
	maxEntropy(h, c)
	return c
}

func maxEntropy(h *Histogram, criterion []float64) (int, float64) {
	for i := range criterion {
		criterion[i] = math.NaN()
	}
	total := float64(h.Total())
	if total == 0 {
		return 0, 0
	}
	var norm, p1, p2 [256]float64
	for i, c := range h {
		norm[i] = float64(c) / total
	}
	// Cumulative class probabilities, in ImageJ's order of operations.
	p1[0] = norm[0]
	p2[0] = 1 - p1[0]
	for i := 1; i < 256; i++ {
		p1[i] = p1[i-1] + norm[i]
		p2[i] = 1 - p1[i]
	}
	first := 0
	for i := 0; i < 256; i++ {
		if math.Abs(p1[i]) >= doubleEpsilon {
			first = i
			break
		}
	}
	last := 255
	for i := 255; i >= first; i-- {
		if math.Abs(p2[i]) >= doubleEpsilon {
			last = i
			break
		}
	}
	// ImageJ starts from Double.MIN_VALUE, the smallest positive double, so a level whose total
	// entropy is 0 never wins and such a histogram yields "no level" (0).
	best, level := math.SmallestNonzeroFloat64, 0
	for t := first; t <= last; t++ {
		back := 0.0
		for i := 0; i <= t; i++ {
			if h[i] != 0 {
				r := norm[i] / p1[t]
				back -= r * math.Log(r)
			}
		}
		obj := 0.0
		for i := t + 1; i < 256; i++ {
			if h[i] != 0 {
				r := norm[i] / p2[t]
				obj -= r * math.Log(r)
			}
		}
		sum := back + obj
		if criterion != nil {
			criterion[t] = sum
		}
		if best < sum {
			best, level = sum, t
		}
	}
	return level, best
}
