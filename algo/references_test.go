package algo

import (
	"encoding/json"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The references through the registry, as limen.threshold runs them: every method × reference
// pair the public oracle has a result for, by its id, its reference and its parameters' names,
// through Image.Threshold, tolerance 0, and each library's levels and pictures on the oracle's
// images for the methods whose default it is. The algorithm files' own tests check the functions;
// this one checks the rows that wire them (a wrong function, parameter or default would show here),
// and fails for a method × reference of the registry that no test compares with its library.
// With -v it prints the table of what it checked.

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
	table := referenceTable{}
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
			table.add(c.Method, o.Reference, stem, true)
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
			table.add(id, lib, stem, false)
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
				table.add(id, "skimage", stem, false)
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
	// The public oracle's images: each library's levels and pictures for the methods whose default
	// it is (the pictures and types as TestLocalOracle and TestTypesMatchOpenCV check them).
	for _, stem := range oracleNames(t) {
		e := loadExpected(t)[stem+".png"]
		g := oracleGray(t, stem)
		im := NewImageGray(g)
		hist := HistogramOf(g, nil)
		level := func(id, lib string, p Params) float64 {
			m, _ := Lookup(id)
			m, err := m.As(lib)
			if err != nil {
				t.Fatal(err)
			}
			q := m.Defaults()
			for k, v := range p {
				q[k] = v
			}
			table.add(id, lib, stem, false)
			levels++
			return m.Global(&hist, q).Level
		}
		for name, id := range imagejIDs {
			if want := e.Levels.ImageJ[name]; want != nil {
				if got := level(id, "imagej", nil); got != float64(*want) {
					t.Errorf("%s: %s with reference imagej gives %v, ImageJ %d", stem, id, got, *want)
				}
			}
		}
		for _, id := range []string{"otsu", "triangle"} {
			if want, ok := e.Levels.OpenCV[id]; ok {
				if got := level(id, "opencv", nil); got != float64(want) {
					t.Errorf("%s: %s with reference opencv gives %v, OpenCV %d", stem, id, got, want)
				}
			}
		}
		for _, classes := range []int{3, 4} {
			raw, ok := e.Levels.Skimage["multiotsu_"+strconv.Itoa(classes)]
			if !ok {
				continue
			}
			var want []int
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 { // scikit-image raises here; limen's levels are defined instead
				if _, err := MultiOtsu(&hist, classes); err == nil {
					t.Errorf("%s: scikit-image raises in multi-otsu of %d classes, but MultiOtsu does not", stem, classes)
				}
				table.add("multi-otsu", "skimage", stem, false)
				levels++
				continue
			}
			m, _ := Lookup("multi-otsu")
			q := m.Defaults()
			q["classes"] = float64(classes)
			if got := m.Global(&hist, q).Levels; !slices.Equal(got, want) {
				t.Errorf("%s: multi-otsu of %d classes gives %v, scikit-image %v", stem, classes, got, want)
			}
			table.add("multi-otsu", "skimage", stem, false)
			levels++
		}
		picture := func(name string, o Options) {
			if !hasOutput(stem, name) {
				return
			}
			out, err := im.Threshold(&o, nil)
			if err != nil {
				t.Fatal(err)
			}
			if d := diffGray(redOf(out), oracleOutput(t, stem, name)); d != 0 {
				t.Errorf("%s/%s: %d pixels differ", stem, name, d)
			}
			table.add(o.Method, o.Reference, stem, true)
			pictures++
		}
		for _, c := range localOracleCases {
			p := Params{}
			for k, v := range c.params {
				p[k] = v
			}
			picture(c.name, Options{Method: c.method, Params: p, Type: Binary, Maxval: 255})
		}
		for _, name := range []string{"otsu_binary", "otsu_binary_inv", "otsu_trunc", "otsu_tozero", "otsu_tozero_inv"} {
			typ, _ := ParseType(strings.ReplaceAll(strings.TrimPrefix(name, "otsu_"), "_", "-"))
			picture(name, Options{Method: "otsu", Type: typ, Maxval: 255})
		}
		picture("otsu_binary_maxval200", Options{Method: "otsu", Type: Binary, Maxval: 200})
		picture("manual100_trunc", Options{Method: "manual", Params: Params{"level": 100}, Type: Trunc, Maxval: 255})
	}
	if pictures < 400 || levels < 280 {
		t.Errorf("only %d pictures and %d levels checked", pictures, levels)
	}
	t.Logf("%d pictures and %d levels, each equal to its library's", pictures, levels)
	table.check(t)
}

// referenceTable counts, for each method × reference, the pictures and levels compared and on how
// many images: the table of what is checked (go test -run TestReferencesThroughRegistry -v prints
// it).
type referenceTable map[[2]string]*struct {
	pictures, levels int
	images           map[string]bool
}

func (tb referenceTable) add(method, ref, image string, picture bool) {
	if ref == "" {
		m, _ := Lookup(method)
		ref = m.Library
	}
	e := tb[[2]string{method, ref}]
	if e == nil {
		e = &struct {
			pictures, levels int
			images           map[string]bool
		}{images: map[string]bool{}}
		tb[[2]string{method, ref}] = e
	}
	if picture {
		e.pictures++
	} else {
		e.levels++
	}
	e.images[image] = true
}

// imagejIDs maps ImageJ's names of its auto-threshold methods to limen's ids.
var imagejIDs = map[string]string{
	"Default": "default", "Huang": "huang", "IJ_IsoData": "ij-isodata", "Intermodes": "intermodes",
	"IsoData": "isodata", "Li": "li", "MaxEntropy": "max-entropy", "Mean": "mean", "MinError": "min-error",
	"Minimum": "minimum", "Moments": "moments", "Otsu": "otsu", "Percentile": "percentile",
	"RenyiEntropy": "renyi-entropy", "Shanbhag": "shanbhag", "Triangle": "triangle", "Yen": "yen",
}

// checkedElsewhere names, for each method × reference this test's oracle has no case of, the test
// that compares it with its library (on the oracle's images, stored cases or the library run live).
var checkedElsewhere = map[[2]string]string{
	{"bernsen", "fiji"}:        "TestFijiReference",
	{"local-contrast", "fiji"}: "TestFijiReference",
	{"local-mean", "fiji"}:     "TestFijiReference",
	{"local-median", "fiji"}:   "TestFijiReference",
	{"local-midgrey", "fiji"}:  "TestFijiReference",
	{"phansalkar", "fiji"}:     "TestFijiReference",
}

// check logs the table, one row per method × reference of the registry, and fails for a pair that
// no test compares with its library.
func (tb referenceTable) check(t *testing.T) {
	src := ""
	files, _ := filepath.Glob("*_test.go")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		src += string(b)
	}
	var sb strings.Builder
	sb.WriteString("\n| method | reference | pictures | levels | images | also checked by |\n|---|---|---|---|---|---|\n")
	for _, m := range Methods() {
		for _, lib := range m.Libraries() {
			if lib == "gw" || lib == "paper" {
				continue // no library computes it: nothing to be exact to
			}
			key := [2]string{m.ID, lib}
			e, other := tb[key], checkedElsewhere[key]
			if other != "" && !strings.Contains(src, "func "+other+"(") {
				t.Errorf("%s/%s: checkedElsewhere names %s, which is no test here", m.ID, lib, other)
			}
			if e == nil {
				if other == "" {
					t.Errorf("%s with reference %s: no test compares it with its library", m.ID, lib)
				}
				sb.WriteString("| " + m.ID + " | " + lib + " | 0 | 0 | 0 | " + other + " |\n")
				continue
			}
			sb.WriteString("| " + m.ID + " | " + lib + " | " + strconv.Itoa(e.pictures) + " | " + strconv.Itoa(e.levels) +
				" | " + strconv.Itoa(len(e.images)) + " | " + other + " |\n")
		}
	}
	t.Log(sb.String())
}

// diffGray counts the pixels where got and want differ (every pixel when their sizes differ).
func diffGray(got, want *image.Gray) int {
	if got.Rect.Size() != want.Rect.Size() {
		return want.Rect.Dx() * want.Rect.Dy()
	}
	d := 0
	for y := 0; y < want.Rect.Dy(); y++ {
		for x := 0; x < want.Rect.Dx(); x++ {
			if got.Pix[y*got.Stride+x] != want.Pix[y*want.Stride+x] {
				d++
			}
		}
	}
	return d
}
