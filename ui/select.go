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
