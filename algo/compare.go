package algo

// DiffRGBA compares two RGBA results of the same size pixel by pixel (their R channels, since
// results are gray) and writes the difference image into dst: white where exactly one of them is
// foreground (R > 127), mid gray where both are but their values differ, black where they agree.
// It returns the number of pixels that differ at all. All three slices have 4 bytes a pixel.
//
// It is the comparison the seed article makes between its Otsu and OpenCV's: an all-black
// difference means the two results are the same image.
func DiffRGBA(dst, a, b []byte) int {
	n := 0
	for i := 0; i+3 < len(a) && i+3 < len(b) && i+3 < len(dst); i += 4 {
		va, vb := a[i], b[i]
		var o uint8
		switch {
		case va == vb:
		case (va > 127) != (vb > 127):
			o = 255
			n++
		default:
			o = 128
			n++
		}
		dst[i], dst[i+1], dst[i+2], dst[i+3] = o, o, o, 255
	}
	return n
}
