//go:build !js

package site

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fixture is a site folder with a module (incompressible enough that its gzipped copy differs in
// size), its gzipped copy written after it, and a page.
func fixture(t *testing.T) (dir string, wasm, gz []byte) {
	t.Helper()
	dir = t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	wasm = []byte("\x00asm\x01\x00\x00\x00")
	for len(wasm) < 100_000 {
		wasm = append(wasm, byte(r.IntN(16))) // half the entropy of a byte: gzip shrinks it
	}
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(wasm)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	gz = b.Bytes()
	for name, data := range map[string][]byte{"m.wasm": wasm, "m.wasm.gz": gz, "index.html": []byte("<!doctype html>hi")} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The copy is newer than the module, as ./build.sh leaves them.
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "m.wasm"), old, old); err != nil {
		t.Fatal(err)
	}
	return dir, wasm, gz
}

func get(h http.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func hasVary(h http.Header) bool {
	for _, v := range h.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), "Accept-Encoding") {
				return true
			}
		}
	}
	return false
}

// A browser's request gets the gzipped copy, labelled so that it decodes it to the exact module;
// a request that takes no gzip gets the module itself. Both say they vary by Accept-Encoding.
func TestWasmGzip(t *testing.T) {
	dir, wasm, gz := fixture(t)
	if len(gz) >= len(wasm) {
		t.Fatalf("fixture: gzipped %d bytes, plain %d", len(gz), len(wasm))
	}
	h := Handler(dir)

	rec := get(h, "GET", "/m.wasm", "Accept-Encoding", "gzip, deflate, br, zstd")
	res := rec.Result()
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	for k, want := range map[string]string{
		"Content-Encoding": "gzip", "Content-Type": "application/wasm",
		"Content-Length": strconv.Itoa(len(gz)), "Content-Security-Policy": CSP, "Cache-Control": "no-cache",
	} {
		if got := res.Header.Get(k); got != want {
			t.Errorf("gzip: %s: %q, want %q", k, got, want)
		}
	}
	if !hasVary(res.Header) {
		t.Errorf("gzip: no Vary: Accept-Encoding (%q)", res.Header.Values("Vary"))
	}
	body := rec.Body.Bytes()
	if !bytes.Equal(body, gz) {
		t.Errorf("gzip: the body (%d bytes) is not web/m.wasm.gz (%d bytes)", len(body), len(gz))
	}
	if !bytes.Equal(gunzip(t, body), wasm) {
		t.Error("gzip: the body does not decompress to the module")
	}

	for _, ae := range []string{"", "identity", "br", "gzip;q=0", "deflate, gzip; q=0.000", "*;q=0", "x-gzip;q=0, *"} {
		rec := get(h, "GET", "/m.wasm", "Accept-Encoding", ae)
		res := rec.Result()
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "" || res.Header.Get("Content-Type") != "application/wasm" {
			t.Errorf("Accept-Encoding %q: status %d, Content-Encoding %q, Content-Type %q", ae, res.StatusCode, res.Header.Get("Content-Encoding"), res.Header.Get("Content-Type"))
		}
		if !bytes.Equal(rec.Body.Bytes(), wasm) {
			t.Errorf("Accept-Encoding %q: the body is not the module", ae)
		}
		if !hasVary(res.Header) {
			t.Errorf("Accept-Encoding %q: no Vary: Accept-Encoding", ae)
		}
	}
	for _, ae := range []string{"gzip", "GZIP;Q=0.5", "*", "br;q=1, gzip;q=0.1", "x-gzip"} {
		if got := get(h, "GET", "/m.wasm", "Accept-Encoding", ae).Result().Header.Get("Content-Encoding"); got != "gzip" {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want gzip", ae, got)
		}
	}

	// HEAD: the gzipped copy's headers, no body.
	rec = get(h, "HEAD", "/m.wasm", "Accept-Encoding", "gzip")
	if res := rec.Result(); res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" ||
		res.Header.Get("Content-Length") != strconv.Itoa(len(gz)) || rec.Body.Len() != 0 {
		t.Errorf("HEAD: status %d, Content-Encoding %q, Content-Length %q, %d body bytes", res.StatusCode,
			res.Header.Get("Content-Encoding"), res.Header.Get("Content-Length"), rec.Body.Len())
	}

	// Ranges are ranges of the copy that is sent.
	rec = get(h, "GET", "/m.wasm", "Accept-Encoding", "gzip", "Range", "bytes=10-19")
	if res := rec.Result(); res.StatusCode != 206 || res.Header.Get("Content-Encoding") != "gzip" ||
		res.Header.Get("Content-Range") != fmt.Sprintf("bytes 10-19/%d", len(gz)) || !bytes.Equal(rec.Body.Bytes(), gz[10:20]) {
		t.Errorf("gzip range: status %d, Content-Range %q, body %x", res.StatusCode, res.Header.Get("Content-Range"), rec.Body.Bytes())
	}
	rec = get(h, "GET", "/m.wasm", "Range", "bytes=10-19")
	if res := rec.Result(); res.StatusCode != 206 || res.Header.Get("Content-Encoding") != "" ||
		res.Header.Get("Content-Range") != fmt.Sprintf("bytes 10-19/%d", len(wasm)) || !bytes.Equal(rec.Body.Bytes(), wasm[10:20]) {
		t.Errorf("plain range: status %d, Content-Range %q, body %x", res.StatusCode, res.Header.Get("Content-Range"), rec.Body.Bytes())
	}
	rec = get(h, "GET", "/m.wasm", "Accept-Encoding", "gzip", "Range", fmt.Sprintf("bytes=%d-", len(gz)+5))
	if res := rec.Result(); res.StatusCode != 416 || res.Header.Get("Content-Encoding") != "" {
		t.Errorf("unsatisfiable range: status %d, Content-Encoding %q", res.StatusCode, res.Header.Get("Content-Encoding"))
	}

	// A revalidation of the copy: not modified, and no body.
	lm := get(h, "GET", "/m.wasm", "Accept-Encoding", "gzip").Result().Header.Get("Last-Modified")
	rec = get(h, "GET", "/m.wasm", "Accept-Encoding", "gzip", "If-Modified-Since", lm)
	if res := rec.Result(); lm == "" || res.StatusCode != 304 || rec.Body.Len() != 0 {
		t.Errorf("If-Modified-Since %q: status %d, %d body bytes", lm, res.StatusCode, rec.Body.Len())
	}

	// The copy itself, asked for by name, is just a file; a page has no copy and no Vary.
	if res := get(h, "GET", "/m.wasm.gz", "Accept-Encoding", "gzip").Result(); res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "" {
		t.Errorf("/m.wasm.gz: status %d, Content-Encoding %q", res.StatusCode, res.Header.Get("Content-Encoding"))
	}
	for _, p := range []string{"/", "/index.html"} {
		res := get(h, "GET", p, "Accept-Encoding", "gzip").Result()
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "" || hasVary(res.Header) {
			t.Errorf("%s: status %d, Content-Encoding %q, Vary %q", p, res.StatusCode, res.Header.Get("Content-Encoding"), res.Header.Values("Vary"))
		}
	}
	// Nothing outside the folder.
	if res := get(h, "GET", "/../m.wasm", "Accept-Encoding", "gzip").Result(); res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("/../m.wasm (cleaned to /m.wasm): status %d", res.StatusCode)
	}
}

// A gzipped copy older than its module is left over from an earlier build: the module is sent.
func TestStaleGzipIgnored(t *testing.T) {
	dir, wasm, _ := fixture(t)
	older := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "m.wasm.gz"), older, older); err != nil {
		t.Fatal(err)
	}
	rec := get(Handler(dir), "GET", "/m.wasm", "Accept-Encoding", "gzip")
	if res := rec.Result(); res.Header.Get("Content-Encoding") != "" || !bytes.Equal(rec.Body.Bytes(), wasm) {
		t.Errorf("stale copy: Content-Encoding %q, body %d bytes (module %d)", res.Header.Get("Content-Encoding"), rec.Body.Len(), len(wasm))
	}
	// Without any copy, the module as it is.
	if err := os.Remove(filepath.Join(dir, "m.wasm.gz")); err != nil {
		t.Fatal(err)
	}
	rec = get(Handler(dir), "GET", "/m.wasm", "Accept-Encoding", "gzip")
	if res := rec.Result(); res.Header.Get("Content-Encoding") != "" || res.Header.Get("Content-Type") != "application/wasm" || !bytes.Equal(rec.Body.Bytes(), wasm) {
		t.Errorf("no copy: Content-Encoding %q, Content-Type %q", res.Header.Get("Content-Encoding"), res.Header.Get("Content-Type"))
	}
}

// Through a real connection (loopback), as a browser sees it: Go's client asks for gzip and
// decodes it, like the browser, to the exact module.
func TestWasmGzipOverHTTP(t *testing.T) {
	dir, wasm, gz := fixture(t)
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/m.wasm")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !res.Uncompressed || !bytes.Equal(body, wasm) {
		t.Errorf("decoded by the client: %v, %d bytes (module %d)", res.Uncompressed, len(body), len(wasm))
	}
	// And on the wire it is the gzipped copy.
	tr := &http.Transport{DisableCompression: true}
	defer tr.CloseIdleConnections()
	req, _ := http.NewRequest("GET", srv.URL+"/m.wasm", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err = tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(raw, gz) {
		t.Errorf("on the wire: Content-Encoding %q, %d bytes (gzipped copy %d)", res.Header.Get("Content-Encoding"), len(raw), len(gz))
	}
}
