//go:build js && wasm && lesson

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
// app.go) whose root has data-widget="lesson", configured by its data-hash, and built from the
// page's one <template id="widget-lesson"> (see lesson_template.go). embed.html's body has the
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

// lessonExtensions are the extensions of app.go's apps, by their root's data-widget.
var lessonExtensions = map[string]func(a *app){"lesson": startLesson}

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
