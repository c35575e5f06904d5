//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"strings"
	"syscall/js"
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
