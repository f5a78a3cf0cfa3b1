package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
)

// Mark is one event on the programme timeline.
type Mark struct {
	Date  model.Date
	Label string
	Kind  markKind
}

type markKind int

const (
	markMeetingHeld markKind = iota
	markMeetingDue
	markConversation
	markInduction
	markEnd
)

// TimelineView draws the twelve months: supernumerary weeks shaded, month ticks, meetings
// held and due, the career conversations, the end, and a "today" line.
type TimelineView struct {
	widget.BaseWidget
	Timeline model.Timeline
	Today    model.Date
	Marks    []Mark
}

func newTimelineView(tl model.Timeline, today model.Date, marks []Mark) *TimelineView {
	t := &TimelineView{Timeline: tl, Today: today, Marks: marks}
	t.ExtendBaseWidget(t)
	return t
}

func (t *TimelineView) CreateRenderer() fyne.WidgetRenderer {
	r := &timelineRenderer{t: t}
	r.build()
	return r
}

type timelineRenderer struct {
	t       *TimelineView
	track   *canvas.Rectangle
	supern  *canvas.Rectangle
	elapsed *canvas.Rectangle
	ticks   []*canvas.Line
	months  []*canvas.Text
	marks   []fyne.CanvasObject
	labels  []*canvas.Text
	today   *canvas.Line
	todayT  *canvas.Text
	objects []fyne.CanvasObject
	width   float32 // as last laid out: how many lanes the labels need depends on it
	// tickDates are where the month ticks go: the start, the first of each month, the end.
	tickDates []model.Date
}

// calendarMonths is the start, the first of every month after it, and the day after the
// end: the ticks between which each month's name is written.
func calendarMonths(start, end model.Date) []model.Date {
	out := []model.Date{start}
	for d := model.NewDate(start.Year, start.Month, 1).AddMonths(1); !d.After(end); d = d.AddMonths(1) {
		out = append(out, d)
	}
	return append(out, end.AddDays(1))
}

func (r *timelineRenderer) build() {
	tl := r.t.Timeline
	// The track is a light ground with an edge in every variant: the dark marks on it
	// (career conversations, the end) stay seen in high contrast, where edges are black.
	r.track = canvas.NewRectangle(col(theme.ColorNameInputBackground))
	r.track.StrokeColor, r.track.StrokeWidth = col(colorBorder), 1
	r.track.CornerRadius = 6
	r.elapsed = canvas.NewRectangle(color.NRGBA{0x00, 0x5E, 0xB8, 0x55})
	r.elapsed.CornerRadius = 6
	r.supern = canvas.NewRectangle(color.NRGBA{0x41, 0xB6, 0xE6, 0xAA})
	r.objects = []fyne.CanvasObject{r.track, r.elapsed, r.supern}
	// Calendar months, as a person reads a year planner: a tick on the first of each month
	// with its name after it, so that today (the 7th of December) sits under "Dec" even
	// when the programme's own months run from the 12th.
	r.tickDates = calendarMonths(tl.Start, tl.End)
	for i, d := range r.tickDates {
		l := canvas.NewLine(col(colorSubtle))
		l.StrokeWidth = 1
		r.ticks = append(r.ticks, l)
		r.objects = append(r.objects, l)
		if i < len(r.tickDates)-1 {
			txt := canvas.NewText(d.Time().Format("Jan"), col(colorSubtle))
			txt.TextSize = scaled(11.5)
			r.months = append(r.months, txt)
			r.objects = append(r.objects, txt)
		}
	}
	for _, m := range r.t.Marks {
		var o fyne.CanvasObject
		switch m.Kind {
		case markMeetingHeld:
			c := canvas.NewCircle(NHSGreen)
			c.StrokeColor, c.StrokeWidth = White, 2
			o = c
		case markMeetingDue:
			c := canvas.NewCircle(col(colorSurface))
			c.StrokeColor, c.StrokeWidth = NHSYellow, 3
			if m.Date.Before(r.t.Today) {
				c.StrokeColor = NHSRed
			}
			o = c
		case markConversation:
			c := canvas.NewRectangle(NHSDarkBlue)
			c.CornerRadius = 3
			c.StrokeColor, c.StrokeWidth = White, 2 // seen on a dark track too
			o = c
		case markInduction:
			c := canvas.NewRectangle(NHSLightBlue)
			o = c
		case markEnd:
			c := canvas.NewRectangle(NHSDarkBlue)
			o = c
		}
		r.marks = append(r.marks, o)
		r.objects = append(r.objects, o)
		lbl := canvas.NewText(m.Label, col(theme.ColorNameForeground))
		lbl.TextSize = scaled(11.5)
		r.labels = append(r.labels, lbl)
		r.objects = append(r.objects, lbl)
	}
	r.today = canvas.NewLine(NHSRed)
	r.today.StrokeWidth = 2
	r.todayT = canvas.NewText("Today", NHSRed)
	r.todayT.TextStyle.Bold = true
	r.todayT.TextSize = scaled(12)
	r.objects = append(r.objects, r.today, r.todayT)
}

// x places a day on the track.
func (r *timelineRenderer) x(d model.Date, left, width float32) float32 {
	tl := r.t.Timeline
	total := float32(tl.Start.DaysUntil(tl.End.AddDays(1)))
	if total <= 0 {
		return left
	}
	f := float32(tl.Start.DaysUntil(d)) / total
	f = max(0, min(1, f))
	return left + f*width
}

// placement is where the labels go at one width: the lane of each (0, 2, 4… above the
// track, 1, 3, 5… below the month names) and its left edge.
type placement struct {
	lane  []int
	x     []float32
	lanes int // how many lanes are used
}

// place puts each label in the first lane where it does not touch a neighbour, opening a
// new lane when none is free: crowded marks (the end of the programme, the final review,
// the last career conversation, all on one day) stack rather than print over each other.
func (r *timelineRenderer) place(width float32) placement {
	left, track := float32(8), width-16
	var p placement
	var ends []float32
	for i := range r.marks {
		if r.t.Marks[i].Label == "" { // named in the label of another mark on its day
			p.lane, p.x = append(p.lane, -1), append(p.x, 0)
			continue
		}
		ls := r.labels[i].MinSize()
		x := r.x(r.t.Marks[i].Date, left, track)
		lx := max(0, min(width-ls.Width, x-ls.Width/2))
		lane := 0
		for lane < len(ends) && lx < ends[lane]+8 {
			lane++
		}
		if lane == len(ends) {
			ends = append(ends, 0)
		}
		ends[lane] = lx + ls.Width
		p.lane, p.x = append(p.lane, lane), append(p.x, lx)
	}
	p.lanes = max(2, len(ends))
	return p
}

// above and below are how many lanes of labels there are over the track and under it.
func (p placement) above() int { return (p.lanes + 1) / 2 }
func (p placement) below() int { return p.lanes / 2 }

func (r *timelineRenderer) Layout(size fyne.Size) {
	r.width = size.Width
	tl := r.t.Timeline
	left, width := float32(8), size.Width-16
	lineH := r.todayT.MinSize().Height
	p := r.place(size.Width)
	top := float32(p.above())*(lineH+4) + 8
	h := float32(22)
	r.track.Move(fyne.NewPos(left, top))
	r.track.Resize(fyne.NewSize(width, h))
	tx := r.x(r.t.Today, left, width)
	r.elapsed.Move(fyne.NewPos(left, top))
	r.elapsed.Resize(fyne.NewSize(tx-left, h))
	sx := r.x(tl.SupernumeraryEnd.AddDays(1), left, width)
	r.supern.Move(fyne.NewPos(left, top))
	r.supern.Resize(fyne.NewSize(sx-left, h))
	prevEnd := float32(0) // where the month named before ends
	for m, l := range r.ticks {
		x := r.x(r.tickDates[m], left, width)
		l.Position1 = fyne.NewPos(x, top+h)
		l.Position2 = fyne.NewPos(x, top+h+6)
		if m < len(r.months) {
			// A month of a few days at the end (a programme ending on the 7th) is named
			// inside the timeline, not past its edge; unnamed if there is no room.
			lbl := r.months[m]
			mw := lbl.MinSize().Width
			lx := min(x+3, size.Width-mw)
			lbl.Hidden = m > 0 && lx < prevEnd+2
			lbl.Move(fyne.NewPos(lx, top+h+4))
			if !lbl.Hidden {
				prevEnd = lx + mw
			}
		}
	}
	for i, o := range r.marks {
		m := r.t.Marks[i]
		x := r.x(m.Date, left, width)
		d := float32(16)
		switch m.Kind {
		case markInduction, markEnd:
			o.Resize(fyne.NewSize(4, h+8))
			o.Move(fyne.NewPos(x-2, top-4))
		case markConversation:
			// On the track's top edge, smaller: a meeting held the same week (the mid-point
			// and the 6-month conversation) hid it under its dot.
			o.Resize(fyne.NewSize(12, 12))
			o.Move(fyne.NewPos(x-6, top-6))
		default:
			o.Resize(fyne.NewSize(d, d))
			o.Move(fyne.NewPos(x-d/2, top+(h-d)/2))
		}
		lane := p.lane[i]
		r.labels[i].Hidden = lane < 0
		y := top - float32(lane/2+1)*(lineH+4) // above the track
		if lane%2 == 1 {
			y = top + h + lineH + 8 + float32(lane/2)*(lineH+4) // under the month names
		}
		r.labels[i].Move(fyne.NewPos(p.x[i], y))
	}
	// Across the track only: reaching above it, it ran through the lowest label there.
	r.today.Position1 = fyne.NewPos(tx, top)
	r.today.Position2 = fyne.NewPos(tx, top+h)
	ts := r.todayT.MinSize()
	r.todayT.Move(fyne.NewPos(max(0, min(size.Width-ts.Width, tx-ts.Width/2)), top+h+lineH+8+float32(p.below())*(lineH+4)))
}

func (r *timelineRenderer) MinSize() fyne.Size {
	lineH := r.todayT.MinSize().Height
	width := r.width
	if width <= 0 {
		width = 1000
	}
	p := r.place(width)
	// The lanes above, the track and the month names, the lanes below, and "Today".
	return fyne.NewSize(500, float32(p.above())*(lineH+4)+8+22+lineH+8+float32(p.below())*(lineH+4)+lineH+4)
}
func (r *timelineRenderer) Refresh() { canvas.Refresh(r.t) }
func (r *timelineRenderer) Objects() []fyne.CanvasObject {
	return r.objects
}
func (r *timelineRenderer) Destroy() {}

// timelineMarks turns a dashboard's meetings, conversations and dates into marks.
func timelineMarks(pf model.Portfolio, tl model.Timeline, today model.Date) []Mark {
	var marks []Mark
	planned := map[model.MeetingKind]bool{}
	marks = append(marks, Mark{tl.InductionBy, "Induction", markInduction})
	for _, m := range pf.Meetings {
		if !m.Kind.WithPreceptor() {
			continue
		}
		if m.Held {
			marks = append(marks, Mark{m.Date, shortMeeting(m.Kind), markMeetingHeld})
		} else if !m.Date.Before(today) {
			marks = append(marks, Mark{m.Date, shortMeeting(m.Kind) + " planned", markMeetingDue})
			planned[m.Kind] = true
		}
	}
	// The meeting due next, unless it is planned already: then it is named once, where planned.
	if kind, due := pf.Programme.NextMeetingDue(pf.Meetings); kind != "" && !planned[kind] {
		marks = append(marks, Mark{due, "Due: " + shortMeeting(kind), markMeetingDue})
	}
	for _, c := range []struct {
		m int
		d model.Date
	}{{6, tl.CareerConversation6}, {12, tl.CareerConversation12}} {
		label := "Career talk"
		for _, cc := range pf.Conversations {
			if cc.Milestone == c.m && cc.Held {
				label = "Career talk ✓"
			}
		}
		if c.d.After(tl.End) {
			c.d = tl.End
		}
		marks = append(marks, Mark{c.d, label, markConversation})
	}
	marks = append(marks, Mark{tl.End, "End " + tl.End.Time().Format("2 Jan"), markEnd})
	sortMarks(marks)
	// Marks on one day share one label ("Final planned · Career talk · End 7 Dec"): their
	// own labels piled five high at the programme's end.
	for i := 0; i < len(marks); {
		j := i + 1
		for j < len(marks) && marks[j].Date == marks[i].Date {
			marks[i].Label += " · " + marks[j].Label
			marks[j].Label = ""
			j++
		}
		i = j
	}
	return marks
}

func sortMarks(ms []Mark) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Date.Before(ms[j-1].Date); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

func shortMeeting(k model.MeetingKind) string {
	switch k {
	case model.MeetingInitial:
		return "Initial"
	case model.MeetingMidpoint:
		return "Mid-point"
	case model.MeetingFinal:
		return "Final"
	}
	return "Review"
}
