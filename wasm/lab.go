//go:build js && wasm && !lesson

package main

import (
	"image"
	"strconv"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"limen/algo"
	"limen/wasm/internal/call"
	"limen/wasm/internal/samples"
)

// The lab: whose convention the method follows (the library menu beside the method), the call that
// gives the same picture in that library, and the result scored against a ground truth (DIBCO's
// measures and an error map; labrank.go ranks every method). Every part is optional: a page without
// its elements (embed, lesson widgets) gets none of it.

// lab is the app's ground truth and what it was last compared with.
type lab struct {
	truth   *image.Gray // dark (< 128) is text, DIBCO's convention; nil: none
	label   string      // where it came from, for the page
	fromSmp string      // the sample whose own truth it is ("" when it is not a sample's)
	precW   []float64   // DIBCO's per-pixel weights, both or neither
	recW    []float64
	weights js.Value // the same as limen.evaluate's option {precision, recall} (Float64Arrays), for Rank all
	picture string   // the picture the truth was last checked against: name and size
	rank    *ranking
}

// labs are the apps' labs (the page's app has one; embeds and lesson widgets none).
var labs = map[*app]*lab{}

func (a *app) lab() *lab { return labs[a] }

// libraryNames are how the page names the registry's libraries: id, then name.
var libraryNames = []string{"opencv", "OpenCV", "skimage", "scikit-image", "imagej", "ImageJ", "doxa", "Δoxa",
	"fiji", "Fiji", "gw", "Gonzalez & Woods", "paper", "the paper"}

func libraryName(lib string) string {
	for i := 0; i < len(libraryNames); i += 2 {
		if libraryNames[i] == lib {
			return libraryNames[i+1]
		}
	}
	return lib
}

// showLibraries shows the library menu for the state's method: only where it offers more than one
// reference, set to the state's. buildParams calls it, so it follows every change of method.
func (a *app) showLibraries() {
	box := find[*dom.BasicHTMLElement](a.root, "referenceBox")
	sel := find[*dom.HTMLSelectElement](a.root, "reference")
	defer a.showCall()
	if box == nil || sel == nil {
		return
	}
	m, _ := algo.Lookup(a.st.Method)
	libs := m.Libraries()
	if len(libs) < 2 {
		box.SetAttribute("hidden", "")
		return
	}
	sel.SetInnerHTML("")
	for i, lib := range libs {
		o := el("option")
		o.SetAttribute("value", lib)
		name := libraryName(lib)
		if i == 0 {
			name += " (default)"
		}
		o.SetTextContent(name)
		appendTo(sel, o)
	}
	ref := a.st.Reference
	if ref == "" {
		ref = m.Library
	}
	sel.SetValue(ref)
	box.RemoveAttribute("hidden")
}

// showCall writes the call for the current state.
func (a *app) showCall() {
	pre := find[*dom.BasicHTMLElement](a.root, "call")
	if pre == nil {
		return
	}
	sn := call.Code(a.st)
	if sn.Code == pre.Get("textContent").String() {
		return
	}
	pre.SetTextContent(sn.Code)
	if b := find[*dom.BasicHTMLElement](a.root, "callCopy"); b != nil {
		b.SetTextContent("Copy")
	}
	if lang := find[*dom.BasicHTMLElement](a.root, "callLang"); lang != nil {
		t := "No library equivalent"
		if sn.Lang != "" {
			t = sn.Lang + ", " + libraryName(sn.Library)
		}
		lang.SetTextContent(t)
	}
}

// wireLab connects the lab's controls. wire (controls.go) calls it.
func (a *app) wireLab() {
	if a.embed || a.widget {
		return
	}
	if labs[a] == nil { // setTruth may have come first
		labs[a] = &lab{}
	}
	if sel := find[*dom.HTMLSelectElement](a.root, "reference"); sel != nil {
		a.on(sel, "change", func(*dom.BasicEvent) {
			m, _ := algo.Lookup(a.st.Method)
			a.st.Reference, a.st.Params = sel.Value(), nil
			if a.st.Reference == m.Library {
				a.st.Reference = ""
			}
			a.buildParams()
			a.changed()
		})
	}
	if btn := find[*dom.BasicHTMLElement](a.root, "callCopy"); btn != nil {
		a.on(btn, "click", func(*dom.BasicEvent) {
			code := call.Code(a.st).Code
			if cb := js.Global().Get("navigator").Get("clipboard"); cb.Truthy() {
				cb.Call("writeText", code).Call("catch", js.FuncOf(func(js.Value, []js.Value) any { return nil }))
			}
			btn.SetTextContent("Copied") // until the call changes (showCall)
		})
	}
	a.wireTruth()
	a.wireRank()
	a.afterShow = append(a.afterShow, func(r js.Value) {
		a.showCall()
		a.checkPicture()
		a.showScores(r)
	})
}

// setTruth sets the ground truth the result is scored against and refreshes the scores; nil clears
// it. truth is read in DIBCO's convention: a value below 128 is text. label says where it came from
// ("doc-1's own", a file's name, a generated page). It must have the picture's size; a truth of
// another size is kept and the page says why there are no scores. Weights loaded for an earlier
// truth are dropped. The generator of degraded pages (docgen) gives its ground truth here.
func (a *app) setTruth(truth *image.Gray, label string) {
	l := a.lab()
	if l == nil { // called before wireLab (a generated page made as the app starts): kept for it
		l = &lab{}
		labs[a] = l
	}
	l.truth, l.label, l.fromSmp, l.precW, l.recW, l.weights = truth, label, "", nil, nil, js.Undefined()
	a.showTruth()
	if a.last.Truthy() {
		a.showScores(a.last)
	}
}

// showTruth says which ground truth is loaded, and offers the sample's own.
func (a *app) showTruth() {
	l := a.lab()
	if n := find[*dom.BasicHTMLElement](a.root, "truthName"); n != nil {
		switch {
		case l.truth == nil:
			n.SetTextContent("No ground truth: choose a file, drop one here, or use a sample's own.")
		default:
			t := "Ground truth: " + l.label + ", " + itoa(l.truth.Rect.Dx()) + "×" + itoa(l.truth.Rect.Dy())
			if l.precW != nil {
				t += ", with DIBCO weights"
			}
			n.SetTextContent(t)
		}
	}
	smp, _ := samples.Lookup(a.st.Sample)
	if b := find[*dom.BasicHTMLElement](a.root, "truthSample"); b != nil {
		if smp.Truth == "" || l.fromSmp == smp.Name {
			b.SetAttribute("hidden", "")
		} else {
			b.RemoveAttribute("hidden")
		}
	}
	// With a truth: Clear, the weights and Rank all show (the CSS).
	if lab := find[*dom.BasicHTMLElement](a.root, "lab"); lab != nil {
		lab.Get("classList").Call("toggle", "truthful", l.truth != nil)
	}
}

// checkPicture follows a change of picture: a sample's own truth goes with its sample, and a sample
// that has one gets it.
func (a *app) checkPicture() {
	l := a.lab()
	key := a.name + " " + itoa(a.width) + "×" + itoa(a.height)
	if key == l.picture {
		return
	}
	l.picture = key
	if l.fromSmp != "" && l.fromSmp != a.st.Sample {
		a.setTruth(nil, "")
	}
	if smp, ok := samples.Lookup(a.st.Sample); ok && smp.Truth != "" && a.name == smp.Name && l.truth == nil {
		a.loadSampleTruth(smp)
	}
	a.showTruth()
}

// loadSampleTruth fetches a sample's own ground truth.
func (a *app) loadSampleTruth(smp samples.Sample) {
	go func() {
		defer a.recover()
		blob, err := sampleBlob(smp.Truth)
		var g *image.Gray
		if err == nil {
			g, err = decodeGray(blob, a.api)
		}
		if err != nil {
			a.fail("Could not load the ground truth of " + smp.Title + ": " + err.Error())
			return
		}
		a.setTruth(g, smp.Title+"'s own")
		a.lab().fromSmp = smp.Name
		a.showTruth()
	}()
}

// decodeGray decodes an image file with its own pixels and keeps its R channel. Call it from a
// goroutine.
func decodeGray(blob js.Value, api *api) (*image.Gray, error) {
	opts := js.Global().Get("Object").New()
	opts.Set("colorSpaceConversion", "none")
	opts.Set("premultiplyAlpha", "none")
	bmp, err := await(js.Global().Call("createImageBitmap", blob, opts))
	if err != nil {
		return nil, err
	}
	w, h := bmp.Get("width").Int(), bmp.Get("height").Int()
	if w*h > maxPixels {
		bmp.Call("close")
		return nil, errorString("too large (" + itoa(w) + "×" + itoa(h) + ")")
	}
	c := js.Global().Get("OffscreenCanvas").New(w, h)
	ctx := c.Call("getContext", "2d")
	ctx.Call("drawImage", bmp, 0, 0)
	bmp.Call("close")
	g := image.NewGray(image.Rect(0, 0, w, h))
	redOf(g, ctx.Call("getImageData", 0, 0, w, h).Get("data"), api)
	return g, nil
}

// wireTruth connects the ground truth's inputs: a file, a drop on the lab, the sample's own, the
// weights files, and clearing it.
func (a *app) wireTruth() {
	load := func(f js.Value) {
		go func() {
			defer a.recover()
			name := f.Get("name").String()
			g, err := decodeGray(f, a.api)
			if err != nil {
				a.fail("“" + name + "” could not be read as a ground truth image (" + err.Error() + ").")
				return
			}
			a.clearError()
			a.setTruth(g, name)
		}()
	}
	if in := find[*dom.HTMLInputElement](a.root, "truthFile"); in != nil {
		a.on(in, "change", func(*dom.BasicEvent) {
			if fs := in.Get("files"); fs.Length() > 0 {
				load(fs.Index(0))
			}
			in.SetValue("")
		})
	}
	if box := find[*dom.BasicHTMLElement](a.root, "truthDrop"); box != nil {
		// Dropped here, a file is the ground truth, not a new picture: the page's own drop handler
		// (on the window) never sees it.
		a.on(box, "dragover", func(e *dom.BasicEvent) {
			e.PreventDefault()
			e.StopPropagation()
			box.Class().Add("dragover")
		})
		a.on(box, "dragleave", func(*dom.BasicEvent) { box.Class().Remove("dragover") })
		a.on(box, "drop", func(e *dom.BasicEvent) {
			e.PreventDefault()
			e.StopPropagation()
			box.Class().Remove("dragover")
			if fs := e.Underlying().Get("dataTransfer").Get("files"); fs.Length() > 0 {
				load(fs.Index(0))
			}
		})
	}
	if b := find[*dom.BasicHTMLElement](a.root, "truthSample"); b != nil {
		a.on(b, "click", func(*dom.BasicEvent) {
			if smp, ok := samples.Lookup(a.st.Sample); ok && smp.Truth != "" {
				a.loadSampleTruth(smp)
			}
		})
	}
	if b := find[*dom.BasicHTMLElement](a.root, "truthClear"); b != nil {
		a.on(b, "click", func(*dom.BasicEvent) { a.setTruth(nil, "") })
	}
	for _, w := range []struct {
		name string
		prec bool
	}{{"weightsRecall", false}, {"weightsPrecision", true}} {
		in := find[*dom.HTMLInputElement](a.root, w.name)
		if in == nil {
			continue
		}
		prec := w.prec
		a.on(in, "change", func(*dom.BasicEvent) {
			fs := in.Get("files")
			if fs.Length() == 0 || a.lab().truth == nil {
				return
			}
			f := fs.Index(0)
			go func() {
				defer a.recover()
				a.readWeights(f, prec)
			}()
		})
	}
}

// readWeights reads a DIBCO weights file (.dat: one decimal number a pixel, row-major) for the
// loaded truth. The browser splits and converts the text (a .dat of a large page is tens of
// megabytes: JS's Number reads it, so "inf" and "nan" are NaN); weightsOf, limen.evaluate's reader,
// checks the count and that every value is a finite number. The pseudo-measures need both files;
// until both are there, neither is used.
func (a *app) readWeights(f js.Value, prec bool) {
	l := a.lab()
	name := f.Get("name").String()
	txt, err := await(f.Call("text"))
	var w []float64
	var nums js.Value
	if err == nil {
		tokens := js.Global().Get("String").New(txt).Call("match", js.Global().Get("RegExp").New(`\S+`, "g"))
		if tokens.IsNull() {
			tokens = js.Global().Get("Array").New()
		}
		nums = js.Global().Get("Float64Array").Call("from", tokens, js.Global().Get("Number"))
		w, err = weightsOf(nums, "the weights", len(l.truth.Pix))
	}
	if err != nil {
		a.fail("“" + name + "”: " + err.Error())
		return
	}
	a.clearError()
	if !l.weights.Truthy() {
		l.weights = js.Global().Get("Object").New()
	}
	if prec {
		l.precW = w
		l.weights.Set("precision", nums)
	} else {
		l.recW = w
		l.weights.Set("recall", nums)
	}
	a.showTruth()
	if a.last.Truthy() {
		a.showScores(a.last)
	}
}

// scoreRows are the scores the page shows, in order: label, key (as limen.evaluate names them).
var scoreRows = [][2]string{
	{"F-measure", "fmeasure"}, {"pseudo F-measure", "pseudoFmeasure"}, {"PSNR", "psnr"}, {"DRD", "drd"},
	{"precision", "precision"}, {"recall", "recall"}, {"MCC", "mcc"}, {"NRM", "nrm"},
}

// evalOptions are the weights when both are loaded.
func (l *lab) evalOptions() algo.EvalOptions {
	if l.precW == nil || l.recW == nil {
		return algo.EvalOptions{}
	}
	return algo.EvalOptions{PrecisionWeights: l.precW, RecallWeights: l.recW}
}

// showScores scores result r against the ground truth (algo.Evaluate, limen.evaluate's function)
// and draws the error map.
func (a *app) showScores(r js.Value) {
	l := a.lab()
	box := find[*dom.BasicHTMLElement](a.root, "scores")
	errBox := find[*dom.BasicHTMLElement](a.root, "errorBox")
	if box == nil {
		return
	}
	hide := func(msg string) {
		box.SetTextContent(msg)
		if errBox != nil {
			errBox.SetAttribute("hidden", "")
		}
	}
	if l.truth == nil {
		hide("")
		return
	}
	img := r.Get("image")
	w, h := img.Get("width").Int(), img.Get("height").Int()
	if l.truth.Rect.Dx() != w || l.truth.Rect.Dy() != h {
		hide("The ground truth and the result are not the same size: no scores.")
		return
	}
	pix := make([]byte, 4*w*h)
	js.CopyBytesToGo(pix, img.Get("data"))
	bin := image.NewGray(image.Rect(0, 0, w, h))
	for i := range bin.Pix {
		bin.Pix[i] = pix[4*i]
	}
	s, err := algo.Evaluate(bin, l.truth, l.evalOptions())
	if err != nil {
		hide(err.Error())
		return
	}
	html := `<table class="scores">`
	for i, v := range []float64{s.FMeasure, s.PseudoFMeasure, s.PSNR, s.DRD, s.Precision, s.Recall, s.MCC, s.NRM} {
		if i != 1 || s.HasPseudo {
			html += "<tr><th>" + scoreRows[i][0] + "</th>" + scoreCell(scoreRows[i][1], v) + "</tr>"
		}
	}
	box.SetInnerHTML(html + "</table>")
	a.drawErrorMap(pix, bin, w, h, s)
}

// scoreCell is a table cell with a score: shown with four decimals, exact in data-value (as JS
// reads a number back).
func scoreCell(key string, v float64) string {
	return `<td data-key="` + key + `" data-value="` + jsNumber(v) + `">` + scoreText(v) + "</td>"
}

// jsNumber writes v as JS's Number() reads it back exactly.
func jsNumber(v float64) string {
	switch {
	case v > 1e308:
		return "Infinity"
	case v < -1e308:
		return "-Infinity"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// scoreText shows a score with four decimals (∞ for Doxa's DBL_MAX).
func scoreText(v float64) string {
	switch {
	case v > 1e308:
		return "∞"
	case v != v:
		return "—"
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

// The error map's colours, told apart by colour-blind readers (Okabe & Ito's palette): blue for a
// false positive (paper taken for text), orange for a false negative (text missed).
var fpColour, fnColour = [3]byte{0x00, 0x72, 0xB2}, [3]byte{0xE6, 0x9F, 0x00}

// drawErrorMap draws the result with its false positives and negatives coloured, and the counts.
// pix is the result's RGBA (overwritten), bin its R channel.
func (a *app) drawErrorMap(pix []byte, bin *image.Gray, w, h int, s algo.Scores) {
	cv := find[*dom.HTMLCanvasElement](a.root, "errorMap")
	box := find[*dom.BasicHTMLElement](a.root, "errorBox")
	if cv == nil || box == nil {
		return
	}
	gt := a.lab().truth.Pix
	for i, b := range bin.Pix {
		text, truth := b < 128, gt[i] < 128
		var c [3]byte
		switch {
		case text && !truth:
			c = fpColour
		case !text && truth:
			c = fnColour
		default:
			continue
		}
		pix[4*i], pix[4*i+1], pix[4*i+2] = c[0], c[1], c[2]
	}
	cv.SetWidth(w)
	cv.SetHeight(h)
	cv.GetContext2d().Call("putImageData", imageValue(pix, w, h, js.Undefined()), 0, 0)
	if n := find[*dom.BasicHTMLElement](a.root, "fpCount"); n != nil {
		n.SetTextContent(itoa(s.FP))
	}
	if n := find[*dom.BasicHTMLElement](a.root, "fnCount"); n != nil {
		n.SetTextContent(itoa(s.FN))
	}
	box.RemoveAttribute("hidden")
}
