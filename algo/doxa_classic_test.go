package algo

import (
	"image"
	"testing"
)

func TestDoxaNiblackLab(t *testing.T) {
	runDoxaLab(t, "niblack")
}

func TestDoxaSauvolaLab(t *testing.T) {
	runDoxaLab(t, "sauvola")
}

func TestDoxaWolfLab(t *testing.T) {
	runDoxaLab(t, "wolf")
}

func TestDoxaBernsenLab(t *testing.T) {
	runDoxaLab(t, "bernsen")
}

func BenchmarkDoxaNiblack(b *testing.B) {
	benchDoxa(b, func(d *LevelMap, s *image.Gray) { DoxaNiblack(d, s, 75, 0.2) })
}

func BenchmarkDoxaSauvola(b *testing.B) {
	benchDoxa(b, func(d *LevelMap, s *image.Gray) { DoxaSauvola(d, s, 75, 0.2) })
}

func BenchmarkDoxaWolf(b *testing.B) {
	benchDoxa(b, func(d *LevelMap, s *image.Gray) { DoxaWolf(d, s, 75, 0.2) })
}

func BenchmarkDoxaBernsen(b *testing.B) {
	benchDoxa(b, func(d *LevelMap, s *image.Gray) { DoxaBernsen(d, s, 75, 100, 25) })
}
