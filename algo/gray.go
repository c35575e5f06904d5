package algo

import (
	"encoding/binary"
	"image"
)

// Histogram counts the pixels of each gray value 0..255.
type Histogram [256]int

// Total returns the number of pixels counted.
func (h *Histogram) Total() int {
	n := 0
	for _, c := range h {
		n += c
	}
	return n
}

// LevelMap holds one level per pixel, as a local method computes it: the last background value,
// so a pixel v is foreground when v > L. L is clamped to -1..255 (-1: every value is foreground).
// L[(y-Rect.Min.Y)*Stride + (x-Rect.Min.X)] is the level at (x, y), as for image.Gray's Pix.
type LevelMap struct {
	L      []int16
	Stride int
	Rect   image.Rectangle
}

// NewLevelMap returns a LevelMap with the given bounds.
func NewLevelMap(r image.Rectangle) *LevelMap {
	return &LevelMap{L: make([]int16, r.Dx()*r.Dy()), Stride: r.Dx(), Rect: r}
}

// Gray fixed-point weights of OpenCV's RGB→gray (BT.601 with 15 fractional bits):
// Y = (R*9798 + G*19235 + B*3735 + 2^14) >> 15. They add up to 2^15, so a gray pixel
// (R = G = B) maps to itself. Checked against cv2.cvtColor on all 2^24 colours.
const (
	grayR     = 9798
	grayG     = 19235
	grayB     = 3735
	grayShift = 15
	grayRound = 1 << (grayShift - 1)
)

// GrayValue converts one RGB colour exactly as OpenCV's cvtColor(COLOR_RGB2GRAY) does on 8-bit data.
func GrayValue(r, g, b uint8) uint8 {
	return uint8((uint32(r)*grayR + uint32(g)*grayG + uint32(b)*grayB + grayRound) >> grayShift)
}

// GrayFromRGBA converts RGBA pixels (4 bytes each, row-major, no padding, alpha ignored) into dst
// and, when hist is not nil, adds every gray value to hist in the same pass. len(pix) must be
// 4 × dst's pixel count. It is the one pass every call makes over the caller's pixels (see
// grayRowFast for how it goes fast).
func GrayFromRGBA(dst *image.Gray, pix []byte, hist *Histogram) {
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	if len(pix) < 4*w*h {
		panic("algo: GrayFromRGBA: pixel buffer too short")
	}
	var local [4][256]uint32 // see grayRowFast; uint32 counts: a row has far fewer than 2^32 pixels
	var total Histogram
	for y := 0; y < h; y++ {
		src := pix[4*w*y : 4*w*(y+1)]
		row := dst.Pix[y*dst.Stride : y*dst.Stride+w]
		x := 0
		if littleEndian {
			x = grayRowFast(row, src, &local)
		}
		grayRow(row[x:], src[4*x:], &local[0])
		if y%256 == 255 || y == h-1 { // fold before any uint32 count could overflow
			for i := range total {
				total[i] += int(local[0][i] + local[1][i] + local[2][i] + local[3][i])
			}
			local = [4][256]uint32{}
		}
	}
	if hist != nil {
		for i, c := range total {
			hist[i] += c
		}
	}
}

// grayRow is the plain conversion, one pixel at a time: the definition the fast path must match.
func grayRow(dst, src []byte, hist *[256]uint32) {
	for x := range dst {
		p := binary.LittleEndian.Uint32(src[4*x:])
		v := uint8(((p&0xff)*grayR + (p>>8&0xff)*grayG + (p>>16&0xff)*grayB + grayRound) >> grayShift)
		dst[x] = v
		hist[v]++
	}
}

// HistogramOf counts the pixels of g. When mask is not nil (it must have g's size), only pixels
// whose mask value is non-zero count.
func HistogramOf(g *image.Gray, mask *image.Gray) Histogram {
	var hist Histogram
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		if mask == nil {
			for _, v := range row {
				hist[v]++
			}
			continue
		}
		mrow := mask.Pix[y*mask.Stride : y*mask.Stride+w]
		for x, v := range row {
			if mrow[x] != 0 {
				hist[v]++
			}
		}
	}
	return hist
}
