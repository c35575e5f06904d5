//go:build js && wasm

package main

import (
	"syscall/js"
	"unsafe"
)

// Copies between the module's memory and a caller's pixels, one Go↔JS call a band. syscall/js's
// CopyBytesToGo and CopyBytesToJS need a typed array of exactly the bytes to copy: a band of a
// larger picture costs a subarray call first, and that subarray is a JS value the Go runtime holds
// (and must release, one more call each, from its collector's finalizers) — for a 12 MP picture
// about 370 subarrays a call. The loader's helpers (web/limen.js) take an offset instead and view
// the module's memory themselves. Go's collector never moves memory, so an address stays valid for
// the call.

var (
	jsCopyIn, jsCopyOut = js.Global().Get("__limenCopyIn"), js.Global().Get("__limenCopyOut")
	jsNumbers           = js.Global().Get("__limenNumbers")
)

// The constructors the calls use, looked up once: every js.Value of an object that Go gets from
// JS is a reference with a finalizer, which the next collection must run (a call into JS each), so
// a lookup a call is garbage a call. (ImageData is looked up where one is made, as a page may
// replace it: the tests count what limen makes.)
var (
	jsArray, jsObject, jsArrayBuffer  = js.Global().Get("Array"), js.Global().Get("Object"), js.Global().Get("ArrayBuffer")
	jsUint8Array, jsUint8ClampedArray = js.Global().Get("Uint8Array"), js.Global().Get("Uint8ClampedArray")
	jsInt16Array                      = js.Global().Get("Int16Array")
)

// copyIn copies len(dst) bytes of src (a Uint8Array, a Uint8ClampedArray or an ArrayBuffer) from
// byte at into dst.
func copyIn(dst []byte, src js.Value, at int) {
	if len(dst) > 0 {
		jsCopyIn.Invoke(src, at, len(dst), uintptr(unsafe.Pointer(unsafe.SliceData(dst))))
	}
}

// copyOut copies src into dst (a Uint8Array, a Uint8ClampedArray or an ArrayBuffer) from byte at.
func copyOut(dst js.Value, at int, src []byte) {
	if len(src) > 0 {
		jsCopyOut.Invoke(dst, at, len(src), uintptr(unsafe.Pointer(unsafe.SliceData(src))))
	}
}

// numbersValue is a JS Array of the numbers v, made in one call (a SetIndex each would be 256
// calls for a histogram); NaN and infinities become null when nulls is set.
func numbersValue(v []float64, nulls bool) js.Value {
	return jsNumbers.Invoke(uintptr(unsafe.Pointer(unsafe.SliceData(v))), len(v), nulls)
}
