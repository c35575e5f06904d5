//go:build !js

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// docHelpers: FNV-1a of an ImageData's R channel (as the page's data-doc-truth gives it), and the
// original canvas's.
const docHelpers = `
window.D = {
  hash(img) { let h = 2166136261 >>> 0; const d = img.data; for (let i = 0; i < d.length; i += 4) h = Math.imul(h ^ d[i], 16777619) >>> 0; return h; },
  canvas(c) { return c.getContext('2d').getImageData(0, 0, c.width, c.height); },
  original() { return D.hash(D.canvas(document.getElementById('original'))); },
  slide(name, v) { const e = document.getElementById('doc-' + name); e.value = String(v); e.dispatchEvent(new Event('input', {bubbles: true})); return e.value; },
};
true`

// The page's "Make a degraded page" controls: moving them makes the page limen.document makes
// with those options, shows it as the picture, hands its truth on, and writes it in the URL; the
// URL, opened in another tab, makes it again.
func TestDocgenControls(t *testing.T) {
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	eval[bool](tb, docHelpers)
	if n := eval[int](tb, `document.querySelectorAll('#docgen input[type=range]').length`); n != 6 {
		t.Fatalf("%d degradation sliders, want 6", n)
	}
	eval[string](tb, `D.slide('seed', 5)`)
	tb.waitFor(`document.getElementById('originalCaption').textContent.includes('seed 5')`, 30*time.Second)
	eval[string](tb, `D.slide('stain', 1)`)
	eval[string](tb, `D.slide('illumination', 0.9)`)
	eval[string](tb, `D.slide('noise', 20)`)
	want := `{seed: 5, illumination: 0.9, stain: 1, bleedThrough: 0.4, fading: 0.3, blur: 0.8, noise: 20}`
	// The last page made is the one the controls show, whatever was in flight when they moved.
	tb.waitFor(`location.hash.includes('doc=5,0.9,1,0.4,0.3,0.8,20')`, 10*time.Second)
	tb.waitFor(fmt.Sprintf(`D.original() === D.hash(limen.document(%s).image)`, want), 30*time.Second)
	if got := eval[bool](tb, fmt.Sprintf(`document.body.dataset.docTruth === String(D.hash(limen.document(%s).truth))`, want)); !got {
		t.Error("the truth handed on is not limen.document's truth")
	}
	// The truth does not depend on the degradations.
	if !eval[bool](tb, `D.hash(limen.document({seed: 5}).truth) === D.hash(limen.document({seed: 5, stain: 0, noise: 0, blur: 0}).truth)`) {
		t.Error("the truth changes with the degradations")
	}
	// The result is the method's on that page.
	tb.waitFor(fmt.Sprintf(`(() => { const r = limen.threshold(limen.document(%s).image, {method: 'otsu'}).image;
		return D.hash(D.canvas(document.getElementById('result'))) === D.hash(r); })()`, want), 20*time.Second)
	if !strings.Contains(eval[string](tb, `document.getElementById('originalCaption').textContent`), "720×504") {
		t.Error("the caption does not give the page's size")
	}
	hash := eval[string](tb, `location.hash`)

	// The link makes the same page, and the controls show it.
	tb2 := newTab(t)
	tb2.open("index.html" + hash)
	eval[bool](tb2, docHelpers)
	tb2.waitFor(fmt.Sprintf(`document.getElementById('originalCaption').textContent.includes('seed 5') && D.original() === D.hash(limen.document(%s).image)`, want), 30*time.Second)
	if got := eval[[]string](tb2, `['seed', 'illumination', 'stain', 'noise'].map(n => document.getElementById('doc-' + n).value)`); strings.Join(got, " ") != "5 0.9 1 20" {
		t.Errorf("controls from the link show %v", got)
	}
	if s := eval[string](tb2, `document.getElementById('sample').value`); s != "" {
		t.Errorf("the sample menu shows %q for a generated page", s)
	}
	// A sample replaces it, and the link forgets it.
	tb2.choose("sample", "coins")
	tb2.waitInfo("Level 107")
	if h := eval[string](tb2, `location.hash`); strings.Contains(h, "doc=") || !strings.Contains(h, "sample=coins") {
		t.Errorf("after choosing a sample the link is %s", h)
	}
	// Bad options are errors that name them, and the next call works.
	for _, c := range []struct{ opts, want string }{
		{`{stain: 2}`, "stain must be between 0 and 1"},
		{`{seed: 1.5}`, "seed must be a whole number"},
		{`{width: 10}`, "width must be between 32 and 4096"},
		{`{noise: 'lots'}`, "noise must be a number"},
		{`'big'`, "must be an object"},
	} {
		msg := eval[string](tb2, `(() => { try { limen.document(`+c.opts+`); return 'no error'; } catch (e) { return e.message; } })()`)
		if !strings.Contains(msg, c.want) {
			t.Errorf("limen.document(%s): %q, want %q", c.opts, msg, c.want)
		}
	}
	if w := eval[int](tb2, `limen.document({width: 100, height: 64}).image.width`); w != 100 {
		t.Errorf("after bad calls limen.document gives width %d", w)
	}
}

// The lesson's ranking widget: its rows sorted by F-measure, each F exactly what limen.evaluate
// gives for limen.threshold of that method on limen.document's page; a slider makes a new page
// and a new ranking; a click on a method shows its result.
func TestDocgenLessonRank(t *testing.T) {
	tb := newTab(t)
	tb.open("lesson.html")
	rows := `[...document.querySelectorAll('#rankdoc tbody tr')]`
	ranked := `document.querySelector('#rankdoc [data-el="rankStatus"]').textContent.includes('methods ranked in')`
	tb.waitFor(ranked, 90*time.Second)
	check := func(opts string) {
		t.Helper()
		type row struct {
			Method string  `json:"method"`
			F      float64 `json:"f"`
			Want   float64 `json:"want"`
			Same   bool    `json:"same"`
		}
		got := eval[[]row](tb, `(() => { const d = limen.document(`+opts+`);
			return `+rows+`.map(tr => { const m = tr.dataset.method, f = Number(tr.dataset.f);
				const want = limen.evaluate(limen.threshold(d.image, {method: m}).image, d.truth).fmeasure;
				return {method: m, f, want: Number.isNaN(want) ? -1 : want, same: Object.is(f, want)}; }); })()`)
		want := strings.Fields(eval[string](tb, `document.getElementById('rankdoc').dataset.methods`))
		if len(got) != len(want) {
			t.Errorf("%d rows for %d methods", len(got), len(want))
		}
		for i, r := range got {
			if !r.Same {
				t.Errorf("%s: F %v in the table, limen.evaluate gives %v", r.Method, r.F, r.Want)
			}
			if i > 0 && r.F > got[i-1].F {
				t.Errorf("row %d (%s, F %v) above row %d (%s, F %v): not sorted", i, got[i-1].Method, got[i-1].F, i+1, r.Method, r.F)
			}
		}
	}
	check(`{seed: 2, illumination: 0.7, stain: 0.6, bleedThrough: 0.5, fading: 0.3, blur: 0.8, noise: 6}`)

	// A slider: a new page, a new ranking.
	before := eval[string](tb, rows+`.map(tr => tr.dataset.f).join()`)
	eval[bool](tb, `(() => { const e = document.querySelector('#rankdoc input[data-doc="illumination"]'); e.value = '1';
		e.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)
	tb.waitFor(ranked+` && `+rows+`.map(tr => tr.dataset.f).join() !== `+jsString(before), 90*time.Second)
	check(`{seed: 2, illumination: 1, stain: 0.6, bleedThrough: 0.5, fading: 0.3, blur: 0.8, noise: 6}`)

	// A click on a method shows its result, and marks its row.
	eval[bool](tb, `(document.querySelector('#rankdoc [data-pick="niblack"]').click(), true)`)
	tb.waitFor(`document.querySelector('#rankdoc [data-el="method"]').value === 'niblack' && document.querySelector('#rankdoc tr.lw-current').dataset.method === 'niblack'`, 10*time.Second)
	eval[bool](tb, lessonHelpers)
	tb.waitFor(`L.same('rankdoc', {method: 'niblack'})`, 20*time.Second)

	// Its embed code carries the page, and embed.html makes it.
	eval[bool](tb, `(document.querySelector('#rankdoc [data-el="embedCopy"]').click(), true)`)
	tb.waitFor(`document.querySelector('#rankdoc [data-el="embedCode"]').value.includes('doc=2,1,0.6,0.5,0.3,0.8,6')`, 10*time.Second)
	code := eval[string](tb, `document.querySelector('#rankdoc [data-el="embedCode"]').value`)
	if strings.Contains(code, "sample=") || strings.Contains(eval[string](tb, `document.querySelector('#rankdoc [data-el="embedStatus"]').textContent`), "own picture") {
		t.Errorf("the embed code treats the generated page as the reader's own picture: %s", code)
	}
	src := code[strings.Index(code, "embed.html"):]
	src = strings.ReplaceAll(src[:strings.IndexByte(src, '"')], "&amp;", "&")
	em := newTab(t)
	em.open(src)
	eval[bool](em, docHelpers)
	em.waitFor(`D.original() === D.hash(limen.document({seed: 2, illumination: 1, stain: 0.6, bleedThrough: 0.5, fading: 0.3, blur: 0.8, noise: 6}).image)`, 30*time.Second)
}

// Screenshots of the controls and the lesson section, at a laptop's and a phone's size
// (testout/docgen-*.png).
func TestDocgenScreenshots(t *testing.T) {
	for _, size := range [][2]int64{{1366, 900}, {390, 844}} {
		t.Run(fmt.Sprint(size[0]), func(t *testing.T) {
			tb := newTab(t)
			opts := []chromedp.EmulateViewportOption{}
			if size[0] < 500 {
				opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile)
			}
			if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(size[0], size[1], opts...)); err != nil {
				t.Fatal(err)
			}
			tb.open("index.html#doc=3,0.8,0.7,0.6,0.4,1,10&method=sauvola&type=binary")
			tb.waitFor(`document.getElementById('originalCaption').textContent.includes('seed 3') && document.getElementById('info').textContent !== ''`, 30*time.Second)
			if sw := eval[int](tb, `document.documentElement.scrollWidth`); sw > int(size[0]) {
				t.Errorf("the page is %d px wide at a %d px viewport", sw, size[0])
			}
			tb.shot(fmt.Sprintf("docgen-page-%d", size[0]))
			tb.open("lesson.html#documents")
			tb.waitFor(`document.querySelector('#rankdoc [data-el="rankStatus"]').textContent.includes('methods ranked in') && document.querySelector('#rankdoc [data-el="info"]').textContent !== ''`, 90*time.Second)
			if bad := eval[[]string](tb, `[...document.querySelectorAll('#rankdoc *')].filter(e => {
				const r = e.getBoundingClientRect(), p = e.closest('.lw').getBoundingClientRect();
				return r.width > 0 && (r.right > p.right + 1 || r.left < p.left - 1); }).map(e => e.tagName + '.' + e.className)`); len(bad) > 0 {
				t.Errorf("at %d px these stick out of the widget: %v", size[0], bad)
			}
			buf, err := chromedp.Run(tb.ctx, chromedp.Screenshot(chromedp.CSS(`#documents`)))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shotDir, fmt.Sprintf("docgen-lesson-%d.png", size[0])), buf, 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// The single file (dist/limen.html, no worker) makes the page on its own thread, from a link and
// from the controls.
func TestDocgenSingleFile(t *testing.T) {
	out := t.TempDir()
	cmd := exec.Command("go", "run", "./wasm/cmd/dist", "-site", "web", "-out", out)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("dist: %v\n%s", err, b)
	}
	tb := newTab(t)
	if err := chromedp.Do(tb.ctx, chromedp.Navigate("file://"+filepath.Join(out, "limen.html")+"#doc=4,1,0,0.5,0.5,1,12&method=sauvola&type=binary")); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(`typeof limenReady !== 'undefined' && limenReady.then(() => true)`, 30*time.Second)
	eval[bool](tb, docHelpers)
	want := `{seed: 4, illumination: 1, stain: 0, bleedThrough: 0.5, fading: 0.5, blur: 1, noise: 12}`
	tb.waitFor(fmt.Sprintf(`document.getElementById('originalCaption').textContent.includes('seed 4') && D.original() === D.hash(limen.document(%s).image)`, want), 30*time.Second)
	tb.waitFor(fmt.Sprintf(`D.hash(D.canvas(document.getElementById('result'))) === D.hash(limen.threshold(limen.document(%s).image, {method: 'sauvola'}).image)`, want), 30*time.Second)
	eval[string](tb, `D.slide('stain', 1)`)
	want = `{seed: 4, illumination: 1, stain: 1, bleedThrough: 0.5, fading: 0.5, blur: 1, noise: 12}`
	tb.waitFor(fmt.Sprintf(`D.original() === D.hash(limen.document(%s).image) && document.body.dataset.docTruth === String(D.hash(limen.document(%s).truth))`, want, want), 30*time.Second)
	if !eval[bool](tb, `document.getElementById('error').hidden`) {
		t.Errorf("error shown: %s", eval[string](tb, `document.getElementById('error').textContent`))
	}
}
