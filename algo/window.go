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
		out = out[:len(in)]
		col = col[:len(in)]
		if ws.squares {
			sq := ws.colSq[r : r+len(in)]
			for x, v := range in {
				a, o := uint32(v), uint32(out[x])
				col[x] += a - o
				sq[x] += a*a - o*o
			}
		} else {
			for x, v := range in {
				col[x] += uint32(v) - uint32(out[x])
			}
		}
	}
	ws.y++
	ws.slide(ws.col, ws.sum)
	if ws.squares {
		ws.slide(ws.colSq, ws.sumSq)
	}
}

// slide fills the border copies of the column sums c and runs the horizontal window along them.
func (ws *windowSums) slide(c []uint32, out []int64) {
	w, r := ws.w, ws.r
	for j := 0; j < r; j++ {
		c[j] = c[r+int(ws.xIdx[j])]
	}
	for j := r + w; j < w+2*r; j++ {
		c[j] = c[r+int(ws.xIdx[j])]
	}
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
