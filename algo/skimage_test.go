package algo

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"image"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The scikit-image 0.19.3 and ImageJ 1.53t references of skimage.go, skimage_local.go,
// imagej_ot.go and numpymath.go, checked against goldens in testdata/refs (made by
// testdata/refs/gen_refs.py, see the README there) and the oracle's levels and pictures, tolerance
// 0: float levels bit for bit, pictures pixel for pixel.

const refsDir = "testdata/refs"

// gzLines returns the lines of a gzipped text file.
func gzLines(t testing.TB, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var lines []string
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		if l := sc.Text(); l != "" {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return lines
}

// parseHistWant splits a golden line "256 counts<TAB>answers" into the histogram and the answers.
func parseHistWant(t testing.TB, line string) (Histogram, []string) {
	t.Helper()
	parts := strings.Split(line, "\t")
	counts := strings.Fields(parts[0])
	if len(parts) != 2 || len(counts) != 256 {
		t.Fatalf("bad golden line %.80q", line)
	}
	var h Histogram
	for i, s := range counts {
		c, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		h[i] = c
	}
	return h, strings.Fields(parts[1])
}

// skimageGlobals lists the functions in the goldens' column order.
var skimageGlobals = []struct {
	name string
	f    func(*Histogram) float64
}{
	{"otsu", SkimageOtsu}, {"yen", SkimageYen}, {"isodata", SkimageIsodata}, {"li", SkimageLi},
	{"minimum", SkimageMinimum}, {"mean", SkimageMean}, {"triangle", SkimageTriangle},
}

// checkSkimageLevel compares one level with scikit-image's answer: want is a float, or nil where
// scikit-image raised (then limen's documented value: 0 for an empty histogram, else the largest
// value, and SkimageRaises must name an exception for the methods that raise on non-empty images).
// A NaN answer (li and mean of an empty image) stands for limen's 0.
func checkSkimageLevel(t *testing.T, what, method string, h *Histogram, got float64, want *float64) {
	t.Helper()
	lo, hi, ok := skimageRange(h)
	_ = lo
	switch {
	case want == nil && !ok:
		if got != 0 {
			t.Errorf("%s: %s of an empty histogram: %v, want limen's 0", what, method, got)
		}
	case want == nil:
		if got != float64(hi) {
			t.Errorf("%s: %s where scikit-image raises: %v, want the largest value %d", what, method, got, hi)
		}
		if SkimageRaises(method, h) == "" {
			t.Errorf("%s: scikit-image raises in %s, SkimageRaises says nothing", what, method)
		}
	case math.IsNaN(*want) && !ok:
		if got != 0 {
			t.Errorf("%s: %s of an empty histogram: %v, want limen's 0", what, method, got)
		}
	default:
		if math.Float64bits(got) != math.Float64bits(*want) {
			t.Errorf("%s: %s = %v (%x), scikit-image %v (%x)", what, method, got, math.Float64bits(got), *want, math.Float64bits(*want))
		}
		if ok && SkimageRaises(method, h) != "" {
			t.Errorf("%s: %s: SkimageRaises says %q where scikit-image returns %v", what, method, SkimageRaises(method, h), *want)
		}
	}
}

func TestSkimageGlobalStored(t *testing.T) {
	lines := gzLines(t, filepath.Join(refsDir, "skimage_global.txt.gz"))
	checked := map[string]int{}
	for i, l := range lines {
		h, want := parseHistWant(t, l)
		if len(want) != len(skimageGlobals) {
			t.Fatalf("line %d: %d answers", i+1, len(want))
		}
		for j, m := range skimageGlobals {
			var w *float64
			if !strings.HasPrefix(want[j], "!") {
				v, err := strconv.ParseFloat(want[j], 64)
				if err != nil {
					t.Fatalf("line %d: %v", i+1, err)
				}
				w = &v
			}
			checkSkimageLevel(t, "line "+strconv.Itoa(i+1), m.name, &h, m.f(&h), w)
			checked[m.name]++
		}
	}
	for _, m := range skimageGlobals {
		checkedSome(t, checked[m.name], m.name+" goldens")
	}
	t.Logf("%d histograms, 7 methods each", len(lines))
}

// labLevels is testdata/refs/lab.json: the oracle's levels of the document pages (which
// expected.json lacks) and its threshold_local pictures.
type labRefs struct {
	Levels map[string]struct {
		Skimage map[string]*float64
		ImageJ  map[string]int `json:"imagej"`
	}
	Local []struct {
		Page, Src, Name, Method string
		BlockSize               int
		C                       float64
	}
}

func loadLab(t testing.TB) labRefs {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(refsDir, "lab.json"))
	if err != nil {
		t.Fatal(err)
	}
	var l labRefs
	if err := json.Unmarshal(b, &l); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestSkimageOracleLevels(t *testing.T) {
	n := 0
	check := func(what string, h *Histogram, levels map[string]*float64) {
		for _, m := range skimageGlobals {
			w, ok := levels[m.name]
			if !ok {
				continue // constant.png: the oracle made no call
			}
			checkSkimageLevel(t, what, m.name, h, m.f(h), w)
			n++
		}
	}
	for fn, e := range loadExpected(t) {
		stem := strings.TrimSuffix(fn, ".png")
		levels := map[string]*float64{}
		for k, raw := range e.Levels.Skimage {
			var v *float64
			if err := json.Unmarshal(raw, &v); err == nil {
				levels[k] = v
			}
		}
		h := oracleHist(t, stem)
		check(stem, &h, levels)
	}
	for page, e := range loadLab(t).Levels {
		g := refsGray(t, "lab/docs/"+page+".png")
		h := HistogramOf(g, nil)
		check(page, &h, e.Skimage)
	}
	checkedSome(t, n, "scikit-image levels")
	t.Logf("%d levels", n)
}

// labGray reads a picture under testdata/ as OpenCV's gray.
func refsGray(t testing.TB, rel string) *image.Gray {
	t.Helper()
	pix, w, h := readPNG(t, filepath.Join("testdata", rel))
	g := image.NewGray(image.Rect(0, 0, w, h))
	GrayFromRGBA(g, pix, nil)
	return g
}

func TestIJOtsuTriangle(t *testing.T) {
	no, nt := 0, 0
	check := func(what string, h *Histogram, otsu, tri *int) {
		t.Helper()
		if otsu != nil {
			if g := IJOtsu(h); g != *otsu {
				t.Errorf("%s: IJOtsu = %d, ImageJ %d", what, g, *otsu)
			}
			no++
		}
		if tri != nil {
			if g := IJTriangle(h); g != *tri {
				t.Errorf("%s: IJTriangle = %d, ImageJ %d", what, g, *tri)
			}
			nt++
		}
	}
	// The generated histograms.
	for i, l := range gzLines(t, filepath.Join(refsDir, "imagej_ot.txt.gz")) {
		h, want := parseHistWant(t, l)
		o, err1 := strconv.Atoi(want[0])
		tr, err2 := strconv.Atoi(want[1])
		if err1 != nil || err2 != nil {
			t.Fatalf("imagej_ot line %d: %q", i+1, want)
		}
		check("imagej_ot line "+strconv.Itoa(i+1), &h, &o, &tr)
	}
	// The cases stored for the other ImageJ methods (testdata/imagej), which have these two too.
	hs := readHistLines(t, imagejGoldenIn)
	outs, err := os.ReadFile(imagejGoldenOut)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSpace(string(outs)), "\n") {
		m, err := parseIJLine([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		check("imagej case "+strconv.Itoa(i+1), &hs[i], m["Otsu"], m["Triangle"])
	}
	// The oracle's images and pages.
	for fn, e := range loadExpected(t) {
		stem := strings.TrimSuffix(fn, ".png")
		h := oracleHist(t, stem)
		check(stem, &h, e.Levels.ImageJ["Otsu"], e.Levels.ImageJ["Triangle"])
	}
	for page, e := range loadLab(t).Levels {
		h := HistogramOf(refsGray(t, "lab/docs/"+page+".png"), nil)
		o, tr := e.ImageJ["Otsu"], e.ImageJ["Triangle"]
		check(page, &h, &o, &tr)
	}
	checkedSome(t, no, "ImageJ Otsu levels")
	checkedSome(t, nt, "ImageJ Triangle levels")
	t.Logf("Otsu %d, Triangle %d histograms", no, nt)
}

func TestNumpyMath(t *testing.T) {
	n := map[string]int{}
	for _, l := range gzLines(t, filepath.Join(refsDir, "numpy_math.txt.gz")) {
		f := strings.Fields(l)
		if f[0] == "kernel" {
			b, _ := strconv.Atoi(f[1])
			k := skimageGaussianKernel(b)
			r := len(k) - 1
			full := make([]byte, 0, 8*(2*r+1))
			for i := -r; i <= r; i++ {
				full = binary.LittleEndian.AppendUint64(full, math.Float64bits(k[max(i, -i)]))
			}
			sum := sha256.Sum256(full)
			if hex.EncodeToString(sum[:]) != f[2] {
				c, _ := strconv.ParseUint(f[3], 16, 64)
				t.Errorf("Gaussian kernel for B = %d differs from SciPy's (centre %v, SciPy %v)", b, k[0], math.Float64frombits(c))
			}
			n["kernel"]++
			continue
		}
		x, err1 := strconv.ParseUint(f[1], 16, 64)
		y, err2 := strconv.ParseUint(f[2], 16, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad line %q", l)
		}
		var got uint64
		switch f[0] {
		case "log":
			got = math.Float64bits(npLog(math.Float64frombits(x)))
		case "exp":
			got = math.Float64bits(npExp(math.Float64frombits(x)))
		case "logf":
			got = uint64(math.Float32bits(npLogf(math.Float32frombits(uint32(x)))))
		default:
			t.Fatalf("bad line %q", l)
		}
		nan := f[0] == "logf" && math.IsNaN(float64(math.Float32frombits(uint32(y)))) && math.IsNaN(float64(math.Float32frombits(uint32(got)))) ||
			f[0] != "logf" && math.IsNaN(math.Float64frombits(y)) && math.IsNaN(math.Float64frombits(got))
		if got != y && !nan {
			t.Errorf("%s(%s) = %x, NumPy %s", f[0], f[1], got, f[2])
		}
		n[f[0]]++
	}
	for _, k := range []string{"log", "logf", "exp", "kernel"} {
		checkedSome(t, n[k], k+" values")
	}
	t.Logf("checked %v", n)
}

// levelsToBinary is the picture src > T that scikit-image's references show (255 foreground).
func levelsToBinary(src *image.Gray, lm *LevelMap) *image.Gray {
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

func skimageLocal(method string, src *image.Gray, b int, c float64) *LevelMap {
	lm := NewLevelMap(src.Rect)
	if method == "gaussian" {
		SkimageLocalGaussian(lm, src, b, c)
	} else {
		SkimageLocalMean(lm, src, b, c)
	}
	return lm
}

func TestSkimageLocalOracle(t *testing.T) {
	n := 0
	for _, c := range loadLab(t).Local {
		src := refsGray(t, c.Src)
		method := strings.TrimPrefix(c.Method, "adaptive-")
		pix, w, h := readPNG(t, filepath.Join(refsDir, "local", c.Page, c.Name+".png"))
		want := image.NewGray(image.Rect(0, 0, w, h))
		for i := range want.Pix {
			want.Pix[i] = pix[4*i]
		}
		t.Run(c.Page+"/"+c.Name, func(t *testing.T) {
			sameGray(t, levelsToBinary(src, skimageLocal(method, src, c.BlockSize, c.C)), want)
		})
		n++
	}
	checkedSome(t, n, "threshold_local pictures")
}

func TestSkimageLocalStored(t *testing.T) {
	f, err := os.Open(filepath.Join(refsDir, "skimage_local.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		W, H      int
		Src, Want string
		B         int
		Method    string
		C         float64
	}
	if err := json.NewDecoder(zr).Decode(&cases); err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, c := range cases {
		sp, err1 := base64.StdEncoding.DecodeString(c.Src)
		wp, err2 := base64.StdEncoding.DecodeString(c.Want)
		if err1 != nil || err2 != nil || len(sp) != c.W*c.H || len(wp) != c.W*c.H {
			t.Fatalf("case %d: bad pixels", i)
		}
		src := &image.Gray{Pix: sp, Stride: c.W, Rect: image.Rect(0, 0, c.W, c.H)}
		got := levelsToBinary(src, skimageLocal(c.Method, src, c.B, c.C))
		for j := range wp {
			if got.Pix[j] != wp[j] {
				if bad++; bad <= 5 {
					t.Errorf("case %d (%dx%d, %s, B=%d, C=%v): pixel (%d,%d) = %d, scikit-image %d",
						i, c.W, c.H, c.Method, c.B, c.C, j%c.W, j/c.W, got.Pix[j], wp[j])
				}
				break
			}
		}
	}
	checkedSome(t, len(cases), "threshold_local goldens")
	if bad > 0 {
		t.Errorf("%d of %d cases differ", bad, len(cases))
	}
}

// TestSkimageLocalEdgeCases: sizes and parameters scikit-image rejects or never sees get the
// documented answer, never a panic: an even or non-positive blockSize is made odd (≥ 1), and
// blockSize 1 compares each pixel with itself minus the offset.
func TestSkimageLocalEdgeCases(t *testing.T) {
	src := image.NewGray(image.Rect(3, 5, 8, 9)) // a sub-image origin, 5×4
	for i := range src.Pix {
		src.Pix[i] = uint8(i * 37)
	}
	for _, method := range []string{"mean", "gaussian"} {
		for _, b := range []int{-4, 0, 1} {
			lm := skimageLocal(method, src, b, 2)
			for i, v := range src.Pix {
				if want := FloorLevel(float64(v) - 2); lm.L[i] != want {
					t.Fatalf("%s B=%d: level %d at %d, want v − 2 = %d", method, b, lm.L[i], i, want)
				}
			}
		}
		a, b := skimageLocal(method, src, 10, 0.5), skimageLocal(method, src, 11, 0.5)
		for i := range a.L {
			if a.L[i] != b.L[i] {
				t.Fatalf("%s: blockSize 10 should act as 11", method)
			}
		}
		skimageLocal(method, src, 1001, 0) // far larger than the picture: the mirroring repeats
		skimageLocal(method, image.NewGray(image.Rect(0, 0, 0, 3)), 11, 0)
	}
	// A flat picture: the mean of a constant is the constant, so T = c − offset exactly.
	flat := image.NewGray(image.Rect(0, 0, 40, 30))
	for i := range flat.Pix {
		flat.Pix[i] = 77
	}
	lm := skimageLocal("mean", flat, 31, 2)
	for i, l := range lm.L {
		if l != 75 {
			t.Fatalf("flat 77, offset 2: level %d at %d, want 75", l, i)
		}
	}
}

func benchSkimageLocal(b *testing.B, method string, block int) {
	const w, h = 2048, 2048 // 4 MP
	src := image.NewGray(image.Rect(0, 0, w, h))
	for i := range src.Pix {
		src.Pix[i] = uint8((i*7 + i/w*13) ^ (i >> 5))
	}
	lm := NewLevelMap(src.Rect)
	b.SetBytes(w * h)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if method == "gaussian" {
			SkimageLocalGaussian(lm, src, block, 2)
		} else {
			SkimageLocalMean(lm, src, block, 2)
		}
	}
}

func BenchmarkSkimageLocalMean4MP_11(b *testing.B)     { benchSkimageLocal(b, "mean", 11) }
func BenchmarkSkimageLocalMean4MP_101(b *testing.B)    { benchSkimageLocal(b, "mean", 101) }
func BenchmarkSkimageLocalGaussian4MP_11(b *testing.B) { benchSkimageLocal(b, "gaussian", 11) }
func BenchmarkSkimageLocalGaussian4MP_31(b *testing.B) { benchSkimageLocal(b, "gaussian", 31) }
