package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"pursuit/model"
)

// Today, the 7th of December, sits under "Dec" on a programme whose months run from the
// 12th: the months are the calendar's.
func TestTodaySitsUnderItsOwnMonth(t *testing.T) {
	test.NewTempApp(t)
	p := model.Programme{StartDate: model.NewDate(2026, time.September, 12)}
	today := model.NewDate(2026, time.December, 7)
	tv := newTimelineView(p.Timeline(), today, nil)
	w := test.NewTempWindow(t, tv)
	w.Resize(fyne.NewSize(1000, 300))
	r := test.WidgetRenderer(tv).(*timelineRenderer)
	r.Layout(fyne.NewSize(1000, 200))
	var dec, jan *canvas.Text
	for _, m := range r.months {
		switch m.Text {
		case "Dec":
			dec = m
		case "Jan":
			jan = m
		}
	}
	if dec == nil || jan == nil {
		t.Fatalf("months drawn: %v", len(r.months))
	}
	x := r.today.Position1.X
	if x < dec.Position().X-3 || x >= jan.Position().X-3 {
		t.Errorf("today is drawn at %.0f, December runs from %.0f to %.0f", x, dec.Position().X-3, jan.Position().X-3)
	}
}

func TestCalendarMonths(t *testing.T) {
	got := calendarMonths(model.NewDate(2026, time.September, 12), model.NewDate(2027, time.September, 11))
	if len(got) != 14 || got[1] != model.NewDate(2026, time.October, 1) || got[13] != model.NewDate(2027, time.September, 12) {
		t.Errorf("ticks %v", got)
	}
	got = calendarMonths(model.NewDate(2026, time.March, 1), model.NewDate(2027, time.February, 28))
	if len(got) != 13 || got[1] != model.NewDate(2026, time.April, 1) {
		t.Errorf("ticks from the 1st %v", got)
	}
}

// At the programme's end, the final meeting planned for the last day, the 12-month career
// conversation and the end share one label, and the final meeting is not named twice (as
// planned and as due): their labels piled five high.
func TestMarksOnOneDayShareOneLabel(t *testing.T) {
	p := model.Programme{StartDate: model.NewDate(2025, time.December, 8)}.WithDefaults()
	tl := p.Timeline()
	today := tl.End.AddDays(-3)
	pf := model.Portfolio{Programme: p, Meetings: []model.Meeting{
		{Kind: model.MeetingInitial, Date: p.StartDate.AddDays(5), Held: true},
		{Kind: model.MeetingMidpoint, Date: p.StartDate.AddMonths(6), Held: true},
		{Kind: model.MeetingFinal, Date: tl.End},
	}}
	var onEnd []string
	for _, m := range timelineMarks(pf, tl, today) {
		if m.Date == tl.End && m.Label != "" {
			onEnd = append(onEnd, m.Label)
		}
		if strings.HasPrefix(m.Label, "Due: Final") {
			t.Errorf("the planned final meeting is named as due too: %q", m.Label)
		}
	}
	if want := "Final planned · Career talk · End " + tl.End.Time().Format("2 Jan"); len(onEnd) != 1 || onEnd[0] != want {
		t.Errorf("labels on the last day: %q, want one: %q", onEnd, want)
	}
}

// The Today line crosses no label, and a career conversation held the week of a meeting is
// not hidden under the meeting's dot.
func TestTodayCrossesNoLabelAndNoMarkHidesAnother(t *testing.T) {
	test.NewTempApp(t)
	p := model.Programme{StartDate: model.NewDate(2025, time.December, 8)}.WithDefaults()
	tl := p.Timeline()
	today := model.NewDate(2026, time.June, 9)
	marks := []Mark{{today.AddDays(1), "Due: Review", markMeetingDue}, {tl.CareerConversation6, "Mid-point", markMeetingHeld},
		{tl.CareerConversation6, "Career talk", markConversation}}
	tv := newTimelineView(tl, today, marks)
	w := test.NewTempWindow(t, tv)
	w.Resize(fyne.NewSize(700, 300))
	r := test.WidgetRenderer(tv).(*timelineRenderer)
	r.Layout(fyne.NewSize(700, 200))
	x, y0, y1 := r.today.Position1.X, r.today.Position1.Y, r.today.Position2.Y
	for _, l := range r.labels {
		p, s := l.Position(), l.MinSize()
		if l.Visible() && x >= p.X && x <= p.X+s.Width && y1 > p.Y && y0 < p.Y+s.Height {
			t.Errorf("the Today line (%v, %v–%v) crosses the label %q at %v", x, y0, y1, l.Text, p)
		}
	}
	dot, square := r.marks[1], r.marks[2]
	dp, ds, sp, ss := dot.Position(), dot.Size(), square.Position(), square.Size()
	if sp.X >= dp.X && sp.Y >= dp.Y && sp.X+ss.Width <= dp.X+ds.Width && sp.Y+ss.Height <= dp.Y+ds.Height {
		t.Errorf("the career conversation's square (%v %v) lies wholly under the meeting's dot (%v %v)", sp, ss, dp, ds)
	}
}
