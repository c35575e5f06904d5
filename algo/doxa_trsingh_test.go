package algo

import (
	"image"
	"testing"
)

func init() {
	doxaMethods["trsingh"] = func(dst *LevelMap, src *image.Gray, p doxaParams) {
		TRSingh(dst, src, int(p.get("window", 75)), p.get("k", 0.2))
	}
}

func TestTRSinghLab(t *testing.T) {
	runDoxaLab(t, "trsingh")
}

func BenchmarkTRSingh(b *testing.B) {
	benchDoxa(b, func(d *LevelMap, s *image.Gray) { TRSingh(d, s, 75, 0.2) })
}
