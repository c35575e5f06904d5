package algo

import (
	"image"
	"math"
)

// Su, Lu and Tan's method (Doxa's Su.hpp). Defaults: window 0 (detect), minN = window.

// Su writes into dst (src's bounds) the levels of Su, Lu and Tan's binarization as the Δoxa
// Binarization Framework computes it (commit 0bf9953). High-contrast pixels are found as in
// doxaHighContrast (a 3×3 local contrast, thresholded by Otsu). Over the window × window square
// around each pixel (centred, cut at the picture's edge; an even side takes 2·(window/2)+1
// pixels, as Doxa's LocalWindow does) let Ne be the number of high-contrast pixels and E their
// mean gray value: the pixel is black (text) when Ne ≥ minN and v ≤ E + E_std/2. The level is
// floor(E + E_std/2) where Ne ≥ minN and −1 (white) elsewhere; Ne = 0 with minN ≤ 0 gives
// E = 0/0, NaN, and white, as in Doxa.
//
// Doxa's quirks, reproduced: window ≤ 0 means "detect", and Doxa's detection is a fixed 9 that
// also sets minN to 9, overriding the minN given (Doxa's default minN is the window given; the
// caller passes it). E_std is Doxa's sqrt((Σv − Ne·E)²/2), the square of a sum that is zero up to
// rounding, not the paper's deviation of the high-contrast pixels; it is computed as Doxa does,
// and it never moves the level: where Σv/Ne is a whole number, E is exact and the sum exactly 0;
// otherwise E is at least 1/Ne from any integer, far more than the rounding error. So in effect
// L = floor(E).
//
// The sums are exact 64-bit integers (Doxa's are ints, which would overflow only for windows
// above about 2900). Cost: O(pixels), whatever the window.
//
// B. Su, S. Lu, C. L. Tan, Binarization of historical document images using the local maximum
// and minimum, Proc. 9th IAPR International Workshop on Document Analysis Systems (DAS), 2010,
// 159–166; B. M. Petty, Δoxa Binarization Framework, github.com/brandonmpetty/Doxa.
func Su(dst *LevelMap, src *image.Gray, window, minN int) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	if window <= 0 {
		window, minN = 9, 9
	}
	high := doxaHighContrast(src)
	half := window / 2
	s := newDoxaSums(src, high, half, half)
	for y := 0; y < h; y++ {
		s.next()
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range out {
			ne := s.B[x]
			if ne < int64(minN) {
				out[x] = -1
				continue
			}
			sum := float64(s.A[x])
			e := sum / float64(ne)
			nom := sum - float64(float64(ne)*e)
			std := math.Sqrt(float64(nom*nom) / 2)
			out[x] = doxaLevel(e + std/2)
		}
	}
}
