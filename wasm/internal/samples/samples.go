// Package samples is limen's one list of bundled pictures (web/samples/<name>.png): the page's and
// the lesson's sample menus, the URL state's sample key, the lesson's OpenCV comparison, the service
// worker's precache list (web/samples/list.js, written from this list) and the README all take it
// from here; samples_test.go checks (and with LIMEN_UPDATE=1 rewrites) what is generated.
package samples

// Sample is one bundled picture.
type Sample struct {
	Name    string // the hash key's value and the file's name: web/samples/<Name>.png
	Title   string // as the sample menus show it
	Licence string // where it comes from and on what terms (web/samples/LICENSES.md says more)
	Truth   string // its ground truth, web/samples/<Truth>.png (text 0, paper 255); "" for none
}

// File is the sample's path in the site.
func (s Sample) File() string { return "samples/" + s.Name + ".png" }

// Files are the sample's paths in the site: the picture, and its ground truth if it has one.
func (s Sample) Files() []string {
	if s.Truth == "" {
		return []string{s.File()}
	}
	return []string{s.File(), "samples/" + s.Truth + ".png"}
}

// List is every bundled sample, in menu order.
var List = []Sample{
	{"camera", "Cameraman", "scikit-image's skimage/data, public domain / CC0", ""},
	{"coins", "Coins", "scikit-image's skimage/data, Brooklyn Museum collection, no known copyright restrictions", ""},
	{"text", "Text", "scikit-image's skimage/data, public domain", ""},
	{"uneven_text", "Unevenly lit text", "made for limen's tests, CC0", ""},
	{"bimodal_noise", "Two noisy levels", "made for limen's tests, CC0", ""},
	{"chelsea", "Chelsea the cat (colour)", "scikit-image's skimage/data, by Stefan van der Walt, CC0", ""},
	// Degraded pages made by algo/document (go run ./algo/document/cmd/docsamples), with their
	// ground truth, for scoring binarizations.
	{"doc-1", "Degraded page 1", "made by limen's page generator, CC0; text in the public domain, font Bitstream Charter", "doc-1_gt"},
	{"doc-2", "Degraded page 2", "made by limen's page generator, CC0; text in the public domain, font Bitstream Charter", "doc-2_gt"},
	{"doc-3", "Degraded page 3", "made by limen's page generator, CC0; text in the public domain, font Bitstream Charter", "doc-3_gt"},
}

// Default is the sample the page opens on.
const Default = "camera"

// Names lists the samples' names, in menu order.
func Names() []string {
	n := make([]string, len(List))
	for i, s := range List {
		n[i] = s.Name
	}
	return n
}

// Lookup finds a sample by name.
func Lookup(name string) (Sample, bool) {
	for _, s := range List {
		if s.Name == name {
			return s, true
		}
	}
	return Sample{}, false
}

// OpenCVOtsu is OpenCV 4.6's Otsu level on a sample, plain or after its 5×5 Gaussian blur (from
// the oracle, opencv_levels.go), for the lesson's "difference from OpenCV" picture.
func OpenCVOtsu(name string, blurred bool) (int, bool) {
	lv, ok := openCVOtsu[name]
	if blurred {
		return lv[1], ok
	}
	return lv[0], ok
}
