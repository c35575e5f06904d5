package algo

import (
	"image"
	"math"
)

// AdOtsu, exact to Doxa (commit 0bf9953, AdOtsu.hpp and GridCalc.hpp).
//
// Defaults (Doxa's): window 75, k 1.0, R 0.1, distance window/2 (integer division).
//
// G is the picture's global Otsu level, Doxa's (DoxaOtsu). The local level of a window is Doxa's
// Otsu of the window's histogram; windows are squares of side 2·⌊window/2⌋ + 1 centred on their
// pixel and clipped to the picture (no padding: statistics over the pixels the window still covers).
//
//   - distance < 2: every pixel gets T = k·(local level) in float64, and the unit step of the paper,
//     T where |G − T|/R < 255, else −1 (nothing is black).
//   - distance ≥ 2 (Doxa's GridCalc): the local level only at grid nodes 0, d, 2d, … in x and y, plus
//     the last column and row when d does not divide the side − 1; each node keeps 0.5 + k·level
//     truncated to a byte; every other pixel is filled by bilinear interpolation of its cell's
//     corners in single-precision float, truncated after adding 0.5, with Doxa's own formulas (the
//     node columns of interior rows interpolate vertically, and those that are multiples of d do it
//     partly in float64). Then the unit step as above with the byte T.
//
// Doxa paints black where v ≤ T; the level written is ⌊T⌋ (−1 when the step says white), so limen's
// binary picture of a dark-text page is Doxa's.
const (
	adotsuWindow = 75
	adotsuK      = 1.0
	adotsuR      = 0.1
)

// AdOtsu writes into dst (src's bounds) the levels of AdOtsu as Doxa computes it (see above):
// window is the side of the square window, k scales the local Otsu level, r is the unit step's R,
// distance the spacing of the grid nodes (< 0: Doxa's default, window/2; 0 or 1: a local Otsu at
// every pixel; Doxa would read an explicit negative distance as per-pixel too, limen keeps the
// negatives for the default). Foreground is v > level; levels are −1..255.
//
// Cost: the per-pixel variant slides a histogram along each row (a column of window pixels in and
// one out per pixel) and runs Otsu over its occupied bins, O(pixels·(window + 256)); Doxa rebuilds
// each window's histogram, O(pixels·window²). The grid variant computes window histograms at the
// nodes only (sliding along node rows when windows overlap), O(pixels) when distance is about
// window/2, plus O(pixels) to interpolate.
//
// Where Doxa has no definition limen chooses: window < 1 is taken as 1 (the pixel alone); an even
// window w covers 2·⌊w/2⌋ + 1 pixels a side, as in Doxa; windows larger than the picture are clipped
// (Doxa too); a grid node value 0.5 + k·level outside 0..255 (k > 1 or k < 0: undefined behaviour in
// Doxa's conversion to a byte) saturates to 0 or 255; NaN gives 0. The global level's pixel sum is
// exact (Doxa's 32-bit int wraps above about 8.4 MP, see DoxaOtsu).
//
// R. F. Moghaddam, M. Cheriet, "A multi-scale framework for adaptive binarization of degraded
// document images", Pattern Recognition 43(6), 2186–2198, 2010: the AdOtsu threshold of its eq. (5)
// with the unit step, as Doxa implements it, and the grid of local computations (Doxa's GridCalc
// cites the same paper). Their later, parameterless AdOtsu (Pattern Recognition 45(6), 2419–2431,
// 2012) builds on it; Doxa, and so limen, implement the 2010 form.
func AdOtsu(dst *LevelMap, src *image.Gray, window int, k, r float64, distance int) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	hist := HistogramOf(src, nil)
	adotsu(dst, src, window, k, r, distance, float64(DoxaOtsu(&hist)))
}

// adotsu is AdOtsu with the global level g given (AdOtsuMS computes it once for all its scales).
func adotsu(dst *LevelMap, src *image.Gray, window int, k, r float64, distance int, g float64) {
	window = max(window, 1)
	if distance < 0 {
		distance = window / 2
	}
	if distance < 2 {
		adotsuPixels(dst, src, window/2, k, r, g)
	} else {
		adotsuGrid(dst, src, window/2, k, r, g, distance)
	}
}

// adotsuStep is the unit step: the level of T when |G − T|/R < 255, else −1 (white). Comparisons
// with NaN (R = 0 and T = G, or a NaN k) are false, so they give white, as in Doxa.
func adotsuStep(t, g, r float64) int16 {
	if math.Abs(g-t)/r < 255 {
		return floorLevelNaNLow(t)
	}
	return -1
}

// adotsuPixels is the per-pixel variant, with windows of radius rad.
func adotsuPixels(dst *LevelMap, src *image.Gray, rad int, k, r, g float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	// The level is a function of the local Otsu level (0..255) alone: tabulate it.
	var step [256]int16
	for i := range step {
		step[i] = adotsuStep(k*float64(i), g, r)
	}
	s := new(doxaOtsuHist)
	for y := 0; y < h; y++ {
		y0, y1 := max(0, y-rad), min(h-1, y+rad)
		s.reset()
		for x := 0; x <= min(w-1, rad); x++ {
			s.addColumn(src, x, y0, y1)
		}
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range out {
			if x > 0 {
				if x-rad-1 >= 0 {
					s.removeColumn(src, x-rad-1, y0, y1)
				}
				if x+rad < w {
					s.addColumn(src, x+rad, y0, y1)
				}
			}
			out[x] = step[s.level()]
		}
	}
}

func (s *doxaOtsuHist) addColumn(src *image.Gray, x, y0, y1 int) {
	for i := y0*src.Stride + x; i <= y1*src.Stride+x; i += src.Stride {
		s.add(src.Pix[i])
	}
}

func (s *doxaOtsuHist) removeColumn(src *image.Gray, x, y0, y1 int) {
	for i := y0*src.Stride + x; i <= y1*src.Stride+x; i += src.Stride {
		s.remove(src.Pix[i])
	}
}

// adotsuNodes returns GridCalc's node coordinates along a side of n pixels: 0, d, 2d, … up to n − 1,
// then n − 1 itself when d does not divide it; and how many are multiples of d (the regular ones).
func adotsuNodes(n, d int) (nodes []int, regular int) {
	for x := 0; x <= n-1; x += d {
		nodes = append(nodes, x)
	}
	regular = len(nodes)
	if nodes[regular-1] != n-1 {
		nodes = append(nodes, n-1)
	}
	return nodes, regular
}

// adotsuNodeValue is the byte Doxa stores at a node: 0.5 + k·level, truncated. Outside 0..255 the
// C++ conversion is undefined; limen saturates (NaN: 0).
func adotsuNodeValue(k float64, level int) uint8 {
	v := 0.5 + k*float64(level)
	switch {
	case v >= 255:
		return 255
	case v >= 0:
		return uint8(v)
	}
	return 0
}

// adotsuGrid is the grid variant: node levels, Doxa's interpolation, then the unit step.
func adotsuGrid(dst *LevelMap, src *image.Gray, rad int, k, r, g float64, d int) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	// Any d ≥ side − 1 gives the same nodes (0 and the last) and the same interpolation on that
	// side; bounding it keeps x += d from overflowing.
	d = min(d, max(w, h))
	xs, xRegular := adotsuNodes(w, d)
	ys, _ := adotsuNodes(h, d)
	nx := len(xs)
	nodes := make([]uint8, nx*len(ys))
	s := new(doxaOtsuHist)
	for j, yc := range ys {
		y0, y1 := max(0, yc-rad), min(h-1, yc+rad)
		s.reset()
		cx0, cx1 := 0, -1 // the columns s holds
		for i, xc := range xs {
			x0, x1 := max(0, xc-rad), min(w-1, xc+rad)
			if x0 > cx1 { // no overlap with the previous node's window: start afresh
				s.reset()
				cx0, cx1 = x0, x0-1
			}
			for ; cx0 < x0; cx0++ {
				s.removeColumn(src, cx0, y0, y1)
			}
			for cx1 < x1 {
				cx1++
				s.addColumn(src, cx1, y0, y1)
			}
			nodes[j*nx+i] = adotsuNodeValue(k, s.level())
		}
	}
	var step [256]int16
	for i := range step {
		step[i] = adotsuStep(float64(i), g, r)
	}
	row := make([]uint8, w)
	j := 0 // ys[j] ≤ y < ys[j+1], or y = ys[j] on the last node row
	for y := 0; y < h; y++ {
		if j+1 < len(ys) && y == ys[j+1] {
			j++
		}
		top := nodes[j*nx : (j+1)*nx]
		if y == ys[j] {
			gridNodeRow(row, top, xs)
		} else {
			bottom := nodes[(j+1)*nx : (j+2)*nx]
			t := float32(y-ys[j]) / float32(ys[j+1]-ys[j])
			gridInteriorRow(row, top, bottom, xs, xRegular, t)
		}
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x, v := range row {
			out[x] = step[v]
		}
	}
}

// gridNodeRow fills a row that holds nodes (values q at columns xs): the nodes as they are, the
// pixels between two nodes by GridCalc's linear interpolation in float32, 0.5 added, truncated.
// The explicit float32 conversions round every product, as C++'s float arithmetic does (Go may
// otherwise fuse a multiply and an add).
func gridNodeRow(row, q []uint8, xs []int) {
	for i, xa := range xs {
		row[xa] = q[i]
		if i+1 == len(xs) {
			break
		}
		q0, q1 := float32(q[i]), float32(q[i+1])
		interval := xs[i+1] - xa
		for x := 1; x < interval; x++ {
			f := float32(x) / float32(interval)
			v := float32(0.5+float32((1-f)*q0)) + float32(f*q1)
			row[xa+x] = uint8(v)
		}
	}
}

// gridInteriorRow fills a row between two node rows (values top and bottom at columns xs), at t of
// the way down, as GridCalc does: a node column by linear interpolation between its two nodes (the
// regular columns, multiples of d, with (1 − t) in float64: Doxa writes 1.0 there, not 1.0f), every
// other pixel bilinearly in float32.
func gridInteriorRow(row, top, bottom []uint8, xs []int, regular int, t float32) {
	t64 := float64(t)
	for i, xa := range xs {
		q00, q10 := float32(top[i]), float32(bottom[i])
		if i < regular {
			v := float64(0.5+float64((1-t64)*float64(q00))) + float64(float32(t*q10))
			row[xa] = uint8(v)
		} else {
			v := float32(0.5+float32((1-t)*q00)) + float32(t*q10)
			row[xa] = uint8(v)
		}
		if i+1 == len(xs) {
			break
		}
		q01, q11 := float32(top[i+1]), float32(bottom[i+1])
		interval := xs[i+1] - xa
		for x := 1; x < interval; x++ {
			f := float32(x) / float32(interval)
			up := float32((1-f)*q00) + float32(f*q01)
			down := float32((1-f)*q10) + float32(f*q11)
			v := float32(0.5+float32((1-t)*up)) + float32(t*down)
			row[xa+x] = uint8(v)
		}
	}
}
