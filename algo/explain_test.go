package algo

import (
	"bytes"
	"image"
	"math"
	"math/rand/v2"
	"testing"
)

// randomHistogram fills a histogram with two noisy humps, as pictures have.
func randomHistogram(r *rand.Rand) Histogram {
	var h Histogram
	a, b := r.IntN(200), 30+r.IntN(226)
	for i := 0; i < 2000+r.IntN(20000); i++ {
		c := a
		if r.IntN(3) == 0 {
			c = b
		}
		v := c + int(r.NormFloat64()*float64(1+r.IntN(30)))
		h[min(max(v, 0), 255)]++
	}
	return h
}

// Each T of the iterative method is (m1 + m2) / 2 of ClassMeans at the T before it, to the bit:
// the lesson's step list explains the trace with these means.
func TestClassMeansExplainIterative(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	steps := 0
	for n := 0; n < 200; n++ {
		h := randomHistogram(r)
		_, trace := Iterative(&h, DefaultIterativeDelta)
		for k := 1; k < len(trace); k++ {
			m1, m2 := ClassMeans(&h, trace[k-1])
			if got := (m1 + m2) / 2; got != trace[k] {
				t.Fatalf("histogram %d, step %d: (m1 + m2) / 2 = %v, Iterative's T = %v", n, k, got, trace[k])
			}
			steps++
		}
	}
	if steps == 0 {
		t.Fatal("no iteration was checked")
	}
	var one Histogram
	one[7] = 10
	if m1, m2 := ClassMeans(&one, 7); !math.IsNaN(m1) || !math.IsNaN(m2) {
		t.Errorf("an empty class: means %v, %v; want NaN", m1, m2)
	}
	var two Histogram
	two[3], two[7] = 1, 3
	if m1, m2 := ClassMeans(&two, 6.5); m1 != 7 || m2 != 3 {
		t.Errorf("ClassMeans at 6.5 of {3: 1, 7: 3} = %v, %v; want 7, 3", m1, m2)
	}
}

// ArgMax of Otsu's criterion is Otsu's level: the curve the page draws peaks where the method cut.
func TestArgMaxIsOtsu(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	checked := 0
	for n := 0; n < 300; n++ {
		h := randomHistogram(r)
		at, best := ArgMax(OtsuCriterion(&h, nil))
		if best <= 0 {
			continue // a curve at 0 everywhere: Otsu keeps 0, there is no peak to find
		}
		if want := Otsu(&h); at != want {
			t.Fatalf("histogram %d: ArgMax %d, Otsu %d", n, at, want)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no histogram was checked")
	}
	nan := math.NaN()
	for _, c := range []struct {
		in   []float64
		want int
	}{{[]float64{nan, 1, 3, 3, nan}, 2}, {[]float64{nan, nan}, -1}, {nil, -1}, {[]float64{-5, -2, -2}, 1}} {
		if got, _ := ArgMax(c.in); got != c.want {
			t.Errorf("ArgMax(%v) = %d, want %d", c.in, got, c.want)
		}
	}
}

// AtLevel at a result's level gives Threshold's own pixels, for every global method, type, maxval
// and dark: try-all's thumbnails use it on a smaller picture.
func TestAtLevelIsThreshold(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	w, h := 37, 23
	pix := make([]byte, 4*w*h)
	for i := 0; i < w*h; i++ {
		v := byte(min(max(int(float64(i%w)*6+r.NormFloat64()*25), 0), 255))
		pix[4*i], pix[4*i+1], pix[4*i+2], pix[4*i+3] = v, v/2, v, 255
	}
	im, err := NewImage(pix, w, h)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, m := range MethodsOf(Global) {
		for typ := Binary; typ <= ToZeroInv; typ++ {
			for _, dark := range []bool{false, true} {
				o := &Options{Method: m.ID, Type: typ, Maxval: 200, Dark: dark, Blur: &Blur{Ksize: 3}}
				out, err := im.Threshold(o, nil)
				if err != nil {
					t.Fatal(err)
				}
				got := make([]byte, len(out.Pix))
				AtLevel(got, out.Gray, o, Result{Level: out.Level, Levels: out.Levels})
				if !bytes.Equal(got, out.Pix) {
					t.Fatalf("%s %v dark=%v: AtLevel differs from Threshold", m.ID, typ, dark)
				}
				checked++
			}
		}
	}
	// -1 (everything is foreground) is a level too: binary gives maxval everywhere, black included.
	g := image.NewGray(image.Rect(0, 0, 2, 1))
	dst := make([]byte, 8)
	AtLevel(dst, g, &Options{Type: Binary, Maxval: 255}, Result{Level: -1})
	if dst[0] != 255 || dst[4] != 255 {
		t.Errorf("level -1 on black: %v, want maxval", dst)
	}
	if checked == 0 {
		t.Fatal("no method was checked")
	}
}
