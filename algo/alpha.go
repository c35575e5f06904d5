package algo

// Transparency. limen, like OpenCV (imread drops the alpha channel) and ImageJ, ignores alpha: a
// pixel counts by its colour whatever its opacity. A picture whose transparent parts should count
// as paper or as ink is composited over an opaque background first; these are that step, for the
// page, on RGBA pixels as the browser gives them (straight colour, not premultiplied).

// HasAlpha reports whether any pixel of the RGBA pixels (4 bytes each) is less than fully opaque.
func HasAlpha(pix []byte) bool {
	for i := 3; i < len(pix); i += 4 {
		if pix[i] != 255 {
			return true
		}
	}
	return false
}

// Composite puts the RGBA pixels over an opaque background of gray level bg, in place ("source
// over", Porter & Duff, Compositing digital images, SIGGRAPH 1984): each colour channel c of alpha
// a becomes round((c·a + bg·(255 − a)) / 255) and alpha becomes 255. The quotient is never
// halfway (255 is odd), so the rounding has no ties. Over black (bg 0) this is the premultiplied
// colour round(c·a/255); over white it is that plus 255 − a, exactly.
func Composite(pix []byte, bg byte) {
	b := uint32(bg)
	for i := 0; i+3 < len(pix); i += 4 {
		a := uint32(pix[i+3])
		if a == 255 {
			continue
		}
		for k := i; k < i+3; k++ {
			pix[k] = byte((uint32(pix[k])*a + b*(255-a) + 127) / 255)
		}
		pix[i+3] = 255
	}
}
