//go:build js && wasm && lesson

package main

import (
	"image"
	"syscall/js"
)

// The lesson's module (web/lesson.wasm, build tag lesson) leaves out what only the tool page
// (index.html) has: the lab (lab.go, labrank.go), zoom and the pixel inspector (zoom.go,
// inspect.go), the camera (camera.go) and "Try all" (tryall.go). Its widgets have none of their
// elements, so on the tool page these would find nothing and do nothing; here they are empty
// stand-ins. (The worker's handlers, such as "Try all"'s, stay: workers load web/limen.wasm.)

type view struct {
	cmp       js.Value
	cmpParams [2]string
}

func (v *view) layout()        {}
func (v *view) showInspector() {}

type camera struct{ on bool }

func (a *app) wireZoom()                    {}
func (a *app) wireCamera()                  {}
func (a *app) stopCamera()                  {}
func (a *app) showFrame(js.Value)           {}
func (a *app) wireTryAll()                  {}
func (a *app) showTryAll(js.Value)          {}
func (a *app) wireLab()                     {}
func (a *app) showLibraries()               {}
func (a *app) setTruth(*image.Gray, string) {}
