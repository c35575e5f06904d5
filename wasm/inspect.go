//go:build js && wasm && !lesson

package main

import (
	"syscall/js"

	"limen/algo"
)

// The pixel inspector: hovering or tapping a pixel of any view (or moving the view with the keys,
// which inspects the pixel at its centre) shows the gray value the method saw there, the level
// that applied there (the global level, or a local method's T(x, y)) and the class that follows —
// the numbers that say why that pixel went that way. The page asks limen.threshold for them with
// the option levels: true (setLevels).

// inspectAt inspects the result pixel under (x, y) of port p, if there is one.
func (v *view) inspectAt(p *port, x, y float64) {
	ix, iy, ok := v.pixelAt(p, x, y)
	if !ok {
		return
	}
	v.px, v.py = ix, iy
	for _, q := range v.ports {
		v.placeProbe(q)
	}
	v.showInspector()
}

// pixelFacts is what the inspector says about one pixel of one result.
type pixelFacts struct {
	gray   int
	level  string // "102", "95" (a local T(x, y)), "80, 160" (multi-level)
	kind   string // "level", "T(x, y)", "levels"
	above  bool   // gray > level
	class  string // "foreground", "background", or "class 2 of 3" (multi-level)
	output int    // the result's value there
}

// factsAt reads pixel i of result r; dark flips which side is the foreground.
func factsAt(r js.Value, i int, dark bool) (pixelFacts, bool) {
	gray := r.Get("gray")
	if !gray.Truthy() || i >= gray.Length() {
		return pixelFacts{}, false
	}
	f := pixelFacts{gray: gray.Index(i).Int()}
	if img := r.Get("image"); img.Truthy() {
		f.output = img.Get("data").Index(4 * i).Int()
	}
	lv := r.Get("level")
	switch {
	case r.Get("levels").Truthy():
		t := r.Get("levels").Index(i).Int()
		f.level, f.kind, f.above = itoa(t), "T(x, y) =", f.gray > t
		if m, ok := algo.Lookup(r.Get("method").String()); ok {
			if m, err := m.As(r.Get("reference").String()); err == nil && m.Picture {
				f.kind = "T(x, y) of its picture =" // −1 where it is white, 255 where black
			}
		}
	case lv.Type() == js.TypeNumber:
		f.level, f.kind, f.above = trimFloat(lv.Float()), "level", float64(f.gray) > lv.Float()
	case lv.Type() == js.TypeObject: // multi-level: the class is the number of levels ≤ v
		c := 0
		for k := 0; k < lv.Length(); k++ {
			if f.gray >= lv.Index(k).Int() {
				c++
			}
		}
		f.level, f.kind, f.class = levelText(lv), "levels", "class "+itoa(c)+" of "+itoa(lv.Length()+1)
		return f, true
	default:
		return pixelFacts{}, false
	}
	f.class = "background"
	if f.above != dark {
		f.class = "foreground"
	}
	return f, true
}

// sentence says the facts: "gray 87, level 102: 87 ≤ 102, background (output 0)".
func (f pixelFacts) sentence() string {
	s := "gray " + itoa(f.gray) + ", " + f.kind + " " + f.level + ": "
	if f.kind != "levels" {
		rel := " ≤ "
		if f.above {
			rel = " > "
		}
		s += itoa(f.gray) + rel + f.level + ", "
	}
	return s + f.class + " (output " + itoa(f.output) + ")"
}

// showInspector writes the inspector line for the inspected pixel, from the last result (and the
// compare view's, when it shows one).
func (v *view) showInspector() {
	el := v.inspect
	if el == nil || v.px < 0 {
		return
	}
	r := v.a.last
	if !r.Truthy() {
		return
	}
	w, h := r.Get("width").Int(), r.Get("height").Int()
	if v.px >= w || v.py >= h { // a smaller picture came
		v.px, v.py = -1, -1
		el.SetTextContent("")
		for _, p := range v.ports {
			v.placeProbe(p)
		}
		return
	}
	i := v.py*w + v.px
	f, ok := factsAt(r, i, v.a.st.Dark)
	if !ok {
		return
	}
	s := "x " + itoa(v.px) + ", y " + itoa(v.py) + ": " + f.sentence()
	if c := v.cmp; c.Truthy() && c.Get("width").Int() == w && c.Get("height").Int() == h {
		if g, ok := factsAt(c, i, v.a.st.Dark); ok {
			s += " · other, " + compareName(c) + ": " + g.sentence()
		}
	}
	el.SetTextContent(s)
	for _, kv := range [...][2]string{{"x", itoa(v.px)}, {"y", itoa(v.py)}, {"gray", itoa(f.gray)}, {"level", f.level}, {"class", f.class}} {
		el.SetAttribute("data-"+kv[0], kv[1]) // for scripts and tests: the numbers the line says
	}
}
