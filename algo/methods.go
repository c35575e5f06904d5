package algo

import (
	"image"
)

// registry is every method limen has, in the order the page, the API's methods() and try-all
// list them. A method is one row: its id, its parameters with their ranges, the library it is
// exact to, its paper, and the function that computes it. Everything else — the page's menu and
// sliders, the URL state, limen.methods(), try-all, compare, the README's table and the
// registry-driven tests — is made from these rows, so a new method is its function and one row.
//
// Global rows are histogram in, level out; local rows write a LevelMap (see LocalFunc).
var registry = []Method{
	// The walking skeleton and the seed article: a level you choose, Gonzalez & Woods' iterative method, Otsu, Kapur's maximum entropy.
	{
		ID: "manual", Name: "Manual", Kind: Global, Library: "opencv",
		Params: []Param{
			{Name: "level", Default: 128, Min: 0, Max: 255, Doc: "the last background value: v > level is foreground"},
		},
		Reference: "OpenCV 4.6 cv::threshold with a fixed thresh",
		Paper:     "",
		About:     "You choose the level. Every pixel brighter than it is foreground.",
		Curve:     Curve{Why: "You choose the level: nothing is optimised, so there is no curve."},
		Global: func(_ *Histogram, p Params) Result {
			return Result{Level: p["level"]}
		},
	},
	{
		ID: "iterative", Name: "Basic iterative", Kind: Global, Library: "gw",
		Params: []Param{
			{Name: "delta", Default: DefaultIterativeDelta, Min: 1e-6, Max: 255, Doc: "stop when T moves by less than this"},
		},
		Reference: "Gonzalez & Woods 4th ed. 10.3.2, in float64 (T within 1e-9 of the oracle)",
		Paper:     "T. W. Ridler, S. Calvard, Picture thresholding using an iterative selection method, IEEE Trans. SMC 8(8), 1978; Gonzalez & Woods, Digital Image Processing, sec. 10.3.2",
		About:     "Start at the mean. Split the histogram at T, average the two class means, and repeat until T stops moving.",
		Criterion: IterativeCriterion,
		Curve:     Curve{Read: ReadDiagonal, Says: "g(t) = (m₁ + m₂)/2, the average of the two class means at t: each step sets T to g(T), and T stops where the curve meets the diagonal g(t) = t."},
		Global: func(h *Histogram, p Params) Result {
			t, trace := Iterative(h, p["delta"])
			return Result{Level: t, Trace: trace}
		},
	},
	{
		ID: "otsu", Name: "Otsu", Kind: Global, Library: "opencv",
		Reference: "OpenCV 4.6 cv::threshold THRESH_OTSU",
		Paper:     "N. Otsu, A threshold selection method from gray-level histograms, IEEE Trans. SMC 9(1), 62–66, 1979",
		About:     "Try every level and keep the one that makes the two classes most separated: the largest between-class variance.",
		Curve:     Curve{Read: ReadMax, Says: "between-class variance σ²_B(t): the level is where it is largest."},
		Global: func(h *Histogram, _ Params) Result {
			return Result{Level: float64(Otsu(h))}
		},
		Criterion: OtsuCriterion,
		Variants: []Variant{
			{Library: "doxa", Reference: doxaRef + " Otsu (its own arithmetic: first maximum of (m₀ − m₁)²·q₀·q₁)",
				Global: func(h *Histogram, _ Params) Result { return Result{Level: float64(DoxaOtsu(h))} }},
			{Library: "skimage", Reference: "scikit-image 0.19.3 threshold_otsu (its float level kept)", Global: func(h *Histogram, _ Params) Result { return Result{Level: SkimageOtsu(h)} }},
			{Library: "imagej", Reference: "ImageJ 1.53t AutoThresholder Otsu", Global: func(h *Histogram, _ Params) Result { return Result{Level: float64(IJOtsu(h))} }},
		},
	},
	{
		ID: "max-entropy", Name: "Max entropy (Kapur)", Kind: Global, Library: "imagej",
		Params: []Param{
			{Name: "offset", Default: 0, Min: -255, Max: 255, Integer: true, Doc: "added to the level found (the seed article uses 30), clamped to 0..255"},
		},
		Reference: "ImageJ 1.53t AutoThresholder MaxEntropy",
		Paper:     "J. N. Kapur, P. K. Sahoo, A. K. C. Wong, A new method for gray-level picture thresholding using the entropy of the histogram, CVGIP 29(3), 273–285, 1985",
		About:     "Treat background and objects as two probability distributions and pick the level where their entropies add up to the most.",
		Curve:     Curve{Read: ReadMax, Says: "total entropy H_b(t) + H_o(t) of the two classes: the level is where it is largest (plus the offset)."},
		Global: func(h *Histogram, p Params) Result {
			t := MaxEntropy(h) + int(p["offset"])
			return Result{Level: float64(min(max(t, 0), 255))}
		},
		Criterion: MaxEntropyCriterion,
	},
	// ImageJ 1.53t's AutoThresholder, in ImageJ's order (imagej.go, entropy.go).
	{
		ID: "default", Name: "Default (ImageJ)", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder Default",
		Paper:     "T. W. Ridler, S. Calvard, Picture thresholding using an iterative selection method, IEEE Trans. SMC 8(8), 630–632, 1978 (ImageJ's variant)",
		About:     "ImageJ's IJ IsoData, after first cutting a bin more than twice as tall as any other down to 1.5 times the next tallest, so that one huge peak does not drag the level.",
		Criterion: DefaultCriterion,
		Curve:     Curve{Read: ReadDiagonal, Says: "(mean below t + mean above t)/2, on the histogram with its tallest bin cut down: the level rises from the darkest value until it meets this curve, near the diagonal."},
		Global:    ijGlobal(IJDefault),
	},
	{
		ID: "huang", Name: "Huang", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder Huang",
		Paper:     "L.-K. Huang, M.-J. J. Wang, Image thresholding by minimizing the measures of fuzziness, Pattern Recognition 28(1), 41–51, 1995",
		About:     "Each pixel belongs to its class the more, the closer it is to the class mean. Pick the level where these memberships are least fuzzy: the smallest total Shannon entropy of the memberships.",
		Curve:     Curve{Read: ReadMin, Says: "total fuzziness (Shannon entropy of the memberships): the level is where it is smallest."},
		Global:    ijGlobal(Huang),
		Criterion: HuangCriterion,
	},
	{
		ID: "intermodes", Name: "Intermodes", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder Intermodes",
		Paper:     "J. M. S. Prewitt, M. L. Mendelsohn, The analysis of cell images, Annals of the New York Academy of Sciences 128(3), 1035–1053, 1966",
		About:     "Smooth the histogram with a running average of three until only two peaks are left, then take the level halfway between the peaks.",
		Criterion: IntermodesCriterion,
		Curve:     Curve{Read: ReadHistogram, Says: "the histogram smoothed until two peaks are left: the level is halfway between them."},
		Global:    ijGlobal(Intermodes),
	},
	{
		ID: "isodata", Name: "IsoData", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder IsoData",
		Paper:     "T. W. Ridler, S. Calvard, Picture thresholding using an iterative selection method, IEEE Trans. SMC 8(8), 630–632, 1978",
		About:     "Walk up from the darkest value and stop at the first level g that equals the average of the mean below g and the mean above g.",
		Criterion: IsoDataCriterion,
		Curve:     Curve{Read: ReadDiagonal, Says: "(mean below g + mean above g)/2: the level is the first g where the curve, rounded, equals g (meets the diagonal)."},
		Global:    ijGlobal(IsoData),
		Variants: []Variant{
			{Library: "skimage", Reference: "scikit-image 0.19.3 threshold_isodata (its float level kept)", Global: func(h *Histogram, _ Params) Result { return Result{Level: SkimageIsodata(h)} }},
		},
	},
	{
		ID: "ij-isodata", Name: "IJ IsoData", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder IJ_IsoData",
		Paper:     "T. W. Ridler, S. Calvard, Picture thresholding using an iterative selection method, IEEE Trans. SMC 8(8), 630–632, 1978 (ImageJ's original version)",
		About:     "ImageJ's original isodata: ignoring pure black and pure white, raise the level until it passes the average of the two class means.",
		Criterion: IJIsoDataCriterion,
		Curve:     Curve{Read: ReadDiagonal, Says: "(mean below t + mean above t)/2, black and white left out: the level rises from the darkest value until it meets this curve, near the diagonal."},
		Global:    ijGlobal(IJIsoData),
	},
	{
		ID: "li", Name: "Li", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder Li",
		Paper:     "C. H. Li, C. K. Lee, Minimum cross entropy thresholding, Pattern Recognition 26(4), 617–625, 1993; C. H. Li, P. K. S. Tam, An iterative algorithm for minimum cross entropy thresholding, Pattern Recognition Letters 19(8), 771–776, 1998",
		About:     "Look for the level whose two-tone image keeps the most information about the original (the least cross entropy): start at the mean and repeat a closed-form step until the level stops moving.",
		Criterion: LiCriterion,
		Curve:     Curve{Read: ReadMin, Says: "cross entropy η(t) between the picture and its two-tone version: Li's iteration walks down into its valley and stops where a step moves less than half a level."},
		Global:    ijGlobal(Li),
		Variants: []Variant{
			{Library: "skimage", Reference: "scikit-image 0.19.3 threshold_li (its float level kept)", Global: func(h *Histogram, _ Params) Result { return Result{Level: SkimageLi(h)} }},
		},
	},
	{
		ID: "mean", Name: "Mean", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder Mean",
		Paper:     "C. A. Glasbey, An analysis of histogram-based thresholding algorithms, CVGIP: Graphical Models and Image Processing 55(6), 532–537, 1993",
		About:     "The level is the mean gray value, rounded down.",
		Curve:     Curve{Why: "The level is a formula, the mean gray value: nothing is optimised, so there is no curve."},
		Global:    ijGlobal(Mean),
		Variants: []Variant{
			{Library: "skimage", Reference: "scikit-image 0.19.3 threshold_mean (its float level kept)", Global: func(h *Histogram, _ Params) Result { return Result{Level: SkimageMean(h)} }},
		},
	},
	{
		ID: "min-error", Name: "Minimum error", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder MinError",
		Paper:     "J. Kittler, J. Illingworth, Minimum error thresholding, Pattern Recognition 19(1), 41–47, 1986",
		About:     "Model the two classes as Gaussians. Starting at the mean, fit both, move the level to where the fitted Gaussians cross, and repeat until it stays put.",
		Curve:     Curve{Read: ReadMin, Says: "Kittler & Illingworth's error J(t): the iteration stops at the local minimum downhill from the mean."},
		Global:    ijGlobal(MinError),
		Criterion: MinErrorCriterion,
	},
	{
		ID: "minimum", Name: "Minimum", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder Minimum",
		Paper:     "J. M. S. Prewitt, M. L. Mendelsohn, The analysis of cell images, Annals of the New York Academy of Sciences 128(3), 1035–1053, 1966",
		About:     "Smooth the histogram with a running average of three until only two peaks are left, then take the lowest point of the valley between them.",
		Criterion: MinimumCriterion,
		Curve:     Curve{Read: ReadHistogram, Says: "the histogram smoothed until two peaks are left: the level is the bottom of the valley between them."},
		Global:    ijGlobal(Minimum),
		Variants: []Variant{
			{Library: "skimage", Reference: "scikit-image 0.19.3 threshold_minimum (its float level kept)", Global: func(h *Histogram, _ Params) Result { return Result{Level: SkimageMinimum(h)} }},
		},
	},
	{
		ID: "moments", Name: "Moments", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder Moments",
		Paper:     "W.-H. Tsai, Moment-preserving thresholding: a new approach, Computer Vision, Graphics, and Image Processing 29(3), 377–393, 1985",
		About:     "Find the two-tone image with the same first three moments (mean, spread, skew) as the original; the share of dark pixels it needs fixes the level.",
		Criterion: MomentsCriterion,
		Curve:     Curve{Read: ReadZero, Says: "share of pixels ≤ t less p₀, the dark share that preserves the first three moments: the level is where it first goes above 0."},
		Global:    ijGlobal(Moments),
	},
	{
		ID: "percentile", Name: "Percentile", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder Percentile",
		Paper:     "W. Doyle, Operations useful for similarity-invariant pattern recognition, Journal of the ACM 9(2), 259–267, 1962",
		About:     "Assume half the pixels are foreground: the level is where the cumulative histogram comes closest to 50%.",
		Curve:     Curve{Read: ReadMin, Says: "|share of pixels ≤ t − ½|: the level is where it is smallest."},
		Global:    ijGlobal(Percentile),
		Criterion: PercentileCriterion,
	},
	{
		ID: "renyi-entropy", Name: "Rényi entropy", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder RenyiEntropy",
		Paper:     "P. K. Sahoo, C. Wilkins, J. Yeager, Threshold selection using Renyi's entropy, Pattern Recognition 30(1), 71–84, 1997; J. N. Kapur, P. K. Sahoo, A. K. C. Wong, CVGIP 29(3), 273–285, 1985",
		About:     "Run maximum entropy three times, with Rényi entropies of order 0.5, 1 (Kapur's) and 2, and blend the three levels into one, weighted by the shares of pixels below, between and above them.",
		Curve:     Curve{Read: ReadMax, Says: "Rényi entropy of order ½ of the two classes: its maximum is the first of the three levels the method blends."},
		Global:    ijGlobal(RenyiEntropy),
		Criterion: RenyiEntropyCriterion,
	},
	{
		ID: "shanbhag", Name: "Shanbhag", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder Shanbhag",
		Paper:     "A. G. Shanbhag, Utilization of information measure as a means of image thresholding, CVGIP: Graphical Models and Image Processing 56(5), 414–419, 1994",
		About:     "Treat each class as a fuzzy set: a gray value at the level belongs half to each, and more surely to its own class the further it is. Pick the level where both classes carry the same amount of information.",
		Curve:     Curve{Read: ReadMin, Says: "|information of the background − of the objects|: the level is where it is smallest."},
		Global:    ijGlobal(Shanbhag),
		Criterion: ShanbhagCriterion,
	},
	{
		ID: "yen", Name: "Yen", Kind: Global, Library: "imagej",
		Reference: "ImageJ 1.53t AutoThresholder Yen",
		Paper:     "J.-C. Yen, F.-J. Chang, S. Chang, A new criterion for automatic multilevel thresholding, IEEE Trans. Image Processing 4(3), 370–378, 1995",
		About:     "Maximum correlation: treat the two classes as probability distributions and pick the level where the sum of their Rényi entropies of order 2 (their \"correlations\") is largest.",
		Curve:     Curve{Read: ReadMax, Says: "Yen's correlation criterion: the level is where it is largest."},
		Global:    ijGlobal(Yen),
		Criterion: YenCriterion,
		Variants: []Variant{
			{Library: "skimage", Reference: "scikit-image 0.19.3 threshold_yen (its float level kept)", Global: func(h *Histogram, _ Params) Result { return Result{Level: SkimageYen(h)} }},
		},
	},
	// OpenCV's triangle and scikit-image's multi-level Otsu (triangle.go, multiotsu.go).
	{
		ID: "triangle", Name: "Triangle", Kind: Global, Library: "opencv",
		Reference: "OpenCV 4.6 cv::threshold THRESH_TRIANGLE",
		Paper:     "G. W. Zack, W. E. Rogers, S. A. Latt, Automatic measurement of sister chromatid exchange frequency, Journal of Histochemistry & Cytochemistry 25(7), 741–753, 1977",
		About:     "Draw a line from the histogram's peak to the far end of its longer tail, and cut where the histogram sags farthest below that line. Suited to one large peak with a long, faint tail of objects.",
		Curve:     Curve{Read: ReadMax, Says: "distance from the histogram down to the line from its peak to the end of its tail: the level is where it is largest."},
		Global: func(h *Histogram, _ Params) Result {
			return Result{Level: float64(Triangle(h))}
		},
		Criterion: TriangleCriterion,
		Variants: []Variant{
			{Library: "skimage", Reference: "scikit-image 0.19.3 threshold_triangle (its float level kept)", Global: func(h *Histogram, _ Params) Result { return Result{Level: SkimageTriangle(h)} }},
			{Library: "imagej", Reference: "ImageJ 1.53t AutoThresholder Triangle", Global: func(h *Histogram, _ Params) Result { return Result{Level: float64(IJTriangle(h))} }},
		},
	},
	{
		ID: "multi-otsu", Name: "Multi-Otsu", Kind: Global, Library: "skimage",
		Params: []Param{
			{Name: "classes", Default: 3, Min: MultiOtsuMinClasses, Max: MultiOtsuMaxClasses, Integer: true, Doc: "the number of classes: classes − 1 levels"},
		},
		Reference: "scikit-image 0.19.3 threshold_multiotsu",
		Paper:     "P.-S. Liao, T.-S. Chen, P.-C. Chung, A fast algorithm for multilevel thresholding, Journal of Information Science and Engineering 17(5), 713–727, 2001",
		About:     "Otsu with several levels: try every combination of classes − 1 levels and keep the one that makes the classes most separated (the largest between-class variance). A pixel equal to a level goes to the upper class.",
		Curve:     Curve{Why: "The between-class variance depends on all classes − 1 levels together: a surface, not a curve over one level."},
		Global: func(h *Histogram, p Params) Result {
			// With fewer distinct values than classes scikit-image raises; MultiOtsu's levels are
			// still defined then (see its doc), and the registry has no error channel.
			levels, _ := MultiOtsu(h, int(p["classes"]))
			return Result{Level: float64(levels[0]), Levels: levels}
		},
	},
	// Local methods of OpenCV and scikit-image (adaptive.go, niblack.go).
	{
		ID: "adaptive-mean", Name: "Adaptive mean", Kind: Local, Library: "opencv",
		Reach: halfWindow("blockSize"),
		Params: []Param{
			{Name: "blockSize", Default: 11, Min: 3, Max: 501, Odd: true, Doc: "side of the square window, in pixels"},
			{Name: "C", Default: 2, Min: -255, Max: 255, Doc: "subtracted from the local mean (OpenCV rounds it up, or down for binary-inv)"},
		},
		Reference: "OpenCV 4.6 cv::adaptiveThreshold ADAPTIVE_THRESH_MEAN_C",
		Paper:     "R. C. Gonzalez, R. E. Woods, Digital Image Processing, 4th ed., Pearson, 2018, sec. 10.3.7 (variable thresholding based on local image properties); OpenCV documentation of adaptiveThreshold",
		About:     "Each pixel is compared with the average of the square window around it, less the constant C. Pixels brighter than that local average minus C are foreground, so uneven lighting matters much less than with one global level.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			AdaptiveMean(dst, src, int(p["blockSize"]), p["C"], req.Inverted)
			return LocalResult{}
		},
		Variants: []Variant{
			{Library: "skimage", Reference: "scikit-image 0.19.3 threshold_local(method='mean', offset=C, mode='reflect')",
				About: "Each pixel is compared with the plain average of the square window around it (scipy's uniform_filter, the picture mirrored at its edges), less C. Unlike OpenCV, C is not rounded and the average is not rounded either, so the two libraries differ along the borders and wherever the mean minus C falls between two gray values.",
				Reach: halfWindow("blockSize"),
				Params: []Param{
					{Name: "blockSize", Default: 11, Min: 3, Max: 501, Odd: true, Doc: "side of the square window, in pixels (block_size)"},
					{Name: "C", Default: 2, Min: -255, Max: 255, Doc: "subtracted from the mean of the window (scipy uniform_filter) (scikit-image's offset, not rounded)"},
				},
				Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
					SkimageLocalMean(dst, src, int(p["blockSize"]), p["C"])
					return LocalResult{}
				}},
		},
	},
	{
		ID: "adaptive-gaussian", Name: "Adaptive Gaussian", Kind: Local, Library: "opencv",
		Reach: halfWindow("blockSize"),
		Params: []Param{
			{Name: "blockSize", Default: 11, Min: 3, Max: 501, Odd: true, Doc: "side of the square window, in pixels"},
			{Name: "C", Default: 2, Min: -255, Max: 255, Doc: "subtracted from the local weighted mean (OpenCV rounds it up, or down for binary-inv)"},
		},
		Reference: "OpenCV 4.6 cv::adaptiveThreshold ADAPTIVE_THRESH_GAUSSIAN_C",
		Paper:     "R. C. Gonzalez, R. E. Woods, Digital Image Processing, 4th ed., Pearson, 2018, sec. 10.3.7 (variable thresholding based on local image properties); OpenCV documentation of adaptiveThreshold",
		About:     "Like the adaptive mean, but the local average is weighted by a bell-shaped (Gaussian) curve: close neighbours count more than the corners of the window. The edges of shapes come out smoother.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			AdaptiveGaussian(dst, src, int(p["blockSize"]), p["C"], req.Inverted)
			return LocalResult{}
		},
		Variants: []Variant{
			{Library: "skimage", Reference: "scikit-image 0.19.3 threshold_local(method='gaussian', offset=C, mode='reflect')",
				About: "Each pixel is compared with a Gaussian-weighted average of its neighbourhood, less C: scipy's gaussian_filter with σ = (blockSize − 1)/6, the picture mirrored at its edges. OpenCV uses a kernel of exactly blockSize × blockSize in fixed point; scikit-image's reaches 4σ and stays in floating point, so the results differ at some pixels.",
				Reach: skimageGaussianReach,
				Params: []Param{
					{Name: "blockSize", Default: 11, Min: 3, Max: 501, Odd: true, Doc: "side of the square window, in pixels (block_size)"},
					{Name: "C", Default: 2, Min: -255, Max: 255, Doc: "subtracted from the Gaussian-weighted mean, σ = (blockSize − 1)/6 (scipy gaussian_filter) (scikit-image's offset, not rounded)"},
				},
				Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
					SkimageLocalGaussian(dst, src, int(p["blockSize"]), p["C"])
					return LocalResult{}
				}},
		},
	},
	{
		ID: "niblack", Name: "Niblack", Kind: Local, Library: "skimage",
		Reach: halfWindow("window"),
		Params: []Param{
			{Name: "window", Default: 15, Min: 3, Max: 501, Odd: true, Doc: "side of the square window, in pixels"},
			{Name: "k", Default: 0.2, Min: -2, Max: 2, Doc: "how many standard deviations below the local mean the level sits"},
		},
		Reference: "scikit-image 0.19.3 threshold_niblack",
		Paper:     "W. Niblack, An Introduction to Digital Image Processing, Prentice-Hall, Englewood Cliffs, NJ, 1986, pp. 115–116",
		About:     "The level of each pixel is the mean of its window minus k times the window's standard deviation. Where the window is flat the level sits right at the mean, so the noise of a plain background splits into black and white specks.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			Niblack(dst, src, int(p["window"]), p["k"])
			return LocalResult{}
		},
		Variants: []Variant{
			{Library: "doxa", Reference: doxaRef + " Niblack (T = m + k·σ: Doxa's k carries the sign)",
				About: "The level of each pixel is the mean of its window plus k times the window's standard deviation: Doxa adds k·σ, so its k is usually negative. The window is a square clipped at the picture's edge (no mirrored padding), so pixels near the border see fewer neighbours.",
				Reach: halfWindow("window"),
				Params: []Param{
					doxaWindowParam(75),
					{Name: "k", Default: 0.2, Min: -2, Max: 2, Doc: "added times σ to the local mean: Doxa adds k·σ, so its usual k is negative (its test uses −0.61)"},
				},
				Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
					DoxaNiblack(dst, src, int(p["window"]), p["k"])
					return LocalResult{}
				}},
		},
	},
	{
		ID: "sauvola", Name: "Sauvola", Kind: Local, Library: "skimage",
		Reach: halfWindow("window"),
		Params: []Param{
			{Name: "window", Default: 15, Min: 3, Max: 501, Odd: true, Doc: "side of the square window, in pixels"},
			{Name: "k", Default: 0.2, Min: -2, Max: 2, Doc: "how strongly low contrast pulls the level below the local mean"},
			{Name: "r", Default: 127.5, Min: 1, Max: 1000, Doc: "the largest standard deviation expected (127.5: half the 8-bit range)"},
		},
		Reference: "scikit-image 0.19.3 threshold_sauvola",
		Paper:     "J. Sauvola, M. Pietikäinen, Adaptive document image binarization, Pattern Recognition 33(2), 225–236, 2000",
		About:     "Niblack's rule tuned for documents: the level is the local mean times 1 + k·(σ/r − 1). In flat regions (small σ) the level falls well below the mean, so plain paper stays white; near text (large σ) it rises towards the mean and dark strokes come out black.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			Sauvola(dst, src, int(p["window"]), p["k"], p["r"])
			return LocalResult{}
		},
		Variants: []Variant{
			{Library: "doxa", Reference: doxaRef + " Sauvola (divides σ by 128, windows clipped at the edge)",
				About: "Niblack's rule tuned for documents, as Δoxa computes it: the level is the local mean times 1 + k·(σ/128 − 1), with the window clipped at the picture's edge instead of mirrored. Flat paper (small σ) gets a level well below the mean and stays white; near text (large σ) the level rises and dark strokes come out black.",
				Reach: halfWindow("window"),
				Params: []Param{
					doxaWindowParam(75),
					{Name: "k", Default: 0.2, Min: -2, Max: 2, Doc: "how strongly low contrast pulls the level below the local mean"},
				},
				Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
					DoxaSauvola(dst, src, int(p["window"]), p["k"])
					return LocalResult{}
				}},
		},
	},
	// Fiji's Auto Local Threshold and Wolf–Jolion (fiji.go, wolf.go).
	{
		ID: "bernsen", Name: "Bernsen", Kind: Local, Library: "fiji",
		Reach: fijiReach,
		Params: []Param{
			fijiRadiusParam(),
			{Name: "contrast", Default: 15, Min: 0, Max: 255, Integer: true, Doc: "below this local contrast (max − min) the whole neighbourhood is one class (Fiji's parameter 1)"},
		},
		Reference: fijiRef + ": 'Bernsen' (the plugin built from its source; its outputs in algo/testdata/fiji)",
		Paper:     "J. Bernsen, Dynamic thresholding of grey-level pictures, Proc. 8th Int. Conf. on Pattern Recognition (ICPR), Paris, 1251–1255, 1986",
		About:     "Look at the darkest and brightest pixel of a round neighbourhood. Where they differ enough, the level is halfway between them. Where they do not (a flat region), the whole neighbourhood goes to one side: foreground if that halfway value is bright (128 or more), background otherwise.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			FijiBernsen(dst, src, int(p["radius"]), int(p["contrast"]))
			return LocalResult{}
		},
		Variants: []Variant{
			{Library: "doxa", Reference: doxaRef + " Bernsen (square window clipped at the edge)",
				About: "Look at the darkest and brightest pixel of a square window. Where they differ by more than contrastLimit, the level is halfway between them; in a flat window the level is the fixed threshold instead. The window is clipped at the picture's edge.",
				Reach: halfWindow("window"),
				Params: []Param{
					doxaWindowParam(75),
					{Name: "threshold", Default: 100, Min: 0, Max: 255, Integer: true, Doc: "the level of a flat window (contrast at most contrastLimit)"},
					{Name: "contrastLimit", Default: 25, Min: 0, Max: 255, Integer: true, Doc: "windows with max − min above this get (max + min)/2"},
				},
				Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
					DoxaBernsen(dst, src, int(p["window"]), int(p["threshold"]), int(p["contrastLimit"]))
					return LocalResult{}
				}},
		},
	},
	{
		ID: "local-contrast", Name: "Contrast (Fiji)", Kind: Local, Library: "fiji",
		Reach:     fijiReach,
		Params:    []Param{fijiRadiusParam()},
		Reference: fijiRef + ": 'Contrast' (the plugin built from its source; its outputs in algo/testdata/fiji)",
		Paper:     "G. Landini, Auto Local Threshold (Fiji), 2013, after the toggle contrast enhancement of P. Soille, Morphological Image Analysis, 2nd ed., Springer, 2004, p. 259",
		About:     "Each pixel goes to whichever extreme of its round neighbourhood it is closer to: foreground if it is at least as close to the local maximum as to the local minimum (pure black always stays background).",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			FijiContrast(dst, src, int(p["radius"]))
			return LocalResult{}
		},
	},
	{
		ID: "local-mean", Name: "Mean (Fiji)", Kind: Local, Library: "fiji",
		Reach:     fijiReach,
		Params:    []Param{fijiRadiusParam(), fijiOffsetParam("mean")},
		Reference: fijiRef + ": 'Mean' (the plugin built from its source; its outputs in algo/testdata/fiji)",
		Paper:     "R. Fisher, S. Perkins, A. Walker, E. Wolfart, Hypermedia Image Processing Reference (HIPR2), Adaptive thresholding, 2003",
		About:     "Like the adaptive mean, but over a round neighbourhood: a pixel is foreground when it is brighter than the average of its neighbourhood minus c.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			FijiMean(dst, src, int(p["radius"]), int(p["c"]))
			return LocalResult{}
		},
	},
	{
		ID: "local-median", Name: "Median (Fiji)", Kind: Local, Library: "fiji",
		Reach:     fijiReach,
		Params:    []Param{fijiRadiusParam(), fijiOffsetParam("median")},
		Reference: fijiRef + ": 'Median' (the plugin built from its source; its outputs in algo/testdata/fiji)",
		Paper:     "R. Fisher, S. Perkins, A. Walker, E. Wolfart, Hypermedia Image Processing Reference (HIPR2), Adaptive thresholding, 2003",
		About:     "A pixel is foreground when it is brighter than the median of its round neighbourhood minus c. The median ignores a few extreme pixels, so thin bright lines do not pull the level up.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			FijiMedian(dst, src, int(p["radius"]), int(p["c"]))
			return LocalResult{}
		},
	},
	{
		ID: "local-midgrey", Name: "MidGrey (Fiji)", Kind: Local, Library: "fiji",
		Reach:     fijiReach,
		Params:    []Param{fijiRadiusParam(), fijiOffsetParam("mid-grey")},
		Reference: fijiRef + ": 'MidGrey' (the plugin built from its source; its outputs in algo/testdata/fiji)",
		Paper:     "R. Fisher, S. Perkins, A. Walker, E. Wolfart, Hypermedia Image Processing Reference (HIPR2), Adaptive thresholding, 2003",
		About:     "The level is halfway between the darkest and the brightest pixel of the round neighbourhood, minus c.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			FijiMidGrey(dst, src, int(p["radius"]), int(p["c"]))
			return LocalResult{}
		},
	},
	{
		ID: "phansalkar", Name: "Phansalkar", Kind: Local, Library: "fiji",
		Params: []Param{
			fijiRadiusParam(),
			{Name: "k", Default: 0.25, Min: -1, Max: 1, Doc: "weight of the local standard deviation (Fiji's parameter 1)"},
			{Name: "r", Default: 0.5, Min: 0.01, Max: 1, Doc: "dynamic range of the standard deviation, on values scaled to 0..1 (Fiji's parameter 2)"},
			{Name: "p", Default: 2, Min: 0, Max: 10, Doc: "height of the boost given to dark neighbourhoods (fixed at 2 in Fiji)"},
			{Name: "q", Default: 10, Min: 0, Max: 100, Doc: "how fast that boost fades as the local mean rises (fixed at 10 in Fiji)"},
		},
		Reference: fijiRef + ": 'Phansalkar' (the plugin built from its source; its outputs in algo/testdata/fiji)",
		Paper:     "N. Phansalkar, S. More, A. Sabale, M. Joshi, Adaptive local thresholding for detection of nuclei in diversity stained cytology images, Int. Conf. on Communications and Signal Processing (ICCSP), 218–220, 2011",
		About:     "Sauvola's rule with an extra term for dark, low-contrast images. The image is first stretched to the full range and scaled to 0..1; then the level is m·(1 + p·e^(−q·m) + k·(σ/r − 1)) with m and σ the mean and standard deviation of the round neighbourhood.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			FijiPhansalkar(dst, src, int(p["radius"]), p["k"], p["r"], p["p"], p["q"])
			return LocalResult{}
		},
		Whole: true, // the stretch to the whole picture's darkest and brightest values
	},
	{
		ID: "wolf", Name: "Wolf–Jolion", Kind: Local, Library: "paper",
		Params: []Param{
			{Name: "window", Default: 41, Min: 1, Max: 501, Odd: true, Doc: "side of the square window, in pixels (the authors' program uses 40)"},
			{Name: "k", Default: 0.5, Min: 0, Max: 2, Doc: "how far the level moves from the local mean towards the image's darkest value"},
		},
		Reference: "Wolf & Jolion 2004 (definition; square window, BORDER_REFLECT_101; no library installed here)",
		Paper:     "C. Wolf, J.-M. Jolion, Extraction and recognition of artificial text in multimedia documents, Pattern Analysis and Applications 6(4), 309–326, 2004",
		About:     "Sauvola's rule made relative to the image: the level is (1−k)·m + k·M + k·(σ/R)·(m − M), with m and σ the mean and standard deviation of the window, M the darkest pixel of the whole image and R the largest σ of any window. Pixels at or above the level are foreground (light paper, dark text: the text is background).",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			Wolf(dst, src, int(p["window"]), p["k"])
			return LocalResult{}
		},
		Whole: true, // M, the darkest pixel, and R, the largest σ of any window
		Variants: []Variant{
			{Library: "doxa", Reference: doxaRef + " Wolf (M the darkest pixel of the picture, windows clipped at the edge)", Whole: true,
				About: "Sauvola's rule made relative to the picture: the level is (1−k)·m + k·M + k·(σ/R)·(m − M), with m and σ the mean and standard deviation of the window (clipped at the picture's edge), M the darkest pixel of the picture and R the largest σ of any window.",
				Params: []Param{
					doxaWindowParam(75),
					{Name: "k", Default: 0.2, Min: -2, Max: 2, Doc: "how far the level moves from the local mean towards the picture's darkest value"},
				},
				Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
					DoxaWolf(dst, src, int(p["window"]), p["k"])
					return LocalResult{}
				}},
		},
	},
	// Gonzalez & Woods' improvements on global Otsu (improved.go).
	{
		ID: "edge-otsu", Name: "Edge-guided Otsu", Kind: Local, Library: "gw", Overlay: true,
		Params: []Param{
			{Name: "edge", Default: 0, Min: 0, Max: 1, Integer: true, Doc: "edge measure: 0 = gradient magnitude (Sobel), 1 = absolute Laplacian"},
			{Name: "percentile", Default: 99.7, Min: 0, Max: 100, Doc: "keep the pixels whose edge value is above this percentile (the book: 99.7 for the gradient, 99.5 for the Laplacian)"},
		},
		Reference: "Gonzalez & Woods 4th ed. sec. 10.3.5 (definition; Otsu as OpenCV 4.6 THRESH_OTSU)",
		Paper:     gwBook + ", sec. 10.3.5 (using edges to improve global thresholding); N. Otsu, A threshold selection method from gray-level histograms, IEEE Trans. SMC 9(1), 62–66, 1979",
		About:     "When the objects are small, their pixels barely show in the histogram and Otsu misses them. So first find the strongest edges (the top few tenths of a percent of the gradient or Laplacian), and run Otsu only on the pixels there: they sit on both sides of every boundary, in roughly equal numbers, so their histogram has two clear peaks. The overlay shows the pixels used.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			level := EdgeOtsu(src, p["edge"] == 1, p["percentile"], req.Overlay)
			fillLevel(dst, level)
			return LocalResult{Single: true, Level: level}
		},
		Whole: true, // one level from the edges of the whole picture
	},
	{
		ID: "partition-otsu", Name: "Partition Otsu", Kind: Local, Library: "gw", Overlay: true,
		Params: []Param{
			{Name: "rows", Default: 2, Min: 1, Max: 64, Integer: true, Doc: "rows of the grid of tiles"},
			{Name: "cols", Default: 3, Min: 1, Max: 64, Integer: true, Doc: "columns of the grid of tiles"},
		},
		Reference: "Gonzalez & Woods 4th ed. sec. 10.3.6 (definition; Otsu as OpenCV 4.6 THRESH_OTSU)",
		Paper:     gwBook + ", sec. 10.3.6 (variable thresholding based on image partitioning); N. Otsu, IEEE Trans. SMC 9(1), 62–66, 1979",
		About:     "Cut the image into a grid of tiles (the book uses 2 × 3) and run Otsu in each tile separately. Under uneven lighting each tile is nearly evenly lit, so its own level fits it. A tile with only background (or only objects) still gets split in two, which is this method's weakness. The overlay shows the tiles.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			PartitionOtsu(dst, src, int(p["rows"]), int(p["cols"]))
			if req.Overlay != nil {
				PartitionGrid(req.Overlay, int(p["rows"]), int(p["cols"]))
			}
			return LocalResult{}
		},
		Whole: true, // tiles laid over the whole picture, an Otsu level each
	},
	{
		ID: "local-stats", Name: "Local statistics", Kind: Local, Library: "gw",
		Params: []Param{
			{Name: "window", Default: 3, Min: 1, Max: 501, Odd: true, Doc: "side of the square neighbourhood, in pixels (the book: 3)"},
			{Name: "a", Default: 30, Min: 0, Max: 255, Doc: "foreground must be brighter than a·σ, σ the local standard deviation (the book: 30)"},
			{Name: "b", Default: 1.5, Min: 0, Max: 255, Doc: "foreground must be brighter than b·mean (the book: 1.5)"},
			{Name: "globalMean", Default: 1, Min: 0, Max: 1, Integer: true, Doc: "1: the mean is the whole image's (as in the book's example); 0: the local mean"},
		},
		Reference: "Gonzalez & Woods 4th ed. sec. 10.3.7 (definition; BORDER_REFLECT_101)",
		Paper:     gwBook + ", sec. 10.3.7 (variable thresholding based on local image properties)",
		About:     "A pixel is foreground when it is brighter than a times the standard deviation of its small neighbourhood and also brighter than b times the mean (of the whole image, or of the neighbourhood). The first test needs local contrast, the second enough brightness: together they pick out bright objects whose background brightness varies.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult {
			LocalStats(dst, src, int(p["window"]), p["a"], p["b"], p["globalMean"] == 1)
			return LocalResult{}
		},
		Whole: true, // globalMean (the default) is the whole picture's mean
	},
	// Document binarization as the Δoxa framework computes it (doxa_*.go, adotsu*.go, bataineh.go).
	// Doxa's windows are squares of side window, clipped at the picture's edge (no padding).
	{
		ID: "nick", Name: "NICK", Kind: Local, Library: "doxa",
		Reach: halfWindow("window"),
		Params: []Param{
			doxaWindowParam(75),
			{Name: "k", Default: -0.2, Min: -2, Max: 2, Doc: "weight of sqrt(σ² + m²): negative (the paper: −0.1 … −0.2) puts the level below the mean"},
		},
		Reference: doxaRef + " Nick",
		Paper:     "K. Khurshid, I. Siddiqi, C. Faure, N. Vincent, Comparison of Niblack inspired binarization methods for ancient documents, Proc. SPIE 7247, Document Recognition and Retrieval XVI, 2009",
		About:     "Niblack's level moved by the local mean as well as the spread: T = m + k·sqrt(σ² + m²). On bright, flat paper the square root is large, so the level drops well below the mean and the paper's noise stays white.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
			Nick(dst, src, int(p["window"]), p["k"])
			return LocalResult{}
		},
	},
	{
		ID: "trsingh", Name: "T. R. Singh", Kind: Local, Library: "doxa",
		Reach: halfWindow("window"),
		Params: []Param{
			doxaWindowParam(75),
			{Name: "k", Default: 0.2, Min: -2, Max: 2, Doc: "how far pixels near the local mean are pushed below it"},
		},
		Reference: doxaRef + " TRSingh",
		Paper:     "T. Romen Singh, S. Roy, O. Imocha Singh, T. Sinam, Kh. Manglem Singh, A new local adaptive thresholding technique in binarization, International Journal of Computer Science Issues 8(6), 271–277, 2011",
		About:     "Only the local mean, no deviation: T = m·(1 + k·(d/(255 − d) − 1)) with d the pixel's distance from the mean. As fast as a box filter.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
			TRSingh(dst, src, int(p["window"]), p["k"])
			return LocalResult{}
		},
	},
	{
		ID: "wan", Name: "WAN", Kind: Local, Library: "doxa",
		Reach: halfWindow("window"),
		Params: []Param{
			doxaWindowParam(75),
			{Name: "k", Default: 0.2, Min: -2, Max: 2, Doc: "as Sauvola's k"},
		},
		Reference: doxaRef + " Wan",
		Paper:     "W. A. Mustafa, M. M. M. Abdul Kader, Binarization of document image using optimum threshold modification, Journal of Physics: Conference Series 1019, 012022, 2018",
		About:     "Sauvola's rule with the mean raised halfway to the window's brightest pixel: T = ((max + m)/2)·(1 + k·(σ/128 − 1)). Faint strokes next to bright paper come out darker than with Sauvola.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
			Wan(dst, src, int(p["window"]), p["k"])
			return LocalResult{}
		},
	},
	{
		ID: "isauvola", Name: "ISauvola", Kind: Local, Library: "doxa", Picture: true, Whole: true,
		Params: []Param{
			doxaWindowParam(75),
			{Name: "k", Default: 0.2, Min: -2, Max: 2, Doc: "its Sauvola's k"},
		},
		Reference: doxaRef + " ISauvola",
		Paper:     "Z. Hadjadj, A. Meziane, Y. Cherfa, M. Cheriet, I. Setitra, ISauvola: Improved Sauvola's algorithm for document image binarization, ICIAR 2016, LNCS 9730, Springer, 2016",
		About:     "Sauvola proposes the text; a contrast picture confirms it. Only the connected regions of Sauvola's black pixels that touch a high-contrast pixel stay black, so specks of noise far from any edge disappear. The result is a picture, not one level per pixel.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
			ISauvola(dst, src, int(p["window"]), p["k"])
			return LocalResult{}
		},
	},
	{
		ID: "su", Name: "Su", Kind: Local, Library: "doxa", Whole: true,
		Params: []Param{
			{Name: "window", Default: 0, Min: 0, Max: 1001, Integer: true, Doc: "side of the square window; 0 (default): detected (Doxa's detection is a fixed 9, which also sets minN to 9)"},
			{Name: "minN", Default: -1, Min: -1, Max: 1000000, Integer: true, Doc: "the fewest high-contrast pixels a window needs for its pixel to be text; −1 (default): the window's side"},
		},
		Reference: doxaRef + " Su",
		Paper:     "B. Su, S. Lu, C. L. Tan, Binarization of historical document images using the local maximum and minimum, Proc. 9th IAPR Int. Workshop on Document Analysis Systems (DAS), 159–166, 2010",
		About:     "First find the high-contrast pixels (the local maximum and minimum differ a lot: stroke edges). A pixel is text when its window holds enough of them and it is no brighter than their mean gray value.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
			w, n := int(p["window"]), int(p["minN"])
			if n < 0 {
				n = w // Doxa's default: minN is the window's side
			}
			Su(dst, src, w, n)
			return LocalResult{}
		},
	},
	{
		ID: "gatos", Name: "Gatos", Kind: Local, Library: "doxa", Picture: true, Whole: true,
		Params: []Param{
			{Name: "glyph", Default: 60, Min: 0, Max: 1000, Integer: true, Doc: "the background is estimated over a (2·glyph + 1)-square around each text pixel"},
			doxaWindowParam(75),
			{Name: "k", Default: 0.2, Min: -2, Max: 2, Doc: "its Sauvola step's k"},
		},
		Reference: doxaRef + " Gatos",
		Paper:     "B. Gatos, I. Pratikakis, S. J. Perantonis, Adaptive degraded document image binarization, Pattern Recognition 39(3), 317–327, 2006",
		About:     "Smooth the page (Wiener filter), take a first guess with Sauvola, estimate the paper behind the text from the pixels around it, and call a pixel text where it is darker than that background by more than a margin that adapts to the background's brightness. The result is a picture.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
			Gatos(dst, src, int(p["glyph"]), int(p["window"]), p["k"])
			return LocalResult{}
		},
	},
	{
		ID: "adotsu", Name: "AdOtsu", Kind: Local, Library: "doxa",
		Params: []Param{
			doxaWindowParam(75),
			{Name: "k", Default: 1, Min: 0, Max: 2, Doc: "scales the local Otsu level"},
			{Name: "R", Default: 0.1, Min: 0.001, Max: 10, Doc: "the unit step's scale: a pixel stays white where |G − T|/R ≥ 255, G the global Otsu level"},
			{Name: "distance", Default: -1, Min: -1, Max: 4096, Integer: true, Doc: "spacing of the grid of local levels, interpolated between nodes; −1 (default): window/2; 0 or 1: a local Otsu at every pixel"},
		},
		Reference: doxaRef + " AdOtsu (with GridCalc)",
		Paper:     "R. F. Moghaddam, M. Cheriet, A multi-scale framework for adaptive binarization of degraded document images, Pattern Recognition 43(6), 2186–2198, 2010",
		About:     "Otsu in a window around each pixel (or at the nodes of a grid, filled in between), scaled by k. Where the local level is far from the global Otsu level the pixel stays white, so a window of plain paper does not invent text.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
			AdOtsu(dst, src, int(p["window"]), p["k"], p["R"], int(p["distance"]))
			return LocalResult{}
		},
		Whole: true, // the global Otsu level
	},
	{
		ID: "adotsu-ms", Name: "AdOtsu multi-scale", Kind: Local, Library: "doxa", Picture: true, Whole: true,
		Params: []Param{
			doxaWindowParam(75),
			{Name: "k", Default: 1, Min: 0, Max: 2, Doc: "scales the local Otsu level of the first scale; halved at each smaller scale"},
			{Name: "R", Default: 0.1, Min: 0.001, Max: 10, Doc: "the unit step's scale, passed to every AdOtsu"},
			{Name: "distance", Default: -1, Min: -1, Max: 4096, Integer: true, Doc: "grid spacing of every AdOtsu; −1 (default): each scale's window/2"},
		},
		Reference: doxaRef + " AdOtsuMS",
		Paper:     "R. F. Moghaddam, M. Cheriet, AdOtsu: An adaptive and parameterless generalization of Otsu's method for document image binarization, Pattern Recognition 45(6), 2419–2431, 2012",
		About:     "AdOtsu at the window size, then at half, a quarter … of it: a pixel is black only where the coarser scale, eroded, and the finer scale agree. The result is a picture, not one level per pixel.",
		Local: func(dst *LevelMap, src *image.Gray, p Params, _ LocalRequest) LocalResult {
			AdOtsuMS(dst, src, int(p["window"]), p["k"], p["R"], int(p["distance"]))
			return LocalResult{}
		},
	},
	{
		ID: "bataineh", Name: "Bataineh", Kind: Local, Library: "doxa", Whole: true,
		Reference: doxaRef + " Bataineh",
		Paper:     "B. Bataineh, S. N. H. S. Abdullah, K. Omar, An adaptive local binarization method for document images based on a novel thresholding method and dynamic windows, Pattern Recognition Letters 32(14), 1805–1813, 2011",
		About:     "No parameters: the global mean, spread and brightest value choose the window size, windows with more uncertain than dark pixels are split in four, and each window's level comes from its own mean and spread set against the whole page's.",
		Local: func(dst *LevelMap, src *image.Gray, _ Params, _ LocalRequest) LocalResult {
			Bataineh(dst, src)
			return LocalResult{}
		},
	},
}

// doxaRef names the Δoxa framework's version that the doxa rows are exact to.
const doxaRef = "Δoxa Binarization Framework 0bf9953 (B. M. Petty)"

// doxaWindowParam is Doxa's window: the side of a square, clipped at the picture's edge.
func doxaWindowParam(def float64) Param {
	return Param{Name: "window", Default: def, Min: 3, Max: 1001, Odd: true,
		Doc: "side of the square window, in pixels (clipped at the picture's edge)"}
}
