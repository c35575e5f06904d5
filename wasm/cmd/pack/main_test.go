//go:build !js

package main

import (
	"bytes"
	"compress/gzip"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// memory is the linear memory the module's data segments leave at instantiation.
func memory(t *testing.T, module []byte) []byte {
	t.Helper()
	var data []byte
	for p := 8; p < len(module); {
		size, n, err := uleb(module[p+1:])
		if err != nil {
			t.Fatal(err)
		}
		if module[p] == 11 {
			data = module[p+1+n : p+1+n+int(size)]
		}
		p += 1 + n + int(size)
	}
	segs, err := readData(data)
	if err != nil {
		t.Fatal(err)
	}
	var mem []byte
	for _, s := range segs {
		end := int(s.offset) + len(s.data)
		if end > len(mem) {
			mem = append(mem, make([]byte, end-len(mem))...)
		}
		copy(mem[s.offset:], s.data)
	}
	return mem
}

// module makes a wasm module with a memory section, a data count section (optionally) and an
// active data segment for each of segs.
func module(segs []segment, withCount bool) []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	b = append(b, 5, 3, 1, 0, 64) // memory: one, min 64 pages
	if withCount {
		c := appendUleb(nil, uint32(len(segs)))
		b = append(b, 12, byte(len(c)))
		b = append(b, c...)
	}
	d := writeData(segs)
	b = append(b, 11)
	b = appendUleb(b, uint32(len(d)))
	return append(b, d...)
}

func TestPackKeepsMemory(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 200; trial++ {
		var segs []segment
		off := uint32(rng.Intn(100))
		for i := rng.Intn(40); i >= 0; i-- {
			data := make([]byte, 1+rng.Intn(30))
			rng.Read(data)
			segs = append(segs, segment{off, data})
			off += uint32(len(data)) + uint32(rng.Intn(3)*rng.Intn(6000))
		}
		rng.Shuffle(len(segs), func(i, j int) { segs[i], segs[j] = segs[j], segs[i] })
		in := module(segs, trial%2 == 0)
		out, before, after, err := Pack(in, MaxGap)
		if err != nil {
			t.Fatal(err)
		}
		if before != len(segs) || after > before || after < 1 {
			t.Fatalf("segments %d → %d, from %d", before, after, len(segs))
		}
		if !bytes.Equal(memory(t, in), memory(t, out)) {
			t.Fatalf("trial %d: the packed module starts with other memory", trial)
		}
		if trial%2 == 0 { // the data count section follows the data section
			if got, _, _ := uleb(out[8+5+2:]); int(got) != after {
				t.Fatalf("data count %d, want %d", got, after)
			}
		}
		// Packing again changes nothing.
		again, _, _, err := Pack(out, MaxGap)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("packing twice differs (%v)", err)
		}
	}
}

func TestPackMergesOnlySmallGaps(t *testing.T) {
	segs := []segment{{0, []byte{1}}, {10, []byte{2}}, {10 + 1 + MaxGap, []byte{3}}, {20000, []byte{4}}}
	_, before, after, err := Pack(module(segs, false), MaxGap)
	if err != nil {
		t.Fatal(err)
	}
	if before != 4 || after != 2 {
		t.Fatalf("%d segments → %d, want 4 → 2", before, after)
	}
}

func TestPackRefuses(t *testing.T) {
	for name, m := range map[string][]byte{
		"not wasm":  []byte("hello, world"),
		"overlap":   module([]segment{{0, []byte{1, 2, 3}}, {2, []byte{9}}}, false),
		"passive":   append([]byte("\x00asm\x01\x00\x00\x00"), 11, 4, 1, 1, 1, 7),
		"truncated": module([]segment{{0, []byte{1, 2, 3}}}, false)[:20],
	} {
		if _, _, _, err := Pack(m, MaxGap); err == nil {
			t.Errorf("%s: packed without an error", name)
		}
	}
}

// TestPackGoModule packs a module Go's linker wrote: the same memory, fewer segments, fewer
// gzipped bytes.
func TestPackGoModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a wasm module")
	}
	dir := t.TempDir()
	src := `package main

import "strconv"

var table = map[string]int{"a": 1, "b": 2}

func main() { println(strconv.Itoa(table["a"])) }
`
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wasm := filepath.Join(dir, "hello.wasm")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-ldflags=-s -w", "-o", wasm, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	in, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	out, before, after, err := Pack(in, MaxGap)
	if err != nil {
		t.Fatal(err)
	}
	if before < 1000 || after > 20 {
		t.Errorf("%d segments → %d: Go's linker wrote fewer segments than expected, or pack merged few", before, after)
	}
	if !bytes.Equal(memory(t, in), memory(t, out)) {
		t.Fatal("the packed module starts with other memory")
	}
	gz := func(b []byte) int {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		w.Write(b)
		w.Close()
		return buf.Len()
	}
	if a, b := gz(in), gz(out); b >= a {
		t.Errorf("gzipped %d bytes before packing, %d after", a, b)
	} else {
		t.Logf("%d segments → %d; gzipped %d → %d bytes", before, after, a, b)
	}
}
