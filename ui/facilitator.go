package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// FacilitatorHome is the facilitator's list of the career conversations they hold: each
// preceptee they facilitate, where they are in the programme, and the 6- and 12-month
// conversations — held, or when they are due.
type FacilitatorHome struct {
	s     *Shell
	today model.Date

	Rows []FacilitatorRow
	Open map[string]*Button // "Open" on each line, by programme id
	List *fyne.Container

	root *fyne.Container
}

// FacilitatorRow is one facilitated programme.
type FacilitatorRow struct {
	Programme     model.Programme
	Preceptee     string
	Conversations []model.CareerConversation // empty when the store does not say
}

func newFacilitatorHome(s *Shell) *FacilitatorHome {
	f := &FacilitatorHome{s: s, today: model.DateOf(s.u.st.Now()), Open: map[string]*Button{},
		root: container.NewStack(container.NewCenter(widget.NewLabel("Loading…")))}
	var rows []FacilitatorRow
	s.run(func(ctx context.Context) error {
		progs, err := s.ss.Programmes(ctx)
		if err != nil {
			return err
		}
		users, err := s.ss.Users(ctx)
		if err != nil {
			return err
		}
		names := map[string]string{}
		for _, u := range users {
			names[u.ID] = u.Name
		}
		for _, p := range progs {
			if !model.Allowed(s.ss.User, model.ViewCareerConversation, &p) {
				continue
			}
			rows = append(rows, FacilitatorRow{Programme: p, Preceptee: names[p.PrecepteeID], Conversations: facilitatorConversations(ctx, s.ss, p)})
		}
		slices.SortStableFunc(rows, func(a, b FacilitatorRow) int {
			return strings.Compare(cohortFold(a.Preceptee), cohortFold(b.Preceptee))
		})
		return nil
	}, func() {
		f.Rows = rows
		showOnly(f.root, f.build())
	})
	return f
}

// facilitatorConversations reads what has been recorded of a programme's career
// conversations; on a failure the screen works from the programme's dates alone.
func facilitatorConversations(ctx context.Context, ss *sqlite.Session, p model.Programme) []model.CareerConversation {
	cs, _ := ss.CareerConversations(ctx, p.ID)
	return cs
}

func (f *FacilitatorHome) content() fyne.CanvasObject { return f.root }

func (f *FacilitatorHome) build() fyne.CanvasObject {
	title := pageTitle("Career conversations", "The preceptees whose 6- and 12-month career conversations you hold. Open a preceptee to record a conversation or read what was said.")
	confidential := banner("Confidential: career conversations are seen only by the preceptee and their facilitator.", NHSDarkBlue, White)
	if len(f.Rows) == 0 {
		return container.NewVBox(title, card("", placeholder("You are not facilitating anyone's career conversations yet. When a programme names you as facilitator, the preceptee appears here.")))
	}
	f.List = container.NewVBox()
	for i, r := range f.Rows {
		if i > 0 {
			f.List.Add(widget.NewSeparator())
		}
		f.List.Add(f.line(r))
	}
	return container.NewVScroll(container.NewVBox(title, confidential, card(precPlural(len(f.Rows), "preceptee", "preceptees"), f.List)))
}

// line is one preceptee: name and programme, the two conversations, and Open.
func (f *FacilitatorHome) line(r FacilitatorRow) fyne.CanvasObject {
	p := r.Programme
	tl := p.Timeline()
	month := p.Month(f.today)
	where := fmt.Sprintf("Month %d of %d", month, tl.TotalMonths)
	if month == 0 {
		where = "Starts " + p.StartDate.Display()
	}
	switch p.WithDefaults().Status {
	case model.ProgrammeCompleted:
		where = "Completed"
	case model.ProgrammeLeft:
		where = "Left the programme"
	}
	role := model.ProfessionByKey(p.Profession).Label
	if p.Service != "" {
		role += " · " + p.Service
	}
	who := container.NewVBox(precIndent(heading(r.Preceptee, 17)), widget.NewLabelWithStyle(where, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), note(role))
	open := newButtonWithIcon("Open", theme.FolderOpenIcon(), func() {
		f.s.ViewPortfolio(p, r.Preceptee)
		if f.s.NavButtons["dashboard"] == nil { // a facilitator sees the conversations, not the portfolio
			f.s.Show("conversations")
		}
	})
	open.Importance = widget.HighImportance
	f.Open[p.ID] = open
	return container.NewBorder(nil, nil, nil, container.NewCenter(open), columns(who,
		f.milestone(6, tl.CareerConversation6, r.Conversations),
		f.milestone(12, tl.CareerConversation12, r.Conversations)))
}

// milestone shows one conversation: held (and when), or when it is due.
func (f *FacilitatorHome) milestone(months int, due model.Date, cs []model.CareerConversation) fyne.CanvasObject {
	c, state := facilitatorState(months, due, cs, f.today)
	title := widget.NewLabelWithStyle(fmt.Sprintf("%d-month conversation", months), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(nil, nil, precBullet(c), nil, container.NewVBox(title, note(state)))
}

// facilitatorState words a conversation's state: held on a day; planned for a day; or due,
// from the programme's timeline.
func facilitatorState(months int, due model.Date, cs []model.CareerConversation, today model.Date) (color.Color, string) {
	for _, c := range cs {
		if c.Milestone != months {
			continue
		}
		if c.Held {
			return NHSGreen, "Held on " + c.Date.Display()
		}
		if !c.Date.IsZero() {
			if c.Date.Before(today) {
				return NHSRed, "Planned for " + c.Date.Display() + ", not yet recorded as held"
			}
			return NHSBlue, "Planned for " + c.Date.Display()
		}
	}
	switch {
	case due.Before(today):
		return NHSYellow, "Was due by " + due.Display()
	case today.DaysUntil(due) <= model.DueSoonDays:
		return NHSYellow, "Due by " + due.Display()
	}
	return NHSMidGrey, "Due by " + due.Display()
}
