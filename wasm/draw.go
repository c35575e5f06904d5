//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// Drawing a result: the result canvas and the line under it.

// levelText shows a level: a number, a list for multi-level methods, "local" for null.
func levelText(lv js.Value) string {
	switch {
	case lv.IsNull() || lv.IsUndefined():
		return "local"
	case lv.Type() == js.TypeObject:
		s := ""
		for i := 0; i < lv.Length(); i++ {
			if i > 0 {
				s += ", "
			}
			s += itoa(lv.Index(i).Int())
		}
		return s
	}
	return trimFloat(lv.Float())
}

// show draws a result: the image, the numbers, the histogram. The result canvas gets exactly the
// binarized output; the threshold surface and the overlay go on their own layer (drawLayer).
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
	a.drawLayer(r, w, h)
	if a.info != nil {
		a.info.SetTextContent(describe(r))
	}
	a.drawHistogram(r)
	for _, f := range a.afterShow {
		f(r)
	}
}

// What the layer over the result shows, for its accessible name and its download.
const (
	layerSurface = "Threshold surface: the level of every pixel"
	layerOverlay = "Overlay: what the method used (red)"
)

// drawLayer draws, on a canvas stacked over the result (made on first use, hidden when empty), the
// threshold surface when asked for and the method's overlay (edge mask, tile grid) in red.
func (a *app) drawLayer(r js.Value, w, h int) {
	sf, ov := r.Get("surface"), r.Get("overlay")
	showSurface := a.st.Surface && sf.Truthy()
	layer := find[*dom.HTMLCanvasElement](a.root, "layer")
	if !showSurface && !ov.Truthy() {
		if layer != nil {
			layer.SetAttribute("hidden", "")
		}
		a.showLayerDownloads(false, false)
		return
	}
	if layer == nil {
		layer = a.makeLayer()
	}
	if layer.Width() != w || layer.Height() != h {
		layer.SetWidth(w)
		layer.SetHeight(h)
	}
	ctx := layer.GetContext2d()
	ctx.Call("clearRect", 0, 0, w, h)
	var name []string
	if showSurface {
		ctx.Call("putImageData", sf, 0, 0)
		name = append(name, layerSurface)
	}
	if ov.Truthy() {
		if showSurface { // over the surface: through a scratch canvas, since putImageData does not composite
			c := js.Global().Get("OffscreenCanvas").New(w, h)
			c.Call("getContext", "2d").Call("putImageData", ov, 0, 0)
			ctx.Call("drawImage", c, 0, 0)
		} else {
			ctx.Call("putImageData", ov, 0, 0) // red where set, transparent elsewhere
		}
		name = append(name, layerOverlay)
	}
	layer.SetAttribute("aria-label", strings.Join(name, "; "))
	layer.RemoveAttribute("hidden")
	a.showLayerDownloads(showSurface, ov.Truthy())
}

// makeLayer makes a canvas over the result: in the zoom view (zoom.go), which places and paints
// every canvas of its viewport, beside the result; elsewhere in one box with it (class stack,
// style.css).
func (a *app) makeLayer() *dom.HTMLCanvasElement {
	layer := create[*dom.HTMLCanvasElement]("canvas")
	layer.SetAttribute("data-el", "layer")
	if !a.widget {
		layer.SetID("resultLayer")
	}
	layer.Class().Add("layer")
	layer.SetAttribute("role", "img")
	if a.view != nil {
		a.result.Call("after", layer.Value)
		return layer
	}
	box := el("div")
	box.Class().Add("stack")
	a.result.Call("before", box.Value)
	appendTo(box, a.result)
	appendTo(box, layer)
	return layer
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
