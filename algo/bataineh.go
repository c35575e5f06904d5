package algo

import (
	"image"
	"math"
)

// Bataineh, Abdullah and Omar's binarization with dynamic windows, exact to Doxa (commit 0bf9953,
// Bataineh.hpp), which calls its own implementation unreproducible from the paper and documents
// its corrections (the window threshold's m²·σ, the 2σ_A, σ_A's division).
//
// No parameters.
//
// With the picture's mean m, standard deviation σ (population) and brightest value g:
//  1. the confusion threshold T_c = m − m²σ/((m + σ)(g/2 + σ)); pixels v ≤ T_c − σ/2 are black,
//     v ≥ T_c + σ/2 white, the rest "red" (confused);
//  2. with p = #black/#red, primary windows of W/6 × H/4 when p ≥ 2.5 or σ < 0.1·g, else
//     W/30 × H/20 when p > 1 or W + H < 400, else W/40 × H/30 (integer divisions), tiled from the
//     top left; the last one of a row (or column) is stretched to the edge when the pixels left
//     after it are fewer than half a window;
//  3. a primary window with more red than black pixels is replaced by its four quarters (first
//     halves rounded down; a quarter may be empty, and then holds no pixel);
//  4. every window's mean m_w and deviation σ_w; σ_min and σ_max over all windows; per window
//     σ_A = (σ_w − σ_min)/(σ_max − σ_min)·g and T_w = m_w − m_w²σ_w/((m + σ_w)(2σ_A + σ_w)); black
//     where v ≤ T_w (T_w NaN, e.g. when all windows have the same σ: white).
//
// Means and variances are Doxa's: exact integer sums, mean = Σv/n and var = Σv²/n − mean² in
// float64, σ = √var.

// Bataineh writes into dst (src's bounds) the levels of Bataineh's method as Doxa computes it (see
// above): each pixel gets ⌊T_w⌋ of its window (clamped to −1..255, NaN → −1), so limen's binary
// picture is Doxa's. Cost: O(pixels) (windows partition the picture; sums are taken directly).
//
// Where Doxa never returns: a primary window side of 0 (the picture narrower than 6, 30 or 40 or
// lower than 4, 20 or 30 pixels, by the branch of step 2) makes its tiling loop stand still. limen
// then applies the global rule, black where v ≤ T_c, to the whole picture.
//
// B. Bataineh, S. N. H. S. Abdullah, K. Omar, "An adaptive local binarization method for document
// images based on a novel thresholding method and dynamic windows", Pattern Recognition Letters
// 32(14), 1805–1813, 2011.
func Bataineh(dst *LevelMap, src *image.Gray) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	gl := batainehSetup(src)
	ww, wh, class, mean, gf := gl.ww, gl.wh, &gl.class, gl.mean, gl.g
	if ww == 0 || wh == 0 {
		batainehFill(dst, w, h, floorLevelNaNLow(gl.conf))
		return
	}

	var wins []batainehWindow
	oy := 0
	for y := 0; y < h; y = oy + 1 {
		oy = min(h-1, y+wh-1)
		if h-1-oy < wh/2 {
			oy = h - 1
		}
		ox := 0
		for x := 0; x < w; x = ox + 1 {
			ox = min(w-1, x+ww-1)
			if w-1-ox < ww/2 {
				ox = w - 1
			}
			if batainehMoreRed(src, class, x, y, ox, oy) {
				hx, hy := (ox-x+1)/2, (oy-y+1)/2
				wins = append(wins,
					batainehWindow{x0: x, y0: y, x1: x + hx - 1, y1: y + hy - 1},
					batainehWindow{x0: x + hx, y0: y, x1: ox, y1: y + hy - 1},
					batainehWindow{x0: x, y0: y + hy, x1: x + hx - 1, y1: oy},
					batainehWindow{x0: x + hx, y0: y + hy, x1: ox, y1: oy})
			} else {
				wins = append(wins, batainehWindow{x0: x, y0: y, x1: ox, y1: oy})
			}
		}
	}

	// An empty quarter has no statistics (Doxa's are NaN, and NaN never moves σ_min or σ_max).
	sdMin, sdMax := math.MaxFloat64, 0.0
	for i := range wins {
		b := &wins[i]
		if b.x1 < b.x0 || b.y1 < b.y0 {
			continue
		}
		b.mean, b.sd = batainehStats(src, b.x0, b.y0, b.x1, b.y1)
		// Doxa's comparisons, which a NaN would never pass (Go's max and min would return it).
		if b.sd > sdMax {
			sdMax = b.sd
		}
		if b.sd < sdMin {
			sdMin = b.sd
		}
	}
	for _, b := range wins {
		if b.x1 < b.x0 || b.y1 < b.y0 {
			continue
		}
		sa := (b.sd - sdMin) / (sdMax - sdMin) * gf
		t := b.mean - b.mean*b.mean*b.sd/((mean+b.sd)*(2*sa+b.sd))
		l := floorLevelNaNLow(t)
		for y := b.y0; y <= b.y1; y++ {
			row := dst.L[y*dst.Stride+b.x0 : y*dst.Stride+b.x1+1]
			for x := range row {
				row[x] = l
			}
		}
	}
}

// batainehGlobal is what Bataineh's steps 1 and 2 find: the picture's statistics, the confusion
// threshold, the class of each value (0 black, 1 red, 2 white) and the primary window's size.
type batainehGlobal struct {
	mean, sd, g, conf float64
	class             [256]uint8
	ww, wh            int
}

func batainehSetup(src *image.Gray) (gl batainehGlobal) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	gl.mean, gl.sd = batainehStats(src, 0, 0, w-1, h-1)
	hist := HistogramOf(src, nil)
	for v, c := range hist {
		if c > 0 {
			gl.g = float64(v)
		}
	}
	mean, sd, g := gl.mean, gl.sd, gl.g
	gl.conf = mean - mean*mean*sd/((mean+sd)*(0.5*g+sd))
	black, red := 0, 0
	half := sd / 2
	for v, c := range hist {
		switch fv := float64(v); {
		case fv <= gl.conf-half:
			black += c
		case fv >= gl.conf+half:
			gl.class[v] = 2
		default:
			gl.class[v] = 1
			red += c
		}
	}
	p := float64(black) / float64(red) // Inf or NaN when there is no red pixel, as in Doxa
	switch {
	case p >= 2.5 || sd < 0.1*g:
		gl.ww, gl.wh = w/6, h/4
	case p > 1 || w+h < 400:
		gl.ww, gl.wh = w/30, h/20
	default:
		gl.ww, gl.wh = w/40, h/30
	}
	return gl
}

// batainehWindow is a window (inclusive corners) with its mean and standard deviation.
type batainehWindow struct {
	x0, y0, x1, y1 int
	mean, sd       float64
}

// batainehStats returns the mean and population standard deviation of src over the inclusive
// rectangle, as Doxa computes them from exact sums: Σv/n, and √(Σv²/n − mean²). The product is
// rounded on its own, as in C++ (Go could otherwise fuse it with the subtraction).
func batainehStats(src *image.Gray, x0, y0, x1, y1 int) (mean, sd float64) {
	var s, sq int64
	for y := y0; y <= y1; y++ {
		for _, v := range src.Pix[y*src.Stride+x0 : y*src.Stride+x1+1] {
			s += int64(v)
			sq += int64(v) * int64(v)
		}
	}
	n := float64((x1 - x0 + 1) * (y1 - y0 + 1))
	mean = float64(s) / n
	return mean, math.Sqrt(float64(sq)/n - float64(mean*mean))
}

// batainehMoreRed reports whether the rectangle holds more red pixels than black ones.
func batainehMoreRed(src *image.Gray, class *[256]uint8, x0, y0, x1, y1 int) bool {
	n := 0 // red − black
	for y := y0; y <= y1; y++ {
		for _, v := range src.Pix[y*src.Stride+x0 : y*src.Stride+x1+1] {
			switch class[v] {
			case 0:
				n--
			case 1:
				n++
			}
		}
	}
	return n > 0
}

// batainehFill sets every level of dst's w × h pixels to l.
func batainehFill(dst *LevelMap, w, h int, l int16) {
	for y := 0; y < h; y++ {
		row := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range row {
			row[x] = l
		}
	}
}
