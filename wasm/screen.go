//go:build js && wasm && !lesson

package main

import (
	"math"
	"syscall/js"
)

// The screen: what a viewport shows is painted on one canvas of the viewport's own size, in
// device pixels (its "screen", class screen), from the pictures' full-resolution canvases. Those
// stay where zoom.go lays them out, at full resolution, read and named as before (#result's
// getImageData is the result), but transparent (style.css: opacity 0), so the browser never
// paints them.
//
// Why: in the frame after a canvas changes, the browser copies the whole canvas for the compositor
// on the page's thread (Chromium: LayerTreeHost::DoUpdateLayers →
// Canvas2DResourceProvider::ProduceCanvasResource): 170–240 ms of CPU for a 12 MP result on the
// development machine, whatever the page's script does. A canvas that is not painted (opacity 0,
// visibility hidden or display none) costs nothing there, and a screen of 1280×900 about 10–30 ms
// (wasm/e2e/poolpage_test.go measures it). A bitmaprenderer canvas, willReadFrequently, alpha:
// false and --disable-gpu did not help.
//
// The promise of zoom.go stands for what is seen: at 1:1 and beyond each pixel of a picture is
// drawn as a square of screen pixels without smoothing (crisp, true values), at whole device
// pixels (geometry rounds the corner); below 1:1 with the browser's smoothing, as CSS scaled the
// canvases before.

// paintSoon paints every screen in the next frame, once however often it is asked: a zoom, a pan,
// a result and a resize in one frame cost one paint.
func (v *view) paintSoon() {
	if v.painting {
		return
	}
	v.painting = true
	js.Global().Call("requestAnimationFrame", v.paintFn)
}

// wireScreens gives each viewport its screen, under everything else in it (the pictures are
// transparent; the marker, the divider and the labels stay over it).
func (v *view) wireScreens() {
	for _, p := range v.ports {
		p.screen = el("canvas").Underlying()
		p.screen.Set("className", "screen")
		p.screen.Call("setAttribute", "aria-hidden", "true") // the pictures carry the names
		p.box.Call("insertBefore", p.screen, p.box.Get("firstChild"))
	}
	v.paintFn = js.FuncOf(func(js.Value, []js.Value) any {
		v.painting = false
		defer v.a.recover()
		dpr := js.Global().Get("devicePixelRatio").Float()
		if !(dpr > 0) {
			dpr = 1
		}
		for _, p := range v.ports {
			v.paint(p, dpr)
		}
		return nil
	})
}

// paint draws port p's pictures on its screen, in document order (the original under the result
// in the split view, the layer over the result), each where layout placed its canvas.
func (v *view) paint(p *port, dpr float64) {
	vw, vh := p.box.Get("clientWidth").Float(), p.box.Get("clientHeight").Float()
	if vw == 0 || vh == 0 {
		return // hidden
	}
	sw, sh := math.Round(vw*dpr), math.Round(vh*dpr)
	s := p.screen
	if s.Get("width").Float() != sw || s.Get("height").Float() != sh {
		s.Set("width", sw) // clears it
		s.Set("height", sh)
		// Exactly its pixels' size, not the box's (which may be a fraction of a pixel more or
		// less): a screen scaled by 1.001 would resample every picture drawn on it.
		s.Get("style").Set("cssText", "width:"+ftoa(sw/dpr)+"px;height:"+ftoa(sh/dpr)+"px")
	}
	ctx := s.Call("getContext", "2d")
	ctx.Call("clearRect", 0, 0, sw, sh)
	res := v.a.result.Underlying()
	pics := p.box.Call("querySelectorAll", "canvas:not(.screen)")
	for i := 0; i < pics.Length(); i++ {
		c := pics.Index(i)
		w, h := c.Get("width").Float(), c.Get("height").Float()
		if c.Get("hidden").Bool() || w == 0 || h == 0 {
			continue
		}
		left, top, cw, ch := v.geometry(p, w, h)
		kx, ky := cw*dpr/w, ch*dpr/h // screen pixels a pixel of the picture
		dx, dy := left*dpr, top*dpr
		// Only the part of the picture on the screen is drawn.
		x0, x1 := math.Max(0, math.Floor(-dx/kx)), math.Min(w, math.Ceil((sw-dx)/kx))
		y0, y1 := math.Max(0, math.Floor(-dy/ky)), math.Min(h, math.Ceil((sh-dy)/ky))
		if x1 <= x0 || y1 <= y0 {
			continue
		}
		// In the split view the result, and the layer over it, show right of the divider only.
		clip := v.split && (c.Equal(res) || c.Get("classList").Call("contains", "layer").Bool())
		if clip {
			ctx.Call("save")
			ctx.Call("beginPath")
			cx := math.Round(v.divide * vw * dpr)
			ctx.Call("rect", cx, 0, sw-cx, sh)
			ctx.Call("clip")
		}
		ctx.Set("imageSmoothingEnabled", cw < w)
		ctx.Call("drawImage", c, x0, y0, x1-x0, y1-y0, dx+x0*kx, dy+y0*ky, (x1-x0)*kx, (y1-y0)*ky)
		if clip {
			ctx.Call("restore")
		}
	}
}
