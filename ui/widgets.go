package ui

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
)

// Small building blocks shared by every screen, so that all of them look alike.

func heading(text string, size float32) *canvas.Text {
	t := canvas.NewText(text, col(theme.ColorNameForeground))
	t.TextStyle.Bold = true
	t.TextSize = scaled(size)
	return t
}

// headline is a bold heading that wraps: for a screen's or an editor's title, which may be
// long (a name, a meeting and its date) and must fit a narrow window at a large text size.
func headline(text string, size float32) *widget.RichText {
	t := widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		TextStyle: fyne.TextStyle{Bold: true}, SizeName: textSize(size), ColorName: theme.ColorNameForeground}})
	t.Wrapping = fyne.TextWrapWord
	return t
}

// setHeadline changes a headline's words and colour.
func setHeadline(t *widget.RichText, text string, c fyne.ThemeColorName) {
	seg := t.Segments[0].(*widget.TextSegment)
	seg.Text, seg.Style.ColorName = text, c
	t.Refresh()
}

// pageTitle is the big title at the top of a screen, with an optional line beneath.
// Both break only between their parts (" — " in the title, " · " below it), so that a
// date or "Month 12 of 12" is never cut in two.
func pageTitle(text, sub string) fyne.CanvasObject {
	t := newPhraseText(widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, SizeName: textSize(26),
		ColorName: theme.ColorNameForeground}, " — ", strings.Split(text, " — ")...)
	if sub == "" {
		return t
	}
	s := newPhraseText(widget.RichTextStyle{ColorName: theme.ColorNameForeground}, " · ", strings.Split(sub, " · ")...)
	return container.NewVBox(t, s)
}

// card is a white panel with a title: the unit every screen is laid out in.
func card(titled string, body fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(col(colorSurface))
	bg.CornerRadius = 6
	bg.StrokeColor = col(colorBorder)
	bg.StrokeWidth = 1
	var inner fyne.CanvasObject = body
	if titled != "" {
		inner = container.NewBorder(container.NewVBox(headline(titled, 19), widget.NewSeparator()), nil, nil, nil, body)
	}
	return container.NewStack(bg, container.NewPadded(container.NewPadded(inner)))
}

// banner is a full-width coloured strip with a message (demo data, confidential, locked).
// Its text wraps, so a long message never forces the window wider.
func banner(text string, bg, fg color.Color) fyne.CanvasObject {
	name := colorOnYellow
	if fg == White {
		name = colorOnDark
	}
	t := widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		Alignment: fyne.TextAlignCenter, ColorName: name, TextStyle: fyne.TextStyle{Bold: true}, Inline: true}})
	t.Wrapping = fyne.TextWrapWord
	return container.NewStack(canvas.NewRectangle(bg), compact(t))
}

// subheading is a bold title that wraps: for titles as long as a competency's.
func subheading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// dot is a coloured status circle.
func dot(c color.Color) fyne.CanvasObject {
	r := canvas.NewCircle(c)
	return container.New(&fixedSize{fyne.NewSize(14, 14)}, r)
}

func ragColor(r model.RAG) color.Color {
	switch r {
	case model.Red:
		return NHSRed
	case model.Amber:
		return NHSYellow
	case model.Green:
		return NHSGreen
	}
	return NHSMidGrey
}

func ragLabel(r model.RAG) string {
	switch r {
	case model.Red:
		return "Needs attention"
	case model.Amber:
		return "Keep an eye on"
	}
	return "On track"
}

func statusColor(s model.Status) color.Color {
	switch s {
	case model.SignedOff:
		return NHSGreen
	case model.EvidenceSubmitted:
		return NHSBlue
	case model.Returned:
		return NHSRed
	case model.InProgress:
		return NHSYellow
	}
	return NHSMidGrey
}

// statusWord is a competency's status in a word or two, for a list row beside its dot:
// short, so the code beside it keeps its room in a narrow list at 150 % text.
func statusWord(s model.Status) string {
	switch s {
	case model.EvidenceSubmitted:
		return "Submitted"
	case model.Returned:
		return "Returned"
	}
	return s.Label()
}

// pill is a small coloured tag with text, for statuses and levels.
func pill(text string, bg color.Color) fyne.CanvasObject {
	fg := color.Color(White)
	if bg == NHSYellow || bg == NHSMidGrey || bg == NHSPaleGrey {
		fg = NHSText
	}
	t := canvas.NewText(text, fg)
	t.TextStyle.Bold = true
	t.TextSize = scaled(12.5)
	r := canvas.NewRectangle(bg)
	r.CornerRadius = 10
	// Centred, so a pill in a tall row keeps its own height instead of stretching.
	return container.NewCenter(container.NewStack(r, container.New(layout.NewCustomPaddedLayout(2, 2, 8, 8), t)))
}

func levelColor(l model.Level) color.Color {
	switch l {
	case model.Must:
		return NHSDarkBlue
	case model.Should:
		return NHSBlue
	}
	return NHSSecondary
}

// fieldLabel is the bold caption above a form field. It wraps: a caption may be a whole
// question (the NMC reflective account's), and must fit a narrow window.
func fieldLabel(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// sideLabel is a short bold caption beside its field, on one line.
func sideLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// wrapped is a label that wraps at word boundaries.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// note is a label in the secondary text colour.
func note(text string) *widget.Label {
	l := wrapped(text)
	l.Importance = widget.LowImportance
	return l
}

// placeholder is the quiet text an empty panel shows until something is chosen.
func placeholder(text string) fyne.CanvasObject {
	return container.New(hintLayout{}, container.NewVBox(note(text)))
}

// when is a short secondary text that never wraps (dates beside a line).
func when(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	return l
}

// errorText shows what went wrong, in red, wrapping.
func errorText() *widget.Label {
	l := wrapped("")
	l.Importance = widget.DangerImportance
	l.TextStyle.Bold = true
	return l
}

// DateField is a date entry that speaks model.Date. It extends the DateEntry itself (not a
// pointer to one), so that Fyne finds the field on the canvas: its calendar pop-up needs the
// canvas, and a click needs it to give the field the keyboard focus.
type DateField struct {
	widget.DateEntry
	Calendar *calendarPicker // the month on show in the pop-up, while it is open
	today    func() time.Time
	popUp    *widget.PopUp
}

func newDateField() *DateField {
	d := &DateField{}
	d.ExtendBaseWidget(d)
	d.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	return d
}

// CreateRenderer lays the wheel catcher over the field (the wheel scrolls the page), and
// has the calendar button open Pursuit's month rather than Fyne's.
func (d *DateField) CreateRenderer() fyne.WidgetRenderer {
	r := &wheelRenderer{WidgetRenderer: d.DateEntry.CreateRenderer(), wheel: newWheelToPage(d)}
	if b, ok := d.ActionItem.(*widget.Button); ok {
		b.OnTapped = d.OpenCalendar
	}
	return r
}

// OpenCalendar shows the month of the date in the field (or this month) under the field.
func (d *DateField) OpenCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(d)
	if c == nil {
		return
	}
	now := time.Now
	if d.today != nil {
		now = d.today
	}
	d.Calendar = newCalendarPicker(d.Value(), model.DateOf(now()), func(day model.Date) {
		d.SetValue(day)
		if d.popUp != nil {
			d.popUp.Hide()
		}
		d.Calendar = nil
	})
	d.popUp = widget.NewPopUp(d.Calendar.Content, c)
	size := fyne.NewSize(max(d.Size().Width, d.popUp.MinSize().Width), d.popUp.MinSize().Height)
	d.popUp.ShowAtPosition(calendarPlace(fyne.CurrentApp().Driver().AbsolutePositionForObject(d), d.Size(), size, c.Size()))
	d.popUp.Resize(size)
}

// calendarPlace puts a calendar of size under its field (at, field), or over it where the
// window has no room below, and inside the window: moved only up to fit, it covered the
// field it was for.
func calendarPlace(at fyne.Position, field, size, window fyne.Size) fyne.Position {
	y := at.Y + field.Height
	if y+size.Height > window.Height && at.Y-size.Height >= 0 {
		y = at.Y - size.Height
	}
	x := max(0, min(at.X, window.Width-size.Width))
	return fyne.NewPos(x, max(0, min(y, window.Height-size.Height)))
}

// TypedKey closes the pop-up on top on Esc; other keys edit the date.
func (d *DateField) TypedKey(ev *fyne.KeyEvent) {
	if !escaped(d, ev) {
		d.DateEntry.TypedKey(ev)
	}
}

// Value is the chosen date, or zero when empty or unreadable.
func (d *DateField) Value() model.Date {
	if d.Date == nil {
		return model.Date{}
	}
	return model.DateOf(*d.Date)
}

// SetValue shows a date (zero clears the field).
func (d *DateField) SetValue(v model.Date) {
	if v.IsZero() {
		d.SetDate(nil)
		return
	}
	t := time.Date(v.Year, v.Month, v.Day, 0, 0, 0, 0, time.UTC)
	d.SetDate(&t)
}

// fixedSize lays out its objects at one size.
type fixedSize struct{ size fyne.Size }

func (f *fixedSize) MinSize([]fyne.CanvasObject) fyne.Size { return f.size }
func (f *fixedSize) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	for _, o := range objs {
		o.Resize(f.size)
		o.Move(fyne.NewPos(0, 0))
	}
}

// maxWidth keeps a column of text to a readable line length on a wide screen.
type maxWidth struct{ w float32 }

func (m *maxWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(min(s.Width, m.w), s.Height)
}

func (m *maxWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, m.w)
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos(0, 0))
	}
}

// tapArea makes something drawn (the header's sync chip) clickable, with a hand cursor.
type tapArea struct {
	widget.BaseWidget
	obj   fyne.CanvasObject
	onTap func()
}

func newTapArea(obj fyne.CanvasObject, onTap func()) *tapArea {
	t := &tapArea{obj: obj, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.obj) }
func (t *tapArea) Tapped(*fyne.PointEvent)             { t.onTap() }
func (t *tapArea) Cursor() desktop.Cursor              { return desktop.PointerCursor }

// keepPlace scrolls a record's pane, built again after a save, to where the person was in
// the one it replaces: the "Saved" beside the button they pressed stays where they look,
// instead of the pane jumping back to its top.
func keepPlace(old, new fyne.CanvasObject) {
	o, ok := old.(*container.Scroll)
	n, ok2 := new.(*container.Scroll)
	if ok && ok2 {
		n.Offset = o.Offset // laid out later, within what the new pane holds
	}
}

// openRow names a record (linked evidence, a due item) with an Open button that goes to
// it. The name wraps, however long, and the button is reached with Tab like any other.
func openRow(text string, open func()) fyne.CanvasObject {
	b := newButtonWithIcon("Open", theme.NavigateNextIcon(), open)
	b.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, container.NewCenter(b), wrapped(text))
}

// showOnly puts obj in c in place of what c held. Only c is laid out and redrawn: a
// container's Refresh would refresh every widget inside obj as well, and obj is new, so
// that would measure every wrapped text of a screen twice (a sixth of the time it takes
// to show the career conversations).
func showOnly(c *fyne.Container, obj fyne.CanvasObject) {
	c.Objects = []fyne.CanvasObject{obj}
	if c.Layout != nil {
		c.Layout.Layout(c.Objects, c.Size())
	}
	canvas.Refresh(c)
}
