package algo

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

// TestTriangleOracle: OpenCV's THRESH_TRIANGLE level on every public oracle image (expected.json
// opencv.triangle), from the image's histogram, tolerance 0. Among them: camera (43, where
// scikit-image gives 42), constant (99, where ImageJ gives 98) and two_level.
func TestTriangleOracle(t *testing.T) {
	for fn, img := range loadExpected(t) {
		want, ok := img.Levels.OpenCV["triangle"]
		if !ok {
			t.Fatalf("%s: no opencv.triangle", fn)
		}
		stem := fn[:len(fn)-len(".png")]
		h := HistogramOf(oracleGray(t, stem), nil)
		if got := Triangle(&h); got != want {
			t.Errorf("%s: Triangle = %d, want %d", stem, got, want)
		}
	}
}

// histGolden is one histogram of testdata/opencv/histograms.json with OpenCV's triangle level and
// scikit-image's multi-Otsu levels for 2…5 classes (null where it raises ValueError).
type histGolden struct {
	Hist      Histogram
	Triangle  int
	MultiOtsu map[string][]int
}

func loadHistGoldens(t testing.TB) []histGolden {
	var g []histGolden
	cvGolden(t, "histograms.json", &g)
	if len(g) < 100 {
		t.Fatalf("only %d histograms", len(g))
	}
	return g
}

// TestTriangleGoldens: random and degenerate histograms (constant 0, 1 and 255, top-end bins that
// make OpenCV return 256, …), tolerance 0.
func TestTriangleGoldens(t *testing.T) {
	for i, g := range loadHistGoldens(t) {
		if got := Triangle(&g.Hist); got != g.Triangle {
			t.Errorf("histogram %d: Triangle = %d, want %d", i, got, g.Triangle)
		}
	}
}

// TestTriangleDegenerate pins the corner cases OpenCV's code gives (derived by hand from its loop,
// and confirmed by the goldens): a constant v gives v−1, 0 gives 1 and 1 gives −1; empty gives 0.
func TestTriangleDegenerate(t *testing.T) {
	for _, c := range []struct {
		bins map[int]int
		want int
	}{
		{map[int]int{}, 0},
		{map[int]int{0: 9}, 1},
		{map[int]int{1: 9}, -1},
		{map[int]int{2: 9}, 1},
		{map[int]int{100: 9}, 99},
		{map[int]int{255: 9}, 254},
		{map[int]int{253: 10, 254: 5, 255: 10}, 256},
		{map[int]int{0: 7, 255: 7}, 2},
	} {
		var h Histogram
		for v, n := range c.bins {
			h[v] = n
		}
		if got := Triangle(&h); got != c.want {
			t.Errorf("%v: Triangle = %d, want %d", c.bins, got, c.want)
		}
	}
}

// TestTriangleCriterion: the level is where the criterion peaks, and the criterion is NaN outside
// the levels the method scans.
func TestTriangleCriterion(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 500; i++ {
		h := randHistogram(rng)
		level := Triangle(&h)
		c := TriangleCriterion(&h, nil)
		if len(c) != 256 {
			t.Fatalf("len %d", len(c))
		}
		best, n := math.Inf(-1), 0
		for _, v := range c {
			if !math.IsNaN(v) {
				n++
				best = math.Max(best, v)
			}
		}
		if n == 0 {
			continue
		}
		if level < 0 || level > 255 || math.IsNaN(c[level]) {
			if best > 1e-9 {
				t.Fatalf("histogram %d: level %d outside the criterion, whose max is %g", i, level, best)
			}
			continue
		}
		if c[level] < best-1e-9*math.Abs(best) {
			t.Fatalf("histogram %d: criterion at level %d is %g, max %g", i, level, c[level], best)
		}
	}
}

// randHistogram draws a histogram of one of several shapes (sparse, peaked, flat, bimodal).
func randHistogram(rng *rand.Rand) Histogram {
	var h Histogram
	switch rng.IntN(5) {
	case 0:
		for n := 1 + rng.IntN(8); n > 0; n-- {
			h[rng.IntN(256)] += 1 + rng.IntN(1000)
		}
	case 1:
		for n := 0; n < 4000; n++ {
			v := int(rng.NormFloat64()*20 + 60)
			if n%3 == 0 {
				v = int(rng.NormFloat64()*15 + 180)
			}
			h[min(max(v, 0), 255)]++
		}
	case 2:
		p := rng.IntN(256)
		for n := 0; n < 3000; n++ {
			v := p + int(rng.NormFloat64()*2)
			if n%10 == 0 {
				v = rng.IntN(256)
			}
			h[min(max(v, 0), 255)]++
		}
	case 3:
		lo := rng.IntN(250)
		hi := lo + 1 + rng.IntN(255-lo)
		for v := lo; v <= hi; v++ {
			h[v] = rng.IntN(50)
		}
	default:
		for n := 2 + rng.IntN(40); n > 0; n-- {
			h[rng.IntN(256)] += 1 + rng.IntN(3)
		}
	}
	return h
}

// TestTriangleCV2 compares with cv2 on fresh random histograms (opt-in, LIMEN_CV2=1).
func TestTriangleCV2(t *testing.T) {
	s := cvStart(t)
	rng := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 3000; i++ {
		h := randHistogram(rng)
		if h.Total() == 0 {
			continue
		}
		var resp struct{ Level int }
		s.ask(t, map[string]any{"op": "triangle", "hist": h[:]}, &resp)
		if got := Triangle(&h); got != resp.Level {
			b, _ := json.Marshal(h)
			t.Errorf("case %d: Triangle = %d, cv2 %d; histogram %s", i, got, resp.Level, b)
		}
	}
}

// FuzzTriangle: any histogram gives a level in −1…256 (OpenCV's own range) and no NaN criterion
// at that level, without panicking.
func FuzzTriangle(f *testing.F) {
	f.Add([]byte{0, 5}, uint16(3))
	f.Add([]byte{1, 9, 255, 1}, uint16(100))
	f.Add([]byte{253, 10, 254, 5, 255, 10}, uint16(1))
	f.Fuzz(func(t *testing.T, b []byte, scale uint16) {
		var h Histogram
		for i := 0; i+1 < len(b); i += 2 {
			h[b[i]] += int(b[i+1]) * (int(scale) + 1)
		}
		level := Triangle(&h)
		if level < -1 || level > 256 {
			t.Fatalf("level %d out of range", level)
		}
		c := TriangleCriterion(&h, nil)
		for _, v := range c {
			if math.IsInf(v, 0) {
				t.Fatalf("infinite criterion")
			}
		}
	})
}
