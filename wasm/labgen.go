//go:build js && wasm && !lesson

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo/document"
)

// The tool page's degraded pages: its "Make a degraded page" controls (docgen.go, the same as the
// lesson widget's) without the generator in this module, which the page fetches at start and which
// had no room for it (1,021 KB gzipped with it, over the 1 MB budget). The page is asked of
// limen.document, which here is web/limen.js's: a Promise answered by a worker running the lesson's
// module (the message {kind: 'document', slot, opts, only: true} to a worker started from
// worker.js?module=lesson, or a blob of lesson.wasm in the single file), started on first use and
// kept; the service worker keeps lesson.wasm for offline use. The page then goes to the compute
// worker like any other picture (load.go's use), and the lab scores the result against its truth.

// generate asks for the page o names and shows it, unless the state has moved on meanwhile (another
// page, which make then asks for, or another picture).
func (g *docgen) generate(o js.Value) {
	a := g.a
	g.busy = true
	want := *a.st.Doc
	go func() {
		defer a.recover()
		limen, err := await(js.Global().Get("limenReady"))
		var d js.Value
		if err == nil {
			d, err = await(limen.Call("document", o))
		}
		g.busy = false
		switch {
		case err != nil:
			a.fail("Could not make the degraded page: " + err.Error())
		case a.st.Doc != nil && *a.st.Doc == want:
			g.show(d.Get("image"), d.Get("truth"))
		}
		if g.pending {
			g.pending = false
			g.make()
		}
	}()
}

// show makes a page the generator made the picture, as load.go does a file's (use), and its truth
// the ground truth. A Rank all table follows the page: it is made again for the new one.
func (g *docgen) show(img, truth js.Value) {
	a := g.a
	a.use(img)
	g.shown(img, truth)
	if l := a.lab(); l != nil && l.rank != nil {
		l.rank.running = false // the old page's run stops; its answers still in flight are dropped by id
		a.startRank()
	}
}

// build wires the tool page's controls, which its HTML has (web/index.html: the seed, a slider for
// each degradation of document.Params by its name in data-doc, each with an <output>, and a Make
// button): their ranges and help from document.Params, so that the one list decides.
func (g *docgen) build(box *dom.BasicHTMLElement) {
	for _, p := range document.Params {
		if in := box.Call("querySelector", `input[data-doc="`+p.Name+`"]`); !in.IsNull() {
			in.Call("setAttribute", "min", p.Min)
			in.Call("setAttribute", "max", p.Max)
			in.Call("setAttribute", "step", sliderStep(p))
			in.Call("closest", "label").Call("setAttribute", "title", p.Doc)
		}
	}
	g.wire(box)
}

// listen: the compute worker here runs this module, which makes no pages.
func (g *docgen) listen() {}
