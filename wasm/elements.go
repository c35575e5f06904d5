//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// The UI reaches elements through dom/v2's concrete types, made here straight from their JS
// values. dom/v2's own look-ups (QuerySelector, GetElementByID, CreateElement) return interfaces
// made by a switch over every HTML element type, which keeps every type's methods in the binary:
// going around them keeps the wasm hundreds of kilobytes smaller.

// basic wraps a JS element as dom/v2's plain HTML element.
func basic(v js.Value) *dom.BasicHTMLElement {
	return &dom.BasicHTMLElement{BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}}
}

// wrap wraps a JS element (not null) as the dom/v2 type T: one of the concrete types the UI uses.
func wrap[T any](v js.Value) T {
	var zero T
	var e any
	switch any(zero).(type) {
	case *dom.HTMLSelectElement:
		e = &dom.HTMLSelectElement{BasicHTMLElement: basic(v)}
	case *dom.HTMLInputElement:
		e = &dom.HTMLInputElement{BasicHTMLElement: basic(v)}
	case *dom.HTMLCanvasElement:
		e = &dom.HTMLCanvasElement{BasicHTMLElement: basic(v)}
	case *dom.HTMLAnchorElement:
		e = &dom.HTMLAnchorElement{BasicHTMLElement: basic(v), URLUtils: &dom.URLUtils{Value: v}}
	case *dom.HTMLButtonElement:
		e = &dom.HTMLButtonElement{BasicHTMLElement: basic(v)}
	case *dom.HTMLTextAreaElement:
		e = &dom.HTMLTextAreaElement{BasicHTMLElement: basic(v)}
	case *dom.BasicHTMLElement:
		e = basic(v)
	default:
		panic("limen page: wrap: unsupported element type")
	}
	return e.(T)
}

// find returns the element inside root marked data-el="name", as T, or nil when there is none.
// Names, not ids, so several widgets can share one page.
func find[T any](root *dom.BasicHTMLElement, name string) T {
	var zero T
	v := root.Call("querySelector", `[data-el="`+name+`"]`)
	if v.IsNull() || v.IsUndefined() {
		return zero
	}
	return wrap[T](v)
}

// create makes a new element of the tag, as T.
func create[T any](tag string) T {
	return wrap[T](js.Global().Get("document").Call("createElement", tag))
}

// el makes a new plain element of the tag.
func el(tag string) *dom.BasicHTMLElement { return create[*dom.BasicHTMLElement](tag) }

// text makes a text node.
func text(s string) *dom.Text {
	return &dom.Text{BasicNode: &dom.BasicNode{Value: js.Global().Get("document").Call("createTextNode", s)}}
}

// all returns every element inside root matching the CSS selector, as T.
func all[T any](root *dom.BasicHTMLElement, selector string) []T {
	list := root.Call("querySelectorAll", selector)
	out := make([]T, list.Length())
	for i := range out {
		out[i] = wrap[T](list.Index(i))
	}
	return out
}

// node is anything with a JS value underneath: dom/v2's elements, events and jsValue.
type node interface{ Underlying() js.Value }

// jsValue is a JS value that is not an element (the window), as a target for app.on.
type jsValue struct{ js.Value }

func (v jsValue) Underlying() js.Value { return v.Value }

// appendTo appends child to parent. dom/v2's AppendChild takes its Node interface: converting an
// element to it keeps every Node method of every such type in the module, and through Event's
// TimeStamp, all of time's formatting code (about 30 KB of the gzipped wasm together).
func appendTo(parent, child node) {
	parent.Underlying().Call("appendChild", child.Underlying())
}
