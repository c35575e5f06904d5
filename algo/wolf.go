package algo

import (
	"image"
	"math"
)

// Wolf writes into dst (src's bounds) the levels of Wolf and Jolion's threshold
//
//	T = (1 − k)·m + k·M + k·(σ/R)·(m − M) = m + k·(σ/R − 1)·(m − M)
//
// where m and σ are the mean and (population) standard deviation of the window × window square
// around the pixel, M is the smallest value of the image and R the largest σ of any window. As in
// the authors' program, a pixel is foreground (255) when v ≥ T, so the level is ⌈T⌉ − 1, clamped to
// -1..255. Dark text on light paper is therefore background; choose binary-inv to see it white.
// window must be odd and ≥ 1; k is 0.5 in the paper. Cost: O(pixels), whatever the window.
//
// limen's own definition, where neither the paper nor the authors' program pins one down:
//   - the window is centred (odd side) and reaches past the image edge by BORDER_REFLECT_101, as
//     every other windowed method of limen with a square window; the authors' program uses an even
//     window (40×40 by default), computes the statistics only where it fits inside the image, and
//     copies the nearest threshold to the border;
//   - m = sum/n and σ = √((n·Σv² − (Σv)²)/n²), from exact integer sums, in float64 (the program
//     stores m, σ and T in float32); R is the largest σ over all pixels' windows, border ones
//     included;
//   - when R = 0 (a constant image) the σ/R term is taken as 0: T = m, and every pixel (v = m) is
//     foreground.
//
// C. Wolf, J.-M. Jolion, Extraction and recognition of artificial text in multimedia documents,
// Pattern Analysis and Applications 6(4), 309–326, 2004 (first in C. Wolf, J.-M. Jolion,
// F. Chassaing, Text localization, enhancement and binarization in multimedia documents, ICPR 2002).
func Wolf(dst *LevelMap, src *image.Gray, window int, k float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	n := int64(window) * int64(window)
	nn := float64(n * n)
	r := window / 2

	// First pass: M, and the largest variance numerator n·Σv² − (Σv)² (σ² grows with it).
	lowest := 255
	for y := 0; y < h; y++ {
		for _, v := range src.Pix[y*src.Stride : y*src.Stride+w] {
			lowest = min(lowest, int(v))
		}
	}
	var topVar int64
	ws := newWindowSums(src, r, borderReflect101, true)
	for y := 0; y < h; y++ {
		ws.next()
		sq := ws.sumSq[:w]
		for x, s := range ws.sum[:w] {
			topVar = max(topVar, n*sq[x]-s*s)
		}
	}
	bigR := math.Sqrt(float64(topVar) / nn)
	lo := float64(lowest)

	// Second pass: the window sums again (cheaper than storing m and σ for every pixel).
	ws = newWindowSums(src, r, borderReflect101, true)
	for y := 0; y < h; y++ {
		ws.next()
		sq := ws.sumSq[:w]
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x, s := range ws.sum[:w] {
			m := float64(s) / float64(n)
			ratio := 0.0
			if bigR > 0 {
				ratio = math.Sqrt(float64(n*sq[x]-s*s)/nn) / bigR
			}
			// m + k·(σ/R − 1)·(m − M), one rounding at a time (no fused multiply-add).
			t := m + float64(float64(k*(ratio-1))*(m-lo))
			out[x] = ceilLevel(t)
		}
	}
}

// ceilLevel turns a real threshold T with the rule "foreground is v ≥ T" into the level L with
// "foreground is v > L": for integer v, v ≥ T ⇔ v > ⌈T⌉ − 1. L is clamped to -1..255; a NaN T
// makes every pixel background (255).
func ceilLevel(t float64) int16 {
	switch {
	case t > 255:
		return 255
	case t > -1:
		return int16(math.Ceil(t) - 1)
	case t <= -1:
		return -1
	}
	return 255 // NaN
}
