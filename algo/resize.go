package algo

import "image"

// ResizeBilinear resizes src into dst (dst's bounds give the size) as OpenCV 4.6's
// resize(INTER_LINEAR) on 8-bit data. Placeholder: being written; it panics until then.
func ResizeBilinear(dst, src *image.Gray) {
	panic("algo: ResizeBilinear is not written yet")
}
