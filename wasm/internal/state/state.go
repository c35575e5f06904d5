// Package state is what the page shows, as one value that a URL hash can carry: the main page
// keeps it in its hash so a link reproduces a view, and embed.html is configured by it.
// Parsing never fails: a key it does not know, or a value out of range, is left out and reported,
// and the rest applies. It has no syscall/js, so it is tested (and fuzzed) natively.
package state

import (
	"strconv"
	"strings"

	"limen/algo"
	"limen/wasm/internal/samples"
)

// State is one view of the page.
type State struct {
	Sample     string // a bundled sample's name; "" when the picture is the reader's own
	Doc        *Doc   // a generated degraded page (doc.go), instead of a sample; nil for none
	Method     string
	Reference  string // whose convention the method follows; "" for the method's default library
	Type       string
	Maxval     int
	Dark       bool
	IgnoreZero bool
	IgnoreMax  bool
	Params     map[string]float64 // the method's parameters that differ from their defaults
	NoiseSigma float64
	NoiseMean  float64
	NoiseSeed  uint64
	Blur       int     // Gaussian blur kernel size, 0 for none
	Resize     float64 // scale applied first, 0 for none
	Surface    bool    // local methods: show the threshold surface instead of the result
	Alpha      string  // a transparent picture: "" (alpha ignored), or one of Alphas to composite over first

	// What a lesson widget (web/lesson.html) adds to the view, so that its embed code reproduces it.
	Hist    bool   // show the histogram (the full page always does)
	Steps   bool   // iterative methods: replay every T on the histogram, one step at a time
	Compare string // a second picture beside the result: one of Compares, "" for none
}

// Compares are the values of the compare key: what a lesson widget shows beside its result.
//   - "opencv": the difference between the result and the same picture thresholded at OpenCV 4.6's
//     Otsu level (known for the bundled samples only);
//   - "imagej": max entropy as ImageJ runs it (every pixel, no offset);
//   - "clean": the difference from the same method on the picture without noise and blur.
var Compares = []string{"opencv", "imagej", "clean"}

// Alphas are the values of the alpha key: the background a transparent picture is composited over
// before it is thresholded (algo.Composite). Without the key alpha is ignored, as OpenCV does.
var Alphas = []string{"white", "black"}

// Default is the page's first view: the cameraman with OpenCV's Otsu.
func Default() State {
	return State{Sample: samples.Default, Method: "otsu", Type: "binary", Maxval: 255, NoiseSeed: 1}
}

// Parse reads a URL hash ("#sample=coins&method=otsu", the '#' optional) on top of Default. It
// returns the state and the keys it ignored, each with the reason.
func Parse(hash string) (State, []string) {
	s := Default()
	var ignored []string
	bad := func(k, why string) { ignored = append(ignored, k+": "+why) }
	pairs, err := parseQuery(strings.TrimPrefix(hash, "#"))
	if err != nil {
		bad("hash", "not key=value pairs")
	}
	// The method first: it decides which parameter names are valid.
	for _, p := range pairs {
		if p.k != "method" {
			continue
		}
		if _, ok := algo.Lookup(p.v); ok {
			s.Method = p.v
		} else if p.v != "" {
			bad("method", "no method "+strconv.Quote(clip(p.v)))
		}
		break
	}
	m, _ := algo.Lookup(s.Method)
	// Then the reference: it brings its own parameters.
	for _, p := range pairs {
		if p.k != "reference" {
			continue
		}
		if r, err := m.As(p.v); err != nil {
			bad("reference", err.Error())
		} else if p.v != m.Library {
			s.Reference, m = p.v, r
		}
		break
	}
	seen := map[string]bool{}
	for _, p := range pairs { // in the link's order; a key's first value counts, as in url.Values.Get
		k, v := p.k, p.v
		if seen[k] {
			continue
		}
		seen[k] = true
		switch k {
		case "method", "reference":
		case "sample":
			if _, ok := samples.Lookup(v); ok {
				s.Sample = v
			} else {
				bad(k, "no sample "+strconv.Quote(clip(v)))
			}
		case "type":
			if _, err := algo.ParseType(v); err == nil {
				s.Type = v
			} else {
				bad(k, "no type "+strconv.Quote(clip(v)))
			}
		case "maxval":
			if n, ok := field(v, MaxvalField); ok {
				s.Maxval = int(n)
			} else {
				bad(k, "must be a whole number 0–255")
			}
		case "dark", "ignoreZero", "ignoreMax", "surface", "hist", "steps":
			b, ok := flag(v)
			if !ok {
				bad(k, "must be 0 or 1")
				continue
			}
			switch k {
			case "dark":
				s.Dark = b
			case "ignoreZero":
				s.IgnoreZero = b
			case "ignoreMax":
				s.IgnoreMax = b
			case "hist":
				s.Hist = b
			case "steps":
				s.Steps = b
			default:
				s.Surface = b
			}
		case "alpha":
			if contains(Alphas, v) {
				s.Alpha = v
			} else {
				bad(k, "must be one of "+strings.Join(Alphas, ", "))
			}
		case "doc":
			if d, ok := parseDoc(v); ok {
				s.Doc = &d
			} else {
				bad(k, docUsage)
			}
		case "compare":
			if contains(Compares, v) {
				s.Compare = v
			} else {
				bad(k, "must be one of "+strings.Join(Compares, ", "))
			}
		case "noise": // sigma[,mean[,seed]]
			parts := strings.Split(v, ",")
			sig, ok1 := field(parts[0], NoiseSigmaField)
			mean, ok2 := 0.0, true
			seed, ok3 := 1.0, true
			if len(parts) > 1 {
				mean, ok2 = field(parts[1], NoiseMeanField)
			}
			if len(parts) > 2 {
				seed, ok3 = field(parts[2], NoiseSeedField)
			}
			if !ok1 || !ok2 || !ok3 || len(parts) > 3 {
				bad(k, "must be sigma[,mean[,seed]]")
				continue
			}
			s.NoiseSigma, s.NoiseMean, s.NoiseSeed = sig, mean, uint64(seed)
		case "blur":
			if n, ok := field(v, BlurField); ok && blurOK(n) {
				s.Blur = int(n)
			} else {
				bad(k, "must be 0 or an odd kernel size")
			}
		case "resize":
			if n, ok := field(v, ResizeField); ok {
				s.Resize = n
			} else {
				bad(k, "must be a scale from 0 to 16")
			}
		default:
			p, ok := param(m, k)
			if !ok {
				bad(k, "not an option of "+s.Method)
				continue
			}
			n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err == nil {
				err = p.Check(n) // the one rule for parameter values, the API's too
			}
			if err != nil {
				bad(k, "out of range for "+s.Method)
				continue
			}
			if s.Params == nil {
				s.Params = map[string]float64{}
			}
			s.Params[k] = n
		}
	}
	if s.Doc != nil {
		s.Sample = "" // the generated page is the picture
	}
	return s, ignored
}

// Hash writes s as a URL hash (with '#'), leaving out what equals the defaults, keys in a fixed
// order so that the same view always gives the same link.
func (s State) Hash() string {
	d := Default()
	var parts []string
	add := func(k, v string) { // commas stay readable: noise=20,3,7
		parts = append(parts, k+"="+strings.ReplaceAll(queryEscape(v), "%2C", ","))
	}
	if s.Sample != "" {
		add("sample", s.Sample)
	}
	if s.Alpha != "" {
		add("alpha", s.Alpha)
	}
	if s.Doc != nil {
		add("doc", s.Doc.value())
	}
	add("method", s.Method)
	if s.Reference != "" {
		add("reference", s.Reference)
	}
	add("type", s.Type)
	if s.Maxval != d.Maxval {
		add("maxval", strconv.Itoa(s.Maxval))
	}
	for _, b := range []struct {
		k string
		v bool
	}{{"dark", s.Dark}, {"ignoreZero", s.IgnoreZero}, {"ignoreMax", s.IgnoreMax}, {"surface", s.Surface},
		{"hist", s.Hist}, {"steps", s.Steps}} {
		if b.v {
			add(b.k, "1")
		}
	}
	if s.NoiseSigma != 0 || s.NoiseMean != 0 {
		add("noise", ftoa(s.NoiseSigma)+","+ftoa(s.NoiseMean)+","+strconv.FormatUint(s.NoiseSeed, 10))
	}
	if s.Blur != 0 {
		add("blur", strconv.Itoa(s.Blur))
	}
	if s.Resize != 0 {
		add("resize", ftoa(s.Resize))
	}
	if s.Compare != "" {
		add("compare", s.Compare)
	}
	if m, ok := s.Algo(); ok { // the method's parameters, in the registry's order
		for _, p := range m.Params {
			if v, ok := s.Params[p.Name]; ok {
				add(p.Name, ftoa(v))
			}
		}
	}
	return "#" + strings.Join(parts, "&")
}

// Algo returns the state's method as its reference computes it: its parameters and its rule.
func (s State) Algo() (algo.Method, bool) {
	m, ok := algo.Lookup(s.Method)
	if !ok {
		return m, false
	}
	r, err := m.As(s.Reference)
	return r, err == nil
}

// Param returns the value of a parameter of the state's method: the state's, or the default.
func (s State) Param(p algo.Param) float64 {
	if v, ok := s.Params[p.Name]; ok {
		return v
	}
	return p.Default
}

func param(m algo.Method, name string) (algo.Param, bool) {
	for _, p := range m.Params {
		if p.Name == name {
			return p, true
		}
	}
	return algo.Param{}, false
}

// field reads a value of one of the page's fields (fields.go), checked by its rule.
func field(v string, p algo.Param) (float64, bool) {
	n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || p.Check(n) != nil {
		return 0, false
	}
	return n, true
}

func flag(v string) (bool, bool) {
	switch v {
	case "1", "true", "":
		return true, true
	case "0", "false":
		return false, true
	}
	return false, false
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func clip(v string) string {
	if len(v) > 30 {
		return v[:30] + "…"
	}
	return v
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
