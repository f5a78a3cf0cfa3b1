package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
)

// TrainingScreen is the preceptee's training and structured learning: mandatory, essential
// and role-specific training with red/amber/green expiry and certificates; the 3-day
// induction and the monthly development sessions with attendance.
type TrainingScreen struct {
	s      *Shell
	p      model.Programme
	today  model.Date
	Loaded bool
	opening

	heights, eventHeights listHeights // the list rows given a height of their own

	Records []model.TrainingRecord
	Events  []model.LearningEvent

	Summary   *widget.Label // "2 expired · 1 due for renewal"
	Induction *widget.Label // "Induction: 3 of 3 days attended"
	Monthly   *widget.Label // "4 monthly sessions attended"

	TrainingTab *Button // the two halves of the screen, as buttons so the keyboard reaches both
	LearningTab *Button
	Section     string // "training" or "learning"

	List        *widget.List
	AddTraining *Button // nil when the person may not record training
	Editor      *TrainingEditor

	EventList   *widget.List
	AddEvent    *Button // nil when the person may not record attendance
	EventEditor *LearningEditor

	rows        []trainingRow
	eventRows   []trainingEventRow
	summaryDot  *fyne.Container
	detail      *fyne.Container
	eventDetail *fyne.Container
	body        *fyne.Container
	courses     *ListDetail // the courses beside the one open
	sessions    *ListDetail // the sessions attended beside the one open
	root        fyne.CanvasObject
}

// trainingRow is a line of the training list: a category heading or a record.
type trainingRow struct {
	heading string
	rec     *model.TrainingRecord
}

// trainingEventRow is a line of the structured-learning list: a heading or a session.
type trainingEventRow struct {
	heading string
	ev      *model.LearningEvent
}

// trainingCategories in the order the Trust lists them.
var trainingCategories = []model.TrainingCategory{model.Mandatory, model.Essential, model.RoleSpecific}

func newTrainingScreen(s *Shell, p model.Programme) *TrainingScreen {
	x := &TrainingScreen{s: s, p: p, today: model.DateOf(s.u.opt.Now()), Section: "training", heights: listHeights{}, eventHeights: listHeights{},
		detail: container.NewStack(), eventDetail: container.NewStack(), summaryDot: container.NewStack(), body: container.NewStack()}
	x.Summary = widget.NewLabelWithStyle("Reading the training record…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	x.Summary.Wrapping = fyne.TextWrapWord
	x.Induction = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	x.Induction.Wrapping = fyne.TextWrapWord
	x.Monthly = wrapped("")

	x.List = widget.NewList(func() int { return len(x.rows) }, x.newRow, x.updateRow)
	x.List.OnSelected = func(id widget.ListItemID) {
		if id < len(x.rows) && x.rows[id].rec != nil {
			x.Open(x.rows[id].rec.ID)
		} else {
			x.List.UnselectAll()
		}
	}
	x.EventList = widget.NewList(func() int { return len(x.eventRows) }, x.newEventRow, x.updateEventRow)
	x.EventList.OnSelected = func(id widget.ListItemID) {
		if id < len(x.eventRows) && x.eventRows[id].ev != nil {
			x.OpenEvent(x.eventRows[id].ev.ID)
		} else {
			x.EventList.UnselectAll()
		}
	}
	mine := s.ss.User.ID == p.PrecepteeID
	if model.Allowed(s.ss.User, model.RecordTraining, &p) {
		x.AddTraining = newButtonWithIcon("Add training", theme.ContentAddIcon(), x.New)
		x.AddTraining.Importance = widget.HighImportance
	}
	if model.Allowed(s.ss.User, model.RecordAttendance, &p) {
		x.AddEvent = newButtonWithIcon("Record a session", theme.ContentAddIcon(), x.NewEvent)
		x.AddEvent.Importance = widget.HighImportance
	}

	x.TrainingTab = newButtonWithIcon("Training", theme.DocumentIcon(), func() { x.ShowSection("training") })
	x.LearningTab = newButtonWithIcon("Structured learning", theme.CalendarIcon(), func() { x.ShowSection("learning") })

	trainingHint := "Choose a course to see its dates and certificates."
	switch {
	case x.AddTraining != nil && s.ss.User.ID == p.PrecepteeID:
		trainingHint = "Choose a course to update it when you renew it, or add one you have completed. Attach the certificate so your preceptor and manager can see it."
	case x.AddTraining != nil: // a manager or the lead, recording it for the preceptee
		trainingHint = "Choose a course to update it when the preceptee renews it, or add one they have completed, with its certificate."
	}
	x.detail.Objects = []fyne.CanvasObject{placeholder(trainingHint)}
	eventHint := "Choose a session to see it."
	if x.AddEvent != nil {
		eventHint = "Choose a session to see it, or record one: an induction day or a monthly development session."
	}
	x.eventDetail.Objects = []fyne.CanvasObject{placeholder(eventHint)}

	listHead := container.NewBorder(nil, nil, nil, trainingOptional(x.AddTraining),
		note("Red: expired · amber: renew within 60 days · green: valid"))
	// The editor scrolls within its half rather than widening the window.
	x.courses = listBeside(card("", container.NewBorder(listHead, nil, nil, nil, x.List)), container.NewScroll(x.detail), x.detail, 0.58)
	eventHead := container.NewBorder(nil, nil, nil, trainingOptional(x.AddEvent), x.Monthly)
	x.sessions = listBeside(card("", container.NewBorder(eventHead, nil, nil, nil, x.EventList)), container.NewScroll(x.eventDetail), x.eventDetail, 0.58)

	sub := "Mandatory, essential and role-specific training with the dates it expires, and the programme's structured learning: the 3-day induction and a monthly development session."
	if !mine {
		sub = "The preceptee's mandatory, essential and role-specific training with expiry dates, and their attendance at the induction and monthly development sessions."
	}
	glance := columns(
		card("", container.NewBorder(nil, nil, container.NewCenter(x.summaryDot), nil, x.Summary)),
		card("", container.NewBorder(nil, nil, container.NewCenter(dot(NHSBlue)), nil, x.Induction)))
	top := container.NewVBox(pageTitle("Training & learning", sub), glance, flow(x.TrainingTab, x.LearningTab))
	x.root = container.NewBorder(top, nil, nil, nil, x.body)
	x.courses.makeWayAbove(top, x.root, s.afterLayout)
	x.sessions.makeWayAbove(top, x.root, s.afterLayout)
	x.ShowSection("training")
	x.reload("", "")
	return x
}

// trainingOptional returns the button, or nothing when it was not made.
func trainingOptional(b *Button) fyne.CanvasObject {
	if b == nil {
		return nil
	}
	return b
}

func (x *TrainingScreen) content() fyne.CanvasObject { return x.root }

// save saves whichever form is open (Ctrl+S).
func (x *TrainingScreen) save() {
	switch {
	case x.Section == "training" && x.Editor != nil:
		x.Editor.Save()
	case x.Section == "learning" && x.EventEditor != nil:
		x.EventEditor.Save()
	}
}

// dropped attaches files dropped on the window to the open training record.
func (x *TrainingScreen) dropped(uris []fyne.URI) {
	if x.Section != "training" || x.Editor == nil || !x.Editor.editable {
		x.s.toast("Open a training record, then drop its certificate on the window to attach it.")
		return
	}
	for _, u := range uris {
		x.Editor.Files.AttachPath(u.Path(), u.Name())
	}
}

// ShowSection switches between the training record and structured learning.
func (x *TrainingScreen) ShowSection(key string) {
	x.Section = key
	x.courses.setShown(key != "learning")
	x.sessions.setShown(key == "learning")
	if key == "learning" {
		x.body.Objects = []fyne.CanvasObject{x.sessions.Content()}
		x.TrainingTab.Importance, x.LearningTab.Importance = widget.LowImportance, widget.HighImportance
	} else {
		x.body.Objects = []fyne.CanvasObject{x.courses.Content()}
		x.TrainingTab.Importance, x.LearningTab.Importance = widget.HighImportance, widget.LowImportance
	}
	x.TrainingTab.Refresh()
	x.LearningTab.Refresh()
	x.body.Refresh()
}

func (x *TrainingScreen) openSoon(id string) { x.opening.soon(id, x.Open) }

// reload reads the training and attendance again and reopens the given records.
func (x *TrainingScreen) reload(openTraining, openEvent string) {
	var recs []model.TrainingRecord
	var evs []model.LearningEvent
	x.s.run(func(ctx context.Context) (err error) {
		if recs, err = x.s.ss.Training(ctx, x.p.PrecepteeID); err != nil {
			return err
		}
		evs, err = x.s.ss.LearningEvents(ctx, x.p.PrecepteeID)
		return err
	}, func() {
		x.Records, x.Events, x.Loaded = recs, evs, true
		x.refresh()
		if openTraining != "" {
			x.Open(openTraining)
		}
		x.opening.read(x.Open)
		if openEvent != "" {
			x.OpenEvent(openEvent)
		}
	})
}

// refresh rebuilds both lists and the summaries from the records held.
func (x *TrainingScreen) refresh() {
	x.rows = nil
	seen := map[model.TrainingCategory]bool{}
	cats := slices.Clone(trainingCategories)
	for _, r := range x.Records {
		if !slices.Contains(cats, r.Category) {
			cats = append(cats, r.Category)
		}
	}
	for _, cat := range cats {
		for i := range x.Records {
			r := &x.Records[i]
			if r.Category != cat {
				continue
			}
			if !seen[cat] {
				x.rows = append(x.rows, trainingRow{heading: cat.Label()})
				seen[cat] = true
			}
			x.rows = append(x.rows, trainingRow{rec: r})
		}
	}
	x.heights.apply(x.List, len(x.rows), func(i int) bool { return x.rows[i].rec == nil }, x.newRow)
	x.List.UnselectAll()
	x.List.Refresh()

	x.eventRows = nil
	var induction, monthly, other []*model.LearningEvent
	for i := range x.Events {
		e := &x.Events[i]
		switch e.Kind {
		case model.InductionDay:
			induction = append(induction, e)
		case model.MonthlyTrustWide, model.MonthlyService, model.MonthlyProfession:
			monthly = append(monthly, e)
		default:
			other = append(other, e)
		}
	}
	// The induction reads as day 1, 2, 3; sessions newest first, so what is booked is on top.
	slices.SortStableFunc(induction, func(a, b *model.LearningEvent) int { return a.Date.Compare(b.Date) })
	for _, g := range []struct {
		title string
		evs   []*model.LearningEvent
	}{{"Induction (3 days)", induction}, {"Monthly development sessions", monthly}, {"Other sessions", other}} {
		if len(g.evs) == 0 {
			continue
		}
		x.eventRows = append(x.eventRows, trainingEventRow{heading: g.title})
		for _, e := range g.evs {
			x.eventRows = append(x.eventRows, trainingEventRow{ev: e})
		}
	}
	x.eventHeights.apply(x.EventList, len(x.eventRows), func(i int) bool { return x.eventRows[i].ev == nil }, x.newEventRow)
	x.EventList.UnselectAll()
	x.EventList.Refresh()
	x.refreshSummary()
}

// trainingHeights gives heading rows a heading's height and record rows a record's.
// listHeights gives a list's heading rows their own height. Every call to SetItemHeight
// that changes a height lays the whole list out again, so only the heading rows, and rows
// that were headings before the list changed, are set: the others keep the list's own.
type listHeights map[int]float32

func (h listHeights) apply(l *widget.List, n int, isHeading func(int) bool, newRow func() fyne.CanvasObject) {
	rowH := newRow().MinSize().Height
	headH := widget.NewLabel("Heading").MinSize().Height
	for i := range n {
		want := rowH
		if isHeading(i) {
			want = headH
		}
		if h[i] == want || (h[i] == 0 && want == rowH) {
			continue
		}
		l.SetItemHeight(i, want)
		h[i] = want
	}
}

// refreshSummary writes the two lines at the top: training states, then attendance.
func (x *TrainingScreen) refreshSummary() {
	counts := map[model.TrainingState]int{}
	for _, r := range x.Records {
		counts[r.State(x.today)]++
	}
	var parts []string
	if n := counts[model.TrainingExpired]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d expired", n))
	}
	if n := counts[model.TrainingDueSoon]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d due for renewal", n))
	}
	if n := counts[model.TrainingNotDone]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d not completed", n))
	}
	c := color.Color(NHSGreen)
	switch {
	case len(x.Records) == 0:
		x.Summary.SetText("No training recorded yet.")
		c = NHSMidGrey
	case len(parts) == 0:
		x.Summary.SetText(fmt.Sprintf("All %d courses are in date.", len(x.Records)))
	default:
		if n := counts[model.TrainingValid]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d valid", n))
		}
		x.Summary.SetText(strings.Join(parts, " · "))
		switch {
		case counts[model.TrainingExpired] > 0:
			c = NHSRed
		case counts[model.TrainingDueSoon] > 0:
			c = NHSYellow
		default:
			c = NHSMidGrey
		}
	}
	showOnly(x.summaryDot, dot(c))

	induction, monthly, booked := 0, 0, 0
	for _, e := range x.Events {
		switch {
		case e.Kind == model.InductionDay && e.Attendance == model.Attended:
			induction++
		case e.Kind != model.InductionDay && e.Kind != model.ListeningAndLearning && e.Attendance == model.Attended:
			monthly++
		case e.Kind != model.InductionDay && e.Attendance == model.Booked:
			booked++
		}
	}
	x.Induction.SetText(fmt.Sprintf("Induction: %d of %d days attended · %s attended", min(induction, model.InductionDays), model.InductionDays,
		plural(monthly, "monthly session", "monthly sessions")))
	line := plural(monthly, "monthly development session", "monthly development sessions") + " attended"
	if booked > 0 {
		line += fmt.Sprintf(" · %d booked", booked)
	}
	x.Monthly.SetText(line)
}

// trainingClearOfScrollbar keeps what sits at the right edge of a list row, or of a
// scrolled page, out from under the scroll bar.
func trainingClearOfScrollbar(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedLayout(0, 0, 0, 12), o)
}

func trainingStateColor(st model.TrainingState) color.Color {
	switch st {
	case model.TrainingExpired:
		return NHSRed
	case model.TrainingDueSoon:
		return NHSYellow
	case model.TrainingValid:
		return NHSGreen
	}
	return NHSMidGrey
}

// trainingRefresher names a refresher interval the way the Trust does.
func trainingRefresher(months int) string {
	switch months {
	case 0:
		return "None (does not expire)"
	case model.Yearly:
		return "Yearly"
	case model.TwoYearly:
		return "2-yearly"
	case model.ThreeYearly:
		return "3-yearly"
	}
	if months%12 == 0 {
		return fmt.Sprintf("Every %d years", months/12)
	}
	return fmt.Sprintf("Every %d months", months)
}

var trainingRefreshers = []int{model.Yearly, model.TwoYearly, model.ThreeYearly, 0}

// trainingDetail is the line under a course: whether it is in date first (where a narrow
// list shortens the line with "…", the expiry was what it cut), then when it was done, the
// refresher and certificates.
func trainingDetail(t model.TrainingRecord, today model.Date) string {
	var parts []string
	exp := t.Expiry()
	switch st := t.State(today); {
	case exp.IsZero():
		if !t.CompletedOn.IsZero() {
			parts = append(parts, "Does not expire")
		}
	case st == model.TrainingExpired:
		parts = append(parts, "Expired "+exp.Display())
	case st == model.TrainingDueSoon:
		parts = append(parts, "Renew by "+exp.Display())
	default:
		parts = append(parts, "Valid until "+exp.Display())
	}
	if t.CompletedOn.IsZero() {
		parts = append(parts, "not completed yet")
	} else {
		parts = append(parts, "completed "+t.CompletedOn.Display())
	}
	if t.RefresherMonths > 0 {
		parts = append(parts, strings.ToLower(trainingRefresher(t.RefresherMonths)))
	}
	if n := len(t.Attachments); n > 0 {
		parts = append(parts, plural(n, "certificate", "certificates"))
	}
	return strings.Join(parts, " · ")
}

func (x *TrainingScreen) newRow() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	sub := when("")
	sub.Truncation = fyne.TextTruncateEllipsis
	// The two lines sit close together, as one entry, not as two rows of a form.
	lines := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), title, sub)
	return container.NewBorder(nil, nil, container.NewStack(), container.NewStack(), lines)
}

// updateRow shows a category heading, or a course with its dot, dates and state.
func (x *TrainingScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(x.rows) {
		return
	}
	r := x.rows[id]
	if r.rec == nil {
		trainingFillRow(o, r.heading, nil, "", "", "")
		return
	}
	st := r.rec.State(x.today)
	trainingFillRow(o, "", trainingStateColor(st), st.Label(), r.rec.Course, trainingDetail(*r.rec, x.today))
}

// trainingFillRow fills a list row made by newRow: a heading when heading is set, else a
// dot, a title, the line beneath it and a pill.
func trainingFillRow(o fyne.CanvasObject, heading string, c color.Color, tag, title, sub string) {
	box := o.(*fyne.Container)
	text := box.Objects[0].(*fyne.Container)
	titleL, subL := text.Objects[0].(*widget.Label), text.Objects[1].(*widget.Label)
	left, right := box.Objects[1].(*fyne.Container), box.Objects[2].(*fyne.Container)
	if heading != "" {
		left.Objects, right.Objects = nil, nil
		titleL.Importance = widget.HighImportance
		titleL.SetText(heading)
		subL.Hide()
	} else {
		left.Objects = []fyne.CanvasObject{container.NewCenter(dot(c))}
		right.Objects = []fyne.CanvasObject{trainingClearOfScrollbar(pill(tag, c))}
		titleL.Importance = widget.MediumImportance
		titleL.SetText(title)
		subL.SetText(sub)
		subL.Show()
	}
	left.Refresh()
	right.Refresh()
}

// Rows lists what the training list shows, for tests: "# Heading", or "Course: State".
func (x *TrainingScreen) Rows() []string {
	var out []string
	for _, r := range x.rows {
		if r.rec == nil {
			out = append(out, "# "+r.heading)
		} else {
			out = append(out, r.rec.Course+": "+r.rec.State(x.today).Label())
		}
	}
	return out
}

// New starts a new training record.
func (x *TrainingScreen) New() {
	x.List.UnselectAll()
	x.showEditor(newTrainingEditor(x, model.TrainingRecord{UserID: x.p.PrecepteeID, Category: model.Mandatory, RefresherMonths: model.Yearly}))
}

// Open shows an existing training record.
func (x *TrainingScreen) Open(id string) {
	for _, r := range x.Records {
		if r.ID == id {
			x.showEditor(newTrainingEditor(x, r))
			return
		}
	}
}

func (x *TrainingScreen) showEditor(ed *TrainingEditor) {
	x.ShowSection("training")
	x.Editor = ed
	showOnly(x.detail, ed.Content)
	if ed.editable && ed.Item.ID == "" {
		x.s.u.Window.Canvas().Focus(ed.Course)
	}
}

// TrainingEditor records or shows one course: when it was done, when it expires, and the
// certificates that prove it.
type TrainingEditor struct {
	x    *TrainingScreen
	Item model.TrainingRecord

	Course    *Field
	Category  *Select
	Completed *DateField
	Refresher *Select
	Expires   *DateField
	Preview   *widget.Label // the state the record will have, as typed
	Files     *AttachmentList

	AttachButton *Button
	SaveButton   *Button
	DeleteButton *Button
	Message      *widget.Label

	refresher []int // the months behind each option of Refresher
	editable  bool
	Content   fyne.CanvasObject
}

func newTrainingEditor(x *TrainingScreen, t model.TrainingRecord) *TrainingEditor {
	s := x.s
	ed := &TrainingEditor{x: x, Item: t, Message: note(""),
		editable: model.Allowed(s.ss.User, model.RecordTraining, &x.p)}
	touched := func() { s.u.Idle.Touch(); ed.updatePreview() }
	ed.Course = newField()
	ed.Course.SetPlaceHolder("e.g. Basic life support")
	ed.Course.SetText(t.Course)
	ed.Course.OnChanged = func(string) { s.u.Idle.Touch() }
	ed.Course.OnSubmitted = func(string) { ed.Save() }
	var cats []string
	for _, c := range trainingCategories {
		cats = append(cats, c.Label())
	}
	ed.Category = newSelect(cats, func(string) { s.u.Idle.Touch() })
	if i := slices.Index(trainingCategories, t.Category); i >= 0 {
		ed.Category.SetSelectedIndex(i)
	}
	ed.refresher = slices.Clone(trainingRefreshers)
	if !slices.Contains(ed.refresher, t.RefresherMonths) {
		ed.refresher = append(ed.refresher, t.RefresherMonths)
	}
	var opts []string
	for _, m := range ed.refresher {
		opts = append(opts, trainingRefresher(m))
	}
	ed.Refresher = newSelect(opts, nil)
	ed.Refresher.SetSelectedIndex(slices.Index(ed.refresher, t.RefresherMonths))
	ed.Completed, ed.Expires = newDateField(), newDateField()
	ed.Completed.SetValue(t.CompletedOn)
	ed.Expires.SetValue(t.ExpiresOn)
	ed.Preview = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	ed.Preview.Wrapping = fyne.TextWrapWord
	ed.Refresher.OnChanged = func(string) { touched() }
	ed.Completed.OnChanged = func(*time.Time) { touched() }
	ed.Expires.OnChanged = func(*time.Time) { touched() }

	ed.Files = newAttachmentList(x.s, t.Attachments, ed.editable, "No certificate attached.", func(m string) { trainingSay(ed.Message, m, false) }, func() {})
	ed.AttachButton = newButtonWithIcon("Attach certificate…", theme.FileIcon(), ed.Files.Choose)
	ed.SaveButton = newButtonWithIcon("Save", theme.DocumentSaveIcon(), ed.Save)
	ed.SaveButton.Importance = widget.HighImportance
	ed.DeleteButton = newButtonWithIcon("Delete", theme.DeleteIcon(), ed.delete)
	ed.DeleteButton.Importance = widget.DangerImportance
	ed.updatePreview()

	form := container.NewVBox()
	if !ed.editable {
		st := t.State(x.today)
		form.Add(container.NewBorder(nil, nil, nil, pill(st.Label(), trainingStateColor(st)), subheading(t.Course)))
		form.Add(note(t.Category.Label()))
		form.Add(trainingFact("Completed", t.CompletedOn.Display()))
		form.Add(trainingFact("Refresher", trainingRefresher(t.RefresherMonths)))
		form.Add(trainingFact("Expires", t.Expiry().Display()))
		form.Add(card("Certificates", ed.Files.Box))
		ed.Content = container.NewVScroll(container.NewPadded(form))
		return ed
	}
	title := "Add training"
	if t.ID != "" {
		title = "Update training"
	}
	form.Add(headline(title, 20))
	form.Add(container.NewVBox(fieldLabel("Course"), ed.Course))
	form.Add(container.NewVBox(fieldLabel("Category"), ed.Category))
	form.Add(columns(
		container.NewVBox(fieldLabel("Completed on"), ed.Completed),
		container.NewVBox(fieldLabel("Refresher"), ed.Refresher)))
	form.Add(container.NewVBox(fieldLabel("Expiry on the certificate (if it states one)"), ed.Expires,
		note("Leave empty to work it out from the completion date and the refresher.")))
	form.Add(ed.Preview)
	form.Add(card("Certificates", container.NewVBox(ed.Files.Box,
		container.NewHBox(ed.AttachButton), note("…or drop the file onto the window. Pictures and PDFs up to 50 MB."))))
	buttons := container.NewHBox(ed.SaveButton)
	if t.ID != "" {
		buttons.Add(ed.DeleteButton)
	}
	form.Add(container.NewBorder(nil, nil, nil, buttons, ed.Message))
	ed.Content = container.NewVScroll(container.NewPadded(form))
	return ed
}

func trainingFact(label, value string) fyne.CanvasObject {
	return container.NewBorder(nil, nil, container.New(&fixedWidth{110}, fieldLabel(label)), nil, wrapped(value))
}

// Value is the record as typed.
func (ed *TrainingEditor) Value() model.TrainingRecord {
	v := ed.Item
	v.Course = strings.TrimSpace(ed.Course.Text)
	if i := ed.Category.SelectedIndex(); i >= 0 {
		v.Category = trainingCategories[i]
	}
	if i := ed.Refresher.SelectedIndex(); i >= 0 {
		v.RefresherMonths = ed.refresher[i]
	}
	v.CompletedOn, v.ExpiresOn = ed.Completed.Value(), ed.Expires.Value()
	v.Attachments = slices.Clone(ed.Files.Files)
	return v
}

// updatePreview says what the dates typed so far mean: valid until when, or expired.
func (ed *TrainingEditor) updatePreview() {
	v := ed.Value()
	st, exp := v.State(ed.x.today), v.Expiry()
	var text string
	switch {
	case st == model.TrainingNotDone:
		text = "Not completed yet: enter the date you completed it."
	case exp.IsZero():
		text = "Valid: this training does not expire."
	case st == model.TrainingExpired:
		text = "Expired on " + exp.Display() + ". Book a refresher and update the date when it is done."
	case st == model.TrainingDueSoon:
		text = fmt.Sprintf("Due for renewal: expires %s, in %d days.", exp.Display(), ed.x.today.DaysUntil(exp))
	default:
		text = "Valid until " + exp.Display() + "."
	}
	ed.Preview.SetText(text)
}

func trainingSay(l *widget.Label, text string, failed bool) {
	l.Importance = widget.LowImportance
	l.TextStyle.Bold = false
	if failed {
		l.Importance = widget.DangerImportance
		l.TextStyle.Bold = true
	}
	l.SetText(text)
}

// Save stores the record and its certificates.
func (ed *TrainingEditor) Save() {
	if !ed.editable {
		return
	}
	s, v := ed.x.s, ed.Value()
	var saved model.TrainingRecord
	var err error
	s.run(func(ctx context.Context) error {
		saved, err = s.ss.SaveTraining(ctx, v)
		return nil
	}, func() {
		if err != nil {
			trainingSay(ed.Message, sentence(err), true)
			return
		}
		ed.x.reload(saved.ID, "")
		if ed.x.Editor != nil {
			trainingSay(ed.x.Editor.Message, "Saved at "+s.u.opt.Now().Format("15:04"), false)
		}
	})
}

func (ed *TrainingEditor) delete() {
	s := ed.x.s
	s.confirm("Delete training", "Delete \""+ed.Item.Course+"\" and its certificates from the training record?", "Delete", func() {
		s.run(func(ctx context.Context) error { return s.ss.DeleteTraining(ctx, ed.Item.ID) }, func() {
			ed.x.Editor = nil
			showOnly(ed.x.detail, placeholder("Deleted."))
			ed.x.reload("", "")
		})
	})
}

// Structured learning.

var trainingAttendances = []model.Attendance{model.Booked, model.Attended, model.Apologies, model.NotAttended}

func trainingAttendanceColor(a model.Attendance) color.Color {
	switch a {
	case model.Attended:
		return NHSGreen
	case model.Booked:
		return NHSBlue
	case model.Apologies:
		return NHSYellow
	case model.NotAttended:
		return NHSRed
	}
	return NHSMidGrey
}

func (x *TrainingScreen) newEventRow() fyne.CanvasObject { return x.newRow() }

func (x *TrainingScreen) updateEventRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(x.eventRows) {
		return
	}
	r := x.eventRows[id]
	if r.ev == nil {
		trainingFillRow(o, r.heading, nil, "", "", "")
		return
	}
	c := trainingAttendanceColor(r.ev.Attendance)
	trainingFillRow(o, "", c, r.ev.Attendance.Label(), r.ev.Title, r.ev.Date.Time().Format("Mon 2 Jan 2006")+" · "+r.ev.Kind.Label())
}

// NewEvent starts recording a session.
func (x *TrainingScreen) NewEvent() {
	x.EventList.UnselectAll()
	kind := model.MonthlyTrustWide
	if x.inductionRecorded() < model.InductionDays {
		kind = model.InductionDay
	}
	x.showEventEditor(newLearningEditor(x, model.LearningEvent{UserID: x.p.PrecepteeID, Kind: kind, Date: x.today, Attendance: model.Attended}))
}

func (x *TrainingScreen) inductionRecorded() int {
	n := 0
	for _, e := range x.Events {
		if e.Kind == model.InductionDay {
			n++
		}
	}
	return n
}

// OpenEvent shows a recorded session.
func (x *TrainingScreen) OpenEvent(id string) {
	for _, e := range x.Events {
		if e.ID == id {
			x.showEventEditor(newLearningEditor(x, e))
			return
		}
	}
}

func (x *TrainingScreen) showEventEditor(ed *LearningEditor) {
	x.ShowSection("learning")
	x.EventEditor = ed
	showOnly(x.eventDetail, ed.Content)
}

// LearningEditor records attendance at one structured-learning session.
type LearningEditor struct {
	x    *TrainingScreen
	Item model.LearningEvent

	Kind       *Select
	Title      *Field
	Date       *DateField
	Attendance *widget.RadioGroup

	SaveButton   *Button
	DeleteButton *Button
	Message      *widget.Label

	kinds    []model.LearningKind
	editable bool
	Content  fyne.CanvasObject
}

func newLearningEditor(x *TrainingScreen, e model.LearningEvent) *LearningEditor {
	s := x.s
	ed := &LearningEditor{x: x, Item: e, Message: note(""), editable: model.Allowed(s.ss.User, model.RecordAttendance, &x.p)}
	ed.kinds = []model.LearningKind{model.InductionDay, model.MonthlyTrustWide, model.MonthlyService, model.MonthlyProfession}
	if !slices.Contains(ed.kinds, e.Kind) {
		ed.kinds = append(ed.kinds, e.Kind)
	}
	var labels []string
	for _, k := range ed.kinds {
		labels = append(labels, k.Label())
	}
	ed.Title = newField()
	ed.Title.SetText(e.Title)
	ed.Title.OnChanged = func(string) { s.u.Idle.Touch() }
	ed.Kind = newSelect(labels, func(string) {
		s.u.Idle.Touch()
		ed.suggestTitle()
	})
	ed.Kind.SetSelectedIndex(slices.Index(ed.kinds, e.Kind))
	ed.Date = newDateField()
	ed.Date.SetValue(e.Date)
	var atts []string
	for _, a := range trainingAttendances {
		atts = append(atts, a.Label())
	}
	ed.Attendance = widget.NewRadioGroup(atts, func(string) { s.u.Idle.Touch() })
	ed.Attendance.Horizontal = true
	ed.Attendance.Required = true
	ed.Attendance.SetSelected(e.Attendance.Label())
	ed.SaveButton = newButtonWithIcon("Save", theme.DocumentSaveIcon(), ed.Save)
	ed.SaveButton.Importance = widget.HighImportance
	ed.DeleteButton = newButtonWithIcon("Delete", theme.DeleteIcon(), ed.delete)
	ed.DeleteButton.Importance = widget.DangerImportance

	form := container.NewVBox()
	if !ed.editable {
		c := trainingAttendanceColor(e.Attendance)
		form.Add(container.NewBorder(nil, nil, nil, pill(e.Attendance.Label(), c), subheading(e.Title)))
		form.Add(trainingFact("Session", e.Kind.Label()))
		form.Add(trainingFact("Date", e.Date.Time().Format("Monday 2 January 2006")))
		ed.Content = container.NewVScroll(container.NewPadded(form))
		return ed
	}
	title := "Record a session"
	if e.ID != "" {
		title = "Update attendance"
	}
	form.Add(headline(title, 20))
	form.Add(container.NewVBox(fieldLabel("Session"), ed.Kind))
	form.Add(container.NewVBox(fieldLabel("Title"), ed.Title))
	form.Add(container.NewVBox(fieldLabel("Date"), ed.Date))
	form.Add(container.NewVBox(fieldLabel("Attendance"), ed.Attendance))
	form.Add(note("Record a session as booked when you book it, then change it to attended afterwards."))
	buttons := container.NewHBox(ed.SaveButton)
	if e.ID != "" {
		buttons.Add(ed.DeleteButton)
	}
	form.Add(container.NewBorder(nil, nil, nil, buttons, ed.Message))
	ed.Content = container.NewVScroll(container.NewPadded(form))
	return ed
}

// suggestTitle names a new induction day after the days already recorded.
func (ed *LearningEditor) suggestTitle() {
	if ed.Item.ID != "" || ed.Title == nil {
		return
	}
	i := ed.Kind.SelectedIndex()
	if i < 0 {
		return
	}
	suggested := ""
	if ed.kinds[i] == model.InductionDay {
		suggested = fmt.Sprintf("Preceptorship induction, day %d", min(ed.x.inductionRecorded()+1, model.InductionDays))
	}
	if ed.Title.Text == "" || strings.HasPrefix(ed.Title.Text, "Preceptorship induction, day ") {
		ed.Title.SetText(suggested)
	}
	if suggested == "" {
		ed.Title.SetPlaceHolder("e.g. Trust-wide session: learning from incidents")
	}
}

// Value is the session as typed.
func (ed *LearningEditor) Value() model.LearningEvent {
	v := ed.Item
	if i := ed.Kind.SelectedIndex(); i >= 0 {
		v.Kind = ed.kinds[i]
	}
	v.Title = strings.TrimSpace(ed.Title.Text)
	v.Date = ed.Date.Value()
	for _, a := range trainingAttendances {
		if a.Label() == ed.Attendance.Selected {
			v.Attendance = a
		}
	}
	return v
}

// Save records the attendance.
func (ed *LearningEditor) Save() {
	if !ed.editable {
		return
	}
	s, v := ed.x.s, ed.Value()
	var saved model.LearningEvent
	var err error
	s.run(func(ctx context.Context) error {
		saved, err = s.ss.SaveLearningEvent(ctx, v)
		return nil
	}, func() {
		if err != nil {
			trainingSay(ed.Message, sentence(err), true)
			return
		}
		ed.x.reload("", saved.ID)
		if ed.x.EventEditor != nil {
			trainingSay(ed.x.EventEditor.Message, "Saved at "+s.u.opt.Now().Format("15:04"), false)
		}
	})
}

func (ed *LearningEditor) delete() {
	s := ed.x.s
	s.confirm("Delete session", "Delete \""+ed.Item.Title+"\" from the attendance record?", "Delete", func() {
		s.run(func(ctx context.Context) error { return s.ss.DeleteLearningEvent(ctx, ed.Item.ID) }, func() {
			ed.x.EventEditor = nil
			showOnly(ed.x.eventDetail, placeholder("Deleted."))
			ed.x.reload("", "")
		})
	})
}
