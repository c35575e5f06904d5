package algo

import (
	"image"
	"testing"
)

func init() {
	doxaMethods["isauvola"] = func(dst *LevelMap, src *image.Gray, p doxaParams) {
		ISauvola(dst, src, int(p.get("window", 75)), p.get("k", 0.2))
	}
}

func TestISauvolaLab(t *testing.T) {
	runDoxaLab(t, "isauvola")
}

func BenchmarkISauvola(b *testing.B) {
	benchDoxa(b, func(d *LevelMap, s *image.Gray) { ISauvola(d, s, 75, 0.2) })
}

// TestISauvolaFillQuirk: a picture where Doxa's flood fill quirk shows. Sauvola (window 4,
// k −0.1) makes (1, 0) black, but its only black neighbour is (0, 1), the pixel from which Doxa
// does not look at the row above: Doxa leaves (1, 0) white. want is doxaref's picture
// (`doxaref bin isauvola q.png o.pgm window=4 k=-0.1`, # = black).
func TestISauvolaFillQuirk(t *testing.T) {
	pix := []uint8{
		230, 120, 255, 255, 60,
		180, 200, 230, 120, 200,
		180, 60, 180, 180, 180,
		255, 0, 230, 0, 255,
	}
	want := []string{
		"....#",
		"#..#.",
		".#.#.",
		".#.#.",
	}
	sauvola := []string{ // Doxa's Sauvola alone: (1, 0) is black there
		".#..#",
		"#..#.",
		".#.#.",
		".#.#.",
	}
	src := &image.Gray{Pix: pix, Stride: 5, Rect: image.Rect(0, 0, 5, 4)}
	for _, c := range []struct {
		name string
		run  func(*LevelMap, *image.Gray, int, float64)
		want []string
	}{{"isauvola", ISauvola, want}, {"sauvola", DoxaSauvola, sauvola}} {
		lm := NewLevelMap(src.Rect)
		c.run(lm, src, 4, -0.1)
		for y, row := range c.want {
			for x := range row {
				black := int16(pix[y*5+x]) <= lm.L[y*5+x]
				if black != (row[x] == '#') {
					t.Errorf("%s (%d,%d): black %v, Doxa's picture says %c", c.name, x, y, black, row[x])
				}
			}
		}
	}
}
