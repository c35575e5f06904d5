//go:build js && wasm && lesson

package main

import (
	"limen/wasm/internal/samples"
	"math"
	"strings"
	"syscall/js"
)

// The lesson's embed snippets: an <iframe> of embed.html with the widget's state in its hash.

// embedSnippet is the <iframe> that shows this widget with its settings in embed.html, and a note
// when the picture cannot travel with it.
func (l *lesson) embedSnippet() (string, string) {
	a := l.a
	st := a.st
	note := ""
	if st.Sample == "" && st.Doc == nil { // a generated page travels in the hash (doc=)
		st.Sample = l.fallback
		note = "Your own picture stays on your computer, so the embedded view opens on the sample “" +
			sampleTitle(st.Sample) + "” with these settings."
	}
	loc := js.Global().Get("location").Get("href")
	src := js.Global().Get("URL").New("embed.html", loc).Get("href").String()
	if i := strings.IndexByte(src, '#'); i >= 0 {
		src = src[:i]
	}
	src += st.Hash()
	// A height that fits the view: the pictures side by side, the line under them, the extras.
	cols := 2.0
	if st.Compare != "" {
		cols = 3
	}
	aspect := 1.0
	if a.width > 0 {
		aspect = float64(a.height) / float64(a.width)
	}
	h := 700/cols*aspect + 110
	if st.Hist || st.Steps {
		h += 230
	}
	if st.Compare != "" || st.Hist {
		h += 40
	}
	if st.Steps {
		h += 260
	}
	title := "limen"
	if l.title != "" {
		title += ": " + l.title
	}
	return `<iframe src="` + htmlAttr(src) + `" title="` + htmlAttr(title) + `" width="720" height="` +
		itoa(int(math.Ceil(h/10)*10)) + `" loading="lazy"></iframe>`, note
}

// copyEmbed shows the snippet in its box, selected, and puts it on the clipboard where the browser
// allows it.
func (l *lesson) copyEmbed() {
	code, note := l.embedSnippet()
	status := func(s string) {
		if l.embedStatus != nil {
			l.embedStatus.SetTextContent(s)
		}
	}
	if l.embedCode != nil {
		l.embedCode.SetValue(code)
		l.embedCode.RemoveAttribute("hidden")
		l.embedCode.Call("select")
	}
	status("Select the code below and copy it. " + note)
	clip := js.Global().Get("navigator").Get("clipboard")
	if !clip.Truthy() || !clip.Get("writeText").Truthy() {
		return
	}
	var ok, fail js.Func
	release := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(js.Value, []js.Value) any {
		defer release()
		status("Copied to the clipboard: paste it into your notes. " + note)
		return nil
	})
	fail = js.FuncOf(func(js.Value, []js.Value) any {
		defer release()
		return nil
	})
	defer func() { recover() }() // a browser that throws rather than rejecting: the box is there
	clip.Call("writeText", code).Call("then", ok, fail)
}

// sampleTitle is a sample's name as the menus show it.
func sampleTitle(name string) string {
	if s, ok := samples.Lookup(name); ok {
		return s.Title
	}
	return name
}
