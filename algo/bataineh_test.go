package algo

import (
	"image"
	"testing"
)

func TestBatainehOracle(t *testing.T) {
	n := doxabOracle(t, "doxa_bataineh", nil, func(dst *LevelMap, src *image.Gray, _ map[string]any) {
		Bataineh(dst, src)
	})
	// The 9 pages of at least 40 × 30 pixels.
	if n < 9 {
		t.Fatalf("checked %d references, want 9", n)
	}
}

func BenchmarkBataineh(b *testing.B) {
	g := doxabBenchPicture()
	lm := NewLevelMap(g.Rect)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Bataineh(lm, g)
	}
}

// TestBatainehSmall: where Doxa never returns (a primary window side of 0), limen gives the global
// rule, ⌊T_c⌋ everywhere; it never hangs, whatever the size.
func TestBatainehSmall(t *testing.T) {
	fallback := 0
	for _, size := range [][2]int{{1, 1}, {1, 30}, {30, 1}, {5, 3}, {39, 29}, {20, 60}, {45, 25}} {
		w, h := size[0], size[1]
		for _, vals := range [][]uint8{{0}, {200}, {10, 240}, {30, 120, 130, 250}} {
			g := doxabNoise(w, h, vals...)
			lm := doxabLevelsOf(g.Rect, func(dst *LevelMap) { Bataineh(dst, g) })
			gl := batainehSetup(g)
			if gl.ww != 0 && gl.wh != 0 {
				continue
			}
			fallback++
			want := floorLevelNaNLow(gl.conf)
			for i, l := range lm.L {
				if l != want {
					t.Fatalf("%dx%d %v: level %d at %d, want the global rule's %d", w, h, vals, l, i, want)
				}
			}
		}
	}
	// A 1×1 picture: σ = 0, so T_c = v (v > 0: black), and 0/0 for v = 0 (white).
	for _, c := range []struct {
		v    uint8
		want int16
	}{{200, 200}, {0, -1}} {
		g := doxabNoise(1, 1, c.v)
		lm := doxabLevelsOf(g.Rect, func(dst *LevelMap) { Bataineh(dst, g) })
		if lm.L[0] != c.want {
			t.Errorf("1x1 of %d: level %d, want %d", c.v, lm.L[0], c.want)
		}
	}
	if fallback < 10 {
		t.Fatalf("only %d pictures took the global rule", fallback)
	}
	Bataineh(NewLevelMap(image.Rectangle{}), image.NewGray(image.Rectangle{}))
}
