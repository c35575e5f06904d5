//go:build js && wasm && lesson

package main

import (
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// A widget's markup is written once, in its page's <template id="widget-KIND"> (KIND: the root's
// data-widget; web/lesson.html has one for its eight widgets), and each widget root states only
// what differs:
//   - data-show names the template's optional pieces (marked data-opt) the widget keeps: its
//     controls, the histogram, the picture beside the result, the steps, the note, the method's
//     note. The others are left out; the kept ones stay in the template's order.
//   - each <template data-caption="NAME"> child gives the caption of the figure around the canvas
//     data-el="NAME", and its data-label, if any, the canvas's aria-label.
//
// The widget is built before its app looks for its elements, so the rest of the page code cannot
// tell it from markup written out in full. A page without such a template (embed.html) keeps its
// own markup.

// buildWidget fills a widget root from its page's template, if the page has one. A name in
// data-show or data-caption that the template does not have is a mistake in the page: it is shown
// in the widget (data-el="templateError"), never silently dropped.
func buildWidget(root *dom.BasicHTMLElement) {
	kind := root.GetAttribute("data-widget")
	if kind == "" {
		return
	}
	tpl := js.Global().Get("document").Call("getElementById", "widget-"+kind)
	if tpl.IsNull() || !tpl.Get("content").Truthy() {
		return
	}
	frag := tpl.Get("content").Call("cloneNode", true)
	var problems []string

	// The optional pieces: keep those data-show names.
	show := strings.Fields(root.GetAttribute("data-show"))
	kept := map[string]bool{}
	for _, n := range show {
		kept[n] = true
	}
	opts := frag.Call("querySelectorAll", "[data-opt]")
	have := map[string]bool{}
	for i := range opts.Length() {
		e := opts.Index(i)
		name := e.Call("getAttribute", "data-opt").String()
		have[name] = true
		if !kept[name] {
			e.Call("remove")
		}
	}
	for _, n := range show {
		if !have[n] {
			problems = append(problems, `data-show names "`+n+`", which the template does not have`)
		}
	}

	// The captions (and the canvases' labels) the widget gives.
	for _, c := range all[*dom.BasicHTMLElement](root, ":scope > template[data-caption]") {
		name := c.GetAttribute("data-caption")
		canvas := frag.Call("querySelector", `canvas[data-el="`+name+`"]`)
		caption := js.Null()
		if !canvas.IsNull() {
			if fig := canvas.Call("closest", "figure"); !fig.IsNull() {
				caption = fig.Call("querySelector", "figcaption")
			}
		}
		if caption.IsNull() {
			problems = append(problems, `data-caption "`+name+`" names no figure of the template that this widget shows`)
			c.Call("remove")
			continue
		}
		caption.Call("replaceChildren", c.Get("content"))
		if label := c.Call("getAttribute", "data-label"); !label.IsNull() {
			canvas.Call("setAttribute", "aria-label", label)
		}
		c.Call("remove")
	}

	if len(problems) > 0 {
		p := el("p")
		p.SetAttribute("data-el", "templateError")
		p.Class().Add("lw-missing")
		p.SetTextContent("This widget is not written right: " + strings.Join(problems, "; ") + ".")
		frag.Call("prepend", p.Value)
	}
	root.Call("append", frag)
}
