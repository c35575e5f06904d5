//go:build !js

// Package site serves limen's static site the way it should be served: the wasm MIME type, the
// module gzipped where the browser takes it, no caching during development, and the
// Content-Security-Policy header. The local server (./build.sh serve) and the browser tests share
// it.
package site

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// CSP allows only the page's own origin: scripts from it and the compilation of its wasm, images
// and media from it or from blobs the page made, workers from it. Nothing else, no eval.
// (It is sent as a header rather than a <meta>, so the page stays scriptable by test drivers that
// evaluate strings; the single-file build, which has no server, carries it as a <meta>.)
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' blob: data:; media-src 'self' blob: mediastream:; worker-src 'self' blob:; " +
	"connect-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'none'"

// Handler serves the files under dir. A file with a gzipped copy beside it (name.gz, as
// ./build.sh writes web/limen.wasm.gz and web/lesson.wasm.gz) is sent as that copy, with Content-Encoding: gzip and the
// file's own Content-Type, to a request that accepts gzip; the plain file to any other. Ranges,
// HEAD and conditional requests apply to whichever copy is sent.
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
		if serveGzip(w, r, dir) {
			return
		}
		fs.ServeHTTP(w, r)
	})
}

// serveGzip sends name.gz for name if there is one and it is not older than name (a copy left by
// an earlier build would be the wrong module), and reports whether it did. Both answers carry
// Vary: Accept-Encoding, so a cache keeps them apart.
func serveGzip(w http.ResponseWriter, r *http.Request, dir string) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	name := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(name, "/") || strings.HasSuffix(name, ".gz") {
		return false
	}
	// http.Dir resolves the name the way the file server does: inside dir, no "..".
	plain, err := statFile(dir, name)
	if err != nil {
		return false
	}
	gz, err := statFile(dir, name+".gz")
	if err != nil || gz.ModTime().Before(plain.ModTime()) {
		return false
	}
	w.Header().Add("Vary", "Accept-Encoding")
	if !acceptsGzip(r.Header.Get("Accept-Encoding")) {
		return false
	}
	f, err := http.Dir(dir).Open(name + ".gz")
	if err != nil {
		return false
	}
	defer f.Close()
	ctype := mime.TypeByExtension(filepath.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	http.ServeContent(&gzipLabel{ResponseWriter: w}, r, name, gz.ModTime(), f)
	return true
}

// gzipLabel adds Content-Encoding: gzip to the answers that carry (part of) the gzipped copy.
// It is added as the status is written, not before ServeContent: ServeContent leaves out
// Content-Length when it sees a Content-Encoding, and its error answers (416) are plain text.
type gzipLabel struct {
	http.ResponseWriter
	wrote bool
}

func (g *gzipLabel) WriteHeader(code int) {
	if !g.wrote {
		g.wrote = true
		if code == http.StatusOK || code == http.StatusPartialContent || code == http.StatusNotModified {
			g.Header().Set("Content-Encoding", "gzip")
		}
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipLabel) Write(b []byte) (int, error) {
	if !g.wrote {
		g.WriteHeader(http.StatusOK)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipLabel) Unwrap() http.ResponseWriter { return g.ResponseWriter }

// statFile is the regular file name under dir.
func statFile(dir, name string) (os.FileInfo, error) {
	f, err := http.Dir(dir).Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, os.ErrNotExist
	}
	return fi, nil
}

// acceptsGzip reports whether an Accept-Encoding header takes gzip: named (or "*" when gzip is not
// named) with a q-value above 0.
func acceptsGzip(header string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "x-gzip" && coding != "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				} else {
					q = 0
				}
			}
		}
		if coding == "*" {
			star = q > 0
			continue
		}
		return q > 0
	}
	return star
}
