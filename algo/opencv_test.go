package algo

import (
	"bufio"
	"encoding/json"
	"image"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The goldens under testdata/opencv were made by testdata/opencv/cv2ref.py (see the README there)
// from OpenCV 4.6.0 and scikit-image 0.19.3. The differential tests, which run those libraries on
// thousands of fresh cases, are opt-in: LIMEN_CV2=1 go test ./algo (needs /usr/bin/python3 with
// Debian's python3-opencv and python3-skimage).

const opencvDir = "testdata/opencv"

// cvGolden decodes testdata/opencv/<name> into v.
func cvGolden(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(opencvDir, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// cvGray wraps w×h pixels, placed at a non-zero origin with a stride wider than w so that the
// code under test must honour Rect.Min and Stride.
func cvGray(pix []byte, w, h int) *image.Gray {
	g := image.NewGray(image.Rect(-3, 5, w-3+2, h+5))
	g.Rect = image.Rect(-3, 5, w-3, h+5)
	for y := 0; y < h; y++ {
		copy(g.Pix[y*g.Stride:], pix[y*w:(y+1)*w])
	}
	return g
}

// cv2Server talks to `cv2ref.py serve`: one JSON request a line in, one answer a line out.
type cv2Server struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Scanner
}

// cvStart starts the reference server, or skips t unless LIMEN_CV2=1.
func cvStart(t *testing.T) *cv2Server {
	t.Helper()
	if os.Getenv("LIMEN_CV2") != "1" {
		t.Skip("differential test against cv2/skimage: set LIMEN_CV2=1 to run")
	}
	cmd := exec.Command("/usr/bin/python3", filepath.Join(opencvDir, "cv2ref.py"), "serve")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &cv2Server{cmd: cmd, in: in, out: bufio.NewScanner(out)}
	s.out.Buffer(make([]byte, 1<<20), 1<<28)
	t.Cleanup(func() {
		in.Close()
		cmd.Wait()
	})
	return s
}

// ask sends req and decodes the answer into resp.
func (s *cv2Server) ask(t *testing.T, req map[string]any, resp any) {
	t.Helper()
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.in.Write(append(b, '\n')); err != nil {
		t.Fatal(err)
	}
	if !s.out.Scan() {
		t.Fatalf("cv2ref.py stopped: %v", s.out.Err())
	}
	if err := json.Unmarshal(s.out.Bytes(), resp); err != nil {
		t.Fatal(err)
	}
}
