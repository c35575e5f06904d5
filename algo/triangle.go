package algo

import "math"

// Triangle returns the triangle level of h exactly as OpenCV 4.6's
// threshold(..., THRESH_TRIANGLE) computes it (getThreshVal_Triangle_8u); foreground is v > level.
//
// The method draws a line from the histogram's peak to the far end of its longer tail and takes the
// level where the histogram lies farthest below that line. OpenCV's version of it:
//   - the tail ends are padded by one bin: left = first non-empty bin − 1 (not below 0),
//     right = last non-empty bin + 1 (not above 255);
//   - the peak is the first highest bin; when it is nearer the left end than the right
//     (peak − left < right − peak) the histogram is flipped so that the long tail is on the left;
//   - the line runs from (left, 0) to (peak, h[peak]); for i = left+1 … peak the distance is
//     proportional to h[peak]·i + (left − peak)·h[i], the first strict maximum wins, starting from
//     level left with distance 0;
//   - the level is one less than that bin (flipped back when the histogram was flipped).
//
// The result is OpenCV's, including on degenerate histograms, where it can leave 0..255: a
// constant image of value v > 1 gives v − 1, value 0 gives 1, value 1 gives −1 (every pixel is
// foreground), and a few two- or three-bin histograms at the top end give 256 (none is). An empty
// histogram, which OpenCV never sees, gives 0.
//
// G. W. Zack, W. E. Rogers, S. A. Latt, "Automatic measurement of sister chromatid exchange
// frequency", Journal of Histochemistry & Cytochemistry 25(7), 741–753, 1977.
func Triangle(h *Histogram) int {
	return triangle(h, nil)
}

// TriangleCriterion returns, at each level t, the distance from the histogram point of the bin
// that level t stands for (bin t+1, or bin t−1 when OpenCV flips the histogram) to the line from
// the padded tail end to the peak, in histogram units; NaN at the levels Triangle does not
// consider. Triangle's level is where it is largest (on ties, the first in OpenCV's scan, which
// is the last in level order when the histogram is flipped).
func TriangleCriterion(h *Histogram, _ Params) []float64 {
	c := make([]float64, 256)
	triangle(h, c)
	return c
}

// triangle follows OpenCV's loop, in int and double as it does. When criterion is not nil it
// receives the true point-to-line distance, indexed by level.
func triangle(hist *Histogram, criterion []float64) int {
	for i := range criterion {
		criterion[i] = math.NaN()
	}
	const n = 256
	h := *hist // OpenCV flips its own copy
	left, right := -1, -1
	for i := 0; i < n; i++ {
		if h[i] > 0 {
			left = i
			break
		}
	}
	if left < 0 {
		return 0 // empty histogram
	}
	if left > 0 {
		left--
	}
	for i := n - 1; i > 0; i-- { // as OpenCV: bin 0 alone leaves right at 0
		if h[i] > 0 {
			right = i
			break
		}
	}
	if right < 0 {
		right = 0
	}
	if right < n-1 {
		right++
	}
	peak, top := 0, 0
	for i := 0; i < n; i++ {
		if h[i] > top {
			top, peak = h[i], i
		}
	}
	flipped := false
	if peak-left < right-peak {
		flipped = true
		for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
			h[i], h[j] = h[j], h[i]
		}
		left = n - 1 - right
		peak = n - 1 - peak
	}

	// OpenCV omits the constant terms of the distance: they do not move the maximum.
	a, b := float64(top), float64(left-peak)
	norm := math.Hypot(a, b)
	thresh := left
	dist := 0.0
	for i := left + 1; i <= peak; i++ {
		d := a*float64(i) + b*float64(h[i])
		if criterion != nil && norm > 0 {
			level := i - 1
			if flipped {
				level = n - 1 - level
			}
			if level >= 0 && level < n {
				criterion[level] = (d - a*float64(left)) / norm
			}
		}
		if d > dist {
			dist, thresh = d, i
		}
	}
	thresh--
	if flipped {
		thresh = n - 1 - thresh
	}
	return thresh
}
