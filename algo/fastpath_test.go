package algo

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// The word-at-a-time fast paths against the plain definitions they must equal: a test of equality
// on every length around the word boundaries, and a benchmark pair for each, so that a fast path
// that stops paying shows as a ratio in one run.

func fastpathRow(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 3))
	b := make([]byte, n)
	for i := range b {
		b[i] = uint8(r.Uint32())
	}
	return b
}

func TestGrayRowFastIsGrayRow(t *testing.T) {
	if !littleEndian {
		t.Skip("the fast path runs on little-endian machines only")
	}
	for n := 0; n < 70; n++ {
		src := fastpathRow(4*n, uint64(n))
		want, got := make([]byte, n), make([]byte, n)
		var wantHist [256]uint32
		var parts [4][256]uint32
		grayRow(want, src, &wantHist)
		x := grayRowFast(got, src, &parts)
		var tail [256]uint32
		grayRow(got[x:], src[4*x:], &tail)
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("n %d: pixel %d is %d, the definition %d", n, i, got[i], want[i])
			}
		}
		for v := range wantHist {
			if c := parts[0][v] + parts[1][v] + parts[2][v] + parts[3][v] + tail[v]; c != wantHist[v] {
				t.Fatalf("n %d: %d pixels of value %d, the definition %d", n, c, v, wantHist[v])
			}
		}
	}
}

// writeRowPlain is WriteRGBA's definition for one row: one table lookup and one 32-bit store a pixel.
func writeRowPlain(dst, g []byte, words *[256]uint32) {
	for x, v := range g {
		binary.LittleEndian.PutUint32(dst[4*x:], words[v])
	}
}

func TestWriteRowFastIsPlain(t *testing.T) {
	if !littleEndian {
		t.Skip("the fast path runs on little-endian machines only")
	}
	var words [256]uint32
	for v := range words {
		words[v] = uint32(255-v)*0x010101 | 0xff000000
	}
	for n := 0; n < 70; n++ {
		g := fastpathRow(n, uint64(100+n))
		want, got := make([]byte, 4*n), make([]byte, 4*n)
		writeRowPlain(want, g, &words)
		x := writeRowFast(got, g, &words)
		writeRowPlain(got[4*x:], g[x:], &words)
		if string(got) != string(want) {
			t.Fatalf("n %d: the fast row differs from the definition", n)
		}
	}
}

const fastpathBenchWidth = 4000 // one row of a 12 MP picture

func BenchmarkGrayRow(b *testing.B) {
	src := fastpathRow(4*fastpathBenchWidth, 1)
	dst := make([]byte, fastpathBenchWidth)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.Run("copy", func(b *testing.B) {
		cp := make([]byte, len(src))
		for b.Loop() {
			copy(cp, src)
		}
	})
	b.Run("plain", func(b *testing.B) {
		var hist [256]uint32
		for b.Loop() {
			grayRow(dst, src, &hist)
		}
	})
	if !littleEndian {
		return
	}
	b.Run("fast", func(b *testing.B) {
		var hist [4][256]uint32
		for b.Loop() {
			grayRowFast(dst, src, &hist)
		}
	})
}

func BenchmarkWriteRow(b *testing.B) {
	g := fastpathRow(fastpathBenchWidth, 2)
	dst := make([]byte, 4*fastpathBenchWidth)
	var words [256]uint32
	for v := range words {
		words[v] = uint32(v)*0x010101 | 0xff000000
	}
	b.SetBytes(int64(len(dst)))
	b.ReportAllocs()
	b.Run("copy", func(b *testing.B) {
		src := make([]byte, len(dst))
		for b.Loop() {
			copy(dst, src)
		}
	})
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			writeRowPlain(dst, g, &words)
		}
	})
	if !littleEndian {
		return
	}
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			writeRowFast(dst, g, &words)
		}
	})
	b.Run("step", func(b *testing.B) { // a binary output at level 127
		var s step
		for v := range words {
			words[v] = 0xff000000
			if v > 127 {
				words[v] = 0xffffffff
			}
		}
		stepWords(&words, &s)
		for b.Loop() {
			stepRowFast(dst, g, &s)
		}
	})
}

// TestStepRowFastIsPlain: every two-level LUT (each level t, both orders, any two words) is written
// as the definition writes it, and a LUT that is not a step is not taken for one.
func TestStepRowFastIsPlain(t *testing.T) {
	if !littleEndian {
		t.Skip("the fast path runs on little-endian machines only")
	}
	pairs := [][2]uint32{{0xff000000, 0xffffffff}, {0xffffffff, 0xff000000}, {0xff000000, 0xff7f7f7f}, {0xff101010, 0xff000000}}
	for _, lh := range pairs {
		for level := 0; level < 255; level++ {
			var words [256]uint32
			for v := range words {
				words[v] = lh[0]
				if v > level {
					words[v] = lh[1]
				}
			}
			var s step
			if !stepWords(&words, &s) || int(s.t) != level {
				t.Fatalf("words %x above %d: not found as a step (found %v, t %d)", lh, level, stepWords(&words, &s), s.t)
			}
			for _, n := range []int{0, 15, 16, 33, 4000} {
				g := fastpathRow(n, uint64(level*7+n))
				for i := range g { // every gray value near the level, and the extremes
					switch i % 5 {
					case 0:
						g[i] = uint8(level)
					case 1:
						g[i] = uint8(level + 1)
					case 2:
						g[i] = uint8(i % 2 * 255)
					}
				}
				want, got := make([]byte, 4*n), make([]byte, 4*n)
				writeRowPlain(want, g, &words)
				x := stepRowFast(got, g, &s)
				writeRowPlain(got[4*x:], g[x:], &words)
				if string(got) != string(want) {
					t.Fatalf("words %x above %d, n %d: the step row differs from the definition", lh, level, n)
				}
			}
		}
	}
	var s step
	var words [256]uint32
	if stepWords(&words, &s) {
		t.Error("a constant LUT was taken for a step")
	}
	for v := range words {
		words[v] = uint32(v / 100)
	}
	if stepWords(&words, &s) {
		t.Error("a three-level LUT was taken for a step")
	}
}
