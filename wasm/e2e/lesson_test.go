//go:build !js

package e2e

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The lesson page (web/lesson.html): every section's widget gives its result, the numbers its text
// states are what the widgets show, the embed codes reproduce the widgets, the page reads at phone
// and desktop widths, and the resize option is pixel-exact on the public oracle.

const oracleDir = "../../algo/testdata/oracle"

// oracleExpected is the part of the oracle's expected.json the lesson needs.
type oracleExpected struct {
	Images map[string]struct {
		Width, Height int
		Levels        struct {
			OpenCV map[string]float64 `json:"opencv"`
		}
		Outputs []string
	}
}

func readExpected(t *testing.T) oracleExpected {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(oracleDir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e oracleExpected
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// oracleGray reads out/<stem>/<case>.png as its gray values.
func oracleGray(t *testing.T, stem, name string) ([]byte, int, int) {
	t.Helper()
	pix, w, h := readRGBA(t, filepath.Join(oracleDir, "out", stem, name+".png"))
	g := make([]byte, w*h)
	for i := range g {
		g[i] = pix[4*i]
	}
	return g, w, h
}

// lessonHelpers: a widget's element by section id and data-el name, its controls set as a reader
// sets them, its canvases read back (R channel, base64), and the picture it loaded.
const lessonHelpers = `
window.L = {
  el(sec, name) { return document.querySelector('#' + sec + ' [data-el="' + name + '"]'); },
  text(sec, name) { const e = L.el(sec, name); return e ? e.textContent : ''; },
  set(sec, name, value) {
    const e = L.el(sec, name);
    if (e.type === 'checkbox') e.checked = value; else e.value = String(value);
    e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change'));
    return true;
  },
  param(sec, name, value) {
    const e = document.querySelector('#' + sec + ' input[data-param="' + name + '"]');
    e.value = String(value); e.dispatchEvent(new Event('input')); return e.value === String(value);
  },
  red(img) {
    const d = img.data; let s = '';
    for (let i = 0; i < d.length; i += 4) s += String.fromCharCode(d[i]);
    return {w: img.width, h: img.height, r: btoa(s)};
  },
  canvas(c) { return c.getContext('2d').getImageData(0, 0, c.width, c.height); },
  shown(sec, name) { return L.red(L.canvas(L.el(sec, name))); },
  picture(sec) { return L.canvas(L.el(sec, 'original')); },
  // limen.threshold on the widget's picture, here, with the given options.
  api(sec, opts) { return L.red(limen.threshold(L.picture(sec), opts).image); },
  surface(sec, opts) { return L.red(limen.threshold(L.picture(sec), Object.assign({surface: true}, opts)).surface); },
  same(sec, opts) { const a = L.shown(sec, 'result'), b = L.api(sec, opts); return a.w === b.w && a.h === b.h && a.r === b.r; },
  info(sec) { return L.text(sec, 'info').replace(/ · [0-9.]+ ms$/, ''); },
};
true`

// red is a canvas's R channel as the helpers return it.
type red struct {
	W, H int
	R    string
}

func (r red) bytes(t *testing.T) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(r.R)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameAsOracle compares a red channel with an oracle output, reporting the first difference.
func sameAsOracle(t *testing.T, what string, got red, stem, name string) {
	t.Helper()
	want, w, h := oracleGray(t, stem, name)
	if got.W != w || got.H != h {
		t.Errorf("%s: %d×%d, OpenCV's %s/%s is %d×%d", what, got.W, got.H, stem, name, w, h)
		return
	}
	g := got.bytes(t)
	n, first := 0, -1
	for i := range want {
		if g[i] != want[i] {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	if n > 0 {
		t.Errorf("%s: %d pixels differ from OpenCV's %s/%s, first at (%d,%d): %d, want %d",
			what, n, stem, name, first%w, first/w, g[first], want[first])
	}
}

func lessonTab(t *testing.T) *tab {
	tb := newTab(t)
	tb.open("lesson.html")
	eval[bool](tb, lessonHelpers)
	return tb
}

// waitText waits until a widget element's text contains substr.
func (tb *tab) waitText(sec, name, substr string) {
	tb.t.Helper()
	tb.waitFor(fmt.Sprintf(`L.text(%s, %s).includes(%s)`, jsString(sec), jsString(name), jsString(substr)), 20*time.Second)
}

func (tb *tab) set(sec, name string, value any) {
	tb.t.Helper()
	v, _ := json.Marshal(value)
	eval[bool](tb, fmt.Sprintf(`L.set(%s, %s, %s)`, jsString(sec), jsString(name), v))
}

func (tb *tab) same(sec, opts string) {
	tb.t.Helper()
	tb.waitFor(fmt.Sprintf(`L.same(%s, %s)`, jsString(sec), opts), 10*time.Second)
}

func (tb *tab) upload(sec, path string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.SetUploadFiles(chromedp.CSS(`#`+sec+` [data-el="file"]`), []string{path})); err != nil {
		tb.t.Fatal(err)
	}
}

func hasMethod(tb *tab, id string) bool {
	return eval[bool](tb, fmt.Sprintf(`limen.methods().some(m => m.id === %s)`, jsString(id)))
}

func TestLessonSections(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := lessonTab(t)
	exp := readExpected(t)
	if n := eval[int](tb, `document.querySelectorAll('.limen-widget').length`); n != 9 {
		t.Fatalf("%d widgets, want 9 (one per section, two in section 5; section 8's is tested in docgen_test.go)", n)
	}
	// Every widget is built from the page's template as it asks (wasm/lesson_template.go).
	if bad := eval[[]string](tb, `[...document.querySelectorAll('[data-el="templateError"]')].map(e => e.textContent)`); len(bad) > 0 {
		t.Fatalf("widgets not built from the template: %v", bad)
	}

	t.Run("1 reading and shrinking", func(t *testing.T) {
		tb.t = t
		tb.waitText("reading", "info", "Gray, as OpenCV reads it, shrunk 0.3× (bilinear): 451×300 → 135×90")
		tb.same("reading", `{method: 'manual', level: 0, type: 'tozero', resize: {scale: 0.3}}`)
		sameAsOracle(t, "the shrunk cat", eval[red](tb, `L.shown('reading', 'result')`), "chelsea", "resize_0.3")
		tb.set("reading", "resize", "0")
		tb.waitText("reading", "info", "Gray, as OpenCV reads it: 451×300")
		sameAsOracle(t, "the gray cat", eval[red](tb, `L.shown('reading', 'result')`), "chelsea", "gray")
	})

	t.Run("2 basic global thresholding", func(t *testing.T) {
		tb.t = t
		tb.waitText("basic", "info", "Level 103.07 after 4 iterations: T = 129.06 → 109.91 → 103.91 → 103.07 → 103.07")
		tb.same("basic", `{method: 'iterative'}`)
		tb.waitFor(`L.el('basic', 'steps').children.length === 5`, 15*time.Second)
		steps := eval[[]string](tb, `[...L.el('basic', 'steps').children].map(li => li.textContent)`)
		if steps[0] != "T₀ = 129.06, the mean of all pixels" {
			t.Errorf("step 0: %q", steps[0])
		}
		if steps[4] != "T₄ = (176.04 + 30.10) / 2 = 103.07, moved by 0.00 < 0.5: stop." {
			t.Errorf("last step: %q", steps[4])
		}
		// Each step's arithmetic, as printed, gives the T printed.
		re := regexp.MustCompile(`^T\S+ = \(([0-9.]+) \+ ([0-9.]+)\) / 2 = ([0-9.]+), moved by`)
		for k, s := range steps[1:] {
			m := re.FindStringSubmatch(s)
			if m == nil {
				t.Errorf("step %d: %q", k+1, s)
				continue
			}
			m1, _ := strconv.ParseFloat(m[1], 64)
			m2, _ := strconv.ParseFloat(m[2], 64)
			tk, _ := strconv.ParseFloat(m[3], 64)
			if math.Abs((m1+m2)/2-tk) > 0.011 {
				t.Errorf("step %d: (%v + %v)/2 is not %v", k+1, m1, m2, tk)
			}
		}
		// The trace is drawn: orange lines on the histogram.
		if n := eval[int](tb, `(() => { const d = L.canvas(L.el('basic', 'hist')).data; let n = 0;
			for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i+1] > 100 && d[i+1] < 190 && d[i+2] < 120) n++; return n; })()`); n < 50 {
			t.Errorf("%d orange pixels on the histogram: the steps are not drawn", n)
		}
	})

	t.Run("3 otsu", func(t *testing.T) {
		tb.t = t
		tb.waitText("otsu", "info", "Level 107")
		tb.waitText("otsu", "note", "largest at k = 107")
		tb.same("otsu", `{method: 'otsu'}`)
		stems := make([]string, 0, len(exp.Images))
		for stem := range exp.Images {
			stems = append(stems, strings.TrimSuffix(stem, ".png"))
		}
		sort.Strings(stems)
		for _, stem := range stems {
			if !eval[bool](tb, fmt.Sprintf(`[...L.el('otsu', 'sample').options].some(o => o.value === %s)`, jsString(stem))) {
				continue // a test image, not a bundled sample
			}
			lv := exp.Images[stem+".png"].Levels.OpenCV["otsu"]
			tb.set("otsu", "sample", stem)
			want := fmt.Sprintf("at its Otsu level, %d: 0 pixels differ: the difference is all black.", int(lv))
			tb.waitText("otsu", "cmpCaption", want)
			tb.waitText("otsu", "info", fmt.Sprintf("Level %d ", int(lv)))
			// The difference is black, and the result is OpenCV's own output.
			d := eval[red](tb, `L.shown('otsu', 'cmp')`)
			if strings.Trim(string(d.bytes(t)), "\x00") != "" {
				t.Errorf("%s: the difference image is not all black", stem)
			}
			sameAsOracle(t, stem+" Otsu", eval[red](tb, `L.shown('otsu', 'result')`), stem, "otsu_binary")
		}
		coins, _ := filepath.Abs(filepath.Join(oracleImages, "coins.png"))
		tb.upload("otsu", coins)
		tb.waitText("otsu", "cmpCaption", "OpenCV's level is not known for this picture")
		tb.waitText("otsu", "info", "Level 107")
	})

	t.Run("4 noise", func(t *testing.T) {
		tb.t = t
		tb.waitText("noise", "info", "Level 102 ")
		tb.same("noise", `{method: 'otsu', noise: {sigma: 50, mean: 0, seed: 1}}`)
		tb.waitText("noise", "cmpCaption", "(level 119): ")
		tb.waitText("noise", "cmpCaption", " of 76800 pixels differ (18.78 %)")
		tb.waitText("noise", "note", "The bars at 0 (")
		tb.waitText("noise", "note", "cut to the height of the tallest other bar. Noise that would push")
		tb.set("noise", "smooth", true)
		tb.waitText("noise", "info", "Level 119 ")
		tb.same("noise", `{method: 'otsu', noise: {sigma: 50, mean: 0, seed: 1}, blur: {ksize: 5, sigma: 0}}`)
		tb.waitText("noise", "cmpCaption", "(0.28 %)")
		tb.set("noise", "smooth", false)
		tb.set("noise", "noiseSigma", 0)
		tb.waitText("noise", "info", "Level 119 ")
		tb.waitText("noise", "cmpCaption", "0 pixels differ")
		tb.set("noise", "noiseSigma", 50)
		tb.waitText("noise", "info", "Level 102 ")
	})

	t.Run("5 uneven lighting", func(t *testing.T) {
		tb.t = t
		black := func(sec string) float64 {
			return eval[float64](tb, fmt.Sprintf(`(() => { const d = L.canvas(L.el(%s, 'result')).data; let n = 0;
				for (let i = 0; i < d.length; i += 4) if (d[i] === 0 && d[i+1] === 0) n++; return n / (d.length / 4); })()`, jsString(sec)))
		}
		t.Run("edge-otsu", func(t *testing.T) {
			if !hasMethod(tb, "edge-otsu") {
				t.Fatal("method edge-otsu is not in limen.methods(): the lesson needs it")
			}
			tb.t = t
			tb.waitText("edge", "info", "Level 84 ")
			// The result canvas is the result; the overlay (red) is on the layer over it.
			tb.waitFor(`(() => { const c = L.canvas(L.el('edge', 'result')).data, r = limen.threshold(L.picture('edge'), {method: 'edge-otsu'}).image.data;
				const l = L.el('edge', 'layer'); if (!l || l.hidden) return false; const o = L.canvas(l).data;
				let red = 0; for (let i = 0; i < o.length; i += 4) if (o[i] === 230 && o[i+1] === 40 && o[i+3] === 255) red++;
				return red > 100 && c.every((v, i) => v === r[i]); })()`, 10*time.Second)
			if !eval[bool](tb, `L.el('edge', 'error').hidden`) {
				t.Errorf("edge-otsu widget error: %s", eval[string](tb, `L.text('edge', 'error')`))
			}
		})
		t.Run("local-stats", func(t *testing.T) {
			if !hasMethod(tb, "local-stats") {
				t.Fatal("method local-stats is not in limen.methods(): the lesson needs it")
			}
			tb.t = t
			opts := `{method: 'local-stats', window: 15, a: 1, b: 0.5, globalMean: 0}`
			tb.same("localstats", opts)
			if !eval[bool](tb, `L.el('localstats', 'error').hidden`) {
				t.Errorf("local-stats widget error: %s", eval[string](tb, `L.text('localstats', 'error')`))
			}
			if b := black("localstats"); b > 0.09 {
				t.Errorf("local statistics: %.1f %% black; the text is about 7 %% of the picture", 100*b)
			}
			eval[bool](tb, `L.param('localstats', 'b', 1)`)
			tb.same("localstats", `{method: 'local-stats', window: 15, a: 1, b: 1, globalMean: 0}`)
			if b := black("localstats"); b < 0.35 || b > 0.55 {
				t.Errorf("b = 1: %.1f %% black; the text says about half of the paper (and the text)", 100*b)
			}
			eval[bool](tb, `L.param('localstats', 'b', 0.5)`)
			eval[bool](tb, `L.param('localstats', 'a', 3)`)
			tb.same("localstats", `{method: 'local-stats', window: 15, a: 3, b: 0.5, globalMean: 0}`)
			if b := black("localstats"); b < 0.12 {
				t.Errorf("a = 3: %.1f %% black; the text says the paper next to the letters turns black", 100*b)
			}
			eval[bool](tb, `L.param('localstats', 'a', 30)`)
			eval[bool](tb, `L.param('localstats', 'b', 1.5)`)
			eval[bool](tb, `L.param('localstats', 'window', 3)`)
			eval[bool](tb, `L.param('localstats', 'globalMean', 1)`)
			tb.same("localstats", `{method: 'local-stats'}`) // the book's values are the defaults
			if b := black("localstats"); b < 0.9 {
				t.Errorf("the book's values: %.1f %% black; the text says nearly all", 100*b)
			}
			tb.set("localstats", "surface", true)
			tb.waitFor(`(() => { const l = L.el('localstats', 'layer'); if (!l || l.hidden) return false; const a = L.shown('localstats', 'layer'), b = L.surface('localstats', {method: 'local-stats'}); return a.r === b.r && L.same('localstats', {method: 'local-stats'}); })()`, 10*time.Second) // on the layer over the result
		})
		// Otsu on the whole picture, in the first widget: the level the text names.
		tb.t = t
		tb.set("edge", "method", "otsu")
		tb.waitText("edge", "info", "Level 139 ")
		tb.same("edge", `{method: 'otsu'}`)
	})

	t.Run("6 maximum entropy", func(t *testing.T) {
		tb.t = t
		tb.waitText("entropy", "info", "Level 170 ")
		tb.same("entropy", `{method: 'max-entropy', ignoreZero: true, offset: 30}`)
		tb.waitText("entropy", "note", "largest at k = 140. The offset moves the level (red) to 170.")
		tb.waitText("entropy", "cmpCaption", "ImageJ's MaxEntropy (every pixel, no offset): level 140.")
		if n := eval[int](tb, `(() => { const d = L.canvas(L.el('entropy', 'original')).data; let n = 0;
			for (let i = 0; i < d.length; i += 4) if (d[i] === 0) n++; return n; })()`); n != 1 {
			t.Errorf("the cameraman has %d black pixels; the text says one", n)
		}
		tb.set("entropy", "ignoreZero", false)
		tb.waitText("entropy", "info", "Level 170 ") // one black pixel: no change
		eval[bool](tb, `L.param('entropy', 'offset', 0)`)
		tb.waitText("entropy", "info", "Level 140 ")
		tb.waitText("entropy", "note", "largest at k = 140.")
		tb.set("entropy", "ignoreZero", true)
		eval[bool](tb, `L.param('entropy', 'offset', 30)`)
		tb.waitText("entropy", "info", "Level 170 ")
	})

	t.Run("7 adaptive", func(t *testing.T) {
		tb.t = t
		tb.waitText("adaptive", "info", "Local method")
		tb.same("adaptive", `{method: 'adaptive-mean'}`)
		sameAsOracle(t, "adaptive mean 11 2", eval[red](tb, `L.shown('adaptive', 'result')`), "uneven_text", "adaptive_mean_11_2")
		tb.set("adaptive", "surface", true)
		tb.waitFor(`(() => { const l = L.el('adaptive', 'layer'); if (!l || l.hidden) return false; const a = L.shown('adaptive', 'layer'), b = L.surface('adaptive', {method: 'adaptive-mean'}); return a.r === b.r && L.same('adaptive', {method: 'adaptive-mean'}); })()`, 10*time.Second) // on the layer over the result
		tb.set("adaptive", "surface", false)
		// The text's claims: at C = 2 about a third of the paper is black, at C = 15 only the text.
		black := func() float64 {
			return eval[float64](tb, `(() => { const d = L.canvas(L.el('adaptive', 'result')).data; let n = 0;
				for (let i = 0; i < d.length; i += 4) if (d[i] === 0) n++; return n / (d.length / 4); })()`)
		}
		tb.same("adaptive", `{method: 'adaptive-mean'}`)
		if b := black(); b < 0.3 {
			t.Errorf("C = 2: %.1f %% black, the text says about a third of the paper (and the text)", 100*b)
		}
		eval[bool](tb, `L.param('adaptive', 'C', 15)`)
		tb.same("adaptive", `{method: 'adaptive-mean', C: 15}`)
		if b := black(); b > 0.08 {
			t.Errorf("C = 15: %.1f %% black, the text says the paper is white (the text is about 7 %%)", 100*b)
		}
		// Much higher C thins the strokes; a larger block keeps more of them.
		eval[bool](tb, `L.param('adaptive', 'C', 20)`)
		tb.same("adaptive", `{method: 'adaptive-mean', C: 20}`)
		small := black()
		eval[bool](tb, `L.param('adaptive', 'blockSize', 31)`)
		tb.same("adaptive", `{method: 'adaptive-mean', C: 20, blockSize: 31}`)
		if big := black(); !(big > small && small < 0.07) {
			t.Errorf("C = 20: %.2f %% black with blockSize 11, %.2f %% with 31; the text says the strokes thin, less with the larger block", 100*small, 100*big)
		}
		eval[bool](tb, `L.param('adaptive', 'blockSize', 11)`)
		eval[bool](tb, `L.param('adaptive', 'C', 2)`)
		tb.set("adaptive", "method", "adaptive-gaussian")
		eval[bool](tb, `L.param('adaptive', 'blockSize', 31)`)
		eval[bool](tb, `L.param('adaptive', 'C', 5)`)
		tb.same("adaptive", `{method: 'adaptive-gaussian', blockSize: 31, C: 5}`)
		sameAsOracle(t, "adaptive Gaussian 31 5", eval[red](tb, `L.shown('adaptive', 'result')`), "uneven_text", "adaptive_gaussian_31_5")
	})

	tb.t = t
	if off := tb.offsite(); len(off) > 0 {
		t.Errorf("requests left the origin: %v", off)
	}
}

// Each section's "Copy embed code" gives an <iframe> whose page (embed.html) shows the same result,
// settings included; a reader's own picture is replaced by the widget's sample, with a note.
func TestLessonEmbedCodes(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := lessonTab(t)
	// Settings changed by the reader travel in the code.
	tb.waitText("noise", "info", "Level 102 ")
	tb.set("noise", "noiseSigma", 30)
	tb.set("noise", "smooth", true)
	tb.waitText("noise", "info", "Level 119 ")
	for _, c := range []struct{ sec, extra string }{
		{"reading", ""}, {"basic", "steps"}, {"otsu", "cmp"}, {"noise", "cmp"}, {"edge", ""}, {"localstats", ""}, {"entropy", "cmp"}, {"adaptive", ""},
	} {
		t.Run(c.sec, func(t *testing.T) {
			tb.t = t
			tb.waitFor(fmt.Sprintf(`L.info(%s) !== ''`, jsString(c.sec)), 20*time.Second)
			if c.extra == "steps" {
				tb.waitFor(`L.el('basic', 'steps').children.length === 5`, 15*time.Second)
			}
			if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(`#`+c.sec+` [data-el="embedCopy"]`))); err != nil {
				t.Fatal(err)
			}
			tb.waitFor(fmt.Sprintf(`L.el(%s, 'embedCode').value.startsWith('<iframe src=')`, jsString(c.sec)), 5*time.Second)
			code := eval[string](tb, fmt.Sprintf(`L.el(%s, 'embedCode').value`, jsString(c.sec)))
			src := eval[string](tb, fmt.Sprintf(`new DOMParser().parseFromString(%s, 'text/html').querySelector('iframe').getAttribute('src')`, jsString(code)))
			if !strings.HasPrefix(src, baseURL+"embed.html#") {
				t.Fatalf("embed code %q: src %q", code, src)
			}
			if !eval[bool](tb, fmt.Sprintf(`!L.el(%s, 'embedCode').hidden`, jsString(c.sec))) {
				t.Error("the embed code is not shown")
			}
			if c.sec == "noise" && !strings.Contains(src, "noise=30,0,1") || c.sec == "noise" && !strings.Contains(src, "blur=5") {
				t.Errorf("noise embed %q lacks the reader's settings", src)
			}
			info := eval[string](tb, fmt.Sprintf(`L.info(%s)`, jsString(c.sec)))
			result := eval[red](tb, fmt.Sprintf(`L.shown(%s, 'result')`, jsString(c.sec)))

			// The iframe's size fits the view: open it at that size.
			size := eval[[]int](tb, fmt.Sprintf(`(() => { const f = new DOMParser().parseFromString(%s, 'text/html').querySelector('iframe');
				return [+f.getAttribute('width'), +f.getAttribute('height')]; })()`, jsString(code)))
			em := newTab(t)
			if err := chromedp.Do(em.ctx, chromedp.EmulateViewport(int64(size[0]), int64(size[1]))); err != nil {
				t.Fatal(err)
			}
			em.open(strings.TrimPrefix(src, baseURL))
			eval[bool](em, lessonHelpers)
			em.waitFor(fmt.Sprintf(`document.getElementById('info').textContent.replace(/ · [0-9.]+ ms$/, '') === %s`, jsString(info)), 20*time.Second)
			got := eval[red](em, `L.red(L.canvas(document.getElementById('result')))`)
			if got != result {
				t.Errorf("the embed's result differs from the widget's (%d×%d vs %d×%d)", got.W, got.H, result.W, result.H)
			}
			switch c.extra {
			case "steps":
				em.waitFor(`document.querySelector('[data-el="steps"]').children.length === 5`, 15*time.Second)
				a := eval[string](tb, `L.el('basic', 'steps').textContent`)
				b := eval[string](em, `document.querySelector('[data-el="steps"]').textContent`)
				if a != b {
					t.Errorf("embed steps %q, widget %q", b, a)
				}
			case "cmp":
				a := eval[string](tb, fmt.Sprintf(`L.text(%s, 'cmpCaption')`, jsString(c.sec)))
				em.waitFor(fmt.Sprintf(`document.querySelector('[data-el="cmpCaption"]').textContent === %s`, jsString(a)), 10*time.Second)
			}
			if h := eval[int](em, `document.documentElement.scrollHeight`); h > size[1] || h < size[1]-320 {
				t.Errorf("the embed is %d px high in an iframe of %d×%d", h, size[0], size[1])
			}
			if n := eval[int](em, `document.querySelectorAll('select, input').length`); n != 0 {
				t.Errorf("the embed shows %d controls", n)
			}
			em.shot("lesson-embed-" + c.sec)
		})
	}
	tb.t = t
	// A reader's own picture cannot travel: the code names the widget's sample and says so.
	coins, _ := filepath.Abs(filepath.Join(oracleImages, "coins.png"))
	tb.upload("basic", coins)
	tb.waitText("basic", "originalCaption", "coins.png")
	// Clicked from the page: the step list, still growing, moves the button under a mouse click.
	eval[bool](tb, `(L.el('basic', 'embedCopy').click(), true)`)
	tb.waitText("basic", "embedStatus", "Your own picture stays on your computer")
	if code := eval[string](tb, `L.el('basic', 'embedCode').value`); !strings.Contains(code, "sample=camera&amp;method=iterative") {
		t.Errorf("own picture: embed code %q", code)
	}
}

// The resize option is OpenCV 4.6's resize(…, INTER_LINEAR) to the pixel, on every oracle image
// that has the case (the seed article's 0.3× shrink), through limen.threshold in the browser.
func TestLessonResizeMatchesOpenCV(t *testing.T) {
	tb := apiTab(t)
	eval[bool](tb, lessonHelpers)
	exp := readExpected(t)
	n := 0
	for stem, img := range exp.Images {
		has := false
		for _, o := range img.Outputs {
			has = has || o == "resize_0.3"
		}
		if !has {
			continue
		}
		n++
		stem = strings.TrimSuffix(stem, ".png")
		got := eval[red](tb, fmt.Sprintf(`T.pixels('/__oracle/%s.png').then(img => L.red(limen.threshold(img,
			{method: 'manual', level: 0, type: 'tozero', resize: {scale: 0.3}}).image))`, stem))
		sameAsOracle(t, stem+" resized 0.3×", got, stem, "resize_0.3")
	}
	if n < 6 {
		t.Errorf("only %d oracle images have resize_0.3", n)
	}
}

// Screenshots at desktop and phone width (testout/lesson-1280.png, lesson-375.png and one per
// section at 375): nothing sticks out sideways, every widget has its result.
func TestLessonScreenshots(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	for _, w := range []int64{1280, 375} {
		t.Run(strconv.Itoa(int(w)), func(t *testing.T) {
			tb := newTab(t)
			opts := []chromedp.EmulateViewportOption{}
			if w < 500 {
				opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile)
			}
			if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(w, 800, opts...)); err != nil {
				t.Fatal(err)
			}
			tb.open("lesson.html")
			eval[bool](tb, lessonHelpers)
			tb.waitFor(`[...document.querySelectorAll('.limen-widget [data-el="info"]')].every(e => e.textContent !== '')`, 30*time.Second)
			tb.waitFor(`L.el('basic', 'steps').children.length === 5`, 15*time.Second)
			if sw := eval[int](tb, `document.documentElement.scrollWidth`); sw > int(w) {
				t.Errorf("the page is %d px wide at a %d px viewport", sw, w)
			}
			// Nothing inside a widget is wider than the widget.
			if bad := eval[[]string](tb, `[...document.querySelectorAll('.lw *')].filter(e => {
				const r = e.getBoundingClientRect(), p = e.closest('.lw').getBoundingClientRect();
				return r.width > 0 && (r.right > p.right + 1 || r.left < p.left - 1); }).map(e => e.tagName + '.' + e.className + '[' + (e.dataset.el || '') + ']')`); len(bad) > 0 {
				t.Errorf("at %d px these stick out of their widget: %v", w, bad)
			}
			tb.shot(fmt.Sprintf("lesson-%d", w))
			for _, sec := range []string{"reading", "basic", "otsu", "noise", "uneven", "entropy", "adaptive"} {
				buf, err := chromedp.Run(tb.ctx, chromedp.Screenshot(chromedp.CSS(`#`+sec)))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(shotDir, fmt.Sprintf("lesson-%d-%s.png", w, sec)), buf, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
