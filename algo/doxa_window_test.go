package algo

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"
)

// doxaTestGray is a random picture of w×h inside a larger one (a sub-image: Stride ≠ width and
// Rect.Min ≠ 0), with values in lo … hi.
func doxaTestGray(rng *rand.Rand, w, h, lo, hi int) *image.Gray {
	big := image.NewGray(image.Rect(0, 0, w+5, h+3))
	for i := range big.Pix {
		big.Pix[i] = uint8(lo + rng.IntN(hi-lo+1))
	}
	return big.SubImage(image.Rect(3, 2, 3+w, 2+h)).(*image.Gray)
}

// TestDoxaSums compares the running sums with a direct count over every clipped window, plain and
// masked, for windows from empty to far larger than the picture.
func TestDoxaSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for iter := 0; iter < 300; iter++ {
		w, h := 1+rng.IntN(13), 1+rng.IntN(13)
		src := doxaTestGray(rng, w, h, 0, 255)
		before, after := rng.IntN(18)-1, rng.IntN(18)
		if before < 0 {
			after = 0 // the empty window (Doxa's window 0)
		}
		var mask []uint8
		if iter%2 == 1 {
			mask = make([]uint8, w*h)
			for i := range mask {
				mask[i] = uint8(rng.IntN(2) * (1 + rng.IntN(255)))
			}
		}
		s := newDoxaSums(src, mask, before, after)
		for y := 0; y < h; y++ {
			s.next()
			for x := 0; x < w; x++ {
				var a, b, n int64
				for yy := max(0, y-before); yy <= min(h-1, y+after); yy++ {
					for xx := max(0, x-before); xx <= min(w-1, x+after); xx++ {
						v := int64(src.Pix[yy*src.Stride+xx])
						n++
						switch {
						case mask == nil:
							a += v
							b += v * v
						case mask[yy*w+xx] != 0:
							a += v
							b++
						}
					}
				}
				if s.A[x] != a || s.B[x] != b || (mask == nil && s.count(x) != n) {
					t.Fatalf("%dx%d before %d after %d mask %v at (%d,%d): got %d %d %d, want %d %d %d",
						w, h, before, after, mask != nil, x, y, s.A[x], s.B[x], s.count(x), a, b, n)
				}
				checked++
			}
		}
	}
	t.Logf("%d windows checked", checked)
}

// TestDoxaMaxFilter compares the min and max filters with a scan of every clipped window, for
// half sides from 0 to far larger than the picture.
func TestDoxaMaxFilter(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := 0; iter < 400; iter++ {
		w, h := 1+rng.IntN(20), 1+rng.IntN(20)
		src := doxaTestGray(rng, w, h, rng.IntN(100), 155+rng.IntN(101))
		half := rng.IntN(25)
		for _, invert := range []bool{false, true} {
			got := make([]uint8, w*h)
			doxaMaxFilter(got, src, half, invert)
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					want := 0
					if invert {
						want = 255
					}
					for yy := max(0, y-half); yy <= min(h-1, y+half); yy++ {
						for xx := max(0, x-half); xx <= min(w-1, x+half); xx++ {
							v := int(src.Pix[yy*src.Stride+xx])
							if invert {
								want = min(want, v)
							} else {
								want = max(want, v)
							}
						}
					}
					if int(got[y*w+x]) != want {
						t.Fatalf("%dx%d half %d invert %v at (%d,%d): got %d want %d", w, h, half, invert, x, y, got[y*w+x], want)
					}
				}
			}
		}
	}
}

func TestDoxaLevel(t *testing.T) {
	for _, c := range []struct {
		t    float64
		want int16
	}{{-1e300, -1}, {-1.5, -1}, {-1, -1}, {-0.5, -1}, {0, 0}, {0.999, 0}, {127.5, 127}, {254.99, 254},
		{255, 255}, {1e300, 255}, {math.Inf(1), 255}, {math.Inf(-1), -1}, {math.NaN(), -1}} {
		if got := doxaLevel(c.t); got != c.want {
			t.Errorf("doxaLevel(%v) = %d, want %d", c.t, got, c.want)
		}
	}
}

// TestDoxaOtsuLevel checks Doxa's Otsu on histograms whose level is known: two values split at
// the lower one; a single value, or none, leaves no split and Doxa's 0; three equal spikes at 0,
// 100, 200 split after 0 (the first of two equal maxima wins).
func TestDoxaOtsuLevel(t *testing.T) {
	var two, one, none, three Histogram
	two[40], two[200] = 10, 30
	one[77] = 5
	three[0], three[100], three[200] = 1, 1, 1
	for _, c := range []struct {
		name string
		h    *Histogram
		want uint8
	}{{"two", &two, 40}, {"one", &one, 0}, {"none", &none, 0}, {"three", &three, 0}} {
		if got := uint8(DoxaOtsu(c.h)); got != c.want {
			t.Errorf("%s: level %d, want %d", c.name, got, c.want)
		}
	}
}
