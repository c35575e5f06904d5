package algo

import (
	"image"
	"math"
	"math/bits"
	"unsafe"
)

// The fast path of AdaptiveGaussian.
//
// Only the 8-bit mean m = round(F) matters, where F is the float32 value that OpenCV's chain of
// fused multiply-adds gives (adaptiveGaussianExact spells that chain out and stays the definition).
// F differs from the exact weighted sum E = Σ kx_i·ky_j·v (the same float32 weights, real
// arithmetic) by at most δ, a bound computed from the kernel alone (gaussianChainBound, which
// proves it). The fast path computes an approximation of E with a known error ε, in integers:
//   - column pass: C = Σ_j W_j·v with W_j = round(ky_j·2²⁴), exact (two pixels per 64-bit word);
//   - row pass: G = Σ_i V_i·C with V_i = round(kx_i·2³¹), exact in uint64;
//   - E ≈ G·2⁻⁵⁵ + o: the weights' rounding is the only error; o, a constant, centres it, and ε
//     bounds it (newGaussianFast derives both).
//
// Where G·2⁻⁵⁵ + o lies further than Δ ≥ δ + ε from every half-integer q + ½, F lies on the same
// side of all of them, so round(F) = round(G·2⁻⁵⁵ + o) (and F is no tie). Elsewhere (2Δ of the
// pixels when the fractions spread evenly: about 1 in 1600 for blockSize 31, 1 in 500 for 101) the
// exact chain runs for that pixel, from exact row-pass values cached per row. Δ is at most 0.005
// (blockSize 501); TestGaussianFastBound checks |F − (G·2⁻⁵⁵ + o)| ≤ Δ pixel by pixel on images
// made to sit on halves, where up to 0.63·Δ is reached.
//
// The hot loops are integer: Go's wasm code folds constant offsets into integer loads (not into
// float loads), and there are no float↔integer conversions.

// gaussianFast holds one call's kernels, bounds and buffers.
type gaussianFast struct {
	src    *image.Gray
	w, h   int
	kx, ky []float32  // the kernels along x and y ([1] along an axis of length 1: one)
	one    [1]float32 // {1}
	rx, ry int        // their radii
	rr     int        // the row pass's radius: rx rounded up to 3 + a multiple of 4
	vx     []uint64   // round(kx[rx+i]·2³¹) for i = 0..rx, then zeros up to i = rr
	wy     []uint64   // round(ky[ry+i]·2²⁴) for i = 0..ry
	taps   []gaussTap // the pairs of rows of the current row's column pass
	pad    []uint32   // column sums C of the current row, rr replicated values each side
	acc    []uint64   // the column pass's sums, two columns a word
	g      []uint64   // G of the current row
	bias   uint64     // (½ + o)·2⁵⁵: G + bias rounds G·2⁻⁵⁵ + o by truncation
	band   uint64     // Δ·2⁵⁵, rounded up
	lev    [512]int16 // the level of each mean (those above 255 saturate)
	redo   []int32    // the columns of the current row that need the exact chain
	xIdx   []int32    // border table of the columns (replicate, radius rx)

	allExact  bool // every pixel takes the exact chain (tests; or should a check fail)
	denseFrom int  // exact works by whole rows for this many pixels of a row or more

	// The exact chain's state, allocated at the first pixel that needs it.
	kx64    []float64 // kx in float64
	ring    []float32 // row-pass values: source row j in slot j mod n (n rows of w)
	known   []bool    // which of them are computed
	full    []bool    // the slots whose row is computed throughout
	ringRow []int     // the source row each of the n slots holds, −1 for none
	rowAt   []int     // where rows y−ry..y+ry (clamped) start in ring
	winBuf  []uint8   // windows that reach past the left or right edge
	padRow  []float64 // a source row with rx replicated pixels each side (exactRows)
	col     []float32 // the column pass of a whole row (exactRows)
}

// gaussTap is one symmetric pair of source rows of the column pass: byte offsets of the rows in
// src.Pix and their weight.
type gaussTap struct {
	up, dn int
	w      uint64
}

// gaussianPath says which way adaptiveGaussianFast goes; the levels are the same whichever. Tests
// use the last two to check the exact chain's two ways on their own.
type gaussianPath int

const (
	gaussianAuto      gaussianPath = iota // the fast path, and the exact chain where it must
	gaussianEachExact                     // every pixel through the exact chain, one by one
	gaussianRowsExact                     // every pixel through the exact chain, whole rows
)

// adaptiveGaussianFast is AdaptiveGaussian.
func adaptiveGaussianFast(dst *LevelMap, src *image.Gray, blockSize int, c float64, inverted bool, path gaussianPath) {
	f := newGaussianFast(src, blockSize, c, inverted, path)
	if f == nil {
		return
	}
	for y := 0; y < f.h; y++ {
		f.columns(y)
		f.rows()
		out := dst.L[y*dst.Stride : y*dst.Stride+f.w]
		f.redo = f.round(out, f.redo[:0])
		if len(f.redo) > 0 {
			f.exact(out, y, f.redo)
		}
	}
}

// newGaussianFast prepares the kernels, the bound Δ and the buffers; nil for an empty image.
func newGaussianFast(src *image.Gray, blockSize int, c float64, inverted bool, path gaussianPath) *gaussianFast {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return nil
	}
	f := &gaussianFast{src: src, w: w, h: h}
	f.one[0] = 1
	k := gaussianKernel32(blockSize)
	f.kx, f.ky = k, k
	if w == 1 {
		f.kx = f.one[:]
	}
	if h == 1 {
		f.ky = f.one[:]
	}
	f.rx, f.ry = len(f.kx)/2, len(f.ky)/2
	f.rr = 3 + (max(f.rx-3, 0)+3)/4*4

	ints := make([]uint64, f.rr+1+f.ry+1+w+w/2)
	f.vx, ints = ints[:f.rr+1], ints[f.rr+1:]
	f.wy, ints = ints[:f.ry+1], ints[f.ry+1:]
	f.g, f.acc = ints[:w], ints[w:]
	var vsum, wsum uint64 // Σ V and Σ W over the whole kernels (the side weights twice)
	for i := 0; i <= f.rx; i++ {
		f.vx[i] = uint64(math.RoundToEven(float64(f.kx[f.rx+i]) * 0x1p31))
		vsum += f.vx[i] << min(i, 1)
	}
	for i := range f.wy {
		f.wy[i] = uint64(math.RoundToEven(float64(f.ky[f.ry+i]) * 0x1p24))
		wsum += f.wy[i] << min(i, 1)
	}
	f.taps = make([]gaussTap, f.ry)
	f.pad = make([]uint32, w+2*f.rr)
	int32s := make([]int32, w+w+2*f.rx)
	f.redo, f.xIdx = int32s[:0:w], int32s[w:]
	for j := range f.xIdx {
		f.xIdx[j] = int32(min(max(j-f.rx, 0), w-1)) // replicated border, as borderTable
	}

	d := int(math.Ceil(c))
	if inverted {
		d = int(math.Floor(c))
	}
	for i := range f.lev {
		f.lev[i] = int16(min(max(min(i, 255)-d, -1), 255))
	}

	// Every C is at most cmax = 255·Σ W < 2³² (checked: a 32-bit lane of the column pass holds
	// it) and every G at most cmax·Σ V (checked: G + 2⁵⁵ fits in 64 bits).
	cmax := 255 * wsum
	hi, lo := bits.Mul64(cmax, vsum)
	exact := path != gaussianAuto || cmax >= 1<<32 || hi != 0 || lo > math.MaxUint64-1<<55
	// The error of G. With c_j = ky_j − W_j·2⁻²⁴, S = Σ kx (sums over whole kernels) and C_i the
	// column sums of the window's columns, E = Σ_i kx_i·Σ_j ky_j·v_ij is
	//   G·2⁻⁵⁵ + Σ_i (kx_i − V_i·2⁻³¹)·C_i·2⁻²⁴ + o + Σ_i kx_i·Σ_j c_j·(v_ij − 127.5),
	// with o = 127.5·S·Σ_j c_j, a constant. As 0 ≤ C_i ≤ cmax and |v − 127.5| ≤ 127.5,
	//   |E − (G·2⁻⁵⁵ + o)| ≤ ε = Σ_i |kx_i − V_i·2⁻³¹|·cmax·2⁻²⁴ + 127.5·S·Σ_j |c_j|
	// (the offset o halves the columns' part, against 255·S·Σ_j |c_j| without it).
	var ev, cs, ca, sx float64
	for i := 0; i <= f.rx; i++ {
		ev += float64(min(i, 1)+1) * math.Abs(float64(f.kx[f.rx+i])-float64(f.vx[i])*0x1p-31)
	}
	for i := range f.wy {
		c := float64(f.ky[f.ry+i]) - float64(f.wy[i])*0x1p-24
		cs += float64(min(i, 1)+1) * c
		ca += float64(min(i, 1)+1) * math.Abs(c)
	}
	for _, v := range f.kx {
		sx += float64(v)
	}
	off := int64(math.Round(127.5 * sx * cs * 0x1p55)) // |o| < 2⁻¹⁰: far from overflow
	f.bias = uint64(1<<54 + off)
	// Δ = δ + ε + the rounding of o (2⁻⁵⁶). The float64 evaluation of these few sums errs by far
	// less than the 2⁻²⁰ margin and the 2⁻⁴⁰ added.
	delta := (gaussianChainBound(f.kx, f.ky)+ev*float64(cmax)*0x1p-24+127.5*sx*ca)*(1+0x1p-20) + 0x1p-40
	f.band = uint64(math.Ceil(delta*0x1p55)) + 1
	f.allExact = exact || f.band >= 1<<53
	switch path {
	case gaussianEachExact:
		f.denseFrom = math.MaxInt
	case gaussianRowsExact:
		f.denseFrom = 0
	default:
		f.denseFrom = w/4 + 1
	}
	return f
}

// columns computes the column sums of row y, C(x) = Σ_j W_j·v(x, y+j−ry) (rows clamped to the
// image), into f.pad[rr : rr+w], and replicates the end values into the padding.
func (f *gaussianFast) columns(y int) {
	w, h, stride := f.w, f.h, f.src.Stride
	for i := range f.taps {
		f.taps[i] = gaussTap{max(y-i-1, 0) * stride, min(y+i+1, h-1) * stride, f.wy[i+1]}
	}
	cOff := y * stride
	col := f.pad[f.rr : f.rr+w]
	x := 0
	if littleEndian {
		x = gaussColumns16(col, f.acc, f.src.Pix, cOff, f.wy[0], f.taps)
	}
	pix := f.src.Pix
	for ; x < w; x++ {
		s := f.wy[0] * uint64(pix[cOff+x])
		for _, t := range f.taps {
			s += t.w * uint64(int(pix[t.up+x])+int(pix[t.dn+x]))
		}
		col[x] = uint32(s)
	}
	left, right := col[0], col[w-1]
	for j := range f.rr {
		f.pad[j] = left
		f.pad[f.rr+w+j] = right
	}
}

// gaussColumns16 computes the column sums of the first n = len(col) − len(col) mod 16 columns and
// returns n. Two pixels share a 64-bit word, 32 bits apart, so one multiplication weighs both: no
// lane carries into the next, as every partial sum is at most the whole sum, below 2³²
// (adaptiveGaussianFast checks 255·Σ W < 2³²). acc (n/2 words) holds the sums of each eight
// columns in four words while two pairs of rows at a time are added, sixteen columns an iteration
// (see rows); the source rows are read eight bytes at a time (little-endian), at x + 16 ≤ n ≤
// width: inside each row.
func gaussColumns16(col []uint32, acc []uint64, pix []uint8, cOff int, w0 uint64, taps []gaussTap) int {
	const m8 = 0x000000ff000000ff  // bytes 0 and 4 as 32-bit lanes
	const m16 = 0x00ff00ff00ff00ff // bytes 0, 2, 4, 6 as 16-bit lanes
	const m32 = 0x0000ffff0000ffff // 16-bit lanes 0 and 2 as 32-bit lanes
	n := len(col) - len(col)%16
	if n == 0 {
		return 0
	}
	_ = pix[cOff+n-1]
	for _, t := range taps {
		_, _ = pix[t.up+n-1], pix[t.dn+n-1]
	}
	_ = acc[n/2-1]
	base := unsafe.Pointer(unsafe.SliceData(pix))
	ab := unsafe.Pointer(unsafe.SliceData(acc))
	// a[0..3] hold pixels (0, 4), (1, 5), (2, 6), (3, 7) of the eight at x.
	cp := unsafe.Add(base, cOff)
	for x := 0; x < n; x += 8 {
		c := *(*uint64)(unsafe.Add(cp, x))
		a := (*[4]uint64)(unsafe.Add(ab, 4*x))
		a[0] = (c & m8) * w0
		a[1] = (c >> 8 & m8) * w0
		a[2] = (c >> 16 & m8) * w0
		a[3] = (c >> 24 & m8) * w0
	}
	for i := 0; i < len(taps); i += 2 {
		t0, t1 := taps[i], taps[min(i+1, len(taps)-1)]
		if i+1 == len(taps) {
			t1.w = 0 // an odd number of pairs: the last one twice, the second time with weight 0
		}
		pu0, pd0 := unsafe.Add(base, t0.up), unsafe.Add(base, t0.dn)
		pu1, pd1 := unsafe.Add(base, t1.up), unsafe.Add(base, t1.dn)
		w0, w1 := t0.w, t1.w
		for x := 0; x < n; x += 16 {
			u0, d0 := (*[2]uint64)(unsafe.Add(pu0, x)), (*[2]uint64)(unsafe.Add(pd0, x))
			u1, d1 := (*[2]uint64)(unsafe.Add(pu1, x)), (*[2]uint64)(unsafe.Add(pd1, x))
			a := (*[8]uint64)(unsafe.Add(ab, 4*x))
			lo0 := u0[0]&m16 + d0[0]&m16       // pair sums (≤ 510) of pixels 0, 2, 4, 6
			hi0 := u0[0]>>8&m16 + d0[0]>>8&m16 // 1, 3, 5, 7
			lo1 := u1[0]&m16 + d1[0]&m16
			hi1 := u1[0]>>8&m16 + d1[0]>>8&m16
			a[0] += (lo0&m32)*w0 + (lo1&m32)*w1
			a[1] += (hi0&m32)*w0 + (hi1&m32)*w1
			a[2] += (lo0>>16&m32)*w0 + (lo1>>16&m32)*w1
			a[3] += (hi0>>16&m32)*w0 + (hi1>>16&m32)*w1
			lo0 = u0[1]&m16 + d0[1]&m16 // pixels 8..15
			hi0 = u0[1]>>8&m16 + d0[1]>>8&m16
			lo1 = u1[1]&m16 + d1[1]&m16
			hi1 = u1[1]>>8&m16 + d1[1]>>8&m16
			a[4] += (lo0&m32)*w0 + (lo1&m32)*w1
			a[5] += (hi0&m32)*w0 + (hi1&m32)*w1
			a[6] += (lo0>>16&m32)*w0 + (lo1>>16&m32)*w1
			a[7] += (hi0>>16&m32)*w0 + (hi1>>16&m32)*w1
		}
	}
	ob := unsafe.Pointer(unsafe.SliceData(col))
	for x := 0; x < n; x += 8 {
		a := (*[4]uint64)(unsafe.Add(ab, 4*x))
		o := (*[8]uint32)(unsafe.Add(ob, 4*x))
		o[0], o[4] = uint32(a[0]), uint32(a[0]>>32)
		o[1], o[5] = uint32(a[1]), uint32(a[1]>>32)
		o[2], o[6] = uint32(a[2]), uint32(a[2]>>32)
		o[3], o[7] = uint32(a[3]), uint32(a[3]>>32)
	}
	return n
}

// rows computes G(x) = Σ_i V_i·C(x+i) for i = −rr..rr, exactly: sweeps of four symmetric pairs
// (the first one the centre and three pairs), weights beyond rx being zero. Each term is below
// 2⁶⁴ and so is the whole sum (adaptiveGaussianFast checks max C·Σ V). Go's wasm code sends every
// loop iteration through the function's block dispatch, spilling what the loop carries, so each
// iteration does eight (first sweep four) columns; the loads read pad at constant offsets from one
// pointer, which wasm folds into the integer load instructions.
func (f *gaussianFast) rows() {
	w, rr, k := f.w, f.rr, f.vx
	pad := f.pad[:w+2*rr]
	g := f.g[:w]
	base := unsafe.Pointer(unsafe.SliceData(pad))
	gp := unsafe.Pointer(unsafe.SliceData(g))
	{
		// Column x: pad[x+rr−3 .. x+rr+3] = a[0..6], the centre a[3].
		la := unsafe.Add(base, 4*(rr-3))
		k0, k1, k2, k3 := k[0], k[1], k[2], k[3]
		x := 0
		for ; x+8 <= w; x += 8 {
			a := (*[14]uint32)(unsafe.Add(la, 4*x))
			o := (*[8]uint64)(unsafe.Add(gp, 8*x))
			o[0] = k0*uint64(a[3]) + k1*(uint64(a[2])+uint64(a[4])) + k2*(uint64(a[1])+uint64(a[5])) + k3*(uint64(a[0])+uint64(a[6]))
			o[1] = k0*uint64(a[4]) + k1*(uint64(a[3])+uint64(a[5])) + k2*(uint64(a[2])+uint64(a[6])) + k3*(uint64(a[1])+uint64(a[7]))
			o[2] = k0*uint64(a[5]) + k1*(uint64(a[4])+uint64(a[6])) + k2*(uint64(a[3])+uint64(a[7])) + k3*(uint64(a[2])+uint64(a[8]))
			o[3] = k0*uint64(a[6]) + k1*(uint64(a[5])+uint64(a[7])) + k2*(uint64(a[4])+uint64(a[8])) + k3*(uint64(a[3])+uint64(a[9]))
			o[4] = k0*uint64(a[7]) + k1*(uint64(a[6])+uint64(a[8])) + k2*(uint64(a[5])+uint64(a[9])) + k3*(uint64(a[4])+uint64(a[10]))
			o[5] = k0*uint64(a[8]) + k1*(uint64(a[7])+uint64(a[9])) + k2*(uint64(a[6])+uint64(a[10])) + k3*(uint64(a[5])+uint64(a[11]))
			o[6] = k0*uint64(a[9]) + k1*(uint64(a[8])+uint64(a[10])) + k2*(uint64(a[7])+uint64(a[11])) + k3*(uint64(a[6])+uint64(a[12]))
			o[7] = k0*uint64(a[10]) + k1*(uint64(a[9])+uint64(a[11])) + k2*(uint64(a[8])+uint64(a[12])) + k3*(uint64(a[7])+uint64(a[13]))
		}
		for ; x < w; x++ {
			a := (*[7]uint32)(unsafe.Add(la, 4*x))
			*(*uint64)(unsafe.Add(gp, 8*x)) = k0*uint64(a[3]) + k1*(uint64(a[2])+uint64(a[4])) +
				k2*(uint64(a[1])+uint64(a[5])) + k3*(uint64(a[0])+uint64(a[6]))
		}
	}
	for i := 4; i+3 <= rr; i += 4 {
		// Pairs i..i+3 of column x: pad[x+rr−i−3 .. x+rr−i] = a[0..3], pad[x+rr+i .. x+rr+i+3] =
		// b[0..3]; column x+j shifts both by j.
		la := unsafe.Add(base, 4*(rr-i-3))
		ra := unsafe.Add(base, 4*(rr+i))
		k1, k2, k3, k4 := k[i], k[i+1], k[i+2], k[i+3]
		x := 0
		for ; x+8 <= w; x += 8 {
			a := (*[11]uint32)(unsafe.Add(la, 4*x))
			b := (*[11]uint32)(unsafe.Add(ra, 4*x))
			o := (*[8]uint64)(unsafe.Add(gp, 8*x))
			o[0] += k1*(uint64(a[3])+uint64(b[0])) + k2*(uint64(a[2])+uint64(b[1])) + k3*(uint64(a[1])+uint64(b[2])) + k4*(uint64(a[0])+uint64(b[3]))
			o[1] += k1*(uint64(a[4])+uint64(b[1])) + k2*(uint64(a[3])+uint64(b[2])) + k3*(uint64(a[2])+uint64(b[3])) + k4*(uint64(a[1])+uint64(b[4]))
			o[2] += k1*(uint64(a[5])+uint64(b[2])) + k2*(uint64(a[4])+uint64(b[3])) + k3*(uint64(a[3])+uint64(b[4])) + k4*(uint64(a[2])+uint64(b[5]))
			o[3] += k1*(uint64(a[6])+uint64(b[3])) + k2*(uint64(a[5])+uint64(b[4])) + k3*(uint64(a[4])+uint64(b[5])) + k4*(uint64(a[3])+uint64(b[6]))
			o[4] += k1*(uint64(a[7])+uint64(b[4])) + k2*(uint64(a[6])+uint64(b[5])) + k3*(uint64(a[5])+uint64(b[6])) + k4*(uint64(a[4])+uint64(b[7]))
			o[5] += k1*(uint64(a[8])+uint64(b[5])) + k2*(uint64(a[7])+uint64(b[6])) + k3*(uint64(a[6])+uint64(b[7])) + k4*(uint64(a[5])+uint64(b[8]))
			o[6] += k1*(uint64(a[9])+uint64(b[6])) + k2*(uint64(a[8])+uint64(b[7])) + k3*(uint64(a[7])+uint64(b[8])) + k4*(uint64(a[6])+uint64(b[9]))
			o[7] += k1*(uint64(a[10])+uint64(b[7])) + k2*(uint64(a[9])+uint64(b[8])) + k3*(uint64(a[8])+uint64(b[9])) + k4*(uint64(a[7])+uint64(b[10]))
		}
		for ; x < w; x++ {
			a := (*[4]uint32)(unsafe.Add(la, 4*x))
			b := (*[4]uint32)(unsafe.Add(ra, 4*x))
			o := (*uint64)(unsafe.Add(gp, 8*x))
			*o += k1*(uint64(a[3])+uint64(b[0])) + k2*(uint64(a[2])+uint64(b[1])) +
				k3*(uint64(a[1])+uint64(b[2])) + k4*(uint64(a[0])+uint64(b[3]))
		}
	}
}

// round writes the level of every pixel whose mean is certain, round(G·2⁻⁵⁵ + o), and appends the
// others' columns to redo.
func (f *gaussianFast) round(out []int16, redo []int32) []int32 {
	const one = 1 << 55
	g := f.g[:len(out)]
	if f.allExact {
		for x := range g {
			redo = append(redo, int32(x))
		}
		return redo
	}
	// t = G + bias = (G·2⁻⁵⁵ + o + ½)·2⁵⁵: q = t >> 55 is G·2⁻⁵⁵ + o rounded, and r = t mod 2⁵⁵ its
	// place between q − ½ and q + ½. The mean is certain when band < r < 2⁵⁵ − band, that is
	// r − band − 1 < lim in unsigned arithmetic (r ≤ band wraps round). Eight pixels at a time with
	// one branch (see rows); q ≤ 256 as G·2⁻⁵⁵ ≤ 255·(Σ kx)·(Σ ky) + ε.
	bias, band, lim := f.bias, f.band, one-2*f.band-1
	lev := &f.lev
	n := len(g) - len(g)%8
	for x := 0; x < n; x += 8 {
		v := (*[8]uint64)(g[x : x+8])
		t0, t1, t2, t3 := v[0]+bias, v[1]+bias, v[2]+bias, v[3]+bias
		t4, t5, t6, t7 := v[4]+bias, v[5]+bias, v[6]+bias, v[7]+bias
		m := max((t0&(one-1))-band-1, (t1&(one-1))-band-1, (t2&(one-1))-band-1, (t3&(one-1))-band-1,
			(t4&(one-1))-band-1, (t5&(one-1))-band-1, (t6&(one-1))-band-1, (t7&(one-1))-band-1)
		if m < lim {
			o := (*[8]int16)(out[x : x+8])
			o[0], o[1], o[2], o[3] = lev[(t0>>55)&511], lev[(t1>>55)&511], lev[(t2>>55)&511], lev[(t3>>55)&511]
			o[4], o[5], o[6], o[7] = lev[(t4>>55)&511], lev[(t5>>55)&511], lev[(t6>>55)&511], lev[(t7>>55)&511]
			continue
		}
		redo = f.roundEach(out, redo, x, x+8)
	}
	return f.roundEach(out, redo, n, len(g))
}

// roundEach is round for columns x0..x1−1, one at a time.
func (f *gaussianFast) roundEach(out []int16, redo []int32, x0, x1 int) []int32 {
	const one = 1 << 55
	for x := x0; x < x1; x++ {
		t := f.g[x] + f.bias
		if (t&(one-1))-f.band-1 >= one-2*f.band-1 {
			redo = append(redo, int32(x))
			continue
		}
		out[x] = f.lev[(t>>55)&511]
	}
	return redo
}

// exact writes the levels of the pixels (x, y), x in xs, by the exact chain of
// adaptiveGaussianExact: the row-pass values of column x in rows y−ry..y+ry (clamped), then the
// column pass. Row-pass values are computed once per call and kept in a ring of rows.
//
// A few pixels (the usual case) take the chain one by one: the row-pass values they miss are
// computed eight at a time, side by side (one chain alone would wait on each of its roundings in
// turn). When many pixels of the row need it (images made of ties), whole rows are computed as
// adaptiveGaussianExact computes them, which costs about as much.
func (f *gaussianFast) exact(out []int16, y int, xs []int32) {
	w, h := f.w, f.h
	if f.ring == nil {
		n := min(2*f.ry+1, h)
		f.ring = make([]float32, n*w+w)
		f.ring, f.col = f.ring[:n*w], f.ring[n*w:]
		f.known = make([]bool, n*w)
		ints := make([]int, n+2*f.ry+1)
		f.ringRow, f.rowAt = ints[:n], ints[n:]
		f.full = make([]bool, n)
		for i := range f.ringRow {
			f.ringRow[i] = -1
		}
		f.kx64 = make([]float64, len(f.kx))
		for i, v := range f.kx {
			f.kx64[i] = float64(v)
		}
		f.winBuf = make([]uint8, 8*len(f.kx))
	}
	// rowAt[i] is where row y−ry+i (clamped) starts in ring: no division (slow on wasm) per use.
	nslot := len(f.ringRow)
	rowAt := f.rowAt[:2*f.ry+1]
	for i := range rowAt {
		j := min(max(y-f.ry+i, 0), h-1)
		slot := j % nslot
		if f.ringRow[slot] != j {
			clear(f.known[slot*w : (slot+1)*w])
			f.ringRow[slot] = j
			f.full[slot] = false
		}
		rowAt[i] = slot * w
	}
	if len(xs) >= f.denseFrom {
		f.exactRows(out, y, xs)
		return
	}
	f.exactValues(y, xs)
	// The column pass, as adaptiveGaussianExact runs it (fma32 written out: a call per step costs
	// more than the step on wasm).
	ry, ky, ring := f.ry, f.ky, f.ring
	for _, x := range xs {
		a := float32(ky[ry] * ring[rowAt[ry]+int(x)])
		for i := 1; i <= ry; i++ {
			pair, kt := ring[rowAt[ry-i]+int(x)]+ring[rowAt[ry+i]+int(x)], ky[ry+i]
			s := float64(pair)*float64(kt) + float64(a)
			if math.Float64bits(s)&(1<<29-1) == 1<<28 {
				s = float64(fma32Tie(pair, kt, a, s))
			}
			a = float32(s)
		}
		out[x] = f.lev[roundEven8(max(min(a, 255), 0))]
	}
}

// exactValues computes the row-pass values that the columns xs miss in rows y−ry..y+ry, eight
// chains at a time.
func (f *gaussianFast) exactValues(y int, xs []int32) {
	w, stride, pix, bx := f.w, f.src.Stride, f.src.Pix, len(f.kx64)
	lo, hi := max(y-f.ry, 0), min(y+f.ry, f.h-1)
	var win [8][]uint8
	var at [8]int
	n := 0
	for _, x := range xs {
		for j := lo; j <= hi; j++ {
			a := f.rowAt[j-y+f.ry] + int(x)
			if f.known[a] {
				continue
			}
			f.known[a] = true
			if o := j*stride + int(x) - f.rx; int(x) >= f.rx && int(x)+f.rx < w {
				win[n] = pix[o : o+bx]
			} else {
				// Near the left or right edge: the window with the row's replicated border.
				win[n] = f.winBuf[n*bx : (n+1)*bx]
				for t, i := range f.xIdx[x : int(x)+bx] {
					win[n][t] = pix[j*stride+int(i)]
				}
			}
			at[n] = a
			n++
			if n == len(at) {
				f.exactChains8(&win, &at)
				n = 0
			}
		}
	}
	if n > 0 {
		for i := n; i < len(at); i++ {
			win[i], at[i] = win[0], at[0] // the first again: the same value
		}
		f.exactChains8(&win, &at)
	}
}

// exactRows is exact for many columns: it completes the rows of the window with gaussianRow and
// runs the column pass over the whole row with gaussianColumnStep2, as adaptiveGaussianExact does.
func (f *gaussianFast) exactRows(out []int16, y int, xs []int32) {
	w, h, ry, rowAt := f.w, f.h, f.ry, f.rowAt
	if f.padRow == nil {
		f.padRow = make([]float64, w+2*f.rx)
	}
	for i := range rowAt {
		j := min(max(y-ry+i, 0), h-1)
		slot := rowAt[i] / w
		if f.full[slot] {
			continue
		}
		src := f.src.Pix[j*f.src.Stride : j*f.src.Stride+w]
		for t, x := range f.xIdx {
			f.padRow[t] = float64(src[x])
		}
		gaussianRow(f.ring[rowAt[i]:rowAt[i]+w], f.padRow, f.kx64)
		known := f.known[rowAt[i] : rowAt[i]+w]
		for t := range known {
			known[t] = true
		}
		f.full[slot] = true
	}
	row := func(i int) []float32 { return f.ring[rowAt[i] : rowAt[i]+w] }
	acc, kr := f.col, f.ky[ry]
	for x, v := range row(ry) {
		acc[x] = float32(kr * v)
	}
	i := 1
	for ; i+1 <= ry; i += 2 {
		gaussianColumnStep2(acc, row(ry-i), row(ry+i), row(ry-i-1), row(ry+i+1), f.ky[ry+i], f.ky[ry+i+1])
	}
	if i <= ry {
		gaussianColumnStep(acc, row(ry-i), row(ry+i), f.ky[ry+i])
	}
	for _, x := range xs {
		out[x] = f.lev[roundEven8(max(min(acc[x], 255), 0))]
	}
}

// exactChains8 computes the row-pass values of eight windows of source pixels (the taps in
// order, the row's border replicated) and stores them at ring[at]. Two taps an iteration (see
// rows).
func (f *gaussianFast) exactChains8(win *[8][]uint8, at *[8]int) {
	k := f.kx64
	n := len(k)
	p0, p1, p2, p3 := win[0][:n], win[1][:n], win[2][:n], win[3][:n]
	p4, p5, p6, p7 := win[4][:n], win[5][:n], win[6][:n], win[7][:n]
	var s0, s1, s2, s3, s4, s5, s6, s7 float32
	// One float64 multiply-add is exact here (see gaussianRow); the conversion to float32 is the
	// FMA's single rounding.
	t := 0
	for ; t+2 <= n; t += 2 {
		k0, k1 := k[t], k[t+1]
		s0 = float32(float64(s0) + k0*float64(p0[t]))
		s1 = float32(float64(s1) + k0*float64(p1[t]))
		s2 = float32(float64(s2) + k0*float64(p2[t]))
		s3 = float32(float64(s3) + k0*float64(p3[t]))
		s4 = float32(float64(s4) + k0*float64(p4[t]))
		s5 = float32(float64(s5) + k0*float64(p5[t]))
		s6 = float32(float64(s6) + k0*float64(p6[t]))
		s7 = float32(float64(s7) + k0*float64(p7[t]))
		s0 = float32(float64(s0) + k1*float64(p0[t+1]))
		s1 = float32(float64(s1) + k1*float64(p1[t+1]))
		s2 = float32(float64(s2) + k1*float64(p2[t+1]))
		s3 = float32(float64(s3) + k1*float64(p3[t+1]))
		s4 = float32(float64(s4) + k1*float64(p4[t+1]))
		s5 = float32(float64(s5) + k1*float64(p5[t+1]))
		s6 = float32(float64(s6) + k1*float64(p6[t+1]))
		s7 = float32(float64(s7) + k1*float64(p7[t+1]))
	}
	if t < n {
		kt := k[t]
		s0 = float32(float64(s0) + kt*float64(p0[t]))
		s1 = float32(float64(s1) + kt*float64(p1[t]))
		s2 = float32(float64(s2) + kt*float64(p2[t]))
		s3 = float32(float64(s3) + kt*float64(p3[t]))
		s4 = float32(float64(s4) + kt*float64(p4[t]))
		s5 = float32(float64(s5) + kt*float64(p5[t]))
		s6 = float32(float64(s6) + kt*float64(p6[t]))
		s7 = float32(float64(s7) + kt*float64(p7[t]))
	}
	r := f.ring
	r[at[0]], r[at[1]], r[at[2]], r[at[3]] = s0, s1, s2, s3
	r[at[4]], r[at[5]], r[at[6]], r[at[7]] = s4, s5, s6, s7
}

// gaussianChainBound returns δ: |F − E| ≤ δ for every image, where F is the float32 mean OpenCV's
// chain computes (row pass along kx, then column pass along ky, as adaptiveGaussianExact) and E the
// exact Σ kx_i·ky_j·v with the same float32 weights and pixels v in 0..255.
//
// Proof. Every rounding is to nearest, so it moves a value z > 0 by at most half a float32 ulp of
// z, which is at most h(b) = 2^(⌊log₂ b⌋ − 24) for any b ≥ z (h is non-decreasing); a zero is
// exact, and no value is subnormal (a non-zero one is at least the smallest weight, above 2⁻²²).
//
// Row pass: s_t = fl(kx_t·v_t + s_{t−1}), s_{−1} = 0. By induction s_t ≤ S_t, where Z_t = 255·kx_t +
// S_{t−1} bounds the exact kx_t·v_t + s_{t−1}, and S_t = Z_t + h(Z_t) (rounding is monotonic); step
// t errs by at most h(Z_t). So every row value R is at most M = S_{B−1} and differs from its exact
// value R* = Σ_t kx_t·v_t by at most ρ = Σ_t h(Z_t).
//
// Column pass: a₀ = fl(ky_r·R₀), then p_i = fl(R_{−i} + R_i) and a_i = fl(ky_{r+i}·p_i + a_{i−1}) for
// i = 1..r. Likewise p_i ≤ 2M + h(2M), a₀ ≤ A₀ = Z'₀ + h(Z'₀) with Z'₀ = ky_r·M, and a_i ≤ A_i =
// Z'_i + h(Z'_i) with Z'_i = ky_{r+i}·(2M + h(2M)) + A_{i−1}. F = a_r differs from Σ_j ky_j·R_j by at
// most h(Z'₀) + Σ_i (ky_{r+i}·h(2M) + h(Z'_i)) (a pair's error reaches F times its weight), and
// Σ_j ky_j·R_j differs from E = Σ_j ky_j·R*_j by at most Σ_j ky_j·ρ. δ is the sum of the two.
//
// A kernel [1] (an axis of length 1) multiplies by one and adds nothing: no rounding. The bound is
// evaluated in float64; its few thousand roundings (relative 2⁻⁵³ each) stay far below the 2⁻⁴⁰
// by which each argument of h is raised and the 2⁻²⁰ the caller adds.
func gaussianChainBound(kx, ky []float32) float64 {
	h := func(b float64) float64 {
		if b <= 0 {
			return 0
		}
		_, e := math.Frexp(b * (1 + 0x1p-40)) // b = f·2^e, f in [½, 1): ⌊log₂ b⌋ = e − 1
		return math.Ldexp(1, e-1-24)
	}
	rho, m := 0.0, 255.0
	if len(kx) > 1 {
		s := 0.0
		for _, k := range kx {
			z := 255*float64(k) + s
			rho += h(z)
			s = z + h(z)
		}
		m = s
	}
	if len(ky) == 1 {
		return rho
	}
	r := len(ky) / 2
	sy := 0.0
	for _, k := range ky {
		sy += float64(k)
	}
	z := float64(ky[r]) * m
	errC := h(z)
	a := z + h(z)
	hp := h(2 * m)
	for i := 1; i <= r; i++ {
		k := float64(ky[r+i])
		z := k*(2*m+hp) + a
		errC += k*hp + h(z)
		a = z + h(z)
	}
	return errC + sy*rho
}
