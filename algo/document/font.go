package document

// glyph is one character of a bitmap font: its advance, its box's offset from the pen (left
// side bearing, rows above the baseline), its size, and where its pixels start in bitmapFont.bits.
type glyph struct {
	advance, lsb, ascent, w, h, bit int
}

// bitmapFont is printable ASCII (32–126) of a bitmap font, made by internal/mkfont: every glyph's
// pixels packed row-major into bits, most significant bit first.
type bitmapFont struct {
	ascent, descent int
	glyphs          [95]glyph
	bits            string
}

// glyphOf returns the glyph of byte c; anything outside printable ASCII draws as '?'.
func (f *bitmapFont) glyphOf(c byte) *glyph {
	if c < 32 || c > 126 {
		c = '?'
	}
	return &f.glyphs[c-32]
}

// on reports whether pixel (x, y) of glyph g is ink.
func (f *bitmapFont) on(g *glyph, x, y int) bool {
	i := g.bit + y*g.w + x
	return f.bits[i>>3]&(0x80>>(i&7)) != 0
}

// width is the advance of s in pixels.
func (f *bitmapFont) width(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n += f.glyphOf(s[i]).advance
	}
	return n
}
