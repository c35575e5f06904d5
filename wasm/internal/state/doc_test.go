package state

import (
	"strings"
	"testing"

	"limen/algo/document"
)

// TestDocKey: the doc key carries the generated page whole (seed and six degradations), replaces
// the sample, takes a short form with the rest at their defaults, and is ignored whole, with the
// reason, when a part is out of range.
func TestDocKey(t *testing.T) {
	h := "#doc=7,0.9,0,1,0.25,2.5,20&method=sauvola&type=binary"
	s, ignored := Parse(h)
	if len(ignored) > 0 {
		t.Fatalf("%s: ignored %v", h, ignored)
	}
	want := Doc{Seed: 7, D: document.Degradations{Illumination: 0.9, Stain: 0, BleedThrough: 1, Fading: 0.25, Blur: 2.5, Noise: 20}}
	if s.Doc == nil || *s.Doc != want || s.Sample != "" {
		t.Fatalf("%s: doc %+v sample %q", h, s.Doc, s.Sample)
	}
	if got := s.Hash(); got != h {
		t.Errorf("Hash() = %q, want %q", got, h)
	}

	s, ignored = Parse("#sample=coins&doc=3")
	if len(ignored) > 0 || s.Doc == nil || *s.Doc != (Doc{Seed: 3, D: document.Defaults()}) || s.Sample != "" {
		t.Errorf("doc=3: %+v %v", s, ignored)
	}
	if got := s.Hash(); !strings.HasPrefix(got, "#doc=3,0.5,0.5,0.4,0.3,0.8,6&") {
		t.Errorf("doc=3 written back as %q", got)
	}

	for _, v := range []string{"-1", "1.5", "x", "1,2", "1,0.5,0.5,0.5,0.5,5", "1,0,0,0,0,0,51", "1,0,0,0,0,0,0,0", "1,NaN", "9007199254740993"} {
		s, ignored := Parse("#doc=" + v)
		if s.Doc != nil || !strings.Contains(strings.Join(ignored, "\n"), "doc: must be seed") {
			t.Errorf("doc=%s: doc %+v, ignored %v", v, s.Doc, ignored)
		}
		if s.Sample != Default().Sample {
			t.Errorf("doc=%s ignored, yet the sample is %q", v, s.Sample)
		}
	}
}
