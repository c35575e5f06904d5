//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// The page, the lesson and the embed threshold through limen.pool (issue 14): their compute port
// (web/limen.js's __limenComputePort, served by web/pool.js's __limenPagePort) hands each request
// to the pool's workers.

// recordPool, run in a page before its own scripts, keeps the URL of every worker the page starts
// and counts the work each pool worker is given: bands and whole global requests (web/pool.js's
// 'band' and 'global1' operations).
const recordPool = `window.__workers = [];
window.Worker = class extends window.Worker {
  constructor(u, o) {
    super(u, o);
    const rec = {url: String(u), name: o && o.name || '', work: 0};
    window.__workers.push(rec);
    const post = this.postMessage;
    this.postMessage = function (m) { if (m && (m.op === 'band' || m.op === 'global1')) rec.work++; return post.apply(this, arguments); };
  }
};
window.__poolWork = () => window.__workers.filter((w) => w.name === 'limen-pool').map((w) => w.work);`

// openRecorded opens a page of the site in a new tab with recordPool in place.
func openRecorded(t *testing.T, path string) *tab {
	t.Helper()
	tb := newTab(t)
	if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordPool}); err != nil {
		t.Fatal(err)
	}
	tb.open(path)
	return tb
}

type workers struct {
	URL  string
	Name string
	Work int
}

// poolWorkers checks that the page started its workers as a pool of its own module (and no other
// worker but the pool's start-up probe) and returns the work each pool worker was given.
func poolWorkers(tb *tab, module string) []int {
	tb.t.Helper()
	var work []int
	for _, w := range eval[[]workers](tb, `window.__workers`) {
		want := "pool.js"
		if module != "limen" {
			want += "?module=" + module
		}
		if !strings.HasSuffix(w.URL, "/"+want) || (w.Name != "limen-pool" && w.Name != "limen-probe") {
			tb.t.Errorf("a worker %q from %s, want a limen-pool from %s", w.Name, w.URL, want)
		}
		if w.Name == "limen-pool" {
			work = append(work, w.Work)
		}
	}
	if len(work) == 0 {
		tb.t.Fatalf("the page started no pool worker")
	}
	return work
}

func sum(l []int) (s int) {
	for _, v := range l {
		s += v
	}
	return s
}

// TestPoolPageEveryPage: the lesson's widgets and an embed (a pool of at most 2) give their requests
// to limen.pool's workers, running the lesson's module, and start no other compute worker (the tool page's:
// TestPoolPageLongTasks).
func TestPoolPageEveryPage(t *testing.T) {
	t.Run("lesson", func(t *testing.T) {
		tb := openRecorded(t, "lesson.html")
		tb.waitFor(`[...document.querySelectorAll('.limen-widget [data-el="info"]')].every(e => e.textContent !== '')`, 60*time.Second)
		widgets := eval[int](tb, `document.querySelectorAll('.limen-widget').length`)
		if work := sum(poolWorkers(tb, "lesson")); widgets < 5 || work < widgets {
			t.Errorf("%d requests to the pool for %d widgets", work, widgets)
		}
	})
	t.Run("embed", func(t *testing.T) {
		tb := openRecorded(t, "embed.html#sample=coins&method=otsu")
		tb.waitInfo("Level 107")
		// An embed asks for at most 2 workers (<html data-pool-workers>): course notes may hold several.
		if w := poolWorkers(tb, "lesson"); sum(w) == 0 || len(w) > 2 {
			t.Errorf("the embed's pool: work %v (a worker each)", w)
		}
	})
}

// TestPoolPageLongTasks: the tool page thresholds through the pool's workers, and while a 12 MP
// picture is thresholded there (a local method cut into bands, then a global one), no task of the
// page's thread takes over 50 ms of its CPU, and every worker of the pool works on it. Each task's
// CPU time comes from the browser's trace (wall time on a machine shared with other work measures
// the machine: PerformanceObserver's 'longtask' entries are logged beside it). The tasks in which
// the browser commits a frame to the screen count too: there it copies each changed canvas for the
// compositor (Canvas2DResourceProvider::ProduceCanvasResource), 170–240 ms of CPU for a shown 12 MP
// canvas on this machine, which is why the page paints its pictures on viewport-sized screens
// (wasm/screen.go); the longest frame commit is logged.
func TestPoolPageLongTasks(t *testing.T) {
	tb := openRecorded(t, "index.html#sample=coins&method=otsu")
	tb.waitInfo("Level 107")
	if work := sum(poolWorkers(tb, "limen")); work == 0 {
		t.Fatal("the page's result gave the pool's workers no work")
	}
	// Each answer of the page's compute port counted, to know when a result has come.
	eval[bool](tb, `(() => { const p = __limenComputePort.prototype, post = p.postMessage; window.__answers = 0;
		p.postMessage = function (m) { if (!this.__counted) { this.__counted = true; this.addEventListener('message', (e) => { if (e.data.kind === 'result' || e.data.kind === 'error') window.__answers++; }); }
			return post.apply(this, arguments); }; return true; })()`)
	eval[bool](tb, `(async () => { const w = 4000, h = 3000, c = new OffscreenCanvas(w, h), g = c.getContext('2d'), d = g.createImageData(w, h);
		for (let y = 0, i = 0; y < h; y++) for (let x = 0; x < w; x++, i += 4) { const v = ((x >> 6) + (y >> 6)) & 1 ? 190 + ((x * 7 + y * 13) & 31) : 60 + ((x * 5 + y * 3) & 63); d.data[i] = d.data[i+1] = d.data[i+2] = v; d.data[i+3] = 255; }
		g.putImageData(d, 0, 0);
		const dt = new DataTransfer(); dt.items.add(new File([await c.convertToBlob()], 'large.png', {type: 'image/png'}));
		window.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, cancelable: true})); return true; })()`)
	tb.waitFor(`document.getElementById('info').textContent.includes('4000×3000') && window.__answers > 0 && document.getElementById('busy').hidden`, 120*time.Second)
	start := poolWorkers(tb, "limen")
	eval[bool](tb, `(() => { window.__long = []; window.__mark = '';
		new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(window.__mark + ' ' + Math.round(e.duration) + ' ms'); }).observe({type: 'longtask'});
		return true; })()`)
	tasks := traceMainThread(tb, func() {
		for _, m := range []struct{ id, info string }{{"sauvola", "Local method"}, {"triangle", "Level"}} {
			n := eval[int](tb, `window.__answers`)
			eval[bool](tb, fmt.Sprintf(`(window.__mark = %s, true)`, jsString(m.id)))
			tb.choose("method", m.id)
			tb.waitFor(fmt.Sprintf(`window.__answers > %d && document.getElementById('busy').hidden && document.getElementById('info').textContent.includes(%s)`, n, jsString(m.info)), 120*time.Second)
			// Two frames: whatever the result's drawing left for the next frame has run.
			eval[bool](tb, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
		}
	})
	checked, frames := 0, 0
	var longestFrame task
	for _, k := range tasks {
		checked++
		if k.frame {
			frames++
			if k.cpu > longestFrame.cpu {
				longestFrame = k
			}
		}
		if k.cpu > 50 {
			what := "a task"
			if k.frame {
				what = "the browser's frame commit"
			}
			t.Errorf("%s of %.0f ms of CPU (%.0f ms wall) on the page's thread: %s", what, k.cpu, k.wall, k.top)
		}
	}
	if frames == 0 {
		t.Error("the trace holds no frame of the page")
	}
	t.Logf("the browser's longest frame commit of %d: a task of %.0f ms wall, %.0f ms CPU (%s)", frames, longestFrame.wall, longestFrame.cpu, longestFrame.top)
	if checked < 20 {
		t.Errorf("the trace holds %d tasks of the page's thread", checked)
	}
	t.Logf("%d tasks traced; PerformanceObserver's long tasks (wall time): %v", checked, eval[[]string](tb, `window.__long`))
	end := poolWorkers(tb, "limen")
	if len(end) != len(start) {
		t.Fatalf("pool workers: %v, then %v", start, end)
	}
	for i := range end {
		if end[i] <= start[i] {
			t.Errorf("pool worker %d had no band of the 12 MP picture (work %v, then %v)", i, start, end)
		}
	}
}

// task is one task of the page's main thread in a trace: its wall and CPU time (ms), whether it is
// the browser's frame commit, and what in it took the most CPU.
type task struct {
	wall, cpu float64
	frame     bool
	top       string
}

// traceMainThread records the browser's trace while do runs and returns the tasks of the page's
// main thread (CrRendererMain).
func traceMainThread(tb *tab, do func()) []task {
	tb.t.Helper()
	var (
		mu   sync.Mutex
		evs  []map[string]any
		done = make(chan struct{})
	)
	go func() {
		for ev, err := range chromedp.Events(tb.ctx, tracing.DataCollected) {
			if err != nil {
				return
			}
			mu.Lock()
			for _, v := range ev.Value {
				var m map[string]any
				if json.Unmarshal(v, &m) == nil {
					evs = append(evs, m)
				}
			}
			mu.Unlock()
		}
	}()
	go func() {
		for range chromedp.Events(tb.ctx, tracing.TracingComplete) {
			close(done)
			return
		}
	}()
	cats := []string{"toplevel", "devtools.timeline", "blink", "cc"}
	if _, err := chromedp.Call(tb.ctx, tracing.Start, tracing.StartParams{TraceConfig: &tracing.TraceConfig{IncludedCategories: cats}}); err != nil {
		tb.t.Fatal(err)
	}
	do()
	if _, err := chromedp.Call(tb.ctx, tracing.End, cdp.Empty{}); err != nil {
		tb.t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		tb.t.Fatal("the trace did not complete")
	}
	mu.Lock()
	defer mu.Unlock()
	main := map[float64]bool{}
	for _, e := range evs {
		if a, ok := e["args"].(map[string]any); ok && e["ph"] == "M" && e["name"] == "thread_name" && a["name"] == "CrRendererMain" {
			main[e["tid"].(float64)] = true
		}
	}
	type span struct {
		name          string
		ts, dur, tdur float64
		tid           float64
	}
	var spans []span
	for _, e := range evs {
		tid, _ := e["tid"].(float64)
		if e["ph"] != "X" || !main[tid] {
			continue
		}
		name, _ := e["name"].(string)
		ts, _ := e["ts"].(float64)
		d, _ := e["dur"].(float64)
		td, _ := e["tdur"].(float64)
		spans = append(spans, span{name, ts, d, td, tid})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].ts < spans[j].ts })
	var out []task
	for i, r := range spans {
		if r.name != "ThreadControllerImpl::RunTask" {
			continue
		}
		k := task{wall: r.dur / 1000, cpu: r.tdur / 1000}
		best := 0.0
		for _, c := range spans[i+1:] {
			if c.ts > r.ts+r.dur {
				break
			}
			if c.tid != r.tid || c.ts+c.dur > r.ts+r.dur {
				continue
			}
			if c.name == "ProxyMain::BeginMainFrame" {
				k.frame = true
			}
			if c.name != "ThreadControllerImpl::RunTask" && c.tdur > best {
				best, k.top = c.tdur, fmt.Sprintf("%s %.0f ms CPU", c.name, c.tdur/1000)
			}
		}
		out = append(out, k)
	}
	return out
}
