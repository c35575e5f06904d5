//go:build js && wasm && !lesson

package main

import (
	"strconv"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo"
)

// Try all: every global method on the current picture, as a grid of thumbnails with each level and
// time (scikit-image's try_all_threshold, ImageJ's "Try all"). Clicking a tile selects its method.
func (a *app) wireTryAll() {
	btn := find[*dom.BasicHTMLElement](a.root, "tryAll")
	if btn == nil {
		return
	}
	// The tiles are replaced at every run, so they get no listener of their own (a js.FuncOf per
	// tile would outlive it): the grid listens for clicks on any of them.
	if grid := find[*dom.BasicHTMLElement](a.root, "tryall"); grid != nil {
		a.onWithin(grid, "click", func(e *dom.BasicEvent) {
			tile := e.Underlying().Get("target").Call("closest", ".tile")
			if tile.IsNull() {
				return
			}
			a.st.Method, a.st.Params, a.st.Reference = tile.Call("getAttribute", "data-method").String(), nil, ""
			a.applyState()
			a.writeHash()
			a.request()
		})
	}
	a.on(btn, "click", func(*dom.BasicEvent) {
		if !a.loaded || !a.worker.Truthy() {
			return
		}
		ids := js.Global().Get("Array").New()
		for _, m := range algo.Methods() {
			if m.Kind == algo.Global && m.ID != "manual" {
				ids.Call("push", m.ID)
			}
		}
		grid := find[*dom.BasicHTMLElement](a.root, "tryall")
		grid.SetInnerHTML("")
		grid.RemoveAttribute("hidden")
		p := el("p")
		p.SetTextContent("Running every global method…")
		appendTo(grid, p)
		opts := a.options()
		opts.Delete("method")
		msg := js.Global().Get("Object").New()
		msg.Set("kind", "tryall")
		msg.Set("opts", opts)
		msg.Set("methods", ids)
		a.post(msg)
	})
}

func (a *app) showTryAll(results js.Value) {
	grid := find[*dom.BasicHTMLElement](a.root, "tryall")
	if grid == nil {
		return
	}
	grid.SetInnerHTML("")
	for i := 0; i < results.Length(); i++ {
		r := results.Index(i)
		id := r.Get("method").String()
		m, _ := algo.Lookup(id)
		tile := create[*dom.HTMLButtonElement]("button")
		tile.Class().Add("tile")
		tile.SetAttribute("type", "button")
		tile.SetAttribute("data-method", id)
		if img := r.Get("image"); img.Truthy() {
			cv := create[*dom.HTMLCanvasElement]("canvas")
			cv.SetWidth(img.Get("width").Int())
			cv.SetHeight(img.Get("height").Int())
			cv.GetContext2d().Call("putImageData", img, 0, 0)
			appendTo(tile, cv)
		}
		cap := el("span")
		text := m.Name
		if e := r.Get("error"); e.Truthy() {
			text += ": " + e.String()
		} else {
			text += ": " + levelText(r.Get("level")) + " · " + strconv.FormatFloat(r.Get("ms").Float(), 'f', 1, 64) + " ms"
		}
		cap.SetTextContent(text)
		appendTo(tile, cap)
		appendTo(grid, tile)
	}
}
