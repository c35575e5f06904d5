//go:build !js

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The teaching view (issue 12, bullets 6 and 7): the histogram keeps the method's curve and level
// while the reader sets their own, every global method says how its level is read (or why there is
// no curve), local views ignore the histogram, the keyboard drives the level, and a phone shows the
// result, the level and the method on one screen.

// teachShots is where these tests leave their screenshots (outside the repository).
var teachShots = filepath.Join(os.TempDir(), "teach-shots")

func (tb *tab) teachShot(name string) {
	tb.t.Helper()
	buf, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatal(err)
	}
	_ = os.MkdirAll(teachShots, 0o755)
	if err := os.WriteFile(filepath.Join(teachShots, name+".png"), buf, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// curvePixels counts the histogram's pixels in the curve's blue (#1f77b4): the curve is drawn.
const curvePixels = `(() => { const c = document.getElementById('hist'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
	let n = 0; for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 31) < 40 && Math.abs(d[i+1] - 119) < 40 && Math.abs(d[i+2] - 180) < 40 && d[i+3] > 200) n++; return n; })()`

// clickHist clicks the histogram where the level would be `level` (the level under the pointer is
// the bin left of it: see wireHistogramDrag).
func (tb *tab) clickHist(level float64) {
	tb.t.Helper()
	type rect struct{ Left, Top, Width, Height float64 }
	r := eval[rect](tb, `(() => { const h = document.getElementById('hist'); h.scrollIntoView({block: 'center'}); const b = h.getBoundingClientRect(); return {left: b.left, top: b.top, width: b.width, height: b.height}; })()`)
	if err := chromedp.Do(tb.ctx, chromedp.MouseClickXY(r.Left+r.Width*(level+1.5)/256, r.Top+r.Height/2)); err != nil {
		tb.t.Fatal(err)
	}
}

func (tb *tab) text(id string) string {
	return eval[string](tb, `document.getElementById(`+jsString(id)+`).textContent`)
}

// Dragging the level keeps Otsu's curve and level as a reference, says both levels, and one click
// (or Escape) goes back to Otsu.
func TestTeachDragKeepsCriterion(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	if c := eval[string](tb, `document.getElementById('hist').dataset.curve`); c != "otsu" {
		t.Fatalf("Otsu's histogram draws the curve of %q", c)
	}
	if n := eval[int](tb, curvePixels); n < 200 {
		t.Fatalf("%d blue pixels: Otsu's curve is not drawn", n)
	}
	if note := tb.text("curveNote"); !strings.Contains(note, "between-class variance") {
		t.Errorf("curve note: %q", note)
	}
	if !eval[bool](tb, `document.getElementById('levelRef').hidden`) {
		t.Error("the reference line shows before the level was set by hand")
	}

	tb.clickHist(130)
	tb.waitInfo("Level 130")
	if m := eval[string](tb, `document.getElementById('method').value`); m != "manual" {
		t.Errorf("method after dragging: %q, want manual", m)
	}
	tb.waitFor(`!document.getElementById('levelRef').hidden`, 5*time.Second)
	if got := tb.text("levelRefText"); got != "Otsu: 102 · yours: 130" {
		t.Errorf("reference line %q, want %q", got, "Otsu: 102 · yours: 130")
	}
	if c := eval[string](tb, `document.getElementById('hist').dataset.curve`); c != "otsu" {
		t.Errorf("after dragging the histogram draws the curve of %q, want Otsu's", c)
	}
	if n := eval[int](tb, curvePixels); n < 200 {
		t.Errorf("%d blue pixels after dragging: Otsu's curve is gone", n)
	}
	if note := tb.text("curveNote"); !strings.Contains(note, "Otsu's between-class variance") {
		t.Errorf("curve note while dragging: %q", note)
	}
	if v := eval[string](tb, `document.getElementById('hist').getAttribute('aria-valuetext')`); v != "Otsu: 102 · yours: 130" {
		t.Errorf("the slider's value text: %q", v)
	}
	// A second drag keeps the same reference.
	tb.clickHist(90)
	tb.waitInfo("Level 90")
	tb.waitFor(`document.getElementById('levelRefText').textContent === 'Otsu: 102 · yours: 90'`, 5*time.Second)
	tb.teachShot("drag-1280")

	// One click back.
	if b := tb.text("levelBack"); b != "Back to Otsu's level" {
		t.Errorf("the way back reads %q", b)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("levelBack"))); err != nil {
		t.Fatal(err)
	}
	tb.waitInfo("Level 102")
	if m := eval[string](tb, `document.getElementById('method').value`); m != "otsu" {
		t.Errorf("method after the way back: %q", m)
	}
	if !eval[bool](tb, `document.getElementById('levelRef').hidden`) {
		t.Error("the reference line stays after going back")
	}
	if h := eval[string](tb, `location.hash`); strings.Contains(h, "manual") {
		t.Errorf("the link still says manual: %s", h)
	}

	// Escape on the focused histogram goes back too, with the method's parameters.
	tb.choose("method", "max-entropy")
	eval[bool](tb, `(() => { const p = document.getElementById('param-offset'); p.value = 30; p.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)
	tb.waitInfo("Level 170") // ImageJ's MaxEntropy on camera, 140, plus 30
	tb.clickHist(60)
	tb.waitInfo("Level 60")
	tb.waitFor(`document.getElementById('levelRefText').textContent === 'Max entropy (Kapur): 170 · yours: 60'`, 5*time.Second)
	eval[bool](tb, `(document.getElementById('hist').focus(), document.activeElement.id === 'hist')`)
	tb.key(kb.Escape)
	tb.waitInfo("Level 170")
	if h := eval[string](tb, `location.hash`); !strings.Contains(h, "method=max-entropy") || !strings.Contains(h, "offset=30") {
		t.Errorf("after Escape the link is %s", h)
	}
}

// Clicks and keys on the histogram never change the method of a local view.
func TestTeachLocalMethodIgnoresHistogram(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#method=sauvola")
	tb.waitInfo("Local method")
	tb.clickHist(150)
	eval[bool](tb, `(document.getElementById('hist').focus(), true)`)
	tb.key(kb.ArrowRight)
	tb.key(kb.Home)
	// The handlers run while the events are dispatched: had they switched, the menu would say so now.
	if m := eval[string](tb, `document.getElementById('method').value`); m != "sauvola" {
		t.Fatalf("a click on the histogram switched Sauvola to %q", m)
	}
	if h := eval[string](tb, `location.hash`); strings.Contains(h, "manual") {
		t.Errorf("the link became %s", h)
	}
	if d := eval[string](tb, `document.getElementById('hist').getAttribute('aria-disabled')`); d != "true" {
		t.Errorf("the histogram slider of a local method: aria-disabled %q", d)
	}
	if note := tb.text("curveNote"); !strings.Contains(note, "Sauvola is local") {
		t.Errorf("curve note for Sauvola: %q", note)
	}
	if c := eval[string](tb, `document.getElementById('hist').dataset.curve`); c != "" {
		t.Errorf("a local method draws the curve of %q", c)
	}
}

// The histogram is a slider: arrows move the level by one, to the next whole level from a float
// one; Home and End go to the ends.
func TestTeachKeyboardLevel(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	if !eval[bool](tb, `(document.getElementById('hist').focus(), document.activeElement.id === 'hist')`) {
		t.Fatal("the histogram cannot take the focus")
	}
	tb.key(kb.ArrowRight)
	tb.waitInfo("Level 103")
	tb.key(kb.ArrowLeft)
	tb.key(kb.ArrowLeft)
	tb.waitInfo("Level 101")
	if v := eval[string](tb, `document.getElementById('param-level').value`); v != "101" {
		t.Errorf("level slider after the keys: %q", v)
	}
	tb.waitFor(`document.getElementById('levelRefText').textContent === 'Otsu: 102 · yours: 101'`, 5*time.Second)
	tb.key(kb.End)
	tb.waitInfo("Level 255")
	tb.key(kb.Home)
	tb.waitInfo("Level 0 ")
	tb.key(kb.Escape)
	tb.waitInfo("Level 102")

	// From the iterative method's T = 103.07, the next whole levels.
	tb.choose("method", "iterative")
	tb.waitInfo("Level 103.07")
	eval[bool](tb, `(document.getElementById('hist').focus(), true)`)
	tb.key(kb.ArrowRight)
	tb.waitInfo("Level 104 ")
	tb.waitFor(`document.getElementById('levelRefText').textContent === 'Basic iterative: 103.07 · yours: 104'`, 5*time.Second)
	tb.key(kb.Escape)
	tb.waitInfo("Level 103.07")
	tb.key(kb.ArrowLeft)
	tb.waitInfo("Level 103 ")
}

// Every global method of the registry either draws its curve (and says how its level is read off
// it) or says in one line why there is none; the API's `criterion` flag agrees with the page.
func TestTeachEveryGlobalMethodExplains(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	type method struct {
		ID, Kind  string
		Criterion bool
	}
	ms := eval[[]method](tb, `limen.methods().map(m => ({id: m.id, kind: m.kind, criterion: m.criterion}))`)
	n, curves := 0, 0
	for _, m := range ms {
		if m.Kind != "global" {
			continue
		}
		n++
		tb.choose("method", m.ID)
		// The histogram says which method's result it explains: wait for this one's.
		tb.waitFor(fmt.Sprintf(`document.getElementById('hist').dataset.method === %s`, jsString(m.ID)), 20*time.Second)
		curve := eval[string](tb, `document.getElementById('hist').dataset.curve`)
		note := tb.text("curveNote")
		if m.Criterion {
			curves++
			if curve != m.ID || !strings.HasPrefix(note, "Blue: ") || eval[int](tb, curvePixels) < 100 {
				t.Errorf("%s has a criterion, but the page draws the curve of %q, with the note %q", m.ID, curve, note)
			}
		} else if curve != "" || !strings.HasPrefix(note, "No curve: ") || len(note) < 30 {
			t.Errorf("%s has no criterion: curve %q, note %q", m.ID, curve, note)
		}
	}
	if n != 20 || curves != 17 {
		t.Errorf("%d global methods, %d with a curve; want 20 and 17 (all but manual, mean and multi-otsu)", n, curves)
	}
	tb.choose("method", "li")
	tb.waitFor(`document.getElementById('hist').dataset.curve === 'li'`, 20*time.Second)
	tb.teachShot("li-1280")
	// scikit-image's Li is other arithmetic: no curve, and the note says where the curve is.
	eval[bool](tb, `(location.hash = '#method=li&reference=skimage', true)`)
	tb.waitInfo("Level 78.91") // scikit-image's float level on camera
	if c := eval[string](tb, `document.getElementById('hist').dataset.curve`); c != "" {
		t.Errorf("Li with scikit-image's convention draws the curve of %q", c)
	}
	if note := tb.text("curveNote"); !strings.HasPrefix(note, "No curve with the skimage convention: the imagej reference draws its cross entropy") {
		t.Errorf("note for scikit-image's Li: %q", note)
	}
	tb.choose("method", "iterative")
	tb.waitFor(`document.getElementById('hist').dataset.curve === 'iterative'`, 20*time.Second)
	tb.teachShot("iterative-1280")
}

// phone opens the page in a 390×844 viewport at 3 device pixels per CSS pixel, with the
// histogram's fillText calls recorded (font and scale) before the page's own scripts run.
func phone(t *testing.T, hash string) *tab {
	tb := newTab(t)
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	hook := func(ctx context.Context, t *chromedp.Target) (page.AddScriptToEvaluateOnNewDocumentResult, error) {
		return cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `window.__texts = [];
			const fill = CanvasRenderingContext2D.prototype.fillText;
			CanvasRenderingContext2D.prototype.fillText = function (s, x, y, w) {
				if (this.canvas.id === 'hist') window.__texts.push({s, font: this.font, scale: this.getTransform().a, perCSS: this.canvas.width / this.canvas.getBoundingClientRect().width, shown: this.canvas.clientWidth});
				return fill.apply(this, arguments); };`})
	}
	if _, err := chromedp.Run(tb.ctx, hook); err != nil {
		t.Fatal(err)
	}
	tb.open("index.html" + hash)
	return tb
}

// On a phone the result, its level and the method menu are on the first screen, before and after
// changing the method; the histogram's text is at least 11 CSS px; every control is at least 24 px.
func TestTeachPhoneLayout(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := phone(t, "")
	tb.waitInfo("Level 102")
	type box struct {
		ID                       string
		Left, Top, Right, Bottom float64
	}
	onScreen := func(when string) {
		t.Helper()
		bs := eval[[]box](tb, `['result', 'info', 'method', 'hist'].map(id => { const b = document.getElementById(id).getBoundingClientRect();
			return {id, left: b.left, top: b.top, right: b.right, bottom: b.bottom}; })`)
		vw, vh := eval[float64](tb, `innerWidth`), eval[float64](tb, `innerHeight`)
		if vw != 390 || vh != 844 {
			t.Fatalf("viewport %v×%v", vw, vh)
		}
		for _, b := range bs {
			if b.ID == "hist" {
				continue // reported only
			}
			if b.Top < 0 || b.Left < 0 || b.Bottom > vh || b.Right > vw || b.Bottom-b.Top < 10 {
				t.Errorf("%s: #%s is at %+v, not within the 390×844 screen", when, b.ID, b)
			}
		}
		t.Logf("%s: %+v", when, bs)
	}
	onScreen("at first")
	tb.teachShot("phone-otsu")
	tb.choose("method", "li")
	tb.waitInfo("Level 79") // ImageJ's Li on camera
	onScreen("after choosing Li")
	tb.choose("method", "adotsu") // four parameters: the method box grows below the menu
	tb.waitInfo("Local method")
	onScreen("after choosing AdOtsu")
	tb.choose("method", "otsu")
	tb.waitInfo("Level 102")
	tb.clickHist(130)
	tb.waitInfo("Level 130")
	tb.waitFor(`!document.getElementById('levelRef').hidden`, 5*time.Second)
	onScreen("after dragging")
	if sw := eval[int](tb, `document.documentElement.scrollWidth`); sw > 390 {
		t.Errorf("the page is %d px wide on a 390 px screen", sw)
	}

	// The histogram's text, in CSS pixels: the font's size times the drawing's scale, over the
	// canvas's bitmap pixels per CSS pixel when it was drawn (a screenshot redraws it at another
	// device scale).
	type text struct {
		S, Font              string
		Scale, PerCSS, Shown float64
	}
	texts := eval[[]text](tb, `window.__texts`)
	perCSS := eval[float64](tb, `(() => { const c = document.getElementById('hist'); return c.width / c.getBoundingClientRect().width; })()`)
	if len(texts) == 0 {
		t.Fatal("no text was drawn on the histogram")
	}
	measured := 0
	for _, x := range texts {
		if x.Shown == 0 {
			continue // drawn while the canvas had no width (a screenshot's emulation): nothing shows
		}
		measured++
		px := 0.0
		for _, f := range strings.Fields(x.Font) {
			if v, err := strconv.ParseFloat(strings.TrimSuffix(f, "px"), 64); err == nil && strings.HasSuffix(f, "px") {
				px = v
			}
		}
		if css := px * x.Scale / x.PerCSS; css < 11 {
			t.Errorf("%q drawn at %.1f CSS px (font %q, scale %v, %v bitmap px per CSS px)", x.S, css, x.Font, x.Scale, x.PerCSS)
			break
		}
	}
	if measured == 0 {
		t.Error("no text was drawn on a visible histogram")
	}
	if perCSS < 2.9 {
		t.Errorf("the histogram has %v bitmap pixels per CSS pixel on a 3× screen: blurred", perCSS)
	}

	// Tap targets: every visible control of the page is at least 24×24 CSS px.
	small := eval[[]string](tb, `[...document.querySelectorAll('main input, main select, main button, main summary, main a.button, #hist')]
		.filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0 && (b.width < 24 || b.height < 24); })
		.map(e => (e.id || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().width) + '×' + Math.round(e.getBoundingClientRect().height))`)
	if len(small) > 0 {
		t.Errorf("tap targets under 24 px: %v", small)
	}
	if n := eval[int](tb, `document.querySelectorAll('main input[type=checkbox]').length`); n < 4 {
		t.Errorf("only %d checkboxes measured", n)
	}
	tb.teachShot("phone-drag")
}

// At 1366×900 the controls stay beside the pictures, and the screenshot is kept.
func TestTeachDesktopLayout(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	tb.open("index.html")
	tb.waitInfo("Level 102")
	if !eval[bool](tb, `document.getElementById('method').getBoundingClientRect().right < document.getElementById('original').getBoundingClientRect().left`) {
		t.Error("at 1366 px the method menu is not left of the pictures")
	}
	if top := eval[float64](tb, `document.getElementById('hist').getBoundingClientRect().top`); top > 900 {
		t.Errorf("the histogram starts at %v px, below the first screen", top)
	}
	tb.teachShot("desktop-otsu")
}

// The canvases have the names a screen reader reads: "Original", "Result…", "Histogram…" (a
// slider with its value), computed by the browser's accessibility tree.
func TestTeachAccessibleNames(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	name := func(id string) (string, string) {
		t.Helper()
		nodes, err := chromedp.Run(tb.ctx, chromedp.Nodes(chromedp.ID(id)))
		if err != nil || len(nodes) == 0 {
			t.Fatalf("#%s: %v", id, err)
		}
		ax := func(ctx context.Context, tg *chromedp.Target) (accessibility.GetPartialAXTreeResult, error) {
			return cdp.Call(ctx, tg, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{BackendNodeID: nodes[0].BackendNodeID})
		}
		res, err := chromedp.Run(tb.ctx, ax)
		if err != nil {
			t.Fatal(err)
		}
		var got, role string
		for _, n := range res.Nodes {
			if n.BackendDOMNodeID != nodes[0].BackendNodeID {
				continue
			}
			if n.Name != nil {
				got = strings.Trim(string(n.Name.Value), `"`)
			}
			if n.Role != nil {
				role = strings.Trim(string(n.Role.Value), `"`)
			}
		}
		return got, role
	}
	for id, want := range map[string]string{"original": "Original", "result": "Result", "hist": "Histogram"} {
		got, role := name(id)
		if !strings.HasPrefix(got, want) {
			t.Errorf("#%s is named %q, want it to start with %q", id, got, want)
		}
		if id == "hist" && role != "slider" {
			t.Errorf("#hist has the role %q, want slider", role)
		}
	}
	// The compare view's canvases are hidden until a method is chosen: out of the tree, so their
	// label is checked.
	for id, want := range map[string]string{"resultB": "Other method", "diff": "Difference"} {
		if got := eval[string](tb, `document.getElementById(`+jsString(id)+`).getAttribute('aria-label') || ''`); !strings.HasPrefix(got, want) {
			t.Errorf("#%s is labelled %q, want %q", id, got, want)
		}
	}
	if v := eval[string](tb, `document.getElementById('hist').getAttribute('aria-valuenow')`); v != "102" {
		t.Errorf("the histogram slider's value is %q", v)
	}
}
