package state

import (
	"math"
	"testing"

	"limen/algo"
)

// Correct gives the nearest value the rule accepts, and leaves an accepted value alone.
func TestCorrect(t *testing.T) {
	window := algo.Param{Name: "window", Default: 15, Min: 3, Max: 501, Odd: true}
	delta := algo.Param{Name: "delta", Default: 0.5, Min: 1e-6, Max: 255}
	for _, c := range []struct {
		p    algo.Param
		v    float64
		want float64
	}{
		{MaxvalField, -5, 0}, {MaxvalField, 300, 255}, {MaxvalField, 127.6, 128}, {MaxvalField, 127.4, 127},
		{MaxvalField, 200, 200}, {MaxvalField, math.NaN(), 255}, {MaxvalField, math.Inf(1), 255},
		{NoiseMeanField, 1000, 255}, {NoiseMeanField, -3.25, -3.25}, {NoiseSeedField, 2.5, 3},
		{window, 10.4, 11}, {window, 9.6, 9}, {window, 2, 3}, {window, 502, 501}, {window, 1e9, 501}, {window, 17, 17},
		{delta, 0, 1e-6}, {delta, 0.5, 0.5}, {delta, 99.7, 99.7},
	} {
		got := Correct(c.p, c.v)
		if got != c.want {
			t.Errorf("Correct(%s, %v) = %v, want %v", c.p.Name, c.v, got, c.want)
		}
		if err := c.p.Check(got); err != nil {
			t.Errorf("Correct(%s, %v) = %v, which its rule rejects: %v", c.p.Name, c.v, got, err)
		}
	}
}

// Every parameter of the registry: whatever comes in, Correct gives a value Check accepts.
func TestCorrectRegistry(t *testing.T) {
	for _, m := range algo.Methods() {
		for _, lib := range m.Libraries() {
			r, _ := m.As(lib)
			for _, p := range r.Params {
				for _, v := range []float64{p.Min - 1, p.Max + 1, p.Min + 0.5, p.Max - 0.5, (p.Min + p.Max) / 2, math.NaN(), -1e300, 1e300} {
					if got := Correct(p, v); p.Check(got) != nil {
						t.Errorf("%s/%s %s: Correct(%v) = %v, rejected", m.ID, lib, p.Name, v, got)
					}
				}
			}
		}
	}
}
