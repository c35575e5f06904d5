package algo

import (
	"image"
	"math"
)

// OpenCV's adaptive thresholding (Gonzalez & Woods, Digital Image Processing, 4th ed., sec. 10.3.7,
// "variable thresholding based on local image properties"; OpenCV 4.6 cv::adaptiveThreshold): a
// pixel is compared with the mean m of the blockSize × blockSize window around it, less a constant
// C. OpenCV computes m as an 8-bit image (rounded), then tests v − m > −ceil(C) for THRESH_BINARY
// and v − m ≤ −floor(C) for the background of THRESH_BINARY_INV; so the level is m − ceil(C), or
// m − floor(C) when the output will be inverted. OpenCV pads the image with BORDER_REPLICATE.
//
// OpenCV accepts any image, even one smaller than the window or one pixel wide (checked on 1×1,
// 1×7, 7×1, 2×2 and 3×3 with blockSize 11); so does limen.

// adaptiveLevel writes the levels m − ceil(C) (m − floor(C) when inverted) for one row of means.
func adaptiveLevel(dst []int16, means []uint8, c float64, inverted bool) {
	d := int(math.Ceil(c))
	if inverted {
		d = int(math.Floor(c))
	}
	dst = dst[:len(means)]
	for x, m := range means {
		dst[x] = int16(min(max(int(m)-d, -1), 255))
	}
}

// AdaptiveMean writes into dst (src's bounds) the level of OpenCV 4.6's adaptiveThreshold with
// ADAPTIVE_THRESH_MEAN_C: m − ceil(C), or m − floor(C) when inverted (the caller will use
// THRESH_BINARY_INV), where m is the mean of the blockSize × blockSize window (BORDER_REPLICATE)
// rounded to 8 bits as cv::boxFilter rounds it. Foreground is v > level; levels are clamped to
// -1..255. blockSize must be odd and ≥ 3 (OpenCV asserts it). Cost: O(pixels), whatever blockSize.
//
// The rounding of m follows boxFilter's code paths:
//   - blockSize ≤ 15 (window sums fit 16 bits): a fixed-point division, equal to the exact rounding
//     of sum/n on every possible sum;
//   - larger blocks, SIMD lanes: float32(sum)·float32(1/n) rounded half to even. From blockSize
//     165 on this differs from exact rounding on a few sums close to a half (float32 keeps 24
//     bits), so limen does the same float32 product;
//   - larger blocks, the last width mod 8 columns of each row, which OpenCV's vector loops (32, 16
//     then 8 lanes of 16 bits) leave to a scalar loop: sum·(1/n) in double, exact for these sums.
//
// limen uses the float32 product for every column but the last width mod 8, and exact division
// there: for blockSize ≤ 15 the float32 product is exact too (TestBoxRounding checks every sum).
// The window area n is odd, so an exact quotient is never a tie.
func AdaptiveMean(dst *LevelMap, src *image.Gray, blockSize int, c float64, inverted bool) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	n := int64(blockSize) * int64(blockSize)
	scale := float32(1 / float64(n))
	simd := w - w%8 // the columns OpenCV's vector loops round (in float32 for blockSize ≥ 17)
	ws := newWindowSums(src, blockSize/2, borderReplicate, false)
	means := make([]uint8, w)
	for y := 0; y < h; y++ {
		ws.next()
		sums := ws.sum[:w]
		for x, s := range sums[:simd] {
			means[x] = roundEven8(float32(float32(s) * scale)) // the conversions keep it float32
		}
		for x := simd; x < w; x++ {
			means[x] = uint8((2*sums[x] + n) / (2 * n)) // round half up; no ties (n odd)
		}
		adaptiveLevel(dst.L[y*dst.Stride:], means, c, inverted)
	}
}

// roundEven8 rounds p, 0 ≤ p ≤ 255.5, to the nearest integer, half to even, as OpenCV's cvRound
// and its vector rounding (_mm_cvtps_epi32) do. Adding 2²³ in float32 leaves no bits for a
// fraction, so the addition itself rounds p, half to even as IEEE arithmetic does by default, and
// the integer is the low bits of the sum's mantissa: no float-to-integer conversion, which costs
// much more than a bit cast on wasm.
func roundEven8(p float32) uint8 {
	return uint8(math.Float32bits(p + 0x1p23))
}

// AdaptiveGaussian writes into dst (src's bounds) the level of OpenCV 4.6's adaptiveThreshold with
// ADAPTIVE_THRESH_GAUSSIAN_C: m − ceil(C), or m − floor(C) when inverted, where m is the
// Gaussian-weighted mean of the blockSize × blockSize window: cv::GaussianBlur of the image
// converted to float32, with σ = 0.3·((blockSize−1)·0.5 − 1) + 0.8 and BORDER_REPLICATE, rounded
// half to even to 8 bits. Foreground is v > level; levels are clamped to -1..255. blockSize must be
// odd and ≥ 3. Cost: O(pixels · blockSize), as OpenCV's separable filter.
//
// Float32 sums depend on their order, so this one is OpenCV's, as its AVX2 code runs it (the
// references were made on x86-64 with AVX2 and FMA; OpenCV's float filters have no AVX-512 path):
//   - row pass: s = 0, then s = fma(k[t], v[x−r+t], s) for the taps t = 0..B−1 from left to right;
//   - column pass: a = k[r]·c, then a = fma(k[r+i], above_i + below_i, a) for i = 1..r outwards,
//     where above_i + below_i is a float32 sum of the two row-pass values i rows away;
//   - every fma rounds once, to float32. GCC contracts OpenCV's scalar tail loops into FMAs too,
//     so all columns follow the same order (checked against cv2 on widths 1 to 451, blockSize 3 to 501).
//
// As GaussianBlur does for BORDER_REPLICATE|BORDER_ISOLATED, a one-row image skips the column pass
// and a one-column image the row pass (the kernel along that axis becomes [1]).
//
// The chain of float32 roundings is what adaptiveGaussianExact computes step by step; this function
// gets the same levels much faster (adaptive_fast.go): it rounds an integer approximation of the
// exact weighted mean and runs the float32 chain only for the few pixels whose mean lies so close to
// a half that the chain's bounded error could tip the rounding.
func AdaptiveGaussian(dst *LevelMap, src *image.Gray, blockSize int, c float64, inverted bool) {
	adaptiveGaussianFast(dst, src, blockSize, c, inverted, gaussianAuto)
}

// adaptiveGaussianExact is AdaptiveGaussian computed the slow way, every float32 rounding of
// OpenCV's chain in turn: the definition, which tests hold the fast path to.
func adaptiveGaussianExact(dst *LevelMap, src *image.Gray, blockSize int, c float64, inverted bool) {
	means := make([]uint8, src.Rect.Dx())
	gaussianMeans32(src, blockSize, func(y int, acc []float32) {
		for x, a := range acc {
			// Saturating round half to even, as convertTo(CV_8U) does; a is in 0..255 already
			// (the weights are positive and sum to 1 within float32 rounding), but clamp anyway.
			means[x] = roundEven8(max(min(a, 255), 0))
		}
		adaptiveLevel(dst.L[y*dst.Stride:], means, c, inverted)
	})
}

// gaussianMeans32 calls means(y, F) for each row y in turn, F being OpenCV's float32 Gaussian means
// of that row (cv::GaussianBlur of the image in float32, as AdaptiveGaussian describes), before
// they are rounded to 8 bits. F is reused from row to row.
func gaussianMeans32(src *image.Gray, blockSize int, means func(y int, f []float32)) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	k := gaussianKernel32(blockSize)
	r := blockSize / 2
	kr := k[r]
	// The row pass results of the rows the current window needs, in a ring: padded row j (the
	// window of row y needs y−r..y+r, clamped) lives in slot j mod ring.
	ring := min(blockSize, h)
	rows := make([][]float32, ring)
	for i := range rows {
		rows[i] = make([]float32, w)
	}
	pad := make([]float64, w+2*r) // one source row, replicated r pixels each side
	k64 := make([]float64, len(k))
	for i, v := range k {
		k64[i] = float64(v)
	}
	xIdx := borderTable(w, r, borderReplicate)
	acc := make([]float32, w)

	rowPass := func(sy int) {
		out := rows[sy%ring]
		srow := src.Pix[sy*src.Stride : sy*src.Stride+w]
		if w == 1 {
			out[0] = float32(srow[0])
			return
		}
		for j, i := range xIdx {
			pad[j] = float64(srow[i])
		}
		gaussianRow(out, pad, k64)
	}
	for sy := 0; sy < min(r, h); sy++ {
		rowPass(sy)
	}
	for y := 0; y < h; y++ {
		if y+r < h {
			rowPass(y + r)
		}
		if h == 1 {
			copy(acc, rows[0])
		} else {
			centre := rows[y%ring]
			for x, v := range centre {
				acc[x] = float32(kr * v)
			}
			i := 1
			for ; i+1 <= r; i += 2 {
				gaussianColumnStep2(acc,
					rows[max(y-i, 0)%ring], rows[min(y+i, h-1)%ring],
					rows[max(y-i-1, 0)%ring], rows[min(y+i+1, h-1)%ring], k[r+i], k[r+i+1])
			}
			if i <= r {
				gaussianColumnStep(acc, rows[max(y-i, 0)%ring], rows[min(y+i, h-1)%ring], k[r+i])
			}
		}
		means(y, acc)
	}
}

// gaussianRow is the row pass: out[x] = Σ_t k[t]·pad[x+t], taps in order, each added with one
// float32 rounding (a fused multiply-add). Every weight is a float32 of at least 2⁻²² (the smallest
// is about 2⁻¹⁶, for n = 501; TestGaussianKernel checks the bound), so each product k·v (v an
// integer 0..255) and each partial sum (0 or at least the smallest weight, and below 2⁸) is a
// multiple of 2⁻²²⁻²³: the exact sum fits in 8+45 = 53 bits. One float64 multiply-add is therefore
// exact, and its conversion to float32 is the single rounding of a true FMA.
func gaussianRow(out []float32, pad, k []float64) {
	out = out[:len(pad)-len(k)+1]
	clear(out)
	// Four taps per sweep over out: the same roundings in the same order, a quarter of the loads
	// and stores of out.
	t := 0
	for ; t+4 <= len(k); t += 4 {
		k0, k1, k2, k3 := k[t], k[t+1], k[t+2], k[t+3]
		p0 := pad[t : t+len(out)]
		p1 := pad[t+1 : t+1+len(out)]
		p2 := pad[t+2 : t+2+len(out)]
		p3 := pad[t+3 : t+3+len(out)]
		for x, a := range out {
			a = float32(float64(a) + k0*p0[x])
			a = float32(float64(a) + k1*p1[x])
			a = float32(float64(a) + k2*p2[x])
			out[x] = float32(float64(a) + k3*p3[x])
		}
	}
	for ; t < len(k); t++ {
		kt := k[t]
		in := pad[t : t+len(out)]
		for x, v := range in {
			out[x] = float32(float64(out[x]) + kt*v)
		}
	}
}

// gaussianColumnStep adds one symmetric pair of rows to the column pass: acc = fma(kt, up+dn, acc)
// (fma32, written out so that it stays in the loop).
func gaussianColumnStep(acc, up, dn []float32, kt float32) {
	up = up[:len(acc)]
	dn = dn[:len(acc)]
	k64 := float64(kt)
	for x, a := range acc {
		pair := up[x] + dn[x]
		s := float64(pair)*k64 + float64(a)
		if math.Float64bits(s)&(1<<29-1) == 1<<28 {
			s = float64(fma32Tie(pair, kt, a, s))
		}
		acc[x] = float32(s)
	}
}

// gaussianColumnStep2 is two gaussianColumnSteps in one sweep (pairs 1 then 2), with the same
// roundings in the same order and half the loads and stores of acc.
func gaussianColumnStep2(acc, up1, dn1, up2, dn2 []float32, k1, k2 float32) {
	up1 = up1[:len(acc)]
	dn1 = dn1[:len(acc)]
	up2 = up2[:len(acc)]
	dn2 = dn2[:len(acc)]
	k164, k264 := float64(k1), float64(k2)
	for x, a := range acc {
		pair := up1[x] + dn1[x]
		s := float64(pair)*k164 + float64(a)
		if math.Float64bits(s)&(1<<29-1) == 1<<28 {
			s = float64(fma32Tie(pair, k1, a, s))
		}
		a = float32(s)
		pair = up2[x] + dn2[x]
		s = float64(pair)*k264 + float64(a)
		if math.Float64bits(s)&(1<<29-1) == 1<<28 {
			s = float64(fma32Tie(pair, k2, a, s))
		}
		acc[x] = float32(s)
	}
}

// fma32 returns a·b + c rounded once to float32, as a hardware fused multiply-add does. a·b is exact
// in float64 (24+24 bits); a·b + c in float64 then rounds at most once more, and converting to
// float32 is a second rounding that can only go wrong when the float64 sum lands exactly halfway
// between two float32 values (its 29 dropped bits are 1000…0). That case is sorted out by the exact
// error of the float64 addition.
func fma32(a, b, c float32) float32 {
	s := float64(a)*float64(b) + float64(c)
	if math.Float64bits(s)&(1<<29-1) != 1<<28 {
		return float32(s)
	}
	return fma32Tie(a, b, c, s)
}

// fma32Tie finishes fma32 when s = fl64(a·b + c) is a float32 midpoint: if the float64 addition
// was inexact, the true sum lies on one side of s, and a float64 step towards it settles the
// float32 rounding.
func fma32Tie(a, b, c float32, s float64) float32 {
	p, q := float64(a)*float64(b), float64(c)
	// Knuth's TwoSum: s + e = p + q exactly.
	bv := s - p
	e := (p - (s - bv)) + (q - bv)
	switch {
	case e > 0:
		s = math.Nextafter(s, math.Inf(1))
	case e < 0:
		s = math.Nextafter(s, math.Inf(-1))
	}
	return float32(s)
}

// gaussianKernel32 returns OpenCV 4.6's getGaussianKernel(n, 0, CV_32F) for odd n ≥ 1: the fixed
// binomial-like tables for n ≤ 9, and otherwise σ = fma(n, 0.15, 0.35) (= 0.3·((n−1)·0.5 − 1) + 0.8,
// computed fused as OpenCV's softdouble mulAdd does), w_i = exp(−0.125·x²/σ²) for x = 1−n, 3−n, …
// (twice the distance to the centre), the centre weight 1, all divided by their float64 sum
// (accumulated as OpenCV does: the side weights from the outside in, doubled, plus 1) and rounded to
// float32. OpenCV's software exp and Go's math.Exp may differ in the last bit of a float64, but the
// float32 kernels are identical for every n from 11 to 1001 (TestGaussianKernel).
func gaussianKernel32(n int) []float32 {
	switch n {
	case 1:
		return []float32{1}
	case 3:
		return []float32{0.25, 0.5, 0.25}
	case 5:
		return []float32{0.0625, 0.25, 0.375, 0.25, 0.0625}
	case 7:
		return []float32{0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125}
	case 9:
		return []float32{4. / 256, 13. / 256, 30. / 256, 51. / 256, 60. / 256, 51. / 256, 30. / 256, 13. / 256, 4. / 256}
	}
	sigma := math.FMA(float64(n), 0.15, 0.35)
	scale := -0.125 / (sigma * sigma)
	half := (n - 1) / 2
	sum := 0.0
	for x := 1 - n; x < 0; x += 2 {
		sum += math.Exp(float64(x*x) * scale)
	}
	sum = sum*2 + 1
	mul := 1 / sum
	k := make([]float32, n)
	for i, x := 0, 1-n; i < half; i, x = i+1, x+2 {
		v := float32(math.Exp(float64(x*x)*scale) * mul) // the same exp again: no buffer
		k[i], k[n-1-i] = v, v
	}
	k[half] = float32(mul)
	return k
}
