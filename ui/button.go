package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Button is Fyne's button with an edge when it is a secondary one (medium importance). Fyne
// 2.7 draws a button as a patch of colour with no edge: a secondary button on a white card
// was only its words, and in high contrast (white on white) not even a shape; filled grey
// instead, it looked disabled. The edge is a text box's, as a drop-down's is. A main
// button (filled blue or green) needs none, and a quiet one (low importance) is meant to
// read as a link.
type Button struct {
	widget.Button
}

func newButton(label string, tapped func()) *Button {
	return newButtonWithIcon(label, nil, tapped)
}

func newButtonWithIcon(label string, icon fyne.Resource, tapped func()) *Button {
	b := &Button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// ButtonBase is the toolkit's button inside, for code that knows only Fyne's widgets (the
// checks of the real window).
func (b *Button) ButtonBase() *widget.Button { return &b.Button }

func (b *Button) CreateRenderer() fyne.WidgetRenderer {
	r := &edgedRenderer{WidgetRenderer: b.Button.CreateRenderer(), edge: canvas.NewRectangle(color.Transparent), colour: func() fyne.ThemeColorName {
		switch {
		case b.Importance != widget.MediumImportance:
			return ""
		case b.Disabled():
			return theme.ColorNameDisabled
		}
		return theme.ColorNameInputBorder
	}}
	r.style()
	return r
}
