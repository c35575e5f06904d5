package algo

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestMultiOtsuOracle: scikit-image's threshold_multiotsu levels for 3 and 4 classes on every
// public oracle image (expected.json skimage.multiotsu_3/4; null where it raises ValueError, or
// absent for a constant image), from the image's histogram, tolerance 0.
func TestMultiOtsuOracle(t *testing.T) {
	for fn, img := range loadExpected(t) {
		stem := fn[:len(fn)-len(".png")]
		h := HistogramOf(oracleGray(t, stem), nil)
		for _, classes := range []int{3, 4} {
			raw, ok := img.Levels.Skimage["multiotsu_"+strconv.Itoa(classes)]
			var want []int
			if ok {
				if err := json.Unmarshal(raw, &want); err != nil {
					t.Fatal(err)
				}
			}
			got, err := MultiOtsu(&h, classes)
			if want == nil {
				if err == nil {
					t.Errorf("%s, %d classes: no error; scikit-image raises", stem, classes)
				}
				continue
			}
			if err != nil || !cvEqual(got, want) {
				t.Errorf("%s, %d classes: %v (%v), want %v", stem, classes, got, err, want)
			}
		}
	}
}

// TestMultiOtsuGoldens: scikit-image on random and degenerate histograms, 2…5 classes
// (testdata/opencv/histograms.json), tolerance 0.
func TestMultiOtsuGoldens(t *testing.T) {
	for i, g := range loadHistGoldens(t) {
		for classes := 2; classes <= 5; classes++ {
			want := g.MultiOtsu[strconv.Itoa(classes)]
			got, err := MultiOtsu(&g.Hist, classes)
			if want == nil {
				if err == nil {
					t.Errorf("histogram %d, %d classes: no error; scikit-image raises", i, classes)
				}
				continue
			}
			if err != nil || !cvEqual(got, want) {
				t.Errorf("histogram %d, %d classes: %v (%v), want %v", i, classes, got, err, want)
			}
		}
	}
}

// multiOtsuBrute is scikit-image's own search (_set_thresh_indices_lut), every combination in its
// order, on limen's table: the definition the fast search must agree with.
func multiOtsuBrute(h *Histogram, classes int) []int {
	lo, hi, total := -1, 0, 0
	for v, c := range h {
		if c > 0 {
			if lo < 0 {
				lo = v
			}
			hi = v
			total += c
		}
	}
	nb := hi - lo + 1
	prob := make([]float32, nb)
	for i := range prob {
		prob[i] = float32(float64(h[lo+i]) / float64(total))
	}
	lut, _ := multiOtsuLUT(prob)
	m := classes - 1
	cur, best := make([]int, m), make([]int, m)
	var sigmaMax float32
	var rec func(start, k int)
	rec = func(start, k int) {
		if k < m {
			for idx := start; idx < nb-m+k; idx++ {
				cur[k] = idx
				rec(idx+1, k+1)
			}
			return
		}
		sigma := lut[cur[0]] + lut[(cur[m-1]+1)*nb+nb-1]
		for i := 0; i < m-1; i++ {
			sigma += lut[(cur[i]+1)*nb+cur[i+1]]
		}
		if sigma > sigmaMax {
			sigmaMax = sigma
			copy(best, cur)
		}
	}
	rec(0, 0)
	for i := range best {
		best[i] += lo
	}
	return best
}

// TestMultiOtsuSearch holds the pruned search equal to the exhaustive one on random histograms,
// sparse ones (where empty bins are skipped) and near-ties (tiny counts beside huge ones).
func TestMultiOtsuSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for i := 0; i < 240; i++ {
		h := randHistogram(rng)
		switch i % 4 {
		case 1: // narrow the range so that 5 classes stay cheap for the exhaustive search
			var n Histogram
			off := rng.IntN(200)
			for v := 0; v < 256; v++ {
				n[off+v%48] += h[v]
			}
			h = n
		case 2: // a huge bin beside single pixels: many near-equal σ
			h[rng.IntN(256)] += 1_000_000
		}
		distinct := 0
		lo, hi := 255, 0
		for v, c := range h {
			if c > 0 {
				distinct++
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		for classes := 2; classes <= 5; classes++ {
			if distinct <= classes || (classes == 5 && hi-lo > 56) || (classes == 4 && hi-lo > 120) {
				continue
			}
			got, err := MultiOtsu(&h, classes)
			want := multiOtsuBrute(&h, classes)
			if err != nil || !cvEqual(got, want) {
				b, _ := json.Marshal(h)
				t.Fatalf("case %d, %d classes: %v (%v), exhaustive %v; histogram %s", i, classes, got, err, want, b)
			}
		}
	}
}

// multiOtsuTies are histograms where float32 rounding swallows most bins: a few huge bins beside
// single pixels, flat and alternating ones. Many combinations then tie exactly.
func multiOtsuTies(width int) []Histogram {
	var hs []Histogram
	ones := func() Histogram {
		var h Histogram
		for v := 0; v < width; v++ {
			h[v] = 1
		}
		return h
	}
	h := ones()
	hs = append(hs, h)
	h[width/2] = 1 << 30
	hs = append(hs, h)
	h = ones()
	h[0], h[width-1] = 1<<30, 1<<30
	hs = append(hs, h)
	h = ones()
	h[width/3], h[2*width/3] = 1<<28, 1<<29
	hs = append(hs, h)
	h = ones()
	for v := 0; v < width; v++ {
		h[v] = 1000 + v%2
	}
	hs = append(hs, h)
	h = ones()
	for v := 0; v < width; v += 7 {
		h[v] = 1 << 20
	}
	hs = append(hs, h)
	return hs
}

// TestMultiOtsuTies holds the search equal to the exhaustive one where exact float32 ties abound:
// full range for 2…4 classes, 72 bins for 5.
func TestMultiOtsuTies(t *testing.T) {
	for classes := 2; classes <= 5; classes++ {
		width := 256
		if classes == 5 {
			width = 72
		}
		for i, h := range multiOtsuTies(width) {
			got, err := MultiOtsu(&h, classes)
			if want := multiOtsuBrute(&h, classes); err != nil || !cvEqual(got, want) {
				t.Errorf("tie case %d, %d classes: %v (%v), exhaustive %v", i, classes, got, err, want)
			}
		}
	}
}

// TestMultiOtsuDegenerate: fewer distinct values than classes (scikit-image raises) and classes
// out of range give an error and the documented levels, never a panic.
func TestMultiOtsuDegenerate(t *testing.T) {
	for _, c := range []struct {
		bins    map[int]int
		classes int
		want    []int
		err     bool
	}{
		{map[int]int{}, 3, []int{0, 0}, true},
		{map[int]int{100: 5}, 2, []int{100}, true},
		{map[int]int{100: 5}, 3, []int{100, 100}, true},
		{map[int]int{0: 5, 255: 5}, 3, []int{255, 255}, true},
		{map[int]int{10: 5, 50: 1, 200: 3}, 5, []int{50, 200, 200, 200}, true},
		{map[int]int{0: 5, 255: 5}, 2, []int{0}, false},                                               // scikit-image: the values but the last
		{map[int]int{10: 5, 50: 1, 200: 3}, 3, []int{10, 50}, false},                                  // likewise
		{map[int]int{10: 5, 50: 1, 200: 3}, 1, []int{50}, true},                                       // clamped to 2 classes (scikit-image: [50])
		{map[int]int{10: 5, 50: 1, 200: 3, 201: 1, 202: 9, 250: 1}, 9, []int{11, 50, 201, 202}, true}, // clamped to 5 (scikit-image: the same)
	} {
		var h Histogram
		for v, n := range c.bins {
			h[v] = n
		}
		got, err := MultiOtsu(&h, c.classes)
		if !cvEqual(got, c.want) || (err != nil) != c.err {
			t.Errorf("%v, %d classes: %v (%v), want %v (error %v)", c.bins, c.classes, got, err, c.want, c.err)
		}
	}
}

// TestMultiOtsuCV2 compares with scikit-image on fresh random histograms, 2…5 classes (opt-in,
// LIMEN_CV2=1; scikit-image needs seconds per 5-class case).
func TestMultiOtsuCV2(t *testing.T) {
	s := cvStart(t)
	rng := rand.New(rand.NewPCG(13, 14))
	for i := 0; i < 200; i++ {
		h := randHistogram(rng)
		classes := 2 + i%4
		var resp struct{ Levels []int }
		s.ask(t, map[string]any{"op": "multiotsu", "hist": h[:], "classes": classes}, &resp)
		got, err := MultiOtsu(&h, classes)
		if resp.Levels == nil {
			if err == nil {
				t.Errorf("case %d, %d classes: no error; scikit-image raises", i, classes)
			}
			continue
		}
		if err != nil || !cvEqual(got, resp.Levels) {
			b, _ := json.Marshal(h)
			t.Errorf("case %d, %d classes: %v (%v), scikit-image %v; histogram %s", i, classes, got, err, resp.Levels, b)
		}
	}
}

// FuzzMultiOtsu: any histogram and class count give classes−1 levels in 0…255, non-decreasing,
// strictly ascending when there is no error, without panicking.
func FuzzMultiOtsu(f *testing.F) {
	f.Add([]byte{0, 5, 255, 5}, uint8(3), uint16(0))
	f.Add([]byte{10, 5, 50, 1, 200, 3, 201, 1}, uint8(5), uint16(1000))
	f.Add([]byte{7, 255}, uint8(4), uint16(65535))
	f.Fuzz(func(t *testing.T, b []byte, classes uint8, scale uint16) {
		var h Histogram
		for i := 0; i+1 < len(b); i += 2 {
			h[b[i]] += int(b[i+1]) * (int(scale) + 1)
		}
		c := int(classes%7) + 1 // 1…7: out-of-range ones too
		levels, err := MultiOtsu(&h, c)
		want := min(max(c, 2), 5) - 1
		if len(levels) != want {
			t.Fatalf("%d levels for %d classes", len(levels), c)
		}
		for i, l := range levels {
			if l < 0 || l > 255 {
				t.Fatalf("level %d out of range", l)
			}
			if i > 0 && (l < levels[i-1] || (err == nil && l == levels[i-1])) {
				t.Fatalf("levels %v not ascending (err %v)", levels, err)
			}
		}
	})
}

// BenchmarkMultiOtsu5: 5 classes on a histogram over the full 8-bit range (scikit-image's search
// would try about 1.7·10⁸ combinations).
func BenchmarkMultiOtsu5(b *testing.B) {
	rng := rand.New(rand.NewPCG(15, 16))
	var h Histogram
	for n := 0; n < 200000; n++ {
		v := int(rng.NormFloat64()*25) + []int{40, 100, 160, 220}[n%4]
		h[min(max(v, 0), 255)]++
	}
	for v := range h {
		h[v]++
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		MultiOtsu(&h, 5)
	}
}

// BenchmarkMultiOtsu3: the page's default, 3 classes.
func BenchmarkMultiOtsu3(b *testing.B) {
	rng := rand.New(rand.NewPCG(17, 18))
	var h Histogram
	for n := 0; n < 200000; n++ {
		h[min(max(int(rng.NormFloat64()*40)+128, 0), 255)]++
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		MultiOtsu(&h, 3)
	}
}
