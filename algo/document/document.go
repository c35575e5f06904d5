// Package document makes degraded document pages with their ground truth, to learn binarization
// on: a page of text set in a bitmap font, then aged by uneven illumination, a stain, ink bleeding
// through from the back of the sheet, fading, blur and noise, each one a parameter. The ground
// truth is the text as set, before any degradation: 0 (text) on 255 (paper), as DIBCO gives it.
//
// It is pure Go, standard library only (besides limen's algo), and seeded: a seed, a size and the
// degradations give the same pixels on every platform. Integer arithmetic where it can be; the few
// per-pixel formulas in float64 use only +, −, × and ÷ (correctly rounded everywhere), each product
// converted explicitly so that no compiler fuses it into a multiply-add; no math.Exp or math.Sin,
// whose last bit is per-architecture. The blur and the noise are algo.GaussianBlur (integer, as
// OpenCV's) and algo.AddNoise (its own portable generator).
//
// It is a subpackage, not files in algo, because it is not a thresholding method: it has its own
// data (a font, two texts) that the methods have no use for, and the page can load it with the lab.
//
// The font is Bitstream Charter, regular, 18 and 24 point at 100 dpi, from X11's bitmap fonts
// (Debian's xfonts-100dpi), converted by internal/mkfont; its licence is FONT-LICENSE. The texts
// are the opening of Jane Austen's Pride and Prejudice (1813) and, for the back of the sheet,
// of Herman Melville's Moby-Dick (1851), both in the public domain.
package document

import (
	"fmt"
	"image"
	"math"

	"limen/algo"
)

// The glyph tables come from Debian's xfonts-100dpi: apt-get download xfonts-100dpi, unpack it with
// dpkg-deb -x, set FONTDIR to its usr/share/fonts/X11/100dpi and run go generate.
//
//go:generate sh -c "go run ./internal/mkfont -name charter18 -o font_charter18.go $FONTDIR/charR18.pcf.gz && go run ./internal/mkfont -name charter24 -o font_charter24.go $FONTDIR/charR24.pcf.gz"

// The page sizes Generate accepts, in pixels per side.
const (
	MinSide = 32
	MaxSide = 4096
)

// Degradations are the six ways a page is aged, each a number in its range (Params gives the
// ranges and defaults). Zero everywhere is a clean page: flat paper, even ink.
type Degradations struct {
	Illumination float64 // 0–1: depth of the lighting fall-off across the sheet and into a corner
	Stain        float64 // 0–1: darkness of a water stain with a darker rim, and of the paper's mottling
	BleedThrough float64 // 0–1: strength of the mirrored text showing through from the back
	Fading       float64 // 0–1: how much the ink fades, along the page and letter by letter
	Blur         float64 // 0–4: σ in pixels of a Gaussian blur (algo.GaussianBlur, kernel from σ)
	Noise        float64 // 0–50: σ in gray levels of Gaussian noise (algo.AddNoise)
}

// Params describes the degradations for a page's controls: name, default, range and one line.
var Params = []algo.Param{
	{Name: "illumination", Default: 0.5, Min: 0, Max: 1, Doc: "uneven lighting: a fall-off across the sheet and a dim corner"},
	{Name: "stain", Default: 0.5, Min: 0, Max: 1, Doc: "a water stain with a darker rim, and mottled paper"},
	{Name: "bleedThrough", Default: 0.4, Min: 0, Max: 1, Doc: "text from the back of the sheet showing through, mirrored"},
	{Name: "fading", Default: 0.3, Min: 0, Max: 1, Doc: "ink fading along the page and letter by letter"},
	{Name: "blur", Default: 0.8, Min: 0, Max: 4, Doc: "Gaussian blur, σ in pixels"},
	{Name: "noise", Default: 6, Min: 0, Max: 50, Doc: "Gaussian noise, σ in gray levels"},
}

// Defaults returns the degradations of Params' defaults: a plausible old page whose text is still
// easy to read.
func Defaults() Degradations {
	return Degradations{}.fromSlice(func(p algo.Param, _ float64) float64 { return p.Default })
}

// Clamped returns d with each value brought into its range: below the range its minimum, above it
// its maximum, NaN its default. Generate clamps; it never fails on a degradation.
func (d Degradations) Clamped() Degradations {
	return d.fromSlice(func(p algo.Param, v float64) float64 {
		switch {
		case math.IsNaN(v):
			return p.Default
		case v < p.Min:
			return p.Min
		case v > p.Max:
			return p.Max
		}
		return v
	})
}

// fromSlice maps f over the fields in Params' order.
func (d Degradations) fromSlice(f func(algo.Param, float64) float64) Degradations {
	fields := []*float64{&d.Illumination, &d.Stain, &d.BleedThrough, &d.Fading, &d.Blur, &d.Noise}
	for i, p := range Params {
		*fields[i] = f(p, *fields[i])
	}
	return d
}

// Generate makes a w×h page from seed with the degradations d (clamped, see Clamped), and its
// ground truth: 0 where the text's ink is, 255 elsewhere. The seed alone decides the layout, the
// text, the paper's tone and where each degradation falls; d only how strong each one is, so the
// ground truth of a seed and size is the same for every d. A side outside MinSide…MaxSide is an
// error.
func Generate(seed uint64, w, h int, d Degradations) (page, truth *image.Gray, err error) {
	if w < MinSide || h < MinSide || w > MaxSide || h > MaxSide {
		return nil, nil, fmt.Errorf("document: a page of %dx%d: each side must be %d to %d pixels", w, h, MinSide, MaxSide)
	}
	d = d.Clamped()
	sc := newScene(seed, w, h)

	// The text: truth, and each ink pixel's letter-by-letter fading draw (1…255).
	truth = image.NewGray(image.Rect(0, 0, w, h))
	for i := range truth.Pix {
		truth.Pix[i] = 255
	}
	inkDraw := make([]uint8, w*h)
	sc.typeset(frontText, sc.front, func(x, y int, draw uint8) {
		truth.Pix[y*w+x] = 0
		inkDraw[y*w+x] = draw
	})

	// The back of the sheet: its text mirrored left to right, softened by the paper (a blur of
	// σ 1.6), as a coverage 0…255.
	var back *image.Gray
	if d.BleedThrough > 0 {
		back = image.NewGray(truth.Rect)
		sc.typeset(backText, sc.back, func(x, y int, _ uint8) {
			back.Pix[y*w+(w-1-x)] = 255
		})
		algo.GaussianBlur(back, back, 0, 1.6)
	}

	page = image.NewGray(truth.Rect)
	sc.compose(page, inkDraw, back, d)
	if d.Blur > 0 {
		algo.GaussianBlur(page, page, 0, d.Blur)
	}
	if d.Noise > 0 {
		algo.AddNoise(page, page, algo.Noise{Sigma: d.Noise, Seed: sc.noiseSeed})
	}
	return page, truth, nil
}
