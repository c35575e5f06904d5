//go:build js && wasm && lesson

package main

import (
	"errors"
	"image"
	"math"
	"syscall/js"

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
