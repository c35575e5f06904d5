package algo

import (
	"errors"
	"image"
	"math"
	"strconv"
)

// Kind says what a method takes: a histogram (Global) or the whole image (Local).
type Kind string

// The two kinds of method.
const (
	Global Kind = "global"
	Local  Kind = "local"
)

// Param describes one numeric parameter of a method. Every value a caller passes is checked
// against it (Params.Check) before the method runs, so methods may trust their Params.
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

// LocalFunc thresholds src pixel by pixel: it writes into dst, which has src's bounds, the last
// background value L(x, y) of each pixel (foreground is v > L), clamped to -1..255. When the caller
// will invert the output (binary-inv), p["inverted"] is 1: OpenCV rounds its constant C the other
// way then.
type LocalFunc func(dst *LevelMap, src *image.Gray, p Params)

// Method is one entry of the registry.
type Method struct {
	ID        string // stable id used by the JS API and the page, e.g. "otsu"
	Name      string // display name
	Kind      Kind
	Params    []Param
	Reference string // the library (and function) limen matches exactly
	Paper     string // the paper the method comes from
	About     string // a short "how it works" for the page

	Global    GlobalFunc    // set for Kind Global
	Criterion CriterionFunc // optional, Global only
	Local     LocalFunc     // set for Kind Local

	// Overlay, optional for Local methods, returns a picture that explains the result in the
	// page: the edge mask of edge-guided Otsu, the tile grid of partition Otsu (255 = shown).
	Overlay func(src *image.Gray, p Params) *image.Gray
	// SingleLevel marks a Local method whose LevelMap holds one level everywhere (edge-guided
	// Otsu): the pipeline reports that level as the result's Level.
	SingleLevel bool
}

// registry lists every method in the order the page shows them. Each family file contributes its
// own slice, so the families stay independent.
var registry = concat(coreMethods, imagejMethods, opencvMethods, localMethods, fijiMethods, improvedMethods)

func concat(lists ...[]Method) []Method {
	var all []Method
	for _, l := range lists {
		all = append(all, l...)
	}
	return all
}

// Methods returns every method, in display order. The slice is a copy; the methods share their
// Params slices with the registry and must not be modified.
func Methods() []Method {
	return append([]Method(nil), registry...)
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
		if err := q.check(v); err != nil {
			return err
		}
	}
	return nil
}

func (q Param) check(v float64) error {
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
