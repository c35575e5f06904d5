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

// doxaOtsuHist is a histogram under change (a window sliding over a picture) that knows which of
// its bins are occupied, so that Doxa's Otsu visits only those: an empty bin between occupied ones
// leaves q₁ and the lower sum as they were, so its criterion equals the previous bin's and, the
// comparison being strict, can never win. The result is doxaOtsuScan's over all 256 bins.
type doxaOtsuHist struct {
	h    Histogram
	occ  [4]uint64 // bit i set when h[i] > 0
	n    int       // pixels counted
	sum  int       // Σ i·h[i]
	scan [256]uint8
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

// level returns DoxaOtsu of the histogram, visiting its occupied bins only.
func (s *doxaOtsuHist) level() int {
	m := 0
	for w, word := range s.occ {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &= word - 1
			s.scan[m] = uint8(w<<6 | b)
			m++
		}
	}
	// The last occupied bin empties the upper class: Doxa's loop stops there.
	level, best := 0, 0.0
	q1, sumB, n, sum := 0, 0, s.n, s.sum
	for _, v := range s.scan[:max(m-1, 0)] {
		c := s.h[v]
		q1 += c
		sumB += int(v) * c
		q2 := n - q1
		d := float64(sumB)/float64(q1) - float64(sum-sumB)/float64(q2)
		between := d * d * float64(q1) * float64(q2)
		if between > best {
			level, best = int(v), between
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
