//go:build js && wasm && lesson

package main

import (
	"errors"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo"
	"limen/algo/document"
	"limen/wasm/internal/state"
)

// The generator itself, in the lesson's module only (web/lesson.wasm): limen.document, and how a
// lesson widget or the embed makes its page (generate). In the tool page's module (limen.wasm) it
// did not fit the 1 MB budget: there limen.document is web/limen.js's, answered by a worker running
// this module, and the page's controls ask it (labgen.go).

// documentSize are limen.document's options besides the degradations (document.Params): with
// them, every option is an algo.Param, checked by the registry's one rule (Param.Check).
var documentSize = []algo.Param{
	{Name: "seed", Default: float64(document.SampleSeeds[0]), Min: 0, Max: state.MaxDocSeed, Integer: true},
	{Name: "width", Default: float64(document.SampleWidth), Min: document.MinSide, Max: document.MaxSide, Integer: true},
	{Name: "height", Default: float64(document.SampleHeight), Min: document.MinSide, Max: document.MaxSide, Integer: true},
}

// document is limen.document(options) → {image, truth, seed, width, height}: the page and its
// ground truth (text 0, paper 255) as opaque gray ImageData.
func (a *api) document(args []js.Value) (any, error) {
	v, err := documentOptions(arg(args, 0))
	if err != nil {
		return nil, err
	}
	seed, w, h := uint64(v[0]), int(v[1]), int(v[2])
	page, truth, err := document.Generate(seed, w, h, state.Doc{}.WithValues(v[3:]).D)
	if err != nil {
		return nil, err
	}
	r := js.Global().Get("Object").New()
	r.Set("image", grayImageValue(page.Pix, w, h))
	r.Set("truth", grayImageValue(truth.Pix, w, h))
	r.Set("seed", v[0])
	r.Set("width", w)
	r.Set("height", h)
	return r, nil
}

// documentOptions reads limen.document's options: seed (a whole number 0…2^53, default the first
// sample's), width and height (document.MinSide…MaxSide, default the samples' size), and each
// degradation by its name in document.Params (default its default), in that order. A value that is
// not a number in its range is an error that says so.
func documentOptions(o js.Value) ([]float64, error) {
	if !o.IsUndefined() && !o.IsNull() && o.Type() != js.TypeObject {
		return nil, errors.New("document's options must be an object such as {seed: 2, stain: 1}")
	}
	var vals []float64
	for _, p := range append(documentSize, document.Params...) {
		n := p.Default
		if o.Type() == js.TypeObject {
			switch v := o.Get(p.Name); {
			case v.Type() == js.TypeNumber:
				n = v.Float()
			case !v.IsUndefined():
				return nil, errors.New("document's " + p.Name + " must be a number, not " + jsString(v))
			}
		}
		if err := p.Check(n); err != nil {
			return nil, errors.New("document's " + err.Error())
		}
		vals = append(vals, n)
	}
	return vals, nil
}

// generate makes the page o names: in the compute worker, which runs this module and keeps the page
// to threshold (its answer comes to message), or here where no worker runs.
func (g *docgen) generate(o js.Value) {
	a := g.a
	if a.worker.Truthy() {
		g.busy = true
		msg := js.Global().Get("Object").New()
		msg.Set("kind", "document")
		msg.Set("opts", o)
		a.post(msg)
		return
	}
	r, err := a.api.document([]js.Value{o})
	if err != nil {
		a.fail(err.Error())
		return
	}
	v := r.(js.Value)
	a.local = v.Get("image")
	g.shown(a.local, v.Get("truth"))
}

// build makes a lesson widget's controls inside box: the seed, and a slider for each degradation
// (document.Params, named as its control shows it: bleedThrough as "bleed-through") with its value
// beside it. (The tool page has them in its HTML: labgen.go.)
func (g *docgen) build(box *dom.BasicHTMLElement) {
	html := `<label title="which page: its text, its layout, its paper, and where each degradation falls">seed ` +
		`<input type="number" min="0" step="1" data-doc="seed"></label>`
	for _, p := range document.Params {
		name := ""
		for _, r := range p.Name {
			if r >= 'A' && r <= 'Z' {
				name += "-"
				r += 'a' - 'A'
			}
			name += string(r)
		}
		html += `<label title="` + htmlAttr(p.Doc) + `">` + name + ` <input type="range" min="` + ftoa(p.Min) + `" max="` + ftoa(p.Max) +
			`" step="` + ftoa(sliderStep(p)) + `" data-doc="` + p.Name + `"> <output></output></label>`
	}
	box.SetInnerHTML(html)
	g.wire(box)
}

// listen takes the compute worker's answers about pages (it runs this module): a page made, a
// method ranked on it.
func (g *docgen) listen() {
	a := g.a
	if !a.worker.Truthy() {
		return
	}
	a.worker.Call("addEventListener", "message", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if m := args[0].Get("data"); m.Get("slot").Int() == a.slot {
			defer collect() // see startWorker
			defer a.recover()
			g.message(m)
		}
		return nil
	}))
}

// message takes the worker's answers about pages: a page made, a method ranked on it.
func (g *docgen) message(m js.Value) {
	switch m.Get("kind").String() {
	case "document":
		g.busy = false
		if e := m.Get("error"); e.Truthy() {
			g.a.fail(e.String())
		} else if g.a.st.Doc != nil { // else a sample or the reader's picture came since
			g.shown(m.Get("image"), m.Get("truth"))
		}
		if g.pending {
			g.pending = false
			g.make()
		}
	case "rank":
		if g.rank != nil {
			g.rank.done(m)
		}
	}
}

// htmlAttr escapes a string for a double-quoted HTML attribute.
func htmlAttr(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// installDocument adds limen.document.
func (a *api) installDocument(limen js.Value) {
	limen.Set("document", a.export(func(_ js.Value, args []js.Value) any {
		defer collect()
		return guard(func() (any, error) { return a.document(args) })
	}))
}
