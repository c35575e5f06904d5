package algo

import (
	"image"
	"math"
)

// Doxa's Wolf (Doxa's Wolf.hpp), limen's wolf with reference 'doxa'.
// Defaults: window 75, k 0.2.

// DoxaWolf writes into dst (src's bounds) the levels of Wolf and Jolion's threshold
// T = m − k·(1 − s/s_max)·(m − M) as the Δoxa Binarization Framework computes it (commit
// 0bf9953): m and s the mean and population standard deviation of the window × window square
// around the pixel, cut at the picture's edge (no padding), in Doxa's double arithmetic (see
// doxaMeanVar); s_max the square root of the largest window variance anywhere in the picture and
// M the darkest pixel of the whole picture (not the smallest local mean, as the paper has it).
// Doxa looks for the largest variance starting from DBL_MIN, so on a flat picture s_max is
// sqrt(DBL_MIN) and s/s_max is 0. Doxa paints black where v ≤ T; the level is floor(T) cut to
// −1 … 255, so limen's binary output is Doxa's picture. (limen's wolf with reference 'paper'
// follows the authors' program instead.)
//
// Windows larger than the picture, above 181, even or ≤ 0: as DoxaNiblack. Cost: O(pixels),
// whatever the window (two passes of running sums).
//
// C. Wolf, J.-M. Jolion, Extraction and recognition of artificial text in multimedia documents,
// Pattern Analysis and Applications 6(4), 309–326, 2004; B. M. Petty, Δoxa Binarization
// Framework, github.com/brandonmpetty/Doxa.
//
// It runs the fast path of doxa_fast.go (doxaWolfStats, doxaWolfForm); doxaWolfPlain is the
// definition.
func DoxaWolf(dst *LevelMap, src *image.Gray, window int, k float64) {
	if src.Rect.Dx() <= 0 || src.Rect.Dy() <= 0 {
		return
	}
	maxVar, lowest, ok := doxaWolfStats(src, window)
	if !ok {
		doxaWolfPlain(dst, src, window, k)
		return
	}
	maxStd, lo := math.Sqrt(maxVar), float64(lowest)
	exact := func(s, q, n int64) int16 { return doxaWolfLevel(s, q, n, k, maxStd, lo) }
	doxaFormRows(dst, src, window, doxaWolfForm(k, maxStd, lo), exact)
}

// doxaWolfPlain is DoxaWolf pixel by pixel by its definition: what the fast path is held to.
func doxaWolfPlain(dst *LevelMap, src *image.Gray, window int, k float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	// First pass: the largest variance and the darkest pixel.
	maxVar := 0x1p-1022 // C's DBL_MIN, the smallest normal double (not Go's SmallestNonzeroFloat64)
	lowest := uint8(255)
	s := newDoxaChanSums(src, window)
	for y := 0; y < h; y++ {
		s.next()
		for x, v := range src.Pix[y*src.Stride : y*src.Stride+w] {
			_, variance := doxaMeanVar(s.A[x], s.B[x], s.count(x))
			if variance > maxVar {
				maxVar = variance
			}
			lowest = min(lowest, v)
		}
	}
	maxStd, lo := math.Sqrt(maxVar), float64(lowest)

	// Second pass: the sums again (cheaper than keeping m and s for every pixel).
	s = newDoxaChanSums(src, window)
	for y := 0; y < h; y++ {
		s.next()
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range out {
			out[x] = doxaWolfLevel(s.A[x], s.B[x], s.count(x), k, maxStd, lo)
		}
	}
}

// doxaWolfLevel is Doxa's Wolf level of a window of n pixels with sums s and sum of squares q, given
// the picture's largest standard deviation maxStd and darkest pixel lo.
func doxaWolfLevel(s, q, n int64, k, maxStd, lo float64) int16 {
	m, variance := doxaMeanVar(s, q, n)
	f := float64(k * (1 - math.Sqrt(variance)/maxStd))
	return doxaLevel(m - float64(f*(m-lo)))
}
