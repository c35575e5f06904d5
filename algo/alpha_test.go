package algo

import (
	"math"
	"testing"
)

// Composite against its definition in floating point, for every colour, alpha and background
// level; HasAlpha on opaque and barely transparent pictures.
func TestComposite(t *testing.T) {
	for bg := 0; bg < 256; bg += 15 {
		for a := 0; a < 256; a++ {
			pix := make([]byte, 0, 4*256)
			for c := 0; c < 256; c++ {
				pix = append(pix, byte(c), byte(255-c), byte(c/2), byte(a))
			}
			Composite(pix, byte(bg))
			for c := 0; c < 256; c++ {
				for k, v := range []int{c, 255 - c, c / 2} {
					want := math.Round((float64(v)*float64(a) + float64(bg)*float64(255-a)) / 255)
					if got := pix[4*c+k]; float64(got) != want {
						t.Fatalf("bg %d, alpha %d, colour %d: %d, want %v", bg, a, v, got, want)
					}
				}
				if pix[4*c+3] != 255 {
					t.Fatalf("alpha %d stays %d", a, pix[4*c+3])
				}
			}
		}
	}
}

func TestHasAlpha(t *testing.T) {
	pix := make([]byte, 4*1000)
	for i := range pix {
		pix[i] = 255
	}
	if HasAlpha(pix) {
		t.Error("an opaque picture has alpha")
	}
	pix[4*999+3] = 254
	if !HasAlpha(pix) {
		t.Error("the last pixel's alpha 254 is not seen")
	}
	if HasAlpha(nil) {
		t.Error("no pixels, no alpha")
	}
}
