package algo

import (
	"image"
	"math"
)

// blurMaxKsize bounds the kernel size GaussianBlur uses. The page allows ksize ≤ 255 and σ ≤ 100
// (a derived ksize of at most 601); the bound only keeps absurd direct calls from allocating
// gigabytes.
const blurMaxKsize = 4095

// GaussianBlur blurs src into dst, which must have src's size, exactly as OpenCV 4.6's
// cv::GaussianBlur(src, dst, Size(ksize, ksize), sigma) does on 8-bit single-channel data with its
// default border, BORDER_REFLECT_101 (…cba|abcd|dcb…).
//
// OpenCV does not blur 8-bit images in floating point: it turns each 1-D kernel into fixed point
// with 8 fractional bits (ufixedpoint16, summing to exactly 256), filters the rows into 16-bit
// integers, then the columns into 32-bit sums with 16 fractional bits, and rounds once:
// out = (Σ ky·Σ kx·src + 2^15) >> 16. Every product and sum is an exact integer, so the order of
// the taps does not matter; what matters is the kernel, which gaussKernelFixed reproduces bit for bit.
//
// Parameters, as OpenCV reads them:
//   - ksize is the odd kernel size. 0 derives it from sigma as OpenCV does for 8-bit data:
//     round(sigma·6 + 1) | 1 (round half to even, like cvRound).
//   - sigma ≤ 0 derives σ from ksize: 0.3·((ksize−1)·0.5 − 1) + 0.8, except that ksize 3, 5, 7
//     and 9 then use OpenCV's fixed binomial-like tables.
//   - A one-row image is not blurred vertically, a one-column image not horizontally (OpenCV
//     forces that kernel size to 1); an image smaller than the kernel is reflected as often as
//     needed, as OpenCV's borderInterpolate does.
//
// dst may be src: each source row is read before the output row that overwrites it is written.
//
// Inputs OpenCV rejects get a defined meaning instead of a panic: an even ksize is rounded up to
// the next odd one, ksize 0 with sigma 0 (or a negative or NaN sigma with ksize 0) means no blur,
// a negative or NaN sigma counts as 0, and a ksize above 4095 is clamped to 4095.
func GaussianBlur(dst, src *image.Gray, ksize int, sigma float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if dst.Rect.Dx() != w || dst.Rect.Dy() != h {
		panic("algo: GaussianBlur: dst and src differ in size")
	}
	if w <= 0 || h <= 0 {
		return
	}
	if !(sigma > 0) { // negative, zero or NaN
		sigma = 0
	}
	kw, kh := ksize, ksize
	// OpenCV: a single row or column is not filtered across (before the size is derived).
	if h == 1 {
		kh = 1
	}
	if w == 1 {
		kw = 1
	}
	kw, kh = blurKsize(kw, sigma), blurKsize(kh, sigma)
	if kw == 1 && kh == 1 {
		blurCopy(dst, src)
		return
	}
	kx := gaussKernelFixed(kw, sigma)
	ky := kx
	if kh != kw {
		ky = gaussKernelFixed(kh, sigma)
	}
	blurSepFixed(dst, src, kx, ky)
}

// blurKsize applies OpenCV's rule for a kernel size of 0 (derive it from sigma: for 8-bit data
// cvRound(sigma·3·2 + 1) | 1), and limen's meaning for sizes OpenCV rejects.
func blurKsize(k int, sigma float64) int {
	if k <= 0 {
		if sigma <= 0 {
			return 1
		}
		// cvRound(sigma*3*2 + 1): each product rounded as C does (the conversion stops fusion).
		v := math.RoundToEven(float64(float64(sigma*3)*2) + 1)
		if !(v < blurMaxKsize) {
			return blurMaxKsize
		}
		return int(v) | 1
	}
	if k > blurMaxKsize {
		return blurMaxKsize
	}
	return k | 1
}

// gaussKernelFixed returns the n-tap kernel OpenCV 4.6 uses for 8-bit Gaussian blur, in fixed point
// with 8 fractional bits (the raw values of its ufixedpoint16; they sum to 256).
//
// The kernel is first computed in IEEE double precision as OpenCV's getGaussianKernelBitExact does
// (with its softdouble arithmetic, which is IEEE-exact): fixed tables for n = 1, 3, 5, 7, 9 when
// sigma ≤ 0; otherwise σ = n·0.15 + 0.35 (one fused multiply-add, that is 0.3·((n−1)·0.5−1)+0.8)
// when sigma ≤ 0, the taps exp(x²·(−0.125/σ²)) for x = 1−n, 3−n, … (twice the distance to the
// centre), normalised by 1/(2·Σside + 1). Then getGaussianKernelFixedPoint_ED rounds the outer
// taps one by one with error diffusion (round half to even of tap·256 plus the previous rounding
// error) and gives the centre whatever makes the sum exactly 256.
//
// Deviation: OpenCV's softdouble exp is its own table-and-polynomial approximation, math.Exp is
// Go's; they can differ in the last bits of a double, which could change a tap only if tap·256
// plus the diffused error fell within ~1e-13 of a half. Checked equal against cv2 on every ksize
// from 1 to 255 with σ derived, on the page's largest kernels (σ up to 100, ksize derived up to
// 601) and on 100,000 random (ksize, σ) pairs (TestGaussianBlurCV2 runs 3,000 of them).
func gaussKernelFixed(n int, sigma float64) []int32 {
	k := make([]float64, n)
	switch {
	case sigma <= 0 && n == 1:
		k[0] = 1
	case sigma <= 0 && n == 3:
		copy(k, []float64{0.25, 0.5, 0.25})
	case sigma <= 0 && n == 5:
		copy(k, []float64{0.0625, 0.25, 0.375, 0.25, 0.0625})
	case sigma <= 0 && n == 7:
		copy(k, []float64{0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125})
	case sigma <= 0 && n == 9:
		copy(k, []float64{4.0 / 256, 13.0 / 256, 30.0 / 256, 51.0 / 256, 60.0 / 256, 51.0 / 256, 30.0 / 256, 13.0 / 256, 4.0 / 256})
	default:
		s := sigma
		if s <= 0 {
			s = math.FMA(float64(n), 0.15, 0.35) // OpenCV's mulAdd: one rounding
		}
		scale := -0.125 / float64(s*s)
		half := (n - 1) / 2
		sum := 0.0
		for i, x := 0, 1-n; i < half; i, x = i+1, x+2 {
			t := math.Exp(float64(float64(x*x) * scale))
			k[i] = t
			sum += t
		}
		sum *= 2
		sum++
		mul := 1 / sum
		for i := 0; i < half; i++ {
			k[i] = float64(k[i] * mul)
			k[n-1-i] = k[i]
		}
		k[half] = mul
	}
	// Error-diffused rounding to 8 fractional bits; the centre takes up the slack.
	fixed := make([]int32, n)
	half := n / 2
	errAcc := 0.0
	sum := int32(0)
	for i := 0; i < half; i++ {
		adj := float64(k[i]*256) + errAcc
		v := math.RoundToEven(adj)
		errAcc = adj - v
		fixed[i] = int32(v)
		fixed[n-1-i] = int32(v)
		sum += int32(v)
	}
	// The centre can only go negative far outside the page's range (σ in the hundreds with
	// ksize near 6σ); OpenCV would then wrap it to 65535. limen clamps it to 0 instead.
	fixed[half] = max(256-2*sum, 0)
	return fixed
}

// blurCopy copies src's pixels into dst (same size).
func blurCopy(dst, src *image.Gray) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	for y := 0; y < h; y++ {
		copy(dst.Pix[y*dst.Stride:y*dst.Stride+w], src.Pix[y*src.Stride:y*src.Stride+w])
	}
}

// blurSepFixed filters src into dst with the symmetric fixed-point kernels kx (rows) and ky
// (columns), both odd-sized with 8 fractional bits, as OpenCV's fixedSmoothInvoker does: a row pass
// into 16-bit sums, then a column pass into 32-bit sums rounded once at 16 fractional bits.
//
// Row sums fit 16 bits: the kernel sums to 256 and pixels are at most 255, so Σ ≤ 65280. Column
// sums are at most 256·65280 < 2^32. The rows of the row pass live in a ring of min(len(ky), h)
// buffers: the rows one output row needs are contiguous in the source (reflections of rows near
// the border are rows near the border), so they never collide modulo the ring size.
func blurSepFixed(dst, src *image.Gray, kx, ky []int32) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	rx, ry := len(kx)/2, len(ky)/2

	// Source column of each position of the padded row, x−rx … x+rx for every x.
	idx := make([]int32, w+2*rx)
	for i := range idx {
		idx[i] = int32(borderIndex(i-rx, w, borderReflect101))
	}
	ext := make([]uint32, w+2*rx+1+w) // the padded row, then scratch for blurHline
	ukx := make([]uint32, len(kx))
	for i, v := range kx {
		ukx[i] = uint32(v)
	}
	uky := make([]uint32, len(ky))
	for i, v := range ky {
		uky[i] = uint32(v)
	}

	ringN := min(len(ky), h)
	ring := make([][]uint16, ringN)
	buf := make([]uint16, ringN*w)
	for i := range ring {
		ring[i] = buf[i*w : (i+1)*w : (i+1)*w]
	}
	acc := make([]uint32, w)

	next := 0 // next source row to filter horizontally
	for y := 0; y < h; y++ {
		for last := min(h-1, y+ry); next <= last; next++ {
			row := src.Pix[next*src.Stride : next*src.Stride+w]
			for i, j := range idx {
				ext[i] = uint32(row[j])
			}
			blurHline(ring[next%ringN], ext, ukx)
		}

		// Column pass: centre tap, then the symmetric pairs outward.
		c := ring[y%ringN]
		kc := uky[ry]
		acc := acc[:len(c)]
		for x, v := range c {
			acc[x] = kc * uint32(v)
		}
		// Two pairs of rows per pass over acc: half the loads and stores of acc.
		i := 1
		for ; i+1 <= ry; i += 2 {
			k1, k2 := uky[ry-i], uky[ry-i-1]
			a1 := ring[borderIndex(y-i, h, borderReflect101)%ringN][:len(acc)]
			b1 := ring[borderIndex(y+i, h, borderReflect101)%ringN][:len(acc)]
			a2 := ring[borderIndex(y-i-1, h, borderReflect101)%ringN][:len(acc)]
			b2 := ring[borderIndex(y+i+1, h, borderReflect101)%ringN][:len(acc)]
			for x := range acc {
				acc[x] += k1*(uint32(a1[x])+uint32(b1[x])) + k2*(uint32(a2[x])+uint32(b2[x]))
			}
		}
		if i <= ry {
			k := uky[ry-i]
			a := ring[borderIndex(y-i, h, borderReflect101)%ringN][:len(acc)]
			b := ring[borderIndex(y+i, h, borderReflect101)%ringN][:len(acc)]
			for x := range acc {
				acc[x] += k * (uint32(a[x]) + uint32(b[x]))
			}
		}
		out := dst.Pix[y*dst.Stride : y*dst.Stride+w]
		for x, v := range acc {
			out[x] = uint8((v + 1<<15) >> 16)
		}
	}
}

// blurHline filters one padded row (ext[:len(dst)+len(k)−1]; ext has len(dst) more values after
// a gap of one, used as scratch) with the symmetric kernel k:
// dst[x] = k[r]·ext[x+r] + Σ k[j]·(ext[x+j] + ext[x+2r−j]). The common small kernels get unrolled
// loops; the sums are the same integers either way.
func blurHline(dst []uint16, ext []uint32, k []uint32) {
	r := len(k) / 2
	switch r {
	case 1:
		k0, k1 := k[0], k[1]
		e := ext[:len(dst)+2]
		for x := range dst {
			dst[x] = uint16(k1*e[x+1] + k0*(e[x]+e[x+2]))
		}
	case 2:
		k0, k1, k2 := k[0], k[1], k[2]
		e := ext[:len(dst)+4]
		for x := range dst {
			dst[x] = uint16(k2*e[x+2] + k1*(e[x+1]+e[x+3]) + k0*(e[x]+e[x+4]))
		}
	case 3:
		k0, k1, k2, k3 := k[0], k[1], k[2], k[3]
		e := ext[:len(dst)+6]
		for x := range dst {
			dst[x] = uint16(k3*e[x+3] + k2*(e[x+2]+e[x+4]) + k1*(e[x+1]+e[x+5]) + k0*(e[x]+e[x+6]))
		}
	default:
		// Tap by tap over the whole row: simple loops the compiler keeps free of bounds checks.
		n := len(dst)
		acc := ext[2*r+1+n:][:n] // scratch after the padded row (see blurSepFixed)
		c := ext[r : r+n]
		kc := k[r]
		for x := range acc {
			acc[x] = kc * c[x]
		}
		j := 0
		for ; j+1 < r; j += 2 {
			k1, k2 := k[j], k[j+1]
			a1, b1 := ext[j:j+n], ext[2*r-j:2*r-j+n]
			a2, b2 := ext[j+1:j+1+n], ext[2*r-j-1:2*r-j-1+n]
			for x := range acc {
				acc[x] += k1*(a1[x]+b1[x]) + k2*(a2[x]+b2[x])
			}
		}
		if j < r {
			kj := k[j]
			a, b := ext[j:j+n], ext[2*r-j:2*r-j+n]
			for x := range acc {
				acc[x] += kj * (a[x] + b[x])
			}
		}
		for x, v := range acc {
			dst[x] = uint16(v)
		}
	}
}
