//go:build !js

package e2e

import (
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"limen/algo"
)

const oracleImages = "../../algo/testdata/oracle/images"

// pageHelpers are loaded into a tab for the API tests: decode an image as the page does, and hash
// an output's R channel (after checking every pixel is opaque gray).
const pageHelpers = `
window.T = {
  async pixels(url) {
    const blob = await (await fetch(url)).blob();
    const bmp = await createImageBitmap(blob, {colorSpaceConversion: 'none', premultiplyAlpha: 'none'});
    const c = new OffscreenCanvas(bmp.width, bmp.height), g = c.getContext('2d');
    g.drawImage(bmp, 0, 0);
    return g.getImageData(0, 0, bmp.width, bmp.height);
  },
  hash(img) {
    let h = 2166136261 >>> 0, grayBad = 0;
    const d = img.data;
    for (let i = 0; i < d.length; i += 4) {
      h = Math.imul(h ^ d[i], 16777619) >>> 0;
      if (d[i+1] !== d[i] || d[i+2] !== d[i] || d[i+3] !== 255) grayBad++;
    }
    return grayBad ? -grayBad : h;
  },
  async error(f) { try { await f(); return 'no error'; } catch (e) { return String(e && e.message || e); } },
};
true`

// hashRed is T.hash in Go: FNV-1a over the R channel.
func hashRed(pix []byte) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(pix); i += 4 {
		h = (h ^ uint32(pix[i])) * 16777619
	}
	return h
}

// readRGBA decodes a PNG into RGBA bytes, as a canvas gives them for an opaque image.
func readRGBA(t *testing.T, path string) ([]byte, int, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	r := img.Bounds()
	pix := make([]byte, 0, 4*r.Dx()*r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			pix = append(pix, c.R, c.G, c.B, c.A)
		}
	}
	return pix, r.Dx(), r.Dy()
}

func apiTab(t *testing.T) *tab {
	tb := newTab(t)
	tb.open("index.html")
	eval[bool](tb, pageHelpers)
	return tb
}

func TestAPIVersionAndMethods(t *testing.T) {
	tb := apiTab(t)
	if v := eval[string](tb, `limen.version`); v == "" {
		t.Error("limen.version is empty")
	}
	type param struct {
		Name              string
		Default, Min, Max float64
	}
	type method struct {
		ID, Name, Kind, Reference, Paper string
		Params                           []param
		References                       []string
		ParamsByReference                map[string][]param
	}
	got := eval[[]method](tb, `limen.methods()`)
	want := algo.Methods()
	if len(got) != len(want) {
		t.Fatalf("limen.methods() lists %d methods, the registry %d", len(got), len(want))
	}
	for i, m := range want {
		g := got[i]
		if g.ID != m.ID || g.Name != m.Name || g.Kind != string(m.Kind) || g.Reference != m.Reference || len(g.Params) != len(m.Params) {
			t.Errorf("method %d: %+v, registry has %s %q %s", i, g, m.ID, m.Name, m.Kind)
			continue
		}
		for j, p := range m.Params {
			if gp := g.Params[j]; gp.Name != p.Name || gp.Default != p.Default || gp.Min != p.Min || gp.Max != p.Max {
				t.Errorf("%s param %d: %+v, registry %+v", m.ID, j, gp, p)
			}
		}
		if strings.Join(g.References, ",") != strings.Join(m.Libraries(), ",") {
			t.Errorf("%s: references %v, registry %v", m.ID, g.References, m.Libraries())
		}
		for _, v := range m.Variants {
			gp, ok := g.ParamsByReference[v.Library]
			if ok != (v.Params != nil) || len(gp) != len(v.Params) {
				t.Errorf("%s: paramsByReference[%s] = %+v, registry %+v", m.ID, v.Library, gp, v.Params)
			}
		}
	}
	if types := eval[[]string](tb, `limen.types`); strings.Join(types, ",") != strings.Join(algo.TypeNames(), ",") {
		t.Errorf("limen.types = %v", types)
	}
}

// Every method of the registry, through limen.threshold in the browser (wasm), gives the same
// level and the same pixels as the native Go pipeline, which the algo tests hold to the references.
// It also covers noise, blur and the types in wasm, where float and integer code could differ.
func TestAPIMatchesNativeForEveryMethod(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := apiTab(t)
	stems := []string{"camera", "coins", "tiny_1x7", "constant", "uneven_text"}
	extra := []struct {
		js   string
		opts algo.Options
	}{
		{`{}`, algo.Options{}},
		{`{type: 'tozero-inv', maxval: 200}`, algo.Options{Type: algo.ToZeroInv, Maxval: 200}},
		{`{noise: {mean: 2, sigma: 30, seed: 9}}`, algo.Options{Noise: &algo.Noise{Mean: 2, Sigma: 30, Seed: 9}}},
		{`{dark: true, ignoreZero: true}`, algo.Options{Dark: true, IgnoreZero: true}},
	}
	for _, stem := range stems {
		pix, w, h := readRGBA(t, filepath.Join(oracleImages, stem+".png"))
		eval[bool](tb, fmt.Sprintf(`T.pixels('/__oracle/%s.png').then(img => (window.img = img, true))`, stem))
		for _, m := range algo.Methods() {
			for i, x := range extra {
				if m.Kind == algo.Local && (x.opts.Noise != nil || x.opts.Dark) {
					continue
				}
				// Every reference of the method, each with the first option set (the defaults).
				lib := m.Libraries()[min(i, len(m.Libraries())-1)]
				if i > 0 && len(m.Libraries()) > 1 && lib == m.Library {
					lib = ""
				}
				name := stem + "/" + m.ID + "@" + lib + x.js
				o := x.opts
				o.Method, o.Reference = m.ID, lib
				if o.Maxval == 0 {
					o.Maxval = 255
				}
				im, err := algo.NewImage(pix, w, h)
				if err != nil {
					t.Fatal(err)
				}
				want, err := im.Threshold(&o, nil)
				if err != nil {
					t.Errorf("%s: native: %v", name, err)
					continue
				}
				type res struct {
					Level     any
					Hash      int64
					Iters     *int
					Width     int
					Height    int
					Reference string
				}
				got := eval[res](tb, fmt.Sprintf(`(() => { const r = limen.threshold(img, Object.assign({method: %s, reference: %s}, %s));
					return {level: r.level, hash: T.hash(r.image), iters: r.iterations, width: r.width, height: r.height, reference: r.reference}; })()`,
					jsString(m.ID), jsString(lib), x.js))
				if got.Reference != want.Reference {
					t.Errorf("%s: result's reference %q, want %q", name, got.Reference, want.Reference)
				}
				if got.Hash < 0 {
					t.Errorf("%s: %d pixels are not opaque gray", name, -got.Hash)
				}
				if uint32(got.Hash) != hashRed(want.Pix) {
					t.Errorf("%s: wasm pixels differ from native", name)
				}
				if !sameLevel(got.Level, want) {
					t.Errorf("%s: wasm level %v, native %v %v", name, got.Level, want.Level, want.Levels)
				}
			}
		}
	}
}

func sameLevel(got any, want *algo.Output) bool {
	switch g := got.(type) {
	case nil:
		return math.IsNaN(want.Level) && want.Levels == nil
	case float64:
		return g == want.Level
	case []any:
		if len(g) != len(want.Levels) {
			return false
		}
		for i, v := range g {
			if v.(float64) != float64(want.Levels[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// Bad input throws an Error that names the problem, and the next good call works.
func TestAPIErrorsNameTheProblem(t *testing.T) {
	tb := apiTab(t)
	eval[bool](tb, `T.pixels('/__oracle/coins.png').then(img => (window.img = img, true))`)
	for _, c := range []struct{ call, want string }{
		{`limen.threshold(null, {method: 'otsu'})`, "ImageData"},
		{`limen.threshold({width: 3, height: 3, data: [1, 2, 3]}, {method: 'otsu'})`, "ImageData"},
		{`limen.threshold('cat.png')`, "ImageData"},
		{`limen.threshold(new ImageData(2, 2), {method: 'no-such-method'})`, "no-such-method"},
		{`limen.threshold(img, {method: 'nope'})`, "otsu"}, // lists the valid ids
		{`limen.threshold(img, {method: 'otsu', type: 'sideways'})`, "sideways"},
		{`limen.threshold(img, {method: 'manual', level: 'abc'})`, "level"},
		{`limen.threshold(img, {method: 'manual', level: 300})`, "level"},
		{`limen.threshold(img, {method: 'manual', level: NaN})`, "level"},
		{`limen.threshold(img, {method: 'manual', level: -Infinity})`, "level"},
		{`limen.threshold(img, {method: 'otsu', maxval: NaN})`, "maxval"},
		{`limen.threshold(img, {method: 'otsu', maxval: 1e300})`, "maxval"},
		{`limen.threshold(img, 'otsu')`, "options"},
		{`limen.threshold(img, {method: 'otsu', noise: {sigma: -3}})`, "sigma"},
		{`limen.threshold(img, {method: 'otsu', noise: {seed: 1.5}})`, "seed"},
		{`limen.threshold(img, {method: 'otsu', blur: {ksize: 4}})`, "ksize"},
		{`limen.threshold(img, {method: 'otsu', dark: 'yes'})`, "dark"},
		{`limen.threshold(img, {method: 'otsu', into: new ImageData(3, 3)})`, "into"},
		{`limen.threshold(img, {method: 'otsu', mask: new Uint8Array(5)})`, "mask"},
	} {
		msg := eval[string](tb, `T.error(() => `+c.call+`)`)
		if msg == "no error" || !strings.Contains(strings.ToLower(msg), strings.ToLower(c.want)) {
			t.Errorf("%s: threw %q, want it to mention %q", c.call, msg, c.want)
		}
	}
	if lv := eval[float64](tb, `limen.threshold(img, {method: 'otsu'}).level`); lv != 107 {
		t.Errorf("after the bad calls, Otsu on coins gives %v, want 107", lv)
	}
}

// into: the result is written into the caller's ImageData, and no new one is made.
func TestAPIIntoAndLoad(t *testing.T) {
	tb := apiTab(t)
	eval[bool](tb, `T.pixels('/__oracle/camera.png').then(img => (window.img = img, true))`)
	if !eval[bool](tb, `(() => { const o = new ImageData(512, 512); const r = limen.threshold(img, {method: 'otsu', into: o}); return r.image === o && T.hash(o) === T.hash(limen.threshold(img, {method: 'otsu'}).image); })()`) {
		t.Error("into: result.image is not the given ImageData, or its pixels differ")
	}
	// A loaded image re-thresholded: the same pixels as a fresh call, at any level.
	type res struct {
		Same     bool
		Released string
		After    float64
	}
	got := eval[res](tb, `(() => {
		const h = limen.load(img);
		let same = true;
		for (const level of [0, 60, 128, 254]) {
			same = same && T.hash(h.threshold({method: 'manual', level}).image) === T.hash(limen.threshold(img, {method: 'manual', level}).image);
		}
		same = same && h.threshold({method: 'otsu'}).level === 102;
		h.release();
		let released = 'no error';
		try { h.threshold({method: 'otsu'}); } catch (e) { released = e.message; }
		return {same, released, after: limen.threshold(img, {method: 'otsu'}).level};
	})()`)
	if !got.Same {
		t.Error("handle.threshold differs from limen.threshold")
	}
	if !strings.Contains(got.Released, "released") {
		t.Errorf("a released handle: %q", got.Released)
	}
	if got.After != 102 {
		t.Errorf("after release, Otsu gives %v", got.After)
	}
}

// The mask option: only masked pixels count in the histogram; the output covers every pixel.
func TestAPIMask(t *testing.T) {
	tb := apiTab(t)
	type res struct {
		Counted int
		Width   int
		Level   float64
	}
	got := eval[res](tb, `(() => {
		const img = new ImageData(4, 1);
		[0, 10, 200, 255].forEach((v, i) => { img.data.set([v, v, v, 255], 4 * i); });
		const r = limen.threshold(img, {method: 'otsu', mask: new Uint8Array([0, 1, 1, 0])});
		return {counted: r.histogram.reduce((a, b) => a + b, 0), width: r.image.width, level: r.level};
	})()`)
	if got.Counted != 2 || got.Width != 4 || got.Level != 10 {
		t.Errorf("mask: %+v, want 2 pixels counted, width 4, level 10", got)
	}
}

// Thin, tiny and large images work, and the module lives on.
func TestAPIExtremeSizes(t *testing.T) {
	tb := apiTab(t)
	for _, c := range []struct {
		w, h   int
		method string
	}{{1, 1, "otsu"}, {1, 5000, "otsu"}, {5000, 1, "iterative"}, {6000, 4000, "otsu"}, {6000, 4000, "max-entropy"}} {
		ok := eval[bool](tb, fmt.Sprintf(`(() => { const img = new ImageData(%d, %d);
			for (let i = 0; i < img.data.length; i += 4) { const v = (i >> 2) %% 251; img.data[i] = img.data[i+1] = img.data[i+2] = v; img.data[i+3] = 255; }
			const r = limen.threshold(img, {method: %s});
			return r.image.width === %d && r.image.height === %d && typeof r.level === 'number'; })()`, c.w, c.h, jsString(c.method), c.w, c.h))
		if !ok {
			t.Errorf("%d×%d %s failed", c.w, c.h, c.method)
		}
	}
}

// earlyCallWorker calls limen.threshold at once after the loader, before the module has started
// (served by the test server at the site's root, so the loader finds limen.wasm beside it).
const earlyCallWorker = `importScripts('wasm_exec.js', 'limen.js');
const img = new ImageData(4, 1);
[0, 10, 200, 255].forEach((v, i) => img.data.set([v, v, v, 255], 4 * i));
const p = limen.threshold(img, {method: 'otsu'});
const wasPromise = p instanceof Promise;
p.then(async (r) => {
  const l = await limenReady;
  postMessage({wasPromise, level: r.level, later: typeof l.threshold(img, {method: 'otsu'}).level});
}, (e) => postMessage({error: String(e)}));`

// A call made before the module has started waits for it and gives its result through a Promise;
// once the module runs, calls return results directly.
func TestAPICallsBeforeReadyWait(t *testing.T) {
	tb := apiTab(t)
	type res struct {
		WasPromise bool
		Level      float64
		Later      string
		Error      string
	}
	got := eval[res](tb, `new Promise((resolve, reject) => {
		const w = new Worker('early-call-worker.js');
		w.onmessage = e => resolve(e.data);
		w.onerror = e => reject(new Error(e.message));
	})`)
	if !got.WasPromise || got.Level != 10 || got.Later != "number" || got.Error != "" {
		t.Errorf("a call before the module started: %+v, want a Promise of level 10, then plain results", got)
	}
}
