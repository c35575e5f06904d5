// Command docsamples writes the document samples, web/samples/doc-<seed>.png and their ground truth
// doc-<seed>_gt.png, for document.SampleSeeds at document.SampleWidth × SampleHeight with the
// default degradations. Run it from the repository's root after changing the generator:
//
//	go run ./algo/document/cmd/docsamples
//	go test ./algo/document -run Samples
//
// With -seed it writes that one page instead, of -size and -d (illumination, stain, bleed-through,
// fading, blur, noise), e.g. -seed 4 -size 640x480 -d 1,1,1,0.6,1.5,20.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"limen/algo/document"
)

func write(path string, g *image.Gray) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, g); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func main() {
	dir := flag.String("dir", "web/samples", "where to write the samples")
	one := flag.Uint64("seed", 0, "write only this seed's page (0: the samples)")
	size := flag.String("size", "", "WxH of the -seed page (default the samples' size)")
	degr := flag.String("d", "", "the -seed page's six degradations, comma-separated (default the defaults)")
	flag.Parse()
	seeds, w, h, d := document.SampleSeeds, document.SampleWidth, document.SampleHeight, document.Defaults()
	if *one != 0 {
		seeds = []uint64{*one}
		if *size != "" {
			if _, err := fmt.Sscanf(*size, "%dx%d", &w, &h); err != nil {
				fmt.Fprintln(os.Stderr, "docsamples: -size:", err)
				os.Exit(2)
			}
		}
		if *degr != "" {
			f := strings.Split(*degr, ",")
			if len(f) != 6 {
				fmt.Fprintln(os.Stderr, "docsamples: -d wants six numbers")
				os.Exit(2)
			}
			v := make([]float64, 6)
			for i := range f {
				var err error
				if v[i], err = strconv.ParseFloat(f[i], 64); err != nil {
					fmt.Fprintln(os.Stderr, "docsamples: -d:", err)
					os.Exit(2)
				}
			}
			d = document.Degradations{Illumination: v[0], Stain: v[1], BleedThrough: v[2], Fading: v[3], Blur: v[4], Noise: v[5]}
		}
	}
	for _, seed := range seeds {
		page, truth, err := document.Generate(seed, w, h, d)
		if err != nil {
			fmt.Fprintln(os.Stderr, "docsamples:", err)
			os.Exit(1)
		}
		stem := filepath.Join(*dir, fmt.Sprintf("doc-%d", seed))
		for _, out := range []struct {
			path string
			g    *image.Gray
		}{{stem + ".png", page}, {stem + "_gt.png", truth}} {
			if err := write(out.path, out.g); err != nil {
				fmt.Fprintln(os.Stderr, "docsamples:", err)
				os.Exit(1)
			}
			fmt.Println("wrote", out.path)
		}
	}
}
