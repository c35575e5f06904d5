//go:build js && wasm

package main

import "image"

// STAND-IN, to delete when the lab branch is merged: its lab*.go defines the real
// (a *app) setTruth, which shows the scores against the ground truth. Until then the generated
// page's truth (docgen.go) is only kept here, so that the page builds and docgen can call the one
// function it will call then.

// truthOf is the ground truth each app was last given, and its label.
var truthOf = map[*app]struct {
	truth *image.Gray
	label string
}{}

// setTruth hands the lab the ground truth of the picture now shown (nil: it has none).
func (a *app) setTruth(truth *image.Gray, label string) {
	truthOf[a] = struct {
		truth *image.Gray
		label string
	}{truth, label}
}
