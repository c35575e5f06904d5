package document

import (
	"image"
	"math"
	"strings"
)

// rng is S. Vigna's SplitMix64 (public domain): 64-bit integer steps, the same on every platform.
type rng struct{ state uint64 }

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// unit is a double in [0, 1) from the top 53 bits (exact).
func (r *rng) unit() float64 { return float64(r.next()>>11) * (1.0 / (1 << 53)) }

// between is a double in [a, b). (Where a caller's b − a is a power of two, as direction's, the
// product is exact and a compiler may fuse the sum with it without changing the result.)
func (r *rng) between(a, b float64) float64 { return a + float64((b-a)*r.unit()) }

// intn is an integer in [0, n), n > 0.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// direction is a random unit vector, by normalising a point drawn in the unit disc (sqrt is
// correctly rounded everywhere; sin and cos are not).
func (r *rng) direction() (float64, float64) {
	for {
		x, y := r.between(-1, 1), r.between(-1, 1)
		q := float64(x*x) + float64(y*y)
		if q > 0.01 && q < 1 {
			n := math.Sqrt(q)
			return x / n, y / n
		}
	}
}

// layout places a text on the page.
type layout struct {
	font                 *bitmapFont
	left, right, top     int // margins
	lineH                int // baseline to baseline
	para                 int // the paragraph it starts with
	glyphSeed            uint64
	wordJitter, startRow int // up to wordJitter pixels of baseline wobble per word; first baseline offset
}

// scene is everything the seed decides, drawn in a fixed order so that a seed always gives the same
// page whatever the degradations.
type scene struct {
	w, h        int
	front, back layout
	paper, ink  float64 // the clean paper's and the ink's gray levels

	// Illumination: a linear fall-off (ramp = rampX·x + rampY·y + ramp0, 0…1 over the page) and a
	// dim corner (cornerX, cornerY) of radius cornerR.
	rampX, rampY, ramp0        float64
	cornerX, cornerY, cornerR2 float64

	// Stain: an ellipse centred at (stainX, stainY) with semi-axes stainA, stainB along (stainUX, stainUY).
	stainX, stainY, stainA, stainB, stainUX, stainUY float64
	stainR                                           float64 // 1.2·stainA, beyond which nothing is stained

	// Fading: a second ramp.
	fadeX, fadeY, fade0 float64

	// Mottling: value noise on two grids of random nodes.
	coarse, fine grid

	noiseSeed uint64
}

// grid is value noise: random values in [0, 1) at the nodes of a square grid of side cell, smoothly
// interpolated between them.
type grid struct {
	cell, nx int
	v        []float64
}

func newGrid(r *rng, w, h, cell int) grid {
	g := grid{cell: cell, nx: w/cell + 2}
	g.v = make([]float64, g.nx*(h/cell+2))
	for i := range g.v {
		g.v[i] = r.unit()
	}
	return g
}

// smooth is the smoothstep weight of a position i/cell into its cell: t²(3 − 2t).
func smooth(i, cell int) float64 {
	t := float64(i) / float64(cell)
	return float64(t*t) * (3 - float64(2*t))
}

// ramp returns the coefficients of the linear function along (ux, uy) that is 0 and 1 at the
// page's extreme corners.
func ramp(ux, uy float64, w, h int) (ax, ay, a0 float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, c := range [4][2]float64{{0, 0}, {float64(w - 1), 0}, {0, float64(h - 1)}, {float64(w - 1), float64(h - 1)}} {
		v := float64(ux*c[0]) + float64(uy*c[1])
		lo, hi = min(lo, v), max(hi, v)
	}
	span := hi - lo
	return ux / span, uy / span, -lo / span
}

func newScene(seed uint64, w, h int) *scene {
	r := rng{state: seed}
	sc := &scene{w: w, h: h}

	f := &charter18
	if w >= 800 && h >= 400 {
		f = &charter24
	}
	lineH := f.ascent + f.descent - f.ascent/6 + r.intn(f.ascent/5+1)
	top := h/14 + r.intn(h/30+1)
	sc.front = layout{font: f, left: w/12 + r.intn(w/40+1), right: w/12 + r.intn(w/40+1), top: top,
		lineH: lineH, para: r.intn(len(frontText)), glyphSeed: r.next(), wordJitter: 1}
	sc.back = layout{font: f, left: w/12 + r.intn(w/30+1), right: w/12 + r.intn(w/30+1), top: top,
		lineH: lineH, para: r.intn(len(backText)), glyphSeed: r.next(), wordJitter: 1, startRow: r.intn(lineH)}

	sc.paper = float64(212 + r.intn(22))
	sc.ink = float64(26 + r.intn(30))

	ux, uy := r.direction()
	sc.rampX, sc.rampY, sc.ramp0 = ramp(ux, uy, w, h)
	corner := r.intn(4)
	sc.cornerX, sc.cornerY = float64((corner&1)*(w-1)), float64((corner>>1)*(h-1))
	cr := float64(r.between(0.45, 0.8) * float64(max(w, h)))
	sc.cornerR2 = float64(cr * cr)

	sc.stainX, sc.stainY = float64(r.between(0.15, 0.85)*float64(w)), float64(r.between(0.2, 0.8)*float64(h))
	sc.stainA = float64(r.between(0.1, 0.2) * float64(min(w, h)+w/2))
	sc.stainB = float64(sc.stainA * r.between(0.55, 0.95))
	sc.stainUX, sc.stainUY = r.direction()
	sc.stainR = float64(1.2 * sc.stainA)

	fx, fy := r.direction()
	sc.fadeX, sc.fadeY, sc.fade0 = ramp(fx, fy, w, h)

	sc.noiseSeed = r.next()
	m := rng{state: r.next()}
	sc.coarse = newGrid(&m, w, h, max(16, min(w, h)/6))
	sc.fine = newGrid(&m, w, h, max(4, min(w, h)/40))
	return sc
}

// compose paints the degraded page before blur and noise: paper lit unevenly, mottled and stained,
// the back's text showing through, then the front's ink, faded. Every product is converted to
// float64 on its own so that the result does not depend on multiply-add fusion.
func (sc *scene) compose(page *image.Gray, inkDraw []uint8, back *image.Gray, d Degradations) {
	w, h := sc.w, sc.h
	// Per-column parts of the value noise, computed once.
	cx0 := make([]int, w)
	csx, fsx := make([]float64, w), make([]float64, w)
	fx0 := make([]int, w)
	for x := 0; x < w; x++ {
		cx0[x], csx[x] = x/sc.coarse.cell, smooth(x%sc.coarse.cell, sc.coarse.cell)
		fx0[x], fsx[x] = x/sc.fine.cell, smooth(x%sc.fine.cell, sc.fine.cell)
	}
	illum, stain, bleed, fading := d.Illumination, d.Stain, d.BleedThrough, d.Fading
	for y := 0; y < h; y++ {
		cy0, csy := y/sc.coarse.cell, smooth(y%sc.coarse.cell, sc.coarse.cell)
		fy0, fsy := y/sc.fine.cell, smooth(y%sc.fine.cell, sc.fine.cell)
		cRow0, cRow1 := sc.coarse.v[cy0*sc.coarse.nx:], sc.coarse.v[(cy0+1)*sc.coarse.nx:]
		fRow0, fRow1 := sc.fine.v[fy0*sc.fine.nx:], sc.fine.v[(fy0+1)*sc.fine.nx:]
		fyf := float64(y)
		rampY := float64(sc.rampY*fyf) + sc.ramp0
		fadeY := float64(sc.fadeY*fyf) + sc.fade0
		dcy := fyf - sc.cornerY
		dcy2 := float64(dcy * dcy)
		dsy := fyf - sc.stainY
		out := page.Pix[y*page.Stride : y*page.Stride+w]
		for x := range out {
			fxf := float64(x)
			// Mottling m in [0, 1): 0.6 of the coarse grid and 0.4 of the fine one.
			m := float64(0.6*lerp2(cRow0, cRow1, cx0[x], csx[x], csy)) + float64(0.4*lerp2(fRow0, fRow1, fx0[x], fsx[x], fsy))

			// Illumination: up to 22 % darker along the ramp and 25 % into the corner.
			v := sc.paper
			if illum > 0 {
				rmp := float64(sc.rampX*fxf) + rampY
				dcx := fxf - sc.cornerX
				q := (float64(dcx*dcx) + dcy2) / sc.cornerR2
				c := 0.0
				if q < 1 {
					c = float64((1 - q) * (1 - q))
				}
				loss := float64(0.22*rmp) + float64(0.25*c)
				v = float64(v * (1 - float64(illum*loss)))
			}

			// Stain: the paper's mottling (up to 10 levels), and an ellipse whose edge the
			// mottling makes irregular, darker inside (22 levels) and most at its rim (30).
			if stain > 0 {
				dark := float64(10 * m)
				// The ellipse reaches q = 1.15 at most, where q ≥ 0.8·(u² + t²), so nothing
				// beyond 1.2 major semi-axes of its centre is stained.
				if dsx := fxf - sc.stainX; math.Abs(dsx) < sc.stainR && math.Abs(dsy) < sc.stainR {
					u := (float64(dsx*sc.stainUX) + float64(dsy*sc.stainUY)) / sc.stainA
					t := (float64(dsy*sc.stainUX) - float64(dsx*sc.stainUY)) / sc.stainB
					q := float64(float64(float64(u*u)+float64(t*t)) * float64(0.8+float64(0.4*m)))
					inside := min(max((1.15-q)/0.3, 0), 1)
					rim := 0.0
					if e := (q - 1) / 0.12; e > -1 && e < 1 {
						e2 := float64(1 - float64(e*e))
						rim = float64(e2 * e2)
					}
					dark += float64(22*inside) + float64(30*rim)
				}
				v -= float64(stain * dark)
			}

			// Bleed-through: the back's ink takes up to 45 % of the way to the ink level.
			if back != nil {
				if b := back.Pix[y*back.Stride+x]; b != 0 {
					k := float64(float64(bleed*0.45) * (float64(b) / 255))
					v -= float64(k * (v - sc.ink))
				}
			}

			// Ink: all the way to the ink level when fresh; fading takes up to 55 % along its
			// ramp and 35 % more by each letter's own draw.
			if dr := inkDraw[y*w+x]; dr != 0 {
				s := 1.0
				if fading > 0 {
					fr := float64(sc.fadeX*fxf) + fadeY
					s = 1 - float64(fading*(float64(0.55*fr)+float64(0.35*(float64(dr)/255))))
				}
				v -= float64(s * (v - sc.ink))
			}

			v = math.Floor(v + 0.5)
			out[x] = uint8(min(max(v, 0), 255))
		}
	}
}

// lerp2 interpolates a grid cell between rows r0 and r1 at column cell i with weights sx, sy.
func lerp2(r0, r1 []float64, i int, sx, sy float64) float64 {
	a := r0[i] + float64(sx*(r0[i+1]-r0[i]))
	b := r1[i] + float64(sx*(r1[i+1]-r1[i]))
	return a + float64(sy*(b-a))
}

// typeset sets paragraphs of text from lay.para on, cycling, justified between the margins with an
// indented first line, line after line down to the bottom margin, and calls put for every ink
// pixel inside the page with the letter's own random draw (1…255).
func (sc *scene) typeset(text [][]string, lay layout, put func(x, y int, draw uint8)) {
	f := lay.font
	r := rng{state: lay.glyphSeed}
	space := f.glyphOf(' ').advance
	indent := 2 * f.glyphOf('M').advance
	width := sc.w - lay.left - lay.right
	if width <= 0 {
		return
	}
	base := lay.top + lay.startRow + f.ascent
	bottom := sc.h - lay.top
	para, word := lay.para, 0
	for lines := 0; base+f.descent <= bottom; lines++ {
		words := text[para]
		first := word == 0
		x0 := lay.left
		avail := width
		if first {
			x0 += indent
			avail -= indent
		}
		// Take words while they fit (at least one).
		end, used := word, 0
		for end < len(words) {
			wd := f.width(words[end])
			if end > word {
				wd += space
			}
			if used+wd > avail && end > word {
				break
			}
			used += wd
			end++
		}
		last := end == len(words)
		gaps := end - word - 1
		extra := 0
		if !last && gaps > 0 {
			extra = avail - used
		}
		x := x0
		for i := word; i < end; i++ {
			if i > word {
				g := i - word - 1
				x += space + extra*(g+1)/gaps - extra*g/gaps
			}
			dy := 0
			if lay.wordJitter > 0 {
				dy = r.intn(2*lay.wordJitter+1) - lay.wordJitter
			}
			x = sc.drawWord(f, &r, words[i], x, base+dy, put)
		}
		word = end
		if last {
			para, word = (para+1)%len(text), 0
		}
		base += lay.lineH
	}
}

// drawWord draws s with its pen at (x, base) and returns the pen's position after it.
func (sc *scene) drawWord(f *bitmapFont, r *rng, s string, x, base int, put func(x, y int, draw uint8)) int {
	for i := 0; i < len(s); i++ {
		g := f.glyphOf(s[i])
		draw := uint8(1 + r.intn(255))
		for gy := 0; gy < g.h; gy++ {
			py := base - g.ascent + gy
			if py < 0 || py >= sc.h {
				continue
			}
			for gx := 0; gx < g.w; gx++ {
				px := x + g.lsb + gx
				if px >= 0 && px < sc.w && f.on(g, gx, gy) {
					put(px, py, draw)
				}
			}
		}
		x += g.advance
	}
	return x
}

// paragraphs splits a text into paragraphs (at blank lines) of words.
func paragraphs(s string) [][]string {
	var out [][]string
	for _, p := range strings.Split(strings.TrimSpace(s), "\n\n") {
		if w := strings.Fields(p); len(w) > 0 {
			out = append(out, w)
		}
	}
	return out
}
