//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// The compute bridge: requests built from the state go to the page's compute port (web/limen.js's
// __limenComputePort), which speaks as one worker and thresholds through limen.pool's workers
// (web/pool.js, the same module), one request in flight at a time; its answers come back here.

// computeWorker is the port a page's apps share: messages carry the app's slot.
type computeWorker struct {
	value js.Value // undefined where no worker could start
	apps  map[int]*app
}

// startWorker makes the compute port, whose pool starts its workers from the URL limen.js gives
// (__limenWorkerURL: the site's web/pool.js, or in the single file a blob: URL of the inlined
// scripts). Where no worker can start, each app computes on the page's own thread with the same
// API, and the page says so. The page's <html data-compute> says which ("worker" or "page"), for
// tests and for the curious.
func startWorker() (w *computeWorker) {
	w = &computeWorker{apps: map[int]*app{}, value: js.Undefined()} // named: a recovered panic still returns it
	root := js.Global().Get("document").Get("documentElement")
	defer func() {
		if r := recover(); r != nil {
			w.value = js.Undefined()
			root.Call("setAttribute", "data-compute", "page")
			computeNote("This browser would not start a worker here" + panicText(r) + ". limen computes on the page, which pauses while a large picture is thresholded; try-all and compare need the worker.")
		}
	}()
	w.value = js.Global().Get("__limenComputePort").New()
	root.Call("setAttribute", "data-compute", "worker")
	w.value.Call("addEventListener", "message", js.FuncOf(func(_ js.Value, args []js.Value) any {
		// Every js.Value Go holds keeps its JS object (here: results, with their pictures) in
		// wasm_exec's table until Go's collector finalizes the value, and the page allocates too
		// little Go memory for the collector to run by itself: collect after each message, so that
		// a result is let go once the next one is drawn. (The page's Go heap is small: a
		// collection costs well under a millisecond.)
		defer collect()
		m := args[0].Get("data")
		if a := w.apps[m.Get("slot").Int()]; a != nil {
			defer a.recover()
			a.onMessage(m)
		}
		return nil
	}))
	w.value.Call("addEventListener", "error", js.FuncOf(func(_ js.Value, args []js.Value) any {
		for _, a := range w.apps {
			a.fail("The compute workers failed: " + args[0].Get("message").String())
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

// options builds the limen.threshold options object from the state.
func (a *app) options() js.Value {
	s := a.st
	o := js.Global().Get("Object").New()
	o.Set("method", s.Method)
	if s.Reference != "" {
		o.Set("reference", s.Reference)
	}
	o.Set("type", s.Type)
	o.Set("maxval", s.Maxval)
	o.Set("dark", s.Dark)
	o.Set("ignoreZero", s.IgnoreZero)
	o.Set("ignoreMax", s.IgnoreMax)
	// The surface and the overlay cost a picture each: ask only for what the page shows.
	o.Set("surface", s.Surface)
	o.Set("overlay", true)
	o.Set("levels", a.view != nil) // what the pixel inspector reads (inspect.go)
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
		a.busyTick.Release() // cleared, it never runs again
	}
	if !on {
		el.SetAttribute("hidden", "")
		return
	}
	start := now()
	a.busyTick = js.FuncOf(func(js.Value, []js.Value) any {
		if s := (now() - start) / 1000; s > 0.15 {
			el.SetTextContent("Working… " + strconv.FormatFloat(s, 'f', 1, 64) + " s")
			el.RemoveAttribute("hidden")
		}
		return nil
	})
	a.busyTimer = js.Global().Call("setInterval", a.busyTick, 100)
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

func withSlot(msg js.Value, slot int) js.Value {
	msg.Set("slot", slot)
	return msg
}

// computeHere thresholds on the page's own thread, for pages where no worker could start.
func (a *app) computeHere() {
	defer collect() // see startWorker
	r, err := a.api.threshold([]js.Value{a.local, a.options()})
	if err != nil {
		a.fail(err.Error())
	} else {
		a.show(r.(js.Value))
	}
	a.done()
}

// computeNote says, at the foot of the page, how the page computes when that is not as usual.
func computeNote(msg string) {
	doc := js.Global().Get("document")
	p := doc.Call("createElement", "p")
	p.Set("className", "hint")
	p.Set("textContent", msg)
	if foot := doc.Call("querySelector", "footer"); !foot.IsNull() {
		foot.Call("appendChild", p)
	}
}
