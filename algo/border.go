package algo

// Borders: which pixel a window sees past the edge of the image, named once for every method that
// pads (the local methods' windows, the Gaussian blur, the edge filters). Doxa's methods do not pad:
// their windows are clipped at the edge instead.

// border says which pixel a window sees when it reaches past the edge of the image. The names are
// OpenCV's; the pictures show a row abcd padded by three on each side.
type border int

const (
	// borderReplicate repeats the edge pixel: aaa|abcd|ddd (OpenCV BORDER_REPLICATE).
	borderReplicate border = iota
	// borderReflect101 mirrors about the edge pixel, which is not repeated: dcb|abcd|cba (OpenCV
	// BORDER_REFLECT_101, numpy's and scikit-image's mode "reflect"). When the window reaches
	// further than the row is long, the mirroring repeats with period 2(n-1), as numpy.pad does;
	// a row of one pixel repeats that pixel.
	borderReflect101
	// borderReflect mirrors about the edge itself, so the edge pixel repeats: cba|abcd|dcb (OpenCV
	// BORDER_REFLECT, scipy.ndimage's mode "reflect", which scikit-image's threshold_local uses —
	// unlike numpy.pad's "reflect", which is borderReflect101). Past one row length the mirroring
	// repeats with period 2n, as scipy's line buffers do.
	borderReflect
)

// borderIndex maps i, any integer, to the index in 0..n-1 (n ≥ 1) of the pixel that position i
// shows under border b.
func borderIndex(i, n int, b border) int {
	switch b {
	case borderReplicate:
		return min(max(i, 0), n-1)
	case borderReflect:
		p := 2 * n
		i %= p
		if i < 0 {
			i += p
		}
		if i >= n {
			i = p - 1 - i
		}
		return i
	default: // borderReflect101
		if n == 1 {
			return 0
		}
		p := 2 * (n - 1)
		i %= p
		if i < 0 {
			i += p
		}
		if i >= n {
			i = p - i
		}
		return i
	}
}

// borderTable returns t with t[j] = borderIndex(j-r, n, b) for j in 0..n+2r-1: the source index of
// every position of a row of n padded by r on each side. Built once per call, it keeps the border
// arithmetic out of the per-pixel loops.
func borderTable(n, r int, b border) []int32 {
	t := make([]int32, n+2*r)
	for j := range t {
		t[j] = int32(borderIndex(j-r, n, b))
	}
	return t
}
