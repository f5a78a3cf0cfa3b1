package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Scrolling as a person expects it on a long form: the mouse wheel scrolls the page even
// over a text box, text boxes grow as they are written in rather than hiding their words
// behind a scroll bar of their own, and Tab brings the field it moves to into view.

// TextArea is a wrapping multi-line entry for a reflection, a SLOT analysis or notes. Tab
// leaves it, like every other field, so the keyboard reaches the fields and buttons after
// it (a plain one types a tab instead); and the mouse wheel over it scrolls its own text
// while there is more of it to see, then the page it is on (a plain one keeps the wheel to
// itself, and the form stops scrolling wherever the pointer crosses a text box).
type TextArea struct {
	widget.Entry
}

// multiline is a text area that shows rows lines, and wraps.
func multiline(placeholder string, rows int) *TextArea {
	return multilineWith("", placeholder, rows)
}

// multilineWith is multiline holding text from the start. Everything is set before the
// box is a widget, so nothing is drawn until it has its size: each setter afterwards would
// lay the words out again, at no width first (a line per word).
func multilineWith(text, placeholder string, rows int) *TextArea {
	t := &TextArea{}
	t.Text = text
	t.MultiLine = true
	t.Wrapping = fyne.TextWrapWord
	t.PlaceHolder = placeholder
	t.SetMinRowsVisible(rows) // draws nothing yet: the box is not a widget until the next line
	t.ExtendBaseWidget(t)
	return t
}

// AcceptsTab is false: Tab moves on to the next field.
func (t *TextArea) AcceptsTab() bool { return false }

// CreateRenderer lays a wheel catcher over the entry: the wheel scrolls the text, then the
// page.
func (t *TextArea) CreateRenderer() fyne.WidgetRenderer {
	r := &wheelRenderer{WidgetRenderer: t.Entry.CreateRenderer()}
	r.wheel = newWheelToPage(t)
	r.wheel.own = func() *container.Scroll {
		for _, o := range r.WidgetRenderer.Objects() {
			if s, ok := o.(*container.Scroll); ok {
				return s
			}
		}
		return nil
	}
	return r
}

type wheelRenderer struct {
	fyne.WidgetRenderer
	wheel *wheelToPage
}

func (r *wheelRenderer) Layout(size fyne.Size) {
	if size.Width <= 0 {
		// A container lays out what it is built with at its own size, nothing yet: words
		// wrapped at no width cost a line each, for a box nobody sees at that size.
		return
	}
	r.WidgetRenderer.Layout(size)
	r.wheel.Resize(size)
}

func (r *wheelRenderer) Objects() []fyne.CanvasObject {
	return append(slices.Clip(r.WidgetRenderer.Objects()), r.wheel)
}

// wheelToPage lies over a widget that would keep the mouse wheel to itself (a text box,
// whose own scroll has nothing to scroll once it grows with its text) and hands the wheel
// to the page around it. It takes no taps, hovering or dragging: those reach the widget.
type wheelToPage struct {
	widget.BaseWidget
	of  fyne.CanvasObject
	own func() *container.Scroll // the widget's own scroll, which has the wheel first; nil for none
}

func newWheelToPage(of fyne.CanvasObject) *wheelToPage {
	w := &wheelToPage{of: of}
	w.ExtendBaseWidget(w)
	return w
}

func (w *wheelToPage) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(nil))
}

// Scrolled scrolls the widget's own text while it can move that way, else passes the
// wheel to the nearest scrolling area around the widget.
func (w *wheelToPage) Scrolled(ev *fyne.ScrollEvent) {
	if w.own != nil {
		if s := w.own(); s != nil && canScroll(s, ev.Scrolled.DY) {
			s.Scrolled(ev)
			return
		}
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(w.of)
	if c == nil {
		return
	}
	if around := scrollsAround(c, w.of); len(around) > 0 {
		around[len(around)-1].Scrolled(ev)
	}
}

// canScroll reports whether a vertical wheel of dy (up when positive) moves s.
func canScroll(s *container.Scroll, dy float32) bool {
	room := s.Content.MinSize().Height - s.Size().Height
	if room <= 0 {
		return false
	}
	if dy > 0 {
		return s.Offset.Y > 0
	}
	return s.Offset.Y < room
}

// scrollsAround lists the scrolling areas that hold o, outermost first. It follows the
// containers and the few widgets the screens are built of (scrolls, splits, theme
// overrides, pop-ups), which is everywhere a form can be.
func scrollsAround(c fyne.Canvas, o fyne.CanvasObject) []*container.Scroll {
	var path []*container.Scroll
	var found []*container.Scroll
	var visit func(n fyne.CanvasObject) bool
	visit = func(n fyne.CanvasObject) bool {
		if n == nil || !n.Visible() {
			return false
		}
		if n == o {
			found = slices.Clone(path)
			return true
		}
		var kids []fyne.CanvasObject
		switch t := n.(type) {
		case *fyne.Container:
			kids = t.Objects
		case *container.Scroll:
			path = append(path, t)
			defer func() { path = path[:len(path)-1] }()
			kids = []fyne.CanvasObject{t.Content}
		case *container.Split:
			kids = []fyne.CanvasObject{t.Leading, t.Trailing}
		case *widget.PopUp:
			kids = []fyne.CanvasObject{t.Content}
		}
		for _, k := range kids {
			if visit(k) {
				return true
			}
		}
		return false
	}
	overlays := c.Overlays().List()
	for i := len(overlays) - 1; i >= 0; i-- {
		if visit(overlays[i]) {
			return found
		}
	}
	visit(c.Content())
	return found
}

// watchFocus brings into view whatever the keyboard's focus moves to. Fyne tells nobody
// when the focus moves (Tab, Shift+Tab, a dialog opening), so the window looks, a few times
// a second: a pointer compare, then nothing more unless the focus has moved.
func (u *App) watchFocus(every time.Duration) {
	var last fyne.Focusable
	for range time.Tick(every) {
		fyne.Do(func() {
			c := u.Window.Canvas()
			f := c.Focused()
			if f == last {
				return
			}
			last = f
			if o, ok := f.(fyne.CanvasObject); ok {
				reveal(c, o)
			}
		})
	}
}

// closeTop closes the pop-up on top of the window, as Esc does; it reports whether there
// was one.
func closeTop(c fyne.Canvas) bool {
	if c == nil {
		return false
	}
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	top.Hide()
	c.Overlays().Remove(top)
	return true
}

// escaped passes Esc from a focused field to the window: it closes the pop-up on top.
func escaped(o fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	return ev.Name == fyne.KeyEscape && closeTop(fyne.CurrentApp().Driver().CanvasForObject(o))
}

// TypedKey closes the pop-up on top on Esc; other keys edit the text.
func (t *TextArea) TypedKey(ev *fyne.KeyEvent) {
	if !escaped(t, ev) {
		t.Entry.TypedKey(ev)
	}
}

// TypedKey closes the pop-up on top on Esc; other keys edit the text.
func (f *Field) TypedKey(ev *fyne.KeyEvent) {
	if !escaped(f, ev) {
		f.Entry.TypedKey(ev)
	}
}

// reveal scrolls the areas around o so that o is in view (as much of it as fits).
func reveal(c fyne.Canvas, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	around := scrollsAround(c, o)
	for i := len(around) - 1; i >= 0; i-- {
		s := around[i]
		if s.Direction == container.ScrollHorizontalOnly || s.Direction == container.ScrollNone {
			continue
		}
		top := d.AbsolutePositionForObject(s.Content).Y
		at := d.AbsolutePositionForObject(o).Y - top // where o is in what the area scrolls
		view := s.Size().Height
		h := min(o.Size().Height, view)
		off := s.Offset
		switch {
		case at < off.Y:
			off.Y = at - theme.Padding()
		case at+h > off.Y+view:
			off.Y = at + h - view + theme.Padding()
		default:
			continue
		}
		s.ScrollToOffset(fyne.NewPos(off.X, max(0, off.Y)))
	}
}

// Field is a one-line entry. Over it, the mouse wheel scrolls the page: a plain entry keeps
// the wheel for a scroll of its own that has nowhere to go, and the form stops scrolling
// wherever the pointer crosses a field.
type Field struct{ widget.Entry }

func newField() *Field {
	f := &Field{}
	f.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	f.ExtendBaseWidget(f)
	return f
}

// newPasswordField is a Field that hides what is typed, with the eye to show it.
func newPasswordField() *Field {
	f := newField()
	f.Password = true
	f.ActionItem = newPasswordReveal(f)
	return f
}

func (f *Field) CreateRenderer() fyne.WidgetRenderer {
	return &wheelRenderer{WidgetRenderer: f.Entry.CreateRenderer(), wheel: newWheelToPage(f)}
}

// passwordReveal is the eye at the end of a password field: it shows or hides what is typed.
type passwordReveal struct {
	widget.BaseWidget
	icon *widget.Icon
	f    *Field
}

func newPasswordReveal(f *Field) *passwordReveal {
	r := &passwordReveal{icon: widget.NewIcon(theme.VisibilityOffIcon()), f: f}
	r.ExtendBaseWidget(r)
	return r
}

func (r *passwordReveal) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewPadded(r.icon))
}

func (r *passwordReveal) Cursor() desktop.Cursor { return desktop.DefaultCursor }

func (r *passwordReveal) Tapped(*fyne.PointEvent) {
	if r.f.Disabled() {
		return
	}
	r.f.Password = !r.f.Password
	if r.f.Password {
		r.icon.SetResource(theme.VisibilityOffIcon())
	} else {
		r.icon.SetResource(theme.VisibilityIcon())
	}
	r.f.Refresh()
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.f); c != nil {
		c.Focus(r.f)
	}
}
