//go:build js && wasm

package main

import (
	"errors"
	"math"
	"strconv"
	"syscall/js"

	"limen/algo"
)

// The worker pool's Go side (web/pool.js drives it; the algorithms are algo's bands). A pool worker
// is this module in a Web Worker; the page splits a request with one worker's limen._plan, sends
// each worker its bands' rows, and puts the answers together:
//
//	limen._plan(width, height, options, workers, maxPixels) → {whole, local, width, height, bands}
//	    checks the options (and the mask's size) as limen.threshold does, and splits the output:
//	    bands is [y0, y1, srcY0, srcY1, …], the output rows each band owns and the source rows it reads.
//	limen._band(slot, chunks, width, height, y0, y1, options) → a result for the band's rows
//	    chunks hold the picture's rows srcY0..srcY1 in order (an Array of Uint8Arrays: the page
//	    copies a picture a piece at a time), the mask option (if any) the owned
//	    rows' mask. A local method's band is thresholded at once: its result has the band's image,
//	    histogram, surface and overlay. A global method's band is prepared and kept under slot; its
//	    result has only the histogram (image null), and the level comes from the summed histograms:
//	limen._level(histogram, options) → the result limen.threshold gives, without the image
//	limen._apply(slot, options, level, levels) → the band's ImageData at that level; frees the slot
//	limen._release(slot) frees a slot (after an error elsewhere).

// poolState is a worker's kept bands and reused buffers. Freed bands go back to spare so that
// their buffers serve the next request: the memory reaches a steady size.
type poolState struct {
	bands map[int]*algo.BandImage
	spare []*algo.BandImage
	rgba  []byte
	out   []byte
	mask  []byte
}

var pool = poolState{bands: map[int]*algo.BandImage{}}

func (a *api) installPool(limen js.Value) {
	entry := func(name string, f func(args []js.Value) (any, error)) {
		limen.Set(name, a.export(func(_ js.Value, args []js.Value) any {
			defer collect()
			return guard(func() (any, error) { return f(args) })
		}))
	}
	entry("_plan", poolPlan)
	entry("_band", poolBand)
	entry("_level", poolLevel)
	entry("_apply", poolApply)
	entry("_release", func(args []js.Value) (any, error) {
		pool.free(arg(args, 0).Int())
		return nil, nil
	})
}

// intArg reads a whole-number argument within lo..hi.
func intArg(args []js.Value, i int, name string, lo, hi int) (int, error) {
	v := arg(args, i)
	if v.Type() != js.TypeNumber || v.Float() != math.Trunc(v.Float()) || v.Float() < float64(lo) || v.Float() > float64(hi) {
		return 0, errors.New(name + " must be a whole number from " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi))
	}
	return v.Int(), nil
}

func poolPlan(args []js.Value) (any, error) {
	w, err := intArg(args, 0, "width", 1, 1<<28)
	if err != nil {
		return nil, err
	}
	h, err := intArg(args, 1, "height", 1, 1<<28)
	if err != nil {
		return nil, err
	}
	req, err := parseOptions(arg(args, 2))
	if err != nil {
		return nil, err
	}
	n, err := intArg(args, 3, "workers", 1, 64)
	if err != nil {
		return nil, err
	}
	maxPixels, err := intArg(args, 4, "maxPixels", 0, 1<<30)
	if err != nil {
		return nil, err
	}
	p, err := algo.PlanBands(req.opts, w, h, n, maxPixels)
	if err != nil {
		return nil, err
	}
	if err := req.readMask(p.Width, p.Height, &pool.mask); err != nil {
		return nil, err
	}
	pool.mask = nil // the mask was only checked here; a band gets its own rows
	r := js.Global().Get("Object").New()
	r.Set("whole", p.Whole)
	r.Set("local", p.Local)
	r.Set("width", p.Width)
	r.Set("height", p.Height)
	bands := js.Global().Get("Array").New()
	for _, b := range p.Bands {
		bands.Call("push", b.Y0, b.Y1, b.SrcY0, b.SrcY1)
	}
	r.Set("bands", bands)
	return r, nil
}

func poolBand(args []js.Value) (any, error) {
	t0 := now()
	slot := arg(args, 0).Int()
	chunks := arg(args, 1)
	if !chunks.InstanceOf(js.Global().Get("Array")) {
		return nil, errors.New("a band's pixels must be an Array of Uint8Arrays")
	}
	size := 0
	for i := 0; i < chunks.Length(); i++ {
		c := chunks.Index(i)
		if !c.InstanceOf(js.Global().Get("Uint8Array")) && !c.InstanceOf(js.Global().Get("Uint8ClampedArray")) {
			return nil, errors.New("a band's pixels must be an Array of Uint8Arrays")
		}
		size += c.Length()
	}
	w, err := intArg(args, 2, "width", 1, 1<<28)
	if err != nil {
		return nil, err
	}
	h, err := intArg(args, 3, "height", 1, 1<<28)
	if err != nil {
		return nil, err
	}
	y0, err := intArg(args, 4, "y0", 0, 1<<28)
	if err != nil {
		return nil, err
	}
	y1, err := intArg(args, 5, "y1", 1, 1<<28)
	if err != nil {
		return nil, err
	}
	req, err := parseOptions(arg(args, 6))
	if err != nil {
		return nil, err
	}
	ow, _ := req.opts.OutputSize(w, h)
	if err := req.readMask(ow, max(y1-y0, 0), &pool.mask); err != nil {
		return nil, err
	}
	pix := grow(&pool.rgba, size)
	at := 0
	for i := 0; i < chunks.Length(); i++ {
		at += js.CopyBytesToGo(pix[at:], chunks.Index(i))
	}
	bi := pool.take(slot)
	if _, err := bi.Prepare(pix, w, h, y0, y1, req.opts); err != nil {
		pool.free(slot)
		return nil, err
	}
	req.opts.Mask = nil
	m, _ := algo.Lookup(req.opts.Method)
	if m.Kind == algo.Global {
		out := &algo.Output{Width: ow, Height: y1 - y0, Histogram: bi.Histogram(), Level: math.NaN()}
		return resultValue(out, req.opts, js.Undefined(), t0), nil
	}
	defer pool.free(slot)
	out, err := bi.Local(req.opts, grow(&pool.out, 4*ow*(y1-y0)))
	if err != nil {
		return nil, err
	}
	return resultValue(out, req.opts, js.Undefined(), t0), nil
}

// histArg reads a histogram: 256 non-negative whole numbers.
func histArg(v js.Value) (algo.Histogram, error) {
	var hist algo.Histogram
	if v.Type() != js.TypeObject || v.Get("length").Int() != 256 {
		return hist, errors.New("the histogram must have 256 counts")
	}
	for i := range hist {
		c := v.Index(i).Float()
		if c < 0 || c != math.Trunc(c) {
			return hist, errors.New("the histogram's counts must be whole numbers ≥ 0")
		}
		hist[i] = int(c)
	}
	return hist, nil
}

func poolLevel(args []js.Value) (any, error) {
	t0 := now()
	hist, err := histArg(arg(args, 0))
	if err != nil {
		return nil, err
	}
	req, err := parseOptions(arg(args, 1))
	if err != nil {
		return nil, err
	}
	out, err := algo.Level(req.opts, hist)
	if err != nil {
		return nil, err
	}
	return resultValue(out, req.opts, js.Undefined(), t0), nil
}

func poolApply(args []js.Value) (any, error) {
	slot := arg(args, 0).Int()
	defer pool.free(slot)
	bi := pool.bands[slot]
	if bi == nil {
		return nil, errors.New("band " + strconv.Itoa(slot) + " is not prepared")
	}
	req, err := parseOptions(arg(args, 1))
	if err != nil {
		return nil, err
	}
	level := &algo.Output{Level: arg(args, 2).Float()}
	if lv := arg(args, 3); lv.Type() == js.TypeObject {
		for i := 0; i < lv.Length(); i++ {
			level.Levels = append(level.Levels, lv.Index(i).Int())
		}
	}
	w, h := bi.Size()
	pix := grow(&pool.out, 4*w*h)
	bi.ApplyLevel(req.opts, level, pix)
	return imageValue(pix, w, h, js.Undefined()), nil
}

// take returns the band kept under slot, a spare one, or a new one.
func (p *poolState) take(slot int) *algo.BandImage {
	if bi := p.bands[slot]; bi != nil {
		return bi
	}
	var bi *algo.BandImage
	if n := len(p.spare); n > 0 {
		bi, p.spare = p.spare[n-1], p.spare[:n-1]
	} else {
		bi = &algo.BandImage{}
	}
	p.bands[slot] = bi
	return bi
}

// free returns slot's band to the spares.
func (p *poolState) free(slot int) {
	if bi := p.bands[slot]; bi != nil {
		delete(p.bands, slot)
		p.spare = append(p.spare, bi)
	}
}
