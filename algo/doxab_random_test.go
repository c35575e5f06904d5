package algo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Random goldens for DoxaOtsu, AdOtsu, AdOtsuMS and Bataineh: small pictures of every shape (1×1,
// one row, one column, smaller than the window, odd and even sides) and kind, random parameters
// within what Doxa defines, and what Doxa's reference program `doxaref` gave on them, stored in
// testdata/doxa/b/random.txt.gz (see the README there for how it was made).
//
// The file is a gzipped text of cases, three lines each:
//
//	case METHOD WxH [key=value ...]    METHOD: otsu-level, adotsu, adotsums or bataineh
//	gray HEX                           the picture, row-major, one byte a pixel
//	want N | HEX                       otsu-level: Doxa's level; otherwise Doxa's picture,
//	                                   row-major, one bit a pixel (1 = white), first pixel in the
//	                                   top bit, padded to a whole byte at the end
const doxabRandomFile = "random.txt.gz"

type doxabCase struct {
	method string
	params []string // key=value, as doxaref takes them
	gray   *image.Gray
	level  int    // otsu-level
	bits   []byte // the others
}

func (c *doxabCase) String() string {
	return fmt.Sprintf("%s %dx%d %s", c.method, c.gray.Rect.Dx(), c.gray.Rect.Dy(), strings.Join(c.params, " "))
}

// param returns the value of key (as doxaref parses it: a number with '.', 'e' or 'E' is a
// double, else an integer), and whether it is given.
func (c *doxabCase) param(key string) (float64, bool) {
	for _, kv := range c.params {
		k, v, _ := strings.Cut(kv, "=")
		if k != key {
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			panic(fmt.Sprintf("%v: %s", c, kv))
		}
		return f, true
	}
	return 0, false
}

// run applies limen's function to the case and returns its binary picture as packed bits (1 where
// v > level: white), or for otsu-level the level.
func (c *doxabCase) run() (int, []byte) {
	g := c.gray
	if c.method == "otsu-level" {
		hist := HistogramOf(g, nil)
		return DoxaOtsu(&hist), nil
	}
	lm := NewLevelMap(g.Rect)
	get := func(key string, def float64) float64 {
		if v, ok := c.param(key); ok {
			return v
		}
		return def
	}
	switch c.method {
	case "adotsu", "adotsums":
		window, k, r := int(get("window", 75)), get("k", 1), get("R", 0.1)
		distance := int(get("distance", -1))
		if c.method == "adotsu" {
			AdOtsu(lm, g, window, k, r, distance)
		} else {
			AdOtsuMS(lm, g, window, k, r, distance)
		}
	case "bataineh":
		Bataineh(lm, g)
	default:
		panic("unknown method " + c.method)
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	bits := make([]byte, (w*h+7)/8)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if int(g.Pix[y*g.Stride+x]) > int(lm.L[y*lm.Stride+x]) {
				i := y*w + x
				bits[i/8] |= 0x80 >> (i % 8)
			}
		}
	}
	return 0, bits
}

// check compares limen with the case's reference and describes the difference ("" when none).
func (c *doxabCase) check() string {
	level, bits := c.run()
	if c.method == "otsu-level" {
		if level != c.level {
			return fmt.Sprintf("%v: level %d, Doxa %d", c, level, c.level)
		}
		return ""
	}
	bad, first := 0, -1
	for i := 0; i < c.gray.Rect.Dx()*c.gray.Rect.Dy(); i++ {
		m := byte(0x80 >> (i % 8))
		if bits[i/8]&m != c.bits[i/8]&m {
			if first < 0 {
				first = i
			}
			bad++
		}
	}
	if bad == 0 {
		return ""
	}
	w := c.gray.Rect.Dx()
	return fmt.Sprintf("%v: %d pixels differ, first at (%d,%d) v %d", c, bad, first%w, first/w, c.gray.Pix[first])
}

func readDoxabCases(t testing.TB) []*doxabCase {
	t.Helper()
	f, err := os.Open(filepath.Join(doxabDir, doxabRandomFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var cases []*doxabCase
	var c *doxabCase
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		bad := func(err any) { t.Fatalf("%s line %d: %v", doxabRandomFile, line, err) }
		switch fields[0] {
		case "case":
			var w, h int
			if len(fields) < 3 {
				bad("short case line")
			}
			if _, err := fmt.Sscanf(fields[2], "%dx%d", &w, &h); err != nil {
				bad(err)
			}
			c = &doxabCase{method: fields[1], params: fields[3:], gray: image.NewGray(image.Rect(0, 0, w, h))}
		case "gray":
			b, err := hex.DecodeString(fields[1])
			if err != nil || c == nil || len(b) != len(c.gray.Pix) {
				bad(fmt.Sprintf("gray: %v", err))
			}
			copy(c.gray.Pix, b)
		case "want":
			if c == nil {
				bad("want without case")
			}
			if c.method == "otsu-level" {
				if c.level, err = strconv.Atoi(fields[1]); err != nil {
					bad(err)
				}
			} else if c.bits, err = hex.DecodeString(fields[1]); err != nil || len(c.bits) != (len(c.gray.Pix)+7)/8 {
				bad(fmt.Sprintf("want: %v", err))
			}
			cases = append(cases, c)
			c = nil
		default:
			bad("unknown line " + fields[0])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestDoxaRandomGoldens runs every stored random case with tolerance 0.
func TestDoxaRandomGoldens(t *testing.T) {
	cases := readDoxabCases(t)
	count := map[string]int{}
	failures := 0
	for _, c := range cases {
		if msg := c.check(); msg != "" {
			t.Error(msg)
			if failures++; failures == 10 {
				t.Fatal("stopping after 10 failures")
			}
		}
		count[c.method]++
	}
	t.Logf("checked %v", count)
	for _, m := range []string{"otsu-level", "adotsu", "adotsums", "bataineh"} {
		if count[m] < 50 {
			t.Errorf("%d %s cases, want 50 at least", count[m], m)
		}
	}
}

// The random cases: picture kinds and sizes, and parameters within what Doxa defines (see each).
const doxabSeed = 20260220

func doxabPicture(rng *rand.Rand, w, h int) (*image.Gray, string) {
	g := image.NewGray(image.Rect(0, 0, w, h))
	kinds := []string{"noise", "levels", "gradient", "strokes", "constant", "narrow"}
	kind := kinds[rng.IntN(len(kinds))]
	if rng.IntN(12) == 0 {
		kind = "constant"
	}
	levels := []int{rng.IntN(256), rng.IntN(256), rng.IntN(256), rng.IntN(256)}
	nl := 2 + rng.IntN(3)
	base, span := rng.IntN(246), 1+rng.IntN(10)
	fx, fy := rng.Float64()*4-2, rng.Float64()*4-2
	bg, ink := 150+rng.IntN(90), rng.IntN(120)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var v int
			switch kind {
			case "noise":
				v = rng.IntN(256)
			case "levels":
				v = levels[rng.IntN(nl)]
			case "gradient":
				v = 128 + int(fx*float64(x)+fy*float64(y)) + rng.IntN(21) - 10
			case "strokes":
				v = bg + int(fx*float64(x)) + rng.IntN(15) - 7
				if (x/2+y/3)%5 == 0 && rng.IntN(4) != 0 {
					v = ink + rng.IntN(25)
				}
			case "constant":
				v = levels[0]
			case "narrow":
				v = base + rng.IntN(span)
			}
			g.Pix[y*g.Stride+x] = uint8(min(max(v, 0), 255))
		}
	}
	return g, kind
}

// doxabSide returns a random side: often tiny (1, 2, 3), mostly small, sometimes up to most.
func doxabSide(rng *rand.Rand, most int) int {
	switch rng.IntN(6) {
	case 0:
		return 1 + rng.IntN(3)
	case 1:
		return 1 + rng.IntN(most)
	}
	return 4 + rng.IntN(min(40, most-3))
}

func doxabDecimal(rng *rand.Rand, lo, hi float64) string {
	return strconv.FormatFloat(lo+rng.Float64()*(hi-lo), 'f', 3, 64)
}

// doxabRandomCase draws case i. Doxa's limits respected: AdOtsu's grid stores 0.5 + k·level in a
// byte, so k stays in [0, 1] there; AdOtsu-MS's erosion from side 17 on needs the picture to hold
// the filter; Bataineh's pictures must give primary windows of at least one pixel (checked by the
// caller: Doxa never returns otherwise).
func doxabRandomCase(rng *rand.Rand, i int) *doxabCase {
	c := &doxabCase{}
	switch i % 10 {
	case 0, 9:
		c.method = "otsu-level"
		c.gray, _ = doxabPicture(rng, doxabSide(rng, 64), doxabSide(rng, 64))
	case 1, 2: // per pixel: distance 0 or 1; any k
		c.method = "adotsu"
		c.gray, _ = doxabPicture(rng, doxabSide(rng, 48), doxabSide(rng, 48))
		c.params = []string{"window=" + strconv.Itoa(1+rng.IntN(30)), "k=" + doxabDecimal(rng, -0.5, 1.6),
			"R=" + doxabDecimal(rng, 0.01, 2), "distance=" + strconv.Itoa(rng.IntN(2))}
	case 3, 4: // grid
		c.method = "adotsu"
		c.gray, _ = doxabPicture(rng, doxabSide(rng, 64), doxabSide(rng, 64))
		window := 1 + rng.IntN(40)
		c.params = []string{"window=" + strconv.Itoa(window), "k=" + doxabDecimal(rng, 0, 1),
			"R=" + doxabDecimal(rng, 0.01, 2)}
		if rng.IntN(4) != 0 {
			c.params = append(c.params, "distance="+strconv.Itoa(2+rng.IntN(2*window+2)))
		}
	case 5, 6:
		c.method = "adotsums"
		for {
			c.gray, _ = doxabPicture(rng, doxabSide(rng, 64), doxabSide(rng, 64))
			window := 1 + rng.IntN(80)
			c.params = []string{"window=" + strconv.Itoa(window), "k=" + doxabDecimal(rng, 0.05, 1),
				"R=" + doxabDecimal(rng, 0.01, 2)}
			switch rng.IntN(3) {
			case 0:
				c.params = append(c.params, "distance="+strconv.Itoa(rng.IntN(2)))
			case 1:
				c.params = append(c.params, "distance="+strconv.Itoa(2+rng.IntN(20)))
			}
			if doxabErosionFits(window, min(c.gray.Rect.Dx(), c.gray.Rect.Dy())) {
				break
			}
		}
	case 7, 8:
		c.method = "bataineh"
		w, h := 1+rng.IntN(100), 1+rng.IntN(80)
		if rng.IntN(3) == 0 {
			w, h = 40+rng.IntN(60), 30+rng.IntN(50)
		}
		c.gray, _ = doxabPicture(rng, w, h)
	}
	return c
}

// doxabErosionFits reports whether every erosion AdOtsu-MS makes from window fits a picture whose
// smaller side is side: Doxa's sorted-set filter (sides 17 and up) reads outside a narrower one.
func doxabErosionFits(window, side int) bool {
	fits := func(s int) bool { return s < 17 || 2*((s-1)/2)+1 <= side }
	if !fits(window / 4) {
		return false
	}
	for s := window / 2; s >= 9 && s/2 >= 9; s /= 2 {
		if !fits(s / 4) {
			return false
		}
	}
	return true
}

// doxabNeverReturns reports whether Doxa's Bataineh would loop forever on g: a primary window side
// of 0 (Bataineh above falls back to its global rule there).
func doxabNeverReturns(g *image.Gray) bool {
	gl := batainehSetup(g)
	return gl.ww == 0 || gl.wh == 0
}

// doxaref runs the reference program on the case and fills in its answer. ok is false when Doxa
// did not return within the timeout.
func doxaref(t testing.TB, exe, dir string, c *doxabCase, timeout time.Duration) (ok bool) {
	t.Helper()
	in := filepath.Join(dir, "in.png")
	out := filepath.Join(dir, "out.png")
	var buf bytes.Buffer
	if err := png.Encode(&buf, c.gray); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var cmd *exec.Cmd
	if c.method == "otsu-level" {
		cmd = exec.CommandContext(ctx, exe, "otsu-level", in)
	} else {
		cmd = exec.CommandContext(ctx, exe, append([]string{"bin", c.method, in, out}, c.params...)...)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if ctx.Err() != nil {
		return false
	}
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("%v: doxaref: %v %s", c, err, stderr.String())
	}
	if c.method == "otsu-level" {
		if c.level, err = strconv.Atoi(strings.TrimSpace(string(stdout))); err != nil {
			t.Fatal(err)
		}
		return true
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	g, isGray := img.(*image.Gray)
	if !isGray || g.Rect != c.gray.Rect {
		t.Fatalf("%v: doxaref gave %T %v", c, img, img.Bounds())
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	c.bits = make([]byte, (w*h+7)/8)
	for i := 0; i < w*h; i++ {
		switch g.Pix[i/w*g.Stride+i%w] {
		case 255:
			c.bits[i/8] |= 0x80 >> (i % 8)
		case 0:
		default:
			t.Fatalf("%v: doxaref gave a value other than 0 and 255", c)
		}
	}
	return true
}

// TestDoxaRef is the randomized differential test against Doxa itself (opt-in: LIMEN_DOXAREF=path
// of the oracle's doxaref, which this repository does not hold). LIMEN_SEED and LIMEN_DOXA_N pick
// the seed and the number of cases (default: doxabSeed, 400). With LIMEN_DOXA_WRITE=1 it writes
// the cases to testdata/doxa/b/random.txt.gz instead of comparing: that is how the file was made.
// Bataineh's pictures on which Doxa never returns are not stored; the first few are run to confirm
// that Doxa does not return within a few seconds.
func TestDoxaRef(t *testing.T) {
	exe := os.Getenv("LIMEN_DOXAREF")
	if exe == "" {
		t.Skip("LIMEN_DOXAREF is not set (the path of the oracle's doxaref)")
	}
	seed, n := uint64(doxabSeed), 400
	if v := os.Getenv("LIMEN_SEED"); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatal(err)
		}
	}
	if v := os.Getenv("LIMEN_DOXA_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatal(err)
		}
	}
	write := os.Getenv("LIMEN_DOXA_WRITE") == "1"
	rng := rand.New(rand.NewPCG(seed, 0x646f7861))
	dir := t.TempDir()
	var file bytes.Buffer
	fmt.Fprintf(&file, "# made by TestDoxaRef (doxab_random_test.go), seed %d, %d cases drawn, with doxaref of Doxa 0bf9953\n", seed, n)
	count, hangs, confirmed, failures := map[string]int{}, 0, 0, 0
	for i := 0; i < n && failures < 10; i++ {
		c := doxabRandomCase(rng, i)
		if c.method == "bataineh" && doxabNeverReturns(c.gray) {
			hangs++
			if confirmed < 3 {
				if doxaref(t, exe, dir, c, 3*time.Second) {
					t.Fatalf("%v: Doxa returned where it should loop forever", c)
				}
				confirmed++
			}
			continue
		}
		if !doxaref(t, exe, dir, c, time.Minute) {
			t.Fatalf("%v: doxaref did not return", c)
		}
		count[c.method]++
		if write {
			fmt.Fprintf(&file, "case %s %dx%d %s\ngray %x\n", c.method, c.gray.Rect.Dx(), c.gray.Rect.Dy(), strings.Join(c.params, " "), c.gray.Pix)
			if c.method == "otsu-level" {
				fmt.Fprintf(&file, "want %d\n", c.level)
			} else {
				fmt.Fprintf(&file, "want %x\n", c.bits)
			}
			continue
		}
		if msg := c.check(); msg != "" {
			t.Error(msg)
			failures++
		}
	}
	t.Logf("seed %d: %v; Bataineh pictures where Doxa never returns: %d (%d confirmed)", seed, count, hangs, confirmed)
	if write {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(file.Bytes())
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(doxabDir, doxabRandomFile), gz.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
