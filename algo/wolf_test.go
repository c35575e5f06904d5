package algo

import (
	"image"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// bruteWindow returns the exact sum and sum of squares of the window × window square around
// (x, y), each position mapped into the image by BORDER_REFLECT_101.
func bruteWindow(src *image.Gray, window, x, y int) (s, s2 int64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	r := window / 2
	for dy := -r; dy <= r; dy++ {
		yy := borderIndex(y+dy, h, borderReflect101)
		for dx := -r; dx <= r; dx++ {
			v := int64(src.Pix[yy*src.Stride+borderIndex(x+dx, w, borderReflect101)])
			s += v
			s2 += v * v
		}
	}
	return s, s2
}

// bruteWolf is Wolf's definition evaluated pixel by pixel with a fresh scan of every window.
func bruteWolf(src *image.Gray, window int, k float64) []int {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	n := int64(window * window)
	nn := float64(n * n)
	lowest := 255
	var sigma, mean []float64
	bigR := 0.0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			lowest = min(lowest, int(src.Pix[y*src.Stride+x]))
			s, s2 := bruteWindow(src, window, x, y)
			sd := math.Sqrt(float64(n*s2-s*s) / nn)
			bigR = max(bigR, sd)
			sigma = append(sigma, sd)
			mean = append(mean, float64(s)/float64(n))
		}
	}
	var out []int
	for i, m := range mean {
		ratio := 0.0
		if bigR > 0 {
			ratio = sigma[i] / bigR
		}
		t := m + float64(float64(k*(ratio-1))*(m-float64(lowest)))
		// v ≥ T is foreground: the level is the largest v below T.
		l := -1
		for v := 0; v < 256; v++ {
			if float64(v) < t {
				l = v
			}
		}
		out = append(out, l)
	}
	return out
}

func TestWolfBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for iter := 0; iter < 80; iter++ {
		w, h := 1+r.IntN(30), 1+r.IntN(25)
		window := 1 + 2*r.IntN(12)
		k := r.Float64() * 1.5
		src := randomGray(r, w, h, fijiStyles[iter%len(fijiStyles)])
		got := levelsOf(src, func(d *LevelMap, s *image.Gray) { Wolf(d, s, window, k) })
		if want := bruteWolf(src, window, k); !slices.Equal(got, want) {
			t.Fatalf("%d×%d window %d k=%g:\n got %v\nwant %v", w, h, window, k, got, want)
		}
	}
}

func TestWolfByHand(t *testing.T) {
	// One row 0 0 90 at a non-zero origin, window 3. Reflect-101 repeats the only row, and mirrors
	// the columns: pixel 0 sees 0 0 0 (m = 0, σ = 0), pixels 1 and 2 see 0 0 90 (m = 30,
	// σ = √1800 = R). M = 0. Pixel 0: T = 0, so even v = 0 is foreground (level −1); pixels 1 and
	// 2: T = m + k·(1 − 1)·(m − M) = 30, foreground v ≥ 30 (level 29).
	src := grayRows(image.Rect(4, -2, 7, -1), []uint8{0, 0, 90})
	if got, want := levelsOf(src, func(d *LevelMap, s *image.Gray) { Wolf(d, s, 3, 0.5) }), []int{-1, 29, 29}; !slices.Equal(got, want) {
		t.Errorf("levels %v, want %v", got, want)
	}
	// k = 0 gives the local mean itself: v ≥ m.
	if got, want := levelsOf(src, func(d *LevelMap, s *image.Gray) { Wolf(d, s, 3, 0) }), []int{-1, 29, 29}; !slices.Equal(got, want) {
		t.Errorf("k=0: levels %v, want %v", got, want)
	}
	// A constant image (R = 0): T = m = v, every pixel foreground.
	c := grayRows(image.Rect(0, 0, 2, 2), []uint8{60, 60}, []uint8{60, 60})
	if got, want := levelsOf(c, func(d *LevelMap, s *image.Gray) { Wolf(d, s, 41, 0.5) }), []int{59, 59, 59, 59}; !slices.Equal(got, want) {
		t.Errorf("constant: levels %v, want %v", got, want)
	}
	// Empty: nothing to do.
	Wolf(NewLevelMap(image.Rectangle{}), image.NewGray(image.Rectangle{}), 3, 0.5)
}

func TestCeilLevel(t *testing.T) {
	for _, tc := range []struct {
		t    float64
		want int16
	}{{-5, -1}, {-1, -1}, {-0.5, -1}, {0, -1}, {0.2, 0}, {1, 0}, {254.5, 254}, {255, 254}, {255.1, 255}, {1e9, 255}, {math.NaN(), 255}} {
		if got := ceilLevel(tc.t); got != tc.want {
			t.Errorf("ceilLevel(%g) = %d, want %d", tc.t, got, tc.want)
		}
	}
}

func BenchmarkWolf(b *testing.B) {
	src := benchGray(2048, 2048)
	dst := NewLevelMap(src.Rect)
	b.ReportAllocs()
	for b.Loop() {
		Wolf(dst, src, 41, 0.5)
	}
}
