package algo

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// gaussianBlockSizes are the block sizes of the goldens (testdata/local/gen.py), and 3..9 whose
// kernels are OpenCV's fixed tables.
var gaussianBlockSizes = []int{3, 5, 7, 9, 11, 13, 15, 17, 21, 31, 51, 101, 251, 501}

// adversarialGray returns images that put the fast path of AdaptiveGaussian to the test: with two
// values a, b of odd sum in a pixel checkerboard or in stripes of one pixel, every window's exact
// weighted mean lies within a hair of (a+b)/2, a half (the alternating sum of a Gaussian kernel is
// tiny), so the float32 chain's roundings decide the 8-bit mean, pixel after pixel. Also random
// two-valued images (means spread around a half), random images of any size (widths off the
// 16-column blocks, 1×n, n×1, smaller than the window), ramps and a step.
func adversarialGray() map[string]*image.Gray {
	rng := rand.New(rand.NewPCG(11, 12))
	imgs := map[string]*image.Gray{}
	mk := func(name string, w, h int, f func(x, y int) uint8) {
		g := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				g.Pix[y*g.Stride+x] = f(x, y)
			}
		}
		imgs[name] = g
	}
	for _, ab := range [][2]uint8{{0, 1}, {0, 255}, {100, 101}, {254, 255}, {127, 128}, {3, 200}} {
		a, b := ab[0], ab[1]
		pick := func(odd bool) uint8 {
			if odd {
				return b
			}
			return a
		}
		mk(fmt.Sprintf("checker%d-%d", a, b), 67, 45, func(x, y int) uint8 { return pick((x+y)%2 == 1) })
		mk(fmt.Sprintf("vstripes%d-%d", a, b), 45, 37, func(x, y int) uint8 { return pick(x%2 == 1) })
		mk(fmt.Sprintf("hstripes%d-%d", a, b), 37, 45, func(x, y int) uint8 { return pick(y%2 == 1) })
		mk(fmt.Sprintf("random%d-%d", a, b), 53, 41, func(x, y int) uint8 { return pick(rng.IntN(2) == 1) })
	}
	for i, sz := range [][2]int{{1, 1}, {1, 23}, {29, 1}, {2, 3}, {15, 9}, {16, 5}, {17, 33}, {33, 17}, {50, 48}, {79, 61}} {
		mk(fmt.Sprintf("random%d-%dx%d", i, sz[0], sz[1]), sz[0], sz[1], func(x, y int) uint8 { return uint8(rng.IntN(256)) })
	}
	mk("ramp", 300, 12, func(x, y int) uint8 { return uint8(x * 255 / 299) })
	mk("diagonal", 70, 70, func(x, y int) uint8 { return uint8((x + y) / 2) })
	mk("step", 64, 20, func(x, y int) uint8 { return uint8(20 + 201*(x/32)) })
	mk("white", 40, 30, func(x, y int) uint8 { return 255 })
	// A sub-image: Rect.Min away from 0 and Stride wider than the row.
	big := image.NewGray(image.Rect(-5, 7, 90, 80))
	for i := range big.Pix {
		big.Pix[i] = uint8(rng.IntN(256))
	}
	imgs["sub"] = big.SubImage(image.Rect(3, 11, 3+61, 11+47)).(*image.Gray)
	return imgs
}

// goldenGray returns the input images of the local goldens (testdata/local/images).
func goldenGray(t testing.TB) map[string]*image.Gray {
	files, err := filepath.Glob("testdata/local/images/*.png")
	if err != nil || len(files) < 10 {
		t.Fatalf("golden images: %v (%d)", err, len(files))
	}
	imgs := map[string]*image.Gray{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".png")
		imgs[name] = localImage(t, name)
	}
	return imgs
}

func sameLevels(t *testing.T, name string, got, want *LevelMap) {
	t.Helper()
	for i := range want.L {
		if got.L[i] != want.L[i] {
			t.Fatalf("%s: level %d at (%d, %d), want %d", name, got.L[i], i%want.Stride, i/want.Stride, want.L[i])
		}
	}
}

// TestAdaptiveGaussianFast holds the fast path to the exact float32 chain (the definition, itself
// checked against OpenCV by the goldens and TestAdaptiveGaussianExactGoldens): every golden image
// and every adversarial image, every block size of the goldens, both roundings of a fractional C;
// and the exact chain alone, both ways the fast path falls back to it (pixel by pixel, whole rows).
func TestAdaptiveGaussianFast(t *testing.T) {
	imgs := goldenGray(t)
	for name, g := range adversarialGray() {
		imgs[name] = g
	}
	for name, g := range imgs {
		for _, bs := range gaussianBlockSizes {
			if bs > 101 && g.Rect.Dx()*g.Rect.Dy() > 5000 {
				continue // keep the test quick: the big windows on the smaller images only
			}
			for _, inv := range []bool{false, true} {
				c := 2.5
				if inv {
					c = -1.5
				}
				want, got := NewLevelMap(g.Rect), NewLevelMap(g.Rect)
				adaptiveGaussianExact(want, g, bs, c, inv)
				AdaptiveGaussian(got, g, bs, c, inv)
				sameLevels(t, fmt.Sprintf("%s blockSize %d inverted %v", name, bs, inv), got, want)
				if !inv && (bs == 3 || bs == 11 || bs == 31 || bs == 101) {
					for _, path := range []gaussianPath{gaussianEachExact, gaussianRowsExact} {
						clear(got.L)
						adaptiveGaussianFast(got, g, bs, c, inv, path)
						sameLevels(t, fmt.Sprintf("%s blockSize %d, exact chain only (%d)", name, bs, path), got, want)
					}
				}
			}
		}
	}
}

// TestAdaptiveGaussianExactGoldens runs the definition itself, adaptiveGaussianExact, on every
// adaptive-gaussian case of the goldens (OpenCV 4.6), tolerance 0.
func TestAdaptiveGaussianExactGoldens(t *testing.T) {
	n := 0
	imgs := map[string]*image.Gray{}
	for _, c := range loadLocalGoldens(t) {
		if c.Method != "adaptive-gaussian" {
			continue
		}
		g := imgs[c.Image]
		if g == nil {
			g = localImage(t, c.Image)
			imgs[c.Image] = g
		}
		n++
		inv := c.Type == "binary-inv"
		lm := NewLevelMap(g.Rect)
		adaptiveGaussianExact(lm, g, int(c.Params["blockSize"]), c.Params["C"], inv)
		for i := range lm.L {
			y, x := i/lm.Stride, i%lm.Stride
			fg := int16(g.Pix[y*g.Stride+x]) > lm.L[i]
			white := c.Want[i/8]>>(7-i%8)&1 == 1 // binary: foreground; binary-inv: background
			if white != (fg != inv) {
				t.Fatalf("%s blockSize %v C %v %s: pixel (%d, %d) differs", c.Image, c.Params["blockSize"], c.Params["C"], c.Type, x, y)
			}
		}
	}
	if n < 80 {
		t.Fatalf("only %d adaptive-gaussian goldens", n)
	}
}

// TestGaussianFastBound checks the bound the fast path rests on, pixel by pixel: the float32 mean F
// of the exact chain lies within Δ of the fast path's G·2⁻⁵⁵ + o. It also checks that the bound
// matters: on these images the plain rounding of G·2⁻⁵⁵ + o would be wrong on some pixels (the
// fallback puts them right), and F falls within a tenth of Δ on some.
func TestGaussianFastBound(t *testing.T) {
	imgs := adversarialGray()
	g := image.NewGray(image.Rect(0, 0, 160, 120))
	rng := rand.New(rand.NewPCG(21, 22))
	for i := range g.Pix {
		g.Pix[i] = uint8(60 + i%160 + rng.IntN(40) - 20)
	}
	imgs["textured"] = g
	wrong, close := 0, 0
	for name, g := range imgs {
		for _, bs := range []int{3, 7, 11, 31, 101} {
			f := newGaussianFast(g, bs, 0, false, gaussianAuto)
			if f.allExact {
				t.Fatalf("blockSize %d: no fast path", bs)
			}
			delta := float64(f.band) * 0x1p-55
			worst := 0.0
			gaussianMeans32(g, bs, func(y int, F []float32) {
				f.columns(y)
				f.rows()
				for x, v := range f.g[:f.w] {
					// G as defined, the row pass's sum.
					want := f.vx[0] * uint64(f.pad[f.rr+x])
					for i := 1; i <= f.rx; i++ {
						want += f.vx[i] * (uint64(f.pad[f.rr+x-i]) + uint64(f.pad[f.rr+x+i]))
					}
					if v != want {
						t.Fatalf("%s blockSize %d (%d, %d): G = %d, want %d", name, bs, x, y, v, want)
					}
					// G·2⁻⁵⁵ + o, from G + bias = (G·2⁻⁵⁵ + o + ½)·2⁵⁵ (all exact but the last
					// float64 rounding, some 2⁻⁴⁵: far below Δ).
					approx := (float64(v) + float64(int64(f.bias)-1<<54)) * 0x1p-55
					d := math.Abs(float64(F[x]) - approx)
					worst = max(worst, d/delta)
					if d > delta {
						t.Fatalf("%s blockSize %d (%d, %d): F = %v, G·2⁻⁵⁵ + o = %v: %g apart, Δ = %g", name, bs, x, y, F[x], approx, d, delta)
					}
					if math.RoundToEven(float64(F[x])) != math.RoundToEven(approx) {
						wrong++
					}
				}
			})
			if worst > 0 && worst < 0.1 {
				close++
			}
			t.Logf("%s blockSize %d: |F − G| ≤ %.3f·Δ, Δ = %.3g", name, bs, worst, delta)
		}
	}
	if wrong == 0 {
		t.Errorf("the images never need the exact chain: the test has no teeth")
	}
	t.Logf("%d pixels where rounding G would be wrong; %d cases within Δ/10", wrong, close)
}

// TestGaussianFastKernels checks, for every block size the registry allows (and the one-pixel
// axes), that the fast path applies: the column sums fit their 32-bit lanes, the row sums 64
// bits, and Δ is small.
func TestGaussianFastKernels(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 16, 16))
	for bs := 3; bs <= 501; bs += 2 {
		for _, sz := range []image.Rectangle{g.Rect, image.Rect(0, 0, 1, 16), image.Rect(0, 0, 16, 1)} {
			f := newGaussianFast(g.SubImage(sz).(*image.Gray), bs, 0, false, gaussianAuto)
			if f.allExact {
				t.Fatalf("blockSize %d, %v: no fast path", bs, sz)
			}
			if d := float64(f.band) * 0x1p-55; d > 0.005 {
				t.Errorf("blockSize %d: Δ = %g", bs, d)
			}
		}
	}
}

// TestGaussColumns16 compares the column sums eight pixels a word with the plain sum, on white
// (the largest sums) and random images whose widths end off the 16-column blocks.
func TestGaussColumns16(t *testing.T) {
	if !littleEndian {
		t.Skip("big-endian: the word loop is not used")
	}
	rng := rand.New(rand.NewPCG(31, 32))
	for _, w := range []int{16, 33, 47, 64} {
		for _, white := range []bool{true, false} {
			g := image.NewGray(image.Rect(0, 0, w, 40))
			for i := range g.Pix {
				g.Pix[i] = 255
				if !white {
					g.Pix[i] = uint8(rng.IntN(256))
				}
			}
			for _, bs := range []int{3, 11, 31, 501} {
				f := newGaussianFast(g, bs, 0, false, gaussianAuto)
				for y := 0; y < 40; y += 3 {
					f.columns(y)
					for x := 0; x < w; x++ {
						s := f.wy[0] * uint64(g.Pix[y*g.Stride+x])
						for i := 1; i <= f.ry; i++ {
							s += f.wy[i] * uint64(int(g.Pix[max(y-i, 0)*g.Stride+x])+int(g.Pix[min(y+i, 39)*g.Stride+x]))
						}
						if got := f.pad[f.rr+x]; uint64(got) != s {
							t.Fatalf("width %d blockSize %d (%d, %d): %d, want %d", w, bs, x, y, got, s)
						}
					}
				}
			}
		}
	}
}

// FuzzAdaptiveGaussian: any small image, any block size: the fast path gives the exact chain's
// levels.
func FuzzAdaptiveGaussian(f *testing.F) {
	f.Add([]byte{0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1}, uint8(4), uint8(5))
	f.Add([]byte("some texture, some more texture, and more"), uint8(7), uint8(1))
	f.Fuzz(func(t *testing.T, pix []byte, w uint8, win uint8) {
		if len(pix) == 0 || w == 0 {
			return
		}
		width := min(int(w), len(pix))
		g := image.NewGray(image.Rect(0, 0, width, (len(pix)+width-1)/width))
		for i := range g.Pix {
			g.Pix[i] = pix[i%len(pix)]
		}
		bs := int(win)%40*2 + 3
		want, got := NewLevelMap(g.Rect), NewLevelMap(g.Rect)
		adaptiveGaussianExact(want, g, bs, 0, false)
		AdaptiveGaussian(got, g, bs, 0, false)
		sameLevels(t, fmt.Sprintf("blockSize %d", bs), got, want)
	})
}

// BenchmarkAdaptiveGaussianExact is the definition, every float32 rounding in turn (compare
// BenchmarkAdaptiveGaussian in local_test.go).
func BenchmarkAdaptiveGaussianExact(b *testing.B) {
	g := bench4MP()
	lm := NewLevelMap(g.Rect)
	b.ReportAllocs()
	b.SetBytes(int64(len(g.Pix)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		adaptiveGaussianExact(lm, g, 31, 2, false)
	}
}

// BenchmarkAdaptiveGaussianTies is the fast path's worst case: a pixel checkerboard of 100 and
// 101, whose every mean is within a hair of 100.5, so every pixel takes the exact chain.
func BenchmarkAdaptiveGaussianTies(b *testing.B) {
	g := image.NewGray(image.Rect(0, 0, 2048, 2048))
	for i := range g.Pix {
		g.Pix[i] = uint8(100 + (i%2048+i/2048)%2)
	}
	lm := NewLevelMap(g.Rect)
	b.ReportAllocs()
	b.SetBytes(int64(len(g.Pix)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		AdaptiveGaussian(lm, g, 31, 2, false)
	}
}
