//go:build js && wasm && lesson

package main

import (
	"errors"
	"image"
	"math"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo"
	"limen/algo/document"
	"limen/wasm/internal/state"
)

// A degraded page to learn on: limen.document(options) makes a page and its ground truth with
// algo/document. The main page's "Make a degraded page" controls, and a lesson widget's, make one
// in the compute worker (a page takes a few hundred milliseconds), show it as the picture, hand its
// truth to the lab (setTruth), and keep its seed and degradations in the URL (state's doc key), so
// that a link makes the same page again. The generator is in the module the page starts with: it
// adds about 19 KB to the gzipped module, less than a second module or a fetched font would cost.

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

// docgen is one app's page generator: its controls (if it has them), and the request in flight.
type docgen struct {
	a       *app
	inputs  []*dom.HTMLInputElement // the seed, then document.Params' sliders
	busy    bool                    // a page is being made
	pending bool                    // another is wanted once it is shown
	page    *image.Gray
	truth   *image.Gray
	rank    *docRank // a lesson widget's ranked table (docgen_rank.go), or nil
}

var docgens = map[*app]*docgen{}

// startDocgen wires an app's generator: its controls (inside data-el="docgen"), if it has them,
// and the page its state names. Called before the app's other controls are wired, so that its
// listeners run first.
func (a *app) startDocgen() {
	box := find[*dom.BasicHTMLElement](a.root, "docgen")
	if box == nil && a.st.Doc == nil {
		return
	}
	g := &docgen{a: a}
	docgens[a] = g
	if box != nil {
		g.build(box)
		if a.widget {
			// A lesson widget that makes pages scores them against their truth: no other picture.
			for _, e := range all[*dom.BasicHTMLElement](a.root, `[data-el="sample"], [data-el="file"]`) {
				e.Call("closest", "label").Call("remove")
			}
			a.sample = nil
		}
	}
	if a.sample != nil {
		// A sample replaces the generated page (this runs before the app's own handler writes the hash).
		a.on(a.sample, "change", func(*dom.BasicEvent) {
			if a.st.Doc != nil {
				a.st.Doc = nil
				a.setTruth(nil, "")
			}
		})
	}
	if a.worker.Truthy() {
		a.worker.Call("addEventListener", "message", js.FuncOf(func(_ js.Value, args []js.Value) any {
			if m := args[0].Get("data"); m.Get("slot").Int() == a.slot {
				defer collect() // see startWorker
				defer a.recover()
				g.message(m)
			}
			return nil
		}))
	}
	if !a.widget && !a.embed {
		// A link to another page followed here, or Back: make the page it names. (This runs before
		// the app's own handler, which reads the rest of the hash.)
		a.on(jsValue{js.Global()}, "hashchange", func(*dom.BasicEvent) {
			st, _ := state.Parse(js.Global().Get("location").Get("hash").String())
			if st.Doc != nil && (a.st.Doc == nil || *st.Doc != *a.st.Doc) {
				a.st.Doc = st.Doc
				g.make()
			}
		})
	}
	g.startRank()
	g.make()
}

// message takes the worker's answers about pages: a page made, a ranking done.
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
	case "docrank":
		if g.rank != nil {
			g.rank.done(m)
		}
	}
}

// build makes the controls inside box: the seed, a slider for each degradation (document.Params,
// named as its control shows it: bleedThrough as "bleed-through") with its value beside it, and on
// the main page a button that makes the page as set (its controls have ids there: doc-seed,
// doc-illumination, …, doc-make).
func (g *docgen) build(box *dom.BasicHTMLElement) {
	a := g.a
	main := !a.widget && !a.embed
	id := func(name string) string {
		if main {
			return ` id="doc-` + name + `"`
		}
		return ""
	}
	html := `<label title="which page: its text, its layout, its paper, and where each degradation falls">seed ` +
		`<input type="number" min="0" step="1" data-doc="seed"` + id("seed") + `></label>`
	for _, p := range document.Params {
		step := (p.Max - p.Min) / 20
		if p.Max-p.Min >= 20 {
			step = 1
		}
		name := ""
		for _, r := range p.Name {
			if r >= 'A' && r <= 'Z' {
				name += "-"
				r += 'a' - 'A'
			}
			name += string(r)
		}
		html += `<label title="` + htmlAttr(p.Doc) + `">` + name + ` <input type="range" min="` + ftoa(p.Min) + `" max="` + ftoa(p.Max) +
			`" step="` + ftoa(step) + `" data-doc="` + p.Name + `"` + id(p.Name) + `> <output></output></label>`
	}
	if main {
		html += `<p><button type="button" data-doc="make"` + id("make") + `>Make this page</button></p>`
	}
	box.SetInnerHTML(html)
	g.inputs = all[*dom.HTMLInputElement](box, "input[data-doc]")
	g.showControls()
	a.onWithin(box, "input", func(e *dom.BasicEvent) {
		if out := e.Underlying().Get("target").Get("nextElementSibling"); !out.IsNull() {
			out.Set("textContent", e.Underlying().Get("target").Get("value"))
		}
		g.changed()
	})
	a.onWithin(box, "click", func(e *dom.BasicEvent) {
		if e.Underlying().Get("target").Call("matches", "button").Bool() {
			g.changed()
		}
	})
}

// showControls shows the page in the controls: the state's, or the first one the controls make.
func (g *docgen) showControls() {
	d := state.DefaultDoc()
	if g.a.st.Doc != nil {
		d = *g.a.st.Doc
	}
	for i, v := range append([]float64{float64(d.Seed)}, d.Values()...) {
		if i < len(g.inputs) {
			g.inputs[i].SetValue(ftoa(v))
			if out := g.inputs[i].Get("nextElementSibling"); !out.IsNull() {
				out.Set("textContent", ftoa(v))
			}
		}
	}
}

// changed reads the controls into the state, mirrors the hash and makes the page.
func (g *docgen) changed() {
	a := g.a
	d := state.DefaultDoc()
	vals := d.Values()
	for i, in := range g.inputs {
		if i == 0 {
			d.Seed = uint64(math.Max(0, math.Min(state.MaxDocSeed, math.Trunc(num(in.Value(), float64(d.Seed))))))
		} else if p := document.Params[i-1]; i <= len(vals) {
			vals[i-1] = math.Max(p.Min, math.Min(p.Max, num(in.Value(), p.Default)))
		}
	}
	d = d.WithValues(vals)
	a.st.Doc, a.st.Sample = &d, ""
	if a.sample != nil {
		a.sample.SetValue("")
	}
	a.writeHash()
	g.make()
}

// make asks for the state's page: from the worker, or here where no worker runs. A newer request
// waits for the one in flight, and only the newest is made.
func (g *docgen) make() {
	a := g.a
	if a.st.Doc == nil {
		return
	}
	if g.busy {
		g.pending = true
		return
	}
	g.showControls()
	d := *a.st.Doc
	o := js.Global().Get("Object").New()
	o.Set("seed", float64(d.Seed))
	for i, v := range d.Values() {
		o.Set(document.Params[i].Name, v)
	}
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
	g.shown(v.Get("image"), v.Get("truth"))
}

// shown shows a page the generator made (the worker has loaded it already) and its truth.
func (g *docgen) shown(img, truthImg js.Value) {
	a := g.a
	a.stopCamera()
	w, h := img.Get("width").Int(), img.Get("height").Int()
	a.original.SetWidth(w)
	a.original.SetHeight(h)
	a.original.GetContext2d().Call("putImageData", img, 0, 0)
	d := *a.st.Doc
	a.name = "degraded page, seed " + strconv.FormatUint(d.Seed, 10)
	a.width, a.height, a.loaded = w, h, true
	if c := find[*dom.BasicHTMLElement](a.root, "originalCaption"); c != nil {
		c.SetTextContent("Original: " + a.name + ", " + itoa(w) + "×" + itoa(h))
	}
	g.truth = image.NewGray(image.Rect(0, 0, w, h))
	redOf(g.truth, truthImg.Get("data"), a.api)
	a.setTruth(g.truth, "ground truth of the "+a.name)
	// What the truth was, for the browser tests: FNV-1a of its pixels.
	hash := uint32(2166136261)
	for _, v := range g.truth.Pix {
		hash = (hash ^ uint32(v)) * 16777619
	}
	a.root.SetAttribute("data-doc-truth", strconv.FormatUint(uint64(hash), 10))
	a.clearError()
	if !a.worker.Truthy() {
		a.local = img
		g.page = image.NewGray(g.truth.Rect)
		redOf(g.page, img.Get("data"), a.api)
	}
	a.request()
	if g.rank != nil {
		g.rank.start()
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
