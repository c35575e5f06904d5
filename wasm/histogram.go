//go:build js && wasm

package main

import (
	"math"
	"syscall/js"

	"limen/algo"
	"limen/wasm/internal/state"

	"honnef.co/go/js/dom/v2"
)

// Histogram view: 256 bars, the gray ramp under them, the criterion curve the method optimises or
// iterates on (how to read it: algo.Curve), the level (or levels) in red, and for the iterative
// method every T it went through. The reader sets the level by hand by dragging, tapping or with
// the keys (the canvas is a slider): the page switches to Manual, and the method they came from
// stays drawn as a reference (its curve and its level) with a way back, so the picture that
// explains the method survives the interaction. A local method has no one level: the histogram
// then takes no input at all.
//
// The canvas is drawn at the device's pixel ratio in CSS pixels, so its text is the CSS size it
// says (12 px) on a phone as on a desktop.
const (
	histPad    = 4  // px above the bars
	histRampH  = 10 // px of gray ramp at the bottom
	histLabelH = 16 // px for labels at the top
	histFont   = "12px system-ui, sans-serif"
	histBold   = "bold 12px system-ui, sans-serif"
	curveColor = "#1f77b4"
	levelColor = "#c0392b"
)

// teaching is the method the reader came from while they set the level by hand: drawn as a
// reference over the Manual result for as long as the histogram is the one it was found on.
type teaching struct {
	method, reference string
	params            map[string]float64
	name              string
	level             js.Value // a number, or an array for multi-level methods
	criterion         js.Value // 256 numbers or nulls, or null
	histogram         js.Value // what the method saw: the reference holds for this histogram only
	curve             algo.Curve
}

// levelLabel is "Otsu: 102 · yours: 130", the line the reference shows.
func (t *teaching) label(yours float64) string {
	return t.name + ": " + levelText(t.level) + " · yours: " + trimFloat(yours)
}

// sameHistogram reports whether two results' histograms are equal, count for count.
func sameHistogram(a, b js.Value) bool {
	if !a.Truthy() || !b.Truthy() || a.Length() != b.Length() {
		return false
	}
	for i := 0; i < a.Length(); i++ {
		if a.Index(i).Float() != b.Index(i).Float() {
			return false
		}
	}
	return true
}

// histSize fits the canvas's bitmap to its CSS box at the device's pixel ratio and returns the
// box's size in CSS pixels and the ratio. A canvas not laid out (hidden) keeps its bitmap, at 1.
func histSize(c *dom.HTMLCanvasElement) (W, H, dpr float64) {
	v := c.Underlying()
	w, h := v.Get("clientWidth").Float(), v.Get("clientHeight").Float()
	if w <= 0 || h <= 0 {
		return float64(c.Width()), float64(c.Height()), 1
	}
	dpr = math.Max(1, js.Global().Get("devicePixelRatio").Float())
	bw, bh := int(math.Round(w*dpr)), int(math.Round(h*dpr))
	if c.Width() != bw || c.Height() != bh {
		c.SetWidth(bw)
		c.SetHeight(bh)
	}
	return w, h, dpr
}

func (a *app) drawHistogram(r js.Value) {
	c := a.hist
	if c == nil {
		return
	}
	// The reference lasts while the reader is on Manual and the histogram is the one it was found
	// on: another method, another picture, noise or blur end it.
	if t := a.teach; t != nil && (a.st.Method != "manual" || !sameHistogram(t.histogram, r.Get("histogram"))) {
		a.teach = nil
	}
	W, H, dpr := histSize(c)
	ctx := c.GetContext2d()
	ctx.SetTransform(dpr, 0, 0, dpr, 0, 0)
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
	// The curve: the reference method's while the reader sets the level, else the method's own.
	m := resultMethod(r)
	curveOf, cr, curve := m.ID, r.Get("criterion"), m.Curve
	if t := a.teach; t != nil {
		curveOf, cr, curve = t.method, t.criterion, t.curve
	}
	drawn := cr.Truthy() && curve.Read != 0 && drawCurve(ctx, cr, curve.Read, bw, top, base, peak)
	if !drawn {
		curveOf = ""
	}
	c.SetAttribute("data-curve", curveOf)
	c.SetAttribute("data-method", m.ID)
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
	// The levels: the reference's dashed in the curve's colour, the result's in red. Labels go to
	// the side of their line away from the other one, so both stay readable.
	lv := r.Get("level")
	mine := math.NaN()
	if lv.Type() == js.TypeNumber {
		mine = lv.Float()
	}
	mark := func(l float64, label, color string, dashed, left bool) {
		x := (math.Floor(l) + 1) * bw // foreground is v > level: between bins level and level+1
		ctx.SetStrokeStyle(color)
		ctx.SetFillStyle(color)
		ctx.SetLineWidth(3)
		if dashed {
			ctx.SetLineWidth(2)
			dash(ctx, 5.0, 4.0)
		}
		ctx.BeginPath()
		ctx.MoveTo(x, histLabelH)
		ctx.LineTo(x, H)
		ctx.Stroke()
		dash(ctx)
		ctx.SetFont(histBold)
		wText := ctx.MeasureText(label).Width()
		tx := x + 4
		if left || tx+wText > W {
			tx = x - 4 - wText
		}
		ctx.FillText(label, math.Max(0, tx), 12, -1)
	}
	if t := a.teach; t != nil {
		if tl := t.level; tl.Type() == js.TypeObject {
			for i := 0; i < tl.Length(); i++ {
				mark(tl.Index(i).Float(), t.name+" "+itoa(tl.Index(i).Int()), curveColor, true, i == 0 && tl.Index(i).Float() < mine)
			}
		} else if tl.Type() == js.TypeNumber {
			mark(tl.Float(), t.name+" "+trimFloat(tl.Float()), curveColor, true, tl.Float() < mine)
		}
	}
	switch {
	case lv.IsNull():
	case lv.Type() == js.TypeObject: // multi-level: a pixel equal to a level goes up
		for i := 0; i < lv.Length(); i++ {
			l := lv.Index(i).Float()
			mark(l, ftoa(l), levelColor, false, false)
		}
	default:
		left := a.teach != nil && a.teach.level.Type() == js.TypeNumber && mine < a.teach.level.Float()
		label := trimFloat(mine)
		if a.teach != nil {
			label = "yours " + label
		}
		mark(mine, label, levelColor, false, left)
	}
	a.showTeaching(r, m)
}

// resultMethod is the method (as its reference computes it) that made a result: the histogram
// explains the result it shows, even when the state has moved on and a newer one is on its way.
func resultMethod(r js.Value) algo.Method {
	st := state.State{Method: r.Get("method").String()}
	if ref := r.Get("reference"); ref.Type() == js.TypeString {
		st.Reference = ref.String()
	}
	m, _ := st.Algo()
	return m
}

// dash sets the line dash pattern (none without arguments). dom/v2's SetLineDash hands a []float64
// to syscall/js, which cannot convert it.
func dash(ctx *dom.CanvasRenderingContext2D, on ...any) {
	if on == nil {
		on = []any{}
	}
	ctx.Call("setLineDash", on)
}

// drawCurve draws a criterion as its Reading says, and reports whether there was anything to draw.
// Extrema (max, min, zero crossing) are scaled between the curve's finite extremes (with 0 in
// range for a zero crossing, whose line is drawn); a fixed-point map is drawn on the gray axis with
// the diagonal it meets; a smoothed histogram is drawn to the bars' scale.
func drawCurve(ctx *dom.CanvasRenderingContext2D, cr js.Value, read algo.Reading, bw, top, base, peak float64) bool {
	vals := make([]float64, 256)
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range vals {
		vals[i] = math.NaN()
		if i < cr.Length() {
			if v := cr.Index(i); v.Type() == js.TypeNumber {
				vals[i] = v.Float()
			}
		}
		if v := vals[i]; !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo > hi {
		return false
	}
	y := func(v float64) float64 { return base - (base-top)*(v-lo)/(hi-lo) }
	guide := func(x0, y0, x1, y1 float64) {
		ctx.SetStrokeStyle("rgba(31,119,180,0.55)")
		ctx.SetLineWidth(1)
		dash(ctx, 4.0, 3.0)
		ctx.BeginPath()
		ctx.MoveTo(x0, y0)
		ctx.LineTo(x1, y1)
		ctx.Stroke()
		dash(ctx)
	}
	switch read {
	case algo.ReadDiagonal: // g(t) in gray levels: the same scale as t
		lo, hi = -0.5, 255.5
		guide(0, y(-0.5), 256*bw, y(255.5))
	case algo.ReadHistogram: // counts, as the bars
		if peak <= 0 {
			return false
		}
		lo, hi = 0, peak
	case algo.ReadZero:
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
		if hi > lo {
			guide(0, y(0), 256*bw, y(0))
		}
	}
	if !(hi > lo) {
		return false
	}
	ctx.SetStrokeStyle(curveColor)
	ctx.SetLineWidth(2)
	ctx.BeginPath()
	pen := false
	for i, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			pen = false
			continue
		}
		x, yy := (float64(i)+0.5)*bw, math.Max(top, math.Min(base, y(v)))
		if pen {
			ctx.LineTo(x, yy)
		} else {
			ctx.MoveTo(x, yy)
			pen = true
		}
	}
	ctx.Stroke()
	return true
}

// showTeaching fills the lines under the histogram: what the curve is and how the level is read off
// it (or why there is none), and while the reader sets the level, the reference and the way back.
// It also keeps the canvas's slider semantics up to date.
func (a *app) showTeaching(r js.Value, m algo.Method) {
	lv := r.Get("level")
	if a.hist != nil && !a.widget && !a.embed { // the slider's state (see wireHistogramDrag)
		h := a.hist
		if m.Kind == algo.Local {
			h.SetAttribute("aria-disabled", "true")
			h.SetAttribute("aria-valuetext", "a local method: a level for every pixel")
			h.RemoveAttribute("aria-valuenow")
		} else {
			h.RemoveAttribute("aria-disabled")
			now := lv
			if lv.Type() == js.TypeObject && lv.Length() > 0 {
				now = lv.Index(0)
			}
			if now.Type() == js.TypeNumber {
				h.SetAttribute("aria-valuenow", trimFloat(now.Float()))
			}
			text := m.Name + " level " + levelText(lv)
			if a.teach != nil && lv.Type() == js.TypeNumber {
				text = a.teach.label(lv.Float())
			}
			h.SetAttribute("aria-valuetext", text)
		}
	}
	if note := find[*dom.BasicHTMLElement](a.root, "curveNote"); note != nil {
		note.SetTextContent(curveNote(m, a.teach))
	}
	box := find[*dom.BasicHTMLElement](a.root, "levelRef")
	if box == nil {
		return
	}
	t := a.teach
	if t == nil || lv.Type() != js.TypeNumber {
		box.SetAttribute("hidden", "")
		return
	}
	if s := find[*dom.BasicHTMLElement](box, "levelRefText"); s != nil {
		s.SetTextContent(t.label(lv.Float()))
	}
	if b := find[*dom.BasicHTMLElement](box, "levelBack"); b != nil {
		b.SetTextContent("Back to " + t.name + "'s level")
	}
	box.RemoveAttribute("hidden")
}

// curveNote is the line that says what the blue curve is, or why there is none.
func curveNote(m algo.Method, t *teaching) string {
	if t != nil {
		if t.curve.Says != "" && t.criterion.Truthy() {
			return "Blue: " + t.name + "'s " + t.curve.Says + " Red: your level."
		}
		if t.curve.Why != "" {
			return t.name + ": " + t.curve.Why
		}
		return "Red: your level; dashed: " + t.name + "'s."
	}
	switch {
	case m.ID == "":
		return ""
	case m.Kind == algo.Local:
		return m.Name + " is local: every pixel has its own level, so there is no one level to draw or to drag. The histogram shows what it saw."
	case m.Criterion != nil:
		return "Blue: " + m.Curve.Says
	case m.Curve.Why != "":
		return "No curve: " + m.Curve.Why
	}
	// A reference whose convention has no criterion of its own (the default's curve would not be
	// the arithmetic that made this level).
	if def, ok := algo.Lookup(m.ID); ok && def.Criterion != nil {
		return "No curve with the " + m.Library + " convention: the " + def.Library + " reference draws its " + def.Curve.Says
	}
	return ""
}

// wireHistogramDrag lets the reader set the level by hand: drag or tap the histogram, or focus it
// and use the keys (arrows: one level; Page Up/Down: ten; Home/End: 0 and 255; Escape: back to the
// method's level). The page switches to Manual at that level; the method the reader came from stays
// as a reference (teaching) with a button back to it. With a local method nothing happens. The
// lesson's widgets and the embed only show their histogram.
func (a *app) wireHistogramDrag() {
	if a.hist == nil {
		return
	}
	h := a.hist
	// A new width (a phone turned, a window resized) redraws at the new size.
	a.on(jsValue{js.Global()}, "resize", func(*dom.BasicEvent) {
		if a.last.Truthy() {
			a.drawHistogram(a.last)
		}
	})
	if a.widget || a.embed {
		return // the lesson's and the embed's histograms only show (lesson.css)
	}
	h.SetAttribute("tabindex", "0")
	h.SetAttribute("role", "slider")
	h.SetAttribute("aria-valuemin", "0")
	h.SetAttribute("aria-valuemax", "255")
	if !h.HasAttribute("aria-label") {
		h.SetAttribute("aria-label", "Histogram with the level: drag, or use the arrow keys, to set it")
	}
	levelAt := func(e *dom.BasicEvent) float64 {
		u := e.Underlying()
		rect := h.Call("getBoundingClientRect")
		x := (u.Get("clientX").Float() - rect.Get("left").Float()) / rect.Get("width").Float()
		return math.Max(0, math.Min(255, math.Floor(x*256)-1))
	}
	a.on(h, "pointerdown", func(e *dom.BasicEvent) {
		if !a.canSetLevel() {
			return
		}
		a.dragging = true
		h.Call("setPointerCapture", e.Underlying().Get("pointerId"))
		a.setLevel(levelAt(e))
	})
	a.on(h, "pointermove", func(e *dom.BasicEvent) {
		if a.dragging {
			a.setLevel(levelAt(e))
		}
	})
	stop := func(*dom.BasicEvent) { a.dragging = false }
	a.on(h, "pointerup", stop)
	a.on(h, "pointercancel", stop)
	a.on(h, "keydown", func(e *dom.BasicEvent) {
		key := e.Underlying().Get("key").String()
		if key == "Escape" {
			if a.teach != nil {
				e.PreventDefault()
				a.backToMethod()
			}
			return
		}
		if !a.canSetLevel() {
			return
		}
		l := a.currentLevel()
		switch key {
		case "ArrowRight", "ArrowUp":
			l = math.Floor(l) + 1
		case "ArrowLeft", "ArrowDown":
			l = math.Ceil(l) - 1
		case "PageUp":
			l = math.Floor(l) + 10
		case "PageDown":
			l = math.Ceil(l) - 10
		case "Home":
			l = 0
		case "End":
			l = 255
		default:
			return
		}
		e.PreventDefault()
		a.setLevel(math.Max(0, math.Min(255, l)))
	})
	if b := find[*dom.BasicHTMLElement](a.root, "levelBack"); b != nil {
		a.on(b, "click", func(*dom.BasicEvent) { a.backToMethod() })
	}
}

// canSetLevel: a picture is loaded and the method has one level. A local method's view never
// changes method from the histogram.
func (a *app) canSetLevel() bool {
	if !a.loaded {
		return false
	}
	m, ok := a.st.Algo()
	return !ok || m.Kind != algo.Local
}

// currentLevel is the level the keys move from: the one set by hand, or the last result's (its
// first level for a multi-level method).
func (a *app) currentLevel() float64 {
	if l, ok := a.st.Params["level"]; ok && a.st.Method == "manual" {
		return l
	}
	if a.st.Method == "manual" {
		return 128
	}
	if a.last.Truthy() {
		lv := a.last.Get("level")
		if lv.Type() == js.TypeObject && lv.Length() > 0 {
			lv = lv.Index(0)
		}
		if lv.Type() == js.TypeNumber {
			return lv.Float()
		}
	}
	return 128
}

// setLevel switches to Manual at level, keeping the method the reader came from as the reference.
func (a *app) setLevel(level float64) {
	if a.st.Method != "manual" {
		a.teach = nil
		r := a.last
		if r.Truthy() && r.Get("method").String() == a.st.Method && r.Get("histogram").Truthy() {
			m, _ := a.st.Algo()
			params := map[string]float64{}
			for k, v := range a.st.Params {
				params[k] = v
			}
			a.teach = &teaching{method: a.st.Method, reference: a.st.Reference, params: params, name: m.Name,
				level: r.Get("level"), criterion: r.Get("criterion"), histogram: r.Get("histogram"), curve: m.Curve}
		}
	}
	a.st.Method, a.st.Reference = "manual", ""
	a.st.Params = map[string]float64{"level": level}
	a.applyState()
	a.writeHash()
	a.request()
}

// backToMethod returns to the method the reader came from, with its parameters.
func (a *app) backToMethod() {
	t := a.teach
	if t == nil {
		return
	}
	a.teach = nil
	a.st.Method, a.st.Reference, a.st.Params = t.method, t.reference, t.params
	a.applyState()
	a.writeHash()
	a.request()
}
