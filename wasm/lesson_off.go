//go:build js && wasm && !lesson

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// The module without the lesson (web/limen.wasm; build tag lesson makes web/lesson.wasm): the
// tool page, the embed-free pages and every worker load it, so it carries none of the lesson's
// widgets (lesson*.go). These are their empty stand-ins: no widget extensions, no widget
// template, no ranked table.

var lessonExtensions map[string]func(a *app)

func buildWidget(*dom.BasicHTMLElement) {}

// No ranked table of the lesson's (lesson_rank.go): the tool page ranks with the lab's Rank all.

type docRank struct{}

func (g *docgen) startRank() {}
func (*docRank) start()      {}

// installDocument: limen.document is web/limen.js's, which asks a worker running lesson.wasm.
func (a *api) installDocument(js.Value) {}
