//go:build js && wasm && lesson

package main

import (
	"math"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo"
)

// The lesson widget's ranked table on a generated page: each method of the widget's menu (its
// data-methods; every method but manual when it has none) run on the page with its default
// parameters and type binary — dark text: a pixel at or under its level is 0, as in DIBCO's
// pictures, so the result is exactly what limen.threshold(page, {method}) gives — and scored
// against the page's truth with limen.evaluate, sorted by F-measure, best first. The compute
// worker ranks as it does for the tool page's Rank all (wasm/labrank.go): {kind: 'rank'} in
// web/worker.js, one method a message, the truth with the first; where no worker runs, the same
// two calls here.

// docRankRow is one method's scores.
type docRankRow struct {
	id, name         string
	f, psnr, drd, ms float64
}

// sortRows puts the best F-measure first, stably (the list's order among equals), NaN last.
func sortRows(rows []docRankRow) {
	// An insertion sort, since a list is a few dozen rows and slices' generic sort would add kilobytes to the module.
	key := func(r docRankRow) float64 {
		if math.IsNaN(r.f) {
			return math.Inf(-1)
		}
		return r.f
	}
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && key(rows[j]) > key(rows[j-1]); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

// docRank is a lesson widget's ranked table: data-el="rank" (a table), with rankBody (its tbody)
// and rankStatus inside the widget.
type docRank struct {
	g            *docgen
	body, status *dom.BasicHTMLElement
	ids          []string
	rows         []docRankRow // ranked so far
	seq          int          // the page's ranking; an answer for an older one is dropped
	t0           float64
	truth        js.Value // the page's truth as an ImageData, for limen.evaluate
}

// startRank wires the ranked table, if the widget has one.
func (g *docgen) startRank() {
	a := g.a
	if find[*dom.BasicHTMLElement](a.root, "rank") == nil {
		return
	}
	r := &docRank{g: g, body: find[*dom.BasicHTMLElement](a.root, "rankBody"), status: find[*dom.BasicHTMLElement](a.root, "rankStatus")}
	r.ids = strings.Fields(a.root.GetAttribute("data-methods")) // the widget's method menu
	if len(r.ids) == 0 {
		for _, m := range algo.Methods() {
			if m.ID != "manual" {
				r.ids = append(r.ids, m.ID)
			}
		}
	}
	g.rank = r
	// Clicking a method's name shows its result.
	a.onWithin(r.body, "click", func(e *dom.BasicEvent) {
		b := e.Underlying().Get("target").Call("closest", "[data-pick]")
		if b.IsNull() {
			return
		}
		a.st.Method, a.st.Params, a.st.Reference = b.Call("getAttribute", "data-pick").String(), nil, ""
		if a.method != nil {
			a.method.SetValue(a.st.Method)
		}
		a.buildParams()
		a.changed()
		r.mark()
	})
	a.afterShow = append(a.afterShow, func(js.Value) { r.mark() })
}

// start ranks the page just shown, one method at a time, so that the table fills as it goes, the
// result of a method picked meanwhile is not stuck behind the whole list, and a new page stops the
// ranking of the old one.
func (r *docRank) start() {
	g := r.g
	r.seq++
	r.rows, r.t0 = nil, now()
	r.truth = grayImageValue(g.truth.Pix, g.truth.Rect.Dx(), g.truth.Rect.Dy())
	r.fill()
	r.next()
}

// next asks for the next method's scores: of the worker, or here.
func (r *docRank) next() {
	a := r.g.a
	o := js.Global().Get("Object").New()
	o.Set("method", r.ids[len(r.rows)])
	o.Set("type", "binary")
	m := js.Global().Get("Object").New()
	m.Set("id", r.seq)
	if a.worker.Truthy() {
		m.Set("kind", "rank")
		m.Set("opts", o)
		if len(r.rows) == 0 {
			m.Set("truth", r.truth)
		}
		a.post(m)
		return
	}
	res := js.Global().Get("Object").New()
	t, err := a.api.threshold([]js.Value{a.local, o})
	if err == nil {
		var s any
		s, err = a.api.evaluate([]js.Value{t.(js.Value).Get("image"), r.truth})
		res.Set("scores", s)
		res.Set("ms", t.(js.Value).Get("ms"))
	}
	if err != nil {
		res.Set("error", err.Error())
	}
	m.Set("result", res)
	r.done(m)
}

// done takes one method's answer ({id, result: {scores, ms} or {error}}): one more row, then the
// next method.
func (r *docRank) done(m js.Value) {
	if msgID(m) != r.seq {
		return
	}
	res := m.Get("result")
	if e := res.Get("error"); e.Truthy() {
		r.status.SetTextContent("Could not rank: " + e.String())
		return
	}
	id, s := r.ids[len(r.rows)], res.Get("scores")
	r.rows = append(r.rows, docRankRow{id: id, name: methodName(id), f: s.Get("fmeasure").Float(),
		psnr: s.Get("psnr").Float(), drd: s.Get("drd").Float(), ms: res.Get("ms").Float()})
	sortRows(r.rows)
	r.fill()
	if len(r.rows) < len(r.ids) {
		r.next()
	}
}

// fill writes the table: rank, method (a button that selects it), F-measure, PSNR, DRD, time. Each
// row keeps its method's id and exact F-measure in data-method and data-f.
func (r *docRank) fill() {
	fixed := func(v float64, prec int) string {
		if math.IsInf(v, 1) {
			return "∞"
		}
		return strconv.FormatFloat(v, 'f', prec, 64)
	}
	html := ""
	for i, row := range r.rows {
		id := htmlAttr(row.id)
		html += `<tr data-method="` + id + `" data-f="` + ftoa(row.f) + `"><td>` + itoa(i+1) +
			`</td><td><button type="button" data-pick="` + id + `">` + htmlAttr(row.name) + `</button></td><td>` +
			fixed(row.f, 2) + `</td><td>` + fixed(row.psnr, 2) + `</td><td>` + fixed(row.drd, 2) +
			`</td><td>` + fixed(row.ms, 0) + `</td></tr>`
	}
	r.body.SetInnerHTML(html)
	n := itoa(len(r.ids))
	if len(r.rows) < len(r.ids) {
		r.status.SetTextContent("Ranking the methods on this page… " + itoa(len(r.rows)) + " of " + n)
	} else {
		r.status.SetTextContent(n + " methods ranked in " + strconv.FormatFloat((now()-r.t0)/1000, 'f', 1, 64) +
			" s, each with its default parameters, against the page's ground truth. Click a method to see its result.")
	}
	r.mark()
}

// mark highlights the row of the method the widget shows.
func (r *docRank) mark() {
	for _, tr := range all[*dom.BasicHTMLElement](r.body, "tr") {
		if tr.GetAttribute("data-method") == r.g.a.st.Method {
			tr.Class().Add("lw-current")
		} else {
			tr.Class().Remove("lw-current")
		}
	}
}
