package call

import (
	"strings"
	"testing"

	"limen/algo"
	"limen/wasm/internal/state"
)

// Every method × reference of the registry has its row, unless no library computes it (the book's
// methods, Wolf–Jolion's paper); and no row names a method or library the registry lacks.
func TestEveryReferenceHasACall(t *testing.T) {
	seen := map[row]bool{}
	for _, m := range algo.Methods() {
		for _, lib := range m.Libraries() {
			r, ok := lookup(m.ID, lib)
			none := lib == "gw" || lib == "paper"
			if ok == none {
				t.Errorf("%s with %s: row %v, want one: %v", m.ID, lib, ok, !none)
			}
			seen[r] = true
			s := state.Default()
			s.Method = m.ID
			if lib != m.Library {
				s.Reference = lib
			}
			sn := Code(s)
			if sn.Library != lib || (sn.Lang == "") != none || sn.Code == "" {
				t.Errorf("%s with %s: %+v", m.ID, lib, sn)
			}
			if strings.Contains(sn.Code, "{") && sn.Lang != "C++" || strings.Contains(sn.Code, "{params}") || strings.Contains(sn.Code, "{type}") {
				t.Errorf("%s with %s: a placeholder is left:\n%s", m.ID, lib, sn.Code)
			}
		}
	}
	for _, r := range rows {
		if !seen[r] {
			t.Errorf("row %s/%s is for no method × reference of the registry", r.method, r.library)
		}
	}
}

// Every parameter of a method appears in its call with its value (a value other than the default,
// so that a call that ignored the state would fail), or, where the library fixes it (Fiji's
// Phansalkar p and q), the call says it is not reproduced.
func TestCallsCarryTheirParameters(t *testing.T) {
	for _, m := range algo.Methods() {
		for _, lib := range m.Libraries() {
			if _, ok := lookup(m.ID, lib); !ok {
				continue
			}
			mm, _ := m.As(lib)
			s := state.Default()
			s.Method = m.ID
			if lib != m.Library {
				s.Reference = lib
			}
			s.Params = map[string]float64{}
			for _, p := range mm.Params {
				v := p.Max // a value of the parameter other than its default
				if v == p.Default {
					v = p.Min
				}
				s.Params[p.Name] = v
			}
			code := Code(s).Code
			for _, p := range mm.Params {
				if fixed[m.ID+"/"+p.Name] {
					if !strings.Contains(code, "//   - "+p.Name+" = "+ftoa(s.Params[p.Name])) {
						t.Errorf("%s: %s, which Fiji fixes, is not said to be left out:\n%s", m.ID, p.Name, code)
					}
					continue
				}
				want := ftoa(s.Params[p.Name])
				name := p.Name
				if n, ok := doxaNames[name]; ok {
					name = n
				}
				switch {
				case lib == "doxa" && !strings.Contains(code, `{"`+name+`", `+want+`}`):
					t.Errorf("%s with doxa: no {%q, %s} in\n%s", m.ID, name, want, code)
				case lib != "doxa" && !strings.Contains(code, want):
					t.Errorf("%s with %s: %s = %s missing from\n%s", m.ID, lib, p.Name, want, code)
				}
			}
		}
	}
}

// The calls of a few views, whole: these are what a student copies.
func TestCallText(t *testing.T) {
	cases := []struct {
		hash, lang, code string
	}{
		{"method=otsu&type=binary", "Python", `import cv2

gray = cv2.cvtColor(cv2.imread("picture.png"), cv2.COLOR_BGR2GRAY)
level, result = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
cv2.imwrite("result.png", result)
`},
		{"method=otsu&type=binary&dark=1&maxval=200&blur=5", "Python", `import cv2

gray = cv2.cvtColor(cv2.imread("picture.png"), cv2.COLOR_BGR2GRAY)
gray = cv2.GaussianBlur(gray, (5, 5), 0)
level, result = cv2.threshold(gray, 0, 200, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
cv2.imwrite("result.png", result)
`},
		{"method=sauvola&window=25&k=0.3", "Python", `import numpy as np
from skimage import filters, io

img = io.imread("picture.png")
# limen's gray: OpenCV's BT.601 in fixed point (a gray picture stays as it is)
gray = img if img.ndim == 2 else ((img[..., :3].astype(np.int64) @ [9798, 19235, 3735] + 16384) >> 15).astype(np.uint8)
t = filters.threshold_sauvola(gray, window_size=25, k=0.3, r=127.5)
result = np.where(gray > t, 255, 0).astype(np.uint8)
io.imsave("result.png", result)
`},
		{"method=sauvola&reference=doxa&window=31", "C++", `#include "Doxa/Sauvola.hpp"
#include "Doxa/PNM.hpp"
using namespace Doxa;

int main()
{
	// an 8-bit gray PGM, made gray as limen does (OpenCV's BT.601; Doxa's own conversions differ)
	Image gray = PNM::Read("picture.pgm");
	Image binary = Sauvola::ToBinaryImage(gray, Parameters({{"window", 31}, {"k", 0.2}}));
	PNM::Write(binary, "result.pgm");
	return 0;
}
`},
		{"method=otsu&reference=imagej&type=tozero", "ImageJ macro", `open("picture.png");
// limen's gray is OpenCV's BT.601: ImageJ's 8-bit conversion of a colour picture differs, so start from a gray one
run("8-bit");
setAutoThreshold("Otsu");
getThreshold(lower, level); // foreground is v > level
resetThreshold(); // else the PNG is the picture as shown, the threshold painted red
changeValues(0, level, 0);
saveAs("PNG", "result.png");
`},
		{"method=max-entropy&offset=30&ignoreZero=1", "ImageJ macro", `// Not reproduced by this call:
//   - ignore black / ignore white (the histogram without those pixels)

open("picture.png");
// limen's gray is OpenCV's BT.601: ImageJ's 8-bit conversion of a colour picture differs, so start from a gray one
run("8-bit");
setAutoThreshold("MaxEntropy");
getThreshold(lower, level);
level = minOf(maxOf(level + 30, 0), 255); // limen's offset
setThreshold(level + 1, 255);
setOption("BlackBackground", true);
run("Convert to Mask"); // 255 where v > level
saveAs("PNG", "result.png");
`},
		{"method=adaptive-gaussian&type=trunc&blockSize=21&C=5", "Python", `# Not reproduced by this call:
#   - the type trunc: the library makes a binary picture

import cv2

gray = cv2.cvtColor(cv2.imread("picture.png"), cv2.COLOR_BGR2GRAY)
result = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 21, 5)
cv2.imwrite("result.png", result)
`},
		{"method=bernsen&type=binary-inv&maxval=128", "ImageJ macro", `// Not reproduced by this call:
//   - needs Fiji (its Auto Local Threshold plugin)

open("picture.png");
// limen's gray is OpenCV's BT.601: ImageJ's 8-bit conversion of a colour picture differs, so start from a gray one
run("8-bit");
run("Auto Local Threshold", "method=Bernsen radius=15 parameter_1=15 parameter_2=0 white");
run("Invert");
changeValues(255, 255, 128);
saveAs("PNG", "result.png");
`},
		{"method=adotsu&window=51", "C++", `#include "Doxa/AdOtsu.hpp"
#include "Doxa/PNM.hpp"
using namespace Doxa;

int main()
{
	// an 8-bit gray PGM, made gray as limen does (OpenCV's BT.601; Doxa's own conversions differ)
	Image gray = PNM::Read("picture.pgm");
	Image binary = AdOtsu::ToBinaryImage(gray, Parameters({{"window", 51}, {"k", 1}, {"R", 0.1}}));
	PNM::Write(binary, "result.pgm");
	return 0;
}
`},
		{"method=su", "C++", `#include "Doxa/Su.hpp"
#include "Doxa/PNM.hpp"
using namespace Doxa;

int main()
{
	// an 8-bit gray PGM, made gray as limen does (OpenCV's BT.601; Doxa's own conversions differ)
	Image gray = PNM::Read("picture.pgm");
	Image binary = Su::ToBinaryImage(gray);
	PNM::Write(binary, "result.pgm");
	return 0;
}
`},
		{"method=adotsu-ms&k=1.5", "C++", `// Not reproduced by this call:
//   - k = 1.5: Doxa's grid stores 0.5 + k·level in a byte, undefined in C++ above 255 (limen saturates)

#include "Doxa/AdOtsu.hpp"
#include "Doxa/PNM.hpp"
using namespace Doxa;

int main()
{
	// an 8-bit gray PGM, made gray as limen does (OpenCV's BT.601; Doxa's own conversions differ)
	Image gray = PNM::Read("picture.pgm");
	Image binary = AdOtsuMS::ToBinaryImage(gray, Parameters({{"window", 75}, {"k", 1.5}, {"R", 0.1}}));
	PNM::Write(binary, "result.pgm");
	return 0;
}
`},
		{"method=edge-otsu", "", "Edge-guided Otsu follows Gonzalez & Woods 4th ed. sec. 10.3.5 (definition; Otsu as OpenCV 4.6 THRESH_OTSU): no library has it, so there is no call to show. limen's own code is its reference."},
	}
	for _, c := range cases {
		s, ignored := state.Parse(c.hash)
		if len(ignored) > 0 {
			t.Fatalf("%s: %v", c.hash, ignored)
		}
		sn := Code(s)
		if sn.Lang != c.lang || sn.Code != c.code {
			t.Errorf("%s: %s\n%s\nwant %s\n%s", c.hash, sn.Lang, sn.Code, c.lang, c.code)
		}
	}
}
