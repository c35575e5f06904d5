//go:build !js

// Command serve serves limen's static site on 127.0.0.1 with nothing but Go installed:
// go run ./wasm/cmd/serve [-dir web] [-port 8080]. It never listens beyond loopback.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"strconv"

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
	log.Printf("limen: serving %s at http://%s/ (Ctrl-C to stop)", *dir, addr)
	log.Fatal(http.Serve(ln, site.Handler(*dir)))
}
