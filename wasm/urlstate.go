//go:build js && wasm

package main

import (
	"limen/wasm/internal/state"
	"math"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// App state and the URL: the state (package state) is the truth; the controls show it, the hash
// mirrors it, and a hash (or a widget's data-hash) sets it.

// hash is where the app's state comes from: a widget's data-hash, else the page's URL hash.
func (a *app) hash() string {
	if a.widget {
		return a.root.GetAttribute("data-hash")
	}
	return js.Global().Get("location").Get("hash").String()
}

// readHash takes the state from the URL hash (garbage in it is reported and left out) and shows it
// in the controls.
func (a *app) readHash() {
	st, ignored := state.Parse(a.hash())
	a.st = st
	a.applyState()
	if len(ignored) > 0 {
		a.fail("Some settings in the link were not understood and were left out:\n" + strings.Join(ignored, "\n"))
	}
}

// writeHash mirrors the state in the URL without adding a history entry (the main page only: an
// embed's hash is its configuration).
func (a *app) writeHash() {
	if a.embed || a.widget {
		return
	}
	h := a.st.Hash()
	if js.Global().Get("location").Get("hash").String() != h {
		js.Global().Get("history").Call("replaceState", js.Null(), "", h)
	}
}

// applyState shows the state in whichever controls the page has.
func (a *app) applyState() {
	s := a.st
	setSel := func(e *dom.HTMLSelectElement, v string) {
		if e != nil {
			e.SetValue(v)
		}
	}
	setIn := func(e *dom.HTMLInputElement, v string) {
		if e != nil {
			e.SetValue(v)
		}
	}
	setChk := func(e *dom.HTMLInputElement, v bool) {
		if e != nil {
			e.SetChecked(v)
		}
	}
	setSel(a.method, s.Method)
	setSel(a.typ, s.Type)
	setSel(a.sample, s.Sample)
	a.showBlur(s.Blur)
	setIn(a.maxval, itoa(s.Maxval))
	setIn(a.noiseSigma, ftoa(s.NoiseSigma))
	setIn(a.noiseMean, ftoa(s.NoiseMean))
	setIn(a.noiseSeed, strconv.FormatUint(s.NoiseSeed, 10))
	if out := find[*dom.BasicHTMLElement](a.root, "noiseSigmaOut"); out != nil {
		out.SetTextContent(ftoa(s.NoiseSigma))
	}
	setChk(a.dark, s.Dark)
	setChk(a.ignoreZero, s.IgnoreZero)
	setChk(a.ignoreMax, s.IgnoreMax)
	setChk(a.surface, s.Surface)
	a.buildParams()
}

// readControls takes the state from whichever controls the page has.
func (a *app) readControls() {
	s := &a.st
	if a.method != nil {
		s.Method = a.method.Value()
	}
	if a.typ != nil {
		s.Type = a.typ.Value()
	}
	if a.maxval != nil {
		s.Maxval = int(math.Max(0, math.Min(255, math.Round(num(a.maxval.Value(), 255)))))
	}
	if a.blur != nil {
		s.Blur = int(num(a.blur.Value(), 0))
	}
	if a.noiseSigma != nil {
		s.NoiseSigma = math.Max(0, math.Min(255, num(a.noiseSigma.Value(), 0)))
	}
	if a.noiseMean != nil {
		s.NoiseMean = math.Max(-255, math.Min(255, num(a.noiseMean.Value(), 0)))
	}
	if a.noiseSeed != nil {
		s.NoiseSeed = uint64(math.Max(0, math.Min(1<<53, math.Trunc(num(a.noiseSeed.Value(), 1)))))
	}
	for _, c := range []struct {
		e *dom.HTMLInputElement
		v *bool
	}{{a.dark, &s.Dark}, {a.ignoreZero, &s.IgnoreZero}, {a.ignoreMax, &s.IgnoreMax}, {a.surface, &s.Surface}} {
		if c.e != nil {
			*c.v = c.e.Checked()
		}
	}
	if a.params != nil {
		m, _ := s.Algo()
		s.Params = map[string]float64{}
		for _, i := range all[*dom.HTMLInputElement](a.params, "input[data-param]") {
			name := i.GetAttribute("data-param")
			for _, p := range m.Params {
				if p.Name == name {
					if v := num(i.Value(), p.Default); v != p.Default && p.Check(v) == nil {
						s.Params[name] = v
					}
				}
			}
		}
	}
}

// ownPicture notes that the picture is the reader's own: the link no longer names a sample.
func (a *app) ownPicture() {
	a.st.Sample, a.st.Doc = "", nil
	a.writeHash()
}

func num(s string, def float64) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return def
	}
	return v
}

// wireHash shows a new hash (a link followed on the page, or Back) as its view.
func (a *app) wireHash() {
	a.on(jsValue{js.Global()}, "hashchange", func(*dom.BasicEvent) {
		if a.widget {
			return
		}
		if a.embed || js.Global().Get("location").Get("hash").String() != a.st.Hash() {
			old := a.st.Sample
			a.readHash()
			if a.st.Sample != "" && a.st.Sample != old {
				a.loadSample(a.st.Sample)
			} else {
				a.request()
			}
		}
	})
}
