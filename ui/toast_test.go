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
	toasts := newToasts(clock.later, nil)
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

// A message in the real screen lies over the name in the bar and covers no button, field or
// drop-down, at a ward PC's size and at a small laptop's: over the bottom of the screen it hid
// whatever control was there for its 5 seconds.
func TestAMessageCoversNoControl(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1024, Height: 700}} {
		w := newWard(t)
		u := w.app(t)
		signIn(t, u, "pat")
		u.Window.Resize(size)
		u.Shell.Show("competencies")
		u.Shell.Toasts.Show("Sign-off of COM-01 is requested: it is waiting for your preceptor.")
		box := u.Shell.Toasts.box
		d := fyne.CurrentApp().Driver()
		at, bs := d.AbsolutePositionForObject(box), box.Size()
		if bs.Width < 200 || bs.Height <= 0 {
			t.Fatalf("at %v the message is %v", size, bs)
		}
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			if o == nil || !o.Visible() || o == u.Shell.Toasts.Layer {
				return
			}
			_, tap := o.(fyne.Tappable)
			_, focus := o.(fyne.Focusable)
			if tap || focus {
				p, s := d.AbsolutePositionForObject(o), o.Size()
				if s.Width > 0 && s.Height > 0 && p.X < at.X+bs.Width && at.X < p.X+s.Width && p.Y < at.Y+bs.Height && at.Y < p.Y+s.Height {
					t.Errorf("at %v the message (%v at %v) covers %T at %v, %v", size, bs, at, o, p, s)
				}
				return
			}
			switch o := o.(type) {
			case *fyne.Container:
				for _, c := range o.Objects {
					walk(c)
				}
			case fyne.Widget:
				for _, c := range test.TempWidgetRenderer(t, o).Objects() {
					walk(c)
				}
			}
		}
		walk(u.Window.Content())
	}
}
