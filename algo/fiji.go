package algo

import (
	"image"
	"math"
	"math/bits"
)

// Fiji's Auto Local Threshold plugin (G. Landini, fiji/Auto_Local_Threshold v1.11, 2021), the
// methods limen has no other reference for: Bernsen, Contrast, Mean, Median, MidGrey and
// Phansalkar. Fiji is not installed here; limen follows the plugin's definitions and the ImageJ
// code it calls (ij.plugin.filter.RankFilters for the local minimum, maximum, mean, variance and
// median; ij.plugin.ContrastEnhancer for Phansalkar's normalisation), and the tests compare it,
// pixel for pixel, with the plugin compiled against ImageJ 1.53t (testdata/fiji/README.md).
//
// The neighbourhood is RankFilters' circle of an integer radius r: the rows dy = −k..k with
// k = floor(√(r²+1)) (= r for r ≥ 1; radius 0 gives k = 1), each covering the columns
// |dx| ≤ floor(√(r²+1−dy²)). Pixels outside the image are copies of the nearest edge pixel
// (RankFilters pads its line cache that way). Fiji's "white objects on black background" output is
// limen's foreground: each method's rule is written below as "v > level".
//
// Fiji reads its "parameter 1" and "parameter 2" as "use the default when 0". limen takes every
// value as given (so Bernsen's contrast 0 means no low-contrast test at all) and shows the default
// in the form instead.

// fijiMaxRadius bounds the radius: the cost is O(radius) per pixel.
const fijiMaxRadius = 100

func fijiRadiusParam() Param {
	return Param{Name: "radius", Default: 15, Min: 0, Max: fijiMaxRadius, Integer: true,
		Doc: "radius of the circular neighbourhood, in pixels (ImageJ's circle: 0 is a 5-pixel cross)"}
}

func fijiOffsetParam(of string) Param {
	return Param{Name: "c", Default: 0, Min: -255, Max: 255, Integer: true,
		Doc: "subtracted from the local " + of + ": foreground is v > " + of + " − c (Fiji's parameter 1)"}
}

const fijiRef = "Fiji Auto Local Threshold v1.11 (G. Landini) with ImageJ 1.53t RankFilters"

// fijiCircle is RankFilters' circular kernel for an integer radius.
type fijiCircle struct {
	k  int   // rows (and columns) on each side of the centre
	dx []int // half-width of each row, top (dy = −k) to bottom (dy = k)
	n  int   // number of pixels
}

// newFijiCircle builds the kernel of RankFilters.makeLineRadii for an integer radius ≥ 0: with
// r2 = radius² + 1, k = floor(√r2) and the row at dy spans |dx| ≤ floor(√(r2 − dy²)). (ImageJ adds
// 1e-10 before its float square root; for these small integers that is the integer square root.)
func newFijiCircle(radius int) fijiCircle {
	r2 := radius*radius + 1
	k := isqrt(r2)
	c := fijiCircle{k: k, dx: make([]int, 2*k+1)}
	for i := range c.dx {
		dy := i - k
		c.dx[i] = isqrt(r2 - dy*dy)
		c.n += 2*c.dx[i] + 1
	}
	return c
}

// isqrt returns floor(√x) for x ≥ 0.
func isqrt(x int) int {
	s := int(math.Sqrt(float64(x)))
	for s*s > x {
		s--
	}
	for (s+1)*(s+1) <= x {
		s++
	}
	return s
}

// fijiPad returns src with k pixels added on every side, each a copy of the nearest edge pixel, as
// RankFilters pads its line cache; the padded image has stride w+2k and h+2k rows, and (x, y) of
// src is at (y+k)·stride + x+k. src must not be empty.
func fijiPad(src *image.Gray, k int) ([]uint8, int) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	ps := w + 2*k
	pad := make([]uint8, ps*(h+2*k))
	for y := 0; y < h+2*k; y++ {
		sy := min(max(y-k, 0), h-1)
		row := src.Pix[sy*src.Stride : sy*src.Stride+w]
		out := pad[y*ps : (y+1)*ps]
		l, r := out[:k], out[k+w:]
		for i := range l {
			l[i] = row[0]
		}
		copy(out[k:k+w], row)
		for i := range r {
			r[i] = row[w-1]
		}
	}
	return pad, ps
}

// rows sets lo[i] and hi[i] to the padded offsets of the first and last pixel of kernel row i
// for the output pixel (0, y).
func (c *fijiCircle) rows(lo, hi []int, ps, y int) {
	for i, d := range c.dx {
		base := (y+i)*ps + c.k
		lo[i] = base - d
		hi[i] = base + d
	}
}

// fijiScan walks the circular kernel along the rows of a padded image for the sums (Mean,
// Phansalkar) and the median. Moving one pixel right removes the pixel left of each kernel row and
// adds the one right of it: O(radius) per pixel.
type fijiScan struct {
	c      fijiCircle
	pad    []uint8
	ps     int
	lo, hi []int
	hist   [256]int32
}

func newFijiScan(src *image.Gray, radius int) *fijiScan {
	s := &fijiScan{c: newFijiCircle(radius)}
	s.pad, s.ps = fijiPad(src, s.c.k)
	s.lo = make([]int, len(s.c.dx))
	s.hi = make([]int, len(s.c.dx))
	return s
}

// fijiExtremes gives the minimum and maximum over RankFilters' circle (its MIN and MAX on 8-bit
// data), row by row. Each kernel row is a segment of 2d+1 pixels of one image row; the extremes of
// a segment are those of two overlapping power-of-two blocks, read from a sparse table of that image
// row (table j holds the extremes of the 2^j pixels starting at each x). A pixel costs two reads per
// kernel row and table, in loops that run straight along the row (O(radius) per pixel, without the
// data-dependent jumps of a running histogram). The tables of the 2k+1 rows under the kernel are
// kept in a ring; each image row's are built once, in O(width·log radius).
type fijiExtremes struct {
	c      fijiCircle
	src    *image.Gray
	ps     int       // padded row width w+2k
	levels int       // tables per row: segment lengths up to 2k+1
	lo, hi [][]uint8 // slot s, table j at index s·levels+j, each of length ps
	loaded int       // padded rows 0..loaded-1 are in the ring
}

func newFijiExtremes(src *image.Gray, radius int) *fijiExtremes {
	c := newFijiCircle(radius)
	e := &fijiExtremes{c: c, src: src, ps: src.Rect.Dx() + 2*c.k, levels: bits.Len(uint(2*c.k + 1))}
	slots := 2*c.k + 1
	e.lo = make([][]uint8, slots*e.levels)
	e.hi = make([][]uint8, slots*e.levels)
	buf := make([]uint8, 2*slots*e.levels*e.ps)
	for i := range e.lo {
		e.lo[i], buf = buf[:e.ps:e.ps], buf[e.ps:]
		e.hi[i], buf = buf[:e.ps:e.ps], buf[e.ps:]
	}
	return e
}

// load builds the tables of padded row py (image row py − k, clamped: edge replication) in its
// ring slot.
func (e *fijiExtremes) load(py int) {
	k, w, h := e.c.k, e.src.Rect.Dx(), e.src.Rect.Dy()
	sy := min(max(py-k, 0), h-1)
	row := e.src.Pix[sy*e.src.Stride : sy*e.src.Stride+w]
	base := (py % (2*k + 1)) * e.levels
	t := e.lo[base]
	for i := range t[:k] {
		t[i] = row[0]
	}
	copy(t[k:k+w], row)
	for i := range t[k+w:] {
		t[k+w+i] = row[w-1]
	}
	copy(e.hi[base], t)
	for j := 1; j < e.levels; j++ {
		half := 1 << (j - 1)
		n := e.ps - 2*half + 1 // blocks of 2^j that fit
		if n <= 0 {
			break
		}
		plo, phi := e.lo[base+j-1], e.hi[base+j-1]
		lo, hi := e.lo[base+j][:n], e.hi[base+j][:n]
		alo, ahi := plo[half:half+n], phi[half:half+n]
		for x := range lo {
			lo[x] = min(plo[x], alo[x])
			hi[x] = max(phi[x], ahi[x])
		}
	}
}

// row fills mins and maxs (width w) with the minimum and maximum of the circle around each pixel
// of row y; rows must come in order 0, 1, 2, …
func (e *fijiExtremes) row(y int, mins, maxs []uint8) {
	k := e.c.k
	for e.loaded <= y+2*k {
		e.load(e.loaded)
		e.loaded++
	}
	for x := range mins {
		mins[x], maxs[x] = 255, 0
	}
	maxs = maxs[:len(mins)]
	// Kernel rows i and 2k−i have the same width: one pass serves both (the centre row, i = k,
	// pairs with itself).
	for i := 0; i <= k; i++ {
		d := e.c.dx[i]
		n := 2*d + 1
		j := bits.Len(uint(n)) - 1
		a := k - d            // padded column of the segment's first pixel, for x = 0
		b := a + n - (1 << j) // start of the second block, ending on the segment's last pixel
		s1 := ((y + i) % (2*k + 1)) * e.levels
		s2 := ((y + 2*k - i) % (2*k + 1)) * e.levels
		l1, h1, l2, h2 := e.lo[s1+j], e.hi[s1+j], e.lo[s2+j], e.hi[s2+j]
		l1a, l1b, l2a, l2b := l1[a:a+len(mins)], l1[b:b+len(mins)], l2[a:a+len(mins)], l2[b:b+len(mins)]
		for x := range mins {
			mins[x] = min(mins[x], l1a[x], l1b[x], l2a[x], l2b[x])
		}
		h1a, h1b, h2a, h2b := h1[a:a+len(mins)], h1[b:b+len(mins)], h2[a:a+len(mins)], h2[b:b+len(mins)]
		for x := range maxs {
			maxs[x] = max(maxs[x], h1a[x], h1b[x], h2a[x], h2b[x])
		}
	}
}

// medianRow fills meds with the median of the kernel around each pixel of row y: the middle one
// of its n values (n is odd: the circle is symmetric about its centre), as RankFilters' MEDIAN.
// It keeps the median m and the number of values below m (Huang's running median).
func (s *fijiScan) medianRow(y int, meds []uint8) {
	s.c.rows(s.lo, s.hi, s.ps, y)
	hist := &s.hist
	*hist = [256]int32{}
	pad, lo, hi := s.pad, s.lo, s.hi
	for i := range lo {
		for _, v := range pad[lo[i] : hi[i]+1] {
			hist[v]++
		}
	}
	half := int32(s.c.n / 2) // the median has exactly half values below or equal-and-before it
	m, below := 0, int32(0)
	for below+hist[m] <= half {
		below += hist[m]
		m++
	}
	meds[0] = uint8(m)
	hi = hi[:len(lo)]
	for x := 1; x < len(meds); x++ {
		for i, l := range lo {
			out, in := int(pad[l+x-1]), int(pad[hi[i]+x])
			hist[out]--
			hist[in]++
			if out < m {
				below--
			}
			if in < m {
				below++
			}
		}
		// m is the median when below ≤ half < below + hist[m].
		for below > half {
			m--
			below -= hist[m]
		}
		for below+hist[m] <= half {
			below += hist[m]
			m++
		}
		meds[x] = uint8(m)
	}
}

// sumRow fills sums with the sum of the kernel around each pixel of row y. The sums are exact
// integers, as RankFilters' double sums of 8-bit values are.
func (s *fijiScan) sumRow(y int, sums []int32) {
	s.c.rows(s.lo, s.hi, s.ps, y)
	pad, lo, hi := s.pad, s.lo, s.hi
	var t int32
	for i := range lo {
		for _, v := range pad[lo[i] : hi[i]+1] {
			t += int32(v)
		}
	}
	sums[0] = t
	hi = hi[:len(lo)]
	for x := 1; x < len(sums); x++ {
		for i, l := range lo {
			t += int32(pad[hi[i]+x]) - int32(pad[l+x-1])
		}
		sums[x] = t
	}
}

// FijiBernsen writes into dst (src's bounds) the levels of Fiji's Bernsen method over the circular
// neighbourhood of the given radius: with mn and mx its minimum and maximum and mid = ⌊(mn+mx)/2⌋,
// a pixel is foreground when v ≥ mid (level mid − 1), except where the local contrast mx − mn is
// below contrast: there the whole neighbourhood is foreground when mid ≥ 128 (level −1) and
// background otherwise (level 255). Fiji's default contrast is 15 (Bernsen's recommendation);
// Bernsen's paper uses a square window, Fiji and limen a circle.
//
// J. Bernsen, Dynamic thresholding of grey-level pictures, Proc. 8th ICPR, 1251–1255, 1986.
func FijiBernsen(dst *LevelMap, src *image.Gray, radius, contrast int) {
	fijiMinMax(dst, src, radius, func(out []int16, mins, maxs []uint8) {
		for x := range out {
			mn, mx := int(mins[x]), int(maxs[x])
			mid := (mn + mx) / 2
			switch {
			case mx-mn >= contrast:
				out[x] = int16(mid - 1)
			case mid >= 128:
				out[x] = -1
			default:
				out[x] = 255
			}
		}
	})
}

// FijiContrast writes into dst (src's bounds) the levels of Fiji's Contrast method (G. Landini,
// 2013, a toggle contrast after Soille): a pixel is foreground when it is at least as close to the
// maximum mx of its circular neighbourhood as to the minimum mn, |mx − v| ≤ |v − mn|, and is not 0.
// v lies in mn..mx (it is in its own neighbourhood), so the rule is v ≥ ⌈(mn+mx)/2⌉ and v > 0:
// level max(⌈(mn+mx)/2⌉ − 1, 0).
func FijiContrast(dst *LevelMap, src *image.Gray, radius int) {
	fijiMinMax(dst, src, radius, func(out []int16, mins, maxs []uint8) {
		for x := range out {
			out[x] = int16(max((int(mins[x])+int(maxs[x])+1)/2-1, 0))
		}
	})
}

// FijiMidGrey writes into dst (src's bounds) the levels of Fiji's MidGrey method: foreground is
// v > ⌊(mn+mx)/2⌋ − c, with mn and mx the minimum and maximum of the circular neighbourhood (level
// clamped to -1..255). Since Fiji 1.4 c is subtracted, as in Mean and Median.
func FijiMidGrey(dst *LevelMap, src *image.Gray, radius, c int) {
	fijiMinMax(dst, src, radius, func(out []int16, mins, maxs []uint8) {
		for x := range out {
			out[x] = ClampLevel((int(mins[x])+int(maxs[x]))/2 - c)
		}
	})
}

// fijiMinMax runs level (once per row, not per pixel) on the local minima and maxima of each row.
func fijiMinMax(dst *LevelMap, src *image.Gray, radius int, level func(out []int16, mins, maxs []uint8)) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	e := newFijiExtremes(src, radius)
	mins, maxs := make([]uint8, w), make([]uint8, w)
	for y := 0; y < h; y++ {
		e.row(y, mins, maxs)
		level(dst.L[y*dst.Stride:y*dst.Stride+w], mins, maxs)
	}
}

// FijiMedian writes into dst (src's bounds) the levels of Fiji's Median method: foreground is
// v > med − c, with med the median of the circular neighbourhood (level clamped to -1..255).
func FijiMedian(dst *LevelMap, src *image.Gray, radius, c int) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	s := newFijiScan(src, radius)
	meds := make([]uint8, w)
	for y := 0; y < h; y++ {
		s.medianRow(y, meds)
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x, m := range meds {
			out[x] = ClampLevel(int(m) - c)
		}
	}
}

// FijiMean writes into dst (src's bounds) the levels of Fiji's Mean method: foreground is
// v > (int)(mean − c), where mean is RankFilters' float32 mean of the circular neighbourhood
// (the exact sum divided by the pixel count in double, rounded to float32), mean − c is computed in
// float32 and Java's (int) truncates towards zero. The level is that integer clamped to -1..255.
func FijiMean(dst *LevelMap, src *image.Gray, radius, c int) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	s := newFijiScan(src, radius)
	n := float64(s.c.n)
	fc := float32(c)
	sums := make([]int32, w)
	for y := 0; y < h; y++ {
		s.sumRow(y, sums)
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x, t := range sums {
			mean := float32(float64(t) / n)
			out[x] = ClampLevel(int(mean - fc)) // Go's float→int conversion truncates, as Java's
		}
	}
}

// FijiPhansalkar writes into dst (src's bounds) the levels of Fiji's Phansalkar method:
//
//   - the image is stretched to 0..255 as ImageJ's ContrastEnhancer.stretchHistogram(imp, 0) with
//     normalisation does (lut[v] = (int)((v − lo)/(hi − lo)·255) between the darkest value lo and
//     the brightest hi; a constant image is left alone), then scaled to 0..1 by a float32 product
//     with (float)(1/255): u(v) = float32(lut[v]) · float32(1/255);
//   - m and σ are RankFilters' float32 MEAN and the float32 square root of its float32 VARIANCE of
//     u over the circular neighbourhood, sums in double in RankFilters' order (see phansalkarRow);
//   - a pixel is foreground when u(v) > m·(1 + p·exp(−q·m) + k·(σ/r − 1)), in double.
//
// u is non-decreasing in v, so the level is the largest v with u(v) ≤ T (−1 if none). Fiji fixes
// p = 2 and q = 10 (Phansalkar's values) and defaults to k = 0.25 and r = 0.5. r must be > 0.
//
// One possible difference remains: limen's exponential (portableExp, the same bits on every
// platform) and Java's Math.exp may differ in the last bit, which could only matter where u(v)
// equals T to the last bit.
//
// N. Phansalkar, S. More, A. Sabale, M. Joshi, Adaptive local thresholding for detection of nuclei
// in diversity stained cytology images, ICCSP 2011, 218–220.
func FijiPhansalkar(dst *LevelMap, src *image.Gray, radius int, k, r, p, q float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	var u [256]float32
	phansalkarScale(&u, src)
	var ud [256]float64 // u as double, as Java promotes it in the sums and the comparison
	for i, v := range u {
		ud[i] = float64(v)
	}
	s := newFijiScan(src, radius)
	means, sds := make([]float32, w), make([]float32, w)
	for y := 0; y < h; y++ {
		s.phansalkarRow(y, &ud, means, sds)
		out := dst.L[y*dst.Stride : y*dst.Stride+w]
		for x := range out {
			m := float64(means[x])
			// Java evaluates mean * (1.0 + p*exp(-q*mean) + k*((sd/r) - 1.0)) one rounding at a
			// time; the explicit conversions keep Go from fusing a multiply and an add.
			a := 1.0 + float64(p*portableExp(-q*m))
			b := float64(k * (float64(sds[x])/r - 1.0))
			t := float64(m * (a + b))
			out[x] = levelBelow(&ud, t)
		}
	}
}

// expTaylor holds 1/n! for n = 20 down to 1, for portableExp's Horner sum.
var expTaylor = func() (c [20]float64) {
	f := 1.0
	for n := 1; n <= 20; n++ {
		f *= float64(n) // exact up to 18!, then rounded: far below the last bit of the sum
		c[20-n] = 1 / f
	}
	return c
}()

// levelBelow returns the largest v with u[v] ≤ t, or −1, for a non-decreasing table u (a binary
// search); a NaN t makes every pixel background (255).
func levelBelow(u *[256]float64, t float64) int16 {
	if t != t {
		return 255
	}
	lo, hi := 0, 256 // the first v with u[v] > t is in lo..hi
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if u[mid] > t {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return int16(lo - 1)
}

// phansalkarScale fills u with the value ImageJ gives each gray level after Fiji's Phansalkar
// preprocessing: ContrastEnhancer's normalising stretch with 0% saturation, conversion to float,
// FloatProcessor.multiply(1.0/255) (a float32 product with the float32 constant).
func phansalkarScale(u *[256]float32, src *image.Gray) {
	h := HistogramOf(src, nil)
	lo, hi := 0, 255
	for lo < 255 && h[lo] == 0 {
		lo++
	}
	for hi > 0 && h[hi] == 0 {
		hi--
	}
	c := float32(1.0 / 255)
	for v := range u {
		l := v
		if hi > lo {
			switch {
			case v <= lo:
				l = 0
			case v >= hi:
				l = 255
			default:
				l = int(float64(v-lo) / float64(hi-lo) * 255)
			}
		}
		u[v] = float32(l) * c
	}
}

// phansalkarRow fills means and sds with the float32 local mean and standard deviation of the
// scaled values ud[v] around each pixel of row y, repeating RankFilters' double arithmetic in its
// order (Phansalkar's values are not integers, so the order matters to the last bit):
//   - at the first pixel of a row, and at every pixel when the kernel has k < 2, the sums run over
//     the kernel rows top to bottom, each left to right: sum += v, sum2 += v·v;
//   - then, moving right, each kernel row top to bottom contributes −(leaving) and +(entering) to a
//     partial sum (and sum of squares), which is then added to the running sums;
//   - mean = float32(sum/n); variance = float32((sum2 − sum·sum/n)/n), 0 if negative;
//     σ = float32(√variance), 0 where the variance is 0 (FloatProcessor.sqrt).
func (s *fijiScan) phansalkarRow(y int, ud *[256]float64, means, sds []float32) {
	s.c.rows(s.lo, s.hi, s.ps, y)
	pad, lo, hi := s.pad, s.lo, s.hi
	hi = hi[:len(lo)]
	n := float64(s.c.n)
	full := s.c.k < 2
	var sum, sum2 float64
	for x := range means {
		if x == 0 || full {
			sum, sum2 = 0, 0
			for i, l := range lo {
				for _, b := range pad[l+x : hi[i]+x+1] {
					v := ud[b]
					sum += v
					sum2 += float64(v * v)
				}
			}
		} else {
			var ds, ds2 float64
			for i, l := range lo {
				v := ud[pad[l+x-1]]
				ds -= v
				ds2 -= float64(v * v)
				v = ud[pad[hi[i]+x]]
				ds += v
				ds2 += float64(v * v)
			}
			sum += ds
			sum2 += ds2
		}
		means[x] = float32(sum / n)
		variance := float32((sum2 - float64(sum*sum)/n) / n)
		sd := float32(0)
		if variance > 0 {
			sd = float32(math.Sqrt(float64(variance)))
		}
		sds[x] = sd
	}
}
