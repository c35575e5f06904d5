//go:build !js

package e2e

import "testing"

// The module's gzipped size is a target of its own (issue 5: at most 1 MB, against OpenCV.js's
// 2.5 MB), and a size is no flaky timing: it is checked on every build, gzipped by the browser as
// web/bench.js does.
func TestWasmGzippedSize(t *testing.T) {
	tb := newTab(t)
	tb.open("index.html")
	type size struct{ Raw, Gzip int }
	s := eval[size](tb, `(async () => {
		const wasm = await (await fetch('limen.wasm', {cache: 'no-store'})).arrayBuffer();
		const gz = await new Response(new Blob([wasm]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
		return {raw: wasm.byteLength, gzip: gz.byteLength}; })()`)
	t.Logf("limen.wasm: %d bytes, %d gzipped", s.Raw, s.Gzip)
	if s.Gzip > 1_000_000 || s.Gzip == 0 {
		t.Errorf("limen.wasm is %d bytes gzipped: the target is at most 1,000,000", s.Gzip)
	}
}
