package document

import (
	"hash/fnv"
	"image"
	"math"
	"strings"
	"testing"
)

func gen(t testing.TB, seed uint64, w, h int, d Degradations) (*image.Gray, *image.Gray) {
	t.Helper()
	p, g, err := Generate(seed, w, h, d)
	if err != nil {
		t.Fatal(err)
	}
	return p, g
}

func pixHash(g *image.Gray) uint64 {
	h := fnv.New64a()
	h.Write(g.Pix)
	return h.Sum64()
}

var maxDeg = Degradations{Illumination: 1, Stain: 1, BleedThrough: 1, Fading: 1, Blur: 4, Noise: 50}

// TestGolden pins the pixels of a few pages: the same seed, size and degradations must give the
// same page and truth on every platform and in every build (run it under GOOS=js GOARCH=wasm and
// with GOAMD64=v3, where the compiler may fuse multiply-adds, to see it).
func TestGolden(t *testing.T) {
	for _, c := range []struct {
		seed        uint64
		w, h        int
		d           Degradations
		page, truth uint64
	}{
		{1, 1000, 700, Defaults(), 0xf1536f575c0f9c7c, 0xc34725878d5dea4c},
		{2, 1000, 700, maxDeg, 0x7a3f253544ecb8fb, 0x9439b48e5d1f577f},
		{3, 600, 400, Defaults(), 0x7552f8a9e1da9e51, 0xd662839778a79ce8},
		{7, 333, 257, Degradations{}, 0x70b3f9a39dca20cd, 0xabad3b5fc9876663},
		{1 << 63, 97, 61, Degradations{Illumination: 0.9, Stain: 0.7, BleedThrough: 0.6, Fading: 0.5, Blur: 1.3, Noise: 11}, 0xb2515ee19ca9e974, 0x8f5e54f7132ca5f8},
	} {
		p, g := gen(t, c.seed, c.w, c.h, c.d)
		if ph, gh := pixHash(p), pixHash(g); ph != c.page || gh != c.truth {
			t.Errorf("seed %d %dx%d %+v: page %#x truth %#x, want %#x %#x", c.seed, c.w, c.h, c.d, ph, gh, c.page, c.truth)
		}
	}
}

func TestSeedsDiffer(t *testing.T) {
	a, ga := gen(t, 1, 400, 300, Defaults())
	b, gb := gen(t, 2, 400, 300, Defaults())
	if pixHash(a) == pixHash(b) || pixHash(ga) == pixHash(gb) {
		t.Error("seeds 1 and 2 give the same page")
	}
	c, gc := gen(t, 1, 400, 300, Defaults())
	if pixHash(a) != pixHash(c) || pixHash(ga) != pixHash(gc) {
		t.Error("seed 1 twice gives two pages")
	}
}

// TestTruth: the truth is binary, holds a plausible amount of text, and does not depend on the
// degradations.
func TestTruth(t *testing.T) {
	for _, size := range [][2]int{{1000, 700}, {600, 400}, {MinSide, MinSide}, {2000, 300}} {
		_, want := gen(t, 5, size[0], size[1], Degradations{})
		text := 0
		for _, v := range want.Pix {
			switch v {
			case 0:
				text++
			case 255:
			default:
				t.Fatalf("%v: truth value %d", size, v)
			}
		}
		if frac := float64(text) / float64(len(want.Pix)); size[0] > 100 && (frac < 0.03 || frac > 0.25) {
			t.Errorf("%v: %.3f of the truth is text", size, frac)
		}
		for _, d := range []Degradations{Defaults(), maxDeg, {Stain: 1}, {Fading: 1}, {Blur: 3, Noise: 20}} {
			if _, g := gen(t, 5, size[0], size[1], d); pixHash(g) != pixHash(want) {
				t.Errorf("%v: the truth changes with %+v", size, d)
			}
		}
	}
}

// TestClean: with no degradation the page is the truth in two levels, paper and ink.
func TestClean(t *testing.T) {
	p, g := gen(t, 11, 500, 350, Degradations{})
	sc := newScene(11, 500, 350)
	for i, v := range p.Pix {
		want := uint8(sc.paper)
		if g.Pix[i] == 0 {
			want = uint8(sc.ink)
		}
		if v != want {
			t.Fatalf("pixel %d: %d, want %d", i, v, want)
		}
	}
}

// effect compares the page with one degradation against the clean page, on paper and ink pixels
// apart: how many got darker, lighter, and the largest change each way.
type effect struct {
	paperDarker, paperLighter, inkDarker, inkLighter int
	maxDarker, maxLighter                            int
}

func measure(t *testing.T, seed uint64, w, h int, d Degradations) (effect, *image.Gray, *image.Gray, *image.Gray) {
	clean, truth := gen(t, seed, w, h, Degradations{})
	p, _ := gen(t, seed, w, h, d)
	var e effect
	for i := range p.Pix {
		diff := int(p.Pix[i]) - int(clean.Pix[i])
		ink := truth.Pix[i] == 0
		switch {
		case diff < 0 && ink:
			e.inkDarker++
		case diff < 0:
			e.paperDarker++
		case diff > 0 && ink:
			e.inkLighter++
		case diff > 0:
			e.paperLighter++
		}
		e.maxDarker, e.maxLighter = max(e.maxDarker, -diff), max(e.maxLighter, diff)
	}
	return e, p, clean, truth
}

// TestEachDegradation: each degradation alone changes what it should and nothing else.
func TestEachDegradation(t *testing.T) {
	const seed, w, h = 4, 640, 480
	n := w * h

	// Illumination darkens the paper only (fresh ink is at the ink level whatever the paper),
	// by up to about 22 % + 25 % of the paper.
	e, _, _, _ := measure(t, seed, w, h, Degradations{Illumination: 1})
	if e.inkDarker+e.inkLighter+e.paperLighter != 0 || e.paperDarker < n/2 || e.maxDarker < 40 {
		t.Errorf("illumination: %+v", e)
	}

	// Stain darkens the paper only; strongly (over 12 levels, more than the mottling) only
	// within the stain's box.
	e, p, clean, _ := measure(t, seed, w, h, Degradations{Stain: 1})
	if e.inkDarker+e.inkLighter+e.paperLighter != 0 || e.maxDarker < 30 {
		t.Errorf("stain: %+v", e)
	}
	sc := newScene(seed, w, h)
	strong := 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if int(clean.Pix[y*w+x])-int(p.Pix[y*w+x]) > 12 {
				strong++
				if math.Abs(float64(x)-sc.stainX) >= sc.stainR || math.Abs(float64(y)-sc.stainY) >= sc.stainR {
					t.Fatalf("stain: (%d, %d) darkened by %d outside the stain", x, y, int(clean.Pix[y*w+x])-int(p.Pix[y*w+x]))
				}
			}
		}
	}
	if strong < n/100 || strong > n/2 {
		t.Errorf("stain: %d strongly stained pixels of %d", strong, n)
	}

	// Bleed-through darkens the paper only, where the back's mirrored text lies.
	e, p, clean, _ = measure(t, seed, w, h, Degradations{BleedThrough: 1})
	if e.inkDarker+e.inkLighter+e.paperLighter != 0 || e.paperDarker < n/20 || e.maxDarker < 40 {
		t.Errorf("bleed-through: %+v", e)
	}
	backInk := make([]bool, n)
	sc.typeset(backText, sc.back, func(x, y int, _ uint8) { backInk[y*w+(w-1-x)] = true })
	for i := range p.Pix {
		if int(clean.Pix[i])-int(p.Pix[i]) > 20 && !near(backInk, w, h, i, 5) {
			t.Fatalf("bleed-through: pixel %d darkened by %d, far from the back's text", i, int(clean.Pix[i])-int(p.Pix[i]))
		}
	}

	// Fading lightens the ink only.
	e, _, _, _ = measure(t, seed, w, h, Degradations{Fading: 1})
	if e.paperDarker+e.paperLighter+e.inkDarker != 0 || e.inkLighter == 0 || e.maxLighter < 60 {
		t.Errorf("fading: %+v", e)
	}

	// Blur moves pixels near the ink only: paper further than the kernel's reach stays.
	_, p, clean, truth := measure(t, seed, w, h, Degradations{Blur: 2})
	changed := 0
	ink := make([]bool, n)
	for i, v := range truth.Pix {
		ink[i] = v == 0
	}
	for i := range p.Pix {
		if p.Pix[i] != clean.Pix[i] {
			changed++
			if !near(ink, w, h, i, 6) { // OpenCV's kernel for σ 2: 13 taps, reach 6
				t.Fatalf("blur: pixel %d changed, far from the ink", i)
			}
		}
	}
	if changed < n/20 {
		t.Errorf("blur: %d pixels changed", changed)
	}

	// Noise: zero mean, σ as asked (on paper, away from the clipping at 0 and 255).
	_, p, clean, _ = measure(t, seed, w, h, Degradations{Noise: 5})
	var s1, s2 float64
	for i := range p.Pix {
		d := float64(int(p.Pix[i]) - int(clean.Pix[i]))
		s1 += d
		s2 += d * d
	}
	mean := s1 / float64(n)
	sd := math.Sqrt(s2/float64(n) - mean*mean)
	if math.Abs(mean) > 0.05 || math.Abs(sd-5) > 0.15 {
		t.Errorf("noise: mean %.3f σ %.3f", mean, sd)
	}
}

// near reports whether mask holds a true pixel within r (Chebyshev) of pixel i.
func near(mask []bool, w, h, i, r int) bool {
	x, y := i%w, i/w
	for yy := max(y-r, 0); yy <= min(y+r, h-1); yy++ {
		for xx := max(x-r, 0); xx <= min(x+r, w-1); xx++ {
			if mask[yy*w+xx] {
				return true
			}
		}
	}
	return false
}

// TestClamp: degradations out of range are clamped, NaN is the default; sizes out of range are
// errors.
func TestClamp(t *testing.T) {
	in := Degradations{Illumination: -1, Stain: 2, BleedThrough: math.NaN(), Fading: math.Inf(1), Blur: 9, Noise: -3}
	want := Degradations{Illumination: 0, Stain: 1, BleedThrough: 0.4, Fading: 1, Blur: 4, Noise: 0}
	if got := in.Clamped(); got != want {
		t.Fatalf("Clamped: %+v", got)
	}
	a, _ := gen(t, 9, 200, 150, in)
	b, _ := gen(t, 9, 200, 150, want)
	if pixHash(a) != pixHash(b) {
		t.Error("Generate does not clamp")
	}
	for _, s := range [][2]int{{MinSide - 1, 100}, {100, MaxSide + 1}, {0, 0}, {-5, 100}} {
		_, _, err := Generate(1, s[0], s[1], Defaults())
		if err == nil || !strings.Contains(err.Error(), "each side must be") {
			t.Errorf("%v: %v", s, err)
		}
	}
}

func TestParams(t *testing.T) {
	d := Defaults()
	if d != d.Clamped() || d == (Degradations{}) {
		t.Errorf("defaults %+v out of their ranges", d)
	}
	got := []float64{d.Illumination, d.Stain, d.BleedThrough, d.Fading, d.Blur, d.Noise}
	for i, p := range Params {
		if got[i] != p.Default || p.Min > p.Default || p.Default > p.Max {
			t.Errorf("%s: default %v, field %v", p.Name, p.Default, got[i])
		}
	}
}

// TestFont checks the glyph tables: every glyph's pixels inside the packed bits, ink in every
// printable glyph but the space, and the baseline where the letters sit.
func TestFont(t *testing.T) {
	for _, f := range []*bitmapFont{&charter18, &charter24} {
		for c := byte(32); c <= 126; c++ {
			g := f.glyphOf(c)
			if g.bit+g.w*g.h > 8*len(f.bits) || g.advance <= 0 {
				t.Fatalf("%q: %+v out of %d bits", c, g, 8*len(f.bits))
			}
			ink := 0
			for y := 0; y < g.h; y++ {
				for x := 0; x < g.w; x++ {
					if f.on(g, x, y) {
						ink++
					}
				}
			}
			if (ink == 0) != (c == ' ') {
				t.Errorf("%q: %d ink pixels", c, ink)
			}
		}
		// 'x' stands on the baseline; 'p' goes below it; 'H' is taller than 'x'.
		if x, p, h := f.glyphOf('x'), f.glyphOf('p'), f.glyphOf('H'); x.h != x.ascent || p.h <= p.ascent || h.ascent <= x.ascent {
			t.Errorf("metrics: x %+v p %+v H %+v", x, p, h)
		}
		if f.glyphOf('\n') != f.glyphOf('?') || f.glyphOf(200) != f.glyphOf('?') {
			t.Error("non-printable bytes should draw as '?'")
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if _, _, err := Generate(1, 1000, 700, Defaults()); err != nil {
			b.Fatal(err)
		}
	}
}
