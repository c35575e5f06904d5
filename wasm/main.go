//go:build js && wasm

// Command wasm is limen's WebAssembly module: it defines the `limen` JS API over package algo and,
// in a page that has the app's elements, wires the user interface. No algorithm lives here.
package main

func main() {
	a := &api{}
	a.install()
	startUI(a)
	select {} // keep the Go runtime alive for the callbacks
}
