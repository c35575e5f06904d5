package algo

import (
	"bufio"
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// imagejTable lists limen's ImageJ methods: registry id, ImageJ's name, the exported function and
// the private one that returns ImageJ's raw result (-1 for "not found", and for MinError the levels
// outside 0..255 that ImageJ returns and limen clamps).
var imagejTable = []struct {
	id, ij string
	f      func(*Histogram) int
	raw    func(*[256]int32) int32
}{
	{"default", "Default", IJDefault, ijDefault},
	{"huang", "Huang", Huang, func(d *[256]int32) int32 { return huang(d, nil) }},
	{"intermodes", "Intermodes", Intermodes, intermodes},
	{"isodata", "IsoData", IsoData, isoData},
	{"ij-isodata", "IJ_IsoData", IJIsoData, ijIsoData},
	{"li", "Li", Li, li},
	{"max-entropy", "MaxEntropy", MaxEntropy, func(d *[256]int32) int32 { return maxEntropy(d, nil) }},
	{"mean", "Mean", Mean, mean},
	{"min-error", "MinError", MinError, minError},
	{"minimum", "Minimum", Minimum, minimum},
	{"moments", "Moments", Moments, moments},
	{"percentile", "Percentile", Percentile, func(d *[256]int32) int32 { return percentile(d, nil) }},
	{"renyi-entropy", "RenyiEntropy", RenyiEntropy, func(d *[256]int32) int32 { return renyiEntropy(d, nil) }},
	{"shanbhag", "Shanbhag", Shanbhag, func(d *[256]int32) int32 { return shanbhag(d, nil) }},
	{"yen", "Yen", Yen, func(d *[256]int32) int32 { return yen(d, nil) }},
}

// ijResult is getThreshold's answer for a raw result: -1 becomes 0.
func ijResult(raw int32) int {
	if raw == -1 {
		return 0
	}
	return int(raw)
}

// checkImageJ compares every method on h with one ijthresh output line: the raw result must be
// ImageJ's and, when levels is set, the level (the exported function) ImageJ's clamped to 0..255.
func checkImageJ(t *testing.T, name string, h *Histogram, want map[string]*int, levels bool) {
	t.Helper()
	d := javaCounts(h)
	for _, m := range imagejTable {
		if _, ok := want[m.ij]; !ok {
			t.Fatalf("%s: no %s in ImageJ's answer", name, m.ij)
		}
		w := imagejWant(want, m.ij)
		if got := ijResult(m.raw(&d)); got != w {
			t.Errorf("%s: %s computes %d, ImageJ %d", name, m.id, got, w)
		}
		if !levels {
			continue
		}
		if got := m.f(h); got != min(max(w, 0), 255) {
			t.Errorf("%s: %s = %d, ImageJ %d", name, m.id, got, w)
		}
		if r, ok := Lookup(m.id); !ok || r.Global(h, r.Defaults()).Level != float64(min(max(w, 0), 255)) {
			t.Errorf("%s: the registry's %s does not give ImageJ's %d", name, m.id, w)
		}
	}
}

// readIJOut reads ijthresh output lines.
func readIJOut(t testing.TB, path string) []map[string]*int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]*int
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		m, err := parseIJLine(sc.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, m)
	}
	return out
}

// The public oracle: ImageJ's level for every method on every image that has an imagej block.
func TestImageJMatchesOracleImages(t *testing.T) {
	n := 0
	for fn, e := range loadExpected(t) {
		if e.Levels.ImageJ == nil {
			continue
		}
		stem := strings.TrimSuffix(fn, ".png")
		h := HistogramOf(oracleGray(t, stem), nil)
		checkImageJ(t, stem, &h, e.Levels.ImageJ, true)
		n++
	}
	if n == 0 {
		t.Fatal("no image of the oracle has an imagej block")
	}
}

// The oracle's own ijthresh tests: bimodal, twobins, camera, constant100 and edge (a 0/255 image,
// a one-value image, an empty histogram, on which ImageJ's Intermodes throws).
func TestImageJMatchesOracleTests(t *testing.T) {
	dir := "testdata/imagej-tests"
	for _, name := range []string{"bimodal", "twobins", "camera", "constant100", "edge"} {
		hs := readHistLines(t, filepath.Join(dir, name+".txt"))
		outs := readIJOut(t, filepath.Join(dir, name+".out.json"))
		if len(hs) != len(outs) || len(hs) == 0 {
			t.Fatalf("%s: %d histograms, %d answers", name, len(hs), len(outs))
		}
		for i := range hs {
			checkImageJ(t, name, &hs[i], outs[i], true)
		}
	}
}

// The stored differential cases (written by TestImageJDifferential -update-imagej): ImageJ's
// answers on a few hundred generated histograms, checked without Java.
func TestImageJStoredCases(t *testing.T) {
	hs := readHistLines(t, imagejGoldenIn)
	outs := readIJOut(t, imagejGoldenOut)
	if len(hs) != len(outs) || len(hs) < 100 {
		t.Fatalf("%d histograms, %d answers", len(hs), len(outs))
	}
	for i := range hs {
		// The exported levels are only ImageJ's results clamped: checking every tenth is enough.
		checkImageJ(t, imagejGoldenIn+":"+itoa(i+1), &hs[i], outs[i], i%10 == 0)
	}
}

func itoa(i int) string { return ftoa(float64(i)) }

func TestImageJRegistry(t *testing.T) {
	withCriterion := map[string]bool{"huang": true, "min-error": true, "percentile": true,
		"renyi-entropy": true, "shanbhag": true, "yen": true, "max-entropy": true,
		// the curves of curves.go
		"default": true, "intermodes": true, "isodata": true, "ij-isodata": true, "li": true, "minimum": true, "moments": true}
	for _, m := range imagejTable {
		r, ok := Lookup(m.id)
		if !ok {
			t.Errorf("%s is not in the registry", m.id)
			continue
		}
		if r.Kind != Global || r.Global == nil || r.Local != nil {
			t.Errorf("%s: not a global method", m.id)
		}
		if r.Reference != "ImageJ 1.53t AutoThresholder "+m.ij {
			t.Errorf("%s: Reference %q", m.id, r.Reference)
		}
		if r.Name == "" || len(r.Paper) < 40 || len(r.About) < 30 {
			t.Errorf("%s: Name, Paper or About missing", m.id)
		}
		if (r.Criterion != nil) != withCriterion[m.id] {
			t.Errorf("%s: Criterion is %v", m.id, r.Criterion != nil)
		}
		if m.id != "max-entropy" && len(r.Params) != 0 {
			t.Errorf("%s: ImageJ's method has no parameter", m.id)
		}
	}
	n := 0
	for _, m := range Methods() {
		if strings.HasPrefix(m.Reference, "ImageJ 1.53t AutoThresholder") {
			n++
		}
	}
	if n != len(imagejTable) {
		t.Errorf("the registry has %d ImageJ methods, the table %d", n, len(imagejTable))
	}
}

// randomHistograms draws n histograms of every shape, from empty to huge counts.
func randomHistograms(n int, seed uint64) []Histogram {
	r := rand.New(rand.NewPCG(seed, 7))
	hs := make([]Histogram, n)
	for k := range hs {
		h := &hs[k]
		scale := []int{1, 3, 100, 100000, 20000000, math.MaxInt32}[r.IntN(6)]
		switch r.IntN(4) {
		case 0: // empty
		case 1: // a few bins
			for j := r.IntN(4); j >= 0; j-- {
				h[r.IntN(256)] = 1 + r.IntN(scale)
			}
		default: // dense
			for i := range h {
				h[i] = r.IntN(scale)
			}
		}
	}
	return hs
}

// Properties on random histograms: a level in 0..255, the registry agreeing with the function, a
// criterion of 256 values, and for the methods that pick an extremum of their criterion, the first
// extremum.
func TestImageJProperties(t *testing.T) {
	for k, h := range randomHistograms(60, 1) {
		for _, m := range imagejTable {
			level := m.f(&h)
			if level < 0 || level > 255 {
				t.Fatalf("%s: level %d on histogram %d", m.id, level, k)
			}
			r, _ := Lookup(m.id)
			if got := r.Global(&h, r.Defaults()).Level; got != float64(level) {
				t.Fatalf("%s: registry %v, function %d", m.id, got, level)
			}
			if r.Criterion == nil {
				continue
			}
			c := r.Criterion(&h, r.Defaults())
			if len(c) != 256 {
				t.Fatalf("%s: criterion of %d values", m.id, len(c))
			}
			var sign float64
			switch m.id {
			case "huang", "shanbhag", "percentile":
				sign = -1 // the first minimum
			case "yen", "max-entropy":
				sign = 1 // the first maximum
			default:
				continue
			}
			best, at := math.Inf(-1), -1
			for i, v := range c {
				if !math.IsNaN(v) && sign*v > best {
					best, at = sign*v, i
				}
			}
			if at >= 0 && !math.IsInf(best, 0) && level != at && (sign < 0 || best > 0) {
				t.Errorf("%s on histogram %d: level %d, but the criterion's first extremum is at %d", m.id, k, level, at)
			}
		}
	}
}

// FuzzImageJMethods feeds arbitrary bytes as a histogram: byte i adds b·256^(i/256) to bin i%256,
// so long inputs reach ImageJ's int limit. Every method must return a level in 0..255 without
// panicking, and its criterion must have 256 values.
func FuzzImageJMethods(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 5})
	f.Add(bytes.Repeat([]byte{255}, 1024))
	f.Add(append(make([]byte, 255), 7))
	f.Fuzz(func(t *testing.T, data []byte) {
		var h Histogram
		for i, b := range data {
			if i >= 4*256 {
				break
			}
			h[i%256] += int(b) << (8 * (i / 256))
		}
		for _, m := range imagejTable {
			r, _ := Lookup(m.id)
			if l := r.Global(&h, r.Defaults()).Level; math.IsNaN(l) || l < 0 || l > 255 || l != math.Trunc(l) {
				t.Fatalf("%s: level %v", m.id, l)
			}
			if r.Criterion != nil && len(r.Criterion(&h, r.Defaults())) != 256 {
				t.Fatalf("%s: criterion must have 256 values", m.id)
			}
		}
	})
}

// Counts beyond Java's int are clamped to 2³¹−1, as ImageJ's int[] would have to hold them.
func TestImageJCountsClamp(t *testing.T) {
	var big, clamped Histogram
	big[10], big[200] = math.MaxInt, -5 // MaxInt: 2⁶³−1 on 64-bit platforms
	clamped[10] = math.MaxInt32
	for _, m := range imagejTable {
		if a, b := m.f(&big), m.f(&clamped); a != b {
			t.Errorf("%s: %d with a huge count, %d with it clamped", m.id, a, b)
		}
	}
}

// On these histograms ImageJ's MinError never returns (checked: ijthresh runs until killed): its
// levels cycle. limen detects the cycle and returns its lowest level.
func TestMinErrorCycles(t *testing.T) {
	for _, c := range []struct {
		bins   map[int]int
		want   int
		levels []int32 // the first levels of ImageJ's loop
	}{
		{map[int]int{13: 16, 105: 11, 121: 1, 134: 1, 150: 11, 242: 16}, 116, []int32{127, 116, 122, 116, 122}},
		{map[int]int{11: 11, 76: 16, 109: 2, 146: 2, 179: 16, 244: 11}, 140, []int32{127, 170, 140, 170, 140}},
	} {
		var h Histogram
		for b, n := range c.bins {
			h[b] = n
		}
		d := javaCounts(&h)
		level, cycles := minErrorCycle(&d)
		if !cycles || level != int32(c.want) || MinError(&h) != c.want {
			t.Errorf("%v: level %d, cycles %v; want %d in a cycle", c.bins, level, cycles, c.want)
		}
		var s kiSums
		s.init(&d)
		for i, l := 0, mean(&d); i < len(c.levels); i++ {
			if l != c.levels[i] {
				t.Errorf("%v: level %d of the loop is %d, want %d", c.bins, i, l, c.levels[i])
			}
			l, _ = s.next(l)
		}
	}
}

// HotSpot's Math.log on inputs where Go's math.Log gives another double (java -version 17.0.15,
// x86-64), and its Math.log10 on a few more.
func TestJavaLog(t *testing.T) {
	for _, c := range [][2]float64{
		{0.6949479796024919, -0.36391828571152546},
		{0.9843228006692949, -0.015801386265677463},
		{0.6304048639228539, -0.46139302485456873},
		{0.4287841787462007, -0.8468015664869292},
		{0.5878158289013334, -0.5313415963001297},
		{481.8623552605982, 6.177658503268964},
		{42.17868395172397, 3.741914973798677},
		{0.7127521677660935, -0.33862150978241495},
		{0.6560824389883995, -0.4214688287441258},
		{29.633211397349978, 3.388895739018198},
		{0.6588936239634658, -0.41719317789858096},
		{1.4046293574569428, 0.33977346546195425},
		{1, 0}, {2, 0.6931471805599453}, {math.SmallestNonzeroFloat64, -744.4400719213812},
		{math.MaxFloat64, 709.782712893384},
	} {
		if got := javaLog(c[0]); got != c[1] {
			t.Errorf("javaLog(%v) = %v, Java %v", c[0], got, c[1])
		}
	}
	for _, c := range [][2]float64{
		{0.07884968186475724, -1.1032000545818654},
		{2.951128344295487e-15, -14.530011902662952},
		{0.9677559094241207, -0.014234168061240712},
		{6.117182265761301, 0.7865514208010707},
		{1000, 3}, {1e-300, -300}, {1e22, 22},
	} {
		if got := javaLog10(c[0]); got != c[1] {
			t.Errorf("javaLog10(%v) = %v, Java %v", c[0], got, c[1])
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1)} {
		if got := javaLog(x); !math.IsInf(got, -1) {
			t.Errorf("javaLog(%v) = %v", x, got)
		}
	}
	for _, x := range []float64{-1, math.NaN(), math.Inf(-1)} {
		if got := javaLog(x); !math.IsNaN(got) {
			t.Errorf("javaLog(%v) = %v", x, got)
		}
	}
	if got := javaLog(math.Inf(1)); !math.IsInf(got, 1) {
		t.Errorf("javaLog(+Inf) = %v", got)
	}
	// The fast pass must agree with the double-double series wherever it answers.
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 200000; i++ {
		x := []float64{r.Float64(), 1 + (r.Float64()-0.5)*1e-4, math.Exp((r.Float64() - 0.5) * 1400),
			float64(1+r.IntN(1<<20)) / float64(1+r.IntN(1<<20))}[i%4]
		if x == 0 {
			continue
		}
		if hi, lo := javaLogDD(x); javaLog(x) != hi+lo {
			t.Fatalf("javaLog(%v) = %v, series %v", x, javaLog(x), hi+lo)
		}
	}
}

func TestJavaCasts(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want int32
	}{
		{0.49999999999999994, 0}, {0.5, 1}, {-0.5, 0}, {2.5, 3}, {-2.5, -2}, {-2.5000000000000004, -3},
		{math.NaN(), 0}, {1e300, -1}, {-1e300, 0}, {4294967296.0 + 5, 5},
	} {
		if got := javaRound(c.x); got != c.want {
			t.Errorf("javaRound(%v) = %d, want %d", c.x, got, c.want)
		}
	}
	for _, c := range []struct {
		x    float64
		want int32
	}{
		{-1.9, -1}, {1.9, 1}, {math.NaN(), 0}, {1e10, math.MaxInt32}, {-1e10, math.MinInt32},
		{math.Inf(1), math.MaxInt32}, {math.Inf(-1), math.MinInt32},
	} {
		if got := javaInt(c.x); got != c.want {
			t.Errorf("javaInt(%v) = %d, want %d", c.x, got, c.want)
		}
	}
}

// Benchmarks: each method on the camera histogram (off the clock) and on a dense random one.
func BenchmarkImageJ(b *testing.B) {
	cam := readHistLines(b, "testdata/imagej-tests/camera.txt")[0]
	var one Histogram
	one[100] = 1000
	for _, m := range imagejTable {
		for _, in := range []struct {
			name string
			h    Histogram
		}{{"camera", cam}, {"one-value", one}} {
			b.Run(m.id+"/"+in.name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					m.f(&in.h)
				}
			})
		}
	}
}

func BenchmarkJavaLog(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, 4096)
	for i := range xs {
		xs[i] = r.Float64()
	}
	b.ReportAllocs()
	b.ResetTimer()
	s := 0.0
	for i := 0; i < b.N; i++ {
		s += javaLog(xs[i&4095])
	}
	_ = s
}
