//go:build js && wasm

package main

import (
	"errors"
	"image"
	"math"
	"strconv"
	"syscall/js"

	"limen/algo"
)

// evaluate is limen.evaluate(binary, groundTruth, options): the DIBCO scores of a binarization
// against its ground truth (algo.Evaluate, exact to Doxa's ClassifiedPerformance and DRDM). Both
// pictures are ImageData of one size, read by their R channel; options.foreground 'light' reads the
// foreground as light, options.weights {precision, recall} are DIBCO's per-pixel weights (arrays or
// typed arrays of width×height numbers, row-major).
func (a *api) evaluate(args []js.Value) (any, error) {
	if len(args) < 2 {
		return nil, errors.New("evaluate needs two ImageData: the binarization and its ground truth")
	}
	bw, bh, bdata, err := imageSize(args[0], "the binarization")
	if err != nil {
		return nil, err
	}
	gw, gh, gdata, err := imageSize(args[1], "the ground truth")
	if err != nil {
		return nil, err
	}
	if bw != gw || bh != gh {
		return nil, errors.New("the binarization is " + strconv.Itoa(bw) + "×" + strconv.Itoa(bh) +
			" and the ground truth " + strconv.Itoa(gw) + "×" + strconv.Itoa(gh) + ": they must be the same size")
	}
	var opt algo.EvalOptions
	if len(args) > 2 && !args[2].IsUndefined() && !args[2].IsNull() {
		o := args[2]
		if o.Type() != js.TypeObject {
			return nil, errors.New("evaluate's options must be an object such as {foreground: 'light'}")
		}
		switch f := o.Get("foreground"); {
		case f.IsUndefined() || f.IsNull():
		case f.Type() == js.TypeString && f.String() == "light":
			opt.LightForeground = true
		case f.Type() == js.TypeString && f.String() == "dark":
		default:
			return nil, errors.New("foreground must be 'dark' (the default, DIBCO's) or 'light', not " + jsString(f))
		}
		if w := o.Get("weights"); !w.IsUndefined() && !w.IsNull() {
			if w.Type() != js.TypeObject {
				return nil, errors.New("weights must be an object {precision, recall} of per-pixel arrays")
			}
			if opt.PrecisionWeights, err = weightsOf(w.Get("precision"), "weights.precision", bw*bh); err != nil {
				return nil, err
			}
			if opt.RecallWeights, err = weightsOf(w.Get("recall"), "weights.recall", bw*bh); err != nil {
				return nil, err
			}
		}
	}
	bin, gt := image.NewGray(image.Rect(0, 0, bw, bh)), image.NewGray(image.Rect(0, 0, gw, gh))
	redOf(bin, bdata, a)
	redOf(gt, gdata, a)
	s, err := algo.Evaluate(bin, gt, opt)
	if err != nil {
		return nil, err
	}
	r := js.Global().Get("Object").New()
	for _, f := range []struct {
		k string
		v float64
	}{
		{"tp", float64(s.TP)}, {"fp", float64(s.FP)}, {"tn", float64(s.TN)}, {"fn", float64(s.FN)},
		{"accuracy", s.Accuracy}, {"precision", s.Precision}, {"recall", s.Recall}, {"fmeasure", s.FMeasure},
		{"psnr", s.PSNR}, {"nrm", s.NRM}, {"mcc", s.MCC}, {"drd", s.DRD},
	} {
		r.Set(f.k, f.v) // ±Inf and NaN cross as JS's Infinity and NaN
	}
	if s.HasPseudo {
		r.Set("pseudoPrecision", s.PseudoPrecision)
		r.Set("pseudoRecall", s.PseudoRecall)
		r.Set("pseudoFmeasure", s.PseudoFMeasure)
	}
	return r, nil
}

// redOf copies the R channel of RGBA data into g, through the api's reused pixel buffer.
func redOf(g *image.Gray, data js.Value, a *api) {
	pix := grow(&a.pix, 4*len(g.Pix))
	js.CopyBytesToGo(pix, data)
	for i := range g.Pix {
		g.Pix[i] = pix[4*i]
	}
}

// weightsOf reads n finite numbers from a JS array or typed array.
func weightsOf(v js.Value, what string, n int) ([]float64, error) {
	if v.Type() != js.TypeObject || v.Get("length").Type() != js.TypeNumber {
		return nil, errors.New(what + " must be an array of one number a pixel (" + strconv.Itoa(n) + "), or both weights left out")
	}
	if l := v.Get("length").Int(); l != n {
		return nil, errors.New(what + " has " + strconv.Itoa(l) + " values, want one a pixel (" + strconv.Itoa(n) + ")")
	}
	// One copy across the boundary: a Float64Array's bytes, whatever array came in.
	f64 := js.Global().Get("Float64Array").Call("from", v)
	u8 := js.Global().Get("Uint8Array").New(f64.Get("buffer"))
	raw := make([]byte, 8*n)
	js.CopyBytesToGo(raw, u8)
	w := make([]float64, n)
	for i := range w {
		w[i] = math.Float64frombits(uint64(raw[8*i]) | uint64(raw[8*i+1])<<8 | uint64(raw[8*i+2])<<16 | uint64(raw[8*i+3])<<24 |
			uint64(raw[8*i+4])<<32 | uint64(raw[8*i+5])<<40 | uint64(raw[8*i+6])<<48 | uint64(raw[8*i+7])<<56)
		if math.IsNaN(w[i]) || math.IsInf(w[i], 0) {
			return nil, errors.New(what + "[" + strconv.Itoa(i) + "] is not a finite number")
		}
	}
	return w, nil
}
