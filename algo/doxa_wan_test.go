package algo

import (
	"image"
	"testing"
)

func init() {
	doxaMethods["wan"] = func(dst *LevelMap, src *image.Gray, p doxaParams) {
		Wan(dst, src, int(p.get("window", 75)), p.get("k", 0.2))
	}
}

func TestWanLab(t *testing.T) {
	runDoxaLab(t, "wan")
}

func BenchmarkWan(b *testing.B) {
	benchDoxa(b, func(d *LevelMap, s *image.Gray) { Wan(d, s, 75, 0.2) })
}
