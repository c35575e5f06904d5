//go:build js && wasm

package main

import (
	"errors"
	"image"
	"math"
	"runtime"
	"strconv"
	"syscall/js"

	"github.com/norunners/vert"

	"limen/algo"
)

// version is set at build time (-ldflags -X main.version=…).
var version = "dev"

// api is the `limen` object's Go side. It keeps one scratch Image and one pixel buffer, reused by
// every limen.threshold call, so a page that thresholds picture after picture reaches a steady
// memory size (Go's wasm memory never shrinks).
type api struct {
	scratch algo.Image
	pix     []byte // the RGBA output of local methods (global ones write theirs a band at a time)
	mask    []byte
	funcs   []js.Func

	thumb    algo.Image // try-all's thumbnail (tryall_worker.go)
	thumbPix []byte

	handleThreshold, handleRelease js.Value
}

// errorValue is a JS Error with msg, which the generated wrapper throws.
func errorValue(msg string) js.Value {
	return js.Global().Get("Error").New(msg)
}

// panicText is what a recovered panic says, as ": reason" (empty when it says nothing usable).
func panicText(r any) string {
	switch v := r.(type) {
	case error:
		return ": " + v.Error()
	case string:
		return ": " + v
	}
	return ""
}

// guard runs f and turns an error or a Go panic into a JS Error value: a bad call must never kill
// the module, and the next call must work.
func guard(f func() (any, error)) (res any) {
	defer func() {
		if r := recover(); r != nil {
			res = errorValue("limen: internal error" + panicText(r))
		}
	}()
	v, err := f()
	if err != nil {
		return errorValue("limen: " + err.Error())
	}
	return v
}

// export wraps f as a JS function that throws the Error values f returns.
func (a *api) export(f func(this js.Value, args []js.Value) any) js.Value {
	fn := js.FuncOf(f)
	a.funcs = append(a.funcs, fn)
	return throwing.Invoke(fn)
}

// throwing is the loader's wrapper (web/limen.js) that throws an Error value a Go function returns.
var throwing = js.Global().Get("__limenThrowing")

// collect runs the garbage collector. Go's wasm memory never shrinks, and without collections the
// garbage of every call (its options, its result's bookkeeping, a local method's temporary
// pictures) would grow it until the heap doubled; the JS values a call was given (the caller's
// ImageData among them) also stay held until a collection runs their finalizers. The big buffers
// are reused and hold no pointers, so a collection is cheap, but not free: about 2 ms, 7 % of a
// 12 MP Otsu.
func collect() {
	runtime.GC()
	sinceCollect = 0
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heapAfterCollect = ms.HeapAlloc
}

const (
	// collectEvery is how many calls may go by between two collections when the caller never
	// lets a task end (a loop of calls in one task).
	collectEvery = 8
	// garbageBudget is the heap growth since the last collection that makes a call collect at
	// once: a call that left a picture's worth of garbage (a surface, a local method's sums)
	// collects before it returns, as every call did before collectSoon.
	garbageBudget = 1 << 20
)

var (
	sinceCollect     int     // calls since the last collection
	heapAfterCollect uint64  // the heap's size after the last collection
	collectPending   bool    // a collection waits for the next task
	collectLater     js.Func // that collection (setTimeout's callback)
)

// collectSoon is collect for the calls that run many times a second (limen.threshold, a handle's
// threshold). A call that left little garbage — a global method leaves a few kilobytes — returns
// without collecting, and the collection runs in a task of its own once the caller's task has ended
// (setTimeout 0): the result comes 2 ms sooner and a page draws it before collecting. A caller that
// loops without ending its task gets a collection every collectEvery calls, which bounds what the
// garbage and the held JS values add to the memory. Reading the heap's size costs about 70 µs.
func collectSoon() { noteCall(true, 0) }

// workerCollectDelay is how long, in ms, a pool worker that holds no band waits before it collects.
// Its collection belongs after the pool's call, not in it: the other workers are still computing
// their bands then, and on a machine with as many cores as workers a collection (1 to 3 ms) takes
// one of those cores. By the time this has passed, the others have finished (on two cores, about
// 25 ms a band at 4 MP, within a few ms of each other). Measured on 2 cores with two warm pools of
// two workers raced in one tab (Sauvola 25, 4 MP, three runs of 30 rounds): the pool whose workers
// collected in the next task was the slower in 65 of 90 rounds, its medians 0.3 to 1.8 ms above.
const workerCollectDelay = 20

// noteCall counts a call for collectSoon and collects now if the garbage or the count asks for it;
// with idle, it also has a collection wait for a task of its own, after delay ms. A pool worker
// passes idle only when it holds no band: between a global band's count and its level's
// application the next message is on its way, and a collection then would hold up the request.
func noteCall(idle bool, delay int) {
	sinceCollect++
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if sinceCollect >= collectEvery || ms.HeapAlloc > heapAfterCollect+garbageBudget {
		collect()
		return
	}
	if !idle || collectPending {
		return
	}
	if collectLater.IsUndefined() {
		collectLater = js.FuncOf(func(js.Value, []js.Value) any {
			collectPending = false
			if sinceCollect > 0 && len(pool.bands) == 0 {
				collect()
			}
			return nil
		})
	}
	collectPending = true
	js.Global().Call("setTimeout", collectLater, delay)
}

// install defines window.limen (globalThis.limen in a worker).
func (a *api) install() {
	a.installHandles()
	limen := jsObject.New()
	limen.Set("version", version)
	limen.Set("types", vert.ValueOf(algo.TypeNames()).JSValue())
	limen.Set("methods", a.export(func(js.Value, []js.Value) any {
		return guard(func() (any, error) { return methodsValue(), nil })
	}))
	limen.Set("threshold", a.export(func(_ js.Value, args []js.Value) any {
		defer collectSoon()
		return guard(func() (any, error) { return a.threshold(args) })
	}))
	limen.Set("load", a.export(func(_ js.Value, args []js.Value) any {
		defer collect()
		return guard(func() (any, error) { return a.load(args) })
	}))
	limen.Set("evaluate", a.export(func(_ js.Value, args []js.Value) any {
		defer collect()
		return guard(func() (any, error) { return a.evaluate(args) })
	}))
	// The page's try-all in a pool worker (web/pool.js), not part of the API.
	js.Global().Set("__limenTryAll", a.export(func(_ js.Value, args []js.Value) any {
		defer collect()
		return guard(func() (any, error) { return a.tryAll(args) })
	}))
	limen.Set("stats", a.export(func(js.Value, []js.Value) any {
		return guard(func() (any, error) { return statsValue(), nil })
	}))
	a.installPool(limen)
	a.installDocument(limen)
	js.Global().Set("limen", limen)
}

// jsParam and jsMethod are the registry as limen.methods() lists it (converted by vert).
type jsParam struct {
	Name    string  `js:"name"`
	Default float64 `js:"default"`
	Min     float64 `js:"min"`
	Max     float64 `js:"max"`
	Integer bool    `js:"integer"`
	Odd     bool    `js:"odd"`
	Doc     string  `js:"doc"`
}

type jsMethod struct {
	ID         string    `js:"id"`
	Name       string    `js:"name"`
	Kind       string    `js:"kind"`
	Params     []jsParam `js:"params"`
	References []string  `js:"references"` // library names, the default first
	// ParamsByReference maps each other reference whose parameters differ to its list.
	ParamsByReference map[string][]jsParam `js:"paramsByReference"`
	Picture           bool                 `js:"picture"`
	Reference         string               `js:"reference"`
	Paper             string               `js:"paper"`
	About             string               `js:"about"`
	Criterion         bool                 `js:"criterion"`
	Overlay           bool                 `js:"overlay"`
}

func methodList() []jsMethod {
	var ms []jsMethod
	for _, m := range algo.Methods() {
		jm := jsMethod{ID: m.ID, Name: m.Name, Kind: string(m.Kind), Reference: m.Reference, Paper: m.Paper,
			About: m.About, Criterion: m.Criterion != nil, Overlay: m.Overlay, Picture: m.Picture,
			Params: paramList(m.Params), References: m.Libraries(), ParamsByReference: map[string][]jsParam{}}
		for _, v := range m.Variants {
			if v.Params != nil {
				jm.ParamsByReference[v.Library] = paramList(v.Params)
			}
		}
		ms = append(ms, jm)
	}
	return ms
}

func paramList(ps []algo.Param) []jsParam {
	l := []jsParam{}
	for _, p := range ps {
		l = append(l, jsParam{p.Name, p.Default, p.Min, p.Max, p.Integer || p.Odd, p.Odd, p.Doc})
	}
	return l
}

func methodsValue() js.Value { return vert.ValueOf(methodList()).JSValue() }

func statsValue() js.Value {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s := jsObject.New()
	mem := js.Global().Get("__limenMemory")
	if mem.Truthy() {
		s.Set("memoryBytes", mem.Get("buffer").Get("byteLength"))
	} else {
		s.Set("memoryBytes", float64(ms.Sys))
	}
	s.Set("heapBytes", float64(ms.HeapAlloc))
	return s
}

// imageSize checks that v is an ImageData (or anything with its shape: width, height and a
// Uint8ClampedArray of 4·width·height bytes) and returns its size and data.
func imageSize(v js.Value, what string) (int, int, js.Value, error) {
	bad := errors.New(what + " must be an ImageData (width, height and RGBA data)")
	if v.Type() != js.TypeObject {
		return 0, 0, js.Value{}, bad
	}
	wv, hv, data := v.Get("width"), v.Get("height"), v.Get("data")
	if wv.Type() != js.TypeNumber || hv.Type() != js.TypeNumber || data.Type() != js.TypeObject {
		return 0, 0, js.Value{}, bad
	}
	w, h := wv.Float(), hv.Float()
	if w != math.Trunc(w) || h != math.Trunc(h) || w < 1 || h < 1 || w*h > 1<<28 {
		return 0, 0, js.Value{}, errors.New(what + ": bad ImageData size " + ftoa(w) + "×" + ftoa(h))
	}
	if !data.InstanceOf(jsUint8ClampedArray) && !data.InstanceOf(jsUint8Array) {
		return 0, 0, js.Value{}, bad
	}
	if data.Get("length").Int() != int(4*w*h) {
		return 0, 0, js.Value{}, errors.New(what + ": ImageData data has " + strconv.Itoa(data.Get("length").Int()) +
			" bytes, want 4×" + ftoa(w) + "×" + ftoa(h))
	}
	return int(w), int(h), data, nil
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// grow returns a slice of n bytes backed by *buf, growing it only when it is too small.
func grow(buf *[]byte, n int) []byte {
	if cap(*buf) < n {
		*buf = make([]byte, n)
	}
	return (*buf)[:n]
}

// now is performance.now(): milliseconds, for the times limen reports. It keeps time.Time out of
// the module's types (its formatting code would come with it).
func now() float64 { return js.Global().Get("performance").Call("now").Float() }

// threshold is limen.threshold(imageData, options).
func (a *api) threshold(args []js.Value) (any, error) {
	t0 := now()
	img, opts := arg(args, 0), arg(args, 1)
	w, h, data, err := imageSize(img, "the first argument")
	if err != nil {
		return nil, err
	}
	req, err := parseOptions(opts)
	if err != nil {
		return nil, err
	}
	// The caller's pixels come over a band of rows at a time, each converted to gray while it is in
	// the cache: Go's memory never holds an RGBA copy of the whole picture.
	err = a.scratch.LoadBands(w, h, grow(&bandBuf, bandBytes(w)), func(dst []byte, y0, y1 int) {
		copyIn(dst, data, 4*w*y0)
	})
	if err != nil {
		return nil, err
	}
	return run(&a.scratch, req, &a.pix, &a.mask, t0)
}

// bandBuf is the scratch of one band of RGBA rows, in and out (see bandBytes).
var bandBuf []byte

// bandBytes is the size of a band of RGBA rows of width w: whole rows, about 256 KB (well inside
// the cache), at least one row.
func bandBytes(w int) int {
	row := 4 * w
	return max(1, (256<<10)/row) * row
}

// run thresholds a loaded image and builds the result object.
func run(im *algo.Image, req *request, buf, maskBuf *[]byte, t0 float64) (any, error) {
	ow, oh := im.OutputSize(req.opts)
	if err := checkInto(req.into, ow, oh); err != nil {
		return nil, err
	}
	if err := req.readMask(ow, oh, maskBuf); err != nil {
		return nil, err
	}
	// A global method's picture is its LUT over the gray picture: written a band at a time straight
	// into the result (lutImageValue), never whole in Go's memory.
	var dst []byte
	if m, ok := algo.Lookup(req.opts.Method); ok && m.Kind == algo.Global && !req.opts.NoImage {
		req.opts.LUTOnly = true
	} else {
		dst = grow(buf, 4*ow*oh)
	}
	out, err := im.Threshold(req.opts, dst)
	if err != nil {
		return nil, err
	}
	r := resultValue(out, req.opts, req.into, t0)
	if req.levels {
		setLevels(r, out)
	}
	return r, nil
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

func checkInto(into js.Value, w, h int) error {
	if into.IsUndefined() || into.IsNull() {
		return nil
	}
	iw, ih, _, err := imageSize(into, "into")
	if err != nil {
		return err
	}
	if iw != w || ih != h {
		return errors.New("into is " + strconv.Itoa(iw) + "×" + strconv.Itoa(ih) + ", the result is " +
			strconv.Itoa(w) + "×" + strconv.Itoa(h))
	}
	return nil
}

// resultValue builds the JS result: level (a number, an array for multi-level methods, null for
// local ones), image, histogram, iterations and trace, criterion, surface, overlay, ms.
func resultValue(out *algo.Output, o *algo.Options, into js.Value, t0 float64) js.Value {
	r := jsObject.New()
	r.Set("level", levelValue(out))
	r.Set("method", o.Method)
	r.Set("reference", out.Reference)
	r.Set("type", o.Type.String())
	r.Set("width", out.Width)
	r.Set("height", out.Height)
	if out.Pix != nil {
		r.Set("image", imageValue(out.Pix, out.Width, out.Height, into))
	} else if out.LUT != nil {
		r.Set("image", lutImageValue(out, into))
	} else {
		r.Set("image", js.Null())
	}
	for i, c := range out.Histogram {
		numBuf[i] = float64(c)
	}
	r.Set("histogram", numbersValue(numBuf[:], false))
	if out.Trace != nil {
		r.Set("trace", vert.ValueOf(out.Trace).JSValue())
		r.Set("iterations", len(out.Trace)-1)
	}
	if out.Criterion != nil {
		r.Set("criterion", numbersValue(out.Criterion, true))
	} else {
		r.Set("criterion", js.Null())
	}
	if out.Surface != nil {
		r.Set("surface", grayImageValue(out.Surface.Pix, out.Width, out.Height))
	}
	if out.Overlay != nil {
		r.Set("overlay", overlayImageValue(out.Overlay.Pix, out.Width, out.Height))
	}
	r.Set("ms", now()-t0)
	return r
}

// numBuf holds a result's histogram as numbers, for numbersValue.
var numBuf [256]float64

// levelValue is a result's level as the API gives it: a number, an array for multi-level methods,
// null for local ones.
func levelValue(out *algo.Output) js.Value {
	switch {
	case out.Levels != nil:
		return vert.ValueOf(out.Levels).JSValue()
	case math.IsNaN(out.Level):
		return js.Null()
	}
	return js.ValueOf(out.Level)
}

// imageValue copies RGBA pixels into `into` (when given) or into a new ImageData.
func imageValue(pix []byte, w, h int, into js.Value) js.Value {
	if into.IsUndefined() || into.IsNull() {
		into = js.Global().Get("ImageData").New(w, h)
	}
	js.CopyBytesToJS(into.Get("data"), pix)
	return into
}

// lutImageValue writes a global method's picture, out.LUT of each pixel of out.Gray, into `into`
// (when given) or into a new ImageData, a band of rows at a time: each band is made in the cache
// (WriteRGBA) and copied out.
func lutImageValue(out *algo.Output, into js.Value) js.Value {
	w, h, g := out.Width, out.Height, out.Gray
	if into.IsUndefined() || into.IsNull() {
		into = js.Global().Get("ImageData").New(w, h)
	}
	data := into.Get("data")
	band := grow(&bandBuf, bandBytes(w))
	rows := len(band) / (4 * w)
	for y0 := 0; y0 < h; y0 += rows {
		y1 := min(y0+rows, h)
		b := band[:4*w*(y1-y0)]
		algo.WriteRGBA(b, &image.Gray{Pix: g.Pix[y0*g.Stride:], Stride: g.Stride, Rect: image.Rect(0, 0, w, y1-y0)}, out.LUT)
		copyOut(data, 4*w*y0, b)
	}
	return into
}

// grayImageValue makes an opaque gray ImageData from one byte per pixel.
func grayImageValue(g []byte, w, h int) js.Value {
	rgba := make([]byte, 4*w*h)
	grayRGBA(rgba, g)
	return imageValue(rgba, w, h, js.Undefined())
}

// grayRGBA writes one byte a pixel as opaque gray RGBA into dst (4 bytes a pixel).
func grayRGBA(dst, g []byte) {
	for i, v := range g {
		dst[4*i], dst[4*i+1], dst[4*i+2], dst[4*i+3] = v, v, v, 255
	}
}

// overlayImageValue makes an ImageData to draw over a result: red where the overlay is set,
// transparent elsewhere.
func overlayImageValue(g []byte, w, h int) js.Value {
	rgba := make([]byte, 4*w*h)
	overlayRGBA(rgba, g)
	return imageValue(rgba, w, h, js.Undefined())
}

// overlayRGBA writes an overlay into dst (4 bytes a pixel): red where it is set, transparent
// elsewhere.
func overlayRGBA(dst, g []byte) {
	for i, v := range g {
		if v != 0 {
			dst[4*i], dst[4*i+1], dst[4*i+2], dst[4*i+3] = 230, 40, 40, 255
		} else {
			dst[4*i], dst[4*i+1], dst[4*i+2], dst[4*i+3] = 0, 0, 0, 0
		}
	}
}

// handles are the pictures limen.load has loaded, by id; handle.threshold and handle.release are
// two shared functions bound to an id, so loading allocates no js.Func.
var (
	handles    = map[int]*algo.Image{}
	handleBufs = map[int]*[]byte{}
	nextHandle = 1
)

func (a *api) load(args []js.Value) (any, error) {
	w, h, data, err := imageSize(arg(args, 0), "the first argument")
	if err != nil {
		return nil, err
	}
	buf := new([]byte)
	pix := grow(buf, 4*w*h)
	js.CopyBytesToGo(pix, data)
	im, err := algo.NewImage(pix, w, h)
	if err != nil {
		return nil, err
	}
	id := nextHandle
	nextHandle++
	handles[id], handleBufs[id] = im, buf
	obj := jsObject.New()
	obj.Set("id", id)
	obj.Set("width", w)
	obj.Set("height", h)
	obj.Set("threshold", a.handleThreshold.Call("bind", js.Null(), id))
	obj.Set("release", a.handleRelease.Call("bind", js.Null(), id))
	return obj, nil
}

func (a *api) installHandles() {
	a.handleThreshold = a.export(func(_ js.Value, args []js.Value) any {
		defer collectSoon()
		return guard(func() (any, error) {
			t0 := now()
			id := arg(args, 0).Int()
			im := handles[id]
			if im == nil {
				return nil, errors.New("this handle was released")
			}
			req, err := parseOptions(arg(args, 1))
			if err != nil {
				return nil, err
			}
			return run(im, req, handleBufs[id], &a.mask, t0)
		})
	})
	a.handleRelease = a.export(func(_ js.Value, args []js.Value) any {
		id := arg(args, 0).Int()
		delete(handles, id)
		delete(handleBufs, id)
		return nil
	})
}
