package algo

// opencvMethods are the global methods limen takes from OpenCV 4.6 and scikit-image 0.19.3 beyond
// Otsu: the triangle method and multi-level Otsu.
var opencvMethods = []Method{
	{
		ID: "triangle", Name: "Triangle", Kind: Global,
		Reference: "OpenCV 4.6 cv::threshold THRESH_TRIANGLE",
		Paper:     "G. W. Zack, W. E. Rogers, S. A. Latt, Automatic measurement of sister chromatid exchange frequency, Journal of Histochemistry & Cytochemistry 25(7), 741–753, 1977",
		About:     "Draw a line from the histogram's peak to the far end of its longer tail, and cut where the histogram sags farthest below that line. Suited to one large peak with a long, faint tail of objects.",
		Global: func(h *Histogram, _ Params) Result {
			return Result{Level: float64(Triangle(h))}
		},
		Criterion: TriangleCriterion,
	},
	{
		ID: "multi-otsu", Name: "Multi-Otsu", Kind: Global,
		Params: []Param{
			{Name: "classes", Default: 3, Min: MultiOtsuMinClasses, Max: MultiOtsuMaxClasses, Integer: true, Doc: "the number of classes: classes − 1 levels"},
		},
		Reference: "scikit-image 0.19.3 threshold_multiotsu",
		Paper:     "P.-S. Liao, T.-S. Chen, P.-C. Chung, A fast algorithm for multilevel thresholding, Journal of Information Science and Engineering 17(5), 713–727, 2001",
		About:     "Otsu with several levels: try every combination of classes − 1 levels and keep the one that makes the classes most separated (the largest between-class variance). A pixel equal to a level goes to the upper class.",
		Global: func(h *Histogram, p Params) Result {
			// With fewer distinct values than classes scikit-image raises; MultiOtsu's levels are
			// still defined then (see its doc), and the registry has no error channel.
			levels, _ := MultiOtsu(h, int(p["classes"]))
			return Result{Level: float64(levels[0]), Levels: levels}
		},
	},
}
