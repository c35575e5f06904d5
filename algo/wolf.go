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
	wolf(dst, src, window, k, false)
}

// wolfPlain is Wolf computed pixel by pixel by its definition: what the fast path is held to.
func wolfPlain(dst *LevelMap, src *image.Gray, window int, k float64) {
	wolf(dst, src, window, k, true)
}

func wolf(dst *LevelMap, src *image.Gray, window int, k float64, plain bool) {
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
		if plain {
			ws.next()
			sq := ws.sumSq[:w]
			for x, s := range ws.sum[:w] {
				topVar = max(topVar, n*sq[x]-s*s)
			}
			continue
		}
		ws.nextColumns()
		topVar = max(topVar, maxVarRow(ws.col, ws.colSq, r, w, n))
	}
	bigR := math.Sqrt(float64(topVar) / nn)
	lo := float64(lowest)
	exact := func(s, q int64) int16 { return wolfLevel(s, q, n, nn, k, bigR, lo) }

	// T* = m* + k·(σ*/R − 1)·(m* − M) = S·(1 − k)/n + k·M + √V·(S·k/(n²R) − k·M/(n·R)) (see
	// sqrtForm; R > 0, and the σ/R term is 0 when R = 0). The definition's T rounds m, σ²·n²/n²,
	// σ, σ/R, ratio − 1, k·(…), m − M, the product and the sum: relative to terms of at most
	// 255·max(1, |k|)·(1 + 2.02), with |σ/R| ≤ 1 + 3u (R, too, is a rounded value of the largest σ),
	// its error stays below 255·u·(4 + 10·|k|).
	const u = 0x1p-53
	nf := float64(n)
	b, d := 0.0, 0.0
	if bigR > 0 {
		b, d = k/(nf*nf*bigR), -k*lo/(nf*bigR)
	}
	f := newSqrtForm(n, (1-k)/nf, b, d, k*lo, nf*bigR*(1+0x1p-40), 255*u*(4+10*math.Abs(k)))
	// Second pass: the window sums again (cheaper than storing m and σ for every pixel).
	ws = newWindowSums(src, r, borderReflect101, true)
	for y := 0; y < h; y++ {
		if plain {
			ws.next()
			sq := ws.sumSq[:w]
			out := dst.L[y*dst.Stride : y*dst.Stride+w]
			for x, s := range ws.sum[:w] {
				out[x] = exact(s, sq[x])
			}
			continue
		}
		ws.nextColumns()
		f.row(dst.L[y*dst.Stride:y*dst.Stride+w], ws.col, ws.colSq, r, exact)
	}
}

// wolfLevel is Wolf's level by its definition (see Wolf) from the window's sum s and sum of squares
// q: m = s/n and σ = √((n·q − s²)/n²) in float64, then T, one rounding at a time.
func wolfLevel(s, q, n int64, nn, k, bigR, lo float64) int16 {
	m := float64(s) / float64(n)
	ratio := 0.0
	if bigR > 0 {
		ratio = math.Sqrt(float64(n*q-s*s)/nn) / bigR
	}
	// m + k·(σ/R − 1)·(m − M), one rounding at a time (no fused multiply-add).
	t := m + float64(float64(k*(ratio-1))*(m-lo))
	return ceilLevel(t)
}

// maxVarRow returns the largest n·Q − S² over the windows of one row (column sums as for
// sqrtForm.row).
func maxVarRow(c, cq []uint32, r, w int, n int64) int64 {
	var s, q int64
	for j := 0; j <= 2*r; j++ {
		s += int64(c[j])
		q += int64(cq[j])
	}
	top := n*q - s*s
	add, sub := c[2*r+1:2*r+w], c[:w-1]
	addq, subq := cq[2*r+1:2*r+w], cq[:w-1]
	for i := range add {
		s += int64(add[i]) - int64(sub[i])
		q += int64(addq[i]) - int64(subq[i])
		top = max(top, n*q-s*s)
	}
	return top
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
