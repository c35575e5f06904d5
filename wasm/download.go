//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// Downloads: "Download PNG" gives the result canvas, which holds exactly the binarized output
// limen.threshold gives; the threshold surface and the overlay, when shown, have their own links.

// savePNG downloads a canvas-like source (a canvas, or an ImageData drawn on a new one) as a PNG
// named limen-<picture>-<method><suffix>.png.
func (a *app) savePNG(src js.Value, suffix string) {
	if !a.loaded || !src.Truthy() {
		return
	}
	if src.Get("getContext").IsUndefined() { // an ImageData
		c := js.Global().Get("document").Call("createElement", "canvas")
		c.Set("width", src.Get("width"))
		c.Set("height", src.Get("height"))
		c.Call("getContext", "2d").Call("putImageData", src, 0, 0)
		src = c
	}
	var cb js.Func
	cb = js.FuncOf(func(_ js.Value, args []js.Value) any {
		defer cb.Release()
		defer a.recover()
		if len(args) == 0 || args[0].IsNull() {
			a.fail("Could not encode the picture as PNG.")
			return nil
		}
		url := js.Global().Get("URL").Call("createObjectURL", args[0])
		link := create[*dom.HTMLAnchorElement]("a")
		link.SetHref(url.String())
		link.SetAttribute("download", "limen-"+safeName(a.name)+"-"+a.st.Method+suffix+".png")
		js.Global().Get("document").Get("body").Call("appendChild", link.Value)
		link.Click()
		link.Call("remove")
		js.Global().Call("setTimeout", js.Global().Get("URL").Get("revokeObjectURL").Call("bind", js.Global().Get("URL"), url), 10000)
		return nil
	})
	src.Call("toBlob", cb, "image/png")
}

// save downloads the result as a PNG.
func (a *app) save() { a.savePNG(a.result.Value, "") }

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

// layerDownloads are the links beside "Download PNG" for what the layer over the result shows:
// the last result's field (surface, overlay), the link's data-el, its text and the file's suffix.
var layerDownloads = []struct{ field, el, label, suffix string }{
	{"surface", "downloadSurface", "Download surface", "-surface"},
	{"overlay", "downloadOverlay", "Download overlay", "-overlay"},
}

// wireDownload makes the download link save the result, and adds (hidden) the surface's and the
// overlay's links after it: showLayerDownloads shows them when the layer does.
func (a *app) wireDownload() {
	if a.download == nil {
		return
	}
	a.on(a.download, "click", func(e *dom.BasicEvent) {
		e.PreventDefault()
		a.save()
	})
	after := a.download.Value
	for _, d := range layerDownloads {
		link := create[*dom.HTMLAnchorElement]("a")
		link.SetHref("#")
		link.SetAttribute("data-el", d.el)
		if !a.widget {
			link.SetID(d.el)
		}
		link.Class().Add("button")
		link.SetTextContent(d.label)
		link.SetAttribute("hidden", "")
		after.Call("after", link.Value)
		after = link.Value
		a.on(link, "click", func(e *dom.BasicEvent) {
			e.PreventDefault()
			if a.last.Truthy() {
				a.savePNG(a.last.Get(d.field), d.suffix)
			}
		})
	}
}

// showLayerDownloads shows the surface's and the overlay's download links when the layer shows them.
func (a *app) showLayerDownloads(surface, overlay bool) {
	for i, d := range layerDownloads {
		link := find[*dom.BasicHTMLElement](a.root, d.el)
		if link == nil {
			continue
		}
		if []bool{surface, overlay}[i] {
			link.RemoveAttribute("hidden")
		} else {
			link.SetAttribute("hidden", "")
		}
	}
}
