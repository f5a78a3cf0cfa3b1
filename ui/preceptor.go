package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// PreceptorHome is where a preceptor starts: a card for each of their preceptees with how
// they are doing, the competencies waiting for sign-off, and the meetings coming up.
type PreceptorHome struct {
	s     *Shell
	today model.Date

	Rows  []model.CohortRow       // the preceptor's preceptees, by name
	Queue []sqlite.SignOffRequest // oldest request first
	Open  map[string]*Button      // "Open portfolio" on each card, by programme id
	// Review is the button beside each request of the queue, in the queue's order.
	Review []*Button
	// Cards, SignOffs and Meetings are the three panels as drawn.
	Cards    *fyne.Container
	SignOffs *fyne.Container
	Meetings *fyne.Container

	root *fyne.Container
}

func newPreceptorHome(s *Shell) *PreceptorHome {
	h := &PreceptorHome{s: s, today: model.DateOf(s.u.st.Now()), Open: map[string]*Button{},
		root: container.NewStack(container.NewCenter(widget.NewLabel("Loading your preceptees…")))}
	var rows []model.CohortRow
	var queue []sqlite.SignOffRequest
	s.run(func(ctx context.Context) (err error) {
		if rows, err = s.ss.Cohort(ctx); err != nil {
			return err
		}
		queue, err = s.ss.SignOffQueue(ctx)
		return err
	}, func() {
		h.Rows, h.Queue = rows, queue
		showOnly(h.root, h.build())
	})
	return h
}

func (h *PreceptorHome) content() fyne.CanvasObject { return h.root }

func (h *PreceptorHome) build() fyne.CanvasObject {
	title := pageTitle("My preceptees", "The people you precept: how each is getting on, what is waiting for your sign-off, and when you next meet.")
	if len(h.Rows) == 0 {
		return container.NewVBox(title, card("", placeholder("No preceptees are assigned to you yet. When a programme names you as preceptor, the preceptee appears here.")))
	}
	waiting := map[string]int{}
	for _, q := range h.Queue {
		waiting[q.Programme.ID]++
	}
	h.Cards = grid(2)
	for _, r := range h.Rows {
		h.Cards.Add(h.precepteeCard(r, waiting[r.Programme.ID]))
	}
	h.SignOffs = h.queuePanel()
	h.Meetings = h.meetingsPanel()
	// The cards on the left and what needs doing on the right, in view without scrolling;
	// on a narrow window what needs doing comes first, the cards under it.
	side := container.NewVBox(card("Waiting for your sign-off", h.SignOffs), card("Upcoming meetings", h.Meetings))
	return container.NewVScroll(container.NewVBox(title, columnsLastOnTop(container.NewVBox(h.Cards), side)))
}

// precepteeCard is one preceptee at a glance.
func (h *PreceptorHome) precepteeCard(r model.CohortRow, waiting int) fyne.CanvasObject {
	p := r.Programme
	name := precIndent(heading(r.Preceptee, 19))
	role := model.ProfessionByKey(p.Profession).Label
	if p.Service != "" {
		role += " · " + p.Service
	}
	month := fmt.Sprintf("Month %d of %d", r.Month, r.TotalMonths)
	if r.Month == 0 {
		month = "Starts " + p.StartDate.Display()
	} else if p.Supernumerary(h.today) {
		month += " · supernumerary"
	}
	status := container.NewBorder(nil, nil, nil, ragChip(r.RAG), widget.NewLabelWithStyle(month, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	lines := container.New(layout.NewCustomPaddedVBoxLayout(-6), name, status, note(role))

	if r.MustTotal > 0 {
		lines.Add(wrapped(fmt.Sprintf("Must: %d of %d signed off", r.MustSignedOff, r.MustTotal)))
		lines.Add(newStackedBar([]float32{float32(r.MustSignedOff), float32(r.MustTotal - r.MustSignedOff)}, []color.Color{NHSGreen, col(colorBorder)}))
	}
	line := func(c color.Color, text string, imp widget.Importance) {
		l := wrapped(text)
		l.Importance = imp
		lines.Add(container.NewBorder(nil, nil, precBullet(c), nil, l))
	}
	switch {
	case r.Overdue == 1:
		line(NHSRed, "1 overdue item", widget.DangerImportance)
	case r.Overdue > 1:
		line(NHSRed, fmt.Sprintf("%d overdue items", r.Overdue), widget.DangerImportance)
	default:
		line(NHSGreen, "Nothing overdue", widget.MediumImportance)
	}
	if waiting > 0 {
		line(NHSBlue, precPlural(waiting, "competency", "competencies")+" waiting for your sign-off", widget.MediumImportance)
	}
	if !r.NextMeeting.IsZero() {
		c, text := precMeetingState(r.NextMeeting, h.today)
		imp := widget.MediumImportance
		if c == NHSRed {
			imp = widget.DangerImportance
		}
		line(c, "Next meeting "+text, imp)
	}
	open := newButtonWithIcon("Open portfolio", theme.FolderOpenIcon(), func() {
		h.s.ViewPortfolio(r.Programme, r.Preceptee)
	})
	h.Open[p.ID] = open
	return card("", container.NewBorder(nil, container.NewPadded(open), nil, nil, lines))
}

// precBullet is a status dot level with the first line of the text beside it, however
// many lines that text wraps to.
func precBullet(c color.Color) fyne.CanvasObject {
	line := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height
	top := theme.InnerPadding() + (line-14)/2
	return container.NewVBox(container.New(layout.NewCustomPaddedLayout(top, 0, 0, 0), dot(c)))
}

// precIndent lines a heading up with the labels beneath it, which have inner padding.
func precIndent(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding(), 0), o)
}

// precMeetingState colours a due meeting: red when overdue, yellow when due within the
// dashboard's "due soon" window, blue when further off.
func precMeetingState(due, today model.Date) (color.Color, string) {
	switch {
	case due.Before(today):
		return NHSRed, "overdue since " + due.Display()
	case today.DaysUntil(due) <= model.DueSoonDays:
		return NHSYellow, "due " + due.Display()
	}
	return NHSBlue, "due " + due.Display()
}

func precPlural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// queuePanel lists the competencies the preceptees have asked to be signed off.
func (h *PreceptorHome) queuePanel() *fyne.Container {
	box := container.NewVBox()
	h.Review = nil
	if len(h.Queue) == 0 {
		box.Add(note("Nothing is waiting for your sign-off. When a preceptee requests sign-off of a competency, it appears here."))
		return box
	}
	now := h.s.u.st.Now()
	for i, q := range h.Queue {
		if i > 0 {
			box.Add(widget.NewSeparator())
		}
		who := widget.NewLabelWithStyle(q.Preceptee+" · "+q.Code, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		days := int(now.Sub(q.Since).Hours() / 24)
		since := "Waiting since " + q.Since.Local().Format("2 Jan 2006")
		switch {
		case days == 1:
			since += " (1 day)"
		case days > 1:
			since += fmt.Sprintf(" (%d days)", days)
		}
		review := newButtonWithIcon("Review", theme.VisibilityIcon(), func() { h.review(q) })
		review.Importance = widget.HighImportance
		h.Review = append(h.Review, review)
		text := container.New(layout.NewCustomPaddedVBoxLayout(-8), who, wrapped(q.Title), when(since))
		box.Add(container.NewBorder(nil, nil, nil, container.NewCenter(review), text))
	}
	return box
}

// review opens the preceptee's portfolio on the competency waiting for sign-off.
func (h *PreceptorHome) review(q sqlite.SignOffRequest) {
	s := h.s
	s.ViewPortfolio(q.Programme, q.Preceptee)
	s.Show("competencies")
	if c, ok := s.Screen.(*Competencies); ok {
		precOpenCompetency(c, q.Code)
	}
}

// precOpenCompetency opens a competency on a Competencies screen that may still be
// loading: at once when its list is there, else when the list arrives.
func precOpenCompetency(c *Competencies, code string) {
	if len(c.Views) > 0 {
		c.Open(code)
		return
	}
	c.reload(code)
}

// meetingsPanel lists each preceptee's next meeting, earliest (or most overdue) first.
func (h *PreceptorHome) meetingsPanel() *fyne.Container {
	rows := slices.Clone(h.Rows)
	rows = slices.DeleteFunc(rows, func(r model.CohortRow) bool { return r.NextMeeting.IsZero() })
	slices.SortStableFunc(rows, func(a, b model.CohortRow) int {
		if n := a.NextMeeting.Compare(b.NextMeeting); n != 0 {
			return n
		}
		return strings.Compare(a.Preceptee, b.Preceptee)
	})
	box := container.NewVBox()
	if len(rows) == 0 {
		box.Add(note("No meetings are due: every programme is complete."))
		return box
	}
	for _, r := range rows {
		c, text := precMeetingState(r.NextMeeting, h.today)
		l := widget.NewLabel(text)
		if c == NHSRed {
			l.Importance = widget.DangerImportance
			l.TextStyle.Bold = true
		} else {
			l.Importance = widget.LowImportance
		}
		box.Add(container.NewBorder(nil, nil, container.NewCenter(dot(c)), l, widget.NewLabel(r.Preceptee)))
	}
	box.Add(note("Record a meeting from the preceptee's portfolio, under Meetings."))
	return box
}
