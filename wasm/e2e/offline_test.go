//go:build !js

package e2e

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"limen/wasm/internal/site"
)

// The single file works opened from disk, alone in its folder, with no request of any kind beyond
// itself and the data it carries.
func TestSingleFileFromDisk(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	out := t.TempDir()
	cmd := exec.Command("go", "run", "./wasm/cmd/dist", "-site", "web", "-out", out)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("dist: %v\n%s", err, b)
	}
	alone := t.TempDir()
	b, err := os.ReadFile(filepath.Join(out, "limen.html"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(alone, "limen.html")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(alone); len(entries) != 1 {
		t.Fatalf("the folder holds %d files", len(entries))
	}
	tb := newTab(t)
	if err := chromedp.Do(tb.ctx, chromedp.Navigate("file://"+file)); err != nil {
		t.Fatal(err)
	}
	tb.waitInfo("Level 102")
	tb.choose("method", "max-entropy")
	tb.waitInfo("Level 140")
	tb.choose("sample", "coins")
	tb.choose("method", "otsu")
	tb.waitInfo("Level 107")
	if lv := eval[float64](tb, `(() => { const img = new ImageData(4, 1); [0, 10, 200, 255].forEach((v, i) => img.data.set([v, v, v, 255], 4 * i)); return limen.threshold(img, {method: 'otsu'}).level; })()`); lv != 10 {
		t.Errorf("the API in the single file: level %v", lv)
	}
	tb.mu.Lock()
	for _, u := range tb.requests {
		if !strings.HasPrefix(u, "file://"+file) && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("the single file requested %s", u)
		}
	}
	tb.mu.Unlock()
	if !eval[bool](tb, `document.getElementById('error').hidden`) {
		t.Errorf("error shown: %s", eval[string](tb, `document.getElementById('error').textContent`))
	}
	tb.shot("single-file")
}

// After one visit the site works with the network off: the service worker serves it. Here the
// server itself is shut down before the reload, which is as off as a network gets.
func TestOfflineAfterOneVisit(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: site.Handler(siteDir)}
	go srv.Serve(ln)
	base := "http://" + ln.Addr().String() + "/"
	tb := newTab(t)
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(base+"index.html")); err != nil {
		t.Fatal(err)
	}
	tb.waitInfo("Level 102")
	// Wait until the service worker controls the page and has cached the shell.
	tb.waitFor(`navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)`, 20*time.Second)
	tb.waitFor(`caches.keys().then(async ks => { for (const k of ks) { const c = await caches.open(k); if (await c.match('limen.wasm') && await c.match('lesson.wasm') && await c.match('samples/coins.png')) return true; } return false; })`, 20*time.Second)
	srv.Close()
	if _, err := http.Get(base + "index.html"); err == nil {
		t.Fatal("the server still answers")
	}
	if err := chromedp.Do(tb.ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	tb.waitInfo("Level 102")
	tb.choose("sample", "coins")
	tb.waitInfo("Level 107")
	tb.shot("offline")
	// The lesson, which runs the other module (lesson.wasm), works offline too: its widgets and
	// the iterative method's steps.
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(base+"lesson.html")); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(`[...document.querySelectorAll('.limen-widget [data-el="info"]')].every(e => e.textContent !== '')`, 30*time.Second)
	tb.waitFor(`document.querySelector('.limen-widget [data-el="steps"]').children.length === 5`, 15*time.Second)
}

// api.html: the documented example of the API used by another page's script on its own canvas.
func TestAPIExamplePage(t *testing.T) {
	tb := newTab(t)
	tb.open("api.html")
	tb.waitFor(`document.getElementById('sauvolaCaption').textContent.includes('level per pixel')`, 20*time.Second)
	if c := eval[string](tb, `document.getElementById('otsuCaption').textContent`); !strings.HasPrefix(c, "Otsu: level ") {
		t.Errorf("otsu caption %q", c)
	}
	tb.waitFor(`document.getElementById('code').textContent.includes('limen.threshold(pixels')`, 10*time.Second)
	// Its result is what limen gives on that canvas.
	if !eval[bool](tb, `(() => { const s = document.getElementById('source'); const img = s.getContext('2d').getImageData(0, 0, s.width, s.height);
		const want = limen.threshold(img, {method: 'otsu'}).image.data; const got = document.getElementById('otsu').getContext('2d').getImageData(0, 0, s.width, s.height).data;
		return got.every((v, i) => v === want[i]); })()`) {
		t.Error("the example's Otsu canvas differs from limen.threshold")
	}
	if off := tb.offsite(); len(off) > 0 {
		t.Errorf("requests left the origin: %v", off)
	}
	tb.shot("api-example")
}
