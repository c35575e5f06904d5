//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo"
	"limen/wasm/internal/state"
)

// maxPixels is the largest picture the page accepts: a canvas of more fails in browsers, and the
// worker holds several copies of it.
const maxPixels = 50_000_000

// app is a page's state and its controls. The state (package state) is the truth: controls write
// into it, the URL hash mirrors it (so a link reproduces the view), and requests are built from it.
// Every control is optional, so the same code drives the full page (index.html) and the minimal
// embed (embed.html, configured by its hash alone).
//
// The page's own thread only draws; thresholding happens in a worker (web/worker.js) that runs this
// same module, so the page never freezes. At most one request is in flight; a newer one replaces a
// waiting one, so a stale request is never sent.
type app struct {
	root   *dom.BasicHTMLElement // the page's body, or one widget of the lesson page
	slot   int                   // this widget's number in the shared worker
	worker js.Value
	st     state.State
	embed  bool // embed.html: configured by its hash, which it never rewrites
	widget bool // a lesson widget: configured by its data-hash, no URL of its own

	method, typ, sample, blur *dom.HTMLSelectElement
	maxval, noiseMean         *dom.HTMLInputElement
	noiseSigma, noiseSeed     *dom.HTMLInputElement
	dark, ignoreZero          *dom.HTMLInputElement
	ignoreMax, surface        *dom.HTMLInputElement
	params                    *dom.BasicHTMLElement
	original, result, hist    *dom.HTMLCanvasElement
	info, about, errBox       *dom.BasicHTMLElement
	download                  *dom.HTMLAnchorElement

	loaded     bool
	width      int
	height     int
	name       string
	seq        int      // id of the last request sent
	busy       bool     // a request is in flight
	pending    bool     // another is wanted once it returns
	last       js.Value // the last result
	dragging   bool
	compareSeq int     // id of the last compare request (sent as its negative)
	cam        *camera // live camera mode, when on
	busyTimer  js.Value
	api        *api
	local      js.Value // the picture, when no worker runs

	// afterShow run after each result is drawn: what a lesson widget adds (see extensions).
	afterShow []func(r js.Value)
}

// extensions add behaviour to a lesson widget, by its data-widget name (wasm/lesson.go fills it).
var extensions = lessonExtensions

// startUI wires limen's pages: every lesson widget (class limen-widget) becomes an app, or else the
// page's body does if it has a result canvas. Elsewhere (a worker, another page that uses only the
// API) it does nothing.
func startUI(api *api) {
	document := js.Global().Get("document")
	if document.IsUndefined() {
		return
	}
	var roots []*dom.BasicHTMLElement
	body := basic(document.Get("body"))
	roots = append(roots, all[*dom.BasicHTMLElement](body, ".limen-widget")...)
	if len(roots) == 0 && find[*dom.BasicHTMLElement](body, "result") != nil {
		roots = append(roots, body)
	}
	if len(roots) == 0 {
		return
	}
	if v := document.Call("getElementById", "version"); !v.IsNull() {
		v.Set("textContent", version)
	}
	registerServiceWorker()
	w := startWorker()
	embed := !document.Call("getElementById", "embed").IsNull()
	for i, root := range roots {
		a := &app{root: root, slot: i, api: api, worker: w.value, embed: embed, widget: root != body}
		w.apps[i] = a
		a.start()
	}
}

func (a *app) start() {
	r := a.root
	a.method = find[*dom.HTMLSelectElement](r, "method")
	a.typ = find[*dom.HTMLSelectElement](r, "type")
	a.sample = find[*dom.HTMLSelectElement](r, "sample")
	a.blur = find[*dom.HTMLSelectElement](r, "blur")
	a.maxval = find[*dom.HTMLInputElement](r, "maxval")
	a.noiseSigma = find[*dom.HTMLInputElement](r, "noiseSigma")
	a.noiseMean = find[*dom.HTMLInputElement](r, "noiseMean")
	a.noiseSeed = find[*dom.HTMLInputElement](r, "noiseSeed")
	a.dark = find[*dom.HTMLInputElement](r, "dark")
	a.ignoreZero = find[*dom.HTMLInputElement](r, "ignoreZero")
	a.ignoreMax = find[*dom.HTMLInputElement](r, "ignoreMax")
	a.surface = find[*dom.HTMLInputElement](r, "surface")
	a.params = find[*dom.BasicHTMLElement](r, "params")
	a.original = find[*dom.HTMLCanvasElement](r, "original")
	a.result = find[*dom.HTMLCanvasElement](r, "result")
	a.hist = find[*dom.HTMLCanvasElement](r, "hist")
	a.info = find[*dom.BasicHTMLElement](r, "info")
	a.about = find[*dom.BasicHTMLElement](r, "about")
	a.errBox = find[*dom.BasicHTMLElement](r, "error")
	a.download = find[*dom.HTMLAnchorElement](r, "download")
	a.fillMethods()
	a.readHash()
	if ext := extensions[r.GetAttribute("data-widget")]; ext != nil {
		ext(a)
	}
	if full := find[*dom.HTMLAnchorElement](r, "open-full"); full != nil {
		full.SetHref("index.html" + a.st.Hash())
	}
	a.wire()
	if a.st.Sample != "" {
		a.loadSample(a.st.Sample)
	}
}

// hash is where the app's state comes from: a widget's data-hash, else the page's URL hash.
func (a *app) hash() string {
	if a.widget {
		return a.root.GetAttribute("data-hash")
	}
	return js.Global().Get("location").Get("hash").String()
}

// readHash takes the state from the URL hash (garbage in it is reported and left out) and shows it
// in the controls.
func (a *app) readHash() {
	st, ignored := state.Parse(a.hash())
	a.st = st
	a.applyState()
	if len(ignored) > 0 {
		a.fail("Some settings in the link were not understood and were left out:\n" + strings.Join(ignored, "\n"))
	}
}

// writeHash mirrors the state in the URL without adding a history entry (the main page only: an
// embed's hash is its configuration).
func (a *app) writeHash() {
	if a.embed || a.widget {
		return
	}
	h := a.st.Hash()
	if js.Global().Get("location").Get("hash").String() != h {
		js.Global().Get("history").Call("replaceState", js.Null(), "", h)
	}
}

// applyState shows the state in whichever controls the page has.
func (a *app) applyState() {
	s := a.st
	setSel := func(e *dom.HTMLSelectElement, v string) {
		if e != nil {
			e.SetValue(v)
		}
	}
	setIn := func(e *dom.HTMLInputElement, v string) {
		if e != nil {
			e.SetValue(v)
		}
	}
	setChk := func(e *dom.HTMLInputElement, v bool) {
		if e != nil {
			e.SetChecked(v)
		}
	}
	setSel(a.method, s.Method)
	setSel(a.typ, s.Type)
	setSel(a.sample, s.Sample)
	setSel(a.blur, itoa(s.Blur))
	setIn(a.maxval, itoa(s.Maxval))
	setIn(a.noiseSigma, ftoa(s.NoiseSigma))
	setIn(a.noiseMean, ftoa(s.NoiseMean))
	setIn(a.noiseSeed, strconv.FormatUint(s.NoiseSeed, 10))
	if out := find[*dom.BasicHTMLElement](a.root, "noiseSigmaOut"); out != nil {
		out.SetTextContent(ftoa(s.NoiseSigma))
	}
	setChk(a.dark, s.Dark)
	setChk(a.ignoreZero, s.IgnoreZero)
	setChk(a.ignoreMax, s.IgnoreMax)
	setChk(a.surface, s.Surface)
	a.buildParams()
}

// readControls takes the state from whichever controls the page has.
func (a *app) readControls() {
	s := &a.st
	if a.method != nil {
		s.Method = a.method.Value()
	}
	if a.typ != nil {
		s.Type = a.typ.Value()
	}
	if a.maxval != nil {
		s.Maxval = int(math.Max(0, math.Min(255, math.Round(num(a.maxval.Value(), 255)))))
	}
	if a.blur != nil {
		s.Blur = int(num(a.blur.Value(), 0))
	}
	if a.noiseSigma != nil {
		s.NoiseSigma = math.Max(0, math.Min(255, num(a.noiseSigma.Value(), 0)))
	}
	if a.noiseMean != nil {
		s.NoiseMean = math.Max(-255, math.Min(255, num(a.noiseMean.Value(), 0)))
	}
	if a.noiseSeed != nil {
		s.NoiseSeed = uint64(math.Max(0, math.Min(1<<53, math.Trunc(num(a.noiseSeed.Value(), 1)))))
	}
	for _, c := range []struct {
		e *dom.HTMLInputElement
		v *bool
	}{{a.dark, &s.Dark}, {a.ignoreZero, &s.IgnoreZero}, {a.ignoreMax, &s.IgnoreMax}, {a.surface, &s.Surface}} {
		if c.e != nil {
			*c.v = c.e.Checked()
		}
	}
	if a.params != nil {
		m, _ := algo.Lookup(s.Method)
		s.Params = map[string]float64{}
		for _, i := range all[*dom.HTMLInputElement](a.params, "input[data-param]") {
			name := i.GetAttribute("data-param")
			for _, p := range m.Params {
				if p.Name == name {
					if v := num(i.Value(), p.Default); v != p.Default {
						s.Params[name] = math.Max(p.Min, math.Min(p.Max, v))
					}
				}
			}
		}
	}
}

// ownPicture notes that the picture is the reader's own: the link no longer names a sample.
func (a *app) ownPicture() {
	a.st.Sample = ""
	a.writeHash()
}

// changed is every control's handler: read the controls, mirror the hash, ask for a result.
func (a *app) changed() {
	a.readControls()
	a.writeHash()
	a.request()
}

// fillMethods lists the registry's methods, global then local, in the method menu.
func (a *app) fillMethods() {
	if a.method == nil {
		return
	}
	for _, kind := range []algo.Kind{algo.Global, algo.Local} {
		group := el("optgroup")
		group.SetAttribute("label", map[algo.Kind]string{algo.Global: "Global (one level)", algo.Local: "Local (a level per pixel)"}[kind])
		for _, m := range algo.Methods() {
			if m.Kind != kind {
				continue
			}
			o := el("option")
			o.SetAttribute("value", m.ID)
			o.SetTextContent(m.Name)
			appendTo(group, o)
		}
		appendTo(a.method, group)
	}
}

// buildParams makes one slider per parameter of the chosen method, from the registry, set to the
// state's values.
func (a *app) buildParams() {
	m, _ := algo.Lookup(a.st.Method)
	a.showAbout(m)
	if a.params == nil {
		return
	}
	a.params.SetInnerHTML("")
	for _, p := range m.Params {
		label := el("label")
		label.Class().Add("param")
		label.SetAttribute("title", p.Doc)
		appendTo(label, text(p.Name+" "))
		in := create[*dom.HTMLInputElement]("input")
		in.SetType("range")
		if !a.widget {
			in.SetID("param-" + p.Name)
		}
		in.SetAttribute("data-param", p.Name)
		in.SetAttribute("aria-label", p.Name+": "+p.Doc)
		in.SetMin(ftoa(p.Min))
		in.SetMax(ftoa(p.Max))
		step := "any"
		switch {
		case p.Odd:
			step = "2"
		case p.Integer:
			step = "1"
		case p.Max-p.Min > 20:
			step = "0.5"
		case p.Max-p.Min > 2:
			step = "0.05"
		default:
			step = "0.01"
		}
		in.SetStep(step)
		v := ftoa(a.st.Param(p))
		in.SetValue(v)
		out := el("output")
		out.SetTextContent(v)
		a.on(in, "input", func(*dom.BasicEvent) {
			out.SetTextContent(in.Value())
			a.changed()
		})
		appendTo(label, in)
		appendTo(label, text(" "))
		appendTo(label, out)
		appendTo(a.params, label)
	}
}

func (a *app) showAbout(m algo.Method) {
	if a.about == nil {
		return
	}
	a.about.SetInnerHTML("")
	h := el("h2")
	h.SetTextContent(m.Name)
	p := el("p")
	p.SetTextContent(m.About)
	appendTo(a.about, h)
	appendTo(a.about, p)
	if m.Paper != "" {
		c := el("p")
		c.Class().Add("cite")
		c.SetTextContent("Paper: " + m.Paper)
		appendTo(a.about, c)
	}
	r := el("p")
	r.Class().Add("cite")
	r.SetTextContent("Exact to: " + m.Reference)
	appendTo(a.about, r)
}

func (a *app) wire() {
	changed := func(*dom.BasicEvent) { a.changed() }
	if a.method != nil {
		a.on(a.method, "change", func(*dom.BasicEvent) {
			a.st.Method, a.st.Params = a.method.Value(), nil
			a.buildParams()
			a.changed()
		})
	}
	for _, e := range []*dom.HTMLSelectElement{a.typ, a.blur} {
		if e != nil {
			a.on(e, "change", changed)
		}
	}
	for _, e := range []*dom.HTMLInputElement{a.maxval, a.dark, a.ignoreZero, a.ignoreMax, a.noiseMean, a.noiseSeed, a.surface} {
		if e != nil {
			a.on(e, "change", changed)
		}
	}
	if a.noiseSigma != nil {
		sigmaOut := find[*dom.BasicHTMLElement](a.root, "noiseSigmaOut")
		a.on(a.noiseSigma, "input", func(*dom.BasicEvent) {
			if sigmaOut != nil {
				sigmaOut.SetTextContent(a.noiseSigma.Value())
			}
			a.changed()
		})
	}
	if a.sample != nil {
		a.on(a.sample, "change", func(*dom.BasicEvent) {
			a.st.Sample = a.sample.Value()
			a.writeHash()
			a.loadSample(a.st.Sample)
		})
	}
	win := jsValue{js.Global()}
	a.on(win, "hashchange", func(*dom.BasicEvent) {
		if a.widget {
			return
		}
		if a.embed || js.Global().Get("location").Get("hash").String() != a.st.Hash() {
			old := a.st.Sample
			a.readHash()
			if a.st.Sample != "" && a.st.Sample != old {
				a.loadSample(a.st.Sample)
			} else {
				a.request()
			}
		}
	})
	if file := find[*dom.HTMLInputElement](a.root, "file"); file != nil {
		a.on(file, "change", func(*dom.BasicEvent) {
			files := file.Get("files")
			if files.Length() > 0 {
				a.ownPicture()
				a.loadBlob(files.Index(0), files.Index(0).Get("name").String())
			}
			file.SetValue("") // choosing the same file again loads it again
		})
	}
	// Drop anywhere on the page; paste from the clipboard.
	if drop := find[*dom.BasicHTMLElement](a.root, "drop"); drop != nil && !a.embed && !a.widget {
		a.on(win, "dragover", func(e *dom.BasicEvent) {
			e.PreventDefault()
			drop.Class().Add("dragover")
		})
		a.on(win, "dragleave", func(*dom.BasicEvent) { drop.Class().Remove("dragover") })
		a.on(win, "drop", func(e *dom.BasicEvent) {
			e.PreventDefault()
			drop.Class().Remove("dragover")
			files := e.Underlying().Get("dataTransfer").Get("files")
			if files.Length() > 0 {
				a.ownPicture()
				a.loadBlob(files.Index(0), files.Index(0).Get("name").String())
			} else {
				a.fail("Nothing to open: drop an image file.")
			}
		})
		a.on(win, "paste", func(e *dom.BasicEvent) {
			items := e.Underlying().Get("clipboardData").Get("files")
			if items.Length() > 0 {
				a.ownPicture()
				a.loadBlob(items.Index(0), "pasted image")
			}
		})
	}
	if a.download != nil {
		a.on(a.download, "click", func(e *dom.BasicEvent) {
			e.PreventDefault()
			a.save()
		})
	}
	a.wireHistogramDrag()
	a.wireTryAll()
	a.wireCompare()
	a.wireCamera()
}

// registerServiceWorker makes the site work offline after one visit (web/sw.js). Only limen's own
// pages register it, never a page that merely uses the API, and only where it can work (http(s),
// not a single file opened from disk).
func registerServiceWorker() {
	nav := js.Global().Get("navigator")
	proto := js.Global().Get("location").Get("protocol").String()
	if !nav.Get("serviceWorker").Truthy() || (proto != "http:" && proto != "https:") || js.Global().Get("__limenSingleFile").Truthy() {
		return
	}
	nav.Get("serviceWorker").Call("register", "sw.js").Call("catch", js.FuncOf(func(js.Value, []js.Value) any { return nil }))
}

// computeWorker is the one worker a page's apps share: messages carry the app's slot.
type computeWorker struct {
	value js.Value // undefined where no worker could start
	apps  map[int]*app
}

// startWorker starts the compute worker. Where workers cannot start (a page opened from disk in
// some browsers), each app computes on the page's own thread with the same API.
func startWorker() *computeWorker {
	w := &computeWorker{apps: map[int]*app{}, value: js.Undefined()}
	if js.Global().Get("__limenSingleFile").Truthy() {
		return w // a file opened from disk cannot start a worker from a file
	}
	defer func() {
		if recover() != nil {
			w.value = js.Undefined()
		}
	}()
	w.value = js.Global().Get("Worker").New("worker.js")
	w.value.Call("addEventListener", "message", js.FuncOf(func(_ js.Value, args []js.Value) any {
		m := args[0].Get("data")
		if a := w.apps[m.Get("slot").Int()]; a != nil {
			defer a.recover()
			a.onMessage(m)
		}
		return nil
	}))
	w.value.Call("addEventListener", "error", js.FuncOf(func(_ js.Value, args []js.Value) any {
		for _, a := range w.apps {
			a.fail("The compute worker failed: " + args[0].Get("message").String())
		}
		return nil
	}))
	return w
}

// post sends a message to the worker, marked with the app's slot.
func (a *app) post(msg js.Value) {
	msg.Set("slot", a.slot)
	a.worker.Call("postMessage", msg)
}

// loadSample fetches a bundled sample image.
func (a *app) loadSample(name string) {
	go func() {
		defer a.recover()
		url := "samples/" + name + ".png"
		if embedded := js.Global().Get("__limenSamples"); embedded.Truthy() && embedded.Get(name).Truthy() {
			url = embedded.Get(name).String() // the single-file build carries its samples as data: URLs
		}
		resp, err := await(js.Global().Call("fetch", url))
		if err != nil || !resp.Get("ok").Bool() {
			a.fail("Could not load the sample " + name + ".")
			return
		}
		blob, err := await(resp.Call("blob"))
		if err != nil {
			a.fail("Could not load the sample " + name + ".")
			return
		}
		a.loadBlob(blob, name)
	}()
}

// loadBlob decodes an image file with the file's own pixels (no colour conversion, no
// premultiplication), shows it, and hands it to the worker.
func (a *app) loadBlob(blob js.Value, name string) {
	a.stopCamera()
	go func() {
		defer a.recover()
		opts := js.Global().Get("Object").New()
		opts.Set("colorSpaceConversion", "none")
		opts.Set("premultiplyAlpha", "none")
		if blob.Get("size").Int() == 0 {
			a.fail("“" + name + "” is empty.")
			return
		}
		// The size first, from the header (an <img> does not decode until drawn), so that a huge
		// picture is refused before anything holds its pixels.
		w, h, err := imageSizeOf(blob)
		if err != nil {
			a.fail("“" + name + "” could not be read as an image.")
			return
		}
		if w*h > maxPixels || w > 32767 || h > 32767 {
			a.fail("“" + name + "” is " + itoa(w) + "×" + itoa(h) + ": too large (limen takes up to " +
				itoa(maxPixels/1_000_000) + " megapixels and 32767 pixels a side).")
			return
		}
		bmp, err := await(js.Global().Call("createImageBitmap", blob, opts))
		if err != nil {
			a.fail("“" + name + "” could not be read as an image (" + err.Error() + ").")
			return
		}
		w, h = bmp.Get("width").Int(), bmp.Get("height").Int()
		a.original.SetWidth(w)
		a.original.SetHeight(h)
		ctx := a.original.GetContext2d()
		ctx.Call("drawImage", bmp, 0, 0)
		bmp.Call("close")
		img := ctx.GetImageData(0, 0, w, h)
		a.clearError()
		a.name, a.width, a.height, a.loaded = name, w, h, true
		if c := find[*dom.BasicHTMLElement](a.root, "originalCaption"); c != nil {
			c.SetTextContent("Original: " + name + ", " + itoa(w) + "×" + itoa(h))
		}
		if a.worker.Truthy() {
			msg := js.Global().Get("Object").New()
			msg.Set("kind", "load")
			msg.Set("image", img.Value)
			a.post(msg)
		} else {
			a.local = img.Value
		}
		a.request()
	}()
}

// imageSizeOf reads an image file's size with an <img>, which parses the header without decoding
// the pixels.
func imageSizeOf(blob js.Value) (int, int, error) {
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	defer js.Global().Get("URL").Call("revokeObjectURL", url)
	img := js.Global().Get("Image").New()
	done := make(chan bool, 1)
	var onload, onerror js.Func
	onload = js.FuncOf(func(js.Value, []js.Value) any { done <- true; return nil })
	onerror = js.FuncOf(func(js.Value, []js.Value) any { done <- false; return nil })
	defer onload.Release()
	defer onerror.Release()
	img.Set("onload", onload)
	img.Set("onerror", onerror)
	img.Set("src", url)
	if !<-done {
		return 0, 0, errorString("not an image")
	}
	return img.Get("naturalWidth").Int(), img.Get("naturalHeight").Int(), nil
}

// options builds the limen.threshold options object from the state.
func (a *app) options() js.Value {
	s := a.st
	o := js.Global().Get("Object").New()
	o.Set("method", s.Method)
	o.Set("type", s.Type)
	o.Set("maxval", s.Maxval)
	o.Set("dark", s.Dark)
	o.Set("ignoreZero", s.IgnoreZero)
	o.Set("ignoreMax", s.IgnoreMax)
	// The surface and the overlay cost a picture each: ask only for what the page shows.
	o.Set("surface", s.Surface)
	o.Set("overlay", true)
	if s.NoiseSigma > 0 || s.NoiseMean != 0 {
		n := js.Global().Get("Object").New()
		n.Set("sigma", s.NoiseSigma)
		n.Set("mean", s.NoiseMean)
		n.Set("seed", float64(s.NoiseSeed))
		o.Set("noise", n)
	}
	if s.Blur > 0 {
		b := js.Global().Get("Object").New()
		b.Set("ksize", s.Blur)
		b.Set("sigma", 0)
		o.Set("blur", b)
	}
	if s.Resize > 0 {
		r := js.Global().Get("Object").New()
		r.Set("scale", s.Resize)
		o.Set("resize", r)
	}
	for k, v := range s.Params {
		o.Set(k, v)
	}
	return o
}

func num(s string, def float64) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return def
	}
	return v
}

// request asks for a new result; a newer request replaces one that has not been sent yet.
func (a *app) request() {
	if !a.loaded || (a.cam != nil && a.cam.on) { // live camera: the next frame takes the new settings
		return
	}
	if a.busy {
		a.pending = true
		return
	}
	a.busy, a.pending = true, false
	a.seq++
	a.showBusy(true)
	if !a.worker.Truthy() {
		a.computeHere()
		return
	}
	msg := js.Global().Get("Object").New()
	msg.Set("kind", "threshold")
	msg.Set("id", a.seq)
	msg.Set("opts", a.options())
	a.post(msg)
}

func (a *app) onMessage(m js.Value) {
	switch m.Get("kind").String() {
	case "result":
		if id := msgID(m); id < 0 {
			if -id == a.compareSeq {
				a.showCompare(m.Get("result"))
			}
			return
		}
		a.show(m.Get("result"))
		a.done()
	case "error":
		a.fail(m.Get("message").String())
		if msgID(m) >= 0 {
			a.done()
		}
	case "tryall":
		a.showTryAll(m.Get("results"))
	case "frame":
		a.showFrame(m.Get("result"))
	}
}

// showBusy shows "Working…" with the time spent when a result takes longer than a moment, so that
// long work on a large picture is visibly under way; the page stays usable meanwhile.
func (a *app) showBusy(on bool) {
	el := find[*dom.BasicHTMLElement](a.root, "busy")
	if el == nil {
		return
	}
	if a.busyTimer.Truthy() {
		js.Global().Call("clearInterval", a.busyTimer)
		a.busyTimer = js.Undefined()
	}
	if !on {
		el.SetAttribute("hidden", "")
		return
	}
	start := now()
	var tick js.Func
	tick = js.FuncOf(func(js.Value, []js.Value) any {
		if !a.busy {
			tick.Release()
			return nil
		}
		if s := (now() - start) / 1000; s > 0.15 {
			el.SetTextContent("Working… " + strconv.FormatFloat(s, 'f', 1, 64) + " s")
			el.RemoveAttribute("hidden")
		}
		return nil
	})
	a.busyTimer = js.Global().Call("setInterval", tick, 100)
}

// msgID is a worker message's request id: negative for compare requests, 0 when it has none.
func msgID(m js.Value) int {
	if id := m.Get("id"); id.Type() == js.TypeNumber {
		return id.Int()
	}
	return 0
}

func (a *app) done() {
	a.busy = false
	a.showBusy(false)
	if a.pending {
		a.request()
	}
}

// show draws a result: the image, the numbers, the histogram.
func (a *app) show(r js.Value) {
	a.clearError()
	a.last = r
	img := r.Get("image")
	w, h := img.Get("width").Int(), img.Get("height").Int()
	if a.result.Width() != w || a.result.Height() != h {
		a.result.SetWidth(w)
		a.result.SetHeight(h)
	}
	ctx := a.result.GetContext2d()
	if sf := r.Get("surface"); a.st.Surface && sf.Truthy() {
		ctx.Call("putImageData", sf, 0, 0) // the threshold surface instead of the result
	} else {
		ctx.Call("putImageData", img, 0, 0)
	}
	if ov := r.Get("overlay"); ov.Truthy() {
		// The overlay (edge mask, tile grid) in red over the result: through a scratch canvas,
		// since putImageData ignores compositing.
		c := js.Global().Get("OffscreenCanvas").New(w, h)
		c.Call("getContext", "2d").Call("putImageData", ov, 0, 0)
		ctx.Call("drawImage", c, 0, 0)
	}
	if a.info != nil {
		a.info.SetTextContent(describe(r))
	}
	a.drawHistogram(r)
	for _, f := range a.afterShow {
		f(r)
	}
}

// describe is the line under the images: the level and how it was found.
func describe(r js.Value) string {
	var b strings.Builder
	lv := r.Get("level")
	switch {
	case lv.IsNull():
		b.WriteString("Local method: a level for every pixel")
	case lv.Type() == js.TypeObject:
		b.WriteString("Levels ")
		for i := 0; i < lv.Length(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(itoa(lv.Index(i).Int()))
		}
	default:
		b.WriteString("Level " + trimFloat(lv.Float()))
	}
	if tr := r.Get("trace"); tr.Truthy() {
		b.WriteString(" after " + itoa(r.Get("iterations").Int()) + " iterations: T = ")
		for i := 0; i < tr.Length(); i++ {
			if i > 0 {
				b.WriteString(" → ")
			}
			b.WriteString(trimFloat(tr.Index(i).Float()))
		}
	}
	b.WriteString(" · " + itoa(r.Get("width").Int()) + "×" + itoa(r.Get("height").Int()))
	b.WriteString(" · " + strconv.FormatFloat(r.Get("ms").Float(), 'f', 1, 64) + " ms")
	return b.String()
}

func trimFloat(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// save downloads the result as a PNG.
func (a *app) save() {
	if !a.loaded {
		return
	}
	cb := js.FuncOf(nil)
	cb = js.FuncOf(func(_ js.Value, args []js.Value) any {
		defer cb.Release()
		defer a.recover()
		if len(args) == 0 || args[0].IsNull() {
			a.fail("Could not encode the result as PNG.")
			return nil
		}
		url := js.Global().Get("URL").Call("createObjectURL", args[0])
		link := create[*dom.HTMLAnchorElement]("a")
		link.SetHref(url.String())
		link.SetAttribute("download", "limen-"+safeName(a.name)+"-"+a.st.Method+".png")
		js.Global().Get("document").Get("body").Call("appendChild", link.Value)
		link.Click()
		link.Call("remove")
		js.Global().Call("setTimeout", js.Global().Get("URL").Get("revokeObjectURL").Call("bind", js.Global().Get("URL"), url), 10000)
		return nil
	})
	a.result.Call("toBlob", cb, "image/png")
}

// safeName keeps letters, digits, '-' and '_' of a file name for the download's name.
func safeName(s string) string {
	if i := strings.LastIndexByte(s, '.'); i > 0 {
		s = s[:i]
	}
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			b.WriteRune(r)
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return "image"
	}
	return b.String()
}

// on adds an event listener whose panics become a message on the page: a Go panic in a callback
// would otherwise end the Go runtime, and with it the page.
//
// It listens through the element's JS value and hands f dom/v2's plain event: dom/v2's own
// AddEventListener wraps each event by a switch over every DOM event type, and that switch keeps
// all of them in the module (about 35 KB of the gzipped wasm).
func (a *app) on(target node, typ string, f func(*dom.BasicEvent)) {
	target.Underlying().Call("addEventListener", typ, js.FuncOf(func(_ js.Value, args []js.Value) any {
		defer a.recover()
		f(&dom.BasicEvent{Value: args[0]})
		return nil
	}))
}

// recover turns a panic into a message on the page; deferred at the top of every callback and
// goroutine of the UI.
func (a *app) recover() {
	if r := recover(); r != nil {
		a.busy = false
		a.fail("limen: unexpected error" + panicText(r) + ". The page keeps working; please report this.")
	}
}

func (a *app) fail(msg string) {
	a.errBox.SetTextContent(msg)
	a.errBox.RemoveAttribute("hidden")
}

func (a *app) clearError() {
	a.errBox.SetAttribute("hidden", "")
}

// await waits for a JS promise. Call it from a goroutine, never from a callback directly.
func await(p js.Value) (js.Value, error) {
	type res struct {
		v   js.Value
		err error
	}
	ch := make(chan res, 1)
	var then, catch js.Func
	then = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- res{v: arg(args, 0)}
		return nil
	})
	catch = js.FuncOf(func(_ js.Value, args []js.Value) any {
		e := arg(args, 0)
		msg := "failed"
		if e.Truthy() {
			msg = js.Global().Get("String").Invoke(e).String()
		}
		ch <- res{err: errorString(msg)}
		return nil
	})
	p.Call("then", then, catch)
	r := <-ch
	then.Release()
	catch.Release()
	return r.v, r.err
}

type errorString string

func (e errorString) Error() string { return string(e) }
