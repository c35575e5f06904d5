//go:build js && wasm

package main

import (
	"math"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// Histogram view: 256 bars, the gray ramp under them, the criterion curve the method optimises,
// the level (or levels) in red, and for the iterative method every T it went through.
const (
	histPad    = 4  // px above the bars
	histRampH  = 10 // px of gray ramp at the bottom
	histLabelH = 14 // px for labels at the top
)

func (a *app) drawHistogram(r js.Value) {
	c := a.hist
	if c == nil {
		return
	}
	W, H := float64(c.Width()), float64(c.Height())
	ctx := c.GetContext2d()
	ctx.ClearRect(0, 0, W, H)
	bw := W / 256
	base := H - histRampH
	top := float64(histPad + histLabelH)
	hist := r.Get("histogram")
	var counts [256]float64
	peak := 0.0
	for i := range counts {
		counts[i] = hist.Index(i).Float()
		peak = math.Max(peak, counts[i])
	}
	for i := 0; i < 256; i++ {
		g := itoa(i)
		ctx.SetFillStyle("rgb(" + g + "," + g + "," + g + ")")
		ctx.FillRect(float64(i)*bw, base, bw+0.5, histRampH)
	}
	ctx.SetFillStyle("#56627a")
	if peak > 0 {
		for i, n := range counts {
			h := (base - top) * n / peak
			ctx.FillRect(float64(i)*bw, base-h, bw+0.2, h)
		}
	}
	// The criterion, scaled to the plot's height between its smallest and largest finite value.
	if cr := r.Get("criterion"); cr.Truthy() {
		lo, hi := math.Inf(1), math.Inf(-1)
		vals := make([]float64, 256)
		for i := range vals {
			v := cr.Index(i)
			if v.IsNull() {
				vals[i] = math.NaN()
				continue
			}
			vals[i] = v.Float()
			lo, hi = math.Min(lo, vals[i]), math.Max(hi, vals[i])
		}
		if hi > lo {
			ctx.SetStrokeStyle("#1f77b4")
			ctx.SetLineWidth(2)
			ctx.BeginPath()
			pen := false
			for i, v := range vals {
				if math.IsNaN(v) {
					pen = false
					continue
				}
				x, y := (float64(i)+0.5)*bw, base-(base-top)*(v-lo)/(hi-lo)
				if pen {
					ctx.LineTo(x, y)
				} else {
					ctx.MoveTo(x, y)
					pen = true
				}
			}
			ctx.Stroke()
			ctx.SetFillStyle("#1f77b4")
			ctx.SetFont("12px system-ui, sans-serif")
			ctx.FillText("criterion", W-70, top+12, -1)
		}
	}
	// Iterative: every T from T0, fading in.
	if tr := r.Get("trace"); tr.Truthy() {
		n := tr.Length()
		for i := 0; i < n; i++ {
			x := (tr.Index(i).Float() + 0.5) * bw
			ctx.SetStrokeStyle("rgba(230,126,34," + ftoa(0.3+0.7*float64(i+1)/float64(n)) + ")")
			ctx.SetLineWidth(1)
			ctx.BeginPath()
			ctx.MoveTo(x, top)
			ctx.LineTo(x, base)
			ctx.Stroke()
		}
	}
	ctx.SetStrokeStyle("#c0392b")
	ctx.SetFillStyle("#c0392b")
	ctx.SetLineWidth(3)
	ctx.SetFont("bold 12px system-ui, sans-serif")
	mark := func(x float64, label string) {
		ctx.BeginPath()
		ctx.MoveTo(x, histLabelH)
		ctx.LineTo(x, H)
		ctx.Stroke()
		ctx.FillText(label, math.Min(x+3, W-40), 11, -1)
	}
	switch lv := r.Get("level"); {
	case lv.IsNull():
	case lv.Type() == js.TypeObject: // multi-level: a pixel equal to a level goes up
		for i := 0; i < lv.Length(); i++ {
			l := lv.Index(i).Float()
			mark(l*bw, ftoa(l))
		}
	default: // foreground is v > level: the line sits between bins level and level+1
		l := lv.Float()
		mark((math.Floor(l)+1)*bw, trimFloat(l))
	}
}

// wireHistogramDrag lets the reader drag the level: dragging switches to Manual.
func (a *app) wireHistogramDrag() {
	if a.hist == nil {
		return
	}
	levelAt := func(e *dom.BasicEvent) float64 {
		u := e.Underlying()
		rect := a.hist.Call("getBoundingClientRect")
		x := (u.Get("clientX").Float() - rect.Get("left").Float()) / rect.Get("width").Float()
		return math.Max(0, math.Min(255, math.Floor(x*256)-1))
	}
	set := func(level float64) {
		a.st.Method, a.st.Reference = "manual", ""
		a.st.Params = map[string]float64{"level": level}
		a.applyState()
		a.writeHash()
		a.request()
	}
	a.on(a.hist, "pointerdown", func(e *dom.BasicEvent) {
		if !a.loaded {
			return
		}
		a.dragging = true
		a.hist.Call("setPointerCapture", e.Underlying().Get("pointerId"))
		set(levelAt(e))
	})
	a.on(a.hist, "pointermove", func(e *dom.BasicEvent) {
		if a.dragging {
			set(levelAt(e))
		}
	})
	stop := func(*dom.BasicEvent) { a.dragging = false }
	a.on(a.hist, "pointerup", stop)
	a.on(a.hist, "pointercancel", stop)
}
