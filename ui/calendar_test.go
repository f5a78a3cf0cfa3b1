package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
)

// A date field's calendar opens on the month of the date it holds, shows that day chosen
// and today ringed, and puts the day clicked in the field: Fyne's opened on this month
// whatever the field held and marked neither.
func TestTheCalendarOpensOnTheChosenMonthAndMarksTodayAndTheChosenDay(t *testing.T) {
	test.NewTempApp(t)
	f := newDateField()
	f.today = func() time.Time { return time.Date(2026, 12, 8, 20, 0, 0, 0, time.UTC) }
	f.SetValue(model.NewDate(2026, 3, 17))
	w := test.NewTempWindow(t, container.NewVBox(f))
	w.Resize(fyne.NewSize(600, 500))
	test.Tap(f.ActionItem.(*widget.Button))
	c := f.Calendar
	if c == nil || c.Title.Text != "March 2026" {
		t.Fatalf("the calendar opened on %v", c)
	}
	for i, b := range c.Days {
		if want := i == 16; (b.Importance == widget.HighImportance) != want {
			t.Errorf("March %d: chosen %v", i+1, !want)
		}
	}
	for range 9 {
		c.show(c.month.AddDate(0, 1, 0))
	}
	if c.Title.Text != "December 2026" {
		t.Fatalf("nine months on: %s", c.Title.Text)
	}
	ringed := 0
	for _, o := range c.grid.Objects {
		if s, ok := o.(*fyne.Container); ok {
			if r, ok := s.Objects[len(s.Objects)-1].(*canvas.Rectangle); ok && r.StrokeWidth > 0 && s.Objects[0] == c.Days[7] {
				ringed++
			}
		}
	}
	if ringed != 1 {
		t.Errorf("today (8 December) is ringed %d times", ringed)
	}
	test.Tap(c.Days[19])
	if got := f.Value(); got != model.NewDate(2026, 12, 20) || f.Calendar != nil {
		t.Errorf("after clicking 20: the field holds %v, calendar open %v", got, f.Calendar != nil)
	}
	if top := w.Canvas().Overlays().Top(); top != nil && top.Visible() {
		t.Error("the calendar stays open after a day is picked")
	}
}

// The calendar opens under its field, or over it where the window has no room below; it
// never covers the field itself.
func TestTheCalendarNeverCoversItsField(t *testing.T) {
	window := fyne.NewSize(1024, 652)
	cal := fyne.NewSize(350, 330)
	for _, at := range []fyne.Position{{X: 600, Y: 100}, {X: 600, Y: 400}, {X: 900, Y: 560}, {X: 20, Y: 250}} {
		field := fyne.NewSize(300, 40)
		p := calendarPlace(at, field, cal, window)
		if p.Y < at.Y+field.Height && p.Y+cal.Height > at.Y {
			t.Errorf("a field at %v: the calendar at %v covers it", at, p)
		}
		if p.X < 0 || p.Y < 0 || p.X+cal.Width > window.Width || p.Y+cal.Height > window.Height {
			t.Errorf("a field at %v: the calendar at %v runs out of the window", at, p)
		}
	}
}
