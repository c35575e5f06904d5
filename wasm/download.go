//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// Download: the result as a PNG file.

// save downloads the result as a PNG.
func (a *app) save() {
	if !a.loaded {
		return
	}
	var cb js.Func
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

// wireDownload makes the download link save the result.
func (a *app) wireDownload() {
	if a.download != nil {
		a.on(a.download, "click", func(e *dom.BasicEvent) {
			e.PreventDefault()
			a.save()
		})
	}
}
