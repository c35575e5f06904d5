package algo

import (
	"errors"
	"image"
	"math"
	"strconv"
	"strings"
)

// Kind says what a method takes: a histogram (Global) or the whole image (Local).
type Kind string

// The two kinds of method.
const (
	Global Kind = "global"
	Local  Kind = "local"
)

// Param describes one numeric parameter of a method. Every value a caller passes is checked
// against it (Param.Check) before the method runs, so methods may trust their Params.
type Param struct {
	Name    string  // the option name in the JS API, e.g. "blockSize"
	Default float64 // used when the caller gives none
	Min     float64 // inclusive
	Max     float64 // inclusive
	Integer bool    // the value must be a whole number
	Odd     bool    // the value must be odd (implies Integer)
	Doc     string  // one line for the page
}

// Params holds a method's parameters by name, with every Param of the method present.
type Params map[string]float64

// Result is what a global method finds.
type Result struct {
	// Level is the last background value: foreground is v > Level. Most methods give a whole
	// number; the iterative method gives its float T.
	Level float64
	// Levels holds the classes-1 ascending levels of a multi-level method (nil otherwise);
	// a pixel equal to a level goes to the upper class. Level is then Levels[0].
	Levels []int
	// Trace lists every intermediate level of an iterative method, from its first guess on.
	Trace []float64
}

// GlobalFunc computes a level from a histogram and checked parameters.
type GlobalFunc func(h *Histogram, p Params) Result

// CriterionFunc returns a method's objective at each of the 256 candidate levels (between-class
// variance, entropy sum, …); NaN where it is undefined (an empty class, say).
type CriterionFunc func(h *Histogram, p Params) []float64

// LocalRequest is what the pipeline tells a local method besides its parameters: the output
// type's needs and the optional pictures it wants, never hidden in Params.
type LocalRequest struct {
	// Inverted: the caller will invert the output (binary-inv). OpenCV's adaptiveThreshold rounds
	// its constant C the other way then.
	Inverted bool
	// Overlay, when not nil (src's bounds), receives what explains the result in the page: the
	// edge mask of edge-guided Otsu, the tile grid of partition Otsu (255 = shown, 0 elsewhere).
	// Only methods whose row sets Overlay write it; it is nil unless the caller asked for it.
	Overlay *image.Gray
}

// LocalResult is what a local method says about the levels it wrote.
type LocalResult struct {
	// Single is true when every pixel got the same level, Level (edge-guided Otsu finds one global
	// level from the edges): the result then reports it like a global method's.
	Single bool
	Level  int
}

// LocalFunc thresholds src pixel by pixel: it writes into dst, which has src's bounds, the last
// background value L(x, y) of each pixel (foreground is v > L), clamped to -1..255 (see ClampLevel).
type LocalFunc func(dst *LevelMap, src *image.Gray, p Params, req LocalRequest) LocalResult

// Method is one entry of the registry, as its default library computes it.
type Method struct {
	ID        string // stable id used by the JS API and the page, e.g. "otsu"
	Name      string // display name
	Kind      Kind
	Library   string // whose convention this is: opencv, skimage, imagej, doxa, fiji, gw (the book), paper
	Params    []Param
	Reference string // the library (and function) limen matches exactly
	Paper     string // the paper the method comes from
	About     string // a short "how it works" for the page

	Global    GlobalFunc    // set for Kind Global
	Criterion CriterionFunc // optional, Global only
	Curve     Curve         // Global only: how the page reads Criterion, or why there is none (explain.go)
	Local     LocalFunc     // set for Kind Local

	// Overlay marks a Local method that can draw an overlay (LocalRequest.Overlay).
	Overlay bool
	// Picture marks a Local method whose result is a binary picture rather than a level per pixel
	// (ISauvola's connected components, Gatos's final rule, AdOtsu-MS's combination of scales): its
	// LevelMap holds −1 where the picture is white (foreground, v > −1) and 255 where it is black,
	// so the binary type gives the picture; the other types are defined by the same levels.
	Picture bool
	// Whole marks a method that needs the whole picture at once (a global statistic, connected
	// components): it cannot be computed band by band.
	Whole bool
	// Reach, for a local method that is not Whole, is how many rows above and below a pixel its
	// level reads with parameters p (its window's half-size): a band of the picture with that many
	// rows of halo gives the whole picture's levels (see PlanBands).
	Reach func(p Params) int

	// Variants are the same method as other libraries compute it, each with its own formula and
	// parameters; the option reference picks one (see As).
	Variants []Variant
}

// Variant is a method as another library computes it. Its fields replace the method's; a nil
// Params keeps the method's parameters.
type Variant struct {
	Library   string
	Reference string
	// About and Paper, when set, replace the method's: where the library's formula or parameters
	// differ, the page must not describe the default's (Doxa's Sauvola has no r).
	About     string
	Paper     string
	Params    []Param
	Global    GlobalFunc
	Criterion CriterionFunc
	Local     LocalFunc
	Picture   bool
	Whole     bool
	Reach     func(p Params) int
}

// Libraries lists whose conventions the method offers, its default first: the values of the
// reference option.
func (m Method) Libraries() []string {
	libs := []string{m.Library}
	for _, v := range m.Variants {
		libs = append(libs, v.Library)
	}
	return libs
}

// As returns the method as library lib computes it ("" or m.Library: the method itself). The error
// names lib and the libraries the method offers.
func (m Method) As(lib string) (Method, error) {
	if lib == "" || lib == m.Library {
		return m, nil
	}
	for _, v := range m.Variants {
		if v.Library != lib {
			continue
		}
		a := m
		a.Library, a.Reference, a.Variants = v.Library, v.Reference, nil
		if v.Params != nil {
			a.Params = v.Params
		}
		if v.About != "" {
			a.About = v.About
		}
		if v.Paper != "" {
			a.Paper = v.Paper
		}
		a.Global, a.Criterion, a.Local, a.Picture, a.Whole, a.Reach = v.Global, v.Criterion, v.Local, v.Picture, v.Whole, v.Reach
		return a, nil
	}
	return m, errors.New(`method ` + m.ID + ` has no reference "` + lib + `": it offers ` + strings.Join(m.Libraries(), ", "))
}

// Methods returns every method, in display order. The slice is a copy; the methods share their
// Params slices with the registry and must not be modified.
func Methods() []Method {
	return append([]Method(nil), registry...)
}

// MethodsOf returns the methods of one kind, in display order.
func MethodsOf(k Kind) []Method {
	var ms []Method
	for _, m := range registry {
		if m.Kind == k {
			ms = append(ms, m)
		}
	}
	return ms
}

// Lookup finds a method by id.
func Lookup(id string) (Method, bool) {
	for _, m := range registry {
		if m.ID == id {
			return m, true
		}
	}
	return Method{}, false
}

// IDs lists every method id, in display order.
func IDs() []string {
	ids := make([]string, len(registry))
	for i, m := range registry {
		ids[i] = m.ID
	}
	return ids
}

// Defaults returns the method's parameters at their default values.
func (m Method) Defaults() Params {
	p := make(Params, len(m.Params))
	for _, q := range m.Params {
		p[q.Name] = q.Default
	}
	return p
}

// Check validates every parameter of m present in p and fills in the missing ones with their
// defaults. The error names the parameter and the rule it breaks.
func (m Method) Check(p Params) error {
	for _, q := range m.Params {
		v, ok := p[q.Name]
		if !ok {
			p[q.Name] = q.Default
			continue
		}
		if err := q.Check(v); err != nil {
			return err
		}
	}
	return nil
}

// Check says whether v is a value of q: finite, within Min..Max, whole when Integer, odd when Odd.
// It is the one rule for parameter values: the API, the URL state and the page all call it.
func (q Param) Check(v float64) error {
	name := q.Name
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return errors.New(name + " must be a finite number, not " + strconv.FormatFloat(v, 'g', -1, 64))
	case v < q.Min || v > q.Max:
		return errors.New(name + " must be between " + ftoa(q.Min) + " and " + ftoa(q.Max) + ", not " + ftoa(v))
	case (q.Integer || q.Odd) && v != math.Trunc(v):
		return errors.New(name + " must be a whole number, not " + ftoa(v))
	case q.Odd && int(v)%2 == 0:
		return errors.New(name + " must be odd, not " + ftoa(v))
	}
	return nil
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
