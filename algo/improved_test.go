package algo

import (
	"image"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// bruteEdge is the edge value of (x, y) straight from the kernels, neighbours by BORDER_REFLECT_101.
func bruteEdge(src *image.Gray, x, y int, laplacian bool) int {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	at := func(dx, dy int) int {
		return int(src.Pix[borderIndex(y+dy, h, borderReflect101)*src.Stride+borderIndex(x+dx, w, borderReflect101)])
	}
	if laplacian {
		d := at(0, -1) + at(0, 1) + at(-1, 0) + at(1, 0) - 4*at(0, 0)
		return max(d, -d)
	}
	sx := [3][3]int{{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}}
	gx, gy := 0, 0
	for j := -1; j <= 1; j++ {
		for i := -1; i <= 1; i++ {
			gx += sx[j+1][i+1] * at(i, j)
			gy += sx[i+1][j+1] * at(i, j)
		}
	}
	return gx*gx + gy*gy
}

func TestEdgeOtsuBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for iter := 0; iter < 150; iter++ {
		w, h := 1+r.IntN(40), 1+r.IntN(30)
		lap := iter%2 == 1
		pct := []float64{0, 50, 90, 99.7, 100, r.Float64() * 100}[iter%6]
		src := randomGray(r, w, h, fijiStyles[iter%len(fijiStyles)])
		mask := image.NewGray(src.Rect)
		level := EdgeOtsu(src, lap, pct, mask)

		var all []int
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				all = append(all, bruteEdge(src, x, y, lap))
			}
		}
		sorted := slices.Sorted(slices.Values(all))
		rank := min(max(int(math.Ceil(pct/100*float64(len(all)))), 1), len(all))
		te := sorted[rank-1]
		var hist Histogram
		for i, e := range all {
			y, x := i/w, i%w
			keep := e > te
			if keep {
				hist[src.Pix[y*src.Stride+x]]++
			}
			if want := map[bool]uint8{false: 0, true: 255}[keep]; mask.Pix[y*mask.Stride+x] != want {
				t.Fatalf("%d×%d lap=%v p=%g: mask at (%d,%d) is %d, edge %d vs T_e %d", w, h, lap, pct, x, y, mask.Pix[y*mask.Stride+x], e, te)
			}
		}
		if want := Otsu(&hist); level != want {
			t.Fatalf("%d×%d lap=%v p=%g: level %d, brute force %d", w, h, lap, pct, level, want)
		}
	}
}

func TestEdgeOtsuByHand(t *testing.T) {
	// A 6×6 square of 180 on a 20 background, 16×16, at a non-zero origin. The Sobel gradient is
	// non-zero exactly where a 3×3 neighbourhood holds both values: the 8×8 square around it less
	// the 4×4 inside, 48 pixels (28 of them 20, 20 of them 180). At the 50th percentile (rank 128
	// of 256, among the 208 zeros) T_e = 0, so those 48 are kept; Otsu on {20: 28, 180: 20}
	// separates them at 20 (the first of the equally good levels 20..179).
	src := image.NewGray(image.Rect(-8, 3, 8, 19))
	for y := 0; y < 16; y++ {
		for x := 0; x < 16; x++ {
			v := uint8(20)
			if x >= 5 && x < 11 && y >= 5 && y < 11 {
				v = 180
			}
			src.Pix[y*src.Stride+x] = v
		}
	}
	for _, lap := range []bool{false, true} {
		mask := image.NewGray(src.Rect)
		if got := EdgeOtsu(src, lap, 50, mask); got != 20 {
			t.Errorf("laplacian=%v: level %d, want 20", lap, got)
		}
		n := 0
		for _, v := range mask.Pix {
			if v == 255 {
				n++
			}
		}
		// The Laplacian sees only the 4 neighbours: it misses the 4 outer corners (24 of 20, 20 of
		// 180: the level is still 20).
		want := 48
		if lap {
			want = 44
		}
		if n != want {
			t.Errorf("laplacian=%v: %d pixels kept, want %d", lap, n, want)
		}
	}
	// A constant image has no edge above any percentile: empty histogram, level 0.
	c := image.NewGray(image.Rect(0, 0, 5, 4))
	for i := range c.Pix {
		c.Pix[i] = 140
	}
	if got := EdgeOtsu(c, false, 99.7, nil); got != 0 {
		t.Errorf("constant: level %d, want 0", got)
	}
	if got := EdgeOtsu(image.NewGray(image.Rectangle{}), false, 99.7, nil); got != 0 {
		t.Errorf("empty: level %d, want 0", got)
	}
}

func TestPartitionOtsu(t *testing.T) {
	// 1 × 2 tiles of a 4×2 image: left tile {10, 50}, right tile {100, 200}: Otsu gives the lower
	// value of each two-valued tile.
	src := grayRows(image.Rect(2, 2, 6, 4), []uint8{10, 50, 100, 200}, []uint8{50, 10, 200, 100})
	if got, want := levelsOf(src, func(d *LevelMap, s *image.Gray) { PartitionOtsu(d, s, 1, 2) }), []int{10, 10, 100, 100, 10, 10, 100, 100}; !slices.Equal(got, want) {
		t.Errorf("levels %v, want %v", got, want)
	}
	g := image.NewGray(src.Rect)
	PartitionGrid(g, 1, 2)
	if want := []uint8{0, 0, 255, 0, 0, 0, 255, 0}; !slices.Equal(g.Pix, want) {
		t.Errorf("grid %v, want %v", g.Pix, want)
	}
	// Against a brute force, with grids finer than the image too.
	r := rand.New(rand.NewPCG(5, 6))
	for iter := 0; iter < 60; iter++ {
		w, h := 1+r.IntN(30), 1+r.IntN(20)
		rows, cols := 1+r.IntN(8), 1+r.IntN(8)
		src := randomGray(r, w, h, fijiStyles[iter%len(fijiStyles)])
		got := levelsOf(src, func(d *LevelMap, s *image.Gray) { PartitionOtsu(d, s, rows, cols) })
		grid := image.NewGray(src.Rect)
		PartitionGrid(grid, rows, cols)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				i := y * rows / h // the tile row: the i with ⌊i·h/rows⌋ ≤ y < ⌊(i+1)·h/rows⌋
				for i*h/rows > y {
					i--
				}
				for (i+1)*h/rows <= y {
					i++
				}
				j := 0
				for (j+1)*w/cols <= x {
					j++
				}
				var hist Histogram
				for yy := i * h / rows; yy < (i+1)*h/rows; yy++ {
					for xx := j * w / cols; xx < (j+1)*w/cols; xx++ {
						hist[src.Pix[yy*src.Stride+xx]]++
					}
				}
				if want := Otsu(&hist); got[y*w+x] != want {
					t.Fatalf("%d×%d grid %d×%d at (%d,%d): level %d, want %d", w, h, rows, cols, x, y, got[y*w+x], want)
				}
				border := (y == i*h/rows && i > 0) || (x == j*w/cols && j > 0)
				if (grid.Pix[y*grid.Stride+x] == 255) != border {
					t.Fatalf("%d×%d grid %d×%d at (%d,%d): overlay %d", w, h, rows, cols, x, y, grid.Pix[y*grid.Stride+x])
				}
			}
		}
	}
}

func TestLocalStats(t *testing.T) {
	// A constant 100: σ = 0 and m = 100, so with b = 1.5 the level is 150 (nothing is
	// foreground); with b = 0.5 it is 50 (everything is).
	c := grayRows(image.Rect(-1, -1, 2, 1), []uint8{100, 100, 100}, []uint8{100, 100, 100})
	for _, g := range []bool{false, true} {
		if got := levelsOf(c, func(d *LevelMap, s *image.Gray) { LocalStats(d, s, 3, 30, 1.5, g) }); got[0] != 150 || got[5] != 150 {
			t.Errorf("global=%v b=1.5: %v, want 150", g, got)
		}
		if got := levelsOf(c, func(d *LevelMap, s *image.Gray) { LocalStats(d, s, 3, 30, 0.5, g) }); got[0] != 50 || got[5] != 50 {
			t.Errorf("global=%v b=0.5: %v, want 50", g, got)
		}
	}
	// A lone 90 in the middle of a 3×3 of zeros, window 3: the centre's window is the whole image,
	// m = 10, σ = √(8100/9 − 100) = √800 = 28.28…; with a = 1, b = 2 and the local mean the centre's
	// level is ⌊max(28.28, 20)⌋ = 28. The global mean is 10 as well.
	dot := grayRows(image.Rect(0, 0, 3, 3), []uint8{0, 0, 0}, []uint8{0, 90, 0}, []uint8{0, 0, 0})
	for _, g := range []bool{false, true} {
		if got := levelsOf(dot, func(d *LevelMap, s *image.Gray) { LocalStats(d, s, 3, 1, 2, g) }); got[4] != 28 {
			t.Errorf("global=%v: centre level %d, want 28", g, got[4])
		}
	}
	// Against a brute force.
	r := rand.New(rand.NewPCG(9, 10))
	for iter := 0; iter < 80; iter++ {
		w, h := 1+r.IntN(30), 1+r.IntN(25)
		window := 1 + 2*r.IntN(6)
		a, b := r.Float64()*40, r.Float64()*3
		global := iter%2 == 0
		src := randomGray(r, w, h, fijiStyles[iter%len(fijiStyles)])
		got := levelsOf(src, func(d *LevelMap, s *image.Gray) { LocalStats(d, s, window, a, b, global) })
		n := int64(window * window)
		total := 0
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				total += int(src.Pix[y*src.Stride+x])
			}
		}
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				s, s2 := bruteWindow(src, window, x, y)
				sd := math.Sqrt(float64(n*s2-s*s) / float64(n*n))
				m := float64(s) / float64(n)
				if global {
					m = float64(total) / float64(w*h)
				}
				v := int(src.Pix[y*src.Stride+x])
				fg := float64(v) > a*sd && float64(v) > b*m
				want := -1
				for u := 0; u < 256; u++ {
					if !(float64(u) > a*sd && float64(u) > b*m) {
						want = u
					}
				}
				if l := got[y*w+x]; l != want || (v > l) != fg {
					t.Fatalf("%d×%d window %d a=%g b=%g global=%v at (%d,%d): level %d, want %d", w, h, window, a, b, global, x, y, l, want)
				}
			}
		}
	}
}

// FuzzLocalMethods runs every local method of the registry
// on small random images with parameters anywhere in their ranges: no panic, every level in
// -1..255, a single-level method's level the same everywhere, overlays of the image's size.
func FuzzLocalMethods(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8}, uint8(3), uint8(0), 0.5, 0.5)
	f.Add([]byte{255}, uint8(1), uint8(3), 1.0, 0.0)
	f.Add([]byte{9, 9, 9, 9, 200, 9}, uint8(1), uint8(5), 0.0, 1.0)
	f.Add([]byte("a longer image of text for the fuzzer"), uint8(7), uint8(9), 0.25, 0.75)
	f.Add([]byte{0, 255, 0, 255, 0, 255, 0, 255}, uint8(8), uint8(7), 0.99, 0.01)
	methods := MethodsOf(Local)
	f.Fuzz(func(t *testing.T, pix []byte, width, which uint8, f1, f2 float64) {
		if len(pix) == 0 || len(pix) > 4096 || width == 0 || !finite(f1) || !finite(f2) {
			return
		}
		w := int(width)
		h := (len(pix) + w - 1) / w
		src := image.NewGray(image.Rect(3, -4, 3+w, -4+h))
		copy(src.Pix, pix)
		m := methods[int(which)%len(methods)]
		p := Params{}
		for i, q := range m.Params {
			frac := math.Abs(f1)
			if i%2 == 1 {
				frac = math.Abs(f2)
			}
			frac -= math.Floor(frac)
			v := q.Min + frac*(q.Max-q.Min)
			if q.Name == "radius" || q.Name == "window" {
				v = q.Min + frac*min(q.Max-q.Min, 40) // keep the fuzzer fast
			}
			if q.Integer || q.Odd {
				v = math.Round(v)
			}
			if q.Odd && int(v)%2 == 0 {
				v--
				if v < q.Min {
					v += 2
				}
			}
			p[q.Name] = v
		}
		if err := m.Check(p); err != nil {
			t.Fatalf("%s: fuzz params %v: %v", m.ID, p, err)
		}
		dst := NewLevelMap(src.Rect)
		var req LocalRequest
		if m.Overlay {
			req.Overlay = image.NewGray(src.Rect)
		}
		r := m.Local(dst, src, p, req)
		for _, l := range dst.L {
			if l < -1 || l > 255 || (r.Single && int(l) != r.Level) {
				t.Fatalf("%s %v on %d×%d: level %d (single %v %d)", m.ID, p, w, h, l, r.Single, r.Level)
			}
		}
	})
}

func TestImprovedRegistry(t *testing.T) {
	for _, id := range []string{"bernsen", "local-contrast", "local-mean", "local-median", "local-midgrey", "phansalkar", "wolf", "edge-otsu", "partition-otsu", "local-stats"} {
		m, ok := Lookup(id)
		if !ok {
			t.Fatalf("%s is not registered", id)
		}
		if m.Kind != Local || m.Local == nil || m.Reference == "" || m.Paper == "" || m.About == "" {
			t.Errorf("%s: incomplete entry", id)
		}
		for _, q := range m.Params {
			if err := q.Check(q.Default); err != nil {
				t.Errorf("%s: default of %s: %v", id, q.Name, err)
			}
		}
	}
}

func BenchmarkImproved(b *testing.B) {
	src := benchGray(2048, 2048)
	dst := NewLevelMap(src.Rect)
	b.Run("EdgeOtsu/gradient", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			fillLevel(dst, EdgeOtsu(src, false, 99.7, nil))
		}
	})
	b.Run("EdgeOtsu/laplacian", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			fillLevel(dst, EdgeOtsu(src, true, 99.5, nil))
		}
	})
	b.Run("PartitionOtsu/2x3", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			PartitionOtsu(dst, src, 2, 3)
		}
	})
	b.Run("LocalStats/3", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			LocalStats(dst, src, 3, 30, 1.5, true)
		}
	})
	b.Run("LocalStats/31-local", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			LocalStats(dst, src, 31, 30, 1.5, false)
		}
	})
}

// TestImprovedOracleImages checks edge-guided Otsu, local statistics and Wolf on the oracle's
// images against an independent pipeline in numpy and OpenCV 4.6 (/usr/bin/python3), run once:
//
//	g = cv2.cvtColor(cv2.imread(png), cv2.COLOR_BGR2GRAY)
//	edge: cv2.Sobel(g, CV_32F, 1, 0)² + cv2.Sobel(g, CV_32F, 0, 1)² (as int64), or
//	      abs(cv2.Laplacian(g, CV_32F, ksize=1)); T_e = sorted(edge)[ceil(p/100·N) − 1];
//	      level = cv2.threshold(g[edge > T_e], 0, 255, THRESH_OTSU)[0], 0 if nothing is kept
//	local stats / Wolf: window sums of np.pad(g, r, mode="reflect") (int64), σ and m in float64
//	      as in limen's doc comments; the number of foreground pixels (v > a·σ and v > b·m;
//	      Wolf: v ≥ T).
//
// Pixel-exact checks of the same rules are the brute-force tests above.
func TestImprovedOracleImages(t *testing.T) {
	for _, tc := range []struct {
		name                    string
		grad997, lap995, grad90 int // edge-otsu levels
		statsBook, statsLocal7  int // local-stats foreground counts: (3, 30, 1.5, global), (7, 2, 0.9, local)
		wolf41                  int // Wolf foreground count, window 41, k 0.5
	}{
		{"bimodal_noise", 110, 71, 119, 14, 49477, 58943},
		{"camera", 135, 138, 118, 70527, 225692, 226400},
		{"chelsea", 89, 115, 94, 1641, 122690, 121488},
		{"coins", 122, 140, 118, 1915, 94860, 74666},
		{"constant", 0, 0, 0, 0, 256, 256},
		{"text", 89, 85, 93, 0, 70136, 70045},
		{"tiny_1x7", 0, 0, 0, 0, 1, 3},
		{"two_level", 0, 0, 0, 18, 32, 32},
		{"uneven_text", 84, 62, 68, 3954, 66095, 66299},
	} {
		g := oracleGray(t, tc.name)
		for _, e := range []struct {
			lap  bool
			p    float64
			want int
		}{{false, 99.7, tc.grad997}, {true, 99.5, tc.lap995}, {false, 90, tc.grad90}} {
			if got := EdgeOtsu(g, e.lap, e.p, nil); got != e.want {
				t.Errorf("%s edge-otsu laplacian=%v p=%g: level %d, want %d", tc.name, e.lap, e.p, got, e.want)
			}
		}
		count := func(f func(*LevelMap, *image.Gray)) int {
			n := 0
			lm := NewLevelMap(g.Rect)
			f(lm, g)
			for i, v := range g.Pix {
				if int(v) > int(lm.L[i]) {
					n++
				}
			}
			return n
		}
		if got := count(func(d *LevelMap, s *image.Gray) { LocalStats(d, s, 3, 30, 1.5, true) }); got != tc.statsBook {
			t.Errorf("%s local-stats (3, 30, 1.5, global): %d foreground, want %d", tc.name, got, tc.statsBook)
		}
		if got := count(func(d *LevelMap, s *image.Gray) { LocalStats(d, s, 7, 2, 0.9, false) }); got != tc.statsLocal7 {
			t.Errorf("%s local-stats (7, 2, 0.9, local): %d foreground, want %d", tc.name, got, tc.statsLocal7)
		}
		if got := count(func(d *LevelMap, s *image.Gray) { Wolf(d, s, 41, 0.5) }); got != tc.wolf41 {
			t.Errorf("%s wolf (41, 0.5): %d foreground, want %d", tc.name, got, tc.wolf41)
		}
	}
}
