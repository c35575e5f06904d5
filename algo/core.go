package algo

// coreMethods are the methods of the walking skeleton: the manual level and the three automatic
// global methods of Gonzalez & Woods' chapter.
var coreMethods = []Method{
	{
		ID: "manual", Name: "Manual", Kind: Global,
		Params: []Param{
			{Name: "level", Default: 128, Min: 0, Max: 255, Doc: "the last background value: v > level is foreground"},
		},
		Reference: "OpenCV 4.6 cv::threshold with a fixed thresh",
		Paper:     "",
		About:     "You choose the level. Every pixel brighter than it is foreground.",
		Global: func(_ *Histogram, p Params) Result {
			return Result{Level: p["level"]}
		},
	},
	{
		ID: "iterative", Name: "Basic iterative", Kind: Global,
		Params: []Param{
			{Name: "delta", Default: DefaultIterativeDelta, Min: 1e-6, Max: 255, Doc: "stop when T moves by less than this"},
		},
		Reference: "Gonzalez & Woods 4th ed. 10.3.2, in float64 (T within 1e-9 of the oracle)",
		Paper:     "T. W. Ridler, S. Calvard, Picture thresholding using an iterative selection method, IEEE Trans. SMC 8(8), 1978; Gonzalez & Woods, Digital Image Processing, sec. 10.3.2",
		About:     "Start at the mean. Split the histogram at T, average the two class means, and repeat until T stops moving.",
		Global: func(h *Histogram, p Params) Result {
			t, trace := Iterative(h, p["delta"])
			return Result{Level: t, Trace: trace}
		},
	},
	{
		ID: "otsu", Name: "Otsu", Kind: Global,
		Reference: "OpenCV 4.6 cv::threshold THRESH_OTSU",
		Paper:     "N. Otsu, A threshold selection method from gray-level histograms, IEEE Trans. SMC 9(1), 62–66, 1979",
		About:     "Try every level and keep the one that makes the two classes most separated: the largest between-class variance.",
		Global: func(h *Histogram, _ Params) Result {
			return Result{Level: float64(Otsu(h))}
		},
		Criterion: OtsuCriterion,
	},
	{
		ID: "max-entropy", Name: "Max entropy (Kapur)", Kind: Global,
		Params: []Param{
			{Name: "offset", Default: 0, Min: -255, Max: 255, Integer: true, Doc: "added to the level found (the seed article uses 30), clamped to 0..255"},
		},
		Reference: "ImageJ 1.53t AutoThresholder MaxEntropy",
		Paper:     "J. N. Kapur, P. K. Sahoo, A. K. C. Wong, A new method for gray-level picture thresholding using the entropy of the histogram, CVGIP 29(3), 273–285, 1985",
		About:     "Treat background and objects as two probability distributions and pick the level where their entropies add up to the most.",
		Global: func(h *Histogram, p Params) Result {
			t := MaxEntropy(h) + int(p["offset"])
			return Result{Level: float64(min(max(t, 0), 255))}
		},
		Criterion: MaxEntropyCriterion,
	},
}
