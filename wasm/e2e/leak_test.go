//go:build !js

package e2e

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/chromedp"
)

// leakDriver drives the page from inside it: a method change (or a try-all run) and the wait for
// its result, n times, in one evaluation, so that the test measures the page, not the round trips.
const leakDriver = `window.__leak = {
	// settled resolves at the next change of the info line or the error box: a result was shown.
	settled() {
		return new Promise((res) => {
			const done = () => { o.disconnect(); clearTimeout(t); res(); };
			const o = new MutationObserver(done), t = setTimeout(done, 10000);
			for (const id of ['info', 'error']) o.observe(document.getElementById(id), {childList: true, characterData: true, subtree: true, attributes: true});
		});
	},
	async methods(n) {
		const sel = document.getElementById('method'), ids = [...sel.options].map((o) => o.value);
		for (let i = 0; i < n; i++) {
			const p = this.settled();
			sel.value = ids[(sel.selectedIndex + 1) % ids.length];
			sel.dispatchEvent(new Event('change'));
			await p;
		}
		return true;
	},
	async tryAll(n) {
		const b = document.getElementById('tryAll'), grid = document.getElementById('tryall');
		for (let i = 0; i < n; i++) {
			const p = new Promise((res) => { const o = new MutationObserver(() => { if (grid.querySelector('.tile')) { o.disconnect(); res(); } }); o.observe(grid, {childList: true}); });
			b.click();
			await p;
		}
		return true;
	},
};`

// memory is what the page holds: the JS values the Go runtime keeps for Go (wasm_exec's _values,
// whose length is the most it ever held at once: freed slots are reused) and the JS heap.
type memory struct {
	Values int
	Heap   float64 // bytes, performance.memory.usedJSHeapSize after a full collection
}

func (tb *tab) memory() memory {
	tb.t.Helper()
	gc := func(ctx context.Context, t *chromedp.Target) (cdp.Empty, error) {
		return cdp.Call(ctx, t, heapprofiler.CollectGarbage, cdp.Empty{})
	}
	for i := 0; i < 2; i++ {
		if _, err := chromedp.Run(tb.ctx, gc); err != nil {
			tb.t.Fatal(err)
		}
	}
	return eval[memory](tb, `({values: __limenGo._values.length, heap: performance.memory.usedJSHeapSize})`)
}

// Nothing leaks: over 300 method changes and 30 try-all runs on the coins (LIMEN_LEAK_CHANGES and
// LIMEN_LEAK_TRYALL ask for more, in a longer run: 1,000 and 100 showed the same), the JS values the Go
// runtime holds and the page's JS heap stay where a short warm-up left them. Before the fix, 200
// method changes took them from 3,053 values and 81 MB (after the warm-up) to 8,948 and 279 MB:
// the page's Go heap grew too slowly for Go's collector to run, so the js.Values of every result
// stayed in wasm_exec's table with the pictures they reach; and every rebuilt slider, try-all tile,
// busy timer and download kept a js.FuncOf. Now: 468 values, then 474 after 1,000 changes.
func TestPageNoLeak(t *testing.T) {
	changes, runs := 300, 30 // enough: the leak this guards against grew by 3,000 values in 200 changes
	if n, err := strconv.Atoi(os.Getenv("LIMEN_LEAK_CHANGES")); err == nil {
		changes = n
	}
	if n, err := strconv.Atoi(os.Getenv("LIMEN_LEAK_TRYALL")); err == nil {
		runs = n
	}
	tb := newTab(t)
	tb.open("index.html#sample=coins")
	tb.waitInfo("Level 107")
	eval[bool](tb, leakDriver+`; true`)
	fresh := tb.memory()
	eval[bool](tb, `__leak.methods(40)`)
	eval[bool](tb, `__leak.tryAll(5)`)
	start := tb.memory()
	t0 := time.Now()
	eval[bool](tb, fmt.Sprintf(`__leak.methods(%d)`, changes))
	afterMethods := tb.memory()
	t1 := time.Now()
	eval[bool](tb, fmt.Sprintf(`__leak.tryAll(%d)`, runs))
	end := tb.memory()
	t.Logf("opened: %d values, %.2f MB; after the warm-up: %d values, %.2f MB; after %d method changes (%.1f s): %d values, %.2f MB; after %d try-all runs (%.1f s): %d values, %.2f MB",
		fresh.Values, fresh.Heap/1e6, start.Values, start.Heap/1e6, changes, t1.Sub(t0).Seconds(), afterMethods.Values, afterMethods.Heap/1e6,
		runs, time.Since(t1).Seconds(), end.Values, end.Heap/1e6)
	// The bound: a few dozen values (what one result in flight holds) and 5 % of the heap.
	for _, m := range []memory{afterMethods, end} {
		if m.Values > start.Values+64 {
			t.Errorf("the Go runtime holds %d JS values, %d after the warm-up: something keeps them", m.Values, start.Values)
		}
		if m.Heap > 1.05*start.Heap {
			t.Errorf("the JS heap is %.2f MB, %.2f MB after the warm-up (more than +5 %%)", m.Heap/1e6, start.Heap/1e6)
		}
	}
}

// `into` means what the README says: with into and no surface or overlay asked for, a call writes
// into the caller's ImageData and makes none of its own (counted by a stand-in ImageData
// constructor, which the module looks up at every call); asked for, surface and overlay each make
// one.
func TestAPIIntoAllocatesNoImageData(t *testing.T) {
	tb := newTab(t)
	tb.open("index.html#sample=coins")
	tb.waitInfo("Level 107")
	got := eval[map[string]int](tb, `(() => {
		const Orig = ImageData; let n = 0;
		window.ImageData = class extends Orig { constructor(...a) { super(...a); n++; } };
		try {
			const c = document.getElementById('original'), img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
			const into = new Orig(c.width, c.height), out = {};
			const count = (name, f) => { n = 0; const r = f(); out[name] = n; if (r.image !== into && name.startsWith('into')) out[name] += 1000; };
			for (const m of ['manual', 'otsu', 'multi-otsu', 'sauvola', 'edge-otsu', 'partition-otsu']) count('into ' + m, () => limen.threshold(img, {method: m, into}));
			const h = limen.load(img);
			count('into handle otsu', () => h.threshold({method: 'otsu', into}));
			count('into handle sauvola', () => h.threshold({method: 'sauvola', into}));
			h.release();
			count('surface', () => limen.threshold(img, {method: 'sauvola', into, surface: true}));
			count('overlay', () => limen.threshold(img, {method: 'edge-otsu', into, overlay: true}));
			count('no into', () => limen.threshold(img, {method: 'otsu'}));
			return out;
		} finally { window.ImageData = Orig; }
	})()`)
	want := map[string]int{"surface": 1, "overlay": 1, "no into": 1}
	for k, n := range got {
		if n != want[k] {
			t.Errorf("%s: %d new ImageData (1000 = the result is not into), want %d", k, n, want[k])
		}
	}
	if len(got) != 11 {
		t.Errorf("checked %d calls, want 11: %v", len(got), got)
	}
}

// TestAPICollectsAfterCalls: limen.threshold collects in a task of its own after a call, at once
// after a call that left over 1 MiB of garbage, and every 8th call in a loop that never ends its
// task (collectSoon, wasm/api.go). After a first round, twenty calls in one task leave the module's
// memory where they found it, give or take one page (64 KB) — a global method, local ones, and a
// surface (a picture's worth of garbage a call) — and once the task has ended, the heap is back
// where the last collection left it. The page is the runtime's own tables, grown on first use, as
// when every call collected: mostly in a kind's first round, but in one of four runs here in the
// first case's second round (Otsu, 7,340,032 → 7,405,568 bytes). Without collectSoon's collections
// the twenty calls grow it by 786 KB (Otsu) and 524 KB (Sauvola).
func TestAPICollectsAfterCalls(t *testing.T) {
	t.Parallel() // reads the site only, and only this page's module's memory (limen.stats), which no other tab touches
	tb := newTab(t)
	tb.open("api.html")
	got := eval[map[string][4]float64](tb, `(async () => {
		const w = 1000, h = 1000, img = new ImageData(w, h);
		for (let i = 0; i < img.data.length; i++) img.data[i] = (Math.imul(i, 2654435761) >>> 24) & 255;
		const out = {}, idle = () => new Promise((r) => setTimeout(r, 20));
		for (const o of [{method: 'otsu'}, {method: 'sauvola', window: 25}, {method: 'sauvola', surface: true}, {method: 'bernsen', reference: 'doxa'}]) {
			for (let i = 0; i < 20; i++) limen.threshold(img, o); // the runtime's first-use growth (64 KB)
			await idle();
			const a = limen.stats();
			for (let i = 0; i < 20; i++) limen.threshold(img, o);
			const b = limen.stats();
			await idle();
			const c = limen.stats();
			out[JSON.stringify(o)] = [a.memoryBytes, b.memoryBytes, a.heapBytes, c.heapBytes];
		}
		return out; })()`)
	if len(got) != 4 {
		t.Fatalf("measured %d cases: %v", len(got), got)
	}
	for k, v := range got {
		if v[1] > v[0]+64<<10 {
			t.Errorf("%s: the module's memory is %.0f bytes after a round of calls, %.0f after 20 more in one task", k, v[0], v[1])
		}
		if v[3] > v[2]+16<<10 {
			t.Errorf("%s: the heap is %.0f bytes after a round of calls and a pause, %.0f after 20 more and a pause: no collection once the task ended", k, v[2], v[3])
		}
	}
	t.Logf("memory before and after 20 calls, heap before and after (bytes): %v", got)
}
