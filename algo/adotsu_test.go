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
