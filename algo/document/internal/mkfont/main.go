// Command mkfont turns the printable ASCII glyphs (32–126) of an X11 PCF bitmap font into the Go
// table the document generator draws with. It reads the font's metrics, bitmaps and encodings
// tables (the PCF layout as documented with X.Org's libXfont, pcfread.c) and writes a Go file:
// one record per glyph and every glyph's pixels packed into one string, row-major, most
// significant bit first.
//
//	apt-get download xfonts-100dpi && dpkg-deb -x xfonts-100dpi_*.deb x
//	go run ./algo/document/internal/mkfont -name charter -o algo/document/font_charter.go \
//	    x/usr/share/fonts/X11/100dpi/charR18.pcf.gz
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"path/filepath"
	"strings"
)

const (
	pcfProperties      = 1 << 0
	pcfAccelerators    = 1 << 1
	pcfMetrics         = 1 << 2
	pcfBitmaps         = 1 << 3
	pcfBDFEncodings    = 1 << 5
	pcfBDFAccelerators = 1 << 8

	pcfByteMSB           = 1 << 2
	pcfBitMSB            = 1 << 3
	pcfCompressedMetrics = 0x100
)

type metric struct{ lsb, rsb, width, ascent, descent int }

type table struct {
	format int
	data   []byte
}

// reader walks a table's data in the byte order its format names.
type reader struct {
	b   []byte
	bo  binary.ByteOrder
	err error
}

func (r *reader) n(k int) []byte {
	if r.err != nil || len(r.b) < k {
		r.err = errors.New("table too short")
		return make([]byte, k)
	}
	p := r.b[:k]
	r.b = r.b[k:]
	return p
}
func (r *reader) i32() int { return int(int32(r.bo.Uint32(r.n(4)))) }
func (r *reader) i16() int { return int(int16(r.bo.Uint16(r.n(2)))) }
func (r *reader) u16() int { return int(r.bo.Uint16(r.n(2))) }
func (r *reader) u8() int  { return int(r.n(1)[0]) }

func open(t table) *reader {
	var bo binary.ByteOrder = binary.LittleEndian
	if t.format&pcfByteMSB != 0 {
		bo = binary.BigEndian
	}
	return &reader{b: t.data[4:], bo: bo} // the format word itself is always little-endian
}

func readTables(b []byte) (map[int]table, error) {
	if len(b) < 8 || string(b[:4]) != "\x01fcp" {
		return nil, errors.New("not a PCF file")
	}
	n := int(binary.LittleEndian.Uint32(b[4:]))
	if n < 0 || 8+16*n > len(b) {
		return nil, errors.New("bad table count")
	}
	tables := map[int]table{}
	for i := 0; i < n; i++ {
		e := b[8+16*i:]
		typ := int(binary.LittleEndian.Uint32(e))
		format := int(binary.LittleEndian.Uint32(e[4:]))
		size := int(binary.LittleEndian.Uint32(e[8:]))
		off := int(binary.LittleEndian.Uint32(e[12:]))
		if off < 0 || off+4 > len(b) {
			return nil, fmt.Errorf("table %#x out of the file", typ)
		}
		size = min(size, len(b)-off) // some writers round the last table's size up
		tables[typ] = table{format: format, data: b[off : off+size]}
	}
	return tables, nil
}

func readMetrics(t table) ([]metric, error) {
	r := open(t)
	var ms []metric
	if t.format&0xffffff00 == pcfCompressedMetrics {
		n := r.i16()
		for i := 0; i < n; i++ {
			ms = append(ms, metric{r.u8() - 0x80, r.u8() - 0x80, r.u8() - 0x80, r.u8() - 0x80, r.u8() - 0x80})
		}
	} else {
		n := r.i32()
		for i := 0; i < n; i++ {
			ms = append(ms, metric{r.i16(), r.i16(), r.i16(), r.i16(), r.i16()})
			r.u16() // attributes
		}
	}
	return ms, r.err
}

// readGlyph returns the glyph's pixels, row-major, one bool per pixel.
func readGlyph(t table, offsets []int, data []byte, i int, m metric) ([]bool, error) {
	w, h := m.rsb-m.lsb, m.ascent+m.descent
	pad := 1 << (t.format & 3)
	unit := 1 << ((t.format >> 4) & 3)
	bitMSB := t.format&pcfBitMSB != 0
	byteMSB := t.format&pcfByteMSB != 0
	stride := (w + 8*pad - 1) / (8 * pad) * pad
	if offsets[i]+stride*h > len(data) {
		return nil, fmt.Errorf("glyph %d's bitmap out of the table", i)
	}
	src := append([]byte(nil), data[offsets[i]:offsets[i]+stride*h]...)
	if unit > 1 && byteMSB != bitMSB { // bytes within a scan unit are in the other order
		for k := 0; k+unit <= len(src); k += unit {
			for a, b := k, k+unit-1; a < b; a, b = a+1, b-1 {
				src[a], src[b] = src[b], src[a]
			}
		}
	}
	px := make([]bool, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			b := src[y*stride+x/8]
			bit := uint(x % 8)
			if bitMSB {
				bit = 7 - bit
			}
			px[y*w+x] = b>>bit&1 != 0
		}
	}
	return px, nil
}

func run(path, name, out string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return err
		}
		if raw, err = io.ReadAll(z); err != nil {
			return err
		}
	}
	tables, err := readTables(raw)
	if err != nil {
		return err
	}
	for _, typ := range []int{pcfMetrics, pcfBitmaps, pcfBDFEncodings} {
		if _, ok := tables[typ]; !ok {
			return fmt.Errorf("no table %#x", typ)
		}
	}
	ms, err := readMetrics(tables[pcfMetrics])
	if err != nil {
		return err
	}
	bt := tables[pcfBitmaps]
	br := open(bt)
	nb := br.i32()
	offsets := make([]int, nb)
	for i := range offsets {
		offsets[i] = br.i32()
	}
	var sizes [4]int
	for i := range sizes {
		sizes[i] = br.i32()
	}
	if br.err != nil || len(br.b) < sizes[bt.format&3] {
		return errors.New("bitmaps table too short")
	}
	data := br.b[:sizes[bt.format&3]]

	er := open(tables[pcfBDFEncodings])
	min2, max2, min1, max1 := er.i16(), er.i16(), er.i16(), er.i16()
	er.i16() // default char
	if min1 != 0 || max1 != 0 {
		return errors.New("a two-byte encoding: not a font for ASCII")
	}
	index := make([]int, max2-min2+1)
	for i := range index {
		index[i] = er.u16()
	}
	if er.err != nil {
		return er.err
	}

	ascent, descent := 0, 0
	for _, typ := range []int{pcfBDFAccelerators, pcfAccelerators} {
		if t, ok := tables[typ]; ok {
			r := open(t)
			r.n(8) // flags and padding
			ascent, descent = r.i32(), r.i32()
			if r.err != nil {
				return r.err
			}
			break
		}
	}

	var bits []byte
	nbits := 0
	var recs strings.Builder
	for c := 32; c <= 126; c++ {
		gi := 0xffff
		if c >= min2 && c <= max2 {
			gi = index[c-min2]
		}
		if gi == 0xffff || gi >= len(ms) || gi >= nb {
			return fmt.Errorf("no glyph for %q", rune(c))
		}
		m := ms[gi]
		px, err := readGlyph(bt, offsets, data, gi, m)
		if err != nil {
			return err
		}
		fmt.Fprintf(&recs, "\t{%d, %d, %d, %d, %d, %d}, // %q\n", m.width, m.lsb, m.ascent, m.rsb-m.lsb, m.ascent+m.descent, nbits, rune(c))
		for _, on := range px {
			if nbits%8 == 0 {
				bits = append(bits, 0)
			}
			if on {
				bits[nbits/8] |= 0x80 >> (nbits % 8)
			}
			nbits++
		}
	}
	var lit strings.Builder
	for i, b := range bits {
		if i%32 == 0 {
			if i > 0 {
				lit.WriteString("\" +\n\t\"")
			} else {
				lit.WriteString("\"")
			}
		}
		fmt.Fprintf(&lit, "\\x%02x", b)
	}
	lit.WriteString("\"")

	var src bytes.Buffer
	fmt.Fprintf(&src, "// Code generated by mkfont from %s; DO NOT EDIT.\n\n", filepath.Base(path))
	fmt.Fprintf(&src, "package document\n\n")
	fmt.Fprintf(&src, "// %s is the printable ASCII of %s (see FONT-LICENSE): ascent %d, descent %d pixels.\n", name, filepath.Base(path), ascent, descent)
	fmt.Fprintf(&src, "var %s = bitmapFont{\n\tascent: %d,\n\tdescent: %d,\n\tglyphs: [95]glyph{\n%s\t},\n\tbits: %s,\n}\n", name, ascent, descent, recs.String(), lit.String())
	formatted, err := format.Source(src.Bytes())
	if err != nil {
		return err
	}
	return os.WriteFile(out, formatted, 0o644)
}

func main() {
	name := flag.String("name", "charter", "the Go variable's name")
	out := flag.String("o", "font.go", "the Go file to write")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: mkfont [-name NAME] [-o FILE.go] FONT.pcf[.gz]")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *name, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mkfont:", err)
		os.Exit(1)
	}
}
