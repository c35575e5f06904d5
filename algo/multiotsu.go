package algo

import (
	"errors"
	"strconv"
)

// Multi-Otsu class counts limen accepts.
const (
	MultiOtsuMinClasses = 2
	MultiOtsuMaxClasses = 5
)

// multiOtsuSlack bounds the relative error of a float32 sum of at most five non-negative float32
// terms (4 roundings of at most 2⁻²⁴ each, ≈ 2.4e-7), with room for the float64 arithmetic of the
// bounds; see multiOtsuSearch.
const multiOtsuSlack = 1e-6

// multiOtsuBlock is the block of last thresholds the search bounds at once.
const multiOtsuBlock = 16

// MultiOtsu returns the classes−1 ascending levels scikit-image 0.19.3's
// threshold_multiotsu(image, classes) gives on an 8-bit image with histogram h: a pixel v belongs
// to class i when levels[i−1] ≤ v < levels[i] (numpy's digitize), so a pixel equal to a level goes
// to the upper class. classes must be 2…5.
//
// scikit-image's computation, which this reproduces to the last bit of float32:
//   - the histogram is trimmed to the image's range [min, max] (bin i is value min+i) and
//     normalised in float64, then rounded to float32 (prob);
//   - cumulative float32 moments P[i] = P[i−1] + prob[i], S[i] = S[i−1] + i·prob[i], with
//     S[0] = prob[0] (sic: the bin-0 term of S is prob[0], not 0·prob[0]);
//   - a lookup table H[i][j] = (S[j] − S[i−1])² / (P[j] − P[i−1]) for a class of bins i…j
//     (0 when P[j] − P[i−1] ≤ 0), H[0][j] = S[j]²/P[j] for j ≥ 1 and H[0][0] = 0 (never set);
//   - σ = (H[0][t₀] + H[tₘ₋₁+1][n−1]) + H[t₀+1][t₁] + … in float32, in that order, over every
//     t₀ < t₁ < … in lexicographic order; the first strict maximum above 0 wins;
//   - with exactly `classes` distinct values the levels are those values but the last.
//
// scikit-image's search tries all C(n−1, classes−1) combinations of the n bins of the range, which
// for 5 classes and a full 8-bit range is about 10⁸ evaluations. This search finds the same
// combination much faster, exactly: a dynamic programme over the table gives, for any partial
// choice of levels, the best sum the remaining classes can reach; since float32 rounding moves a
// five-term sum by less than 1e-6 of its value, a branch whose best exact sum is more than that
// below the overall best cannot hold the float32 maximum, and is cut. The branches left are walked
// in scikit-image's order and their σ computed in scikit-image's float32 order, so ties and
// rounding go the same way. A level on an empty bin is skipped when the bin below is also a choice:
// its table entries are bit-for-bit those of the level below, which comes first and so wins.
//
// When the histogram has fewer distinct values than classes, scikit-image raises ValueError; limen
// returns that error together with defined levels: the distinct values from the second one up
// (each distinct value starts a class), the last one repeated for the classes that remain (so the
// image's top value lands in the top class); a constant image gives its value, an empty histogram
// 0. A classes outside 2…5 is clamped into that range, again with an error. The levels are
// strictly ascending whenever err is nil.
//
// P.-S. Liao, T.-S. Chen, P.-C. Chung, "A fast algorithm for multilevel thresholding", Journal of
// Information Science and Engineering 17(5), 713–727, 2001.
func MultiOtsu(h *Histogram, classes int) ([]int, error) {
	var err error
	if classes < MultiOtsuMinClasses || classes > MultiOtsuMaxClasses {
		err = errors.New("multi-Otsu: classes must be from 2 to 5, not " + strconv.Itoa(classes))
		classes = min(max(classes, MultiOtsuMinClasses), MultiOtsuMaxClasses)
	}
	m := classes - 1
	levels := make([]int, m)

	var values [256]int // the distinct values, ascending
	n := 0
	total := 0
	for v, c := range h {
		if c > 0 {
			values[n] = v
			n++
			total += c
		}
	}
	if n < classes {
		for i := range levels {
			if n > 0 {
				levels[i] = values[min(i+1, n-1)]
			}
		}
		if err == nil {
			err = errors.New("multi-Otsu: the histogram has only " + strconv.Itoa(n) +
				" different values; it cannot be split into " + strconv.Itoa(classes) + " classes")
		}
		return levels, err
	}
	if n == classes {
		copy(levels, values[:m])
		return levels, err
	}

	lo, hi := values[0], values[n-1]
	nb := hi - lo + 1
	var prob [256]float32
	for i := 0; i < nb; i++ {
		// numpy: hist / hist.sum() in float64, then astype(float32). (A negative count, which
		// no image gives, counts as 0.)
		prob[i] = float32(float64(max(h[lo+i], 0)) / float64(total))
	}
	lut, same := multiOtsuLUT(prob[:nb])
	var t [MultiOtsuMaxClasses - 1]int
	if !multiOtsuSearch(lut, same, m, t[:m]) {
		// Every σ was 0 (all classes lost to float32 cancellation); scikit-image would return an
		// uninitialised array. limen falls back on the distinct values.
		for i := range levels {
			levels[i] = values[i+1]
		}
		return levels, err
	}
	for i := range levels {
		levels[i] = lo + t[i]
	}
	return levels, err
}

// multiOtsuLUT builds scikit-image's between-class table in float32: lut[i*n+j] for bins i ≤ j.
// same[t] reports that bin t leaves both cumulative moments bit-for-bit unchanged (an empty bin, or
// one too small to move a float32 sum), so that a class boundary after bin t gives exactly the
// table entries of a boundary after bin t−1. The conversions keep Go from fusing i·prob[i] into
// the sum, which the C build does not do.
func multiOtsuLUT(prob []float32) (lut []float32, same []bool) {
	n := len(prob)
	zeroth := make([]float32, n)
	first := make([]float32, n)
	same = make([]bool, n)
	lut = make([]float32, n*n)
	zeroth[0] = prob[0]
	first[0] = prob[0] // scikit-image's S[0]
	for i := 1; i < n; i++ {
		zeroth[i] = zeroth[i-1] + prob[i]
		first[i] = first[i-1] + float32(float32(i)*prob[i])
		same[i] = zeroth[i] == zeroth[i-1] && first[i] == first[i-1]
		if zeroth[i] > 0 {
			lut[i] = float32(first[i]*first[i]) / zeroth[i]
		}
	}
	for i := 1; i < n; i++ {
		for j := i; j < n; j++ {
			z := zeroth[j] - zeroth[i-1]
			if z > 0 {
				f := first[j] - first[i-1]
				lut[i*n+j] = float32(f*f) / z
			}
		}
	}
	return lut, same
}

// multiOtsuSearch finds scikit-image's thresholds (bin indices) for m thresholds over the table,
// into t; it reports false when no σ is above 0.
func multiOtsuSearch(lut []float32, same []bool, m int, t []int) bool {
	n := len(same)
	// best[k][s]: the largest exact sum of the table entries of classes k…m when class k starts
	// at bin s, with the thresholds in scikit-image's ranges (t_k ≤ n−m+k−1).
	var best [MultiOtsuMaxClasses][257]float64
	for s := 0; s < n; s++ {
		best[m][s] = float64(lut[s*n+n-1])
	}
	for k := m - 1; k >= 0; k-- {
		last := n - m + k - 1
		for s := k; s <= last; s++ {
			b := -1.0
			for tk := s; tk <= last; tk++ {
				if v := float64(lut[s*n+tk]) + best[k+1][tk+1]; v > b {
					b = v
				}
			}
			best[k][s] = b
		}
	}
	// Bounds on single table entries, for the float32 cut: lastMax[a] bounds the last class when it
	// starts at a or later; midMax[j][a] bounds middle class j (ending at t_j ≤ n−m+j−1) when it
	// starts at a or later.
	lastMax := make([]float32, n+1)
	for a := n - 1; a >= 0; a-- {
		lastMax[a] = max(lastMax[a+1], lut[a*n+n-1])
	}
	var midMax [MultiOtsuMaxClasses - 1][]float32
	for j := 1; j < m; j++ {
		b := n - m + j - 1
		mm := make([]float32, n+1)
		for a := b; a >= 1; a-- {
			v := mm[a+1]
			for _, x := range lut[a*n+a : a*n+b+1] {
				v = max(v, x)
			}
			mm[a] = v
		}
		midMax[j] = mm
	}
	// Block maxima for the last threshold: of the last class over the tk of a block, and of each
	// row (a class from a given start) over the ends in a block.
	nblk := (n + multiOtsuBlock - 1) / multiOtsuBlock
	lastBlk := make([]float32, nblk)
	rowBlk := make([]float32, n*nblk)
	for tk := 0; tk < n; tk++ {
		b := tk / multiOtsuBlock
		if tk+1 < n {
			lastBlk[b] = max(lastBlk[b], lut[(tk+1)*n+n-1])
		}
		for s := 0; s <= tk; s++ {
			rowBlk[s*nblk+b] = max(rowBlk[s*nblk+b], lut[s*n+tk])
		}
	}
	w := multiOtsuWalk{lut: lut, same: same, n: n, m: m, best: &best, t: t, lastMax: lastMax, midMax: midMax,
		nblk: nblk, lastBlk: lastBlk, rowBlk: rowBlk}
	w.cutoff = best[0][0] * (1 - multiOtsuSlack) / (1 + multiOtsuSlack)
	w.walk(0, 0, 0)
	return w.found
}

// multiOtsuWalk is the depth-first walk of multiOtsuSearch, in scikit-image's order.
type multiOtsuWalk struct {
	lut      []float32
	same     []bool
	n, m     int
	best     *[MultiOtsuMaxClasses][257]float64
	cutoff   float64 // branches whose best exact sum is below this cannot win
	lastMax  []float32
	midMax   [MultiOtsuMaxClasses - 1][]float32
	nblk     int
	lastBlk  []float32
	rowBlk   []float32
	cur      [MultiOtsuMaxClasses - 1]int
	t        []int
	sigmaMax float32
	found    bool
}

// skip reports that threshold k at bin tk, class k starting at s, repeats tk−1: bin tk moves no
// moment (see multiOtsuLUT), and tk−1 is tried first with every continuation tk has and more. Not
// so for tk = 1 in the first class, whose entry for bin 0 alone is scikit-image's unset 0.
func (w *multiOtsuWalk) skip(k, s, tk int) bool {
	return tk > s && w.same[tk] && !(k == 0 && tk == 1)
}

// walk chooses threshold k, class k starting at bin s, with the classes before it summing to prefix.
func (w *multiOtsuWalk) walk(k, s int, prefix float64) {
	n, m := w.n, w.m
	last := n - m + k - 1
	if k == m-1 {
		w.leaves(s, last)
		return
	}
	row := w.lut[s*n : s*n+n]
	next := &w.best[k+1]
	for tk := s; tk <= last; tk++ {
		if w.skip(k, s, tk) {
			continue
		}
		v := prefix + float64(row[tk])
		if v+next[tk+1] < w.cutoff {
			continue
		}
		w.cur[k] = tk
		if w.bound32(k) <= w.sigmaMax {
			continue
		}
		w.walk(k+1, tk+1, v)
	}
}

// bound32 bounds the float32 σ of every completion of w.cur[:k+1]: float32 rounding is monotone,
// so summing, in scikit-image's order, the known entries and an upper bound of each unknown one
// gives an upper bound of every σ the branch can produce. A branch that cannot beat the best σ
// found so far (found earlier, so it wins ties) is cut. This is what resolves plateaus of exact
// float32 ties, where tiny bins are swallowed by a sum far larger than they are and the exact-sum
// cut sees near-ties only.
func (w *multiOtsuWalk) bound32(k int) float32 {
	n, m := w.n, w.m
	c := &w.cur
	tk := c[k]
	sigma := w.lut[c[0]] + w.lastMax[tk+m-k]
	for j := 1; j < m; j++ {
		if j <= k {
			sigma += w.lut[(c[j-1]+1)*n+c[j]]
		} else {
			sigma += w.midMax[j][tk+j-k]
		}
	}
	return sigma
}

// leaves tries every last threshold tk in s…last after the thresholds in w.cur, computing σ in
// scikit-image's float32 order: first and last class, then the middle ones left to right. Where
// many combinations tie within float32 rounding the cut cannot help, so this loop is kept lean.
func (w *multiOtsuWalk) leaves(s, last int) {
	n, m := w.n, w.m
	c := &w.cur
	first := w.lut[0] // class 0 is bins 0…t₀; with one threshold, t₀ is the one chosen here
	var mid [MultiOtsuMaxClasses]float32
	if m > 1 {
		first = w.lut[c[0]]
		for i := 0; i < m-2; i++ {
			mid[i] = w.lut[(c[i]+1)*n+c[i+1]]
		}
	}
	row := w.lut[s*n : s*n+n] // the class ending at tk
	// The same sum with block maxima in place of the two entries that vary with tk bounds every σ
	// of the block (float32 rounding is monotone); blocks that cannot beat the best are skipped.
	rowBlk := w.rowBlk[s*w.nblk : (s+1)*w.nblk]
	for lo := s; lo <= last; {
		b := lo / multiOtsuBlock
		hi := min((b+1)*multiOtsuBlock-1, last)
		var bound float32
		if m == 1 {
			bound = rowBlk[b] + w.lastBlk[b]
		} else {
			bound = first + w.lastBlk[b]
			for i := 0; i < m-2; i++ {
				bound += mid[i]
			}
			bound += rowBlk[b]
		}
		if bound <= w.sigmaMax {
			lo = hi + 1
			continue
		}
		for tk := lo; tk <= hi; tk++ {
			if w.skip(m-1, s, tk) {
				continue
			}
			var sigma float32
			if m == 1 {
				sigma = row[tk] + w.lut[(tk+1)*n+n-1]
			} else {
				sigma = first + w.lut[(tk+1)*n+n-1]
				for i := 0; i < m-2; i++ {
					sigma += mid[i]
				}
				sigma += row[tk]
			}
			if sigma > w.sigmaMax {
				w.sigmaMax = sigma
				c[m-1] = tk
				copy(w.t, c[:m])
				w.found = true
			}
		}
		lo = hi + 1
	}
}
