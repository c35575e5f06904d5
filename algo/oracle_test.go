package algo

import (
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// checkedSome fails a test that looped over reference entries, skipping the ones it had nothing to
// compare for, and compared none: a renamed key or a missing file must not pass silently.
func checkedSome(t testing.TB, n int, what string) {
	t.Helper()
	if n == 0 {
		t.Fatalf("no %s found: nothing was checked", what)
	}
}

// The public oracle, copied from ../shared/oracle into testdata/oracle with its licences: images,
// and what OpenCV 4.6, scikit-image 0.19.3 and ImageJ 1.53t give on them (see CONVENTIONS.md there).
const oracleDir = "testdata/oracle"

type oracleImage struct {
	Width, Height int
	Levels        struct {
		GWIterative struct {
			Level      float64
			Iterations int
			Trace      []float64
		} `json:"gw_iterative"`
		ImageJ  map[string]*int            `json:"imagej"`
		OpenCV  map[string]int             `json:"opencv"`
		Skimage map[string]json.RawMessage `json:"skimage"`
	}
	Outputs []string
}

// loadExpected reads expected.json: image file name → references.
func loadExpected(t testing.TB) map[string]oracleImage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(oracleDir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e struct{ Images map[string]oracleImage }
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	return e.Images
}

// oracleNames returns the image stems ("camera", …) in order.
func oracleNames(t testing.TB) []string {
	var names []string
	for fn := range loadExpected(t) {
		names = append(names, strings.TrimSuffix(fn, ".png"))
	}
	sort.Strings(names)
	return names
}

// readPNG decodes a PNG file into RGBA bytes (what a browser canvas gives, opaque references) and
// its size.
func readPNG(t testing.TB, path string) ([]byte, int, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	r := img.Bounds()
	pix := make([]byte, 0, 4*r.Dx()*r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			pix = append(pix, c.R, c.G, c.B, c.A)
		}
	}
	return pix, r.Dx(), r.Dy()
}

// oracleGray returns the gray image of testdata/oracle/images/<stem>.png, converted as OpenCV does.
func oracleGray(t testing.TB, stem string) *image.Gray {
	t.Helper()
	pix, w, h := readPNG(t, filepath.Join(oracleDir, "images", stem+".png"))
	g := image.NewGray(image.Rect(0, 0, w, h))
	GrayFromRGBA(g, pix, nil)
	return g
}

// oracleOutput returns testdata/oracle/out/<stem>/<name>.png, an 8-bit gray reference output.
func oracleOutput(t testing.TB, stem, name string) *image.Gray {
	t.Helper()
	pix, w, h := readPNG(t, filepath.Join(oracleDir, "out", stem, name+".png"))
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = pix[4*i]
	}
	return g
}

// hasOutput reports whether the oracle has out/<stem>/<name>.png.
func hasOutput(stem, name string) bool {
	_, err := os.Stat(filepath.Join(oracleDir, "out", stem, name+".png"))
	return err == nil
}

// sameGray fails t unless got and want have the same size and pixels (tolerance 0), reporting the
// number of differing pixels and the first one.
func sameGray(t testing.TB, got, want *image.Gray) {
	t.Helper()
	if got.Rect.Dx() != want.Rect.Dx() || got.Rect.Dy() != want.Rect.Dy() {
		t.Fatalf("size %v, want %v", got.Rect.Size(), want.Rect.Size())
	}
	w, h := want.Rect.Dx(), want.Rect.Dy()
	bad, fx, fy := 0, -1, -1
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g := got.Pix[y*got.Stride+x]
			e := want.Pix[y*want.Stride+x]
			if g != e {
				if bad == 0 {
					fx, fy = x, y
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d pixels differ; first at (%d,%d): got %d want %d", bad, w*h, fx, fy,
			got.Pix[fy*got.Stride+fx], want.Pix[fy*want.Stride+fx])
	}
}
