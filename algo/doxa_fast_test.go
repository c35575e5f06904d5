package algo

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"testing"
)

// The fast paths of Doxa's Niblack, Sauvola, Wolf and NICK (doxa_fast.go) against their
// definitions, pixel by pixel.

// doxaFastPairs are each fast path and its definition.
var doxaFastPairs = []struct {
	name        string
	fast, plain func(*LevelMap, *image.Gray, int, float64)
}{
	{"niblack", DoxaNiblack, doxaNiblackPlain},
	{"sauvola", DoxaSauvola, doxaSauvolaPlain},
	{"wolf", DoxaWolf, doxaWolfPlain},
	{"nick", Nick, nickPlain},
}

// doxaFastPicture is a random picture of one of the kinds that stress the fast path: noise, flat
// (σ = 0: T is often an exact integer), nearly flat (the smallest variances, where Doxa's var
// cancels most), specks on flat, two levels, extremes, gradients, a shaded page with strokes; some
// are sub-images (stride ≠ width).
func doxaFastPicture(rng *rand.Rand, w, h int) (*image.Gray, string) {
	kinds := []string{"noise", "flat", "nearflat", "speck", "twolevel", "extremes", "gradient", "page"}
	kind := kinds[rng.IntN(len(kinds))]
	pad := 0
	if rng.IntN(3) == 0 {
		pad = 1 + rng.IntN(4)
	}
	big := image.NewGray(image.Rect(0, 0, w+2*pad, h+2*pad))
	v0 := uint8(rng.IntN(256))
	for y := 0; y < h+2*pad; y++ {
		for x := 0; x < w+2*pad; x++ {
			var v uint8
			switch kind {
			case "noise":
				v = uint8(rng.IntN(256))
			case "flat":
				v = v0
			case "nearflat":
				v = v0 ^ uint8(rng.IntN(2))
			case "speck":
				v = v0
				if rng.IntN(53) == 0 {
					v = uint8(rng.IntN(256))
				}
			case "twolevel":
				v = 30
				if (x/3+y/4)%2 == 0 {
					v = 220
				}
			case "extremes":
				v = uint8(255 * ((x ^ y ^ rng.IntN(2)) & 1))
			case "gradient":
				v = uint8((x*7 + y*3) % 256)
			case "page":
				v = uint8(200 - x%40 - y%30)
				if (x/5)%3 == 0 && y%9 < 5 {
					v = uint8(40 + rng.IntN(30))
				}
			}
			big.Pix[y*big.Stride+x] = v
		}
	}
	g := big.SubImage(image.Rect(pad, pad, pad+w, pad+h)).(*image.Gray)
	return g, fmt.Sprintf("%s %d×%d pad %d", kind, w, h, pad)
}

// TestDoxaFastMatchesDefinition: random sizes from 1×1 up, windows from −1 to past the picture (odd
// and even), k from −2 to 2 and its usual values: the fast paths give the definitions' levels.
func TestDoxaFastMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	ks := []float64{-2, -0.61, -0.5, -0.2, -0.1, 0, 0.1, 0.2, 0.34, 0.5, 1, 2}
	cases := 0
	for it := 0; it < 600; it++ {
		w, h := 1+rng.IntN(70), 1+rng.IntN(70)
		if it%5 == 0 { // thin pictures: one row or column, or a few
			if rng.IntN(2) == 0 {
				w = 1 + rng.IntN(3)
			} else {
				h = 1 + rng.IntN(3)
			}
		}
		src, what := doxaFastPicture(rng, w, h)
		windows := []int{-1, 0, 1, 2, 3, 4, 1 + rng.IntN(max(w, h)+8), 2*max(w, h) + 3, 1 + 2*rng.IntN(20), 2 + 2*rng.IntN(20)}
		for _, window := range windows {
			k := ks[rng.IntN(len(ks))]
			if rng.IntN(3) == 0 {
				k = rng.Float64()*4 - 2
			}
			for _, p := range doxaFastPairs {
				got, want := NewLevelMap(src.Rect), NewLevelMap(src.Rect)
				for i := range got.L {
					got.L[i] = -7 // a level no path writes: every pixel must be written
				}
				p.fast(got, src, window, k)
				p.plain(want, src, window, k)
				for i := range want.L {
					if got.L[i] != want.L[i] {
						t.Fatalf("%s on %s, window %d, k %g: level %d at (%d, %d), definition %d",
							p.name, what, window, k, got.L[i], i%w, i/w, want.L[i])
					}
				}
				cases++
			}
		}
	}
	t.Logf("%d cases", cases)
}

// TestDoxaFastLargePictures: the bench's sizes of window on pictures larger than the windows, where
// almost every pixel takes the form, including a document-like page whose near-flat paper makes
// levels land close to integers.
func TestDoxaFastLargePictures(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for _, sz := range [][2]int{{301, 203}, {256, 257}} {
		for _, kind := range []string{"page", "noise", "nearflat"} {
			var src *image.Gray
			for {
				g, what := doxaFastPicture(rng, sz[0], sz[1])
				if len(what) >= len(kind) && what[:len(kind)] == kind && what[len(kind)] == ' ' {
					src = g
					break
				}
			}
			for _, window := range []int{3, 25, 74, 75, 181} {
				for _, p := range doxaFastPairs {
					k := 0.2
					if p.name == "niblack" || p.name == "nick" {
						k = -0.2
					}
					got, want := NewLevelMap(src.Rect), NewLevelMap(src.Rect)
					p.fast(got, src, window, k)
					p.plain(want, src, window, k)
					for i := range want.L {
						if got.L[i] != want.L[i] {
							t.Fatalf("%s on %s %v, window %d: level %d at %d, definition %d", p.name, kind, sz, window, got.L[i], i, want.L[i])
						}
					}
				}
			}
		}
	}
}

// TestDoxaFormBound checks the proven bound where it is used: for every window of random pictures
// (nearly flat ones too), the definition's T and the form's T̃ differ by less than ε, the distance
// from an integer that makes a level certain.
func TestDoxaFormBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	worst := 0.0
	for it := 0; it < 60; it++ {
		w, h := 20+rng.IntN(40), 20+rng.IntN(40)
		src, what := doxaFastPicture(rng, w, h)
		window := 1 + rng.IntN(25)
		k := rng.Float64()*4 - 2
		maxVar, lowest, _ := doxaWolfStats(src, window)
		maxStd, lo := math.Sqrt(maxVar), float64(lowest)
		forms := map[string]struct {
			form func(int64) *sqrtForm
			t    func(m, v float64) float64
		}{
			"sauvola": {doxaSauvolaForm(k), func(m, v float64) float64 { return doxaSauvolaT(m, v, k) }},
			"niblack": {doxaNiblackForm(k), func(m, v float64) float64 { return m + float64(k*math.Sqrt(v)) }},
			"nick":    {nickForm(k), func(m, v float64) float64 { return m + float64(k*math.Sqrt(v+float64(m*m))) }},
			"wolf": {doxaWolfForm(k, maxStd, lo), func(m, v float64) float64 {
				f := float64(k * (1 - math.Sqrt(v)/maxStd))
				return m - float64(f*(m-lo))
			}},
		}
		s := newDoxaChanSums(src, window)
		for y := 0; y < h; y++ {
			s.next()
			for x := 0; x < w; x++ {
				n := s.count(x)
				for name, c := range forms {
					f := c.form(n)
					if !f.fast {
						continue
					}
					m, v := doxaMeanVar(s.A[x], s.B[x], n)
					def, form := c.t(m, v), f.at(s.A[x], s.B[x])
					eps := 0.5 - f.half
					if d := math.Abs(def - form); d > eps || math.IsNaN(d) {
						t.Fatalf("%s on %s, window %d, k %g at (%d, %d): T %v, form %v, |Δ| %g > ε %g", name, what, window, k, x, y, def, form, d, eps)
					} else if d/eps > worst {
						worst = d / eps
					}
				}
			}
		}
	}
	t.Logf("largest |T − T̃|/ε: %.3g", worst)
}

// TestDoxaFastTakesTheForm: with the usual parameters the fast path is taken (the form is usable
// and the column sums are) rather than the definition everywhere, so the tests above test it.
func TestDoxaFastTakesTheForm(t *testing.T) {
	src, _ := doxaFastPicture(rand.New(rand.NewPCG(27, 28)), 200, 150)
	if newDoxaCols(src, 75) == nil {
		t.Fatal("no column sums for window 75")
	}
	maxVar, lowest, ok := doxaWolfStats(src, 75)
	if !ok {
		t.Fatal("doxaWolfStats refused window 75")
	}
	for name, f := range map[string]func(int64) *sqrtForm{
		"sauvola": doxaSauvolaForm(0.2), "niblack": doxaNiblackForm(-0.2), "nick": nickForm(-0.2),
		"wolf": doxaWolfForm(0.5, math.Sqrt(maxVar), float64(lowest)),
	} {
		for _, n := range []int64{1, 38 * 75, 75 * 75, 181 * 181} {
			if !f(n).fast {
				t.Errorf("%s: the form is not used for n = %d", name, n)
			}
		}
	}
}

// TestDoxaWolfStats: the largest variance doxaWolfStats finds is the definition's to the bit.
func TestDoxaWolfStats(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 30))
	for it := 0; it < 300; it++ {
		w, h := 1+rng.IntN(60), 1+rng.IntN(60)
		src, what := doxaFastPicture(rng, w, h)
		window := 1 + rng.IntN(2*max(w, h)+2)
		maxVar, lowest, ok := doxaWolfStats(src, window)
		if !ok {
			t.Fatalf("%s window %d: refused", what, window)
		}
		want, wantLow := 0x1p-1022, uint8(255)
		s := newDoxaChanSums(src, window)
		for y := 0; y < h; y++ {
			s.next()
			for x := 0; x < w; x++ {
				_, v := doxaMeanVar(s.A[x], s.B[x], s.count(x))
				want = max(want, v)
				wantLow = min(wantLow, src.Pix[y*src.Stride+x])
			}
		}
		if math.Float64bits(maxVar) != math.Float64bits(want) || lowest != wantLow {
			t.Fatalf("%s window %d: maxVar %v, lowest %d; definition %v, %d", what, window, maxVar, lowest, want, wantLow)
		}
	}
}

// Benchmark pairs: the fast path and the definition on 4 MP, window 25 (the bench's) and 75 (Doxa's
// default).
func BenchmarkDoxaFast(b *testing.B) {
	for _, p := range doxaFastPairs {
		k := 0.2
		if p.name == "niblack" || p.name == "nick" {
			k = -0.2
		}
		for _, window := range []int{25, 75} {
			b.Run(fmt.Sprintf("%s/w%d/fast", p.name, window), func(b *testing.B) {
				benchDoxa(b, func(d *LevelMap, s *image.Gray) { p.fast(d, s, window, k) })
			})
			b.Run(fmt.Sprintf("%s/w%d/plain", p.name, window), func(b *testing.B) {
				benchDoxa(b, func(d *LevelMap, s *image.Gray) { p.plain(d, s, window, k) })
			})
		}
	}
}
