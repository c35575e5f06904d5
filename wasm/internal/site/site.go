//go:build !js

// Package site serves limen's static site the way it should be served: the wasm MIME type, no
// caching during development, and the Content-Security-Policy header. The local server
// (./build.sh serve) and the browser tests share it.
package site

import (
	"mime"
	"net/http"
	"strings"
)

// CSP allows only the page's own origin: scripts from it and the compilation of its wasm, images
// and media from it or from blobs the page made, workers from it. Nothing else, no eval.
// (It is sent as a header rather than a <meta>, so the page stays scriptable by test drivers that
// evaluate strings; the single-file build, which has no server, carries it as a <meta>.)
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' blob: data:; media-src 'self' blob: mediastream:; worker-src 'self' blob:; " +
	"connect-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'none'"

// Handler serves the files under dir.
func Handler(dir string) http.Handler {
	_ = mime.AddExtensionType(".wasm", "application/wasm")
	_ = mime.AddExtensionType(".webmanifest", "application/manifest+json")
	fs := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Security-Policy", CSP)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		// Serve /index.html as itself, as static hosts do (http.FileServer would redirect it to /,
		// and a redirected response cannot answer a navigation from the service worker's cache).
		if strings.HasSuffix(r.URL.Path, "/index.html") {
			r2 := *r
			u := *r.URL
			u.Path = strings.TrimSuffix(u.Path, "index.html")
			r2.URL = &u
			r = &r2
		}
		fs.ServeHTTP(w, r)
	})
}
