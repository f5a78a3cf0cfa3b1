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

// Toasts shows short messages ("Signed off ACC-02", a file saved, an error) over the
// bottom of the screen, where they are seen without moving anything. A message goes by
// itself after a few seconds, and it is not a pop-up: a click on whatever lies under it
// reaches that, as if the message were not there.
type Toasts struct {
	Layer *fyne.Container // over the screen; holds the message on show

	text  *widget.RichText
	words *widget.TextSegment // the message on show
	box   fyne.CanvasObject
	later func(time.Duration, func()) func()
	stop  func()
}

func newToasts(later func(time.Duration, func()) func()) *Toasts {
	t := &Toasts{words: &widget.TextSegment{Style: widget.RichTextStyle{ColorName: colorOnDark}}, later: later}
	t.text = widget.NewRichText(t.words)
	t.text.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(NHSDarkBlue)
	bg.CornerRadius = 6
	t.box = container.NewStack(bg, container.NewPadded(compact(t.text)))
	t.box.Hide()
	t.Layer = container.New(&toastLayout{}, t.box)
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

// toastLayout centres the message near the bottom, at most 560 wide.
type toastLayout struct{}

func (toastLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

// Floats tells the real-window test's layout check that the message lies over the screen,
// as a pop-up does, rather than beside what it covers.
func (toastLayout) Floats() bool { return true }
func (toastLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		w := min(560, size.Width-40)
		o.Resize(fyne.NewSize(w, 10)) // the label wraps at this width…
		h := o.MinSize().Height       // …and then knows its height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, size.Height-h-24))
	}
}
