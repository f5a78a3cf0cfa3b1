package xdotool

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	pursuitui "pursuit/ui"
)

// Children are the objects drawn inside o: a container's, or a widget's renderer's.
func Children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch t := o.(type) {
	case *fyne.Container:
		return t.Objects
	case fyne.Widget:
		if r := test.WidgetRenderer(t); r != nil {
			return r.Objects()
		}
	}
	return nil
}

// Find returns the first visible object on the window that matches, looking at the top
// pop-up first (what a person would see and click), then the window's content.
func (w *Window) Find(match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	var found fyne.CanvasObject
	ui(func() {
		c := w.Window.Canvas()
		overlays := c.Overlays().List()
		roots := []fyne.CanvasObject{}
		for i := len(overlays) - 1; i >= 0; i-- {
			roots = append(roots, overlays[i])
		}
		roots = append(roots, c.Content())
		for _, r := range roots {
			if found = findIn(r, match); found != nil {
				return
			}
		}
	})
	return found
}

func findIn(o fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	if match(o) {
		return o
	}
	for _, c := range Children(o) {
		if f := findIn(c, match); f != nil {
			return f
		}
	}
	return nil
}

// Button finds a visible button by its words: the toolkit's, or one of the bar's.
func (w *Window) Button(text string) fyne.CanvasObject {
	return w.Find(func(o fyne.CanvasObject) bool {
		switch b := o.(type) {
		case *widget.Button:
			return b.Text == text
		case *pursuitui.Button:
			return b.Text == text
		case *pursuitui.BarButton:
			return b.Text == text
		}
		return false
	})
}

// Text finds visible drawn text that contains s (a label's line, a heading, a menu item).
func (w *Window) Text(s string) *canvas.Text {
	t, _ := w.Find(func(o fyne.CanvasObject) bool {
		t, ok := o.(*canvas.Text)
		return ok && strings.Contains(t.Text, s)
	}).(*canvas.Text)
	return t
}

// Focused is the widget with the keyboard focus, or nil.
func (w *Window) Focused() fyne.Focusable {
	var f fyne.Focusable
	ui(func() { f = w.Window.Canvas().Focused() })
	return f
}

// Overlays is how many pop-ups are open over the window.
func (w *Window) Overlays() int {
	var n int
	ui(func() { n = len(w.Window.Canvas().Overlays().List()) })
	return n
}
