package algo

import (
	"image"
	"math"
)

// What the page shows to explain a result, computed here rather than in the page so that it is the
// methods' own arithmetic: the class means behind each step of the iterative method, the level a
// criterion curve peaks at, and a picture thresholded at a level found on another one.

// ClassMeans returns the mean of the values above t (m1) and of those at or below it (m2) in h:
// the two means one step of Gonzalez & Woods' basic global thresholding averages, in the same
// order of operations as Iterative, so (m1 + m2) / 2 at T_(k-1) is exactly T_k. A class with no
// pixel has a NaN mean.
func ClassMeans(h *Histogram, t float64) (m1, m2 float64) {
	var n1, s1, n2, s2 float64
	for v, c := range h {
		fv, fc := float64(v), float64(c)
		if fv > t {
			n1 += fc
			s1 += fv * fc
		} else {
			n2 += fc
			s2 += fv * fc
		}
	}
	if n1 == 0 || n2 == 0 {
		return math.NaN(), math.NaN()
	}
	return s1 / n1, s2 / n2
}

// ArgMax returns the first index of the largest value of a criterion curve and that value: the
// first maximum, as the methods take it (strict >). NaN entries, where the criterion is undefined,
// are skipped; with no finite value it returns -1 and NaN.
func ArgMax(c []float64) (int, float64) {
	at, best := -1, math.Inf(-1)
	for i, v := range c {
		if !math.IsNaN(v) && v > best {
			at, best = i, v
		}
	}
	if at < 0 {
		return -1, math.NaN()
	}
	return at, best
}

// AtLevel writes g thresholded with o's type, maxval and dark at the level (or levels) of r into
// dst (4 bytes a pixel, as Threshold writes): the same table Threshold builds, for a result found
// on another picture. Try-all draws each method's thumbnail this way, at the level the method
// found on the whole picture. g must already be preprocessed (Output.Gray).
func AtLevel(dst []byte, g *image.Gray, o *Options, r Result) {
	var lut [256]uint8
	if r.Levels != nil {
		ClassLUT(&lut, r.Levels)
	} else {
		TypeLUT(&lut, o.Type, IntLevel(r.Level), o.Maxval, o.Dark)
	}
	WriteRGBA(dst, g, &lut)
}

// Reading says how a criterion curve gives a method's level, and so how the page draws it.
type Reading int

// The ways a level is read off its curve.
const (
	// ReadMax: the level is where the curve is largest (Otsu's between-class variance).
	ReadMax Reading = iota + 1
	// ReadMin: the level is where the curve is smallest (Li's cross entropy).
	ReadMin
	// ReadDiagonal: the curve is in gray levels, g(t) against t, and the level is where it meets
	// the diagonal g(t) = t: the fixed point an iterative method walks to. Drawn on the gray axis
	// with the diagonal.
	ReadDiagonal
	// ReadHistogram: the curve is a (smoothed) histogram, in pixel counts, drawn to the bars' scale;
	// the level is read off its peaks or its valley.
	ReadHistogram
	// ReadZero: the level is the first t where the curve goes above 0; drawn with the zero line.
	ReadZero
)

// Curve is how the page explains a global method's level: what its Criterion is and how the level
// is read off it, or, for a method without one, why there is no curve. Either Read and Says are
// set (the method has a Criterion) or Why is.
type Curve struct {
	Read Reading
	Says string // the curve and how the level is read, one line: "between-class variance σ²_B(t): the level is its maximum"
	Why  string // no Criterion: why there is no curve, one line
}
