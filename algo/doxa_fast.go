package algo

import (
	"image"
	"math"
)

// Fast paths of Doxa's Niblack, Sauvola, Wolf and NICK (the definitions are doxaNiblackPlain,
// doxaSauvolaPlain, doxaWolfPlain and nickPlain; tests hold each fast path to its definition pixel
// by pixel).
//
// Each threshold is, in the exact sums of its window (S = Σv, Q = Σv², n pixels), of the form
// T* = a·S + e + (b·S + d)·√X with X = p·Q − q·S² an exact integer: X = n·Q − S² = n²·σ² for
// Niblack, Sauvola and Wolf, X = Q = n·(σ² + m²) for NICK. sqrtForm (window.go) computes it, and
// its argument holds: the definition computes T from S, Q and n one double rounding at a time in
// Doxa's order (two divisions, a square root of a difference that may cancel, and more); each
// method below bounds the definition's error |T − T*| (epsRef), newSqrtForm adds the form's own,
// and where the form's T̃ is further than their sum from every integer, ⌊T̃⌋ is ⌊T⌋. The rest
// (about one pixel in 10⁵) takes the definition.
//
// Doxa's windows are cut at the picture's edge, so n changes near it. In a row, every column
// whose window fits between the row's ends has n = rows·side (rows: the window's rows inside the
// picture, the same for the whole row), and one form serves them all; the few columns nearer the
// ends than half a window take the definition. The column sums are 32-bit (a column of at most
// 66051 rows of 255² fits) and slide down four columns a pass (slideColumns); the window sums
// slide along the row in 64 bits.
//
// Where the form cannot be used (window ≤ 0, a window of more than maxFormWindow² pixels, taller
// than 66051 rows, a bound of no use), the definition runs for every pixel.

// doxaExact is a method's level by its definition from a window's sums and pixel count.
type doxaExact func(s, q, n int64) int16

// doxaCols keeps 32-bit sums over the rows of Doxa's Chan window (see newDoxaChanSums) of each
// column of a picture, moved down one row at a time.
type doxaCols struct {
	src           *image.Gray
	w, h          int
	before, after int // the window's extents, cut to the picture's size
	y             int // the row next() computes
	rows          int // the window's rows inside the picture (after next)
	c, cq         []uint32
}

// doxaColsMaxRows is the most rows a 32-bit column sum of squares holds (255²·66051 < 2³²).
const doxaColsMaxRows = 66051

// newDoxaCols prepares the column sums for windows of side window ≥ 1, or returns nil where the
// 32-bit sums could overflow.
func newDoxaCols(src *image.Gray, window int) *doxaCols {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	n := max(w, h)
	before, after := min((window-1)/2, n), min(window/2, n)
	if window < 1 || min(before+after+1, h) > doxaColsMaxRows {
		return nil
	}
	return &doxaCols{src: src, w: w, h: h, before: before, after: after,
		c: make([]uint32, w), cq: make([]uint32, w)}
}

func (d *doxaCols) row(r int) []uint8 {
	return d.src.Pix[r*d.src.Stride : r*d.src.Stride+d.w]
}

// add adds row r to the column sums (sub: takes it out).
func (d *doxaCols) add(r int, sub bool) {
	c, cq := d.c, d.cq
	row := d.row(r)
	c, cq = c[:len(row)], cq[:len(row)]
	for x, v := range row {
		a := uint32(v)
		if sub {
			c[x] -= a
			cq[x] -= a * a
		} else {
			c[x] += a
			cq[x] += a * a
		}
	}
}

// next moves the sums to the next row (0, 1, … h−1 in turn): rows y−before … y+after.
func (d *doxaCols) next() {
	y := d.y
	if y == 0 {
		for r := 0; r < min(d.after, d.h); r++ {
			d.add(r, false)
		}
	}
	in, out := y+d.after, y-d.before-1
	switch {
	case in < d.h && out >= 0:
		slideColumns(d.c, d.cq, d.row(in), d.row(out))
	case in < d.h:
		d.add(in, false)
	case out >= 0:
		d.add(out, true)
	}
	d.rows = min(d.h-1, y+d.after) - max(0, y-d.before) + 1
	d.y++
}

// span is the number of columns of a window that fits in the row.
func (d *doxaCols) span() int { return d.before + d.after + 1 }

// interior returns the columns x0 … x1−1 whose windows fit in the row (none when the window is
// wider than the picture).
func (d *doxaCols) interior() (x0, x1 int) {
	x0, x1 = d.before, d.w-d.after
	if x1 < x0 {
		x1 = x0
	}
	return min(x0, d.w), min(x1, d.w)
}

// edges writes the levels of columns from … to−1 by the definition, their windows cut at the row's
// ends: the window sums slide along with a test at each end.
func (d *doxaCols) edges(out []int16, from, to int, exact doxaExact) {
	if from >= to {
		return
	}
	w := d.w
	c, cq := d.c[:w], d.cq[:w]
	var s, q int64
	for j := max(0, from-d.before); j <= min(w-1, from+d.after); j++ {
		s += int64(c[j])
		q += int64(cq[j])
	}
	rows := int64(d.rows)
	for x := from; ; {
		cols := min(w-1, x+d.after) - max(0, x-d.before) + 1
		out[x] = exact(s, q, rows*int64(cols))
		x++
		if x >= to {
			return
		}
		if j := x + d.after; j < w {
			s += int64(c[j])
			q += int64(cq[j])
		}
		if j := x - d.before - 1; j >= 0 {
			s -= int64(c[j])
			q -= int64(cq[j])
		}
	}
}

// doxaFormRows is the loop of the fast paths: for each row, form(n) gives the form for windows of n
// pixels (asked again only when n changes), which the row's interior takes; its ends take exact.
// It reports false, having written nothing, where the column sums cannot be used (see newDoxaCols):
// the caller then runs its definition.
func doxaFormRows(dst *LevelMap, src *image.Gray, window int, form func(n int64) *sqrtForm, exact doxaExact) bool {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return true
	}
	d := newDoxaCols(src, window)
	if d == nil {
		return false
	}
	x0, x1 := d.interior()
	span := d.span()
	var f *sqrtForm
	var exactN func(s, q int64) int16
	lastN := int64(-1)
	for y := 0; y < h; y++ {
		d.next()
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		if x0 < x1 {
			if n := int64(d.rows) * int64(span); n != lastN {
				f, lastN = form(n), n
				exactN = func(s, q int64) int16 { return exact(s, q, n) }
			}
			f.rowSpan(out[x0:x1], d.c, d.cq, span, exactN)
		}
		d.edges(out, 0, x0, exact)
		d.edges(out, max(x0, x1), w, exact)
	}
	return true
}

// doxaMeanStdError returns bounds on |sd − σ*| and |m − m*| for Doxa's sd = √var and m (see
// doxaMeanVar) against the real standard deviation and mean of any window of 8-bit values of at
// most maxFormWindow² pixels. Doxa computes var as scikit-image does but without clamping it at 0;
// it needs none: a flat window gives var = 0 exactly (S/n, Q/n and m·m are exact), and any other
// has σ*² ≥ (n − 1)/n² > 2·10⁻⁶, far above var's error (below 4·10⁻¹¹), so var ≥ 0 and
// meanStdError's bounds hold.
func doxaMeanStdError() (ds, dm float64) { return meanStdError() }

// DoxaSauvola's form: T* = S·(1 − k)/n + S·(k/(128·n²))·√V. Doxa's sd/128 is exact (a power of
// two), then it rounds − 1, k·(…), 1 + (…) and m·(…): with C = |1 − k| + |k| bounding
// |1 + k·(σ/128 − 1)|, its T is within 255·|k|·Δs/128 + 255·u·(2·|k| + 3·C) of T* (Δs from
// doxaMeanStdError; m's own error, 255u·C, is in the last term).
func doxaSauvolaForm(k float64) func(n int64) *sqrtForm {
	const u = 0x1p-53
	ds, _ := doxaMeanStdError()
	ak := math.Abs(k)
	epsRef := 255*ak*ds/128 + 255*u*(2*ak+3*(math.Abs(1-k)+ak))
	return func(n int64) *sqrtForm {
		nf := float64(n)
		return newSqrtForm(n, (1-k)/nf, k/128/nf/nf, 0, 0, 128*nf, epsRef)
	}
}

// DoxaNiblack's form: T* = S/n + (k/n)·√V. Doxa's T = m + k·sd rounds m (255u), k·sd (|k|·128u)
// and the sum (u·(255 + |k|·128)): within 255u + |k|·(Δs + 128u) + u·(255 + |k|·128) of T*.
func doxaNiblackForm(k float64) func(n int64) *sqrtForm {
	const u = 0x1p-53
	ds, dm := doxaMeanStdError()
	ak := math.Abs(k)
	epsRef := dm + ak*(ds+128*u) + u*(255+ak*128)
	return func(n int64) *sqrtForm {
		nf := float64(n)
		return newSqrtForm(n, 1/nf, 0, k/nf, 0, 128*nf, epsRef)
	}
}

// Nick's form: T* = S/n + (k/√n)·√Q, since var + m² is Q/n. Doxa's x = (Q/n − m²) + m², rounded
// three times (Q/n, the difference, the sum; m² once more), is within 3.01u·65025 of Q/n, so its
// square root, rounded, is within Δq = √(3.01u·65025) + 255u of √(Q/n); then k·(…) and m + (…)
// give T within 255u + |k|·(Δq + 255u) + u·(255 + 255·|k|) of T*.
func nickForm(k float64) func(n int64) *sqrtForm {
	const u = 0x1p-53
	ak := math.Abs(k)
	dq := math.Sqrt(3.01*u*65025) + 255*u
	epsRef := 255*u + ak*(dq+255*u) + u*(255+255*ak)
	return func(n int64) *sqrtForm {
		nf := float64(n)
		f := newSqrtForm(n, 1/nf, 0, k/math.Sqrt(nf), 0, 255*math.Sqrt(nf), epsRef)
		f.p, f.q = 1, 0 // X = Q
		return f
	}
}

// doxaWolfForm: with R = √maxVar (Doxa's largest sd) and M the darkest pixel,
// T* = m* − k·(1 − σ*/R)·(m* − M) = S·(1 − k)/n + k·M + (S·k/(R·n²) − k·M/(R·n))·√V.
// Doxa rounds ρ = sd/R (sd ≤ R, so ρ ≤ 1, and |ρ − σ*/R| ≤ Δs/R + u), 1 − ρ, k·(…), m − M, the
// product and the difference; with c = 1 + Δs/R bounding |1 − σ*/R|, its T is within
// 255·|k|·Δs/R + 255·u·(4 + 8·|k|·c) of T*. A small R (a nearly flat picture) makes the bound
// useless and the definition runs everywhere.
func doxaWolfForm(k, bigR, lo float64) func(n int64) *sqrtForm {
	const u = 0x1p-53
	ds, _ := doxaMeanStdError()
	ak := math.Abs(k)
	c := 1 + ds/bigR
	epsRef := 255*ak*ds/bigR + 255*u*(4+8*ak*c)
	return func(n int64) *sqrtForm {
		nf := float64(n)
		return newSqrtForm(n, (1-k)/nf, k/(bigR*nf*nf), -k*lo/(bigR*nf), k*lo, 128*nf, epsRef)
	}
}

// doxaWolfStats returns what Doxa's Wolf takes from the whole picture: the largest window variance
// maxVar, as Doxa's arithmetic gives it (doxaMeanVar; from DBL_MIN up, as in Doxa), and the darkest
// pixel. It reports false where the column sums cannot be used (see newDoxaCols).
//
// Doxa's var is within δv = 4.26u·65025 of the real σ² (meanStdError), so a window whose real σ²
// is below maxVar − 2δv cannot beat maxVar. Each row's interior windows share n: there the test is
// on the exact integer X = n·Q − S² = n²·σ² against a bound from the best var so far, and only the
// windows that pass it (the new maxima, and near ties) compute Doxa's var; a window with the sums
// of the window looked at last gives its var again and is skipped (a flat stretch costs one). The row's ends compute it for every window.
func doxaWolfStats(src *image.Gray, window int) (maxVar float64, lowest uint8, ok bool) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	lowest = 255
	for y := 0; y < h; y++ {
		for _, v := range src.Pix[y*src.Stride : y*src.Stride+w] {
			lowest = min(lowest, v)
		}
	}
	maxVar = 0x1p-1022 // C's DBL_MIN
	d := newDoxaCols(src, window)
	if d == nil {
		return maxVar, lowest, false
	}
	const u = 0x1p-53
	slack := 2 * 4.26 * u * 65025 * (1 + 0x1p-20)
	// The sums last looked at: a window with the same sums has the same var, already compared.
	var lastS, lastQ, lastN int64 = -1, -1, -1
	consider := func(s, q, n int64) {
		if s == lastS && q == lastQ && n == lastN {
			return
		}
		lastS, lastQ, lastN = s, q, n
		if _, v := doxaMeanVar(s, q, n); v > maxVar {
			maxVar = v
		}
	}
	// bound is an integer below which X = n·Q − S² cannot give a var above maxVar.
	bound := func(n int64) int64 {
		nn := float64(n) * float64(n)
		t := (maxVar - slack) * nn
		if t <= 0 {
			return -1
		}
		return int64(t*(1-0x1p-40)) - 2
	}
	x0, x1 := d.interior()
	span := d.span()
	// The row's ends go through edges' loop, with a level function that only looks.
	ends := func(s, q, n int64) int16 { consider(s, q, n); return 0 }
	scratch := make([]int16, w)
	for y := 0; y < h; y++ {
		d.next()
		if x0 < x1 {
			n := int64(d.rows) * int64(span)
			c, cq := d.c, d.cq
			var s, q int64
			for j := 0; j < span; j++ {
				s += int64(c[j])
				q += int64(cq[j])
			}
			top := bound(n)
			for x := x0; ; {
				if n*q-s*s > top {
					consider(s, q, n)
					top = bound(n)
				}
				x++
				if x >= x1 {
					break
				}
				j := x - x0
				s += int64(c[j+span-1]) - int64(c[j-1])
				q += int64(cq[j+span-1]) - int64(cq[j-1])
			}
		}
		d.edges(scratch, 0, x0, ends)
		d.edges(scratch, max(x0, x1), w, ends)
	}
	return maxVar, lowest, true
}
