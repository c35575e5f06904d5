package algo

import (
	"image"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestGaussianBlurOracle: cv2.GaussianBlur(gray, (5, 5), 0) on every public oracle image,
// tolerance 0.
func TestGaussianBlurOracle(t *testing.T) {
	n := 0
	for _, stem := range oracleNames(t) {
		if !hasOutput(stem, "gaussian5") {
			continue
		}
		n++
		t.Run(stem, func(t *testing.T) {
			src := oracleGray(t, stem)
			dst := image.NewGray(src.Rect)
			GaussianBlur(dst, src, 5, 0)
			sameGray(t, dst, oracleOutput(t, stem, "gaussian5"))
		})
	}
	checkedSome(t, n, "gaussian5 oracle outputs")
}

type blurGolden struct {
	W, H, Ksize int
	Sigma       float64
	Src, Want   []byte
}

// TestGaussianBlurGoldens: cv2.GaussianBlur on small random images, tiny ones (1×1, 1×7, 2×2, …)
// among them, ksize 0…31 and several σ (testdata/opencv/blur.json), tolerance 0.
func TestGaussianBlurGoldens(t *testing.T) {
	var cases []blurGolden
	cvGolden(t, "blur.json", &cases)
	if len(cases) < 50 {
		t.Fatalf("only %d cases", len(cases))
	}
	for i, c := range cases {
		t.Run(strconv.Itoa(i)+"_"+strconv.Itoa(c.W)+"x"+strconv.Itoa(c.H)+"_k"+strconv.Itoa(c.Ksize)+"_s"+ftoa(c.Sigma), func(t *testing.T) {
			src := cvGray(c.Src, c.W, c.H)
			dst := cvGray(make([]byte, c.W*c.H), c.W, c.H)
			GaussianBlur(dst, src, c.Ksize, c.Sigma)
			sameGray(t, dst, cvGray(c.Want, c.W, c.H))
		})
	}
}

// TestGaussianBlurKernel pins kernels read back from cv2 (one-row impulse responses).
func TestGaussianBlurKernel(t *testing.T) {
	for _, c := range []struct {
		n     int
		sigma float64
		want  []int32
	}{
		{1, 0, []int32{256}},
		{3, 0, []int32{64, 128, 64}},
		{5, 0, []int32{16, 64, 96, 64, 16}},
		{9, 0, []int32{4, 13, 30, 51, 60, 51, 30, 13, 4}},
		{3, 0.8, []int32{61, 134, 61}}, // σ given: computed, not the table
		{31, 0, []int32{0, 1, 0, 1, 2, 3, 4, 6, 7, 10, 13, 15, 17, 19, 20, 20, 20, 19, 17, 15, 13, 10, 7, 6, 4, 3, 2, 1, 0, 1, 0}},
	} {
		got := gaussKernelFixed(c.n, c.sigma)
		if !cvEqual(got, c.want) {
			t.Errorf("kernel(%d, %g) = %v, want %v", c.n, c.sigma, got, c.want)
		}
	}
	for n := 1; n <= 601; n += 2 {
		for _, s := range []float64{0, 0.1, 1, 7.5, 100} {
			k := gaussKernelFixed(n, s)
			sum := int32(0)
			for i, v := range k {
				sum += v
				if v < 0 || v != k[n-1-i] {
					t.Fatalf("kernel(%d, %g) = %v: negative or asymmetric", n, s, k)
				}
			}
			if sum != 256 {
				t.Fatalf("kernel(%d, %g) sums to %d", n, s, sum)
			}
		}
	}
}

func cvEqual[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestGaussianBlurDegenerate: sizes and parameters OpenCV rejects or treats specially give a
// defined result and never panic.
func TestGaussianBlurDegenerate(t *testing.T) {
	src := cvGray([]byte{10, 200, 30, 40, 250, 60}, 3, 2)
	for _, c := range []struct {
		ksize int
		sigma float64
	}{{0, 0}, {1, 0}, {2, 0}, {-5, 0}, {0, -1}, {0, math.NaN()}, {3, math.NaN()}, {0, math.Inf(1)}, {1 << 20, 1}, {0, 1e9}} {
		dst := cvGray(make([]byte, 6), 3, 2)
		GaussianBlur(dst, src, c.ksize, c.sigma)
	}
	// ksize 0 with σ 0, and ksize 1: the image unchanged.
	for _, k := range []int{0, 1} {
		dst := cvGray(make([]byte, 6), 3, 2)
		GaussianBlur(dst, src, k, 0)
		sameGray(t, dst, src)
	}
	// In place: the same as into another image.
	g := cvBenchGray(37, 23)
	want := image.NewGray(g.Rect)
	GaussianBlur(want, g, 9, 2.5)
	GaussianBlur(g, g, 9, 2.5)
	sameGray(t, g, want)
	// Empty images.
	GaussianBlur(image.NewGray(image.Rect(0, 0, 0, 5)), image.NewGray(image.Rect(0, 0, 0, 5)), 5, 0)
	// A constant image stays constant.
	c := image.NewGray(image.Rect(0, 0, 9, 4))
	for i := range c.Pix {
		c.Pix[i] = 77
	}
	dst := image.NewGray(c.Rect)
	GaussianBlur(dst, c, 31, 3)
	sameGray(t, dst, c)
}

// TestGaussianBlurCV2 compares with cv2 on fresh random cases (opt-in, LIMEN_CV2=1): the kernel
// of every ksize 1…255 with σ derived and of random (ksize, σ) pairs, then random images.
func TestGaussianBlurCV2(t *testing.T) {
	s := cvStart(t)
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(n int, sigma float64) {
		var resp struct{ Kernel []int32 }
		s.ask(t, map[string]any{"op": "kernel", "ksize": n, "sigma": sigma}, &resp)
		if got := gaussKernelFixed(n, sigma); !cvEqual(got, resp.Kernel) {
			t.Errorf("kernel(%d, %v) = %v, cv2 %v", n, sigma, got, resp.Kernel)
		}
	}
	for n := 1; n <= 255; n += 2 {
		check(n, 0)
	}
	for sigma := 10.0; sigma <= 100; sigma += 4.5 { // the page's largest kernels, ksize derived
		check(blurKsize(0, sigma), sigma)
	}
	for i := 0; i < 3000; i++ {
		n := 1 + 2*rng.IntN(128)
		sigma := math.Exp(rng.Float64()*7 - 3) // 0.05 … 55
		if i%3 == 0 {
			sigma = float64(rng.IntN(1000)) / 100
		}
		check(n, sigma)
	}
	for i := 0; i < 600; i++ {
		w, h := 1+rng.IntN(60), 1+rng.IntN(60)
		if i%4 == 0 {
			w, h = 1+rng.IntN(6), 1+rng.IntN(6)
		}
		ksize := 2*rng.IntN(16) + 1
		sigma := 0.0
		switch i % 3 {
		case 1:
			sigma = rng.Float64() * 8
		case 2:
			ksize, sigma = 0, 0.2+rng.Float64()*5
		}
		pix := make([]byte, w*h)
		for j := range pix {
			pix[j] = byte(rng.IntN(256))
			if i%5 == 1 {
				pix[j] = byte(rng.IntN(2) * 255)
			}
		}
		var resp struct{ Want []byte }
		s.ask(t, map[string]any{"op": "blur", "w": w, "h": h, "ksize": ksize, "sigma": sigma, "src": pix}, &resp)
		src := cvGray(pix, w, h)
		dst := cvGray(make([]byte, w*h), w, h)
		GaussianBlur(dst, src, ksize, sigma)
		want := cvGray(resp.Want, w, h)
		t.Run(strconv.Itoa(w)+"x"+strconv.Itoa(h)+"_k"+strconv.Itoa(ksize)+"_s"+ftoa(sigma), func(t *testing.T) {
			sameGray(t, dst, want)
		})
	}
}

// FuzzGaussianBlur: any size, kernel size and σ give a result without panicking, and a constant
// image stays constant.
func FuzzGaussianBlur(f *testing.F) {
	f.Add(uint8(1), uint8(1), int16(5), 0.0, byte(9))
	f.Add(uint8(2), uint8(7), int16(0), 1.5, byte(200))
	f.Add(uint8(13), uint8(3), int16(31), -1.0, byte(0))
	f.Fuzz(func(t *testing.T, w, h uint8, ksize int16, sigma float64, v byte) {
		if w == 0 || h == 0 || w > 64 || h > 64 || ksize > 301 || sigma > 50 {
			return
		}
		src := image.NewGray(image.Rect(0, 0, int(w), int(h)))
		for i := range src.Pix {
			src.Pix[i] = v
		}
		dst := image.NewGray(src.Rect)
		GaussianBlur(dst, src, int(ksize), sigma)
		for _, p := range dst.Pix {
			if p != v {
				t.Fatalf("constant %d became %d", v, p)
			}
		}
	})
}

func cvBenchGray(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range g.Pix {
		g.Pix[i] = byte(rng.IntN(256))
	}
	return g
}

func benchmarkBlur(b *testing.B, ksize int) {
	src := cvBenchGray(2000, 2000) // 4 MP
	dst := image.NewGray(src.Rect)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		GaussianBlur(dst, src, ksize, 0)
	}
}

func BenchmarkGaussianBlur5x5_4MP(b *testing.B)   { benchmarkBlur(b, 5) }
func BenchmarkGaussianBlur31x31_4MP(b *testing.B) { benchmarkBlur(b, 31) }
