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

// readHash takes the state from the URL hash and shows it in the controls. What the link asked
// for that the page could not apply is reported, and stays on screen until the reader changes the
// view (app.linkErr); the URL is rewritten to what was applied, so it no longer carries the typo.
func (a *app) readHash() {
	st, ignored := state.Parse(a.hash())
	a.st = st
	a.applyState()
	a.linkErr = ""
	if len(ignored) > 0 {
		a.linkErr = "Some settings in the link were not understood and were left out:\n" + strings.Join(ignored, "\n")
		a.fail(a.linkErr)
		if !a.widget {
			js.Global().Get("history").Call("replaceState", js.Null(), "", a.st.Hash())
		}
	}
}

// writeHash mirrors the state in the URL without adding a history entry (the main page only: an
// embed's hash is its configuration). It runs when the reader changed the view: a link's error
// has been seen and acted on, and goes.
func (a *app) writeHash() {
	if a.linkErr != "" {
		a.linkErr = ""
		a.clearError()
	}
	if a.embed || a.widget {
		return
	}
	h := a.st.Hash()
	if js.Global().Get("location").Get("hash").String() != h {
		js.Global().Get("history").Call("replaceState", js.Null(), "", h)
	}
}

// typing is a number field's or slider's handler while the reader types or drags: the values the
// rules accept apply, the others wait until the field is committed.
func (a *app) typing() {
	a.readFields(false)
	a.writeHash()
	a.request()
}

// committed is a number field's change handler: the field is corrected if it must be (with a
// note), and a new result is asked for only if that changed the state (typing already asked).
func (a *app) committed() {
	before := a.st.Hash()
	a.readFields(true)
	if a.st.Hash() != before {
		a.writeHash()
		a.request()
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
	setIn(find[*dom.HTMLInputElement](a.root, "noiseSigmaRange"), ftoa(s.NoiseSigma))
	setIn(a.noiseMean, ftoa(s.NoiseMean))
	setIn(a.noiseSeed, strconv.FormatUint(s.NoiseSeed, 10))
	if out := find[*dom.BasicHTMLElement](a.root, "noiseSigmaOut"); out != nil {
		out.SetTextContent(ftoa(s.NoiseSigma))
	}
	for _, e := range []*dom.HTMLInputElement{a.maxval, a.noiseSigma, a.noiseMean, a.noiseSeed} {
		if e != nil {
			note(e.Underlying(), "") // a state from a link or a pick: the fields hold it as it is
		}
	}
	setChk(a.dark, s.Dark)
	setChk(a.ignoreZero, s.IgnoreZero)
	setChk(a.ignoreMax, s.IgnoreMax)
	setChk(a.surface, s.Surface)
	a.buildParams()
}

// readControls takes the state from whichever controls the page has, correcting (with a note) a
// field whose value its rule rejects.
func (a *app) readControls() { a.readFields(true) }

// readFields takes the state from the controls. Each number field is read under its rule (the
// registry's Param.Check, or the page's own fields in package state): see fieldValue for fix.
func (a *app) readFields(fix bool) {
	s := &a.st
	if a.method != nil {
		s.Method = a.method.Value()
	}
	if a.typ != nil {
		s.Type = a.typ.Value()
	}
	if a.blur != nil {
		s.Blur = int(num(a.blur.Value(), 0))
	}
	if a.maxval != nil {
		s.Maxval = int(fieldValue(a.maxval.Underlying(), state.MaxvalField, fix, float64(s.Maxval)))
	}
	if a.noiseSigma != nil {
		s.NoiseSigma = fieldValue(a.noiseSigma.Underlying(), state.NoiseSigmaField, fix, s.NoiseSigma)
		if r := find[*dom.HTMLInputElement](a.root, "noiseSigmaRange"); r != nil {
			r.SetValue(ftoa(s.NoiseSigma))
		}
		if out := find[*dom.BasicHTMLElement](a.root, "noiseSigmaOut"); out != nil {
			out.SetTextContent(ftoa(s.NoiseSigma))
		}
	}
	if a.noiseMean != nil {
		s.NoiseMean = fieldValue(a.noiseMean.Underlying(), state.NoiseMeanField, fix, s.NoiseMean)
	}
	if a.noiseSeed != nil {
		s.NoiseSeed = uint64(fieldValue(a.noiseSeed.Underlying(), state.NoiseSeedField, fix, float64(s.NoiseSeed)))
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
		old := s.Params
		s.Params = map[string]float64{}
		for _, in := range all[*dom.HTMLInputElement](a.params, "input[data-param]") {
			p, ok := paramOf(m, in.GetAttribute("data-param"))
			if !ok {
				continue
			}
			cur := p.Default
			if v, ok := old[p.Name]; ok {
				cur = v
			}
			v := fieldValue(in.Underlying(), p, fix, cur)
			if v != p.Default {
				s.Params[p.Name] = v
			}
			if r := in.Get("previousElementSibling"); !r.IsNull() && !r.Call("getAttribute", "data-range").IsNull() {
				r.Set("value", ftoa(v)) // the handle follows the field (on its grid)
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
