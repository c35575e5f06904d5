//go:build !js

package e2e

import "testing"

// The module the page fetches at start has a budget of its own (issues 5 and 12–14: at most
// 1,000,000 bytes on the wire, against OpenCV.js's 2.5 MB), and a size is no flaky timing: it is
// checked on every build. What is measured is what the browser received for the page's own fetch
// of limen.wasm (the Resource Timing entry's encodedBodySize), so the check follows whatever the
// server sends: web/limen.wasm.gz, zopfli-compressed by build.sh.
func TestWasmGzippedSize(t *testing.T) {
	tb := newTab(t)
	tb.open("index.html")
	type size struct {
		Encoded, Decoded int
		Encoding         string
	}
	s := eval[size](tb, `(async () => {
		const e = performance.getEntriesByType('resource').find(e => new URL(e.name).pathname.endsWith('/limen.wasm'));
		if (!e) throw new Error('the page fetched no limen.wasm');
		const head = await fetch('limen.wasm', {method: 'HEAD', cache: 'no-store'});
		return {encoded: e.encodedBodySize, decoded: e.decodedBodySize, encoding: head.headers.get('Content-Encoding') || ''}; })()`)
	t.Logf("limen.wasm: %d bytes, %d on the wire (Content-Encoding %q)", s.Decoded, s.Encoded, s.Encoding)
	if s.Encoding != "gzip" {
		t.Errorf("limen.wasm is served with Content-Encoding %q, want gzip", s.Encoding)
	}
	if s.Encoded > 1_000_000 || s.Encoded == 0 || s.Encoded >= s.Decoded {
		t.Errorf("the page fetched limen.wasm as %d bytes (%d decoded): the budget is at most 1,000,000 gzipped", s.Encoded, s.Decoded)
	}
}
