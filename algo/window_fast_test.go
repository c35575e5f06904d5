package algo

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"testing"
)

// The fast paths of Niblack, Sauvola and Wolf (sqrtForm) against their definitions, which the
// *Plain functions compute pixel by pixel.

// formImages are small pictures that stress the fast path: noise, flat areas (σ = 0, where
// Sauvola's and Wolf's T is often an exact integer), nearly flat ones (the smallest variances,
// where scikit-image's σ cancels most), two levels, extremes, gradients; some are sub-images.
func formImages() map[string]*image.Gray {
	rng := rand.New(rand.NewPCG(11, 12))
	ims := map[string]*image.Gray{}
	mk := func(name string, w, h int, f func(x, y int) uint8) {
		g := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				g.Pix[y*g.Stride+x] = f(x, y)
			}
		}
		ims[name] = g
	}
	mk("noise", 61, 47, func(x, y int) uint8 { return uint8(rng.IntN(256)) })
	for _, v := range []uint8{0, 1, 5, 100, 127, 128, 200, 255} {
		mk(fmt.Sprint("flat", v), 23, 19, func(x, y int) uint8 { return v })
		mk(fmt.Sprint("speck", v), 37, 29, func(x, y int) uint8 {
			if rng.IntN(97) == 0 {
				return v ^ 1
			}
			return v
		})
	}
	mk("twolevel", 64, 40, func(x, y int) uint8 {
		if (x/7+y/5)%2 == 0 {
			return 30
		}
		return 220
	})
	mk("extremes", 33, 33, func(x, y int) uint8 { return uint8(255 * ((x ^ y) & 1)) })
	mk("gradient", 300, 7, func(x, y int) uint8 { return uint8(x*255/299 + y%2) })
	mk("row", 257, 1, func(x, y int) uint8 { return uint8(x * 7) })
	mk("column", 1, 131, func(x, y int) uint8 { return uint8(y * 3) })
	mk("pixel", 1, 1, func(x, y int) uint8 { return 77 })
	big := image.NewGray(image.Rect(0, 0, 90, 70))
	for i := range big.Pix {
		big.Pix[i] = uint8(60 + rng.IntN(9))
	}
	ims["subimage"] = big.SubImage(image.Rect(13, 9, 71, 50)).(*image.Gray)
	return ims
}

// TestLocalFormMatchesDefinition holds Niblack, Sauvola and Wolf to their definitions pixel by
// pixel over many parameters, including ones outside the fast path's range (r ≤ 0, a huge window).
func TestLocalFormMatchesDefinition(t *testing.T) {
	checked := 0
	for name, g := range formImages() {
		got, want := NewLevelMap(g.Rect), NewLevelMap(g.Rect)
		same := func(what string) {
			t.Helper()
			for i := range want.L {
				if got.L[i] != want.L[i] {
					t.Fatalf("%s on %s (%v): level %d at %d, definition %d", what, name, g.Rect, got.L[i], i, want.L[i])
				}
			}
			checked++
		}
		for _, window := range []int{1, 3, 5, 11, 25, 51, 703} {
			for _, k := range []float64{-2, -0.5, 0, 0.2, 0.5, 1, 1.5, 2} {
				Niblack(got, g, window, k)
				niblackPlain(want, g, window, k)
				same(fmt.Sprintf("niblack w%d k%g", window, k))
				Wolf(got, g, window, k)
				wolfPlain(want, g, window, k)
				same(fmt.Sprintf("wolf w%d k%g", window, k))
				for _, r := range []float64{-1, 0, 1, 64, 127.5, 128, 1000, math.Inf(1)} {
					Sauvola(got, g, window, k, r)
					sauvolaPlain(want, g, window, k, r)
					same(fmt.Sprintf("sauvola w%d k%g r%g", window, k, r))
				}
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("checked only %d level maps", checked)
	}
}

// windowSamples returns (S, Q) of windows of n pixels made of up to three distinct values: nearly
// flat windows (one pixel differs by 1, the smallest variance there is) cancel most in
// scikit-image's σ, flat ones have σ = 0, and the rest spread over the range.
func windowSamples(rng *rand.Rand, n int64, count int) [][2]int64 {
	var out [][2]int64
	add := func(vals []int64, counts []int64) {
		var s, q int64
		for i, v := range vals {
			s += v * counts[i]
			q += v * v * counts[i]
		}
		out = append(out, [2]int64{s, q})
	}
	for v := int64(0); v < 256; v++ {
		add([]int64{v}, []int64{n})
		if n > 1 && v < 255 {
			add([]int64{v, v + 1}, []int64{n - 1, 1})
			add([]int64{v + 1, v}, []int64{n - 1, 1})
		}
	}
	for len(out) < count {
		a, b, c := rng.Int64N(256), rng.Int64N(256), rng.Int64N(256)
		na := rng.Int64N(n + 1)
		nb := rng.Int64N(n - na + 1)
		add([]int64{a, b, c}, []int64{na, nb, n - na - nb})
	}
	return out
}

// TestSqrtFormBound checks the bound behind the fast path: wherever the form calls a level certain,
// the definition's T lies within ε = ½ − half of the form's T̃ (the bounds hold for every window; the
// samples come near the worst case, the flattest windows). It also checks that the usual parameters
// take the fast path.
func TestSqrtFormBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	checked := 0
	for _, window := range []int{1, 3, 15, 25, 101, 501} {
		n := int64(window) * int64(window)
		nf := float64(n)
		samples := windowSamples(rng, n, 3000)
		for _, k := range []float64{-2, -0.2, 0, 0.2, 0.5, 2} {
			for _, r := range []float64{1, 127.5, 1000} {
				ds, dm := meanStdError()
				_ = dm
				const u = 0x1p-53
				ak := math.Abs(k)
				c := math.Abs(1-k) + ak*128/r
				f := newSqrtForm(n, (1-k)/nf, k/r/nf/nf, 0, 0, 128*nf,
					255*ak*ds/r+255*u*(3*ak*(128/r+1)+3*c))
				if !f.fast {
					t.Fatalf("sauvola w%d k%g r%g: no fast path", window, k, r)
				}
				eps := 0.5 - f.half
				for _, sq := range samples {
					m, sd := skimageMeanStd(sq[0], sq[1], nf)
					ref := float64(m * (1 + float64(k*(sd/r-1))))
					if d := math.Abs(f.at(sq[0], sq[1]) - ref); d > eps {
						t.Fatalf("sauvola w%d k%g r%g S=%d Q=%d: |T̃ − T| = %g > ε = %g", window, k, r, sq[0], sq[1], d, eps)
					}
					checked++
				}
			}
			ds, dm := meanStdError()
			const u = 0x1p-53
			ak := math.Abs(k)
			f := newSqrtForm(n, 1/nf, 0, -k/nf, 0, 128*nf, dm+ak*(ds+128*u)+u*(255+ak*128))
			if !f.fast {
				t.Fatalf("niblack w%d k%g: no fast path", window, k)
			}
			eps := 0.5 - f.half
			for _, sq := range samples {
				m, sd := skimageMeanStd(sq[0], sq[1], nf)
				if d := math.Abs(f.at(sq[0], sq[1]) - (m - float64(k*sd))); d > eps {
					t.Fatalf("niblack w%d k%g S=%d Q=%d: |T̃ − T| = %g > ε = %g", window, k, sq[0], sq[1], d, eps)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("checked nothing")
	}
}

// TestSqrtFormLevels: the fast path's level equals the definition's for every sample window and a
// range of parameters, certain or not (row runs the definition where it is not).
func TestSqrtFormLevels(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	checked, redone := 0, 0
	for _, window := range []int{3, 25, 101} {
		n := int64(window) * int64(window)
		nf := float64(n)
		samples := windowSamples(rng, n, 2000)
		// One row whose window sums are the samples: column sums c with r = 0 (window 1 in x) give
		// S and Q of each pixel directly.
		c := make([]uint32, len(samples))
		cq := make([]uint32, len(samples))
		fits := samples[:0:0]
		for _, sq := range samples {
			if sq[1] < 1<<32 {
				fits = append(fits, sq)
			}
		}
		c, cq = c[:len(fits)], cq[:len(fits)]
		for i, sq := range fits {
			c[i], cq[i] = uint32(sq[0]), uint32(sq[1])
		}
		got := make([]int16, len(fits))
		for _, k := range []float64{-1, 0.2, 0.5} {
			for _, r := range []float64{1, 127.5} {
				ds, _ := meanStdError()
				const u = 0x1p-53
				ak := math.Abs(k)
				cc := math.Abs(1-k) + ak*128/r
				f := newSqrtForm(n, (1-k)/nf, k/r/nf/nf, 0, 0, 128*nf,
					255*ak*ds/r+255*u*(3*ak*(128/r+1)+3*cc))
				exact := func(s, q int64) int16 { redone++; return sauvolaLevel(s, q, nf, k, r) }
				f.row(got, c, cq, 0, exact)
				for i, sq := range fits {
					if want := sauvolaLevel(sq[0], sq[1], nf, k, r); got[i] != want {
						t.Fatalf("sauvola w%d k%g r%g S=%d Q=%d: level %d, definition %d", window, k, r, sq[0], sq[1], got[i], want)
					}
					checked++
				}
			}
		}
	}
	// Flat windows of a multiple of 5 give T = 0.8·v exactly for k = 0.2: those must be redone.
	if checked == 0 || redone == 0 {
		t.Fatalf("checked %d levels, %d through the definition", checked, redone)
	}
}

func benchForm(b *testing.B, f func(dst *LevelMap, src *image.Gray)) {
	g := bench4MP()
	lm := NewLevelMap(g.Rect)
	b.ReportAllocs()
	b.SetBytes(int64(len(g.Pix)))
	for b.Loop() {
		f(lm, g)
	}
}

// The fast paths against their definitions (4 MP, window 25).
func BenchmarkSauvolaFast(b *testing.B) {
	benchForm(b, func(d *LevelMap, s *image.Gray) { Sauvola(d, s, 25, 0.2, 127.5) })
}
func BenchmarkSauvolaPlain(b *testing.B) {
	benchForm(b, func(d *LevelMap, s *image.Gray) { sauvolaPlain(d, s, 25, 0.2, 127.5) })
}
func BenchmarkNiblackFast(b *testing.B) {
	benchForm(b, func(d *LevelMap, s *image.Gray) { Niblack(d, s, 25, 0.2) })
}
func BenchmarkNiblackPlain(b *testing.B) {
	benchForm(b, func(d *LevelMap, s *image.Gray) { niblackPlain(d, s, 25, 0.2) })
}
func BenchmarkWolfFast(b *testing.B) {
	benchForm(b, func(d *LevelMap, s *image.Gray) { Wolf(d, s, 25, 0.5) })
}
func BenchmarkWolfPlain(b *testing.B) {
	benchForm(b, func(d *LevelMap, s *image.Gray) { wolfPlain(d, s, 25, 0.5) })
}
