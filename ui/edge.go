package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// edgedRenderer draws a widget's own renderer with a line round it, on top, so that the
// widget's focus and hover colours show inside the line. colour names the line's colour,
// or "" for none.
type edgedRenderer struct {
	fyne.WidgetRenderer
	edge    *canvas.Rectangle
	colour  func() fyne.ThemeColorName
	objects []fyne.CanvasObject
}

func (r *edgedRenderer) style() {
	inner := r.WidgetRenderer.Objects()
	r.objects = append(append(r.objects[:0], inner...), r.edge)
	r.edge.StrokeColor = color.Transparent // colour names none: no edge
	if name := r.colour(); name != "" {
		r.edge.StrokeColor = theme.Color(name)
	}
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
