package algo

import (
	"image"
	"math"
)

// Doxa's Niblack (Doxa's Niblack.hpp), limen's niblack with reference 'doxa'.
// Defaults: window 75, k 0.2.

// DoxaNiblack writes into dst (src's bounds) the levels of Niblack's threshold T = m + k·s as the
// Δoxa Binarization Framework computes it (commit 0bf9953): m and s the mean and population
// standard deviation of the window × window square around the pixel, cut at the picture's edge
// (no padding), from exact integer sums in Doxa's double arithmetic (see doxaMeanVar). Doxa paints
// a pixel black where v ≤ T; here the level is floor(T) cut to −1 … 255, so limen's binary output
// is Doxa's picture. Doxa adds k·s (as Niblack's book and OpenCV's ximgproc do), so its usual k is
// negative (Doxa's own test uses −0.61); scikit-image and limen's niblack subtract it.
//
// Where Doxa has no answer limen defines one: a window larger than the picture (Doxa reads outside
// it) covers the whole picture; windows above 181 (Doxa's 32-bit sums of squares overflow) get
// exact statistics; an even window takes (window−1)/2 rows and columns before the pixel and
// window/2 after it, as Doxa's running sums do. window ≤ 0 gives empty windows, m = 0/0, and
// every pixel white, as Doxa's window 0 does. Cost: O(pixels), whatever the window.
//
// W. Niblack, An Introduction to Digital Image Processing, Prentice-Hall, 1986, pp. 115–116;
// B. M. Petty, Δoxa Binarization Framework, github.com/brandonmpetty/Doxa.
//
// It runs the fast path of doxa_fast.go (doxaNiblackForm); doxaNiblackPlain is the definition.
func DoxaNiblack(dst *LevelMap, src *image.Gray, window int, k float64) {
	exact := func(s, q, n int64) int16 { return doxaNiblackLevel(s, q, n, k) }
	if !doxaFormRows(dst, src, window, doxaNiblackForm(k), exact) {
		doxaNiblackPlain(dst, src, window, k)
	}
}

// doxaNiblackPlain is DoxaNiblack pixel by pixel by its definition: what the fast path is held to.
func doxaNiblackPlain(dst *LevelMap, src *image.Gray, window int, k float64) {
	doxaRows(dst, src, window, func(y int, out []int16, s *doxaSums) {
		for x := range out {
			out[x] = doxaNiblackLevel(s.A[x], s.B[x], s.count(x), k)
		}
	})
}

// doxaNiblackLevel is Doxa's Niblack level of a window of n pixels with sums s and sum of squares q.
func doxaNiblackLevel(s, q, n int64, k float64) int16 {
	m, v := doxaMeanVar(s, q, n)
	return doxaLevel(m + float64(k*math.Sqrt(v)))
}
