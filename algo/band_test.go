package algo

import (
	"bytes"
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strconv"
	"testing"
)

// bandPicture returns w×h RGBA pixels: a lit page (a slow gradient, strokes, speckle) whose gray
// values tie often, in colour or gray (R = G = B).
func bandPicture(rng *rand.Rand, w, h int) []byte {
	pix := make([]byte, 4*w*h)
	colour := rng.IntN(3) == 0
	flat := rng.IntN(8) == 0 // a constant picture: every method's degenerate case
	base := 120 + rng.IntN(100)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := base - (x+y)*40/(w+h) + rng.IntN(12)
			if (x/3+y/5)%7 == 0 && rng.IntN(3) > 0 { // strokes
				v -= 90
			}
			if flat {
				v = base
			}
			v = min(max(v, 0), 255)
			i := 4 * (y*w + x)
			pix[i], pix[i+1], pix[i+2], pix[i+3] = uint8(v), uint8(v), uint8(v), 255
			if colour {
				pix[i] = uint8(rng.IntN(256))
			}
		}
	}
	return pix
}

// randomOptions draws a request: a parameter set within each range (windows often larger than the
// bands or the picture), a type, and the preprocessing and reporting options.
func randomOptions(rng *rand.Rand, m Method, w, h int) *Options {
	o := &Options{Method: m.ID, Reference: m.Library, Params: Params{}, Type: Type(rng.IntN(5)),
		Maxval: uint8(rng.IntN(256)), Dark: rng.IntN(2) == 0, IgnoreZero: rng.IntN(4) == 0, IgnoreMax: rng.IntN(4) == 0,
		Criterion: rng.IntN(2) == 0, Surface: rng.IntN(2) == 0, Overlay: rng.IntN(2) == 0, NoImage: rng.IntN(5) == 0}
	for _, q := range m.Params {
		if rng.IntN(3) == 0 {
			continue // the default
		}
		lo, hi := q.Min, q.Max
		if (q.Odd || q.Name == "radius") && rng.IntN(3) > 0 {
			hi = min(hi, float64(2*max(w, h)+3)) // windows about the picture's size, not 1001
		}
		if q.Name == "classes" || q.Name == "rows" || q.Name == "cols" {
			hi = min(hi, 4)
		}
		v := lo + rng.Float64()*(hi-lo)
		if q.Integer || q.Odd {
			v = math.Round(v)
		}
		if q.Odd && int(v)%2 == 0 {
			if v+1 <= q.Max {
				v++
			} else {
				v--
			}
		}
		o.Params[q.Name] = v
	}
	if rng.IntN(3) == 0 {
		o.Noise = &Noise{Mean: float64(rng.IntN(21) - 10), Sigma: float64(rng.IntN(30)), Seed: rng.Uint64N(1 << 53)}
	}
	if rng.IntN(3) == 0 {
		if rng.IntN(2) == 0 {
			o.Blur = &Blur{Ksize: 1 + 2*rng.IntN(6)}
		} else {
			o.Blur = &Blur{Sigma: 0.3 + rng.Float64()*3}
		}
	}
	if rng.IntN(3) == 0 {
		if rng.IntN(2) == 0 {
			o.Resize = &Resize{Scale: []float64{0.37, 0.5, 0.8, 1, 1.3, 2, 2.7}[rng.IntN(7)]}
		} else {
			o.Resize = &Resize{Width: 1 + rng.IntN(2*w), Height: 1 + rng.IntN(2*h)}
		}
	}
	return o
}

// bandCuts draws a split of n rows into k bands (1-row bands included).
func bandCuts(rng *rand.Rand, n int) []int {
	k := 1 + rng.IntN(min(n, 6))
	cuts := map[int]bool{0: true, n: true}
	for len(cuts) < k+1 {
		cuts[1+rng.IntN(n-1)] = true
	}
	var c []int
	for y := range cuts {
		c = append(c, y)
	}
	sort.Ints(c)
	return c
}

// stitched is a request's result put together from its bands.
type stitched struct {
	out              *Output
	surface, overlay []byte
}

// thresholdBands runs o band by band, as the worker pool does, over the given output row cuts, and
// stitches the result.
func thresholdBands(t *testing.T, pix []byte, w, h int, o *Options, mask []byte, cuts []int) stitched {
	t.Helper()
	m, err := o.Check()
	if err != nil {
		t.Fatal(err)
	}
	ow, oh := o.OutputSize(w, h)
	bis := make([]*BandImage, len(cuts)-1)
	var sum Histogram
	for i := range bis {
		y0, y1 := cuts[i], cuts[i+1]
		b := BandRows(o, m, w, h, y0, y1)
		bo := *o
		if mask != nil {
			bo.Mask = mask[y0*ow : y1*ow]
		}
		bis[i] = &BandImage{}
		hist, err := bis[i].Prepare(pix[4*w*b.SrcY0:4*w*b.SrcY1], w, h, y0, y1, &bo)
		if err != nil {
			t.Fatal(err)
		}
		for v, c := range hist {
			sum[v] += c
		}
	}
	s := stitched{out: &Output{Width: ow, Height: oh, Pix: make([]byte, 4*ow*oh), Histogram: sum, Reference: m.Library}}
	if m.Kind == Global {
		lv, err := Level(o, sum)
		if err != nil {
			t.Fatal(err)
		}
		s.out.Level, s.out.Levels, s.out.Trace, s.out.Criterion = lv.Level, lv.Levels, lv.Trace, lv.Criterion
		if o.NoImage {
			s.out.Pix = nil
			return s
		}
		for i, bi := range bis {
			bi.ApplyLevel(o, lv, s.out.Pix[4*ow*cuts[i]:4*ow*cuts[i+1]])
		}
		return s
	}
	s.out.Local = true
	for i, bi := range bis {
		y0, y1 := cuts[i], cuts[i+1]
		r, err := bi.Local(o, s.out.Pix[4*ow*y0:4*ow*y1])
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			s.out.Level = r.Level
		} else if !sameFloat(s.out.Level, r.Level) {
			t.Fatalf("band %d found level %v, band 0 %v", i, r.Level, s.out.Level)
		}
		if r.Surface != nil {
			s.surface = append(s.surface, r.Surface.Pix[:ow*(y1-y0)]...)
		}
		if r.Overlay != nil {
			s.overlay = append(s.overlay, r.Overlay.Pix[:ow*(y1-y0)]...)
		}
	}
	return s
}

func sameFloat(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}

func sameFloats(a, b []float64) bool {
	return slices.EqualFunc(a, b, sameFloat)
}

func grayPix(g *image.Gray) []byte {
	if g == nil {
		return nil
	}
	return g.Pix[:g.Rect.Dx()*g.Rect.Dy()]
}

// TestBandsMatchWhole is the proof of the worker pool's exactness: for every method of the registry,
// as every library computes it, on random pictures with random options (parameters, type, noise,
// blur, resize, mask, ignore), thresholding random bands with their halos and stitching them gives
// exactly what Image.Threshold gives the whole picture: every pixel, the level(s), the trace, the
// criterion, the histogram, the surface and the overlay. Methods that need the whole picture are
// run as their plan says, as one band. LIMEN_BAND_N sets the cases per method (default 12),
// LIMEN_SEED the seed.
func TestBandsMatchWhole(t *testing.T) {
	n := 12
	if v, err := strconv.Atoi(os.Getenv("LIMEN_BAND_N")); err == nil {
		n = v
	}
	seed := uint64(14)
	if v, err := strconv.ParseUint(os.Getenv("LIMEN_SEED"), 10, 64); err == nil {
		seed = v
	}
	checked, split := 0, 0
	for _, base := range Methods() {
		for _, lib := range base.Libraries() {
			m, _ := base.As(lib)
			rng := rand.New(rand.NewPCG(seed, uint64(len(m.ID))<<32|uint64(checked)))
			for c := 0; c < n; c++ {
				w, h := 1+rng.IntN(70), 1+rng.IntN(60)
				if c < 2 {
					w, h = []int{1, 37}[c], []int{23, 1}[c] // a column and a row
				}
				pix := bandPicture(rng, w, h)
				o := randomOptions(rng, m, w, h)
				ow, oh := o.OutputSize(w, h)
				var mask []byte
				if rng.IntN(4) == 0 {
					mask = make([]byte, ow*oh)
					for i := range mask {
						mask[i] = uint8(rng.IntN(2) * 255)
					}
				}
				name := fmt.Sprintf("%s/%s case %d (%d×%d, %+v noise %+v blur %+v resize %+v mask %v)", m.ID, m.Library, c, w, h,
					o.Params, o.Noise, o.Blur, o.Resize, mask != nil)
				im, err := NewImage(pix, w, h)
				if err != nil {
					t.Fatal(err)
				}
				wo := *o
				wo.Mask = mask
				want, err := im.Threshold(&wo, nil)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				var cuts []int
				if methodReach(m, o.Params) < 0 {
					cuts = []int{0, oh}
				} else {
					cuts = bandCuts(rng, oh)
					if len(cuts) > 2 {
						split++
					}
				}
				got := thresholdBands(t, pix, w, h, o, mask, cuts)
				checked++
				switch {
				case !bytes.Equal(got.out.Pix, want.Pix):
					t.Errorf("%s, bands %v: pixels differ", name, cuts)
				case !sameFloat(got.out.Level, want.Level) || !slices.Equal(got.out.Levels, want.Levels):
					t.Errorf("%s, bands %v: level %v %v, want %v %v", name, cuts, got.out.Level, got.out.Levels, want.Level, want.Levels)
				case !sameFloats(got.out.Trace, want.Trace) || !sameFloats(got.out.Criterion, want.Criterion):
					t.Errorf("%s, bands %v: trace or criterion differ", name, cuts)
				case got.out.Histogram != want.Histogram:
					t.Errorf("%s, bands %v: histogram differs", name, cuts)
				case !bytes.Equal(got.surface, grayPix(want.Surface)) || !bytes.Equal(got.overlay, grayPix(want.Overlay)):
					t.Errorf("%s, bands %v: surface or overlay differs", name, cuts)
				case got.out.Reference != want.Reference || got.out.Local != want.Local:
					t.Errorf("%s: reference %q local %v, want %q %v", name, got.out.Reference, got.out.Local, want.Reference, want.Local)
				}
			}
		}
	}
	if checked == 0 || split < checked/3 {
		t.Fatalf("checked %d requests, %d of them split into bands", checked, split)
	}
	t.Logf("%d requests, %d split into 2 or more bands, all identical to the whole picture", checked, split)
}

// TestBandReachCoversRegistry: every local method, as every library computes it, either needs the
// whole picture (Whole) or says how far its window reaches (Reach), and not both; a new local
// method fails here until its row says which.
func TestBandReachCoversRegistry(t *testing.T) {
	checked := 0
	for _, base := range MethodsOf(Local) {
		for _, lib := range base.Libraries() {
			m, _ := base.As(lib)
			if m.Whole == (m.Reach != nil) {
				t.Errorf("%s/%s: Whole %v and a Reach %v: exactly one is needed", m.ID, m.Library, m.Whole, m.Reach != nil)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no local method checked")
	}
}

// TestPlanBands: the bands of a plan tile the output's rows in order, each no taller than the
// memory bound allows (unless the window forbids more bands), at least as many as the workers on a
// large picture, one band for a small picture or a method that needs the whole picture; and the
// source rows each band reads are within the picture.
func TestPlanBands(t *testing.T) {
	cases := []struct {
		o             Options
		w, h, n, maxP int
		bands         int
		whole         bool
	}{
		{Options{Method: "sauvola", Params: Params{"window": 25}}, 2000, 2000, 2, 8 << 20, 2, false},
		{Options{Method: "sauvola", Params: Params{"window": 25}}, 7072, 7072, 2, 4 << 20, 12, false},
		{Options{Method: "otsu"}, 7072, 7072, 3, 4 << 20, 12, false},
		{Options{Method: "otsu"}, 200, 200, 4, 4 << 20, 1, false},                                    // under minSplit pixels
		{Options{Method: "otsu"}, 500, 500, 4, 4 << 20, 1, false},                                    // under minSplit pixels
		{Options{Method: "otsu"}, 500, 500, 4, 40000, 8, false},                                      // small bands asked for
		{Options{Method: "otsu"}, 600, 500, 4, 4 << 20, 4, false},                                    // over minSplit pixels
		{Options{Method: "sauvola", Params: Params{"window": 501}}, 4000, 900, 8, 1 << 20, 1, false}, // the window is taller than half the picture
		{Options{Method: "wolf"}, 2000, 2000, 2, 1 << 20, 1, true},
		{Options{Method: "otsu", Resize: &Resize{Scale: 0.5}, Blur: &Blur{Ksize: 5}}, 4000, 4000, 2, 1 << 20, 4, false},
	}
	for _, c := range cases {
		p, err := PlanBands(&c.o, c.w, c.h, c.n, c.maxP)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Bands) != c.bands || p.Whole != c.whole {
			t.Errorf("%s %d×%d on %d: %d bands (whole %v), want %d (%v)", c.o.Method, c.w, c.h, c.n, len(p.Bands), p.Whole, c.bands, c.whole)
		}
		y := 0
		for _, b := range p.Bands {
			if b.Y0 != y || b.Y1 <= b.Y0 || b.SrcY0 < 0 || b.SrcY1 > c.h || b.SrcY0 >= b.SrcY1 ||
				b.PrepY0 > b.Y0 || b.PrepY1 < b.Y1 || b.RawY0 > b.PrepY0 || b.RawY1 < b.PrepY1 {
				t.Errorf("%s: band %+v after row %d", c.o.Method, b, y)
			}
			if len(p.Bands) > c.n && (b.Y1-b.Y0)*p.Width > c.maxP {
				t.Errorf("%s: band %+v has more than %d pixels", c.o.Method, b, c.maxP)
			}
			y = b.Y1
		}
		if y != p.Height {
			t.Errorf("%s: bands end at row %d of %d", c.o.Method, y, p.Height)
		}
	}
	if _, err := PlanBands(&Options{Method: "nonesuch"}, 10, 10, 2, 0); err == nil {
		t.Error("an unknown method must fail")
	}
}

// TestBandErrors: bad bands are errors, never panics.
func TestBandErrors(t *testing.T) {
	var bi BandImage
	o := &Options{Method: "sauvola"}
	pix := make([]byte, 4*10*10)
	for _, c := range []struct {
		pix          []byte
		o            *Options
		y0, y1       int
		w, h         int
		wantContains string
	}{
		{pix[:40], o, 0, 5, 10, 10, "bytes"},
		{pix, o, 5, 3, 10, 10, "not within"},
		{pix, o, 0, 11, 10, 10, "not within"},
		{pix, &Options{Method: "wolf"}, 0, 5, 10, 10, "whole picture"},
		{pix, &Options{Method: "otsu", Mask: make([]byte, 7)}, 0, 10, 10, 10, "mask"},
		{pix, &Options{Method: "nonesuch"}, 0, 10, 10, 10, "unknown method"},
	} {
		_, err := bi.Prepare(c.pix, c.w, c.h, c.y0, c.y1, c.o)
		if err == nil || !bytes.Contains([]byte(err.Error()), []byte(c.wantContains)) {
			t.Errorf("%s rows %d..%d: error %v, want one about %q", c.o.Method, c.y0, c.y1, err, c.wantContains)
		}
	}
	if _, err := Level(&Options{Method: "sauvola"}, Histogram{}); err == nil {
		t.Error("Level of a local method must fail")
	}
}
