//go:build js && wasm && !lesson

package main

import (
	"math"
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
// A pool worker runs one method a message ({kind: 'rank'}, web/pool.js's rank: limen.threshold,
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
		a.onWithin(t, "click", pick) // a row's method is a button: the keyboard's Enter clicks it too
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

// truthValue is the ground truth as an ImageData, and limen.evaluate's options: the weights when
// both are loaded, else undefined.
func (a *app) truthValue() (js.Value, js.Value) {
	l := a.lab()
	opts := js.Undefined()
	if l.precW != nil && l.recW != nil {
		opts = js.Global().Get("Object").New()
		opts.Set("weights", l.weights)
	}
	return grayImageValue(l.truth.Pix, l.truth.Rect.Dx(), l.truth.Rect.Dy()), opts
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
	a.showRankProgress("Running " + methodName(j.method) + "… " + itoa(len(r.rows)) + " of " + itoa(len(r.jobs)))
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

// rankHere runs one job on the page's thread: what web/pool.js's rank does in a worker.
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
		for _, k := range csvColumns {
			if v := s.Get(k); v.Type() == js.TypeNumber {
				row.scores[k] = v.Float()
			}
		}
		row.ms = res.Get("ms").Float()
	}
	// Sorted as they come: after the rows with a higher F-measure, or an equal one (earlier first).
	i := len(r.rows)
	for i > 0 && fOf(r.rows[i-1]) < fOf(row) {
		i--
	}
	r.rows = append(r.rows, row)
	copy(r.rows[i+1:], r.rows[i:])
	r.rows[i] = row
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
	a.showRankProgress(why + ": " + itoa(len(r.rows)) + " of " + itoa(len(r.jobs)) + " methods ranked.")
}

// showRankProgress says how far the run is. The box's class "running" shows the progress bar and
// Cancel (the CSS), and the Run button is off meanwhile.
func (a *app) showRankProgress(status string) {
	r := a.lab().rank
	box := find[*dom.BasicHTMLElement](a.root, "rankBox")
	if box == nil {
		return
	}
	box.Get("classList").Call("toggle", "running", r.running)
	p := box.Call("querySelector", "progress")
	p.Set("max", len(r.jobs))
	p.Set("value", len(r.rows))
	box.Call("querySelector", "#rankRun").Set("disabled", r.running)
	box.Call("querySelector", "#rankStatus").Set("textContent", status)
}

// fOf is a row's F-measure for sorting: −∞ for a row that failed or has none.
func fOf(r rankRow) float64 {
	if f := r.scores["fmeasure"]; r.err == "" && f == f {
		return f
	}
	return math.Inf(-1)
}

// rankColumns are the table's figures: heading, limen.evaluate's name.
var rankColumns = [][2]string{{"F", "fmeasure"}, {"pseudo-F", "pseudoFmeasure"}, {"PSNR", "psnr"}, {"DRD", "drd"}}

// csvColumns are the CSV's figures, by limen.evaluate's names.
var csvColumns = []string{"fmeasure", "pseudoFmeasure", "psnr", "drd", "precision", "recall", "mcc", "nrm"}

// showRank draws the rows so far, best F-measure first (rankAnswer keeps them in that order), and
// their CSV.
func (a *app) showRank() {
	r := a.lab().rank
	tbl := find[*dom.BasicHTMLElement](a.root, "rankTable")
	if tbl == nil {
		return
	}
	cols := rankColumns
	if !r.pseudo {
		cols = [][2]string{cols[0], cols[2], cols[3]}
	}
	html := "<thead><tr><th>#</th><th>Method</th><th>Library</th>"
	for _, c := range cols {
		html += "<th>" + c[0] + "</th>"
	}
	html += "<th>ms</th></tr></thead><tbody>"
	csv := "rank,method,reference,fmeasure,pseudo_fmeasure,psnr,drd,precision,recall,mcc,nrm,ms\n"
	for i, row := range r.rows {
		m, _ := algo.Lookup(row.job.method)
		mm, _ := m.As(row.job.ref)
		n := itoa(i + 1)
		html += `<tr data-row="` + itoa(i) + `" data-method="` + m.ID + `" data-reference="` + mm.Library + `"><td>` + n +
			`</td><td><button type="button">` + m.Name + "</button></td><td>" + libraryName(mm.Library) + "</td>"
		csv += n + "," + m.ID + "," + mm.Library
		if row.err != "" {
			html += `<td colspan="9">` + strings.ReplaceAll(row.err, "<", "&lt;") + "</td></tr>"
			csv += ",,,,,,,,,\n"
			continue
		}
		for _, c := range cols {
			html += scoreCell(c[1], row.scores[c[1]])
		}
		ms := strconv.FormatFloat(row.ms, 'f', 1, 64)
		html += "<td>" + ms + "</td></tr>"
		for _, k := range csvColumns {
			csv += ","
			if v, ok := row.scores[k]; ok {
				csv += jsNumber(v)
			}
		}
		csv += "," + ms + "\n"
	}
	tbl.SetInnerHTML(html + "</tbody>")
	if dl := find[*dom.HTMLAnchorElement](a.root, "rankCsv"); dl != nil {
		dl.SetHref("data:text/csv;charset=utf-8," + js.Global().Call("encodeURIComponent", csv).String())
		if len(r.rows) > 0 {
			dl.RemoveAttribute("hidden")
		}
	}
}
