//go:build !js

// Package e2e drives limen's built site in real headless Chromium (chromedp): the page's
// controls and the `limen` JS API, on the public oracle. TestMain builds the site (./build.sh
// build; not with LIMEN_SKIP_BUILD=1, as ./build.sh test sets after building it), serves it on 127.0.0.1 with the same handler as ./build.sh serve, and starts one
// browser; each test opens its own tab. Chromium is required: ./build.sh test installs it, and
// without it these tests fail, never skip.
//
// The tests that only read the site, each in its own tab (screenshots, embeds, the single file,
// rankings, the state and pool properties, the view, teaching and lab tests) call t.Parallel(): Go
// runs them after the others, four at a time in ./build.sh test (-parallel 4; GOMAXPROCS otherwise),
// since a browser test waits on the page much of its time and the whole of ./build.sh test must stay
// under ten minutes (on 2 cores: 518 s one after another, 390 s so). Tests that time the page thread,
// measure memory, use downloads, the clipboard, the camera or the service worker's cache stay
// sequential.
package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"limen/wasm/internal/site"
)

const chromium = "/usr/bin/chromium"

var (
	root       = "../.."
	siteDir    = filepath.Join(root, "web")
	shotDir    = filepath.Join(root, "testout")
	baseURL    string
	browserCtx context.Context
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if os.Getenv("LIMEN_SKIP_BUILD") == "" {
		cmd := exec.Command("./build.sh", "build")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Printf("FAIL: ./build.sh build: %v\n%s", err, out)
			return 1
		}
	}
	if _, err := os.Stat(chromium); err != nil {
		fmt.Printf("FAIL: %s is missing: the browser tests need Debian's chromium (./build.sh test installs it)\n", chromium)
		return 1
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("FAIL:", err)
		return 1
	}
	mux := http.NewServeMux()
	mux.Handle("/", site.Handler(siteDir))
	mux.Handle("/__lab/", labHandler())
	mux.Handle("/__oracle/", http.StripPrefix("/__oracle/", http.FileServer(http.Dir(oracleImages))))
	mux.HandleFunc("/early-call-worker.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write([]byte(earlyCallWorker))
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	defer srv.Close()
	baseURL = "http://" + ln.Addr().String() + "/"
	_ = os.MkdirAll(shotDir, 0o755)

	profile, err := os.MkdirTemp("", "limen-chromium-")
	if err != nil {
		fmt.Println("FAIL:", err)
		return 1
	}
	defer os.RemoveAll(profile)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("enable-precise-memory-info", true), // performance.memory unrounded (leak_test.go)
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		fmt.Println("FAIL: starting chromium:", err)
		return 1
	}
	browserCtx = ctx
	return m.Run()
}

// tab is one browser tab for one test, with the requests it made.
type tab struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	requests []string
	errors   []string
}

// newTab opens a tab (closed at the end of the test) that records every request it makes.
func newTab(t *testing.T) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancel() })
	tb := &tab{t: t, ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	reqs := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for ev, err := range reqs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.requests = append(tb.requests, ev.Request.URL)
			tb.mu.Unlock()
		}
	}()
	return tb
}

// open navigates to a page of the site and waits for limen to be ready.
func (tb *tab) open(page string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(baseURL+page)); err != nil {
		tb.t.Fatal(err)
	}
	tb.waitFor(`typeof limenReady !== 'undefined' && limenReady.then(() => true)`, 30*time.Second)
}

// eval evaluates a JS expression (awaiting a promise) and decodes its JSON value into T.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := evalErr[T](tb, expr)
	if err != nil {
		tb.t.Fatalf("%s: %v", short(expr), err)
	}
	return v
}

func evalErr[T any](tb *tab, expr string) (T, error) {
	return chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// waitFor polls a JS expression until it is truthy. (chromedp's Poll builds a Function in the page,
// which the page's CSP forbids, so this polls with plain evaluations.)
func (tb *tab) waitFor(expr string, timeout time.Duration) {
	tb.t.Helper()
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		ok, err := evalErr[bool](tb, "(async () => !!(await ("+expr+")))()")
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	tb.t.Fatalf("timed out waiting for %s (last error %v)", short(expr), last)
}

// shot saves a full-page screenshot as testout/<name>.png.
func (tb *tab) shot(name string) {
	tb.t.Helper()
	buf, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shotDir, name+".png"), buf, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// offsite returns the requests that left the site's origin (data: and blob: URLs stay on the page).
func (tb *tab) offsite() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []string
	for _, u := range tb.requests {
		if !strings.HasPrefix(u, baseURL) && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			out = append(out, u)
		}
	}
	return out
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// jsString quotes a Go string as a JS string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

var errNotFound = errors.New("not found")
