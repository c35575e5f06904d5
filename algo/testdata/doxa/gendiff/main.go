// Command gendiff makes diff.json.gz, the differential goldens of limen's Doxa methods: seeded
// random pictures (noise, document-like strokes on a shaded page, flat and two-level pictures,
// crops of the lab's pages; sizes from 1×1 up, odd and even) and random parameters within what
// Doxa itself handles, each binarized by the reference program doxaref (Doxa 0bf9953's headers
// behind a command line, see README.md). Nothing here builds or contains Doxa: give it the
// programs.
//
//	go run ./algo/testdata/doxa/gendiff DOXAREF DOXAREF_ASAN OUT.json.gz
//
// DOXAREF_ASAN is the same program built with -fsanitize=address,undefined: every case is run by
// both, and a case is kept only when the sanitized run is clean and both give the same picture.
// Cases where Doxa dies (Gatos's division by zero, SIGFPE) are left out and counted.
// Run from the repository root (it reads the lab's pictures from algo/testdata).
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

type picture struct {
	Name string `json:"name"`
	W    int    `json:"w"`
	H    int    `json:"h"`
	Pix  string `json:"pix"` // base64 of the gray values, row-major
}

type testCase struct {
	Image  int                `json:"image"`
	Method string             `json:"method"`
	Params map[string]float64 `json:"params"`
	Black  string             `json:"black"` // base64 of a bit per pixel, 1 = Doxa's black, row-major, MSB first
}

type goldens struct {
	Note    string         `json:"note"`
	Images  []picture      `json:"images"`
	Cases   []testCase     `json:"cases"`
	Skipped map[string]int `json:"skipped"`
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: gendiff DOXAREF DOXAREF_ASAN OUT.json.gz")
		os.Exit(2)
	}
	ref, asan, outPath := os.Args[1], os.Args[2], os.Args[3]
	tmp, err := os.MkdirTemp("", "gendiff-")
	check(err)
	defer os.RemoveAll(tmp)

	rng := rand.New(rand.NewPCG(2026, 13))
	g := goldens{
		Note:    "made by gendiff (see README.md) with doxaref of Doxa 0bf9953; black = 1",
		Skipped: map[string]int{},
	}
	pics := pictures(rng)
	for i, p := range pics {
		in := filepath.Join(tmp, "in.png")
		writePNG(in, p)
		g.Images = append(g.Images, picture{p.name, p.w, p.h, base64.StdEncoding.EncodeToString(p.pix)})
		for _, m := range methods {
			for j := 0; j < 2; j++ {
				params, ok := randomParams(rng, m, p.w, p.h, j)
				if !ok {
					continue
				}
				black, why := run(ref, asan, tmp, m, in, params, p)
				if why != "" {
					g.Skipped[m+": "+why]++
					continue
				}
				g.Cases = append(g.Cases, testCase{i, m, params, base64.StdEncoding.EncodeToString(black)})
			}
		}
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	enc := json.NewEncoder(zw)
	check(enc.Encode(g))
	check(zw.Close())
	check(os.WriteFile(outPath, buf.Bytes(), 0o644))
	fmt.Printf("%d pictures, %d cases, skipped %v\n", len(g.Images), len(g.Cases), g.Skipped)
}

var methods = []string{"niblack", "sauvola", "wolf", "bernsen", "nick", "trsingh", "wan", "su", "isauvola", "gatos"}

type gray struct {
	name string
	w, h int
	pix  []uint8
}

// pictures makes the inputs: fixed tiny and odd sizes first, then random ones.
func pictures(rng *rand.Rand) []gray {
	var out []gray
	sizes := [][2]int{{1, 1}, {1, 7}, {7, 1}, {2, 2}, {2, 3}, {3, 3}, {4, 5}, {5, 4}, {1, 30}, {30, 1},
		{9, 2}, {16, 16}, {17, 18}, {33, 31}}
	for i := 0; i < 90; i++ {
		if i < len(sizes) {
			out = append(out, makePicture(rng, i, sizes[i][0], sizes[i][1]))
			continue
		}
		w, h := 1+rng.IntN(60), 1+rng.IntN(60)
		if i%9 == 0 { // a few big enough for the default window 75 (Doxa's needs 38 on each side)
			w, h = 38+rng.IntN(50), 38+rng.IntN(40)
		}
		out = append(out, makePicture(rng, i, w, h))
	}
	return out
}

var crops = []string{"algo/testdata/lab/docs/doc1.png", "algo/testdata/lab/docs/doc2.png",
	"algo/testdata/lab/docs/doc3.png", "algo/testdata/oracle/images/text.png",
	"algo/testdata/oracle/images/camera.png", "algo/testdata/oracle/images/uneven_text.png"}

func makePicture(rng *rand.Rand, i, w, h int) gray {
	p := gray{w: w, h: h, pix: make([]uint8, w*h)}
	switch kind := i % 6; kind {
	case 0: // uniform noise over a random range
		lo := rng.IntN(200)
		hi := lo + 1 + rng.IntN(256-lo-1)
		p.name = fmt.Sprintf("noise%d-%d", lo, hi)
		for j := range p.pix {
			p.pix[j] = uint8(lo + rng.IntN(hi-lo+1))
		}
	case 1, 2: // a shaded page with dark strokes and noise
		p.name = "strokes"
		base, slope := 150+rng.IntN(80), rng.IntN(60)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				p.pix[y*w+x] = uint8(min(255, base+slope*x/max(w, 1)))
			}
		}
		for s := 0; s < 1+w*h/40; s++ {
			x0, y0 := rng.IntN(w), rng.IntN(h)
			dx, dy := 1+rng.IntN(3), 1+rng.IntN(6)
			if rng.IntN(2) == 0 {
				dx, dy = dy, dx
			}
			ink := rng.IntN(120)
			for y := y0; y < min(h, y0+dy); y++ {
				for x := x0; x < min(w, x0+dx); x++ {
					p.pix[y*w+x] = uint8(ink)
				}
			}
		}
		for j := range p.pix {
			p.pix[j] = uint8(min(255, max(0, int(p.pix[j])+rng.IntN(21)-10)))
		}
	case 3: // flat, or two levels
		a, b := rng.IntN(256), rng.IntN(256)
		if rng.IntN(3) == 0 {
			b = a
		}
		p.name = fmt.Sprintf("levels%d-%d", a, b)
		for j := range p.pix {
			if rng.IntN(4) == 0 {
				p.pix[j] = uint8(b)
			} else {
				p.pix[j] = uint8(a)
			}
		}
	default: // a crop of a lab picture
		file := crops[rng.IntN(len(crops))]
		src := readGray(file)
		r := src.Bounds()
		w, h = min(w, r.Dx()), min(h, r.Dy())
		x0, y0 := rng.IntN(r.Dx()-w+1), rng.IntN(r.Dy()-h+1)
		p = gray{name: fmt.Sprintf("%s@%d,%d", filepath.Base(file), x0, y0), w: w, h: h, pix: make([]uint8, w*h)}
		for y := 0; y < h; y++ {
			copy(p.pix[y*w:y*w+w], src.Pix[(y0+y)*src.Stride+x0:])
		}
	}
	return p
}

// readGray reads a gray PNG (the lab's pictures are gray, or made gray here by their red value:
// only the gray ones are used).
func readGray(path string) *image.Gray {
	f, err := os.Open(path)
	check(err)
	defer f.Close()
	img, err := png.Decode(f)
	check(err)
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	r := img.Bounds()
	g := image.NewGray(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.R != c.G || c.G != c.B {
				panic(path + " is not gray")
			}
			g.SetGray(x, y, color.Gray{c.R})
		}
	}
	return g
}

// randomParams draws parameters Doxa handles on a w×h picture: Chan's running sums need
// window/2 ≤ both sides and its min/max filter from side 17 up 2·((window−1)/2)+1 ≤ both sides;
// windows stay ≤ 181 (above, Doxa's sums overflow). j = 0 sometimes gives Doxa's defaults.
func randomParams(rng *rand.Rand, m string, w, h, j int) (map[string]float64, bool) {
	side := min(w, h)
	chanMax := min(181, 2*side+1)
	window := func(limit int) int {
		if rng.IntN(25) == 0 {
			return 0
		}
		if rng.IntN(3) == 0 {
			return 1 + rng.IntN(min(limit, 9))
		}
		return 1 + rng.IntN(limit)
	}
	morphOK := func(win int) bool { return win < 17 || 2*((win-1)/2)+1 <= side }
	k := func(lo, hi float64) float64 { return float64(int((lo+(hi-lo)*rng.Float64())*1000)) / 1000 }
	p := map[string]float64{}
	defaults := j == 0 && rng.IntN(4) == 0
	switch m {
	case "niblack", "sauvola", "wolf", "nick", "trsingh", "isauvola":
		if defaults {
			return p, 75/2 <= side
		}
		p["window"] = float64(window(chanMax))
		r := map[string][2]float64{"niblack": {-1, 0.5}, "sauvola": {0, 0.6}, "wolf": {0, 1},
			"nick": {-0.3, 0.1}, "trsingh": {0, 0.6}, "isauvola": {0, 0.5}}[m]
		p["k"] = k(r[0], r[1])
	case "wan":
		if defaults {
			return p, 75/2 <= side && morphOK(75)
		}
		for {
			win := window(chanMax)
			if morphOK(win) {
				p["window"] = float64(win)
				break
			}
		}
		p["k"] = k(0, 0.6)
	case "bernsen":
		if defaults {
			return p, morphOK(75)
		}
		for {
			win := window(181)
			if morphOK(win) {
				p["window"] = float64(win)
				break
			}
		}
		p["threshold"] = float64(rng.IntN(256))
		p["contrastLimit"] = float64(rng.IntN(80))
	case "su":
		if defaults {
			return p, true
		}
		win := 0
		if rng.IntN(3) > 0 {
			win = window(40)
		}
		p["window"] = float64(win)
		if rng.IntN(3) > 0 {
			n := 2*(win/2) + 1
			p["minN"] = float64(rng.IntN(n*n + 2))
		}
	case "gatos":
		if defaults {
			return p, 75/2 <= side
		}
		p["glyph"] = float64(rng.IntN(70))
		p["window"] = float64(window(chanMax))
		p["k"] = k(0, 0.5)
	}
	return p, true
}

func formatParams(p map[string]float64) []string {
	var out []string
	for _, key := range []string{"window", "k", "threshold", "contrastLimit", "minN", "glyph"} {
		v, ok := p[key]
		if !ok {
			continue
		}
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if key == "k" && !strings.ContainsAny(s, ".eE") {
			s += ".0" // Doxa's k is a double
		}
		out = append(out, key+"="+s)
	}
	return out
}

// run binarizes with both programs; it returns the packed black bits, or why the case is left out.
func run(ref, asan, tmp, method, in string, params map[string]float64, p gray) ([]byte, string) {
	var pics [2][]byte
	for i, exe := range []string{ref, asan} {
		out := filepath.Join(tmp, fmt.Sprintf("out%d.png", i))
		os.Remove(out)
		args := append([]string{"bin", method, in, out}, formatParams(params)...)
		cmd := exec.Command(exe, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if err != nil || strings.Contains(stderr.String(), "runtime error") || strings.Contains(stderr.String(), "Sanitizer") {
			msg := strings.TrimSpace(stderr.String())
			if ee, ok := err.(*exec.ExitError); ok && ee.ProcessState.String() == "signal: floating point exception" {
				return nil, "SIGFPE"
			}
			if strings.Contains(msg, "FPE") || strings.Contains(msg, "division by zero") {
				return nil, "division by zero"
			}
			panic(fmt.Sprintf("%s %v on %s (%dx%d): %v %s", method, params, p.name, p.w, p.h, err, msg))
		}
		g := readGray(out)
		if g.Bounds().Dx() != p.w || g.Bounds().Dy() != p.h {
			panic("size")
		}
		bits := make([]byte, (p.w*p.h+7)/8)
		for y := 0; y < p.h; y++ {
			for x := 0; x < p.w; x++ {
				switch g.Pix[y*g.Stride+x] {
				case 0:
					i := y*p.w + x
					bits[i/8] |= 0x80 >> (i % 8)
				case 255:
				default:
					panic("not binary")
				}
			}
		}
		pics[i] = bits
	}
	if !bytes.Equal(pics[0], pics[1]) {
		panic(fmt.Sprintf("%s %v on %s: the sanitized build differs", method, params, p.name))
	}
	return pics[0], ""
}

func writePNG(path string, p gray) {
	g := &image.Gray{Pix: p.pix, Stride: p.w, Rect: image.Rect(0, 0, p.w, p.h)}
	f, err := os.Create(path)
	check(err)
	check(png.Encode(f, g))
	check(f.Close())
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
