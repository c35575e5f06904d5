//go:build !js

package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The module a page fetches at start has a budget of its own (issues 5 and 12–14: at most
// 1,000,000 bytes on the wire, against OpenCV.js's 2.5 MB), and a size is no flaky timing: it is
// checked on every build. There are two builds of the module (build.sh): the tool page fetches
// limen.wasm, the lesson lesson.wasm, and each is held to the budget. What is measured is what the
// browser received for the page's own fetch (the Resource Timing entry's encodedBodySize), so the
// check follows whatever the server sends: web/NAME.wasm.gz, zopfli-compressed by build.sh.
func TestWasmGzippedSize(t *testing.T) {
	for _, c := range []struct{ page, module, other string }{
		{"index.html", "limen.wasm", "lesson.wasm"},
		{"lesson.html", "lesson.wasm", "limen.wasm"},
	} {
		t.Run(c.page, func(t *testing.T) {
			tb := newTab(t)
			// Past the service worker that other tests' visits installed: its cached copy would
			// arrive with no transfer size of its own.
			bypass := func(ctx context.Context, tg *chromedp.Target) (cdp.Empty, error) {
				if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
					return cdp.Empty{}, err
				}
				return cdp.Call(ctx, tg, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true})
			}
			if _, err := chromedp.Run(tb.ctx, bypass); err != nil {
				t.Fatal(err)
			}
			tb.open(c.page)
			type size struct {
				Encoded, Decoded int
				Encoding         string
				Other            bool // the page's own thread fetched the other module too
			}
			s := eval[size](tb, `(async (name, other) => {
				const ends = (n) => (e) => new URL(e.name).pathname.endsWith('/' + n);
				const entries = performance.getEntriesByType('resource');
				const e = entries.find(ends(name));
				if (!e) throw new Error('the page fetched no ' + name);
				const head = await fetch(name, {method: 'HEAD', cache: 'no-store'});
				return {encoded: e.encodedBodySize, decoded: e.decodedBodySize, encoding: head.headers.get('Content-Encoding') || '',
					other: entries.some(ends(other))}; })(`+jsString(c.module)+`, `+jsString(c.other)+`)`)
			t.Logf("%s fetched %s: %d bytes, %d on the wire (Content-Encoding %q)", c.page, c.module, s.Decoded, s.Encoded, s.Encoding)
			if s.Encoding != "gzip" {
				t.Errorf("%s is served with Content-Encoding %q, want gzip", c.module, s.Encoding)
			}
			if s.Encoded > 1_000_000 || s.Encoded == 0 || s.Encoded >= s.Decoded {
				t.Errorf("%s fetched %s as %d bytes (%d decoded): the budget is at most 1,000,000 gzipped", c.page, c.module, s.Encoded, s.Decoded)
			}
			if s.Other {
				t.Errorf("%s fetched %s as well: a page fetches one module", c.page, c.other)
			}
		})
	}
}
