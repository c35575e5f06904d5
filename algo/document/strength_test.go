package document

import (
	"image"
	"math"
	"testing"
)

// TestStrength moves each degradation's control, as the page's sliders do, over its range with the
// others at their defaults, and checks for each setting that the page is made the same twice (a
// seed gives one page), that the truth does not move, and that the page moves the way the control
// says, strictly at each step:
//   - illumination darkens the paper at the lit-away end of the fall-off, and at full strength that
//     end loses far more than the lit end;
//   - stain darkens the middle of the stain;
//   - bleed-through darkens the paper under the back's text;
//   - fading lightens the ink;
//   - blur lowers the total variation (the sum of the steps between neighbours);
//   - noise widens the spread of the page around the same page without noise.
func TestStrength(t *testing.T) {
	const seed, w, h = 6, 480, 336
	sc := newScene(seed, w, h)
	_, truth := gen(t, seed, w, h, Degradations{})
	backInk := make([]bool, w*h)
	sc.typeset(backText, sc.back, func(x, y int, _ uint8) { backInk[y*w+(w-1-x)] = true })

	// mean of the pixels of p where keep(x, y, i) holds.
	mean := func(p *image.Gray, keep func(x, y, i int) bool) float64 {
		s, n := 0.0, 0
		for y := range h {
			for x := range w {
				if i := y*w + x; keep(x, y, i) {
					s += float64(p.Pix[i])
					n++
				}
			}
		}
		if n < 200 {
			t.Fatalf("only %d pixels to average", n)
		}
		return s / float64(n)
	}
	paper := func(i int) bool { return truth.Pix[i] == 255 }
	rampAt := func(x, y int) float64 { return sc.rampX*float64(x) + sc.rampY*float64(y) + sc.ramp0 }
	noNoise := Defaults()
	noNoise.Noise = 0
	cleanOfNoise, _ := gen(t, seed, w, h, noNoise)

	for _, c := range []struct {
		name  string
		set   func(d *Degradations, v float64)
		steps []float64
		stat  func(p *image.Gray) float64
		up    bool // the statistic grows with the control
	}{
		{"illumination", func(d *Degradations, v float64) { d.Illumination = v }, []float64{0, 0.35, 0.7, 1},
			func(p *image.Gray) float64 {
				return mean(p, func(x, y, i int) bool { return paper(i) && rampAt(x, y) > 0.75 })
			}, false},
		{"stain", func(d *Degradations, v float64) { d.Stain = v }, []float64{0, 0.35, 0.7, 1},
			func(p *image.Gray) float64 {
				return mean(p, func(x, y, i int) bool {
					dx, dy := float64(x)-sc.stainX, float64(y)-sc.stainY
					u := (dx*sc.stainUX + dy*sc.stainUY) / sc.stainA
					v := (dy*sc.stainUX - dx*sc.stainUY) / sc.stainB
					return paper(i) && u*u+v*v < 0.5
				})
			}, false},
		{"bleedThrough", func(d *Degradations, v float64) { d.BleedThrough = v }, []float64{0, 0.35, 0.7, 1},
			func(p *image.Gray) float64 { return mean(p, func(x, y, i int) bool { return paper(i) && backInk[i] }) }, false},
		{"fading", func(d *Degradations, v float64) { d.Fading = v }, []float64{0, 0.35, 0.7, 1},
			func(p *image.Gray) float64 { return mean(p, func(x, y, i int) bool { return !paper(i) }) }, true},
		{"blur", func(d *Degradations, v float64) { d.Blur = v }, []float64{0, 0.8, 2, 4},
			func(p *image.Gray) float64 {
				tv := 0.0
				for y := range h {
					for x := 1; x < w; x++ {
						tv += math.Abs(float64(p.Pix[y*w+x]) - float64(p.Pix[y*w+x-1]))
					}
				}
				return tv
			}, false},
		{"noise", func(d *Degradations, v float64) { d.Noise = v }, []float64{0, 5, 20, 50},
			func(p *image.Gray) float64 {
				s := 0.0
				for i := range p.Pix {
					d := float64(p.Pix[i]) - float64(cleanOfNoise.Pix[i])
					s += d * d
				}
				return math.Sqrt(s / float64(len(p.Pix)))
			}, true},
	} {
		prev := math.NaN()
		for _, v := range c.steps {
			d := Defaults()
			c.set(&d, v)
			p, g := gen(t, seed, w, h, d)
			p2, g2 := gen(t, seed, w, h, d)
			if pixHash(p) != pixHash(p2) || pixHash(g) != pixHash(g2) {
				t.Errorf("%s %v: two calls give two pages", c.name, v)
			}
			if pixHash(g) != pixHash(truth) {
				t.Errorf("%s %v: the truth moved", c.name, v)
			}
			s := c.stat(p)
			if !math.IsNaN(prev) && (c.up && s <= prev || !c.up && s >= prev) {
				t.Errorf("%s %v: %.2f after %.2f, want it to %s", c.name, v, s, prev, map[bool]string{true: "grow", false: "fall"}[c.up])
			}
			prev = s
		}
	}

	// At full illumination the paper at the lit-away end of the fall-off loses far more than at
	// the lit end (both away from the dim corner, which may fall at either end).
	lit, full := Defaults(), Defaults()
	lit.Illumination, full.Illumination = 0, 1
	p0, _ := gen(t, seed, w, h, lit)
	p1, _ := gen(t, seed, w, h, full)
	awayFromCorner := func(x, y int) bool {
		dx, dy := float64(x)-sc.cornerX, float64(y)-sc.cornerY
		return dx*dx+dy*dy > sc.cornerR2
	}
	far := func(x, y, i int) bool { return paper(i) && awayFromCorner(x, y) && rampAt(x, y) > 0.75 }
	near := func(x, y, i int) bool { return paper(i) && awayFromCorner(x, y) && rampAt(x, y) < 0.25 }
	farDrop, nearDrop := mean(p0, far)-mean(p1, far), mean(p0, near)-mean(p1, near)
	if farDrop-nearDrop < 15 {
		t.Errorf("full illumination: the paper loses %.1f levels at the lit-away end, %.1f at the lit end", farDrop, nearDrop)
	}
}
