package algo

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// curveHistograms: the oracle's images and random two-hump histograms, by name.
func curveHistograms(t *testing.T) map[string]Histogram {
	hs := map[string]Histogram{}
	for _, s := range oracleNames(t) {
		hs[s] = oracleHist(t, s)
	}
	r := rand.New(rand.NewPCG(7, 8))
	for n := 0; n < 200; n++ {
		hs["random "+string(rune('a'+n%26))+string(rune('a'+n/26))] = randomHistogram(r)
	}
	return hs
}

// Every global method either draws a curve, and says how its level is read off it, or says in one
// line why it has none: the page shows one or the other.
func TestEveryGlobalMethodExplainsItsLevel(t *testing.T) {
	n := 0
	for _, m := range MethodsOf(Global) {
		c := m.Curve
		switch {
		case m.Criterion != nil && (c.Read == 0 || c.Says == "" || c.Why != ""):
			t.Errorf("%s has a criterion: its Curve needs Read and Says, and no Why: %+v", m.ID, c)
		case m.Criterion == nil && (c.Why == "" || c.Read != 0 || c.Says != ""):
			t.Errorf("%s has no criterion: its Curve needs Why only: %+v", m.ID, c)
		}
		n++
	}
	if n != 20 {
		t.Errorf("%d global methods, the issue counts 20: check that each explains its level", n)
	}
	for _, m := range MethodsOf(Local) {
		if m.Curve != (Curve{}) || m.Criterion != nil {
			t.Errorf("local method %s has a curve: the page never draws one for a level per pixel", m.ID)
		}
	}
}

// The iterative method's curve g(t) is the map it iterates: at the bin of the T before the last
// it is the level itself, exactly, and that point is within delta of the diagonal (the fixed point
// the page shows).
func TestIterativeCriterionFixedPoint(t *testing.T) {
	checked := 0
	for name, h := range curveHistograms(t) {
		T, trace := Iterative(&h, DefaultIterativeDelta)
		c := IterativeCriterion(&h, nil)
		if len(trace) < 2 {
			continue
		}
		prev := trace[len(trace)-2]
		g := c[int(math.Floor(prev))]
		if g != T {
			t.Errorf("%s: g(⌊%v⌋) = %v, the level is %v", name, prev, g, T)
		}
		if math.Abs(g-prev) >= DefaultIterativeDelta {
			t.Errorf("%s: g(%v) = %v is not within delta of the diagonal", name, prev, g)
		}
		// Independently of ClassMeans: the mean of each side by a plain sum.
		for _, tt := range []int{0, 77, int(prev), 200} {
			var s1, n1, s2, n2 float64
			for v, k := range h {
				if v > tt {
					s1, n1 = s1+float64(v*k), n1+float64(k)
				} else {
					s2, n2 = s2+float64(v*k), n2+float64(k)
				}
			}
			want := (s1/n1 + s2/n2) / 2
			if n1 == 0 || n2 == 0 {
				want = math.NaN()
			}
			if got := c[tt]; !(math.IsNaN(want) && math.IsNaN(got)) && math.Abs(got-want) > 1e-9*want {
				t.Errorf("%s: g(%d) = %v, plain sums give %v", name, tt, got, want)
			}
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("only %d histograms checked", checked)
	}
}

// IsoData's level is the first candidate where its curve, rounded as ImageJ rounds, meets the
// diagonal; IJ IsoData's and Default's are the curve's value, rounded, where it first falls below
// t + 2 (the loop's test) or the range ends.
func TestIsoDataCriteriaGiveTheLevel(t *testing.T) {
	for name, h := range curveHistograms(t) {
		c := IsoDataCriterion(&h, nil)
		want := 0
		for g := 0; g < 255; g++ {
			if !math.IsNaN(c[g]) && javaRound(c[g]) == int32(g) {
				want = g
				break
			}
		}
		if got := IsoData(&h); got != want {
			t.Errorf("%s: IsoData %d, its curve meets the diagonal at %d", name, got, want)
		}
		for _, m := range []struct {
			id    string
			level func(*Histogram) int
			curve CriterionFunc
		}{{"ij-isodata", IJIsoData, IJIsoDataCriterion}, {"default", IJDefault, DefaultCriterion}} {
			c := m.curve(&h, nil)
			lo, hi := -1, -1
			for i, v := range c {
				if !math.IsNaN(v) {
					if lo < 0 {
						lo = i
					}
					hi = i + 1
				}
			}
			want := 128
			for i := lo; lo >= 0 && i < hi; i++ {
				if !(float64(i+2) <= c[i] && i+1 < hi-1) {
					want = int(min(max(javaRound(c[i]), 0), 255))
					break
				}
			}
			if got := m.level(&h); got != want {
				t.Errorf("%s: %s %d, read off its curve %d", name, m.id, got, want)
			}
		}
	}
}

// Li's curve is the cross entropy of Li & Lee (1993), computed here from its definition
// Σ v·h(v)·ln(v/μ) over both classes, less the term that does not depend on t; Li's level lies in
// its valley floor: Li & Tam's iteration stops where a step moves less than half a level, a few
// levels from the minimum on natural pictures, where η is within liValley of its range above it.
func TestLiCriterionIsCrossEntropy(t *testing.T) {
	checked := 0
	for name, h := range curveHistograms(t) {
		c := LiCriterion(&h, nil)
		var constant float64
		for v, k := range h {
			if v > 0 {
				constant += float64(v*k) * math.Log(float64(v))
			}
		}
		for tt := 0; tt < 256; tt++ {
			var sb, nb, so, no float64
			for v, k := range h {
				if v <= tt {
					sb, nb = sb+float64(v*k), nb+float64(k)
				} else {
					so, no = so+float64(v*k), no+float64(k)
				}
			}
			if sb == 0 || so == 0 {
				if !math.IsNaN(c[tt]) {
					t.Fatalf("%s: η(%d) = %v where a class has no mass", name, tt, c[tt])
				}
				continue
			}
			var eta float64 // Σ v·h(v)·ln(v/μ), the definition
			for v, k := range h {
				if v == 0 || k == 0 {
					continue
				}
				mu := sb / nb
				if v > tt {
					mu = so / no
				}
				eta += float64(v*k) * math.Log(float64(v)/mu)
			}
			if got := c[tt] + constant; math.Abs(got-eta) > 1e-9*math.Abs(constant) {
				t.Fatalf("%s: η(%d) = %v, the definition gives %v", name, tt, got, eta)
			}
		}
		checked++
		at, lo := argMinCurve(c)
		hi := math.Inf(-1)
		for _, v := range c {
			if !math.IsNaN(v) {
				hi = max(hi, v)
			}
		}
		level := Li(&h)
		if at < 0 || hi == lo || strings.HasPrefix(name, "random") {
			continue // the random histograms are spiky: Li's rounded steps stall up to 9 levels away there
		}
		depth := (c[level] - lo) / (hi - lo)
		t.Logf("%s: Li %d, minimum of η at %d, %.3g%% of its range up", name, level, at, 100*depth)
		if !(depth <= liValley) {
			t.Errorf("%s: Li's level %d is %.3g%% of η's range above its minimum (at %d)", name, level, 100*depth, at)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d histograms checked", checked)
	}
}

// Minimum's and Intermodes' curves are the smoothed histograms they read: two peaks, Minimum's
// level the first valley bottom, Intermodes' halfway between the peaks; and the smoothing keeps
// the histogram's total (a running mean of three, so the curve is in pixel counts).
func TestSmoothedHistogramCriteria(t *testing.T) {
	checked := 0
	for name, h := range curveHistograms(t) {
		mc, ic := MinimumCriterion(&h, nil), IntermodesCriterion(&h, nil)
		var peaks []int
		for i := 1; i < 255; i++ {
			if mc[i-1] < mc[i] && mc[i+1] < mc[i] {
				peaks = append(peaks, i)
			}
		}
		if math.IsNaN(mc[0]) {
			if Minimum(&h) != 0 {
				t.Errorf("%s: no smoothed curve, but Minimum found %d", name, Minimum(&h))
			}
		} else {
			if len(peaks) != 2 {
				t.Errorf("%s: Minimum's curve has %d peaks", name, len(peaks))
			}
			want := 0
			for i := 1; i < 255; i++ {
				if mc[i-1] > mc[i] && mc[i+1] >= mc[i] {
					want = i
					break
				}
			}
			if got := Minimum(&h); got != want {
				t.Errorf("%s: Minimum %d, its curve's valley %d between peaks %v", name, got, want, peaks)
			}
			checked++
		}
		peaks = peaks[:0]
		for i := 1; i < 255; i++ {
			if !math.IsNaN(ic[i-1]) && !math.IsNaN(ic[i+1]) && ic[i-1] < ic[i] && ic[i+1] < ic[i] {
				peaks = append(peaks, i)
			}
		}
		if len(peaks) == 2 {
			if got, want := Intermodes(&h), (peaks[0]+peaks[1])/2; got != want {
				t.Errorf("%s: Intermodes %d, halfway between its curve's peaks %v is %d", name, got, want, peaks)
			}
		} else if Intermodes(&h) != 0 && len(peaks) != 0 {
			t.Errorf("%s: Intermodes' curve has peaks %v", name, peaks)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d histograms checked", checked)
	}
}

// Moments' curve, the cumulative share less p₀, first goes above 0 at the level; p₀ is checked
// against Tsai's moment-preserving equations from the curve's own share: a two-level picture with
// z₀ on a share p₀ and z₁ on 1 − p₀ has the histogram's first three moments.
func TestMomentsCriterion(t *testing.T) {
	for name, h := range curveHistograms(t) {
		c := MomentsCriterion(&h, nil)
		want := 0
		for i, v := range c {
			if v > 0 {
				want = i
				break
			}
		}
		if got := Moments(&h); got != want {
			t.Errorf("%s: Moments %d, its curve first goes above 0 at %d", name, got, want)
		}
		var n, m1, m2, m3 float64
		for v, k := range h {
			fv, fk := float64(v), float64(k)
			n += fk
			m1, m2, m3 = m1+fv*fk, m2+fv*fv*fk, m3+fv*fv*fv*fk
		}
		m1, m2, m3 = m1/n, m2/n, m3/n
		p0 := -c[0] + float64(h[0])/n // c[0] = share(0) − p₀
		// z₀, z₁ are the roots of z² + c₁z + c₀ with c₀, c₁ from the moments (Tsai, eq. 6–8).
		cd := m2 - m1*m1
		c0 := (m1*m3 - m2*m2) / cd
		c1 := (m1*m2 - m3) / cd
		z0 := (-c1 - math.Sqrt(c1*c1-4*c0)) / 2
		z1 := (-c1 + math.Sqrt(c1*c1-4*c0)) / 2
		if math.IsNaN(z0) || math.IsNaN(z1) {
			continue
		}
		for k, want := range []float64{m1, m2, m3} {
			got := p0*math.Pow(z0, float64(k+1)) + (1-p0)*math.Pow(z1, float64(k+1))
			if math.Abs(got-want) > 1e-6*math.Abs(want) {
				t.Errorf("%s: the two-level picture's moment %d is %v, the histogram's %v", name, k+1, got, want)
			}
		}
	}
}

// liValley bounds how far up its valley Li's level may sit, as a share of η's range: what the page's
// line ("stops within a few levels of its minimum") promises.
const liValley = 0.01

func argMinCurve(c []float64) (int, float64) {
	at, best := -1, math.Inf(1)
	for i, v := range c {
		if !math.IsNaN(v) && v < best {
			at, best = i, v
		}
	}
	return at, best
}
