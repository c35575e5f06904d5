//go:build js && wasm

package main

import (
	"limen/wasm/internal/state"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// The page's app: one per page, or per lesson widget. Its state, its elements, and how a panic in a
// callback becomes a message instead of the end of the page. Each feature lives in its own file:
// urlstate.go (the state and the URL), controls.go (controls built from the registry), worker.go
// (the compute worker), load.go (pictures in), draw.go (results out), download.go, histogram.go,
// tryall.go, compare.go, camera.go, and lesson*.go for the lesson's widgets.

// app is a page's state and its controls. The state (package state) is the truth: controls write
// into it, the URL hash mirrors it (so a link reproduces the view), and requests are built from it.
// Every control is optional, so the same code drives the full page (index.html) and the minimal
// embed (embed.html, configured by its hash alone).
//
// The page's own thread only draws; thresholding happens in limen.pool's workers (worker.go, web/pool.js)
// that run this same module, so the page never freezes. At most one request is in flight; a newer one replaces a
// waiting one, so a stale request is never sent.
type app struct {
	root   *dom.BasicHTMLElement // the page's body, or one widget of the lesson page
	slot   int                   // this widget's number in the shared worker
	worker js.Value
	st     state.State
	embed  bool // embed.html: configured by its hash, which it rewrites only to drop what it could not apply
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
	linkErr    string // what the link could not apply: shown until the reader changes the view
	width      int
	height     int
	name       string
	seq        int      // id of the last request sent
	busy       bool     // a request is in flight
	pending    bool     // another is wanted once it returns
	last       js.Value // the last result
	dragging   bool
	compareSeq int      // id of the last compare request (sent as its negative)
	cam        *camera  // live camera mode, when on
	cmpA, cmpB []byte   // the compare view's buffers
	busyTimer  js.Value // the "Working…" interval, while one runs
	busyTick   js.Func  // its callback, released when it is cleared
	api        *api
	view       *view    // zoom, pan, split and the pixel inspector (zoom.go), on the full page
	local      js.Value // the picture, when no worker runs

	// teach is the method the reader came from while they set the level by hand (histogram.go).
	teach *teaching

	// afterShow run after each result is drawn: what a lesson widget adds (see extensions).
	afterShow []func(r js.Value)

	alpha alphaView // the picture's transparency (alpha.go)
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
		buildWidget(root) // before the app looks for its elements (lesson_template.go)
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
	a.fillSamples()
	a.fillTypes()
	a.fillBlur()
	a.readHash()
	if ext := extensions[r.GetAttribute("data-widget")]; ext != nil {
		ext(a)
	}
	if full := find[*dom.HTMLAnchorElement](r, "open-full"); full != nil {
		full.SetHref("index.html" + a.st.Hash())
	}
	a.startDocgen() // docgen.go: before wire, so that its listeners run first
	a.wire()
	a.wireAlpha()
	if a.st.Sample != "" {
		a.loadSample(a.st.Sample)
	}
}

// changed is every control's handler: read the controls, mirror the hash, ask for a result.
func (a *app) changed() {
	a.readControls()
	a.writeHash()
	a.request()
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

// on adds an event listener whose panics become a message on the page: a Go panic in a callback
// would otherwise end the Go runtime, and with it the page.
//
// It listens through the element's JS value and hands f dom/v2's plain event: dom/v2's own
// AddEventListener wraps each event by a switch over every DOM event type, and that switch keeps
// all of them in the module (about 35 KB of the gzipped wasm).
//
// Its js.Func lives as long as the page: on is for elements that do too. Elements that come and go
// (sliders, try-all tiles) are reached through a listener on their lasting container (onWithin).
func (a *app) on(target node, typ string, f func(*dom.BasicEvent)) {
	a.listen(target, typ, false, f)
}

// onWithin listens to typ on every element inside box, present or future, in the capture phase:
// it hears events that do not bubble too (as a script's synthetic input events may not).
func (a *app) onWithin(box node, typ string, f func(*dom.BasicEvent)) {
	a.listen(box, typ, true, f)
}

func (a *app) listen(target node, typ string, capture bool, f func(*dom.BasicEvent)) {
	target.Underlying().Call("addEventListener", typ, js.FuncOf(func(_ js.Value, args []js.Value) any {
		defer a.recover()
		f(&dom.BasicEvent{Value: args[0]})
		return nil
	}), capture)
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

// clearError hides the last error; a link's error (linkErr) stays until the reader acts.
func (a *app) clearError() {
	if a.linkErr != "" {
		a.fail(a.linkErr)
		return
	}
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
