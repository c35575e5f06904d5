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

// The lesson widget's ranked table on a generated page (the ranking itself, rankOn, and the
// worker's handler are in docgen_rank.go, which every build has).

// docRank is a lesson widget's ranked table: data-el="rank" (a table), with rankBody (its tbody)
// and rankStatus inside the widget.
type docRank struct {
	g            *docgen
	body, status *dom.BasicHTMLElement
	ids          []string
	rows         []docRankRow // ranked so far
	seq          int          // the page's ranking; an answer for an older one is dropped
	t0           float64
	buf          []byte
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

// start ranks the page just shown. In the worker it asks for one method at a time, so that the
// table fills as it goes, the result of a method picked meanwhile is not stuck behind the whole
// list, and a new page stops the ranking of the old one.
func (r *docRank) start() {
	r.seq++
	r.rows, r.t0 = nil, now()
	if r.g.a.worker.Truthy() {
		r.fill()
		r.next()
		return
	}
	rows, err := rankOn(algo.NewImageGray(r.g.page), r.g.truth, r.ids, &r.buf)
	if err != nil {
		r.status.SetTextContent("Could not rank: " + err.Error())
		return
	}
	r.rows = rows
	r.fill()
}

// next asks the worker for the next method's scores.
func (r *docRank) next() {
	msg := js.Global().Get("Object").New()
	msg.Set("kind", "docrank")
	msg.Set("id", r.seq)
	ids := js.Global().Get("Array").New(1)
	ids.SetIndex(0, r.ids[len(r.rows)])
	msg.Set("methods", ids)
	r.g.a.post(msg)
}

// done takes the worker's answer: one more row, then the next method.
func (r *docRank) done(m js.Value) {
	if msgID(m) != r.seq {
		return
	}
	if e := m.Get("error"); e.Truthy() {
		r.status.SetTextContent("Could not rank: " + e.String())
		return
	}
	row := m.Get("rows").Index(0)
	r.rows = append(r.rows, docRankRow{id: row.Get("id").String(), name: row.Get("name").String(), f: row.Get("fmeasure").Float(),
		psnr: row.Get("psnr").Float(), drd: row.Get("drd").Float(), ms: row.Get("ms").Float()})
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
