package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// Dashboard is a preceptee's summary: where they are in the twelve months, progress by
// level, what is due or overdue, and what happened lately.
type Dashboard struct {
	s    *Shell
	p    model.Programme
	Data *sqlite.Dashboard
	Due  *fyne.Container
	// Returned lists the competencies returned with comments, when there are any.
	Returned *fyne.Container
	// Export opens the Export dialog: the PACE portfolio, revalidation pack or archive.
	Export *Button
	root   *fyne.Container
}

func newDashboard(s *Shell, p model.Programme) *Dashboard {
	d := &Dashboard{s: s, p: p, root: container.NewStack(container.NewCenter(widget.NewLabel("Loading the dashboard…")))}
	var data sqlite.Dashboard
	s.run(func(ctx context.Context) (err error) {
		data, err = s.ss.Dashboard(ctx, p.ID)
		return err
	}, func() {
		d.Data = &data
		showOnly(d.root, d.build())
	})
	return d
}

func (d *Dashboard) content() fyne.CanvasObject { return d.root }

func (d *Dashboard) build() fyne.CanvasObject {
	data := d.Data
	pf := data.Portfolio
	p := pf.Programme
	who := pf.Preceptee.Name
	if d.s.ss.User.ID == p.PrecepteeID {
		who = "Your programme"
	}
	month := fmt.Sprintf("Month %d of %d", data.Month, data.Timeline.TotalMonths)
	if data.Month == 0 {
		month = "Starts " + data.Timeline.Start.Display()
	}
	sub := fmt.Sprintf("%s · %s · %s to %s · preceptor %s", model.ProfessionByKey(p.Profession).Label, p.Service,
		data.Timeline.Start.Display(), data.Timeline.End.Display(), pf.Preceptor.Name)
	if p.Supernumerary(data.Today) {
		sub += " · supernumerary until " + data.Timeline.SupernumeraryEnd.Display()
	}
	d.Export = newButtonWithIcon("Export…", theme.DocumentSaveIcon(), d.s.Export)
	header := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewCenter(d.Export), container.NewCenter(ragChip(data.RAG))), pageTitle(who+" — "+month, sub))

	timeline := newTimelineView(data.Timeline, data.Today, timelineMarks(pf, data.Timeline, data.Today))
	legend := flow(legendItem(NHSLightBlue, "Supernumerary weeks"), legendItem(NHSGreen, "Meeting held"),
		legendRing(NHSYellow, "Meeting due"), legendRing(NHSRed, "Meeting overdue"), legendItem(NHSDarkBlue, "Career conversation"), legendItem(NHSRed, "Today"))

	d.Due = container.NewVBox()
	pressing := model.Pressing(data.Due)
	if len(pressing) == 0 {
		d.Due.Add(note("Nothing is overdue or due in the next two weeks."))
	}
	for _, it := range pressing {
		due := "due " + it.Due.Display()
		c := color.Color(NHSYellow)
		if it.State == model.Overdue {
			c, due = NHSRed, "overdue since "+it.Due.Display()
		}
		line := besideOrBelow(wrapped(it.Title), when(due), 200)
		var row fyne.CanvasObject = line
		if key, ref := dueScreen(it); key != "" && d.s.hasScreen(key) {
			b := newButtonWithIcon("Open", theme.NavigateNextIcon(), func() { d.s.openRecord(key, ref) })
			b.Importance = widget.LowImportance
			row = container.NewBorder(nil, nil, nil, container.NewCenter(b), line)
		}
		d.Due.Add(container.NewBorder(nil, nil, container.NewCenter(dot(c)), nil, row))
	}
	upcoming := 0
	for _, it := range data.Due {
		if it.State == model.Upcoming {
			upcoming++
		}
	}
	if upcoming > 0 {
		d.Due.Add(note(fmt.Sprintf("%d more later in the programme.", upcoming)))
	}

	recent := container.NewVBox()
	for _, a := range data.Recent {
		recent.Add(container.NewBorder(nil, nil, when(a.At.Format("2 Jan")), nil, wrapped(a.What)))
	}
	if len(data.Recent) == 0 {
		recent.Add(note("Nothing recorded yet. Start with the SLOT analysis of a competency."))
	}

	left := container.NewVBox(card("Progress by level", levelBars(data.Levels)), card("Completion", d.completion()))
	right := container.NewVBox(card("Due soon and overdue", d.Due), card("Recent activity", recent))
	body := container.NewVBox(header)
	if returned := model.ReturnedNow(pf); len(returned) > 0 {
		body.Add(d.returnedCard(returned))
	}
	body.Add(card(fmt.Sprintf("The %s months", monthsInWords(data.Timeline.TotalMonths)), container.NewVBox(timeline, legend)))
	body.Add(columns(left, right))
	return container.NewVScroll(body)
}

// returnedCard lists the competencies returned with comments, each with what was asked
// and a way to it: the first thing the preceptee has to act on.
func (d *Dashboard) returnedCard(rs []model.ReturnNote) fyne.CanvasObject {
	box := container.NewVBox()
	for _, r := range rs {
		box.Add(openRow(r.Code+"  "+r.Title, func() { d.s.openRecord("competencies", r.Code) }))
		box.Add(returnedWords(r))
	}
	d.Returned = box
	return card("Returned with comments", box)
}

// returnedWords is what a preceptor asked for when returning a competency, and who and when.
func returnedWords(r model.ReturnNote) fyne.CanvasObject {
	said := "Returned"
	if r.ByName != "" {
		said += " by " + r.ByName
	}
	if !r.At.IsZero() {
		said += " on " + model.DateOf(r.At.Local()).Display()
	}
	if r.Comment == "" {
		return note(said + ".")
	}
	return container.NewVBox(wrapped("“"+r.Comment+"”"), note(said+"."))
}

// dueScreen is where a due item is dealt with: the screen, and the record on it to open
// (none for a meeting or conversation not yet recorded).
func dueScreen(it model.DueItem) (key, ref string) {
	switch it.Kind {
	case model.DueMeeting, model.DueAgreement:
		return "meetings", ""
	case model.DueConversation:
		return "conversations", ""
	case model.DueTraining:
		return "training", it.Ref
	case model.DueCompetency:
		return "competencies", it.Ref
	case model.DueGoal:
		return "plan", it.Ref
	case model.DueAction:
		return "plan", ""
	}
	return "", ""
}

// completion says what stands between the preceptee and completing the programme.
func (d *Dashboard) completion() fyne.CanvasObject {
	r := model.CompletionReadiness(d.Data.Portfolio)
	box := container.NewVBox()
	tick := func(ok bool, text string) {
		c := color.Color(NHSMidGrey)
		if ok {
			c = NHSGreen
		}
		box.Add(container.NewBorder(nil, nil, container.NewCenter(dot(c)), nil, wrapped(text)))
	}
	tick(len(r.MissingMust) == 0 && r.MustTotal > 0, fmt.Sprintf("Every \"must\" competency signed off (%d of %d)", r.MustSignedOff, r.MustTotal))
	tick(r.FinalMeetingHeld, "Final review meeting held")
	tick(r.PreceptorConfirmed, "Completion confirmed by the preceptor")
	tick(r.ManagerConfirmed, "Completion confirmed by the line manager")
	if r.Complete() {
		box.Add(newButton("Completion certificate", func() { d.s.showCertificate(d.Data.Portfolio) }))
	} else if r.Ready() && model.Allowed(d.s.ss.User, model.ConfirmCompletion, &d.p) {
		b := newButton("Confirm completion…", func() {
			d.s.countersign("Confirm completion", "Confirm that "+d.Data.Portfolio.Preceptee.Name+" has completed the programme.", func(c sqlite.Countersignature) error {
				_, err := d.s.ss.Confirm(context.Background(), d.p.ID, model.CompletionConfirmation, c)
				return err
			}, func() { d.s.Show("dashboard") })
		})
		b.Importance = widget.HighImportance
		box.Add(b)
	}
	return box
}

// levelBars shows must, should and could as stacked bars: signed off, awaiting sign-off,
// in progress, not started.
func levelBars(levels []model.LevelProgress) fyne.CanvasObject {
	box := container.NewVBox()
	for _, lp := range levels {
		if lp.Total == 0 {
			continue
		}
		title := container.NewHBox(pill(strings.ToUpper(string(lp.Level)), levelColor(lp.Level)),
			widget.NewLabelWithStyle(fmt.Sprintf("%d of %d signed off", lp.SignedOff, lp.Total), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		bar := newStackedBar([]float32{float32(lp.SignedOff), float32(lp.Submitted), float32(lp.InProgress), float32(lp.NotStarted)},
			[]color.Color{NHSGreen, NHSBlue, NHSYellow, col(colorBorder)})
		detail := note(fmt.Sprintf("%d with evidence submitted · %d in progress · %d not started", lp.Submitted, lp.InProgress, lp.NotStarted))
		box.Add(container.NewVBox(title, bar, detail))
	}
	box.Add(flow(legendItem(NHSGreen, "Signed off"), legendItem(NHSBlue, model.EvidenceSubmitted.Label()), legendItem(NHSYellow, "In progress")))
	return box
}

func legendItem(c color.Color, text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	return container.NewHBox(container.NewCenter(dot(c)), l)
}

// legendRing is a key entry for a ring on the timeline (a meeting due, or overdue).
func legendRing(c color.Color, text string) fyne.CanvasObject {
	ring := canvas.NewCircle(color.Transparent)
	ring.StrokeColor, ring.StrokeWidth = c, 3
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	return container.NewHBox(container.NewCenter(container.New(&fixedSize{fyne.NewSize(14, 14)}, ring)), l)
}

func ragChip(r model.RAG) fyne.CanvasObject { return pill(ragLabel(r), ragColor(r)) }

// stackedBar is a horizontal bar split in proportion to its values.
type stackedBar struct {
	values []float32
	colors []color.Color
}

func newStackedBar(values []float32, colors []color.Color) fyne.CanvasObject {
	b := &stackedBar{values, colors}
	var objs []fyne.CanvasObject
	for _, c := range colors {
		r := canvas.NewRectangle(c)
		objs = append(objs, r)
	}
	return container.New(b, objs...)
}

func (b *stackedBar) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(200, 18) }

func (b *stackedBar) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, v := range b.values {
		total += v
	}
	x := float32(0)
	for i, o := range objs {
		w := float32(0)
		if total > 0 {
			w = size.Width * b.values[i] / total
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// monthsInWords is a programme's length as a heading says it: "twelve", "fifteen".
func monthsInWords(n int) string {
	words := []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
		"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
		"twenty-one", "twenty-two", "twenty-three", "twenty-four"}
	if n > 0 && n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}
