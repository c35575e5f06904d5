package algo

import (
	"image"
	"math"
)

// Gatos, Pratikakis and Perantonis's method (Doxa's Gatos.hpp). Defaults: glyph 60, window 75,
// k 0.2 (window and k are its Sauvola step's); q 0.6, p₁ 0.5, p₂ 0.8 fixed, as in Doxa.

// Gatos writes into dst (src's bounds) Gatos, Pratikakis and Perantonis's binarization as the
// Δoxa Binarization Framework computes it (commit 0bf9953), without the paper's optional
// up-sampling and post-processing (Doxa has neither):
//
//  1. Wiener filter over the clipped 3×3 window: with ν the mean of all local variances (summed
//     in row order, in double, as Doxa does), F = m where var < ν, else
//     m + (var − ν)(v − m)/var, truncated to a byte.
//  2. Sauvola on F (see DoxaSauvola, with window and k) gives S: black where F ≤ T.
//  3. Background B: for each S-black pixel, the mean of F over the S-white pixels of the clipped
//     (2·glyph+1)-square around it, in integer division (truncated); B = F elsewhere.
//  4. δ = Σ(B − F)/(number of S-black pixels) over the whole picture, b = the mean of B over the
//     S-white pixels; a pixel is black (text) when B − F > q·δ·((1 − p₂)/(1 + e^x) + p₂) with
//     x = −4·S/(b(1 − p₁)) + 2(1 + p₁)/(1 − p₁).
//
// Doxa's quirk, reproduced: x takes S, Sauvola's output value (0 or 255), where the paper has the
// background B(x, y). The result is a picture, not a threshold per pixel, so it is written as
// levels: Doxa's black pixels get 255 (never foreground), its white ones −1 (always foreground);
// limen's binary output is then Doxa's picture.
//
// Where Doxa has no answer, limen's: an S-black pixel whose glyph window holds no S-white pixel
// makes Doxa divide by zero (an integer division: the program dies); limen keeps B = F there, as
// for a background pixel (no background to estimate: no contrast, so the pixel is white unless
// the threshold is negative). glyph < 0 is taken as 0 (the pixel alone: B = F everywhere, every
// pixel white). When S has no black pixel (δ = 0/0) or no white one (b = 0/0) the threshold is NaN
// and every pixel white, as Doxa's double arithmetic gives where it runs. Windows of the Sauvola
// step larger than the picture, above 181, even or ≤ 0: as DoxaSauvola. All sums are exact
// 64-bit integers (Doxa's ints and unsigned ints overflow on pictures above about 8 MP or glyph
// windows above about 4000). The exponential is Go's math.Exp, which may differ from the C
// library's exp in the last bit; that could only move pixels whose threshold lies within a few
// units in the last place of an integer. Cost: O(pixels), whatever the windows.
//
// B. Gatos, I. Pratikakis, S. J. Perantonis, Adaptive degraded document image binarization,
// Pattern Recognition 39(3), 317–327, 2006; B. M. Petty, Δoxa Binarization Framework,
// github.com/brandonmpetty/Doxa.
func Gatos(dst *LevelMap, src *image.Gray, glyph, window int, k float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	f := gatosWiener(src)
	filtered := &image.Gray{Pix: f, Stride: w, Rect: image.Rect(0, 0, w, h)}

	// Sauvola on F: white[i] = 1 where S is white (the background).
	white := make([]uint8, w*h)
	var nWhite int64
	s := newDoxaChanSums(filtered, window)
	for y := 0; y < h; y++ {
		s.next()
		for x, v := range f[y*w : y*w+w] {
			m, variance := doxaMeanVar(s.A[x], s.B[x], s.count(x))
			if !(float64(v) <= doxaSauvolaT(m, variance, k)) {
				white[y*w+x] = 1
				nWhite++
			}
		}
	}

	// Background B, kept as B − F per pixel (0 on S-white pixels), and the sums of step 4.
	diff := make([]int16, w*h)
	var sumDiff, sumWhiteB int64
	glyph = max(glyph, 0)
	bg := newDoxaSums(filtered, white, glyph, glyph)
	for y := 0; y < h; y++ {
		bg.next()
		for x, v := range f[y*w : y*w+w] {
			i := y*w + x
			if white[i] != 0 {
				sumWhiteB += int64(v)
				continue
			}
			if n := bg.B[x]; n > 0 {
				d := int64(bg.A[x]/n) - int64(v)
				diff[i] = int16(d)
				sumDiff += d
			}
		}
	}
	delta := float64(sumDiff) / float64(int64(w*h)-nWhite)
	b := float64(sumWhiteB) / float64(nWhite)

	// The threshold takes only two values, for S black (0) and S white (255).
	q, p1, p2 := 0.6, 0.5, 0.8 // variables, not constants: Doxa's 1 − p₂ is rounded in double
	thr := func(sv int) float64 {
		x := float64(-4*sv)/float64(b*(1-p1)) + (2*(1+p1))/(1-p1)
		return float64(q*delta) * ((1-p2)/(1+math.Exp(x)) + p2)
	}
	thrBlack, thrWhite := thr(0), thr(255)
	for y := 0; y < h; y++ {
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range out {
			i := y*w + x
			t := thrBlack
			if white[i] != 0 {
				t = thrWhite
			}
			if float64(diff[i]) > t {
				out[x] = doxaBlack
			} else {
				out[x] = doxaWhite
			}
		}
	}
}

// gatosWiener is Doxa's WienerFilter::Filter with its 3×3 window (see Gatos, step 1): F, w·h
// values with stride w.
func gatosWiener(src *image.Gray) []uint8 {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	var sumVar float64
	s := newDoxaChanSums(src, 3)
	for y := 0; y < h; y++ {
		s.next()
		for x := 0; x < w; x++ {
			_, variance := doxaMeanVar(s.A[x], s.B[x], s.count(x))
			sumVar += variance
		}
	}
	nu := sumVar / float64(w*h)
	f := make([]uint8, w*h)
	s = newDoxaChanSums(src, 3)
	for y := 0; y < h; y++ {
		s.next()
		row := src.Pix[y*src.Stride : y*src.Stride+w]
		for x, v := range row {
			m, variance := doxaMeanVar(s.A[x], s.B[x], s.count(x))
			g := m
			if !(variance < nu) {
				g = m + float64((variance-nu)*(float64(v)-m))/variance
			}
			// Doxa converts to a byte by truncation; g lies between m and v, so within 0 … 255
			// up to rounding, which the clamp absorbs (C++ would be undefined outside).
			f[y*w+x] = uint8(min(max(int(g), 0), 255))
		}
	}
	return f
}
