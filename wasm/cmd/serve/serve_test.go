//go:build linux

package main

import (
	"bytes"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// repoRoot is the folder holding go.mod and build.sh, above this package wherever it sits.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "build.sh")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				return dir
			}
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no build.sh and go.mod above the test's folder")
		}
		dir = up
	}
}

// freePort is a loopback port nobody listens on at the moment.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// syncBuffer collects a process's output while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// ./build.sh serve, as a user starts it, stops when the build.sh process gets SIGTERM or SIGINT
// (what Ctrl-C sends): it exits, nothing it started is left, and the port is free. The test
// serves web/ as it is (LIMEN_SKIP_BUILD: other packages' tests build it meanwhile); the serve
// binary is built as build.sh always does.
func TestServeStopsOnSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds and runs ./build.sh serve")
	}
	root := repoRoot(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			port := freePort(t)
			addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
			cmd := exec.Command("./build.sh", "serve")
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "PORT="+strconv.Itoa(port), "LIMEN_SKIP_BUILD=1")
			// A process group of its own: the test can tell whether anything build.sh started
			// outlives it, and clean up after a failure without touching anything else.
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			var out syncBuffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			pgid := cmd.Process.Pid
			t.Cleanup(func() { _ = syscall.Kill(-pgid, syscall.SIGKILL) })
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()

			// Up: it answers on the port (the serve binary may need building first).
			client := &http.Client{Timeout: 2 * time.Second}
			deadline := time.Now().Add(3 * time.Minute)
			for {
				res, err := client.Get("http://" + addr + "/")
				if err == nil {
					res.Body.Close()
					break
				}
				select {
				case err := <-exited:
					t.Fatalf("./build.sh serve exited before serving (%v):\n%s", err, out.String())
				case <-time.After(200 * time.Millisecond):
				}
				if time.Now().After(deadline) {
					t.Fatalf("./build.sh serve does not answer on %s after 3 minutes:\n%s", addr, out.String())
				}
			}

			// The signal goes to the build.sh process alone, as kill(1) sends it.
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-exited:
				if err != nil {
					t.Errorf("./build.sh serve exited with %v after %v (want a clean stop):\n%s", err, sig, out.String())
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("./build.sh serve still runs 10 s after %v:\n%s", sig, out.String())
			}

			// Nothing of its process group is left (an orphan would still be in it), and the
			// port is free: nobody answers, and it can be bound again.
			var alive error
			for end := time.Now().Add(5 * time.Second); ; {
				alive = syscall.Kill(-pgid, 0)
				if errors.Is(alive, syscall.ESRCH) || time.Now().After(end) {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if !errors.Is(alive, syscall.ESRCH) {
				t.Errorf("a process build.sh started outlives it (kill -0 -%d: %v)", pgid, alive)
			}
			if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
				c.Close()
				t.Errorf("%s still accepts connections after %v", addr, sig)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				t.Errorf("%s cannot be bound again after %v: %v", addr, sig, err)
			} else {
				ln.Close()
			}
			if !strings.Contains(out.String(), "limen: stopped") {
				t.Errorf("the server did not stop cleanly:\n%s", out.String())
			}
		})
	}
}
