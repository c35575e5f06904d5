//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"limen/algo"
	"limen/wasm/internal/samples"
	"limen/wasm/internal/state"
)

// The page shows what it computes: what the controls show, the result canvas, the URL and the
// download are one state (issue 12). These tests set the page through its controls and its hash,
// and compare with limen.threshold on the same picture with the same options, pixel for pixel.

// stateHelpers, installed in a tab: pictures as {w, h, hash} (FNV-1a over RGBA), the API's
// picture for options on the page's original, controls set as a reader sets them, the download.
const stateHelpers = `
window.S = {
  pic(img) {
    if (!img) return null;
    const d = img.data; let h = 2166136261 >>> 0;
    for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d[i], 16777619) >>> 0;
    return {w: img.width, h: img.height, hash: h};
  },
  canvas(c) { return c.getContext('2d').getImageData(0, 0, c.width, c.height); },
  original() { return S.canvas(document.getElementById('original')); },
  result() { return S.pic(S.canvas(document.getElementById('result'))); },
  api(opts) { return limen.threshold(S.original(), opts); },
  // want stores the API's pictures for opts; match says whether the result canvas shows them.
  want(opts, layers) { const r = S.api(Object.assign({surface: !!layers, overlay: !!layers}, opts));
    S.w = {image: S.pic(r.image), surface: S.pic(r.surface), overlay: S.pic(r.overlay)}; return S.w; },
  match() { const a = S.result(), b = S.w.image; return a.w === b.w && a.h === b.h && a.hash === b.hash; },
  // track counts the page's threshold requests in flight (positive ids; compare's are negative):
  // settled is true once none is and the result canvas shows S.w, so a late result cannot follow.
  track() {
    if (S.inflight !== undefined) return true;
    S.inflight = 0;
    const port = __limenComputePort.prototype, post = port.postMessage;
    port.postMessage = function (m) {
      if (m && m.kind === 'threshold' && m.id > 0) {
        S.inflight++;
        if (!this.__tracked) { this.__tracked = true; this.addEventListener('message', e => {
          const d = e.data; if ((d.kind === 'result' || d.kind === 'error') && d.id > 0) S.inflight--; }); }
      }
      return post.apply(this, arguments);
    };
    return true;
  },
  settled() { return S.inflight === 0 && S.match(); },
  fire(e, ...types) { for (const t of types) e.dispatchEvent(new Event(t, {bubbles: true})); },
  select(id, v) { const e = document.getElementById(id); e.value = String(v); S.fire(e, 'input', 'change'); return e.value === String(v); },
  field(e, v) { e.value = String(v); S.fire(e, 'input', 'change'); return e.value; },
  check(id, v) { const e = document.getElementById(id); if (e.checked !== v) { e.checked = v; S.fire(e, 'change'); } return true; },
  param(name, v) { return S.field(document.querySelector('#params input[data-param="' + name + '"]'), v); },
  // setUI sets every control of a state the way a reader does (the method first: it rebuilds the
  // parameters' fields).
  setUI(u) {
    if (u.method) S.select('method', u.method);
    for (const [k, v] of Object.entries(u.params)) S.param(k, v);
    S.select('type', u.type);
    S.field(document.getElementById('maxval'), u.maxval);
    S.check('dark', u.dark); S.check('ignoreZero', u.ignoreZero); S.check('ignoreMax', u.ignoreMax); S.check('surface', u.surface);
    S.field(document.getElementById('noiseSigma'), u.sigma);
    S.field(document.getElementById('noiseMean'), u.mean);
    S.field(document.getElementById('noiseSeed'), u.seed);
    S.select('blur', u.blur);
    return true;
  },
  // hashSettled resolves once the page has handled a hash set now (its listener runs before ours).
  setHash(h) { return new Promise(r => { if (location.hash === h) return r(true);
    addEventListener('hashchange', () => r(true), {once: true}); location.hash = h; }); },
  // download clicks a link and returns the PNG's pixels as {w, h, hash}, and the file's name.
  async download(id) {
    if (!S.hooked) { S.hooked = true; const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () { if (this.download) window.__dl = {href: this.href, name: this.download}; else click.call(this); }; }
    window.__dl = undefined;
    const shown = S.result(); // toBlob takes the canvas as it is at the click
    document.getElementById(id).click();
    for (let i = 0; i < 200 && !window.__dl; i++) await new Promise(r => setTimeout(r, 25));
    if (!window.__dl) return null;
    const blob = await (await fetch(__dl.href)).blob();
    const bmp = await createImageBitmap(blob, {colorSpaceConversion: 'none', premultiplyAlpha: 'none'});
    const c = new OffscreenCanvas(bmp.width, bmp.height); const g = c.getContext('2d'); g.drawImage(bmp, 0, 0);
    return Object.assign(S.pic(g.getImageData(0, 0, bmp.width, bmp.height)), {name: __dl.name, type: blob.type, shown});
  },
  notes() { return [...document.querySelectorAll('.fix')].map(n => n.textContent).join('\n'); },
};
true`

// pic is a picture as the helpers return it.
type pic struct {
	W, H  int
	Hash  uint32
	Name  string
	Type  string
	Shown *pic // for a download: the result canvas when it was clicked
}

func (p *pic) same(q *pic) bool {
	return p != nil && q != nil && p.W == q.W && p.H == q.H && p.Hash == q.Hash
}

// openState opens a page of the site with the helpers installed.
func openState(t *testing.T, page string) *tab {
	tb := newTab(t)
	tb.open(page)
	eval[bool](tb, stateHelpers)
	eval[bool](tb, `S.track()`)
	return tb
}

// shows waits until the result canvas is limen.threshold's picture for opts on the page's original.
func (tb *tab) shows(opts string) {
	tb.t.Helper()
	eval[any](tb, `S.want(`+opts+`)`)
	tb.waitFor(`S.settled()`, 20*time.Second)
}

func (tb *tab) hash() string { return eval[string](tb, `location.hash`) }

func (tb *tab) value(id string) string {
	return eval[string](tb, `document.getElementById(`+jsString(id)+`).value`)
}

// Edge-guided Otsu's percentile (99.7) is not on its slider's grid: the page used to compute 99.5
// after a type change (level 122, then 118) and link percentile=99.5.
func TestStateEdgeOtsuToggle(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := openState(t, "index.html#sample=coins&method=edge-otsu")
	tb.waitInfo("Level ")
	tb.shows(`{method: 'edge-otsu'}`)
	first := tb.info()
	first = first[:strings.Index(first, " · ")]
	tb.choose("type", "binary-inv")
	tb.shows(`{method: 'edge-otsu', type: 'binary-inv'}`)
	tb.choose("type", "binary")
	tb.shows(`{method: 'edge-otsu', type: 'binary'}`)
	if got := tb.info(); !strings.HasPrefix(got, first+" · ") {
		t.Errorf("after binary-inv and back: %q, first %q", got, first)
	}
	if v := tb.value("param-percentile"); v != "99.7" {
		t.Errorf("percentile field shows %q, want 99.7", v)
	}
	h := tb.hash()
	st, ignored := state.Parse(h)
	m, _ := st.Algo()
	if p, _ := paramNamed(m, "percentile"); len(ignored) > 0 || st.Param(p) != 99.7 || strings.Contains(h, "99.5") {
		t.Errorf("link %q says percentile %v (ignored %v), want 99.7", h, st.Param(p), ignored)
	}
}

func paramNamed(m algo.Method, name string) (algo.Param, bool) {
	for _, p := range m.Params {
		if p.Name == name {
			return p, true
		}
	}
	return algo.Param{}, false
}

// Basic iterative's delta (0.5, range from 1e-6) is linked as the field shows it: the slider's grid
// (1e-6 + k·0.01) never writes 0.500001.
func TestStateIterativeDeltaPrecision(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := openState(t, "index.html#sample=camera&method=iterative")
	tb.waitInfo("iterations")
	if v := tb.value("param-delta"); v != "0.5" {
		t.Errorf("delta field shows %q", v)
	}
	for _, c := range []struct{ slider, field, link string }{{"0.5", "0.5", ""}, {"3", "3", "delta=3"}, {"2.5", "2.5", "delta=2.5"}} {
		eval[bool](tb, `(() => { const r = document.querySelector('#params input[data-range="delta"]'); r.value = `+c.slider+`; S.fire(r, 'input', 'change'); return true; })()`)
		if v := tb.value("param-delta"); v != c.field {
			t.Errorf("slider at %s: field shows %q, want %s", c.slider, v, c.field)
		}
		h := tb.hash()
		if strings.Contains(h, "0000") || (c.link == "") == strings.Contains(h, "delta=") || c.link != "" && !strings.Contains(h, c.link) {
			t.Errorf("slider at %s: link %q, want %q", c.slider, h, c.link)
		}
		tb.shows(`{method: 'iterative', delta: ` + c.field + `}`)
	}
	// A link's delta, kept to its digits after another change.
	eval[bool](tb, `S.setHash('#sample=camera&method=iterative&type=binary&delta=0.123456')`)
	tb.choose("type", "binary-inv")
	if h := tb.hash(); !strings.Contains(h, "delta=0.123456") {
		t.Errorf("link after a change: %q, want delta=0.123456", h)
	}
	tb.shows(`{method: 'iterative', type: 'binary-inv', delta: 0.123456}`)
}

// A link's k=1.01 (Niblack) is kept after a change; so is a link's blur=11, which the menu lacks.
func TestStateLinkValuesKept(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := openState(t, "index.html#sample=coins&method=niblack&k=1.01&blur=11")
	tb.waitInfo("Local")
	tb.shows(`{method: 'niblack', k: 1.01, blur: {ksize: 11}}`)
	tb.choose("type", "binary-inv")
	if v := tb.value("param-k"); v != "1.01" {
		t.Errorf("k field shows %q", v)
	}
	if v := tb.value("blur"); v != "11" {
		t.Errorf("blur menu shows %q", v)
	}
	if h := tb.hash(); !strings.Contains(h, "k=1.01") || !strings.Contains(h, "blur=11") {
		t.Errorf("link after a change: %q, want k=1.01 and blur=11", h)
	}
	tb.shows(`{method: 'niblack', type: 'binary-inv', k: 1.01, blur: {ksize: 11}}`)
	tb.choose("method", "otsu")
	if h := tb.hash(); !strings.Contains(h, "blur=11") {
		t.Errorf("link after a method change: %q, want blur=11", h)
	}
	tb.shows(`{method: 'otsu', type: 'binary-inv', blur: {ksize: 11}}`)

	// Links the page wrote before (the slider's values) show the same picture, and stay as they were.
	for _, c := range []struct{ hash, opts string }{
		{"#sample=coins&method=edge-otsu&type=binary&percentile=99.5", `{method: 'edge-otsu', percentile: 99.5}`},
		{"#sample=coins&method=iterative&type=binary&delta=0.500001", `{method: 'iterative', delta: 0.500001}`},
	} {
		eval[bool](tb, `S.setHash(`+jsString(c.hash)+`)`)
		tb.shows(c.opts)
		if h := tb.hash(); h != c.hash {
			t.Errorf("old link %q became %q", c.hash, h)
		}
	}
}

// A typo in a link is reported and stays reported until the reader changes something; the URL
// is rewritten to what was applied. The same in embed.html.
func TestStateTypoLinkStays(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := openState(t, "index.html#sample=coins&method=otsuu")
	tb.waitInfo("Level 107") // Otsu on coins: the rest applied
	tb.shows(`{method: 'otsu'}`)
	time.Sleep(300 * time.Millisecond) // the old page hid the message ~0.1 s after the picture came
	if eval[bool](tb, `document.getElementById('error').hidden`) {
		t.Fatal("the link's error was hidden without the reader acting")
	}
	if msg := eval[string](tb, `document.getElementById('error').textContent`); !strings.Contains(msg, "otsuu") {
		t.Errorf("message %q does not name the typo", msg)
	}
	if h := tb.hash(); h != "#sample=coins&method=otsu&type=binary" {
		t.Errorf("URL after the typo: %q, want what was applied", h)
	}
	tb.choose("type", "binary-inv")
	tb.shows(`{method: 'otsu', type: 'binary-inv'}`)
	if !eval[bool](tb, `document.getElementById('error').hidden`) {
		t.Error("the link's error stays after the reader changed the view")
	}

	em := openState(t, "embed.html#sample=coins&method=otsu&bogus=1")
	em.waitInfo("Level 107")
	time.Sleep(300 * time.Millisecond)
	if eval[bool](em, `document.getElementById('error').hidden`) || !strings.Contains(eval[string](em, `document.getElementById('error').textContent`), "bogus") {
		t.Error("embed: the link's error is not on screen")
	}
	if h := em.hash(); strings.Contains(h, "bogus") {
		t.Errorf("embed URL after a bad key: %q", h)
	}
}

// Out of range values are corrected in the field, with a note beside it, and the corrected value
// is computed and linked.
func TestStateFieldsCorrected(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := openState(t, "index.html#sample=coins&method=otsu")
	tb.waitInfo("Level 107")
	for _, c := range []struct {
		id, in, want, link, opts string
	}{
		{"maxval", "-5", "0", "maxval=0", `{method: 'otsu', maxval: 0}`},
		{"maxval", "300", "255", "", `{method: 'otsu', maxval: 255}`},
		{"maxval", "127.6", "128", "maxval=128", `{method: 'otsu', maxval: 128}`},
		{"noiseMean", "1000", "255", "noise=0,255,1", `{method: 'otsu', maxval: 128, noise: {sigma: 0, mean: 255, seed: 1}}`},
	} {
		got := eval[string](tb, `S.field(document.getElementById(`+jsString(c.id)+`), `+jsString(c.in)+`)`)
		if got != c.want {
			t.Errorf("%s %s: field shows %q, want %s", c.id, c.in, got, c.want)
		}
		if n := eval[string](tb, `S.notes()`); !strings.Contains(n, "corrected to "+c.want) || !strings.Contains(n, c.in) {
			t.Errorf("%s %s: note %q", c.id, c.in, n)
		}
		if h := tb.hash(); c.link != "" && !strings.Contains(h, c.link) || c.link == "" && strings.Contains(h, "maxval") {
			t.Errorf("%s %s: link %q, want %q", c.id, c.in, h, c.link)
		}
		tb.shows(c.opts)
	}
	// Each note stays until the reader edits its field again.
	if n := eval[string](tb, `S.notes()`); !strings.Contains(n, "maxval must be a whole number, not 127.6: corrected to 128") || !strings.Contains(n, "noise mean") {
		t.Errorf("notes after two corrections: %q", n)
	}
	// A parameter out of its range: corrected the same way.
	tb.choose("method", "niblack")
	if got := eval[string](tb, `S.param('window', '10')`); got != "11" {
		t.Errorf("window 10 shows %q, want 11", got)
	}
	if n := eval[string](tb, `S.notes()`); !strings.Contains(n, "window must be odd") {
		t.Errorf("window note %q", n)
	}
	tb.shows(`{method: 'niblack', window: 11, maxval: 128, noise: {sigma: 0, mean: 255, seed: 1}}`)
	tb.shot("state-corrected")
}

// The canvas named "Result" holds exactly the API's binarized picture; the edge mask, the tile
// grid and the surface are on their own layer, and each has its own download.
func TestStateResultCanvasAndDownloads(t *testing.T) {
	tb := openState(t, "index.html#sample=coins&method=edge-otsu&surface=1")
	tb.waitInfo("Level ")
	if id := eval[string](tb, `(document.querySelector('canvas[aria-label^="Result"]') || {}).id || ''`); id != "result" {
		t.Fatalf("the canvas named Result is %q", id)
	}
	for _, method := range []string{"edge-otsu", "partition-otsu"} {
		if method != "edge-otsu" {
			tb.choose("method", method)
		}
		eval[any](tb, `S.want({method: '`+method+`'}, true)`)
		tb.waitFor(`S.settled()`, 20*time.Second)
		type layer struct {
			Shown bool
			Label string
			Pic   *pic
		}
		l := eval[layer](tb, `(() => { const c = document.getElementById('resultLayer'); return {shown: !!c && !c.hidden && c.getClientRects().length > 0,
			label: c ? c.getAttribute('aria-label') : '', pic: c ? S.pic(S.canvas(c)) : null}; })()`)
		if !l.Shown || !strings.Contains(l.Label, "Overlay") || !strings.Contains(l.Label, "surface") {
			t.Errorf("%s: layer %+v", method, l)
		}
		for _, d := range []struct{ link, want string }{{"download", "image"}, {"downloadSurface", "surface"}, {"downloadOverlay", "overlay"}} {
			got := eval[*pic](tb, `S.download(`+jsString(d.link)+`)`)
			want := eval[*pic](tb, `S.w.`+d.want)
			if !got.same(want) || got.Type != "image/png" {
				t.Errorf("%s: %s gives %+v, want the API's %s %+v", method, d.link, got, d.want, want)
			}
		}
	}
	tb.shot("state-layer")
	// No surface, no overlay: the layer and its downloads go.
	tb.choose("method", "otsu")
	eval[bool](tb, `S.check('surface', false)`)
	tb.shows(`{method: 'otsu'}`)
	tb.waitFor(`document.getElementById('resultLayer').hidden`, 10*time.Second)
	if eval[bool](tb, `['resultLayer', 'downloadSurface', 'downloadOverlay'].some(id => document.getElementById(id).getClientRects().length > 0)`) {
		t.Error("the layer or its download is shown with nothing on it")
	}
}

// uiState is a state as setUI takes it.
type uiState struct {
	Method     string             `json:"method,omitempty"`
	Params     map[string]float64 `json:"params"`
	Type       string             `json:"type"`
	Maxval     int                `json:"maxval"`
	Dark       bool               `json:"dark"`
	IgnoreZero bool               `json:"ignoreZero"`
	IgnoreMax  bool               `json:"ignoreMax"`
	Surface    bool               `json:"surface"`
	Sigma      float64            `json:"sigma"`
	Mean       float64            `json:"mean"`
	Seed       uint64             `json:"seed"`
	Blur       int                `json:"blur"`
}

// apiOptions is the limen.threshold options object of a state, as JSON.
func apiOptions(s state.State) string {
	o := map[string]any{"method": s.Method, "type": s.Type, "maxval": s.Maxval, "dark": s.Dark,
		"ignoreZero": s.IgnoreZero, "ignoreMax": s.IgnoreMax}
	if s.Reference != "" {
		o["reference"] = s.Reference
	}
	if s.NoiseSigma != 0 || s.NoiseMean != 0 {
		o["noise"] = map[string]any{"sigma": s.NoiseSigma, "mean": s.NoiseMean, "seed": s.NoiseSeed}
	}
	if s.Blur != 0 {
		o["blur"] = map[string]any{"ksize": s.Blur}
	}
	if s.Resize != 0 {
		o["resize"] = map[string]any{"scale": s.Resize}
	}
	for k, v := range s.Params {
		o[k] = v
	}
	b, _ := json.Marshal(o)
	return string(b)
}

// randomValue draws a value of p: often its default or an end, else a number within its range
// with a few digits (the precision a link carries).
func randomValue(r *rand.Rand, p algo.Param) float64 {
	lo, hi := p.Min, p.Max
	if hi-lo > 60 && r.IntN(8) != 0 { // mostly windows and counts of the sizes people use: Fiji's rank filters take time by radius
		hi = lo + 60
	}
	var v float64
	switch r.IntN(5) {
	case 0:
		v = p.Default
	case 1:
		v = lo
	case 2:
		v = hi
	default:
		v = lo + r.Float64()*(hi-lo)
		v = math.Round(v*1000) / 1000
	}
	return state.Correct(p, v)
}

// randomState draws a state from the registry: method and reference, parameters within range, type,
// maxval, the flags, noise, blur, resize.
func randomState(r *rand.Rand, menuBlurs []int) state.State {
	ms := algo.Methods()
	m := ms[r.IntN(len(ms))]
	s := state.Default()
	names := samples.Names()
	s.Sample = names[r.IntN(len(names))]
	s.Method = m.ID
	if libs := m.Libraries(); len(libs) > 1 && r.IntN(3) == 0 {
		s.Reference = libs[1+r.IntN(len(libs)-1)]
	}
	rm, _ := s.Algo()
	for _, p := range rm.Params {
		if v := randomValue(r, p); v != p.Default {
			if s.Params == nil {
				s.Params = map[string]float64{}
			}
			s.Params[p.Name] = v
		}
	}
	types := algo.TypeNames()
	s.Type = types[r.IntN(len(types))]
	if r.IntN(3) == 0 {
		s.Maxval = r.IntN(256)
	}
	s.Dark, s.IgnoreZero, s.IgnoreMax, s.Surface = r.IntN(4) == 0, r.IntN(6) == 0, r.IntN(6) == 0, r.IntN(4) == 0
	if r.IntN(3) == 0 {
		s.NoiseSigma = math.Round(r.Float64()*600) / 10
		s.NoiseMean = float64(r.IntN(41) - 20)
		s.NoiseSeed = uint64(r.IntN(1000))
	}
	switch r.IntN(4) {
	case 0:
		s.Blur = menuBlurs[r.IntN(len(menuBlurs))]
	case 1:
		s.Blur = 1 + 2*r.IntN(15) // any odd kernel a link can carry, in the menu or not
	}
	if r.IntN(4) == 0 {
		s.Resize = []float64{0.25, 0.5, 0.75}[r.IntN(3)]
	}
	return s
}

// The property: for random states, set through the hash and through the controls, the result
// canvas is limen.threshold's picture for the same options on the same image, the URL says the
// state, and the download is the canvas. LIMEN_STATES=500 runs more; LIMEN_SEED repeats a run.
func TestStateProperty(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	n := 50
	if v, err := strconv.Atoi(os.Getenv("LIMEN_STATES")); err == nil && v > 0 {
		n = v
	}
	seed := uint64(time.Now().UnixNano())
	if v, err := strconv.ParseUint(os.Getenv("LIMEN_SEED"), 10, 64); err == nil {
		seed = v
	}
	t.Logf("LIMEN_SEED=%d LIMEN_STATES=%d", seed, n)
	r := rand.New(rand.NewPCG(seed, 12))
	tb := openState(t, "index.html#sample=camera&method=otsu")
	tb.waitInfo("Level 102")
	var menuBlurs []int
	for _, v := range eval[[]string](tb, `[...document.getElementById('blur').options].map(o => o.value)`) {
		if k, _ := strconv.Atoi(v); k > 0 {
			menuBlurs = append(menuBlurs, k)
		}
	}
	fail := func(i int, s state.State, how, format string, args ...any) {
		t.Helper()
		t.Fatalf("state %d of seed %d (LIMEN_SEED=%d LIMEN_STATES=%d), through the %s: %s\n%s", i, seed, seed, n, how, s.Hash(), fmt.Sprintf(format, args...))
	}
	sample := "camera"
	skip, _ := strconv.Atoi(os.Getenv("LIMEN_STATES_FROM"))
	for i := range n {
		s := randomState(r, menuBlurs)
		if i < skip {
			continue
		}
		h, opts := s.Hash(), apiOptions(s)
		t0 := time.Now()

		// Through the hash: a link followed on the page.
		eval[bool](tb, `S.setHash(`+jsString(h)+`)`)
		if s.Sample != sample {
			tb.waitFor(`document.getElementById('originalCaption').textContent.startsWith('Original: '+`+jsString(s.Sample+",")+`)`, 20*time.Second)
			sample = s.Sample
		}
		eval[any](tb, `S.want(`+opts+`)`) // once: both ways must show it
		tb.check(i, s, "hash", opts, fail)
		if got := tb.hash(); got != h {
			fail(i, s, "hash", "the URL became %q", got)
		}
		// The controls hold the state: a change that changes nothing keeps the link.
		eval[bool](tb, `S.select('type', document.getElementById('type').value)`)
		if got := tb.hash(); got != h {
			fail(i, s, "hash", "after a no-op change the URL is %q: the controls do not hold the state", got)
		}

		// Through the controls, from a link that carries only what the page has no control for
		// (the picture, a method's reference, the resize) and the method's defaults.
		base := state.Default()
		base.Sample, base.Resize = s.Sample, s.Resize
		u := uiState{Method: s.Method, Params: map[string]float64{}, Type: s.Type, Maxval: s.Maxval, Dark: s.Dark,
			IgnoreZero: s.IgnoreZero, IgnoreMax: s.IgnoreMax, Surface: s.Surface, Sigma: s.NoiseSigma, Mean: s.NoiseMean,
			Seed: s.NoiseSeed, Blur: s.Blur}
		if s.Reference != "" {
			base.Method, base.Reference, u.Method = s.Method, s.Reference, ""
		}
		if s.Method == "otsu" && s.Reference == "" {
			base.Method = "manual" // so that choosing the method is a change
		}
		if !contains(menuBlurs, s.Blur) {
			base.Blur = s.Blur
		}
		rm, _ := s.Algo()
		for _, p := range rm.Params {
			u.Params[p.Name] = s.Param(p)
		}
		eval[bool](tb, `S.setHash(`+jsString(base.Hash())+`)`)
		b, _ := json.Marshal(u)
		eval[bool](tb, `S.setUI(`+string(b)+`)`)
		tb.check(i, s, "controls", opts, fail)
		got := tb.hash()
		back, ignored := state.Parse(got)
		if got != h || len(ignored) > 0 || back.Hash() != h {
			fail(i, s, "controls", "the URL is %q (ignored %v)", got, ignored)
		}
		if n := eval[string](tb, `S.notes()`); n != "" {
			fail(i, s, "controls", "a value within range was corrected: %s", n)
		}
		dl := eval[*pic](tb, `S.download('download')`)
		if dl == nil || !dl.same(dl.Shown) {
			fail(i, s, "controls", "the download %+v is not the canvas", dl)
		}
		if want := eval[*pic](tb, `S.w.image`); !dl.Shown.same(want) {
			fail(i, s, "controls", "the result canvas changed after it showed the state's picture: %+v, the API's %+v (now %+v)", dl.Shown, want, eval[*pic](tb, `S.result()`))
		}
		if testing.Verbose() {
			t.Logf("state %d: %s in %v", i, h, time.Since(t0).Round(time.Millisecond))
		}
	}
}

// check waits until the result canvas is the API's picture for opts, or fails with the state.
func (tb *tab) check(i int, s state.State, how, opts string, fail func(int, state.State, string, string, ...any)) {
	tb.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !eval[bool](tb, `S.settled()`) {
		if time.Now().After(deadline) {
			fail(i, s, how, "the result canvas %+v is not limen.threshold's %+v for %s (error box: %q)", eval[*pic](tb, `S.result()`), eval[*pic](tb, `S.w.image`), opts,
				eval[string](tb, `document.getElementById('error').hidden ? '' : document.getElementById('error').textContent`))
		}
		time.Sleep(30 * time.Millisecond)
	}
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// The README's iframe snippet (embedding in course notes) fits its content at the size it gives:
// the pictures, the info line and the link to the full page are inside the frame, nothing scrolls.
func TestStateEmbedSnippetFits(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	readme, err := os.ReadFile(root + "/README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<iframe src="https://YOUR-HOST/limen/(embed\.html#[^"]+)"\s+width="(\d+)" height="(\d+)"`).FindStringSubmatch(string(readme))
	if m == nil {
		t.Fatal("README has no embed.html iframe snippet")
	}
	w, _ := strconv.Atoi(m[2])
	h, _ := strconv.Atoi(m[3])
	tb := newTab(t)
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(int64(w), int64(h))); err != nil {
		t.Fatal(err)
	}
	tb.open(m[1])
	tb.waitInfo("Level ")
	type box struct{ ScrollW, ScrollH, InfoBottom, LinkBottom, LinkRight float64 }
	b := eval[box](tb, `(() => { const d = document.documentElement, i = document.getElementById('info').getBoundingClientRect(),
		l = document.getElementById('open-full').getBoundingClientRect();
		return {scrollW: d.scrollWidth, scrollH: d.scrollHeight, infoBottom: i.bottom, linkBottom: l.bottom, linkRight: l.right}; })()`)
	if b.ScrollW > float64(w) || b.ScrollH > float64(h) || b.InfoBottom > float64(h) || b.LinkBottom > float64(h) || b.LinkRight > float64(w) {
		t.Errorf("embed at %d×%d: %+v; the content does not fit", w, h, b)
	}
	if dir := os.Getenv("LIMEN_SHOTS"); dir != "" {
		buf, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
		if err == nil {
			os.WriteFile(dir+"/embed-snippet.png", buf, 0o644)
		}
	} else {
		tb.shot("state-embed-snippet")
	}
}
