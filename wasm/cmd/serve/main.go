//go:build !js

// Command serve serves limen's static site on 127.0.0.1 with nothing but Go installed:
// go run ./wasm/cmd/serve [-dir web] [-port 8080]. It never listens beyond loopback.
//
// ./build.sh serve builds it and execs it in its own place, so the build.sh process IS the
// server: Ctrl-C, or SIGINT/SIGTERM to that process, stops it and frees the port. (go run would
// leave its child serving when only the go command is signalled.)
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"limen/wasm/internal/site"
)

func main() {
	dir := flag.String("dir", "web", "folder to serve")
	port := flag.Int("port", 8080, "port on 127.0.0.1")
	flag.Parse()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(*port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Handler: site.Handler(*dir), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	log.Printf("limen: serving %s at http://%s/ (Ctrl-C to stop)", *dir, addr)
	select {
	case err := <-done:
		log.Fatal(err)
	case <-ctx.Done():
	}
	stop() // a second Ctrl-C kills at once
	// Requests under way get a moment to finish; the listener is closed at once.
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		if !errors.Is(err, context.DeadlineExceeded) {
			log.Print(err)
		}
		srv.Close()
	}
	log.Print("limen: stopped")
}
