package algo

import "math"

// scikit-image 0.19.3's global thresholds (skimage.filters.threshold_*), level for level, as
// functions of limen's histogram of an 8-bit gray image.
//
// Each function returns what threshold_<method>(image) returns on a uint8 image with that
// histogram, as a float64 with the same bits (scikit-image's Li and Mean are fractional; the
// others are whole bin centres), checked against scikit-image itself on thousands of histograms
// (skimage_test.go, testdata/refs). The conventions, shared by all of them:
//
//   - scikit-image's histogram of an integer image (skimage.exposure.histogram) has one bin per
//     value from the image's minimum to its maximum, whose centres are those values: the empty
//     bins below the first and above the last non-empty one are not there. Every index below is
//     into that trimmed histogram, and a result is lo + index.
//   - The arithmetic is NumPy's: float64 unless said otherwise, cumulative sums in order
//     (np.cumsum), the first maximum (np.argmax, which takes a NaN as the maximum), and the
//     logarithms of numpymath.go. Yen and IsoData work partly in float32, as scikit-image does.
//   - Where scikit-image has an answer for a constant image, it is that value (no pixel is
//     foreground); where it raises instead (threshold_triangle's argmax of an empty sequence,
//     threshold_minimum's RuntimeError, threshold_isodata's IndexError when no level satisfies its
//     equality), limen returns the image's largest value (no pixel is foreground either) and
//     SkimageRaises names the exception. An empty histogram gives 0 (scikit-image fails on an empty
//     image in various ways).
//
// A level t is the last background value: foreground is v > t, as scikit-image's image > t.

// skimageRange returns the first and last non-empty bins, ok false when h is empty.
func skimageRange(h *Histogram) (lo, hi int, ok bool) {
	lo, hi = -1, -1
	for i, c := range h {
		if c > 0 {
			if lo < 0 {
				lo = i
			}
			hi = i
		}
	}
	return lo, hi, lo >= 0
}

// npArgmax is np.argmax of a float64 slice: the first maximum, or the first NaN if there is one.
func npArgmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x != x {
			return i
		}
		if x > v[best] {
			best = i
		}
	}
	return best
}

// SkimageOtsu returns scikit-image 0.19.3's threshold_otsu of an 8-bit image with histogram h.
//
// Otsu's method: the level that maximises the between-class variance w₁·w₂·(μ₁ − μ₂)². scikit-image
// evaluates it with cumulative sums from both ends of the trimmed histogram (weights and first
// moments), w₁(t)·w₂(t+1)·(μ₁(t) − μ₂(t+1))², the first maximum winning. It differs from OpenCV's
// (otsu.go) in its order of operations, so ties may fall elsewhere, and on degenerate images: a
// constant image gives its value (OpenCV: 0).
//
// N. Otsu, "A threshold selection method from gray-level histograms", IEEE Trans. Systems, Man,
// and Cybernetics 9(1), 62–66, 1979.
func SkimageOtsu(h *Histogram) float64 {
	lo, hi, ok := skimageRange(h)
	if !ok {
		return 0
	}
	if lo == hi {
		return float64(lo) // threshold_otsu returns the one value of a constant image
	}
	n := hi - lo + 1
	// w1, m1: weight and mean of bins 0..i; w2, m2: of bins i..n-1 (summed from the top, as
	// np.cumsum of the reversed arrays does).
	var w1, m1, w2, m2 [256]float64
	s, sm := 0.0, 0.0
	for i := 0; i < n; i++ {
		c := float64(h[lo+i])
		s += c
		sm += float64(c * float64(lo+i))
		w1[i], m1[i] = s, sm/s
	}
	s, sm = 0, 0
	for i := n - 1; i >= 0; i-- {
		c := float64(h[lo+i])
		s += c
		sm += float64(c * float64(lo+i))
		w2[i], m2[i] = s, sm/s
	}
	var v [255]float64
	for i := 0; i < n-1; i++ {
		d := m1[i] - m2[i+1]
		v[i] = float64(float64(w1[i]*w2[i+1]) * float64(d*d))
	}
	return float64(lo + npArgmax(v[:n-1]))
}

// SkimageYen returns scikit-image 0.19.3's threshold_yen of an 8-bit image with histogram h.
//
// Yen's maximum correlation criterion: with P(t) the cumulative probability and S₁(t), S₂(t) the
// sums of squared probabilities below and above t, the level maximising
// ln[(P(1 − P))² / (S₁·S₂)]. scikit-image computes it in float32 (the probabilities are float32;
// their total is rounded to float32 before dividing, as NumPy's scalar casting does), with
// NumPy's float32 log (npLogf), S₂ shifted by one bin, and the first maximum (a NaN, from 0·∞ on
// huge images, wins as np.argmax makes it).
//
// J.-C. Yen, F.-J. Chang, S. Chang, "A new criterion for automatic multilevel thresholding", IEEE
// Trans. Image Processing 4(3), 370–378, 1995.
func SkimageYen(h *Histogram) float64 {
	lo, hi, ok := skimageRange(h)
	if !ok {
		return 0
	}
	if lo == hi {
		return float64(lo)
	}
	n := hi - lo + 1
	total := float32(float64(h.Total()))
	var pmf, p1, s1, s2 [256]float32
	for i := 0; i < n; i++ {
		pmf[i] = float32(float64(h[lo+i])) / total
	}
	var a, b float32
	for i := 0; i < n; i++ {
		a += pmf[i]
		b += float32(pmf[i] * pmf[i])
		p1[i], s1[i] = a, b
	}
	b = 0
	for i := n - 1; i >= 0; i-- {
		b += float32(pmf[i] * pmf[i])
		s2[i] = b
	}
	var crit [255]float64
	for i := 0; i < n-1; i++ {
		r := 1 / float32(s1[i]*s2[i+1])
		q := float32(p1[i] * (1 - p1[i]))
		crit[i] = float64(npLogf(float32(r * float32(q*q))))
	}
	return float64(lo + npArgmax(crit[:n-1]))
}

// SkimageIsodata returns scikit-image 0.19.3's threshold_isodata of an 8-bit image with histogram
// h: the lowest level t at which t ≤ (μ_low(t) + μ_high(t))/2 < t + 1, μ_low the mean of the
// values ≤ t and μ_high of those > t (the fixed points of Ridler and Calvard's iteration).
//
// scikit-image counts in float32 (cumulative counts, which lose precision above 2²⁴ pixels) and
// sums intensities in float64. Where no level satisfies the equality it raises IndexError; limen
// returns the largest value then (see SkimageRaises).
//
// T. W. Ridler, S. Calvard, "Picture thresholding using an iterative selection method", IEEE
// Trans. Systems, Man, and Cybernetics 8(8), 630–632, 1978.
func SkimageIsodata(h *Histogram) float64 {
	t, _ := skimageIsodata(h)
	return t
}

func skimageIsodata(h *Histogram) (float64, string) {
	lo, hi, ok := skimageRange(h)
	if !ok {
		return 0, ""
	}
	if lo == hi {
		return float64(lo), ""
	}
	n := hi - lo + 1
	var cl [256]float32
	var ci [256]float64
	var a float32
	s := 0.0
	for i := 0; i < n; i++ {
		c := float32(float64(h[lo+i]))
		a += c
		s += float64(float64(c) * float64(lo+i))
		cl[i], ci[i] = a, s
	}
	for i := 0; i < n-1; i++ {
		lower := ci[i] / float64(cl[i])
		higher := (ci[n-1] - ci[i]) / float64(cl[n-1]-cl[i])
		d := (lower+higher)/2 - float64(lo+i)
		if d >= 0 && d < 1 {
			return float64(lo + i), ""
		}
	}
	return float64(hi), "IndexError: index 0 is out of bounds for axis 0 with size 0"
}

// SkimageMean returns scikit-image 0.19.3's threshold_mean of an 8-bit image with histogram h: the
// mean gray value, np.mean(image), a float (the sum is exact in float64 below 2⁵³, then one
// division).
//
// C. A. Glasbey, "An analysis of histogram-based thresholding algorithms", CVGIP: Graphical Models
// and Image Processing 55(6), 532–537, 1993.
func SkimageMean(h *Histogram) float64 {
	n, s := 0, 0
	for v, c := range h {
		n += c
		s += v * c
	}
	if n == 0 {
		return 0
	}
	return float64(s) / float64(n)
}

// SkimageLi returns scikit-image 0.19.3's threshold_li of an 8-bit image with histogram h, a float.
//
// Li's minimum cross-entropy threshold by Li and Tam's iteration: on the image shifted to start at
// 0, from the mean, t ← (μ_b − μ_f) / (ln μ_b − ln μ_f) with μ_b, μ_f the means of the values ≤ t
// and > t, until t moves by no more than ½; the result is t + the image's minimum. The logs are
// NumPy's (npLog): the level's last bits depend on them. When the lower class is all zeros
// (μ_b = 0, a two-level image) the step gives 0, as NumPy's −∞ log does. scikit-image has no
// iteration limit; limen stops after 10 000 steps (no histogram has been seen to need more than a
// few dozen) and returns the last t.
//
// C. H. Li, C. K. Lee, "Minimum cross entropy thresholding", Pattern Recognition 26(4), 617–625,
// 1993; C. H. Li, P. K. S. Tam, "An iterative algorithm for minimum cross entropy thresholding",
// Pattern Recognition Letters 18(8), 771–776, 1998.
func SkimageLi(h *Histogram) float64 {
	lo, hi, ok := skimageRange(h)
	if !ok {
		return 0
	}
	if lo == hi {
		return float64(lo)
	}
	n := hi - lo + 1
	// Cumulative counts and first moments of the shifted values (exact integers, as NumPy's sums
	// of them are below 2⁵³), so that each class mean is one division.
	var cc, cm [257]int
	for i := 0; i < n; i++ {
		cc[i+1] = cc[i] + h[lo+i]
		cm[i+1] = cm[i] + i*h[lo+i]
	}
	tNext := float64(cm[n]) / float64(cc[n])
	tCurr := -1.0 // −2·tolerance
	for step := 0; step < 10000 && math.Abs(tNext-tCurr) > 0.5; step++ {
		tCurr = tNext
		// Background: values i ≤ tCurr, i.e. i < k with k the first value above tCurr.
		k := min(int(math.Floor(tCurr))+1, n)
		k = max(k, 0)
		if k == 0 || k == n {
			break // one class empty: cannot happen for 0 ≤ tCurr < n − 1 (see the doc)
		}
		meanBack := float64(cm[k]) / float64(cc[k])
		meanFore := float64(cm[n]-cm[k]) / float64(cc[n]-cc[k])
		tNext = (meanBack - meanFore) / (npLog(meanBack) - npLog(meanFore))
	}
	return tNext + float64(lo)
}

// SkimageMinimum returns scikit-image 0.19.3's threshold_minimum of an 8-bit image with histogram
// h: the histogram is smoothed by a 3-bin running mean until it has at most two local maxima, and
// the level is the first lowest bin between them.
//
// scikit-image smooths with scipy.ndimage.uniform_filter1d (size 3, 'reflect' ends: the end bins
// repeat), a running sum divided by 3, at most 10 000 times, and finds maxima with its own scan, in
// which a plateau counts once, at its left end. It raises RuntimeError when the smoothing does not
// end with exactly two maxima (a unimodal or two-valued image, say) or takes all 10 000 rounds;
// limen returns the largest value then (see SkimageRaises).
//
// J. M. S. Prewitt, M. L. Mendelsohn, "The analysis of cell images", Annals of the New York Academy
// of Sciences 128(3), 1035–1053, 1966; C. A. Glasbey, "An analysis of histogram-based
// thresholding algorithms", CVGIP: Graphical Models and Image Processing 55(6), 532–537, 1993.
func SkimageMinimum(h *Histogram) float64 {
	t, _ := skimageMinimum(h)
	return t
}

func skimageMinimum(h *Histogram) (float64, string) {
	lo, hi, ok := skimageRange(h)
	if !ok {
		return 0, ""
	}
	n := hi - lo + 1
	var buf [258]float64 // the line with one reflected bin at each end
	sm := buf[1 : n+1]
	for i := range sm {
		sm[i] = float64(h[lo+i])
	}
	var out [256]float64
	var maxima [256]int
	nmax := 0
	const maxIter = 10000
	counter := 0 // Python's loop variable: it stays at the last round when the loop runs out
	for round := 0; round < maxIter; round++ {
		counter = round
		// uniform_filter1d(size 3): tmp = x[-1] + x[0] + x[1], then tmp += x[i+1] − x[i−2].
		buf[0], buf[n+1] = sm[0], sm[n-1]
		tmp := 0.0
		for i := 0; i < 3; i++ {
			tmp += buf[i]
		}
		out[0] = tmp / 3
		for i := 1; i < n; i++ {
			tmp += buf[i+2] - buf[i-1]
			out[i] = tmp / 3
		}
		copy(sm, out[:n])
		nmax = 0
		up := true
		for i := 0; i < n-1; i++ {
			if up {
				if sm[i+1] < sm[i] {
					up = false
					maxima[nmax] = i
					nmax++
				}
			} else if sm[i+1] > sm[i] {
				up = true
			}
		}
		if nmax < 3 {
			break
		}
	}
	if nmax != 2 {
		return float64(hi), "RuntimeError: Unable to find two maxima in histogram"
	}
	if counter == maxIter-1 {
		return float64(hi), "RuntimeError: Maximum iteration reached for histogramsmoothing"
	}
	best := maxima[0]
	for i := maxima[0]; i <= maxima[1]; i++ {
		if sm[i] < sm[best] {
			best = i
		}
	}
	return float64(lo + best), ""
}

// SkimageTriangle returns scikit-image 0.19.3's threshold_triangle of an 8-bit image with
// histogram h.
//
// The triangle method: a line from the histogram's peak to the far end of its longer tail, and the
// level where the histogram lies farthest below it. scikit-image, unlike OpenCV (triangle.go) and
// ImageJ, does not pad the tail by an empty bin and does not step back by one: on the trimmed
// histogram, flipped when the left tail is the shorter (peak − first < last − peak), it maximises
// h_peak·x − width·h[x] over x in [first, peak) (both normalised by √(h_peak² + width²), in int64
// then float64), the first maximum winning. So it differs from OpenCV's level by ±1 on many images.
// A constant image makes scikit-image take the argmax of nothing (ValueError); limen returns the
// value (see SkimageRaises).
//
// G. W. Zack, W. E. Rogers, S. A. Latt, "Automatic measurement of sister chromatid exchange
// frequency", Journal of Histochemistry & Cytochemistry 25(7), 741–753, 1977.
func SkimageTriangle(h *Histogram) float64 {
	t, _ := skimageTriangle(h)
	return t
}

func skimageTriangle(hist *Histogram) (float64, string) {
	lo, hi, ok := skimageRange(hist)
	if !ok {
		return 0, ""
	}
	n := hi - lo + 1
	var h [256]int64
	for i := 0; i < n; i++ {
		h[i] = int64(hist[lo+i])
	}
	peak := 0
	for i := 1; i < n; i++ {
		if h[i] > h[peak] {
			peak = i
		}
	}
	height := h[peak]
	// The first and last non-empty bins of the trimmed histogram are 0 and n−1.
	flip := peak < n-1-peak
	if flip {
		for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
			h[i], h[j] = h[j], h[i]
		}
		peak = n - 1 - peak
	}
	width := int64(peak)
	if width == 0 {
		return float64(lo), "ValueError: attempt to get argmax of an empty sequence"
	}
	// np.sqrt(peak_height**2 + width**2): int64 arithmetic (wrapping as NumPy's does), then float64.
	norm := math.Sqrt(float64(height*height + width*width))
	ph := float64(height) / norm
	w := float64(width) / norm
	var length [255]float64
	for x := int64(0); x < width; x++ {
		length[x] = float64(ph*float64(x)) - float64(w*float64(h[x]))
	}
	level := npArgmax(length[:width])
	if flip {
		level = n - level - 1
	}
	return float64(lo + level), ""
}

// SkimageRaises returns the exception scikit-image 0.19.3 raises for method ("triangle",
// "minimum", "isodata") on an 8-bit image with histogram h, as "Type: message", or "" when it
// returns a level. The level functions return a defined value in those cases (see the top of this
// file). The other methods never raise on a non-empty image.
func SkimageRaises(method string, h *Histogram) string {
	var e string
	switch method {
	case "triangle":
		_, e = skimageTriangle(h)
	case "minimum":
		_, e = skimageMinimum(h)
	case "isodata":
		_, e = skimageIsodata(h)
	}
	return e
}
