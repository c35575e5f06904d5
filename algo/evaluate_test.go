package algo

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const labDir = "testdata/lab"

// labCase is one entry of testdata/lab/metrics.json: Doxa's scores (through the oracle's doxaref)
// of a binarization against a ground truth.
type labCase struct {
	ID       string            `json:"id"`
	Binary   string            `json:"binary"`
	GT       string            `json:"gt"`
	Weights  map[string]string `json:"weights"`
	Options  map[string]string `json:"options"`
	Expected map[string]any    `json:"expected"`
	Doxa     map[string]any    `json:"doxa"`
}

// labGray decodes a PNG of testdata/lab as a gray picture read by its red channel, as the page
// reads a canvas (the files are 8-bit or 1-bit gray, where red is the gray value).
func labGray(t testing.TB, name string) *image.Gray {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(labDir, name))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	r := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := 0; y < r.Dy(); y++ {
		for x := 0; x < r.Dx(); x++ {
			g.Pix[y*g.Stride+x] = color.NRGBAModel.Convert(img.At(r.Min.X+x, r.Min.Y+y)).(color.NRGBA).R
		}
	}
	return g
}

// labWeights reads a gzipped DIBCO weight file of testdata/lab with ParseWeights.
func labWeights(t testing.TB, name string, n int) []float64 {
	t.Helper()
	f, err := os.Open(filepath.Join(labDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	w, err := ParseWeights(z, n)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return w
}

// scoreByName maps metrics.json's names (limen.evaluate's) to the Scores fields.
func scoreByName(s Scores) map[string]float64 {
	return map[string]float64{
		"tp": float64(s.TP), "fp": float64(s.FP), "tn": float64(s.TN), "fn": float64(s.FN),
		"accuracy": s.Accuracy, "precision": s.Precision, "recall": s.Recall, "fmeasure": s.FMeasure,
		"psnr": s.PSNR, "nrm": s.NRM, "mcc": s.MCC, "drd": s.DRD,
		"pseudoPrecision": s.PseudoPrecision, "pseudoRecall": s.PseudoRecall, "pseudoFmeasure": s.PseudoFMeasure,
	}
}

// expectedNumber reads a JSON figure: a number, or "Infinity" where Doxa gives DBL_MAX or x/0.
func expectedNumber(t testing.TB, v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case string:
		if x == "Infinity" {
			return math.Inf(1)
		}
	}
	t.Fatalf("unexpected figure %v", v)
	return 0
}

// closeTo is the tolerance: 1e-9 relative, exact for 0 and infinities.
func closeTo(got, want float64) bool {
	if math.IsInf(want, 0) || want == 0 {
		return got == want
	}
	return math.Abs(got-want) <= 1e-9*math.Abs(want)
}

// TestEvaluateDoxa checks every score of every case in metrics.json against Doxa's: the counts
// and DRD's integer parts exactly, the weighted sums exactly (they are sums of eighths), every
// other figure within 1e-9 relative, infinities as infinities.
func TestEvaluateDoxa(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(labDir, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Metrics []labCase `json:"metrics"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	grays := map[string]*image.Gray{}
	weights := map[string][]float64{}
	gray := func(name string) *image.Gray {
		if g, ok := grays[name]; ok {
			return g
		}
		g := labGray(t, name)
		grays[name] = g
		return g
	}
	checked, figures, infinities := 0, 0, 0
	for _, c := range file.Metrics {
		bin, gt := gray(c.Binary), gray(c.GT)
		var opt EvalOptions
		if c.Options["foreground"] == "light" {
			opt.LightForeground = true
		}
		n := gt.Rect.Dx() * gt.Rect.Dy()
		if c.Weights != nil {
			for _, k := range []string{"precision", "recall"} {
				if _, ok := weights[c.Weights[k]]; !ok {
					weights[c.Weights[k]] = labWeights(t, c.Weights[k], n)
				}
			}
			opt.PrecisionWeights, opt.RecallWeights = weights[c.Weights["precision"]], weights[c.Weights["recall"]]
		}
		s, err := Evaluate(bin, gt, opt)
		if err != nil {
			t.Errorf("%s: %v", c.ID, err)
			continue
		}
		if s.HasPseudo != (c.Weights != nil) {
			t.Errorf("%s: HasPseudo %v", c.ID, s.HasPseudo)
		}
		got := scoreByName(s)
		for k, v := range c.Expected {
			g, ok := got[k]
			if !ok {
				t.Errorf("%s: no score %q", c.ID, k)
				continue
			}
			want := expectedNumber(t, v)
			if !closeTo(g, want) {
				t.Errorf("%s: %s = %.17g, Doxa %.17g", c.ID, k, g, want)
			}
			figures++
			if math.IsInf(want, 0) {
				infinities++
			}
		}
		if !s.HasPseudo {
			for _, k := range []string{"pseudoPrecision", "pseudoRecall", "pseudoFmeasure"} {
				if _, ok := c.Expected[k]; ok {
					t.Errorf("%s: Doxa has %s without weights", c.ID, k)
				}
			}
		}
		// Doxa's raw parts, exactly.
		tl := tally(bin, gt, opt.LightForeground, opt.PrecisionWeights, opt.RecallWeights)
		parts := map[string]float64{
			"nubn": float64(tl.nubn), "sumDRDk": float64(tl.sumDRDk),
			"wpTruePositive": tl.wpTP, "wpFalsePositive": tl.wpFP, "wrTruePositive": tl.wrTP, "wrFalseNegative": tl.wrFN,
		}
		for k, v := range c.Doxa {
			if want := expectedNumber(t, v); parts[k] != want {
				t.Errorf("%s: %s = %.17g, Doxa %.17g", c.ID, k, parts[k], want)
			}
		}
		if s.NUBN != tl.nubn || s.SumDRDk != tl.sumDRDk {
			t.Errorf("%s: Scores' DRD parts differ from the tally", c.ID)
		}
		checked++
	}
	if checked != len(file.Metrics) || checked < 166 || infinities == 0 {
		t.Fatalf("checked %d of %d cases (%d infinities)", checked, len(file.Metrics), infinities)
	}
	t.Logf("%d cases, %d figures (%d infinite) equal to Doxa's", checked, figures, infinities)
}

// grayOf builds a w×h picture from rows of '#' (text, 0) and '.' (paper, 255).
func grayOf(rows ...string) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, len(rows[0]), len(rows)))
	for y, r := range rows {
		for x := range len(r) {
			g.Pix[y*g.Stride+x] = 255
			if r[x] == '#' {
				g.Pix[y*g.Stride+x] = 0
			}
		}
	}
	return g
}

func filled(w, h int, v uint8) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = v
	}
	return g
}

// TestEvaluateDoxaUnitCases reproduces the hand-made cases of Doxa's own unit tests
// (ClassifiedPerformanceTests.cpp, DRDMTests.cpp).
func TestEvaluateDoxaUnitCases(t *testing.T) {
	// 3×3: one FN at (2, 0), one FP at (1, 2).
	gt := grayOf("#.#", ".#.", "#.#")
	bin := grayOf("#..", ".#.", "###")
	s, err := Evaluate(bin, gt, EvalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.TP != 4 || s.TN != 3 || s.FP != 1 || s.FN != 1 {
		t.Fatalf("counts %d %d %d %d", s.TP, s.TN, s.FP, s.FN)
	}
	right, n := 7.0, 9.0 // variables: Go would fold the constant 7.0/9*100 exactly, Doxa rounds twice
	if s.Accuracy != right/n*100 || math.Abs(s.FMeasure-80) > 1e-12 || math.Abs(s.PSNR-10*math.Log10(4.5)) > 1e-12 {
		t.Errorf("accuracy %v F %v PSNR %v", s.Accuracy, s.FMeasure, s.PSNR)
	}
	if s.NUBN != 0 || !math.IsInf(s.DRD, 1) {
		t.Errorf("3×3 has no whole block: NUBN %d, DRD %v", s.NUBN, s.DRD)
	}

	// DRDMTest: one 8×8 block, (3, 4) black in the truth and white in the binarization.
	gt = grayOf(
		".....#..",
		"........",
		"#.......",
		".#......",
		"..###...",
		"........",
		"......#.",
		".#.....#")
	bin = grayOf(
		".....#..",
		"........",
		"#.......",
		".#......",
		"..#.#...",
		"........",
		"......#.",
		".#.....#")
	s, err = Evaluate(bin, gt, EvalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Doxa's test: (72357071 + 72357071 + 32359066)/10⁹ with the paper's 9-digit weights; Doxa's
	// own 6-digit matrix gives 72357 + 72357 + 32359 = 177073 over NUBN 1 · 10⁶.
	if s.SumDRDk != 177073 || s.NUBN != 1 || s.DRD != 0.177073 {
		t.Errorf("DRD %v = %d/%d", s.DRD, s.SumDRDk, s.NUBN)
	}
}

// TestEvaluateEdges covers the cases where a formula has no quotient: identical pictures, an empty
// class on either side, all foreground, sizes that are not multiples of 8, light foreground.
func TestEvaluateEdges(t *testing.T) {
	inf := math.Inf(1)
	text := grayOf(
		"..........",
		".##..##...",
		".##..##...",
		"..........",
		"....#.....",
		"....#.....",
		"....#.....",
		"....#.....",
		"..........",
		".........#",
		".........#")
	// Identical: PSNR +Inf, DRD 0 over the mixed blocks, everything else perfect.
	s, err := Evaluate(text, text, EvalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.FP+s.FN != 0 || s.PSNR != inf || s.Accuracy != 100 || s.FMeasure != 100 || s.NRM != 0 || s.MCC != 1 ||
		s.DRD != 0 || s.SumDRDk != 0 || s.NUBN != 1 {
		t.Errorf("identical: %+v", s)
	}

	// A 10×11 picture has one whole 8×8 block: the text at (9, 9..10) lies outside it and does not
	// count in NUBN, but its mismatches still count in SumDRDk.
	miss := grayOf(
		"..........",
		".##..##...",
		".##..##...",
		"..........",
		"....#.....",
		"....#.....",
		"....#.....",
		"....#.....",
		"..........",
		"..........",
		"..........")
	s, _ = Evaluate(miss, text, EvalOptions{})
	// Each of the two missed pixels at the bottom-right corner has one neighbour whose truth is text
	// (the other one, vertically adjacent: 72357); the rest of its clipped window is paper in the
	// truth, as the binarization says, and the centre weighs 0.
	if s.FN != 2 || s.FP != 0 || s.NUBN != 1 || s.SumDRDk != 2*72357 || s.DRD != 2*72357/1e6 {
		t.Errorf("corner: FN %d NUBN %d SumDRDk %d DRD %v", s.FN, s.NUBN, s.SumDRDk, s.DRD)
	}

	// Empty binarization: TP 0, so precision, recall and F are 0; MCC's denominator is 0.
	blank := filled(10, 11, 255)
	s, _ = Evaluate(blank, text, EvalOptions{})
	if s.TP != 0 || s.Precision != 0 || s.Recall != 0 || s.FMeasure != 0 || s.MCC != 0 || s.NRM != 0.5 {
		t.Errorf("blank binarization: %+v", s)
	}

	// Empty ground truth: NRM and DRD (NUBN 0) infinite.
	s, _ = Evaluate(text, blank, EvalOptions{})
	if s.NRM != inf || s.DRD != inf || s.NUBN != 0 || s.TP != 0 || s.FP != 14 {
		t.Errorf("blank truth: %+v", s)
	}
	// Both blank: PSNR +Inf, and DRD 0/0 is NaN, as in Doxa.
	s, _ = Evaluate(blank, blank, EvalOptions{})
	if s.PSNR != inf || !math.IsNaN(s.DRD) || s.NRM != inf || s.Accuracy != 100 || s.MCC != 0 {
		t.Errorf("both blank: %+v", s)
	}

	// All foreground on both sides: TP = N, precision and recall 100, NRM +Inf (no paper class).
	black := filled(9, 9, 0)
	s, _ = Evaluate(black, black, EvalOptions{})
	if s.TP != 81 || s.FMeasure != 100 || s.NRM != inf || s.PSNR != inf || s.NUBN != 0 || !math.IsNaN(s.DRD) {
		t.Errorf("all foreground: %+v", s)
	}
	// All foreground against the text: every paper pixel a false positive.
	s, _ = Evaluate(filled(10, 11, 0), text, EvalOptions{})
	if s.TP != 14 || s.FP != 110-14 || s.Recall != 100 || s.NRM != 0.5 {
		t.Errorf("all foreground binarization: %+v", s)
	}

	// Light foreground flips both pictures: the scores of the negatives.
	neg := func(g *image.Gray) *image.Gray {
		n := image.NewGray(g.Rect)
		for i, v := range g.Pix {
			n.Pix[i] = 255 - v
		}
		return n
	}
	a, _ := Evaluate(miss, text, EvalOptions{})
	b, _ := Evaluate(neg(miss), neg(text), EvalOptions{LightForeground: true})
	if a != b {
		t.Errorf("light foreground: %+v against %+v", b, a)
	}
	// The class boundary is 128: 127 is text, 128 paper.
	g127, g128 := filled(8, 8, 127), filled(8, 8, 128)
	if s, _ := Evaluate(g127, g128, EvalOptions{}); s.FP != 64 {
		t.Errorf("127 against 128: %+v", s)
	}

	// A sub-image (Rect.Min not zero, Stride wider than the row) scores as its own pixels.
	big := filled(30, 30, 255)
	sub := big.SubImage(image.Rect(7, 5, 17, 16)).(*image.Gray)
	for y := 0; y < 11; y++ {
		copy(sub.Pix[y*sub.Stride:y*sub.Stride+10], text.Pix[y*text.Stride:y*text.Stride+10])
	}
	c, _ := Evaluate(miss, sub, EvalOptions{})
	if c != a {
		t.Errorf("sub-image: %+v against %+v", c, a)
	}
}

// TestEvaluateManyBlocks: past 4294 mixed blocks Doxa's unsigned 32-bit NUBN·10⁶ wraps; limen
// divides by the exact product.
func TestEvaluateManyBlocks(t *testing.T) {
	const side = 66 * 8 // 66 × 66 = 4356 blocks, each with one text pixel
	gt := filled(side, side, 255)
	for y := 3; y < side; y += 8 {
		for x := 5; x < side; x += 8 {
			gt.Pix[y*gt.Stride+x] = 0
		}
	}
	s, err := Evaluate(filled(side, side, 0), gt, EvalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	blocks := uint32(4356)
	wrapped := float64(blocks * 1000000) // what Doxa divides by
	if s.NUBN != 4356 || s.DRD != float64(s.SumDRDk)/4.356e9 || s.DRD == float64(s.SumDRDk)/wrapped {
		t.Errorf("NUBN %d, DRD %v = %d/…", s.NUBN, s.DRD, s.SumDRDk)
	}
	// Every paper pixel is a false positive; each sees, in its clipped 5×5 window, only paper in
	// the truth except the block's text pixel, so SumDRDk is the sum of the window's weights less
	// that of the text pixel over every false positive.
	var want uint64
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			if gt.Pix[y*side+x] == 0 {
				continue
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					nx, ny := x+dx, y+dy
					if nx >= 0 && ny >= 0 && nx < side && ny < side && gt.Pix[ny*side+nx] != 0 {
						want += uint64(drdWeights[(dy+2)*5+dx+2])
					}
				}
			}
		}
	}
	if s.SumDRDk != want {
		t.Errorf("SumDRDk %d, want %d", s.SumDRDk, want)
	}
}

// TestEvaluatePseudo checks the pseudo-metrics on hand-summed weights and Doxa's own
// PseudoMetrics figures (DIBCO 2018's sample, from its counts).
func TestEvaluatePseudo(t *testing.T) {
	gt := grayOf("##..", "##..")
	bin := grayOf("#.#.", "##..")
	// TP at 0, 4, 5; FN at 1; FP at 2.
	pw := []float64{0.5, 9, 0.25, 9, 0.25, 0, 9, 9}
	rw := []float64{1, 0.5, 9, 9, 0.5, 0.5, 9, 9}
	s, err := Evaluate(bin, gt, EvalOptions{PrecisionWeights: pw, RecallWeights: rw})
	if err != nil {
		t.Fatal(err)
	}
	// pTP = 3 + 0.75, pFP = 1 + 0.25; rTP = 2, rFN = 0.5.
	pp, pr := 3.75/5, 2/2.5
	if !s.HasPseudo || s.PseudoPrecision != pp*100 || s.PseudoRecall != pr*100 || s.PseudoFMeasure != 2*pr*pp/(pr+pp)*100 {
		t.Errorf("pseudo: %+v", s)
	}
	// Zero recall weights on the hits: pseudo-recall and pseudo-F are 0, pseudo-precision is not.
	s, _ = Evaluate(bin, gt, EvalOptions{PrecisionWeights: pw, RecallWeights: make([]float64, 8)})
	if s.PseudoRecall != 0 || s.PseudoFMeasure != 0 || s.PseudoPrecision != pp*100 {
		t.Errorf("zero recall weights: %+v", s)
	}

	tl := evalTally{tp: 61573, tn: 251404, fp: 1929, fn: 6493,
		wpTP: 0, wpFP: 644.86664099999996, wrTP: 11562.182811000408, wrFN: 64.369443000000018}
	s = tl.scores()
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"pseudo-precision", s.PseudoPrecision, 95.9875}, {"pseudo-recall", s.PseudoRecall, 99.4464}, {"pseudo-F", s.PseudoFMeasure, 97.6863}} {
		if math.Abs(c.got-c.want) > 1e-4 {
			t.Errorf("DIBCO 2018 sample: %s %v, Doxa's test %v", c.name, c.got, c.want)
		}
	}
	// MCC of Wikipedia's example in Doxa's test: 0.478.
	if m := (evalTally{tp: 6, tn: 3, fp: 1, fn: 2}).scores().MCC; math.Abs(m-0.478) > 1e-3 {
		t.Errorf("MCC %v", m)
	}
}

// TestEvaluateErrors: bad input is an error that says what is wrong, never a panic.
func TestEvaluateErrors(t *testing.T) {
	a, b := filled(4, 3, 0), filled(3, 4, 0)
	w12 := make([]float64, 12)
	for _, c := range []struct {
		bin, gt *image.Gray
		opt     EvalOptions
		want    string
	}{
		{a, b, EvalOptions{}, "sizes differ"},
		{nil, a, EvalOptions{}, "missing picture"},
		{a, nil, EvalOptions{}, "missing picture"},
		{filled(0, 5, 0), filled(0, 5, 0), EvalOptions{}, "empty picture"},
		{a, a, EvalOptions{PrecisionWeights: make([]float64, 11), RecallWeights: w12}, "11 precision weights for 4x3 = 12 pixels"},
		{a, a, EvalOptions{PrecisionWeights: w12, RecallWeights: make([]float64, 13)}, "13 recall weights"},
		{a, a, EvalOptions{PrecisionWeights: w12}, "without recall weights"},
		{a, a, EvalOptions{RecallWeights: w12}, "without precision weights"},
	} {
		_, err := Evaluate(c.bin, c.gt, c.opt)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("want an error with %q, got %v", c.want, err)
		}
	}
	if _, err := Evaluate(a, a, EvalOptions{PrecisionWeights: w12, RecallWeights: w12}); err != nil {
		t.Error(err)
	}
}

func TestParseWeights(t *testing.T) {
	w, err := ParseWeights(strings.NewReader(" 0 0.5\n1.25e0\t-2 \n+3E-1 "), 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0, 0.5, 1.25, -2, 0.3}
	for i := range want {
		if w[i] != want[i] {
			t.Fatalf("got %v, want %v", w, want)
		}
	}
	if w, err := ParseWeights(strings.NewReader("1 2 3"), -1); err != nil || len(w) != 3 {
		t.Errorf("any count: %v %v", w, err)
	}
	if w, err := ParseWeights(strings.NewReader(""), 0); err != nil || w == nil || len(w) != 0 {
		t.Errorf("empty: %v %v", w, err)
	}
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"1 2", 3, "2 numbers for 3 pixels"},
		{"1 2 3 4", 3, "more numbers than the 3 pixels (number 4 is \"4\")"},
		{"1 x 3", 3, "number 2, \"x\", is not a number"},
		{"1 nan 3", 3, "number 2, \"nan\""},
		{"1 inf", 2, "\"inf\""},
		{"0x1p2", 1, "not a number"},
		{"1 2,5", 2, "\"2,5\""},
		{strings.Repeat("1", 70000), 1, "after 0 numbers"},
	} {
		_, err := ParseWeights(strings.NewReader(c.in), c.n)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%.20q: want an error with %q, got %v", c.in, c.want, err)
		}
	}
}

// BenchmarkEvaluate scores a Doxa binarization of a 600×400 page with weights.
func BenchmarkEvaluate(b *testing.B) {
	gt := labGray(b, "docs/doc1_gt.png")
	bin := labGray(b, "out/doc1/doxa_otsu.png")
	n := gt.Rect.Dx() * gt.Rect.Dy()
	opt := EvalOptions{PrecisionWeights: labWeights(b, "docs/doc1_gt_PWeights.dat.gz", n),
		RecallWeights: labWeights(b, "docs/doc1_gt_RWeights.dat.gz", n)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Evaluate(bin, gt, opt); err != nil {
			b.Fatal(err)
		}
	}
}
