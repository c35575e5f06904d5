package algo

import (
	"image"
	"math"
)

// Shared machinery of the local (windowed) methods: exact box sums of every window in O(1) per
// pixel whatever its size (borders in border.go, levels in level.go).

// windowSums streams the sum, and optionally the sum of squares, of every (2r+1)×(2r+1) window of
// an 8-bit image, centred on each pixel in turn, with the given border. The sums are exact integers.
//
// It keeps one running sum per column over the window's rows and slides it down one row at a time
// (add the row entering, subtract the row leaving), then slides a running sum of those column sums
// along the row: two additions and two subtractions per pixel, whatever r. Memory is O(width + r).
//
// Use: ws := newWindowSums(src, r, b, squares); then for y := 0..h-1 in order, ws.next() fills
// ws.sum (and ws.sumSq) for row y, indexed by x - src.Rect.Min.X.
//
// Bounds: a column sum of squares holds at most 65025·(2r+1), so r must stay below 33000 for
// uint32; every window parameter of limen is far below that.
type windowSums struct {
	src     *image.Gray
	w, h, r int
	squares bool
	xIdx    []int32 // border table of the columns (length w+2r)
	yIdx    []int32 // border table of the rows (length h+2r)

	// col[r+x] is the sum over the current window rows of column x; col[0..r-1] and
	// col[r+w..w+2r-1] are the border copies, refreshed every row.
	col, colSq []uint32

	sum   []int64 // window sums of the current row
	sumSq []int64 // window sums of squares of the current row (when squares)
	y     int     // the next row next() computes
}

// newWindowSums prepares the sums of the (2r+1)×(2r+1) windows of src. src must not be empty.
func newWindowSums(src *image.Gray, r int, b border, squares bool) *windowSums {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	ws := &windowSums{
		src: src, w: w, h: h, r: r, squares: squares,
		xIdx: borderTable(w, r, b),
		yIdx: borderTable(h, r, b),
		col:  make([]uint32, w+2*r),
		sum:  make([]int64, w),
	}
	if squares {
		ws.colSq = make([]uint32, w+2*r)
		ws.sumSq = make([]int64, w)
	}
	return ws
}

// srcRow returns the pixels of source row i (0-based, i in 0..h-1).
func (ws *windowSums) srcRow(i int32) []uint8 {
	o := int(i) * ws.src.Stride
	return ws.src.Pix[o : o+ws.w]
}

// next computes the window sums of the next row (0, 1, … h-1 in turn) into ws.sum and ws.sumSq.
func (ws *windowSums) next() {
	ws.nextColumns()
	ws.slide(ws.col, ws.sum)
	if ws.squares {
		ws.slide(ws.colSq, ws.sumSq)
	}
}

// nextColumns advances the column sums to the next row (0, 1, … h-1 in turn) and fills their border
// copies, leaving the slide along the row to the caller: ws.col[x+j] for j = 0..2r are the columns
// of pixel x's window (ws.colSq likewise).
func (ws *windowSums) nextColumns() {
	w, r := ws.w, ws.r
	col := ws.col[r : r+w]
	if ws.y == 0 {
		// The window of row 0 covers padded rows 0..2r.
		for j := 0; j <= 2*r; j++ {
			row := ws.srcRow(ws.yIdx[j])
			if ws.squares {
				sq := ws.colSq[r : r+w]
				for x, v := range row {
					col[x] += uint32(v)
					sq[x] += uint32(v) * uint32(v)
				}
			} else {
				for x, v := range row {
					col[x] += uint32(v)
				}
			}
		}
	} else {
		// Row y's window covers padded rows y..y+2r: row y+2r enters, row y-1 leaves. Unsigned
		// wrap-around is harmless: every true column sum is non-negative.
		in := ws.srcRow(ws.yIdx[ws.y+2*r])
		out := ws.srcRow(ws.yIdx[ws.y-1])
		if ws.squares {
			slideColumns(col, ws.colSq[r:r+w], in, out)
		} else {
			out = out[:len(in)]
			col = col[:len(in)]
			for x, v := range in {
				col[x] += uint32(v) - uint32(out[x])
			}
		}
	}
	ws.y++
	ws.fillBorders(ws.col)
	if ws.squares {
		ws.fillBorders(ws.colSq)
	}
}

// slideColumns moves the column sums col and sums of squares sq down one row: row in enters, row
// out leaves. Four columns an iteration (Go's WebAssembly pays for every pass round a loop).
func slideColumns(col, sq []uint32, in, out []uint8) {
	n := len(in)
	col, sq, out = col[:n], sq[:n], out[:n]
	x := 0
	for ; x+4 <= n; x += 4 {
		a := (*[4]uint8)(in[x : x+4])
		o := (*[4]uint8)(out[x : x+4])
		c := (*[4]uint32)(col[x : x+4])
		q := (*[4]uint32)(sq[x : x+4])
		a0, a1, a2, a3 := uint32(a[0]), uint32(a[1]), uint32(a[2]), uint32(a[3])
		o0, o1, o2, o3 := uint32(o[0]), uint32(o[1]), uint32(o[2]), uint32(o[3])
		c[0] += a0 - o0
		c[1] += a1 - o1
		c[2] += a2 - o2
		c[3] += a3 - o3
		q[0] += a0*a0 - o0*o0
		q[1] += a1*a1 - o1*o1
		q[2] += a2*a2 - o2*o2
		q[3] += a3*a3 - o3*o3
	}
	for ; x < n; x++ {
		a, o := uint32(in[x]), uint32(out[x])
		col[x] += a - o
		sq[x] += a*a - o*o
	}
}

// fillBorders copies the column sums of c into its border slots (the padded columns).
func (ws *windowSums) fillBorders(c []uint32) {
	w, r := ws.w, ws.r
	for j := 0; j < r; j++ {
		c[j] = c[r+int(ws.xIdx[j])]
	}
	for j := r + w; j < w+2*r; j++ {
		c[j] = c[r+int(ws.xIdx[j])]
	}
}

// slide runs the horizontal window along the column sums c (borders filled) into out.
func (ws *windowSums) slide(c []uint32, out []int64) {
	w, r := ws.w, ws.r
	var s int64
	for _, v := range c[:2*r+1] {
		s += int64(v)
	}
	out[0] = s
	// Window x+1 = window x + column x+2r+1 (padded) - column x (padded).
	add := c[2*r+1:]
	sub := c[:w-1]
	out = out[1:w]
	add = add[:len(out)]
	sub = sub[:len(out)]
	for x := range out {
		s += int64(add[x]) - int64(sub[x])
		out[x] = s
	}
}

// skimageMeanStd returns the mean and standard deviation of a window of n pixels from its exact sum
// and sum of squares, with scikit-image 0.19.3's operations in its order (filters.thresholding.
// _mean_std): m = sum/n and g2 = sumSq/n in float64, σ = sqrt(max(g2 − m·m, 0)). Its float64
// integral images hold exact integers for any 8-bit image that fits in memory, so exact sums give
// its values to the last bit.
func skimageMeanStd(sum, sumSq int64, n float64) (m, s float64) {
	m = float64(sum) / n
	g2 := float64(sumSq) / n
	v := g2 - float64(m*m) // the explicit conversion forbids a fused multiply-add
	if v < 0 {
		v = 0
	}
	return m, math.Sqrt(v)
}

// Fast thresholds of the form T = a·S + e + (b·S + d)·√V.
//
// Niblack's, Sauvola's and Wolf–Jolion's thresholds are all of this form in the exact sums of the
// window: S = Σv, Q = Σv² and V = n·Q − S² = n²·σ², an exact integer (and exact in float64:
// n²·16256.25 < 2⁵³ for every window up to maxFormWindow). Their definitions compute T from
// S and Q one float64 rounding at a time, in the reference library's order: two divisions, a
// square root of a difference that may cancel, and more, per pixel. The form needs one square root,
// three multiplications and two additions with coefficients computed once per call.
//
// Both the definition's T and the form's T̃ differ from the real value T* by bounded amounts: each
// method proves a bound for its definition (epsRef; the square root of the cancelling difference
// dominates it) and newSqrtForm adds the form's own. Where T̃ lies further than their sum ε from
// every integer, ⌊T̃⌋ = ⌊T⌋, and when T is not an integer, ⌈T⌉ − 1 = ⌊T⌋ too: the level is certain.
// The other pixels (about 2ε of them; ε is near 10⁻⁶ for usual parameters) take the definition.
type sqrtForm struct {
	a, b, d, e float64
	n          int64
	p, q       int64   // √ of X = p·Q − q·S²: V (p = n, q = 1) unless a method says otherwise (NICK's Q)
	half       float64 // ½ − ε: a level is certain when |T̃ − ⌊T̃⌋ − ½| ≤ half
	fast       bool    // false: every pixel takes the definition (the form's bound is useless)
}

// maxFormWindow is the largest window side for which V is exact in float64 (see sqrtForm).
const maxFormWindow = 701

// newSqrtForm returns the form T = a·S + e + (b·S + d)·√V for windows of n pixels, whose values
// make √V at most sqrtVMax, given a bound epsRef on |T − T*| for the method's definition T. The
// coefficients may each be off their real values by 4 roundings (relative 2⁻⁵¹).
func newSqrtForm(n int64, a, b, d, e, sqrtVMax, epsRef float64) *sqrtForm {
	f := &sqrtForm{a: a, b: b, d: d, e: e, n: n, p: n, q: 1}
	const u = 0x1p-53
	sMax := 255 * float64(n)
	// The form's terms are bounded by m; evaluating it rounds 6 times and its coefficients carry
	// 4 roundings each, all relative to terms no larger than m: 12u·m with room to spare.
	m := math.Abs(a)*sMax + math.Abs(e) + (math.Abs(b)*sMax+math.Abs(d))*sqrtVMax
	eps := (epsRef+12*u*m)*(1+0x1p-20) + 0x1p-40
	f.half = 0.5 - eps
	f.fast = n >= 1 && n <= maxFormWindow*maxFormWindow && m < 0x1p40 && eps < 0.25 &&
		!math.IsNaN(m) && !math.IsNaN(eps)
	return f
}

// at is T̃ for the sums s and q.
func (f *sqrtForm) at(s, q int64) float64 {
	sf := float64(s)
	return sf*f.a + f.e + (sf*f.b+f.d)*math.Sqrt(float64(f.p*q-f.q*s*s))
}

// level is ⌊t⌋ clamped to −1..255, and whether it is certain (see sqrtForm).
func (f *sqrtForm) level(t float64) (int16, uint64) {
	fl := math.Floor(t)
	return int16(min(max(int(fl), -1), 255)), math.Float64bits(math.Abs(t - fl - 0.5))
}

// row writes the levels of one row into out (its width w) from the column sums c and cq of the
// rows of its windows (windowSums.nextColumns: c[x..x+2r] are pixel x's columns). exact gives a
// pixel's level by the method's definition, from its window's S and Q.
func (f *sqrtForm) row(out []int16, c, cq []uint32, r int, exact func(s, q int64) int16) {
	f.rowSpan(out, c, cq, 2*r+1, exact)
}

// rowSpan is row for windows of span columns (pixel x's are c[x … x+span−1]), any span ≥ 1.
func (f *sqrtForm) rowSpan(out []int16, c, cq []uint32, span int, exact func(s, q int64) int16) {
	w := len(out)
	if w == 0 {
		return
	}
	var s, q int64
	for j := 0; j < span; j++ {
		s += int64(c[j])
		q += int64(cq[j])
	}
	if !f.fast {
		for x := range out {
			out[x] = exact(s, q)
			if x+1 < w {
				s += int64(c[x+span]) - int64(c[x])
				q += int64(cq[x+span]) - int64(cq[x])
			}
		}
		return
	}
	// |t − ⌊t⌋ − ½| ≥ 0, so the bits of these float64s order as the numbers do.
	half := math.Float64bits(f.half)
	l, u := f.level(f.at(s, q))
	if u > half {
		l = exact(s, q)
	}
	out[0] = l
	// Pixel i+1 = pixel i + column i+2r+1 − column i. Four pixels an iteration, with one test of
	// certainty for the four: Go's WebAssembly sends every taken branch through the function's
	// dispatch table (measured: two or eight pixels an iteration are slower).
	o := out[1:]
	add, sub := c[span:span+len(o)], c[:len(o)]
	addq, subq := cq[span:span+len(o)], cq[:len(o)]
	i := 0
	for ; i+4 <= len(o); i += 4 {
		a, b := (*[4]uint32)(add[i:i+4]), (*[4]uint32)(sub[i:i+4])
		aq, bq := (*[4]uint32)(addq[i:i+4]), (*[4]uint32)(subq[i:i+4])
		s0, q0 := s+int64(a[0])-int64(b[0]), q+int64(aq[0])-int64(bq[0])
		s1, q1 := s0+int64(a[1])-int64(b[1]), q0+int64(aq[1])-int64(bq[1])
		s2, q2 := s1+int64(a[2])-int64(b[2]), q1+int64(aq[2])-int64(bq[2])
		s3, q3 := s2+int64(a[3])-int64(b[3]), q2+int64(aq[3])-int64(bq[3])
		l0, u0 := f.level(f.at(s0, q0))
		l1, u1 := f.level(f.at(s1, q1))
		l2, u2 := f.level(f.at(s2, q2))
		l3, u3 := f.level(f.at(s3, q3))
		if max(u0, u1, u2, u3) > half {
			if u0 > half {
				l0 = exact(s0, q0)
			}
			if u1 > half {
				l1 = exact(s1, q1)
			}
			if u2 > half {
				l2 = exact(s2, q2)
			}
			if u3 > half {
				l3 = exact(s3, q3)
			}
		}
		d := (*[4]int16)(o[i : i+4])
		d[0], d[1], d[2], d[3] = l0, l1, l2, l3
		s, q = s3, q3
	}
	for ; i < len(o); i++ {
		s += int64(add[i]) - int64(sub[i])
		q += int64(addq[i]) - int64(subq[i])
		l, u := f.level(f.at(s, q))
		if u > half {
			l = exact(s, q)
		}
		o[i] = l
	}
}

// meanStdError returns Δs, a bound on |σ − σ*| for scikit-image's σ (skimageMeanStd) and the
// real standard deviation σ* of any window of 8-bit values, and the bound u·255 on |m − m*|.
//
// With u = 2⁻⁵³: m = fl(S/n) is within u·m* ≤ 255u of m*; g2 = fl(Q/n) within u·65025 of Q/n;
// fl(m·m) within 3.0001u·65025 of m*²; so g2 − fl(m·m) is within 4.0001u·65025 of σ*² ≤ 16256.25,
// and its rounding adds at most u·16256.26: the variance v is within δv = 4.26u·65025 of σ*², and
// so is max(v, 0). As |√x − √y| ≤ √|x − y|, √max(v, 0) is within √δv (about 5.6·10⁻⁶) of σ*, and
// the rounding of the square root adds at most u·128.
func meanStdError() (ds, dm float64) {
	const u = 0x1p-53
	return math.Sqrt(4.26*u*65025) + 128*u, 255 * u
}
