package algo

import (
	"encoding/json"
	"image"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The lab's references for Doxa's methods: testdata/doxa holds, copied from the oracle,
// expected_lab.json (which picture has which reference, with its parameters), the document pages
// docs/doc*.png, and out/<stem>/doxa_*.png, Doxa's pictures (0 and 255; black is Doxa's text).
// The other pictures are the oracle's, in testdata/oracle/images. See testdata/doxa/README.md.
const doxaDir = "testdata/doxa"

type doxaLabCase struct {
	Stem, Name string
	Params     doxaParams
}

// doxaLabCases lists the lab's references of a Doxa method (expected_lab.json's method id), every
// one of which must be in testdata.
func doxaLabCases(t testing.TB, method string) []doxaLabCase {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(doxaDir, "expected_lab.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e struct {
		Pages map[string]struct {
			Outputs map[string]struct {
				Method string
				Params map[string]float64
			}
		}
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	var cases []doxaLabCase
	for fn, page := range e.Pages {
		for name, o := range page.Outputs {
			if o.Method == method && strings.HasPrefix(name, "doxa_") {
				cases = append(cases, doxaLabCase{strings.TrimSuffix(fn, ".png"), name, o.Params})
			}
		}
	}
	sort.Slice(cases, func(i, j int) bool {
		if cases[i].Stem != cases[j].Stem {
			return cases[i].Stem < cases[j].Stem
		}
		return cases[i].Name < cases[j].Name
	})
	return cases
}

// doxaLabGray returns the gray input of a lab page: the oracle's image or the document page,
// converted as OpenCV does (the pages are gray already).
func doxaLabGray(t testing.TB, stem string) *image.Gray {
	t.Helper()
	path := filepath.Join(oracleDir, "images", stem+".png")
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join("testdata/lab/docs", stem+".png")
	}
	pix, w, h := readPNG(t, path)
	g := image.NewGray(image.Rect(0, 0, w, h))
	GrayFromRGBA(g, pix, nil)
	return g
}

// doxaBinary is limen's binary output of a level map (maxval 255): 255 where v > L, else 0.
func doxaBinary(src *image.Gray, lm *LevelMap) *image.Gray {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if int16(src.Pix[y*src.Stride+x]) > lm.L[y*lm.Stride+x] {
				out.Pix[y*out.Stride+x] = 255
			}
		}
	}
	return out
}

// diffCount returns how many pixels of two pictures of the same size differ, and the first one.
func diffCount(got, want *image.Gray) (n, fx, fy int) {
	fx, fy = -1, -1
	for y := 0; y < want.Rect.Dy(); y++ {
		for x := 0; x < want.Rect.Dx(); x++ {
			if got.Pix[y*got.Stride+x] != want.Pix[y*want.Stride+x] {
				if n == 0 {
					fx, fy = x, y
				}
				n++
			}
		}
	}
	return n, fx, fy
}

// runDoxaLab checks limen's function for method (doxaMethods) against every lab reference of it:
// binary of its levels must be Doxa's picture, pixel for pixel. It fails when there is no
// reference at all.
func runDoxaLab(t *testing.T, method string) {
	run := doxaMethods[method]
	if run == nil {
		t.Fatalf("no function for %s", method)
	}
	cases := doxaLabCases(t, method)
	checked := 0
	for _, c := range cases {
		src := doxaLabGray(t, c.Stem)
		want := oracleLikeOutput(t, c.Stem, c.Name)
		if want.Rect.Size() != src.Rect.Size() {
			t.Fatalf("%s/%s: size %v, input %v", c.Stem, c.Name, want.Rect.Size(), src.Rect.Size())
		}
		lm := NewLevelMap(src.Rect)
		run(lm, src, c.Params)
		got := doxaBinary(src, lm)
		n, fx, fy := diffCount(got, want)
		if n > 0 {
			t.Errorf("%s/%s: %d of %d pixels differ; first at (%d,%d): got %d want %d", c.Stem, c.Name,
				n, len(want.Pix), fx, fy, got.Pix[fy*got.Stride+fx], want.Pix[fy*want.Stride+fx])
		} else {
			t.Logf("%s/%s: %dx%d, 0 pixels differ", c.Stem, c.Name, src.Rect.Dx(), src.Rect.Dy())
		}
		checked++
	}
	if checked == 0 {
		t.Fatalf("no lab reference of %s checked", method)
	}
	t.Logf("%s: %d references checked", method, checked)
}

// oracleLikeOutput reads testdata/doxa/out/<stem>/<name>.png (0 and 255).
func oracleLikeOutput(t testing.TB, stem, name string) *image.Gray {
	t.Helper()
	pix, w, h := readPNG(t, filepath.Join(doxaDir, "out", stem, name+".png"))
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = pix[4*i]
	}
	return g
}

// Benchmarks of the Doxa methods on a 4 MP picture (bench4MP, built off the clock), with Doxa's
// default parameters.
func benchDoxa(b *testing.B, run func(dst *LevelMap, src *image.Gray)) {
	g := bench4MP()
	lm := NewLevelMap(g.Rect)
	b.ReportAllocs()
	b.SetBytes(int64(len(g.Pix)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		run(lm, g)
	}
}
