//go:build !js

package e2e

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The single file (./build.sh dist → dist/limen.html) is the whole page, opened from disk: these
// tests build it from the built site, copy it alone into an empty folder and open it by file://.

// buildDist runs wasm/cmd/dist and returns the path of limen.html, alone in its folder.
func buildDist(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	cmd := exec.Command("go", "run", "./wasm/cmd/dist", "-site", "web", "-out", out)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("dist: %v\n%s", err, b)
	}
	b, err := os.ReadFile(filepath.Join(out, "limen.html"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "limen.html")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// recordWorkers, run in the page before its own scripts, keeps the URL of every Worker it starts.
const recordWorkers = `window.__workerURLs = [];
window.Worker = class extends window.Worker { constructor(u, o) { super(u, o); window.__workerURLs.push(String(u)); } };`

// noWorkers, run in the page before its own scripts, makes it a browser that starts no worker.
const noWorkers = `window.Worker = function () { throw new Error('no workers in this test'); };`

// openDist opens the single file in a new tab (query: "" or "?lesson"), running first a script
// (recordWorkers, noWorkers).
func openDist(t *testing.T, file, query, first string) *tab {
	t.Helper()
	tb := newTab(t)
	if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: first}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Navigate("file://"+file+query)); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(`typeof limenReady !== 'undefined' && limenReady.then(() => true)`, 30*time.Second)
	return tb
}

// blobWorkers says whether a page of the single file started its compute workers as it should:
// the pool's start-up probe and at least one pool worker, all from one blob: URL.
func blobWorkers(urls []string) bool {
	if len(urls) < 2 || !strings.HasPrefix(urls[0], "blob:") {
		return false
	}
	for _, u := range urls {
		if u != urls[0] {
			return false
		}
	}
	return true
}

// onlyItself fails the test for a request of the single file's tab beyond the file itself and the
// data: and blob: URLs it makes.
func onlyItself(tb *tab, file string) {
	tb.t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, u := range tb.requests {
		if !strings.HasPrefix(u, "file://"+file) && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			tb.t.Errorf("the single file requested %s", u)
		}
	}
}

// pageImage is the page's original picture as an ImageData (JS).
const pageImage = `(() => { const c = document.getElementById('original'); return c.getContext('2d').getImageData(0, 0, c.width, c.height); })()`

// TestDistFromDisk: from file://, the single file computes in pool workers started from a blob: URL,
// and try-all, compare, the histogram and the lesson link work (issue 12, bullet 8).
func TestDistFromDisk(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	file := buildDist(t)
	tb := openDist(t, file, "", recordWorkers)
	distWaitInfo(tb, "Level 102")
	if c := eval[string](tb, `document.documentElement.dataset.compute`); c != "worker" {
		t.Fatalf("compute path %q, want worker", c)
	}
	if urls := eval[[]string](tb, `window.__workerURLs`); !blobWorkers(urls) {
		t.Fatalf("workers started from %v, want the pool's (and its probe) from one blob: URL", urls)
	}

	t.Run("histogram", func(t *testing.T) {
		tb.t = t
		if n := eval[int](tb, `(() => { const c = document.getElementById('hist'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
			let red = 0; for (let i = 0; i < d.length; i += 4) if (d[i] > 150 && d[i+1] < 90 && d[i+2] < 90 && d[i+3] > 200) red++; return red; })()`); n < 100 {
			t.Errorf("histogram has %d red marker pixels", n)
		}
	})

	t.Run("try all", func(t *testing.T) {
		tb.t = t
		if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS("#tryAll"))); err != nil {
			t.Fatal(err)
		}
		want := eval[int](tb, `limen.methods().filter(m => m.kind === 'global' && m.id !== 'manual').length`)
		tb.waitFor(fmt.Sprintf(`document.querySelectorAll('#tryall .tile').length === %d`, want), 60*time.Second)
		type tiles struct {
			Bad     []string
			Otsu    int // distinct values in Otsu's thumbnail
			Checked int
		}
		got := eval[tiles](tb, `(() => {
			const img = `+pageImage+`;
			const fmt = (l) => l === null ? 'local' : Array.isArray(l) ? l.join(', ') : Number.isInteger(l) ? String(l) : l.toFixed(2);
			const bad = []; let otsu = 0, checked = 0;
			for (const tile of document.querySelectorAll('#tryall .tile')) {
				const id = tile.dataset.method, cap = tile.querySelector('span').textContent;
				const m = limen.methods().find((m) => m.id === id);
				const want = m.name + ': ' + fmt(limen.threshold(img, {method: id, image: false, criterion: false}).level) + ' · ';
				if (!cap.startsWith(want)) bad.push(id + ': ' + JSON.stringify(cap) + ', want ' + JSON.stringify(want + '…'));
				const cv = tile.querySelector('canvas');
				if (!cv || cv.width < 2) { bad.push(id + ': no thumbnail'); continue; }
				if (id === 'otsu') otsu = new Set(cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data.filter((v, i) => i % 4 === 0)).size;
				checked++;
			}
			return {bad, otsu, checked};
		})()`)
		for _, b := range got.Bad {
			t.Error(b)
		}
		if got.Checked != want || got.Otsu != 2 {
			t.Errorf("%d of %d tiles with thumbnails; Otsu's thumbnail has %d values, want 2 (black and white)", got.Checked, want, got.Otsu)
		}
	})

	t.Run("compare", func(t *testing.T) {
		tb.t = t
		eval[bool](tb, `document.querySelector('details.compare').open = true`)
		tb.choose("compare", "li")
		tb.waitFor(`document.getElementById('compareCaption').textContent.includes('pixels differ')`, 30*time.Second)
		type cmp struct {
			Same         bool
			Diff, Differ int
		}
		got := eval[cmp](tb, `(() => {
			const img = `+pageImage+`, W = img.width, H = img.height;
			const read = (id) => { const c = document.getElementById(id); return c.width === W && c.height === H ? c.getContext('2d').getImageData(0, 0, W, H).data : null; };
			const li = limen.threshold(img, {method: 'li'}).image.data, other = read('resultB'), diff = read('diff'), res = read('result');
			if (!other || !diff || !res) return {same: false, diff: -1, differ: -1};
			let d = 0, n = 0;
			for (let i = 0; i < li.length; i += 4) { if (diff[i] === 255) d++; if (res[i] !== other[i]) n++; }
			return {same: other.every((v, i) => v === li[i]), diff: d, differ: n};
		})()`)
		if !got.Same {
			t.Error("the other method's canvas is not limen.threshold's Li")
		}
		if got.Diff == 0 || got.Diff != got.Differ {
			t.Errorf("difference image: %d white pixels, %d pixels differ between the results", got.Diff, got.Differ)
		}
	})

	t.Run("lesson link", func(t *testing.T) {
		tb.t = t
		if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(`footer a[href="?lesson"]`))); err != nil {
			t.Fatal(err)
		}
		tb.waitFor(`location.search === '?lesson' && document.body.className === 'lesson' && typeof limenReady !== 'undefined' && limenReady.then(() => true)`, 30*time.Second)
		src, err := os.ReadFile(filepath.Join(siteDir, "lesson.html"))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Count(string(src), `<div class="limen-widget`)
		if n := eval[int](tb, `document.querySelectorAll('.limen-widget').length`); n != want || want < 9 {
			t.Fatalf("%d lesson widgets, want lesson.html's %d", n, want)
		}
		if m := eval[string](tb, `document.documentElement.dataset.module || ''`); m != "lesson" {
			t.Errorf("the single file's lesson runs module %q, want lesson", m)
		}
		tb.waitFor(`document.querySelector('#otsu [data-el="info"]').textContent.includes('Level 107')`, 30*time.Second)
		tb.waitFor(`document.querySelector('#basic [data-el="info"]').textContent.includes('Level 103.07 after 4 iterations')`, 30*time.Second)
		if !eval[bool](tb, `(() => { const q = (n) => document.querySelector('#otsu [data-el="' + n + '"]');
			const o = q('original'), r = q('result'); const img = o.getContext('2d').getImageData(0, 0, o.width, o.height);
			const want = limen.threshold(img, {method: 'otsu'}).image.data, got = r.getContext('2d').getImageData(0, 0, r.width, r.height).data;
			return got.length === want.length && got.every((v, i) => v === want[i]); })()`) {
			t.Error("the lesson's Otsu widget differs from limen.threshold")
		}
		if c := eval[string](tb, `document.documentElement.dataset.compute`); c != "worker" {
			t.Errorf("the lesson computes on %q", c)
		}
		if urls := eval[[]string](tb, `window.__workerURLs`); !blobWorkers(urls) {
			t.Errorf("the lesson's workers: %v", urls)
		}
		// And back to the tool.
		if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(`footer a[href="?"]`))); err != nil {
			t.Fatal(err)
		}
		tb.waitFor(`location.search === '' && document.getElementById('tryAll') !== null`, 30*time.Second)
		distWaitInfo(tb, "Level 102")
	})
	onlyItself(tb, file)
}

// TestDistWithoutWorkers: where the browser starts no worker, the single file computes on the page
// and says so, and what it cannot do then.
func TestDistWithoutWorkers(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	file := buildDist(t)
	tb := openDist(t, file, "", noWorkers)
	distWaitInfo(tb, "Level 102")
	if c := eval[string](tb, `document.documentElement.dataset.compute`); c != "page" {
		t.Errorf("compute path %q, want page", c)
	}
	if note := eval[string](tb, `document.querySelector('footer').textContent`); !strings.Contains(note, "would not start a worker here: JavaScript error: no workers in this test") ||
		!strings.Contains(note, "try-all and compare need the worker") {
		t.Errorf("the footer says %q", note)
	}
	tb.choose("method", "max-entropy")
	distWaitInfo(tb, "Level 140")
	onlyItself(tb, file)
}

// TestDistCarriesTheSite: every file the service worker keeps for offline use (web/sw.js's list)
// is inside the single file, byte for byte, or named on the page as left out, with why.
func TestDistCarriesTheSite(t *testing.T) {
	file := buildDist(t)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	sw, err := os.ReadFile(filepath.Join(siteDir, "sw.js"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)const SHELL = \[(.*?)\]`).FindSubmatch(sw)
	if m == nil {
		t.Fatal("sw.js: no SHELL list")
	}
	shell := regexp.MustCompile(`'([^']+)'`).FindAllStringSubmatch(string(m[1]), -1)
	samples, _ := filepath.Glob(filepath.Join(siteDir, "samples", "*.png"))
	names := []string{}
	for _, s := range shell {
		names = append(names, s[1])
	}
	for _, s := range samples {
		names = append(names, "samples/"+filepath.Base(s))
	}
	if len(names) < 20 {
		t.Fatalf("only %d files to check: %v", len(names), names)
	}
	left := regexp.MustCompile(`<li><code>([^<]+)</code>: [^<]+</li>`).FindAllStringSubmatch(html, -1)
	leftOut := map[string]bool{}
	for _, l := range left {
		leftOut[l[1]] = true
	}
	for _, name := range names {
		if leftOut[name] {
			continue
		}
		var carried bool
		switch content, _ := os.ReadFile(filepath.Join(siteDir, name)); {
		case name == "index.html":
			carried = strings.Contains(html, `id="tryAll"`)
		case name == "lesson.html":
			carried = strings.Contains(html, `<template id="limen-lesson"`) && strings.Contains(html, `data-widget="lesson"`)
		case strings.HasSuffix(name, ".wasm"):
			module := strings.TrimSuffix(name, ".wasm")
			carried = len(content) > 0 && bytes.Equal(embeddedWasm(t, html, module), content)
		case strings.HasSuffix(name, ".js"):
			carried = strings.Contains(html, `data-file="`+name+`">`+string(content)+`</script>`)
		case strings.HasSuffix(name, ".css"):
			carried = len(content) > 0 && strings.Contains(html, `<style>`+string(content))
		case strings.HasSuffix(name, ".png"):
			carried = len(content) > 0 && strings.Contains(html, `'data:image/png;base64,`+base64.StdEncoding.EncodeToString(content)+`'`)
		}
		if !carried {
			t.Errorf("%s is neither in the single file nor named as left out", name)
		}
	}
}

// embeddedWasm is the module `name` the single file carries (gzip, base64, in its #limen-wasm
// script for limen, #limen-wasm-NAME for another).
func embeddedWasm(t *testing.T, html, name string) []byte {
	id := "limen-wasm"
	if name != "limen" {
		id += "-" + name
	}
	m := regexp.MustCompile(`<script id="` + id + `">[^<]*?\['` + name + `'\] = '([A-Za-z0-9+/=]+)';`).FindStringSubmatch(html)
	if m == nil {
		t.Errorf("no #%s script with the module %s", id, name)
		return nil
	}
	gz, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil {
		t.Fatal(err)
	}
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDistScreenshots: the single file's tool and lesson at a laptop's and a phone's size.
func TestDistScreenshots(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	file := buildDist(t)
	for _, size := range [][2]int64{{1366, 900}, {390, 844}} {
		for _, q := range []string{"", "?lesson"} {
			tb := newTab(t)
			opts := []chromedp.EmulateViewportOption{}
			if size[0] < 500 {
				opts = append(opts, chromedp.EmulateMobile)
			}
			if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(size[0], size[1], opts...), chromedp.Navigate("file://"+file+q)); err != nil {
				t.Fatal(err)
			}
			if q == "" {
				distWaitInfo(tb, "Level 102")
				if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS("#tryAll"))); err != nil {
					t.Fatal(err)
				}
				tb.waitFor(`document.querySelectorAll('#tryall .tile canvas').length > 10`, 60*time.Second)
			} else {
				tb.waitFor(`[...document.querySelectorAll('.limen-widget [data-el="info"]')].every(e => e.textContent !== '') && document.querySelector('#reading [data-el="result"]').width === 135`, 90*time.Second)
			}
			if !eval[bool](tb, `document.getElementById('error') === null || document.getElementById('error').hidden`) {
				t.Errorf("%v%s: error shown: %s", size, q, eval[string](tb, `document.getElementById('error').textContent`))
			}
			name := fmt.Sprintf("dist-%dx%d", size[0], size[1])
			if q != "" {
				name += "-lesson"
			}
			tb.shot(name)
			onlyItself(tb, file)
		}
	}
}

// distWaitInfo waits for the page's info line to say substr. The single file starts its module
// twice (the page and its worker each unpack and compile it), which on a loaded machine takes a
// while.
func distWaitInfo(tb *tab, substr string) {
	tb.t.Helper()
	tb.waitFor(fmt.Sprintf(`document.getElementById('info').textContent.includes(%s)`, jsString(substr)), 90*time.Second)
}
