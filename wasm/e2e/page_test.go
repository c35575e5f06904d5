//go:build !js

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// pageRed hashes the R channel of a canvas of the page (see T.hash).
const canvasHash = `((id) => { const c = document.getElementById(id); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
	let h = 2166136261 >>> 0; for (let i = 0; i < d.length; i += 4) h = Math.imul(h ^ d[i], 16777619) >>> 0; return h; })`

func (tb *tab) info() string { return eval[string](tb, `document.getElementById('info').textContent`) }

// choose sets a <select> and fires its change event, as a person choosing does.
func (tb *tab) choose(id, value string) {
	tb.t.Helper()
	eval[bool](tb, fmt.Sprintf(`(() => { const s = document.getElementById(%s); s.value = %s;
		s.dispatchEvent(new Event('change')); return s.value === %s; })()`, jsString(id), jsString(value), jsString(value)))
}

func (tb *tab) waitInfo(substr string) {
	tb.t.Helper()
	tb.waitFor(fmt.Sprintf(`document.getElementById('info').textContent.includes(%s)`, jsString(substr)), 20*time.Second)
}

// The walking skeleton, as a student uses it: the page opens on a sample with Otsu, and the result,
// the level, the histogram and the download are there; other methods and types work from the menu.
func TestPageSampleMethodsAndDownload(t *testing.T) {
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102") // camera, OpenCV's Otsu level
	if w := eval[int](tb, `document.getElementById('result').width`); w != 512 {
		t.Fatalf("result canvas is %d wide, want 512", w)
	}
	// The result is the binary image at 102: compare with limen.threshold on the same pixels.
	same := eval[bool](tb, `(() => { const c = document.getElementById('original'); const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
		const r = limen.threshold(img, {method: 'otsu'}); const o = new OffscreenCanvas(512, 512); o.getContext('2d').putImageData(r.image, 0, 0);
		const a = document.getElementById('result').getContext('2d').getImageData(0, 0, 512, 512).data;
		return a.every((v, i) => v === r.image.data[i]); })()`)
	if !same {
		t.Error("the result canvas differs from limen.threshold's image")
	}
	// The histogram is drawn: bars, ramp and the red level marker.
	if n := eval[int](tb, `(() => { const c = document.getElementById('hist'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
		let red = 0; for (let i = 0; i < d.length; i += 4) if (d[i] > 150 && d[i+1] < 90 && d[i+2] < 90 && d[i+3] > 200) red++; return red; })()`); n < 100 {
		t.Errorf("histogram has %d red marker pixels; the level is not drawn", n)
	}
	if !strings.Contains(eval[string](tb, `document.getElementById('about').textContent`), "Otsu") {
		t.Error("the method's note does not show")
	}
	tb.shot("page-otsu")

	tb.choose("method", "iterative")
	tb.waitInfo("iterations")
	if got := tb.info(); !strings.Contains(got, "Level 103.07 after 4 iterations: T = 129.06 → 109.91 → 103.91 → 103.07 → 103.07") {
		t.Errorf("iterative info: %q", got)
	}
	tb.choose("method", "max-entropy")
	tb.waitInfo("Level 140") // ImageJ's MaxEntropy on camera
	tb.choose("type", "binary-inv")
	tb.waitFor(`(() => { const c = document.getElementById('original'); const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
		const want = limen.threshold(img, {method: 'max-entropy', type: 'binary-inv'}).image.data;
		const got = document.getElementById('result').getContext('2d').getImageData(0, 0, c.width, c.height).data;
		return got.every((v, i) => v === want[i]); })()`, 10*time.Second)

	// Download: the PNG the link produces is the result.
	eval[bool](tb, `(() => { HTMLAnchorElement.prototype.click = function () { window.__dl = {href: this.href, name: this.download}; }; return true; })()`)
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("download"))); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(`window.__dl !== undefined`, 10*time.Second)
	type dl struct {
		Name          string
		Width, Height int
		Same          bool
	}
	got := eval[dl](tb, `(async () => { const blob = await (await fetch(__dl.href)).blob();
		const bmp = await createImageBitmap(blob); const c = new OffscreenCanvas(bmp.width, bmp.height); const g = c.getContext('2d'); g.drawImage(bmp, 0, 0);
		const a = g.getImageData(0, 0, bmp.width, bmp.height).data, r = document.getElementById('result');
		const b = r.getContext('2d').getImageData(0, 0, r.width, r.height).data;
		return {name: __dl.name, width: bmp.width, height: bmp.height, same: blob.type === 'image/png' && a.every((v, i) => v === b[i])}; })()`)
	if got.Name != "limen-camera-max-entropy.png" || got.Width != 512 || got.Height != 512 || !got.Same {
		t.Errorf("download: %+v", got)
	}
	if off := tb.offsite(); len(off) > 0 {
		t.Errorf("requests left the origin: %v", off)
	}
}

// Dragging the level on the histogram switches to Manual at the level under the pointer.
func TestPageHistogramDrag(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	type rect struct{ Left, Top, Width, Height float64 }
	r := eval[rect](tb, `(() => { const h = document.getElementById('hist'); h.scrollIntoView({block: 'center'}); const b = h.getBoundingClientRect(); return {left: b.left, top: b.top, width: b.width, height: b.height}; })()`)
	x := r.Left + r.Width*150.5/256
	if err := chromedp.Do(tb.ctx, chromedp.MouseClickXY(x, r.Top+r.Height/2)); err != nil {
		t.Fatal(err)
	}
	tb.waitInfo("Level 149")
	if m := eval[string](tb, `document.getElementById('method').value`); m != "manual" {
		t.Errorf("method after dragging: %q, want manual", m)
	}
	if v := eval[string](tb, `document.getElementById('param-level').value`); v != "149" {
		t.Errorf("level slider after dragging: %q", v)
	}
	tb.shot("page-drag")
}

// A person's own file, through the file picker; then a bad file gives a clear message (the name
// shown as text) and the page keeps working.
func TestPageOwnFileAndBadFile(t *testing.T) {
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	coins, _ := filepath.Abs(filepath.Join(oracleImages, "coins.png"))
	if err := chromedp.Do(tb.ctx, chromedp.SetUploadFiles(chromedp.ID("file"), []string{coins})); err != nil {
		t.Fatal(err)
	}
	tb.waitInfo("Level 107")
	if c := eval[string](tb, `document.getElementById('originalCaption').textContent`); !strings.Contains(c, "coins.png, 384×303") {
		t.Errorf("caption %q", c)
	}
	bad := filepath.Join(t.TempDir(), `<img src=x onerror=alert(1)>.png`)
	if err := os.WriteFile(bad, []byte("this is not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.SetUploadFiles(chromedp.ID("file"), []string{bad})); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(`!document.getElementById('error').hidden`, 10*time.Second)
	msg := eval[string](tb, `document.getElementById('error').textContent`)
	if !strings.Contains(msg, "<img src=x onerror=alert(1)>.png") || !strings.Contains(msg, "could not be read as an image") {
		t.Errorf("error message %q", msg)
	}
	if n := eval[int](tb, `document.querySelectorAll('#error *, img').length`); n != 0 {
		t.Errorf("the file name became HTML (%d elements)", n)
	}
	tb.shot("page-bad-file")
	tb.choose("sample", "text")
	tb.waitInfo("Level 109") // Otsu on text: the page works on
	if !eval[bool](tb, `document.getElementById('error').hidden`) {
		t.Error("the error stays after a good image")
	}
}

// A picture dropped anywhere on the page, or pasted, opens like a chosen file; dragging over the
// page marks the drop zone.
func TestPageDropAndPaste(t *testing.T) {
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	type marks struct{ Over, Left, Prevented bool }
	got := eval[marks](tb, `(async () => {
		const file = async (url, name) => new File([await (await fetch(url)).blob()], name, {type: 'image/png'});
		const dt = new DataTransfer(); dt.items.add(await file('samples/coins.png', 'dropped coins.png'));
		const zone = document.querySelector('[data-el="drop"]');
		window.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, cancelable: true}));
		const over = zone.classList.contains('dragover');
		window.dispatchEvent(new DragEvent('dragleave', {dataTransfer: dt}));
		const left = !zone.classList.contains('dragover');
		const drop = new DragEvent('drop', {dataTransfer: dt, cancelable: true});
		window.dispatchEvent(drop);
		return {over, left, prevented: drop.defaultPrevented}; })()`)
	if !got.Over || !got.Left || !got.Prevented {
		t.Errorf("drag marks and drop: %+v", got)
	}
	tb.waitInfo("Level 107")
	if c := eval[string](tb, `document.getElementById('originalCaption').textContent`); !strings.Contains(c, "dropped coins.png, 384×303") {
		t.Errorf("caption after the drop: %q", c)
	}
	eval[bool](tb, `(async () => {
		const dt = new DataTransfer();
		dt.items.add(new File([await (await fetch('samples/text.png')).blob()], 'x.png', {type: 'image/png'}));
		window.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt})); return true; })()`)
	tb.waitInfo("Level 109")
	if c := eval[string](tb, `document.getElementById('originalCaption').textContent`); !strings.Contains(c, "pasted image") {
		t.Errorf("caption after the paste: %q", c)
	}
}

// Try all: a thumbnail per global method with its level; a click selects the method.
func TestPageTryAll(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("tryAll"))); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, m := range eval[[]struct{ ID, Kind string }](tb, `limen.methods()`) {
		if m.Kind == "global" && m.ID != "manual" {
			want++
		}
	}
	tb.waitFor(fmt.Sprintf(`document.querySelectorAll('#tryall .tile canvas').length === %d`, want), 30*time.Second)
	if txt := eval[string](tb, `document.querySelector('#tryall .tile[data-method="otsu"]').textContent`); !strings.Contains(txt, "Otsu: 102") {
		t.Errorf("otsu tile says %q", txt)
	}
	tb.shot("page-tryall")
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(`#tryall .tile[data-method="iterative"]`))); err != nil {
		t.Fatal(err)
	}
	tb.waitInfo("iterations")
}

// The URL hash carries the view: a link reproduces it, the page keeps it current, garbage in it is
// reported and left out; embed.html shows the minimal view a hash describes.
func TestPageHashStateAndEmbed(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=coins&method=manual&level=90&type=binary-inv")
	tb.waitInfo("Level 90")
	if got := eval[string](tb, `document.getElementById('sample').value + '/' + document.getElementById('method').value + '/' + document.getElementById('type').value + '/' + document.getElementById('param-level').value`); got != "coins/manual/binary-inv/90" {
		t.Errorf("controls from the hash: %s", got)
	}
	tb.choose("method", "otsu")
	tb.waitInfo("Level 107")
	if h := eval[string](tb, `location.hash`); h != "#sample=coins&method=otsu&type=binary-inv" {
		t.Errorf("hash after choosing Otsu: %q", h)
	}
	// A new hash (a link followed on the page, or Back) shows its view.
	eval[bool](tb, `(location.hash = '#sample=text&method=otsu&type=binary', true)`)
	tb.waitInfo("Level 109")
	if got := eval[string](tb, `document.getElementById('sample').value + '/' + document.getElementById('type').value`); got != "text/binary" {
		t.Errorf("controls after the hash changed: %s", got)
	}

	bad := newTab(t)
	bad.open(`index.html#method=nope&level=abc&sample=%3Cimg%20src=x%3E&blur=4`)
	bad.waitInfo("Level 102") // the defaults: Otsu on the cameraman
	msg := eval[string](bad, `document.getElementById('error').textContent`)
	for _, want := range []string{"not understood", "method", "sample", "blur"} {
		if !strings.Contains(msg, want) {
			t.Errorf("garbage hash: message %q lacks %q", msg, want)
		}
	}
	if n := eval[int](bad, `document.querySelectorAll('#error *, img').length`); n != 0 {
		t.Errorf("hash text became HTML")
	}

	em := newTab(t)
	em.open("embed.html#sample=text&method=otsu&type=binary")
	em.waitInfo("Level 109")
	if href := eval[string](em, `document.getElementById('open-full').getAttribute('href')`); href != "index.html#sample=text&method=otsu&type=binary" {
		t.Errorf("embed's link to the full page: %q", href)
	}
	if n := eval[int](em, `document.querySelectorAll('select, input').length`); n != 0 {
		t.Errorf("the embed shows %d controls; it is configured by its hash", n)
	}
	em.shot("embed")
}

// A link's blur kernel is kept whether or not the menu lists it: blur=11 (not among the menu's
// sizes) is added to the menu in its place, stays in the URL when the method changes, and gives
// limen.threshold's pixels with blur {ksize: 11}. Any odd kernel the URL state accepts does the same.
func TestPageBlurFromLink(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=coins&method=otsu&blur=11")
	// The result canvas is limen.threshold's, on the same picture, with the options given.
	same := func(opts string) {
		t.Helper()
		tb.waitFor(fmt.Sprintf(`(() => { const c = document.getElementById('original'); const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
			const want = limen.threshold(img, %s).image.data;
			const r = document.getElementById('result'); if (r.width !== c.width || r.height !== c.height) return false;
			const got = r.getContext('2d').getImageData(0, 0, r.width, r.height).data;
			return got.every((v, i) => v === want[i]); })()`, opts), 20*time.Second)
	}
	// The menu: sizes in ascending order, each once, the link's among them and chosen.
	menu := func(k string) {
		t.Helper()
		type sel struct {
			Value  string
			Values []string
		}
		s := eval[sel](tb, `(() => { const b = document.getElementById('blur'); return {value: b.value, values: [...b.options].map(o => o.value)}; })()`)
		if s.Value != k {
			t.Errorf("blur menu shows %q, want %q (options %v)", s.Value, k, s.Values)
		}
		n := 0
		for i, v := range s.Values {
			if v == k {
				n++
			}
			if i > 0 && num(t, v) <= num(t, s.Values[i-1]) {
				t.Errorf("blur menu out of order: %v", s.Values)
			}
		}
		if n != 1 {
			t.Errorf("blur menu has %q %d times: %v", k, n, s.Values)
		}
	}
	tb.waitInfo("Level ")
	menu("11")
	same(`{method: 'otsu', blur: {ksize: 11}}`)
	tb.choose("method", "iterative")
	tb.waitInfo("iterations")
	if h := eval[string](tb, `location.hash`); !strings.Contains(h, "method=iterative") || !strings.Contains(h, "blur=11") {
		t.Errorf("hash after changing the method: %q, want method=iterative and blur=11", h)
	}
	menu("11")
	same(`{method: 'iterative', blur: {ksize: 11}}`)

	// Another link, followed on the page: the largest kernel, then the smallest.
	for _, k := range []string{"255", "1"} {
		eval[bool](tb, `(location.hash = '#sample=coins&method=otsu&blur=`+k+`', true)`)
		tb.waitFor(`document.getElementById('blur').value === `+jsString(k), 10*time.Second)
		tb.choose("type", "binary-inv")
		tb.waitFor(`location.hash.includes('type=binary-inv')`, 10*time.Second)
		if h := eval[string](tb, `location.hash`); !strings.Contains(h, "blur="+k) {
			t.Errorf("hash after changing the type: %q, want blur=%s", h, k)
		}
		menu(k)
		same(`{method: 'otsu', type: 'binary-inv', blur: {ksize: ` + k + `}}`)
	}
}

func num(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

// The compare view: another method beside the current one, and their difference image.
func TestPageCompare(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=coins&method=otsu&type=binary")
	tb.waitInfo("Level 107")
	eval[bool](tb, `(document.querySelector('details.compare').open = true, true)`)
	tb.choose("compare", "manual") // Manual's default level is 128
	tb.waitFor(`document.getElementById('compareCaption').textContent.includes('pixels differ')`, 20*time.Second)
	type res struct {
		Caption string
		Want    int
	}
	got := eval[res](tb, `(() => { const c = document.getElementById('original'); const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
		const a = limen.threshold(img, {method: 'otsu'}).image.data, b = limen.threshold(img, {method: 'manual', level: 128}).image.data;
		let n = 0; for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i]) n++;
		return {caption: document.getElementById('compareCaption').textContent, want: n}; })()`)
	if !strings.HasPrefix(got.Caption, fmt.Sprintf("%d of 116352 pixels differ", got.Want)) || got.Want == 0 {
		t.Errorf("compare caption %q, want %d differing pixels", got.Caption, got.Want)
	}
	// Comparing a method with itself gives an all-black difference.
	tb.choose("compare", "otsu")
	tb.waitFor(`document.getElementById('compareCaption').textContent.startsWith('0 of 116352')`, 20*time.Second)
	if n := eval[int](tb, `(() => { const c = document.getElementById('diff'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
		let lit = 0; for (let i = 0; i < d.length; i += 4) if (d[i]) lit++; return lit; })()`); n != 0 {
		t.Errorf("self-comparison lights %d pixels", n)
	}
	tb.choose("compare", "manual")
	tb.waitFor(`!document.getElementById('compareCaption').textContent.startsWith('0 of')`, 20*time.Second)
	tb.shot("page-compare")
}

// Live camera (Chromium's fake device): frames are thresholded with the current method and the
// frame rate is shown; changing the method applies to the next frames; stopping stops.
func TestPageLiveCamera(t *testing.T) {
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("camera"))); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(`/[0-9.]+ frames\/s/.test(document.getElementById('fps').textContent)`, 20*time.Second)
	fps := eval[string](tb, `document.getElementById('fps').textContent`)
	// The result is the current frame thresholded: compare the result canvas with limen on the
	// original canvas (both hold the last frame once it is drawn).
	tb.choose("method", "max-entropy")
	tb.waitFor(`(() => { const o = document.getElementById('original'), r = document.getElementById('result');
		if (o.width !== r.width) return false;
		const img = o.getContext('2d').getImageData(0, 0, o.width, o.height);
		const want = limen.threshold(img, {method: 'max-entropy'}).image.data, got = r.getContext('2d').getImageData(0, 0, r.width, r.height).data;
		return got.every((v, i) => v === want[i]); })()`, 20*time.Second)
	tb.shot("page-camera")
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("camera"))); err != nil {
		t.Fatal(err)
	}
	if txt := eval[string](tb, `document.getElementById('camera').textContent`); txt != "Live camera" {
		t.Errorf("after stopping, the button says %q", txt)
	}
	t.Logf("fake camera: %s", fps)
}

// Local methods in the page: Sauvola on unevenly lit text, its threshold surface, and the overlays
// of edge-guided and partition Otsu, on the layer over the result (the result canvas stays the result).
func TestPageLocalMethods(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=uneven_text&method=sauvola&type=binary&window=25")
	tb.waitInfo("Local method")
	same := `(opts, useSurface) => { const c = document.getElementById('original'); const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
		const r = limen.threshold(img, Object.assign({surface: true}, opts)); const want = (useSurface ? r.surface : r.image).data;
		const res = document.getElementById('result').getContext('2d').getImageData(0, 0, c.width, c.height).data;
		const l = document.getElementById('resultLayer'); if (useSurface && (!l || l.hidden)) return false;
		const got = useSurface ? l.getContext('2d').getImageData(0, 0, c.width, c.height).data : res;
		return got.every((v, i) => v === want[i]) && res.every((v, i) => v === r.image.data[i]); }`
	tb.waitFor(`(`+same+`)({method: 'sauvola', window: 25}, false)`, 10*time.Second)
	tb.shot("page-sauvola")
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("surface"))); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(`(`+same+`)({method: 'sauvola', window: 25}, true)`, 10*time.Second)
	if h := eval[string](tb, `location.hash`); !strings.Contains(h, "surface=1") {
		t.Errorf("hash %q lacks surface=1", h)
	}
	tb.shot("page-sauvola-surface")

	// Edge-guided Otsu: one level, and the edge mask drawn in red on the layer over the result.
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("surface"))); err != nil { // the result again
		t.Fatal(err)
	}
	tb.choose("method", "edge-otsu")
	tb.waitInfo("Level ")
	red := `(() => { const c = document.getElementById('resultLayer'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
		let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] === 230 && d[i+1] === 40 && d[i+2] === 40) n++; return n; })()`
	if n := eval[int](tb, red); n == 0 {
		t.Error("edge-otsu: no edge mask drawn")
	}
	want := eval[float64](tb, `(() => { const c = document.getElementById('original'); return limen.threshold(c.getContext('2d').getImageData(0, 0, c.width, c.height), {method: 'edge-otsu'}).level; })()`)
	if !strings.Contains(tb.info(), fmt.Sprintf("Level %v", want)) {
		t.Errorf("edge-otsu info %q, want level %v", tb.info(), want)
	}
	tb.shot("page-edge-otsu")
	tb.choose("method", "partition-otsu")
	tb.waitFor(red+` > 0 && document.getElementById('info').textContent.startsWith('Local')`, 10*time.Second)
	tb.shot("page-partition-otsu")
}

// A link's reference is what the page computes and shows: Doxa's Niblack with Doxa's own
// parameters on a degraded page, pixel for pixel limen.threshold's, its parameters' sliders and
// the "Exact to" line Doxa's; and choosing another method drops the reference from the URL.
func TestPageReferenceFromLink(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.open("index.html#sample=doc-2&method=niblack&reference=doxa&window=31&k=-0.3")
	tb.waitInfo("Local method")
	tb.waitFor(`(() => { const c = document.getElementById('original'); const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
		const want = limen.threshold(img, {method: 'niblack', reference: 'doxa', window: 31, k: -0.3}).image.data;
		const got = document.getElementById('result').getContext('2d').getImageData(0, 0, c.width, c.height).data;
		return got.every((v, i) => v === want[i]); })()`, 10*time.Second)
	if about := eval[string](tb, `document.getElementById('about').textContent`); !strings.Contains(about, "Δoxa") {
		t.Errorf("the method's description does not name Doxa: %q", about)
	}
	if h := eval[string](tb, `location.hash`); !strings.Contains(h, "reference=doxa") || !strings.Contains(h, "k=-0.3") {
		t.Errorf("hash %q lost the reference or its k", h)
	}
	eval[bool](tb, `(() => { const m = document.getElementById('method'); m.value = 'sauvola';
		m.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	tb.waitFor(`location.hash.includes('method=sauvola') && !location.hash.includes('reference=')`, 10*time.Second)
}
