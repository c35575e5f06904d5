package document_test

import (
	"bytes"
	"context"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"limen/algo"
	"limen/algo/document"
)

// Doxa's headers (CC0, commit 0bf9953, unmodified) live once in the repository, beside the test
// that runs the page's Doxa snippets; this test includes them from there rather than keeping a
// second copy (see that folder's README.md).
const doxaHeaders = "../../wasm/internal/call/testdata/doxa"

// doxaEvalProgram reads cases.txt (one case a line: binarization, ground truth, and either "-" or
// the precision and recall weight files) and prints, for each case, one line of Doxa's figures as
// ClassifiedPerformance and DRDM compute them: the classifications, every Calculate* measure, and
// DRD with its two integer parts (protected in DRDM, reached through a subclass). Doubles are
// printed with 17 significant digits, so each reads back as the same double.
const doxaEvalProgram = `// Made by TestEvaluateAgainstDoxa (algo/document/evaluate_doxa_test.go).
#include <cstdio>
#include <fstream>
#include <string>
#include "Doxa/PNM.hpp"
#include "Doxa/ClassifiedPerformance.hpp"
#include "Doxa/DRDM.hpp"
#include "Doxa/DIBCOUtils.hpp"

using namespace Doxa;

struct DRDMParts : DRDM {
	using DRDM::NUBN;
	using DRDM::SumDRDkForMismatchedPixels;
};

int main()
{
	std::ifstream list("cases.txt");
	std::string bin, gt, pw, rw;
	while (list >> bin >> gt >> pw) {
		const Image b = PNM::Read(bin), g = PNM::Read(gt);
		ClassifiedPerformance::Classifications c;
		bool ok;
		if (pw == "-") {
			ok = ClassifiedPerformance::CompareImages(c, g, b);
		} else {
			list >> rw;
			ok = ClassifiedPerformance::CompareImages(c, g, b,
				DIBCOUtils::ReadWeightsFile(pw), DIBCOUtils::ReadWeightsFile(rw));
		}
		if (!ok) {
			std::printf("error %s: sizes differ\n", bin.c_str());
			return 1;
		}
		std::printf("%d %d %d %d %.17g %.17g %.17g %.17g",
			c.truePositive, c.falsePositive, c.trueNegative, c.falseNegative,
			c.wpTruePositive, c.wpFalsePositive, c.wrTruePositive, c.wrFalseNegative);
		std::printf(" %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g",
			ClassifiedPerformance::CalculateAccuracy(c),
			ClassifiedPerformance::CalculatePrecision(c),
			ClassifiedPerformance::CalculateRecall(c),
			ClassifiedPerformance::CalculateFMeasure(c),
			ClassifiedPerformance::CalculatePseudoPrecision(c),
			ClassifiedPerformance::CalculatePseudoRecall(c),
			ClassifiedPerformance::CalculatePseudoFMeasure(c),
			ClassifiedPerformance::CalculatePSNR(c),
			ClassifiedPerformance::CalculateNRM(c),
			ClassifiedPerformance::CalculateMCC(c),
			DRDM::CalculateDRDM(g, b));
		std::printf(" %llu %u\n",
			(unsigned long long)DRDMParts::SumDRDkForMismatchedPixels(g, b), DRDMParts::NUBN(g));
	}
	return 0;
}
`

// doxaFigures names the numbers of one line of doxaEvalProgram's output, in order.
var doxaFigures = []string{
	"tp", "fp", "tn", "fn", "wpTruePositive", "wpFalsePositive", "wrTruePositive", "wrFalseNegative",
	"accuracy", "precision", "recall", "fmeasure", "pseudoPrecision", "pseudoRecall", "pseudoFmeasure",
	"psnr", "nrm", "mcc", "drd", "sumDRDk", "nubn",
}

// exactFigures are the integers (and the weighted sums, whose order of addition is Doxa's too):
// equal, not close.
var exactFigures = map[string]bool{
	"tp": true, "fp": true, "tn": true, "fn": true, "sumDRDk": true, "nubn": true,
	"wpTruePositive": true, "wpFalsePositive": true, "wrTruePositive": true, "wrFalseNegative": true,
}

// evalCase is one binarization of a generated page, scored by both sides.
type evalCase struct {
	name     string
	bin, gt  *image.Gray
	weighted bool // with DIBCO weights: the pseudo-metrics are compared too
	pw, rw   []float64
}

// TestEvaluateAgainstDoxa generates three pages with the document generator, binarizes each with
// registry methods (and adds the truth itself, a blank and a nearly blank binarization, so that
// PSNR and NRM reach Doxa's DBL_MAX and the empty-class branches run), and scores every case both
// with algo.Evaluate and with Doxa's own ClassifiedPerformance and DRDM, compiled here with g++:
// the counts, DRD's integer parts and the weighted sums exactly, every other figure within 1e-9
// relative, Doxa's DBL_MAX as +Inf. Doxa reads black (0) as text and compares pixel values, so the
// binarizations are made 0/255 and the test checks that they are.
func TestEvaluateAgainstDoxa(t *testing.T) {
	gxx, err := exec.LookPath("g++")
	if err != nil {
		t.Fatal("g++ is not installed: install Debian's package g++ (apt-get install g++; ./build.sh test installs it as root)")
	}
	headers, err := filepath.Abs(doxaHeaders)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(headers, "Doxa", "ClassifiedPerformance.hpp")); err != nil {
		t.Fatalf("Doxa's headers are missing: %v", err)
	}

	pages := []struct {
		seed uint64
		w, h int
		d    document.Degradations
	}{
		{11, 320, 240, document.Defaults()},
		// Sides that are not multiples of 8: DRD's partial blocks are left out of NUBN.
		{23, 301, 227, document.Degradations{Illumination: 0.3, Fading: 0.2, Blur: 0.8, Noise: 6}},
		// Every degradation at its strongest.
		{37, 352, 264, document.Degradations{Illumination: 1, Stain: 1, BleedThrough: 1, Fading: 1, Blur: 4, Noise: 50}},
	}
	methods := []struct{ id, ref string }{
		{"otsu", ""}, {"otsu", "doxa"}, {"sauvola", "doxa"}, {"niblack", "doxa"}, {"bernsen", "doxa"}, {"sauvola", ""},
	}
	var cases []*evalCase
	byName := map[string]*evalCase{}
	add := func(c *evalCase) {
		cases = append(cases, c)
		byName[c.name] = c
	}
	for pi, p := range pages {
		page, truth, err := document.Generate(p.seed, p.w, p.h, p.d)
		if err != nil {
			t.Fatal(err)
		}
		im := algo.NewImageGray(page)
		prefix := "page" + strconv.Itoa(pi+1) + "/"
		for _, m := range methods {
			out, err := im.Threshold(&algo.Options{Method: m.id, Reference: m.ref, Type: algo.Binary, Maxval: 255}, nil)
			if err != nil {
				t.Fatalf("%s%s %s: %v", prefix, m.id, m.ref, err)
			}
			bin := image.NewGray(truth.Rect)
			for i := range bin.Pix {
				bin.Pix[i] = out.Pix[4*i]
			}
			name := m.id
			if m.ref != "" {
				name += "-" + m.ref
			}
			add(&evalCase{name: prefix + name, bin: bin, gt: truth})
		}
		blank := image.NewGray(truth.Rect)
		for i := range blank.Pix {
			blank.Pix[i] = 255
		}
		switch pi {
		case 0:
			// The truth itself: nothing differs (PSNR DBL_MAX, DRD 0); and Sauvola with weights.
			add(&evalCase{name: prefix + "truth", bin: truth, gt: truth})
			add(&evalCase{name: prefix + "sauvola-doxa+weights", bin: byName[prefix+"sauvola-doxa"].bin, gt: truth, weighted: true})
		case 1:
			// Nearly blank: the first five text pixels of the truth and one paper pixel marked.
			near := image.NewGray(truth.Rect)
			copy(near.Pix, blank.Pix)
			marked := 0
			for i, v := range truth.Pix {
				if v == 0 && marked < 5 {
					near.Pix[i] = 0
					marked++
				}
			}
			near.Pix[len(near.Pix)-1] = 0 // bottom right: paper in the truth (checked below)
			add(&evalCase{name: prefix + "nearly-blank", bin: near, gt: truth})
			// All white against an all-white truth: NRM DBL_MAX (one class), PSNR DBL_MAX, DRD 0/0.
			add(&evalCase{name: prefix + "blank-vs-blank", bin: blank, gt: blank})
		case 2:
			// Blank, with weights: TP = 0, so precision, recall, F, the pseudo-metrics and MCC take
			// their zero branches.
			add(&evalCase{name: prefix + "blank+weights", bin: blank, gt: truth, weighted: true})
			// All text: TN = 0.
			black := image.NewGray(truth.Rect)
			add(&evalCase{name: prefix + "all-black", bin: black, gt: truth})
		}
	}

	// Files for Doxa: PGMs and DIBCO weight files, read back here with algo.ParseWeights as the
	// lab reads DIBCO's.
	work := t.TempDir()
	var list strings.Builder
	for i, c := range cases {
		for _, g := range []*image.Gray{c.bin, c.gt} {
			for _, v := range g.Pix {
				if v != 0 && v != 255 {
					t.Fatalf("%s: a value %d: Doxa's measures need 0/255 pictures", c.name, v)
				}
			}
		}
		base := filepath.Join(work, "case"+strconv.Itoa(i))
		writePGM(t, base+"-bin.pgm", c.bin)
		writePGM(t, base+"-gt.pgm", c.gt)
		list.WriteString(base + "-bin.pgm " + base + "-gt.pgm ")
		if !c.weighted {
			list.WriteString("-\n")
			continue
		}
		c.pw, c.rw = dibcoWeights(t, base, c.gt)
		list.WriteString(base + "-PWeights.dat " + base + "-RWeights.dat\n")
	}
	if c := byName["page2/nearly-blank"]; c.gt.Pix[len(c.gt.Pix)-1] != 255 {
		t.Fatalf("%s: the marked paper pixel is not paper in the truth", c.name)
	}
	if err := os.WriteFile(filepath.Join(work, "cases.txt"), []byte(list.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cpp, bin := filepath.Join(work, "evaluate.cpp"), filepath.Join(work, "evaluate")
	if err := os.WriteFile(cpp, []byte(doxaEvalProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	// Doxa's default code paths (SIMD where the compiler has it), as in TestCallsRun; -O1 is
	// enough and compiles fast.
	if out, err := exec.CommandContext(ctx, gxx, "-std=c++17", "-O1", "-w", "-I", headers, "-o", bin, cpp).CombinedOutput(); err != nil {
		t.Fatalf("g++ %s: %v\n%s", cpp, err, out)
	}
	cmd := exec.CommandContext(ctx, bin)
	cmd.Dir = work
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s%s", bin, err, out, stderr.Bytes())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(cases) {
		t.Fatalf("Doxa printed %d lines for %d cases:\n%s", len(lines), len(cases), out)
	}

	compared, infinite, maxRel, maxRelAt := 0, 0, 0.0, "none"
	for i, c := range cases {
		fields := strings.Fields(lines[i])
		if len(fields) != len(doxaFigures) {
			t.Fatalf("%s: Doxa printed %q", c.name, lines[i])
		}
		doxa := map[string]float64{}
		for k, f := range fields {
			v, err := strconv.ParseFloat(strings.TrimPrefix(f, "-"), 64)
			if f[0] == '-' && !strings.EqualFold(f, "-nan") { // printf's "-nan" for 0/0 is NaN too
				v = -v
			}
			if err != nil {
				t.Fatalf("%s: %s = %q: %v", c.name, doxaFigures[k], f, err)
			}
			if v == math.MaxFloat64 { // DBL_MAX, Doxa's "no finite answer"; limen says +Inf
				v = math.Inf(1)
			}
			doxa[doxaFigures[k]] = v
		}
		opt := algo.EvalOptions{PrecisionWeights: c.pw, RecallWeights: c.rw}
		s, err := algo.Evaluate(c.bin, c.gt, opt)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if s.HasPseudo != c.weighted {
			t.Errorf("%s: HasPseudo %v", c.name, s.HasPseudo)
		}
		got := map[string]float64{
			"tp": float64(s.TP), "fp": float64(s.FP), "tn": float64(s.TN), "fn": float64(s.FN),
			"accuracy": s.Accuracy, "precision": s.Precision, "recall": s.Recall, "fmeasure": s.FMeasure,
			"psnr": s.PSNR, "nrm": s.NRM, "mcc": s.MCC, "drd": s.DRD,
			"sumDRDk": float64(s.SumDRDk), "nubn": float64(s.NUBN),
			"pseudoPrecision": s.PseudoPrecision, "pseudoRecall": s.PseudoRecall, "pseudoFmeasure": s.PseudoFMeasure,
		}
		if c.weighted {
			// The weighted sums: Evaluate does not report them; the same sums in Doxa's order give
			// the same doubles.
			var wpTP, wpFP, wrTP, wrFN float64
			for i := range c.gt.Pix {
				b, g := c.bin.Pix[i] == 0, c.gt.Pix[i] == 0
				switch {
				case b && g:
					wpTP += c.pw[i]
					wrTP += c.rw[i]
				case b:
					wpFP += c.pw[i]
				case g:
					wrFN += c.rw[i]
				}
			}
			got["wpTruePositive"], got["wpFalsePositive"], got["wrTruePositive"], got["wrFalseNegative"] = wpTP, wpFP, wrTP, wrFN
		} else {
			// Without weights Doxa's pseudo-metrics fall back on the plain counts; limen gives none.
			if s.PseudoPrecision != 0 || s.PseudoRecall != 0 || s.PseudoFMeasure != 0 {
				t.Errorf("%s: pseudo-metrics without weights: %+v", c.name, s)
			}
		}
		var row []string
		for _, k := range doxaFigures {
			g, ok := got[k]
			if !ok {
				continue // weighted sums and pseudo-metrics of an unweighted case
			}
			if !c.weighted && strings.HasPrefix(k, "pseudo") {
				continue
			}
			want := doxa[k]
			switch {
			case math.IsNaN(want):
				if !math.IsNaN(g) {
					t.Errorf("%s: %s = %.17g, Doxa NaN", c.name, k, g)
				}
			case exactFigures[k] || want == 0 || math.IsInf(want, 0):
				if g != want {
					t.Errorf("%s: %s = %.17g, Doxa %.17g", c.name, k, g, want)
				}
			default:
				rel := math.Abs(g-want) / math.Abs(want)
				if rel > maxRel {
					maxRel, maxRelAt = rel, c.name+" "+k
				}
				if !(rel <= 1e-9) {
					t.Errorf("%s: %s = %.17g, Doxa %.17g (relative difference %.3g)", c.name, k, g, want, rel)
				}
			}
			if math.IsInf(want, 0) {
				infinite++
			}
			compared++
			row = append(row, k+"="+strconv.FormatFloat(want, 'g', 6, 64))
		}
		t.Logf("%-28s %s", c.name, strings.Join(row, " "))
	}
	if infinite == 0 {
		t.Error("no case reached Doxa's DBL_MAX")
	}
	t.Logf("%d cases, %d figures compared with Doxa's (%d infinite); largest relative difference %.3g (%s)", len(cases), compared, infinite, maxRel, maxRelAt)
}

// writePGM writes g as an 8-bit binary PGM, which Doxa's PNM::Read reads.
func writePGM(t *testing.T, path string, g *image.Gray) {
	t.Helper()
	w, h := g.Rect.Dx(), g.Rect.Dy()
	var b bytes.Buffer
	b.WriteString("P5\n" + strconv.Itoa(w) + " " + strconv.Itoa(h) + "\n255\n")
	for y := 0; y < h; y++ {
		b.Write(g.Pix[y*g.Stride : y*g.Stride+w])
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dibcoWeights writes deterministic DIBCO-style weight files for the truth gt (base-PWeights.dat
// and base-RWeights.dat: one decimal number a pixel, row-major, as DIBCO's tool writes them) and
// reads them back with algo.ParseWeights. The values are not DIBCO's (those come from the truth's
// skeleton and stroke widths), only shaped like them: recall weights on text pixels in (0, 1],
// precision weights on every pixel in [0, 2]; they are thirds and tenths, not multiples of a power
// of two, so the sums round (in the same order on both sides).
func dibcoWeights(t *testing.T, base string, gt *image.Gray) (pw, rw []float64) {
	t.Helper()
	w, h := gt.Rect.Dx(), gt.Rect.Dy()
	var p, r strings.Builder
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			pv, rv := float64((x*13+y*5)%7)/3, 0.0
			if gt.Pix[y*gt.Stride+x] == 0 {
				rv = float64(1+(x*7+y*3)%10) / 10
			}
			p.WriteString(strconv.FormatFloat(pv, 'g', -1, 64) + " ")
			r.WriteString(strconv.FormatFloat(rv, 'g', -1, 64) + " ")
		}
		p.WriteString("\n")
		r.WriteString("\n")
	}
	read := func(path, text string) []float64 {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		v, err := algo.ParseWeights(f, w*h)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return v
	}
	return read(base+"-PWeights.dat", p.String()), read(base+"-RWeights.dat", r.String())
}
