package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NavButton is an entry of the navigation column. Three looks that never mix up: the
// screen on show has a blue bar at its edge, a pale blue ground and bold words; the entry
// the keyboard is on has the NHS focus yellow under black words, whether or not it is the
// screen on show; the one under the pointer a faint tint.
type NavButton struct {
	widget.BaseWidget
	Text     string
	Icon     fyne.Resource
	OnTapped func()

	selected, focused, hovered bool
}

func newNavButton(text string, icon fyne.Resource, tapped func()) *NavButton {
	b := &NavButton{Text: text, Icon: icon, OnTapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

// Selected reports whether this entry's screen is on show.
func (b *NavButton) Selected() bool { return b.selected }

// SetSelected marks this entry's screen as the one on show.
func (b *NavButton) SetSelected(on bool) {
	if b.selected != on {
		b.selected = on
		b.Refresh()
	}
}

// Focused reports whether the keyboard is on this entry.
func (b *NavButton) Focused() bool { return b.focused }

func (b *NavButton) Tapped(*fyne.PointEvent) {
	if b.OnTapped != nil {
		b.OnTapped()
	}
}

func (b *NavButton) FocusGained() { b.focused = true; b.Refresh() }
func (b *NavButton) FocusLost()   { b.focused = false; b.Refresh() }
func (b *NavButton) TypedRune(r rune) {
	if r == ' ' {
		b.Tapped(nil)
	}
}
func (b *NavButton) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter:
		b.Tapped(nil)
	default:
		escaped(b, ev)
	}
}
func (b *NavButton) MouseIn(*desktop.MouseEvent)    { b.hovered = true; b.Refresh() }
func (b *NavButton) MouseMoved(*desktop.MouseEvent) {}
func (b *NavButton) MouseOut()                      { b.hovered = false; b.Refresh() }
func (b *NavButton) Cursor() desktop.Cursor         { return desktop.PointerCursor }

func (b *NavButton) CreateRenderer() fyne.WidgetRenderer {
	r := &navButtonRenderer{b: b, bg: canvas.NewRectangle(color.Transparent), bar: canvas.NewRectangle(NHSBlue),
		icon: widget.NewIcon(b.Icon), label: canvas.NewText(b.Text, col(theme.ColorNameForeground))}
	r.bg.CornerRadius = 4
	r.label.TextSize = theme.TextSize()
	row := container.NewHBox(container.NewCenter(container.New(&fixedSize{fyne.NewSquareSize(20)}, r.icon)), container.NewCenter(r.label))
	r.content = container.New(layout.NewCustomPaddedLayout(8, 8, 10, 8), row)
	r.objects = []fyne.CanvasObject{r.bg, r.bar, r.content}
	r.Refresh()
	return r
}

type navButtonRenderer struct {
	b       *NavButton
	bg, bar *canvas.Rectangle
	icon    *widget.Icon
	label   *canvas.Text
	content *fyne.Container
	objects []fyne.CanvasObject
}

func (r *navButtonRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.bar.Resize(fyne.NewSize(4, size.Height))
	r.content.Resize(size)
}

func (r *navButtonRenderer) MinSize() fyne.Size           { return r.content.MinSize() }
func (r *navButtonRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *navButtonRenderer) Destroy()                     {}

func (r *navButtonRenderer) Refresh() {
	b := r.b
	r.label.Text = b.Text
	r.label.TextStyle.Bold = b.selected
	r.label.TextSize = theme.TextSize()
	r.label.Color = col(theme.ColorNameForeground)
	r.icon.SetResource(b.Icon)
	r.bar.Hidden = !b.selected
	switch {
	case b.focused:
		r.bg.FillColor = NHSFocus
		r.label.Color = NHSText
		r.icon.SetResource(theme.NewColoredResource(b.Icon, colorOnYellow))
	case b.selected:
		r.bg.FillColor = col(theme.ColorNameSelection)
	case b.hovered:
		r.bg.FillColor = col(theme.ColorNameHover)
	default:
		r.bg.FillColor = color.Transparent
	}
	r.bar.FillColor = col(theme.ColorNamePrimary)
	r.bg.Refresh()
	r.bar.Refresh()
	r.label.Refresh()
	r.content.Refresh()
}
