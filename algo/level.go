package algo

import "math"

// Levels: limen's one convention, named here once.
//
// A level L is the last background value: a pixel v is foreground when v > L, as in OpenCV,
// scikit-image and ImageJ (light objects). For 8-bit pixels every level means the same as one of
// −1..255: −1 makes every pixel foreground, 255 none. A global method returns its library's exact
// value (Result.Level), which may be a fraction (the iterative method's T) or, on degenerate
// histograms, just outside 0..255: OpenCV's triangle gives −1 or 256 there, and limen keeps
// OpenCV's number (see GlobalLevelMin, GlobalLevelMax). Whatever produces a level for a pixel
// loop goes through one of the three helpers below, which bring it into −1..255 the same way:
//   - IntLevel: a global level (float64) → the integer level of 8-bit data;
//   - FloorLevel: a local method's real-valued threshold T → its level, NaN → 255;
//   - ClampLevel: an integer level computed by a local method → −1..255.

// GlobalLevelMin and GlobalLevelMax bound Result.Level of every global method: OpenCV's triangle
// reaches both ends on degenerate histograms (an image all of value 1 gives −1), every other method
// stays in 0..255.
const (
	GlobalLevelMin = -1
	GlobalLevelMax = 256
)

// IntLevel turns a level into the last background value of 8-bit data: v > t ⇔ v > floor(t) for a
// whole v, and OpenCV's 8-bit threshold uses floor(thresh) for the same reason (TRUNC gives it).
// The result is clamped to -1..255 (-1: everything is foreground; 255: nothing is).
func IntLevel(t float64) int {
	switch {
	case !(t >= -1): // also NaN
		return -1
	case t >= 255:
		return 255
	}
	l := int(t)
	if float64(l) > t {
		l--
	}
	return l
}

// FloorLevel turns a real threshold T ("foreground is v > T") into the level L with the same
// meaning for every 8-bit v: v > T ⇔ v > floor(T) for integer v, and L is floor(T) clamped to
// -1..255. A NaN threshold makes every pixel background (v > NaN is false), so it gives 255.
func FloorLevel(t float64) int16 {
	switch {
	case t >= 255:
		return 255
	case t >= -1:
		return int16(math.Floor(t))
	case t < -1:
		return -1
	}
	return 255 // NaN
}

// ClampLevel brings an integer level into -1..255: below -1 every pixel is foreground anyway, above
// 255 none is.
func ClampLevel(l int) int16 { return int16(min(max(l, -1), 255)) }
