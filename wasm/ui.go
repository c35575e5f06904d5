//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo"
)

// maxPixels is the largest picture the page accepts: a canvas of more fails in browsers, and the
// worker holds several copies of it.
const maxPixels = 50_000_000

// app is the page's state. The page's own thread only draws; thresholding happens in a worker
// (web/worker.js) that runs this same module, so the page never freezes. At most one request is in
// flight; a newer one replaces a waiting one, so a stale request is never sent.
type app struct {
	doc    dom.Document
	worker js.Value

	method, typ, sample, blur *dom.HTMLSelectElement
	maxval, noiseMean         *dom.HTMLInputElement
	noiseSigma, noiseSeed     *dom.HTMLInputElement
	dark, ignoreZero          *dom.HTMLInputElement
	ignoreMax                 *dom.HTMLInputElement
	params                    dom.Element
	original, result, hist    *dom.HTMLCanvasElement
	info, about, errBox       dom.Element
	download                  *dom.HTMLAnchorElement

	loaded   bool
	width    int
	height   int
	name     string
	seq      int      // id of the last request sent
	busy     bool     // a request is in flight
	pending  bool     // another is wanted once it returns
	last     js.Value // the last result
	dragging bool
	api      *api
	local    js.Value // the picture, when no worker runs
}

func el[T dom.Element](d dom.Document, id string) T {
	e, ok := d.GetElementByID(id).(T)
	if !ok {
		panic("limen page: element #" + id + " is missing or of the wrong kind")
	}
	return e
}

// startUI wires the page if it is limen's main page (it has #method); elsewhere (a worker, another
// page using only the API) it does nothing.
func startUI(api *api) {
	if js.Global().Get("document").IsUndefined() {
		return
	}
	doc := dom.GetWindow().Document()
	if doc.GetElementByID("method") == nil {
		return
	}
	a := &app{doc: doc, api: api}
	a.method = el[*dom.HTMLSelectElement](doc, "method")
	a.typ = el[*dom.HTMLSelectElement](doc, "type")
	a.sample = el[*dom.HTMLSelectElement](doc, "sample")
	a.blur = el[*dom.HTMLSelectElement](doc, "blur")
	a.maxval = el[*dom.HTMLInputElement](doc, "maxval")
	a.noiseSigma = el[*dom.HTMLInputElement](doc, "noiseSigma")
	a.noiseMean = el[*dom.HTMLInputElement](doc, "noiseMean")
	a.noiseSeed = el[*dom.HTMLInputElement](doc, "noiseSeed")
	a.dark = el[*dom.HTMLInputElement](doc, "dark")
	a.ignoreZero = el[*dom.HTMLInputElement](doc, "ignoreZero")
	a.ignoreMax = el[*dom.HTMLInputElement](doc, "ignoreMax")
	a.params = doc.GetElementByID("params")
	a.original = el[*dom.HTMLCanvasElement](doc, "original")
	a.result = el[*dom.HTMLCanvasElement](doc, "result")
	a.hist = el[*dom.HTMLCanvasElement](doc, "hist")
	a.info = doc.GetElementByID("info")
	a.about = doc.GetElementByID("about")
	a.errBox = doc.GetElementByID("error")
	a.download = el[*dom.HTMLAnchorElement](doc, "download")
	if v := doc.GetElementByID("version"); v != nil {
		v.SetTextContent(version)
	}
	a.fillMethods()
	a.wire()
	a.startWorker()
	a.loadSample(a.sample.Value())
}

// fillMethods lists the registry's methods, global then local, in the method menu.
func (a *app) fillMethods() {
	for _, kind := range []algo.Kind{algo.Global, algo.Local} {
		group := a.doc.CreateElement("optgroup")
		group.SetAttribute("label", map[algo.Kind]string{algo.Global: "Global (one level)", algo.Local: "Local (a level per pixel)"}[kind])
		for _, m := range algo.Methods() {
			if m.Kind != kind {
				continue
			}
			o := a.doc.CreateElement("option")
			o.SetAttribute("value", m.ID)
			o.SetTextContent(m.Name)
			group.AppendChild(o)
		}
		a.method.AppendChild(group)
	}
	a.method.SetValue("otsu")
	a.buildParams()
}

// buildParams makes one slider per parameter of the chosen method, from the registry.
func (a *app) buildParams() {
	a.params.SetInnerHTML("")
	m, _ := algo.Lookup(a.method.Value())
	for _, p := range m.Params {
		label := a.doc.CreateElement("label")
		label.Class().Add("param")
		label.SetAttribute("title", p.Doc)
		label.AppendChild(a.doc.CreateTextNode(p.Name + " "))
		in := a.doc.CreateElement("input").(*dom.HTMLInputElement)
		in.SetType("range")
		in.SetID("param-" + p.Name)
		in.SetAttribute("data-param", p.Name)
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
		in.SetValue(ftoa(p.Default))
		out := a.doc.CreateElement("output")
		out.SetTextContent(ftoa(p.Default))
		a.on(in, "input", func(dom.Event) {
			out.SetTextContent(in.Value())
			a.request()
		})
		label.AppendChild(in)
		label.AppendChild(a.doc.CreateTextNode(" "))
		label.AppendChild(out)
		a.params.AppendChild(label)
	}
	a.showAbout(m)
}

func (a *app) showAbout(m algo.Method) {
	a.about.SetInnerHTML("")
	h := a.doc.CreateElement("h2")
	h.SetTextContent(m.Name)
	p := a.doc.CreateElement("p")
	p.SetTextContent(m.About)
	a.about.AppendChild(h)
	a.about.AppendChild(p)
	if m.Paper != "" {
		c := a.doc.CreateElement("p")
		c.Class().Add("cite")
		c.SetTextContent("Paper: " + m.Paper)
		a.about.AppendChild(c)
	}
	r := a.doc.CreateElement("p")
	r.Class().Add("cite")
	r.SetTextContent("Exact to: " + m.Reference)
	a.about.AppendChild(r)
}

func (a *app) wire() {
	changed := func(dom.Event) { a.request() }
	a.on(a.method, "change", func(dom.Event) {
		a.buildParams()
		a.request()
	})
	for _, e := range []dom.Element{a.typ, a.maxval, a.dark, a.ignoreZero, a.ignoreMax, a.noiseMean, a.noiseSeed, a.blur} {
		a.on(e, "change", changed)
	}
	sigmaOut := a.doc.GetElementByID("noiseSigmaOut")
	a.on(a.noiseSigma, "input", func(dom.Event) {
		sigmaOut.SetTextContent(a.noiseSigma.Value())
		a.request()
	})
	a.on(a.sample, "change", func(dom.Event) { a.loadSample(a.sample.Value()) })
	file := el[*dom.HTMLInputElement](a.doc, "file")
	a.on(file, "change", func(dom.Event) {
		files := file.Get("files")
		if files.Length() > 0 {
			a.loadBlob(files.Index(0), files.Index(0).Get("name").String())
		}
	})
	// Drop anywhere on the page; paste from the clipboard.
	drop := a.doc.GetElementByID("drop")
	win := dom.GetWindow()
	a.on(win, "dragover", func(e dom.Event) {
		e.PreventDefault()
		drop.Class().Add("dragover")
	})
	a.on(win, "dragleave", func(dom.Event) { drop.Class().Remove("dragover") })
	a.on(win, "drop", func(e dom.Event) {
		e.PreventDefault()
		drop.Class().Remove("dragover")
		files := e.Underlying().Get("dataTransfer").Get("files")
		if files.Length() > 0 {
			a.loadBlob(files.Index(0), files.Index(0).Get("name").String())
		} else {
			a.fail("Nothing to open: drop an image file.")
		}
	})
	a.on(win, "paste", func(e dom.Event) {
		items := e.Underlying().Get("clipboardData").Get("files")
		if items.Length() > 0 {
			a.loadBlob(items.Index(0), "pasted image")
		}
	})
	a.on(a.download, "click", func(e dom.Event) {
		e.PreventDefault()
		a.save()
	})
	a.wireHistogramDrag()
	a.wireTryAll()
}

// startWorker starts the compute worker. Where workers cannot start (a page opened from disk in
// some browsers), the page computes on its own thread with the same API.
func (a *app) startWorker() {
	defer func() {
		if recover() != nil {
			a.worker = js.Undefined()
		}
	}()
	a.worker = js.Global().Get("Worker").New("worker.js")
	a.worker.Call("addEventListener", "message", js.FuncOf(func(_ js.Value, args []js.Value) any {
		defer a.recover()
		a.onMessage(args[0].Get("data"))
		return nil
	}))
	a.worker.Call("addEventListener", "error", js.FuncOf(func(_ js.Value, args []js.Value) any {
		a.fail("The compute worker failed: " + args[0].Get("message").String())
		return nil
	}))
}

// loadSample fetches a bundled sample image.
func (a *app) loadSample(name string) {
	go func() {
		defer a.recover()
		resp, err := await(js.Global().Call("fetch", "samples/"+name+".png"))
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
	go func() {
		defer a.recover()
		opts := js.Global().Get("Object").New()
		opts.Set("colorSpaceConversion", "none")
		opts.Set("premultiplyAlpha", "none")
		if blob.Get("size").Int() == 0 {
			a.fail("“" + name + "” is empty.")
			return
		}
		bmp, err := await(js.Global().Call("createImageBitmap", blob, opts))
		if err != nil {
			a.fail("“" + name + "” could not be read as an image (" + err.Error() + ").")
			return
		}
		w, h := bmp.Get("width").Int(), bmp.Get("height").Int()
		if w*h > maxPixels || w > 32767 || h > 32767 {
			bmp.Call("close")
			a.fail("“" + name + "” is " + itoa(w) + "×" + itoa(h) + ": too large (limen takes up to " +
				itoa(maxPixels/1_000_000) + " megapixels and 32767 pixels a side).")
			return
		}
		a.original.SetWidth(w)
		a.original.SetHeight(h)
		ctx := a.original.GetContext2d()
		ctx.Call("drawImage", bmp, 0, 0)
		bmp.Call("close")
		img := ctx.GetImageData(0, 0, w, h)
		a.clearError()
		a.name, a.width, a.height, a.loaded = name, w, h, true
		el[dom.Element](a.doc, "originalCaption").SetTextContent("Original: " + name + ", " + itoa(w) + "×" + itoa(h))
		if a.worker.Truthy() {
			msg := js.Global().Get("Object").New()
			msg.Set("kind", "load")
			msg.Set("image", img.Value)
			a.worker.Call("postMessage", msg)
		} else {
			a.local = img.Value
		}
		a.request()
	}()
}

// options builds the limen.threshold options object from the controls.
func (a *app) options() js.Value {
	o := js.Global().Get("Object").New()
	o.Set("method", a.method.Value())
	o.Set("type", a.typ.Value())
	o.Set("maxval", num(a.maxval.Value(), 255))
	o.Set("dark", a.dark.Checked())
	o.Set("ignoreZero", a.ignoreZero.Checked())
	o.Set("ignoreMax", a.ignoreMax.Checked())
	if s := num(a.noiseSigma.Value(), 0); s > 0 {
		n := js.Global().Get("Object").New()
		n.Set("sigma", s)
		n.Set("mean", num(a.noiseMean.Value(), 0))
		n.Set("seed", math.Max(0, math.Trunc(num(a.noiseSeed.Value(), 1))))
		o.Set("noise", n)
	}
	if k := num(a.blur.Value(), 0); k > 0 {
		b := js.Global().Get("Object").New()
		b.Set("ksize", k)
		b.Set("sigma", 0)
		o.Set("blur", b)
	}
	for _, in := range a.params.QuerySelectorAll("input[data-param]") {
		i := in.(*dom.HTMLInputElement)
		o.Set(i.GetAttribute("data-param"), num(i.Value(), 0))
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
	if !a.loaded {
		return
	}
	if a.busy {
		a.pending = true
		return
	}
	a.busy, a.pending = true, false
	a.seq++
	if !a.worker.Truthy() {
		a.computeHere()
		return
	}
	msg := js.Global().Get("Object").New()
	msg.Set("kind", "threshold")
	msg.Set("id", a.seq)
	msg.Set("opts", a.options())
	a.worker.Call("postMessage", msg)
}

func (a *app) onMessage(m js.Value) {
	switch m.Get("kind").String() {
	case "result":
		a.show(m.Get("result"))
		a.done()
	case "error":
		a.fail(m.Get("message").String())
		a.done()
	case "tryall":
		a.showTryAll(m.Get("results"))
	}
}

func (a *app) done() {
	a.busy = false
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
	a.result.GetContext2d().Call("putImageData", img, 0, 0)
	a.info.SetTextContent(describe(r))
	a.drawHistogram(r)
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
		link := a.doc.CreateElement("a").(*dom.HTMLAnchorElement)
		link.SetHref(url.String())
		link.SetAttribute("download", "limen-"+safeName(a.name)+"-"+a.method.Value()+".png")
		a.doc.(dom.HTMLDocument).Body().AppendChild(link)
		link.Click()
		link.ParentNode().RemoveChild(link)
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
func (a *app) on(target dom.EventTarget, typ string, f func(dom.Event)) {
	target.AddEventListener(typ, false, func(e dom.Event) {
		defer a.recover()
		f(e)
	})
}

// recover turns a panic into a message on the page; deferred at the top of every callback and
// goroutine of the UI.
func (a *app) recover() {
	if r := recover(); r != nil {
		msg := "unexpected error"
		switch v := r.(type) {
		case error:
			msg += ": " + v.Error()
		case string:
			msg += ": " + v
		}
		a.busy = false
		a.fail("limen: " + msg + ". The page keeps working; please report this.")
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
