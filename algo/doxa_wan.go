package algo

import (
	"image"
	"math"
)

// WAN (Doxa's Wan.hpp). Defaults: window 75, k 0.2.

// Wan writes into dst (src's bounds) the levels of WAN's threshold
// T = ((max + m)/2)·(1 + k·(s/128 − 1)), Sauvola's with the mean raised halfway to the window's
// largest value, exactly as the Δoxa Binarization Framework computes it (commit 0bf9953): m and s
// the mean and population standard deviation of the window × window square around the pixel, cut
// at the picture's edge (no padding), in Doxa's double arithmetic (see doxaMeanVar), and max the
// largest value of the window as Doxa's dilation takes it. Doxa paints black (text) where v ≤ T;
// the level is floor(T) cut to −1 … 255, so limen's binary output is Doxa's picture.
//
// For an even window the parts of Doxa disagree, and limen follows each: the mean and deviation
// take (window−1)/2 rows and columns before the pixel and window/2 after it; the maximum takes
// window/2 on each side below side 17 and (window−1)/2 from 17 up. A window larger than the
// picture covers all of it (Doxa reads outside); windows above 181 get exact statistics (Doxa's
// sums overflow); window ≤ 0 gives m = 0/0 and every pixel white, as in Doxa. Cost: O(pixels),
// whatever the window.
//
// Wan Azani Mustafa, Mohamed Mydin M. Abdul Kader, Binarization of document image using optimum
// threshold modification, Journal of Physics: Conference Series 1019, 012022, 2018 (the paper
// Doxa names); B. M. Petty, Δoxa Binarization Framework, github.com/brandonmpetty/Doxa.
func Wan(dst *LevelMap, src *image.Gray, window int, k float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	highs := make([]uint8, w*h)
	doxaMaxFilter(highs, src, doxaMinMaxHalf(window), false)
	s := newDoxaChanSums(src, window)
	for y := 0; y < h; y++ {
		s.next()
		hi := highs[y*w : y*w+w]
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range out {
			m, v := doxaMeanVar(s.A[x], s.B[x], s.count(x))
			f := 1 + float64(k*(math.Sqrt(v)/128-1))
			out[x] = doxaLevel((float64(hi[x]) + m) / 2 * f)
		}
	}
}
