package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// Home is what a signed-in person sees: a header with who they are and the Lock and
// Switch user buttons, and their first screen below it.
type Home struct {
	Person  *canvas.Text
	Role    *canvas.Text
	Lock    *widget.Button
	Switch  *widget.Button
	Body    *fyne.Container
	Status  *widget.Label
	Content fyne.CanvasObject

	// What the first screen shows, once loaded.
	Dashboard *sqlite.Dashboard
	Cohort    []sqlite.CohortRow
}

func newHome(u *App, ss *sqlite.Session) *Home {
	h := &Home{
		Person: canvas.NewText(ss.User.Name, White),
		Role:   canvas.NewText(ss.User.Role.Label(), White),
		Status: widget.NewLabel("Loading…"),
	}
	h.Person.TextStyle.Bold = true
	h.Person.TextSize = 17
	h.Role.TextSize = 13
	h.Lock = widget.NewButtonWithIcon("Lock", theme.VisibilityOffIcon(), u.Lock)
	h.Switch = widget.NewButtonWithIcon("Switch user", theme.AccountIcon(), u.Lock)
	brand := canvas.NewText("Pursuit", White)
	brand.TextStyle.Bold = true
	brand.TextSize = 22
	who := container.NewVBox(h.Person, h.Role)
	right := container.NewHBox(who, h.Switch, h.Lock)
	bar := container.NewStack(canvas.NewRectangle(NHSBlue), container.NewPadded(container.NewBorder(nil, nil, container.NewCenter(brand), right)))
	top := bar
	if u.opt.Demo {
		tag := canvas.NewText("  Demo data: made-up people, not for real use  ", NHSText)
		tag.TextStyle.Bold = true
		top = container.NewVBox(bar, container.NewStack(canvas.NewRectangle(NHSYellow), container.NewCenter(tag)))
	}
	h.Body = container.NewStack(container.NewCenter(h.Status))
	h.Content = container.NewBorder(top, nil, nil, nil, h.Body)
	h.load(u, ss)
	return h
}

func (h *Home) load(u *App, ss *sqlite.Session) {
	ctx := context.Background()
	var err error
	var d sqlite.Dashboard
	var rows []sqlite.CohortRow
	u.opt.Async(func() {
		if ss.User.Role == model.RolePreceptee {
			var p model.Programme
			if p, err = ss.ProgrammeOf(ctx, ss.User.ID); err == nil {
				d, err = ss.Dashboard(ctx, p.ID)
			}
			return
		}
		rows, err = ss.Cohort(ctx)
	}, func() {
		if err != nil {
			h.Status.SetText(sentence(err))
			return
		}
		if ss.User.Role == model.RolePreceptee {
			h.Dashboard = &d
			h.Body.Objects = []fyne.CanvasObject{dashboardView(d)}
		} else {
			h.Cohort = rows
			h.Body.Objects = []fyne.CanvasObject{cohortView(rows)}
		}
		h.Body.Refresh()
	})
}

func heading(text string, size float32) *canvas.Text {
	t := canvas.NewText(text, NHSText)
	t.TextStyle.Bold = true
	t.TextSize = size
	return t
}

func card(title string, body fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(canvas.NewRectangle(White), container.NewPadded(container.NewPadded(container.NewBorder(heading(title, 19), nil, nil, nil, body))))
}

func ragColour(r model.RAG) fyne.CanvasObject {
	c := map[model.RAG]*canvas.Rectangle{model.Red: canvas.NewRectangle(NHSRed), model.Amber: canvas.NewRectangle(NHSYellow), model.Green: canvas.NewRectangle(NHSGreen)}[r]
	if c == nil {
		c = canvas.NewRectangle(NHSMidGrey)
	}
	c.SetMinSize(fyne.NewSize(14, 14))
	c.CornerRadius = 7
	return c
}

// dashboardView is the preceptee's summary: where they are, progress by level, what is due.
func dashboardView(d sqlite.Dashboard) fyne.CanvasObject {
	p := d.Portfolio.Programme
	month := heading(fmt.Sprintf("Month %d of %d", d.Month, d.Timeline.TotalMonths), 26)
	dates := widget.NewLabel(fmt.Sprintf("%s · %s · started %s, ends %s · preceptor %s",
		model.ProfessionByKey(p.Profession).Label, p.Service, d.Timeline.Start.Display(), d.Timeline.End.Display(), d.Portfolio.Preceptor.Name))
	dates.Wrapping = fyne.TextWrapWord

	levels := container.NewVBox()
	for _, lp := range d.Levels {
		if lp.Total == 0 {
			continue
		}
		bar := widget.NewProgressBar()
		bar.Max = float64(lp.Total)
		bar.SetValue(float64(lp.SignedOff))
		bar.TextFormatter = func() string { return fmt.Sprintf("%d of %d signed off", lp.SignedOff, lp.Total) }
		detail := widget.NewLabel(fmt.Sprintf("%d awaiting sign-off · %d in progress · %d not started", lp.Submitted, lp.InProgress, lp.NotStarted))
		levels.Add(container.NewVBox(widget.NewLabelWithStyle(strings.ToUpper(string(lp.Level)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), bar, detail))
	}

	due := container.NewVBox()
	pressing := model.Pressing(d.Due)
	if len(pressing) == 0 {
		due.Add(widget.NewLabel("Nothing overdue or due in the next two weeks."))
	}
	for _, it := range pressing {
		rag := model.Amber
		state := "due " + it.Due.Display()
		if it.State == model.Overdue {
			rag, state = model.Red, "overdue since "+it.Due.Display()
		}
		due.Add(container.NewBorder(nil, nil, container.NewCenter(ragColour(rag)), nil, widget.NewLabel(it.Title+" — "+state)))
	}
	recent := container.NewVBox()
	for _, a := range d.Recent {
		recent.Add(widget.NewLabel(a.At.Format("2 Jan") + "  " + a.What))
	}
	top := container.NewVBox(month, dates)
	grid := container.NewGridWithColumns(2, card("Progress by level", levels), card("Due soon and overdue", container.NewVScroll(due)))
	return container.NewPadded(container.NewBorder(top, card("Recent activity", recent), nil, nil, grid))
}

// cohortView lists the preceptees a preceptor, manager or lead oversees.
func cohortView(rows []sqlite.CohortRow) fyne.CanvasObject {
	title := heading(fmt.Sprintf("Preceptees (%d)", len(rows)), 24)
	list := widget.NewList(func() int { return len(rows) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, container.NewCenter(ragColour(model.Green)), nil, widget.NewLabel("template"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := rows[i]
			c := o.(*fyne.Container)
			c.Objects[1] = container.NewCenter(ragColour(r.RAG))
			c.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s — month %d of %d — must %d/%d signed off — %d overdue — preceptor %s",
				r.Preceptee, r.Month, r.TotalMonths, r.MustSignedOff, r.MustTotal, r.Overdue, r.Preceptor))
			c.Refresh()
		})
	return container.NewPadded(container.NewBorder(title, nil, nil, nil, list))
}
