package algo

import "image"

// localMethods are the methods that threshold each pixel against its own neighbourhood. Other
// families of local methods append to this slice from their own files.
var localMethods = []Method{
	{
		ID: "adaptive-mean", Name: "Adaptive mean", Kind: Local,
		Params: []Param{
			{Name: "blockSize", Default: 11, Min: 3, Max: 501, Odd: true, Doc: "side of the square window, in pixels"},
			{Name: "C", Default: 2, Min: -255, Max: 255, Doc: "subtracted from the local mean (OpenCV rounds it up, or down for binary-inv)"},
		},
		Reference: "OpenCV 4.6 cv::adaptiveThreshold ADAPTIVE_THRESH_MEAN_C",
		Paper:     "R. C. Gonzalez, R. E. Woods, Digital Image Processing, 4th ed., Pearson, 2018, sec. 10.3.7 (variable thresholding based on local image properties); OpenCV documentation of adaptiveThreshold",
		About:     "Each pixel is compared with the average of the square window around it, less the constant C. Pixels brighter than that local average minus C are foreground, so uneven lighting matters much less than with one global level.",
		Local: func(dst *LevelMap, src *image.Gray, p Params) {
			AdaptiveMean(dst, src, int(p["blockSize"]), p["C"], p["inverted"] == 1)
		},
	},
	{
		ID: "adaptive-gaussian", Name: "Adaptive Gaussian", Kind: Local,
		Params: []Param{
			{Name: "blockSize", Default: 11, Min: 3, Max: 501, Odd: true, Doc: "side of the square window, in pixels"},
			{Name: "C", Default: 2, Min: -255, Max: 255, Doc: "subtracted from the local weighted mean (OpenCV rounds it up, or down for binary-inv)"},
		},
		Reference: "OpenCV 4.6 cv::adaptiveThreshold ADAPTIVE_THRESH_GAUSSIAN_C",
		Paper:     "R. C. Gonzalez, R. E. Woods, Digital Image Processing, 4th ed., Pearson, 2018, sec. 10.3.7 (variable thresholding based on local image properties); OpenCV documentation of adaptiveThreshold",
		About:     "Like the adaptive mean, but the local average is weighted by a bell-shaped (Gaussian) curve: close neighbours count more than the corners of the window. The edges of shapes come out smoother.",
		Local: func(dst *LevelMap, src *image.Gray, p Params) {
			AdaptiveGaussian(dst, src, int(p["blockSize"]), p["C"], p["inverted"] == 1)
		},
	},
	{
		ID: "niblack", Name: "Niblack", Kind: Local,
		Params: []Param{
			{Name: "window", Default: 15, Min: 3, Max: 501, Odd: true, Doc: "side of the square window, in pixels"},
			{Name: "k", Default: 0.2, Min: -2, Max: 2, Doc: "how many standard deviations below the local mean the level sits"},
		},
		Reference: "scikit-image 0.19.3 threshold_niblack",
		Paper:     "W. Niblack, An Introduction to Digital Image Processing, Prentice-Hall, Englewood Cliffs, NJ, 1986, pp. 115–116",
		About:     "The level of each pixel is the mean of its window minus k times the window's standard deviation. Where the window is flat the level sits right at the mean, so the noise of a plain background splits into black and white specks.",
		Local: func(dst *LevelMap, src *image.Gray, p Params) {
			Niblack(dst, src, int(p["window"]), p["k"])
		},
	},
	{
		ID: "sauvola", Name: "Sauvola", Kind: Local,
		Params: []Param{
			{Name: "window", Default: 15, Min: 3, Max: 501, Odd: true, Doc: "side of the square window, in pixels"},
			{Name: "k", Default: 0.2, Min: -2, Max: 2, Doc: "how strongly low contrast pulls the level below the local mean"},
			{Name: "r", Default: 127.5, Min: 1, Max: 1000, Doc: "the largest standard deviation expected (127.5: half the 8-bit range)"},
		},
		Reference: "scikit-image 0.19.3 threshold_sauvola",
		Paper:     "J. Sauvola, M. Pietikäinen, Adaptive document image binarization, Pattern Recognition 33(2), 225–236, 2000",
		About:     "Niblack's rule tuned for documents: the level is the local mean times 1 + k·(σ/r − 1). In flat regions (small σ) the level falls well below the mean, so plain paper stays white; near text (large σ) it rises towards the mean and dark strokes come out black.",
		Local: func(dst *LevelMap, src *image.Gray, p Params) {
			Sauvola(dst, src, int(p["window"]), p["k"], p["r"])
		},
	},
}
