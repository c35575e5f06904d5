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
// is this module in a Web Worker; the page splits a request with limen._plan, sends each worker its
// bands' rows, and puts the answers together.
//
// Pixels travel in blocks: equal ArrayBuffers (web/pool.js's BLOCK bytes each) that hold a byte
// stream end to end. The page fills blocks with a band's RGBA rows and transfers them; the worker
// copies them into its memory, writes its answer into the same blocks (adding blocks when the answer
// is longer), and transfers them back, where the page copies the answer into place and keeps the
// blocks for the next band. No band allocates fresh memory once the blocks exist: on a virtual
// machine a fresh page of memory can cost more than the pixels written into it (measured: a 16 MB
// slice of a picture took 250 ms where copying into a reused buffer took 3 ms).
//
//	limen._plan(width, height, options, workers, maxPixels) → {whole, local, width, height, bands}
//	    checks the options (and the mask's size) as limen.threshold does, and splits the output:
//	    bands is [y0, y1, srcY0, srcY1, …], the output rows each band owns and the source rows it reads.
//	limen._band(slot, blocks, width, height, y0, y1, options) → a result for the band's rows
//	    blocks hold the picture's rows srcY0..srcY1 (4 × width × rows bytes); the mask option (if
//	    any) is the owned rows' mask. A local method's band (or a whole picture's, planned as one
//	    band) is thresholded at once: the result is limen.threshold's for those rows, with image,
//	    surface and overlay given as byte offsets into the stream of its blocks (RGBA, 4 × width ×
//	    rows bytes each). A global method's band is prepared and kept under slot; its result has
//	    only the histogram (image null), and the level comes from the summed histograms:
//	limen._level(histogram, options) → the result limen.threshold gives, without the image
//	limen._apply(slot, options, level, levels, blocks) → blocks holding the band's RGBA at that
//	    level from byte 0; frees the slot
//	limen._release(slot) frees a slot (after an error elsewhere).
//
// With the option levels (the page's pixel inspector), a band's answer also holds its gray rows
// (one byte a pixel, at the offset gray: a global band's at 0, before the level is known) and a
// local band's level map (two bytes a pixel, little endian, at the offset levels).

// poolState is a worker's kept bands and reused buffers. Freed bands go back to spare so that
// their buffers serve the next request: the memory reaches a steady size.
type poolState struct {
	bands map[int]*algo.BandImage
	spare []*algo.BandImage
	rgba  []byte
	out   []byte
	aux   []byte // a surface's or overlay's RGBA
	mask  []byte
}

var pool = poolState{bands: map[int]*algo.BandImage{}}

func (a *api) installPool(limen js.Value) {
	entry := func(name string, f func(args []js.Value) (any, error)) {
		limen.Set(name, a.export(func(_ js.Value, args []js.Value) any {
			defer func() { noteCall(len(pool.bands) == 0, workerCollectDelay) }()
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
	r := jsObject.New()
	r.Set("whole", p.Whole)
	r.Set("local", p.Local)
	r.Set("width", p.Width)
	r.Set("height", p.Height)
	bands := jsArray.New()
	for _, b := range p.Bands {
		bands.Call("push", b.Y0, b.Y1, b.SrcY0, b.SrcY1)
	}
	r.Set("bands", bands)
	return r, nil
}

func poolBand(args []js.Value) (any, error) {
	t0 := now()
	slot := arg(args, 0).Int()
	blocks := arg(args, 1)
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
	m, err := req.opts.Check()
	if err != nil {
		return nil, err
	}
	ow, _ := req.opts.OutputSize(w, h)
	if err := req.readMask(ow, max(y1-y0, 0), &pool.mask); err != nil {
		return nil, err
	}
	b := algo.BandRows(req.opts, m, w, h, y0, y1)
	pix := grow(&pool.rgba, 4*w*max(b.SrcY1-b.SrcY0, 0))
	if err := readBlocks(pix, blocks); err != nil {
		return nil, err
	}
	bi := pool.take(slot, m.Kind == algo.Local)
	if _, err := bi.Prepare(pix, w, h, y0, y1, req.opts); err != nil {
		pool.free(slot)
		return nil, err
	}
	req.opts.Mask = nil
	if m.Kind == algo.Global {
		out := &algo.Output{Width: ow, Height: y1 - y0, Histogram: bi.Histogram(), Level: math.NaN()}
		r := resultValue(out, req.opts, js.Undefined(), t0)
		if req.levels { // the gray rows now: the level, and so the picture, comes later
			writeBlocks(blocks, 0, bi.Gray().Pix)
			r.Set("gray", 0)
		}
		r.Set("blocks", blocks)
		return r, nil
	}
	defer pool.free(slot)
	out, err := bi.Local(req.opts, grow(&pool.out, 4*ow*(y1-y0)))
	if err != nil {
		return nil, err
	}
	// The pictures go into the blocks; resultValue builds the rest of the result without them.
	n := len(out.Pix)
	writeBlocks(blocks, 0, out.Pix)
	surface, overlay := out.Surface, out.Overlay
	out.Pix, out.Surface, out.Overlay = nil, nil, nil
	r := resultValue(out, req.opts, js.Undefined(), t0)
	r.Set("image", 0)
	at := n
	if surface != nil {
		aux := grow(&pool.aux, n)
		grayRGBA(aux, surface.Pix)
		writeBlocks(blocks, at, aux)
		r.Set("surface", at)
		at += n
	}
	if overlay != nil {
		aux := grow(&pool.aux, n)
		overlayRGBA(aux, overlay.Pix)
		writeBlocks(blocks, at, aux)
		r.Set("overlay", at)
		at += n
	}
	if req.levels {
		writeBlocks(blocks, at, out.Gray.Pix)
		r.Set("gray", at)
		at += len(out.Gray.Pix)
		writeBlocks(blocks, at, int16Bytes(out.LevelMap.L))
		r.Set("levels", at)
	}
	r.Set("blocks", blocks)
	return r, nil
}

// readBlocks copies the stream held by blocks (an Array of equal ArrayBuffers) into pix, which it
// fills: the blocks must hold at least len(pix) bytes.
func readBlocks(pix []byte, blocks js.Value) error {
	bad := errors.New("a band's pixels must be an Array of ArrayBuffers holding 4 × width × rows bytes")
	if !blocks.InstanceOf(jsArray) {
		return bad
	}
	ab := jsArrayBuffer
	for i := 0; len(pix) > 0; i++ {
		if i >= blocks.Length() {
			return bad
		}
		b := blocks.Index(i)
		if !b.InstanceOf(ab) {
			return bad
		}
		n := min(b.Get("byteLength").Int(), len(pix))
		copyIn(pix[:n], b, 0)
		pix = pix[n:]
	}
	return nil
}

// writeBlocks writes p at byte off of the stream held by blocks, all as long as the first, adding
// blocks of that length at the end as needed.
func writeBlocks(blocks js.Value, off int, p []byte) {
	size := blocks.Index(0).Get("byteLength").Int()
	ab := jsArrayBuffer
	for len(p) > 0 {
		i, at := off/size, off%size
		for blocks.Length() <= i {
			blocks.Call("push", ab.New(size))
		}
		n := min(size-at, len(p))
		copyOut(blocks.Index(i), at, p[:n])
		p, off = p[n:], off+n
	}
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
	blocks := arg(args, 4)
	if !blocks.InstanceOf(jsArray) || blocks.Length() == 0 {
		return nil, errors.New("_apply needs an Array of ArrayBuffers for the band's pixels")
	}
	w, h := bi.Size()
	pix := grow(&pool.out, 4*w*h)
	bi.ApplyLevel(req.opts, level, pix)
	writeBlocks(blocks, 0, pix)
	return blocks, nil
}

// take returns the band kept under slot, a spare one, or a new one. A local method's band takes the
// spare that holds the most memory: only a local band needs a level map, and a global request keeps
// several bands at once and frees them in any order, so the last freed spare may be one that never
// held a level map — which would then grow one, and the worker's memory would go on changing for
// some calls after the first instead of staying where the first call of each kind left it.
func (p *poolState) take(slot int, local bool) *algo.BandImage {
	if bi := p.bands[slot]; bi != nil {
		return bi
	}
	var bi *algo.BandImage
	if n := len(p.spare); n > 0 {
		if local {
			big := n - 1
			for i, s := range p.spare {
				if s.Bytes() > p.spare[big].Bytes() {
					big = i
				}
			}
			p.spare[big], p.spare[n-1] = p.spare[n-1], p.spare[big]
		}
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
