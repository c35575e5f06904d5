//go:build js && wasm

package main

import (
	"errors"
	"math"
	"syscall/js"

	"github.com/norunners/vert"

	"limen/algo"
)

// jsOptions is the fixed part of limen.threshold's options object, converted by vert field by field
// so that an error names the option. Method parameters (level, classes, blockSize, …) are read by
// name from the registry instead, since each method has its own.
type jsOptions struct {
	Method     string   `js:"method"`
	Reference  string   `js:"reference"`
	Type       string   `js:"type"`
	Maxval     *float64 `js:"maxval"`
	Dark       bool     `js:"dark"`
	IgnoreZero bool     `js:"ignoreZero"`
	IgnoreMax  bool     `js:"ignoreMax"`
	Criterion  *bool    `js:"criterion"`
	Image      *bool    `js:"image"`
	Surface    bool     `js:"surface"`
	Overlay    bool     `js:"overlay"`
	Levels     bool     `js:"levels"` // also give gray and levels (inspect.go)
	Noise      *struct {
		Mean  float64 `js:"mean"`
		Sigma float64 `js:"sigma"`
		Seed  float64 `js:"seed"`
	} `js:"noise"`
	Blur *struct {
		Ksize float64 `js:"ksize"`
		Sigma float64 `js:"sigma"`
	} `js:"blur"`
	Resize *struct {
		Scale  float64 `js:"scale"`
		Width  float64 `js:"width"`
		Height float64 `js:"height"`
	} `js:"resize"`
}

// assign converts one option with vert, naming it in the error.
func assign(opts js.Value, name string, dst any) error {
	v := opts.Get(name)
	if v.IsUndefined() || v.IsNull() {
		return nil
	}
	if err := vert.ValueOf(v).AssignTo(dst); err != nil {
		return errors.New("option " + name + " has the wrong type (" + v.Type().String() + "): " + err.Error())
	}
	return nil
}

// request is one parsed options object: the algorithm's options, and the two JS values whose
// checks need the output size (which depends on resize).
type request struct {
	opts *algo.Options
	into js.Value // an ImageData to write the result into, or undefined
	mask js.Value // an ImageData or Uint8Array, or undefined
	// levels asks for the gray picture the method saw and a local method's level map (inspect.go).
	levels bool
}

// parseOptions reads and checks a limen.threshold options object. The error names the bad option.
func parseOptions(v js.Value) (*request, error) {
	if v.IsUndefined() || v.IsNull() {
		v = jsObject.New()
	}
	if v.Type() != js.TypeObject || v.InstanceOf(jsArray) {
		return nil, errors.New("options must be an object such as {method: 'otsu'}, not a " + v.Type().String())
	}
	var jo jsOptions
	for _, f := range []struct {
		name string
		dst  any
	}{
		{"method", &jo.Method}, {"reference", &jo.Reference}, {"type", &jo.Type}, {"maxval", &jo.Maxval}, {"dark", &jo.Dark},
		{"ignoreZero", &jo.IgnoreZero}, {"ignoreMax", &jo.IgnoreMax}, {"criterion", &jo.Criterion}, {"image", &jo.Image},
		{"surface", &jo.Surface}, {"overlay", &jo.Overlay}, {"levels", &jo.Levels}, {"noise", &jo.Noise}, {"blur", &jo.Blur}, {"resize", &jo.Resize},
	} {
		if err := assign(v, f.name, f.dst); err != nil {
			return nil, err
		}
	}
	o := &algo.Options{Method: jo.Method, Reference: jo.Reference, Dark: jo.Dark, IgnoreZero: jo.IgnoreZero, IgnoreMax: jo.IgnoreMax,
		Maxval: 255, Criterion: true, Surface: jo.Surface, Overlay: jo.Overlay}
	if o.Method == "" {
		o.Method = "otsu"
	}
	if jo.Criterion != nil {
		o.Criterion = *jo.Criterion
	}
	if jo.Image != nil {
		o.NoImage = !*jo.Image
	}
	if jo.Type != "" {
		t, err := algo.ParseType(jo.Type)
		if err != nil {
			return nil, err
		}
		o.Type = t
	}
	if jo.Maxval != nil {
		m := *jo.Maxval
		if math.IsNaN(m) || m < 0 || m > 255 {
			return nil, errors.New("maxval must be a number from 0 to 255, not " + ftoa(m))
		}
		o.Maxval = uint8(math.RoundToEven(m)) // OpenCV: cvRound(maxval)
	}
	if n := jo.Noise; n != nil {
		if n.Seed < 0 || n.Seed > 1<<53 || n.Seed != math.Trunc(n.Seed) {
			return nil, errors.New("noise.seed must be a whole number from 0 to 2^53, not " + ftoa(n.Seed))
		}
		o.Noise = &algo.Noise{Mean: n.Mean, Sigma: n.Sigma, Seed: uint64(n.Seed)}
	}
	if b := jo.Blur; b != nil {
		if b.Ksize != math.Trunc(b.Ksize) || b.Ksize < 0 || b.Ksize > 255 {
			return nil, errors.New("blur.ksize must be 0 or an odd whole number up to 255, not " + ftoa(b.Ksize))
		}
		o.Blur = &algo.Blur{Ksize: int(b.Ksize), Sigma: b.Sigma}
	}
	if r := jo.Resize; r != nil {
		for _, d := range []struct {
			name string
			v    float64
		}{{"resize.width", r.Width}, {"resize.height", r.Height}} {
			if d.v != math.Trunc(d.v) || d.v < 0 || d.v > 1<<15 {
				return nil, errors.New(d.name + " must be a whole number from 1 to 32768, not " + ftoa(d.v))
			}
		}
		o.Resize = &algo.Resize{Scale: r.Scale, Width: int(r.Width), Height: int(r.Height)}
	}
	m, ok := algo.Lookup(o.Method)
	if !ok {
		_, err := o.Check() // names the method and lists the valid ids
		return nil, err
	}
	m, err := m.As(o.Reference) // the reference brings its own parameters
	if err != nil {
		return nil, err
	}
	o.Params = algo.Params{}
	for _, p := range m.Params {
		pv := v.Get(p.Name)
		switch pv.Type() {
		case js.TypeUndefined, js.TypeNull:
			continue
		case js.TypeNumber:
			o.Params[p.Name] = pv.Float()
		case js.TypeBoolean:
			o.Params[p.Name] = map[bool]float64{false: 0, true: 1}[pv.Bool()]
		default:
			return nil, errors.New(p.Name + " must be a number, not the " + pv.Type().String() + " " + jsString(pv))
		}
	}
	if _, err := o.Check(); err != nil {
		return nil, err
	}
	return &request{opts: o, into: v.Get("into"), mask: v.Get("mask"), levels: jo.Levels}, nil
}

// readMask turns the request's JS mask (an ImageData: its R channel; or a Uint8Array or
// Uint8ClampedArray of one value a pixel) into opts.Mask, checking it has w×h values. buf is reused.
func (r *request) readMask(w, h int, maskBuf *[]byte) error {
	mask, o := r.mask, r.opts
	if mask.IsUndefined() || mask.IsNull() {
		return nil
	}
	n := w * h
	if mask.Type() != js.TypeObject {
		return errors.New("mask must be an ImageData or a Uint8Array of width×height values")
	}
	if d := mask.Get("data"); d.Type() == js.TypeObject && mask.Get("width").Type() == js.TypeNumber {
		mw, mh, data, err := imageSize(mask, "mask")
		if err != nil {
			return err
		}
		if mw != w || mh != h {
			return errors.New("mask is " + itoa(mw) + "×" + itoa(mh) + ", the image is " + itoa(w) + "×" + itoa(h))
		}
		rgba := grow(maskBuf, 4*n)
		js.CopyBytesToGo(rgba, data)
		for i := 0; i < n; i++ {
			rgba[i] = rgba[4*i]
		}
		o.Mask = rgba[:n]
		return nil
	}
	if !mask.InstanceOf(jsUint8Array) && !mask.InstanceOf(jsUint8ClampedArray) {
		return errors.New("mask must be an ImageData or a Uint8Array of width×height values")
	}
	if l := mask.Get("length").Int(); l != n {
		return errors.New("mask has " + itoa(l) + " values, the image has " + itoa(w) + "×" + itoa(h) + " pixels")
	}
	buf := grow(maskBuf, n)
	js.CopyBytesToGo(buf, mask)
	o.Mask = buf
	return nil
}

func itoa(v int) string { return ftoa(float64(v)) }

// jsString shows a JS value briefly in an error message.
func jsString(v js.Value) string {
	s := js.Global().Get("String").Invoke(v).String()
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return `"` + s + `"`
}
