package algo

import (
	"math"
	"runtime"
)

// ImageJ 1.53t's AutoThresholder methods, level for level.
//
// Every function here returns what ij.process.AutoThresholder.getThreshold(method, histogram)
// returns, checked against ImageJ itself on thousands of histograms (imagej_diff_test.go), the
// degenerate ones included. That takes more than the formulas of the papers: ImageJ's own order of
// operations, its int arithmetic (which wraps around on large images), its casts, its first-wins
// ties, its "not found" results, and a logarithm rounded as Java's Math.log rounds it. The
// conventions, shared by all of them:
//
//   - The histogram is ImageJ's int[]: a count above 2³¹−1 (an image of more than two billion
//     pixels) is clamped to 2³¹−1, a negative count to 0.
//   - A level t is the last background value: foreground is v > t.
//   - ImageJ signals "no level" with -1 and getThreshold turns it into 0; so does limen. A method
//     never returns anything outside 0..255 (ImageJ's MinError can: limen clamps it).
//
// The methods that sum entropies (Huang, Shanbhag, Renyi, MaxEntropy in entropy.go) live or die by
// the last bit of every logarithm: two levels often tie to within an ulp. javaLog therefore
// computes ln x correctly rounded, which is what HotSpot's Math.log gives on x86-64 (it misses by
// one ulp on about 5 inputs in a million; no level has been seen to depend on one of them), and
// every product that a compiler could fuse with an addition into an FMA is wrapped in float64(),
// which the Go specification says prevents the fusion, so every platform, wasm included, gets the
// same bits.

// ijGlobal adapts a histogram-to-level function to the registry.
func ijGlobal(f func(*Histogram) int) GlobalFunc {
	return func(h *Histogram, _ Params) Result { return Result{Level: float64(f(h))} }
}

// ---------------------------------------------------------------------------------------------
// Java's arithmetic.

// javaCounts converts h to ImageJ's int[] (see the conventions above).
func javaCounts(h *Histogram) [256]int32 {
	var d [256]int32
	for i, c := range h {
		d[i] = int32(min(max(c, 0), math.MaxInt32))
	}
	return d
}

// ijLevel is what getThreshold makes of a method's raw result, -1 ("not found") becoming 0, clamped
// to 0..255: ImageJ's MinError returns negative levels on some histograms (see MinError).
func ijLevel(t int32) int {
	return int(min(max(t, 0), 255))
}

// Double-double arithmetic for javaLog: a value is hi + lo with |lo| ≤ ulp(hi)/2. Every product
// is wrapped in float64() so that no compiler fuses it: the error-free transformations below rely
// on each operation being rounded on its own.

// hardwareFMA is set where math.FMA is (normally) one instruction. Elsewhere, WebAssembly in
// particular, Go emulates it in software, and Dekker's product is faster. Both are exact, so the
// choice changes the speed only, never a bit of the result.
const hardwareFMA = runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64" ||
	runtime.GOARCH == "ppc64le" || runtime.GOARCH == "s390x" || runtime.GOARCH == "riscv64"

// logTable holds ln(j/128), j = 91..181, as double-doubles (hi + lo to about 2^-106; computed with
// mpmath at 300 bits).
var logTable = [91][2]float64{
	{-0.34117075740276714, 1.9366790062602867e-17},   // ln(91/128)
	{-0.33024168687057687, 1.0828321637483858e-17},   // ln(92/128)
	{-0.3194307707663612, -1.354256857264811e-18},    // ln(93/128)
	{-0.3087354816496133, 1.6199186085148102e-17},    // ln(94/128)
	{-0.29815337231907635, 1.720695867445866e-17},    // ln(95/128)
	{-0.2876820724517809, -2.607160616442564e-17},    // ln(96/128)
	{-0.27731928541623435, 7.44528405583513e-18},     // ln(97/128)
	{-0.26706278524904525, 7.32891532732017e-18},     // ln(98/128)
	{-0.2569104137850272, -2.502843296152504e-17},    // ln(99/128)
	{-0.24686007793152578, -1.361743371748368e-17},   // ln(100/128)
	{-0.2369097470783577, -1.9682402978398164e-18},   // ln(101/128)
	{-0.22705745063534608, -9.551415762738488e-18},   // ln(102/128)
	{-0.2173012756899814, -1.6168452453763015e-18},   // ln(103/128)
	{-0.2076393647782445, -1.2053243216686129e-17},   // ln(104/128)
	{-0.1980699137620938, -3.742843482461439e-18},    // ln(105/128)
	{-0.18859116980755003, 7.432164219196925e-18},    // ln(106/128)
	{-0.179201429457711, 1.0785017454858423e-17},     // ln(107/128)
	{-0.16989903679539747, 4.868008764439071e-19},    // ln(108/128)
	{-0.16068238169047347, 3.650183553047837e-18},    // ln(109/128)
	{-0.15154989812720093, -5.1669593684615594e-18},  // ln(110/128)
	{-0.14250006260728304, 9.926388234225749e-18},    // ln(111/128)
	{-0.13353139262452263, 3.664457663660085e-18},    // ln(112/128)
	{-0.1246424452072766, 5.808912678940971e-18},     // ln(113/128)
	{-0.1158318155251217, -4.338484369808096e-18},    // ln(114/128)
	{-0.1070981355563671, 1.73705104015906e-18},      // ln(115/128)
	{-0.09844007281325252, 4.439009633675136e-18},    // ln(116/128)
	{-0.08985632912186105, 6.273760163689594e-19},    // ln(117/128)
	{-0.0813456394539524, -5.07707635593117e-18},     // ln(118/128)
	{-0.07290677080808779, 6.306860257532778e-18},    // ln(119/128)
	{-0.06453852113757118, 6.470486661692933e-18},    // ln(120/128)
	{-0.05623971832287608, 3.2835149805605613e-18},   // ln(121/128)
	{-0.048009219186360606, -1.4390903347292205e-18}, // ln(122/128)
	{-0.039845908547199674, 3.129547680315208e-18},   // ln(123/128)
	{-0.0317486983145803, -3.0382263084680858e-18},   // ln(124/128)
	{-0.023716526617316044, 1.5774243488668215e-18},  // ln(125/128)
	{-0.015748356968139168, -1.0021578630528974e-18}, // ln(126/128)
	{-0.007843177461025893, -2.764708154124904e-19},  // ln(127/128)
	{0.0, 0.0}, // ln(128/128)
	{0.007782140442054949, -1.2819179123343845e-20}, // ln(129/128)
	{0.015504186535965254, -3.278321022892429e-19},  // ln(130/128)
	{0.02316705928153438, -1.1769544932063305e-18},  // ln(131/128)
	{0.030771658666753687, 1.0431732029005968e-18},  // ln(132/128)
	{0.0383188643021366, -2.357996157351286e-18},    // ln(133/128)
	{0.0458095360312942, 1.902959866474257e-18},     // ln(134/128)
	{0.053244514518812285, -1.665575816973663e-18},  // ln(135/128)
	{0.06062462181643484, 2.6424025938726934e-18},   // ln(136/128)
	{0.06795066190850775, -1.2802141240611733e-18},  // ln(137/128)
	{0.07522342123758753, -5.930604196293241e-18},   // ln(138/128)
	{0.08244366921107459, 5.700437773813987e-18},    // ln(139/128)
	{0.08961215868968714, -5.4268129336647135e-18},  // ln(140/128)
	{0.09672962645855111, -5.597397486289965e-19},   // ln(141/128)
	{0.10379679368164356, 5.47772415726659e-18},     // ln(142/128)
	{0.11081436634029011, 1.183748342825649e-18},    // ln(143/128)
	{0.11778303565638346, -1.1971685747593677e-18},  // ln(144/128)
	{0.12470347850095724, -4.6522609636496624e-18},  // ln(145/128)
	{0.13157635778871926, 1.1123000879729588e-17},   // ln(146/128)
	{0.13840232285911913, 4.447777301357527e-18},    // ln(147/128)
	{0.1451820098444979, 8.242418783022475e-18},     // ln(148/128)
	{0.15191604202584197, 6.4838631244022194e-18},   // ln(149/128)
	{0.15860503017663857, 1.1257003872182592e-17},   // ln(150/128)
	{0.16524957289530717, -1.0094935622322628e-17},  // ln(151/128)
	{0.17185025692665923, -6.0224538210113705e-18},  // ln(152/128)
	{0.1784076574728183, -1.2432553788701131e-17},   // ln(153/128)
	{0.184922338494012, 3.0236614153574064e-18},     // ln(154/128)
	{0.19139485299962947, -1.2129496905792884e-17},  // ln(155/128)
	{0.19782574332991987, 1.2821194372980142e-17},   // ln(156/128)
	{0.2042155414286909, 2.7338281018722773e-18},    // ln(157/128)
	{0.21056476910734964, -4.249405314729895e-18},   // ln(158/128)
	{0.21687393830061436, 4.551026193234283e-18},    // ln(159/128)
	{0.22314355131420976, -9.091270597324799e-18},   // ln(160/128)
	{0.22937410106484582, 9.927671823978025e-18},    // ln(161/128)
	{0.2355660713127669, -2.3943371495187355e-18},   // ln(162/128)
	{0.24171993688714516, 8.900990022166643e-18},    // ln(163/128)
	{0.24783616390458127, -1.2432209578702523e-17},  // ln(164/128)
	{0.25391520998096345, -8.048097394424201e-18},   // ln(165/128)
	{0.25995752443692605, 2.069806938978935e-17},    // ln(166/128)
	{0.26596354849713794, 5.3393802761314314e-18},   // ln(167/128)
	{0.27193371548364176, 7.83319637697442e-19},     // ln(168/128)
	{0.2778684510034563, -9.16018294909263e-19},     // ln(169/128)
	{0.2837681731306446, -2.032665581126656e-17},    // ln(170/128)
	{0.28963329258304266, 2.0535953219858174e-17},   // ln(171/128)
	{0.2954642128938359, -2.16461086040599e-17},     // ln(172/128)
	{0.3012613305781618, -9.048511144048564e-18},    // ln(173/128)
	{0.3070250352949119, -1.2319916200101964e-17},   // ln(174/128)
	{0.3127557100038969, -1.451808353098951e-17},    // ln(175/128)
	{0.3184537311185346, 2.7114779367326236e-17},    // ln(176/128)
	{0.324119468654212, -7.958214381893813e-18},     // ln(177/128)
	{0.329753286372468, 2.122020616196946e-18},      // ln(178/128)
	{0.3353555419211378, 1.834564437059473e-17},     // ln(179/128)
	{0.3409265869705932, 1.7467136443544747e-17},    // ln(180/128)
	{0.34646676734620857, 1.028583585496265e-17},    // ln(181/128)
}

// ---------------------------------------------------------------------------------------------
// The methods. Each exported function converts the histogram once and returns the level; the
// private one works on ImageJ's int[] and returns ImageJ's raw result (-1 for "not found").

// IJDefault returns ImageJ's "Default" level: IJIsoData on a copy of the histogram in which the
// mode is cut down to 1.5 times the second-highest count when it is more than twice that count (and
// that count is not 0). Bins 0 and 255 are ignored, as in IJIsoData; a histogram with fewer than
// two distinct values in 1..254 gives 128.
//
// The doubling of the second count is done in int, as ImageJ does: above 2³⁰ it wraps around.
func IJDefault(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(ijDefault(&d))
}

func ijDefault(d *[256]int32) int32 {
	c := ijDefaultClip(d)
	return ijIsoData(&c)
}

// ijDefaultClip returns the copy of d that Default hands to IJIsoData: the mode cut down to 1.5
// times the second-highest count when it is more than twice that count.
func ijDefaultClip(d *[256]int32) [256]int32 {
	c := *d
	mode, maxCount := 0, int32(0)
	for i, v := range c {
		if v > maxCount {
			maxCount, mode = v, i
		}
	}
	second := int32(0)
	for i, v := range c {
		if v > second && i != mode {
			second = v
		}
	}
	if maxCount > second*2 && second != 0 {
		c[mode] = javaInt(float64(second) * 1.5)
	}
	return c
}

// IJIsoData returns ImageJ's original isodata level ("IJ_IsoData"), a form of Ridler & Calvard's
// method: with bins 0 and 255 ignored (set to 0) and min..max the occupied range left, the moving
// index i goes up from min while i + 1 ≤ (mean(min..i) + mean(i+1..max)) / 2 and i < max − 1; the
// level is that last average, rounded half up. With fewer than two occupied bins in 1..254 it
// gives 128 (ImageJ's data.length/2).
//
// T. W. Ridler, S. Calvard, "Picture thresholding using an iterative selection method", IEEE Trans.
// Systems, Man, and Cybernetics 8(8), 630–632, 1978.
func IJIsoData(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(ijIsoData(&d))
}

// ijIsoData modifies nothing: ImageJ zeroes bins 0 and 255 and restores them afterwards; limen
// works on a copy.
func ijIsoData(data *[256]int32) int32 {
	d := *data
	d[0], d[255] = 0, 0
	lo := 0
	for d[lo] == 0 && lo < 255 {
		lo++
	}
	hi := 255
	for d[hi] == 0 && hi > 0 {
		hi--
	}
	if lo >= hi {
		return 128
	}
	var result float64
	for i := lo; ; {
		var s1, n1, s2, n2 float64
		for j := lo; j <= i; j++ {
			s1 += float64(j) * float64(d[j]) // exact: below 2^39
			n1 += float64(d[j])
		}
		for j := i + 1; j <= hi; j++ {
			s2 += float64(j) * float64(d[j])
			n2 += float64(d[j])
		}
		result = (s1/n1 + s2/n2) / 2
		i++
		if !(float64(i+1) <= result && i < hi-1) {
			break
		}
	}
	return javaRound(result)
}

// Huang returns Huang & Wang's fuzzy-entropy level as ImageJ 1.53t computes it. Every pixel of
// value i has the membership μ(i) = 1 / (1 + |i − m|/(last − first)) in its class, m the class mean
// and first..last the occupied range; the level t minimises Σ count(i)·S(μ(i)), S the Shannon
// function −μ ln μ − (1−μ) ln(1−μ), over t = 0..255 (memberships below 10⁻⁶ or above 0.999999 are
// left out). The first minimum wins.
//
// ImageJ's quirks are kept: the means are running means from the first occupied bin up (below it
// the class mean is 0) and from the last one down, so the levels outside the occupied range are
// candidates too; and an empty or one-value histogram makes every sum NaN (0 · NaN), so it gives 0.
//
// L.-K. Huang, M.-J. J. Wang, "Image thresholding by minimizing the measures of fuzziness",
// Pattern Recognition 28(1), 41–51, 1995.
func Huang(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(huang(&d, nil))
}

// HuangCriterion returns Huang's total fuzzy entropy at every level (NaN where ImageJ's sum is NaN).
func HuangCriterion(h *Histogram, _ Params) []float64 {
	d := javaCounts(h)
	c := make([]float64, 256)
	huang(&d, c)
	return c
}

func huang(d *[256]int32, criterion []float64) int32 {
	first := 0
	for i, v := range d {
		if v != 0 {
			first = i
			break
		}
	}
	last := 255
	for i := 255; i >= first; i-- {
		if d[i] != 0 {
			last = i
			break
		}
	}
	term := 1.0 / float64(last-first) // +Inf for one occupied bin, as in Java
	var mu0, mu1 [256]float64
	var sum, num float64
	for i := first; i < 256; i++ {
		sum += float64(i) * float64(d[i])
		num += float64(d[i])
		mu0[i] = sum / num
	}
	sum, num = 0, 0
	for i := last; i > 0; i-- {
		sum += float64(i) * float64(d[i])
		num += float64(d[i])
		mu1[i-1] = sum / num
	}
	level, best := int32(-1), math.MaxFloat64
	for t := 0; t < 256; t++ {
		ent := 0.0
		for i := 0; i <= t; i++ {
			ent = huangAdd(ent, d[i], i, mu0[t], term)
		}
		for i := t + 1; i < 256; i++ {
			ent = huangAdd(ent, d[i], i, mu1[t], term)
		}
		if criterion != nil {
			criterion[t] = ent
		}
		if ent < best {
			best, level = ent, int32(t)
		}
	}
	return level
}

// huangAdd adds bin i's term to ent exactly as ImageJ does. An empty bin adds 0 · S(μ), which is
// +0 and changes nothing unless μ is NaN, so its logarithms are skipped.
func huangAdd(ent float64, count int32, i int, mean, term float64) float64 {
	mu := 1.0 / (1.0 + float64(term*math.Abs(float64(i)-mean)))
	if mu < 1e-06 || mu > 0.999999 {
		return ent
	}
	if count == 0 {
		if mu != mu {
			return mu
		}
		return ent
	}
	a := float64(-mu * javaLog(mu))
	b := float64((1.0 - mu) * javaLog(1.0-mu))
	return ent + float64(float64(count)*(a-b))
}

// bimodal reports whether y has exactly two strict local maxima, ImageJ's bimodalTest.
func bimodal(y []float64) bool {
	modes := 0
	for k := 1; k < len(y)-1; k++ {
		if y[k-1] < y[k] && y[k+1] < y[k] {
			modes++
			if modes > 2 {
				return false
			}
		}
	}
	return modes == 2
}

// Intermodes returns Prewitt & Mendelsohn's intermodes level as ImageJ 1.53t computes it: the
// occupied range of the histogram is smoothed by a running mean of three (zero outside the range)
// until it has exactly two strict local maxima j < k, and the level is first + ⌊(j + k)/2⌋. After
// 10 000 smoothings without two maxima (a unimodal histogram, one occupied bin) it gives 0.
//
// Deviation: on an empty histogram ImageJ throws ArrayIndexOutOfBoundsException; limen gives 0.
//
// J. M. S. Prewitt, M. L. Mendelsohn, "The analysis of cell images", Annals of the New York
// Academy of Sciences 128(3), 1035–1053, 1966.
func Intermodes(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(intermodes(&d))
}

func intermodes(d *[256]int32) int32 {
	var buf [256]float64
	hist, minbin, ok := intermodesSmooth(d, &buf)
	if !ok {
		return -1
	}
	n := len(hist)
	tt := 0
	for i := 1; i < n-1; i++ {
		if hist[i-1] < hist[i] && hist[i+1] < hist[i] {
			tt += i
		}
	}
	return int32(math.Floor(float64(tt)/2.0)) + int32(minbin)
}

// intermodesSmooth smooths the occupied range minbin..maxbin of d (in buf) until it has exactly two
// strict local maxima, as Intermodes does, and returns it: hist[i] is the smoothed count of the
// value minbin + i. ok is false for an empty histogram or after 10 000 smoothings.
func intermodesSmooth(d *[256]int32, buf *[256]float64) (hist []float64, minbin int, ok bool) {
	minbin, maxbin := -1, -1
	for i, v := range d {
		if v > 0 {
			maxbin = i
		}
	}
	for i := 255; i >= 0; i-- {
		if d[i] > 0 {
			minbin = i
		}
	}
	if maxbin < 0 {
		return nil, 0, false // ImageJ: ArrayIndexOutOfBoundsException
	}
	n := maxbin - minbin + 1
	hist = buf[:n]
	for i := minbin; i <= maxbin; i++ {
		hist[i-minbin] = float64(d[i])
	}
	for iter := 0; !bimodal(hist); {
		// In place, carrying the two previous old values along, as ImageJ does.
		prev, cur, next := 0.0, 0.0, hist[0]
		for i := 0; i < n-1; i++ {
			prev, cur, next = cur, next, hist[i+1]
			hist[i] = (prev + cur + next) / 3
		}
		hist[n-1] = (cur + next) / 3
		iter++
		if iter > 10000 {
			return nil, 0, false
		}
	}
	return hist, minbin, true
}

// IsoData returns the isodata level as ImageJ 1.53t's "IsoData" computes it: g starts one above
// the first occupied bin of 1..255 and goes up until g = round((L + H)/2), L the mean of the values
// below g (in integer division) and H the mean of those above g (g itself belongs to neither);
// levels where either side is empty are skipped. Past 254 it gives 0.
//
// ImageJ sums the low side in int: on images of more than about 2³¹/255 pixels the sums wrap
// around, and so they do here, to give ImageJ's level.
//
// T. W. Ridler, S. Calvard, "Picture thresholding using an iterative selection method", IEEE Trans.
// Systems, Man, and Cybernetics 8(8), 630–632, 1978.
func IsoData(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(isoData(&d))
}

func isoData(d *[256]int32) int32 {
	g := 0
	for i := 1; i < 256; i++ {
		if d[i] > 0 {
			g = i + 1
			break
		}
	}
	for {
		var l, totl int32 // Java ints: they wrap
		for i := 0; i < g; i++ {
			totl += d[i]
			l += d[i] * int32(i)
		}
		var hs, toth float64
		for i := g + 1; i < 256; i++ {
			toth += float64(d[i])
			hs += float64(d[i]) * float64(i)
		}
		if totl > 0 && toth > 0 {
			l /= totl
			hs /= toth
			if int32(g) == javaRound((float64(l)+hs)/2.0) {
				return int32(g)
			}
		}
		g++
		if g > 254 {
			return -1
		}
	}
}

// liMaxIter bounds Li's loop. ImageJ has no bound; none is needed, as from its second step on the
// iteration applies a non-decreasing map to integers and so settles within 256 steps.
const liMaxIter = 1000

// Li returns Li's minimum cross-entropy level as ImageJ 1.53t computes it (the iterative form of
// Li & Tam): starting from the mean, t = ⌊T + ½⌋ and T = (m_b − m_o)/(ln m_b − ln m_o), m_b and m_o
// the means of v ≤ t and v > t (0 for an empty class), rounded half away from zero, until T moves by
// at most ½. An empty histogram gives 0.
//
// C. H. Li, C. K. Lee, "Minimum cross entropy thresholding", Pattern Recognition 26(4), 617–625,
// 1993; C. H. Li, P. K. S. Tam, "An iterative algorithm for minimum cross entropy thresholding",
// Pattern Recognition Letters 19(8), 771–776, 1998.
func Li(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(li(&d))
}

func li(d *[256]int32) int32 {
	var num, mean float64
	for _, v := range d {
		num += float64(v)
	}
	for i := 1; i < 256; i++ {
		mean += float64(i) * float64(d[i])
	}
	mean /= num
	next := mean
	var t int32
	for iter := 0; ; iter++ {
		old := next
		t = javaInt(old + 0.5)
		top := int(min(t, 255)) // t ≤ 255 always: every T is a mean or between two means
		var sb, nb, so, no float64
		for i := 0; i <= top; i++ {
			sb += float64(i) * float64(d[i])
			nb += float64(d[i])
		}
		for i := int(t) + 1; i < 256; i++ {
			so += float64(i) * float64(d[i])
			no += float64(d[i])
		}
		mb, mo := 0.0, 0.0
		if nb != 0 {
			mb = sb / nb
		}
		if no != 0 {
			mo = so / no
		}
		temp := (mb - mo) / (javaLog(mb) - javaLog(mo))
		if temp < -doubleEpsilon {
			next = float64(javaInt(temp - 0.5))
		} else {
			next = float64(javaInt(temp + 0.5))
		}
		if !(math.Abs(next-old) > 0.5) || iter >= liMaxIter {
			return t
		}
	}
}

// Mean returns ⌊mean gray value⌋, ImageJ 1.53t's "Mean" (0 for an empty histogram).
//
// C. A. Glasbey, "An analysis of histogram-based thresholding algorithms", CVGIP: Graphical Models
// and Image Processing 55(6), 532–537, 1993.
func Mean(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(mean(&d))
}

func mean(d *[256]int32) int32 {
	var tot, sum float64
	for i, v := range d {
		tot += float64(v)
		sum += float64(i) * float64(v)
	}
	return javaInt(math.Floor(sum / tot))
}

// MinError returns Kittler & Illingworth's minimum-error level as ImageJ 1.53t's "MinError"
// computes it (the iterative version, after Glasbey): starting from Mean, fit a Gaussian to each
// class (weights p, q; means μ, ν; variances σ², τ²) and move the level to ⌊the upper root⌋ of
// (1/σ² − 1/τ²)t² − 2(μ/σ² − ν/τ²)t + μ²/σ² − ν²/τ² + log₁₀(σ²q²/(τ²p²)) = 0, until it stops
// moving. When the root is complex it keeps the current level; when it is NaN (an empty class) the
// loop ends there.
//
// ImageJ's class sums Σ i·h(i) and Σ i²·h(i) add int products, which wrap around for counts above
// 2³¹/255 and 2³¹/255² (33 025 pixels in one bright bin is enough): so do they here.
//
// Deviations, both where ImageJ gives no usable level:
//   - Where a class holds a single value (σ² = 0) ImageJ's step can land below 0, and ImageJ
//     returns that negative level (-184 for 727 134 pixels at 177 and 5 265 040 at 251); limen
//     gives 0, the level that still makes every pixel above 0 foreground.
//   - On some histograms the levels cycle and ImageJ never returns: 127, 128, 127, … on many
//     histograms symmetric about 127.5, longer cycles on others. Each step depends only on the
//     current level, and only through its clamp to −1..256, so a run that has not stopped within
//     2·258 steps is in a cycle for good; limen then returns the lowest level of the cycle.
//
// J. Kittler, J. Illingworth, "Minimum error thresholding", Pattern Recognition 19(1), 41–47, 1986.
func MinError(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(minError(&d))
}

func minError(d *[256]int32) int32 {
	t, _ := minErrorCycle(d)
	return t
}

// kiClasses is the number of distinct steps of MinError's iteration: levels below 0, 0..255, and
// above 255 (ImageJ's sums clamp the level to 255; below 0 they are empty).
const kiClasses = 258

// minErrorCycle returns MinError's level and whether ImageJ would loop forever on d.
func minErrorCycle(d *[256]int32) (int32, bool) {
	var s kiSums
	s.init(d)
	t, prev := mean(d), int32(-2)
	for iter := 0; t != prev; iter++ {
		if iter == 2*kiClasses {
			low := t
			for k := 0; k < kiClasses; k++ {
				t, _ = s.next(t)
				low = min(low, t)
			}
			return low, true
		}
		next, ok := s.next(t)
		if !ok {
			return t, false // ImageJ: "MinError(I): not converging."
		}
		prev, t = t, next
	}
	return t, false
}

// kiSums holds ImageJ's A, B, C: Σ_{i≤j} h(i), i·h(i), i²·h(i), the products in Java int. A
// running sum adds in the same order as ImageJ's loop from 0, so the prefix sums are its values.
type kiSums struct{ A, B, C [256]float64 }

func (s *kiSums) init(d *[256]int32) {
	var a, b, c float64
	for i, v := range d {
		a += float64(v)
		b += float64(int32(i) * v)
		c += float64(int32(i*i) * v)
		s.A[i], s.B[i], s.C[i] = a, b, c
	}
}

func kiAt(p *[256]float64, j int32) float64 {
	if j < 0 {
		return 0
	}
	return p[min(j, 255)]
}

// next is one step of ImageJ's loop from level t: the next level (t itself when the root is NaN),
// or ok = false when the root is complex.
func (s *kiSums) next(t int32) (int32, bool) {
	A, B, C := &s.A, &s.B, &s.C
	at, bt, ct := kiAt(A, t), kiAt(B, t), kiAt(C, t)
	mu := bt / at
	nu := (B[255] - bt) / (A[255] - at)
	p := at / A[255]
	q := (A[255] - at) / A[255]
	sigma2 := ct/at - float64(mu*mu)
	tau2 := (C[255]-ct)/(A[255]-at) - float64(nu*nu)
	w0 := 1.0/sigma2 - 1.0/tau2
	w1 := mu/sigma2 - nu/tau2
	w2 := (float64(mu*mu)/sigma2 - float64(nu*nu)/tau2) +
		javaLog10(float64(sigma2*float64(q*q))/float64(tau2*float64(p*p)))
	sq := float64(w1*w1) - float64(w0*w2)
	if sq < 0 {
		return t, false
	}
	temp := (w1 + math.Sqrt(sq)) / w0
	if temp != temp {
		return t, true
	}
	return javaInt(math.Floor(temp)), true
}

// MinErrorCriterion returns Kittler & Illingworth's criterion
// J(t) = 1 + 2(P₁ ln σ₁ + P₂ ln σ₂) − 2(P₁ ln P₁ + P₂ ln P₂) at every level, NaN where a class is
// empty or has no spread. ImageJ does not minimise it directly: its iteration stops at a level
// where J is (close to) a local minimum, the one downhill from the mean.
func MinErrorCriterion(h *Histogram, _ Params) []float64 {
	c := make([]float64, 256)
	var n, s, s2 float64
	for i, v := range h {
		fv := float64(max(v, 0))
		n += fv
		s += float64(i) * fv
		s2 += float64(i*i) * fv
	}
	var n1, m1, q1 float64
	for t, v := range h {
		fv := float64(max(v, 0))
		n1 += fv
		m1 += float64(t) * fv
		q1 += float64(t*t) * fv
		c[t] = math.NaN()
		n2 := n - n1
		if n1 == 0 || n2 == 0 {
			continue
		}
		a1, a2 := m1/n1, (s-m1)/n2
		v1 := q1/n1 - float64(a1*a1)
		v2 := (s2-q1)/n2 - float64(a2*a2)
		if v1 <= 0 || v2 <= 0 {
			continue
		}
		p1, p2 := n1/n, n2/n
		c[t] = 1 + (float64(p1*javaLog(v1)) + float64(p2*javaLog(v2))) -
			2*(float64(p1*javaLog(p1))+float64(p2*javaLog(p2)))
	}
	return c
}

// Minimum returns the minimum level as ImageJ 1.53t computes it: the whole histogram (zero outside
// 0..255) is smoothed by a running mean of three until it has exactly two strict local maxima,
// and the level is the first i with h(i−1) > h(i) ≤ h(i+1). After 10 000 smoothings without two
// maxima (a unimodal or empty histogram) it gives 0.
//
// J. M. S. Prewitt, M. L. Mendelsohn, "The analysis of cell images", Annals of the New York
// Academy of Sciences 128(3), 1035–1053, 1966.
func Minimum(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(minimum(&d))
}

func minimum(d *[256]int32) int32 {
	var a, b [256]float64
	h, ok := minimumSmooth(d, &a, &b)
	if !ok {
		return -1
	}
	for i := 1; i < 255; i++ {
		if h[i-1] > h[i] && h[i+1] >= h[i] {
			return int32(i)
		}
	}
	return -1
}

// minimumSmooth smooths the whole of d until it has exactly two strict local maxima, as Minimum
// does, using a and b as buffers, and returns the smoothed histogram (one of them). ok is false
// after 10 000 smoothings.
func minimumSmooth(d *[256]int32, a, b *[256]float64) (*[256]float64, bool) {
	h, s := a, b // the histogram and the next smoothing, swapped at every step
	for i, v := range d {
		h[i] = float64(v)
	}
	for iter := 0; !bimodal(h[:]); {
		for i := 1; i < 255; i++ {
			s[i] = (h[i-1] + h[i] + h[i+1]) / 3
		}
		s[0] = (h[0] + h[1]) / 3
		s[255] = (h[254] + h[255]) / 3
		h, s = s, h
		iter++
		if iter > 10000 {
			return nil, false
		}
	}
	return h, true
}

// Moments returns Tsai's moment-preserving level as ImageJ 1.53t computes it: from the first three
// moments m₁, m₂, m₃ of the normalised histogram, the two gray levels z₀ < z₁ of the binary image
// with the same moments and the share p₀ = (z₁ − m₁)/(z₁ − z₀) of z₀; the level is the first value
// whose cumulative share exceeds p₀. An empty or one-value histogram (no binary image fits) gives 0.
//
// W.-H. Tsai, "Moment-preserving thresholding: a new approach", Computer Vision, Graphics, and
// Image Processing 29(3), 377–393, 1985.
func Moments(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(moments(&d))
}

func moments(d *[256]int32) int32 {
	histo, p0 := momentsShare(d)
	sum := 0.0
	for i := range histo {
		sum += histo[i]
		if sum > p0 {
			return int32(i)
		}
	}
	return -1
}

// momentsShare returns the normalised histogram and Tsai's share p₀ of the darker of the two gray
// levels that preserve its first three moments, in ImageJ's arithmetic.
func momentsShare(d *[256]int32) (histo [256]float64, p0 float64) {
	var total float64
	for _, v := range d {
		total += float64(v)
	}
	for i, v := range d {
		histo[i] = float64(v) / total
	}
	const m0 = 1.0
	var m1, m2, m3 float64
	for i := range histo {
		di := float64(i)
		m1 += float64(di * histo[i])
		m2 += float64(di * di * histo[i])
		m3 += float64(di * di * di * histo[i])
	}
	cd := float64(m0*m2) - float64(m1*m1)
	c0 := (float64(-m2*m2) + float64(m1*m3)) / cd
	c1 := (float64(m0*-m3) + float64(m2*m1)) / cd
	root := math.Sqrt(float64(c1*c1) - float64(4.0*c0))
	z0 := 0.5 * (-c1 - root)
	z1 := 0.5 * (-c1 + root)
	p0 = (z1 - m1) / (z1 - z0)
	return histo, p0
}

// Percentile returns Doyle's p-tile level with p = 50%, ImageJ 1.53t's "Percentile" (ImageJ has no
// parameter for p): the first level whose cumulative share of pixels is closest to one half.
// An empty histogram gives 0.
//
// W. Doyle, "Operations useful for similarity-invariant pattern recognition", Journal of the ACM
// 9(2), 259–267, 1962.
func Percentile(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(percentile(&d, nil))
}

// PercentileCriterion returns |share of pixels ≤ t − ½| at every level: the curve Percentile
// minimises (NaN for an empty histogram).
func PercentileCriterion(h *Histogram, _ Params) []float64 {
	d := javaCounts(h)
	c := make([]float64, 256)
	percentile(&d, c)
	return c
}

func percentile(d *[256]int32, criterion []float64) int32 {
	var total float64
	for _, v := range d {
		total += float64(v)
	}
	level, best := int32(-1), 1.0
	sum := 0.0
	for i, v := range d {
		sum += float64(v) // ImageJ's partialSum(i) adds in this same order
		a := math.Abs(sum/total - 0.5)
		if criterion != nil {
			criterion[i] = a
		}
		if a < best {
			best, level = a, int32(i)
		}
	}
	return level
}

// ijNorm fills the normalised histogram and ImageJ's cumulative P1 and P2 = 1 − P1 (not the sum
// of the upper bins: the rounding differs), and returns the first and last candidate levels of the
// entropy methods: the first where |P1| ≥ DBL_EPSILON and the last (not below it) where
// |P2| ≥ DBL_EPSILON. An empty histogram (NaN everywhere) gives 0 and 255.
func ijNorm(d *[256]int32, norm, p1, p2 *[256]float64) (first, last int) {
	var total float64
	for _, v := range d {
		total += float64(v)
	}
	for i, v := range d {
		norm[i] = float64(v) / total
	}
	p1[0] = norm[0]
	p2[0] = 1.0 - p1[0]
	for i := 1; i < 256; i++ {
		p1[i] = p1[i-1] + norm[i]
		p2[i] = 1.0 - p1[i]
	}
	for i := 0; i < 256; i++ {
		if !(math.Abs(p1[i]) < doubleEpsilon) {
			first = i
			break
		}
	}
	last = 255
	for i := 255; i >= first; i-- {
		if !(math.Abs(p2[i]) < doubleEpsilon) {
			last = i
			break
		}
	}
	return first, last
}

// Yen returns Yen, Chang & Chang's maximum-correlation level as ImageJ 1.53t computes it: the
// level t that maximises −ln(Σ_{i≤t} p(i)² · Σ_{i>t} p(i)²) + 2·ln(P₁(1 − P₁)), p the normalised
// histogram and P₁ its sum up to t, a logarithm of a non-positive argument counting as 0, over
// t = 0..255; the first maximum above the smallest positive double wins. An empty histogram, or one whose criterion is nowhere positive (a one-value or 0/255
// histogram), gives 0.
//
// J.-C. Yen, F.-J. Chang, S. Chang, "A new criterion for automatic multilevel thresholding", IEEE
// Trans. Image Processing 4(3), 370–378, 1995.
func Yen(h *Histogram) int {
	d := javaCounts(h)
	return ijLevel(yen(&d, nil))
}

// YenCriterion returns Yen's criterion at every level, NaN where a class is empty.
func YenCriterion(h *Histogram, _ Params) []float64 {
	d := javaCounts(h)
	c := make([]float64, 256)
	yen(&d, c)
	return c
}

func yen(d *[256]int32, criterion []float64) int32 {
	var total float64
	for _, v := range d {
		total += float64(v)
	}
	var norm, p1, p1sq, p2sq [256]float64
	for i, v := range d {
		norm[i] = float64(v) / total
	}
	p1[0] = norm[0]
	for i := 1; i < 256; i++ {
		p1[i] = p1[i-1] + norm[i]
	}
	p1sq[0] = float64(norm[0] * norm[0])
	for i := 1; i < 256; i++ {
		p1sq[i] = p1sq[i-1] + float64(norm[i]*norm[i])
	}
	p2sq[255] = 0
	for i := 254; i >= 0; i-- {
		p2sq[i] = p2sq[i+1] + float64(norm[i+1]*norm[i+1])
	}
	level, best := int32(-1), math.SmallestNonzeroFloat64
	for t := 0; t < 256; t++ {
		a, b := 0.0, 0.0
		if x := float64(p1sq[t] * p2sq[t]); x > 0 {
			a = javaLog(x)
		}
		if x := float64(p1[t] * (1.0 - p1[t])); x > 0 {
			b = javaLog(x)
		}
		crit := float64(-1.0*a) + float64(2*b)
		if criterion != nil {
			criterion[t] = crit
			if !(p1sq[t] > 0 && p2sq[t] > 0) {
				criterion[t] = math.NaN()
			}
		}
		if crit > best {
			best, level = crit, int32(t)
		}
	}
	return level
}
