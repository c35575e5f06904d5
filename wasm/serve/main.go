//go:build !js

// Command serve serves limen's static site on 127.0.0.1 with nothing but Go installed:
// go run ./wasm/serve [-dir web] [-port 8080]. It sets the MIME type of .wasm and the same
// Content-Security-Policy header the page declares, and never listens beyond loopback.
package main

import (
	"flag"
	"log"
	"mime"
	"net"
	"net/http"
	"strconv"
)

// CSP allows only the page's own origin: scripts from it, and the compilation of its wasm.
// (It is sent as a header rather than a <meta>, so pages stay scriptable by test drivers that
// evaluate strings; the single-file build, which has no server, carries it as a <meta>.)
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' blob: data:; media-src 'self' blob: mediastream:; worker-src 'self' blob:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

func main() {
	dir := flag.String("dir", "web", "folder to serve")
	port := flag.Int("port", 8080, "port on 127.0.0.1")
	flag.Parse()
	_ = mime.AddExtensionType(".wasm", "application/wasm")
	_ = mime.AddExtensionType(".webmanifest", "application/manifest+json")
	fs := http.FileServer(http.Dir(*dir))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Security-Policy", CSP)
		fs.ServeHTTP(w, r)
	})
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(*port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("limen: serving %s at http://%s/ (Ctrl-C to stop)", *dir, addr)
	log.Fatal(http.Serve(ln, h))
}
