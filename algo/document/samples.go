package document

// The document samples shipped with the page (web/samples/doc-<seed>.png and doc-<seed>_gt.png):
// these seeds at this size with the default degradations. cmd/docsamples writes them;
// TestSamples checks that the committed files are what Generate gives.
var (
	SampleSeeds               = []uint64{1, 2, 3}
	SampleWidth, SampleHeight = 720, 504
)
