//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"strings"
	"syscall/js"

	"limen/algo"
	"limen/wasm/internal/samples"
	"limen/wasm/internal/state"

	"honnef.co/go/js/dom/v2"
)

// Controls built from the registry: the method menu, one slider per parameter, the method's note,
// and the wiring that turns a control's change into a new state.

// methodName is a method's display name, or its id when the registry has no such method.
func methodName(id string) string {
	if m, ok := algo.Lookup(id); ok {
		return m.Name
	}
	return id
}

// fillSamples lists the bundled samples (package samples) in an empty sample menu.
func (a *app) fillSamples() {
	s := a.sample
	if s == nil || s.Length() > 0 {
		return
	}
	for _, smp := range samples.List {
		o := el("option")
		o.SetAttribute("value", smp.Name)
		o.SetTextContent(smp.Title)
		appendTo(s, o)
	}
}

// fillTypes lists the threshold types (algo.TypeNames) in an empty type menu.
func (a *app) fillTypes() {
	if a.typ == nil || a.typ.Length() > 0 {
		return
	}
	for _, n := range algo.TypeNames() {
		o := el("option")
		o.SetAttribute("value", n)
		o.SetTextContent(n)
		appendTo(a.typ, o)
	}
}

// blurSizes are the Gaussian blur kernels the blur menu offers besides "off". A link may carry any
// other kernel the URL state accepts (odd, 1 to 255): showBlur adds it to the menu.
var blurSizes = []int{3, 5, 7, 9, 15}

// fillBlur lists "off" and blurSizes in an empty blur menu.
func (a *app) fillBlur() {
	if a.blur == nil || a.blur.Length() > 0 {
		return
	}
	appendTo(a.blur, blurOption(0))
	for _, k := range blurSizes {
		appendTo(a.blur, blurOption(k))
	}
}

// showBlur sets the blur menu to kernel k, first adding k in its place by size if the menu does
// not offer it: a link's blur=11 stays blur=11, instead of the menu reading back as "off".
func (a *app) showBlur(k int) {
	if a.blur == nil {
		return
	}
	v := itoa(k)
	opts := a.blur.Get("options")
	before := js.Null()
	for i := range opts.Length() {
		o := opts.Index(i)
		if o.Get("value").String() == v {
			a.blur.SetValue(v)
			return
		}
		if before.IsNull() && int(num(o.Get("value").String(), 0)) > k {
			before = o
		}
	}
	a.blur.Call("insertBefore", blurOption(k).Value, before)
	a.blur.SetValue(v)
}

func blurOption(k int) *dom.BasicHTMLElement {
	o := el("option")
	o.SetAttribute("value", itoa(k))
	if k == 0 {
		o.SetTextContent("off")
	} else {
		o.SetTextContent(itoa(k) + "×" + itoa(k))
	}
	return o
}

// fillMethods lists the registry's methods, global then local, in the method menu.
func (a *app) fillMethods() {
	if a.method == nil {
		return
	}
	for _, kind := range []algo.Kind{algo.Global, algo.Local} {
		group := el("optgroup")
		group.SetAttribute("label", map[algo.Kind]string{algo.Global: "Global (one level)", algo.Local: "Local (a level per pixel)"}[kind])
		for _, m := range algo.Methods() {
			if m.Kind != kind {
				continue
			}
			o := el("option")
			o.SetAttribute("value", m.ID)
			o.SetTextContent(m.Name)
			appendTo(group, o)
		}
		appendTo(a.method, group)
	}
}

// buildParams makes, for each parameter of the chosen method (from the registry), a number field
// that holds the value, with a slider beside it as a coarse handle: the field takes any value the
// parameter's rule (algo.Param.Check) accepts, to the URL's precision (percentile 99.7, k 1.01),
// so no slider step decides what is computed. The fields come and go with the method, so they get
// no listener of their own (a js.FuncOf each would outlive them): wireParams listens on their box.
func (a *app) buildParams() {
	m, _ := a.st.Algo()
	a.showAbout(m)
	a.showLibraries() // the lab's library menu follows the method (lab.go)
	if a.params == nil {
		return
	}
	a.params.SetInnerHTML("")
	for _, p := range m.Params {
		v := ftoa(a.st.Param(p))
		label := el("label")
		label.Class().Add("param")
		label.SetAttribute("title", p.Doc)
		appendTo(label, text(p.Name+" "))
		rng := create[*dom.HTMLInputElement]("input")
		rng.SetType("range")
		rng.SetAttribute("data-range", p.Name)
		rng.SetAttribute("aria-label", p.Name+" (coarse)")
		rng.SetAttribute("tabindex", "-1") // the field is the keyboard's control
		rng.SetMin(ftoa(p.Min))
		rng.SetMax(ftoa(p.Max))
		rng.SetStep(ftoa(sliderStep(p)))
		rng.SetValue(v)
		in := create[*dom.HTMLInputElement]("input")
		in.SetType("number")
		if !a.widget {
			in.SetID("param-" + p.Name)
		}
		in.SetAttribute("data-param", p.Name)
		in.SetAttribute("aria-label", p.Name+": "+p.Doc)
		in.SetMin(ftoa(p.Min))
		in.SetMax(ftoa(p.Max))
		switch {
		case p.Odd:
			in.SetStep("2")
		case p.Integer:
			in.SetStep("1")
		default:
			in.SetStep("any")
		}
		in.SetValue(v)
		appendTo(label, rng)
		appendTo(label, text(" "))
		appendTo(label, in)
		appendTo(a.params, label)
	}
}

// sliderStep is the step of a parameter's slider: coarse, since the slider is only a handle.
func sliderStep(p algo.Param) float64 {
	switch {
	case p.Odd:
		return 2
	case p.Integer:
		return 1
	case p.Max-p.Min > 20:
		return 0.5
	case p.Max-p.Min > 2:
		return 0.05
	}
	return 0.01
}

// fromSlider is the value a slider at v gives parameter p: v on the slider's grid, written with
// the step's digits (0.5, not 0.500001 when the range starts at 1e-6), and within p's rule.
func fromSlider(p algo.Param, v float64) float64 {
	step := sliderStep(p)
	digits := 0
	for d := step; d != math.Trunc(d) && digits < 6; d *= 10 {
		digits++
	}
	v, _ = strconv.ParseFloat(strconv.FormatFloat(math.Round(v/step)*step, 'f', digits, 64), 64)
	return state.Correct(p, v)
}

// note shows msg beside a field (after its label), or removes the note when msg is "": what the
// page corrected in a field is said, never done silently.
func note(field js.Value, msg string) {
	at := field
	if l := field.Call("closest", "label"); !l.IsNull() {
		at = l
	}
	n := at.Get("nextElementSibling")
	has := !n.IsNull() && n.Get("classList").Call("contains", "fix").Bool()
	switch {
	case msg == "" && has:
		n.Call("remove")
	case msg != "":
		if !has {
			n = el("span").Value
			n.Set("className", "fix")
			n.Call("setAttribute", "role", "status")
			at.Call("after", n)
		}
		n.Set("textContent", msg)
	}
}

// fieldValue reads a number field under rule p. A value the rule accepts is taken. Otherwise, with fix (the reader committed the field: change,
// Enter, leaving it), the field is corrected to the nearest accepted value and a note says so;
// without fix (the reader is still typing), cur is kept and the field is left alone.
func fieldValue(in js.Value, p algo.Param, fix bool, cur float64) float64 {
	raw := strings.TrimSpace(in.Get("value").String())
	v, err := strconv.ParseFloat(raw, 64)
	if err == nil && p.Check(v) == nil {
		return v // a correction's note stays until the reader edits the field (wire, wireParams)
	}
	if !fix {
		return cur
	}
	msg := p.Name + " must be a number"
	if err == nil {
		msg = p.Check(v).Error()
		v = state.Correct(p, v)
	} else {
		v = cur
	}
	in.Set("value", ftoa(v))
	note(in, msg+": corrected to "+ftoa(v))
	return v
}

func (a *app) showAbout(m algo.Method) {
	if a.about == nil {
		return
	}
	a.about.SetInnerHTML("")
	h := el("h2")
	h.SetTextContent(m.Name)
	p := el("p")
	p.SetTextContent(m.About)
	appendTo(a.about, h)
	appendTo(a.about, p)
	if m.Paper != "" {
		c := el("p")
		c.Class().Add("cite")
		c.SetTextContent("Paper: " + m.Paper)
		appendTo(a.about, c)
	}
	r := el("p")
	r.Class().Add("cite")
	r.SetTextContent("Exact to: " + m.Reference)
	appendTo(a.about, r)
}

// wireParams listens once, on the box, to every field and slider buildParams puts in it: a slider
// moves its field (on its grid), a field's value is the state's; committing a field corrects it.
func (a *app) wireParams() {
	if a.params == nil {
		return
	}
	a.onWithin(a.params, "input", func(e *dom.BasicEvent) {
		in := e.Underlying().Get("target")
		if name := in.Call("getAttribute", "data-range"); !name.IsNull() {
			m, _ := a.st.Algo()
			if p, ok := paramOf(m, name.String()); ok {
				if f := in.Get("nextElementSibling"); !f.IsNull() {
					f.Set("value", ftoa(fromSlider(p, num(in.Get("value").String(), p.Default))))
					note(f, "")
				}
			}
			a.typing()
			return
		}
		if !in.Call("getAttribute", "data-param").IsNull() {
			note(in, "")
			a.typing()
		}
	})
	a.onWithin(a.params, "change", func(e *dom.BasicEvent) {
		if !e.Underlying().Get("target").Call("getAttribute", "data-param").IsNull() {
			a.committed()
		}
	})
}

func paramOf(m algo.Method, name string) (algo.Param, bool) {
	for _, p := range m.Params {
		if p.Name == name {
			return p, true
		}
	}
	return algo.Param{}, false
}

// wire connects every control the page has to the state; each feature wires its own.
func (a *app) wire() {
	changed := func(*dom.BasicEvent) { a.changed() }
	a.wireParams()
	if a.method != nil {
		a.on(a.method, "change", func(*dom.BasicEvent) {
			a.st.Method, a.st.Params, a.st.Reference = a.method.Value(), nil, ""
			a.buildParams()
			a.changed()
		})
	}
	for _, e := range []*dom.HTMLSelectElement{a.typ, a.blur} {
		if e != nil {
			a.on(e, "change", changed)
		}
	}
	for _, e := range []*dom.HTMLInputElement{a.dark, a.ignoreZero, a.ignoreMax, a.surface} {
		if e != nil {
			a.on(e, "change", changed)
		}
	}
	// Number fields: a value the rule accepts applies as it is typed; committing corrects the rest.
	for _, e := range []*dom.HTMLInputElement{a.maxval, a.noiseSigma, a.noiseMean, a.noiseSeed} {
		if e != nil {
			a.on(e, "input", func(*dom.BasicEvent) {
				note(e.Underlying(), "")
				a.typing()
			})
			a.on(e, "change", func(*dom.BasicEvent) { a.committed() })
		}
	}
	if r := find[*dom.HTMLInputElement](a.root, "noiseSigmaRange"); r != nil && a.noiseSigma != nil {
		a.on(r, "input", func(*dom.BasicEvent) {
			a.noiseSigma.SetValue(ftoa(state.Correct(state.NoiseSigmaField, math.Round(num(r.Value(), 0)))))
			note(a.noiseSigma.Underlying(), "")
			a.typing()
		})
	}
	if a.sample != nil {
		a.on(a.sample, "change", func(*dom.BasicEvent) {
			a.st.Sample = a.sample.Value()
			a.writeHash()
			a.loadSample(a.st.Sample)
		})
	}
	a.wireHash()
	a.wireFiles()
	a.wireDownload()
	a.wireHistogramDrag()
	a.wireTryAll()
	a.wireCompare()
	a.wireZoom()
	a.wireCamera()
	a.wireLab()
}
