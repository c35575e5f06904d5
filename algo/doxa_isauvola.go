package algo

import "image"

// ISauvola (Doxa's ISauvola.hpp, Improved<Sauvola>). Defaults: window 75, k 0.2 (its Sauvola's).

// ISauvola writes into dst (src's bounds) Hadjadj et al.'s improved Sauvola binarization as the
// Δoxa Binarization Framework computes it (commit 0bf9953): Doxa's Sauvola (see DoxaSauvola, with
// window and k) marks candidate text pixels; the high-contrast pixels of doxaHighContrast (a 3×3
// local contrast thresholded by Doxa's Otsu) mark certain ones; the result is black exactly on the
// 8-connected regions of Sauvola's black pixels that hold a high-contrast black pixel, white
// elsewhere.
//
// The result is a picture, not a threshold per pixel, so it is written as levels: Doxa's black
// pixels get 255 (never foreground), its white ones −1 (always foreground); limen's binary output
// is then Doxa's picture whatever the gray values.
//
// Doxa's quirk, reproduced: its flood fill does not look at the row above from the pixel at index
// `width` (x 0, y 1), where `top > 0` was meant as `top >= 0`; so (0, 0) and (1, 0) are reached
// from (0, 1) only through another path. The regions are therefore the pixels reachable from a
// seed along those steps, which does not depend on the order of the fill.
//
// Windows larger than the picture, above 181, even or ≤ 0: as DoxaSauvola (window ≤ 0 gives no
// Sauvola black pixel, so an all-white result, as in Doxa). Cost: O(pixels), whatever the window.
//
// Z. Hadjadj, A. Meziane, Y. Cherfa, M. Cheriet, I. Setitra, ISauvola: Improved Sauvola's
// algorithm for document image binarization, Image Analysis and Recognition (ICIAR 2016), LNCS
// 9730, Springer, 2016; B. M. Petty, Δoxa Binarization Framework, github.com/brandonmpetty/Doxa.
func ISauvola(dst *LevelMap, src *image.Gray, window int, k float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	high := doxaHighContrast(src)

	// Sauvola's black pixels, over high's storage: 1 black, 2 black and high contrast (a seed).
	marks := high
	s := newDoxaChanSums(src, window)
	for y := 0; y < h; y++ {
		s.next()
		row := src.Pix[y*src.Stride : y*src.Stride+w]
		mrow := marks[y*w : y*w+w]
		for x, v := range row {
			m, variance := doxaMeanVar(s.A[x], s.B[x], s.count(x))
			if float64(v) <= doxaSauvolaT(m, variance, k) {
				mrow[x] = 1 + mrow[x]
			} else {
				mrow[x] = 0
			}
		}
	}

	for y := 0; y < h; y++ {
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range out {
			out[x] = doxaWhite
		}
	}
	at := func(i int) *int16 { return &dst.L[(i/w)*dst.Stride+i%w] }
	var stack []int
	// visit paints pixel i black and queues it, when Sauvola made it black and it is still white.
	visit := func(i int) {
		if marks[i] != 0 && *at(i) == doxaWhite {
			*at(i) = doxaBlack
			stack = append(stack, i)
		}
	}
	for seed, m := range marks {
		if m != 2 || *at(seed) == doxaBlack {
			continue
		}
		visit(seed)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x := i % w
			left, right := x > 0, x < w-1
			for _, r := range [3]int{i - w, i, i + w} {
				if r < 0 || r >= w*h || (r == i-w && i == w) { // Doxa skips the row above of pixel `width`
					continue
				}
				if left {
					visit(r - 1)
				}
				if r != i {
					visit(r)
				}
				if right {
					visit(r + 1)
				}
			}
		}
	}
}
