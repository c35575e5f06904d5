package algo

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The Fiji references: testdata/fiji/cases.txt holds what Fiji's Auto Local Threshold plugin,
// compiled against ImageJ 1.53t, gives on small random images (every pixel) and on the oracle's
// images (count and SHA-256 of the output). testdata/fiji/README.md says how it was made.
const fijiCases = "testdata/fiji/cases.txt"

// fijiRun runs limen's version of a Fiji method, with Fiji's parameter 1 and 2 mapped to limen's.
func fijiRun(t testing.TB, dst *LevelMap, src *image.Gray, method string, radius int, p1, p2 float64) {
	switch method {
	case "Bernsen":
		FijiBernsen(dst, src, radius, int(p1))
	case "Contrast":
		FijiContrast(dst, src, radius)
	case "Mean":
		FijiMean(dst, src, radius, int(p1))
	case "Median":
		FijiMedian(dst, src, radius, int(p1))
	case "MidGrey":
		FijiMidGrey(dst, src, radius, int(p1))
	case "Phansalkar":
		FijiPhansalkar(dst, src, radius, p1, p2, 2, 10)
	default:
		t.Fatalf("unknown Fiji method %q", method)
	}
}

// foreground returns 1 where v > level, 0 elsewhere, row-major.
func foreground(src *image.Gray, lm *LevelMap) []byte {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	out := make([]byte, 0, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			b := byte(0)
			if int(src.Pix[y*src.Stride+x]) > int(lm.L[y*lm.Stride+x]) {
				b = 1
			}
			out = append(out, b)
		}
	}
	return out
}

// packBits packs 0/1 values 4 to a hex digit, most significant first, as FijiRef does.
func packBits(bits []byte) string {
	var sb strings.Builder
	for i := 0; i < len(bits); i += 4 {
		d := 0
		for j := 0; j < 4; j++ {
			d <<= 1
			if i+j < len(bits) && bits[i+j] == 1 {
				d |= 1
			}
		}
		sb.WriteByte("0123456789abcdef"[d])
	}
	return sb.String()
}

// grayFromHex builds a w×h image at a non-zero origin from two hex digits a pixel.
func grayFromHex(t testing.TB, w, h int, s string) *image.Gray {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != w*h {
		t.Fatalf("bad pixels %q for %d×%d", s, w, h)
	}
	g := image.NewGray(image.Rect(-3, 5, w-3, h+5))
	for y := 0; y < h; y++ {
		copy(g.Pix[y*g.Stride:], b[y*w:(y+1)*w])
	}
	return g
}

func TestFijiReference(t *testing.T) {
	f, err := os.Open(fijiCases)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	grays := map[string]*image.Gray{}
	nCase, nImage, nStats := 0, 0, 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fl := strings.Fields(line)
		radius, _ := strconv.Atoi(fl[3])
		p1, _ := strconv.ParseFloat(fl[4], 64)
		p2, _ := strconv.ParseFloat(fl[5], 64)
		w, _ := strconv.Atoi(fl[6])
		h, _ := strconv.Atoi(fl[7])
		name := fl[0] + " " + fl[1] + " " + fl[2] + " r=" + fl[3] + " " + fl[4] + " " + fl[5]
		switch fl[0] {
		case "case":
			nCase++
			src := grayFromHex(t, w, h, fl[8])
			lm := NewLevelMap(src.Rect)
			fijiRun(t, lm, src, fl[2], radius, p1, p2)
			if got := packBits(foreground(src, lm)); got != fl[9] {
				t.Errorf("%s %d×%d: got %s, Fiji %s", name, w, h, got, fl[9])
			}
		case "stats":
			nStats++
			src := grayFromHex(t, w, h, fl[8])
			var u [256]float32
			phansalkarScale(&u, src)
			var ud [256]float64
			for i, v := range u {
				ud[i] = float64(v)
			}
			s := newFijiScan(src, radius)
			means, sds := make([]float32, w), make([]float32, w)
			var gm, gs strings.Builder
			for y := 0; y < h; y++ {
				s.phansalkarRow(y, &ud, means, sds)
				for x := range means {
					fmt.Fprintf(&gm, "%08x", math.Float32bits(means[x]))
					fmt.Fprintf(&gs, "%08x", math.Float32bits(sds[x]))
				}
			}
			if gm.String() != fl[9] {
				t.Errorf("%s %d×%d: local means differ from ImageJ's", name, w, h)
			}
			if gs.String() != fl[10] {
				t.Errorf("%s %d×%d: local standard deviations differ from ImageJ's", name, w, h)
			}
		case "image":
			nImage++
			src := grays[fl[1]]
			if src == nil {
				src = oracleGray(t, fl[1])
				grays[fl[1]] = src
			}
			lm := NewLevelMap(src.Rect)
			fijiRun(t, lm, src, fl[2], radius, p1, p2)
			fg := foreground(src, lm)
			n := 0
			for i := range fg {
				n += int(fg[i])
				fg[i] *= 255
			}
			sum := sha256.Sum256(fg)
			if got := strconv.Itoa(n) + " " + hex.EncodeToString(sum[:]); got != fl[9]+" "+fl[10] {
				t.Errorf("%s: got %d foreground pixels, Fiji %s (sha256 differs)", name, n, fl[9])
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if nCase < 100 || nImage < 20 || nStats < 20 {
		t.Fatalf("only %d cases, %d images and %d statistics in %s", nCase, nImage, nStats, fijiCases)
	}
}

// fijiStyles are the kinds of random image the reference cases use: ties and flat areas matter as
// much as noise.
var fijiStyles = []func(r *rand.Rand, x, y int) uint8{
	func(r *rand.Rand, x, y int) uint8 { return uint8(r.IntN(256)) },                       // noise
	func(r *rand.Rand, x, y int) uint8 { return []uint8{0, 50, 128, 200, 255}[r.IntN(5)] }, // few values
	func(r *rand.Rand, x, y int) uint8 { return uint8(min(255, 12*x+7*y+r.IntN(20))) },     // ramp
	func(r *rand.Rand, x, y int) uint8 { return uint8(100 + r.IntN(9)) },                   // narrow range
	func(r *rand.Rand, x, y int) uint8 { return uint8(r.IntN(12)) },                        // dark
	func(r *rand.Rand, x, y int) uint8 { return uint8(255 * r.IntN(2)) },                   // binary
	func(r *rand.Rand, x, y int) uint8 { return 77 },                                       // constant
	func(r *rand.Rand, x, y int) uint8 { return []uint8{30, 77, 201}[(x/6+y/4)%3] },        // flat blocks
}

// TestFijiWriteInputs writes the input lines of testdata/fiji/cases.txt to the file named by
// LIMEN_FIJI_INPUTS (see testdata/fiji/README.md); it is skipped otherwise.
func TestFijiWriteInputs(t *testing.T) {
	path := os.Getenv("LIMEN_FIJI_INPUTS")
	if path == "" {
		t.Skip("set LIMEN_FIJI_INPUTS to write the Fiji case inputs")
	}
	var sb strings.Builder
	r := rand.New(rand.NewPCG(2026, 1))
	type m struct {
		name   string
		params [][2]float64
	}
	methods := []m{
		{"Bernsen", [][2]float64{{15, 0}, {1, 0}, {40, 0}, {100, 0}}},
		{"Contrast", [][2]float64{{0, 0}}},
		{"Mean", [][2]float64{{0, 0}, {3, 0}, {-5, 0}, {300, 0}}},
		{"Median", [][2]float64{{0, 0}, {4, 0}, {-7, 0}}},
		{"MidGrey", [][2]float64{{0, 0}, {2, 0}, {-9, 0}}},
		{"Phansalkar", [][2]float64{{0.25, 0.5}, {0.5, 0.25}, {-0.2, 0.5}, {0.1, 0.05}}},
	}
	radii := []int{0, 1, 2, 3, 4, 5, 6, 8, 15}
	id := 0
	for _, me := range methods {
		for i := 0; i < 70; i++ {
			w, h := 1+r.IntN(16), 1+r.IntN(16)
			switch i % 10 {
			case 0:
				w = 1
			case 1:
				h = 1
			case 2:
				w, h = 1, 1
			}
			style := fijiStyles[i%len(fijiStyles)]
			var px strings.Builder
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					fmt.Fprintf(&px, "%02x", style(r, x, y))
				}
			}
			p := me.params[i%len(me.params)]
			id++
			fmt.Fprintf(&sb, "case %d %s %d %g %g %d %d %s\n", id, me.name, radii[r.IntN(len(radii))], p[0], p[1], w, h, px.String())
		}
	}
	// Local σ is where RankFilters' summation order shows: in flat regions of a non-flat image the
	// true variance is 0 and the computed one a few units of rounding either side. The last cases
	// are ramps that saturate at 255 over most of their width.
	for i := 0; i < 43; i++ {
		w, h := 1+r.IntN(30), 1+r.IntN(14)
		style := fijiStyles[i%len(fijiStyles)]
		if i >= 40 {
			w, h, style = 60, 12, fijiStyles[2]
		}
		var px strings.Builder
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				fmt.Fprintf(&px, "%02x", style(r, x, y))
			}
		}
		id++
		radius := []int{0, 1, 2, 3, 5, 8, 12, 20}[i%8]
		if i >= 40 {
			radius = []int{3, 8, 20}[i-40]
		}
		fmt.Fprintf(&sb, "stats %d - %d 0 0 %d %d %s\n", id, radius, w, h, px.String())
	}
	for _, name := range []string{"camera", "coins", "text", "uneven_text", "bimodal_noise", "chelsea", "two_level", "constant", "tiny_1x7"} {
		g := oracleGray(t, name)
		px := hex.EncodeToString(g.Pix)
		w, h := g.Rect.Dx(), g.Rect.Dy()
		for _, me := range methods {
			fmt.Fprintf(&sb, "image %s %s %d %g %g %d %d %s\n", name, me.name, 15, me.params[0][0], me.params[0][1], w, h, px)
		}
		if name == "camera" || name == "uneven_text" {
			for _, me := range methods {
				p := me.params[len(me.params)-1]
				fmt.Fprintf(&sb, "image %s %s %d %g %g %d %d %s\n", name, me.name, 5, p[0], p[1], w, h, px)
				if name == "uneven_text" { // a large radius, on the smaller image (for speed)
					fmt.Fprintf(&sb, "image %s %s %d %g %g %d %d %s\n", name, me.name, 40, me.params[0][0], me.params[0][1], w, h, px)
				}
			}
		}
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Brute-force references: every pixel scans its whole circle directly, with the edge-replicated
// border, and sorts it; the running scans must agree exactly.

func bruteCircle(src *image.Gray, radius, x, y int) []int {
	c := newFijiCircle(radius)
	w, h := src.Rect.Dx(), src.Rect.Dy()
	var vals []int
	for i, d := range c.dx {
		yy := min(max(y+i-c.k, 0), h-1)
		for dx := -d; dx <= d; dx++ {
			xx := min(max(x+dx, 0), w-1)
			vals = append(vals, int(src.Pix[yy*src.Stride+xx]))
		}
	}
	slices.Sort(vals)
	return vals
}

func randomGray(r *rand.Rand, w, h int, style func(r *rand.Rand, x, y int) uint8) *image.Gray {
	g := image.NewGray(image.Rect(7, -2, 7+w, -2+h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g.Pix[y*g.Stride+x] = style(r, x, y)
		}
	}
	return g
}

func TestFijiBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for iter := 0; iter < 120; iter++ {
		w, h := 1+r.IntN(40), 1+r.IntN(30)
		radius := r.IntN(13)
		c := r.IntN(21) - 10
		contrast := r.IntN(60)
		src := randomGray(r, w, h, fijiStyles[iter%len(fijiStyles)])
		got := map[string]*LevelMap{}
		for _, name := range []string{"bernsen", "contrast", "mean", "median", "midgrey"} {
			got[name] = NewLevelMap(src.Rect)
		}
		FijiBernsen(got["bernsen"], src, radius, contrast)
		FijiContrast(got["contrast"], src, radius)
		FijiMean(got["mean"], src, radius, c)
		FijiMedian(got["median"], src, radius, c)
		FijiMidGrey(got["midgrey"], src, radius, c)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				vals := bruteCircle(src, radius, x, y)
				n := len(vals)
				mn, mx, med := vals[0], vals[n-1], vals[n/2]
				sum := 0
				for _, v := range vals {
					sum += v
				}
				mid := (mn + mx) / 2
				// Bernsen, straight from the definition.
				bern := mid - 1
				if mx-mn < contrast {
					bern = 255
					if mid >= 128 {
						bern = -1
					}
				}
				mean := float32(float64(sum) / float64(n))
				want := map[string]int{
					"bernsen": bern,
					"mean":    min(max(int(mean-float32(c)), -1), 255),
					"median":  min(max(med-c, -1), 255),
					"midgrey": min(max(mid-c, -1), 255),
				}
				// Contrast: only values in mn..mx can occur there; each must go where the
				// definition sends it.
				lc := int(got["contrast"].L[y*got["contrast"].Stride+x])
				for v := mn; v <= mx; v++ {
					if fg := mx-v <= v-mn && v != 0; fg != (v > lc) {
						t.Fatalf("contrast %d×%d r=%d at (%d,%d): level %d sends %d the wrong way (min %d, max %d)", w, h, radius, x, y, lc, v, mn, mx)
					}
				}
				for name, lm := range got {
					if name == "contrast" {
						continue
					}
					if g := int(lm.L[y*lm.Stride+x]); g != want[name] {
						t.Fatalf("%s %d×%d r=%d c=%d contrast=%d at (%d,%d): level %d, brute force %d", name, w, h, radius, c, contrast, x, y, g, want[name])
					}
				}
			}
		}
	}
}

// TestFijiPhansalkarBruteForce checks Phansalkar against a direct evaluation of its definition with
// every window summed afresh: equal except where the threshold falls within 1e-9 of a scaled value
// (the summation order of RankFilters, which limen follows, moves the last bits).
func TestFijiPhansalkarBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for iter := 0; iter < 60; iter++ {
		w, h := 1+r.IntN(30), 1+r.IntN(30)
		radius := r.IntN(9)
		k, rr := r.Float64()-0.5, 0.05+r.Float64()
		src := randomGray(r, w, h, fijiStyles[iter%len(fijiStyles)])
		lm := NewLevelMap(src.Rect)
		FijiPhansalkar(lm, src, radius, k, rr, 2, 10)
		var u [256]float32
		phansalkarScale(&u, src)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				vals := bruteCircle(src, radius, x, y)
				var s, s2 float64
				for _, v := range vals {
					s += float64(u[v])
					s2 += float64(u[v]) * float64(u[v])
				}
				n := float64(len(vals))
				m := s / n
				sd := math.Sqrt(max(s2/n-m*m, 0))
				tt := m * (1 + 2*math.Exp(-10*m) + k*(sd/rr-1))
				want := -1
				near := false
				for v := 0; v < 256; v++ {
					if float64(u[v]) <= tt {
						want = v
					}
					near = near || math.Abs(float64(u[v])-tt) < 1e-6
				}
				if g := int(lm.L[y*lm.Stride+x]); g != want && !near {
					t.Fatalf("%d×%d r=%d k=%g r=%g at (%d,%d): level %d, brute force %d (T=%g)", w, h, radius, k, rr, x, y, g, want, tt)
				}
			}
		}
	}
}

func TestFijiCircle(t *testing.T) {
	// ImageJ's Process › Filters › Show Circular Masks: radius 0 is a cross, 1 a 3×3 square, 2 a
	// 5×5 square without its corners, 3 a 7×7 "circle" of 37 pixels.
	for _, tc := range []struct {
		radius, k, n int
		dx           []int
	}{
		{0, 1, 5, []int{0, 1, 0}},
		{1, 1, 9, []int{1, 1, 1}},
		{2, 2, 21, []int{1, 2, 2, 2, 1}},
		{3, 3, 37, []int{1, 2, 3, 3, 3, 2, 1}},
		{4, 4, 57, []int{1, 2, 3, 4, 4, 4, 3, 2, 1}},
	} {
		c := newFijiCircle(tc.radius)
		if c.k != tc.k || c.n != tc.n || !slices.Equal(c.dx, tc.dx) {
			t.Errorf("radius %d: k=%d n=%d dx=%v, want k=%d n=%d dx=%v", tc.radius, c.k, c.n, c.dx, tc.k, tc.n, tc.dx)
		}
	}
	for radius := 0; radius <= fijiMaxRadius; radius++ {
		c := newFijiCircle(radius)
		if c.n%2 != 1 || (radius > 0 && c.k != radius) {
			t.Fatalf("radius %d: k=%d n=%d", radius, c.k, c.n)
		}
	}
}

// levelsOf runs a method with its levels written out row by row.
func levelsOf(src *image.Gray, f func(*LevelMap, *image.Gray)) []int {
	lm := NewLevelMap(src.Rect)
	f(lm, src)
	var out []int
	for y := 0; y < src.Rect.Dy(); y++ {
		for x := 0; x < src.Rect.Dx(); x++ {
			out = append(out, int(lm.L[y*lm.Stride+x]))
		}
	}
	return out
}

func grayRows(rect image.Rectangle, rows ...[]uint8) *image.Gray {
	g := image.NewGray(rect)
	for y, row := range rows {
		copy(g.Pix[y*g.Stride:], row)
	}
	return g
}

// Hand-worked cases, from the definitions.
func TestFijiByHand(t *testing.T) {
	// 1..9 in a 3×3 at a non-zero origin, radius 1 (the full 3×3 square, edges replicated).
	nine := grayRows(image.Rect(-1, 4, 2, 7), []uint8{1, 2, 3}, []uint8{4, 5, 6}, []uint8{7, 8, 9})
	// Window sums 21 27 33 / 39 45 51 / 57 63 69, over 9 pixels: means 2.33 3 3.67 / 4.33 5 5.67 /
	// 6.33 7 7.67, truncated. (Fiji: 000001111.)
	if got, want := levelsOf(nine, func(d *LevelMap, s *image.Gray) { FijiMean(d, s, 1, 0) }), []int{2, 3, 3, 4, 5, 5, 6, 7, 7}; !slices.Equal(got, want) {
		t.Errorf("mean: %v, want %v", got, want)
	}
	// c = 2 lowers each level by 2 (mean − 2 is still truncated as a float).
	if got, want := levelsOf(nine, func(d *LevelMap, s *image.Gray) { FijiMean(d, s, 1, 2) }), []int{0, 1, 1, 2, 3, 3, 4, 5, 5}; !slices.Equal(got, want) {
		t.Errorf("mean c=2: %v, want %v", got, want)
	}
	// Minima 1 1 2 / 1 1 2 / 4 4 5 and maxima 5 6 6 / 8 9 9 / 8 9 9.
	// MidGrey ⌊(mn+mx)/2⌋: 3 3 4 / 4 5 5 / 6 6 7.
	if got, want := levelsOf(nine, func(d *LevelMap, s *image.Gray) { FijiMidGrey(d, s, 1, 0) }), []int{3, 3, 4, 4, 5, 5, 6, 6, 7}; !slices.Equal(got, want) {
		t.Errorf("midgrey: %v, want %v", got, want)
	}
	// Contrast: v ≥ ⌈(mn+mx)/2⌉ → level ⌈(mn+mx)/2⌉ − 1: 2 3 3 / 4 4 5 / 5 6 6.
	if got, want := levelsOf(nine, func(d *LevelMap, s *image.Gray) { FijiContrast(d, s, 1) }), []int{2, 3, 3, 4, 4, 5, 5, 6, 6}; !slices.Equal(got, want) {
		t.Errorf("contrast: %v, want %v", got, want)
	}
	// Bernsen with contrast 5: the local contrast mx − mn is 4 5 4 / 7 8 7 / 4 5 4; below 5 the
	// whole neighbourhood is background (every mid is < 128): 255; elsewhere mid − 1.
	if got, want := levelsOf(nine, func(d *LevelMap, s *image.Gray) { FijiBernsen(d, s, 1, 5) }), []int{255, 2, 255, 3, 4, 4, 255, 5, 255}; !slices.Equal(got, want) {
		t.Errorf("bernsen: %v, want %v", got, want)
	}
	// Median of each 3×3 window (edges replicated): (0,0) {1,1,2,1,1,2,4,4,5} → 2;
	// (1,0) {1,2,3,1,2,3,4,5,6} → 3; (2,0) → 3; (0,1) {1,1,2,4,4,5,7,7,8} → 4; centre 5; …
	if got, want := levelsOf(nine, func(d *LevelMap, s *image.Gray) { FijiMedian(d, s, 1, 0) }), []int{2, 3, 3, 4, 5, 6, 7, 7, 8}; !slices.Equal(got, want) {
		t.Errorf("median: %v, want %v", got, want)
	}

	// A step edge 10|200 in a 6×1 row, radius 2 (a single row: replication makes every kernel row
	// the same row). Pixel x sees columns x−2..x+2.
	step := grayRows(image.Rect(0, 0, 6, 1), []uint8{10, 10, 10, 200, 200, 200})
	// MidGrey: mn, mx = 10,10 | 10,200 ×4 | 200,200: mid 10, 105, 105, 105, 105, 200.
	if got, want := levelsOf(step, func(d *LevelMap, s *image.Gray) { FijiMidGrey(d, s, 2, 0) }), []int{10, 105, 105, 105, 105, 200}; !slices.Equal(got, want) {
		t.Errorf("step midgrey: %v, want %v", got, want)
	}
	// Bernsen (contrast 15): flat ends have mid 10 (< 128: background, 255) and 200 (foreground,
	// −1); the middle ones mid − 1 = 104.
	if got, want := levelsOf(step, func(d *LevelMap, s *image.Gray) { FijiBernsen(d, s, 2, 15) }), []int{255, 104, 104, 104, 104, -1}; !slices.Equal(got, want) {
		t.Errorf("step bernsen: %v, want %v", got, want)
	}
	// Contrast 0 (limen takes it literally; Fiji would use 15): no low-contrast test.
	if got, want := levelsOf(step, func(d *LevelMap, s *image.Gray) { FijiBernsen(d, s, 2, 0) }), []int{9, 104, 104, 104, 104, 199}; !slices.Equal(got, want) {
		t.Errorf("step bernsen contrast 0: %v, want %v", got, want)
	}
	// Contrast method: black stays background (level ≥ 0) even where v = mn = mx = 0.
	zeros := grayRows(image.Rect(0, 0, 3, 1), []uint8{0, 0, 0})
	if got, want := levelsOf(zeros, func(d *LevelMap, s *image.Gray) { FijiContrast(d, s, 3) }), []int{0, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("black contrast: %v, want %v", got, want)
	}
}

// Properties every Fiji method must have: a constant image gives one level everywhere; images
// smaller than the kernel, one pixel wide, or off the origin work; levels stay in -1..255.
func TestFijiProperties(t *testing.T) {
	run := map[string]func(*LevelMap, *image.Gray, int){
		"bernsen":    func(d *LevelMap, s *image.Gray, r int) { FijiBernsen(d, s, r, 15) },
		"contrast":   func(d *LevelMap, s *image.Gray, r int) { FijiContrast(d, s, r) },
		"mean":       func(d *LevelMap, s *image.Gray, r int) { FijiMean(d, s, r, 3) },
		"median":     func(d *LevelMap, s *image.Gray, r int) { FijiMedian(d, s, r, 3) },
		"midgrey":    func(d *LevelMap, s *image.Gray, r int) { FijiMidGrey(d, s, r, 3) },
		"phansalkar": func(d *LevelMap, s *image.Gray, r int) { FijiPhansalkar(d, s, r, 0.25, 0.5, 2, 10) },
	}
	for name, f := range run {
		for _, v := range []uint8{0, 1, 77, 254, 255} {
			src := image.NewGray(image.Rect(-5, 9, 4, 15))
			for i := range src.Pix {
				src.Pix[i] = v
			}
			for _, r := range []int{0, 1, 15} {
				lv := levelsOf(src, func(d *LevelMap, s *image.Gray) { f(d, s, r) })
				for _, l := range lv {
					if l != lv[0] || l < -1 || l > 255 {
						t.Fatalf("%s constant %d r=%d: levels %v", name, v, r, lv)
					}
				}
			}
		}
		for _, size := range [][2]int{{1, 1}, {1, 9}, {9, 1}, {2, 3}} {
			src := randomGray(rand.New(rand.NewPCG(1, uint64(size[0]))), size[0], size[1], fijiStyles[0])
			for _, l := range levelsOf(src, func(d *LevelMap, s *image.Gray) { f(d, s, fijiMaxRadius) }) {
				if l < -1 || l > 255 {
					t.Fatalf("%s %v: level %d", name, size, l)
				}
			}
		}
		// An empty image is a no-op.
		f(NewLevelMap(image.Rectangle{}), image.NewGray(image.Rectangle{}), 3)
	}
	// The mean of a constant image is the value itself: level v − c.
	src := image.NewGray(image.Rect(0, 0, 5, 5))
	for i := range src.Pix {
		src.Pix[i] = 100
	}
	if lv := levelsOf(src, func(d *LevelMap, s *image.Gray) { FijiMean(d, s, 2, 3) }); lv[12] != 97 {
		t.Errorf("constant mean: level %d, want 97", lv[12])
	}
	// Phansalkar leaves a constant image unstretched: u = 100/255, m = u, σ = 0, so
	// T = u·(1 + 2e^(−10u) + 0.25·(0 − 1)) = 0.3097…: 78/255 ≤ T < 79/255, level 78.
	if lv := levelsOf(src, func(d *LevelMap, s *image.Gray) { FijiPhansalkar(d, s, 2, 0.25, 0.5, 2, 10) }); lv[0] != 78 {
		t.Errorf("constant phansalkar: level %d, want 78", lv[0])
	}
}

func TestPhansalkarScale(t *testing.T) {
	// Values 10..20: stretched by (int)((v−10)/10·255): 10 → 0, 11 → 25, 15 → 127, 20 → 255.
	src := grayRows(image.Rect(0, 0, 3, 1), []uint8{10, 15, 20})
	var u [256]float32
	phansalkarScale(&u, src)
	c := float32(1.0 / 255)
	for v, l := range map[int]int{0: 0, 10: 0, 11: 25, 15: 127, 19: 229, 20: 255, 200: 255} {
		if u[v] != float32(l)*c {
			t.Errorf("u[%d] = %v, want %d·(1/255)", v, u[v], l)
		}
	}
}

func benchGray(w, h int) *image.Gray {
	r := rand.New(rand.NewPCG(3, 4))
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			// a lit scene: smooth shading, shapes and noise
			v := 60 + x/20 + y/30 + r.IntN(30)
			if (x/97+y/61)%3 == 0 {
				v += 90
			}
			g.Pix[y*g.Stride+x] = uint8(min(v, 255))
		}
	}
	return g
}

func BenchmarkFiji(b *testing.B) {
	src := benchGray(2048, 2048) // 4 MP
	dst := NewLevelMap(src.Rect)
	for _, radius := range []int{15, 50} {
		for _, m := range []struct {
			name string
			f    func(*LevelMap, *image.Gray, int)
		}{
			{"Bernsen", func(d *LevelMap, s *image.Gray, r int) { FijiBernsen(d, s, r, 15) }},
			{"Contrast", func(d *LevelMap, s *image.Gray, r int) { FijiContrast(d, s, r) }},
			{"Mean", func(d *LevelMap, s *image.Gray, r int) { FijiMean(d, s, r, 0) }},
			{"Median", func(d *LevelMap, s *image.Gray, r int) { FijiMedian(d, s, r, 0) }},
			{"MidGrey", func(d *LevelMap, s *image.Gray, r int) { FijiMidGrey(d, s, r, 0) }},
			{"Phansalkar", func(d *LevelMap, s *image.Gray, r int) { FijiPhansalkar(d, s, r, 0.25, 0.5, 2, 10) }},
		} {
			b.Run(fmt.Sprintf("%s/r=%d", m.name, radius), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					m.f(dst, src, radius)
				}
			})
		}
	}
}

// TestPortableExp: within two ulps of math.Exp (each is within one of e^x), exact at 0, and the
// same bits on every platform: the hash below was taken on linux/amd64 and linux/386 (where
// math.Exp is assembly and Go code respectively, and differ).
func TestPortableExp(t *testing.T) {
	h := uint64(0)
	for i := 0; i <= 100000; i++ {
		x := -float64(i) / 1000
		got, want := portableExp(x), math.Exp(x)
		if ulp := math.Nextafter(want, 1) - want; math.Abs(got-want) > 2*math.Abs(ulp) {
			t.Fatalf("portableExp(%g) = %g, math.Exp %g", x, got, want)
		}
		h = h*1000003 ^ math.Float64bits(got)
	}
	if h != 0xf1fec9001e18c9c7 {
		t.Errorf("portableExp hash %#x: the bits changed", h)
	}
	if portableExp(0) != 1 {
		t.Errorf("portableExp(0) = %g", portableExp(0))
	}
}
