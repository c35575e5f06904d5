package algo

import "image"

// scikit-image 0.19.3's threshold_local, the 'skimage' reference of limen's adaptive-mean and
// adaptive-gaussian: T = (local mean of the blockSize × blockSize window) − offset, foreground
// v > T, where OpenCV's adaptiveThreshold (adaptive.go) rounds the mean to 8 bits and uses C the
// other way round. scikit-image, with its defaults (mode 'reflect', cval unused):
//
//	threshold_local(image, block_size, method='mean' | 'gaussian', offset=C)
//
// converts the uint8 image to float64 and filters it with SciPy 1.10's ndimage, one axis at a time,
// rows (axis 0, down the columns) first, then columns (axis 1, along the rows), into a float64
// array, and subtracts the offset:
//   - 'mean': ndimage.uniform_filter(image, block_size): along each axis a running sum
//     (tmp += x[i + B − 1] − x[i − 1], starting from the sum of the first window), each output tmp/B.
//     On the first axis every sum is an exact integer; on the second the running float64 sum
//     carries its rounding along the row, which limen repeats step by step.
//   - 'gaussian': skimage.filters.gaussian → ndimage.gaussian_filter(image, σ = (B − 1)/6,
//     truncate = 4): a kernel of radius ⌊4σ + ½⌋ (beyond the block: 20 for B = 31), weights
//     exp(−x²/(2σ²)) by NumPy's exp (npExp), normalised by NumPy's pairwise sum; each output is
//     k₀·c + Σ (left_d + right_d)·k_d for d = radius down to 1 (ndimage's symmetric correlation).
//   - mode 'reflect' is scipy's: the edge pixel repeats (cba|abcd|dcb), not OpenCV's default
//     reflection; past one image length the mirroring repeats (period 2n).
//
// T is then a float64 as scikit-image has it, bit for bit (the products and sums are done in the
// same order, no fused multiply-add), and the level is FloorLevel(T): v > T ⇔ v > ⌊T⌋.
//
// blockSize must be odd (scikit-image raises ValueError otherwise); limen rounds an even or
// non-positive blockSize up to the next odd number ≥ 1 instead. blockSize 1 leaves the image as it is
// (T = v − offset), as SciPy skips axes of size 1 and σ = 0.

// skimageBlock returns blockSize made odd and ≥ 1 (see above).
func skimageBlock(b int) int {
	if b < 1 {
		return 1
	}
	return b | 1
}

// SkimageLocalMean writes into dst (src's bounds) the levels that give scikit-image 0.19.3's
// src > threshold_local(src, blockSize, method='mean', offset=offset): T is the window mean by
// scipy.ndimage.uniform_filter minus offset (see above). Cost: O(pixels), whatever blockSize.
//
// R. C. Gonzalez, R. E. Woods, Digital Image Processing, 2nd ed., Prentice Hall, 2002, 600–612
// (the reference scikit-image cites).
func SkimageLocalMean(dst *LevelMap, src *image.Gray, blockSize int, offset float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w == 0 || h == 0 {
		return
	}
	b := skimageBlock(blockSize)
	r := b / 2
	fb := float64(b)
	// Column sums of the window rows y−r..y+r (reflected), exact in int: the first axis' running
	// sum is exact too, so its output is colSum/B, one division.
	colSum := make([]int, w)
	row := func(y int) []uint8 {
		yy := borderIndex(y, h, borderReflect)
		o := yy * src.Stride
		return src.Pix[o : o+w]
	}
	for y := -r; y <= r; y++ {
		for x, v := range row(y) {
			colSum[x] += int(v)
		}
	}
	xIdx := borderTable(w, r, borderReflect)
	ext := make([]float64, w+2*r)
	for y := 0; y < h; y++ {
		if y > 0 { // slide the window down: drop row y−1−r, add row y+r
			out, in := row(y-1-r), row(y+r)
			for x := range colSum {
				colSum[x] += int(in[x]) - int(out[x])
			}
		}
		for j, x := range xIdx {
			ext[j] = float64(colSum[x]) / fb
		}
		lv := dst.L[y*dst.Stride : y*dst.Stride+w]
		// The second axis: SciPy's running float64 sum, in its order.
		tmp := 0.0
		for j := 0; j < b; j++ {
			tmp += ext[j]
		}
		lv[0] = FloorLevel(tmp/fb - offset)
		for x := 1; x < w; x++ {
			tmp += ext[x+b-1] - ext[x-1]
			lv[x] = FloorLevel(tmp/fb - offset)
		}
	}
}

// skimageGaussianKernel returns the half kernel k[0..radius] (k[d] is the weight at distance d) of
// scipy.ndimage.gaussian_filter1d for σ = (blockSize − 1)/6 and truncate = 4, as SciPy 1.10 builds
// it: radius = int(4σ + 0.5), φ(x) = exp(−0.5/σ²·x²) for x = −radius..radius (NumPy's exp),
// divided by their NumPy sum. blockSize ≥ 3.
func skimageGaussianKernel(blockSize int) []float64 {
	sigma := float64(blockSize-1) / 6
	radius := int(4*sigma + 0.5)
	a := -0.5 / float64(sigma*sigma)
	phi := make([]float64, 2*radius+1)
	for i := range phi {
		x := i - radius
		phi[i] = npExp(float64(a * float64(x*x)))
	}
	s := npPairwiseSum(phi)
	k := make([]float64, radius+1)
	for d := range k {
		k[d] = phi[radius+d] / s
	}
	return k
}

// npPairwiseSum is NumPy's np.sum of a float64 array (pairwise_sum_DOUBLE): below 8 elements a
// plain loop; up to 128, eight interleaved partial sums combined as ((0+1)+(2+3))+((4+5)+(6+7)),
// then the remainder; above, the halves (cut at a multiple of 8) summed recursively.
func npPairwiseSum(a []float64) float64 {
	n := len(a)
	switch {
	case n < 8:
		s := 0.0
		for _, v := range a {
			s += v
		}
		return s
	case n <= 128:
		var r [8]float64
		copy(r[:], a[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			for j := range r {
				r[j] += a[i+j]
			}
		}
		s := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			s += a[i]
		}
		return s
	}
	n2 := n / 2
	n2 -= n2 % 8
	return npPairwiseSum(a[:n2]) + npPairwiseSum(a[n2:])
}

// SkimageLocalGaussian writes into dst (src's bounds) the levels that give scikit-image 0.19.3's
// src > threshold_local(src, blockSize, method='gaussian', offset=offset): T is the
// Gaussian-weighted mean by scipy.ndimage.gaussian_filter with σ = (blockSize − 1)/6 minus offset
// (see above).
//
// Cost: O(pixels · radius), radius = ⌊2(blockSize − 1)/3 + ½⌋: the exact float64 sums of SciPy's
// separable correlation, in its order, leave no shortcut (a recursive or summed-area Gaussian would
// change the last bits of T, and so the pixels where v = T).
//
// R. C. Gonzalez, R. E. Woods, Digital Image Processing, 2nd ed., Prentice Hall, 2002, 600–612.
func SkimageLocalGaussian(dst *LevelMap, src *image.Gray, blockSize int, offset float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w == 0 || h == 0 {
		return
	}
	b := skimageBlock(blockSize)
	if b == 1 {
		for y := 0; y < h; y++ {
			for x, v := range src.Pix[y*src.Stride : y*src.Stride+w] {
				dst.L[y*dst.Stride+x] = FloorLevel(float64(v) - offset)
			}
		}
		return
	}
	k := skimageGaussianKernel(b)
	r := len(k) - 1
	row := func(y int) []uint8 {
		o := borderIndex(y, h, borderReflect) * src.Stride
		return src.Pix[o : o+w]
	}
	xIdx := borderTable(w, r, borderReflect)
	acc := make([]float64, w)
	out := make([]float64, w)
	ext := make([]float64, w+2*r)
	for y := 0; y < h; y++ {
		// Axis 0 for the whole row: k₀·c, then (above_d + below_d)·k_d from d = r down to 1. The
		// pair sums of 8-bit values are exact; every product and sum rounds once, as in SciPy.
		for x, v := range row(y) {
			acc[x] = float64(float64(v) * k[0])
		}
		for d := r; d >= 1; d-- {
			up, down, kd := row(y-d), row(y+d), k[d]
			up, down = up[:len(acc)], down[:len(acc)]
			for x := range acc {
				acc[x] += float64(float64(int(up[x])+int(down[x])) * kd)
			}
		}
		// Axis 1 on that row, in the same order per pixel (k₀·c, then d = r down to 1), with the
		// pixels in the inner loop: their sums are independent, so the processor overlaps them.
		for j, x := range xIdx {
			ext[j] = acc[x]
		}
		mid := ext[r : r+w]
		for x, v := range mid {
			out[x] = float64(v * k[0])
		}
		for d := r; d >= 1; d-- {
			left, right, kd := ext[r-d:r-d+w], ext[r+d:r+d+w], k[d]
			left, right = left[:len(out)], right[:len(out)] // lets the compiler drop bounds checks
			for x := range out {
				out[x] += float64((left[x] + right[x]) * kd)
			}
		}
		lv := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x, s := range out {
			lv[x] = FloorLevel(s - offset)
		}
	}
}
