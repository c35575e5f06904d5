package algo

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The references through the registry, as limen.threshold runs them: every method × reference
// pair the public oracle has a result for, by its id, its reference and its parameters' names,
// through Image.Threshold, tolerance 0. The algorithm files' own tests check the functions; this
// one checks the rows that wire them (a wrong function, parameter or default would show here).

// labPage is one page of testdata/doxa/expected_lab.json (the lab's oracle).
type labPage struct {
	Dir     string
	Outputs map[string]struct {
		Method    string
		Params    map[string]float64
		Reference *string
	}
	DoxaOtsuLevel int `json:"doxa_otsu_level"`
	Levels        *struct {
		ImageJ  map[string]*int            `json:"imagej"`
		Skimage map[string]json.RawMessage `json:"skimage"`
	}
}

func loadLabPages(t *testing.T) map[string]labPage {
	b, err := os.ReadFile("testdata/doxa/expected_lab.json")
	if err != nil {
		t.Fatal(err)
	}
	var e struct{ Pages map[string]labPage }
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	return e.Pages
}

// labInput is the RGBA of a lab page: an oracle image, or a document page.
func labInput(t *testing.T, fn string, p labPage) ([]byte, int, int) {
	if p.Dir == "docs" {
		pix, w, h := readPNG(t, filepath.Join("testdata/lab/docs", fn))
		return pix, w, h
	}
	return readPNG(t, filepath.Join(oracleDir, "images", fn))
}

// labOutput finds the stored reference picture of a case.
func labOutput(t *testing.T, stem, name string) string {
	for _, dir := range []string{"testdata/doxa/out", "testdata/doxa/b/out", "testdata/refs/local"} {
		p := filepath.Join(dir, stem, name+".png")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("%s/%s: no stored reference picture", stem, name)
	return ""
}

func TestReferencesThroughRegistry(t *testing.T) {
	pages := loadLabPages(t)
	pictures, levels := 0, 0
	for fn, p := range pages {
		stem := strings.TrimSuffix(fn, ".png")
		pix, w, h := labInput(t, fn, p)
		im, err := NewImage(pix, w, h)
		if err != nil {
			t.Fatal(err)
		}
		for name, c := range p.Outputs {
			o := Options{Method: c.Method, Params: Params{}, Maxval: 255}
			if c.Reference != nil {
				o.Reference = *c.Reference
			}
			for k, v := range c.Params {
				o.Params[k] = v
			}
			out, err := im.Threshold(&o, nil)
			if err != nil {
				t.Errorf("%s/%s: %v", stem, name, err)
				continue
			}
			want, _, _ := readPNG(t, labOutput(t, stem, name))
			if d := DiffRGBA(make([]byte, len(want)), out.Pix, want); d != 0 {
				t.Errorf("%s/%s (%s, reference %q, %v): %d pixels differ", stem, name, c.Method, o.Reference, c.Params, d)
			}
			pictures++
		}
		// Global levels: Doxa's Otsu, and scikit-image's and ImageJ's methods where limen's default
		// is another library's.
		check := func(id, lib string, want float64) {
			m, _ := Lookup(id)
			m, err := m.As(lib)
			if err != nil {
				t.Fatal(err)
			}
			hist := HistogramOf(im.Gray(), nil)
			if got := m.Global(&hist, m.Defaults()).Level; got != want {
				t.Errorf("%s: %s with reference %s gives %v, the library %v", stem, id, lib, got, want)
			}
			levels++
		}
		check("otsu", "doxa", float64(p.DoxaOtsuLevel))
		lv := p.Levels
		if lv == nil {
			e, ok := loadExpected(t)[fn]
			if !ok {
				continue
			}
			lv = &struct {
				ImageJ  map[string]*int            `json:"imagej"`
				Skimage map[string]json.RawMessage `json:"skimage"`
			}{e.Levels.ImageJ, e.Levels.Skimage}
		}
		for id, key := range map[string]string{"otsu": "otsu", "triangle": "triangle", "isodata": "isodata",
			"li": "li", "minimum": "minimum", "mean": "mean", "yen": "yen"} {
			raw, ok := lv.Skimage[key]
			if !ok {
				continue
			}
			if string(raw) == "null" { // scikit-image raises here; limen's level is defined instead
				hist := HistogramOf(im.Gray(), nil)
				if SkimageRaises(key, &hist) == "" {
					t.Errorf("%s: scikit-image raises in %s, but SkimageRaises does not say so", stem, key)
				}
				levels++
				continue
			}
			var v float64
			if err := json.Unmarshal(raw, &v); err != nil {
				t.Fatal(err)
			}
			check(id, "skimage", v)
		}
		for id, key := range map[string]string{"otsu": "Otsu", "triangle": "Triangle"} {
			if v := lv.ImageJ[key]; v != nil {
				check(id, "imagej", float64(*v))
			}
		}
	}
	if pictures < 300 || levels < 80 {
		t.Errorf("only %d pictures and %d levels checked", pictures, levels)
	}
	t.Logf("%d pictures and %d levels, each equal to its library's", pictures, levels)
}
