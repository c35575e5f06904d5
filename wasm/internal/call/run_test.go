package call

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"limen/algo"
	"limen/wasm/internal/state"
)

// TestCallsRun runs "Show the call" against the libraries: for every row of the call table and a
// few views each (the defaults, and seeded random parameters, types, maxval, dark and blur where
// the library has them), it writes the code Code gives, exactly as the page shows it, runs it in
// its library on a picture of the repository, and requires the picture it writes (and the level
// it leaves, where it leaves one) to be what limen gives for the same view: 0 pixels and 0 levels
// may differ (scikit-image's float levels compared as float64, read from Python's repr).
//
// The test supplies only the input file (picture.png, or Doxa's picture.pgm, in the snippet's
// folder) and collects what the snippet writes. Each library runs all its snippets in one process:
//   - OpenCV and scikit-image: /usr/bin/python3 (PYTHON overrides) with Debian's python3-opencv and
//     python3-skimage, through testdata/run_snippets.py;
//   - ImageJ: ImageJ 1.53t's ij.jar (IJJAR overrides /usr/share/java/ij.jar) run by
//     testdata/MacroRunner.java under xvfb-run (ImageJ builds its menus, so it needs a display).
//     Fiji's Auto Local Threshold rows need Fiji's plugin: plain ImageJ lacks it, and the test says
//     so in its log (they run when IJJAR is an ImageJ that has the command);
//   - Δoxa: g++ and Doxa's headers (testdata/doxa), all snippets in one program (run_doxa_test.go).
//
// Nothing is skipped: a missing tool fails the test with the Debian packages to install
// (./build.sh test installs them as root).
func TestCallsRun(t *testing.T) {
	start := time.Now()
	gray := loadPicture(t, "camera", 180, 60, 96, 72)
	colour := loadPicture(t, "chelsea", 150, 60, 96, 72)
	large := loadPicture(t, "camera", 150, 40, 128, 96) // Doxa's default window, 75, fits in it
	work := t.TempDir()

	var cases []*runCase
	for _, r := range rows {
		pics := []*picture{gray}
		if r.library == "doxa" {
			pics = []*picture{large}
		}
		if r.library == "opencv" || r.library == "skimage" {
			pics = append(pics, colour) // the snippet's own gray conversion is run too
		}
		for i, s := range runStates(t, r, pics[0]) {
			for _, p := range pics {
				cases = append(cases, newRunCase(t, work, r, s, i, p))
			}
		}
	}

	// The four libraries' processes run at once; each runs its snippets in turn.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i, run := range []func() error{
		func() error { return runPython(ctx, work, "cv2", "python3-opencv", pick(cases, "opencv")) },
		func() error { return runPython(ctx, work, "skimage", "python3-skimage", pick(cases, "skimage")) },
		func() error { return runImageJ(ctx, work, pick(cases, "imagej", "fiji")) },
		func() error { return runDoxa(ctx, work, pick(cases, "doxa")) },
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = run()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	checkRunCases(t, cases)
	t.Logf("wall time %.1f s", time.Since(start).Seconds())
}

// picture is one input of the test: limen's RGBA, and the file the snippets open.
type picture struct {
	name   string
	w, h   int
	rgba   []byte // what the page hands limen (a canvas's pixels)
	png    []byte // picture.png: 8-bit gray, or RGB for a colour picture
	colour bool
}

// loadPicture crops w × h at (x0, y0) from the oracle's picture name (a small size keeps the test
// fast).
func loadPicture(t *testing.T, name string, x0, y0, w, h int) *picture {
	t.Helper()
	f, err := os.ReadFile(filepath.Join("..", "..", "..", "algo", "testdata", "oracle", "images", name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := png.Decode(bytes.NewReader(f))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	p := &picture{name: name, w: w, h: h, rgba: make([]byte, 4*w*h)}
	_, p.colour = src.(*image.Gray)
	p.colour = !p.colour
	g := image.NewGray(image.Rect(0, 0, w, h))
	c := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			n := color.NRGBAModel.Convert(src.At(x0+x, y0+y)).(color.NRGBA)
			if n.A != 255 {
				t.Fatalf("%s: a transparent pixel at %d,%d", name, x0+x, y0+y)
			}
			copy(p.rgba[4*(y*w+x):], []byte{n.R, n.G, n.B, 255})
			g.Pix[y*w+x] = n.R
			c.SetNRGBA(x, y, n)
		}
	}
	var buf bytes.Buffer
	var img image.Image = g
	if p.colour {
		img = c
	}
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	p.png = buf.Bytes()
	return p
}

// runCase is one snippet run: a row, a view, a picture, the code the page shows, and limen's
// answer for the view.
type runCase struct {
	row   row
	state state.State
	pic   *picture
	code  string
	dir   string       // the snippet's folder: picture.png in, result.png out
	want  *algo.Output // limen's
	// What the run gave: the level(s) as the library printed them, or an error; for a command the
	// library lacks (Fiji's in plain ImageJ), its name.
	levels  map[string][]string
	err     string
	missing string
}

func newRunCase(t *testing.T, work string, r row, s state.State, i int, p *picture) *runCase {
	t.Helper()
	sn := Code(s)
	c := &runCase{row: r, state: s, pic: p, code: sn.Code}
	c.dir = filepath.Join(work, fmt.Sprintf("%s-%s-%d-%s", r.method, r.library, i, p.name))
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ext := map[string]string{"Python": "py", "ImageJ macro": "ijm", "C++": "cpp"}[sn.Lang]
	if ext == "" {
		t.Fatalf("%s: no language for %q", s.Hash(), sn.Lang)
	}
	files := map[string][]byte{"snippet." + ext: []byte(sn.Code), "picture.png": p.png}
	if ext == "cpp" {
		delete(files, "picture.png")
		if err := writePGM(filepath.Join(c.dir, "picture.pgm"), p); err != nil {
			t.Fatal(err)
		}
	}
	if ext == "ijm" {
		var cmds []string
		for _, m := range macroCommand.FindAllStringSubmatch(sn.Code, -1) {
			cmds = append(cmds, m[1])
		}
		files["commands.txt"] = []byte(strings.Join(cmds, "\n") + "\n")
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(c.dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := limenOutput(p, s)
	if err != nil {
		t.Fatalf("limen on %s: %v", s.Hash(), err)
	}
	c.want = out
	return c
}

// macroCommand finds the menu commands a macro runs.
var macroCommand = regexp.MustCompile(`run\("([^"]+)"`)

// limenOutput is what limen.threshold gives for the page's view s (wasm/worker.go's options, read
// as wasm/options.go reads them) on picture p.
func limenOutput(p *picture, s state.State) (*algo.Output, error) {
	typ, err := algo.ParseType(s.Type)
	if err != nil {
		return nil, err
	}
	o := &algo.Options{Method: s.Method, Reference: s.Reference, Type: typ, Maxval: uint8(math.RoundToEven(float64(s.Maxval))),
		Dark: s.Dark, IgnoreZero: s.IgnoreZero, IgnoreMax: s.IgnoreMax, Params: algo.Params{}}
	for k, v := range s.Params {
		o.Params[k] = v
	}
	if s.Blur > 0 {
		o.Blur = &algo.Blur{Ksize: s.Blur}
	}
	if s.NoiseSigma > 0 || s.NoiseMean != 0 {
		o.Noise = &algo.Noise{Mean: s.NoiseMean, Sigma: s.NoiseSigma, Seed: s.NoiseSeed}
	}
	if s.Resize > 0 {
		o.Resize = &algo.Resize{Scale: s.Resize}
	}
	im, err := algo.NewImage(p.rgba, p.w, p.h)
	if err != nil {
		return nil, err
	}
	return im.Threshold(o, nil)
}

// runStates are the views a row is run in: the page's defaults for the method in the row's
// library, and three seeded random ones: every parameter anywhere in its range (half the time a
// window no larger than the picture), and the type, maxval, dark and blur where the snippet
// reproduces them (a view whose snippet says it does not reproduce something is not one).
func runStates(t *testing.T, r row, p *picture) []state.State {
	t.Helper()
	m, _ := algo.Lookup(r.method)
	mm, err := m.As(r.library)
	if err != nil {
		t.Fatal(err)
	}
	base := state.Default()
	base.Method = r.method
	if r.library != m.Library {
		base.Reference = r.library
	}
	states := []state.State{base}
	seed := uint64(0)
	for _, b := range []byte(r.method + "/" + r.library) {
		seed = seed*131 + uint64(b)
	}
	rng := rand.New(rand.NewPCG(seed, 13))
	types := algo.TypeNames()
	binaryOnly := mm.Kind == algo.Local && r.library != "skimage"
	if binaryOnly {
		types = types[:2]
	}
	side := min(p.w, p.h)
	if r.library == "doxa" {
		types = types[:1] // Doxa's picture is limen's binary with maxval 255
		side = doxaMaxWindow
	}
	for range 3 {
		s := base
		s.Params = map[string]float64{}
		for _, q := range mm.Params {
			if fixed[r.method+"/"+q.Name] {
				continue
			}
			v := randomParam(rng, q, side)
			if r.library == "doxa" && q.Max > doxaMaxWindow && (q.Odd || q.Name == "window" || q.Name == "distance") {
				v = randomParam(rng, algo.Param{Min: q.Min, Max: doxaMaxWindow, Integer: q.Integer, Odd: q.Odd}, side)
			}
			if r.library == "doxa" && strings.HasPrefix(r.method, "adotsu") && q.Name == "k" && v > 1 {
				v = rng.Float64() // k > 1 is undefined behaviour in Doxa's grid (the snippet says so)
			}
			s.Params[q.Name] = v
		}
		s.Type = types[rng.IntN(len(types))]
		if r.library != "doxa" {
			s.Maxval = rng.IntN(256)
			s.Dark = rng.IntN(2) == 0
		}
		if r.library == "opencv" {
			s.Blur = []int{0, 3, 5}[rng.IntN(3)]
		}
		states = append(states, s)
	}
	for _, s := range states {
		if code := Code(s).Code; strings.Contains(code, "Not reproduced") && r.library != "fiji" {
			t.Fatalf("%s: the test's view is one the snippet does not reproduce:\n%s", s.Hash(), code)
		}
	}
	return states
}

// randomParam draws a value of q: anywhere in its range, or half the time (a window, a radius, a
// block) at most side, the picture's smaller side.
func randomParam(rng *rand.Rand, q algo.Param, side int) float64 {
	lo, hi := q.Min, q.Max
	if (q.Integer || q.Odd) && hi-lo > float64(side) && rng.IntN(2) == 0 {
		hi = max(lo, float64(side))
	}
	if !q.Integer && !q.Odd {
		return lo + rng.Float64()*(hi-lo)
	}
	v := lo + float64(rng.IntN(int(hi-lo)+1))
	if q.Odd && int(v)%2 == 0 {
		if v+1 <= hi {
			v++
		} else {
			v--
		}
	}
	return v
}

// pick returns the cases of the libraries libs.
func pick(cases []*runCase, libs ...string) []*runCase {
	var out []*runCase
	for _, c := range cases {
		for _, l := range libs {
			if c.row.library == l {
				out = append(out, c)
			}
		}
	}
	return out
}

// python is the interpreter with Debian's python3-opencv and python3-skimage.
func python() string {
	if p := os.Getenv("PYTHON"); p != "" {
		return p
	}
	return "/usr/bin/python3"
}

// runPython runs the cases' snippets in one Python process that has module (Debian's pkg).
func runPython(ctx context.Context, work, module, pkg string, cases []*runCase) error {
	script, err := filepath.Abs(filepath.Join("testdata", "run_snippets.py"))
	if err != nil {
		return err
	}
	out := filepath.Join(work, module+".json")
	args := []string{script, module, out}
	for _, c := range cases {
		args = append(args, c.dir)
	}
	cmd := exec.CommandContext(ctx, python(), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 3 || os.IsNotExist(err) || strings.Contains(err.Error(), "not found") {
			return fmt.Errorf("%s cannot import %s (%v: %s): install Debian's %s (apt-get install %s; ./build.sh test installs it as root)",
				python(), module, err, strings.TrimSpace(stderr.String()), pkg, pkg)
		}
		return fmt.Errorf("%s %s: %v\n%s", python(), script, err, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	var res []struct {
		Level  []string `json:"level"`
		T      []string `json:"t"`
		Levels []string `json:"levels"`
		Error  string   `json:"error"`
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return err
	}
	if len(res) != len(cases) {
		return fmt.Errorf("%s: %d results for %d snippets", module, len(res), len(cases))
	}
	for i, c := range cases {
		c.err = res[i].Error
		c.levels = map[string][]string{}
		for k, v := range map[string][]string{"level": res[i].Level, "t": res[i].T, "levels": res[i].Levels} {
			if v != nil {
				c.levels[k] = v
			}
		}
	}
	return nil
}

// ijJar is ImageJ's jar: IJJAR, as in ./build.sh, or Debian's.
func ijJar() string {
	if j := os.Getenv("IJJAR"); j != "" {
		return j
	}
	return "/usr/share/java/ij.jar"
}

// runImageJ runs the cases' macros in one ImageJ (testdata/MacroRunner.java).
func runImageJ(ctx context.Context, work string, cases []*runCase) error {
	const pkgs = "install Debian's imagej, default-jdk-headless and xvfb (apt-get install imagej default-jdk-headless xvfb; ./build.sh test installs them as root)"
	if _, err := os.Stat(ijJar()); err != nil {
		return fmt.Errorf("ImageJ's jar: %v: %s", err, pkgs)
	}
	var tools []string
	for _, name := range []string{"java", "xvfb-run"} {
		p, err := exec.LookPath(name)
		if err != nil {
			return fmt.Errorf("%s is not installed: %s", name, pkgs)
		}
		tools = append(tools, p)
	}
	src, err := filepath.Abs(filepath.Join("testdata", "MacroRunner.java"))
	if err != nil {
		return err
	}
	dir := filepath.Join(work, "imagej")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	args := []string{"-a", tools[0], "-Djava.awt.headless=false", "-cp", ijJar(), src}
	for _, c := range cases {
		args = append(args, c.dir)
	}
	cmd := exec.CommandContext(ctx, tools[1], args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("xvfb-run java MacroRunner.java: %v\n%s", err, out)
	}
	for _, c := range cases {
		if b, err := os.ReadFile(filepath.Join(c.dir, "missing.txt")); err == nil {
			c.missing = strings.TrimSpace(string(b))
			continue
		}
		if b, err := os.ReadFile(filepath.Join(c.dir, "error.txt")); err == nil {
			c.err = string(b)
			continue
		}
		b, err := os.ReadFile(filepath.Join(c.dir, "vars.txt"))
		if err != nil {
			return fmt.Errorf("%s: the runner left neither vars.txt nor error.txt", c.dir)
		}
		c.levels = map[string][]string{}
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, "\t"); ok && k == "level" {
				c.levels[k] = []string{v}
			}
		}
	}
	return nil
}

// checkRunCases compares every case with limen and logs the table: method × library × views run ×
// pixels and levels differing.
func checkRunCases(t *testing.T, cases []*runCase) {
	t.Helper()
	type tally struct{ views, runs, pixels, levels, levelsChecked int }
	table := map[[2]string]*tally{}
	notRun := map[string]string{}
	for _, c := range cases {
		key := [2]string{c.row.method, c.row.library}
		if table[key] == nil {
			table[key] = &tally{}
		}
		tl := table[key]
		if c.missing != "" {
			if c.row.library != "fiji" || c.missing != "Auto Local Threshold" {
				t.Errorf("%s/%s: ImageJ (%s) lacks the command %q", c.row.method, c.row.library, ijJar(), c.missing)
			}
			notRun[c.row.method+"/"+c.row.library] = c.missing
			continue
		}
		where := fmt.Sprintf("%s/%s, view %s, picture %s", c.row.method, c.row.library, c.state.Hash(), c.pic.name)
		if c.err != "" {
			t.Errorf("%s: the snippet failed:\n%s\n--- snippet:\n%s", where, c.err, c.code)
			continue
		}
		tl.runs++
		var got []byte
		var err error
		if c.row.library == "doxa" {
			got, err = readPGM(filepath.Join(c.dir, "result.pgm"), c.pic.w, c.pic.h)
		} else {
			got, err = readResult(filepath.Join(c.dir, "result.png"), c.pic.w, c.pic.h)
		}
		if err != nil {
			t.Errorf("%s: %v\n--- snippet:\n%s", where, err, c.code)
			continue
		}
		diff, first := 0, -1
		for i, v := range got {
			if v != c.want.Pix[4*i] {
				diff++
				if first < 0 {
					first = i
				}
			}
		}
		tl.pixels += diff
		if diff > 0 {
			x, y := first%c.pic.w, first/c.pic.w
			t.Errorf("%s: %d pixels differ from limen's; the first at %d,%d: the snippet's %d, limen's %d (level %v)\n--- snippet:\n%s",
				where, diff, x, y, got[first], c.want.Pix[4*first], c.want.Level, c.code)
		}
		for k, vs := range c.levels {
			var want []float64
			switch {
			case k == "levels":
				for _, l := range c.want.Levels {
					want = append(want, float64(l))
				}
			default:
				want = []float64{c.want.Level}
			}
			tl.levelsChecked++
			if !sameLevels(vs, want) {
				tl.levels++
				t.Errorf("%s: the snippet's %s is %v, limen's %v\n--- snippet:\n%s", where, k, vs, want, c.code)
			}
		}
	}
	keys := make([][2]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][1] != keys[j][1] {
			return keys[i][1] < keys[j][1]
		}
		return keys[i][0] < keys[j][0]
	})
	var b strings.Builder
	b.WriteString("\n| method | library | snippets run | pixels differing | levels checked | levels differing |\n|---|---|---|---|---|---|\n")
	for _, k := range keys {
		tl := table[k]
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %d |\n", k[0], k[1], tl.runs, tl.pixels, tl.levelsChecked, tl.levels)
	}
	t.Log(b.String())
	var missing []string
	for k, v := range notRun {
		missing = append(missing, k+" (needs "+strconv.Quote(v)+")")
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Logf("not run: this ImageJ (%s) lacks the command, Fiji's Auto Local Threshold plugin: %s", ijJar(), strings.Join(missing, ", "))
	}
}

// sameLevels says whether the levels a library printed (Python's repr, ImageJ's number) are
// limen's, as float64.
func sameLevels(got []string, want []float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i, s := range got {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || v != want[i] {
			return false
		}
	}
	return true
}

// readResult reads the picture a snippet wrote: w × h gray values (a colour PNG must be gray).
func readResult(path string, w, h int) ([]byte, error) {
	f, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("no result: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(f))
	if err != nil {
		return nil, err
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		return nil, fmt.Errorf("the result is %d×%d, not %d×%d", b.Dx(), b.Dy(), w, h)
	}
	out := make([]byte, w*h)
	b := img.Bounds()
	for y := range h {
		for x := range w {
			c := color.NRGBA64Model.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA64)
			if c.R != c.G || c.G != c.B || c.A != 0xffff || c.R%257 != 0 {
				return nil, fmt.Errorf("the result's pixel %d,%d is not an 8-bit gray: %v", x, y, c)
			}
			out[y*w+x] = uint8(c.R / 257)
		}
	}
	return out, nil
}
