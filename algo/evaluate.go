package algo

// The DIBCO scores of a binarization against its ground truth, exact to the Δoxa Binarization
// Framework (Doxa, B. M. Petty, CC0, github.com/brandonmpetty/Doxa at commit 0bf9953):
// ClassifiedPerformance (counts, accuracy, precision, recall, F-measure, PSNR, NRM, MCC and the
// pseudo-metrics) and DRDM (DRD). Every figure follows Doxa's formula in Doxa's order of operations,
// so the doubles agree to the last bit where the C library's log10 and sqrt do.
//
// Defaults: foreground (text) is dark, a value below 128; no weights (no pseudo-metrics); DRD with
// the 5×5 normalised reciprocal-distance matrix and 8×8 blocks, as DIBCO's tool uses.

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"strconv"
)

// EvalOptions are Evaluate's options. The zero value scores dark text without weights.
type EvalOptions struct {
	// LightForeground reads both pictures with the foreground light: a value of 128 or more.
	LightForeground bool
	// PrecisionWeights and RecallWeights are DIBCO's per-pixel pseudo-precision and pseudo-recall
	// weights (the _PWeights.dat and _RWeights.dat files), row-major, one per pixel. Both or
	// neither: the pseudo-metrics need the two.
	PrecisionWeights, RecallWeights []float64
}

// Scores are the DIBCO measures of a binarization against its ground truth. Percentages are ×100,
// as Doxa gives them; MCC is a fraction in [−1, 1].
type Scores struct {
	TP, FP, TN, FN int // text found, paper taken for text, paper kept, text missed

	Accuracy  float64 // (TP + TN)/N · 100
	Precision float64 // TP/(TP + FP) · 100; 0 when TP = 0
	Recall    float64 // TP/(TP + FN) · 100; 0 when TP = 0
	FMeasure  float64 // harmonic mean of precision and recall · 100; 0 when TP = 0
	PSNR      float64 // 10·log10(1/MSE), MSE = (FP + FN)/N; +Inf when nothing differs (Doxa: DBL_MAX)
	NRM       float64 // (FN/(FN + TP) + FP/(FP + TN))/2; +Inf when the truth has one class (Doxa: DBL_MAX)
	MCC       float64 // Matthews correlation coefficient; 0 when undefined
	DRD       float64 // SumDRDk / (NUBN · 10⁶); +Inf when NUBN = 0, NaN when also nothing differs

	// The parts of DRD: the sum over mismatched pixels of their distortion, in millionths (integer,
	// as Doxa keeps it), and the number of whole 8×8 blocks of the ground truth that hold both
	// classes.
	SumDRDk uint64
	NUBN    int

	HasPseudo       bool    // the weights were given
	PseudoPrecision float64 // (TP + ΣP_TP)/(TP + ΣP_TP + FP + ΣP_FP) · 100; 0 when the numerator is 0
	PseudoRecall    float64 // ΣR_TP/(ΣR_TP + ΣR_FN) · 100; 0 when ΣR_TP = 0
	PseudoFMeasure  float64 // their harmonic mean · 100; 0 when either numerator is 0
}

// evalTally is one pass over the two pictures: the four counts, the weighted sums of the
// pseudo-metrics (Doxa's Classifications), and DRD's integer parts.
type evalTally struct {
	tp, fp, tn, fn         int
	wpTP, wpFP, wrTP, wrFN float64
	sumDRDk                uint64
	nubn                   int
}

// drdWeights is the 5×5 normalised reciprocal-distance matrix of Lu, Wang, Kot and Shi (centre 0,
// W(i, j) = 1/√(i² + j²) divided by the sum over the block), ×10⁶ and rounded, as Doxa keeps it:
// integers sum without rounding error, and Doxa divides once at the end.
var drdWeights = [25]uint32{
	25582, 32359, 36179, 32359, 25582,
	32359, 51164, 72357, 51164, 32359,
	36179, 72357, 0, 72357, 36179,
	32359, 51164, 72357, 51164, 32359,
	25582, 32359, 36179, 32359, 25582,
}

// Evaluate scores the binarization bin against the ground truth gt, as the DIBCO contests do and
// exactly as Doxa's ClassifiedPerformance and DRDM compute it. Both pictures are read as binary:
// a pixel is foreground (text) where its value is below 128 (with opt.LightForeground, where it is
// 128 or more). TP counts foreground in both, TN background in both, FP foreground only in bin, FN
// foreground only in gt.
//
// Counts and the F-measure family: the DIBCO definitions, e.g. I. Pratikakis, B. Gatos,
// K. Ntirogiannis, "ICDAR 2013 Document Image Binarization Contest (DIBCO 2013)", ICDAR 2013.
// Pseudo-precision and pseudo-recall: K. Ntirogiannis, B. Gatos, I. Pratikakis, "Performance
// Evaluation Methodology for Historical Document Image Binarization", IEEE Trans. Image Processing
// 22(2), 595–609, 2013 (the weights come from DIBCO's files; this function only sums them).
// DRD: H. Lu, A. C. Kot, Y. Q. Shi, "Distance-Reciprocal Distortion Measure for Binary Document
// Images", IEEE Signal Processing Letters 11(2), 228–231, 2004. For each pixel k where bin differs
// from gt, DRD_k sums the weights of the 5×5 neighbours (clipped at the border) whose ground truth
// differs from bin at k; DRD = Σ DRD_k / NUBN, NUBN the number of whole 8×8 blocks of gt, tiled
// from the top left, that are not uniform (a partial last row or column of blocks is ignored).
//
// Deviations from Doxa, where Doxa has no defined answer:
//   - Doxa divides by NUBN·10⁶ computed in unsigned 32-bit arithmetic, which wraps when
//     NUBN > 4294 (pages of more than 4294 mixed blocks, e.g. a dense 3000×4000 scan); limen
//     divides by the exact product. Up to 4294 the two are the same double.
//   - Doxa's PSNR of identical pictures and NRM of a one-class ground truth are DBL_MAX; here +Inf.
//   - Doxa reads past the end of a short weight array and uses only one of two weight arrays
//     silently (none); here those are errors, as are pictures of different sizes (Doxa returns
//     false and zero scores) and an empty picture (Doxa divides 0 by 0).
func Evaluate(bin, gt *image.Gray, opt EvalOptions) (Scores, error) {
	if bin == nil || gt == nil {
		return Scores{}, errors.New("evaluate: missing picture (nil binarization or ground truth)")
	}
	w, h := gt.Rect.Dx(), gt.Rect.Dy()
	if bw, bh := bin.Rect.Dx(), bin.Rect.Dy(); bw != w || bh != h {
		return Scores{}, fmt.Errorf("evaluate: the binarization is %dx%d, the ground truth %dx%d: sizes differ", bw, bh, w, h)
	}
	if w <= 0 || h <= 0 {
		return Scores{}, fmt.Errorf("evaluate: empty picture (%dx%d)", w, h)
	}
	pw, rw := opt.PrecisionWeights, opt.RecallWeights
	withWeights := pw != nil || rw != nil
	if withWeights {
		n := w * h
		switch {
		case pw == nil:
			return Scores{}, errors.New("evaluate: recall weights given without precision weights: the pseudo-metrics need both")
		case rw == nil:
			return Scores{}, errors.New("evaluate: precision weights given without recall weights: the pseudo-metrics need both")
		case len(pw) != n:
			return Scores{}, fmt.Errorf("evaluate: %d precision weights for %dx%d = %d pixels", len(pw), w, h, n)
		case len(rw) != n:
			return Scores{}, fmt.Errorf("evaluate: %d recall weights for %dx%d = %d pixels", len(rw), w, h, n)
		}
	}
	t := tally(bin, gt, opt.LightForeground, pw, rw)
	s := t.scores()
	s.HasPseudo = withWeights
	if !withWeights {
		s.PseudoPrecision, s.PseudoRecall, s.PseudoFMeasure = 0, 0, 0
	}
	return s, nil
}

// tally makes one pass over the pixels. bin and gt have the same non-empty size; pw and rw are
// nil or hold one weight per pixel. The foreground test is v < 128 (light: v ≥ 128); a pixel's
// class is the bit fg, so the comparisons below are on booleans, as Doxa's are on 0 and 255.
func tally(bin, gt *image.Gray, light bool, pw, rw []float64) evalTally {
	w, h := gt.Rect.Dx(), gt.Rect.Dy()
	var t evalTally
	i := 0 // row-major pixel index into the weights
	for y := 0; y < h; y++ {
		brow := bin.Pix[y*bin.Stride : y*bin.Stride+w]
		grow := gt.Pix[y*gt.Stride : y*gt.Stride+w]
		for x := 0; x < w; x, i = x+1, i+1 {
			b := (brow[x] < 128) != light
			g := (grow[x] < 128) != light
			switch {
			case b && g:
				t.tp++
				if pw != nil {
					t.wpTP += pw[i]
					t.wrTP += rw[i]
				}
			case !b && !g:
				t.tn++
			case b: // only bin says text
				t.fp++
				if pw != nil {
					t.wpFP += pw[i]
				}
				t.sumDRDk += uint64(drdk(gt, x, y, b, light))
			default: // only gt says text
				t.fn++
				if rw != nil {
					t.wrFN += rw[i]
				}
				t.sumDRDk += uint64(drdk(gt, x, y, b, light))
			}
		}
	}
	t.nubn = nubn(gt, light)
	return t
}

// drdk is DRD_k of a mismatched pixel (x, y) whose binarized class is b: the sum of the weights
// of the 5×5 neighbours, clipped to the picture, whose ground-truth class is not b. At most
// 25·72357 < 2³², so uint32 holds it, as in Doxa.
func drdk(gt *image.Gray, x, y int, b, light bool) uint32 {
	w, h := gt.Rect.Dx(), gt.Rect.Dy()
	x0, x1 := max(x-2, 0), min(x+2, w-1)
	y0, y1 := max(y-2, 0), min(y+2, h-1)
	var sum uint32
	for ny := y0; ny <= y1; ny++ {
		row := gt.Pix[ny*gt.Stride : ny*gt.Stride+w]
		wrow := drdWeights[(ny-y+2)*5 : (ny-y+2)*5+5]
		for nx := x0; nx <= x1; nx++ {
			if ((row[nx] < 128) != light) != b {
				sum += wrow[nx-x+2]
			}
		}
	}
	return sum
}

// nubn counts the whole 8×8 blocks of the ground truth, tiled from the top left, that hold both
// classes (DIBCO's "non-uniform blocks"); a partial last row or column of blocks does not count.
func nubn(gt *image.Gray, light bool) int {
	const m = 8
	bw, bh := gt.Rect.Dx()/m, gt.Rect.Dy()/m
	n := 0
	for by := 0; by < bh; by++ {
		for bx := 0; bx < bw; bx++ {
			first := (gt.Pix[by*m*gt.Stride+bx*m] < 128) != light
		block:
			for y := by * m; y < by*m+m; y++ {
				row := gt.Pix[y*gt.Stride+bx*m : y*gt.Stride+bx*m+m]
				for _, v := range row {
					if ((v < 128) != light) != first {
						n++
						break block
					}
				}
			}
		}
	}
	return n
}

// scores turns the tally into Doxa's figures. The order of each operation is Doxa's (an int sum
// converted once, products left to right), and every intermediate product is a separate float64
// conversion so that no platform fuses it into a multiply-add.
func (t evalTally) scores() Scores {
	s := Scores{TP: t.tp, FP: t.fp, TN: t.tn, FN: t.fn, SumDRDk: t.sumDRDk, NUBN: t.nubn}
	tp, fp, tn, fn := float64(t.tp), float64(t.fp), float64(t.tn), float64(t.fn)
	total := float64(t.tp + t.tn + t.fp + t.fn)

	s.Accuracy = (tp + tn) / total * 100
	if t.tp != 0 {
		r := tp / float64(t.tp+t.fn)
		p := tp / float64(t.tp+t.fp)
		s.Recall, s.Precision = r*100, p*100
		s.FMeasure = float64(float64(2*r)*p) / (r + p) * 100
	}

	if mse := (fp + fn) / total; mse == 0 {
		s.PSNR = math.Inf(1)
	} else {
		s.PSNR = 10 * math.Log10(1/mse)
	}

	if fntp, fptn := t.fn+t.tp, t.fp+t.tn; fntp == 0 || fptn == 0 {
		s.NRM = math.Inf(1)
	} else {
		s.NRM = (fn/float64(fntp) + fp/float64(fptn)) / 2
	}

	num := float64(tp*tn) - float64(fp*fn)
	den := float64(float64(float64((tp+fp)*(tp+fn))*(tn+fp)) * (tn + fn))
	if den != 0 {
		s.MCC = num / math.Sqrt(den)
	}

	// Doxa: sumDRDk / (double)(NUBN·10⁶), the product exact here (see Evaluate). NUBN = 0 gives
	// x/0: +Inf, or NaN when no pixel differs either.
	s.DRD = float64(t.sumDRDk) / float64(int64(t.nubn)*1000000)

	ptp := t.wpTP + tp
	pfp := t.wpFP + fp
	if ptp != 0 {
		s.PseudoPrecision = ptp / (ptp + pfp) * 100
	}
	if t.wrTP != 0 {
		s.PseudoRecall = t.wrTP / (t.wrTP + t.wrFN) * 100
	}
	if ptp != 0 && t.wrTP != 0 {
		pp := ptp / (ptp + pfp)
		pr := t.wrTP / (t.wrTP + t.wrFN)
		s.PseudoFMeasure = float64(float64(2*pr)*pp) / (pr + pp) * 100
	}
	return s
}

// ParseWeights reads a DIBCO weight file (_PWeights.dat or _RWeights.dat): decimal numbers
// separated by white space, one per pixel, row-major. n is the number of pixels: a file with
// fewer or more numbers is an error (Doxa reads what is there and runs past the end of a short
// one); n < 0 accepts any count. A token that is not a plain decimal number (digits, sign, point,
// exponent: no "inf", "nan" or hex, which Doxa's stream reading stops at) is an error that names
// its position; a number beyond float64's range becomes ±Inf (or 0), as strconv gives it.
func ParseWeights(r io.Reader, n int) ([]float64, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<16)
	sc.Split(bufio.ScanWords)
	var out []float64
	if n > 0 {
		out = make([]float64, 0, n)
	}
	for sc.Scan() {
		tok := sc.Text()
		if n >= 0 && len(out) == n {
			return nil, fmt.Errorf("weights: more numbers than the %d pixels (number %d is %q)", n, n+1, clip(tok))
		}
		v, err := strconv.ParseFloat(tok, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) || !decimalToken(tok) {
			return nil, fmt.Errorf("weights: number %d, %q, is not a number", len(out)+1, clip(tok))
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("weights: after %d numbers: %w", len(out), err)
	}
	if n >= 0 && len(out) != n {
		return nil, fmt.Errorf("weights: %d numbers for %d pixels", len(out), n)
	}
	if out == nil {
		out = []float64{}
	}
	return out, nil
}

// decimalToken reports whether s is made of the characters of a decimal number only.
func decimalToken(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '.', c == '+', c == '-', c == 'e', c == 'E':
		default:
			return false
		}
	}
	return true
}

// clip shortens a token for an error message.
func clip(s string) string {
	if len(s) > 24 {
		return s[:24] + "…"
	}
	return s
}
