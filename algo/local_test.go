package algo

import (
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"image"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// localOracleCases maps the public oracle's local outputs to limen methods and parameters.
var localOracleCases = []struct {
	name   string
	method string
	params Params
}{
	{"adaptive_mean_11_2", "adaptive-mean", Params{"blockSize": 11, "C": 2}},
	{"adaptive_mean_31_5", "adaptive-mean", Params{"blockSize": 31, "C": 5}},
	{"adaptive_gaussian_11_2", "adaptive-gaussian", Params{"blockSize": 11, "C": 2}},
	{"adaptive_gaussian_31_5", "adaptive-gaussian", Params{"blockSize": 31, "C": 5}},
	{"niblack_25_0.2", "niblack", Params{"window": 25, "k": 0.2}},
	{"sauvola_25_0.2", "sauvola", Params{"window": 25, "k": 0.2}},
}

// runLocal thresholds g through the real pipeline (binary, maxval 255) and returns the R channel.
func runLocal(t testing.TB, g *image.Gray, method string, p Params, typ Type) *image.Gray {
	t.Helper()
	q := Params{}
	for k, v := range p {
		q[k] = v
	}
	out, err := NewImageGray(g).Threshold(&Options{Method: method, Params: q, Type: typ, Maxval: 255}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := image.NewGray(image.Rect(0, 0, out.Width, out.Height))
	for i := range r.Pix {
		r.Pix[i] = out.Pix[4*i]
	}
	return r
}

// TestLocalOracle compares every local output of the public oracle, pixel for pixel.
func TestLocalOracle(t *testing.T) {
	n := 0
	for _, stem := range oracleNames(t) {
		g := oracleGray(t, stem)
		for _, c := range localOracleCases {
			if !hasOutput(stem, c.name) {
				continue
			}
			n++
			t.Run(stem+"/"+c.name, func(t *testing.T) {
				got := runLocal(t, g, c.method, c.params, Binary)
				sameGray(t, got, oracleOutput(t, stem, c.name))
			})
		}
	}
	if n < 40 {
		t.Errorf("only %d oracle cases found", n)
	}
}

// TestFloorLevel checks that v > FloorLevel(T) ⇔ v > T for every 8-bit v.
func TestFloorLevel(t *testing.T) {
	ts := []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1e300, 1e300, -1.5, -1, -0.5, -0, 0, 0.25,
		1, 127.5, 254, 254.999, 255, 255.5, 300, math.Nextafter(3, 0), math.Nextafter(3, 4)}
	for _, tv := range ts {
		l := FloorLevel(tv)
		if l < -1 || l > 255 {
			t.Fatalf("T=%v: level %d out of range", tv, l)
		}
		for v := 0; v < 256; v++ {
			if (float64(v) > tv) != (v > int(l)) {
				t.Fatalf("T=%v: level %d disagrees at v=%d", tv, l, v)
			}
		}
	}
}

// localGolden is one case of testdata/local/cases.json.gz (made by testdata/local/gen.py with
// OpenCV 4.6 and scikit-image 0.19.3): an input image, a method with parameters, a type, and the
// reference's output as a bit mask.
type localGolden struct {
	Image  string
	Method string
	Params Params
	Type   string
	Want   []byte // packed bits, row-major, most significant bit first; 1 is 255
}

func loadLocalGoldens(t testing.TB) []localGolden {
	t.Helper()
	f, err := os.Open("testdata/local/cases.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var all struct{ Cases []localGolden }
	if err := json.NewDecoder(z).Decode(&all); err != nil {
		t.Fatal(err)
	}
	return all.Cases
}

// localImage reads testdata/local/images/<name>.png as gray.
func localImage(t testing.TB, name string) *image.Gray {
	t.Helper()
	pix, w, h := readPNG(t, filepath.Join("testdata/local/images", name+".png"))
	g := image.NewGray(image.Rect(0, 0, w, h))
	GrayFromRGBA(g, pix, nil)
	return g
}

// TestLocalGoldens runs every golden case through the pipeline and compares with tolerance 0:
// BINARY_INV, fractional C, block sizes 3 to 501, images smaller than the window (down to 1×1),
// real crops, Niblack and Sauvola with other windows, k and r.
func TestLocalGoldens(t *testing.T) {
	cases := loadLocalGoldens(t)
	if len(cases) < 200 {
		t.Fatalf("only %d golden cases", len(cases))
	}
	imgs := map[string]*image.Gray{}
	for _, c := range cases {
		g := imgs[c.Image]
		if g == nil {
			g = localImage(t, c.Image)
			imgs[c.Image] = g
		}
		typ := Binary
		if c.Type == "binary-inv" {
			typ = BinaryInv
		}
		name := c.Image + "/" + c.Method + "/" + c.Type + "/" + paramString(c.Params)
		t.Run(name, func(t *testing.T) {
			want := image.NewGray(g.Rect)
			for i := range want.Pix {
				if c.Want[i/8]>>(7-i%8)&1 == 1 {
					want.Pix[i] = 255
				}
			}
			sameGray(t, runLocal(t, g, c.Method, c.Params, typ), want)
		})
	}
}

func paramString(p Params) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := ""
	for _, k := range keys {
		s += k + "=" + strconv.FormatFloat(p[k], 'g', -1, 64) + ","
	}
	return strings.TrimSuffix(s, ",")
}

// TestLocalSubImage checks that a sub-image (non-zero Rect.Min, Stride wider than the row) gives
// the same levels as a copy of it.
func TestLocalSubImage(t *testing.T) {
	g := oracleGray(t, "camera")
	sub := g.SubImage(image.Rect(101, 53, 101+67, 53+41)).(*image.Gray)
	cp := image.NewGray(image.Rect(0, 0, 67, 41))
	for y := 0; y < 41; y++ {
		copy(cp.Pix[y*cp.Stride:y*cp.Stride+67], sub.Pix[y*sub.Stride:])
	}
	for _, m := range localSquareMethods() {
		p := m.Defaults()
		a, b := NewLevelMap(sub.Rect), NewLevelMap(cp.Rect)
		m.Local(a, sub, p, LocalRequest{})
		m.Local(b, cp, p, LocalRequest{})
		for i := range a.L {
			if a.L[i] != b.L[i] {
				t.Fatalf("%s: level %d differs at %d: %d vs %d", m.ID, i, i, a.L[i], b.L[i])
			}
		}
	}
}

// TestBoxRounding checks the claims AdaptiveMean relies on. For blockSize ≤ 15 OpenCV's 16-bit box
// filter divides by n = blockSize² in fixed point, ((s + dd)·ds) >> 23 with ds ≈ 2²³/n and
// dd = n/2 (+1 when 2²³/n rounds down); that equals the exact round-half-up of s/n for every window
// sum s, and so does limen's float32 product. For 17 ≤ blockSize ≤ 163 the float32 product is
// exact as well (its error is below 255·2⁻²³ ≈ 3·10⁻⁵, less than the distance 3.5/n from a half of
// every sum but the three closest on each side, which are checked); at 165 it is not.
func TestBoxRounding(t *testing.T) {
	f32 := func(s, n int) int {
		p := float32(float32(s) * float32(1/float64(n)))
		return int(float32(p+0x1p23) - 0x1p23)
	}
	for b := 3; b <= 15; b += 2 {
		n := b * b
		scalef := float64(1<<23) / float64(n)
		ds := int(math.Floor(scalef))
		dd := n / 2
		if scalef-float64(ds) < 0.5 {
			dd++
		} else {
			ds++
		}
		for s := 0; s <= 255*n; s++ {
			want := (2*s + n) / (2 * n)
			if got := (s + dd) * ds >> 23; got != want {
				t.Fatalf("blockSize %d, sum %d: fixed point %d, exact %d", b, s, got, want)
			}
			if got := f32(s, n); got != want {
				t.Fatalf("blockSize %d, sum %d: float32 %d, exact %d", b, s, got, want)
			}
		}
	}
	differs := func(b int) bool {
		n := b * b
		for q := 0; q < 256; q++ {
			for j := 0; j < 3; j++ {
				for _, s := range []int{q*n + (n-1)/2 - j, q*n + (n+1)/2 + j} {
					if s >= 0 && s <= 255*n && f32(s, n) != (2*s+n)/(2*n) {
						return true
					}
				}
			}
		}
		return false
	}
	for b := 17; b <= 163; b += 2 {
		if differs(b) {
			t.Fatalf("blockSize %d: float32 differs from exact rounding", b)
		}
	}
	if !differs(165) {
		t.Errorf("blockSize 165: float32 should differ from exact rounding on some sum")
	}
}

// TestGaussianKernel checks gaussianKernel32 against OpenCV 4.6's getGaussianKernel(n, 0, CV_32F)
// for every odd n from 3 to 1001: an FNV-1a hash of the float32 bits, kernel after kernel, computed
// with cv2 (testdata/local/README.md), and the bound gaussianRow's exactness argument needs.
func TestGaussianKernel(t *testing.T) {
	h := fnv.New64a()
	var buf [4]byte
	for n := 3; n <= 1001; n += 2 {
		k := gaussianKernel32(n)
		sum := 0.0
		for _, v := range k {
			binary.LittleEndian.PutUint32(buf[:], math.Float32bits(v))
			h.Write(buf[:])
			sum += float64(v)
			if n <= 501 && v < 0x1p-22 {
				t.Errorf("n=%d: weight %g below 2⁻²²", n, v)
			}
		}
		if math.Abs(sum-1) > 1e-5 {
			t.Errorf("n=%d: weights sum to %v", n, sum)
		}
	}
	if got := h.Sum64(); got != gaussianKernelHash {
		t.Errorf("kernel hash %#x, want %#x (OpenCV 4.6)", got, gaussianKernelHash)
	}
}

// gaussianKernelHash is FNV-1a-64 of the little-endian float32 bits of
// cv2.getGaussianKernel(n, 0, cv2.CV_32F) for n = 3, 5, … 1001 in turn (see testdata/local/README.md).
const gaussianKernelHash uint64 = 0x9c95390b55f7268e

// TestFMA32 checks fma32 against an exact rational computation on awkward operands, including ones
// whose float64 sum lands on a float32 midpoint.
func TestFMA32(t *testing.T) {
	exact := func(a, b, c float32) float32 {
		r := new(big.Float).SetPrec(200).SetFloat64(float64(a))
		r.Mul(r, new(big.Float).SetPrec(200).SetFloat64(float64(b)))
		r.Add(r, new(big.Float).SetPrec(200).SetFloat64(float64(c)))
		f, _ := r.Float32()
		return f
	}
	// A product a·b within 2⁻⁵³ of half an ulp of c: the float64 sum lands exactly on the float32
	// midpoint, and rounding that to even goes the wrong way. (1+x)(1−x+x²) = 1+x³ and
	// (1−x)(1+x+x²) = 1−x³ make such products from float32 operands.
	half := float32(0x1p-24) // half an ulp of 1.5 in float32
	tricky := [][3]float32{
		{half * (1 + 0x1p-12), 1 - 0x1p-12 + 0x1p-24, 1.5},           // just above the midpoint
		{half * (1 - 0x1p-11), 1 + 0x1p-11 + 0x1p-22, 1.5 + 0x1p-23}, // just below
	}
	for _, k := range tricky {
		if naive := float32(float64(k[0])*float64(k[1]) + float64(k[2])); naive == exact(k[0], k[1], k[2]) {
			t.Fatalf("fma32 case %v does not exercise the midpoint", k)
		}
	}
	cases := append(tricky, [][3]float32{
		{half, 1, 1.5}, // exactly the midpoint: ties to even
		{-half * (1 + 0x1p-12), 1 - 0x1p-12 + 0x1p-24, 1.5},
		{3, 5, 7}, {0.1, 0.2, 0.3}, {1e-30, 1e-10, 1},
	}...)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 100000; i++ {
		cases = append(cases, [3]float32{rng.Float32() * 510, rng.Float32() * 0.2, rng.Float32() * 255})
	}
	for _, k := range cases {
		if got, want := fma32(k[0], k[1], k[2]), exact(k[0], k[1], k[2]); got != want {
			t.Fatalf("fma32(%g, %g, %g) = %g, want %g", k[0], k[1], k[2], got, want)
		}
	}
}

// TestBorderIndex checks both borders against their definitions, including windows longer than
// the row (numpy's reflect repeats the mirroring with period 2(n−1)).
func TestBorderIndex(t *testing.T) {
	reflect := func(i, n int) int { // mirror step by step, as numpy.pad does
		if n == 1 {
			return 0
		}
		for i < 0 || i >= n {
			if i < 0 {
				i = -i
			}
			if i >= n {
				i = 2*(n-1) - i
			}
		}
		return i
	}
	for n := 1; n <= 9; n++ {
		for i := -40; i < 40; i++ {
			if got, want := borderIndex(i, n, borderReflect101), reflect(i, n); got != want {
				t.Fatalf("reflect101(%d, n=%d) = %d, want %d", i, n, got, want)
			}
			if got, want := borderIndex(i, n, borderReplicate), min(max(i, 0), n-1); got != want {
				t.Fatalf("replicate(%d, n=%d) = %d, want %d", i, n, got, want)
			}
		}
	}
	if got := borderTable(4, 3, borderReflect101); fmt.Sprint(got) != "[3 2 1 0 1 2 3 2 1 0]" {
		t.Errorf("borderTable(4, 3, reflect101) = %v", got)
	}
}

// TestWindowSums compares the running sums with a direct sum over every window.
func TestWindowSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, sz := range [][2]int{{1, 1}, {1, 5}, {6, 1}, {7, 4}, {13, 9}} {
		g := image.NewGray(image.Rect(2, 3, 2+sz[0], 3+sz[1]))
		for i := range g.Pix {
			g.Pix[i] = uint8(rng.IntN(256))
		}
		for _, b := range []border{borderReplicate, borderReflect101} {
			for r := 0; r <= 9; r++ {
				ws := newWindowSums(g, r, b, true)
				for y := 0; y < sz[1]; y++ {
					ws.next()
					for x := 0; x < sz[0]; x++ {
						var s, q int64
						for dy := -r; dy <= r; dy++ {
							for dx := -r; dx <= r; dx++ {
								v := int64(g.Pix[borderIndex(y+dy, sz[1], b)*g.Stride+borderIndex(x+dx, sz[0], b)])
								s += v
								q += v * v
							}
						}
						if ws.sum[x] != s || ws.sumSq[x] != q {
							t.Fatalf("%v r=%d border %d (%d,%d): %d %d, want %d %d", sz, r, b, x, y, ws.sum[x], ws.sumSq[x], s, q)
						}
					}
				}
			}
		}
	}
}

// FuzzLocal: any small image and any valid parameters give levels in -1..255 and no panic.
func FuzzLocal(f *testing.F) {
	f.Add([]byte{0, 255, 3, 7, 9}, uint8(2), uint8(3), 2.0, 0.2, 127.5, false)
	f.Add([]byte{1}, uint8(1), uint8(250), -255.0, -2.0, 1.0, true)
	f.Add([]byte("a longer seed with some texture in it"), uint8(9), uint8(40), 7.5, 1.9, 1000.0, false)
	f.Fuzz(func(t *testing.T, pix []byte, w uint8, win uint8, c, k, r float64, inv bool) {
		if len(pix) == 0 || w == 0 {
			return
		}
		width := min(int(w), len(pix))
		h := (len(pix) + width - 1) / width
		g := image.NewGray(image.Rect(-1, 2, width-1, h+2))
		for i := range g.Pix {
			g.Pix[i] = pix[i%len(pix)]
		}
		// Map the numbers onto each parameter's range.
		clampf := func(v, lo, hi float64) float64 {
			if math.IsNaN(v) {
				return lo
			}
			return min(max(v, lo), hi)
		}
		win3 := int(win)%250*2 + 3 // odd, 3..501
		for _, m := range localSquareMethods() {
			p := Params{}
			for _, q := range m.Params {
				switch q.Name {
				case "blockSize", "window":
					p[q.Name] = float64(win3)
				case "C":
					p[q.Name] = clampf(c, q.Min, q.Max)
				case "k":
					p[q.Name] = clampf(k, q.Min, q.Max)
				case "r":
					p[q.Name] = clampf(r, q.Min, q.Max)
				}
			}
			if err := m.Check(p); err != nil {
				t.Fatalf("%s: %v", m.ID, err)
			}
			lm := NewLevelMap(g.Rect)
			for i := range lm.L {
				lm.L[i] = -99
			}
			m.Local(lm, g, p, LocalRequest{Inverted: inv})
			for i, l := range lm.L {
				if l < -1 || l > 255 {
					t.Fatalf("%s %v: level %d at %d", m.ID, p, l, i)
				}
			}
		}
	})
}

// bench4MP is a 2048×2048 picture with texture, built once per benchmark off the clock.
func bench4MP() *image.Gray {
	g := image.NewGray(image.Rect(0, 0, 2048, 2048))
	rng := rand.New(rand.NewPCG(5, 6))
	for y := 0; y < 2048; y++ {
		for x := 0; x < 2048; x++ {
			g.Pix[y*g.Stride+x] = uint8(60 + x*120/2048 + y%37 + rng.IntN(40))
		}
	}
	return g
}

func benchLocal(b *testing.B, id string, p Params) {
	g := bench4MP()
	m, _ := Lookup(id)
	if err := m.Check(p); err != nil {
		b.Fatal(err)
	}
	lm := NewLevelMap(g.Rect)
	b.ReportAllocs()
	b.SetBytes(int64(len(g.Pix)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Local(lm, g, p, LocalRequest{})
	}
}

func BenchmarkAdaptiveMean(b *testing.B) {
	b.Run("w31", func(b *testing.B) { benchLocal(b, "adaptive-mean", Params{"blockSize": 31}) })
}

func BenchmarkAdaptiveGaussian(b *testing.B) {
	b.Run("w11", func(b *testing.B) { benchLocal(b, "adaptive-gaussian", Params{"blockSize": 11}) })
	b.Run("w31", func(b *testing.B) { benchLocal(b, "adaptive-gaussian", Params{"blockSize": 31}) })
	b.Run("w101", func(b *testing.B) { benchLocal(b, "adaptive-gaussian", Params{"blockSize": 101}) })
}

func BenchmarkSauvola(b *testing.B) {
	b.Run("w11", func(b *testing.B) { benchLocal(b, "sauvola", Params{"window": 11}) })
	b.Run("w101", func(b *testing.B) { benchLocal(b, "sauvola", Params{"window": 101}) })
}

func BenchmarkNiblack(b *testing.B) {
	b.Run("w25", func(b *testing.B) { benchLocal(b, "niblack", Params{"window": 25}) })
}

// localSquareMethods are the registry's local methods of OpenCV and scikit-image: square windows
// over box sums (adaptive-mean, adaptive-gaussian, niblack, sauvola).
func localSquareMethods() []Method {
	var ms []Method
	for _, m := range MethodsOf(Local) {
		if strings.HasPrefix(m.Reference, "OpenCV") || strings.HasPrefix(m.Reference, "scikit-image") {
			ms = append(ms, m)
		}
	}
	return ms
}
