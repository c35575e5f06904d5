//go:build js && wasm && lesson

package main

import (
	"limen/algo"
	"math"
	"strconv"
	"strings"
	"syscall/js"
)

// The lesson's steps: the iterative method's T, one step at a time, on the histogram.

// stepDelay is the time between two steps of the iterative method on the histogram, in ms.
const stepDelay = 900

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
	var hist algo.Histogram
	h := r.Get("histogram")
	final := r
	if c, _ := clipped(r, a.st.NoiseSigma > 0); c.Truthy() {
		final = c // the counts in the text stay the true ones (hist is read from r below)
	}
	for i := range hist {
		hist[i] = h.Index(i).Int()
	}
	h = final.Get("histogram")
	delta := 0.5
	if m, ok := a.st.Algo(); ok {
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
func stepText(hist *algo.Histogram, trace []float64, k int, delta float64) string {
	t := trace[k]
	if k == 0 {
		s := "T₀ = " + f2(t) + ", the mean of all pixels"
		if len(trace) == 1 {
			s += ". Splitting there leaves a class empty: stop."
		}
		return s
	}
	m1, m2 := algo.ClassMeans(hist, trace[k-1]) // the method's own arithmetic: (m1 + m2) / 2 is T_k
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

func f2(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// sub writes k with subscript digits.
func sub(k int) string {
	var b strings.Builder
	for _, c := range itoa(k) {
		b.WriteRune('₀' + (c - '0'))
	}
	return b.String()
}
