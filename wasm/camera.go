//go:build js && wasm && !lesson

package main

import (
	"strconv"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// Live camera: every frame is thresholded with the current settings in the worker, one frame in
// flight at a time (frames that arrive meanwhile are skipped, so the view never lags behind), and
// the frames per second are shown.
type camera struct {
	video    js.Value
	stream   js.Value
	on       bool
	inFlight bool
	frames   int
	since    float64 // performance.now() when frames began counting
	tick     js.Func
}

func (a *app) wireCamera() {
	btn := find[*dom.HTMLButtonElement](a.root, "camera")
	if btn == nil {
		return
	}
	a.on(btn, "click", func(*dom.BasicEvent) {
		if a.cam != nil && a.cam.on {
			a.stopCamera()
			btn.SetTextContent("Live camera")
			return
		}
		go func() {
			defer a.recover()
			if err := a.startCamera(); err != nil {
				a.fail("The camera could not start: " + err.Error())
				return
			}
			btn.SetTextContent("Stop camera")
		}()
	})
}

func (a *app) startCamera() error {
	md := js.Global().Get("navigator").Get("mediaDevices")
	if !md.Truthy() || !a.worker.Truthy() {
		return errorString("this browser offers no camera here (it needs https or localhost, and a worker)")
	}
	c := js.Global().Get("Object").New()
	c.Set("video", true)
	c.Set("audio", false)
	stream, err := await(md.Call("getUserMedia", c))
	if err != nil {
		return err
	}
	video := el("video").Underlying()
	video.Set("muted", true)
	video.Set("playsInline", true)
	video.Set("srcObject", stream)
	if _, err := await(video.Call("play")); err != nil {
		return err
	}
	cam := &camera{video: video, stream: stream, on: true, since: now()}
	a.cam = cam
	a.ownPicture()
	// One callback for the camera's life, asked for again at each frame; the frame after the
	// camera stops releases it.
	cam.tick = js.FuncOf(func(js.Value, []js.Value) any {
		defer a.recover()
		if !cam.on {
			cam.tick.Release()
			return nil
		}
		a.cameraFrame(cam)
		return nil
	})
	js.Global().Call("requestAnimationFrame", cam.tick)
	return nil
}

// cameraFrame grabs a frame into the original canvas and sends it, unless one is in flight.
func (a *app) cameraFrame(cam *camera) {
	defer js.Global().Call("requestAnimationFrame", cam.tick)
	w, h := cam.video.Get("videoWidth").Int(), cam.video.Get("videoHeight").Int()
	if cam.inFlight || w == 0 || h == 0 {
		return
	}
	if a.original.Width() != w || a.original.Height() != h || a.name != "live camera" {
		a.original.SetWidth(w)
		a.original.SetHeight(h)
		if c := find[*dom.BasicHTMLElement](a.root, "originalCaption"); c != nil {
			c.SetTextContent("Original: live camera, " + itoa(w) + "×" + itoa(h))
		}
	}
	ctx := a.original.GetContext2d()
	ctx.Call("drawImage", cam.video, 0, 0)
	img := ctx.Call("getImageData", 0, 0, w, h)
	a.name, a.width, a.height = "live camera", w, h
	cam.inFlight = true
	msg := js.Global().Get("Object").New()
	msg.Set("kind", "frame")
	msg.Set("image", img)
	msg.Set("opts", a.options())
	a.worker.Call("postMessage", withSlot(msg, a.slot), js.Global().Get("Array").New(img.Get("data").Get("buffer")))
}

// showFrame draws a thresholded camera frame and counts it.
func (a *app) showFrame(r js.Value) {
	cam := a.cam
	if cam == nil {
		return
	}
	cam.inFlight = false
	if !cam.on {
		return
	}
	a.show(r)
	cam.frames++
	if el := find[*dom.BasicHTMLElement](a.root, "fps"); el != nil {
		if s := (now() - cam.since) / 1000; s >= 1 {
			el.SetTextContent(strconv.FormatFloat(float64(cam.frames)/s, 'f', 1, 64) + " frames/s")
			cam.frames, cam.since = 0, now()
		}
	}
}

func (a *app) stopCamera() {
	cam := a.cam
	if cam == nil {
		return
	}
	cam.on = false
	tracks := cam.stream.Call("getTracks")
	for i := 0; i < tracks.Length(); i++ {
		tracks.Index(i).Call("stop")
	}
	if el := find[*dom.BasicHTMLElement](a.root, "fps"); el != nil {
		el.SetTextContent("")
	}
}
