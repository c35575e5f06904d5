package algo

import "math"

// fltEpsilon is C's FLT_EPSILON, which OpenCV uses to skip near-empty classes in Otsu.
const fltEpsilon = 1.1920928955078125e-07

// Otsu returns the level that maximises the between-class variance of h, exactly as OpenCV 4.6's
// threshold(..., THRESH_OTSU) computes it (getThreshVal_Otsu_8u): double precision, the first
// maximum wins (strict >), and levels where either class holds less than FLT_EPSILON of the pixels
// are skipped. A constant or empty histogram gives 0, and so does a 0/255 two-level image (every
// level separates it equally, and the first wins).
//
// N. Otsu, "A threshold selection method from gray-level histograms", IEEE Trans. Systems, Man,
// and Cybernetics 9(1), 62–66, 1979.
func Otsu(h *Histogram) int {
	level, _ := otsu(h, nil)
	return level
}

// OtsuCriterion returns the between-class variance σ²_B(t) for every level t, NaN where a class is
// (nearly) empty: the curve whose maximum Otsu picks.
func OtsuCriterion(h *Histogram, _ Params) []float64 {
	c := make([]float64, 256)
	otsu(h, c)
	return c
}

// otsu follows OpenCV's loop step by step, including its order of operations: the running class
// mean mu1 is kept as a mean and rescaled by q1 at every step, even across skipped levels. Any other
// order changes the last bits of σ²_B and so, on ties, the level.
func otsu(h *Histogram, criterion []float64) (int, float64) {
	total := h.Total()
	for i := range criterion {
		criterion[i] = math.NaN()
	}
	if total == 0 {
		return 0, 0
	}
	scale := 1 / float64(total)
	mu := 0.0
	for i, c := range h {
		mu += float64(i) * float64(c)
	}
	mu *= scale
	mu1, q1 := 0.0, 0.0
	maxSigma, level := 0.0, 0
	for i, c := range h {
		p := float64(c) * scale
		mu1 *= q1
		q1 += p
		q2 := 1 - q1
		if math.Min(q1, q2) < fltEpsilon || math.Max(q1, q2) > 1-fltEpsilon {
			continue
		}
		mu1 = (mu1 + float64(i)*p) / q1
		mu2 := (mu - q1*mu1) / q2
		sigma := q1 * q2 * (mu1 - mu2) * (mu1 - mu2)
		if criterion != nil {
			criterion[i] = sigma
		}
		if sigma > maxSigma {
			maxSigma, level = sigma, i
		}
	}
	return level, maxSigma
}
