//go:build !js

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The view (wasm/zoom.go, inspect.go, compare.go): zoom and pan synchronized over every picture,
// the split view, the pixel inspector, and the compare view — each checked against limen's API.

// geomJS gives where a canvas sits in its viewport: its corner and CSS size, its scale (CSS pixels
// per pixel of the canvas), the viewport's inner size, and the picture's point at the viewport's
// centre as fractions of its width and height (the same in synchronized views).
const geomJS = `((id) => { const c = document.getElementById(id), box = c.parentElement, b = box.getBoundingClientRect(), r = c.getBoundingClientRect();
	const left = r.left - b.left - box.clientLeft, top = r.top - b.top - box.clientTop;
	return {left, top, width: r.width, height: r.height, scale: r.width / c.width, vw: box.clientWidth, vh: box.clientHeight,
		cx: (box.clientWidth / 2 - left) / r.width, cy: (box.clientHeight / 2 - top) / r.height,
		pageX: r.left, pageY: r.top, boxX: b.left + box.clientLeft, boxY: b.top + box.clientTop, w: c.width, h: c.height,
		rendering: getComputedStyle(c).imageRendering}; })`

type geom struct {
	Left, Top, Width, Height, Scale, VW, VH, CX, CY float64
	PageX, PageY, BoxX, BoxY                        float64
	W, H                                            int
	Rendering                                       string
}

func (tb *tab) geom(id string) geom {
	tb.t.Helper()
	return eval[geom](tb, geomJS+"("+jsString(id)+")")
}

// screenAt is where pixel (x, y) of canvas id is on the screen (its centre).
func (g geom) screenAt(x, y int) (float64, float64) {
	return g.PageX + (float64(x)+0.5)*g.Scale, g.PageY + (float64(y)+0.5)*g.Scale
}

func (tb *tab) mouse(typ input.DispatchMouseEventType, x, y float64, set func(*input.DispatchMouseEventParams)) {
	tb.t.Helper()
	err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		p := input.DispatchMouseEventParams{Type: typ, X: x, Y: y}
		if set != nil {
			set(&p)
		}
		_, err := cdp.Call(ctx, t, input.DispatchMouseEvent, p)
		return err
	}))
	if err != nil {
		tb.t.Fatal(err)
	}
}

// drag presses the left button at (x0, y0), moves to (x1, y1) in steps, and releases it.
func (tb *tab) drag(x0, y0, x1, y1 float64) {
	tb.t.Helper()
	left := func(p *input.DispatchMouseEventParams) {
		p.Button, p.Buttons, p.ClickCount = input.MouseButtonLeft, 1, 1
	}
	tb.mouse(chromedp.MousePressed, x0, y0, left)
	for i := 1; i <= 5; i++ {
		f := float64(i) / 5
		tb.mouse(chromedp.MouseMoved, x0+f*(x1-x0), y0+f*(y1-y0), left)
	}
	tb.mouse(chromedp.MouseReleased, x1, y1, left)
}

// touch sends one touch event with the given points (none for touchEnd).
func (tb *tab) touch(typ input.DispatchTouchEventType, pts ...[2]float64) {
	tb.t.Helper()
	err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		p := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{}}
		for i, q := range pts {
			id := float64(i)
			p.TouchPoints = append(p.TouchPoints, &input.TouchPoint{X: q[0], Y: q[1], ID: &id})
		}
		_, err := cdp.Call(ctx, t, input.DispatchTouchEvent, p)
		return err
	}))
	if err != nil {
		tb.t.Fatal(err)
	}
}

func (tb *tab) key(keys string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(keys)); err != nil {
		tb.t.Fatal(err)
	}
}

func (tb *tab) click(id string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID(id))); err != nil {
		tb.t.Fatal(err)
	}
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// sameView checks that every listed canvas shows the same part of the picture at the same scale
// (in CSS pixels per pixel of the result, which all of them share here).
func (tb *tab) sameView(ids ...string) geom {
	tb.t.Helper()
	g0 := tb.geom(ids[0])
	for _, id := range ids[1:] {
		g := tb.geom(id)
		if !near(g.Scale*float64(g.W), g0.Scale*float64(g0.W), 0.01*float64(g0.W)) ||
			!near(g.CX, g0.CX, 1/float64(g0.W)) || !near(g.CY, g0.CY, 1/float64(g0.H)) {
			tb.t.Errorf("%s is not in step with %s: %+v vs %+v", id, ids[0], g, g0)
		}
	}
	return g0
}

// openCompare opens the compare view on method id (and library ref, if not "").
func (tb *tab) openCompare(id, ref string) {
	tb.t.Helper()
	eval[bool](tb, `(document.querySelector('details.compare').open = true, true)`)
	tb.choose("compare", id)
	if ref != "" {
		tb.choose("compareRef", ref)
	}
}

// Regression (issue 12): choosing "(none)" after a method left its picture and the difference on
// screen, because .pair's display:grid beat the hidden attribute. Now nothing of it shows, not
// even an answer that was on its way when "(none)" was chosen.
func TestViewCompareNoneHides(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=coins&method=otsu")
	tb.waitInfo("Level 107")
	tb.openCompare("li", "")
	tb.waitFor(`document.getElementById('compareCaption').textContent.includes('pixels differ')`, 20*time.Second)
	visible := `(() => ['compareView', 'resultA', 'resultB', 'diff', 'compareCaption'].filter(id => document.getElementById(id).getClientRects().length > 0).join(','))()`
	if v := eval[string](tb, visible); v != "compareView,resultA,resultB,diff,compareCaption" {
		t.Fatalf("with Li chosen, visible: %q", v)
	}
	tb.choose("compare", "")
	if v := eval[string](tb, visible); v != "" {
		t.Errorf("after (none), still visible: %q", v)
	}
	if d := eval[string](tb, `getComputedStyle(document.getElementById('compareView')).display`); d != "none" {
		t.Errorf("compare view display %q after (none)", d)
	}
	// An answer on its way: choose a method and "(none)" at once, then change the type; the
	// worker answers in order, so once the new result shows the compare answer has come and gone.
	eval[bool](tb, `(() => { const s = document.getElementById('compare'); s.value = 'triangle'; s.dispatchEvent(new Event('change'));
		s.value = ''; s.dispatchEvent(new Event('change'));
		const t = document.getElementById('type'); t.value = 'binary-inv'; t.dispatchEvent(new Event('change')); return true; })()`)
	tb.waitFor(`(() => { const r = document.getElementById('result'); return r.getContext('2d').getImageData(0, 0, 1, 1).data[0] === 255; })()`, 20*time.Second)
	if v := eval[string](tb, visible); v != "" {
		t.Errorf("a late compare answer showed after (none): %q", v)
	}
	if l := eval[bool](tb, `document.getElementById('compareRefLabel').getClientRects().length > 0`); l {
		t.Error("the library menu shows with no method to compare")
	}
}

// Compare puts the current result, the other method's and their difference side by side, with
// the number of differing pixels: each checked against limen.threshold run here twice.
func TestViewCompareThree(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=coins&method=otsu")
	tb.waitInfo("Level 107")
	tb.openCompare("li", "")
	tb.waitFor(`document.getElementById('compareCaption').dataset.differ !== undefined`, 20*time.Second)
	type res struct {
		Want, Got, Lit                int
		Caption                       string
		SameA, SameB, SameCur, OneRow bool
	}
	got := eval[res](tb, `(() => { const c = document.getElementById('original'); const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
		const a = limen.threshold(img, {method: 'otsu'}).image.data, b = limen.threshold(img, {method: 'li'}).image.data;
		let want = 0; for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i]) want++;
		const px = (id) => { const k = document.getElementById(id); return k.getContext('2d').getImageData(0, 0, k.width, k.height).data; };
		const same = (x, y) => x.length === y.length && x.every((v, i) => v === y[i]);
		const d = px('diff'); let lit = 0; for (let i = 0; i < d.length; i += 4) if (d[i]) lit++;
		const tops = ['resultA', 'resultB', 'diff'].map(id => Math.round(document.getElementById(id).parentElement.getBoundingClientRect().top));
		const cap = document.getElementById('compareCaption');
		return {want, got: +cap.dataset.differ, lit, caption: cap.textContent, sameA: same(px('resultA'), a), sameB: same(px('resultB'), b),
			sameCur: same(px('result'), a), oneRow: tops[0] === tops[1] && tops[1] === tops[2]}; })()`)
	if got.Want == 0 || got.Got != got.Want || got.Lit != got.Want || !strings.HasPrefix(got.Caption, fmt.Sprintf("%d of 116352 pixels differ", got.Want)) {
		t.Errorf("differing pixels: API %d, page %d, difference image %d, caption %q", got.Want, got.Got, got.Lit, got.Caption)
	}
	if !got.SameA || !got.SameB || !got.SameCur {
		t.Errorf("pictures: this result same as the API's %v, the other %v, the main result %v", got.SameA, got.SameB, got.SameCur)
	}
	if !got.OneRow {
		t.Error("this result, the other and the difference are not side by side at 1280 px")
	}
	if !strings.Contains(got.Caption, "Otsu") || !strings.Contains(got.Caption, "Li") {
		t.Errorf("the caption does not name both methods: %q", got.Caption)
	}
	// The compare views zoom with the others.
	tb.click("zoom1")
	tb.click("zoomIn")
	g := tb.sameView("result", "original", "resultA", "resultB", "diff")
	if !near(g.Scale, 2, 1e-6) {
		t.Errorf("scale after 1:1 and +: %v, want 2", g.Scale)
	}
}

// Two libraries of one method, compared: Sauvola as scikit-image computes it and as Doxa does
// (they differ at the borders), and Otsu as OpenCV and ImageJ compute it on a constant picture
// (levels 0 and 254: every pixel differs). The library menu lists limen.methods()' references.
func TestViewCompareLibraries(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=doc-1&method=sauvola")
	tb.waitInfo("Local method")
	tb.openCompare("sauvola", "")
	refs := eval[string](tb, `(() => [...document.getElementById('compareRef').options].map(o => o.value).join(',') + '|' +
		limen.methods().find(m => m.id === 'sauvola').references.join(','))()`)
	if parts := strings.Split(refs, "|"); parts[0] != parts[1] || !strings.Contains(parts[0], "doxa") {
		t.Fatalf("library menu %q, limen.methods() %q", parts[0], parts[1])
	}
	if !eval[bool](tb, `document.getElementById('compareRefLabel').getClientRects().length > 0`) {
		t.Error("the library menu is hidden for a method with several")
	}
	tb.choose("compareRef", "doxa")
	tb.waitFor(`document.getElementById('compareCaption').textContent.includes('doxa')`, 30*time.Second)
	type res struct{ Want, Got int }
	got := eval[res](tb, `(() => { const c = document.getElementById('original'); const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
		const a = limen.threshold(img, {method: 'sauvola'}).image.data, b = limen.threshold(img, {method: 'sauvola', reference: 'doxa'}).image.data;
		let want = 0; for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i]) want++;
		return {want, got: +document.getElementById('compareCaption').dataset.differ}; })()`)
	if got.Want == 0 || got.Got != got.Want {
		t.Errorf("Sauvola skimage vs doxa: the page counts %d differing pixels, the API %d", got.Got, got.Want)
	}
	// Each at its library's window (they define it differently), the same k (defined alike).
	if c := eval[string](tb, `document.getElementById('compareNameA').textContent + ' | ' + document.getElementById('compareNameB').textContent`); c !=
		"This result: Sauvola (skimage), window 15, k 0.2, r 127.5, a level per pixel | Other: Sauvola (doxa), window 75, k 0.2, a level per pixel" {
		t.Errorf("captions: %q", c)
	}

	// A constant picture (gray 128), dropped on the page: OpenCV's Otsu gives 0, ImageJ's 254.
	eval[bool](tb, `(async () => { const c = new OffscreenCanvas(64, 48), g = c.getContext('2d'); g.fillStyle = 'rgb(128,128,128)'; g.fillRect(0, 0, 64, 48);
		const dt = new DataTransfer(); dt.items.add(new File([await c.convertToBlob()], 'gray.png', {type: 'image/png'}));
		window.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, cancelable: true})); return true; })()`)
	tb.waitFor(`document.getElementById('originalCaption').textContent.includes('gray.png')`, 20*time.Second)
	tb.choose("method", "otsu")
	tb.waitInfo("Level 0")
	tb.choose("compare", "otsu")
	tb.choose("compareRef", "imagej")
	tb.waitFor(`document.getElementById('compareCaption').textContent.includes('imagej')`, 20*time.Second)
	if c := eval[string](tb, `['compareCaption', 'compareNameA', 'compareNameB'].map(id => document.getElementById(id).textContent).join(' | ')`); !strings.HasPrefix(c, "3072 of 3072 pixels differ (100 %) between Otsu (opencv) and Otsu (imagej)") ||
		!strings.Contains(c, "This result: Otsu (opencv), level 0 |") || !strings.HasSuffix(c, "Other: Otsu (imagej), level 254") {
		t.Errorf("Otsu opencv vs imagej on a constant picture: %q", c)
	}
	tb.choose("compareRef", "opencv")
	tb.waitFor(`document.getElementById('compareCaption').textContent.startsWith('0 of 3072')`, 20*time.Second)
}

// Zoom: the buttons, the keys, the wheel, a drag and a pinch change the scale and the place, and
// the original and the result stay in step. Zoomed in, pictures are drawn crisp.
func TestViewZoomSynchronized(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=coins&method=otsu")
	tb.waitInfo("Level 107")
	fit := tb.sameView("result", "original")
	if fit.Scale >= 1.5 || fit.Scale <= 0.3 || !near(fit.Width, fit.VW, 1) && !near(fit.Height, fit.VH, 1) {
		t.Fatalf("fit: %+v", fit)
	}
	steps := []struct {
		name  string
		do    func()
		scale float64 // 0: fit's
	}{
		{"1:1", func() { tb.click("zoom1") }, 1},
		{"+", func() { tb.click("zoomIn") }, 2},
		{"+ again", func() { tb.click("zoomIn") }, 4},
		{"−", func() { tb.click("zoomOut") }, 2},
		{"fit", func() { tb.click("zoomFit") }, 0},
	}
	for _, s := range steps {
		s.do()
		g := tb.sameView("result", "original")
		want := s.scale
		if want == 0 {
			want = fit.Scale
		}
		if !near(g.Scale, want, 1e-6) {
			t.Errorf("after %s: scale %v, want %v", s.name, g.Scale, want)
		}
		if wantR := map[bool]string{true: "pixelated", false: "auto"}[want >= 1]; g.Rendering != wantR {
			t.Errorf("after %s: image-rendering %q, want %q", s.name, g.Rendering, wantR)
		}
		if lv := eval[string](tb, `document.getElementById('zoomLevel').textContent`); !strings.Contains(lv, fmt.Sprintf("%.0f %%", want*100)) {
			t.Errorf("after %s: the zoom level reads %q", s.name, lv)
		}
	}

	// Keys on the focused picture: + zooms in, 1 is 1:1, arrows pan, 0 fits.
	eval[bool](tb, `(document.getElementById('result').parentElement.focus(), true)`)
	tb.key("1")
	tb.key("+")
	if g := tb.sameView("result", "original"); !near(g.Scale, 2, 1e-6) {
		t.Errorf("keys 1 then +: scale %v", g.Scale)
	}
	before := tb.geom("result")
	tb.key(kb.ArrowRight)
	tb.key(kb.ArrowDown)
	after := tb.sameView("result", "original")
	if !(after.CX > before.CX) || !(after.CY > before.CY) {
		t.Errorf("arrow keys did not pan: centre %v,%v → %v,%v", before.CX, before.CY, after.CX, after.CY)
	}
	// A drag pans by what the pointer moved.
	before = after
	tb.drag(before.BoxX+100, before.BoxY+100, before.BoxX+60, before.BoxY+80)
	after = tb.sameView("result", "original")
	if !near(after.Left-before.Left, -40, 1) || !near(after.Top-before.Top, -20, 1) {
		t.Errorf("a drag of (−40, −20) moved the picture by (%v, %v)", after.Left-before.Left, after.Top-before.Top)
	}
	tb.key("0")
	if g := tb.geom("result"); !near(g.Scale, fit.Scale, 1e-6) {
		t.Errorf("key 0: scale %v, want fit %v", g.Scale, fit.Scale)
	}
	// The wheel: plain, it leaves the fitted view to the page's scrolling; with Ctrl (a
	// trackpad's pinch) it zooms, keeping the point under the pointer where it is.
	x, y := fit.BoxX+fit.VW/4, fit.BoxY+fit.VH/4
	wheel := func(mod int64) {
		// CDP wants deltaX, and the struct omits a zero.
		tb.mouse(chromedp.MouseWheel, x, y, func(p *input.DispatchMouseEventParams) { p.DeltaX, p.DeltaY, p.Modifiers = 1e-3, -200, mod })
	}
	wheel(0)
	if g := tb.geom("result"); !near(g.Scale, fit.Scale, 1e-6) {
		t.Errorf("a plain wheel zoomed the fitted view: %v", g.Scale)
	}
	u0 := (x - fit.PageX) / fit.Width
	wheel(2) // Ctrl
	g := tb.sameView("result", "original")
	if !(g.Scale > fit.Scale*1.5) {
		t.Errorf("Ctrl+wheel: scale %v from %v", g.Scale, fit.Scale)
	}
	if u := (x - g.PageX) / g.Width; !near(u, u0, 2/float64(g.W)) {
		t.Errorf("Ctrl+wheel moved the point under the pointer from %v to %v", u0, u)
	}
	wheel(0) // zoomed in, the plain wheel zooms too
	if g2 := tb.geom("result"); !(g2.Scale > g.Scale*1.5) {
		t.Errorf("a plain wheel, zoomed in: scale %v from %v", g2.Scale, g.Scale)
	}
	// A pinch: two fingers moving apart zoom in.
	tb.click("zoom1")
	g = tb.geom("result")
	cx, cy := g.BoxX+g.VW/2, g.BoxY+g.VH/2
	tb.touch(input.DispatchTouchEventTypeTouchStart, [2]float64{cx - 20, cy}, [2]float64{cx + 20, cy})
	for d := 30.0; d <= 80; d += 10 {
		tb.touch(input.DispatchTouchEventTypeTouchMove, [2]float64{cx - d, cy}, [2]float64{cx + d, cy})
	}
	tb.touch(input.DispatchTouchEventTypeTouchEnd)
	if g2 := tb.sameView("result", "original"); !near(g2.Scale, 4, 0.2) {
		t.Errorf("a pinch from 40 to 160 px apart at 1:1: scale %v, want about 4", g2.Scale)
	}
	// From the fitted view too (where one finger scrolls the page).
	tb.click("zoomFit")
	tb.touch(input.DispatchTouchEventTypeTouchStart, [2]float64{cx - 20, cy}, [2]float64{cx + 20, cy})
	for d := 30.0; d <= 80; d += 10 {
		tb.touch(input.DispatchTouchEventTypeTouchMove, [2]float64{cx - d, cy}, [2]float64{cx + d, cy})
	}
	tb.touch(input.DispatchTouchEventTypeTouchEnd)
	if g2 := tb.sameView("result", "original"); !near(g2.Scale, 4*fit.Scale, 0.2) {
		t.Errorf("a pinch from 40 to 160 px apart from fit (%v): scale %v", fit.Scale, g2.Scale)
	}
}

// The inspector: pointing at a pixel shows its gray value, the level that applied there and its
// class, each equal to limen.threshold's (with levels: true) — for a global and a local method.
func TestViewInspector(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	for _, c := range []struct {
		hash, wait string
		opts       string
		x, y       int
	}{
		{"sample=coins&method=otsu", "Level 107", "{method: 'otsu'}", 100, 150},
		{"sample=coins&method=otsu&dark=1", "Level 107", "{method: 'otsu', dark: true}", 200, 40},
		{"sample=doc-1&method=sauvola&reference=doxa", "Local method", "{method: 'sauvola', reference: 'doxa'}", 300, 200},
		{"sample=doc-1&method=niblack", "Local method", "{method: 'niblack'}", 5, 7},
	} {
		tb.open("index.html#" + c.hash)
		tb.waitInfo(c.wait)
		// A new hash on the same page is a hashchange, not a new page: wait for its result.
		tb.waitFor(`(() => { const c = document.getElementById('original'); const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
			const want = limen.threshold(img, `+c.opts+`).image.data;
			const got = document.getElementById('result').getContext('2d').getImageData(0, 0, c.width, c.height).data;
			return got.every((v, i) => v === want[i]); })()`, 30*time.Second)
		tb.click("zoom1")
		tb.click("zoomIn")
		tb.click("zoomIn") // 4 CSS pixels a pixel
		// Bring the pixel into view: pan until it is at the centre.
		g := tb.geom("result")
		tb.drag(g.BoxX+g.VW/2, g.BoxY+g.VH/2, g.BoxX+g.VW/2-(float64(c.x)+0.5-g.CX*float64(g.W))*g.Scale,
			g.BoxY+g.VH/2-(float64(c.y)+0.5-g.CY*float64(g.H))*g.Scale)
		g = tb.geom("result")
		sx, sy := g.screenAt(c.x, c.y)
		tb.mouse(chromedp.MouseMoved, sx, sy, nil)
		type facts struct {
			X, Y, Gray         int
			Level, Class, Text string
			WantGray           int
			WantLevel          string
			WantClass          string
		}
		got := eval[facts](tb, fmt.Sprintf(`(() => { const c = document.getElementById('original'); const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
			const o = %s; const r = limen.threshold(img, Object.assign({levels: true}, o)); const i = %d * r.width + %d;
			const t = r.levels ? r.levels[i] : r.level, g = r.gray[i];
			const d = document.getElementById('inspect').dataset;
			return {x: +d.x, y: +d.y, gray: +d.gray, level: d.level, class: d.class, text: document.getElementById('inspect').textContent,
				wantGray: g, wantLevel: String(t), wantClass: ((g > t) !== !!o.dark) ? 'foreground' : 'background'}; })()`, c.opts, c.y, c.x))
		if got.X != c.x || got.Y != c.y || got.Gray != got.WantGray || got.Level != got.WantLevel || got.Class != got.WantClass {
			t.Errorf("%s, pixel (%d, %d): inspector %+v", c.hash, c.x, c.y, got)
		}
		if !strings.Contains(got.Text, fmt.Sprintf("gray %d", got.WantGray)) || !strings.Contains(got.Text, got.WantClass) {
			t.Errorf("%s: the inspector line says %q", c.hash, got.Text)
		}
		// The marker sits on the pixel, in the original's view too.
		if n := eval[int](tb, `document.querySelectorAll('.zoomview .probe:not([hidden])').length`); n < 2 {
			t.Errorf("%s: %d pixel markers shown, want one in each visible view", c.hash, n)
		}
	}
	// A click (or a tap) inspects too; the keys inspect the pixel at the centre.
	g := tb.geom("result")
	sx, sy := g.screenAt(10, 20)
	tb.mouse(chromedp.MousePressed, sx, sy, func(p *input.DispatchMouseEventParams) {
		p.Button, p.Buttons, p.ClickCount = input.MouseButtonLeft, 1, 1
	})
	tb.mouse(chromedp.MouseReleased, sx, sy, func(p *input.DispatchMouseEventParams) { p.Button, p.ClickCount = input.MouseButtonLeft, 1 })
	if xy := eval[string](tb, `(d => d.x + ',' + d.y)(document.getElementById('inspect').dataset)`); xy != "10,20" {
		t.Errorf("a click on pixel (10, 20) inspects %s", xy)
	}
	// A tap, on a touch screen.
	sx, sy = g.screenAt(30, 40)
	tb.touch(input.DispatchTouchEventTypeTouchStart, [2]float64{sx, sy})
	tb.touch(input.DispatchTouchEventTypeTouchEnd)
	if xy := eval[string](tb, `(d => d.x + ',' + d.y)(document.getElementById('inspect').dataset)`); xy != "30,40" {
		t.Errorf("a tap on pixel (30, 40) inspects %s", xy)
	}
	eval[bool](tb, `(document.getElementById('result').parentElement.focus(), true)`)
	tb.key(kb.ArrowLeft)
	g = tb.geom("result")
	want := fmt.Sprintf("%d,%d", int(g.CX*float64(g.W)), int(g.CY*float64(g.H)))
	if xy := eval[string](tb, `(d => d.x + ',' + d.y)(document.getElementById('inspect').dataset)`); xy != want {
		t.Errorf("after an arrow key the inspector shows %s, want the centre %s", xy, want)
	}
}

// The split view: one click puts the original left of a divider and the result right of it, in
// one picture; the divider follows the pointer and the arrow keys; a second click undoes it.
func TestViewSplit(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=coins&method=otsu")
	tb.waitInfo("Level 107")
	tb.click("split")
	type state struct {
		Pressed, Divider     string
		OrigInResult, Hidden bool
		Clip                 string
	}
	read := func() state {
		return eval[state](tb, `(() => { const o = document.getElementById('original'), r = document.getElementById('result'), d = document.getElementById('divider');
			return {pressed: document.getElementById('split').getAttribute('aria-pressed'), divider: d.hidden ? 'hidden' : d.getAttribute('aria-valuenow'),
				origInResult: o.parentElement === r.parentElement, hidden: document.getElementById('originalCaption').getClientRects().length === 0,
				clip: r.style.clipPath}; })()`)
	}
	s := read()
	if s.Pressed != "true" || s.Divider != "50" || !s.OrigInResult || !s.Hidden || !strings.HasPrefix(s.Clip, "inset(") {
		t.Fatalf("split view: %+v", s)
	}
	g := tb.geom("result")
	// What shows left and right of the divider: the original's grays, and the result's black
	// and white. Read from the screen.
	halves := func() (leftGrays, rightGrays int) {
		shot := tb.clipShot(g.BoxX, g.BoxY, g.VW, g.VH)
		d := eval[float64](tb, `+document.getElementById('divider').getAttribute('aria-valuenow') / 100`) * g.VW
		for y := 0; y < shot.Bounds().Dy(); y++ {
			for x := 0; x < shot.Bounds().Dx(); x++ {
				if math.Abs(float64(x)-d) < 20 || y < 30 { // the divider's grip and the labels
					continue
				}
				r, _, _, _ := shot.At(x, y).RGBA()
				if v := r >> 8; v > 20 && v < 235 {
					if float64(x) < d {
						leftGrays++
					} else {
						rightGrays++
					}
				}
			}
		}
		return
	}
	if l, r := halves(); l < 1000 || r > 50 {
		t.Errorf("split at 50 %%: %d gray pixels left (the original), %d right (the result)", l, r)
	}
	// Drag the divider to a quarter.
	tb.drag(g.BoxX+g.VW/2, g.BoxY+g.VH/2, g.BoxX+g.VW/4, g.BoxY+g.VH/2)
	if s := read(); s.Divider != "25" {
		t.Errorf("after dragging to a quarter the divider is at %s", s.Divider)
	}
	// The keys: focused, each arrow moves it 2 %.
	eval[bool](tb, `(document.getElementById('divider').focus(), true)`)
	for range 5 {
		tb.key(kb.ArrowRight)
	}
	if s := read(); s.Divider != "35" {
		t.Errorf("after 5 × → the divider is at %s, want 35", s.Divider)
	}
	tb.key(kb.End)
	if l, r := halves(); l < 1000 || r != 0 {
		t.Errorf("divider at the right end: %d gray pixels left, %d right", l, r)
	}
	// Zoomed, the split view still zooms (both pictures, in step).
	tb.click("zoom1")
	if o, r := tb.geom("original"), tb.geom("result"); !near(o.Scale, 1, 1e-6) || !near(o.Left, r.Left, 0.01) || !near(o.Top, r.Top, 0.01) {
		t.Errorf("split view at 1:1: original %+v, result %+v", o, r)
	}
	tb.click("split")
	if s := read(); s.Pressed != "false" || s.Divider != "hidden" || s.OrigInResult || s.Hidden || s.Clip != "" {
		t.Errorf("split view off: %+v", s)
	}
	tb.sameView("result", "original")
}

// clipShot takes a screenshot of a part of the page, in CSS pixels (the tests' device pixel ratio
// is 1).
func (tb *tab) clipShot(x, y, w, h float64) image.Image {
	tb.t.Helper()
	var data []byte
	err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{Clip: &page.Viewport{X: x, Y: y, Width: w, Height: h, Scale: 1}})
		if err == nil {
			data = r.Data
		}
		return err
	}))
	if err != nil {
		tb.t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		tb.t.Fatal(err)
	}
	return img
}

// screenDiff reads what the screen shows of canvas id's viewport (a screenshot) and counts the
// screen pixels on the picture that differ from the canvas's own pixel there (R), at its scale:
// pixel (x, y) of the view shows pixel ((x − left) / scale, (y − top) / scale). The tests' device
// pixel ratio is 1.
func (tb *tab) screenDiff(id string) (bad, n int) {
	tb.t.Helper()
	g := tb.geom(id)
	if g.Scale < 1 || g.Left != math.Trunc(g.Left) || g.Top != math.Trunc(g.Top) {
		tb.t.Fatalf("%s: not at 1:1 or beyond, at whole pixels: %+v", id, g)
	}
	shot := tb.clipShot(g.BoxX, g.BoxY, g.VW, g.VH)
	w, h := shot.Bounds().Dx(), shot.Bounds().Dy()
	// The canvas's pixels on the view.
	x0, y0 := max(0, int(math.Floor(-g.Left/g.Scale))), max(0, int(math.Floor(-g.Top/g.Scale)))
	x1, y1 := min(g.W, int(math.Ceil((float64(w)-g.Left)/g.Scale))), min(g.H, int(math.Ceil((float64(h)-g.Top)/g.Scale)))
	if x1 <= x0 || y1 <= y0 {
		tb.t.Fatalf("%s: no pixel of it on the view: %+v", id, g)
	}
	want := eval[[]int](tb, fmt.Sprintf(`Array.from(document.getElementById(%s).getContext('2d').getImageData(%d, %d, %d, %d).data.filter((_, i) => i %% 4 === 0))`,
		jsString(id), x0, y0, x1-x0, y1-y0))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			u, v := int(math.Floor((float64(x)+0.5-g.Left)/g.Scale)), int(math.Floor((float64(y)+0.5-g.Top)/g.Scale))
			if u < x0 || u >= x1 || v < y0 || v >= y1 {
				continue
			}
			n++
			if r, _, _, _ := shot.At(x, y).RGBA(); int(r>>8) != want[(v-y0)*(x1-x0)+u-x0] {
				bad++
			}
		}
	}
	return bad, n
}

// A 12-megapixel picture is computed whole and shown scaled; at 1:1 the screen shows its true
// pixels: every pixel of the view, read from a screenshot, equals the canvas's pixel there; zoomed
// to 4:1, every screen pixel equals the canvas pixel it is a quarter of (crisp, not smoothed).
func TestViewLargeTruePixels(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=coins&method=otsu")
	tb.waitInfo("Level 107")
	// 4000×3000, a pattern whose neighbouring pixels all differ: any scaling would show.
	eval[bool](tb, `(async () => { const w = 4000, h = 3000, c = new OffscreenCanvas(w, h), g = c.getContext('2d'), d = g.createImageData(w, h);
		for (let y = 0, i = 0; y < h; y++) for (let x = 0; x < w; x++, i += 4) { const v = (x * 37 + y * 91 + ((x * y) >> 5)) & 255; d.data[i] = d.data[i+1] = d.data[i+2] = v; d.data[i+3] = 255; }
		g.putImageData(d, 0, 0);
		const dt = new DataTransfer(); dt.items.add(new File([await c.convertToBlob()], 'large.png', {type: 'image/png'}));
		window.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, cancelable: true})); return true; })()`)
	tb.waitFor(`document.getElementById('info').textContent.includes('4000×3000')`, 120*time.Second)
	fit := tb.geom("result")
	if fit.W != 4000 || !(fit.Scale < 0.2) {
		t.Fatalf("the result canvas is %d wide, shown at %v", fit.W, fit.Scale)
	}
	tb.click("zoom1")
	for _, zoom := range []float64{1, 4} {
		if zoom == 4 {
			tb.click("zoomIn")
			tb.click("zoomIn")
		}
		for _, id := range []string{"original", "result"} {
			if g := tb.geom(id); g.Scale != zoom {
				t.Fatalf("%s at %v:1: %+v", id, zoom, g)
			}
			if bad, n := tb.screenDiff(id); bad > 0 || float64(n) < 100000/zoom/zoom {
				t.Errorf("%s at %v:1: %d of %d screen pixels differ from the canvas's", id, zoom, bad, n)
			}
		}
	}
}

// The layer over the result (a local method's threshold surface) shows over it in the view, zoomed
// with it: at 1:1 the screen shows the surface's true pixels.
func TestViewLayerZoomed(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=coins&method=sauvola&surface=1")
	tb.waitInfo("Local method")
	tb.waitFor(`(() => { const l = document.getElementById('resultLayer'); return !!l && !l.hidden; })()`, 10*time.Second)
	tb.click("zoom1")
	tb.click("zoomIn")
	tb.sameView("result", "resultLayer")
	// The surface is opaque gray: where it is, the screen shows it and not the result.
	if bad, n := tb.screenDiff("resultLayer"); bad > 0 || n < 10000 {
		t.Errorf("the threshold surface at 2:1: %d of %d screen pixels differ from the layer's", bad, n)
	}
}

// Screenshots of the zoomed, split and compare views at a laptop's and a phone's size, for a
// person to look at (testout/view-*.png). They check what a glance would: the pictures are on
// screen and the controls are within the page's width.
func TestViewScreenshots(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	for _, size := range [][2]int64{{1366, 900}, {390, 844}} {
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(size[0], size[1])); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("view-%d", size[0])
		tb.open("index.html#sample=coins&method=sauvola")
		tb.waitInfo("Local method")
		tb.click("zoom1")
		tb.click("zoomIn")
		tb.click("zoomIn")
		g := tb.geom("result")
		sx, sy := g.screenAt(int(g.CX*float64(g.W)), int(g.CY*float64(g.H)))
		tb.mouse(chromedp.MouseMoved, sx, sy, nil)
		tb.waitFor(`document.getElementById('inspect').textContent.includes('T(x, y)')`, 10*time.Second)
		eval[bool](tb, `(document.getElementById('result').scrollIntoView({block: 'center'}), true)`)
		tb.viewShot(name + "-zoomed")
		if w := eval[float64](tb, `document.querySelector('.viewbar').getBoundingClientRect().right`); w > float64(size[0]) {
			t.Errorf("%d px: the zoom bar ends at %v", size[0], w)
		}
		tb.click("zoomFit")
		tb.click("split")
		eval[bool](tb, `(document.getElementById('result').scrollIntoView({block: 'center'}), true)`)
		tb.viewShot(name + "-split")
		tb.click("split")
		tb.openCompare("sauvola", "doxa")
		tb.waitFor(`document.getElementById('compareCaption').textContent.includes('doxa')`, 30*time.Second)
		tb.click("zoom1")
		eval[bool](tb, `(document.getElementById('compareView').scrollIntoView({block: 'center'}), true)`)
		tb.viewShot(name + "-compare")
		if r := eval[float64](tb, `document.getElementById('diff').parentElement.getBoundingClientRect().right`); r > float64(size[0]) {
			t.Errorf("%d px: the difference view ends at %v", size[0], r)
		}
	}
}

// viewShot saves what the window shows as testout/<name>.png (and in $LIMEN_SHOTS, if set).
func (tb *tab) viewShot(name string) {
	tb.t.Helper()
	buf, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Fatal(err)
	}
	for _, dir := range []string{shotDir, os.Getenv("LIMEN_SHOTS")} {
		if dir != "" {
			if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
				tb.t.Fatal(err)
			}
		}
	}
}

// The option the inspector uses, levels: true, checked against what it must agree with: the
// result's pixels follow gray > T pixel by pixel (binary: maxval above, 0 at or below), the
// clamped surface is max(T, 0), and gray is the picture the method saw (the original's gray
// without preprocessing, another with noise).
func TestViewLevelsOption(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=doc-1&method=otsu")
	tb.waitInfo("Level")
	for _, opts := range []string{
		"{method: 'sauvola'}", "{method: 'sauvola', reference: 'doxa'}", "{method: 'niblack', reference: 'doxa', k: -0.3}",
		"{method: 'adaptive-gaussian', C: 4}", "{method: 'isauvola'}", "{method: 'bernsen'}",
		"{method: 'otsu'}", "{method: 'li', reference: 'skimage'}", "{method: 'otsu', noise: {sigma: 20, mean: 0, seed: 3}}",
	} {
		got := eval[string](tb, `(() => { const c = document.getElementById('original'); const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
			const o = `+opts+`, r = limen.threshold(img, Object.assign({levels: true, surface: true}, o)), n = r.width * r.height;
			if (!(r.gray instanceof Uint8Array) || r.gray.length !== n) return 'no gray';
			const plain = limen.threshold(img, o);
			if (!r.image.data.every((v, i) => v === plain.image.data[i])) return 'levels: true changed the image';
			let grayDiffers = 0;
			for (let i = 0; i < n; i++) {
				const d = img.data, g = Math.round((d[4*i] * 9798 + d[4*i+1] * 19235 + d[4*i+2] * 3735) / 32768);
				if (g !== r.gray[i]) grayDiffers++;
				const t = r.levels ? r.levels[i] : Math.floor(r.level);
				if (r.image.data[4*i] !== (r.gray[i] > t ? 255 : 0)) return 'pixel ' + i + ': output ' + r.image.data[4*i] + ', gray ' + r.gray[i] + ', T ' + t;
				if (r.levels && r.surface.data[4*i] !== Math.max(r.levels[i], 0)) return 'pixel ' + i + ': surface ' + r.surface.data[4*i] + ', T ' + r.levels[i];
			}
			if ((r.level === null) !== !!r.levels) return 'levels for a ' + (r.levels ? 'global' : 'local') + ' method';
			if (o.noise ? grayDiffers < n / 2 : grayDiffers > 0) return grayDiffers + ' gray values differ from the original\'s';
			return 'ok'; })()`)
		if got != "ok" {
			t.Errorf("%s: %s", opts, got)
		}
	}
	if msg := eval[string](tb, `(() => { try { limen.threshold(new ImageData(2, 2), {levels: 'yes'}); return 'no error'; } catch (e) { return e.message; } })()`); !strings.Contains(msg, "levels") {
		t.Errorf("levels: 'yes' gives %q, want an error that names the option", msg)
	}
}
