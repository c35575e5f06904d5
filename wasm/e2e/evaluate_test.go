//go:build !js

package e2e

import (
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"limen/algo"
)

// labDir holds the pages, their ground truth and weights, binarizations of them, and Doxa's scores
// of each (metrics.json, made by Doxa's reference program: see its README).
const labDir = "../../algo/testdata/lab"

// labHandler serves labDir at /__lab/, and each weights file decompressed and parsed as raw
// little-endian float64s at /__lab/f64/<path without .gz>, which the page reads into a Float64Array.
func labHandler() http.Handler {
	files := http.StripPrefix("/__lab/", http.FileServer(http.Dir(labDir)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, "/__lab/f64/")
		if !ok {
			files.ServeHTTP(w, r)
			return
		}
		f, err := os.Open(filepath.Join(labDir, filepath.Clean("/"+rest)+".gz"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		ws, err := algo.ParseWeights(zr, -1)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		buf := make([]byte, 8*len(ws))
		for i, v := range ws {
			binary.LittleEndian.PutUint64(buf[8*i:], math.Float64bits(v))
		}
		w.Write(buf)
	})
}

// limen.evaluate in the browser gives Doxa's figures (metrics.json) on the lab's pages, with and
// without weights, within 1e-9 relative (counts exactly), and bad input throws an Error that says
// what is wrong.
func TestEvaluateMatchesDoxa(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	b, err := os.ReadFile(filepath.Join(labDir, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Metrics []struct {
			ID, Binary, GT string
			Options        map[string]any
			Weights        *struct {
				Precision string `json:"precision"`
				Recall    string `json:"recall"`
			}
			Expected map[string]any
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	tb := apiTab(t)
	eval[bool](tb, `(window.E = {
	  async f64(path) { return new Float64Array(await (await fetch('/__lab/f64/' + path.replace(/\.gz$/, ''))).arrayBuffer()); },
	  async run(c) {
	    const [bin, gt] = await Promise.all([T.pixels('/__lab/' + c.binary), T.pixels('/__lab/' + c.gt)]);
	    const o = Object.assign({}, c.options);
	    if (c.weights) o.weights = {precision: await E.f64(c.weights.precision), recall: await E.f64(c.weights.recall)};
	    const r = limen.evaluate(bin, gt, o);
	    for (const k in r) if (!Number.isFinite(r[k])) r[k] = String(r[k]);   // JSON has no Infinity
	    return r;
	  },
	}, true)`)
	n := 0
	for i, c := range doc.Metrics {
		// Every third case (the cases alternate with and without weights, so both kinds count);
		// algo's tests check them all natively.
		if i%3 != 0 {
			continue
		}
		n++
		arg, _ := json.Marshal(map[string]any{"binary": c.Binary, "gt": c.GT, "options": c.Options, "weights": c.Weights})
		got := eval[map[string]any](tb, fmt.Sprintf(`E.run(%s)`, arg))
		if len(got) != len(c.Expected) {
			t.Errorf("%s: %d figures %v, want %d", c.ID, len(got), got, len(c.Expected))
		}
		for k, want := range c.Expected {
			if !sameFigure(got[k], want) {
				t.Errorf("%s: %s = %v, Doxa %v", c.ID, k, got[k], want)
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d cases checked", n)
	}

	// Bad input.
	for _, c := range []struct{ call, want string }{
		{`limen.evaluate(new ImageData(2, 2), new ImageData(3, 2))`, "same size"},
		{`limen.evaluate(new ImageData(2, 2))`, "two ImageData"},
		{`limen.evaluate(new ImageData(2, 2), 'x')`, "ground truth must be an ImageData"},
		{`limen.evaluate(new ImageData(2, 2), new ImageData(2, 2), {weights: {precision: [1, 2, 3, 4], recall: [1]}})`, "weights.recall has 1 values"},
		{`limen.evaluate(new ImageData(2, 2), new ImageData(2, 2), {weights: {precision: [1, 2, 3, 4]}})`, "weights.recall must be"},
		{`limen.evaluate(new ImageData(2, 2), new ImageData(2, 2), {foreground: 'blue'})`, "foreground must be"},
	} {
		if msg := eval[string](tb, `T.error(() => `+c.call+`)`); !strings.Contains(msg, c.want) {
			t.Errorf("%s: %q, want it to say %q", c.call, msg, c.want)
		}
	}
	if r := eval[float64](tb, `limen.evaluate(new ImageData(4, 4), new ImageData(4, 4)).accuracy`); r != 100 {
		t.Errorf("the call after the errors: accuracy %v", r)
	}
}

// sameFigure compares one score: counts exactly, the rest within 1e-9 relative, "Infinity" as such.
func sameFigure(got, want any) bool {
	switch w := want.(type) {
	case string:
		return got == w
	case float64:
		g, ok := got.(float64)
		if !ok {
			return false
		}
		if w == math.Trunc(w) && math.Abs(w) < 1e15 && g == w {
			return true
		}
		return math.Abs(g-w) <= 1e-9*math.Max(math.Abs(w), 1e-300)
	}
	return false
}
