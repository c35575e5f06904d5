package algo

import (
	"image"
	"math"
)

// Fixed-point precision of OpenCV's 8-bit bilinear resize (INTER_RESIZE_COEF_BITS).
const (
	resizeCoefBits  = 11
	resizeCoefScale = 1 << resizeCoefBits // 2048
)

// ResizeBilinear resizes src into dst (dst.Rect gives the output size; both at least 1×1) exactly
// as OpenCV 4.6's cv::resize(src, dst, dst.size(), 0, 0, INTER_LINEAR) does on 8-bit gray data.
//
// OpenCV's 8-bit path is fixed point, not a float bilinear rounded at the end:
//   - scale = 1/(dw/sw) in double; the source position of output column dx is
//     fx = float32((dx+0.5)·scale − 0.5), sx = floor(fx), and the weights are
//     round(2048·(1−f)) and round(2048·f) (f = fx − sx in float32, round half to even).
//     Columns left of the image (sx < 0) and at or right of its last column use the edge pixel
//     alone (weight 2048). Rows the same, except that sy and its weight are not clamped: a row
//     outside the image is replaced by the edge row, and both weights still apply.
//   - The row pass keeps integers with 11 fractional bits: S = a0·p[sx] + a1·p[sx+1].
//   - The column pass is OpenCV's VResizeLinear for uchar:
//     ((b0·(S0>>4))>>16 + (b1·(S1>>4))>>16 + 2) >> 2, two truncations and one rounding.
//
// OpenCV turns an exact 2× reduction in both directions into its INTER_AREA fast path, which
// gives (a+b+c+d+2)>>2; the formulas above give the same value there, so there is no special case.
// A same-size resize is a copy in OpenCV and here. An empty src or dst leaves dst untouched.
func ResizeBilinear(dst, src *image.Gray) {
	resizeBilinearRows(dst, src, src.Rect.Dx(), src.Rect.Dy(), dst.Rect.Dy(), 0, 0)
}

// resizeBilinearRows is ResizeBilinear for a band: src holds rows sy0.. of a picture sw×sh pixels,
// dst receives rows dy0.. of its resize to dst's width × dh, and every output row is what
// ResizeBilinear gives that row of the whole picture. src must hold the rows those output rows
// read (resizeSourceRows).
func resizeBilinearRows(dst, src *image.Gray, sw, sh, dh, dy0, sy0 int) {
	dw := dst.Rect.Dx()
	if sw <= 0 || sh <= 0 || dw <= 0 || dh <= 0 || dst.Rect.Dy() <= 0 {
		return
	}
	if sw == dw && sh == dh {
		for y := 0; y < dst.Rect.Dy(); y++ {
			o := (dy0 + y - sy0) * src.Stride
			copy(dst.Pix[y*dst.Stride:y*dst.Stride+dw], src.Pix[o:o+sw])
		}
		return
	}

	// Horizontal taps: source column and the two weights of every output column. From xmax on,
	// OpenCV's row pass takes p[sx]·2048 without looking at the weights.
	xofs := make([]int32, dw)
	alpha := make([]int32, 2*dw)
	xmax := dw
	scaleX := 1 / (float64(dw) / float64(sw))
	for dx := 0; dx < dw; dx++ {
		sx, f := resizeCoord(dx, scaleX)
		if sx < 0 {
			sx, f = 0, 0
		}
		if sx+1 >= sw {
			xmax = min(xmax, dx)
			if sx >= sw-1 {
				sx, f = sw-1, 0
			}
		}
		xofs[dx] = int32(sx)
		alpha[2*dx], alpha[2*dx+1] = resizeWeights(f)
	}

	// Two row buffers with the horizontal pass of source rows sy and sy+1 (clamped); the pair
	// slides down with dy, so each source row is filtered horizontally at most once per pair.
	rows := [2][]int32{make([]int32, dw), make([]int32, dw)}
	have := [2]int{-1, -1} // the source row in each buffer
	scaleY := 1 / (float64(dh) / float64(sh))
	for y := 0; y < dst.Rect.Dy(); y++ {
		sy, f := resizeCoord(dy0+y, scaleY)
		b0, b1 := resizeWeights(f)
		// The two source rows, numbered within src.
		r0, r1 := min(max(sy, 0), sh-1)-sy0, min(max(sy+1, 0), sh-1)-sy0
		// Reuse buffers holding r0 or r1 already.
		if have[1] == r0 {
			rows[0], rows[1] = rows[1], rows[0]
			have[0], have[1] = have[1], have[0]
		}
		if have[0] != r0 {
			resizeRow(rows[0], src.Pix[r0*src.Stride:r0*src.Stride+sw], xofs, alpha, xmax)
			have[0] = r0
		}
		if have[1] != r1 {
			if r1 == r0 {
				copy(rows[1], rows[0])
			} else {
				resizeRow(rows[1], src.Pix[r1*src.Stride:r1*src.Stride+sw], xofs, alpha, xmax)
			}
			have[1] = r1
		}
		out := dst.Pix[y*dst.Stride : y*dst.Stride+dw]
		s0, s1 := rows[0][:len(out)], rows[1][:len(out)]
		for x := range out {
			// Arithmetic shifts on non-negative int32, as OpenCV's int arithmetic; the sum is at
			// most (1020+2)>>2 = 255, so the cast does not wrap.
			out[x] = uint8(((b0*(s0[x]>>4))>>16 + (b1*(s1[x]>>4))>>16 + 2) >> 2)
		}
	}
}

// resizeCoord returns OpenCV's integer source position and fractional offset for output index d:
// f = float32((d+0.5)·scale − 0.5) in double then rounded to float32, floor(f), f − floor(f). The
// explicit conversions keep Go from fusing the multiply and subtract, which C does not do here.
func resizeCoord(d int, scale float64) (int, float32) {
	p := float64((float64(d) + 0.5) * scale)
	f := float32(p - 0.5)
	s := int(math.Floor(float64(f)))
	return s, f - float32(s)
}

// resizeWeights returns round(2048·(1−f)) and round(2048·f) with f in float32 and round half to
// even, as saturate_cast<short>(cbuf[k]*INTER_RESIZE_COEF_SCALE) gives them. They need not add up
// to 2048.
func resizeWeights(f float32) (int32, int32) {
	a := float32(1 - f)
	return int32(math.RoundToEven(float64(a * resizeCoefScale))), int32(math.RoundToEven(float64(f * resizeCoefScale)))
}

// resizeRow is OpenCV's HResizeLinear for 8-bit data: two taps with 11-bit weights before xmax,
// the edge pixel times 2048 from there on.
func resizeRow(dst []int32, src []byte, xofs, alpha []int32, xmax int) {
	for dx := 0; dx < xmax; dx++ {
		sx := xofs[dx]
		dst[dx] = int32(src[sx])*alpha[2*dx] + int32(src[sx+1])*alpha[2*dx+1]
	}
	for dx := xmax; dx < len(dst); dx++ {
		dst[dx] = int32(src[xofs[dx]]) * resizeCoefScale
	}
}

// resizeSourceRows returns the rows [s0, s1) of an sh-row picture that rows [y0, y1) of its
// resize to dh rows read (both non-empty): the row before and after each output row's position,
// clamped to the picture. The source position grows with the output row, so the first and last
// output rows bound it. (A same-size resize reads one row more than it needs.)
func resizeSourceRows(sh, dh, y0, y1 int) (int, int) {
	scaleY := 1 / (float64(dh) / float64(sh))
	a, _ := resizeCoord(y0, scaleY)
	b, _ := resizeCoord(y1-1, scaleY)
	return min(max(a, 0), sh-1), min(max(b+1, 0), sh-1) + 1
}
