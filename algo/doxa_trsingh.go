package algo

import (
	"image"
	"math"
)

// T. Romen Singh's method (Doxa's TRSingh.hpp). Defaults: window 75, k 0.2.

// TRSingh writes into dst (src's bounds) the levels of T. R. Singh et al.'s threshold
// T = m·(1 + k·(d/(255 − d) − 1)), d = |v − m| the pixel's distance from the mean, exactly as the
// Δoxa Binarization Framework computes it (commit 0bf9953): m the mean of the window × window
// square around the pixel, cut at the picture's edge (no padding), as a double from an exact
// integer sum; d is cut to 254 so that 255 − d never reaches 0. Only the mean is needed, so the
// method is as fast as a box filter. Doxa paints black (text) where v ≤ T; the level is floor(T)
// cut to −1 … 255, so limen's binary output is Doxa's picture.
//
// Windows larger than the picture, even or ≤ 0 (m = 0/0, every pixel white, as in Doxa): as Nick.
// Cost: O(pixels), whatever the window.
//
// T. Romen Singh, S. Roy, O. Imocha Singh, T. Sinam, Kh. Manglem Singh, A new local adaptive
// thresholding technique in binarization, International Journal of Computer Science Issues 8(6),
// 271–277, 2011; B. M. Petty, Δoxa Binarization Framework, github.com/brandonmpetty/Doxa.
func TRSingh(dst *LevelMap, src *image.Gray, window int, k float64) {
	doxaRows(dst, src, window, func(y int, out []int16, s *doxaSums) {
		row := src.Pix[y*src.Stride : y*src.Stride+len(out)]
		for x := range out {
			m, _ := doxaMeanVar(s.A[x], s.B[x], s.count(x))
			d := math.Abs(float64(row[x]) - m)
			if 254 < d { // std::min(d, 254.0): a NaN d stays NaN
				d = 254
			}
			out[x] = doxaLevel(m * (1 + float64(k*(d/(255-d)-1))))
		}
	})
}
