package algo

import (
	"image"
	"math"
)

// Gonzalez & Woods' improvements on global thresholding (Digital Image Processing, 4th ed., Pearson,
// 2018, sec. 10.3): Otsu on the pixels near edges only (10.3.5), Otsu per tile of a grid (10.3.6)
// and thresholding by local statistics (10.3.7). The book gives the ideas and worked examples, not
// code; limen's exact definitions (borders, percentile, tiles) are stated on each function.

const gwBook = "R. C. Gonzalez, R. E. Woods, Digital Image Processing, 4th ed., Pearson, 2018"

// fillLevel writes the same level into every pixel of dst.
func fillLevel(dst *LevelMap, level int) {
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	l := int16(level)
	for y := 0; y < h; y++ {
		row := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range row {
			row[x] = l
		}
	}
}

// edgeRow fills out (width w) with the edge value of every pixel of row y: with laplacian, the
// absolute 4-neighbour Laplacian |N + S + E + W − 4·v|; otherwise the squared Sobel gradient
// magnitude gx² + gy² (squared so it stays an exact integer: it orders pixels as the magnitude
// does). Neighbours past the edge follow BORDER_REFLECT_101 (OpenCV's default for Sobel and
// Laplacian); xs is borderTable(w, 1, borderReflect101).
func edgeRow(src *image.Gray, y int, laplacian bool, xs []int32, out []int32) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	rowAt := func(i int) []uint8 {
		j := borderIndex(i, h, borderReflect101)
		return src.Pix[j*src.Stride : j*src.Stride+w]
	}
	up, mid, dn := rowAt(y-1), rowAt(y), rowAt(y+1)
	out = out[:w]
	for x := range out {
		l, r := xs[x], xs[x+2]
		if laplacian {
			d := int32(up[x]) + int32(dn[x]) + int32(mid[l]) + int32(mid[r]) - 4*int32(mid[x])
			out[x] = max(d, -d)
			continue
		}
		gx := int32(up[r]) + 2*int32(mid[r]) + int32(dn[r]) - int32(up[l]) - 2*int32(mid[l]) - int32(dn[l])
		gy := int32(dn[l]) + 2*int32(dn[x]) + int32(dn[r]) - int32(up[l]) - 2*int32(up[x]) - int32(up[r])
		out[x] = gx*gx + gy*gy
	}
}

// EdgeOtsu returns the level of Gonzalez & Woods' edge-guided Otsu (sec. 10.3.5): Otsu's level
// (algo.Otsu, OpenCV's) of the histogram of only those pixels whose edge value is above the given
// percentile (0..100) of all edge values. The edge value is the Sobel gradient magnitude or, with
// laplacian, the absolute Laplacian (see edgeRow). Foreground is v > level, everywhere in the image.
// When mask is not nil (src's bounds), it receives 255 at the pixels used and 0 elsewhere.
//
// The percentile is the nearest-rank one: with N pixels, the edge value T_e of rank ⌈p/100·N⌉
// (at least 1) in ascending order; the pixels used are those with an edge value > T_e. Where no
// pixel is above it (a constant image, or p = 100) the histogram is empty and the level is 0, as
// Otsu gives on an empty histogram.
func EdgeOtsu(src *image.Gray, laplacian bool, percentile float64, mask *image.Gray) int {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return 0
	}
	xs := borderTable(w, 1, borderReflect101)
	e := make([]int32, w)
	total := w * h
	rank := int(math.Ceil(percentile / 100 * float64(total)))
	rank = min(max(rank, 1), total)

	// The rank-th smallest edge value, by two counting passes: first over buckets of 2^11 values
	// (a squared Sobel magnitude is at most 2·1020² < 2^21), then over the values of one bucket.
	const shift = 11
	var coarse [1 << (21 - shift)]int32
	for y := 0; y < h; y++ {
		edgeRow(src, y, laplacian, xs, e)
		for _, v := range e {
			coarse[v>>shift]++
		}
	}
	bucket, before := 0, 0
	for before+int(coarse[bucket]) < rank {
		before += int(coarse[bucket])
		bucket++
	}
	var fine [1 << shift]int32
	for y := 0; y < h; y++ {
		edgeRow(src, y, laplacian, xs, e)
		for _, v := range e {
			if int(v>>shift) == bucket {
				fine[v&(1<<shift-1)]++
			}
		}
	}
	low := 0
	for before+int(fine[low]) < rank {
		before += int(fine[low])
		low++
	}
	te := int32(bucket<<shift | low)

	var hist Histogram
	for y := 0; y < h; y++ {
		edgeRow(src, y, laplacian, xs, e)
		row := src.Pix[y*src.Stride : y*src.Stride+w]
		var mrow []uint8
		if mask != nil {
			mrow = mask.Pix[y*mask.Stride : y*mask.Stride+w]
		}
		for x, v := range e {
			keep := v > te
			if keep {
				hist[row[x]]++
			}
			if mrow != nil {
				mrow[x] = 0
				if keep {
					mrow[x] = 255
				}
			}
		}
	}
	return Otsu(&hist)
}

// partitionEdge returns the first row (or column) of tile i of n over a length of size: tiles are
// [⌊i·size/n⌋, ⌊(i+1)·size/n⌋), so their sizes differ by one at most (some are empty when n > size).
func partitionEdge(i, n, size int) int { return i * size / n }

// PartitionOtsu writes into dst (src's bounds) the levels of Gonzalez & Woods' partition
// thresholding (sec. 10.3.6): the image is cut into a rows × cols grid of tiles (tile (i, j) covers
// rows ⌊i·h/rows⌋ to ⌊(i+1)·h/rows⌋ − 1, and likewise columns) and every pixel gets the Otsu level
// (algo.Otsu, OpenCV's) of its own tile's histogram. Foreground is v > level. rows and cols must
// be ≥ 1; tiles left empty by a grid finer than the image hold no pixel and need no level.
func PartitionOtsu(dst *LevelMap, src *image.Gray, rows, cols int) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	for i := 0; i < rows; i++ {
		y0, y1 := partitionEdge(i, rows, h), partitionEdge(i+1, rows, h)
		for j := 0; j < cols; j++ {
			x0, x1 := partitionEdge(j, cols, w), partitionEdge(j+1, cols, w)
			if y0 == y1 || x0 == x1 {
				continue
			}
			var hist Histogram
			for y := y0; y < y1; y++ {
				for _, v := range src.Pix[y*src.Stride+x0 : y*src.Stride+x1] {
					hist[v]++
				}
			}
			l := int16(Otsu(&hist))
			for y := y0; y < y1; y++ {
				out := dst.L[y*dst.Stride+x0 : y*dst.Stride+x1]
				for x := range out {
					out[x] = l
				}
			}
		}
	}
}

// PartitionGrid draws the tile borders of PartitionOtsu's rows × cols grid into g: 255 on the first
// row and the first column of every tile but those on the image's top and left edges, 0 elsewhere.
func PartitionGrid(g *image.Gray, rows, cols int) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	line := make([]bool, w)
	for j := 1; j < cols; j++ {
		line[partitionEdge(j, cols, w)] = true
	}
	edge := make([]bool, h)
	for i := 1; i < rows; i++ {
		edge[partitionEdge(i, rows, h)] = true
	}
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		for x := range row {
			row[x] = 0
			if edge[y] || line[x] {
				row[x] = 255
			}
		}
	}
}

// LocalStats writes into dst (src's bounds) the levels of Gonzalez & Woods' thresholding by local
// statistics (sec. 10.3.7, eqs. 10-86 and 10-87 of the 4th ed.): a pixel is foreground when
// v > a·σ AND v > b·m, with σ the (population) standard deviation of its window × window
// neighbourhood and m either the mean of that neighbourhood or, with globalMean, the mean of the
// whole image. Both tests are strict, so the level is ⌊max(a·σ, b·m)⌋ clamped to -1..255. The book's
// example (yeast cells) uses a 3 × 3 window, a = 30, b = 1.5 and the global mean.
//
// limen's choices where the book leaves them open: the neighbourhood reaches past the image edge by
// BORDER_REFLECT_101; σ = √((n·Σv² − (Σv)²)/n²) and m = Σv/n from exact integer sums, in float64.
// window must be odd and ≥ 1. Cost: O(pixels), whatever the window.
func LocalStats(dst *LevelMap, src *image.Gray, window int, a, b float64, globalMean bool) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	n := int64(window) * int64(window)
	nn := float64(n * n)
	gm := 0.0
	if globalMean {
		var sum int64
		for y := 0; y < h; y++ {
			for _, v := range src.Pix[y*src.Stride : y*src.Stride+w] {
				sum += int64(v)
			}
		}
		gm = float64(sum) / float64(w*h)
	}
	bm := float64(b * gm)
	ws := newWindowSums(src, window/2, borderReflect101, true)
	for y := 0; y < h; y++ {
		ws.next()
		sq := ws.sumSq[:w]
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x, s := range ws.sum[:w] {
			as := float64(a * math.Sqrt(float64(n*sq[x]-s*s)/nn))
			if !globalMean {
				bm = float64(b * (float64(s) / float64(n)))
			}
			out[x] = FloorLevel(max(as, bm))
		}
	}
}
