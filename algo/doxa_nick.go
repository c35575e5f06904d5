package algo

import (
	"image"
	"math"
)

// NICK (Doxa's Nick.hpp). Defaults: window 75, k −0.2.

// Nick writes into dst (src's bounds) the levels of NICK's threshold T = m + k·sqrt(var + m²)
// (k negative, −0.1 … −0.2 in the paper), exactly as the Δoxa Binarization Framework computes it
// (commit 0bf9953): m and var the mean and population variance of the window × window square
// around the pixel, cut at the picture's edge (no padding), from exact integer sums in Doxa's
// double arithmetic (see doxaMeanVar). Doxa paints black (text) where v ≤ T; the level is
// floor(T) cut to −1 … 255, so limen's binary output is Doxa's picture.
//
// Where Doxa has no answer limen defines one: a window larger than the picture (Doxa reads outside
// it) covers the whole picture; windows above 181 (Doxa's 32-bit sums of squares overflow) get
// exact statistics; an even window takes (window−1)/2 rows and columns before the pixel and
// window/2 after it, as Doxa's running sums do. window ≤ 0 gives empty windows, m = 0/0, and
// every pixel white, as Doxa's window 0 does. Cost: O(pixels), whatever the window.
//
// K. Khurshid, I. Siddiqi, C. Faure, N. Vincent, Comparison of Niblack inspired binarization
// methods for ancient documents, Proc. SPIE 7247, Document Recognition and Retrieval XVI, 2009;
// B. M. Petty, Δoxa Binarization Framework, github.com/brandonmpetty/Doxa.
//
// It runs the fast path of doxa_fast.go (nickForm); nickPlain is the definition.
func Nick(dst *LevelMap, src *image.Gray, window int, k float64) {
	exact := func(s, q, n int64) int16 { return nickLevel(s, q, n, k) }
	if !doxaFormRows(dst, src, window, nickForm(k), exact) {
		nickPlain(dst, src, window, k)
	}
}

// nickPlain is Nick pixel by pixel by its definition: what the fast path is held to.
func nickPlain(dst *LevelMap, src *image.Gray, window int, k float64) {
	doxaRows(dst, src, window, func(y int, out []int16, s *doxaSums) {
		for x := range out {
			out[x] = nickLevel(s.A[x], s.B[x], s.count(x), k)
		}
	})
}

// nickLevel is Doxa's NICK level of a window of n pixels with sums s and sum of squares q.
func nickLevel(s, q, n int64, k float64) int16 {
	m, v := doxaMeanVar(s, q, n)
	return doxaLevel(m + float64(k*math.Sqrt(v+float64(m*m))))
}
