package algo

import "image"

// AdOtsu's multi-scale framework, exact to Doxa (commit 0bf9953, MultiScale.hpp with AdOtsu and
// Morphology.hpp's erosion).
//
// Defaults (Doxa's): window 75, k 1.0, R 0.1, distance: each scale's own window/2 (integer
// division) unless given.
//
// Seed: the picture is AdOtsu's at (window, k). Mask: the seed eroded (a black pixel spreads over a
// square window) with side window/4. Then for the scales S = window/2, S/2, S/4, … while S ≥ 9,
// with k, k/2, k/4, … (the first scale keeps k): the map is AdOtsu's at (S, k_i) (R and distance as
// given, so the default distance is S/2); a pixel becomes black where the mask and the map are both
// black; the next mask is the map eroded with side S/4 (made only when S/2 ≥ 9).
//
// Doxa's erosion is a window minimum of the 0/255 picture, clipped at the border, over a square
// whose side depends on the requested side s: 2·⌊s/2⌋ + 1 below 17 (its direct filter), and
// 2·⌊(s − 1)/2⌋ + 1 from 17 on (its sorted-set filter), so an even s of 17 or more covers s − 1
// pixels, e.g. 75/4 = 18 → 17.
const (
	adotsuMSWindow = 75
	adotsuMSK      = 1.0
	adotsuMSR      = 0.1
	adotsuMSSmall  = 9 // Doxa's smallest scale, S_low
)

// AdOtsuMS writes into dst (src's bounds) AdOtsu's multi-scale binarization as Doxa computes it
// (see above), with window the largest scale, k the first scales' factor, r the unit step's R and
// distance the grid spacing of every scale (< 0: each scale's default, its window/2).
//
// The result is not a level per pixel (a pixel's colour depends on its neighbours' through the
// erosion), so dst holds the picture itself as levels: 255 where Doxa paints black (v ≤ 255: limen's
// background, Doxa's text) and −1 where it paints white. limen's binary type of it is Doxa's picture.
//
// Where Doxa has no definition limen chooses: window < 1 is taken as 1; its sorted-set erosion reads
// outside the picture when the filter (sides 17 and up) is wider than the picture, and limen clips
// it as it does everywhere else. See AdOtsu for the rest. Cost: one AdOtsu per scale plus an
// O(pixels) erosion (running counts), whatever the side.
//
// R. F. Moghaddam, M. Cheriet, "A multi-scale framework for adaptive binarization of degraded
// document images", Pattern Recognition 43(6), 2186–2198, 2010.
func AdOtsuMS(dst *LevelMap, src *image.Gray, window int, k, r float64, distance int) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	window = max(window, 1)
	hist := HistogramOf(src, nil)
	g := float64(DoxaOtsu(&hist))
	n := w * h
	out := make([]bool, n) // black: Doxa's foreground
	scale := make([]bool, n)
	mask := make([]bool, n)
	tmp := make([]bool, n)
	counts := make([]int, w)

	adotsu(dst, src, window, k, r, distance, g)
	adotsuBlack(out, dst, src)
	erodeBlack(mask, out, tmp, counts, w, h, window/4)
	for s := window / 2; s >= adotsuMSSmall; s, k = s/2, k/2 {
		adotsu(dst, src, s, k, r, distance, g)
		adotsuBlack(scale, dst, src)
		for i, m := range mask {
			if m && scale[i] {
				out[i] = true
			}
		}
		if s/2 < adotsuMSSmall {
			break
		}
		erodeBlack(mask, scale, tmp, counts, w, h, s/4)
	}
	for y := 0; y < h; y++ {
		row := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range row {
			row[x] = -1
			if out[y*w+x] {
				row[x] = 255
			}
		}
	}
}

// adotsuBlack sets black[y·w + x] where Doxa paints the pixel black: v ≤ level.
func adotsuBlack(black []bool, lm *LevelMap, src *image.Gray) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	for y := 0; y < h; y++ {
		row := src.Pix[y*src.Stride : y*src.Stride+w]
		lv := lm.L[y*lm.Stride : y*lm.Stride+w]
		b := black[y*w : (y+1)*w]
		for x, v := range row {
			b[x] = int16(v) <= lv[x]
		}
	}
}

// erodeBlack writes into dst (w × h, row-major) Doxa's erosion of src with the requested side: a
// pixel is black when any pixel of its clipped square window is (see the sides above). It is
// separable: a row pass into tmp, then a column pass, each with running counts of black pixels, so
// its cost does not depend on the side. counts has w entries.
func erodeBlack(dst, src, tmp []bool, counts []int, w, h, side int) {
	rad := max(side, 0) / 2
	if side >= 17 {
		rad = (side - 1) / 2
	}
	for y := 0; y < h; y++ {
		in, out := src[y*w:(y+1)*w], tmp[y*w:(y+1)*w]
		c := 0 // black pixels in columns [x − rad, x + rad] ∩ [0, w)
		for x := 0; x < min(rad, w); x++ {
			if in[x] {
				c++
			}
		}
		for x := range out {
			if x+rad < w && in[x+rad] {
				c++
			}
			if x-rad-1 >= 0 && in[x-rad-1] {
				c--
			}
			out[x] = c > 0
		}
	}
	clear(counts)
	for y := 0; y < min(rad, h); y++ {
		for x, b := range tmp[y*w : (y+1)*w] {
			if b {
				counts[x]++
			}
		}
	}
	for y := 0; y < h; y++ {
		if y+rad < h {
			for x, b := range tmp[(y+rad)*w : (y+rad+1)*w] {
				if b {
					counts[x]++
				}
			}
		}
		if y-rad-1 >= 0 {
			for x, b := range tmp[(y-rad-1)*w : (y-rad)*w] {
				if b {
					counts[x]--
				}
			}
		}
		out := dst[y*w : (y+1)*w]
		for x := range out {
			out[x] = counts[x] > 0
		}
	}
}
