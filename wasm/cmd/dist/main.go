//go:build !js

// Command dist writes limen's offline builds from a built site (./build.sh dist):
//
//   - OUT/limen.html: one self-contained file that works opened straight from disk (file://) with
//     no other file and no network: the stylesheet, the scripts, the samples (data: URLs) and the
//     wasm (gzip + base64, unpacked with DecompressionStream) are inside it, and a
//     Content-Security-Policy <meta> allows exactly its own inline scripts, by hash.
//   - OUT/site/: the site as it is, for any static host.
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

func main() {
	site := flag.String("site", "web", "the built site")
	out := flag.String("out", "dist", "output folder")
	flag.Parse()
	if err := run(*site, *out); err != nil {
		log.Fatal("dist: ", err)
	}
}

func run(site, out string) error {
	read := func(name string) (string, error) {
		b, err := os.ReadFile(filepath.Join(site, name))
		if err != nil {
			return "", fmt.Errorf("%w (run ./build.sh build first)", err)
		}
		return string(b), nil
	}
	page, err := read("index.html")
	if err != nil {
		return err
	}
	css, err := read("style.css")
	if err != nil {
		return err
	}
	wasmExec, err := read("wasm_exec.js")
	if err != nil {
		return err
	}
	loader, err := read("limen.js")
	if err != nil {
		return err
	}
	wasm, err := os.ReadFile(filepath.Join(site, "limen.wasm"))
	if err != nil {
		return fmt.Errorf("%w (run ./build.sh build first)", err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(wasm)
	zw.Close()

	// The bootstrap tells the page it is a single file, and carries the samples and the wasm.
	var boot strings.Builder
	boot.WriteString("self.__limenSingleFile = true;\nself.__limenSamples = {")
	samples, _ := filepath.Glob(filepath.Join(site, "samples", "*.png"))
	for i, s := range samples {
		b, err := os.ReadFile(s)
		if err != nil {
			return err
		}
		if i > 0 {
			boot.WriteString(",")
		}
		fmt.Fprintf(&boot, "\n  %q: 'data:image/png;base64,%s'", strings.TrimSuffix(filepath.Base(s), ".png"), base64.StdEncoding.EncodeToString(b))
	}
	boot.WriteString("\n};\n")
	fmt.Fprintf(&boot, "self.__limenWasm = async () => {\n  const b = Uint8Array.from(atob('%s'), (c) => c.charCodeAt(0));\n"+
		"  return new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();\n};\n",
		base64.StdEncoding.EncodeToString(gz.Bytes()))

	scripts := []string{boot.String(), wasmExec, loader}
	css += "\n.site-only { display: none; }\n"
	var inline strings.Builder
	for _, s := range scripts {
		inline.WriteString("<script>" + s + "</script>\n")
	}
	csp := "default-src 'none'; script-src 'wasm-unsafe-eval'"
	for _, s := range scripts {
		csp += " " + hash(s)
	}
	// connect-src: the file fetches only its own data: and blob: URLs. Loopback is allowed too, so
	// that a test harness on this machine can hand the page pictures; nothing off the machine is.
	csp += "; style-src " + hash(css) + "; img-src data: blob:; connect-src data: blob: http://127.0.0.1:* http://localhost:*; base-uri 'none'; form-action 'none'"

	// Replace the external files with their inline copies.
	scriptTags := regexp.MustCompile(`<script src="[^"]+" defer></script>\n?`)
	page = scriptTags.ReplaceAllString(page, "")
	page = strings.Replace(page, "</body>", inline.String()+"</body>", 1)
	page = strings.Replace(page, `<link rel="stylesheet" href="style.css">`, "<style>"+css+"</style>", 1)
	page = strings.Replace(page, `<link rel="manifest" href="manifest.webmanifest">`+"\n", "", 1)
	page = strings.Replace(page, `<meta charset="utf-8">`, `<meta charset="utf-8">`+"\n"+
		`<meta http-equiv="Content-Security-Policy" content="`+csp+`">`, 1)
	if strings.Contains(page, `src="`) && regexp.MustCompile(`<script[^>]+src=`).MatchString(page) {
		return fmt.Errorf("index.html still loads an external script")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "limen.html"), []byte(page), 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s (%d bytes)\n", filepath.Join(out, "limen.html"), len(page))

	// The site as it is, for a static host.
	dst := filepath.Join(out, "site")
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	err = filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		return err
	}
	fmt.Printf("wrote %s/\n", dst)
	return nil
}

// hash is a CSP source for an inline element's exact text.
func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
