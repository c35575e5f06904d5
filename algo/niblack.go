package algo

import (
	"image"
	"math"
)

// Niblack's and Sauvola's local thresholds, as scikit-image 0.19.3 computes them
// (filters.threshold_niblack, filters.threshold_sauvola): the mean m and standard deviation σ of
// the window × window neighbourhood of every pixel, from float64 integral images of the image
// padded in numpy's "reflect" mode (OpenCV's BORDER_REFLECT_101). Those integral images hold exact
// integers for 8-bit images, so limen takes exact window sums by running sums instead (O(1) per
// pixel, whatever the window) and repeats scikit-image's float64 operations from there on, in its
// order: see skimageMeanStd. Output is v > T(x, y); the level is floor(T) clamped to -1..255.

// Niblack writes into dst (src's bounds) the level of Niblack's threshold T = m − k·σ over the
// window × window neighbourhood (window odd, ≥ 1), exactly as scikit-image 0.19.3's
// threshold_niblack(image, window_size=window, k=k) followed by image > T. Foreground is v > level;
// levels are clamped to -1..255. Cost: O(pixels), whatever the window.
//
// Niblack's book writes T = m + k·σ with k ≈ −0.2 for dark text on light paper; scikit-image (and
// limen) subtract k·σ, so their k has the opposite sign (OpenCV's ximgproc adds k·σ).
//
// W. Niblack, An Introduction to Digital Image Processing, Prentice-Hall, 1986, pp. 115–116.
func Niblack(dst *LevelMap, src *image.Gray, window int, k float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	n := float64(window) * float64(window)
	exact := func(s, q int64) int16 { return niblackLevel(s, q, n, k) }
	// T* = m* − k·σ* = S/n − (k/n)·√V (see sqrtForm). scikit-image's T = fl(m − fl(k·σ)) is within
	// u·255 + |k|·(Δs + u·128) + u·(255 + |k|·128) of it (meanStdError gives Δs).
	const u = 0x1p-53
	ds, dm := meanStdError()
	ak := math.Abs(k)
	f := newSqrtForm(int64(window)*int64(window), 1/n, 0, -k/n, 0, 128*n,
		dm+ak*(ds+128*u)+u*(255+ak*128))
	ws := newWindowSums(src, window/2, borderReflect101, true)
	for y := 0; y < h; y++ {
		ws.nextColumns()
		f.row(dst.L[y*dst.Stride:y*dst.Stride+w], ws.col, ws.colSq, ws.r, exact)
	}
}

// niblackLevel is Niblack's level by its definition, scikit-image's operations in order, from the
// window's sum s and sum of squares q (n pixels).
func niblackLevel(s, q int64, n, k float64) int16 {
	m, sd := skimageMeanStd(s, q, n)
	return FloorLevel(m - float64(k*sd))
}

// niblackPlain is Niblack computed pixel by pixel by its definition: what the fast path is held to.
func niblackPlain(dst *LevelMap, src *image.Gray, window int, k float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	n := float64(window) * float64(window)
	ws := newWindowSums(src, window/2, borderReflect101, true)
	for y := 0; y < h; y++ {
		ws.next()
		sum, sumSq := ws.sum[:w], ws.sumSq[:w]
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range out {
			out[x] = niblackLevel(sum[x], sumSq[x], n, k)
		}
	}
}

// Sauvola writes into dst (src's bounds) the level of Sauvola's threshold
// T = m·(1 + k·(σ/r − 1)) over the window × window neighbourhood (window odd, ≥ 1; r > 0, the
// dynamic range of σ: scikit-image's default for 8-bit images is half the dtype's range, 127.5),
// exactly as scikit-image 0.19.3's threshold_sauvola(image, window_size=window, k=k, r=r) followed
// by image > T, operations in its order. Foreground is v > level; levels are clamped to -1..255.
// Cost: O(pixels), whatever the window.
//
// J. Sauvola, M. Pietikäinen, Adaptive document image binarization, Pattern Recognition 33(2),
// 225–236, 2000.
func Sauvola(dst *LevelMap, src *image.Gray, window int, k, r float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	n := float64(window) * float64(window)
	exact := func(s, q int64) int16 { return sauvolaLevel(s, q, n, k, r) }
	f := newSqrtForm(int64(window)*int64(window), 0, 0, 0, 0, 0, math.Inf(1)) // all exact
	if r > 0 && !math.IsInf(r, 0) {
		// T* = m*·(1 − k) + m*·k·σ*/r = S·(1 − k)/n + S·(k/(r·n²))·√V (see sqrtForm). With C the
		// largest |1 + k·(σ/r − 1)| for σ in 0..128, scikit-image's four roundings after σ (see
		// Sauvola) keep its T within 255·|k|·Δs/r + 255·u·(3·|k|·(128/r + 1) + 3·C) of T*, Δs from
		// meanStdError (m's own error, 255u·C, is in the last term).
		const u = 0x1p-53
		ds, _ := meanStdError()
		ak := math.Abs(k)
		c := math.Abs(1-k) + ak*128/r
		f = newSqrtForm(int64(window)*int64(window), (1-k)/n, k/r/n/n, 0, 0, 128*n,
			255*ak*ds/r+255*u*(3*ak*(128/r+1)+3*c))
	}
	ws := newWindowSums(src, window/2, borderReflect101, true)
	for y := 0; y < h; y++ {
		ws.nextColumns()
		f.row(dst.L[y*dst.Stride:y*dst.Stride+w], ws.col, ws.colSq, ws.r, exact)
	}
}

// sauvolaLevel is Sauvola's level by its definition, scikit-image's operations in order, from the
// window's sum s and sum of squares q (n pixels).
func sauvolaLevel(s, q int64, n, k, r float64) int16 {
	m, sd := skimageMeanStd(s, q, n)
	// numpy evaluates m * (1 + k * ((s / r) - 1)) one rounding at a time; the explicit
	// conversions keep Go from fusing a multiply and an add.
	t := float64(k * (sd/r - 1))
	return FloorLevel(float64(m * (1 + t)))
}

// sauvolaPlain is Sauvola computed pixel by pixel by its definition: what the fast path is held to.
func sauvolaPlain(dst *LevelMap, src *image.Gray, window int, k, r float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	n := float64(window) * float64(window)
	ws := newWindowSums(src, window/2, borderReflect101, true)
	for y := 0; y < h; y++ {
		ws.next()
		sum, sumSq := ws.sum[:w], ws.sumSq[:w]
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range out {
			out[x] = sauvolaLevel(sum[x], sumSq[x], n, k, r)
		}
	}
}
