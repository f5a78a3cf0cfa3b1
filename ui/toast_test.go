package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// laterClock runs what was put off once the test moves time on.
type laterClock struct {
	now   time.Duration
	calls []laterCall
}

type laterCall struct {
	at        time.Duration
	f         func()
	cancelled *bool
}

func (l *laterClock) later(d time.Duration, f func()) func() {
	cancelled := false
	l.calls = append(l.calls, laterCall{l.now + d, f, &cancelled})
	return func() { cancelled = true }
}

func (l *laterClock) advance(d time.Duration) {
	l.now += d
	for _, c := range l.calls {
		if c.at <= l.now && !*c.cancelled {
			*c.cancelled = true
			c.f()
		}
	}
}

// A short message goes by itself, and a click where it lies reaches what is under it.
func TestToastsGoAwayAndLetClicksThrough(t *testing.T) {
	test.NewTempApp(t)
	clock := &laterClock{}
	toasts := newToasts(clock.later)
	clicked := 0
	under := widget.NewButton("Return with comments…", func() { clicked++ })
	w := test.NewTempWindow(t, container.NewStack(under, toasts.Layer))
	w.Resize(fyne.NewSize(800, 600))

	toasts.Show("ACC-02 is signed off.")
	if toasts.Showing() != "ACC-02 is signed off." {
		t.Fatalf("on show: %q", toasts.Showing())
	}
	box := toasts.box
	centre := fyne.CurrentApp().Driver().AbsolutePositionForObject(box).Add(fyne.NewPos(box.Size().Width/2, box.Size().Height/2))
	test.TapCanvas(w.Canvas(), centre)
	if clicked != 1 {
		t.Errorf("a click on the message reached the button under it %d times, want 1", clicked)
	}

	clock.advance(toastTime - time.Second)
	if toasts.Showing() == "" {
		t.Fatal("the message went before it could be read")
	}
	toasts.Show("Saved.") // a second message starts its own time
	clock.advance(2 * time.Second)
	if toasts.Showing() != "Saved." {
		t.Fatalf("the first message's time took the second away: %q", toasts.Showing())
	}
	clock.advance(toastTime)
	if toasts.Showing() != "" {
		t.Errorf("the message is still on show after %s", toastTime+time.Second)
	}
}
