package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Layouts that reflow to the width they are given, so that no screen is ever wider than a
// 1024-pixel ward PC's window (or than a larger screen at 150 % text). Like a wrapping
// label, their height depends on their width: they remember the last width they were laid
// out at, and Fyne lays them out again when that changes the height they need.

// flowLayout places objects left to right at their own width, starting a new line when the
// next one does not fit: a row of buttons, filters or legend entries. With grow set, the
// first object (a search box) is at least that wide and takes whatever its line leaves.
type flowLayout struct {
	width float32
	grow  float32
}

// flow is a row that wraps onto further lines when the window is narrow.
func flow(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowLayout{}, objs...)
}

// flowGrow is a flow whose first object stretches across what its line leaves, and is
// never narrower than least.
func flowGrow(least float32, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowLayout{grow: least}, objs...)
}

func (f *flowLayout) min(i int, o fyne.CanvasObject) fyne.Size {
	m := o.MinSize()
	if i == 0 && f.grow > 0 {
		m.Width = max(m.Width, f.grow)
	}
	return m
}

// lines places the objects in lines across width; sizes are what each object gets.
func (f *flowLayout) lines(objs []fyne.CanvasObject, width float32) (pos []fyne.Position, sizes []fyne.Size, size fyne.Size) {
	gap := theme.Padding()
	var x, y, lineH float32
	for i, o := range objs {
		if !o.Visible() {
			pos, sizes = append(pos, fyne.Position{}), append(sizes, fyne.Size{})
			continue
		}
		m := f.min(i, o)
		if x > 0 && x+m.Width > width {
			x, y = 0, y+lineH+gap
			lineH = 0
		}
		pos, sizes = append(pos, fyne.NewPos(x, y)), append(sizes, m)
		x += m.Width + gap
		lineH = max(lineH, m.Height)
		size.Width = max(size.Width, x-gap)
	}
	size.Height = y + lineH
	if f.grow <= 0 || len(objs) == 0 || !objs[0].Visible() {
		return pos, sizes, size
	}
	// The growing object takes the room its line leaves; those after it on the line move.
	last := 0
	for i := 1; i < len(objs) && (!objs[i].Visible() || pos[i].Y == pos[0].Y); i++ {
		if objs[i].Visible() {
			last = i
		}
	}
	if extra := width - (pos[last].X + sizes[last].Width); extra > 0 {
		sizes[0].Width += extra
		for i := 1; i <= last; i++ {
			pos[i].X += extra
		}
	}
	return pos, sizes, size
}

func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var widest float32
	for i, o := range objs {
		if o.Visible() {
			widest = max(widest, f.min(i, o).Width)
		}
	}
	width := f.width
	if width <= 0 {
		width = 1e6 // not laid out yet: one line, until the width is known
	}
	_, _, size := f.lines(objs, max(width, widest))
	return fyne.NewSize(widest, size.Height)
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width <= 0 {
		return // not laid out yet: wrapping text at no width costs a line per letter
	}
	f.width = size.Width
	pos, sizes, _ := f.lines(objs, size.Width)
	for i, o := range objs {
		o.Move(pos[i])
		o.Resize(sizes[i])
	}
}

// columnsLayout puts its objects side by side in equal columns when each has room for its
// minimum width, and one under the other (each the full width) when not.
type columnsLayout struct {
	width     float32
	lastFirst bool // stacked, the last panel goes on top
}

// columns is a row of panels that stacks on a narrow window.
func columns(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&columnsLayout{}, objs...)
}

// columnsLastOnTop is columns whose last panel goes on top when they stack: what needs
// doing (a side panel of requests) before the overview it sits beside.
func columnsLastOnTop(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&columnsLayout{lastFirst: true}, objs...)
}

// mins are the minimum sizes of the visible objects: asked once per layout, since a
// text box's minimum size costs the shaping of its text.
func (c *columnsLayout) mins(objs []fyne.CanvasObject) (vis []fyne.CanvasObject, mins []fyne.Size) {
	for _, o := range objs {
		if o.Visible() {
			vis, mins = append(vis, o), append(mins, o.MinSize())
		}
	}
	return vis, mins
}

// sideBySide reports whether objects of these minimum sizes fit in equal columns.
func (c *columnsLayout) sideBySide(mins []fyne.Size, width float32) bool {
	if len(mins) == 0 {
		return true
	}
	gap := theme.Padding()
	col := (width - gap*float32(len(mins)-1)) / float32(len(mins))
	for _, m := range mins {
		if m.Width > col {
			return false
		}
	}
	return true
}

func (c *columnsLayout) MinSize(all []fyne.CanvasObject) fyne.Size {
	_, mins := c.mins(all)
	gap := theme.Padding()
	var size fyne.Size
	width := c.width
	if width <= 0 {
		width = 1e6
	}
	side := c.sideBySide(mins, width)
	for i, m := range mins {
		size.Width = max(size.Width, m.Width)
		if side {
			size.Height = max(size.Height, m.Height)
		} else {
			size.Height += m.Height
			if i > 0 {
				size.Height += gap
			}
		}
	}
	return size
}

func (c *columnsLayout) Layout(all []fyne.CanvasObject, size fyne.Size) {
	if size.Width <= 0 {
		return // not laid out yet: wrapping text at no width costs a line per letter
	}
	c.width = size.Width
	objs, mins := c.mins(all)
	if len(objs) == 0 {
		return
	}
	gap := theme.Padding()
	if c.sideBySide(mins, size.Width) {
		col := (size.Width - gap*float32(len(objs)-1)) / float32(len(objs))
		for i, o := range objs {
			o.Move(fyne.NewPos(float32(i)*(col+gap), 0))
			o.Resize(fyne.NewSize(col, size.Height))
		}
		return
	}
	var y float32
	for j := range objs {
		i := j
		if c.lastFirst {
			i = len(objs) - 1 - j
		}
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(size.Width, mins[i].Height))
		y += mins[i].Height + gap
	}
}

// gridLayout is a grid of equal cells with as many columns as fit cells of its widest
// object's minimum width: two or three cards across on a wide screen, one on a narrow one.
type gridLayout struct {
	width float32
	most  int // the most columns, however wide the window
}

// grid is a grid of cards with as many columns as fit (at most most).
func grid(most int, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&gridLayout{most: most}, objs...)
}

// cell is the size of the largest object: every cell's (asked once per layout).
func (g *gridLayout) cell(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if o.Visible() {
			s = s.Max(o.MinSize())
		}
	}
	return s
}

func (g *gridLayout) cols(cell fyne.Size, n int, width float32) int {
	gap := theme.Padding()
	cols := 1
	if cell.Width > 0 {
		cols = int((width + gap) / (cell.Width + gap))
	}
	return max(1, min(cols, g.most, max(1, n)))
}

func (g *gridLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	width := g.width
	if width <= 0 {
		width = 1e6
	}
	c := g.cell(objs)
	n := g.cols(c, len(objs), width)
	rows := (len(objs) + n - 1) / n
	gap := theme.Padding()
	return fyne.NewSize(c.Width, float32(rows)*c.Height+float32(max(0, rows-1))*gap)
}

func (g *gridLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width <= 0 {
		return // not laid out yet: wrapping text at no width costs a line per letter
	}
	g.width = size.Width
	c := g.cell(objs)
	n := g.cols(c, len(objs), size.Width)
	gap := theme.Padding()
	w := (size.Width - gap*float32(n-1)) / float32(n)
	for i, o := range objs {
		r, col := i/n, i%n
		o.Move(fyne.NewPos(float32(col)*(w+gap), float32(r)*(c.Height+gap)))
		o.Resize(fyne.NewSize(w, c.Height))
	}
}

// besideLayout puts a short side text (a date, a state) at the right of its main text
// while the main text keeps least width, and under it on a narrow window.
type besideLayout struct {
	width float32
	least float32
}

// besideOrBelow is main with side at its right, or below it when there is no room.
func besideOrBelow(main, side fyne.CanvasObject, least float32) *fyne.Container {
	return container.New(&besideLayout{least: least}, main, side)
}

func (b *besideLayout) below(objs []fyne.CanvasObject, width float32) bool {
	return width-objs[1].MinSize().Width-theme.Padding() < b.least
}

func (b *besideLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m, s := objs[0].MinSize(), objs[1].MinSize()
	width := b.width
	if width <= 0 {
		width = 1e6
	}
	if b.below(objs, width) {
		return fyne.NewSize(max(m.Width, s.Width), m.Height+s.Height)
	}
	return fyne.NewSize(max(m.Width, s.Width), max(m.Height, s.Height))
}

func (b *besideLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width <= 0 {
		return // not laid out yet: wrapping text at no width costs a line per letter
	}
	b.width = size.Width
	main, side := objs[0], objs[1]
	s := side.MinSize()
	if b.below(objs, size.Width) {
		h := main.MinSize().Height
		main.Move(fyne.NewPos(0, 0))
		main.Resize(fyne.NewSize(size.Width, h))
		side.Move(fyne.NewPos(0, h))
		side.Resize(fyne.NewSize(size.Width, s.Height))
		return
	}
	w := size.Width - s.Width - theme.Padding()
	main.Move(fyne.NewPos(0, 0))
	main.Resize(fyne.NewSize(w, size.Height))
	side.Move(fyne.NewPos(w+theme.Padding(), 0))
	side.Resize(fyne.NewSize(s.Width, s.Height))
}

// listPane keeps a list beside an open record wide enough to read (a list row shortened
// to "…" names nothing): the record's pane reflows into what is left.
func listPane(o fyne.CanvasObject) *fyne.Container {
	return container.New(&leastWidth{w: 250}, o)
}

// leastWidth gives its objects at least w, at the text size chosen in Settings.
type leastWidth struct{ w float32 }

func (l *leastWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(max(s.Width, l.w*theme.TextSize()/15), s.Height)
}

func (l *leastWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// columnLayout holds a dialog's words at one width, and is as tall as they are at that
// width. A dialog takes the size its content asks for before anything is laid out, when a
// wrapping label does not yet know how many lines it needs: asked at the width it will
// have, it does, and the buttons below never cover the words.
type columnLayout struct{ w float32 }

// column is a dialog's content at width w.
func column(w float32, o fyne.CanvasObject) *fyne.Container {
	return container.New(&columnLayout{w}, o)
}

func (c *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		if o.Size().Width != c.w {
			o.Resize(fyne.NewSize(c.w, o.MinSize().Height))
		}
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(c.w, h)
}

func (c *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// compactPadding is the air inside a text of a coloured strip or a message: its one line
// needs little above and below.
const compactPadding = 4

// compact lays its text out with compactPadding inside instead of the theme's own, by giving
// it the difference beyond its edges on every side. Not a theme override: Fyne gives every
// override its own copy of the fonts, for as long as the app runs.
func compact(o fyne.CanvasObject) *fyne.Container { return container.New(compactLayout{}, o) }

type compactLayout struct{}

func (compactLayout) by() float32 { return max(0, theme.InnerPadding()-compactPadding) }

func (l compactLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize().SubtractWidthHeight(2*l.by(), 2*l.by()))
	}
	return s.Max(fyne.NewSize(0, 0))
}

func (l compactLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	d := l.by()
	for _, o := range objs {
		o.Move(fyne.NewPos(-d, -d))
		o.Resize(size.AddWidthHeight(2*d, 2*d))
	}
}
