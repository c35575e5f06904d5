//go:build js && wasm && lesson

package main

import (
	"limen/algo"
	"limen/wasm/internal/state"
	"math"
	"strconv"
	"syscall/js"
)

// The lesson's histogram notes: where the criterion peaks, and end bars cut to scale.

// peakText says where the method's criterion curve peaks, for Otsu and max entropy.
func peakText(st state.State, r js.Value) string {
	cr := r.Get("criterion")
	if !st.Hist || !cr.Truthy() || cr.Length() != 256 {
		return ""
	}
	c := make([]float64, 256)
	for i := range c {
		c[i] = math.NaN() // null: undefined there
		if v := cr.Index(i); !v.IsNull() {
			c[i] = v.Float()
		}
	}
	at, best := algo.ArgMax(c) // the first maximum, as the methods take it
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
	if m, ok := st.Algo(); !ok || m.Curve.Read != algo.ReadMax {
		return "" // a curve read otherwise (a minimum, a fixed point): the page's curve note says how
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
