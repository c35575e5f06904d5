package algo

import (
	"encoding/json"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Doxa's references for DoxaOtsu, AdOtsu, AdOtsu-MS and Bataineh, copied from the oracle into
// testdata/doxa/b (see its README): the doxaref pictures of every page and Doxa's Otsu level.
const doxabDir = "testdata/doxa/b"

type doxabPage struct {
	Dir           string
	Width, Height int
	OtsuLevel     int                       `json:"doxa_otsu_level"`
	Outputs       map[string]map[string]any // reference name → parameters (Doxa's names)
	Skipped       map[string]string         // reference name → why Doxa made none
}

// doxabPages reads testdata/doxa/b/expected.json: page stem → its references.
func doxabPages(t testing.TB) map[string]doxabPage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(doxabDir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e struct {
		Doxa  string
		Pages map[string]doxabPage
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(e.Doxa, "0bf9953") || len(e.Pages) == 0 {
		t.Fatalf("expected.json: Doxa commit %q, %d pages", e.Doxa, len(e.Pages))
	}
	return e.Pages
}

// doxabStems returns the page stems in order.
func doxabStems(pages map[string]doxabPage) []string {
	var s []string
	for k := range pages {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}

// doxabGray returns a page as gray: the oracle's images are shared with testdata/oracle, the
// document pages are in testdata/lab/docs (one copy for every test). Colour becomes gray as OpenCV makes it, which is
// how the oracle made Doxa's input.
func doxabGray(t testing.TB, stem string, p doxabPage) *image.Gray {
	t.Helper()
	if p.Dir == "images" {
		return oracleGray(t, stem)
	}
	pix, w, h := readPNG(t, filepath.Join("testdata/lab/docs", stem+".png"))
	g := image.NewGray(image.Rect(0, 0, w, h))
	GrayFromRGBA(g, pix, nil)
	return g
}

// doxabRef returns Doxa's picture out/<stem>/<name>.png (0 black, 255 white).
func doxabRef(t testing.TB, stem, name string) *image.Gray {
	t.Helper()
	pix, w, h := readPNG(t, filepath.Join(doxabDir, "out", stem, name+".png"))
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = pix[4*i]
	}
	return g
}

// doxabDiff returns how many pixels of limen's binary picture (255 where v > L, else 0) differ
// from want, and a description of the first.
func doxabDiff(lm *LevelMap, src, want *image.Gray) (int, string) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if want.Rect.Dx() != w || want.Rect.Dy() != h {
		return w * h, fmt.Sprintf("size %dx%d, want %dx%d", w, h, want.Rect.Dx(), want.Rect.Dy())
	}
	bad, first := 0, ""
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := src.Pix[y*src.Stride+x]
			l := lm.L[y*lm.Stride+x]
			got := uint8(0)
			if int(v) > int(l) {
				got = 255
			}
			if e := want.Pix[y*want.Stride+x]; got != e {
				if bad == 0 {
					first = fmt.Sprintf("first at (%d,%d): v %d, level %d, limen %d, Doxa %d", x, y, v, l, got, e)
				}
				bad++
			}
		}
	}
	return bad, first
}

func TestDoxaOtsuLevels(t *testing.T) {
	pages := doxabPages(t)
	checked := 0
	for _, stem := range doxabStems(pages) {
		p := pages[stem]
		g := doxabGray(t, stem, p)
		hist := HistogramOf(g, nil)
		if got := DoxaOtsu(&hist); got != p.OtsuLevel {
			t.Errorf("%s: DoxaOtsu %d, Doxa %d", stem, got, p.OtsuLevel)
		}
		// Doxa paints black where v ≤ level: limen's binary picture of that level.
		if _, ok := p.Outputs["doxa_otsu"]; ok {
			lm := NewLevelMap(g.Rect)
			for i := range lm.L {
				lm.L[i] = int16(DoxaOtsu(&hist))
			}
			if bad, first := doxabDiff(lm, g, doxabRef(t, stem, "doxa_otsu")); bad != 0 {
				t.Errorf("%s: doxa_otsu: %d pixels differ, %s", stem, bad, first)
			}
		}
		checked++
	}
	if checked < 12 {
		t.Fatalf("checked %d pages, want the oracle's 12", checked)
	}
}

// TestDoxaOtsuDefinition checks the properties Doxa's loop defines, on histograms the pages do not
// have: no two classes give 0, the first of equal maxima wins, and the occupied-bins scan that
// AdOtsu uses agrees with the full scan.
func TestDoxaOtsuDefinition(t *testing.T) {
	var h Histogram
	if got := DoxaOtsu(&h); got != 0 {
		t.Errorf("empty: %d, want 0", got)
	}
	h[77] = 5
	if got := DoxaOtsu(&h); got != 0 {
		t.Errorf("one value: %d, want 0", got)
	}
	h = Histogram{}
	h[10], h[200] = 3, 3
	// Every t in 10..199 separates {10} from {200} equally: the first, 10, wins.
	if got := DoxaOtsu(&h); got != 10 {
		t.Errorf("two values: %d, want 10", got)
	}
	seed := uint64(12345)
	next := func() uint64 { // xorshift64*: a fixed sequence, no dependence on math/rand's versions
		seed ^= seed >> 12
		seed ^= seed << 25
		seed ^= seed >> 27
		return seed * 2685821657736338717
	}
	// The two-pass scan against Doxa's loop: spread-out values, a few values (near ties), and
	// histograms symmetric about a centre (exact ties between mirrored levels).
	s := new(doxaOtsuHist)
	for i := 0; i < 30000; i++ {
		s.reset()
		h = Histogram{}
		put := func(v uint8, c int) {
			h[v] += c
			for ; c > 0; c-- {
				s.add(v)
			}
		}
		switch i % 3 {
		case 0:
			n := int(next()%300) + 1
			spread := int(next()%256) + 1
			base := int(next() % uint64(257-spread))
			for j := 0; j < n; j++ {
				put(uint8(base+int(next()%uint64(spread))), 1)
			}
		case 1:
			for j := int(next()%5) + 1; j > 0; j-- {
				put(uint8(next()), int(next()%50)+1)
			}
		case 2:
			centre := int(next()%200) + 28
			for j := int(next()%4) + 1; j > 0; j-- {
				d, c := int(next()%28), int(next()%20)+1
				put(uint8(centre-d), c)
				put(uint8(centre+d), c)
			}
		}
		if a, b := DoxaOtsu(&h), s.level(); a != b {
			t.Fatalf("histogram %d: Doxa's loop %d, two-pass scan %d (%v)", i, a, b, h)
		}
	}
}

func BenchmarkDoxaOtsu(b *testing.B) {
	g := doxabBenchPicture()
	hist := HistogramOf(g, nil)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		DoxaOtsu(&hist)
	}
}

// doxabBenchPicture is a 4 MP (2000 × 2000) page-like picture for the benchmarks: dark strokes on
// a light, unevenly lit background with noise, from a fixed sequence.
func doxabBenchPicture() *image.Gray {
	const w, h = 2000, 2000
	g := image.NewGray(image.Rect(0, 0, w, h))
	seed := uint32(2463534242)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			seed ^= seed << 13
			seed ^= seed >> 17
			seed ^= seed << 5
			v := 150 + 60*x/w + 30*y/h + int(seed%21) - 10
			if (x/7+y/11)%9 == 0 && (y/40)%2 == 0 { // strokes: text lines
				v = 40 + int(seed%30)
			}
			g.Pix[y*g.Stride+x] = uint8(min(max(v, 0), 255))
		}
	}
	return g
}
