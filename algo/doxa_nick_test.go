package algo

import (
	"image"
	"testing"
)

func init() {
	doxaMethods["nick"] = func(dst *LevelMap, src *image.Gray, p doxaParams) {
		Nick(dst, src, int(p.get("window", 75)), p.get("k", -0.2))
	}
}

func TestNickLab(t *testing.T) {
	runDoxaLab(t, "nick")
}

func BenchmarkNick(b *testing.B) {
	benchDoxa(b, func(d *LevelMap, s *image.Gray) { Nick(d, s, 75, -0.2) })
}
