package algo

import (
	"image"
	"strings"
	"testing"
)

// doxabParam returns parameter name of a reference (JSON numbers), or def when it is absent.
func doxabParam(p map[string]any, name string, def float64) float64 {
	if v, ok := p[name]; ok {
		return v.(float64)
	}
	return def
}

// doxabAdOtsuArgs returns AdOtsu's arguments for Doxa's parameters, with Doxa's defaults.
func doxabAdOtsuArgs(p map[string]any) (window int, k, r float64, distance int) {
	window = int(doxabParam(p, "window", adotsuWindow))
	k = doxabParam(p, "k", adotsuK)
	r = doxabParam(p, "R", adotsuR)
	distance = int(doxabParam(p, "distance", -1))
	return
}

// doxabOracle runs fn on every page's references whose name starts with prefix (and does not
// start with any of not), and fails unless Doxa's picture comes out exactly. It returns how many
// references it checked.
func doxabOracle(t *testing.T, prefix string, not []string, fn func(dst *LevelMap, src *image.Gray, p map[string]any)) int {
	pages := doxabPages(t)
	checked := 0
	for _, stem := range doxabStems(pages) {
		p := pages[stem]
		var g *image.Gray
	outputs:
		for name, params := range p.Outputs {
			if !strings.HasPrefix(name, prefix) {
				continue
			}
			for _, n := range not {
				if strings.HasPrefix(name, n) {
					continue outputs
				}
			}
			if g == nil {
				g = doxabGray(t, stem, p)
			}
			lm := NewLevelMap(g.Rect)
			fn(lm, g, params)
			if bad, first := doxabDiff(lm, g, doxabRef(t, stem, name)); bad != 0 {
				t.Errorf("%s %s: %d pixels differ, %s", stem, name, bad, first)
			}
			checked++
		}
	}
	return checked
}

func TestAdOtsuOracle(t *testing.T) {
	n := doxabOracle(t, "doxa_adotsu", []string{"doxa_adotsu-ms"}, func(dst *LevelMap, src *image.Gray, p map[string]any) {
		window, k, r, distance := doxabAdOtsuArgs(p)
		AdOtsu(dst, src, window, k, r, distance)
	})
	// 9 pages of the oracle are large enough for Doxa's windows, 3 parameter sets each.
	if n < 27 {
		t.Fatalf("checked %d references, want 27", n)
	}
}

func TestAdOtsuMSOracle(t *testing.T) {
	n := doxabOracle(t, "doxa_adotsu-ms", nil, func(dst *LevelMap, src *image.Gray, p map[string]any) {
		window, k, r, distance := doxabAdOtsuArgs(p)
		AdOtsuMS(dst, src, window, k, r, distance)
	})
	// 9 pages, 2 parameter sets each.
	if n < 18 {
		t.Fatalf("checked %d references, want 18", n)
	}
}

func BenchmarkAdOtsu(b *testing.B) {
	g := doxabBenchPicture()
	lm := NewLevelMap(g.Rect)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		AdOtsu(lm, g, adotsuWindow, adotsuK, adotsuR, -1)
	}
}

func BenchmarkAdOtsuPerPixel(b *testing.B) {
	g := doxabBenchPicture()
	lm := NewLevelMap(g.Rect)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		AdOtsu(lm, g, adotsuWindow, adotsuK, adotsuR, 0)
	}
}

func BenchmarkAdOtsuMS(b *testing.B) {
	g := doxabBenchPicture()
	lm := NewLevelMap(g.Rect)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		AdOtsuMS(lm, g, adotsuMSWindow, adotsuMSK, adotsuMSR, -1)
	}
}

// doxabNoise returns a w × h picture of values drawn from vals by a fixed sequence.
func doxabNoise(w, h int, vals ...uint8) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	seed := uint32(w*7919 + h*104729 + 1)
	for i := range g.Pix {
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		g.Pix[i] = vals[seed%uint32(len(vals))]
	}
	return g
}

func doxabLevelsOf(r image.Rectangle, fn func(dst *LevelMap)) *LevelMap {
	lm := NewLevelMap(r)
	fn(lm)
	return lm
}

func doxabSameLevels(t *testing.T, what string, a, b *LevelMap) {
	t.Helper()
	for i := range a.L {
		if a.L[i] != b.L[i] {
			t.Errorf("%s: level %d at %d, want %d", what, a.L[i], i, b.L[i])
			return
		}
	}
}

// TestAdOtsuEdges checks the cases Doxa leaves undefined, by what limen defines there.
func TestAdOtsuEdges(t *testing.T) {
	g := doxabNoise(23, 17, 50, 200)
	run := func(window int, k, r float64, distance int) *LevelMap {
		return doxabLevelsOf(g.Rect, func(dst *LevelMap) { AdOtsu(dst, g, window, k, r, distance) })
	}
	// Every window holds both values, so every local Otsu level is 50. On the grid, k = 100 makes
	// the node byte 0.5 + 5000: it saturates at 255 (Doxa: undefined), so every pixel is black
	// (level 255) once R lets the step through; k = −1 saturates at 0: black where v ≤ 0, none.
	for _, c := range []struct {
		k    float64
		want int16
	}{{100, 255}, {-1, 0}, {1, 50}} {
		lm := run(9, c.k, 1e9, 4)
		for i, l := range lm.L {
			if l != c.want {
				t.Fatalf("grid, k %v: level %d at %d, want %d", c.k, l, i, c.want)
			}
		}
	}
	// Per pixel, k·level is the level itself, clamped to −1..255.
	for _, c := range []struct {
		k    float64
		want int16
	}{{100, 255}, {-1, -1}, {0.5, 25}} {
		lm := run(9, c.k, 1e9, 0)
		for i, l := range lm.L {
			if l != c.want {
				t.Fatalf("per pixel, k %v: level %d at %d, want %d", c.k, l, i, c.want)
			}
		}
	}
	// The unit step: |G − T|/R ≥ 255 gives white (−1); NaN (R = 0 with T = G) too.
	hist := HistogramOf(g, nil)
	if G := DoxaOtsu(&hist); G != 50 {
		t.Fatalf("global level %d, want 50", G)
	}
	for _, d := range []int{0, 4} {
		for i, l := range run(9, 0.5, 0.05, d).L { // |50 − 25|/0.05 = 500
			if l != -1 {
				t.Fatalf("distance %d, step: level %d at %d, want -1", d, l, i)
			}
		}
		for i, l := range run(9, 1, 0, d).L { // 0/0
			if l != -1 {
				t.Fatalf("distance %d, R 0: level %d at %d, want -1", d, l, i)
			}
		}
	}
	// window < 1 is 1; a negative distance is window/2; any distance ≥ the longer side gives the
	// same grid (nodes at 0 and the last pixel only), without overflow.
	c := doxabNoise(31, 9, 0, 40, 90, 200, 255)
	runC := func(window, distance int) *LevelMap {
		return doxabLevelsOf(c.Rect, func(dst *LevelMap) { AdOtsu(dst, c, window, 0.9, 0.5, distance) })
	}
	doxabSameLevels(t, "window 0", runC(0, 0), runC(1, 0))
	doxabSameLevels(t, "window -7", runC(-7, 3), runC(1, 3))
	doxabSameLevels(t, "distance -1", runC(15, -1), runC(15, 7))
	doxabSameLevels(t, "distance MaxInt", runC(15, int(^uint(0)>>1)), runC(15, 31))
	doxabSameLevels(t, "distance 1000", runC(15, 1000), runC(15, 30))
	// No panic and a level for every pixel on the smallest pictures, whatever the window.
	for _, size := range [][2]int{{1, 1}, {1, 9}, {9, 1}, {2, 2}} {
		p := doxabNoise(size[0], size[1], 10, 20, 30)
		for _, window := range []int{1, 2, 75, 1001} {
			for _, d := range []int{0, 2, 5, -1} {
				AdOtsu(NewLevelMap(p.Rect), p, window, 1, 0.1, d)
				AdOtsuMS(NewLevelMap(p.Rect), p, window, 1, 0.1, d)
			}
		}
	}
	AdOtsu(NewLevelMap(image.Rectangle{}), image.NewGray(image.Rectangle{}), 75, 1, 0.1, -1)
	AdOtsuMS(NewLevelMap(image.Rectangle{}), image.NewGray(image.Rectangle{}), 75, 1, 0.1, -1)
}

// TestAdOtsuMSLevels: the picture comes as levels 255 (Doxa's black) and −1 only.
func TestAdOtsuMSLevels(t *testing.T) {
	g := doxabNoise(40, 30, 30, 100, 180, 220)
	lm := doxabLevelsOf(g.Rect, func(dst *LevelMap) { AdOtsuMS(dst, g, 40, 1, 0.5, -1) })
	black := 0
	for _, l := range lm.L {
		switch l {
		case 255:
			black++
		case -1:
		default:
			t.Fatalf("level %d, want 255 or -1", l)
		}
	}
	if black == 0 || black == len(lm.L) {
		t.Fatalf("%d black of %d: the test picture should give both", black, len(lm.L))
	}
}

// TestErodeBlack compares the running-count erosion with the window minimum taken pixel by pixel
// over Doxa's clipped squares: side 2·⌊s/2⌋ + 1 below 17, 2·⌊(s − 1)/2⌋ + 1 from 17 on.
func TestErodeBlack(t *testing.T) {
	seed := uint32(99)
	for _, size := range [][2]int{{1, 1}, {1, 13}, {13, 1}, {7, 5}, {40, 33}} {
		w, h := size[0], size[1]
		src := make([]bool, w*h)
		for i := range src {
			seed ^= seed << 13
			seed ^= seed >> 17
			seed ^= seed << 5
			src[i] = seed%23 == 0
		}
		dst, tmp, counts := make([]bool, w*h), make([]bool, w*h), make([]int, w)
		for side := 0; side <= 44; side++ {
			erodeBlack(dst, src, tmp, counts, w, h, side)
			rad := side / 2
			if side >= 17 {
				rad = (side - 1) / 2
			}
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					want := false
					for yy := max(0, y-rad); yy <= min(h-1, y+rad); yy++ {
						for xx := max(0, x-rad); xx <= min(w-1, x+rad); xx++ {
							want = want || src[yy*w+xx]
						}
					}
					if dst[y*w+x] != want {
						t.Fatalf("%dx%d side %d at (%d,%d): %v, want %v", w, h, side, x, y, dst[y*w+x], want)
					}
				}
			}
		}
	}
}
