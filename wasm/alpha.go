//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo"
)

// Transparency: a picture with any alpha below 255 gets a note that alpha is ignored (as OpenCV
// and ImageJ do), with the choice to composite it over white or black first (algo.Composite).
// The choice is part of the state (the link's alpha key). The page composites the picture as it
// loads it and thresholds that, so its result is limen.threshold's on the composited picture.
// limen.threshold itself has no such option: its handles keep the gray picture, and compositing
// comes before gray; a caller composites its canvas (fill, then draw) before reading it.

// alphaView is the app's transparency state.
type alphaView struct {
	picture     js.Value // the file the picture came from, loaded again when the choice changes
	transparent bool     // the picture has a pixel with alpha below 255
	applied     string   // the state's Alpha the shown picture was loaded with
	buf         []byte
}

// alphaChunk is how many bytes of a picture are in Go's memory at once: Go's wasm memory never
// shrinks, so a picture is looked at a megabyte at a time, never copied in whole.
const alphaChunk = 1 << 20

// prepareAlpha looks for transparency in a picture just loaded (its bitmap, still open, and img,
// the ImageData read back from the canvas it was drawn on). A transparent picture's pixels are
// read again with their straight colour (a 2D canvas rounds them: 43,856 of the 65,536 pixels of
// wasm/e2e/alpha_test.go's picture) and composited as the state asks. It
// reports whether it composited img, which the canvas should then show.
func (a *app) prepareAlpha(blob, bmp, img js.Value) bool {
	data := img.Get("data")
	a.alpha.picture, a.alpha.applied = blob, a.st.Alpha
	a.alpha.transparent = a.eachChunk(data, false, algo.HasAlpha) // a 2D canvas keeps alpha exact
	changed := false
	rounded := false
	if a.alpha.transparent {
		if px := js.Global().Call("__limenStraightPixels", bmp); px.Truthy() { // web/limen.js: through WebGL
			data.Call("set", px) // the canvas keeps showing its rounded copy: the eye sees no difference
		} else {
			rounded = true
		}
	}
	if a.alpha.transparent && a.st.Alpha != "" {
		bg := byte(0)
		if a.st.Alpha == "white" {
			bg = 255
		}
		a.eachChunk(data, true, func(p []byte) bool { algo.Composite(p, bg); return false })
		changed = true
	}
	if note := find[*dom.BasicHTMLElement](a.root, "alphaNote"); note != nil {
		setShown(note, a.alpha.transparent)
	}
	if r := find[*dom.BasicHTMLElement](a.root, "alphaRounded"); r != nil {
		setShown(r, rounded)
	}
	return changed
}

func setShown(e *dom.BasicHTMLElement, on bool) {
	if on {
		e.RemoveAttribute("hidden")
	} else {
		e.SetAttribute("hidden", "")
	}
}

// eachChunk runs f on the pixels a chunk at a time, writing each chunk back when write; it stops
// at the first chunk for which f is true, and says whether one was.
func (a *app) eachChunk(data js.Value, write bool, f func([]byte) bool) bool {
	n := data.Length()
	for off := 0; off < n; off += alphaChunk {
		end := min(off+alphaChunk, n)
		part := data.Call("subarray", off, end)
		b := grow(&a.alpha.buf, end-off)
		js.CopyBytesToGo(b, part)
		stop := f(b)
		if write {
			js.CopyBytesToJS(part, b)
		}
		if stop {
			return true
		}
	}
	return false
}

// wireAlpha wires the transparency choice: it follows the state, and a change loads the picture
// again from its file.
func (a *app) wireAlpha() {
	sel := find[*dom.HTMLSelectElement](a.root, "alpha")
	if sel == nil {
		return
	}
	sel.SetValue(a.st.Alpha)
	again := func() {
		if a.alpha.transparent && a.st.Alpha != a.alpha.applied && a.alpha.picture.Truthy() {
			a.loadBlob(a.alpha.picture, a.name)
		}
	}
	a.on(sel, "change", func(*dom.BasicEvent) {
		a.st.Alpha = sel.Value()
		a.writeHash()
		again()
	})
	a.on(jsValue{js.Global()}, "hashchange", func(*dom.BasicEvent) { // after urlstate.go's: the state is read
		sel.SetValue(a.st.Alpha)
		again()
	})
}
