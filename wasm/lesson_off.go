//go:build js && wasm && !lesson

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/wasm/internal/samples"
)

// The module without the lesson (web/limen.wasm; build tag lesson makes web/lesson.wasm): the
// tool page, the embed-free pages and every worker load it, so it carries none of the lesson's
// widgets (lesson*.go). These are their empty stand-ins: no widget extensions, no widget
// template, no ranked table.

var lessonExtensions map[string]func(a *app)

func buildWidget(*dom.BasicHTMLElement) {}

// The degraded-page generator (docgen.go, docgen_rank.go, and algo/document with its fonts) is
// in the lesson's module only: it is taught there (section 8, whose widget has every degradation
// as a control), and in the tool page's module it did not fit the 1 MB the page fetches at start.
// The tool page keeps the generated samples doc-1…3 with their ground truth; a link that asks it
// for a generated page says where to make one, and limen.document is answered by a worker running
// the lesson's module (web/limen.js).

// docgenElsewhere is what the tool page says of a link's generated page.
const docgenElsewhere = "doc: degraded pages are made in the lesson (lesson.html, section 8, and its embeds); " +
	"this page has three of them as the samples doc-1, doc-2 and doc-3, with their ground truth"

// startDocgen: a generated page in the link is reported, like any setting the page cannot apply,
// and the page opens on its default sample.
func (a *app) startDocgen() {
	if a.st.Doc == nil {
		return
	}
	a.st.Doc, a.st.Sample = nil, samples.Default
	if a.linkErr == "" {
		a.linkErr = "Some settings in the link were not understood and were left out:"
	}
	a.linkErr += "\n" + docgenElsewhere
	a.fail(a.linkErr)
	if !a.widget && !a.embed {
		js.Global().Get("history").Call("replaceState", js.Null(), "", a.st.Hash())
	}
}

// installDocument: limen.document is web/limen.js's, which asks a worker running lesson.wasm.
func (a *api) installDocument(js.Value) {}
