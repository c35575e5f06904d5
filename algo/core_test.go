package algo

import (
	"crypto/sha256"
	"encoding/hex"
	"image"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// oracleHist is the 256-bin histogram of a public oracle image's gray version.
func oracleHist(t testing.TB, stem string) Histogram {
	return HistogramOf(oracleGray(t, stem), nil)
}

func TestGrayMatchesOpenCV(t *testing.T) {
	for _, stem := range oracleNames(t) {
		t.Run(stem, func(t *testing.T) {
			sameGray(t, oracleGray(t, stem), oracleOutput(t, stem, "gray"))
		})
	}
}

func TestGrayValueKnownColours(t *testing.T) {
	for _, c := range []struct{ r, g, b, want uint8 }{
		{0, 0, 0, 0}, {255, 255, 255, 255}, {255, 0, 0, 76}, {0, 255, 0, 150}, {0, 0, 255, 29},
		{128, 128, 128, 128}, {1, 2, 3, 2},
	} {
		if got := GrayValue(c.r, c.g, c.b); got != c.want {
			t.Errorf("GrayValue(%d,%d,%d) = %d, want %d", c.r, c.g, c.b, got, c.want)
		}
	}
	// Gray pixels map to themselves: the weights add up to 2^15.
	for v := 0; v < 256; v++ {
		if got := GrayValue(uint8(v), uint8(v), uint8(v)); got != uint8(v) {
			t.Fatalf("gray %d became %d", v, got)
		}
	}
}

func TestOtsuMatchesOpenCV(t *testing.T) {
	for fn, e := range loadExpected(t) {
		stem := strings.TrimSuffix(fn, ".png")
		h := oracleHist(t, stem)
		if got, want := Otsu(&h), e.Levels.OpenCV["otsu"]; got != want {
			t.Errorf("%s: Otsu = %d, want OpenCV's %d", stem, got, want)
		}
	}
}

// Degenerate histograms: OpenCV gives 0 for a constant image and for a 0/255 image (every level
// separates it equally; the first wins), and an empty histogram must not divide by zero.
func TestOtsuDegenerate(t *testing.T) {
	var empty, constant, twoLevel, twoBins Histogram
	constant[100] = 1000
	twoLevel[0], twoLevel[255] = 300, 700
	twoBins[50], twoBins[200] = 300, 700
	for _, c := range []struct {
		name string
		h    Histogram
		want int
	}{{"empty", empty, 0}, {"constant", constant, 0}, {"0/255", twoLevel, 0}, {"50/200", twoBins, 50}} {
		if got := Otsu(&c.h); got != c.want {
			t.Errorf("%s: Otsu = %d, want %d", c.name, got, c.want)
		}
	}
}

// The criterion's maximum is where Otsu's level is (the defining property).
func TestOtsuCriterionPeaksAtLevel(t *testing.T) {
	h := oracleHist(t, "camera")
	c := OtsuCriterion(&h, nil)
	best := 0
	for i, v := range c {
		if !math.IsNaN(v) && v > c[best] || math.IsNaN(c[best]) {
			best = i
		}
	}
	if best != Otsu(&h) {
		t.Errorf("criterion peaks at %d, Otsu says %d", best, Otsu(&h))
	}
}

func TestIterativeMatchesBook(t *testing.T) {
	for fn, e := range loadExpected(t) {
		stem := strings.TrimSuffix(fn, ".png")
		h := oracleHist(t, stem)
		got, trace := Iterative(&h, DefaultIterativeDelta)
		want := e.Levels.GWIterative
		if math.Abs(got-want.Level) > 1e-9 {
			t.Errorf("%s: T = %.12f, want %.12f", stem, got, want.Level)
		}
		if len(trace)-1 != want.Iterations {
			t.Errorf("%s: %d iterations, want %d", stem, len(trace)-1, want.Iterations)
		}
		for i := range min(len(trace), len(want.Trace)) {
			if math.Abs(trace[i]-want.Trace[i]) > 1e-9 {
				t.Errorf("%s: trace[%d] = %.12f, want %.12f", stem, i, trace[i], want.Trace[i])
			}
		}
	}
}

func TestMaxEntropyMatchesImageJ(t *testing.T) {
	n := 0
	for fn, e := range loadExpected(t) {
		stem := strings.TrimSuffix(fn, ".png")
		want := e.Levels.ImageJ["MaxEntropy"]
		if want == nil {
			continue
		}
		n++
		h := oracleHist(t, stem)
		if got := MaxEntropy(&h); got != *want {
			t.Errorf("%s: MaxEntropy = %d, want ImageJ's %d", stem, got, *want)
		}
	}
	checkedSome(t, n, "ImageJ MaxEntropy levels")
}

// The five types with any maxval, pixel-exact to OpenCV through the whole pipeline.
func TestTypesMatchOpenCV(t *testing.T) {
	cases := []struct {
		name string
		opts Options
	}{
		{"otsu_binary", Options{Method: "otsu", Type: Binary, Maxval: 255}},
		{"otsu_binary_inv", Options{Method: "otsu", Type: BinaryInv, Maxval: 255}},
		{"otsu_trunc", Options{Method: "otsu", Type: Trunc, Maxval: 255}},
		{"otsu_tozero", Options{Method: "otsu", Type: ToZero, Maxval: 255}},
		{"otsu_tozero_inv", Options{Method: "otsu", Type: ToZeroInv, Maxval: 255}},
		{"otsu_binary_maxval200", Options{Method: "otsu", Type: Binary, Maxval: 200}},
		{"manual100_trunc", Options{Method: "manual", Params: Params{"level": 100}, Type: Trunc, Maxval: 255}},
	}
	for _, stem := range oracleNames(t) {
		g := oracleGray(t, stem)
		im := NewImageGray(g)
		for _, c := range cases {
			t.Run(stem+"/"+c.name, func(t *testing.T) {
				o := c.opts
				out, err := im.Threshold(&o, nil)
				if err != nil {
					t.Fatal(err)
				}
				sameGray(t, redOf(out), oracleOutput(t, stem, c.name))
			})
		}
	}
}

// redOf returns the R channel of an Output, checking on the way that every pixel is opaque gray.
func redOf(out *Output) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, out.Width, out.Height))
	for i := range g.Pix {
		p := out.Pix[4*i : 4*i+4]
		if p[1] != p[0] || p[2] != p[0] || p[3] != 255 {
			panic("output pixel is not opaque gray")
		}
		g.Pix[i] = p[0]
	}
	return g
}

func TestTypeLUTDefinitions(t *testing.T) {
	var lut [256]uint8
	for typ := Binary; typ <= ToZeroInv; typ++ {
		for _, level := range []int{-1, 0, 77, 254, 255} {
			TypeLUT(&lut, typ, level, 200, false)
			for v := 0; v < 256; v++ {
				fg := v > level
				var want int
				switch typ {
				case Binary:
					want = map[bool]int{true: 200, false: 0}[fg]
				case BinaryInv:
					want = map[bool]int{true: 0, false: 200}[fg]
				case Trunc:
					want = map[bool]int{true: max(level, 0), false: v}[fg]
				case ToZero:
					want = map[bool]int{true: v, false: 0}[fg]
				case ToZeroInv:
					want = map[bool]int{true: 0, false: v}[fg]
				}
				if int(lut[v]) != want {
					t.Fatalf("%v level %d: v=%d gives %d, want %d", typ, level, v, lut[v], want)
				}
			}
		}
	}
	// dark swaps the two binary types only.
	TypeLUT(&lut, Binary, 100, 255, true)
	if lut[100] != 255 || lut[101] != 0 {
		t.Errorf("dark binary: lut[100]=%d lut[101]=%d, want 255 and 0", lut[100], lut[101])
	}
	TypeLUT(&lut, ToZero, 100, 255, true)
	if lut[100] != 0 || lut[101] != 101 {
		t.Errorf("dark tozero must keep OpenCV's meaning")
	}
}

func TestIntLevel(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want int
	}{{-5, -1}, {-1, -1}, {-0.5, -1}, {0, 0}, {0.99, 0}, {103.068, 103}, {254.9, 254}, {255, 255}, {1e300, 255}, {math.NaN(), -1}} {
		if got := IntLevel(c.in); got != c.want {
			t.Errorf("IntLevel(%v) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestParseType(t *testing.T) {
	for i, n := range TypeNames() {
		if typ, err := ParseType(n); err != nil || typ != Type(i) {
			t.Errorf("ParseType(%q) = %v, %v", n, typ, err)
		}
	}
	if _, err := ParseType("sideways"); err == nil || !strings.Contains(err.Error(), "sideways") {
		t.Errorf("ParseType(sideways) error %v must name it", err)
	}
}

// NoiseSampleDigest pins the generator: the same seed must give the same pixels on every platform
// and in every version (the browser tests compare wasm's noise with native Go's too).
const NoiseSampleDigest = "ebb4befc49b5b0a9"

func noiseSample() *image.Gray {
	src := image.NewGray(image.Rect(0, 0, 64, 48))
	for i := range src.Pix {
		src.Pix[i] = uint8(i * 7)
	}
	dst := image.NewGray(src.Rect)
	AddNoise(dst, src, Noise{Mean: 3, Sigma: 25, Seed: 42})
	return dst
}

func TestNoiseDeterministic(t *testing.T) {
	a, b := noiseSample(), noiseSample()
	if string(a.Pix) != string(b.Pix) {
		t.Fatal("same seed, different noise")
	}
	sum := sha256.Sum256(a.Pix)
	if got := hex.EncodeToString(sum[:8]); got != NoiseSampleDigest {
		t.Errorf("noise digest %s, want %s: the generator changed", got, NoiseSampleDigest)
	}
	// Statistics of the noise alone on a mid-gray image: mean ≈ 3, σ ≈ 25.
	src := image.NewGray(image.Rect(0, 0, 500, 400))
	for i := range src.Pix {
		src.Pix[i] = 128
	}
	dst := image.NewGray(src.Rect)
	AddNoise(dst, src, Noise{Mean: 3, Sigma: 25, Seed: 7})
	var s, s2 float64
	for _, v := range dst.Pix {
		d := float64(v) - 128
		s += d
		s2 += d * d
	}
	n := float64(len(dst.Pix))
	mean, sd := s/n, math.Sqrt(s2/n-(s/n)*(s/n))
	if math.Abs(mean-3) > 0.2 || math.Abs(sd-25) > 0.3 {
		t.Errorf("noise mean %.3f sd %.3f, want 3 and 25", mean, sd)
	}
}

func TestPortableLog(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 100000; i++ {
		x := r.Float64()
		if x == 0 {
			continue
		}
		got, want := portableLog(x), math.Log(x)
		if math.Abs(got-want) > 1e-15*math.Max(1, math.Abs(want)) {
			t.Fatalf("portableLog(%v) = %v, math.Log = %v", x, got, want)
		}
	}
}

func TestOptionsErrorsNameTheProblem(t *testing.T) {
	for _, c := range []struct {
		opts Options
		want string
	}{
		{Options{Method: "nope"}, "nope"},
		{Options{Method: "manual", Params: Params{"level": 300}}, "level"},
		{Options{Method: "manual", Params: Params{"level": math.NaN()}}, "level"},
		{Options{Method: "manual", Params: Params{"level": math.Inf(1)}}, "level"},
		{Options{Method: "otsu", Blur: &Blur{Ksize: 4}}, "ksize"},
		{Options{Method: "otsu", Noise: &Noise{Sigma: -1}}, "sigma"},
		{Options{Method: "otsu", Resize: &Resize{}}, "resize"},
	} {
		_, err := c.opts.Check()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want it to mention %q", c.opts, err, c.want)
		}
	}
	_, err := (&Options{Method: "nope"}).Check()
	for _, id := range []string{"otsu", "manual", "iterative", "max-entropy"} {
		if !strings.Contains(err.Error(), id) {
			t.Errorf("unknown-method error does not list %q: %v", id, err)
		}
	}
}

func TestRegistryIsWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range Methods() {
		if m.ID == "" || m.Name == "" || m.Reference == "" || m.About == "" {
			t.Errorf("%q: id, name, reference and about are required", m.ID)
		}
		if seen[m.ID] {
			t.Errorf("duplicate id %q", m.ID)
		}
		seen[m.ID] = true
		if (m.Kind == Global) != (m.Global != nil) || (m.Kind == Local) != (m.Local != nil) {
			t.Errorf("%q: kind %q does not match its function", m.ID, m.Kind)
		}
		for _, p := range m.Params {
			if p.Min > p.Default || p.Default > p.Max {
				t.Errorf("%q.%s: default %v outside [%v, %v]", m.ID, p.Name, p.Default, p.Min, p.Max)
			}
			if err := p.Check(p.Default); err != nil {
				t.Errorf("%q.%s: default fails its own check: %v", m.ID, p.Name, err)
			}
		}
	}
	for _, id := range []string{"manual", "iterative", "otsu", "max-entropy"} {
		if !seen[id] {
			t.Errorf("registry lacks %q", id)
		}
	}
}

// The image the pipeline hands back is the caller's buffer when it fits (no allocation), and the
// histogram is what the method saw.
func TestThresholdIntoReusesBuffer(t *testing.T) {
	g := oracleGray(t, "coins")
	im := NewImageGray(g)
	buf := make([]byte, 4*len(g.Pix))
	out, err := im.Threshold(&Options{Method: "otsu", Maxval: 255}, buf)
	if err != nil {
		t.Fatal(err)
	}
	if &out.Pix[0] != &buf[0] {
		t.Error("Threshold allocated although dst fit")
	}
	if out.Histogram != HistogramOf(g, nil) {
		t.Error("histogram differs from the image's")
	}
}

func TestMaskAndIgnoreOptions(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 4, 1))
	copy(g.Pix, []uint8{0, 10, 200, 255})
	im := NewImageGray(g)
	out, err := im.Threshold(&Options{Method: "otsu", IgnoreZero: true, IgnoreMax: true, Maxval: 255}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if out.Histogram[0] != 0 || out.Histogram[255] != 0 || out.Histogram[10] != 1 || out.Histogram[200] != 1 {
		t.Errorf("ignore options: histogram %v", out.Histogram[:11])
	}
	out, err = im.Threshold(&Options{Method: "otsu", Mask: []byte{0, 1, 1, 0}, Maxval: 255}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if out.Histogram.Total() != 2 || out.Level != 10 {
		t.Errorf("mask: %d pixels counted, level %v; want 2 and 10", out.Histogram.Total(), out.Level)
	}
	// The output still covers every pixel.
	if got := redOf(out).Pix; string(got) != string([]byte{0, 0, 255, 255}) {
		t.Errorf("mask output %v", got)
	}
	if _, err := im.Threshold(&Options{Method: "otsu", Mask: []byte{1}}, nil); err == nil || !strings.Contains(err.Error(), "mask") {
		t.Errorf("short mask: %v", err)
	}
}

func TestMaxEntropyOffsetClamps(t *testing.T) {
	h := oracleHist(t, "camera")
	m, _ := Lookup("max-entropy")
	if r := m.Global(&h, Params{"offset": 30}); r.Level != float64(MaxEntropy(&h)+30) {
		t.Errorf("offset 30: %v", r.Level)
	}
	if r := m.Global(&h, Params{"offset": 255}); r.Level != 255 {
		t.Errorf("offset 255 must clamp to 255: %v", r.Level)
	}
}

// FuzzGlobalMethods: every global method of the registry, on any histogram, returns a level in
// GlobalLevelMin..GlobalLevelMax and a criterion of 256 values.
func FuzzGlobalMethods(f *testing.F) {
	f.Add([]byte{0, 0, 5}, uint8(3))
	f.Add([]byte{255}, uint8(0))
	f.Add([]byte{1}, uint8(0)) // a picture all of gray 1 (bin 1 only): OpenCV's triangle gives −1
	f.Fuzz(func(t *testing.T, data []byte, spread uint8) {
		var h Histogram
		for i, b := range data {
			h[(i*int(spread+1)+int(b))%256] += int(b) * (i + 1)
		}
		for _, m := range MethodsOf(Global) {
			r := m.Global(&h, m.Defaults())
			if math.IsNaN(r.Level) || r.Level < GlobalLevelMin || r.Level > GlobalLevelMax {
				t.Fatalf("%s: level %v out of %d..%d", m.ID, r.Level, GlobalLevelMin, GlobalLevelMax)
			}
			if m.Criterion != nil && len(m.Criterion(&h, m.Defaults())) != 256 {
				t.Fatalf("%s: criterion must have 256 values", m.ID)
			}
		}
	})
}

func BenchmarkGrayFromRGBA12MP(b *testing.B) {
	w, h := 4000, 3000
	pix := make([]byte, 4*w*h)
	for i := range pix {
		pix[i] = uint8(i * 31)
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	var hist Histogram
	b.SetBytes(int64(len(pix)))
	b.ReportAllocs()
	for b.Loop() {
		GrayFromRGBA(g, pix, &hist)
	}
}

func BenchmarkOtsuPipeline12MP(b *testing.B) {
	w, h := 4000, 3000
	pix := make([]byte, 4*w*h)
	for i := range pix {
		pix[i] = uint8(i * 31)
	}
	dst := make([]byte, len(pix))
	b.SetBytes(int64(len(pix)))
	b.ReportAllocs()
	for b.Loop() {
		im, _ := NewImage(pix, w, h)
		if _, err := im.Threshold(&Options{Method: "otsu", Maxval: 255}, dst); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRelevel12MP(b *testing.B) {
	w, h := 4000, 3000
	pix := make([]byte, 4*w*h)
	for i := range pix {
		pix[i] = uint8(i * 31)
	}
	dst := make([]byte, len(pix))
	im, _ := NewImage(pix, w, h)
	b.SetBytes(int64(len(pix)))
	b.ReportAllocs()
	lv := 0.0
	for b.Loop() {
		lv = math.Mod(lv+37, 256)
		if _, err := im.Threshold(&Options{Method: "manual", Params: Params{"level": lv}, Maxval: 255}, dst); err != nil {
			b.Fatal(err)
		}
	}
}

// The word-at-a-time fast paths equal the plain loops on every row length (tails included) and on
// every colour channel value.
func TestFastPathsMatchPlainLoops(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, w := range []int{1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 64, 101} {
		h := 3
		pix := make([]byte, 4*w*h)
		for i := range pix {
			pix[i] = uint8(r.IntN(256))
		}
		g := image.NewGray(image.Rect(0, 0, w, h))
		var hist Histogram
		GrayFromRGBA(g, pix, &hist)
		var want Histogram
		for i := 0; i < w*h; i++ {
			v := GrayValue(pix[4*i], pix[4*i+1], pix[4*i+2])
			if g.Pix[i] != v {
				t.Fatalf("w=%d pixel %d: %d, want %d", w, i, g.Pix[i], v)
			}
			want[v]++
		}
		if hist != want {
			t.Fatalf("w=%d: histogram differs", w)
		}
		var lut [256]uint8
		for i := range lut {
			lut[i] = uint8(255 - i)
		}
		out := make([]byte, 4*w*h)
		WriteRGBA(out, g, &lut)
		for i, v := range g.Pix {
			if o := out[4*i : 4*i+4]; o[0] != 255-v || o[1] != 255-v || o[2] != 255-v || o[3] != 255 {
				t.Fatalf("w=%d: WriteRGBA pixel %d = %v", w, i, o)
			}
		}
	}
	// Extreme channel values, where a lane could carry into its neighbour.
	for _, c := range [][4]byte{{255, 255, 255, 255}, {255, 0, 255, 0}, {0, 255, 0, 255}, {255, 255, 0, 7}} {
		pix := make([]byte, 4*8)
		for i := 0; i < 8; i++ {
			copy(pix[4*i:], c[:])
		}
		g := image.NewGray(image.Rect(0, 0, 8, 1))
		GrayFromRGBA(g, pix, nil)
		for _, v := range g.Pix {
			if v != GrayValue(c[0], c[1], c[2]) {
				t.Fatalf("colour %v: %d", c, v)
			}
		}
	}
}

// dark swaps binary and binary-inv for local methods as for global ones: also OpenCV's
// adaptiveThreshold, whose rounding of a fractional C follows the output's type.
func TestDarkAppliesToLocalMethods(t *testing.T) {
	g := oracleGray(t, "uneven_text")
	for _, m := range []Options{{Method: "sauvola"}, {Method: "adaptive-mean", Params: Params{"C": 2.5}}, {Method: "adaptive-gaussian", Params: Params{"C": -3.5}}} {
		for _, typ := range []Type{Binary, BinaryInv} {
			light, err := NewImageGray(g).Threshold(&Options{Method: m.Method, Params: m.Params, Type: typ, Maxval: 255}, nil)
			if err != nil {
				t.Fatal(err)
			}
			dark, err := NewImageGray(g).Threshold(&Options{Method: m.Method, Params: m.Params, Type: typ ^ 1, Maxval: 255, Dark: true}, nil)
			if err != nil {
				t.Fatal(err)
			}
			sameGray(t, redOf(dark), redOf(light))
		}
	}
}
