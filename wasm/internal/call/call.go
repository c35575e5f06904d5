// Package call writes "the call": for a view of the page (a state.State), the code that gives the
// same picture in the library whose convention the method follows — OpenCV or scikit-image in
// Python, an ImageJ macro (with Fiji's Auto Local Threshold for Fiji's methods), or Δoxa in C++ —
// for a student to take into their own work. It has no syscall/js, so it is tested natively.
//
// The calls are one table (rows), one row per method × library; the reading, the gray conversion
// and the output type around the call are each library's, written once (see Code). What a call
// cannot reproduce (limen's seeded noise, ignore black/white, a type the library lacks) is said in
// comments at the top of the code, never left out silently.
package call

import (
	"strconv"
	"strings"

	"limen/algo"
	"limen/wasm/internal/state"
)

// Snippet is the code for one view in one library.
type Snippet struct {
	Library string // the reference followed: opencv, skimage, imagej, fiji, doxa, or gw/paper (none)
	Lang    string // "Python", "ImageJ macro", "C++"; "" when no library computes the method
	Code    string // ready to copy; for a method no library has, a sentence that says so
}

// row is how one library calls one method. In code, {name} is the value of the method's parameter
// name; {maxval} and {type} are the output's (OpenCV's rows: the type's flag); for Δoxa rows
// {params} is the parameter list.
//
// What a row leaves behind depends on its library: OpenCV's rows and scikit-image's multi-otsu
// make `result`; scikit-image's other rows a level `t` (a number, or one per pixel); ImageJ's
// global rows a `level`; Fiji's rows the binary picture (255 where v > level); Δoxa's rows the
// binary picture, text 0 (Doxa's ToBinaryImage).
type row struct {
	method, library, code string
}

// rows is every method × library that a library computes. limen's rows are exact to these calls
// (algo/testdata holds the libraries' outputs the tests compare with); the methods of the book
// (gw) and of a paper without a library (paper) have none.
var rows = []row{
	// The level is the reader's: OpenCV would return ⌊level⌋ (it thresholds 8-bit pictures there,
	// the same pixels), not the level the page shows.
	{"manual", "opencv", "_, result = cv2.threshold(gray, {level}, {maxval}, {type})"},
	{"otsu", "opencv", "level, result = cv2.threshold(gray, 0, {maxval}, {type} + cv2.THRESH_OTSU)"},
	{"otsu", "skimage", "t = filters.threshold_otsu(gray)"},
	{"otsu", "imagej", `setAutoThreshold("Otsu");`},
	{"otsu", "doxa", "Otsu::ToBinaryImage(gray)"},
	{"triangle", "opencv", "level, result = cv2.threshold(gray, 0, {maxval}, {type} + cv2.THRESH_TRIANGLE)"},
	{"triangle", "skimage", "t = filters.threshold_triangle(gray)"},
	{"triangle", "imagej", `setAutoThreshold("Triangle");`},
	{"max-entropy", "imagej", "setAutoThreshold(\"MaxEntropy\");\ngetThreshold(lower, level);\nlevel = minOf(maxOf(level + {offset}, 0), 255); // limen's offset"},
	{"default", "imagej", `setAutoThreshold("Default");`},
	{"huang", "imagej", `setAutoThreshold("Huang");`},
	{"intermodes", "imagej", `setAutoThreshold("Intermodes");`},
	{"isodata", "imagej", `setAutoThreshold("IsoData");`},
	{"isodata", "skimage", "t = filters.threshold_isodata(gray)"},
	{"ij-isodata", "imagej", `setAutoThreshold("IJ_IsoData");`},
	{"li", "imagej", `setAutoThreshold("Li");`},
	{"li", "skimage", "t = filters.threshold_li(gray)"},
	{"mean", "imagej", `setAutoThreshold("Mean");`},
	{"mean", "skimage", "t = filters.threshold_mean(gray)"},
	{"min-error", "imagej", `setAutoThreshold("MinError");`},
	{"minimum", "imagej", `setAutoThreshold("Minimum");`},
	{"minimum", "skimage", "t = filters.threshold_minimum(gray)"},
	{"moments", "imagej", `setAutoThreshold("Moments");`},
	{"percentile", "imagej", `setAutoThreshold("Percentile");`},
	{"renyi-entropy", "imagej", `setAutoThreshold("RenyiEntropy");`},
	{"shanbhag", "imagej", `setAutoThreshold("Shanbhag");`},
	{"yen", "imagej", `setAutoThreshold("Yen");`},
	{"yen", "skimage", "t = filters.threshold_yen(gray)"},
	{"multi-otsu", "skimage", "levels = filters.threshold_multiotsu(gray, classes={classes})\n" +
		"# a pixel equal to a level goes to the upper class; the classes spread over 0..255\n" +
		"result = np.floor(np.digitize(gray, bins=levels) * 255 / ({classes} - 1) + 0.5).astype(np.uint8)"},
	{"adaptive-mean", "opencv", "result = cv2.adaptiveThreshold(gray, {maxval}, cv2.ADAPTIVE_THRESH_MEAN_C, {type}, {blockSize}, {C})"},
	{"adaptive-mean", "skimage", `t = filters.threshold_local(gray, {blockSize}, method="mean", offset={C}, mode="reflect")`},
	{"adaptive-gaussian", "opencv", "result = cv2.adaptiveThreshold(gray, {maxval}, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, {type}, {blockSize}, {C})"},
	{"adaptive-gaussian", "skimage", `t = filters.threshold_local(gray, {blockSize}, method="gaussian", offset={C}, mode="reflect")`},
	{"niblack", "skimage", "t = filters.threshold_niblack(gray, window_size={window}, k={k})"},
	{"niblack", "doxa", "Niblack::ToBinaryImage(gray, {params})"},
	{"sauvola", "skimage", "t = filters.threshold_sauvola(gray, window_size={window}, k={k}, r={r})"},
	{"sauvola", "doxa", "Sauvola::ToBinaryImage(gray, {params})"},
	{"bernsen", "fiji", `run("Auto Local Threshold", "method=Bernsen radius={radius} parameter_1={contrast} parameter_2=0 white");`},
	{"bernsen", "doxa", "Bernsen::ToBinaryImage(gray, {params})"},
	{"local-contrast", "fiji", `run("Auto Local Threshold", "method=Contrast radius={radius} parameter_1=0 parameter_2=0 white");`},
	{"local-mean", "fiji", `run("Auto Local Threshold", "method=Mean radius={radius} parameter_1={c} parameter_2=0 white");`},
	{"local-median", "fiji", `run("Auto Local Threshold", "method=Median radius={radius} parameter_1={c} parameter_2=0 white");`},
	{"local-midgrey", "fiji", `run("Auto Local Threshold", "method=MidGrey radius={radius} parameter_1={c} parameter_2=0 white");`},
	{"phansalkar", "fiji", `run("Auto Local Threshold", "method=Phansalkar radius={radius} parameter_1={k} parameter_2={r} white");`},
	{"wolf", "doxa", "Wolf::ToBinaryImage(gray, {params})"},
	{"nick", "doxa", "Nick::ToBinaryImage(gray, {params})"},
	{"trsingh", "doxa", "TRSingh::ToBinaryImage(gray, {params})"},
	{"wan", "doxa", "Wan::ToBinaryImage(gray, {params})"},
	{"isauvola", "doxa", "ISauvola::ToBinaryImage(gray, {params})"},
	{"su", "doxa", "Su::ToBinaryImage(gray, {params})"},
	{"gatos", "doxa", "Gatos::ToBinaryImage(gray, {params})"},
	{"adotsu", "doxa", "AdOtsu::ToBinaryImage(gray, {params})"},
	{"adotsu-ms", "doxa", "AdOtsuMS::ToBinaryImage(gray, {params})"},
	{"bataineh", "doxa", "Bataineh::ToBinaryImage(gray)"},
}

// fixed are the parameters a library does not take, method/name: the default is the library's
// constant, and another value is not reproduced.
var fixed = map[string]bool{"phansalkar/p": true, "phansalkar/q": true}

// doxaNames are Δoxa's parameter names where they differ from limen's.
var doxaNames = map[string]string{"contrastLimit": "contrast-limit"}

// opencvTypes are OpenCV's flags for limen's types, in algo.TypeNames' order.
var opencvTypes = []string{"cv2.THRESH_BINARY", "cv2.THRESH_BINARY_INV", "cv2.THRESH_TRUNC", "cv2.THRESH_TOZERO", "cv2.THRESH_TOZERO_INV"}

// numpyTypes write limen's types from a level t (a number or one per pixel), in algo.TypeNames'
// order: v > t is foreground; trunc writes ⌊t⌋ (at least 0) as limen's level is the whole part.
var numpyTypes = []string{
	"np.where(gray > t, {maxval}, 0)",
	"np.where(gray > t, 0, {maxval})",
	"np.where(gray > t, np.maximum(np.floor(t), 0), gray)",
	"np.where(gray > t, gray, 0)",
	"np.where(gray > t, 0, gray)",
}

// imagejTypes write limen's types from a whole level in an ImageJ macro, in algo.TypeNames' order.
var imagejTypes = []string{
	"setThreshold(level + 1, 255);\nsetOption(\"BlackBackground\", true);\nrun(\"Convert to Mask\"); // 255 where v > level",
	"setThreshold(0, level);\nsetOption(\"BlackBackground\", true);\nrun(\"Convert to Mask\"); // 255 where v <= level",
	resetThreshold + "changeValues(level + 1, 255, level);",
	resetThreshold + "changeValues(0, level, 0);",
	resetThreshold + "changeValues(level + 1, 255, 0);",
}

// resetThreshold comes before the types that keep gray values: with the threshold setAutoThreshold
// left set, ImageJ saves the picture as shown: its thresholded pixels painted red, 77 in the gray PNG.
const resetThreshold = "resetThreshold(); // else the PNG is the picture as shown, the threshold painted red\n"

// lookup returns the row of method id in library lib.
func lookup(id, lib string) (row, bool) {
	for _, r := range rows {
		if r.method == id && r.library == lib {
			return r, true
		}
	}
	return row{}, false
}

// frames are each library's code around its call, by library: {notes} is what the call does not
// reproduce, {call} the row's code, {blur} OpenCV's blur, {out} the output type's code, {maxval}
// ImageJ's maxval, {header} Δoxa's header.
var frames = [][2]string{
	{"opencv", "{notes}import cv2\n\ngray = cv2.cvtColor(cv2.imread(\"picture.png\"), cv2.COLOR_BGR2GRAY)\n{blur}{call}\ncv2.imwrite(\"result.png\", result)\n"},
	{"skimage", "{notes}import numpy as np\nfrom skimage import filters, io\n\nimg = io.imread(\"picture.png\")\n" +
		"# limen's gray: OpenCV's BT.601 in fixed point (a gray picture stays as it is)\n" +
		"gray = img if img.ndim == 2 else ((img[..., :3].astype(np.int64) @ [9798, 19235, 3735] + 16384) >> 15).astype(np.uint8)\n" +
		"{call}\n{out}io.imsave(\"result.png\", result)\n"},
	{"imagej", "{notes}open(\"picture.png\");\n// limen's gray is OpenCV's BT.601: ImageJ's 8-bit conversion of a colour picture differs, so start from a gray one\n" +
		"run(\"8-bit\");\n{call}\n{out}{maxval}saveAs(\"PNG\", \"result.png\");\n"},
	{"doxa", "{notes}#include \"Doxa/{header}.hpp\"\n#include \"Doxa/PNM.hpp\"\nusing namespace Doxa;\n\nint main()\n{\n" +
		"\t// an 8-bit gray PGM, made gray as limen does (OpenCV's BT.601; Doxa's own conversions differ)\n" +
		"\tImage gray = PNM::Read(\"picture.pgm\");\n\tImage binary = {call};\n\tPNM::Write(binary, \"result.pgm\");\n\treturn 0;\n}\n"},
}

// Code is the call for state s in the library its reference names. A method no library computes
// gets a Snippet whose Code says so, and Lang "".
func Code(s state.State) Snippet {
	m, _ := s.Algo()
	lib := m.Library
	r, ok := lookup(m.ID, lib)
	if !ok {
		return Snippet{Library: lib, Code: m.Name + " follows " + m.Reference + ": no library has it, so there is no call to show. limen's own code is its reference."}
	}
	typ, _ := algo.ParseType(s.Type)
	if s.Dark && typ <= algo.BinaryInv {
		typ ^= 1 // dark objects: binary and binary-inv swap, as limen's TypeLUT does
	}
	notes := ""
	note := func(n string) { notes += "  - " + n + "\n" }
	if s.NoiseSigma != 0 || s.NoiseMean != 0 {
		note("limen's Gaussian noise (its own seeded generator)")
	}
	if s.IgnoreZero || s.IgnoreMax {
		note("ignore black / ignore white (the histogram without those pixels)")
	}
	if s.Resize != 0 {
		note("the resize (limen's bilinear scale)")
	}
	blur := ""
	if s.Blur != 0 {
		blur = "gray = cv2.GaussianBlur(gray, (" + itoa(s.Blur) + ", " + itoa(s.Blur) + "), 0)\n"
		if lib != "opencv" {
			note("the blur: limen's is OpenCV's " + blur[7:len(blur)-1])
		}
	}
	k, distance, window := 0.0, 0.0, 0.0 // AdOtsu's, for the note below
	for _, p := range m.Params {
		v := s.Param(p)
		if fixed[m.ID+"/"+p.Name] && v != p.Default {
			note(p.Name + " = " + ftoa(v) + ": the library fixes it at " + ftoa(p.Default))
		}
		switch p.Name {
		case "k":
			k = v
		case "distance":
			distance = v
		case "window":
			window = v
		}
	}
	// Doxa's AdOtsu stores a grid node's 0.5 + k·level in a byte: above 255 (k > 1) the C++
	// conversion is undefined, and limen saturates (algo/adotsu.go). AdOtsu-MS's scales all use
	// the grid; AdOtsu does unless its distance (default window/2) is under 2.
	if lib == "doxa" && k > 1 && (m.ID == "adotsu-ms" || m.ID == "adotsu" && (distance >= 2 || distance == -1 && int(window)/2 >= 2)) {
		note("k = " + ftoa(k) + ": Doxa's grid stores 0.5 + k·level in a byte, undefined in C++ above 255 (limen saturates)")
	}
	call := fill(r.code, m, s)
	frame, lang, mark, out, maxval, header := lib, "Python", "# ", "", "", ""
	binaryOnly := m.Kind == algo.Local && lib != "skimage" // adaptiveThreshold, Auto Local Threshold, Δoxa
	if binaryOnly && typ > algo.BinaryInv {
		note("the type " + typ.String() + ": the library makes a binary picture")
		typ = algo.Binary
	}
	switch lib {
	case "opencv":
		call = strings.ReplaceAll(call, "{type}", opencvTypes[typ])
	case "skimage":
		if !strings.Contains(call, "result =") {
			out = "result = " + strings.ReplaceAll(numpyTypes[typ], "{maxval}", itoa(s.Maxval)) + ".astype(np.uint8)\n"
		}
	case "imagej", "fiji":
		frame, lang, mark = "imagej", "ImageJ macro", "// "
		if lib == "fiji" {
			note("needs Fiji (its Auto Local Threshold plugin)")
			if typ == algo.BinaryInv {
				out = "run(\"Invert\");\n"
			}
		} else {
			if !strings.Contains(call, "getThreshold") {
				out = "getThreshold(lower, level); // foreground is v > level\n"
			}
			out += imagejTypes[typ] + "\n"
		}
		if typ <= algo.BinaryInv && s.Maxval != 255 {
			maxval = "changeValues(255, 255, " + itoa(s.Maxval) + ");\n"
		}
	case "doxa":
		lang, mark = "C++", "// "
		if typ != algo.Binary || s.Maxval != 255 {
			note("the type " + typ.String() + " with maxval " + itoa(s.Maxval) + ": Doxa gives limen's binary with maxval 255 (text black, paper white)")
		}
		header, _, _ = strings.Cut(r.code, "::")
		if header == "AdOtsuMS" {
			header = "AdOtsu" // declared in AdOtsu.hpp
		}
	}
	if notes != "" {
		notes = mark + "Not reproduced by this call:\n" + strings.ReplaceAll(notes, "  - ", mark+"  - ") + "\n"
	}
	code := ""
	for _, f := range frames {
		if f[0] == frame {
			code = f[1]
		}
	}
	for _, kv := range [][2]string{{"{notes}", notes}, {"{blur}", blur}, {"{out}", out}, {"{maxval}", maxval}, {"{header}", header}, {"{call}", call}} {
		code = strings.ReplaceAll(code, kv[0], kv[1])
	}
	return Snippet{Library: lib, Lang: lang, Code: code}
}

// fill writes a row's code for method m (as its reference computes it) in state s.
func fill(code string, m algo.Method, s state.State) string {
	var doxa []string
	for _, p := range m.Params {
		v := s.Param(p)
		code = strings.ReplaceAll(code, "{"+p.Name+"}", ftoa(v))
		if p.Default == -1 && v == -1 || p.Name == "window" && m.ID == "su" && v == 0 {
			continue // a default that depends on another parameter (or "detect"): Doxa's own rule applies
		}
		name := p.Name
		if n, ok := doxaNames[name]; ok {
			name = n
		}
		doxa = append(doxa, "{\""+name+"\", "+ftoa(v)+"}")
	}
	code = strings.ReplaceAll(code, "{maxval}", itoa(s.Maxval))
	if len(doxa) == 0 { // Parameters({}) does not compile (ambiguous): Doxa's defaults are the default argument
		return strings.ReplaceAll(code, ", {params}", "")
	}
	return strings.ReplaceAll(code, "{params}", "Parameters({"+strings.Join(doxa, ", ")+"})")
}

func itoa(n int) string { return strconv.Itoa(n) }

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
