//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo"
)

// The compare view: the current result, another method's (or the same method as another library
// computes it) and their difference image, side by side and zoomed with the rest (zoom.go), with
// the count of the pixels that differ. The difference is white where one says foreground and the
// other background, gray where both are foreground at different values, black where they agree.
// The seed article compares its Otsu with OpenCV's this way; "(none)" hides it all.

func (a *app) wireCompare() {
	sel := find[*dom.HTMLSelectElement](a.root, "compare")
	if sel == nil {
		return
	}
	for _, m := range algo.Methods() {
		o := el("option")
		o.SetAttribute("value", m.ID)
		o.SetTextContent(m.Name)
		appendTo(sel, o)
	}
	ref := find[*dom.HTMLSelectElement](a.root, "compareRef")
	a.on(sel, "change", func(*dom.BasicEvent) {
		a.fillCompareRefs(sel.Value(), ref)
		a.requestCompare()
	})
	if ref != nil {
		a.on(ref, "change", func(*dom.BasicEvent) { a.requestCompare() })
	}
	a.afterShow = append(a.afterShow, func(js.Value) { a.requestCompare() })
}

// fillCompareRefs lists the libraries whose convention the other method can follow, its default
// first, and shows the menu only when there is a choice.
func (a *app) fillCompareRefs(id string, ref *dom.HTMLSelectElement) {
	if ref == nil {
		return
	}
	ref.SetInnerHTML("")
	m, ok := algo.Lookup(id)
	libs := []string{}
	if ok {
		libs = m.Libraries()
	}
	for i, lib := range libs {
		o := el("option")
		o.SetAttribute("value", lib)
		if i == 0 {
			o.SetTextContent(lib + " (default)")
		} else {
			o.SetTextContent(lib)
		}
		appendTo(ref, o)
	}
	if l := find[*dom.BasicHTMLElement](a.root, "compareRefLabel"); l != nil {
		if len(libs) > 1 {
			l.RemoveAttribute("hidden")
		} else {
			l.SetAttribute("hidden", "")
		}
	}
}

// compareChoice is the other method's id and library ("" for its default), from the menus.
func (a *app) compareChoice() (string, string) {
	sel := find[*dom.HTMLSelectElement](a.root, "compare")
	if sel == nil {
		return "", ""
	}
	ref := ""
	if r := find[*dom.HTMLSelectElement](a.root, "compareRef"); r != nil {
		ref = r.Value()
	}
	return sel.Value(), ref
}

// compareOptions are the other's options: the page's, with the other method and library, and
// the other's parameters. The same method in another library keeps each current parameter that
// library defines identically (Sauvola's k); a parameter that differs in any way is the other
// library's own, at its default (Doxa's window, from 75; Doxa's Niblack k, which it adds rather
// than subtracts). Another method takes its own defaults. The figure captions say the values.
func (a *app) compareOptions(id, ref string) js.Value {
	opts := a.options()
	cur, _ := a.st.Algo()
	other, ok := algo.Lookup(id)
	if ok {
		if o, err := other.As(ref); err == nil {
			other = o
		}
	}
	for _, p := range cur.Params {
		v := opts.Get(p.Name)
		opts.Delete(p.Name)
		for _, q := range other.Params {
			if id == a.st.Method && q == p && v.Type() == js.TypeNumber {
				opts.Set(p.Name, v)
			}
		}
	}
	opts.Set("method", id)
	opts.Delete("reference")
	if ref != "" {
		opts.Set("reference", ref)
	}
	opts.Set("criterion", false)
	opts.Set("surface", false)
	opts.Set("overlay", false)
	return opts
}

// requestCompare asks the worker for the other result on the same picture and settings, or hides
// the compare view when the menu says "(none)".
func (a *app) requestCompare() {
	box := find[*dom.BasicHTMLElement](a.root, "compareView")
	id, ref := a.compareChoice()
	if box == nil {
		return
	}
	if id == "" {
		a.compareSeq++ // an answer still on its way is not shown
		box.SetAttribute("hidden", "")
		if c := find[*dom.BasicHTMLElement](a.root, "compareCaption"); c != nil {
			c.SetTextContent("")
		}
		if a.view != nil {
			a.view.cmp = js.Null()
			a.view.showInspector()
		}
		return
	}
	if !a.loaded || !a.worker.Truthy() {
		return
	}
	a.compareSeq++
	msg := js.Global().Get("Object").New()
	msg.Set("kind", "threshold")
	msg.Set("id", -a.compareSeq) // negative ids mark compare requests
	opts := a.compareOptions(id, ref)
	msg.Set("opts", opts)
	a.post(msg)
	if a.view != nil {
		cur, _ := a.st.Algo()
		other, _ := algo.Lookup(id)
		other, _ = other.As(ref)
		a.view.cmpParams[0] = paramText(cur, a.options())
		a.view.cmpParams[1] = paramText(other, opts)
	}
}

// compareName names a result's method, with its library when the method offers several.
func compareName(r js.Value) string {
	id := r.Get("method").String()
	name := methodName(id)
	if m, ok := algo.Lookup(id); ok && len(m.Variants) > 0 {
		name += " (" + r.Get("reference").String() + ")"
	}
	return name
}

// showCompare draws the current result, the other one and their difference.
func (a *app) showCompare(r js.Value) {
	box := find[*dom.BasicHTMLElement](a.root, "compareView")
	cur := find[*dom.HTMLCanvasElement](a.root, "resultA")
	other := find[*dom.HTMLCanvasElement](a.root, "resultB")
	diff := find[*dom.HTMLCanvasElement](a.root, "diff")
	if id, _ := a.compareChoice(); id == "" || box == nil || other == nil || diff == nil || !a.last.Truthy() || a.view == nil {
		return
	}
	imgA, imgB := a.last.Get("image"), r.Get("image")
	w, h := imgB.Get("width").Int(), imgB.Get("height").Int()
	if imgA.Get("width").Int() != w || imgA.Get("height").Int() != h {
		return // the current result changed size meanwhile; the next round brings a new one
	}
	box.RemoveAttribute("hidden")
	for _, c := range []*dom.HTMLCanvasElement{cur, other, diff} {
		if c != nil && (c.Width() != w || c.Height() != h) {
			c.SetWidth(w)
			c.SetHeight(h)
		}
	}
	if cur != nil {
		cur.GetContext2d().Call("putImageData", imgA, 0, 0)
	}
	other.GetContext2d().Call("putImageData", imgB, 0, 0)
	// The app's buffers, reused: Go's wasm memory never shrinks, so a compare at every slider step
	// must not leave two pictures of garbage each time.
	pa, pb := grow(&a.cmpA, 4*w*h), grow(&a.cmpB, 4*w*h)
	js.CopyBytesToGo(pa, imgA.Get("data"))
	js.CopyBytesToGo(pb, imgB.Get("data"))
	n := algo.DiffRGBA(pa, pa, pb)
	d := js.Global().Get("ImageData").New(w, h)
	js.CopyBytesToJS(d.Get("data"), pa)
	diff.GetContext2d().Call("putImageData", d, 0, 0)
	nameA, nameB := compareName(a.last), compareName(r)
	if c := find[*dom.BasicHTMLElement](a.root, "compareNameA"); c != nil {
		c.SetTextContent("This result: " + nameA + withLevel(a.view.cmpParams[0], a.last))
	}
	if c := find[*dom.BasicHTMLElement](a.root, "compareNameB"); c != nil {
		c.SetTextContent("Other: " + nameB + withLevel(a.view.cmpParams[1], r))
	}
	if c := find[*dom.BasicHTMLElement](a.root, "compareCaption"); c != nil {
		pct := 100 * float64(n) / float64(w*h)
		c.SetTextContent(itoa(n) + " of " + itoa(w*h) + " pixels differ (" + trimFloat(pct) + " %) between " +
			nameA + " and " + nameB + ".")
		c.SetAttribute("data-differ", itoa(n))
	}
	if a.view != nil {
		a.view.cmp = r
		a.view.layout()
		a.view.showInspector()
	}
}

// paramText lists method m's parameters as options opts give them (defaults where they give
// none): ", window 15, k 0.2".
func paramText(m algo.Method, opts js.Value) string {
	s := ""
	for _, p := range m.Params {
		v := p.Default
		if o := opts.Get(p.Name); o.Type() == js.TypeNumber {
			v = o.Float()
		}
		s += ", " + p.Name + " " + ftoa(v)
	}
	return s
}

// withLevel adds the result's level to its parameters, unless one of them is the level (Manual's).
func withLevel(params string, r js.Value) string {
	if strings.Contains(params, ", level ") {
		return params
	}
	return params + ", " + levelPhrase(r)
}

// levelPhrase says a result's level: "level 102", "levels 80, 160", "a level per pixel".
func levelPhrase(r js.Value) string {
	switch lv := r.Get("level"); {
	case lv.IsNull() || lv.IsUndefined():
		return "a level per pixel"
	case lv.Type() == js.TypeObject:
		return "levels " + levelText(lv)
	}
	return "level " + levelText(r.Get("level"))
}
