package algo

import (
	"encoding/binary"
	"errors"
	"image"
	"math"
	"strconv"
)

// Blur asks for a Gaussian blur before thresholding (Gonzalez & Woods' "smooth first").
type Blur struct {
	Ksize int     // odd ≥ 1, or 0 to derive it from Sigma
	Sigma float64 // 0: derived from Ksize, as OpenCV does
}

// Resize asks for a bilinear resize of the gray image before anything else. Either Scale > 0
// (sizes round(Scale·w) × round(Scale·h), half away from zero) or Width and Height.
type Resize struct {
	Scale         float64
	Width, Height int
}

// Options is one thresholding request, checked (see Check) before it runs.
type Options struct {
	Method     string
	Reference  string // whose convention: one of the method's Libraries(); "" for its default
	Params     Params // the method's parameters by name; missing ones take their defaults
	Type       Type
	Maxval     uint8
	Dark       bool // objects darker than the background: binary gives maxval where v <= level
	IgnoreZero bool // leave pure black out of the histogram
	IgnoreMax  bool // leave pure white out of the histogram
	Noise      *Noise
	Blur       *Blur
	Resize     *Resize
	Mask       []byte // one byte per pixel of the processed image; nil: every pixel counts
	Criterion  bool   // compute Output.Criterion
	NoImage    bool   // find the level only: Output.Pix is nil (global methods)
	LUTOnly    bool   // global methods: Output.LUT instead of Output.Pix; the caller writes (WriteRGBA)
	Surface    bool   // local methods: also give the level map as a picture (Output.Surface)
	Overlay    bool   // local methods with an overlay: also give it (Output.Overlay)
}

// Output is what a thresholding request gives.
type Output struct {
	Width, Height int
	Pix           []byte      // RGBA, R = G = B = the output value, A = 255
	LUT           *[256]uint8 // with Options.LUTOnly (global methods): the output value of each gray value
	Level         float64
	Levels        []int     // multi-level methods only
	Trace         []float64 // iterative methods only
	Histogram     Histogram // what the method saw (after mask and ignore options)
	Criterion     []float64 // nil unless asked for and the method has one
	Gray          *image.Gray
	Surface       *image.Gray // local methods, when asked: the level map, clamped to 0..255
	Overlay       *image.Gray // when asked and the method has one: what explains a local result (edge mask, tile grid)
	Local         bool
	Reference     string // the library whose convention was followed

	// LevelMap is a local method's level at every pixel, unclamped (−1…255), for a caller that
	// shows T(x, y) exactly (the page's pixel inspector). It is the Image's own buffer: valid until
	// the next Threshold on the same Image.
	LevelMap *LevelMap
}

// Image is a picture loaded once: its gray version and what was derived from it last, so that a new
// level or a new global method costs only the final pass. It is not safe for concurrent use.
type Image struct {
	src     *image.Gray
	srcHist Histogram

	// The last preprocessed image (resize, noise, blur) and its histogram, and its recipe.
	key      prepKey
	prep     *image.Gray
	prepHist Histogram
	scratch  *image.Gray
	levels   *LevelMap
}

type prepKey struct {
	resize Resize
	noise  Noise
	blur   Blur
	hasR   bool
	hasN   bool
	hasB   bool
}

// NewImage converts RGBA pixels (w × h, 4 bytes each, row-major) to gray and counts them.
func NewImage(pix []byte, w, h int) (*Image, error) {
	im := &Image{}
	if err := im.Load(pix, w, h); err != nil {
		return nil, err
	}
	return im, nil
}

// Load replaces im's picture with new RGBA pixels, reusing its buffers where they are large
// enough, so a caller that thresholds one picture after another allocates nothing in the steady
// state.
func (im *Image) Load(pix []byte, w, h int) error {
	if w <= 0 || h <= 0 {
		return errors.New("image is empty (" + strconv.Itoa(w) + "×" + strconv.Itoa(h) + ")")
	}
	if len(pix) != 4*w*h {
		return errors.New("RGBA data has " + strconv.Itoa(len(pix)) + " bytes, want 4×" + strconv.Itoa(w) + "×" + strconv.Itoa(h))
	}
	im.reset(w, h)
	GrayFromRGBA(im.src, pix, &im.srcHist)
	im.prepHist = im.srcHist
	return nil
}

// LoadBands is Load for pixels that come a band of rows at a time (a caller's picture outside Go's
// memory): fill(dst, y0, y1) writes the RGBA bytes of rows y0 … y1−1 into dst, and each band is
// converted while it is still in the cache. band is the scratch for one band (a multiple of 4·w
// bytes, at least one row's). No whole RGBA copy of the picture is ever made.
func (im *Image) LoadBands(w, h int, band []byte, fill func(dst []byte, y0, y1 int)) error {
	if w <= 0 || h <= 0 {
		return errors.New("image is empty (" + strconv.Itoa(w) + "×" + strconv.Itoa(h) + ")")
	}
	rows := len(band) / (4 * w)
	if rows < 1 {
		return errors.New("LoadBands: a band of " + strconv.Itoa(len(band)) + " bytes holds no row")
	}
	im.reset(w, h)
	for y0 := 0; y0 < h; y0 += rows {
		y1 := min(y0+rows, h)
		b := band[:4*w*(y1-y0)]
		fill(b, y0, y1)
		g := &image.Gray{Pix: im.src.Pix[y0*w : y1*w], Stride: w, Rect: image.Rect(0, 0, w, y1-y0)}
		GrayFromRGBA(g, b, &im.srcHist)
	}
	im.prepHist = im.srcHist
	return nil
}

// reset makes im's gray picture w × h (its buffer reused when large enough) with an empty
// histogram and nothing derived from it.
func (im *Image) reset(w, h int) {
	r := image.Rect(0, 0, w, h)
	if im.src == nil || cap(im.src.Pix) < w*h {
		im.src = image.NewGray(r)
	} else {
		im.src = &image.Gray{Pix: im.src.Pix[:w*h], Stride: w, Rect: r}
	}
	im.srcHist = Histogram{}
	im.key, im.prep, im.prepHist = prepKey{}, im.src, Histogram{}
}

// NewImageGray wraps a gray image (not copied).
func NewImageGray(g *image.Gray) *Image {
	im := &Image{src: g, srcHist: HistogramOf(g, nil)}
	im.prep, im.prepHist = im.src, im.srcHist
	return im
}

// Gray returns the gray image made at load time.
func (im *Image) Gray() *image.Gray { return im.src }

// Check validates o: the method exists, its parameters are in range, and the preprocessing options
// make sense. It fills in default parameters. The error names the offending option.
func (o *Options) Check() (Method, error) {
	m, ok := Lookup(o.Method)
	if !ok {
		return m, errors.New(`unknown method "` + o.Method + `": valid ids are ` + joinIDs())
	}
	m, err := m.As(o.Reference)
	if err != nil {
		return m, err
	}
	if o.Params == nil {
		o.Params = Params{}
	}
	if err := m.Check(o.Params); err != nil {
		return m, err
	}
	if o.Type < Binary || o.Type > ToZeroInv {
		return m, errors.New("unknown type")
	}
	if n := o.Noise; n != nil {
		if !finite(n.Mean) || n.Mean < -255 || n.Mean > 255 {
			return m, errors.New("noise.mean must be a finite number between -255 and 255")
		}
		if !finite(n.Sigma) || n.Sigma < 0 || n.Sigma > 255 {
			return m, errors.New("noise.sigma must be a finite number between 0 and 255")
		}
	}
	if b := o.Blur; b != nil {
		if b.Ksize < 0 || b.Ksize > 255 || (b.Ksize > 0 && b.Ksize%2 == 0) {
			return m, errors.New("blur.ksize must be 0 or an odd number from 1 to 255, not " + strconv.Itoa(b.Ksize))
		}
		if !finite(b.Sigma) || b.Sigma < 0 || b.Sigma > 100 {
			return m, errors.New("blur.sigma must be a finite number from 0 to 100")
		}
		if b.Ksize == 0 && b.Sigma == 0 {
			return m, errors.New("blur needs ksize or sigma (both are 0)")
		}
	}
	if r := o.Resize; r != nil {
		if !finite(r.Scale) || r.Scale < 0 || r.Scale > 16 {
			return m, errors.New("resize.scale must be a finite number from 0 to 16")
		}
		if r.Scale == 0 && (r.Width <= 0 || r.Height <= 0) {
			return m, errors.New("resize needs scale > 0, or width and height > 0")
		}
		if r.Width < 0 || r.Height < 0 || r.Width > 1<<15 || r.Height > 1<<15 {
			return m, errors.New("resize.width and resize.height must be from 1 to 32768")
		}
	}
	return m, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func joinIDs() string {
	s := ""
	for i, id := range IDs() {
		if i > 0 {
			s += ", "
		}
		s += id
	}
	return s
}

// OutputSize returns the size of the image that o produces from im (it differs with Resize).
func (im *Image) OutputSize(o *Options) (int, int) {
	return o.OutputSize(im.src.Rect.Dx(), im.src.Rect.Dy())
}

func roundHalfAway(v float64) int { return int(math.Floor(v + 0.5)) }

// prepared returns the gray image after resize, noise and blur, reusing the last one when the
// recipe is unchanged.
func (im *Image) prepared(o *Options) (*image.Gray, Histogram) {
	var k prepKey
	if o.Resize != nil {
		k.resize, k.hasR = *o.Resize, true
	}
	if o.Noise != nil && (o.Noise.Sigma != 0 || o.Noise.Mean != 0) {
		k.noise, k.hasN = *o.Noise, true
	}
	if o.Blur != nil {
		k.blur, k.hasB = *o.Blur, true
	}
	if k == im.key {
		return im.prep, im.prepHist
	}
	g := im.src
	if k.hasR {
		w, h := im.OutputSize(o)
		r := image.NewGray(image.Rect(0, 0, w, h))
		ResizeBilinear(r, g)
		g = r
	}
	if k.hasN {
		n := image.NewGray(g.Rect)
		AddNoise(n, g, k.noise)
		g = n
	}
	if k.hasB {
		b := image.NewGray(g.Rect)
		GaussianBlur(b, g, k.blur.Ksize, k.blur.Sigma)
		g = b
	}
	im.key, im.prep = k, g
	if g == im.src {
		im.prepHist = im.srcHist
	} else {
		im.prepHist = HistogramOf(g, nil)
	}
	return im.prep, im.prepHist
}

// Threshold runs o on im and writes the RGBA result into dst when it has the right length
// (4 × output pixels); otherwise it allocates. o must have passed Check.
func (im *Image) Threshold(o *Options, dst []byte) (*Output, error) {
	m, err := o.Check()
	if err != nil {
		return nil, err
	}
	g, hist := im.prepared(o)
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := &Output{Width: w, Height: h, Gray: g, Reference: m.Library}
	if o.Mask != nil {
		if len(o.Mask) != w*h {
			return nil, errors.New("mask has " + strconv.Itoa(len(o.Mask)) + " values, want one per pixel (" + strconv.Itoa(w) + "×" + strconv.Itoa(h) + ")")
		}
		hist = HistogramOf(g, &image.Gray{Pix: o.Mask, Stride: w, Rect: g.Rect})
	}
	if o.IgnoreZero {
		hist[0] = 0
	}
	if o.IgnoreMax {
		hist[255] = 0
	}
	out.Histogram = hist
	if o.NoImage && m.Kind == Global {
		r := m.Global(&hist, o.Params)
		out.Level, out.Levels, out.Trace = r.Level, r.Levels, r.Trace
		return out, nil
	}
	if o.LUTOnly && m.Kind == Global {
		dst = nil // written by the caller, from Output.LUT
	} else if len(dst) != 4*w*h {
		dst = make([]byte, 4*w*h)
	}
	out.Pix = dst

	if m.Kind == Local {
		out.Local = true
		if im.levels == nil || im.levels.Rect != g.Rect {
			im.levels = NewLevelMap(g.Rect)
		}
		typ := o.Type
		if o.Dark && (typ == Binary || typ == BinaryInv) {
			typ ^= 1 // dark objects, as for a global level (see TypeLUT)
		}
		// Inverted is the output's type, after dark: dark binary is OpenCV's THRESH_BINARY_INV,
		// whose adaptiveThreshold rounds C down.
		req := LocalRequest{Inverted: typ == BinaryInv}
		if o.Overlay && m.Overlay {
			req.Overlay = image.NewGray(g.Rect)
			out.Overlay = req.Overlay
		}
		r := m.Local(im.levels, g, o.Params, req)
		applyLevelMap(dst, g, im.levels, typ, o.Maxval)
		out.LevelMap = im.levels
		if o.Surface {
			out.Surface = image.NewGray(g.Rect)
			SurfaceOf(out.Surface, im.levels)
		}
		out.Level = math.NaN()
		if r.Single {
			out.Level = float64(r.Level)
		}
		return out, nil
	}

	r := m.Global(&hist, o.Params)
	out.Level, out.Levels, out.Trace = r.Level, r.Levels, r.Trace
	if o.Criterion && m.Criterion != nil {
		out.Criterion = m.Criterion(&hist, o.Params)
	}
	var lut [256]uint8
	if r.Levels != nil {
		ClassLUT(&lut, r.Levels)
	} else {
		TypeLUT(&lut, o.Type, IntLevel(r.Level), o.Maxval, o.Dark)
	}
	if o.LUTOnly {
		out.LUT = &lut
		return out, nil
	}
	WriteRGBA(dst, g, &lut)
	return out, nil
}

// ClassLUT maps each value to its class's gray for a multi-level result: class i of n (the number
// of levels ≤ v, as numpy's digitize counts) becomes round(i·255/(n-1)).
func ClassLUT(lut *[256]uint8, levels []int) {
	n := len(levels) + 1
	for v := 0; v < 256; v++ {
		c := 0
		for _, l := range levels {
			if v >= l {
				c++
			}
		}
		lut[v] = uint8(roundHalfAway(float64(c) * 255 / float64(n-1)))
	}
}

// WriteRGBA writes lut[g] as opaque gray RGBA into dst (4 bytes a pixel): one table lookup and one
// 32-bit store per pixel. (Fast paths: writeRowFast for any LUT, stepRowFast for a two-level one.)
func WriteRGBA(dst []byte, g *image.Gray, lut *[256]uint8) {
	var words [256]uint32
	for v, o := range lut {
		words[v] = uint32(o)*0x010101 | 0xff000000
	}
	var st step
	isStep := littleEndian && stepWords(&words, &st)
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		out := dst[4*w*y : 4*w*(y+1)]
		x := 0
		switch {
		case isStep: // a binary output: no lookup a pixel (stepRowFast)
			x = stepRowFast(out, row, &st)
		case littleEndian:
			x = writeRowFast(out, row, &words)
		}
		for ; x < len(row); x++ {
			binary.LittleEndian.PutUint32(out[4*x:], words[row[x]])
		}
	}
}

// applyLevelMap applies a threshold type pixel by pixel with the local levels. Binary and
// binary-inv, the usual types, go eight pixels an iteration without a branch per pixel
// (binaryRowFast); the others, and what is left of each row, take applyLevelRow.
func applyLevelMap(dst []byte, g *image.Gray, lm *LevelMap, typ Type, maxval uint8) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	fgWord := uint32(maxval)*0x010101 | 0xff000000
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		lv := lm.L[y*lm.Stride : y*lm.Stride+w]
		out := dst[4*w*y : 4*w*(y+1)]
		x := 0
		if littleEndian && (typ == Binary || typ == BinaryInv) {
			one, zero := fgWord, uint32(0xff000000)
			if typ == BinaryInv {
				one, zero = zero, one
			}
			x = binaryRowFast(out, row, lv, one, zero)
		}
		applyLevelRow(out[4*x:], row[x:], lv[x:], typ, fgWord)
	}
}

// applyLevelRow is the plain rule, one pixel at a time: the definition binaryRowFast must match.
func applyLevelRow(out []byte, row []uint8, lv []int16, typ Type, fgWord uint32) {
	for x, v := range row {
		t := int(lv[x])
		fg := int(v) > t
		var o uint32
		switch typ {
		case Binary:
			if fg {
				o = fgWord
			} else {
				o = 0xff000000
			}
		case BinaryInv:
			if fg {
				o = 0xff000000
			} else {
				o = fgWord
			}
		case Trunc:
			o = uint32(v)*0x010101 | 0xff000000
			if fg {
				o = uint32(max(t, 0))*0x010101 | 0xff000000
			}
		case ToZero:
			o = 0xff000000
			if fg {
				o = uint32(v)*0x010101 | 0xff000000
			}
		case ToZeroInv:
			o = 0xff000000
			if !fg {
				o = uint32(v)*0x010101 | 0xff000000
			}
		}
		binary.LittleEndian.PutUint32(out[4*x:], o)
	}
}

// SurfaceOf draws a level map as a picture: each level clamped to 0..255 (-1, "everything is
// foreground", shows as 0).
func SurfaceOf(dst *image.Gray, lm *LevelMap) {
	w, h := lm.Rect.Dx(), lm.Rect.Dy()
	for y := 0; y < h; y++ {
		lv := lm.L[y*lm.Stride : y*lm.Stride+w]
		srow := dst.Pix[y*dst.Stride : y*dst.Stride+w]
		for x, t := range lv {
			srow[x] = uint8(max(t, 0))
		}
	}
}
