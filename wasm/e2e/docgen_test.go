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

// docHelpers: FNV-1a of an ImageData's R channel, the original canvas's, and a degradation's
// slider on the tool page moved.
const docHelpers = `
window.D = {
  hash(img) { let h = 2166136261 >>> 0; const d = img.data; for (let i = 0; i < d.length; i += 4) h = Math.imul(h ^ d[i], 16777619) >>> 0; return h; },
  canvas(c) { return c.getContext('2d').getImageData(0, 0, c.width, c.height); },
  original() { return D.hash(D.canvas(document.getElementById('original'))); },
  slide(name, v) { const e = document.getElementById('doc-' + name); e.value = String(v); e.dispatchEvent(new Event('input', {bubbles: true})); return e.value; },
};
true`

// docPage waits until the tool page shows limen.document's page for opts (a Promise there: a
// lesson worker makes it) with the result of limen.threshold's options topts on it, and the scores
// limen.evaluate gives that result against the page's truth.
func docPage(tb *tab, opts, topts string) {
	tb.t.Helper()
	tb.waitFor(`limen.document(`+opts+`).then(d => { const r = limen.threshold(d.image, `+topts+`), s = limen.evaluate(r.image, d.truth);
		const td = [...document.querySelectorAll('#scores td[data-key]')];
		return D.original() === D.hash(d.image) && D.hash(D.canvas(document.getElementById('result'))) === D.hash(r.image) &&
			td.length >= 7 && td.every(e => Object.is(Number(e.dataset.value), s[e.dataset.key])); })`, 60*time.Second)
}

// rankFollows waits until Rank all has ranked limen.document's page for opts, and checks each row's
// F-measure is limen.evaluate's of limen.threshold's binary picture of its method on that page.
func rankFollows(tb *tab, opts string) {
	t := tb.t
	t.Helper()
	tb.waitFor(`document.getElementById('rankStatus').textContent.startsWith('Done') && document.getElementById('truthName').textContent.includes('seed 5')`, 240*time.Second)
	type row struct {
		Method string
		F      float64
		Want   float64
	}
	rows := eval[[]row](tb, `limen.document(`+opts+`).then(d => [...document.querySelectorAll('#rankTable tbody tr')].map(tr => {
		const m = tr.dataset.method, f = limen.evaluate(limen.threshold(d.image, {method: m, type: 'binary'}).image, d.truth).fmeasure;
		const got = Number(tr.querySelector('td[data-key=fmeasure]').dataset.value);
		return {Method: m, F: Number.isNaN(got) ? -1 : got, Want: Number.isNaN(f) ? -1 : f}; }))`)
	if n := eval[int](tb, `limen.methods().length`); len(rows) != n {
		t.Errorf("Rank all: %d rows for %d methods", len(rows), n)
	}
	for i, r := range rows {
		if r.F != r.Want {
			t.Errorf("Rank all, %s: F %v in the table, limen.evaluate gives %v", r.Method, r.F, r.Want)
		}
		if i > 0 && r.F > rows[i-1].F {
			t.Errorf("Rank all: row %d (%s, F %v) above row %d (%s, F %v)", i-1, rows[i-1].Method, rows[i-1].F, i, r.Method, r.F)
		}
	}
}

// The tool page's "Make a degraded page": its controls (ranges from the generator's list) make
// the page limen.document makes with their values (asked of a lesson worker: the generator is not
// in limen.wasm), show it as the picture with its truth as the ground truth, so that the scores are
// limen.evaluate's and Rank all ranks that page and follows a moved slider; the URL carries doc=
// both ways; a sample replaces the page. limen.document there is a Promise with the lesson's pixels.
func TestDocgenToolPage(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	eval[bool](tb, docHelpers)
	type slider struct {
		Name          string
		Min, Max, Val float64
	}
	sl := eval[[]slider](tb, `[...document.querySelectorAll('#docgen input[type=range]')].map(e => ({Name: e.dataset.doc, Min: Number(e.min), Max: Number(e.max), Val: Number(e.value)}))`)
	if got := fmt.Sprint(sl); got != "[{illumination 0 1 0.5} {stain 0 1 0.5} {bleedThrough 0 1 0.4} {fading 0 1 0.3} {blur 0 4 0.8} {noise 0 50 6}]" {
		t.Errorf("the degradations' sliders: %s", got)
	}
	eval[string](tb, `D.slide('seed', 5)`)
	tb.waitFor(`document.getElementById('originalCaption').textContent.includes('seed 5')`, 60*time.Second)
	eval[string](tb, `D.slide('stain', 1)`)
	eval[string](tb, `D.slide('illumination', 0.9)`)
	eval[string](tb, `D.slide('noise', 20)`)
	want := `{seed: 5, illumination: 0.9, stain: 1, bleedThrough: 0.4, fading: 0.3, blur: 0.8, noise: 20}`
	// The last page asked for is the one shown, whatever was in flight when the sliders moved.
	tb.waitFor(`location.hash.includes('doc=5,0.9,1,0.4,0.3,0.8,20')`, 10*time.Second)
	docPage(tb, want, `{method: 'otsu'}`)
	if s := eval[string](tb, `document.getElementById('truthName').textContent`); !strings.Contains(s, "ground truth of the degraded page, seed 5, 720×504") {
		t.Errorf("the ground truth is %q", s)
	}
	if !strings.Contains(eval[string](tb, `document.getElementById('originalCaption').textContent`), "720×504") {
		t.Error("the caption does not give the page's size")
	}
	// Another method: the scores follow.
	tb.choose("method", "sauvola")
	docPage(tb, want, `{method: 'sauvola'}`)

	// Rank all ranks the page; a slider moved makes a new page, and Rank all ranks that one.
	eval[bool](tb, `(document.getElementById('rankRun').click(), true)`)
	rankFollows(tb, want)
	eval[string](tb, `D.slide('stain', 0)`)
	want = `{seed: 5, illumination: 0.9, stain: 0, bleedThrough: 0.4, fading: 0.3, blur: 0.8, noise: 20}`
	docPage(tb, want, `{method: 'sauvola'}`)
	tb.waitFor(`!document.getElementById('rankStatus').textContent.startsWith('Done')`, 10*time.Second)
	rankFollows(tb, want)
	tb.shot("docgen-tool")
	hash := eval[string](tb, `location.hash`)
	if !strings.Contains(hash, "doc=5,0.9,0,0.4,0.3,0.8,20") {
		t.Errorf("the link is %s", hash)
	}

	// The link makes the same page, and the controls show it; a sample replaces it.
	tb2 := newTab(t)
	tb2.open("index.html" + hash)
	eval[bool](tb2, docHelpers)
	docPage(tb2, want, `{method: 'sauvola'}`)
	if got := eval[[]string](tb2, `['seed', 'illumination', 'stain', 'noise'].map(n => document.getElementById('doc-' + n).value)`); strings.Join(got, " ") != "5 0.9 0 20" {
		t.Errorf("controls from the link show %v", got)
	}
	if s := eval[string](tb2, `document.getElementById('sample').value`); s != "" {
		t.Errorf("the sample menu shows %q for a generated page", s)
	}
	if !eval[bool](tb2, `document.getElementById('error').hidden`) {
		t.Errorf("error shown: %s", eval[string](tb2, `document.getElementById('error').textContent`))
	}
	tb2.choose("sample", "coins")
	tb2.waitFor(`document.getElementById('originalCaption').textContent.includes('coins')`, 20*time.Second)
	if h := eval[string](tb2, `location.hash`); strings.Contains(h, "doc=") || !strings.Contains(h, "sample=coins") {
		t.Errorf("after choosing a sample the link is %s", h)
	}
	tb2.waitFor(`!document.getElementById('truthName').textContent.includes('degraded')`, 10*time.Second)
	// A link followed on the page: its page again.
	eval[bool](tb2, `(location.hash = `+jsString(hash)+`, true)`)
	docPage(tb2, want, `{method: 'sauvola'}`)

	// limen.document here: bad options are errors that name them; the lesson's module makes the same pixels.
	for _, c := range []struct{ opts, want string }{
		{`{stain: 2}`, "stain must be between 0 and 1"},
		{`{seed: 1.5}`, "seed must be a whole number"},
	} {
		msg := eval[string](tb, `limen.document(`+c.opts+`).then(() => 'no error', e => e.message)`)
		if !strings.Contains(msg, c.want) {
			t.Errorf("the tool page's limen.document(%s): %q, want %q", c.opts, msg, c.want)
		}
	}
	tool := eval[[]uint32](tb, `limen.document(`+want+`).then(d => [D.hash(d.image), D.hash(d.truth), d.image.width, d.image.height])`)
	ls := newTab(t)
	ls.open("lesson.html")
	eval[bool](ls, docHelpers)
	lesson := eval[[]uint32](ls, `(() => { const d = limen.document(`+want+`); return [D.hash(d.image), D.hash(d.truth), d.image.width, d.image.height]; })()`)
	if fmt.Sprint(tool) != fmt.Sprint(lesson) {
		t.Errorf("limen.document on the tool page %v, in the lesson %v", tool, lesson)
	}
	// The lesson widget's controls: its picture is limen.document's with their values.
	eval[bool](ls, `(() => { const e = document.querySelector('#rankdoc input[data-doc="stain"]'); e.value = '1';
		e.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)
	ls.waitFor(`(() => { const c = document.querySelector('#rankdoc [data-el="original"]');
		return D.hash(D.canvas(c)) === D.hash(limen.document({seed: 2, illumination: 0.7, stain: 1, bleedThrough: 0.5, fading: 0.3, blur: 0.8, noise: 6}).image); })()`, 60*time.Second)
}

// The lesson's ranking widget: its rows sorted by F-measure, each F exactly what limen.evaluate
// gives for limen.threshold of that method on limen.document's page; a slider makes a new page
// and a new ranking; a click on a method shows its result.
func TestDocgenLessonRank(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
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
	t.Parallel() // reads the site only (see the package comment)
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
			tb.waitFor(`document.getElementById('originalCaption').textContent.includes('seed 3') && document.querySelector('#scores td[data-key=fmeasure]')`, 60*time.Second)
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

// The single file, opened from disk: its tool page makes a link's page (in a worker started from a
// blob of the lesson's module) and its sliders make more; its lesson makes the same pixels.
func TestDocgenSingleFile(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
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
	opts := `{seed: 4, illumination: 1, stain: 0, bleedThrough: 0.5, fading: 0.5, blur: 1, noise: 12}`
	docPage(tb, opts, `{method: 'sauvola'}`)
	eval[string](tb, `D.slide('stain', 1)`)
	opts = `{seed: 4, illumination: 1, stain: 1, bleedThrough: 0.5, fading: 0.5, blur: 1, noise: 12}`
	docPage(tb, opts, `{method: 'sauvola'}`)
	if h := eval[string](tb, `location.hash`); !strings.Contains(h, "doc=4,1,1,0.5,0.5,1,12") {
		t.Errorf("the single file's link is %s", h)
	}
	if !eval[bool](tb, `document.getElementById('error').hidden`) {
		t.Errorf("error shown: %s", eval[string](tb, `document.getElementById('error').textContent`))
	}
	tool := eval[uint32](tb, `limen.document(`+opts+`).then(d => D.hash(d.image))`)

	ls := newTab(t)
	if err := chromedp.Do(ls.ctx, chromedp.Navigate("file://"+filepath.Join(out, "limen.html")+"?lesson")); err != nil {
		t.Fatal(err)
	}
	ls.waitFor(`typeof limenReady !== 'undefined' && limenReady.then(() => true)`, 30*time.Second)
	eval[bool](ls, docHelpers)
	if h := eval[uint32](ls, `D.hash(limen.document(`+opts+`).image)`); h != tool {
		t.Errorf("the single file's limen.document: %d on the tool page, %d in the lesson", tool, h)
	}
	ls.waitFor(`(() => { const c = document.querySelector('#rankdoc [data-el="original"]');
		return c.width === 720 && D.hash(D.canvas(c)) === D.hash(limen.document({seed: 2, illumination: 0.7, stain: 0.6, bleedThrough: 0.5, fading: 0.3, blur: 0.8, noise: 6}).image); })()`, 60*time.Second)
}
