package algo

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The differential test runs ImageJ 1.53t itself (testdata/imagej/IJLevels.java over Debian's
// imagej, /usr/share/java/ij.jar) on thousands of generated histograms and compares every ImageJ
// method of limen with it, tolerance 0. go test -short skips it; the plain test then checks the
// cases stored in testdata/imagej (see imagej_test.go). Without Java or ij.jar it fails, naming
// the Debian packages to install (./build.sh test installs them).
//
//	go test ./algo -run TestImageJDifferential -v                  # the full run (needs Java)
//	go test ./algo -run TestImageJDifferential -update-imagej      # also rewrites the stored cases

var updateImageJ = flag.Bool("update-imagej", false, "rewrite testdata/imagej/cases.* from ImageJ's answers")

// The ImageJ runner's source, and ImageJ's jar (IJJAR overrides it, as in ./build.sh).
const (
	ijRunnerSrc  = "testdata/imagej/IJLevels.java"
	defaultIJJar = "/usr/share/java/ij.jar"
	ijPackages   = "Debian's imagej and default-jdk-headless (apt-get install imagej default-jdk-headless; ./build.sh test installs them as root)"
)

// imagejGolden holds the stored cases: one histogram a line in IJLevels's input format, and
// IJLevels's output for it, line for line.
const (
	imagejGoldenIn  = "testdata/imagej/cases.txt"
	imagejGoldenOut = "testdata/imagej/cases.out.json"
)

// diffCase is one generated histogram and the family it comes from; fixed marks the hand-picked
// edge cases.
type diffCase struct {
	kind  string
	fixed bool
	h     Histogram
}

// diffHistograms generates the differential test's histograms, deterministically (a seeded PCG):
// the families below, count times over, plus fixed edge cases.
func diffHistograms() []diffCase {
	r := rand.New(rand.NewPCG(20240615, 1))
	var cases []diffCase
	fixed := true
	add := func(kind string, h Histogram) { cases = append(cases, diffCase{kind, fixed, h}) }

	// Fixed edge cases.
	var h Histogram
	add("all-zero", h)
	for _, b := range []int{0, 1, 2, 127, 128, 253, 254, 255} {
		for _, c := range []int{1, 2, 1000, math.MaxInt32} {
			h = Histogram{}
			h[b] = c
			add("one-bin", h)
		}
	}
	for _, c := range [][2]int{{1, 1}, {300, 700}, {700, 300}, {5, 5}, {1, math.MaxInt32}, {math.MaxInt32, math.MaxInt32}} {
		h = Histogram{}
		h[0], h[255] = c[0], c[1]
		add("0-and-255", h)
	}
	for _, p := range [][2]int{{0, 1}, {1, 2}, {0, 2}, {127, 128}, {254, 255}, {1, 254}, {50, 200}, {100, 101}} {
		for _, c := range [][2]int{{1, 1}, {300, 700}, {700, 300}, {1, 1000000}} {
			h = Histogram{}
			h[p[0]], h[p[1]] = c[0], c[1]
			add("two-bins", h)
		}
	}
	for _, c := range []int{1, 7, 100000, 8388608, math.MaxInt32} {
		for i := range h {
			h[i] = c
		}
		add("flat", h)
	}
	h = Histogram{}
	for i := 10; i <= 20; i++ {
		h[i] = 5
	}
	add("flat-range", h)

	// Random families.
	fixed = false
	counts := func() int { // a count scale: tiny to huge
		switch r.IntN(5) {
		case 0:
			return 1 + r.IntN(3)
		case 1:
			return 1 + r.IntN(100)
		case 2:
			return 1 + r.IntN(10000)
		case 3:
			return 1 + r.IntN(1000000)
		default:
			return 1 + r.IntN(20000000)
		}
	}
	gauss := func(h *Histogram, n int, mu, sigma float64) {
		for i := range h {
			z := (float64(i) - mu) / sigma
			h[i] += int(math.Round(float64(n) * math.Exp(-z*z/2) / (sigma * math.Sqrt(2*math.Pi))))
		}
	}
	for k := 0; k < 200; k++ {
		// One bin anywhere.
		h = Histogram{}
		h[r.IntN(256)] = counts()
		add("one-bin", h)

		// Two bins anywhere (sometimes equal counts).
		h = Histogram{}
		a, b := r.IntN(256), r.IntN(256)
		h[a] = counts()
		if r.IntN(3) == 0 {
			h[b] = h[a]
		} else {
			h[b] += counts()
		}
		add("two-bins", h)

		// Mass at 0 and 255 only, or with a few pixels in between.
		h = Histogram{}
		h[0], h[255] = counts(), counts()
		if r.IntN(2) == 0 {
			h[1+r.IntN(254)] = 1 + r.IntN(3)
		}
		add("0-and-255", h)

		// Sparse: 3 to 20 bins.
		h = Histogram{}
		for j := 3 + r.IntN(18); j > 0; j-- {
			h[r.IntN(256)] = counts()
		}
		add("sparse", h)

		// Sparse with tiny counts.
		h = Histogram{}
		for j := 1 + r.IntN(8); j > 0; j-- {
			h[r.IntN(256)] = 1 + r.IntN(2)
		}
		add("tiny", h)

		// Dense: every bin random.
		h = Histogram{}
		scale := counts()
		for i := range h {
			h[i] = r.IntN(scale + 1)
		}
		add("dense", h)

		// Dense and huge: counts around 10⁷ in every bin (ImageJ's int sums wrap).
		h = Histogram{}
		for i := range h {
			h[i] = 5000000 + r.IntN(10000000)
		}
		add("huge", h)

		// Gaussian mixtures, 1 to 3 components, on a noise floor or not.
		h = Histogram{}
		for j := 1 + r.IntN(3); j > 0; j-- {
			gauss(&h, counts()*(1+r.IntN(100)), r.Float64()*300-20, 1+r.Float64()*r.Float64()*60)
		}
		if r.IntN(2) == 0 {
			for i := range h {
				h[i] += r.IntN(3)
			}
		}
		add("gaussian", h)

		// Spikes on noise.
		h = Histogram{}
		noise := 1 + r.IntN(50)
		for i := range h {
			h[i] = r.IntN(noise)
		}
		for j := 1 + r.IntN(4); j > 0; j-- {
			h[r.IntN(256)] += counts() * (1 + r.IntN(50))
		}
		add("spikes", h)

		// A contiguous range, flat or random, sometimes mirrored to make exact ties.
		h = Histogram{}
		lo := r.IntN(256)
		hi := min(255, lo+r.IntN(40))
		c := counts()
		for i := lo; i <= hi; i++ {
			h[i] = c
			if r.IntN(2) == 0 {
				h[i] = 1 + r.IntN(c)
			}
		}
		if r.IntN(2) == 0 {
			for i := 0; i < 128; i++ {
				v := max(h[i], h[255-i])
				h[i], h[255-i] = v, v
			}
		}
		add("range", h)
	}
	return cases
}

// ijRunner compiles IJLevels.java into a temporary folder and returns the command that runs it
// (ImageJ's version is logged); a missing java, javac or ij.jar fails the test with the packages
// to install.
func ijRunner(t *testing.T, ctx context.Context) *exec.Cmd {
	t.Helper()
	jar := os.Getenv("IJJAR")
	if jar == "" {
		jar = defaultIJJar
	}
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("ImageJ's jar is missing (%v): install %s, or set IJJAR to an ImageJ 1.53t ij.jar; go test -short leaves this test out", err, ijPackages)
	}
	var tools [2]string
	for i, name := range []string{"javac", "java"} {
		p, err := exec.LookPath(name)
		if err != nil {
			t.Fatalf("%s is missing (%v): install %s; go test -short leaves this test out", name, err, ijPackages)
		}
		tools[i] = p
	}
	src, err := filepath.Abs(ijRunnerSrc)
	if err != nil {
		t.Fatal(err)
	}
	classes := t.TempDir()
	if out, err := exec.CommandContext(ctx, tools[0], "-nowarn", "-cp", jar, "-d", classes, src).CombinedOutput(); err != nil {
		t.Fatalf("javac %s: %v\n%s", ijRunnerSrc, err, out)
	}
	run := func(args ...string) *exec.Cmd {
		args = append([]string{"-Djava.awt.headless=true", "-Xss16m", "-cp", jar + string(filepath.ListSeparator) + classes, "IJLevels"}, args...)
		return exec.CommandContext(ctx, tools[1], args...)
	}
	ver, err := run("--version").Output()
	if err != nil {
		t.Fatalf("IJLevels --version: %v", err)
	}
	t.Logf("ImageJ %s (%s), the references are 1.53t", bytes.TrimSpace(ver), jar)
	return run()
}

func histLine(h *Histogram) string {
	var b strings.Builder
	for i, c := range h {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(c))
	}
	return b.String()
}

// parseIJLine reads one line of IJLevels's output: method name → level, nil for null (a method
// that threw). Keys starting with "_" (extra fields some runners add) are left out.
func parseIJLine(line []byte) (map[string]*int, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return nil, err
	}
	m := make(map[string]*int, len(raw))
	for k, v := range raw {
		if strings.HasPrefix(k, "_") {
			continue
		}
		var p *int
		if err := json.Unmarshal(v, &p); err != nil {
			return nil, fmt.Errorf("%s: %v", k, err)
		}
		m[k] = p
	}
	return m, nil
}

func TestImageJDifferential(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the full differential run needs ImageJ and a JDK; the stored cases are checked by TestImageJStoredCases")
	}
	// The deadline kills ImageJ should one of its methods never return.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := ijRunner(t, ctx)
	// ImageJ's MinError never returns on histograms where its levels cycle (see MinError): those
	// must not reach ImageJ. The generator makes none today; this keeps a change from hanging.
	var cases []diffCase
	for _, c := range diffHistograms() {
		d := javaCounts(&c.h)
		if _, cycles := minErrorCycle(&d); cycles {
			t.Logf("left out (ImageJ's MinError would never return): %s", histLine(&c.h))
			continue
		}
		cases = append(cases, c)
	}
	in := filepath.Join(t.TempDir(), "hists.txt")
	var buf bytes.Buffer
	for i := range cases {
		buf.WriteString(histLine(&cases[i].h))
		buf.WriteByte('\n')
	}
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	// ImageJ runs while limen computes.
	start := time.Now()
	cmd.Stdin = f
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("cannot run ImageJ's runner: %v", err)
	}
	// ImageJ's answer as limen computes it (the exported functions only clamp it to 0..255, which
	// TestImageJStoredCases checks).
	got := make([][]int, len(cases))
	for i := range cases {
		got[i] = make([]int, len(imagejTable))
		d := javaCounts(&cases[i].h)
		for j, m := range imagejTable {
			got[i][j] = ijResult(m.raw(&d))
		}
	}
	goTime := time.Since(start)
	if err := cmd.Wait(); err != nil {
		if ctx.Err() != nil {
			t.Fatalf("ImageJ's runner did not finish within 5 minutes (a histogram on which an ImageJ method loops forever?)")
		}
		t.Fatalf("ImageJ's runner failed: %v\n%s", err, stderr.String())
	}
	t.Logf("%d histograms; limen %v, limen and ImageJ together %v", len(cases), goTime.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))

	lines := bytes.Split(bytes.TrimSpace(stdout.Bytes()), []byte("\n"))
	if len(lines) != len(cases) {
		t.Fatalf("ImageJ gave %d lines for %d histograms", len(lines), len(cases))
	}
	bad, outside := map[string]int{}, map[string]int{}
	keep := make([]bool, len(cases)) // the cases to store
	for i, line := range lines {
		want, err := parseIJLine(line)
		if err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, line)
		}
		for j, m := range imagejTable {
			w := imagejWant(want, m.ij)
			if w < 0 || w > 255 {
				if outside[m.id]++; outside[m.id] <= 10 {
					keep[i] = true
				}
			}
			if got[i][j] != w {
				keep[i] = true
				if bad[m.id]++; bad[m.id] <= 3 {
					t.Errorf("%s on case %d (%s): limen computes %d, ImageJ %d\nhistogram: %s", m.id, i, cases[i].kind, got[i][j], w, histLine(&cases[i].h))
				}
			}
		}
		keep[i] = keep[i] || cases[i].fixed || i%16 == 0
	}
	for _, m := range imagejTable {
		if bad[m.id] > 0 {
			t.Errorf("%s: %d of %d histograms differ from ImageJ", m.id, bad[m.id], len(cases))
		}
		if outside[m.id] > 0 {
			t.Logf("%s: ImageJ's level is outside 0..255 on %d histograms (limen clamps it)", m.id, outside[m.id])
		}
	}
	if *updateImageJ {
		writeImageJGolden(t, cases, lines, keep)
	}
}

// imagejWant is ImageJ's level for method name ij in one output line: a method that threw
// (Intermodes on an empty histogram) counts as 0, limen's documented answer.
func imagejWant(out map[string]*int, ij string) int {
	if v := out[ij]; v != nil {
		return *v
	}
	return 0
}

// writeImageJGolden stores the kept cases (every fixed edge case, every sixteenth case, the
// first ten where ImageJ's level is outside 0..255, and any that differ) with ImageJ's answers.
func writeImageJGolden(t *testing.T, cases []diffCase, lines [][]byte, keep []bool) {
	var in, out bytes.Buffer
	n := 0
	for i, c := range cases {
		if !keep[i] {
			continue
		}
		fmt.Fprintf(&in, "%s\n", histLine(&c.h))
		fmt.Fprintf(&out, "%s\n", lines[i])
		n++
	}
	if err := os.MkdirAll(filepath.Dir(imagejGoldenIn), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(imagejGoldenIn, in.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(imagejGoldenOut, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d cases to %s", n, imagejGoldenIn)
}

// readHistLines reads histograms in IJLevels's input format.
func readHistLines(t testing.TB, path string) []Histogram {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var hs []Histogram
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		fields := strings.FieldsFunc(sc.Text(), func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 256 {
			t.Fatalf("%s: a line with %d counts", path, len(fields))
		}
		var h Histogram
		for i, s := range fields {
			c, err := strconv.Atoi(s)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			h[i] = c
		}
		hs = append(hs, h)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return hs
}
