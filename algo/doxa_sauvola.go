package algo

import (
	"image"
	"math"
)

// Doxa's Sauvola (Doxa's Sauvola.hpp), limen's sauvola with reference 'doxa'.
// Defaults: window 75, k 0.2 (the dynamic range of s is fixed at 128).

// DoxaSauvola writes into dst (src's bounds) the levels of Sauvola's threshold
// T = m·(1 + k·(s/128 − 1)) as the Δoxa Binarization Framework computes it (commit 0bf9953): m and
// s the mean and population standard deviation of the window × window square around the pixel,
// cut at the picture's edge (no padding), in Doxa's double arithmetic (see doxaMeanVar). Doxa
// paints black where v ≤ T; the level is floor(T) cut to −1 … 255, so limen's binary output is
// Doxa's picture. scikit-image instead divides by R = 127.5 for 8-bit pictures and pads by
// reflection (limen's sauvola with reference 'skimage').
//
// Windows larger than the picture, above 181, even or ≤ 0: as DoxaNiblack. Cost: O(pixels),
// whatever the window.
//
// J. Sauvola, M. Pietikäinen, Adaptive document image binarization, Pattern Recognition 33(2),
// 225–236, 2000; B. M. Petty, Δoxa Binarization Framework, github.com/brandonmpetty/Doxa.
//
// It runs the fast path of doxa_fast.go (doxaSauvolaForm); doxaSauvolaPlain is the definition.
func DoxaSauvola(dst *LevelMap, src *image.Gray, window int, k float64) {
	exact := func(s, q, n int64) int16 { return doxaSauvolaLevel(s, q, n, k) }
	if !doxaFormRows(dst, src, window, doxaSauvolaForm(k), exact) {
		doxaSauvolaPlain(dst, src, window, k)
	}
}

// doxaSauvolaPlain is DoxaSauvola pixel by pixel by its definition: what the fast path is held to.
func doxaSauvolaPlain(dst *LevelMap, src *image.Gray, window int, k float64) {
	doxaRows(dst, src, window, func(y int, out []int16, s *doxaSums) {
		for x := range out {
			out[x] = doxaSauvolaLevel(s.A[x], s.B[x], s.count(x), k)
		}
	})
}

// doxaSauvolaLevel is Doxa's Sauvola level of a window of n pixels with sums s and sum of squares q.
func doxaSauvolaLevel(s, q, n int64, k float64) int16 {
	m, v := doxaMeanVar(s, q, n)
	return doxaLevel(doxaSauvolaT(m, v, k))
}

// doxaSauvolaT is Doxa's Sauvola threshold m·(1 + k·(s/128 − 1)), rounded step by step as in C++.
func doxaSauvolaT(m, variance, k float64) float64 {
	return m * (1 + float64(k*(math.Sqrt(variance)/128-1)))
}
