//go:build js && wasm && !lesson

package main

import (
	"math"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// Zoom and pan, synchronized: every viewport of the page (an element of class "zoomview": the
// original, the result, and the compare view's three pictures) shows its pictures at one scale
// around one centre, so the same pixel sits in the same place in each. The split view lays the
// original under the result in one viewport, with a divider between them.
//
// The pictures are the canvases themselves, at full resolution (draw.go puts the whole result in
// its canvas, however large): the view only sizes and places them, and each viewport's screen
// (screen.go) paints what they show from them, so at 1:1 and beyond a pixel on screen is a pixel of
// the picture, drawn crisp — no thumbnail is ever scaled up. Below 1:1 smooth scaling shows the
// picture as a whole.
//
// The scale is in CSS pixels per pixel of the result ("1:1" is one CSS pixel a pixel); a canvas of
// another size in the same view (the original when the method resized the picture first) is scaled
// to show the same part of the picture.

// view is the page's zoom, pan, split and inspector state.
type view struct {
	a      *app
	ports  []*port
	main   *port // the result's viewport: "fit" zooms are measured there
	fit    bool  // every viewport shows its whole picture
	z      float64
	cx, cy float64 // the centre, as fractions of the picture's width and height
	split  bool
	divide float64 // the split divider, as a fraction of the viewport's width
	shown  [2]int  // the size of the result last laid out: another picture starts fitted

	level   *dom.BasicHTMLElement // the zoom level's label
	divider js.Value              // the split view's divider (a slider)
	inspect *dom.BasicHTMLElement // the inspector line (inspect.go)
	px, py  int                   // the inspected pixel, in the result's coordinates; -1: none
	cmp     js.Value              // the compare view's last result (compare.go), for the inspector
	// cmpParams are the parameters of this result and the other, as the compare view's captions
	// say them (compare.go).
	cmpParams [2]string

	ptrs       map[int][2]float64 // the pointers down on a viewport, by id: where they are
	moved      bool               // the pointers moved since they went down (a drag, not a tap)
	dragDivide bool               // the pointer down is moving the divider

	painting bool    // the screens are to be painted in the next frame (screen.go)
	paintFn  js.Func // paints them
}

// port is one viewport: its box, the canvas it was made for (whose shape it takes), the marker
// of the inspected pixel, and the screen that shows its pictures (screen.go).
type port struct {
	box, own, probe, screen js.Value
}

const (
	zoomMax  = 64  // CSS pixels a pixel, at most
	zoomStep = 2.0 // +/− buttons and keys
)

func (a *app) wireZoom() {
	boxes := all[*dom.BasicHTMLElement](a.root, ".zoomview")
	if len(boxes) == 0 {
		return
	}
	v := &view{a: a, fit: true, z: 1, cx: 0.5, cy: 0.5, divide: 0.5, px: -1, py: -1, ptrs: map[int][2]float64{}, cmp: js.Null()}
	a.view = v
	for _, b := range boxes {
		p := &port{box: b.Underlying(), own: b.Call("querySelector", "canvas")}
		p.probe = el("div").Underlying()
		p.probe.Set("className", "probe")
		p.probe.Set("hidden", true)
		b.Call("appendChild", p.probe)
		v.ports = append(v.ports, p)
		if p.own.Equal(a.result.Underlying()) {
			v.main = p
		}
		v.wirePort(p)
	}
	if v.main == nil {
		v.main = v.ports[0]
	}
	v.wireScreens()
	v.level = find[*dom.BasicHTMLElement](a.root, "zoomLevel")
	v.inspect = find[*dom.BasicHTMLElement](a.root, "inspect")
	if d := find[*dom.BasicHTMLElement](a.root, "divider"); d != nil {
		v.divider = d.Underlying()
		v.wireDivider()
	}
	// The bar's buttons say what they do in data-zoom (one listener for all).
	if bar := find[*dom.BasicHTMLElement](a.root, "viewbar"); bar != nil {
		a.on(bar, "click", func(e *dom.BasicEvent) {
			if b := e.Underlying().Get("target").Call("closest", "[data-zoom]"); b.Truthy() {
				v.act(b.Call("getAttribute", "data-zoom").String(), v.main)
			}
		})
	}
	// Lay out again whenever a viewport changes size (the window, the phone turned, the compare
	// view opened) and after every result (its size may have changed).
	ro := js.Global().Get("ResizeObserver").New(js.FuncOf(func(js.Value, []js.Value) any {
		defer a.recover()
		v.layout()
		return nil
	}))
	for _, p := range v.ports {
		ro.Call("observe", p.box)
	}
	a.afterShow = append(a.afterShow, func(js.Value) {
		if size := [2]int{a.result.Width(), a.result.Height()}; size != v.shown {
			v.shown, v.fit, v.cx, v.cy = size, true, 0.5, 0.5
		}
		v.layout()
		v.showInspector()
	})
	v.layout()
}

// refSize is the result's size: the scale and the centre are measured in its pixels.
func (v *view) refSize() (float64, float64) {
	w, h := v.a.result.Width(), v.a.result.Height()
	if w <= 1 && h <= 1 { // no result yet: the original's
		w, h = v.a.original.Width(), v.a.original.Height()
	}
	return float64(w), float64(h)
}

// fitZoom is the scale at which the port shows the whole picture.
func (v *view) fitZoom(p *port) float64 {
	rw, rh := v.refSize()
	vw, vh := p.box.Get("clientWidth").Float(), p.box.Get("clientHeight").Float()
	if vw == 0 || vh == 0 {
		return 1
	}
	return math.Min(vw/rw, vh/rh)
}

// scale is the current zoom in CSS pixels per result pixel, fit included.
func (v *view) scale() float64 {
	if v.fit {
		return v.fitZoom(v.main)
	}
	return v.z
}

// zoomAround multiplies the zoom by f, keeping the picture's point under (x, y) of port p where
// it is (the port's centre when x < 0).
func (v *view) zoomAround(f float64, p *port, x, y float64) {
	v.zoomTo(v.scale()*f, p, x, y)
}

// zoomTo sets the zoom to z, keeping the picture's
// point under (x, y) of port p where it is (the port's centre when x < 0).
func (v *view) zoomTo(z float64, p *port, x, y float64) {
	rw, rh := v.refSize()
	vw, vh := p.box.Get("clientWidth").Float(), p.box.Get("clientHeight").Float()
	if x < 0 {
		x, y = vw/2, vh/2
	}
	old := v.scale()
	if v.fit {
		v.cx, v.cy = 0.5, 0.5
	}
	// The point under (x, y), as a fraction of the picture.
	u, w := v.cx+(x-vw/2)/(old*rw), v.cy+(y-vh/2)/(old*rh)
	// From the whole picture (or 1:1, for a picture smaller than its view) to zoomMax.
	fitZ := v.fitZoom(v.main)
	z = math.Max(math.Min(fitZ, 1), math.Min(z, zoomMax))
	if math.Abs(z-fitZ) <= fitZ*1e-4 {
		v.fit, v.cx, v.cy = true, 0.5, 0.5
		v.layout()
		return
	}
	v.fit, v.z = false, z
	v.cx, v.cy = u-(x-vw/2)/(z*rw), w-(y-vh/2)/(z*rh)
	v.layout()
}

// pan moves the picture by (dx, dy) CSS pixels.
func (v *view) pan(dx, dy float64) {
	if v.fit {
		return
	}
	rw, rh := v.refSize()
	v.cx -= dx / (v.z * rw)
	v.cy -= dy / (v.z * rh)
	v.layout()
}

// geometry is where a canvas of w×h pixels sits in a port: its left and top corner and its size,
// in CSS pixels.
func (v *view) geometry(p *port, w, h float64) (left, top, cw, ch float64) {
	vw, vh := p.box.Get("clientWidth").Float(), p.box.Get("clientHeight").Float()
	rw, _ := v.refSize()
	var s float64
	if v.fit {
		s = math.Min(vw/w, vh/h)
	} else {
		s = v.z * rw / w
	}
	cw, ch = w*s, h*s
	// Whole device pixels: a picture half a pixel off would be resampled, and blur at 1:1.
	dpr := js.Global().Get("devicePixelRatio").Float()
	if !(dpr > 0) {
		dpr = 1
	}
	left = math.Round((vw/2-v.cx*cw)*dpr) / dpr
	top = math.Round((vh/2-v.cy*ch)*dpr) / dpr
	return
}

// layout sizes and places every canvas of every viewport, the divider and the inspected pixel's
// marker, shows the zoom level, and has the screens painted.
func (v *view) layout() {
	if !v.fit {
		v.cx, v.cy = clamp01(v.cx), clamp01(v.cy) // the centre stays on the picture
	}
	for _, p := range v.ports {
		if ow, oh := p.own.Get("width").Float(), p.own.Get("height").Float(); ow > 0 && oh > 0 {
			p.box.Get("style").Call("setProperty", "--ar", ftoa(ow)+" / "+ftoa(oh))
		}
		vw := p.box.Get("clientWidth").Float()
		if vw == 0 {
			continue // hidden
		}
		p.box.Get("classList").Call("toggle", "zoomed", !v.fit)
		canvases := p.box.Call("querySelectorAll", ":scope > canvas:not(.screen)")
		for i := 0; i < canvases.Length(); i++ {
			c := canvases.Index(i)
			w, h := c.Get("width").Float(), c.Get("height").Float()
			left, top, cw, ch := v.geometry(p, w, h)
			css := "left:" + ftoa(left) + "px;top:" + ftoa(top) + "px;width:" + ftoa(cw) + "px;height:" + ftoa(ch) + "px;image-rendering:"
			if cw >= w {
				css += "pixelated"
			} else {
				css += "auto"
			}
			// In the split view the result, on top, shows right of the divider only.
			if v.split && c.Equal(v.a.result.Underlying()) {
				css += ";clip-path:inset(0 0 0 " + ftoa(math.Max(0, v.divide*vw-left)) + "px)"
			}
			c.Get("style").Set("cssText", css)
		}
		v.placeProbe(p)
	}
	if v.divider.Truthy() {
		pct := math.Round(v.divide * 100)
		v.divider.Get("style").Set("left", ftoa(v.divide*100)+"%")
		v.divider.Call("setAttribute", "aria-valuenow", ftoa(pct))
		v.divider.Call("setAttribute", "aria-valuetext", "original left of "+ftoa(pct)+" %, result right")
	}
	if v.level != nil {
		pct := ftoa(math.Round(v.scale() * 100))
		if v.fit {
			v.level.SetTextContent("fit (" + pct + " %)")
		} else {
			v.level.SetTextContent(pct + " %")
		}
	}
	v.paintSoon()
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// pixelAt is the result pixel under (x, y) of port p, or false when (x, y) is off the picture.
func (v *view) pixelAt(p *port, x, y float64) (int, int, bool) {
	w, h := p.own.Get("width").Float(), p.own.Get("height").Float()
	left, top, cw, ch := v.geometry(p, w, h)
	u, t := (x-left)/cw, (y-top)/ch
	if !(u >= 0 && u < 1 && t >= 0 && t < 1) {
		return 0, 0, false
	}
	rw, rh := v.refSize()
	return int(u * rw), int(t * rh), true
}

// placeProbe puts the marker over the inspected pixel in port p.
func (v *view) placeProbe(p *port) {
	if v.px < 0 {
		p.probe.Set("hidden", true)
		return
	}
	rw, rh := v.refSize()
	w, h := p.own.Get("width").Float(), p.own.Get("height").Float()
	left, top, cw, ch := v.geometry(p, w, h)
	pw, ph := cw/rw, ch/rh // one result pixel, in CSS pixels
	p.probe.Get("style").Set("cssText", "left:"+ftoa(left+float64(v.px)*pw)+"px;top:"+ftoa(top+float64(v.py)*ph)+
		"px;width:"+ftoa(pw)+"px;height:"+ftoa(ph)+"px")
	p.probe.Set("hidden", false)
}

// local is where a pointer event happened in port p, in CSS pixels from its top left corner.
func local(p *port, e js.Value) (float64, float64) {
	r := p.box.Call("getBoundingClientRect") // its border box: the canvases sit inside the border
	return e.Get("clientX").Float() - r.Get("left").Float() - p.box.Get("clientLeft").Float(),
		e.Get("clientY").Float() - r.Get("top").Float() - p.box.Get("clientTop").Float()
}

// wirePort makes one viewport respond: drag to pan, two fingers to pinch, the wheel to zoom
// (with Ctrl, or a trackpad's pinch, while the view fits: a plain wheel then scrolls the page), a
// hover or a tap to inspect a pixel, and keys when it has the focus.
func (v *view) wirePort(p *port) {
	a := v.a
	box := basic(p.box)
	a.on(box, "pointerdown", func(e *dom.BasicEvent) {
		u := e.Underlying()
		if u.Get("button").Int() > 0 || u.Get("target").Call("closest", ".divider").Truthy() {
			return
		}
		x, y := local(p, u)
		v.ptrs[u.Get("pointerId").Int()] = [2]float64{x, y}
		v.moved = false
		p.box.Call("setPointerCapture", u.Get("pointerId"))
	})
	a.on(box, "pointermove", func(e *dom.BasicEvent) {
		u := e.Underlying()
		x, y := local(p, u)
		id := u.Get("pointerId").Int()
		last, down := v.ptrs[id]
		if !down {
			if u.Get("pointerType").String() != "touch" { // a hover
				v.inspectAt(p, x, y)
			}
			return
		}
		if math.Hypot(x-last[0], y-last[1]) < 3 && !v.moved {
			return // a tap's tremble
		}
		v.moved = true
		if len(v.ptrs) == 2 { // pinch: the distance and the midpoint of the two fingers
			var other [2]float64
			for k, q := range v.ptrs {
				if k != id {
					other = q
				}
			}
			d0, d1 := math.Hypot(last[0]-other[0], last[1]-other[1]), math.Hypot(x-other[0], y-other[1])
			v.ptrs[id] = [2]float64{x, y}
			if d0 > 0 && d1 > 0 {
				v.zoomAround(d1/d0, p, (x+other[0])/2, (y+other[1])/2)
			}
			return
		}
		v.ptrs[id] = [2]float64{x, y}
		v.pan(x-last[0], y-last[1])
	})
	up := func(e *dom.BasicEvent) {
		u := e.Underlying()
		id := u.Get("pointerId").Int()
		if _, down := v.ptrs[id]; !down {
			return
		}
		delete(v.ptrs, id)
		if !v.moved && u.Get("type").String() == "pointerup" { // a tap or a click: inspect that pixel
			x, y := local(p, u)
			v.inspectAt(p, x, y)
		}
	}
	a.on(box, "pointerup", up)
	a.on(box, "pointercancel", up)
	a.on(box, "wheel", func(e *dom.BasicEvent) {
		u := e.Underlying()
		if v.fit && !u.Get("ctrlKey").Bool() {
			return // the page scrolls
		}
		e.PreventDefault()
		dy := u.Get("deltaY").Float()
		if u.Get("deltaMode").Int() == 1 { // lines
			dy *= 16
		}
		x, y := local(p, u)
		v.zoomAround(math.Exp(-dy/200), p, x, y)
	})
	a.on(box, "keydown", func(e *dom.BasicEvent) {
		u := e.Underlying()
		if !u.Get("target").Equal(p.box) || u.Get("ctrlKey").Bool() || u.Get("metaKey").Bool() || u.Get("altKey").Bool() {
			return
		}
		step := 0.1 * p.box.Get("clientWidth").Float() // an arrow pans a tenth of the view
		if u.Get("shiftKey").Bool() {
			step = v.scale() // Shift+arrow: one pixel
		}
		switch k := u.Get("key").String(); k {
		case "+", "=", "-", "_", "0", "1":
			v.act(k, p)
		case "ArrowLeft":
			v.pan(step, 0)
		case "ArrowRight":
			v.pan(-step, 0)
		case "ArrowUp":
			v.pan(0, step)
		case "ArrowDown":
			v.pan(0, -step)
		default:
			return
		}
		e.PreventDefault()
		// The keyboard's pixel is the one at the centre of the view.
		v.inspectAt(p, p.box.Get("clientWidth").Float()/2, p.box.Get("clientHeight").Float()/2)
	})
}

// act does what a zoom button or key says: "+" (or "=") zoom in, "-" (or "_") out, "1" one
// pixel a pixel, "0" fit, "split" the split view on or off.
func (v *view) act(what string, p *port) {
	switch what {
	case "+", "=":
		v.zoomAround(zoomStep, p, -1, -1)
	case "-", "_":
		v.zoomAround(1/zoomStep, p, -1, -1)
	case "1":
		v.zoomTo(1, p, -1, -1)
	case "0":
		v.fit, v.cx, v.cy = true, 0.5, 0.5
		v.layout()
	case "split":
		v.setSplit(!v.split)
	}
}

// setSplit turns the split view on or off: the original canvas moves under the result, in the
// result's viewport (and back), so no picture is copied.
func (v *view) setSplit(on bool) {
	if on == v.split || !v.divider.Truthy() {
		return
	}
	orig, res := v.a.original.Underlying(), v.a.result.Underlying()
	home := v.portOf(orig)
	if home == nil {
		return
	}
	fig := home.box.Call("closest", "figure")
	if on {
		res.Get("parentNode").Call("insertBefore", orig, res)
	} else {
		home.box.Call("insertBefore", orig, home.box.Get("firstChild"))
	}
	if fig.Truthy() {
		fig.Set("hidden", on)
	}
	v.split = on
	v.divider.Set("hidden", !on)
	v.main.box.Get("classList").Call("toggle", "split", on)
	if b := find[*dom.BasicHTMLElement](v.a.root, "split"); b != nil {
		b.SetAttribute("aria-pressed", map[bool]string{false: "false", true: "true"}[on])
	}
	if pair := v.main.box.Call("closest", ".pair"); pair.Truthy() {
		pair.Get("classList").Call("toggle", "split", on)
	}
	v.layout()
}

// portOf is the port made for canvas c.
func (v *view) portOf(c js.Value) *port {
	for _, p := range v.ports {
		if p.own.Equal(c) {
			return p
		}
	}
	return nil
}

// wireDivider lets the divider be dragged, and moved with the arrow keys (a slider: Home, End,
// Page Up and Down too).
func (v *view) wireDivider() {
	a, d := v.a, basic(v.divider)
	set := func(e *dom.BasicEvent) {
		x, _ := local(v.main, e.Underlying())
		if w := v.main.box.Get("clientWidth").Float(); w > 0 {
			v.divide = clamp01(x / w)
			v.layout()
		}
	}
	a.on(d, "pointerdown", func(e *dom.BasicEvent) {
		v.dragDivide = true
		v.divider.Call("setPointerCapture", e.Underlying().Get("pointerId"))
		e.PreventDefault()
		set(e)
	})
	a.on(d, "pointermove", func(e *dom.BasicEvent) {
		if v.dragDivide {
			set(e)
		}
	})
	stop := func(*dom.BasicEvent) { v.dragDivide = false }
	a.on(d, "pointerup", stop)
	a.on(d, "pointercancel", stop)
	a.on(d, "keydown", func(e *dom.BasicEvent) {
		steps := map[string]float64{"ArrowLeft": -0.02, "ArrowDown": -0.02, "ArrowRight": 0.02, "ArrowUp": 0.02,
			"PageDown": -0.1, "PageUp": 0.1, "Home": -1, "End": 1}
		s, ok := steps[e.Underlying().Get("key").String()]
		if !ok {
			return
		}
		e.PreventDefault()
		e.StopPropagation() // not a pan of the view around it
		v.divide = clamp01(v.divide + s)
		v.layout()
	})
}
