//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"limen/algo"
)

// Try-all in a pool worker: web/pool.js calls __limenTryAll(handleId, thumbnail, options, methodIds)
// on the picture it keeps for the page and posts the list back (tryall.go draws it).

// tryAll runs every listed method on a loaded picture and draws its thumbnail. Each entry has the
// method's level and time on the whole picture, and the thumbnail thresholded at that level
// (algo.AtLevel, the same table the whole picture got; a local method runs on the thumbnail
// itself), or an error. The thumbnail gets the same preprocessing as the picture.
func (a *api) tryAll(args []js.Value) (any, error) {
	im := handles[arg(args, 0).Int()]
	if im == nil {
		return nil, errors.New("try-all: this handle was released")
	}
	tw, th, data, err := imageSize(arg(args, 1), "the thumbnail")
	if err != nil {
		return nil, err
	}
	pix := grow(&a.thumbPix, 4*tw*th)
	js.CopyBytesToGo(pix, data)
	if err := a.thumb.Load(pix, tw, th); err != nil {
		return nil, err
	}
	opts, ids := arg(args, 2), arg(args, 3)
	assign := js.Global().Get("Object").Get("assign")
	list := js.Global().Get("Array").New()
	for i := 0; i < ids.Length(); i++ {
		id := ids.Index(i).String()
		entry := js.Global().Get("Object").New()
		entry.Set("method", id)
		if err := a.tryOne(entry, im, assign.Invoke(js.Global().Get("Object").New(), opts, tryOpts(id))); err != nil {
			entry.Set("error", err.Error())
		}
		list.Call("push", entry)
	}
	return list, nil
}

// tryOpts are what try-all changes in the page's options for method id: the level only, first.
func tryOpts(id string) js.Value {
	o := js.Global().Get("Object").New()
	o.Set("method", id)
	o.Set("criterion", false)
	o.Set("image", false)
	return o
}

// tryOne fills entry with method's level, time and thumbnail.
func (a *api) tryOne(entry js.Value, im *algo.Image, opts js.Value) error {
	t0 := now()
	req, err := parseOptions(opts)
	if err != nil {
		return err
	}
	o := req.opts
	full, err := im.Threshold(o, nil)
	if err != nil {
		return err
	}
	entry.Set("level", levelValue(full))
	entry.Set("ms", now()-t0)
	o.NoImage = false
	var small *algo.Output
	if full.Local {
		small, err = a.thumb.Threshold(o, nil)
	} else {
		// The thumbnail's gray, preprocessed as the picture was (the level only: no pixels yet).
		g, gerr := a.thumb.Threshold(&algo.Options{Method: "manual", NoImage: true, Resize: o.Resize, Noise: o.Noise, Blur: o.Blur}, nil)
		if gerr != nil {
			return gerr
		}
		small = &algo.Output{Width: g.Width, Height: g.Height, Pix: make([]byte, 4*g.Width*g.Height)}
		algo.AtLevel(small.Pix, g.Gray, o, algo.Result{Level: full.Level, Levels: full.Levels})
	}
	if err != nil {
		return err
	}
	entry.Set("image", imageValue(small.Pix, small.Width, small.Height, js.Undefined()))
	return nil
}
