// Generated from wasm/internal/samples (samples_test.go): the bundled samples, for the service
// worker's precache list.
self.LIMEN_SAMPLES = ["samples/camera.png", "samples/coins.png", "samples/text.png", "samples/uneven_text.png", "samples/bimodal_noise.png", "samples/chelsea.png", "samples/doc-1.png", "samples/doc-1_gt.png", "samples/doc-2.png", "samples/doc-2_gt.png", "samples/doc-3.png", "samples/doc-3_gt.png"];
