package algo

import (
	"image"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestResizeOracle: cv2.resize(gray, (round(0.3·w), round(0.3·h)), INTER_LINEAR) on every public
// oracle image (sizes rounded half away from zero), tolerance 0.
func TestResizeOracle(t *testing.T) {
	n := 0
	defer func() { checkedSome(t, n, "resize_0.3 oracle outputs") }()
	for _, stem := range oracleNames(t) {
		if !hasOutput(stem, "resize_0.3") {
			continue
		}
		n++
		t.Run(stem, func(t *testing.T) {
			src := oracleGray(t, stem)
			w, h := src.Rect.Dx(), src.Rect.Dy()
			dst := image.NewGray(image.Rect(0, 0, roundHalfAway(0.3*float64(w)), roundHalfAway(0.3*float64(h))))
			ResizeBilinear(dst, src)
			sameGray(t, dst, oracleOutput(t, stem, "resize_0.3"))
		})
	}
}

type resizeGolden struct {
	W, H, DW, DH int
	Src, Want    []byte
}

// TestResizeGoldens: cv2.resize INTER_LINEAR up and down, odd sizes, one-pixel sources and
// results, exact halving (OpenCV's INTER_AREA shortcut), one direction only
// (testdata/opencv/resize.json), tolerance 0.
func TestResizeGoldens(t *testing.T) {
	var cases []resizeGolden
	cvGolden(t, "resize.json", &cases)
	if len(cases) < 50 {
		t.Fatalf("only %d cases", len(cases))
	}
	for i, c := range cases {
		t.Run(strconv.Itoa(i)+"_"+strconv.Itoa(c.W)+"x"+strconv.Itoa(c.H)+"_to_"+strconv.Itoa(c.DW)+"x"+strconv.Itoa(c.DH), func(t *testing.T) {
			dst := cvGray(make([]byte, c.DW*c.DH), c.DW, c.DH)
			ResizeBilinear(dst, cvGray(c.Src, c.W, c.H))
			sameGray(t, dst, cvGray(c.Want, c.DW, c.DH))
		})
	}
}

// TestResizeDegenerate: empty images leave dst alone; a constant image stays constant at any size.
func TestResizeDegenerate(t *testing.T) {
	ResizeBilinear(image.NewGray(image.Rect(0, 0, 3, 3)), image.NewGray(image.Rect(0, 0, 0, 4)))
	ResizeBilinear(image.NewGray(image.Rect(0, 0, 0, 3)), image.NewGray(image.Rect(0, 0, 2, 4)))
	c := image.NewGray(image.Rect(0, 0, 7, 3))
	for i := range c.Pix {
		c.Pix[i] = 201
	}
	for _, sz := range [][2]int{{1, 1}, {1, 9}, {13, 2}, {3, 3}, {50, 40}} {
		dst := image.NewGray(image.Rect(0, 0, sz[0], sz[1]))
		ResizeBilinear(dst, c)
		for _, v := range dst.Pix {
			if v != 201 {
				t.Fatalf("%v: constant 201 became %d", sz, v)
			}
		}
	}
}

// TestResizeCV2 compares with cv2.resize on fresh random sizes, up and down (opt-in, LIMEN_CV2=1).
func TestResizeCV2(t *testing.T) {
	s := cvStart(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 1500; i++ {
		w, h := 1+rng.IntN(80), 1+rng.IntN(80)
		dw, dh := 1+rng.IntN(100), 1+rng.IntN(100)
		switch i % 5 {
		case 1: // the page's scale
			dw, dh = max(1, roundHalfAway(0.3*float64(w))), max(1, roundHalfAway(0.3*float64(h)))
		case 2: // large reductions
			w, h = 100+rng.IntN(300), 100+rng.IntN(300)
			dw, dh = 1+rng.IntN(30), 1+rng.IntN(30)
		case 3: // exact halving and doubling
			dw, dh = max(1, w/2), max(1, h/2)
			if rng.IntN(2) == 0 {
				dw, dh = 2*w, 2*h
			}
		case 4:
			if i%50 == 4 { // a few large images, any scale
				w, h = 300+rng.IntN(1200), 300+rng.IntN(1200)
				dw, dh = 1+rng.IntN(1600), 1+rng.IntN(1600)
			}
		}
		pix := make([]byte, w*h)
		for j := range pix {
			pix[j] = byte(rng.IntN(256))
		}
		var resp struct{ Want []byte }
		s.ask(t, map[string]any{"op": "resize", "w": w, "h": h, "dw": dw, "dh": dh, "src": pix}, &resp)
		dst := cvGray(make([]byte, dw*dh), dw, dh)
		ResizeBilinear(dst, cvGray(pix, w, h))
		t.Run(strconv.Itoa(w)+"x"+strconv.Itoa(h)+"_to_"+strconv.Itoa(dw)+"x"+strconv.Itoa(dh), func(t *testing.T) {
			sameGray(t, dst, cvGray(resp.Want, dw, dh))
		})
	}
}

// FuzzResize: any pair of sizes gives a result without panicking, every output value lies within
// the range of the input, and a constant image stays constant.
func FuzzResize(f *testing.F) {
	f.Add(uint8(1), uint8(1), uint8(3), uint8(1), uint64(1))
	f.Add(uint8(10), uint8(7), uint8(3), uint8(2), uint64(7))
	f.Fuzz(func(t *testing.T, w, h, dw, dh uint8, seed uint64) {
		if w == 0 || h == 0 || dw == 0 || dh == 0 {
			return
		}
		rng := rand.New(rand.NewPCG(seed, 1))
		src := image.NewGray(image.Rect(0, 0, int(w), int(h)))
		lo, hi := byte(255), byte(0)
		for i := range src.Pix {
			src.Pix[i] = byte(rng.IntN(256))
			lo, hi = min(lo, src.Pix[i]), max(hi, src.Pix[i])
		}
		dst := image.NewGray(image.Rect(0, 0, int(dw), int(dh)))
		ResizeBilinear(dst, src)
		for _, p := range dst.Pix {
			if p < lo || p > hi {
				t.Fatalf("value %d outside the input's %d…%d", p, lo, hi)
			}
		}
	})
}

// BenchmarkResize12MP: a 12 MP (4000×3000) image to 0.3 of its size, the seed article's step.
func BenchmarkResize12MP(b *testing.B) {
	src := cvBenchGray(4000, 3000)
	dst := image.NewGray(image.Rect(0, 0, 1200, 900))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		ResizeBilinear(dst, src)
	}
}
