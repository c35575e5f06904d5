//go:build js && wasm

package main

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo"
)

// Rank all: every method of the registry, global and local, on the picture, scored against the
// ground truth and sorted by F-measure. The current method runs with the current reference and
// parameters, every other with its defaults; each gives limen's binary picture (text dark, as DIBCO
// reads it) of the picture as the page preprocesses it (noise, blur, resize, ignore black/white).
//
// The compute worker runs one method a message ({kind: 'rank'} in web/worker.js: limen.threshold,
// then limen.evaluate against the truth it was given with the first); the page sends the next when
// an answer comes back, so progress shows between methods and Cancel stops before the next one.
// Where no worker runs (the single file), each method runs on the page in its own timer callback.

// ranking is one run of Rank all.
type ranking struct {
	id      int // this run's number: answers of an earlier run are ignored
	jobs    []rankJob
	next    int // the next job to send
	rows    []rankRow
	running bool
	pseudo  bool // the weights were loaded: the rows have pseudo-F
}

// rankJob is one method to run: with the current reference and parameters for the current method.
type rankJob struct {
	method, ref string
	params      map[string]float64
}

// rankRow is one method's outcome.
type rankRow struct {
	job    rankJob
	scores map[string]float64 // by limen.evaluate's names
	ms     float64
	err    string
}

var rankRuns int

func (a *app) wireRank() {
	run := find[*dom.BasicHTMLElement](a.root, "rankRun")
	if run == nil {
		return
	}
	a.on(run, "click", func(*dom.BasicEvent) { a.startRank() })
	if c := find[*dom.BasicHTMLElement](a.root, "rankCancel"); c != nil {
		a.on(c, "click", func(*dom.BasicEvent) { a.stopRank("Cancelled") })
	}
	if t := find[*dom.BasicHTMLElement](a.root, "rankTable"); t != nil {
		pick := func(e *dom.BasicEvent) {
			tr := e.Underlying().Get("target").Call("closest", "tr[data-row]")
			if tr.IsNull() || a.lab().rank == nil {
				return
			}
			i, _ := strconv.Atoi(tr.Call("getAttribute", "data-row").String())
			rows := a.lab().rank.rows
			if i < 0 || i >= len(rows) {
				return
			}
			j := rows[i].job
			a.st.Method, a.st.Reference, a.st.Params = j.method, j.ref, copyParams(j.params)
			a.applyState()
			a.writeHash()
			a.request()
		}
		a.onWithin(t, "click", pick)
		a.onWithin(t, "keydown", func(e *dom.BasicEvent) {
			if e.Underlying().Get("key").String() == "Enter" {
				pick(e)
			}
		})
	}
	if a.worker.Truthy() {
		a.worker.Call("addEventListener", "message", js.FuncOf(func(_ js.Value, args []js.Value) any {
			m := args[0].Get("data")
			if m.Get("kind").String() != "rank" || m.Get("slot").Int() != a.slot {
				return nil
			}
			defer collect()
			defer a.recover()
			a.rankAnswer(m.Get("id").Int(), m.Get("result"))
			return nil
		}))
	}
}

func copyParams(p map[string]float64) map[string]float64 {
	if p == nil {
		return nil
	}
	c := make(map[string]float64, len(p))
	for k, v := range p {
		c[k] = v
	}
	return c
}

// startRank starts a run over every method of the registry.
func (a *app) startRank() {
	l := a.lab()
	if l.truth == nil || !a.loaded {
		return
	}
	if l.rank != nil && l.rank.running {
		return
	}
	rankRuns++
	r := &ranking{id: rankRuns, running: true, pseudo: l.precW != nil && l.recW != nil}
	for _, m := range algo.Methods() {
		j := rankJob{method: m.ID}
		if m.ID == a.st.Method {
			j.ref, j.params = a.st.Reference, copyParams(a.st.Params)
		}
		r.jobs = append(r.jobs, j)
	}
	l.rank = r
	a.showRank()
	a.rankSend(true)
}

// rankOptions are limen.threshold's options for job j: the page's preprocessing, the method's own
// parameters, and the binary picture scoring reads.
func (a *app) rankOptions(j rankJob) js.Value {
	o := a.options()
	if m, ok := a.st.Algo(); ok {
		for _, p := range m.Params {
			o.Delete(p.Name)
		}
	}
	o.Delete("reference")
	o.Set("method", j.method)
	if j.ref != "" {
		o.Set("reference", j.ref)
	}
	for k, v := range j.params {
		o.Set(k, v)
	}
	o.Set("type", "binary")
	o.Set("maxval", 255)
	o.Set("dark", false)
	o.Set("surface", false)
	o.Set("overlay", false)
	o.Set("criterion", false)
	return o
}

// truthValue is the ground truth as an ImageData, and the weights (or undefined) as
// limen.evaluate's options.
func (a *app) truthValue() (js.Value, js.Value) {
	l := a.lab()
	w, h := l.truth.Rect.Dx(), l.truth.Rect.Dy()
	img := grayImageValue(l.truth.Pix, w, h)
	opts := js.Undefined()
	if l.precW != nil && l.recW != nil {
		opts = js.Global().Get("Object").New()
		ws := js.Global().Get("Object").New()
		ws.Set("precision", float64Array(l.precW))
		ws.Set("recall", float64Array(l.recW))
		opts.Set("weights", ws)
	}
	return img, opts
}

// float64Array copies v into a new Float64Array.
func float64Array(v []float64) js.Value {
	raw := make([]byte, 8*len(v))
	for i, f := range v {
		b := math.Float64bits(f)
		for k := 0; k < 8; k++ {
			raw[8*i+k] = byte(b >> (8 * k))
		}
	}
	arr := js.Global().Get("Float64Array").New(len(v))
	js.CopyBytesToJS(js.Global().Get("Uint8Array").New(arr.Get("buffer")), raw)
	return arr
}

// rankSend sends the next job, with the truth when first is set; or finishes the run.
func (a *app) rankSend(first bool) {
	r := a.lab().rank
	if !r.running {
		return
	}
	if r.next >= len(r.jobs) {
		a.stopRank("Done")
		return
	}
	j := r.jobs[r.next]
	r.next++
	a.showRankProgress()
	opts := a.rankOptions(j)
	if !a.worker.Truthy() {
		// The single file: one method per timer callback, so the page draws and Cancel is heard.
		id := r.id
		var f js.Func
		f = js.FuncOf(func(js.Value, []js.Value) any {
			defer f.Release()
			defer collect()
			defer a.recover()
			a.rankAnswer(id, a.rankHere(opts))
			return nil
		})
		js.Global().Call("setTimeout", f, 0)
		return
	}
	msg := js.Global().Get("Object").New()
	msg.Set("kind", "rank")
	msg.Set("id", r.id)
	msg.Set("opts", opts)
	if first {
		truth, eopts := a.truthValue()
		msg.Set("truth", truth)
		msg.Set("evalOpts", eopts)
	}
	a.post(msg)
}

// rankHere runs one job on the page's thread: what web/worker.js does for {kind: 'rank'}.
func (a *app) rankHere(opts js.Value) js.Value {
	out := js.Global().Get("Object").New()
	r, err := a.api.threshold([]js.Value{a.local, opts})
	if err == nil {
		truth, eopts := a.truthValue()
		var s any
		s, err = a.api.evaluate([]js.Value{r.(js.Value).Get("image"), truth, eopts})
		if err == nil {
			out.Set("scores", s)
			out.Set("ms", r.(js.Value).Get("ms"))
		}
	}
	if err != nil {
		out.Set("error", err.Error())
	}
	return out
}

// rankAnswer records one method's outcome and asks for the next.
func (a *app) rankAnswer(id int, res js.Value) {
	r := a.lab().rank
	if r == nil || id != r.id || !r.running {
		return // an earlier run's, or one that was cancelled
	}
	row := rankRow{job: r.jobs[r.next-1]} // the one in flight: jobs are answered in order
	if e := res.Get("error"); e.Truthy() {
		row.err = e.String()
	} else {
		s := res.Get("scores")
		row.scores = map[string]float64{}
		for _, k := range []string{"fmeasure", "pseudoFmeasure", "psnr", "drd", "precision", "recall", "mcc", "nrm"} {
			if v := s.Get(k); v.Type() == js.TypeNumber {
				row.scores[k] = v.Float()
			}
		}
		row.ms = res.Get("ms").Float()
	}
	r.rows = append(r.rows, row)
	a.showRank()
	a.rankSend(false)
}

// stopRank ends the run (done or cancelled).
func (a *app) stopRank(why string) {
	r := a.lab().rank
	if r == nil || !r.running {
		return
	}
	r.running = false
	a.showRankProgress()
	if s := find[*dom.BasicHTMLElement](a.root, "rankStatus"); s != nil {
		s.SetTextContent(why + ": " + itoa(len(r.rows)) + " of " + itoa(len(r.jobs)) + " methods ranked.")
	}
}

// showRankProgress shows how far the run is, and which buttons apply.
func (a *app) showRankProgress() {
	r := a.lab().rank
	if p := find[*dom.BasicHTMLElement](a.root, "rankProgress"); p != nil {
		p.SetAttribute("max", itoa(len(r.jobs)))
		p.SetAttribute("value", itoa(len(r.rows)))
		if r.running {
			p.RemoveAttribute("hidden")
		} else {
			p.SetAttribute("hidden", "")
		}
	}
	if s := find[*dom.BasicHTMLElement](a.root, "rankStatus"); s != nil && r.running && r.next > 0 {
		s.SetTextContent("Running " + methodName(r.jobs[r.next-1].method) + "… " + itoa(len(r.rows)) + " of " + itoa(len(r.jobs)))
	}
	if c := find[*dom.BasicHTMLElement](a.root, "rankCancel"); c != nil {
		if r.running {
			c.RemoveAttribute("hidden")
		} else {
			c.SetAttribute("hidden", "")
		}
	}
	if b := find[*dom.HTMLButtonElement](a.root, "rankRun"); b != nil {
		b.SetDisabled(r.running)
	}
}

// rankOrder sorts the rows by F-measure, best first; rows that failed go last.
func rankOrder(rows []rankRow) {
	slices.SortStableFunc(rows, func(x, y rankRow) int {
		fx, fy := math.Inf(-1), math.Inf(-1)
		if x.err == "" && !math.IsNaN(x.scores["fmeasure"]) {
			fx = x.scores["fmeasure"]
		}
		if y.err == "" && !math.IsNaN(y.scores["fmeasure"]) {
			fy = y.scores["fmeasure"]
		}
		switch {
		case fx > fy:
			return -1
		case fx < fy:
			return 1
		}
		return 0
	})
}

// rankColumns are the table's and the CSV's figures: heading, limen.evaluate's name.
var rankColumns = [][2]string{{"F", "fmeasure"}, {"pseudo-F", "pseudoFmeasure"}, {"PSNR", "psnr"}, {"DRD", "drd"}}

// showRank draws the rows so far, sorted, and the CSV of them.
func (a *app) showRank() {
	r := a.lab().rank
	a.showRankProgress()
	tbl := find[*dom.BasicHTMLElement](a.root, "rankTable")
	if tbl == nil {
		return
	}
	rankOrder(r.rows)
	cols := rankColumns
	if !r.pseudo {
		cols = [][2]string{cols[0], cols[2], cols[3]}
	}
	var head strings.Builder
	head.WriteString("<thead><tr><th>#</th><th>Method</th><th>Library</th>")
	for _, c := range cols {
		head.WriteString("<th>" + c[0] + "</th>")
	}
	head.WriteString("<th>ms</th></tr></thead>")
	tbl.SetInnerHTML(head.String())
	body := el("tbody")
	csv := []string{"rank,method,reference,fmeasure,pseudo_fmeasure,psnr,drd,precision,recall,mcc,nrm,ms"}
	for i, row := range r.rows {
		m, _ := algo.Lookup(row.job.method)
		mm, _ := m.As(row.job.ref)
		tr := el("tr")
		tr.SetAttribute("data-row", itoa(i))
		tr.SetAttribute("data-method", m.ID)
		tr.SetAttribute("data-reference", mm.Library)
		tr.SetAttribute("tabindex", "0")
		cell(tr, itoa(i+1))
		cell(tr, m.Name)
		cell(tr, libraryName(mm.Library))
		line := []string{itoa(i + 1), m.ID, mm.Library}
		if row.err != "" {
			td := cell(tr, row.err)
			td.SetAttribute("colspan", itoa(len(cols)+1))
			csv = append(csv, strings.Join(line, ",")+strings.Repeat(",", 9))
			appendTo(body, tr)
			continue
		}
		for _, c := range cols {
			v := row.scores[c[1]]
			td := cell(tr, scoreText(v))
			td.SetAttribute("data-key", c[1])
			td.Underlying().Get("dataset").Set("value", v)
		}
		cell(tr, strconv.FormatFloat(row.ms, 'f', 1, 64))
		for _, k := range []string{"fmeasure", "pseudoFmeasure", "psnr", "drd", "precision", "recall", "mcc", "nrm"} {
			v, ok := row.scores[k]
			switch {
			case !ok:
				line = append(line, "")
			case math.IsInf(v, 1):
				line = append(line, "Infinity")
			default:
				line = append(line, strconv.FormatFloat(v, 'g', -1, 64))
			}
		}
		line = append(line, strconv.FormatFloat(row.ms, 'f', 3, 64))
		csv = append(csv, strings.Join(line, ","))
		appendTo(body, tr)
	}
	appendTo(tbl, body)
	if dl := find[*dom.HTMLAnchorElement](a.root, "rankCsv"); dl != nil {
		dl.SetHref("data:text/csv;charset=utf-8," + js.Global().Call("encodeURIComponent", strings.Join(csv, "\n")+"\n").String())
		if len(r.rows) > 0 {
			dl.RemoveAttribute("hidden")
		}
	}
}

// cell appends a table cell with text to tr.
func cell(tr *dom.BasicHTMLElement, text string) *dom.BasicHTMLElement {
	td := el("td")
	td.SetTextContent(text)
	appendTo(tr, td)
	return td
}
