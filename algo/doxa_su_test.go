package algo

import (
	"image"
	"testing"
)

func init() {
	doxaMethods["su"] = func(dst *LevelMap, src *image.Gray, p doxaParams) {
		window := int(p.get("window", 0))
		Su(dst, src, window, int(p.get("minN", float64(window))))
	}
}

func TestSuLab(t *testing.T) {
	runDoxaLab(t, "su")
}

func BenchmarkSu(b *testing.B) {
	benchDoxa(b, func(d *LevelMap, s *image.Gray) { Su(d, s, 0, 0) })
}
