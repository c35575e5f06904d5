package algo

import (
	"image"
	"math/rand/v2"
	"testing"
)

// TestApplyLevelMapFast holds the level-map writer (binaryRowFast for binary and binary-inv) to the
// plain rule, applyLevelRow, for every type, widths around the eight-pixel step, extreme levels and
// values, and a sub-image.
func TestApplyLevelMapFast(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	checked := 0
	for _, w := range []int{1, 7, 8, 9, 15, 16, 17, 64, 101} {
		h := 3
		big := image.NewGray(image.Rect(0, 0, w+5, h+2))
		for i := range big.Pix {
			switch rng.IntN(4) {
			case 0:
				big.Pix[i] = 0
			case 1:
				big.Pix[i] = 255
			default:
				big.Pix[i] = uint8(rng.IntN(256))
			}
		}
		g := big.SubImage(image.Rect(3, 1, 3+w, 1+h)).(*image.Gray)
		lm := NewLevelMap(g.Rect)
		for i := range lm.L {
			switch rng.IntN(4) {
			case 0:
				lm.L[i] = -1
			case 1:
				lm.L[i] = 255
			default:
				lm.L[i] = int16(rng.IntN(257) - 1)
			}
		}
		for typ := Binary; typ <= ToZeroInv; typ++ {
			for _, maxval := range []uint8{255, 200, 0} {
				got := make([]byte, 4*w*h)
				applyLevelMap(got, g, lm, typ, maxval)
				fgWord := uint32(maxval)*0x010101 | 0xff000000
				want := make([]byte, 4*w*h)
				for y := 0; y < h; y++ {
					applyLevelRow(want[4*w*y:4*w*(y+1)], g.Pix[y*g.Stride:y*g.Stride+w], lm.L[y*lm.Stride:y*lm.Stride+w], typ, fgWord)
				}
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("w=%d %v maxval %d: byte %d = %d, want %d", w, typ, maxval, i, got[i], want[i])
					}
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("checked nothing")
	}
}

func benchApply(b *testing.B, fast bool) {
	g := bench4MP()
	lm := NewLevelMap(g.Rect)
	Sauvola(lm, g, 25, 0.2, 127.5)
	dst := make([]byte, 4*len(g.Pix))
	w := g.Rect.Dx()
	b.ReportAllocs()
	b.SetBytes(int64(len(g.Pix)))
	for b.Loop() {
		if fast {
			applyLevelMap(dst, g, lm, Binary, 255)
			continue
		}
		for y := 0; y < g.Rect.Dy(); y++ {
			applyLevelRow(dst[4*w*y:4*w*(y+1)], g.Pix[y*g.Stride:y*g.Stride+w], lm.L[y*lm.Stride:y*lm.Stride+w], Binary, 0xffffffff)
		}
	}
}

// The binary level-map writer against the plain rule (4 MP).
func BenchmarkApplyLevelMapFast(b *testing.B)  { benchApply(b, true) }
func BenchmarkApplyLevelMapPlain(b *testing.B) { benchApply(b, false) }
