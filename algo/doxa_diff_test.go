package algo

import (
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"image"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// Differential goldens: testdata/doxa/diff.json.gz holds seeded random pictures (1×1 up, odd and
// even sizes, noise, strokes on a shaded page, flat and two-level pictures, crops of the lab's
// pages) with random parameters within what Doxa handles, each binarized by Doxa 0bf9953 through
// the reference program doxaref (see testdata/doxa/README.md and gendiff/).

type doxaDiffGoldens struct {
	Images []struct {
		Name string
		W, H int
		Pix  string
	}
	Cases []struct {
		Image  int
		Method string
		Params map[string]float64
		Black  string
	}
}

// doxaParams reads a case's parameters with Doxa's defaults.
type doxaParams map[string]float64

func (p doxaParams) get(name string, def float64) float64 {
	if v, ok := p[name]; ok {
		return v
	}
	return def
}

// doxaMethods runs each of limen's Doxa methods with parameters by Doxa's names and defaults.
var doxaMethods = map[string]func(dst *LevelMap, src *image.Gray, p doxaParams){
	"niblack": func(dst *LevelMap, src *image.Gray, p doxaParams) {
		DoxaNiblack(dst, src, int(p.get("window", 75)), p.get("k", 0.2))
	},
	"sauvola": func(dst *LevelMap, src *image.Gray, p doxaParams) {
		DoxaSauvola(dst, src, int(p.get("window", 75)), p.get("k", 0.2))
	},
	"wolf": func(dst *LevelMap, src *image.Gray, p doxaParams) {
		DoxaWolf(dst, src, int(p.get("window", 75)), p.get("k", 0.2))
	},
	"bernsen": func(dst *LevelMap, src *image.Gray, p doxaParams) {
		DoxaBernsen(dst, src, int(p.get("window", 75)), int(p.get("threshold", 100)), int(p.get("contrastLimit", 25)))
	},
}

func loadDoxaDiff(t testing.TB) *doxaDiffGoldens {
	t.Helper()
	f, err := os.Open(filepath.Join(doxaDir, "diff.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var g doxaDiffGoldens
	if err := json.NewDecoder(zr).Decode(&g); err != nil {
		t.Fatal(err)
	}
	return &g
}

// TestDoxaDiff runs every differential golden of every method limen has: binary of the levels
// must be Doxa's picture, pixel for pixel. Each method must have cases.
func TestDoxaDiff(t *testing.T) {
	g := loadDoxaDiff(t)
	srcs := make([]*image.Gray, len(g.Images))
	for i, im := range g.Images {
		pix, err := base64.StdEncoding.DecodeString(im.Pix)
		if err != nil || len(pix) != im.W*im.H {
			t.Fatalf("image %d: bad pixels", i)
		}
		srcs[i] = &image.Gray{Pix: pix, Stride: im.W, Rect: image.Rect(0, 0, im.W, im.H)}
	}
	checked := map[string]int{}
	for ci, c := range g.Cases {
		run, ok := doxaMethods[c.Method]
		if !ok {
			continue
		}
		src := srcs[c.Image]
		w, h := src.Rect.Dx(), src.Rect.Dy()
		bits, err := base64.StdEncoding.DecodeString(c.Black)
		if err != nil || len(bits) != (w*h+7)/8 {
			t.Fatalf("case %d: bad picture", ci)
		}
		lm := NewLevelMap(src.Rect)
		run(lm, src, c.Params)
		bad, first := 0, -1
		for i := 0; i < w*h; i++ {
			black := bits[i/8]&(0x80>>(i%8)) != 0
			if (int16(src.Pix[i]) <= lm.L[i]) != black {
				if bad == 0 {
					first = i
				}
				bad++
			}
		}
		if bad > 0 {
			t.Errorf("case %d: %s %v on %s (%dx%d): %d pixels differ, first (%d,%d) v=%d L=%d",
				ci, c.Method, c.Params, g.Images[c.Image].Name, w, h, bad, first%w, first/w, src.Pix[first], lm.L[first])
		}
		checked[c.Method]++
	}
	var names []string
	for m := range doxaMethods {
		names = append(names, m)
		if checked[m] == 0 {
			t.Errorf("%s: no differential golden checked", m)
		}
	}
	sort.Strings(names)
	for _, m := range names {
		t.Logf("%s: %d cases", m, checked[m])
	}
}
