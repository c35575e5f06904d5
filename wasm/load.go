//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// Image loading: a bundled sample, the reader's file (picker, drop, paste), decoded with its own
// pixels and handed to the worker.

// maxPixels is the largest picture the page accepts: a canvas of more fails in browsers, and the
// worker holds several copies of it.
const maxPixels = 50_000_000

// loadSample fetches a bundled sample image.
func (a *app) loadSample(name string) {
	go func() {
		defer a.recover()
		blob, err := sampleBlob(name)
		if err != nil {
			a.fail("Could not load the sample " + name + ".")
			return
		}
		a.loadBlob(blob, name)
	}()
}

// sampleBlob fetches a bundled picture, samples/NAME.png (a sample, or a sample's ground truth).
// Call it from a goroutine.
func sampleBlob(name string) (js.Value, error) {
	url := "samples/" + name + ".png"
	if embedded := js.Global().Get("__limenSamples"); embedded.Truthy() && embedded.Get(name).Truthy() {
		url = embedded.Get(name).String() // the single-file build carries its samples as data: URLs
	}
	resp, err := await(js.Global().Call("fetch", url))
	if err == nil && !resp.Get("ok").Bool() {
		err = errorString("HTTP " + itoa(resp.Get("status").Int()))
	}
	if err != nil {
		return js.Undefined(), err
	}
	return await(resp.Call("blob"))
}

// loadBlob decodes an image file with the file's own pixels (no colour conversion, no
// premultiplication), shows it, and hands it to the worker.
func (a *app) loadBlob(blob js.Value, name string) {
	a.stopCamera()
	go func() {
		defer a.recover()
		opts := js.Global().Get("Object").New()
		opts.Set("colorSpaceConversion", "none")
		opts.Set("premultiplyAlpha", "none")
		if blob.Get("size").Int() == 0 {
			a.fail("“" + name + "” is empty.")
			return
		}
		// The size first, from the header (an <img> does not decode until drawn), so that a huge
		// picture is refused before anything holds its pixels.
		w, h, err := imageSizeOf(blob)
		if err != nil {
			a.fail("“" + name + "” could not be read as an image.")
			return
		}
		if w*h > maxPixels || w > 32767 || h > 32767 {
			a.fail("“" + name + "” is " + itoa(w) + "×" + itoa(h) + ": too large (limen takes up to " +
				itoa(maxPixels/1_000_000) + " megapixels and 32767 pixels a side).")
			return
		}
		bmp, err := await(js.Global().Call("createImageBitmap", blob, opts))
		if err != nil {
			a.fail("“" + name + "” could not be read as an image (" + err.Error() + ").")
			return
		}
		w, h = bmp.Get("width").Int(), bmp.Get("height").Int()
		a.original.SetWidth(w)
		a.original.SetHeight(h)
		ctx := a.original.GetContext2d()
		ctx.Call("drawImage", bmp, 0, 0)
		img := ctx.GetImageData(0, 0, w, h)
		if a.prepareAlpha(blob, bmp, img.Value) { // the original shows what is thresholded
			ctx.Call("putImageData", img.Value, 0, 0)
		}
		bmp.Call("close")
		a.named(name, w, h)
		a.use(img.Value)
		a.request()
	}()
}

// named says which picture the original canvas shows: its name and size.
func (a *app) named(name string, w, h int) {
	a.clearError()
	a.name, a.width, a.height, a.loaded = name, w, h, true
	if c := find[*dom.BasicHTMLElement](a.root, "originalCaption"); c != nil {
		c.SetTextContent("Original: " + name + ", " + itoa(w) + "×" + itoa(h))
	}
	if a.view != nil {
		a.view.layout() // the new original shows now, not with its first result
	}
}

// use hands the picture to the compute worker, or keeps it here where no worker runs.
func (a *app) use(img js.Value) {
	if a.worker.Truthy() {
		msg := js.Global().Get("Object").New()
		msg.Set("kind", "load")
		msg.Set("image", img)
		a.post(msg)
	} else {
		a.local = img
	}
}

// imageSizeOf reads an image file's size with an <img>, which parses the header without decoding
// the pixels.
func imageSizeOf(blob js.Value) (int, int, error) {
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	defer js.Global().Get("URL").Call("revokeObjectURL", url)
	img := js.Global().Get("Image").New()
	done := make(chan bool, 1)
	var onload, onerror js.Func
	onload = js.FuncOf(func(js.Value, []js.Value) any { done <- true; return nil })
	onerror = js.FuncOf(func(js.Value, []js.Value) any { done <- false; return nil })
	defer onload.Release()
	defer onerror.Release()
	img.Set("onload", onload)
	img.Set("onerror", onerror)
	img.Set("src", url)
	if !<-done {
		return 0, 0, errorString("not an image")
	}
	return img.Get("naturalWidth").Int(), img.Get("naturalHeight").Int(), nil
}

// wireFiles opens the reader's own picture: the file picker, a drop anywhere on the page, a paste.
func (a *app) wireFiles() {
	if file := find[*dom.HTMLInputElement](a.root, "file"); file != nil {
		a.on(file, "change", func(*dom.BasicEvent) {
			files := file.Get("files")
			if files.Length() > 0 {
				a.ownPicture()
				a.loadBlob(files.Index(0), files.Index(0).Get("name").String())
			}
			file.SetValue("") // choosing the same file again loads it again
		})
	}
	// Drop anywhere on the page; paste from the clipboard.
	win := jsValue{js.Global()}
	if drop := find[*dom.BasicHTMLElement](a.root, "drop"); drop != nil && !a.embed && !a.widget {
		a.on(win, "dragover", func(e *dom.BasicEvent) {
			e.PreventDefault()
			drop.Class().Add("dragover")
		})
		a.on(win, "dragleave", func(*dom.BasicEvent) { drop.Class().Remove("dragover") })
		a.on(win, "drop", func(e *dom.BasicEvent) {
			e.PreventDefault()
			drop.Class().Remove("dragover")
			files := e.Underlying().Get("dataTransfer").Get("files")
			if files.Length() > 0 {
				a.ownPicture()
				a.loadBlob(files.Index(0), files.Index(0).Get("name").String())
			} else {
				a.fail("Nothing to open: drop an image file.")
			}
		})
		a.on(win, "paste", func(e *dom.BasicEvent) {
			items := e.Underlying().Get("clipboardData").Get("files")
			if items.Length() > 0 {
				a.ownPicture()
				a.loadBlob(items.Index(0), "pasted image")
			}
		})
	}
}
