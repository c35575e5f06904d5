package algo

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"
)

// Where Doxa has no answer (windows larger than the picture, windows above 181, even windows,
// windows ≤ 0, 1×1 pictures, Gatos without background), limen's must be defined: these tests
// check that it is, and the properties that define it.

// doxaWindowParams names each method's window-like parameters (the ones that may exceed the picture).
var doxaWindowParams = map[string][]string{
	"niblack": {"window"}, "sauvola": {"window"}, "wolf": {"window"}, "bernsen": {"window"},
	"nick": {"window"}, "trsingh": {"window"}, "wan": {"window"}, "su": {"window"},
	"isauvola": {"window"}, "gatos": {"window", "glyph"},
}

// TestDoxaEdgeSizes runs every method on tiny and thin pictures with windows from negative to
// huge: no panic, and a window covering the whole picture gives the same levels however large it
// is (the window is cut at the edges, so 2·side+1 and 2³⁰ see the same pixels).
func TestDoxaEdgeSizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	sizes := [][2]int{{1, 1}, {1, 9}, {9, 1}, {2, 2}, {5, 3}, {4, 7}}
	windows := []float64{-3, 0, 1, 2, 3, 4, 16, 17, 18, 182, 1000}
	checked := 0
	for method, params := range doxaWindowParams {
		run := doxaMethods[method]
		if run == nil {
			t.Fatalf("no function for %s", method)
		}
		for _, sz := range sizes {
			src := doxaTestGray(rng, sz[0], sz[1], 0, 255)
			for _, win := range windows {
				for _, name := range params {
					p := doxaParams{name: win, "minN": 3}
					lm := NewLevelMap(src.Rect)
					run(lm, src, p)
					for i, l := range lm.L {
						if l < -1 || l > 255 {
							t.Fatalf("%s %v on %v: level %d at %d", method, p, sz, l, i)
						}
					}
				}
			}
			// Covering windows: 2·max(w, h)+1 against 2³⁰ (and 2·max+2 for Bernsen's and WAN's
			// large-window min/max filter, which takes one pixel fewer for even sides).
			cover := float64(2*max(sz[0], sz[1]) + 2)
			for _, name := range params {
				a, b := NewLevelMap(src.Rect), NewLevelMap(src.Rect)
				run(a, src, doxaParams{name: cover, "minN": 3}) // Su's minN is the window unless given
				run(b, src, doxaParams{name: 1 << 30, "minN": 3})
				for i := range a.L {
					if a.L[i] != b.L[i] {
						t.Fatalf("%s on %v: %s %v and 2^30 differ at %d: %d, %d", method, sz, name, cover, i, a.L[i], b.L[i])
					}
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("nothing checked")
	}
}

// TestDoxaLargeWindowsExact: windows above 181, where Doxa's 32-bit sum of squares overflows on a
// bright picture, get the exact mean and variance. The reference here is a 64-bit integral image
// (another way to the same exact sums), with Doxa's double formulas on top.
func TestDoxaLargeWindowsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	const w, h, window = 230, 215, 201
	src := doxaTestGray(rng, w, h, 230, 255)
	ii := make([]int64, (w+1)*(h+1))  // Σv over [0, x) × [0, y)
	ii2 := make([]int64, (w+1)*(h+1)) // Σv²
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := int64(src.Pix[y*src.Stride+x])
			i := (y+1)*(w+1) + x + 1
			ii[i] = v + ii[i-1] + ii[i-(w+1)] - ii[i-(w+1)-1]
			ii2[i] = v*v + ii2[i-1] + ii2[i-(w+1)] - ii2[i-(w+1)-1]
		}
	}
	box := func(t []int64, x0, y0, x1, y1 int) int64 { // inclusive corners
		return t[(y1+1)*(w+1)+x1+1] - t[y0*(w+1)+x1+1] - t[(y1+1)*(w+1)+x0] + t[y0*(w+1)+x0]
	}
	overflow := false
	for _, c := range []struct {
		name string
		run  func(*LevelMap, *image.Gray, int, float64)
		k    float64
		t    func(m, v, k float64) float64
	}{
		{"niblack", DoxaNiblack, -0.2, func(m, v, k float64) float64 { return m + float64(k*math.Sqrt(v)) }},
		{"sauvola", DoxaSauvola, 0.2, doxaSauvolaT},
		{"nick", Nick, -0.2, func(m, v, k float64) float64 { return m + float64(k*math.Sqrt(v+float64(m*m))) }},
	} {
		lm := NewLevelMap(src.Rect)
		c.run(lm, src, window, c.k)
		bad := 0
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				x0, y0 := max(0, x-window/2), max(0, y-window/2)
				x1, y1 := min(w-1, x+window/2), min(h-1, y+window/2)
				s, s2 := box(ii, x0, y0, x1, y1), box(ii2, x0, y0, x1, y1)
				overflow = overflow || s2 > math.MaxInt32
				m, v := doxaMeanVar(s, s2, int64((x1-x0+1)*(y1-y0+1)))
				if want := doxaLevel(c.t(m, v, c.k)); lm.L[y*lm.Stride+x] != want {
					bad++
				}
			}
		}
		if bad > 0 {
			t.Errorf("%s window %d: %d levels differ from the exact ones", c.name, window, bad)
		}
	}
	if !overflow {
		t.Fatal("no window's sum of squares passes 2^31: the test does not reach Doxa's overflow")
	}
}

// TestGatosNoBackground: where an S-black pixel's glyph window holds no S-white pixel Doxa divides
// by zero (doxaref dies of SIGFPE on this picture with glyph 5); limen keeps B = F there, so such a
// pixel is white. A dark square of 31×31 on a light page, glyph 5: the square's core (more than 5
// from its edge) has no background in reach and comes out white, while its rim, which sees the
// page, is black.
func TestGatosNoBackground(t *testing.T) {
	const n, sq0, sq1, glyph = 61, 15, 45, 5
	src := image.NewGray(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			v := uint8(220 + (x*7+y*3)%13)
			if x >= sq0 && x <= sq1 && y >= sq0 && y <= sq1 {
				v = uint8(30 + (x+y)%5)
			}
			src.Pix[y*n+x] = v
		}
	}
	lm := NewLevelMap(src.Rect)
	Gatos(lm, src, glyph, 25, 0.2)
	core, rim := 0, 0
	for y := sq0; y <= sq1; y++ {
		for x := sq0; x <= sq1; x++ {
			black := lm.L[y*n+x] == doxaBlack
			inCore := x > sq0+glyph+1 && x < sq1-glyph-1 && y > sq0+glyph+1 && y < sq1-glyph-1
			switch {
			case inCore && black:
				t.Fatalf("(%d,%d): core pixel black", x, y)
			case inCore:
				core++
			case x == sq0 || x == sq1 || y == sq0 || y == sq1:
				if !black {
					t.Fatalf("(%d,%d): rim pixel white", x, y)
				}
				rim++
			}
		}
	}
	if core == 0 || rim == 0 {
		t.Fatalf("core %d, rim %d: nothing checked", core, rim)
	}
	// glyph 16, where Doxa runs: doxaref's picture is the square black but for a 7×7 core
	// (x, y in 27 … 33), which Sauvola (window 25) already leaves white; the page white.
	Gatos(lm, src, 16, 25, 0.2)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			square := x >= sq0 && x <= sq1 && y >= sq0 && y <= sq1
			core := x >= 27 && x <= 33 && y >= 27 && y <= 33
			if black := lm.L[y*n+x] == doxaBlack; black != (square && !core) {
				t.Fatalf("glyph 16 (%d,%d): black %v, Doxa's picture says %v", x, y, black, square && !core)
			}
		}
	}
	// glyph 0: every S-black pixel is alone in its window, so δ = 0 and nothing is black.
	Gatos(lm, src, 0, 25, 0.2)
	for i, l := range lm.L {
		if l != doxaWhite {
			t.Fatalf("glyph 0: pixel %d black", i)
		}
	}
}

// TestDoxaSubImage: a sub-image (Stride ≠ width, Rect.Min ≠ 0) and a level map with its own
// stride give the levels of the same pixels copied into a fresh picture.
func TestDoxaSubImage(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	sub := doxaTestGray(rng, 23, 17, 0, 255)
	flat := image.NewGray(image.Rect(0, 0, 23, 17))
	for y := 0; y < 17; y++ {
		copy(flat.Pix[y*23:y*23+23], sub.Pix[y*sub.Stride:])
	}
	for method, run := range doxaMethods {
		p := doxaParams{"window": 7, "glyph": 4}
		want := NewLevelMap(flat.Rect)
		run(want, flat, p)
		got := &LevelMap{L: make([]int16, 30*17), Stride: 30, Rect: sub.Rect}
		run(got, sub, p)
		for y := 0; y < 17; y++ {
			for x := 0; x < 23; x++ {
				if got.L[y*30+x] != want.L[y*23+x] {
					t.Fatalf("%s: (%d,%d) %d, want %d", method, x, y, got.L[y*30+x], want.L[y*23+x])
				}
			}
		}
	}
}
