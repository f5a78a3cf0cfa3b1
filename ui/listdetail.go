package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ListDetail is a list beside the record opened from it. Where the window has room for
// both at the text size chosen, they sit side by side with a divider to drag; where it has
// not (a 1024-pixel ward PC at 150 % text), they take turns: the list, then the record
// chosen from it under a "Back to the list" button, each the whole width. Nothing is ever
// squeezed to one letter a line or pushed off the window.
type ListDetail struct {
	Back *Button // on show while a record is open in place of the list

	split  *container.Split
	list   fyne.CanvasObject // the leading pane
	detail *fyne.Container   // holds the record open, or a hint when none is
	shown  fyne.CanvasObject // what detail held when last looked at
	open   bool              // a record is open (not a hint), and Back has not been pressed
	narrow bool              // laid out one at a time
	root   *fyne.Container
	above  fyne.CanvasObject // what stands above the list on its screen; see makeWayAbove
	page   fyne.CanvasObject // the screen holding above and the list
	aside  bool              // not on show (another tab is): leaves above alone
	later  func(func())      // runs after the layout under way, when the page is laid out again
}

// setShown says whether this list is the one on show, where a screen has two behind tabs,
// and arranges its screen for it.
func (ld *ListDetail) setShown(on bool) {
	ld.aside = !on
	if on {
		ld.arrange()
	}
}

// makeWayAbove names what stands above the list on its screen (the title, the search, the
// tabs) and the screen itself: while a record is open alone, they make way for it, so
// that it starts at the top of the window rather than below a screenful of headings.
// The page is laid out again by later, after the layout under way: done within it, the
// page's own layout would put back the places it had worked out before.
func (ld *ListDetail) makeWayAbove(above, page fyne.CanvasObject, later func(func())) {
	ld.above, ld.page, ld.later = above, page, later
	ld.arrange()
}

// detailLeast is the narrowest a record is worth reading beside its list, at 100 % text.
const detailLeast = 380

// listBeside lays out list beside pane, a record's side, which shows detail. The screen
// keeps putting a record or a hint (placeholder) into detail as it always has; whether a
// record is open is seen from that.
func listBeside(list, pane fyne.CanvasObject, detail *fyne.Container, offset float64) *ListDetail {
	ld := &ListDetail{list: listPane(list), detail: detail}
	ld.Back = newButtonWithIcon("Back to the list", theme.NavigateBackIcon(), ld.back)
	ld.Back.Importance = widget.LowImportance
	ld.Back.Hide()
	ld.split = container.NewHSplit(ld.list, container.NewBorder(container.NewHBox(ld.Back), nil, nil, nil, pane))
	ld.split.Offset = offset
	if w, ok := detail.Layout.(*detailWatch); ok { // the screen built its panes again
		w.ld = ld
	} else {
		detail.Layout = &detailWatch{ld: ld, inner: detail.Layout}
	}
	ld.root = container.New(&listDetailLayout{ld: ld}, ld.split)
	return ld
}

// Content is what the screen puts on show.
func (ld *ListDetail) Content() fyne.CanvasObject { return ld.root }

// Narrow reports whether the list and the record take turns.
func (ld *ListDetail) Narrow() bool { return ld.narrow }

// ListShown reports whether the list is on show.
func (ld *ListDetail) ListShown() bool { return ld.list.Visible() }

// back puts the list on show again in place of the record (which stays as it was left,
// with any draft kept by its editor).
func (ld *ListDetail) back() {
	ld.open = false
	for _, l := range listsIn(ld.list) { // so that choosing the same row opens it again
		l.UnselectAll()
	}
	ld.arrange()
}

// seen is told what detail holds each time it is laid out.
func (ld *ListDetail) seen(objs []fyne.CanvasObject) {
	var now fyne.CanvasObject
	if len(objs) > 0 {
		now = objs[0]
	}
	if now == ld.shown {
		return
	}
	ld.shown = now
	ld.open = now != nil && !isPlaceholder(now)
	ld.arrange()
}

// arrange shows the panes the width allows.
func (ld *ListDetail) arrange() {
	showList, showRecord := true, true
	if ld.narrow {
		showList, showRecord = !ld.open, ld.open
	}
	changed := setVisible(ld.list, showList)
	changed = setVisible(ld.split.Trailing, showRecord) || changed
	setVisible(ld.Back, ld.narrow && ld.open)
	if changed {
		ld.split.Refresh()
	}
	if ld.above != nil && !ld.aside && setVisible(ld.above, !(ld.narrow && ld.open)) {
		ld.later(ld.page.Refresh) // the page lays out again without, or with, what stands above
	}
}

func setVisible(o fyne.CanvasObject, on bool) bool {
	if o.Visible() == on {
		return false
	}
	if on {
		o.Show()
	} else {
		o.Hide()
	}
	return true
}

// listsIn finds the selectable lists in o.
func listsIn(o fyne.CanvasObject) []*widget.List {
	switch t := o.(type) {
	case *widget.List:
		return []*widget.List{t}
	case *fyne.Container:
		var out []*widget.List
		for _, k := range t.Objects {
			out = append(out, listsIn(k)...)
		}
		return out
	case *container.Scroll:
		return listsIn(t.Content)
	}
	return nil
}

// listDetailLayout decides, at each width, whether list and record fit side by side.
type listDetailLayout struct{ ld *ListDetail }

func (l *listDetailLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	ld := l.ld
	list, record := ld.list.MinSize(), ld.split.Trailing.MinSize()
	return fyne.NewSize(max(list.Width, record.Width), max(list.Height, record.Height))
}

func (l *listDetailLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	ld := l.ld
	least := max(ld.split.Trailing.MinSize().Width, detailLeast*theme.TextSize()/15)
	narrow := size.Width < ld.list.MinSize().Width+least+2*theme.Padding()
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	// Last: arranging may lay out the whole page again, this included, at a new size.
	if narrow != ld.narrow {
		ld.narrow = narrow
		ld.arrange()
	}
}

// detailWatch lays out a record's side as before, and tells its ListDetail what it holds.
type detailWatch struct {
	ld    *ListDetail
	inner fyne.Layout
}

func (w *detailWatch) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if w.inner == nil {
		return layout.NewStackLayout().MinSize(objs)
	}
	return w.inner.MinSize(objs)
}

func (w *detailWatch) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if w.inner == nil {
		layout.NewStackLayout().Layout(objs, size)
	} else {
		w.inner.Layout(objs, size)
	}
	w.ld.seen(objs)
}

// hintLayout marks a placeholder, the words on a record's side when no record is open,
// and pads them.
type hintLayout struct{}

func (hintLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return layout.NewPaddedLayout().MinSize(objs)
}
func (hintLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewPaddedLayout().Layout(objs, size)
}

func isPlaceholder(o fyne.CanvasObject) bool {
	c, ok := o.(*fyne.Container)
	if !ok {
		return false
	}
	_, ok = c.Layout.(hintLayout)
	return ok
}
