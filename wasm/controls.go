//go:build js && wasm

package main

import (
	"syscall/js"

	"limen/algo"
	"limen/wasm/internal/samples"

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

// buildParams makes one slider per parameter of the chosen method, from the registry, set to the
// state's values. The sliders come and go with the method, so they get no listener of their own
// (a js.FuncOf per slider would outlive it): wireParams listens on their box.
func (a *app) buildParams() {
	m, _ := a.st.Algo()
	a.showAbout(m)
	a.showLibraries() // the lab's library menu follows the method (lab.go)
	if a.params == nil {
		return
	}
	a.params.SetInnerHTML("")
	for _, p := range m.Params {
		label := el("label")
		label.Class().Add("param")
		label.SetAttribute("title", p.Doc)
		appendTo(label, text(p.Name+" "))
		in := create[*dom.HTMLInputElement]("input")
		in.SetType("range")
		if !a.widget {
			in.SetID("param-" + p.Name)
		}
		in.SetAttribute("data-param", p.Name)
		in.SetAttribute("aria-label", p.Name+": "+p.Doc)
		in.SetMin(ftoa(p.Min))
		in.SetMax(ftoa(p.Max))
		step := "any"
		switch {
		case p.Odd:
			step = "2"
		case p.Integer:
			step = "1"
		case p.Max-p.Min > 20:
			step = "0.5"
		case p.Max-p.Min > 2:
			step = "0.05"
		default:
			step = "0.01"
		}
		in.SetStep(step)
		v := ftoa(a.st.Param(p))
		in.SetValue(v)
		out := el("output")
		out.SetTextContent(v)
		appendTo(label, in)
		appendTo(label, text(" "))
		appendTo(label, out)
		appendTo(a.params, label)
	}
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

// wireParams listens once, on the box, to every slider buildParams puts in it: the slider's output
// shows its value, and the state follows.
func (a *app) wireParams() {
	if a.params == nil {
		return
	}
	a.onWithin(a.params, "input", func(e *dom.BasicEvent) {
		in := e.Underlying().Get("target")
		if in.Call("getAttribute", "data-param").IsNull() {
			return
		}
		if out := in.Get("nextElementSibling"); !out.IsNull() {
			out.Set("textContent", in.Get("value"))
		}
		a.changed()
	})
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
	for _, e := range []*dom.HTMLInputElement{a.maxval, a.dark, a.ignoreZero, a.ignoreMax, a.noiseMean, a.noiseSeed, a.surface} {
		if e != nil {
			a.on(e, "change", changed)
		}
	}
	if a.noiseSigma != nil {
		sigmaOut := find[*dom.BasicHTMLElement](a.root, "noiseSigmaOut")
		a.on(a.noiseSigma, "input", func(*dom.BasicEvent) {
			if sigmaOut != nil {
				sigmaOut.SetTextContent(a.noiseSigma.Value())
			}
			a.changed()
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
