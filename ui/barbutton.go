package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// BarButton is a button on the blue bar at the top (Switch user, Lock). Where the keyboard
// is shows there in the NHS focus yellow under the dark words: the usual see-through blue
// vanishes on the bar. It is drawn by the button itself rather than under a theme of the
// bar's own, because Fyne gives every theme override its own copy of the fonts, for as
// long as the app runs.
type BarButton struct {
	widget.Button
	focused bool
}

func newBarButton(label string, icon fyne.Resource, tapped func()) *BarButton {
	b := &BarButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *BarButton) FocusGained() { b.focused = true; b.Button.FocusGained() }
func (b *BarButton) FocusLost()   { b.focused = false; b.Button.FocusLost() }

func (b *BarButton) CreateRenderer() fyne.WidgetRenderer {
	fill := canvas.NewRectangle(NHSFocus)
	fill.CornerRadius = theme.InputRadiusSize()
	fill.Hide()
	return &barRenderer{WidgetRenderer: b.Button.CreateRenderer(), b: b, fill: fill}
}

// barRenderer is the button's own, with the yellow laid over its ground and under its
// words while it has the keyboard.
type barRenderer struct {
	fyne.WidgetRenderer
	b    *BarButton
	fill *canvas.Rectangle
	objs []fyne.CanvasObject
}

func (r *barRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.fill.Resize(size)
}

func (r *barRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.fill.Hidden = !r.b.focused || r.b.Disabled()
	r.fill.Refresh()
}

// Objects is the button's ground, the yellow, then its words and icon.
func (r *barRenderer) Objects() []fyne.CanvasObject {
	inner := r.WidgetRenderer.Objects()
	if len(inner) == 0 {
		return []fyne.CanvasObject{r.fill}
	}
	if len(r.objs) != len(inner)+1 || r.objs[0] != inner[0] || !slices.Equal(r.objs[2:], inner[1:]) {
		r.objs = append([]fyne.CanvasObject{inner[0], r.fill}, inner[1:]...)
	}
	return r.objs
}
