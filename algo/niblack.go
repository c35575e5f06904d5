package algo

import "image"

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
	ws := newWindowSums(src, window/2, borderReflect101, true)
	for y := 0; y < h; y++ {
		ws.next()
		sum, sumSq := ws.sum[:w], ws.sumSq[:w]
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range out {
			m, s := skimageMeanStd(sum[x], sumSq[x], n)
			out[x] = FloorLevel(m - float64(k*s))
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
	ws := newWindowSums(src, window/2, borderReflect101, true)
	for y := 0; y < h; y++ {
		ws.next()
		sum, sumSq := ws.sum[:w], ws.sumSq[:w]
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range out {
			m, s := skimageMeanStd(sum[x], sumSq[x], n)
			// numpy evaluates m * (1 + k * ((s / r) - 1)) one rounding at a time; the explicit
			// conversions keep Go from fusing a multiply and an add.
			t := float64(k * (s/r - 1))
			out[x] = FloorLevel(float64(m * (1 + t)))
		}
	}
}
