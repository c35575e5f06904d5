//go:build !js

package e2e

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The page's lab (wasm/lab.go, labrank.go): the library menu, the call, the ground truth and its
// scores, the error map, and Rank all.

// labJS are the tests' helpers in the page: the original picture, the result, a PNG of the site as
// ImageData, and whether the result equals limen.threshold's with some options.
const labJS = `window.T = {
	canvas(id) { const c = document.getElementById(id); return c.getContext('2d').getImageData(0, 0, c.width, c.height); },
	async png(url) { const b = await (await fetch(url)).blob();
		const bm = await createImageBitmap(b, {colorSpaceConversion: 'none', premultiplyAlpha: 'none'});
		const c = new OffscreenCanvas(bm.width, bm.height), g = c.getContext('2d'); g.drawImage(bm, 0, 0);
		return g.getImageData(0, 0, bm.width, bm.height); },
	same(opts) { const want = limen.threshold(T.canvas('original'), opts).image.data, got = T.canvas('result').data;
		return got.length === want.length && got.every((v, i) => v === want[i]); },
	options(sel) { return [...document.querySelectorAll(sel + ' option')].map(o => o.value); },
	shown(id) { return document.getElementById(id).getClientRects().length > 0; },
}; true`

// waitErr is waitFor that returns its failure instead of ending the test.
func (tb *tab) waitErr(expr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if ok, err := evalErr[bool](tb, "(async () => !!(await ("+expr+")))()"); err == nil && ok {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("timed out waiting for %s", short(expr))
}

func (tb *tab) lab(page string) {
	tb.t.Helper()
	tb.open(page)
	eval[bool](tb, labJS)
}

// The library menu: beside the method where it offers more than one reference, not elsewhere;
// choosing a library brings its parameters, the URL carries it, the result is limen.threshold's
// with it, and the description is that library's.
func TestLabLibrarySelector(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.lab("index.html#sample=doc-2&method=otsu")
	tb.waitInfo("Level ")
	if got := eval[[]string](tb, `T.options('#reference')`); strings.Join(got, ",") != "opencv,doxa,skimage,imagej" || !eval[bool](tb, `T.shown('reference')`) {
		t.Errorf("otsu: library menu %v (shown %v)", got, eval[bool](tb, `T.shown('reference')`))
	}
	for _, c := range []struct {
		method string
		libs   string // "" when the menu must be hidden
	}{
		{"triangle", "opencv,skimage,imagej"}, {"isodata", "imagej,skimage"}, {"niblack", "skimage,doxa"},
		{"bernsen", "fiji,doxa"}, {"wolf", "paper,doxa"}, {"adaptive-mean", "opencv,skimage"},
		{"manual", ""}, {"nick", ""}, {"huang", ""}, {"sauvola", "skimage,doxa"},
	} {
		tb.choose("method", c.method)
		shown := eval[bool](tb, `T.shown('reference')`)
		if c.libs == "" {
			if shown {
				t.Errorf("%s: the library menu is shown for a single-library method", c.method)
			}
			continue
		}
		if got := strings.Join(eval[[]string](tb, `T.options('#reference')`), ","); !shown || got != c.libs {
			t.Errorf("%s: library menu %q (shown %v), want %q", c.method, got, shown, c.libs)
		}
	}
	// Sauvola: scikit-image's window, k, r; Doxa's window and k.
	params := `[...document.querySelectorAll('#params input[data-param]')].map(i => i.dataset.param + '=' + i.value).join(',')`
	if got := eval[string](tb, params); got != "window=15,k=0.2,r=127.5" {
		t.Errorf("sauvola with skimage: sliders %s", got)
	}
	tb.choose("reference", "doxa")
	tb.waitFor(`location.hash.includes('reference=doxa')`, 10*time.Second)
	if got := eval[string](tb, params); got != "window=75,k=0.2" {
		t.Errorf("sauvola with doxa: sliders %s", got)
	}
	tb.waitFor(`T.same({method: 'sauvola', reference: 'doxa'})`, 20*time.Second)
	about := eval[string](tb, `document.getElementById('about').textContent`)
	if !strings.Contains(about, "σ/128") || strings.Contains(about, "σ/r") || !strings.Contains(about, "Δoxa Binarization Framework") {
		t.Errorf("sauvola with doxa: the description is not Doxa's: %q", about)
	}
	// A slider of Doxa's parameters moves Doxa's Sauvola.
	eval[bool](tb, `(() => { const i = document.getElementById('param-window'); i.value = 31; i.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)
	tb.waitFor(`location.hash.includes('reference=doxa') && location.hash.includes('window=31')`, 10*time.Second)
	tb.waitFor(`T.same({method: 'sauvola', reference: 'doxa', window: 31})`, 20*time.Second)
	// Back to the default library: no reference in the URL, scikit-image's sliders.
	tb.choose("reference", "skimage")
	tb.waitFor(`!location.hash.includes('reference=')`, 10*time.Second)
	if got := eval[string](tb, params); got != "window=15,k=0.2,r=127.5" {
		t.Errorf("sauvola back with skimage: sliders %s", got)
	}
	tb.waitFor(`T.same({method: 'sauvola'})`, 20*time.Second)
	// A link's reference shows in the menu.
	tb.lab("index.html#sample=camera&method=triangle&reference=imagej")
	tb.waitInfo("Level ")
	if v := eval[string](tb, `document.getElementById('reference').value`); v != "imagej" {
		t.Errorf("link with reference=imagej: menu says %q", v)
	}
	tb.waitFor(`T.same({method: 'triangle', reference: 'imagej'})`, 20*time.Second)
}

// Show the call: the code for the current view, as wasm/internal/call writes it, following the menu.
func TestLabShowTheCall(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.lab("index.html#sample=camera&method=otsu&type=binary")
	tb.waitInfo("Level 102")
	callText := `document.getElementById('call').textContent`
	want := `import cv2

gray = cv2.cvtColor(cv2.imread("picture.png"), cv2.COLOR_BGR2GRAY)
level, result = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
cv2.imwrite("result.png", result)
`
	if got := eval[string](tb, callText); got != want {
		t.Errorf("otsu: call\n%s\nwant\n%s", got, want)
	}
	if got := eval[string](tb, `document.getElementById('callLang').textContent`); got != "Python, OpenCV" {
		t.Errorf("otsu: language %q", got)
	}
	tb.choose("reference", "imagej")
	tb.choose("type", "tozero")
	tb.waitFor(`location.hash.includes('type=tozero')`, 10*time.Second)
	want = `open("picture.png");
// limen's gray is OpenCV's BT.601: ImageJ's 8-bit conversion of a colour picture differs, so start from a gray one
run("8-bit");
setAutoThreshold("Otsu");
getThreshold(lower, level); // foreground is v > level
resetThreshold(); // else the PNG is the picture as shown, the threshold painted red
changeValues(0, level, 0);
saveAs("PNG", "result.png");
`
	tb.waitFor(`document.getElementById('call').textContent === `+jsString(want), 10*time.Second)
	tb.lab("index.html#sample=doc-1&method=sauvola&reference=doxa&window=31")
	tb.waitInfo("Local method")
	want = `#include "Doxa/Sauvola.hpp"
#include "Doxa/PNM.hpp"
using namespace Doxa;

int main()
{
	// an 8-bit gray PGM, made gray as limen does (OpenCV's BT.601; Doxa's own conversions differ)
	Image gray = PNM::Read("picture.pgm");
	Image binary = Sauvola::ToBinaryImage(gray, Parameters({{"window", 31}, {"k", 0.2}}));
	PNM::Write(binary, "result.pgm");
	return 0;
}
`
	if got := eval[string](tb, callText); got != want {
		t.Errorf("sauvola with doxa: call\n%s\nwant\n%s", got, want)
	}
	tb.choose("method", "edge-otsu")
	tb.waitFor(`document.getElementById('callLang').textContent === 'No library equivalent'`, 10*time.Second)
	if got := eval[string](tb, callText); !strings.Contains(got, "no library has it") {
		t.Errorf("edge-otsu: %q", got)
	}
	// The copy button copies the call (or says it did where the clipboard is not granted).
	eval[bool](tb, `(document.getElementById('callBox').open = true, document.getElementById('callCopy').click(), true)`)
	tb.waitFor(`document.getElementById('callCopy').textContent === 'Copied'`, 5*time.Second)
}

// scoreKeys are limen.evaluate's figures the page shows.
var scoreKeys = []string{"fmeasure", "psnr", "drd", "precision", "recall", "mcc", "nrm"}

// A sample's own ground truth: the scores are limen.evaluate's of the page's result, and the error
// map colours exactly the false positives and false negatives, with their counts.
func TestLabGroundTruthScores(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.lab("index.html#sample=doc-1&method=sauvola&reference=doxa")
	tb.waitInfo("Local method")
	tb.waitFor(`document.getElementById('truthName').textContent.includes("own")`, 20*time.Second)
	tb.waitFor(`document.querySelector('#scores td[data-key=fmeasure]') && T.same({method: 'sauvola', reference: 'doxa'})`, 20*time.Second)
	eval[bool](tb, `T.png('samples/doc-1_gt.png').then(g => (window.GT = g, true))`)
	check := func(what string) {
		t.Helper()
		type got struct {
			Page, Want map[string]float64
			FP, FN     [2]int // the map's pixels, the legend's count
			E          map[string]float64
		}
		g := eval[got](tb, `(() => { const want = limen.evaluate(T.canvas('result'), GT), page = {};
			for (const td of document.querySelectorAll('#scores td[data-key]')) page[td.dataset.key] = Number(td.dataset.value);
			const m = T.canvas('errorMap').data; let fp = 0, fn = 0;
			for (let i = 0; i < m.length; i += 4) { if (m[i] === 0 && m[i+1] === 114 && m[i+2] === 178) fp++; if (m[i] === 230 && m[i+1] === 159 && m[i+2] === 0) fn++; }
			return {Page: page, Want: want, FP: [fp, +document.getElementById('fpCount').textContent], FN: [fn, +document.getElementById('fnCount').textContent], E: want}; })()`)
		for _, k := range scoreKeys {
			if g.Page[k] != g.Want[k] {
				t.Errorf("%s: %s on the page %v, limen.evaluate %v", what, k, g.Page[k], g.Want[k])
			}
		}
		if g.FP != [2]int{int(g.E["fp"]), int(g.E["fp"])} || g.FN != [2]int{int(g.E["fn"]), int(g.E["fn"])} || g.E["fp"] == 0 || g.E["fn"] == 0 {
			t.Errorf("%s: error map fp %v fn %v (map, legend), limen.evaluate fp %v fn %v", what, g.FP, g.FN, g.E["fp"], g.E["fn"])
		}
	}
	check("doc-1, Doxa's Sauvola")
	// Another method: the scores follow the result.
	tb.choose("method", "otsu")
	tb.waitInfo("Level ")
	tb.waitFor(`T.same({method: 'otsu'})`, 20*time.Second)
	tb.waitFor(`Number(document.querySelector('#scores td[data-key=fmeasure]').dataset.value) === limen.evaluate(T.canvas('result'), GT).fmeasure`, 10*time.Second)
	check("doc-1, Otsu")
	tb.shot("lab-scores")

	// A file dropped on the ground truth's area is the ground truth, not a new picture.
	caption := eval[string](tb, `document.getElementById('originalCaption').textContent`)
	eval[bool](tb, `(async () => { const b = await (await fetch('samples/doc-1_gt.png')).blob(); const dt = new DataTransfer();
		dt.items.add(new File([b], 'dropped_gt.png', {type: 'image/png'}));
		document.getElementById('truthDrop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true})); return true; })()`)
	tb.waitFor(`document.getElementById('truthName').textContent.includes('dropped_gt.png')`, 10*time.Second)
	if got := eval[string](tb, `document.getElementById('originalCaption').textContent`); got != caption {
		t.Errorf("a drop on the ground truth's area changed the picture: %q, was %q", got, caption)
	}
	check("doc-1, dropped truth")
}

// A picture, its ground truth and DIBCO weights chosen as files: pseudo-F is limen.evaluate's with
// the weights (Doxa's own test page, its weights files).
func TestLabWeightsFiles(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	dir := t.TempDir()
	for _, n := range []string{"doc1_gt_PWeights.dat", "doc1_gt_RWeights.dat"} {
		f, err := os.Open(filepath.Join(labDir, "docs", n+".gz"))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	tb := newTab(t)
	tb.lab("index.html#method=sauvola&reference=doxa")
	tb.waitInfo("Local method") // the default sample first: its late arrival would replace the file
	if err := chromedp.Do(tb.ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{abs(filepath.Join(labDir, "docs", "doc1.png"))})); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(`document.getElementById('originalCaption').textContent.includes('doc1.png') && T.same({method: 'sauvola', reference: 'doxa'})`, 40*time.Second)
	if err := chromedp.Do(tb.ctx, chromedp.SetUploadFiles(chromedp.CSS("#truthFile"), []string{abs(filepath.Join(labDir, "docs", "doc1_gt.png"))})); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(`document.getElementById('truthName').textContent.includes('doc1_gt.png') && T.shown('weightsRecall')`, 20*time.Second)
	for id, n := range map[string]string{"weightsRecall": "doc1_gt_RWeights.dat", "weightsPrecision": "doc1_gt_PWeights.dat"} {
		if err := chromedp.Do(tb.ctx, chromedp.SetUploadFiles(chromedp.CSS("#"+id), []string{filepath.Join(dir, n)})); err != nil {
			t.Fatal(err)
		}
	}
	if err := tb.waitErr(`document.querySelector('#scores td[data-key=pseudoFmeasure]')`, 20*time.Second); err != nil {
		t.Fatalf("no pseudo F-measure: %v; the page says %q", err, eval[string](tb, `document.getElementById('error').textContent`))
	}
	eval[bool](tb, `(async () => { window.GT = await T.png('__lab/docs/doc1_gt.png');
		const f = async (n) => new Float64Array(await (await fetch('__lab/f64/docs/' + n)).arrayBuffer());
		window.W = {precision: await f('doc1_gt_PWeights.dat'), recall: await f('doc1_gt_RWeights.dat')}; return true; })()`)
	got := eval[[2]float64](tb, `[Number(document.querySelector('#scores td[data-key=pseudoFmeasure]').dataset.value),
		limen.evaluate(T.canvas('result'), GT, {weights: W}).pseudoFmeasure]`)
	if got[0] != got[1] || got[0] == 0 {
		t.Errorf("pseudo-F on the page %v, limen.evaluate %v", got[0], got[1])
	}
}

// Rank all: every method, sorted by F-measure, each row's F limen.evaluate's of limen.threshold's
// binary picture; a row selects its method; the CSV has a header and a row per method; Cancel stops.
func TestLabRankAll(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	tb := newTab(t)
	tb.lab("index.html#sample=doc-1&method=otsu")
	tb.waitInfo("Level ")
	tb.waitFor(`T.shown('rankRun')`, 20*time.Second)
	n := eval[int](tb, `limen.methods().length`)
	eval[bool](tb, `(document.getElementById('rankRun').click(), true)`)
	tb.waitFor(`document.getElementById('rankStatus').textContent.startsWith('Done')`, 150*time.Second)
	type row struct {
		Method, Reference string
		F                 float64
		Want              float64
		Cells             map[string]string // the row as shown, by column
	}
	rows := eval[[]row](tb, `T.png('samples/doc-1_gt.png').then(gt => [...document.querySelectorAll('#rankTable tbody tr')].map(tr => {
		const m = tr.dataset.method, r = limen.threshold(T.canvas('original'), {method: m, type: 'binary'});
		return {Method: m, Reference: tr.dataset.reference, F: Number(tr.querySelector('td[data-key=fmeasure]').dataset.value),
			Want: limen.evaluate(r.image, gt).fmeasure,
			Cells: Object.fromEntries([...tr.querySelectorAll('td[data-key]')].map(td => [td.dataset.key, td.textContent]))}; }))`)
	if len(rows) != n {
		t.Fatalf("%d rows, want one per method (%d)", len(rows), n)
	}
	seen := map[string]bool{}
	for i, r := range rows {
		seen[r.Method] = true
		if r.F != r.Want {
			t.Errorf("%s: F %v in the table, limen.evaluate %v", r.Method, r.F, r.Want)
		}
		if i > 0 && r.F > rows[i-1].F {
			t.Errorf("row %d (%s, F %v) above row %d (%s, F %v): not sorted", i, r.Method, r.F, i-1, rows[i-1].Method, rows[i-1].F)
		}
	}
	if len(seen) != n {
		t.Errorf("%d distinct methods in %d rows", len(seen), n)
	}
	// The ranked table of the generated page doc-1, as the page shows it (go test -v prints it).
	var table strings.Builder
	table.WriteString("\n| rank | method | reference | F | PSNR | DRD |\n|---|---|---|---|---|---|\n")
	for i, r := range rows {
		fmt.Fprintf(&table, "| %d | %s | %s | %s | %s | %s |\n", i+1, r.Method, r.Reference, r.Cells["fmeasure"], r.Cells["psnr"], r.Cells["drd"])
	}
	t.Log(table.String())
	csv := eval[string](tb, `fetch(document.getElementById('rankCsv').href).then(r => r.text())`)
	lines := strings.Split(strings.TrimSuffix(csv, "\n"), "\n")
	if len(lines) != n+1 || !strings.HasPrefix(lines[0], "rank,method,reference,fmeasure,") {
		t.Errorf("CSV: %d lines, header %q", len(lines), lines[0])
	} else if f := strings.Split(lines[1], ","); f[1] != rows[0].Method || f[3] != fmt.Sprint(rows[0].F) && f[3] != fmt.Sprintf("%v", rows[0].F) {
		t.Errorf("CSV's first row %q, table's first %s F %v", lines[1], rows[0].Method, rows[0].F)
	}
	tb.shot("lab-rank")
	// A row selects its method.
	eval[bool](tb, `(document.querySelector('#rankTable tbody tr[data-method=sauvola]').click(), true)`)
	tb.waitFor(`document.getElementById('method').value === 'sauvola' && location.hash.includes('method=sauvola')`, 10*time.Second)
	tb.waitFor(`T.same({method: 'sauvola'})`, 20*time.Second)

	// Cancel: the run stops before the next method.
	eval[bool](tb, `(document.getElementById('rankRun').click(), true)`)
	tb.waitFor(`document.querySelectorAll('#rankTable tbody tr').length >= 1`, 30*time.Second)
	eval[bool](tb, `(document.getElementById('rankCancel').click(), true)`)
	tb.waitFor(`document.getElementById('rankStatus').textContent.startsWith('Cancelled')`, 10*time.Second)
	stopped := eval[int](tb, `document.querySelectorAll('#rankTable tbody tr').length`)
	if stopped >= n {
		t.Fatalf("cancelled, yet %d of %d rows", stopped, n)
	}
	// The worker answers in order: once a later request's result is drawn, no rank answer is pending.
	tb.choose("type", "binary-inv")
	tb.waitFor(`location.hash.includes('type=binary-inv') && T.same({method: 'sauvola', type: 'binary-inv'})`, 20*time.Second)
	if now := eval[int](tb, `document.querySelectorAll('#rankTable tbody tr').length`); now != stopped || eval[bool](tb, `T.shown('rankCancel')`) {
		t.Errorf("after Cancel the run went on: %d rows, then %d", stopped, now)
	}
}

// Screenshots of the lab at a laptop's and a phone's size (testout/lab-*.png).
func TestLabScreenshots(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	for _, v := range []struct {
		w, h   int64
		mobile bool
	}{{1366, 900, false}, {390, 844, true}} {
		tb := newTab(t)
		opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
		if v.mobile {
			opts = append(opts, chromedp.EmulateMobile)
		}
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(v.w, v.h, opts...)); err != nil {
			t.Fatal(err)
		}
		tb.lab("index.html#sample=doc-2&method=sauvola&reference=doxa")
		tb.waitFor(`document.querySelector('#scores td[data-key=fmeasure]')`, 30*time.Second)
		eval[bool](tb, `(document.getElementById('callBox').open = true, document.getElementById('rankRun').click(), true)`)
		tb.waitFor(`document.getElementById('rankStatus').textContent.startsWith('Done')`, 150*time.Second)
		tb.shot(fmt.Sprintf("lab-%dx%d", v.w, v.h))
	}
}
