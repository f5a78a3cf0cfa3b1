package ui

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
)

// calendarPicker is a date field's month to pick a day from. Fyne's own opened on this
// month whatever the field held, marked neither today nor the chosen day, and had no edge
// on its left; this one opens on the chosen day's month, shows the chosen day filled in
// NHS blue and today ringed, and sits on a card with an edge all round.
type calendarPicker struct {
	Content *fyne.Container
	Title   *widget.Label
	Days    []*Button // the month's days, 1 first

	month  time.Time // the first of the month on show
	chosen model.Date
	today  model.Date
	pick   func(model.Date)
	grid   *fyne.Container
}

// weekdays head the columns: a British week starts on Monday.
var weekdays = []string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}

func newCalendarPicker(chosen, today model.Date, pick func(model.Date)) *calendarPicker {
	c := &calendarPicker{chosen: chosen, today: today, pick: pick}
	shown := chosen
	if shown.IsZero() {
		shown = today
	}
	c.month = time.Date(shown.Year, shown.Month, 1, 0, 0, 0, 0, time.UTC)
	c.Title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	prev := newButtonWithIcon("", theme.NavigateBackIcon(), func() { c.show(c.month.AddDate(0, -1, 0)) })
	next := newButtonWithIcon("", theme.NavigateNextIcon(), func() { c.show(c.month.AddDate(0, 1, 0)) })
	prev.Importance, next.Importance = widget.LowImportance, widget.LowImportance
	c.grid = container.NewGridWithColumns(7)
	bg := canvas.NewRectangle(col(colorSurface))
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = col(theme.ColorNameInputBorder), 1, theme.InputRadiusSize()
	c.Content = container.NewStack(bg, container.NewPadded(container.NewBorder(
		container.NewBorder(nil, nil, prev, next, c.Title), nil, nil, nil, c.grid)))
	c.show(c.month)
	return c
}

// show puts the month starting at first on show.
func (c *calendarPicker) show(first time.Time) {
	c.month = first
	c.Title.SetText(first.Format("January 2006"))
	cells := make([]fyne.CanvasObject, 0, 49)
	for _, d := range weekdays {
		l := widget.NewLabelWithStyle(d, fyne.TextAlignCenter, fyne.TextStyle{})
		l.Importance = widget.LowImportance
		cells = append(cells, l)
	}
	for range (int(first.Weekday()) + 6) % 7 { // Monday is the first column
		cells = append(cells, widget.NewLabel(""))
	}
	c.Days = c.Days[:0]
	for t := first; t.Month() == first.Month(); t = t.AddDate(0, 0, 1) {
		day := model.DateOf(t)
		b := newButton(fmt.Sprint(t.Day()), func() { c.pick(day) })
		b.Importance = widget.LowImportance
		var cell fyne.CanvasObject = b
		switch {
		case day == c.chosen:
			b.Importance = widget.HighImportance
		case day == c.today:
			ring := canvas.NewRectangle(color.Transparent)
			ring.StrokeColor, ring.StrokeWidth, ring.CornerRadius = col(theme.ColorNamePrimary), 2, theme.InputRadiusSize()
			cell = container.NewStack(b, ring)
		}
		c.Days = append(c.Days, b)
		cells = append(cells, cell)
	}
	c.grid.Objects = cells
	c.grid.Refresh()
}
