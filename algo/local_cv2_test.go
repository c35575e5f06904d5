package algo

import (
	"image"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestLocalCV2 is the randomized differential test of the local methods and Otsu (opt-in,
// LIMEN_CV2=1): fresh gray images from a fixed seed, of every shape the page can meet (1×1, one
// row, one column, smaller than the window, up to a few hundred pixels a side) and of several kinds
// (uniform noise, few levels, gradients with noise, dark strokes on an uneven light background,
// constant; every twelfth image is instead a box-filter tie for adaptive-mean, see localCV2Tie),
// each thresholded by adaptive-mean, adaptive-gaussian, niblack and sauvola with random
// parameters across their whole registry range, binary or binary-inv, maxval mostly 255, through
// the public pipeline (Image.Threshold), and compared with tolerance 0 with
// cv2.adaptiveThreshold / skimage's threshold_niblack and threshold_sauvola (src > T) as
// `cv2ref.py serve` computes them. Otsu's level of each image is compared with
// cv2.threshold(…, THRESH_BINARY|THRESH_OTSU)'s.
//
// LIMEN_SEED=n picks another seed (the default is localCV2Seed), LIMEN_LOCAL_N=n another number of
// images (default 600). A failure names the seed, the image's index, its size and kind, the method,
// its parameters, how many pixels differ, and at the first of them limen's level and the
// reference's local threshold; images of at most 64 pixels are printed whole. The test stops after
// 10 failures.
func TestLocalCV2(t *testing.T) {
	s := cvStart(t)
	seed := uint64(localCV2Seed)
	if v := os.Getenv("LIMEN_SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("LIMEN_SEED=%q: %v", v, err)
		}
		seed = n
	}
	images := 600
	if v := os.Getenv("LIMEN_LOCAL_N"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("LIMEN_LOCAL_N=%q: want a positive whole number", v)
		}
		images = n
	}
	start := time.Now()
	rng := rand.New(rand.NewPCG(seed, 0x6c696d656e))
	ran := map[string]int{}
	failures := 0
	fail := func(format string, args ...any) {
		t.Helper()
		failures++
		t.Errorf("seed %d "+format, append([]any{seed}, args...)...)
	}
	for i := 0; i < images && failures < 10; i++ {
		w, h := localCV2Size(rng)
		kind := rng.IntN(len(localCV2Kinds))
		pix := localCV2Image(rng, kind, w, h)
		kindName, tieBlock := localCV2Kinds[kind], 0
		if i%12 == 11 { // every twelfth image is a box-filter tie for adaptive-mean instead
			for try := 0; try < 4 && tieBlock == 0; try++ {
				if tw, th, tp, b, ok := localCV2Tie(rng); ok {
					w, h, pix, tieBlock = tw, th, tp, b
					kindName = "box tie, blockSize " + strconv.Itoa(b)
					ran["adaptive-mean box ties"]++
				}
			}
		}
		g := cvGray(pix, w, h)
		im := NewImageGray(g)
		where := "image " + strconv.Itoa(i) + " (" + strconv.Itoa(w) + "×" + strconv.Itoa(h) + ", " + kindName + ")"
		if w*h <= 64 {
			where += " pixels " + localCV2Pixels(pix, w)
		}

		var lv struct{ Level int }
		s.ask(t, map[string]any{"op": "otsu", "src": pix, "w": w, "h": h}, &lv)
		out, err := im.Threshold(&Options{Method: "otsu", Type: Binary, Maxval: 255, NoImage: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ran["otsu"]++
		if out.Level != float64(lv.Level) {
			fail("%s: otsu level %v, cv2 %d", where, out.Level, lv.Level)
		}

		for _, id := range []string{"adaptive-mean", "adaptive-gaussian", "niblack", "sauvola"} {
			c := localCV2Draw(rng, id, w, h)
			if id == "adaptive-mean" && tieBlock > 0 {
				// The tie shows where v is next to the mean: C small.
				c.params["blockSize"] = float64(tieBlock)
				c.params["C"] = []float64{0, 0, -0.5, 0.5, 1, -1, 2, -2}[rng.IntN(8)]
			}
			var resp struct{ Want []byte }
			s.ask(t, c.request(pix, w, h), &resp)
			if len(resp.Want) != w*h {
				t.Fatalf("%s %s: reference gave %d pixels", where, id, len(resp.Want))
			}
			p := Params{}
			for k, v := range c.params {
				p[k] = v
			}
			out, err := im.Threshold(&Options{Method: id, Params: p, Type: c.typ, Maxval: c.maxval}, nil)
			if err != nil {
				t.Fatalf("%s %s %v: %v", where, id, c.params, err)
			}
			ran[id]++
			bad, first := 0, -1
			for j, want := range resp.Want {
				if got := out.Pix[4*j]; got != want {
					if bad == 0 {
						first = j
					}
					bad++
				}
			}
			if bad == 0 {
				continue
			}
			x, y := first%w, first/w
			ref := map[string]any{}
			q := c.request(pix, w, h)
			q["op"], q["method"], q["x"], q["y"] = "localt", id, x, y
			s.ask(t, q, &ref)
			ps := paramString(c.params)
			if c.defaultR {
				ps += ",r=default (127.5)"
			}
			fail("%s: %s %s %s maxval %d: %d of %d pixels differ; first at (%d,%d): v=%d, limen %d (level %d), reference %d (local threshold %v)",
				where, id, ps, c.typ, c.maxval, bad, w*h, x, y, pix[first],
				out.Pix[4*first], localCV2Level(g, id, c, x, y), resp.Want[first], ref)
		}
	}
	t.Logf("seed %d: %v in %v", seed, ran, time.Since(start).Round(time.Millisecond))
}

// localCV2Seed is the default seed of TestLocalCV2.
const localCV2Seed = 20260801

// localCV2Case is one local method's random draw for one image.
type localCV2Case struct {
	id       string
	params   Params // as the pipeline takes them; sauvola's r may be absent (its default)
	typ      Type   // Binary or BinaryInv
	maxval   uint8
	defaultR bool // sauvola without r: the reference is called with r=None as well
}

// request is the cv2ref.py request for c on the w×h image pix.
func (c localCV2Case) request(pix []byte, w, h int) map[string]any {
	req := map[string]any{"src": pix, "w": w, "h": h, "inv": c.typ == BinaryInv, "maxval": int(c.maxval)}
	switch c.id {
	case "adaptive-mean", "adaptive-gaussian":
		req["op"] = "adaptive"
		req["method"] = strings.TrimPrefix(c.id, "adaptive-")
		req["blockSize"] = int(c.params["blockSize"])
		req["C"] = c.params["C"]
	default:
		req["op"] = c.id
		req["window"] = int(c.params["window"])
		req["k"] = c.params["k"]
		if c.id == "sauvola" {
			req["r"] = nil
			if !c.defaultR {
				req["r"] = c.params["r"]
			}
		}
	}
	return req
}

// localCV2Level is limen's level at (x, y) for case c, straight from the method (for reports).
func localCV2Level(g *image.Gray, id string, c localCV2Case, x, y int) int {
	m, _ := Lookup(id)
	p := Params{}
	for k, v := range c.params {
		p[k] = v
	}
	if err := m.Check(p); err != nil {
		return math.MinInt
	}
	lm := NewLevelMap(g.Rect)
	m.Local(lm, g, p, LocalRequest{Inverted: c.typ == BinaryInv})
	return int(lm.L[y*lm.Stride+x])
}

// localCV2Size draws an image size: 1×1, one row, one column, tiny (smaller than most windows),
// medium, or up to 399 a side.
func localCV2Size(rng *rand.Rand) (w, h int) {
	switch r := rng.IntN(20); {
	case r == 0:
		return 1, 1
	case r <= 2:
		return 1 + rng.IntN(300), 1
	case r <= 4:
		return 1, 1 + rng.IntN(300)
	case r <= 9:
		return 1 + rng.IntN(15), 1 + rng.IntN(15)
	case r <= 16:
		return 16 + rng.IntN(100), 16 + rng.IntN(100)
	default:
		return 100 + rng.IntN(300), 100 + rng.IntN(300)
	}
}

var localCV2Kinds = []string{"noise", "few levels", "gradient+noise", "text", "constant"}

// localCV2Image draws a w×h image of the given kind (an index into localCV2Kinds), row-major.
func localCV2Image(rng *rand.Rand, kind, w, h int) []byte {
	pix := make([]byte, w*h)
	clamp := func(v float64) byte { return byte(min(max(math.Round(v), 0), 255)) }
	switch kind {
	case 0: // uniform noise, sometimes on a narrow range
		lo, span := 0, 256
		if rng.IntN(3) == 0 {
			lo, span = rng.IntN(250), 2+rng.IntN(6)
		}
		for j := range pix {
			pix[j] = byte(min(lo+rng.IntN(span), 255))
		}
	case 1: // a few levels, per pixel or in blocks
		levels := make([]byte, 2+rng.IntN(4))
		for j := range levels {
			levels[j] = byte(rng.IntN(256))
		}
		if rng.IntN(3) == 0 {
			levels[0], levels[1] = 0, 255
		}
		bw, bh := 1+rng.IntN(8), 1+rng.IntN(8)
		cells := make([]byte, (w/bw+1)*(h/bh+1))
		for j := range cells {
			cells[j] = levels[rng.IntN(len(levels))]
		}
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				pix[y*w+x] = cells[(y/bh)*(w/bw+1)+x/bw]
			}
		}
	case 2: // a smooth gradient (linear and a slow wave) plus Gaussian noise
		a := rng.Float64() * 255
		bx, by := (rng.Float64()*2-1)*3, (rng.Float64()*2-1)*3
		amp, period := rng.Float64()*60, 10+rng.Float64()*200
		sigma := rng.Float64() * 25
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				v := a + bx*float64(x) + by*float64(y) + amp*math.Sin(float64(x+y)/period*2*math.Pi)
				pix[y*w+x] = clamp(v + rng.NormFloat64()*sigma)
			}
		}
	case 3: // dark strokes on a light background lit unevenly
		bg := 150 + rng.Float64()*80
		gx, gy := (rng.Float64()*2-1)*80/float64(w), (rng.Float64()*2-1)*80/float64(h)
		amp, period := rng.Float64()*30, 30+rng.Float64()*300
		noise := rng.Float64() * 8
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				v := bg + gx*float64(x) + gy*float64(y) + amp*math.Cos(float64(x)/period*2*math.Pi)*math.Cos(float64(y)/period*math.Pi)
				pix[y*w+x] = clamp(v + rng.NormFloat64()*noise)
			}
		}
		strokes := 1 + rng.IntN(max(1, w*h/60))
		for range strokes {
			ink := 10 + rng.Float64()*80
			thick := 1 + rng.IntN(3)
			x0, y0 := rng.IntN(w), rng.IntN(h)
			dx, dy := []int{1, 0, 1, 1}[rng.IntN(4)], 0
			if dx == 0 || rng.IntN(2) == 0 {
				dy = []int{-1, 0, 1}[rng.IntN(3)]
			}
			if dx == 0 && dy == 0 {
				dy = 1
			}
			n := 2 + rng.IntN(20)
			for step := 0; step < n; step++ {
				for tx := 0; tx < thick; tx++ {
					for ty := 0; ty < thick; ty++ {
						x, y := x0+dx*step+tx, y0+dy*step+ty
						if x >= 0 && x < w && y >= 0 && y < h {
							pix[y*w+x] = clamp(ink + rng.NormFloat64()*noise)
						}
					}
				}
			}
		}
	default: // constant, often an extreme
		v := byte(rng.IntN(256))
		switch rng.IntN(4) {
		case 0:
			v = 0
		case 1:
			v = 255
		}
		for j := range pix {
			pix[j] = v
		}
	}
	return pix
}

// localCV2Tie draws an image on which OpenCV's box filter (blockSize ≥ 165) rounds the mean of
// every window one way in its vectorised columns, float32(S)·float32(1/n), and the other way in its
// scalar tail columns, S/n in double (see AdaptiveMean): a zero frame around an interior that sums to
// such an S, with a blockSize B so large that every window, replicated border included, covers the
// whole interior exactly once (w, h ≤ B/2 + 1), so that every pixel's window sums to S. The gen.py
// golden tie189x251 is one such image; these vary B, the size (and so width mod 8) and S. Some
// interior pixels are set next to the mean S/n, where the two roundings give different outputs.
// ok is false when no such S fits (the caller keeps its ordinary image).
func localCV2Tie(rng *rand.Rand) (w, h int, pix []byte, block int, ok bool) {
	block = 401 + 2*rng.IntN(51) // 401..501
	r := block / 2
	w, h = r+1-rng.IntN(r/4), r+1-rng.IntN(r/4)
	a, n := (w-2)*(h-2), block*block
	f32 := func(s int) int { // OpenCV's vector rounding of s/n, half to even
		return int(roundEven8(float32(float32(s) * float32(1/float64(n)))))
	}
	var cands []int
	for q := 0; q < 256; q++ {
		for j := 0; j < 3; j++ {
			for _, s := range []int{q*n + (n-1)/2 - j, q*n + (n+1)/2 + j} {
				if s > 0 && s <= 240*a && f32(s) != (2*s+n)/(2*n) {
					cands = append(cands, s)
				}
			}
		}
	}
	if len(cands) == 0 {
		return 0, 0, nil, 0, false
	}
	sum := cands[rng.IntN(len(cands))]
	in := make([]int, a)
	for j := range in {
		in[j] = sum / a
		if j < sum%a {
			in[j]++
		}
	}
	rng.Shuffle(a, func(i, j int) { in[i], in[j] = in[j], in[i] })
	// The first quarter goes next to the mean, the rest makes up the difference.
	m, q := sum/n, a/4
	for j := 0; j < min(q, 300); j++ {
		target := max(m-1+rng.IntN(4), 0)
		d := in[j] - target
		in[j] = target
		for tries := 0; d != 0; tries++ {
			if tries > 100000 {
				return 0, 0, nil, 0, false
			}
			k := q + rng.IntN(a-q)
			if d > 0 {
				add := min(d, 255-in[k])
				in[k] += add
				d -= add
			} else {
				sub := min(-d, in[k])
				in[k] -= sub
				d += sub
			}
		}
	}
	pix = make([]byte, w*h)
	for y := 1; y < h-1; y++ {
		for x := 1; x < w-1; x++ {
			pix[y*w+x] = byte(in[(y-1)*(w-2)+x-1])
		}
	}
	return w, h, pix, block, true
}

// localCV2Window draws an odd window from 3..501: small, medium, past OpenCV's exact-rounding
// range of the box filter (≥ 165), or larger than the image.
func localCV2Window(rng *rand.Rand, w, h int) int {
	switch rng.IntN(5) {
	case 0:
		return 3 + 2*rng.IntN(7) // 3..15
	case 1:
		return 17 + 2*rng.IntN(74) // 17..163
	case 2:
		return 165 + 2*rng.IntN(169) // 165..501
	case 3:
		return []int{3, 5, 501}[rng.IntN(3)]
	default: // larger than the image
		lo := max(w, h) + 1
		lo += 1 - lo%2
		lo = min(max(lo, 3), 501)
		return lo + 2*rng.IntN((501-lo)/2+1)
	}
}

// localCV2Draw draws one method's parameters, type and maxval for a w×h image.
func localCV2Draw(rng *rand.Rand, id string, w, h int) localCV2Case {
	c := localCV2Case{id: id, params: Params{}, typ: Binary, maxval: 255}
	if rng.IntN(2) == 0 {
		c.typ = BinaryInv
	}
	if rng.IntN(4) == 0 {
		c.maxval = uint8(rng.IntN(256))
	}
	win := float64(localCV2Window(rng, w, h))
	switch id {
	case "adaptive-mean", "adaptive-gaussian":
		c.params["blockSize"] = win
		var cc float64
		switch rng.IntN(6) {
		case 0:
			cc = float64(rng.IntN(21) - 10)
		case 1: // quarter steps
			cc = float64(rng.IntN(161)-80) / 4
		case 2:
			cc = (rng.Float64()*2 - 1) * 30
		case 3:
			cc = []float64{-255, 255, -254.5, 254.5, 0, -0.5, 0.5, 1e-9, -1e-9}[rng.IntN(9)]
		case 4:
			cc = (rng.Float64()*2 - 1) * 255
		default: // next to a whole number
			cc = float64(rng.IntN(11)-5) + []float64{-1e-7, 1e-7, -0.999999, 0.999999}[rng.IntN(4)]
		}
		c.params["C"] = cc
	default:
		c.params["window"] = win
		var k float64
		switch rng.IntN(3) {
		case 0:
			k = []float64{0, 0.2, -0.2, 0.5, 1.5, 2, -2, 0.1, 0.3, 0.34}[rng.IntN(10)]
		case 1:
			k = float64(rng.IntN(81)-40) / 20
		default:
			k = rng.Float64()*4 - 2
		}
		c.params["k"] = k
		if id == "sauvola" {
			switch rng.IntN(6) {
			case 0:
				c.defaultR = true // no r at all: both sides take their default, 127.5
			case 1:
				c.params["r"] = 127.5
			case 2:
				c.params["r"] = []float64{1, 1000, 64, 128, 200, 0.5 * 255}[rng.IntN(6)]
			case 3:
				c.params["r"] = 1 + rng.Float64()*9
			default:
				c.params["r"] = 1 + rng.Float64()*999
			}
		}
	}
	return c
}

// localCV2Pixels prints a small image row by row, for reproducing a failure by hand.
func localCV2Pixels(pix []byte, w int) string {
	var b strings.Builder
	b.WriteByte('[')
	for j, v := range pix {
		if j > 0 {
			if j%w == 0 {
				b.WriteString(" / ")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(strconv.Itoa(int(v)))
	}
	b.WriteByte(']')
	return b.String()
}
