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
