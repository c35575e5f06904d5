//go:build !js

package e2e

import (
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// transparentPNG writes a 256×256 PNG whose row y has alpha y (0 to 255) and whose colours run
// through every value, and returns its path and its pixels (straight RGBA).
func transparentPNG(t *testing.T) (string, []byte) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 256, 256))
	for y := 0; y < 256; y++ {
		for x := 0; x < 256; x++ {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(x + 3*y), uint8(255 - x), uint8(y)})
		}
	}
	path := filepath.Join(t.TempDir(), "transparent.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path, img.Pix
}

// over is the picture composited over gray bg by the definition (Porter–Duff "over", rounded).
func over(pix []byte, bg float64) []byte {
	out := make([]byte, len(pix))
	for i := 0; i < len(pix); i += 4 {
		a := float64(pix[i+3])
		for k := 0; k < 3; k++ {
			out[i+k] = byte(math.Round((float64(pix[i+k])*a + bg*(255-a)) / 255))
		}
		out[i+3] = 255
	}
	return out
}

// TestAlphaNoteAndComposite: a transparent PNG opened with the file input shows the note that
// alpha is ignored; composited over white or black (the link's alpha key), the original canvas
// holds exactly the composited picture and the result is limen.threshold's on it (issue 12,
// bullet 9). An opaque picture hides the note.
func TestAlphaNoteAndComposite(t *testing.T) {
	t.Parallel() // reads the site only (see the package comment)
	path, straight := transparentPNG(t)
	tb := newTab(t)
	tb.open("index.html")
	tb.waitInfo("Level 102")
	if !eval[bool](tb, `document.getElementById('alphaNote').hidden`) {
		t.Fatal("the alpha note shows for the opaque cameraman")
	}
	if err := chromedp.Do(tb.ctx, chromedp.SetUploadFiles(chromedp.ID("file"), []string{path})); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(`document.getElementById('originalCaption').textContent.includes('transparent.png') && !document.getElementById('alphaNote').hidden`, 30*time.Second)
	if txt := eval[string](tb, `document.getElementById('alphaNote').textContent`); !containsAll(txt, "transparency", "ignores alpha", "OpenCV", "ImageJ") {
		t.Errorf("the note says %q", txt)
	}
	// Alpha ignored: the result is limen.threshold's on the file's own pixels, straight colour as
	// OpenCV reads them (not the 2D canvas's premultiplied rounding of them), read through WebGL.
	if !eval[bool](tb, `document.querySelector('[data-el="alphaRounded"]').hidden`) {
		t.Error("the page says it could not read the file's own colours")
	}
	resultIs := func(pix []byte) string {
		return fmt.Sprintf(`(() => { const want = limen.threshold(new ImageData(Uint8ClampedArray.from(atob(%q), (c) => c.charCodeAt(0)), 256, 256), {method: 'otsu'}).image.data;
			const r = document.getElementById('result'); if (r.width !== 256 || r.height !== 256) return false;
			const got = r.getContext('2d').getImageData(0, 0, 256, 256).data;
			return got.every((v, i) => v === want[i]); })()`, base64.StdEncoding.EncodeToString(pix))
	}
	tb.waitFor(resultIs(straight), 30*time.Second)
	canvas, _ := base64.StdEncoding.DecodeString(eval[string](tb, originalBase64))
	differ := 0
	for i := 0; i < len(canvas); i += 4 {
		if canvas[i] != straight[i] || canvas[i+1] != straight[i+1] || canvas[i+2] != straight[i+2] {
			differ++
		}
	}
	t.Logf("a 2D canvas's copy of the picture: %d of 65536 pixels' colours differ from the file's", differ)

	for _, bg := range []struct {
		name string
		v    float64
	}{{"white", 255}, {"black", 0}} {
		composited := over(straight, bg.v)
		tb.choose("alpha", bg.name)
		tb.waitFor(fmt.Sprintf(`location.hash.includes('alpha=%s')`, bg.name), 10*time.Second)
		// The original canvas holds the composited picture, exactly, and the result is the API's on it.
		tb.waitFor(fmt.Sprintf(`%s === %q`, originalBase64, base64.StdEncoding.EncodeToString(composited)), 30*time.Second)
		tb.waitFor(resultIs(composited), 30*time.Second)
		if n := eval[int](tb, `new Set(document.getElementById('result').getContext('2d').getImageData(0, 0, 256, 256).data).size`); n < 2 {
			t.Errorf("over %s: the result is one colour", bg.name)
		}
	}
	// Back to ignored: the file's own pixels again, and the link without the key.
	tb.choose("alpha", "")
	tb.waitFor(`!location.hash.includes('alpha=')`, 10*time.Second)
	tb.waitFor(resultIs(straight), 30*time.Second)
	tb.shot("alpha-note")

	// An opaque picture hides the note.
	tb.choose("sample", "coins")
	tb.waitInfo("Level 107")
	if !eval[bool](tb, `document.getElementById('alphaNote').hidden`) {
		t.Error("the alpha note stays for the opaque coins")
	}
}

// originalBase64 is the original canvas's pixels, base64 (JS).
const originalBase64 = `(() => { const d = document.getElementById('original').getContext('2d').getImageData(0, 0, 256, 256).data;
	let s = ''; for (let i = 0; i < d.length; i += 8192) s += String.fromCharCode(...d.subarray(i, i + 8192)); return btoa(s); })()`

func containsAll(s string, subs ...string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}
