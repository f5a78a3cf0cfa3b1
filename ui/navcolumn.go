package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// navWidest are the longest entries' words: the column is as wide as they need at the
// text size chosen, whoever is signed in and whatever is open, so that it keeps one width
// from screen to screen (it followed what it held, and jumped when a portfolio opened).
var navWidest = []string{"Career conversations", "People & programmes", "Clinical supervision", "Training & learning"}

// navPanel is the navigation column: its entries in a scroll, and, when they do not all
// fit (a lead in a portfolio at 150 % text on a small screen), a "More" below them that
// says there is more and goes there. Before, the last entry was cut in half with nothing
// to say the column scrolled.
type navPanel struct {
	Content *fyne.Container
	More    *Button
	scroll  *container.Scroll
	entries *fyne.Container
}

func newNavPanel(entries *fyne.Container) *navPanel {
	n := &navPanel{entries: entries, scroll: container.NewVScroll(entries)}
	n.More = newButtonWithIcon("More", theme.MenuDropDownIcon(), func() { n.scroll.ScrollToBottom(); n.update() })
	n.More.Importance = widget.LowImportance
	n.More.Hide()
	n.scroll.OnScrolled = func(fyne.Position) { n.update() }
	bg := canvas.NewRectangle(col(colorNav))
	bg.StrokeColor = col(colorBorder)
	bg.StrokeWidth = 1
	inner := container.NewPadded(container.NewBorder(nil, n.More, nil, nil, n.scroll))
	n.Content = container.New(&navColumn{n: n}, bg, inner)
	return n
}

// update shows More while entries lie below the column's end.
func (n *navPanel) update() {
	h := n.scroll.Size().Height
	hidden := h > 0 && n.entries.MinSize().Height-n.scroll.Offset.Y > h+1
	if hidden != n.More.Visible() {
		n.More.Hidden = !hidden
		n.Content.Refresh()
	}
}

// reveal scrolls the column so that the entry is wholly in view.
func (n *navPanel) reveal(entry fyne.CanvasObject) {
	h := n.scroll.Size().Height
	if entry == nil || h <= 0 {
		return
	}
	top, bottom := entry.Position().Y, entry.Position().Y+entry.Size().Height
	switch {
	case top < n.scroll.Offset.Y:
		n.scroll.Offset.Y = top
	case bottom > n.scroll.Offset.Y+h:
		n.scroll.Offset.Y = bottom - h
	default:
		return
	}
	n.scroll.Refresh()
	n.update()
}

// navColumn lays out the column at the width of its widest possible entry.
type navColumn struct {
	n *navPanel
	// widest is the widest entry's width at the text size textSize: measured once per
	// text size, not on every layout.
	widest, textSize float32
}

func (c *navColumn) width() float32 {
	if size := theme.TextSize(); size != c.textSize {
		c.textSize, c.widest = size, 0
		for _, s := range navWidest {
			// As a NavButton draws it: bold when chosen, after a 20-pixel icon, padded.
			c.widest = max(c.widest, fyne.MeasureText(s, size, fyne.TextStyle{Bold: true}).Width)
		}
		c.widest += 20 + theme.Padding() + 10 + 8
	}
	return max(200, min(c.widest+4*theme.Padding(), 320))
}

func (c *navColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(c.width(), h)
}

func (c *navColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewStackLayout().Layout(objs, size)
	c.n.update()
}
