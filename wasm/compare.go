//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo"
)

// The compare view: the current result beside another method's, and their difference image
// (white: one says foreground and the other background; gray: both foreground at different values;
// black: the same). The seed article compares its Otsu with OpenCV's this way.

func (a *app) wireCompare() {
	sel := find[*dom.HTMLSelectElement](a.root, "compare")
	if sel == nil {
		return
	}
	for _, m := range algo.Methods() {
		o := el("option")
		o.SetAttribute("value", m.ID)
		o.SetTextContent(m.Name)
		appendTo(sel, o)
	}
	a.on(sel, "change", func(*dom.BasicEvent) { a.requestCompare() })
	a.afterShow = append(a.afterShow, func(js.Value) { a.requestCompare() })
}

// requestCompare asks the worker for the other method's result on the same picture and settings.
func (a *app) requestCompare() {
	sel := find[*dom.HTMLSelectElement](a.root, "compare")
	box := find[*dom.BasicHTMLElement](a.root, "compareView")
	if sel == nil || box == nil || !a.loaded || !a.worker.Truthy() {
		return
	}
	if sel.Value() == "" {
		box.SetAttribute("hidden", "")
		return
	}
	box.RemoveAttribute("hidden")
	opts := a.options()
	m, _ := a.st.Algo()
	for _, p := range m.Params {
		opts.Delete(p.Name) // the other method takes its own defaults
	}
	opts.Set("method", sel.Value())
	opts.Set("criterion", false)
	a.compareSeq++
	msg := js.Global().Get("Object").New()
	msg.Set("kind", "threshold")
	msg.Set("id", -a.compareSeq) // negative ids mark compare requests
	msg.Set("opts", opts)
	a.post(msg)
}

// showCompare draws the other method's result and the difference with the current one.
func (a *app) showCompare(r js.Value) {
	other := find[*dom.HTMLCanvasElement](a.root, "resultB")
	diff := find[*dom.HTMLCanvasElement](a.root, "diff")
	if other == nil || diff == nil || !a.last.Truthy() {
		return
	}
	imgA, imgB := a.last.Get("image"), r.Get("image")
	w, h := imgB.Get("width").Int(), imgB.Get("height").Int()
	if imgA.Get("width").Int() != w || imgA.Get("height").Int() != h {
		return // the current result changed size meanwhile; the next round brings a new one
	}
	for _, c := range []*dom.HTMLCanvasElement{other, diff} {
		c.SetWidth(w)
		c.SetHeight(h)
	}
	other.GetContext2d().Call("putImageData", imgB, 0, 0)
	// The app's buffers, reused: Go's wasm memory never shrinks, so a compare at every slider step
	// must not leave two pictures of garbage each time.
	pa, pb := grow(&a.cmpA, 4*w*h), grow(&a.cmpB, 4*w*h)
	js.CopyBytesToGo(pa, imgA.Get("data"))
	js.CopyBytesToGo(pb, imgB.Get("data"))
	n := algo.DiffRGBA(pa, pa, pb)
	d := js.Global().Get("ImageData").New(w, h)
	js.CopyBytesToJS(d.Get("data"), pa)
	diff.GetContext2d().Call("putImageData", d, 0, 0)
	if c := find[*dom.BasicHTMLElement](a.root, "compareCaption"); c != nil {
		pct := 100 * float64(n) / float64(w*h)
		c.SetTextContent(itoa(n) + " of " + itoa(w*h) + " pixels differ (" + trimFloat(pct) + " %); " +
			methodName(r.Get("method").String()) + " level " + levelText(r.Get("level")))
	}
}
