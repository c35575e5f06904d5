package algo

import (
	"math"
	"math/bits"
)

// Doxa's global Otsu (Δoxa Binarization Framework, commit 0bf9953, Otsu.hpp). No parameters.
//
// Doxa computes Otsu's criterion with its own arithmetic, not OpenCV's (see Otsu in otsu.go), so the
// two levels differ on some pictures: for every level t whose lower class is not empty, with the
// class sizes q₀, q₁ and the integer sums of i·h[i] on either side, the between-class variance is
// (m₀ − m₁)²·q₀·q₁ in float64 with the class means m as sum/count; the first strict maximum over
// 0 wins, and the scan stops at the first t whose upper class is empty. A picture is black (Doxa's
// foreground) where v ≤ t, which is limen's level t as it is: foreground is v > t.

// DoxaOtsu returns Doxa's Otsu level of h. An empty histogram, or one with a single value, gives 0
// (no t has both classes non-empty). The sum Σ i·h[i] is exact here; Doxa keeps it in a 32-bit int,
// which wraps above 255·N > 2³¹ (pictures over about 8.4 million pixels) and then moves its level:
// limen keeps the exact sum there.
//
// N. Otsu, "A threshold selection method from gray-level histograms", IEEE Trans. Systems, Man,
// and Cybernetics 9(1), 62–66, 1979.
func DoxaOtsu(h *Histogram) int {
	n, sum := 0, 0
	for i, c := range h {
		n += c
		sum += i * c
	}
	return doxaOtsuScan(h, n, sum, 0)
}

// doxaOtsuScan is Doxa's loop over the bins of h (n pixels, sum Σ i·h[i]), starting at from (every
// bin below it must be empty). Its order of operations is Doxa's, which decides ties.
func doxaOtsuScan(h *Histogram, n, sum, from int) int {
	level, best := 0, 0.0
	q1, sumB := 0, 0
	for i := from; i < 256; i++ {
		c := h[i]
		q1 += c
		if q1 == 0 {
			continue
		}
		q2 := n - q1
		if q2 == 0 {
			break
		}
		sumB += i * c
		d := float64(sumB)/float64(q1) - float64(sum-sumB)/float64(q2)
		between := d * d * float64(q1) * float64(q2)
		if between > best {
			level, best = i, between
		}
	}
	return level
}

// doxaOtsuHist is a histogram under change (a window sliding over a picture) whose Doxa Otsu level
// is wanted after every change. It knows which bins are occupied, and level() finds Doxa's level
// with one floating division per candidate instead of two per bin (see there).
type doxaOtsuHist struct {
	h   Histogram
	occ [4]uint64 // bit i set when h[i] > 0
	n   int       // pixels counted
	sum int       // Σ i·h[i]
	// level's scratch, one entry per occupied bin below the last
	bin     [256]uint8
	q1, low [256]int     // lower class size and Σ i·h[i] over it
	x2, qq  [256]float64 // X², q₁·q₂ (see level)
}

func (s *doxaOtsuHist) reset() {
	s.h = Histogram{}
	s.occ = [4]uint64{}
	s.n, s.sum = 0, 0
}

func (s *doxaOtsuHist) add(v uint8) {
	if s.h[v] == 0 {
		s.occ[v>>6] |= 1 << (v & 63)
	}
	s.h[v]++
	s.n++
	s.sum += int(v)
}

func (s *doxaOtsuHist) remove(v uint8) {
	s.h[v]--
	if s.h[v] == 0 {
		s.occ[v>>6] &^= 1 << (v & 63)
	}
	s.n--
	s.sum -= int(v)
}

// doxaOtsuExactMax bounds the pixel count for level's integer X: 255·n² < 2⁶³.
const doxaOtsuExactMax = 1 << 27

// level returns DoxaOtsu of the histogram, exactly, in two passes.
//
// Only occupied bins can win: an empty bin leaves q₁ and the lower sum as they were, so its
// criterion repeats the previous bin's, and the comparison is strict. Doxa's criterion is, in exact
// arithmetic, K(t) = X²/(q₁q₂) with the integer X = Σ_low·n − Σ·q₁ (because
// m₀ − m₁ = X/(q₁q₂)). Its float64 value D(t) is within 2·10⁻¹³ of K(t), relatively: the class
// means are below 256 and at least 1 apart (the lower class holds values ≤ t, the upper ones > t),
// so their difference loses no more than that. The first pass finds the largest K by
// multiplications only; the second runs Doxa's own arithmetic, in order and with its strict
// comparison, on the bins whose K is within 10⁻¹¹ of it: any other bin's D is below the maximum D,
// so it can neither win nor tie, and the result is Doxa's.
func (s *doxaOtsuHist) level() int {
	n, sum := s.n, s.sum
	if n > doxaOtsuExactMax {
		return doxaOtsuScan(&s.h, n, sum, 0)
	}
	m := 0
	q1, low := 0, 0
	bestX2, bestQ := 0.0, 1.0
scan:
	for w, word := range s.occ {
		for word != 0 {
			v := w<<6 | bits.TrailingZeros64(word)
			word &= word - 1
			c := s.h[v]
			q1 += c
			low += v * c
			q2 := n - q1
			if q2 == 0 {
				break scan // Doxa's loop stops where the upper class is empty
			}
			x := float64(low*n - sum*q1)
			x2, qq := x*x, float64(q1)*float64(q2)
			s.bin[m], s.q1[m], s.low[m], s.x2[m], s.qq[m] = uint8(v), q1, low, x2, qq
			m++
			if x2*bestQ > bestX2*qq {
				bestX2, bestQ = x2, qq
			}
		}
	}
	limit := bestX2 / bestQ * (1 - 1e-11)
	level, best := 0, 0.0
	for i := 0; i < m; i++ {
		if s.x2[i] < limit*s.qq[i] {
			continue
		}
		q1, low := s.q1[i], s.low[i]
		q2 := n - q1
		d := float64(low)/float64(q1) - float64(sum-low)/float64(q2)
		between := d * d * float64(q1) * float64(q2)
		if between > best {
			level, best = int(s.bin[i]), between
		}
	}
	return level
}

// floorLevelNaNLow is the level of Doxa's rule "black where v ≤ T" for a threshold T in float64:
// ⌊T⌋ clamped to −1..255, and −1 (all white: v ≤ NaN is false) for NaN.
func floorLevelNaNLow(t float64) int16 {
	switch {
	case t >= 255:
		return 255
	case t >= -1:
		return int16(math.Floor(t))
	}
	return -1 // below −1, or NaN
}
