package algo

import (
	"image"
	"math"
)

// Window machinery shared by limen's ports of the Δoxa Binarization Framework (B. M. Petty,
// github.com/brandonmpetty/Doxa, commit 0bf9953, CC0): each method is exact to Doxa's pictures.
//
// Doxa's windows are squares of side `window` (a size, not a radius) with no padding: near the
// border a window is cut to the picture, and its statistics are over the pixels it still covers.
// Three parts of Doxa slide windows, and for an even side they do not agree on which pixels a
// window holds (for an odd side w = 2r+1 all three take rows and columns y−r … y+r):
//
//   - Chan's running sums (ChanMeanVarianceCalc, the mean and variance of Niblack, Sauvola, Wolf,
//     NICK, TRSingh, WAN, Gatos): (w−1)/2 before the centre and w/2 after it, w pixels in all.
//   - The centred window (LocalWindow, Su's statistics, Gatos's background, the min/max filter
//     below side 17): w/2 on each side, 2·(w/2)+1 pixels.
//   - The large min/max filter (Morphology::Morph, sides 17 and up): (w−1)/2 on each side, so
//     w−1 pixels for an even side.
//
// Doxa reads outside the picture when a window does not fit (Chan's sums need w/2 ≤ both sides,
// the large min/max filter w ≤ both sides). limen has no such limit: a window is always cut at the
// edges, which is what Doxa computes wherever it stays inside the picture, so a window larger than
// the picture simply covers all of it. Doxa's Chan sums also overflow: the column sums are 16-bit
// (wrong above 257 rows) and the window's sum of squares is a 32-bit int (wrong for w ≥ 182 on a
// bright picture). limen's sums are exact 64-bit integers, so it equals Doxa up to side 181 and
// gives the true statistics beyond.
//
// Everything here costs O(pixels) whatever the window, and allocates per call, never per pixel.

// doxaSums streams exact window sums of a gray picture, one row at a time, over clipped windows
// of rows y−before … y+after and columns x−before … x+after. It has two modes:
//
//   - plain (mask nil): A = Σv and B = Σv² over the window; the count is rows·cols (see count);
//   - masked: A = Σv over the window's pixels whose mask value is not 0, and B = their number.
//
// It keeps one running sum per column over the window's rows and slides a running sum of those
// along each row. before = −1, after = 0 gives empty windows (zero sums, zero count): Doxa's
// window 0.
//
// Use: s := newDoxaSums(...); for y := 0 … h−1 in order: s.next(), then s.A[x], s.B[x] hold the
// sums of row y's windows and s.count(x) their size (plain mode).
type doxaSums struct {
	src           *image.Gray
	mask          []uint8 // nil for plain mode; else w·h values, row-major, stride w
	w, h          int
	before, after int
	y             int     // the row next() computes
	rows          int64   // rows in the current window (after next)
	cols          []int64 // columns in the window of each x
	colA, colB    []int64 // sums of each column over the window's rows
	A, B          []int64 // sums of the current row's windows
}

// newDoxaSums prepares the sums of src's windows with the given extents (each at least −1; they
// are cut to the picture's size, which changes nothing). mask, when not nil, has src's pixel
// count, row-major with stride src.Rect.Dx().
func newDoxaSums(src *image.Gray, mask []uint8, before, after int) *doxaSums {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	// A window reaching further than the picture is long covers the same pixels as one that
	// reaches exactly to the far edge; cutting the extents keeps every index arithmetic small.
	n := max(w, h)
	before, after = min(before, n), min(after, n)
	return &doxaSums{
		src: src, mask: mask, w: w, h: h, before: before, after: after,
		colA: make([]int64, w), colB: make([]int64, w),
		A: make([]int64, w), B: make([]int64, w),
	}
}

// newDoxaChanSums returns the plain sums of the windows of side window as Doxa's Chan sums place
// them: (window−1)/2 rows and columns before the pixel, window/2 after. window ≤ 0 gives empty
// windows, as Doxa's window 0 does (its mean is then 0/0, NaN).
func newDoxaChanSums(src *image.Gray, window int) *doxaSums {
	if window <= 0 {
		return newDoxaSums(src, nil, -1, 0)
	}
	return newDoxaSums(src, nil, (window-1)/2, window/2)
}

// addRow adds row r into the column sums (sub: takes it out).
func (s *doxaSums) addRow(r int, sub bool) {
	a, b := s.colA[:s.w], s.colB[:s.w]
	row := s.src.Pix[r*s.src.Stride : r*s.src.Stride+s.w]
	if s.mask == nil {
		if sub {
			for x, v := range row {
				a[x] -= int64(v)
				b[x] -= int64(v) * int64(v)
			}
		} else {
			for x, v := range row {
				a[x] += int64(v)
				b[x] += int64(v) * int64(v)
			}
		}
		return
	}
	m := s.mask[r*s.w : r*s.w+s.w]
	sign := int64(1)
	if sub {
		sign = -1
	}
	for x, v := range row {
		if m[x] != 0 {
			a[x] += sign * int64(v)
			b[x] += sign
		}
	}
}

// next computes the window sums of the next row (0, 1, … h−1 in turn).
func (s *doxaSums) next() {
	y := s.y
	if y == 0 {
		for r := 0; r < min(s.after, s.h); r++ {
			s.addRow(r, false)
		}
		s.cols = make([]int64, s.w)
		for x := range s.cols {
			s.cols[x] = int64(max(0, min(s.w-1, x+s.after)-max(0, x-s.before)+1))
		}
	}
	// Row y's window is rows y−before … y+after: row y+after enters, row y−before−1 leaves.
	if r := y + s.after; r < s.h {
		s.addRow(r, false)
	}
	if r := y - s.before - 1; r >= 0 && r < s.h {
		s.addRow(r, true)
	}
	s.rows = int64(max(0, min(s.h-1, y+s.after)-max(0, y-s.before)+1))
	s.y++
	slideDoxa(s.A, s.colA, s.before, s.after)
	slideDoxa(s.B, s.colB, s.before, s.after)
}

// slideDoxa writes into out[x] the sum of col over x−before … x+after cut to 0 … len(col)−1.
func slideDoxa(out, col []int64, before, after int) {
	w := len(col)
	out = out[:w]
	var sum int64
	for j := 0; j < min(after, w); j++ {
		sum += col[j]
	}
	// Three stretches, so that the inner loops test nothing: x+after still inside the row and
	// x−before−1 not yet, both inside, then only the leaving column.
	x := 0
	for ; x < w && x-before-1 < 0; x++ {
		if j := x + after; j < w {
			sum += col[j]
		}
		out[x] = sum
	}
	if end := w - after; x < end {
		add, sub := col[x+after:end+after], col[x-before-1:end-before-1]
		o := out[x:end]
		for i := range o {
			sum += add[i] - sub[i]
			o[i] = sum
		}
		x = end
	}
	for ; x < w; x++ {
		if j := x + after; j < w {
			sum += col[j]
		}
		if j := x - before - 1; j >= 0 {
			sum -= col[j]
		}
		out[x] = sum
	}
}

// count returns the number of pixels in the window of column x of the current row (plain mode).
func (s *doxaSums) count(x int) int64 {
	return s.rows * s.cols[x]
}

// doxaRows is the loop every method over Doxa's mean and variance shares: for each row y of src in
// order, the window sums of that row are ready in s (s.A, s.B, s.count), and row writes the row's
// levels into out (dst's row y, src's width). A method is then its formula, as in Doxa, where each
// hands its formula to ChanMeanVarianceCalc. One call per row: the pixel loop stays in the method.
func doxaRows(dst *LevelMap, src *image.Gray, window int, row func(y int, out []int16, s *doxaSums)) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	s := newDoxaChanSums(src, window)
	for y := 0; y < h; y++ {
		s.next()
		row(y, dst.L[y*dst.Stride:y*dst.Stride+w], s)
	}
}

// doxaMeanVar returns Doxa's window mean and population variance from exact sums, with Chan's
// double arithmetic in its order: m = Σv/n, var = Σv²/n − m². n = 0 gives NaN for both (0/0),
// as Doxa's window 0 does.
func doxaMeanVar(sum, sumSq, n int64) (m, variance float64) {
	m = float64(sum) / float64(n)
	// The explicit conversion rounds m·m on its own: Go may not fuse it into the subtraction.
	return m, float64(sumSq)/float64(n) - float64(m*m)
}

// doxaLevel turns Doxa's threshold T (black, Doxa's text, where v ≤ T) into limen's level L
// (foreground, white in Doxa's picture, where v > L): L = floor(T) cut to −1 … 255. A NaN T paints
// every pixel white in Doxa (v ≤ NaN is false), hence L = −1.
func doxaLevel(t float64) int16 {
	switch {
	case t >= 255:
		return 255
	case t >= -1:
		return int16(math.Floor(t))
	}
	return -1 // below −1, or NaN
}

// Levels of methods whose result is a picture rather than a threshold per pixel (ISauvola, Gatos):
// Doxa's black pixel is never foreground (L = 255), its white pixel always is (L = −1).
const (
	doxaBlack int16 = 255
	doxaWhite int16 = -1
)

// doxaMinMaxHalf returns the half side of the square Doxa's Morphology::Erode and Dilate take for
// a window of side window: window/2 below side 17 (LocalWindow), (window−1)/2 from 17 up (Morph).
// They differ for even sides; window ≤ 0 gives the pixel itself, as in Doxa.
func doxaMinMaxHalf(window int) int {
	switch {
	case window <= 0:
		return 0
	case window < 17:
		return window / 2
	}
	return (window - 1) / 2
}

// doxaMaxFilter writes into dst (w·h values, stride w) the largest value of src over the clipped
// square x−half … x+half, y−half … y+half around each pixel; with invert, the smallest value
// instead. It is separable: the largest value along each row, then along each column of that, both
// by van Herk and Gil-Werman's method (blocks of 2·half+1: the prefix maxima within each block
// and the suffix maxima within each block give any window's maximum with one comparison), so it
// costs O(pixels) whatever half. A minimum is the maximum of the inverted values (255 − v),
// inverted back.
//
// M. van Herk, A fast algorithm for local minimum and maximum filters on rectangular and octagonal
// kernels, Pattern Recognition Letters 13(7), 517–521, 1992; J. Gil, M. Werman, Computing 2-D min,
// median, and max filters, IEEE TPAMI 15(5), 504–507, 1993.
func doxaMaxFilter(dst []uint8, src *image.Gray, half int, invert bool) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	var neg uint8
	if invert {
		neg = 0xff
	}
	half = max(half, 0)

	// Rows: dst row y = the maxima along src row y, still inverted when invert.
	hx := min(half, w-1)
	pre, suf := make([]uint8, w), make([]uint8, w)
	for y := 0; y < h; y++ {
		row := src.Pix[y*src.Stride : y*src.Stride+w]
		maxLine(dst[y*w:y*w+w], row, pre, suf, hx, neg)
	}

	// Columns, a whole row at a time: p holds the prefix maxima of every column within its block
	// of k rows; the suffix maxima are kept for one row only, computed from the bottom up, and
	// the output of the row whose window starts at that row is written in place (rows at and
	// below it have been read already). The first hy rows, whose windows start at row 0 and end
	// inside its block, need only p: they are written last.
	hy := min(half, h-1)
	if hy == 0 {
		if neg != 0 {
			for i := range dst[:w*h] {
				dst[i] ^= neg
			}
		}
		return
	}
	if hy == 1 {
		max3Columns(dst[:w*h], w, h, neg)
		return
	}
	k := 2*hy + 1
	p := make([]uint8, w*h)
	for r := 0; r < h; r++ {
		cur, t := p[r*w:r*w+w], dst[r*w:r*w+w]
		if r%k == 0 {
			copy(cur, t)
			continue
		}
		prev := p[(r-1)*w : r*w]
		for x, v := range t {
			cur[x] = max(prev[x], v)
		}
	}
	lastBlock := (h - 1) / k * k // the first row of the last (maybe short) block
	s := suf                     // w values: the suffix maxima of row r within its block
	for r := h - 1; r >= 0; r-- {
		t := dst[r*w : r*w+w]
		if r == h-1 || (r+1)%k == 0 {
			copy(s, t)
		} else {
			for x, v := range t {
				s[x] = max(s[x], v)
			}
		}
		y := r + hy // the row whose window starts at r
		if y >= h {
			continue
		}
		out := dst[y*w : y*w+w]
		switch {
		case y+hy <= h-1 || r < lastBlock: // the suffix of one block and the prefix of the next
			ph := p[min(y+hy, h-1)*w:]
			ph = ph[:w]
			for x := range out {
				out[x] = max(s[x], ph[x]) ^ neg
			}
		default: // from r to the picture's last row, inside the last block
			for x := range out {
				out[x] = s[x] ^ neg
			}
		}
	}
	for y := 0; y < min(hy, h); y++ {
		out, ph := dst[y*w:y*w+w], p[min(y+hy, h-1)*w:]
		ph = ph[:w]
		for x := range out {
			out[x] = ph[x] ^ neg
		}
	}
}

// maxLine writes into out[x] the largest value of row[i]^neg over the clipped i = x−half … x+half
// (van Herk / Gil-Werman; pre and suf are scratch of len(row); half ≤ len(row)−1). The result
// stays inverted (xor neg): the column pass inverts it back.
func maxLine(out, row, pre, suf []uint8, half int, neg uint8) {
	n := len(row)
	out, pre, suf = out[:n], pre[:n], suf[:n]
	if half == 0 {
		for x, v := range row {
			out[x] = v ^ neg
		}
		return
	}
	if half == 1 { // the 3×3 contrast of Su and ISauvola: three values, no blocks
		out[0] = max(row[0]^neg, row[1]^neg)
		for x := 1; x < n-1; x++ {
			out[x] = max(row[x-1]^neg, row[x]^neg, row[x+1]^neg)
		}
		out[n-1] = max(row[n-2]^neg, row[n-1]^neg)
		return
	}
	k := 2*half + 1
	for b := 0; b < n; b += k {
		e := min(b+k, n)
		m := row[b] ^ neg
		pre[b] = m
		for i := b + 1; i < e; i++ {
			m = max(m, row[i]^neg)
			pre[i] = m
		}
		m = row[e-1] ^ neg
		suf[e-1] = m
		for i := e - 2; i >= b; i-- {
			m = max(m, row[i]^neg)
			suf[i] = m
		}
	}
	// Left edge: the window starts at 0 and ends inside block 0 (x+half < k), or at n−1 ≤ k−1.
	x := 0
	for ; x < min(half, n); x++ {
		out[x] = pre[min(x+half, n-1)]
	}
	// Inside: a window of exactly k spans two blocks, or is one block (then suf[lo] = pre[hi]).
	for ; x+half <= n-1; x++ {
		out[x] = max(suf[x-half], pre[x+half])
	}
	// Right edge: the window ends at n−1.
	lastBlock := (n - 1) / k * k
	for ; x < n; x++ {
		if lo := x - half; lo >= lastBlock {
			out[x] = suf[lo]
		} else {
			out[x] = max(suf[lo], pre[n-1])
		}
	}
}

// doxaHighContrast returns Su's and ISauvola's high-contrast mask of src (w·h values, stride w, 1
// where high): Doxa's contrast picture C = (uint8)(255·(max − min)/(max + min + 0.0001)) over the
// clipped 3×3 window (the + 0.0001 keeps a black window from dividing by 0; C < 255 always), and
// "high" where C is above Doxa's Otsu level of C's histogram (Doxa's Otsu paints C ≤ level black
// and ContrastImage's users take the white pixels).
//
// B. Su, S. Lu, C. L. Tan, Binarization of historical document images using the local maximum
// and minimum, Proc. 9th IAPR International Workshop on Document Analysis Systems (DAS), 2010,
// 159–166 (the contrast).
func doxaHighContrast(src *image.Gray) []uint8 {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	lows, c := make([]uint8, w*h), make([]uint8, w*h)
	doxaMaxFilter(lows, src, 1, true)
	doxaMaxFilter(c, src, 1, false)
	var hist Histogram
	for i, hi := range c {
		lo := lows[i]
		// (double)(max − min) / (max + min + 0.0001), then 255 × that truncated to a byte.
		r := float64(int(hi)-int(lo)) / (float64(int(hi)+int(lo)) + 0.0001)
		v := uint8(int(255 * r))
		c[i] = v
		hist[v]++
	}
	level := uint8(DoxaOtsu(&hist))
	for i, v := range c {
		if v > level {
			c[i] = 1
		} else {
			c[i] = 0
		}
	}
	return c
}

// max3Columns replaces each row of t (w·h values, stride w, h ≥ 2) by the largest of it and its
// neighbours above and below (cut at the edges), xor neg: the column pass of a 3×3 window. Two
// rows of scratch keep the original rows the in-place update still needs.
func max3Columns(t []uint8, w, h int, neg uint8) {
	prev, cur := make([]uint8, w), make([]uint8, w)
	copy(prev, t[:w])
	for y := 0; y < h; y++ {
		out := t[y*w : y*w+w]
		copy(cur, out)
		if y+1 < h {
			next := t[(y+1)*w : (y+2)*w]
			for x := range out {
				out[x] = max(prev[x], cur[x], next[x]) ^ neg
			}
		} else {
			for x := range out {
				out[x] = max(prev[x], cur[x]) ^ neg
			}
		}
		prev, cur = cur, prev
	}
}
