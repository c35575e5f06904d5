//go:build js && wasm

package main

import (
	"syscall/js"
	"unsafe"

	"limen/algo"
)

// The option levels: true of limen.threshold, which the page's pixel inspector reads (inspect.go).
// Part of the API, so in every build of the module.

// setLevels adds to a result what the inspector reads: gray, a Uint8Array of width×height values,
// the gray picture the method saw (after resize, noise and blur); and for a local method levels, an
// Int16Array of its level at every pixel, −1…255, unclamped (a pixel v is above its level when
// v > T; −1: every value is).
func setLevels(r js.Value, out *algo.Output) {
	w, h := out.Width, out.Height
	gray := jsUint8Array.New(w * h)
	if g := out.Gray; g != nil {
		if g.Stride == w {
			js.CopyBytesToJS(gray, g.Pix[:w*h])
		} else {
			for y := 0; y < h; y++ {
				js.CopyBytesToJS(gray.Call("subarray", y*w, (y+1)*w), g.Pix[y*g.Stride:y*g.Stride+w])
			}
		}
	}
	r.Set("gray", gray)
	lm := out.LevelMap
	if lm == nil || len(lm.L) == 0 {
		return
	}
	levels := jsInt16Array.New(w * h)
	bytes := jsUint8Array.New(levels.Get("buffer"))
	if lm.Stride == w {
		js.CopyBytesToJS(bytes, int16Bytes(lm.L[:w*h]))
	} else {
		for y := 0; y < h; y++ {
			js.CopyBytesToJS(bytes.Call("subarray", 2*y*w, 2*(y+1)*w), int16Bytes(lm.L[y*lm.Stride:y*lm.Stride+w]))
		}
	}
	r.Set("levels", levels)
}

// int16Bytes is l's memory as bytes: an int16 is two bytes, low first, in wasm's memory as in JS's
// typed arrays (both little endian).
func int16Bytes(l []int16) []byte {
	if len(l) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&l[0])), 2*len(l))
}
