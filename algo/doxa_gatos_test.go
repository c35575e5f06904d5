package algo

import (
	"image"
	"testing"
)

func init() {
	doxaMethods["gatos"] = func(dst *LevelMap, src *image.Gray, p doxaParams) {
		Gatos(dst, src, int(p.get("glyph", 60)), int(p.get("window", 75)), p.get("k", 0.2))
	}
}

func TestGatosLab(t *testing.T) {
	runDoxaLab(t, "gatos")
}

func BenchmarkGatos(b *testing.B) {
	benchDoxa(b, func(d *LevelMap, s *image.Gray) { Gatos(d, s, 60, 75, 0.2) })
}
