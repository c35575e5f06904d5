package algo

import (
	"errors"
	"image"
	"math"
	"strconv"
)

// Bands: one thresholding request split into horizontal strips that can be computed apart (by the
// page's worker pool) and put back together into exactly what Image.Threshold gives the whole
// picture, pixel for pixel and level for level.
//
// A band owns output rows Y0..Y1 and reads more than those: every step of the pipeline looks at a
// few rows around each pixel, and the band carries them as a halo of real pixels.
//   - The method: a local method's level at a pixel depends on the rows within its window's reach
//     (bandReach); a global method's level on the histogram of the whole picture, which the bands
//     count apart and add up (a global method has no halo).
//   - The blur: its kernel's half-size, on the rows the method reads.
//   - The noise: none (one value a pixel), but the seeded stream is serial; AddNoiseFrom starts it
//     at the band's first pixel.
//   - The resize: the two source rows around each output row's position (resizeSourceRows).
//
// Why the halo is enough, borders included: within a band's rows the windows never reach past the
// halo, so they see the same real pixels as in the whole picture. Where the halo is cut by the
// picture's real edge, the band's edge is that edge, and the method's own border rule (reflect-101,
// replicate, or Doxa's clipping) applies there as it does to the whole picture. Reflect-101 repeats
// with the picture's height when a window reaches further than that height; a band whose halo is
// cut by one edge only still holds every row a reflection shows (at most reach rows past the edge),
// and a band cut by both edges is the whole picture. TestBandsMatchWhole checks every registry
// method this way, with windows larger than the bands and than the picture.
//
// Methods that need the whole picture at once (Method.Whole: a statistic of every pixel or every
// window, connected components, tiles laid over the whole picture) are planned as one band.

// Band is one horizontal strip of a request's output and the rows of each stage it needs.
type Band struct {
	Y0, Y1         int // the output rows it owns
	PrepY0, PrepY1 int // the rows the method reads (the owned rows and the method's halo)
	RawY0, RawY1   int // the rows before the blur (resized and noised): the blur's halo added
	SrcY0, SrcY1   int // the rows of the caller's picture it reads
}

// BandPlan is a request split into bands. Width and Height are the output's size.
type BandPlan struct {
	Width, Height int
	Whole         bool // the method needs the whole picture: one band
	Local         bool // a local method: each band is thresholded on its own; else levels come from the summed histograms
	Bands         []Band
}

// fijiReach is the reach of Fiji's circle of the given radius: floor(√(radius²+1)) rows.
func fijiReach(p Params) int {
	r := int(p["radius"])
	return isqrt(r*r + 1)
}

// halfWindow is the reach of a square window whose side is parameter name.
func halfWindow(name string) func(p Params) int {
	return func(p Params) int { return int(p[name]) / 2 }
}

// methodReach is how many rows around a pixel m reads with parameters p: 0 for a global method,
// −1 when it needs the whole picture.
func methodReach(m Method, p Params) int {
	if m.Kind == Global {
		return 0
	}
	if m.Whole || m.Reach == nil {
		return -1
	}
	return m.Reach(p)
}

// blurReach is the blur's vertical half-size, as GaussianBlur derives its kernel.
func blurReach(b *Blur) int {
	if b == nil {
		return 0
	}
	sigma := b.Sigma
	if !(sigma > 0) {
		sigma = 0
	}
	return blurKsize(b.Ksize, sigma) / 2
}

// hasNoise says whether o adds noise (a zero mean and sigma add none, as Image.prepared reads them).
func hasNoise(o *Options) bool { return o.Noise != nil && (o.Noise.Sigma != 0 || o.Noise.Mean != 0) }

// BandRows returns the band owning output rows y0..y1 of request o (checked) on a w×h picture
// thresholded by m: the rows each stage reads.
func BandRows(o *Options, m Method, w, h, y0, y1 int) Band {
	_, oh := o.OutputSize(w, h)
	b := Band{Y0: y0, Y1: y1}
	r := methodReach(m, o.Params)
	if r < 0 {
		return Band{Y0: 0, Y1: oh, PrepY0: 0, PrepY1: oh, RawY0: 0, RawY1: oh, SrcY0: 0, SrcY1: h}
	}
	b.PrepY0, b.PrepY1 = max(y0-r, 0), min(y1+r, oh)
	rb := blurReach(o.Blur)
	b.RawY0, b.RawY1 = max(b.PrepY0-rb, 0), min(b.PrepY1+rb, oh)
	b.SrcY0, b.SrcY1 = b.RawY0, b.RawY1
	if o.Resize != nil {
		b.SrcY0, b.SrcY1 = resizeSourceRows(h, oh, b.RawY0, b.RawY1)
	}
	return b
}

// OutputSize returns the size of the image o produces from a w×h picture (it differs with Resize).
func (o *Options) OutputSize(w, h int) (int, int) {
	if r := o.Resize; r != nil {
		if r.Scale > 0 {
			return max(1, roundHalfAway(r.Scale*float64(w))), max(1, roundHalfAway(r.Scale*float64(h)))
		}
		return r.Width, r.Height
	}
	return w, h
}

// minSplit is the fewest output pixels PlanBands splits for the workers' sake: below it a
// global method's pass takes about a millisecond, less than the messages a band costs.
const minSplit = 1 << 18

// PlanBands checks o and splits its output on a w×h picture into bands: at least n (the workers)
// when the picture is large enough to gain from it, and more when a band would exceed maxPixels
// output pixels (then a multiple of n, so that the workers share them evenly), so that a worker's
// memory stays bounded whatever the picture's size. A band is at least as tall as the method's
// window (its halo would otherwise outweigh it). A picture under minSplit pixels is one band unless
// maxPixels asks for more: its bands' messages would cost more than the second core gives back. A
// method that needs the whole picture is one band (Whole).
func PlanBands(o *Options, w, h, n, maxPixels int) (BandPlan, error) {
	m, err := o.Check()
	if err != nil {
		return BandPlan{}, err
	}
	if w <= 0 || h <= 0 {
		return BandPlan{}, errors.New("image is empty (" + strconv.Itoa(w) + "×" + strconv.Itoa(h) + ")")
	}
	ow, oh := o.OutputSize(w, h)
	p := BandPlan{Width: ow, Height: oh, Local: m.Kind == Local}
	r := methodReach(m, o.Params)
	if r < 0 {
		p.Whole = true
		p.Bands = []Band{BandRows(o, m, w, h, 0, oh)}
		return p, nil
	}
	k, pixels := 1, int64(ow)*int64(oh)
	if pixels >= minSplit {
		k = max(n, 1)
	}
	if maxPixels > 0 && pixels > int64(maxPixels) {
		k = max(k, int((pixels+int64(maxPixels)-1)/int64(maxPixels)))
		k = (k + n - 1) / max(n, 1) * max(n, 1) // as many bands for every worker
	}
	k = min(k, oh/max(2*(r+blurReach(o.Blur))+1, 1))
	k = max(k, 1)
	for i := 0; i < k; i++ {
		p.Bands = append(p.Bands, BandRows(o, m, w, h, i*oh/k, (i+1)*oh/k))
	}
	return p, nil
}

// BandImage is one band of a request: its rows prepared (resize, noise, blur) and counted, then
// thresholded. Its buffers are reused from call to call. It is not safe for concurrent use.
type BandImage struct {
	b            Band
	w, h, ow, oh int // the picture's size and the output's
	gray, raw    *image.Gray
	blurred      *image.Gray
	prep         *image.Gray // rows PrepY0..PrepY1 of the prepared picture
	hist         Histogram   // of the owned rows, with the mask and ignore options
	levels       *LevelMap
	m            Method
}

// grayBuf returns a gray image of w×h pixels backed by *buf, reusing it when large enough.
func grayBuf(buf **image.Gray, w, h int) *image.Gray {
	r := image.Rect(0, 0, w, h)
	if *buf == nil || cap((*buf).Pix) < w*h {
		*buf = image.NewGray(r)
	} else {
		*buf = &image.Gray{Pix: (*buf).Pix[:w*h], Stride: w, Rect: r}
	}
	return *buf
}

// rows returns rows y0..y1 of g (numbered from 0) as an image of its own, sharing g's pixels.
func rows(g *image.Gray, y0, y1 int) *image.Gray {
	w := g.Rect.Dx()
	return &image.Gray{Pix: g.Pix[y0*g.Stride : y0*g.Stride+(y1-y0-1)*g.Stride+w], Stride: g.Stride, Rect: image.Rect(0, 0, w, y1-y0)}
}

// Prepare loads band y0..y1 of request o on a w×h picture: pix holds the picture's RGBA rows
// SrcY0..SrcY1 of BandRows (4 bytes a pixel), and o.Mask, when not nil, the mask of the owned rows
// only (one byte a pixel of the output). It returns the histogram of the owned rows as
// Image.Threshold counts the whole picture's (mask, ignoreZero, ignoreMax): the sum over the bands
// is the whole picture's.
func (bi *BandImage) Prepare(pix []byte, w, h, y0, y1 int, o *Options) (Histogram, error) {
	m, err := o.Check()
	if err != nil {
		return Histogram{}, err
	}
	ow, oh := o.OutputSize(w, h)
	if w <= 0 || h <= 0 || y0 < 0 || y1 > oh || y0 >= y1 {
		return Histogram{}, errors.New("band rows " + strconv.Itoa(y0) + ".." + strconv.Itoa(y1) + " are not within the output's " + strconv.Itoa(oh))
	}
	b := BandRows(o, m, w, h, y0, y1)
	if b.Y0 != y0 || b.Y1 != y1 {
		return Histogram{}, errors.New("method " + m.ID + " needs the whole picture: it cannot run on a band")
	}
	if len(pix) != 4*w*(b.SrcY1-b.SrcY0) {
		return Histogram{}, errors.New("band RGBA data has " + strconv.Itoa(len(pix)) + " bytes, want 4×" + strconv.Itoa(w) + "×" + strconv.Itoa(b.SrcY1-b.SrcY0))
	}
	if o.Mask != nil && len(o.Mask) != ow*(y1-y0) {
		return Histogram{}, errors.New("band mask has " + strconv.Itoa(len(o.Mask)) + " values, want " + strconv.Itoa(ow) + "×" + strconv.Itoa(y1-y0))
	}
	*bi = BandImage{b: b, w: w, h: h, ow: ow, oh: oh, gray: bi.gray, raw: bi.raw, blurred: bi.blurred, levels: bi.levels, m: m}

	g := grayBuf(&bi.gray, w, b.SrcY1-b.SrcY0)
	// With nothing between the gray and the method (no resize, noise, blur) and no mask, the owned
	// rows are counted as they are converted, as Image.Load counts the whole picture: one pass.
	counted := o.Resize == nil && !hasNoise(o) && o.Blur == nil && o.Mask == nil
	if counted {
		a, z := y0-b.SrcY0, y1-b.SrcY0
		bi.hist = Histogram{}
		GrayFromRGBA(rows(g, 0, a), pix[:4*w*a], nil)
		GrayFromRGBA(rows(g, a, z), pix[4*w*a:4*w*z], &bi.hist)
		GrayFromRGBA(rows(g, z, g.Rect.Dy()), pix[4*w*z:], nil)
	} else {
		GrayFromRGBA(g, pix, nil)
	}
	rawH := b.RawY1 - b.RawY0
	if o.Resize != nil {
		r := grayBuf(&bi.raw, ow, rawH)
		resizeBilinearRows(r, g, w, h, oh, b.RawY0, b.SrcY0)
		g = r
	}
	if hasNoise(o) {
		// In place: each pixel is read before it is written. Noise on the caller's gray would be
		// fine too, since the gray buffer is the band's own.
		AddNoiseFrom(g, g, *o.Noise, b.RawY0*ow)
	}
	if o.Blur != nil {
		bl := grayBuf(&bi.blurred, ow, rawH)
		GaussianBlur(bl, g, o.Blur.Ksize, o.Blur.Sigma)
		g = bl
	}
	bi.prep = rows(g, b.PrepY0-b.RawY0, b.PrepY1-b.RawY0)
	own := rows(bi.prep, y0-b.PrepY0, y1-b.PrepY0)
	var mask *image.Gray
	if o.Mask != nil {
		mask = &image.Gray{Pix: o.Mask, Stride: ow, Rect: own.Rect}
	}
	if !counted {
		bi.hist = HistogramOf(own, mask)
	}
	if o.IgnoreZero {
		bi.hist[0] = 0
	}
	if o.IgnoreMax {
		bi.hist[255] = 0
	}
	return bi.hist, nil
}

// Level computes a global method's result from hist, the histogram of the whole picture (the sum of
// the bands' Prepare histograms): what Image.Threshold reports besides the pixels. It is computed
// once, and every band applies it (ApplyLevel).
func Level(o *Options, hist Histogram) (*Output, error) {
	m, err := o.Check()
	if err != nil {
		return nil, err
	}
	if m.Kind != Global {
		return nil, errors.New("method " + m.ID + " is local: its bands are thresholded on their own")
	}
	out := &Output{Histogram: hist, Reference: m.Library}
	r := m.Global(&hist, o.Params)
	out.Level, out.Levels, out.Trace = r.Level, r.Levels, r.Trace
	if o.Criterion && !o.NoImage && m.Criterion != nil { // as Image.Threshold: no criterion without the image
		out.Criterion = m.Criterion(&hist, o.Params)
	}
	return out, nil
}

// ApplyLevel writes the owned rows of a prepared band at a global level (Level's result) into dst
// as RGBA, 4 × width × rows bytes.
func (bi *BandImage) ApplyLevel(o *Options, level *Output, dst []byte) {
	own := bi.Gray()
	var lut [256]uint8
	if level.Levels != nil {
		ClassLUT(&lut, level.Levels)
	} else {
		TypeLUT(&lut, o.Type, IntLevel(level.Level), o.Maxval, o.Dark)
	}
	WriteRGBA(dst, own, &lut)
}

// Local thresholds a prepared band with its local method and writes the owned rows into dst as
// RGBA (4 × width × rows bytes). The Output holds the owned rows only: Pix (dst), Surface and
// Overlay when asked, the band's histogram, Level (NaN unless the method found one level), and Gray
// and LevelMap, the band's own buffers (valid until its next use).
func (bi *BandImage) Local(o *Options, dst []byte) (*Output, error) {
	m := bi.m
	if m.Kind != Local {
		return nil, errors.New("method " + m.ID + " is global: apply the level of the summed histograms")
	}
	b := bi.b
	ph := b.PrepY1 - b.PrepY0
	r := image.Rect(0, 0, bi.ow, ph)
	if bi.levels == nil || cap(bi.levels.L) < bi.ow*ph {
		bi.levels = NewLevelMap(r)
	} else {
		bi.levels = &LevelMap{L: bi.levels.L[:bi.ow*ph], Stride: bi.ow, Rect: r}
	}
	typ := o.Type
	if o.Dark && (typ == Binary || typ == BinaryInv) {
		typ ^= 1 // dark objects, as Image.Threshold does
	}
	req := LocalRequest{Inverted: typ == BinaryInv} // the output's type, after dark (Image.Threshold)
	var overlay *image.Gray
	if o.Overlay && m.Overlay {
		overlay = image.NewGray(r)
		req.Overlay = overlay
	}
	res := m.Local(bi.levels, bi.prep, o.Params, req)
	oy0, oy1 := b.Y0-b.PrepY0, b.Y1-b.PrepY0
	own := rows(bi.prep, oy0, oy1)
	lm := &LevelMap{L: bi.levels.L[oy0*bi.ow : oy1*bi.ow], Stride: bi.ow, Rect: own.Rect}
	applyLevelMap(dst, own, lm, typ, o.Maxval)
	out := &Output{Width: bi.ow, Height: b.Y1 - b.Y0, Pix: dst, Histogram: bi.hist, Local: true, Reference: m.Library, Level: math.NaN(),
		Gray: own, LevelMap: lm}
	if res.Single {
		out.Level = float64(res.Level)
	}
	if o.Surface {
		out.Surface = image.NewGray(own.Rect)
		SurfaceOf(out.Surface, lm)
	}
	if overlay != nil {
		out.Overlay = rows(overlay, oy0, oy1)
	}
	return out, nil
}

// Bytes is the memory the band's buffers hold (they are reused from call to call).
func (bi *BandImage) Bytes() int {
	n := 0
	for _, g := range []*image.Gray{bi.gray, bi.raw, bi.blurred} {
		if g != nil {
			n += cap(g.Pix)
		}
	}
	if bi.levels != nil {
		n += 2 * cap(bi.levels.L)
	}
	return n
}

// Histogram returns the histogram Prepare counted.
func (bi *BandImage) Histogram() Histogram { return bi.hist }

// Gray returns the owned rows of the prepared picture: what the method saw there (after resize,
// noise and blur), as Output.Gray has it for the whole picture. It shares the band's buffer.
func (bi *BandImage) Gray() *image.Gray {
	return rows(bi.prep, bi.b.Y0-bi.b.PrepY0, bi.b.Y1-bi.b.PrepY0)
}

// Size returns the size of the band's output: the output's width, and its owned rows.
func (bi *BandImage) Size() (int, int) { return bi.ow, bi.b.Y1 - bi.b.Y0 }

// skimageGaussianReach is the reach of scikit-image's threshold_local(method='gaussian'): SciPy's
// kernel radius int(4σ + 0.5) with σ = (blockSize − 1)/6, beyond the block itself (20 rows for 31).
func skimageGaussianReach(p Params) int {
	sigma := (p["blockSize"] - 1) / 6
	return int(4*sigma + 0.5)
}
