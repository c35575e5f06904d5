package algo

import "testing"

func TestDiffRGBA(t *testing.T) {
	px := func(vs ...uint8) []byte {
		var b []byte
		for _, v := range vs {
			b = append(b, v, v, v, 255)
		}
		return b
	}
	a := px(0, 255, 255, 10, 200)
	b := px(0, 255, 0, 20, 201)
	dst := make([]byte, len(a))
	if n := DiffRGBA(dst, a, b); n != 3 {
		t.Errorf("%d pixels differ, want 3", n)
	}
	want := px(0, 0, 255, 128, 128)
	if string(dst) != string(want) {
		t.Errorf("difference image %v, want %v", dst, want)
	}
}
