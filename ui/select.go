package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Select is Fyne's drop-down with an edge. Fyne 2.7 draws a drop-down as a plain patch of
// the input colour: on a white card (every card, and everything in high contrast) it was
// white on white, a value with nothing to say it can be changed. The edge is the one a
// text box has, so the two read as the same kind of thing.
type Select struct {
	widget.Select
}

// newSelect is a drop-down of options; changed is called with the option chosen.
func newSelect(options []string, changed func(string)) *Select {
	s := &Select{}
	s.Options = options
	s.OnChanged = changed
	s.ExtendBaseWidget(s)
	return s
}

// DropDown is the toolkit's drop-down inside, for code that knows only Fyne's widgets
// (the checks of the real window).
func (s *Select) DropDown() *widget.Select { return &s.Select }

func (s *Select) CreateRenderer() fyne.WidgetRenderer {
	edge := canvas.NewRectangle(color.Transparent)
	r := &edgedRenderer{WidgetRenderer: s.Select.CreateRenderer(), edge: edge, colour: func() fyne.ThemeColorName {
		if s.Disabled() {
			return theme.ColorNameDisabled
		}
		return theme.ColorNameInputBorder
	}}
	r.style()
	return r
}

// edgedRenderer draws a widget's own renderer with a line round it, on top, so that the
// widget's focus and hover colours show inside the line.
type edgedRenderer struct {
	fyne.WidgetRenderer
	edge    *canvas.Rectangle
	colour  func() fyne.ThemeColorName
	objects []fyne.CanvasObject
}

func (r *edgedRenderer) style() {
	inner := r.WidgetRenderer.Objects()
	r.objects = append(append(r.objects[:0], inner...), r.edge)
	r.edge.StrokeColor = theme.Color(r.colour())
	r.edge.StrokeWidth = theme.InputBorderSize()
	r.edge.CornerRadius = theme.InputRadiusSize()
}

func (r *edgedRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.edge.Resize(size)
}

func (r *edgedRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *edgedRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.style()
	r.edge.Refresh()
}
