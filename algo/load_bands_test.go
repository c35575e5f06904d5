package algo

import (
	"bytes"
	"image"
	"math/rand/v2"
	"testing"
)

// TestLoadBandsMatchesLoad: a picture loaded a band of rows at a time (Image.LoadBands) has Load's
// gray pixels and histogram, whatever the band's height (one row, a few, more than the picture);
// and a global method's Output.LUT (Options.LUTOnly) written over its gray picture is Threshold's
// RGBA result, for every type, with and without resize, mask and ignore options.
func TestLoadBandsMatchesLoad(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for it := 0; it < 40; it++ {
		w, h := 1+rng.IntN(40), 1+rng.IntN(40)
		pix := make([]byte, 4*w*h)
		for i := range pix {
			pix[i] = uint8(rng.IntN(256))
		}
		want, err := NewImage(pix, w, h)
		if err != nil {
			t.Fatal(err)
		}
		for _, rows := range []int{1, 2, 3, 7, h, h + 5} {
			var got Image
			band := make([]byte, 4*w*rows+rng.IntN(4*w)) // not always a whole number of rows
			calls := 0
			err := got.LoadBands(w, h, band, func(dst []byte, y0, y1 int) {
				if len(dst) != 4*w*(y1-y0) || y1-y0 > rows || y0 != calls*rows {
					t.Fatalf("%d×%d band of %d rows: fill(len %d, %d, %d) at call %d", w, h, rows, len(dst), y0, y1, calls)
				}
				calls++
				copy(dst, pix[4*w*y0:4*w*y1])
			})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Gray().Pix, want.Gray().Pix) || got.srcHist != want.srcHist || got.prepHist != want.srcHist {
				t.Fatalf("%d×%d, bands of %d rows: gray or histogram differ from Load's", w, h, rows)
			}
			for _, o := range []Options{
				{Method: "otsu"}, {Method: "otsu", Type: BinaryInv, Maxval: 200}, {Method: "triangle", Type: Trunc, Maxval: 255},
				{Method: "manual", Params: Params{"level": 100}, Type: ToZero, Dark: true}, {Method: "multi-otsu"},
				{Method: "otsu", IgnoreZero: true, Type: ToZeroInv, Resize: &Resize{Scale: 0.5}},
			} {
				plain, lut := o, o
				lut.LUTOnly = true
				a, err := want.Threshold(&plain, nil)
				if err != nil {
					t.Fatal(err)
				}
				b, err := got.Threshold(&lut, nil)
				if err != nil {
					t.Fatal(err)
				}
				if b.Pix != nil || b.LUT == nil || b.Level != a.Level && !(a.Level != a.Level) {
					t.Fatalf("%+v: LUTOnly gave Pix %v, LUT %v, level %v (Threshold's %v)", o, b.Pix != nil, b.LUT != nil, b.Level, a.Level)
				}
				rgba := make([]byte, 4*b.Width*b.Height)
				WriteRGBA(rgba, b.Gray, b.LUT)
				if !bytes.Equal(rgba, a.Pix) {
					t.Fatalf("%d×%d %+v: the LUT's picture differs from Threshold's", w, h, o)
				}
			}
		}
	}
	var im Image
	if err := im.LoadBands(5, 5, make([]byte, 19), func([]byte, int, int) {}); err == nil {
		t.Fatal("a band shorter than a row was taken")
	}
}

// BenchmarkOtsuBands12MP: Otsu at 12 MP from a caller's RGBA picture to a caller's RGBA output, as
// the JS API runs it: whole (copy the picture in, Load, Threshold into a full RGBA buffer, copy it
// out) against bands (LoadBands copying ~256 KB at a time, LUTOnly, each output band written and
// copied out while in the cache).
func BenchmarkOtsuBands12MP(b *testing.B) {
	w, h := 4000, 3000
	in := make([]byte, 4*w*h)
	for i := range in {
		in[i] = uint8(i * 31)
	}
	out := make([]byte, len(in))
	b.Run("whole", func(b *testing.B) {
		var im Image
		buf, dst := make([]byte, len(in)), make([]byte, len(in))
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			copy(buf, in)
			if err := im.Load(buf, w, h); err != nil {
				b.Fatal(err)
			}
			if _, err := im.Threshold(&Options{Method: "otsu", Maxval: 255}, dst); err != nil {
				b.Fatal(err)
			}
			copy(out, dst)
		}
	})
	b.Run("bands", func(b *testing.B) {
		var im Image
		rows := (256 << 10) / (4 * w)
		band := make([]byte, 4*w*rows)
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			err := im.LoadBands(w, h, band, func(dst []byte, y0, y1 int) { copy(dst, in[4*w*y0:4*w*y1]) })
			if err != nil {
				b.Fatal(err)
			}
			r, err := im.Threshold(&Options{Method: "otsu", Maxval: 255, LUTOnly: true}, nil)
			if err != nil {
				b.Fatal(err)
			}
			for y0 := 0; y0 < h; y0 += rows {
				y1 := min(y0+rows, h)
				WriteRGBA(band[:4*w*(y1-y0)], &image.Gray{Pix: r.Gray.Pix[y0*w:], Stride: w, Rect: image.Rect(0, 0, w, y1-y0)}, r.LUT)
				copy(out[4*w*y0:4*w*y1], band[:4*w*(y1-y0)])
			}
		}
	})
}
