package algo

import (
	"image"
	"math"
	"strings"
	"testing"
)

// TestRegistry runs every method of the registry, as a new method gets it with no other edit: its
// row is complete, every parameter's default passes Param.Check, and the method is deterministic,
// keeps its levels in the documented range and does not depend on where the picture's bounds start
// (a sub-image with a non-zero Rect.Min gives the levels of a copy at the origin).
func TestRegistry(t *testing.T) {
	ids := map[string]bool{}
	for _, m := range Methods() {
		if ids[m.ID] {
			t.Fatalf("id %q is registered twice", m.ID)
		}
		ids[m.ID] = true
		libs := map[string]bool{}
		for _, lib := range m.Libraries() {
			if libs[lib] || lib == "" {
				t.Errorf("%s: library %q is empty or offered twice", m.ID, lib)
			}
			libs[lib] = true
		}
		if _, err := m.As("nonesuch"); err == nil || !strings.Contains(err.Error(), strings.Join(m.Libraries(), ", ")) {
			t.Errorf("%s: an unknown reference must fail and list the offered ones: %v", m.ID, err)
		}
		for _, lib := range m.Libraries() {
			m, err := m.As(lib)
			if err != nil {
				t.Fatal(err)
			}
			checkRow(t, m)
		}
	}
	if len(ids) < 30 {
		t.Errorf("only %d methods registered", len(ids))
	}
}

// checkRow runs one method as one library computes it.
func checkRow(t *testing.T, m Method) {
	t.Run(m.ID+"/"+m.Library, func(t *testing.T) {
		if m.ID == "" || m.ID != strings.ToLower(m.ID) || strings.ContainsAny(m.ID, " _&=#") {
			t.Errorf("id %q must be lower case, without spaces or URL characters", m.ID)
		}
		if m.Name == "" || m.Reference == "" || m.About == "" {
			t.Errorf("Name, Reference and About are required")
		}
		names := map[string]bool{}
		for _, q := range m.Params {
			if names[q.Name] || q.Name == "" {
				t.Errorf("parameter %q is empty or repeated", q.Name)
			}
			names[q.Name] = true
			if err := q.Check(q.Default); err != nil {
				t.Errorf("the default of %s fails its own check: %v", q.Name, err)
			}
			if q.Min > q.Max || q.Doc == "" {
				t.Errorf("%s: range %g..%g or doc %q", q.Name, q.Min, q.Max, q.Doc)
			}
		}
		switch m.Kind {
		case Global:
			if m.Global == nil || m.Local != nil || m.Overlay {
				t.Fatal("a global method has Global, and no Local or Overlay")
			}
			checkGlobalRow(t, m)
		case Local:
			if m.Local == nil || m.Global != nil || m.Criterion != nil {
				t.Fatal("a local method has Local, and no Global or Criterion")
			}
			checkLocalRow(t, m)
		default:
			t.Fatalf("kind %q", m.Kind)
		}
	})
}

// registryHistograms are the histograms every global method is run on: a real picture's, empty,
// one value at each end and in the middle (all of gray 1: OpenCV's triangle gives −1 there), two
// values, and a flat one.
func registryHistograms(t *testing.T) map[string]Histogram {
	hs := map[string]Histogram{"camera": oracleHist(t, "camera"), "empty": {}}
	for _, v := range []int{0, 1, 128, 254, 255} {
		var h Histogram
		h[v] = 1000
		hs["only "+itoa(v)] = h
	}
	var two, flat Histogram
	two[30], two[200] = 500, 1500
	for i := range flat {
		flat[i] = 7
	}
	hs["two values"], hs["flat"] = two, flat
	return hs
}

func checkGlobalRow(t *testing.T, m Method) {
	for name, h := range registryHistograms(t) {
		h := h
		r := m.Global(&h, m.Defaults())
		again := m.Global(&h, m.Defaults())
		if math.IsNaN(r.Level) || r.Level < GlobalLevelMin || r.Level > GlobalLevelMax {
			t.Errorf("%s: level %v outside %d..%d", name, r.Level, GlobalLevelMin, GlobalLevelMax)
		}
		if r.Level != again.Level || len(r.Levels) != len(again.Levels) || len(r.Trace) != len(again.Trace) {
			t.Errorf("%s: not deterministic: %v then %v", name, r, again)
		}
		if r.Levels != nil && float64(r.Levels[0]) != r.Level {
			t.Errorf("%s: Level %v is not Levels[0] %v", name, r.Level, r.Levels)
		}
		if m.Criterion != nil {
			if c := m.Criterion(&h, m.Defaults()); len(c) != 256 {
				t.Errorf("%s: criterion has %d values", name, len(c))
			}
		}
	}
}

func checkLocalRow(t *testing.T, m Method) {
	// A textured 37×23 picture, once at the origin and once as a sub-image whose bounds start
	// elsewhere (and whose stride is not its width).
	const w, h = 37, 23
	big := image.NewGray(image.Rect(-9, 4, -9+w+11, 4+h+5))
	for i := range big.Pix {
		big.Pix[i] = uint8((i*i*7 + i*13) % 251)
	}
	sub := big.SubImage(image.Rect(-5, 6, -5+w, 6+h)).(*image.Gray)
	origin := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		copy(origin.Pix[y*origin.Stride:y*origin.Stride+w], sub.Pix[y*sub.Stride:])
	}
	p := m.Defaults()
	for _, q := range m.Params { // keep the windows within the picture so that edges and insides both count
		if v := p[q.Name]; (q.Name == "window" || q.Name == "blockSize" || q.Name == "radius") && v > 9 {
			p[q.Name] = 9
		}
	}
	if err := m.Check(p); err != nil {
		t.Fatal(err)
	}
	run := func(src *image.Gray) (*LevelMap, LocalResult, *image.Gray) {
		lm := NewLevelMap(src.Rect)
		var req LocalRequest
		if m.Overlay {
			req.Overlay = image.NewGray(src.Rect)
		}
		return lm, m.Local(lm, src, p, req), req.Overlay
	}
	a, ra, oa := run(sub)
	b, rb, ob := run(origin)
	c, _, _ := run(origin)
	if ra != rb {
		t.Errorf("result %v on the sub-image, %v at the origin", ra, rb)
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			la, lb, lc := a.L[y*a.Stride+x], b.L[y*b.Stride+x], c.L[y*c.Stride+x]
			if la != lb || lb != lc {
				t.Fatalf("(%d,%d): level %d on the sub-image, %d and %d at the origin", x, y, la, lb, lc)
			}
			if m.Picture && lb != -1 && lb != 255 {
				t.Fatalf("(%d,%d): level %d in a picture (only −1 and 255)", x, y, lb)
			}
			if lb < -1 || lb > 255 || (rb.Single && int(lb) != rb.Level) {
				t.Fatalf("(%d,%d): level %d (single %v %d)", x, y, lb, rb.Single, rb.Level)
			}
			if m.Overlay && oa.Pix[y*oa.Stride+x] != ob.Pix[y*ob.Stride+x] {
				t.Fatalf("(%d,%d): overlay differs between the sub-image and the origin", x, y)
			}
		}
	}
}
