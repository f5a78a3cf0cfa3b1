package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// toastTime is how long a short message stays: long enough to read twice.
const toastTime = 5 * time.Second

// Toasts shows short messages ("Signed off ACC-02", a file saved, an error) in the bar at
// the top, over the name of who is signed in: seen without moving anything, and covering
// no button or field (over the bottom of the screen it hid a control for its 5 seconds).
// A message goes by itself after a few seconds, and it is not a pop-up: a click on
// whatever lies under it reaches that, as if the message were not there.
type Toasts struct {
	Layer *fyne.Container // over the screen; holds the message on show

	text  *widget.RichText
	words *widget.TextSegment // the message on show
	box   fyne.CanvasObject
	later func(time.Duration, func()) func()
	stop  func()
}

// over is what the message lies on (the name in the bar); nil puts it at the top, centred.
func newToasts(later func(time.Duration, func()) func(), over fyne.CanvasObject) *Toasts {
	t := &Toasts{words: &widget.TextSegment{Style: widget.RichTextStyle{ColorName: colorOnDark}}, later: later}
	t.text = widget.NewRichText(t.words)
	t.text.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(NHSDarkBlue)
	bg.CornerRadius = 6
	t.box = container.NewStack(bg, container.NewPadded(compact(t.text)))
	t.box.Hide()
	l := &toastLayout{over: over}
	t.Layer = container.New(l, t.box)
	l.layer = t.Layer
	return t
}

// Show puts msg on show for a few seconds, replacing any message before it.
func (t *Toasts) Show(msg string) {
	if t.stop != nil {
		t.stop()
	}
	t.words.Text = msg
	t.text.Refresh()
	t.box.Show()
	t.Layer.Refresh()
	t.stop = t.later(toastTime, t.Hide)
}

// Hide takes the message away.
func (t *Toasts) Hide() {
	t.box.Hide()
	t.Layer.Refresh()
}

// Showing is the message on show, or "".
func (t *Toasts) Showing() string {
	if !t.box.Visible() {
		return ""
	}
	return t.words.Text
}

// toastLayout lays the message over the name in the bar: as wide as the name's room (at
// least 260, at most 560) and as tall as its words need, from the top of the bar down.
type toastLayout struct {
	over, layer fyne.CanvasObject
}

func (*toastLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

// Floats tells the real-window test's layout check that the message lies over the screen,
// as a pop-up does, rather than beside what it covers.
func (*toastLayout) Floats() bool { return true }

func (l *toastLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x, w := float32(0), size.Width
	if l.over != nil && l.layer != nil {
		d := fyne.CurrentApp().Driver()
		x = d.AbsolutePositionForObject(l.over).X - d.AbsolutePositionForObject(l.layer).X
		w = l.over.Size().Width
	}
	const least, most = 260, 560
	if w < least { // a narrow window: centred on the name's room, as wide as it must be
		x -= (least - w) / 2
		w = least
	}
	if w > most { // a wide one: at the name's end, where the name is drawn
		x += w - most
		w = most
	}
	x = max(0, min(x, size.Width-w))
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, 10)) // the words wrap at this width…
		h := o.MinSize().Height       // …and then know their height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos(x, 2))
	}
}
