package algo

import "unsafe"

// The per-pixel passes every call makes (RGBA → gray with its histogram, gray → RGBA output) are
// the hot path on wasm, which has no SIMD and pays for every bounds check and narrow load. Their
// fast paths read and write whole 64-bit words through unsafe views of byte slices; the plain
// loops in gray.go and pipeline.go define what they compute, and tests hold the two equal.

// littleEndian reports whether this machine stores words low byte first (wasm, amd64, arm64 …):
// the word views below assume it.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// u64s views b (whose length is a multiple of 8) as 64-bit words.
func u64s(b []byte) []uint64 {
	return unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/8)
}

// u32s views b (whose length is a multiple of 4) as 32-bit words.
func u32s(b []byte) []uint32 {
	return unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/4)
}

// grayRowFast converts len(dst) RGBA pixels of src into dst and counts them in hist, eight pixels an
// iteration. Two pixels share a 64-bit word, and one multiplication per channel computes both
// pixels' products: the channel bytes sit 32 bits apart, and each product (< 2^23) and the sum with
// rounding (< 2^24) stay inside their 32-bit lane. One mask then keeps both gray bytes (bits 15…22
// of each lane), so after the shift a word holds its pixels' grays as p0 | p1<<32, ready both to
// index the histograms and to be packed, four words into one 64-bit store. Four histograms take
// turns so that consecutive equal pixels do not wait on each other's increments. Eight pixels an
// iteration rather than four, since Go's wasm goes through its function's block dispatch at every
// loop turn: measured on wasm (BenchmarkGrayRow under node) it took from 0.90× to the same time as
// four a pixel. It returns how many pixels it converted (a multiple of 8); the caller finishes the
// row.
func grayRowFast(dst, src []byte, hist *[4][256]uint32) int {
	const lanes = 0x000000ff000000ff
	const round = grayRound<<32 | grayRound
	const gray = lanes << grayShift
	n := len(dst) / 8
	if n == 0 {
		return 0
	}
	in := u64s(src[:32*n])
	out := u64s(dst[:8*n])
	h0, h1, h2, h3 := &hist[0], &hist[1], &hist[2], &hist[3]
	for i := range out {
		q := in[4*i : 4*i+4 : 4*i+4]
		q0, q1, q2, q3 := q[0], q[1], q[2], q[3]
		s0 := ((q0&lanes)*grayR + (q0>>8&lanes)*grayG + (q0>>16&lanes)*grayB + round) & gray >> grayShift
		s1 := ((q1&lanes)*grayR + (q1>>8&lanes)*grayG + (q1>>16&lanes)*grayB + round) & gray >> grayShift
		s2 := ((q2&lanes)*grayR + (q2>>8&lanes)*grayG + (q2>>16&lanes)*grayB + round) & gray >> grayShift
		s3 := ((q3&lanes)*grayR + (q3>>8&lanes)*grayG + (q3>>16&lanes)*grayB + round) & gray >> grayShift
		// lo is p0 | p2<<16 | p1<<32 | p3<<48; lo | lo>>24 puts p1 and p3 at bytes 1 and 3.
		lo, hi := s0|s1<<16, s2|s3<<16
		out[i] = uint64(uint32(lo|lo>>24)) | (hi|hi>>24)<<32
		h0[uint8(s0)]++
		h1[uint8(s0>>32)]++
		h2[uint8(s1)]++
		h3[uint8(s1>>32)]++
		h0[uint8(s2)]++
		h1[uint8(s2>>32)]++
		h2[uint8(s3)]++
		h3[uint8(s3>>32)]++
	}
	return 8 * n
}

// writeRowFast writes words[g] for len(g) pixels into dst, sixteen pixels an iteration with 64-bit
// stores (sixteen rather than eight for the reason grayRowFast gives: from 0.85× to the same time
// a pixel on wasm). It returns how many pixels it wrote (a multiple of 16); the caller finishes
// the row.
func writeRowFast(dst, g []byte, words *[256]uint32) int {
	n := len(g) / 16
	if n == 0 {
		return 0
	}
	in := u64s(g[:16*n])
	out := u64s(dst[:64*n])
	for i := range n {
		q, r := in[2*i], in[2*i+1]
		o := out[8*i : 8*i+8 : 8*i+8]
		o[0] = uint64(words[uint8(q)]) | uint64(words[uint8(q>>8)])<<32
		o[1] = uint64(words[uint8(q>>16)]) | uint64(words[uint8(q>>24)])<<32
		o[2] = uint64(words[uint8(q>>32)]) | uint64(words[uint8(q>>40)])<<32
		o[3] = uint64(words[uint8(q>>48)]) | uint64(words[uint8(q>>56)])<<32
		o[4] = uint64(words[uint8(r)]) | uint64(words[uint8(r>>8)])<<32
		o[5] = uint64(words[uint8(r>>16)]) | uint64(words[uint8(r>>24)])<<32
		o[6] = uint64(words[uint8(r>>32)]) | uint64(words[uint8(r>>40)])<<32
		o[7] = uint64(words[uint8(r>>48)]) | uint64(words[uint8(r>>56)])<<32
	}
	return 16 * n
}

// binaryRowFast writes the binary output of len(g) pixels with their levels lv into dst: the word
// one where g > lv, zero elsewhere. Eight pixels an iteration, 64-bit loads and stores, and no
// branch per pixel: lv − g is negative exactly for the pixels above their level (lv ≥ −1 and
// g ≤ 255, so it never overflows), and its sign bit chooses the word. It returns how many pixels it
// wrote (a multiple of 8); the caller finishes the row.
func binaryRowFast(dst, g []byte, lv []int16, one, zero uint32) int {
	n := len(g) / 8
	if n == 0 {
		return 0
	}
	in := u64s(g[:8*n])
	levels := u64s(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(lv))), 2*len(lv))[:16*n])
	out := u64s(dst[:32*n])
	diff := uint64(one ^ zero)
	z := uint64(zero) | uint64(zero)<<32
	// pick(l, v) is the word of one pixel, in the low 32 bits: zero ^ (diff where v > l).
	pick := func(l uint64, v uint64) uint64 {
		return diff & uint64((int64(int16(l))-int64(uint8(v)))>>63)
	}
	for i, q := range in {
		l0, l1 := levels[2*i], levels[2*i+1]
		o := out[4*i : 4*i+4 : 4*i+4]
		o[0] = z ^ (pick(l0, q) | pick(l0>>16, q>>8)<<32)
		o[1] = z ^ (pick(l0>>32, q>>16) | pick(l0>>48, q>>24)<<32)
		o[2] = z ^ (pick(l1, q>>32) | pick(l1>>16, q>>40)<<32)
		o[3] = z ^ (pick(l1>>32, q>>48) | pick(l1>>48, q>>56)<<32)
	}
	return 8 * n
}

// A two-level LUT (every binary output: one word up to a level, another above it) is written
// without a lookup a pixel: stepWords finds its shape, and stepRowFast compares eight gray bytes
// with the level at once and writes four pixels a lookup.

// step is a LUT of words that is lo for gray values up to t and hi above t.
type step struct {
	t    uint8
	quad [16][2]uint64 // the four pixels' words for each pattern of "above t" (bit i: pixel i)
}

// stepWords reports whether words is a step (lo up to some t < 255, hi above it) and, if so, fills
// s with its level and its patterns.
func stepWords(words *[256]uint32, s *step) bool {
	lo := words[0]
	v := 1
	for v < 256 && words[v] == lo {
		v++
	}
	if v == 256 {
		return false
	}
	hi := words[v]
	for _, w := range words[v:] {
		if w != hi {
			return false
		}
	}
	s.t = uint8(v - 1)
	for p := range s.quad {
		var px [4]uint64
		for i := range px {
			px[i] = uint64(lo)
			if p>>i&1 != 0 {
				px[i] = uint64(hi)
			}
		}
		s.quad[p] = [2]uint64{px[0] | px[1]<<32, px[2] | px[3]<<32}
	}
	return true
}

// above returns, for the eight gray bytes of q, a byte whose bit i is set where byte i is above the
// step's level t. g > t is the carry out of g + k, k = 255 − t: the low seven bits of each byte are
// added apart (add is (k & 0x7f) in every byte; the sums stay below 256, so no carry crosses into
// the next byte), and their carry, bit 7 of the sum, meets the top bits: with k ≥ 128 the byte
// carries if g ≥ 128 or the low bits carry, with k < 128 only if both do — carry = q&s | (q^s)&kTop,
// kTop being the top bits when k ≥ 128, zero otherwise. A multiplication then gathers the eight
// flags into the top byte (bit i of byte i lands at bit 56 + i; no two partial products share a
// bit below it).
func above(q, add, kTop uint64) uint64 {
	const low7, top = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	s := q&low7 + add
	c := (q&s | (q^s)&kTop) & top
	return (c >> 7) * 0x0102040810204080 >> 56
}

// stepRowFast writes the step LUT s of len(g) pixels into dst, sixteen pixels an iteration (as
// writeRowFast) with four 64-bit stores a lookup. It returns how many pixels it wrote (a multiple
// of 16); the caller finishes the row.
func stepRowFast(dst, g []byte, s *step) int {
	n := len(g) / 16
	if n == 0 {
		return 0
	}
	in := u64s(g[:16*n])
	out := u64s(dst[:64*n])
	k := 255 - uint64(s.t)
	add, kTop := (k&0x7f)*0x0101010101010101, uint64(0)
	if k >= 128 {
		kTop = 0x8080808080808080
	}
	for i := range n {
		a, b := above(in[2*i], add, kTop), above(in[2*i+1], add, kTop)
		o := out[8*i : 8*i+8 : 8*i+8]
		p := &s.quad[a&15]
		o[0], o[1] = p[0], p[1]
		p = &s.quad[a>>4&15]
		o[2], o[3] = p[0], p[1]
		p = &s.quad[b&15]
		o[4], o[5] = p[0], p[1]
		p = &s.quad[b>>4&15]
		o[6], o[7] = p[0], p[1]
	}
	return 16 * n
}
