//go:build !js

// Command dist writes limen's offline builds from a built site (./build.sh dist):
//
//   - OUT/limen.html: one self-contained file that is the whole site's tool and lesson, opened
//     straight from disk (file://) with no other file and no network. Inside it: the stylesheets,
//     the scripts, the samples (data: URLs), the two wasm modules (gzip + base64, unpacked
//     with DecompressionStream), the lesson (a <template>, shown for ?lesson), and every script the page
//     loads later or runs in a worker (<script type="text/plain" data-file="NAME">: limen.js makes
//     blob: URLs of them, see __limenWorkerURL). A Content-Security-Policy <meta> allows exactly
//     its own inline scripts and styles, by hash, and workers from blob: URLs.
//   - OUT/site/: the site as it is, for any static host.
//
// From file:// a page has an opaque origin: it cannot fetch files beside it, register a service
// worker, or start a worker from a file; it can start one from a blob: URL it made. Hence the
// single file carries everything and makes its workers from blobs; the service worker (and the
// pages that are only for a hosted site, listed in notInFile) stay out.
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
	"sort"
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

// notInFile are the site's files the single file leaves out, and why: the one list, which
// wasm/e2e/dist_test.go holds against the service worker's list of the site's files (web/sw.js).
// Every other script in web/ is carried (a file the page loads later, such as pool.js, is in the
// single file without being named here).
var notInFile = map[string]string{
	"sw.js":                "a service worker cannot be registered from file://",
	"version.js":           "the service worker's cache name",
	"manifest.webmanifest": "an installable web app needs a hosted site",
	"api.html":             "the JS API example page is for a hosted site (dist/site/)",
	"api-example.js":       "api.html's script",
	"embed.html":           "embed codes point at a hosted site's embed.html (dist/site/)",
	"bench.html":           "the benchmark page needs the hosted site and OpenCV.js",
	"bench.js":             "bench.html's script",
	"samples/list.js":      "the service worker's list of samples (the samples themselves are carried)",
	"./":                   "the site's root URL is index.html, which is this file",
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
	lesson, err := read("lesson.html")
	if err != nil {
		return err
	}
	css, err := read("style.css")
	if err != nil {
		return err
	}
	lessonCSS, err := read("lesson.css")
	if err != nil {
		return err
	}
	// The modules (see build.sh): limen.wasm, which the tool and every worker run, and lesson.wasm,
	// which the lesson runs (limen.js picks it by <html data-module>, which pagesScript sets for
	// ?lesson). Each is a script that adds its bytes (gzip, base64) to __limenWasmData; the first,
	// #limen-wasm, also says this is the single file and unpacks a module (with
	// DecompressionStream), and is the first part of every worker the page starts (limen.js reads
	// its text by id). The lesson's, #limen-wasm-lesson, stays in the page: workers never run it.
	packed := map[string]string{}
	for _, name := range modules {
		wasm, err := os.ReadFile(filepath.Join(site, name+".wasm"))
		if err != nil {
			return fmt.Errorf("%w (run ./build.sh build first)", err)
		}
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(wasm)
		zw.Close()
		packed[name] = fmt.Sprintf("(self.__limenWasmData ||= {})['%s'] = '%s';\n", name, base64.StdEncoding.EncodeToString(gz.Bytes()))
	}
	wasmBoot := "self.__limenSingleFile = true;\n" + packed["limen"] + "self.__limenWasm = async (name) => {\n" +
		"  const b = Uint8Array.from(atob(self.__limenWasmData[name]), (c) => c.charCodeAt(0));\n" +
		"  return new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();\n};\n"
	lessonWasm := packed["lesson"]

	var samples strings.Builder
	samples.WriteString("self.__limenSamples = {")
	names, _ := filepath.Glob(filepath.Join(site, "samples", "*.png"))
	for i, s := range names {
		b, err := os.ReadFile(s)
		if err != nil {
			return err
		}
		if i > 0 {
			samples.WriteString(",")
		}
		fmt.Fprintf(&samples, "\n  %q: 'data:image/png;base64,%s'", strings.TrimSuffix(filepath.Base(s), ".png"), base64.StdEncoding.EncodeToString(b))
	}
	samples.WriteString("\n};\n")

	// The site's scripts: wasm_exec.js and limen.js run in the page; the others are carried as
	// text, for workers and for limen.js to run when asked (__limenScript).
	jsFiles, _ := filepath.Glob(filepath.Join(site, "*.js"))
	sort.Strings(jsFiles)
	files := map[string]string{}
	for _, f := range jsFiles {
		name := filepath.Base(f)
		if _, out := notInFile[name]; out {
			continue
		}
		if files[name], err = read(name); err != nil {
			return err
		}
	}
	for _, need := range []string{"wasm_exec.js", "limen.js", "pool.js"} {
		if _, ok := files[need]; !ok {
			return fmt.Errorf("%s is missing from %s (run ./build.sh build first)", need, site)
		}
	}
	// A module this file does not carry would be loaded later and break offline: say so instead.
	found, _ := filepath.Glob(filepath.Join(site, "*.wasm"))
	for _, f := range found {
		if name := strings.TrimSuffix(filepath.Base(f), ".wasm"); packed[name] == "" {
			return fmt.Errorf("%s holds %s, which the single file does not carry: add it to modules in wasm/cmd/dist", site, filepath.Base(f))
		}
	}

	// Pieces of HTML: a script's text must not end its element early.
	for name, text := range files {
		if strings.Contains(strings.ToLower(text), "</script") || strings.Contains(text, "<!--") {
			return fmt.Errorf("%s contains </script or <!--, which would break its inline copy", name)
		}
	}
	// What the file leaves out, said on both pages (wasm/e2e/dist_test.go reads the list).
	left := make([]string, 0, len(notInFile))
	for name := range notInFile {
		left = append(left, name)
	}
	sort.Strings(left)
	note := `<details class="hint" id="limen-not-in-file"><summary>This one file is limen's tool and its lesson, offline. What it leaves out</summary><ul>`
	for _, name := range left {
		note += `<li><code>` + name + `</code>: ` + notInFile[name] + `</li>`
	}
	note += `</ul><p>The lesson's embed codes name embed.html, which is on the hosted site.</p></details>`

	// The lesson: its <body>'s content without its scripts, in a template the page swaps in.
	lessonBody, err := between(lesson, "<body", "</body>")
	if err != nil {
		return fmt.Errorf("lesson.html: %w", err)
	}
	lessonBody = lessonBody[strings.Index(lessonBody, ">")+1:]
	lessonBody = scriptTags.ReplaceAllString(lessonBody, "")
	lessonBody = strings.Replace(lessonBody, "</footer>", note+"</footer>", 1)
	title, err := between(lesson, "<title>", "</title>")
	if err != nil {
		return fmt.Errorf("lesson.html: %w", err)
	}
	bodyClass := ""
	if m := regexp.MustCompile(`<body class="([^"]*)"`).FindStringSubmatch(lesson); m != nil {
		bodyClass = m[1]
	}
	lessonTemplate := `<template id="limen-lesson" data-title="` + title + `" data-body-class="` + bodyClass + `"><style>` + lessonCSS + "</style>\n" + lessonBody + "</template>\n"

	run := []string{wasmBoot, lessonWasm, samples.String(), pagesScript, files["wasm_exec.js"], files["limen.js"]}
	var inline strings.Builder
	inline.WriteString(lessonTemplate)
	fmt.Fprintf(&inline, "<script id=\"limen-wasm\">%s</script>\n<script id=\"limen-wasm-lesson\">%s</script>\n<script>%s</script>\n<script>%s</script>\n", run[0], run[1], run[2], run[3])
	fmt.Fprintf(&inline, "<script data-file=\"wasm_exec.js\">%s</script>\n<script data-file=\"limen.js\">%s</script>\n", run[4], run[5])
	csp := "default-src 'none'; script-src 'wasm-unsafe-eval'"
	for _, s := range run {
		csp += " " + hash(s)
	}
	carried := make([]string, 0, len(files))
	for name := range files {
		carried = append(carried, name)
	}
	sort.Strings(carried)
	for _, name := range carried {
		if name == "wasm_exec.js" || name == "limen.js" {
			continue
		}
		// Not run here: limen.js runs it when asked (as an inline script: allowed by its hash) or
		// puts it in a worker's blob.
		fmt.Fprintf(&inline, "<script type=\"text/plain\" data-file=\"%s\">%s</script>\n", name, files[name])
		csp += " " + hash(files[name])
	}
	css += "\n.site-only { display: none; }\n"
	// connect-src: the file fetches only its own data: and blob: URLs. Loopback is allowed too, so
	// that a test harness on this machine can hand the page pictures; nothing off the machine is.
	csp += "; worker-src blob:; style-src " + hash(css) + " " + hash(lessonCSS) +
		"; img-src data: blob:; connect-src data: blob: http://127.0.0.1:* http://localhost:*; base-uri 'none'; form-action 'none'"

	// Replace the external files with their inline copies.
	page = scriptTags.ReplaceAllString(page, "")
	page = strings.Replace(page, "</footer>", note+"</footer>", 1)
	page = strings.Replace(page, "</body>", inline.String()+"</body>", 1)
	page = strings.Replace(page, `<link rel="stylesheet" href="style.css">`, "<style>"+css+"</style>", 1)
	page = strings.Replace(page, `<link rel="manifest" href="manifest.webmanifest">`+"\n", "", 1)
	page = strings.Replace(page, `<meta charset="utf-8">`, `<meta charset="utf-8">`+"\n"+
		`<meta http-equiv="Content-Security-Policy" content="`+csp+`">`, 1)
	if regexp.MustCompile(`<script[^>]+src=|<link rel="stylesheet"`).MatchString(page) {
		return fmt.Errorf("index.html still loads an external script or stylesheet")
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

// modules are the site's wasm modules, by name (NAME.wasm): the single file carries each.
var modules = []string{"limen", "lesson"}

var scriptTags = regexp.MustCompile(`<script src="[^"]+" defer></script>\n?`)

// pagesScript makes the single file both pages: with ?lesson in its URL it shows the lesson (the
// template's content in place of the tool's), and links between the pages stay in this file.
// Links to the site's other pages, which this file does not hold, say so instead of failing.
const pagesScript = `(() => {
  const t = document.getElementById('limen-lesson');
  if (new URLSearchParams(location.search).has('lesson')) {
    for (const n of [...document.body.childNodes]) if (n.nodeName !== 'SCRIPT' && n.nodeName !== 'TEMPLATE') n.remove();
    document.body.prepend(t.content.cloneNode(true));
    document.body.className = t.dataset.bodyClass;
    document.title = t.dataset.title;
    document.documentElement.dataset.module = 'lesson';   // limen.js runs the lesson's module
  }
  const inFile = { 'index.html': '?', 'lesson.html': '?lesson' };
  const fix = (a) => {
    const m = /^([a-z-]+\.html)(#.*)?$/.exec(a.getAttribute('href') || '');
    if (!m) return;
    if (m[1] in inFile) a.setAttribute('href', inFile[m[1]] + (m[2] || ''));
    else { a.removeAttribute('href'); a.title = m[1] + ' is not in this single file: it is on the hosted site (dist/site/)'; }
  };
  document.querySelectorAll('a[href]').forEach(fix);
  // Links the page makes later (the lesson's "open in the full tool"), when they are followed.
  document.addEventListener('click', (e) => { const a = e.target.closest && e.target.closest('a[href]'); if (a) fix(a); }, true);
})();
`

// between is the text of s from the first start to the following end (start included).
func between(s, start, end string) (string, error) {
	i := strings.Index(s, start)
	if i < 0 {
		return "", fmt.Errorf("no %s", start)
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		return "", fmt.Errorf("no %s after %s", end, start)
	}
	return s[i : i+j], nil
}

// hash is a CSP source for an inline element's exact text.
func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
