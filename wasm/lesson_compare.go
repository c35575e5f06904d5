//go:build js && wasm && lesson

package main

import (
	"limen/algo"
	"limen/wasm/internal/samples"
	"strconv"
	"syscall/js"
)

// The lesson's comparisons: the picture beside a widget's result (compare=opencv|imagej|clean).

// original returns the picture as loaded (the original canvas at full size), or undefined.
func (l *lesson) original() js.Value {
	a := l.a
	if !a.loaded || a.original == nil || a.original.Width() != a.width || a.original.Height() != a.height {
		return js.Undefined()
	}
	return a.original.GetContext2d().GetImageData(0, 0, a.width, a.height).Value
}

// other thresholds the picture here, on the page's thread, with the widget's options changed by
// edit. It is for the small second results the lesson compares with (the widget's own result comes
// from the worker).
func (l *lesson) other(edit func(o js.Value)) (js.Value, bool) {
	img := l.original()
	if img.IsUndefined() {
		return js.Undefined(), false
	}
	o := l.a.options()
	o.Set("criterion", false)
	edit(o)
	r, err := l.a.api.threshold([]js.Value{img, o})
	if err != nil {
		l.setCompare(js.Undefined(), "Could not compute the comparison: "+err.Error())
		return js.Undefined(), false
	}
	return r.(js.Value), true
}

// setCompare draws img (or clears the canvas) and sets the caption beside the result.
func (l *lesson) setCompare(img js.Value, caption string) {
	if l.cmp != nil {
		if img.Truthy() {
			w, h := img.Get("width").Int(), img.Get("height").Int()
			if l.cmp.Width() != w || l.cmp.Height() != h {
				l.cmp.SetWidth(w)
				l.cmp.SetHeight(h)
			}
			l.cmp.GetContext2d().Call("putImageData", img, 0, 0)
		} else {
			l.cmp.SetWidth(1)
			l.cmp.SetHeight(1)
		}
	}
	if l.cmpCaption != nil {
		l.cmpCaption.SetTextContent(caption)
	}
}

// diff returns the difference image of two results of the same size (algo.DiffRGBA: black where
// they agree) and how many pixels differ; -1 when the sizes differ. Its two buffers are the
// widget's, reused: Go's wasm memory never shrinks, so a large picture must not leave garbage at
// every slider step.
func (l *lesson) diff(a, b js.Value) (js.Value, int) {
	w, h := a.Get("width").Int(), a.Get("height").Int()
	if b.Get("width").Int() != w || b.Get("height").Int() != h {
		return js.Undefined(), -1
	}
	pa, pb := grow(&l.bufA, 4*w*h), grow(&l.bufB, 4*w*h)
	js.CopyBytesToGo(pa, a.Get("data"))
	js.CopyBytesToGo(pb, b.Get("data"))
	n := algo.DiffRGBA(pa, pa, pb)
	d := js.Global().Get("ImageData").New(w, h)
	js.CopyBytesToJS(d.Get("data"), pa)
	return d, n
}

func countText(n, total int) string {
	if n == 0 {
		return "0 pixels differ: the difference is all black"
	}
	return itoa(n) + " of " + itoa(total) + " pixels differ (" + strconv.FormatFloat(100*float64(n)/float64(total), 'f', 2, 64) + " %)"
}

// openCVLevel is OpenCV's Otsu level for what the widget shows, when it is known: a bundled sample,
// no resize, noise or ignored values, and no blur or the 5×5 one.
func (l *lesson) openCVLevel() (int, bool) {
	st := l.a.st
	lv, ok := samples.OpenCVOtsu(st.Sample, st.Blur == 5)
	if !ok || l.a.name != st.Sample || st.Resize != 0 || st.NoiseSigma != 0 || st.NoiseMean != 0 ||
		st.IgnoreZero || st.IgnoreMax || (st.Blur != 0 && st.Blur != 5) {
		return 0, false
	}
	return lv, true
}

// compareOpenCV shows the difference between the result and the picture thresholded at OpenCV's
// Otsu level (limen's Manual is cv::threshold, pixel-exact): all black when the levels agree.
func (l *lesson) compareOpenCV(r js.Value) {
	lv, ok := l.openCVLevel()
	if !ok {
		l.setCompare(js.Undefined(), "OpenCV's level is not known for this picture: limen does not run "+
			"OpenCV here, and the levels it knows are OpenCV 4.6's on the bundled samples.")
		return
	}
	o, ok := l.other(func(o js.Value) {
		l.dropParams(o)
		o.Set("method", "manual")
		o.Set("level", lv)
	})
	if !ok {
		return
	}
	d, n := l.diff(r.Get("image"), o.Get("image"))
	if n < 0 {
		return
	}
	w, h := d.Get("width").Int(), d.Get("height").Int()
	l.setCompare(d, "Difference from OpenCV 4.6 thresholding at its Otsu level, "+itoa(lv)+": "+countText(n, w*h)+".")
}

// compareImageJ shows max entropy as ImageJ runs it: every pixel counted, no offset.
func (l *lesson) compareImageJ(r js.Value) {
	o, ok := l.other(func(o js.Value) {
		l.dropParams(o)
		o.Set("method", "max-entropy")
		o.Set("ignoreZero", false)
		o.Set("ignoreMax", false)
	})
	if !ok {
		return
	}
	l.setCompare(o.Get("image"), "ImageJ's MaxEntropy (every pixel, no offset): level "+trimFloat(o.Get("level").Float())+".")
}

// compareClean shows the difference from the same method on the picture without noise or blur.
func (l *lesson) compareClean(r js.Value) {
	o, ok := l.other(func(o js.Value) {
		o.Delete("noise")
		o.Delete("blur")
	})
	if !ok {
		return
	}
	d, n := l.diff(r.Get("image"), o.Get("image"))
	if n < 0 {
		return
	}
	w, h := d.Get("width").Int(), d.Get("height").Int()
	lv := "level " + levelText(o.Get("level"))
	if o.Get("level").IsNull() {
		lv = "a level for every pixel"
	}
	l.setCompare(d, "Against the same method on the picture without noise or smoothing ("+lv+"): "+countText(n, w*h)+".")
}

// dropParams removes the widget method's parameters from an options object.
func (l *lesson) dropParams(o js.Value) {
	if m, ok := l.a.st.Algo(); ok {
		for _, p := range m.Params {
			o.Delete(p.Name)
		}
	}
}
