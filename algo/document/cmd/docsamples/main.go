// Command docsamples writes the document samples, web/samples/doc-<seed>.png and their ground truth
// doc-<seed>_gt.png, for document.SampleSeeds at document.SampleWidth × SampleHeight with the
// default degradations. Run it from the repository's root after changing the generator:
//
//	go run ./algo/document/cmd/docsamples
//	go test ./algo/document -run Samples
package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"

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
	flag.Parse()
	for _, seed := range document.SampleSeeds {
		page, truth, err := document.Generate(seed, document.SampleWidth, document.SampleHeight, document.Defaults())
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
