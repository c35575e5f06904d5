package algo

import "math"

// ImageJ 1.53t's Otsu and Triangle (ij.process.AutoThresholder), level for level: the references
// 'imagej' of limen's otsu and triangle, whose defaults follow OpenCV (otsu.go, triangle.go). The
// conventions are imagej.go's (ImageJ's int[] histogram, -1 "not found" becoming 0).

// IJOtsu returns ImageJ 1.53t's Otsu level of h (AutoThresholder.Otsu, Jordan Bevik's code as
// ported by G. Landini).
//
// Otsu's between-class variance, written as (N₁/N·S − S_k)² / (N₁·(N − N₁)) with N₁ and S_k the
// count and intensity sum of the values ≤ k, in double, for k = 1..254 only (the ends are never
// candidates). A level whose denominator is 0 (an empty class) scores 0, and the LAST maximum wins
// (BCV ≥ BCVmax): so a constant image, where every score is 0, gives 254 (OpenCV: 0), and ties
// between equal scores go to the higher level where OpenCV takes the lower.
//
// N. Otsu, "A threshold selection method from gray-level histograms", IEEE Trans. Systems, Man,
// and Cybernetics 9(1), 62–66, 1979.
func IJOtsu(h *Histogram) int {
	d := javaCounts(h)
	var s, n float64
	for k := 0; k < 256; k++ {
		s += float64(float64(k) * float64(d[k]))
		n += float64(d[k])
	}
	sk, n1 := 0.0, float64(d[0])
	bcvMax := 0.0
	kStar := 0
	for k := 1; k < 255; k++ {
		sk += float64(float64(k) * float64(d[k]))
		n1 += float64(d[k])
		bcv := 0.0
		if denom := float64(n1 * (n - n1)); denom != 0 {
			num := float64(n1/n*s) - sk
			bcv = float64(num*num) / denom
		}
		if bcv >= bcvMax {
			bcvMax, kStar = bcv, k
		}
	}
	return ijLevel(int32(kStar))
}

// IJTriangle returns ImageJ 1.53t's Triangle level of h (AutoThresholder.Triangle, from Johannes
// Schindelin's plugin as modified by G. Landini).
//
// The triangle method, as OpenCV's (triangle.go) in outline: the line runs from the histogram's
// first maximum to the empty bin just beyond the far end of its longer tail (one bin outside the
// first or last non-empty bin, within 0..255), the histogram flipped when the right tail is the
// longer, and the level is one less than the bin farthest above the line (first strict maximum,
// distances in double from the normalised line n_x·x + n_y·y − d). ImageJ's details: when the
// peak and that tail end coincide it returns the end itself without the step back; an empty
// histogram gives 2. It differs from OpenCV on degenerate histograms (a constant image of value v:
// OpenCV v − 1, ImageJ v − 2).
//
// G. W. Zack, W. E. Rogers, S. A. Latt, "Automatic measurement of sister chromatid exchange
// frequency", Journal of Histochemistry & Cytochemistry 25(7), 741–753, 1977.
func IJTriangle(h *Histogram) int {
	d := javaCounts(h) // ImageJ flips the caller's array and flips it back; limen flips a copy
	lo := 0
	for i := 0; i < 256; i++ {
		if d[i] > 0 {
			lo = i
			break
		}
	}
	if lo > 0 {
		lo-- // the line goes to the empty bin before the first value
	}
	hi := 0
	for i := 255; i > 0; i-- {
		if d[i] > 0 {
			hi = i
			break
		}
	}
	if hi < 255 {
		hi++
	}
	peak := 0
	var dmax int32
	for i := 0; i < 256; i++ {
		if d[i] > dmax {
			peak, dmax = i, d[i]
		}
	}
	inverted := peak-lo < hi-peak
	if inverted {
		for l, r := 0, 255; l < r; l, r = l+1, r-1 {
			d[l], d[r] = d[r], d[l]
		}
		lo, peak = 255-hi, 255-peak
	}
	if lo == peak {
		return ijLevel(int32(lo))
	}
	nx := float64(d[peak])
	ny := float64(lo - peak)
	dist := math.Sqrt(float64(nx*nx) + float64(ny*ny))
	nx /= dist
	ny /= dist
	dist = float64(nx*float64(lo)) + float64(ny*float64(d[lo]))
	split := lo
	best := 0.0
	for i := lo + 1; i <= peak; i++ {
		nd := float64(nx*float64(i)) + float64(ny*float64(d[i])) - dist
		if nd > best {
			split, best = i, nd
		}
	}
	split--
	if inverted {
		return ijLevel(int32(255 - split))
	}
	return ijLevel(int32(split))
}
