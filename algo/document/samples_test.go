package document

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// TestSamples checks that the committed samples in web/samples are what the generator gives (remake
// them with go run ./algo/document/cmd/docsamples).
func TestSamples(t *testing.T) {
	dir := filepath.Join("..", "..", "web", "samples")
	checked := 0
	for _, seed := range SampleSeeds {
		page, truth := gen(t, seed, SampleWidth, SampleHeight, Defaults())
		for _, c := range []struct {
			name string
			want *image.Gray
		}{{fmt.Sprintf("doc-%d.png", seed), page}, {fmt.Sprintf("doc-%d_gt.png", seed), truth}} {
			f, err := os.Open(filepath.Join(dir, c.name))
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(f)
			f.Close()
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			g, ok := img.(*image.Gray)
			if !ok || g.Rect != c.want.Rect {
				t.Fatalf("%s: a %T of %v, want an 8-bit gray %v", c.name, img, img.Bounds(), c.want.Rect)
			}
			for y := 0; y < SampleHeight; y++ {
				for x := 0; x < SampleWidth; x++ {
					if a, b := g.GrayAt(x, y).Y, c.want.GrayAt(x, y).Y; a != b {
						t.Fatalf("%s: (%d, %d) is %d, the generator gives %d: run go run ./algo/document/cmd/docsamples", c.name, x, y, a, b)
					}
				}
			}
			checked++
		}
	}
	if checked != 2*len(SampleSeeds) || checked == 0 {
		t.Fatalf("checked %d files", checked)
	}
}
