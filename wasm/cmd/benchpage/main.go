//go:build !js

// Command benchpage runs web/bench.html in headless Chromium and prints its table (./build.sh bench):
// limen against a plain copy, a hand-written JS loop, OpenCV.js and Doxa's WebAssembly build (the
// document methods with reference 'doxa'), in one tab, interleaved rounds. Doxa's dist files are
// embedded from ./doxa (CC0, see its README) and served at /bench/doxa/.
//
//	go run ./wasm/cmd/benchpage [-site web] [-opencv path/to/opencv.js] [-mp 12] [-reps 7] [-json out.json]
package main

import (
	"context"
	"embed"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"limen/wasm/internal/site"
)

// doxaDist is Doxa's WebAssembly build (doxa.js, doxaWasm.js, doxaWasm.wasm) and its licence.
//
//go:embed doxa
var doxaDist embed.FS

func main() {
	dir := flag.String("site", "web", "the built site")
	opencv := flag.String("opencv", "", "OpenCV.js file to serve as bench/opencv.js")
	mp := flag.Float64("mp", 12, "megapixels of the large image")
	reps := flag.Int("reps", 7, "rounds (medians are reported)")
	jsonOut := flag.String("json", "", "also write the raw figures here")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/bench/opencv.js", func(w http.ResponseWriter, r *http.Request) {
		if *opencv == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/javascript")
		http.ServeFile(w, r, *opencv)
	})
	doxa, err := fs.Sub(doxaDist, "doxa")
	if err != nil {
		log.Fatal(err)
	}
	mux.Handle("/bench/doxa/", http.StripPrefix("/bench/doxa/", http.FileServer(http.FS(doxa))))
	// No CSP here: OpenCV.js, the peer being measured, builds functions at run time.
	mux.Handle("/", http.FileServer(http.Dir(*dir)))
	_ = site.CSP
	go http.Serve(ln, mux)

	profile, err := os.MkdirTemp("", "limen-bench-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(profile)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath("/usr/bin/chromium"), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile))
	defer cancel()
	ctx, cancel2 := chromedp.NewContext(alloc)
	defer cancel2()
	ctx, cancel3 := context.WithTimeout(ctx, 20*time.Minute)
	defer cancel3()
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+ln.Addr().String()+"/bench.html")); err != nil {
		log.Fatal(err)
	}
	table, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf("runBench(%g, %d)", *mp, *reps), chromedp.EvalAwaitPromise))
	if err != nil {
		log.Fatal("bench: ", err)
	}
	fmt.Println(table)
	if *jsonOut != "" {
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage]("window.benchResult"))
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(*jsonOut, raw, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	if strings.Contains(table, "MISSED") {
		fmt.Println("\nSome targets were missed on this run (times here vary ±40 %: rerun before believing a miss or a hit).")
	}
}
