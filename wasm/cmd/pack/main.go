//go:build !js

// Command pack rewrites a wasm module so that it compresses better, changing nothing it does
// (./build.sh build runs it on web/limen.wasm):
//
//	go run ./wasm/cmd/pack web/limen.wasm
//
// Go's linker writes the module's static data as one data segment per run of non-zero bytes,
// skipping every run of more than eight zero bytes: the smallest raw file. But the module is sent
// gzipped, and there the trade is the other way round. Each segment's header holds its memory
// offset, which deflate cannot predict, while a run of zeros costs it almost nothing. limen's
// module had about 42,000 segments; merging those less than MaxGap bytes apart (the gaps written
// as the zeros they stand for) leaves a handful and makes the gzipped module about 7 % smaller.
//
// Linear memory starts zeroed and active segments only copy bytes into it, so the merged module
// starts with the same memory, byte for byte.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
)

// MaxGap is the largest run of zeros written out to join two segments: past a few hundred
// bytes the gzipped size no longer changes, and longer runs (the ends of big tables) only make
// the raw file bigger.
const MaxGap = 4096

func main() {
	log.SetFlags(0)
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./wasm/cmd/pack FILE.wasm (rewritten in place)")
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	name := flag.Arg(0)
	in, err := os.ReadFile(name)
	if err != nil {
		log.Fatal(err)
	}
	out, before, after, err := Pack(in, MaxGap)
	if err != nil {
		log.Fatalf("pack %s: %v", name, err)
	}
	if err := os.WriteFile(name, out, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("packed %s: %d data segments into %d\n", name, before, after)
}

// segment is an active data segment of memory 0 with a constant offset: the only kind Go writes.
type segment struct {
	offset uint32
	data   []byte
}

// Pack returns the module with its data segments less than maxGap bytes apart merged, and the
// numbers of segments before and after. A module with no data section is returned as it is; one
// whose segments are of another kind (passive, another memory, a computed offset) or overlap is an
// error, since merging those could change what the module does.
func Pack(module []byte, maxGap int) (out []byte, before, after int, err error) {
	if len(module) < 8 || !bytes.Equal(module[:4], []byte("\x00asm")) {
		return nil, 0, 0, errors.New("not a wasm module")
	}
	type section struct {
		id   byte
		body []byte
	}
	var sections []section
	for p := 8; p < len(module); {
		size, n, err := uleb(module[p+1:])
		if err != nil || p+1+n+int(size) > len(module) {
			return nil, 0, 0, fmt.Errorf("section at byte %d: bad size", p)
		}
		sections = append(sections, section{module[p], module[p+1+n : p+1+n+int(size)]})
		p += 1 + n + int(size)
	}
	for i, s := range sections {
		if s.id != 11 { // data
			continue
		}
		segs, err := readData(s.body)
		if err != nil {
			return nil, 0, 0, err
		}
		merged := merge(segs, maxGap)
		before, after = len(segs), len(merged)
		sections[i].body = writeData(merged)
	}
	b := append([]byte(nil), module[:8]...)
	for _, s := range sections {
		if s.id == 12 { // data count: must match the data section
			s.body = appendUleb(nil, uint32(after))
		}
		b = append(b, s.id)
		b = appendUleb(b, uint32(len(s.body)))
		b = append(b, s.body...)
	}
	return b, before, after, nil
}

func readData(body []byte) ([]segment, error) {
	count, p, err := uleb(body)
	if err != nil {
		return nil, err
	}
	segs := make([]segment, 0, count)
	for i := uint32(0); i < count; i++ {
		// flags 0, then the offset expression (i32.const N; end), then the bytes.
		if p+2 > len(body) || body[p] != 0 || body[p+1] != 0x41 {
			return nil, fmt.Errorf("data segment %d is not an active segment of memory 0 at a constant offset", i)
		}
		off, n, err := sleb32(body[p+2:])
		if err != nil {
			return nil, fmt.Errorf("data segment %d: %v", i, err)
		}
		p += 2 + n
		if p >= len(body) || body[p] != 0x0b {
			return nil, fmt.Errorf("data segment %d: offset is not a single i32.const", i)
		}
		p++
		size, n, err := uleb(body[p:])
		if err != nil || p+n+int(size) > len(body) {
			return nil, fmt.Errorf("data segment %d: bad size", i)
		}
		p += n
		segs = append(segs, segment{offset: uint32(off), data: body[p : p+int(size)]})
		p += int(size)
	}
	if p != len(body) {
		return nil, errors.New("data section: bytes after the last segment")
	}
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].offset < segs[j].offset })
	for i := 1; i < len(segs); i++ {
		if uint64(segs[i-1].offset)+uint64(len(segs[i-1].data)) > uint64(segs[i].offset) {
			return nil, fmt.Errorf("data segments at %d and %d overlap", segs[i-1].offset, segs[i].offset)
		}
	}
	return segs, nil
}

// merge joins segments (sorted, not overlapping) whose gap is at most maxGap, writing the gap as
// zeros.
func merge(segs []segment, maxGap int) []segment {
	var out []segment
	for _, s := range segs {
		if len(out) > 0 {
			last := &out[len(out)-1]
			end := uint64(last.offset) + uint64(len(last.data))
			if gap := uint64(s.offset) - end; gap <= uint64(maxGap) {
				joined := make([]byte, 0, len(last.data)+int(gap)+len(s.data))
				joined = append(joined, last.data...)
				joined = append(joined, make([]byte, gap)...)
				last.data = append(joined, s.data...)
				continue
			}
		}
		out = append(out, segment{s.offset, s.data})
	}
	return out
}

func writeData(segs []segment) []byte {
	b := appendUleb(nil, uint32(len(segs)))
	for _, s := range segs {
		b = append(b, 0, 0x41)
		b = appendSleb32(b, int32(s.offset))
		b = append(b, 0x0b)
		b = appendUleb(b, uint32(len(s.data)))
		b = append(b, s.data...)
	}
	return b
}

func uleb(b []byte) (v uint32, n int, err error) {
	var shift uint
	for n < len(b) && n < 5 {
		c := b[n]
		n++
		v |= uint32(c&0x7f) << shift
		if c < 0x80 {
			return v, n, nil
		}
		shift += 7
	}
	return 0, 0, errors.New("bad LEB128 number")
}

func sleb32(b []byte) (v int32, n int, err error) {
	var r int64
	var shift uint
	for n < len(b) && n < 5 {
		c := b[n]
		n++
		r |= int64(c&0x7f) << shift
		shift += 7
		if c < 0x80 {
			if c&0x40 != 0 {
				r -= 1 << shift
			}
			return int32(r), n, nil
		}
	}
	return 0, 0, errors.New("bad LEB128 number")
}

func appendUleb(b []byte, v uint32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func appendSleb32(b []byte, v int32) []byte {
	x := int64(v)
	for {
		c := byte(x & 0x7f)
		x >>= 7
		if (x == 0 && c&0x40 == 0) || (x == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
