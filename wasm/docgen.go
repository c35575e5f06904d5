//go:build js && wasm

package main

import (
	"image"
	"math"
	"strconv"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo/document"
	"limen/wasm/internal/state"
)

// A degraded page to learn on: algo/document makes a page of text and its ground truth, aged by
// six degradations. The tool page's "Make a degraded page" controls, and a lesson widget's, ask for
// one (generate: a page takes a few hundred milliseconds), show it as the picture, hand its truth to
// the lab (setTruth), and keep its seed and degradations in the URL (state's doc key), so that a
// link makes the same page again. The generator itself is in the lesson's module only
// (docgen_api.go); the tool page asks a worker running that module (labgen.go).

// docgen is one app's page generator: its controls (if it has them), and the request in flight.
type docgen struct {
	a       *app
	inputs  []*dom.HTMLInputElement // the seed, then document.Params' sliders
	busy    bool                    // a page is being made
	pending bool                    // another is wanted once it is shown
	truth   *image.Gray
	rank    *docRank // a lesson widget's ranked table (lesson_rank.go), or nil
}

// startDocgen wires an app's generator: its controls (inside data-el="docgen"), if it has them,
// and the page its state names. Called before the app's other controls are wired, so that its
// listeners run first.
func (a *app) startDocgen() {
	box := find[*dom.BasicHTMLElement](a.root, "docgen")
	if box == nil && a.st.Doc == nil {
		return
	}
	g := &docgen{a: a}
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
	g.listen()
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

// wire makes the controls' values show beside them and each move (or the Make button's click) make
// a page.
func (g *docgen) wire(box *dom.BasicHTMLElement) {
	a := g.a
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
	g.generate(o)
}

// shown shows a page the generator made (handed to the compute worker already: generate) and its truth.
func (g *docgen) shown(img, truthImg js.Value) {
	a := g.a
	a.stopCamera()
	w, h := img.Get("width").Int(), img.Get("height").Int()
	a.original.SetWidth(w)
	a.original.SetHeight(h)
	a.original.GetContext2d().Call("putImageData", img, 0, 0)
	a.named("degraded page, seed "+strconv.FormatUint(a.st.Doc.Seed, 10), w, h)
	g.truth = image.NewGray(image.Rect(0, 0, w, h))
	redOf(g.truth, truthImg.Get("data"), a.api)
	a.setTruth(g.truth, "ground truth of the "+a.name)
	a.request()
	if g.rank != nil {
		g.rank.start()
	}
}
