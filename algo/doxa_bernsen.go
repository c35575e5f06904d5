package algo

import "image"

// Doxa's Bernsen (Doxa's Bernsen.hpp), limen's bernsen with reference 'doxa'.
// Defaults: window 75, threshold 100, contrastLimit 25.

// DoxaBernsen writes into dst (src's bounds) the levels of Bernsen's threshold as the Δoxa
// Binarization Framework computes it (commit 0bf9953): with lo and hi the smallest and largest
// value of the window around the pixel (cut at the picture's edge), T = (hi + lo)/2 in integer
// division when hi − lo > contrastLimit, else T = threshold (the global level for flat windows).
// Doxa paints black where v ≤ T; the level is T cut to −1 … 255, so limen's binary output is
// Doxa's picture.
//
// The window: for odd sides, the window × window square centred on the pixel. Doxa's min/max
// filter has two implementations that disagree on even sides: below 17 it takes 2·(window/2)+1
// pixels (one more than the side), from 17 up window−1 (one fewer); limen follows both. A window
// larger than the picture (Doxa reads outside it from side 17 up) covers the whole picture;
// window ≤ 0 is the pixel alone, as Doxa's LocalWindow makes it. Cost: O(pixels), whatever the
// window (van Herk / Gil-Werman, see doxaMaxFilter).
//
// J. Bernsen, Dynamic thresholding of grey-level images, Proc. 8th International Conference on
// Pattern Recognition, Paris, 1986, 1251–1255; B. M. Petty, Δoxa Binarization Framework,
// github.com/brandonmpetty/Doxa.
func DoxaBernsen(dst *LevelMap, src *image.Gray, window, threshold, contrastLimit int) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	half := doxaMinMaxHalf(window)
	lows, highs := make([]uint8, w*h), make([]uint8, w*h)
	doxaMaxFilter(lows, src, half, true)
	doxaMaxFilter(highs, src, half, false)
	flat := int16(min(max(threshold, -1), 255))
	for y := 0; y < h; y++ {
		lo, hi := lows[y*w:y*w+w], highs[y*w:y*w+w]
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range out {
			a, b := int(lo[x]), int(hi[x])
			if b-a > contrastLimit {
				out[x] = int16((a + b) / 2)
			} else {
				out[x] = flat
			}
		}
	}
}
