package algo

import "image"

// GaussianBlur blurs src into dst (same bounds) as OpenCV 4.6's GaussianBlur on 8-bit data.
// Placeholder: being written (fixed-point path); it panics until then.
func GaussianBlur(dst, src *image.Gray, ksize int, sigma float64) {
	panic("algo: GaussianBlur is not written yet")
}
