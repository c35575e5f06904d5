//go:build !js

package e2e

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// hugePNG writes a valid 1-bit gray PNG of w×h black pixels, streamed (it is mostly zeros, so the
// file is small however large the picture).
func hugePNG(t *testing.T, path string, w, h int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	chunk := func(typ string, data []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(data)))
		bw.Write(n[:])
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		bw.WriteString(typ)
		bw.Write(data)
		binary.BigEndian.PutUint32(n[:], c.Sum32())
		bw.Write(n[:])
	}
	bw.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 1, 0 // bit depth 1, gray
	chunk("IHDR", ihdr)
	var z strings.Builder
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	row := make([]byte, 1+(w+7)/8)
	for y := 0; y < h; y++ {
		zw.Write(row)
	}
	zw.Close()
	chunk("IDAT", []byte(z.String()))
	chunk("IEND", nil)
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
}

// Whatever a person throws at the page, it says what is wrong and keeps working: a non-image, an
// empty file, a truncated PNG, a picture too large to hold, a hostile file name.
func TestPageBadFiles(t *testing.T) {
	dir := t.TempDir()
	camera, err := os.ReadFile(filepath.Join(oracleImages, "camera.png"))
	if err != nil {
		t.Fatal(err)
	}
	files := []struct{ name, want string }{
		{"notes.txt", "could not be read as an image"},
		{"empty.png", "is empty"},
		{"truncated.png", ""}, // a browser may show the part it has, or refuse: either way, no breakage
		{"huge.png", "20000×20000: too large"},
		{`"><svg onload=alert(1)>.png`, "could not be read as an image"},
	}
	os.WriteFile(filepath.Join(dir, files[0].name), []byte("just some text"), 0o644)
	os.WriteFile(filepath.Join(dir, files[1].name), nil, 0o644)
	os.WriteFile(filepath.Join(dir, files[2].name), camera[:len(camera)/3], 0o644)
	hugePNG(t, filepath.Join(dir, files[3].name), 20000, 20000)
	os.WriteFile(filepath.Join(dir, files[4].name), []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), 0o644)

	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	for _, f := range files {
		eval[bool](tb, `(document.getElementById('error').hidden = true, true)`)
		if err := chromedp.Do(tb.ctx, chromedp.SetUploadFiles(chromedp.ID("file"), []string{filepath.Join(dir, f.name)})); err != nil {
			t.Fatal(err)
		}
		if f.want == "" {
			tb.waitFor(`!document.getElementById('error').hidden || document.getElementById('originalCaption').textContent.includes('truncated.png')`, 20*time.Second)
		} else {
			tb.waitFor(`!document.getElementById('error').hidden`, 20*time.Second)
			msg := eval[string](tb, `document.getElementById('error').textContent`)
			if !strings.Contains(msg, f.want) || !strings.Contains(msg, f.name) {
				t.Errorf("%s: message %q, want the name and %q", f.name, msg, f.want)
			}
		}
		if n := eval[int](tb, `document.querySelectorAll('#error *, svg, img').length`); n != 0 {
			t.Errorf("%s: the name became HTML", f.name)
		}
		if f.name == "huge.png" {
			tb.shot("page-too-large")
		}
	}
	// The page still works: a sample loads and thresholds.
	tb.choose("sample", "coins")
	tb.waitInfo("Level 107")
	if lv := eval[float64](tb, `(() => { const c = document.getElementById('original'); return limen.threshold(c.getContext('2d').getImageData(0, 0, c.width, c.height), {method: 'otsu'}).level; })()`); lv != 107 {
		t.Errorf("the API after the bad files: %v", lv)
	}
}

// The CSP: the page's own origin only, no eval; and no request leaves the origin.
func TestPageContentSecurityPolicy(t *testing.T) {
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	if csp := eval[string](tb, `fetch('index.html').then(r => r.headers.get('content-security-policy'))`); !strings.Contains(csp, "script-src 'self' 'wasm-unsafe-eval';") || strings.Contains(csp, " 'unsafe-eval'") {
		t.Errorf("CSP header %q", csp)
	}
	// An inline script and a script from another origin do not run; eval in a page script is refused.
	got := eval[string](tb, `new Promise(resolve => {
		const v = []; document.addEventListener('securitypolicyviolation', e => v.push(e.violatedDirective));
		const s = document.createElement('script'); s.textContent = 'window.__inline = 1; try { eval("1"); window.__eval = 1; } catch (e) {}'; document.body.appendChild(s);
		const x = document.createElement('script'); x.src = 'https://example.com/x.js'; document.body.appendChild(x);
		setTimeout(() => resolve((window.__inline ? 'inline ran ' : '') + (window.__eval ? 'eval ran ' : '') + v.length + ' violations'), 500);
	})`)
	if got != "2 violations" {
		t.Errorf("CSP: %s", got)
	}
	if got := eval[string](tb, `fetch('https://example.com/').then(() => 'fetched', () => 'blocked')`); got != "blocked" {
		t.Errorf("a request off the origin was %s", got)
	}
	for _, u := range tb.offsite() {
		if !strings.HasPrefix(u, "https://example.com/") {
			t.Errorf("request off the origin: %s", u)
		}
	}
}
