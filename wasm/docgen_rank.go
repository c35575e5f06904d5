//go:build js && wasm

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
)

// The lesson's ranking on a generated page: each method of the widget's menu (its data-methods;
// every method but manual when it has none) run on the page with its default parameters and type binary — dark
// text: a pixel at or under its level is 0, as in DIBCO's pictures, so the result is exactly what
// limen.threshold(page, {method}) gives — and scored against the page's truth with algo.Evaluate
// (limen.evaluate), sorted by F-measure, best first. It runs in the compute worker
// (__limenDocRank, on the page the worker holds already), or here where no worker runs.

// docRankRow is one method's scores.
type docRankRow struct {
	id, name         string
	f, psnr, drd, ms float64
}

// rankOn thresholds im with each method and scores it against truth, best F-measure first (a
// method whose F-measure is not a number, no text found, last). buf is reused for the outputs.
func rankOn(im *algo.Image, truth *image.Gray, ids []string, buf *[]byte) ([]docRankRow, error) {
	g := im.Gray()
	w, h := truth.Rect.Dx(), truth.Rect.Dy()
	if g.Rect.Dx() != w || g.Rect.Dy() != h {
		return nil, errors.New("the page and its truth differ in size")
	}
	bin := image.NewGray(truth.Rect)
	var rows []docRankRow
	for _, id := range ids {
		m, ok := algo.Lookup(id)
		if !ok {
			continue
		}
		t0 := now()
		out, err := im.Threshold(&algo.Options{Method: id, Type: algo.Binary, Maxval: 255}, grow(buf, 4*w*h))
		if err != nil {
			return nil, errors.New(id + ": " + err.Error())
		}
		ms := now() - t0
		for i := range bin.Pix {
			bin.Pix[i] = out.Pix[4*i]
		}
		s, err := algo.Evaluate(bin, truth, algo.EvalOptions{})
		if err != nil {
			return nil, err
		}
		rows = append(rows, docRankRow{id: id, name: m.Name, f: s.FMeasure, psnr: s.PSNR, drd: s.DRD, ms: ms})
	}
	sortRows(rows)
	return rows, nil
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

// rowsValue is the rows as a JS array of {id, name, fmeasure, psnr, drd, ms}.
func rowsValue(rows []docRankRow) js.Value {
	arr := js.Global().Get("Array").New(len(rows))
	for i, r := range rows {
		o := js.Global().Get("Object").New()
		o.Set("id", r.id)
		o.Set("name", r.name)
		o.Set("fmeasure", r.f)
		o.Set("psnr", r.psnr)
		o.Set("drd", r.drd)
		o.Set("ms", r.ms)
		arr.SetIndex(i, o)
	}
	return arr
}

// rankBuf is the worker's ranking's output buffer, reused from call to call.
var rankBuf []byte

// docRankInWorker is the compute worker's __limenDocRank(handleId, truth, methods): the ranking
// on a picture limen.load holds, against a truth ImageData (read by its R channel).
func (a *api) docRankInWorker(args []js.Value) (any, error) {
	im := handles[arg(args, 0).Int()]
	if im == nil {
		return nil, errors.New("no page to rank")
	}
	w, h, data, err := imageSize(arg(args, 1), "the truth")
	if err != nil {
		return nil, err
	}
	truth := image.NewGray(image.Rect(0, 0, w, h))
	redOf(truth, data, a)
	var ids []string
	list := arg(args, 2)
	for i := range list.Length() {
		ids = append(ids, list.Index(i).String())
	}
	rows, err := rankOn(im, truth, ids, &rankBuf)
	if err != nil {
		return nil, err
	}
	return rowsValue(rows), nil
}

// installDocument adds limen.document and the worker's __limenDocRank.
func (a *api) installDocument(limen js.Value) {
	limen.Set("document", a.export(func(_ js.Value, args []js.Value) any {
		defer collect()
		return guard(func() (any, error) { return a.document(args) })
	}))
	js.Global().Set("__limenDocRank", a.export(func(_ js.Value, args []js.Value) any {
		defer collect()
		return guard(func() (any, error) { return a.docRankInWorker(args) })
	}))
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
