package state

import (
	"strings"
	"testing"
)

func TestParseRoundTrip(t *testing.T) {
	for _, h := range []string{
		"#sample=camera&method=otsu&type=binary",
		"#sample=coins&method=manual&type=trunc&maxval=200&dark=1&noise=20,3,7&blur=5&level=100",
		"#sample=text&method=max-entropy&type=binary&ignoreZero=1&offset=30",
		"#sample=uneven_text&method=iterative&type=binary-inv&resize=0.3",
		"#sample=camera&method=iterative&type=binary&hist=1&steps=1",
		"#sample=coins&method=otsu&type=binary&hist=1&compare=opencv",
		"#sample=bimodal_noise&method=otsu&type=binary&hist=1&noise=50,0,1&blur=5&compare=clean",
		"#sample=coins&method=otsu&reference=doxa&type=binary",
		"#sample=camera&alpha=white&method=otsu&type=binary",
		"#sample=coins&alpha=black&method=li&type=binary",
	} {
		s, ignored := Parse(h)
		if len(ignored) > 0 {
			t.Errorf("%s: ignored %v", h, ignored)
		}
		if got := s.Hash(); got != h {
			t.Errorf("Parse(%q).Hash() = %q", h, got)
		}
	}
}

func TestParseGarbage(t *testing.T) {
	for _, c := range []struct {
		hash    string
		ignored string
	}{
		{"#method=nope", "method"},
		{"#sample=../../etc/passwd", "sample"},
		{"#type=sideways", "type"},
		{"#maxval=999", "maxval"},
		{"#method=manual&level=300", "level"},
		{"#method=otsu&level=3", "level"}, // otsu has no level
		{"#noise=a,b,c", "noise"},
		{"#blur=4", "blur"},
		{"#dark=maybe", "dark"},
		{"#compare=matlab", "compare"},
		{"#alpha=red", "alpha"},
		{"#method=otsu&reference=matlab", "reference"},
		{"#method=manual&reference=doxa", "reference"},
		{"#hist=2", "hist"},
		{"#%zz", "hash"},
		{"#<script>alert(1)</script>", "<script>"},
	} {
		s, ignored := Parse(c.hash)
		if !strings.Contains(strings.Join(ignored, "\n"), c.ignored) {
			t.Errorf("%s: ignored %v, want %q among them", c.hash, ignored, c.ignored)
		}
		if s.Method == "" || s.Type == "" {
			t.Errorf("%s: the defaults were lost: %+v", c.hash, s)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("#sample=coins&method=otsu&type=binary")
	f.Add("#method=manual&level=12.5&noise=1,2,3")
	f.Add("#%%&&==")
	f.Add("#method=otsu&reference=doxa&type=tozero")
	f.Fuzz(func(t *testing.T, hash string) {
		s, _ := Parse(hash)
		// Whatever came in, the state is valid: its own hash parses back to it, ignoring nothing.
		s2, ignored := Parse(s.Hash())
		if len(ignored) > 0 {
			t.Fatalf("%q → %q: ignored %v", hash, s.Hash(), ignored)
		}
		if s2.Hash() != s.Hash() {
			t.Fatalf("%q: %q then %q", hash, s.Hash(), s2.Hash())
		}
	})
}
