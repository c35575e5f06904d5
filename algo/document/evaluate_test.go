package document

import (
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"limen/algo"
)

// TestEvaluateGenerated scores Doxa's binarizations of generated pages against the generator's
// ground truth with algo.Evaluate and compares every figure with Doxa's own (testdata/doxa, made by
// its gen.sh with the oracle's doxaref): counts and DRD's integer parts exactly, the rest within
// 1e-9 relative. The pages are made again here, so this also checks that the generator still
// makes the pages Doxa saw.
func TestEvaluateGenerated(t *testing.T) {
	dir := filepath.Join("testdata", "doxa")
	raw, err := os.ReadFile(filepath.Join(dir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []struct {
			ID     string         `json:"id"`
			Seed   uint64         `json:"seed"`
			Binary string         `json:"binary"`
			Light  bool           `json:"light"`
			Result map[string]any `json:"result"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	pages := map[uint64][2]*image.Gray{}
	checked := 0
	for _, c := range file.Cases {
		pt, ok := pages[c.Seed]
		if !ok {
			switch c.Seed {
			case 1:
				pt[0], pt[1] = gen(t, 1, SampleWidth, SampleHeight, Defaults())
			case 4:
				pt[0], pt[1] = gen(t, 4, 640, 480, Degradations{Illumination: 1, Stain: 1, BleedThrough: 1, Fading: 0.6, Blur: 1.5, Noise: 20})
			default:
				t.Fatalf("%s: no page for seed %d", c.ID, c.Seed)
			}
			pages[c.Seed] = pt
		}
		bin := pt[0]
		if c.Binary != "doc-1.png" && c.Binary != "doc-4.png" {
			bin = readGray(t, filepath.Join(dir, c.Binary))
		}
		s, err := algo.Evaluate(bin, pt[1], algo.EvalOptions{LightForeground: c.Light})
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		got := map[string]float64{
			"tp": float64(s.TP), "fp": float64(s.FP), "tn": float64(s.TN), "fn": float64(s.FN),
			"accuracy": s.Accuracy, "precision": s.Precision, "recall": s.Recall, "fmeasure": s.FMeasure,
			"psnr": s.PSNR, "nrm": s.NRM, "mcc": s.MCC, "drd": s.DRD,
			"width": float64(bin.Rect.Dx()), "height": float64(bin.Rect.Dy()),
		}
		for k, v := range c.Result {
			if k == "doxa" {
				parts := v.(map[string]any)
				if parts["sumDRDk"].(float64) != float64(s.SumDRDk) || parts["nubn"].(float64) != float64(s.NUBN) {
					t.Errorf("%s: DRD parts %d/%d, Doxa %v", c.ID, s.SumDRDk, s.NUBN, parts)
				}
				continue
			}
			want, ok := v.(float64)
			if !ok {
				if v != "Infinity" {
					t.Fatalf("%s: %s = %v", c.ID, k, v)
				}
				want = math.Inf(1)
			}
			g, ok := got[k]
			if !ok {
				t.Errorf("%s: no figure %s", c.ID, k)
				continue
			}
			if want == 0 || math.IsInf(want, 0) {
				if g != want {
					t.Errorf("%s: %s = %v, Doxa %v", c.ID, k, g, want)
				}
			} else if math.Abs(g-want) > 1e-9*math.Abs(want) {
				t.Errorf("%s: %s = %.17g, Doxa %.17g", c.ID, k, g, want)
			}
		}
		checked++
	}
	if checked < 20 {
		t.Fatalf("checked %d cases", checked)
	}
}

// readGray decodes a PNG as gray by its red channel.
func readGray(t *testing.T, path string) *image.Gray {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	r := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := 0; y < r.Dy(); y++ {
		for x := 0; x < r.Dx(); x++ {
			g.Pix[y*g.Stride+x] = color.NRGBAModel.Convert(img.At(r.Min.X+x, r.Min.Y+y)).(color.NRGBA).R
		}
	}
	return g
}
