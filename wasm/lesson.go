//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo"
	"limen/wasm/internal/state"
)

// The lesson page (web/lesson.html) is a narrative in sections, each with a widget: an app (see
// ui.go) whose root has data-widget="lesson", configured by its data-hash. embed.html's body has the
// same data-widget, so an embedded widget gets the same extras from the same hash keys (state:
// hist, steps, compare, resize, blur): the embed code of a widget is its state's hash.
//
// What a widget may hold besides the app's controls, each optional, found by data-el:
//   - resize: a select of scales (the article's 0.3× shrink);
//   - smooth: a checkbox for "smooth first" (a 5×5 Gaussian blur);
//   - histFig: the figure around the histogram, shown when the state asks for it;
//   - steps, replay: the iterative method's T, one step at a time, on the histogram;
//   - note: what the curve on the histogram says (where it peaks);
//   - cmpFig, cmp, cmpCaption: a picture beside the result (state.Compares);
//   - embedCopy, embedCode, embedStatus: the "copy embed code" button and its snippet.
// The root's data-methods, if present, limits the method menu to those ids; data-title names
// the widget in its embed code.

// lessonExtensions are the extensions of ui.go's apps, by their root's data-widget.
var lessonExtensions = map[string]func(a *app){"lesson": startLesson}

// opencvOtsu holds OpenCV 4.6's Otsu level on each bundled sample: plain, and after its 5×5
// Gaussian blur (algo/testdata/oracle/expected.json, opencv.otsu and opencv.otsu_after_gaussian5;
// the browser test checks this table against that file).
var opencvOtsu = map[string][2]int{
	"camera":        {102, 102},
	"coins":         {107, 104},
	"text":          {109, 117},
	"uneven_text":   {139, 141},
	"bimodal_noise": {119, 119},
	"chelsea":       {115, 116},
}

// sampleNames are the bundled samples as the sample menus show them.
var sampleNames = map[string]string{
	"camera":        "Cameraman",
	"coins":         "Coins",
	"text":          "Text",
	"uneven_text":   "Unevenly lit text",
	"bimodal_noise": "Two noisy levels",
	"chelsea":       "Chelsea the cat (colour)",
}

// stepDelay is the time between two steps of the iterative method on the histogram, in ms.
const stepDelay = 900

// lesson is one widget's extras.
type lesson struct {
	a        *app
	title    string
	fallback string // the sample an embed code names when the picture is the reader's own

	histFig, note, steps, replay *dom.BasicHTMLElement
	cmpFig, cmpCaption           *dom.BasicHTMLElement
	cmp                          *dom.HTMLCanvasElement
	embedCode                    *dom.HTMLTextAreaElement
	embedStatus                  *dom.BasicHTMLElement

	anim       int    // the step animation's generation: a new result or a replay stops the old one
	bufA, bufB []byte // diff's buffers
}

func startLesson(a *app) {
	r := a.root
	l := &lesson{a: a, title: r.GetAttribute("data-title"), fallback: a.st.Sample,
		histFig: find[*dom.BasicHTMLElement](r, "histFig"), note: find[*dom.BasicHTMLElement](r, "note"),
		steps: find[*dom.BasicHTMLElement](r, "steps"), replay: find[*dom.BasicHTMLElement](r, "replay"),
		cmpFig: find[*dom.BasicHTMLElement](r, "cmpFig"), cmpCaption: find[*dom.BasicHTMLElement](r, "cmpCaption"),
		cmp:       find[*dom.HTMLCanvasElement](r, "cmp"),
		embedCode: find[*dom.HTMLTextAreaElement](r, "embedCode"), embedStatus: find[*dom.BasicHTMLElement](r, "embedStatus")}
	if l.fallback == "" {
		l.fallback = state.Default().Sample
	}
	if a.hist != nil && js.Global().Get("innerWidth").Int() < 600 {
		// A phone: fewer canvas pixels, so the histogram's labels are not shrunk to nothing.
		a.hist.SetWidth(512)
		a.hist.SetHeight(180)
	}
	l.fillSamples()
	l.limitMethods()
	l.explainMissingMethod()
	l.wireResize()
	l.wireSmooth()
	l.layout()
	if l.replay != nil {
		a.on(l.replay, "click", func(*dom.BasicEvent) {
			if a.last.Truthy() && a.last.Get("trace").Truthy() {
				l.animate(a.last)
			}
		})
	}
	if b := find[*dom.BasicHTMLElement](r, "embedCopy"); b != nil {
		a.on(b, "click", func(*dom.BasicEvent) { l.copyEmbed() })
	}
	a.afterShow = append(a.afterShow, l.after)
}

// fillSamples lists the bundled samples in an empty sample menu.
func (l *lesson) fillSamples() {
	s := l.a.sample
	if s == nil || s.Length() > 0 {
		return
	}
	for _, name := range state.Samples {
		o := el("option")
		o.SetAttribute("value", name)
		o.SetTextContent(sampleNames[name])
		appendTo(s, o)
	}
	s.SetValue(l.a.st.Sample)
}

// limitMethods keeps only the root's data-methods in the method menu (those in this build).
func (l *lesson) limitMethods() {
	ids := strings.Fields(l.a.root.GetAttribute("data-methods"))
	if l.a.method == nil || len(ids) == 0 {
		return
	}
	l.a.method.SetInnerHTML("")
	for _, id := range ids {
		if m, ok := algo.Lookup(id); ok {
			o := el("option")
			o.SetAttribute("value", id)
			o.SetTextContent(m.Name)
			appendTo(l.a.method, o)
		}
	}
	l.a.method.SetValue(l.a.st.Method)
}

// explainMissingMethod replaces the "not understood" message of a widget whose method is not in
// this build of limen (the lesson is written for methods that may land later) with a plain note.
func (l *lesson) explainMissingMethod() {
	if !l.a.widget {
		return
	}
	st, ignored := state.Parse(l.a.hash())
	missing := ""
	for _, s := range ignored {
		if strings.HasPrefix(s, "method: no method ") {
			missing = strings.TrimPrefix(s, "method: no method ")
		}
	}
	if missing == "" {
		return // the method is there: whatever else was ignored stays reported
	}
	// The method's parameters were ignored with it.
	l.a.clearError()
	p := el("p")
	p.Class().Add("lw-missing")
	p.SetTextContent("The method " + missing + " is not in this build of limen yet; the widget shows " +
		methodName(st.Method) + " instead.")
	l.a.errBox.Call("before", p.Value)
}

func methodName(id string) string {
	if m, ok := algo.Lookup(id); ok {
		return m.Name
	}
	return id
}

// wireResize connects a menu of scales to the state's resize (0: none).
func (l *lesson) wireResize() {
	sel := find[*dom.HTMLSelectElement](l.a.root, "resize")
	if sel == nil {
		return
	}
	sel.SetValue(ftoa(l.a.st.Resize))
	l.a.on(sel, "change", func(*dom.BasicEvent) {
		l.a.st.Resize = math.Max(0, math.Min(16, num(sel.Value(), 0)))
		l.a.changed()
	})
}

// wireSmooth connects the "smooth first" checkbox to a 5×5 Gaussian blur (Gonzalez & Woods'
// remedy for noise, and the oracle's gaussian5 case).
func (l *lesson) wireSmooth() {
	box := find[*dom.HTMLInputElement](l.a.root, "smooth")
	if box == nil {
		return
	}
	box.SetChecked(l.a.st.Blur > 0)
	l.a.on(box, "change", func(*dom.BasicEvent) {
		l.a.st.Blur = 0
		if box.Checked() {
			l.a.st.Blur = 5
		}
		l.a.changed()
	})
}

// layout shows the parts the state asks for.
func (l *lesson) layout() {
	st := l.a.st
	show := func(e *dom.BasicHTMLElement, on bool) {
		if e == nil {
			return
		}
		if on {
			e.RemoveAttribute("hidden")
		} else {
			e.SetAttribute("hidden", "")
		}
	}
	show(l.histFig, st.Hist || st.Steps)
	show(l.steps, st.Steps)
	show(l.replay, st.Steps)
	show(l.cmpFig, st.Compare != "")
	if l.cmpFig != nil && st.Compare != "" {
		if p := l.cmpFig.Get("parentElement"); !p.IsNull() {
			p.Get("classList").Call("add", "lw-three")
		}
	}
}

// after runs once a result is drawn: the gray caption, the steps, the curve's peak, the picture
// beside the result.
func (l *lesson) after(r js.Value) {
	a := l.a
	if a.info != nil && l.isGray() {
		a.info.SetTextContent(l.grayText(r))
	}
	if a.st.Steps && r.Get("trace").Truthy() {
		l.animate(r)
	} else if l.steps != nil {
		l.anim++
		l.steps.SetInnerHTML("")
	}
	clip := ""
	if a.st.Hist && !a.st.Steps {
		var v js.Value
		v, clip = clipped(r, a.st.NoiseSigma > 0)
		if v.Truthy() {
			a.drawHistogram(v)
		}
	}
	if l.note != nil {
		l.note.SetTextContent(strings.TrimSpace(peakText(a.st, r) + " " + clip))
	}
	switch a.st.Compare {
	case "opencv":
		l.compareOpenCV(r)
	case "imagej":
		l.compareImageJ(r)
	case "clean":
		l.compareClean(r)
	}
}

// isGray says whether the result is the gray image itself: Manual at level 0 with tozero keeps
// every value above 0 and sets 0 to 0, so its output is its input.
func (l *lesson) isGray() bool {
	st := l.a.st
	return st.Method == "manual" && st.Type == "tozero" && st.Params["level"] == 0
}

func (l *lesson) grayText(r js.Value) string {
	w, h := r.Get("width").Int(), r.Get("height").Int()
	s := "Gray, as OpenCV reads it: " + itoa(w) + "×" + itoa(h)
	if l.a.st.Resize > 0 {
		s = "Gray, as OpenCV reads it, shrunk " + ftoa(l.a.st.Resize) + "× (bilinear): " +
			itoa(l.a.width) + "×" + itoa(l.a.height) + " → " + itoa(w) + "×" + itoa(h)
	}
	return s + " · " + strconv.FormatFloat(r.Get("ms").Float(), 'f', 1, 64) + " ms"
}

// peakText says where the method's criterion curve peaks, for Otsu and max entropy.
func peakText(st state.State, r js.Value) string {
	cr := r.Get("criterion")
	if !st.Hist || !cr.Truthy() || cr.Length() != 256 {
		return ""
	}
	best, at := math.Inf(-1), -1
	for i := 0; i < 256; i++ {
		if v := cr.Index(i); !v.IsNull() && v.Float() > best { // the first maximum, as the methods take it
			best, at = v.Float(), i
		}
	}
	if at < 0 {
		return ""
	}
	k := itoa(at)
	switch st.Method {
	case "otsu":
		return "The between-class variance (blue) is largest at k = " + k + ", where it is " +
			strconv.FormatFloat(best, 'f', 1, 64) + ": that k is Otsu's level (red)."
	case "max-entropy":
		s := "The sum of the two classes' entropies (blue) is largest at k = " + k + "."
		if lv := r.Get("level"); lv.Type() == js.TypeNumber && int(lv.Float()) != at {
			s += " The offset moves the level (red) to " + trimFloat(lv.Float()) + "."
		}
		return s
	}
	return "The criterion (blue) is largest at k = " + k + "."
}

// clipped returns a copy of r whose histogram has its end bars (0 and 255) cut to the height of the
// tallest other bar, and a sentence that says so, when one of them is far taller than the rest (as
// with strong noise, clamped there): drawn to scale, they would flatten every other bar. Otherwise
// it returns undefined.
func clipped(r js.Value, noisy bool) (js.Value, string) {
	h := r.Get("histogram")
	if !h.Truthy() || h.Length() != 256 {
		return js.Undefined(), ""
	}
	top := 0.0
	for i := 1; i < 255; i++ {
		top = math.Max(top, h.Index(i).Float())
	}
	var cut []string
	hc := h.Call("slice")
	for _, i := range []int{0, 255} {
		if n := h.Index(i).Float(); n > 1.5*top && top > 0 {
			hc.SetIndex(i, top)
			cut = append(cut, "at "+itoa(i)+" ("+itoa(int(n))+" pixels)")
		}
	}
	if len(cut) == 0 {
		return js.Undefined(), ""
	}
	c := js.Global().Get("Object").Call("assign", js.Global().Get("Object").New(), r)
	c.Set("histogram", hc)
	bars := "The bar " + cut[0] + " is"
	if len(cut) == 2 {
		bars = "The bars " + cut[0] + " and " + cut[1] + " are"
	}
	bars += " cut to the height of the tallest other bar."
	if noisy {
		bars += " Noise that would push a value below 0 or above 255 is clamped there."
	}
	return c, bars
}

// animate draws the iterative method's steps on the histogram one after the other, each T with how
// it was found, and the whole trace at the end. Readers who ask for less motion get the end at once.
func (l *lesson) animate(r js.Value) {
	l.anim++
	gen := l.anim
	a := l.a
	tr := r.Get("trace")
	n := tr.Length()
	trace := make([]float64, n)
	for i := range trace {
		trace[i] = tr.Index(i).Float()
	}
	var hist [256]float64
	h := r.Get("histogram")
	final := r
	if c, _ := clipped(r, a.st.NoiseSigma > 0); c.Truthy() {
		final = c // the counts in the text stay the true ones (hist is read from r below)
	}
	for i := range hist {
		hist[i] = h.Index(i).Float()
	}
	h = final.Get("histogram")
	delta := 0.5
	if m, ok := algo.Lookup(a.st.Method); ok {
		for _, p := range m.Params {
			if p.Name == "delta" {
				delta = a.st.Param(p)
			}
		}
	}
	if l.steps != nil {
		l.steps.SetInnerHTML("")
	}
	step := func(k int) {
		if gen != l.anim {
			return
		}
		if k == n-1 {
			a.drawHistogram(final)
		} else {
			p := js.Global().Get("Object").New()
			p.Set("histogram", h)
			p.Set("criterion", js.Null())
			p.Set("trace", tr.Call("slice", 0, k+1))
			p.Set("level", trace[k])
			a.drawHistogram(p)
		}
		if l.steps != nil {
			li := el("li")
			li.SetTextContent(stepText(&hist, trace, k, delta))
			appendTo(l.steps, li)
		}
	}
	reduce := js.Global().Get("matchMedia").Truthy() &&
		js.Global().Call("matchMedia", "(prefers-reduced-motion: reduce)").Get("matches").Bool()
	step(0)
	for k := 1; k < n; k++ {
		if reduce {
			step(k)
			continue
		}
		var f js.Func
		f = js.FuncOf(func(js.Value, []js.Value) any {
			defer f.Release()
			defer a.recover()
			step(k)
			return nil
		})
		js.Global().Call("setTimeout", f, k*stepDelay)
	}
}

// stepText explains T_k: the mean first, then (m₁ + m₂) / 2 for the split at T_(k-1), and at the
// end why the method stopped.
func stepText(hist *[256]float64, trace []float64, k int, delta float64) string {
	t := trace[k]
	if k == 0 {
		s := "T₀ = " + f2(t) + ", the mean of all pixels"
		if len(trace) == 1 {
			s += ". Splitting there leaves a class empty: stop."
		}
		return s
	}
	m1, m2 := classMeans(hist, trace[k-1])
	moved := math.Abs(t - trace[k-1])
	s := "T" + sub(k) + " = (" + f2(m1) + " + " + f2(m2) + ") / 2 = " + f2(t) + ", moved by " + f2(moved)
	switch {
	case k < len(trace)-1:
		return s + " ≥ " + ftoa(delta) + ": go on."
	case moved < delta:
		return s + " < " + ftoa(delta) + ": stop."
	}
	return s + ". Splitting there leaves a class empty: stop."
}

// classMeans returns the mean of the values above t (m₁) and of those at or below it (m₂).
func classMeans(hist *[256]float64, t float64) (float64, float64) {
	var n1, s1, n2, s2 float64
	for v, c := range hist {
		if float64(v) > t {
			n1 += c
			s1 += float64(v) * c
		} else {
			n2 += c
			s2 += float64(v) * c
		}
	}
	if n1 == 0 || n2 == 0 {
		return math.NaN(), math.NaN()
	}
	return s1 / n1, s2 / n2
}

func f2(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// sub writes k with subscript digits.
func sub(k int) string {
	var b strings.Builder
	for _, c := range itoa(k) {
		b.WriteRune('₀' + (c - '0'))
	}
	return b.String()
}

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
	lv, ok := opencvOtsu[st.Sample]
	if !ok || l.a.name != st.Sample || st.Resize != 0 || st.NoiseSigma != 0 || st.NoiseMean != 0 ||
		st.IgnoreZero || st.IgnoreMax || (st.Blur != 0 && st.Blur != 5) {
		return 0, false
	}
	if st.Blur == 5 {
		return lv[1], true
	}
	return lv[0], true
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
	if m, ok := algo.Lookup(l.a.st.Method); ok {
		for _, p := range m.Params {
			o.Delete(p.Name)
		}
	}
}

// embedSnippet is the <iframe> that shows this widget with its settings in embed.html, and a note
// when the picture cannot travel with it.
func (l *lesson) embedSnippet() (string, string) {
	a := l.a
	st := a.st
	note := ""
	if st.Sample == "" {
		st.Sample = l.fallback
		note = "Your own picture stays on your computer, so the embedded view opens on the sample “" +
			sampleNames[st.Sample] + "” with these settings."
	}
	loc := js.Global().Get("location").Get("href")
	src := js.Global().Get("URL").New("embed.html", loc).Get("href").String()
	if i := strings.IndexByte(src, '#'); i >= 0 {
		src = src[:i]
	}
	src += st.Hash()
	// A height that fits the view: the pictures side by side, the line under them, the extras.
	cols := 2.0
	if st.Compare != "" {
		cols = 3
	}
	aspect := 1.0
	if a.width > 0 {
		aspect = float64(a.height) / float64(a.width)
	}
	h := 700/cols*aspect + 110
	if st.Hist || st.Steps {
		h += 230
	}
	if st.Compare != "" || st.Hist {
		h += 40
	}
	if st.Steps {
		h += 260
	}
	title := "limen"
	if l.title != "" {
		title += ": " + l.title
	}
	return `<iframe src="` + htmlAttr(src) + `" title="` + htmlAttr(title) + `" width="720" height="` +
		itoa(int(math.Ceil(h/10)*10)) + `" loading="lazy"></iframe>`, note
}

// htmlAttr escapes a string for a double-quoted HTML attribute.
func htmlAttr(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// copyEmbed shows the snippet in its box, selected, and puts it on the clipboard where the browser
// allows it.
func (l *lesson) copyEmbed() {
	code, note := l.embedSnippet()
	status := func(s string) {
		if l.embedStatus != nil {
			l.embedStatus.SetTextContent(s)
		}
	}
	if l.embedCode != nil {
		l.embedCode.SetValue(code)
		l.embedCode.RemoveAttribute("hidden")
		l.embedCode.Call("select")
	}
	status("Select the code below and copy it. " + note)
	clip := js.Global().Get("navigator").Get("clipboard")
	if !clip.Truthy() || !clip.Get("writeText").Truthy() {
		return
	}
	var ok, fail js.Func
	release := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(js.Value, []js.Value) any {
		defer release()
		status("Copied to the clipboard: paste it into your notes. " + note)
		return nil
	})
	fail = js.FuncOf(func(js.Value, []js.Value) any {
		defer release()
		return nil
	})
	defer func() { recover() }() // a browser that throws rather than rejecting: the box is there
	clip.Call("writeText", code).Call("then", ok, fail)
}
