package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// MeetingsScreen is where the preceptee, preceptor and line manager keep the programme's
// meetings, the preceptorship agreement and the clinical supervision sessions. The three
// are sections of one screen, chosen with the buttons under the title.
type MeetingsScreen struct {
	s         *Shell
	p         model.Programme
	Portfolio *model.Portfolio
	unsent    map[string]bool // records with changes not yet on the shared folder
	opening

	ShowMeetings    *Button
	ShowAgreement   *Button
	ShowSupervision *Button
	Section         string // meetingsSection, agreementSection or supervisionSection

	NextDue    *widget.RichText // the next meeting due, red when overdue
	Unmarked   *widget.Label    // a meeting planned for a day gone by and not marked held
	NewMeeting *Button
	Editor     *MeetingEditor

	ConfirmPreceptee *Button
	ConfirmPreceptor *Button

	NewSupervision *Button
	Supervision    *SupervisionEditor

	canRecord, canSeeSupervision, canSupervise bool
	supervisorOnly                             bool

	selected string                       // the record open in the detail pane
	marks    map[string]*canvas.Rectangle // row highlights, by record id
	detail   *fyne.Container
	body     *fyne.Container
	root     fyne.CanvasObject
	top      fyne.CanvasObject // the title and tabs above the list
}

const (
	meetingsSection    = "meetings"
	agreementSection   = "agreement"
	supervisionSection = "supervision"
)

func newMeetingsScreen(s *Shell, p model.Programme) *MeetingsScreen {
	u := s.ss.User
	x := &MeetingsScreen{s: s, p: p, Section: meetingsSection, detail: container.NewStack(),
		canRecord:         model.Allowed(u, model.RecordMeeting, &p),
		canSeeSupervision: model.Allowed(u, model.ViewSupervision, &p),
		canSupervise:      model.Allowed(u, model.RecordSupervision, &p),
		body:              container.NewStack(container.NewCenter(widget.NewLabel("Loading the meetings…"))),
	}
	x.ShowMeetings = newButtonWithIcon("Meetings", theme.MailComposeIcon(), func() { x.show(meetingsSection) })
	x.ShowAgreement = newButtonWithIcon("Preceptorship agreement", theme.DocumentIcon(), func() { x.show(agreementSection) })
	x.ShowSupervision = newButtonWithIcon("Clinical supervision", theme.AccountIcon(), func() { x.show(supervisionSection) })
	tabs := flow(x.ShowMeetings, x.ShowAgreement)
	if x.canSeeSupervision {
		tabs.Add(x.ShowSupervision)
	}
	// A clinical supervisor sees the supervision records alone, not the portfolio.
	x.supervisorOnly = x.canSeeSupervision && !model.Allowed(u, model.ViewPortfolio, &p)
	if x.supervisorOnly {
		x.Section = supervisionSection
		tabs = container.NewHBox()
	}
	weeks := p.WithDefaults().MeetingIntervalWeeks
	sub := fmt.Sprintf("Meet your preceptor in the first week, then at least every %d weeks. Agree actions at each meeting and review them at the next.", weeks)
	if u.ID != p.PrecepteeID {
		sub = fmt.Sprintf("The preceptee and preceptor meet in the first week, then at least every %d weeks. Actions agreed at each meeting are reviewed at the next.", weeks)
	}
	title := "Meetings"
	if x.supervisorOnly {
		title, sub = "Clinical supervision", "The clinical supervision sessions you hold with this preceptee, as the Trust policy asks: date, themes and agreed actions."
	}
	x.top = container.NewVBox(pageTitle(title, sub), tabs)
	x.root = container.NewBorder(x.top, nil, nil, nil, x.body)
	x.reload(nil)
	return x
}

func (x *MeetingsScreen) content() fyne.CanvasObject { return x.root }

func (x *MeetingsScreen) today() model.Date { return model.DateOf(x.s.u.opt.Now()) }

// save saves the record open in the section on show (Ctrl+S).
func (x *MeetingsScreen) save() {
	switch {
	case x.Section == meetingsSection && x.Editor != nil:
		x.Editor.Save()
	case x.Section == supervisionSection && x.Supervision != nil:
		x.Supervision.Save()
	}
}

func (x *MeetingsScreen) saveDraft() {
	if x.Editor != nil {
		x.Editor.draft.Keep()
	}
	if x.Supervision != nil {
		x.Supervision.draft.Keep()
	}
}

func (x *MeetingsScreen) openSoon(id string) { x.opening.soon(id, x.OpenMeeting) }

// reload reads the portfolio again, rebuilds the section on show, then runs then.
func (x *MeetingsScreen) reload(then func()) {
	var pf model.Portfolio
	var unsent map[string]bool
	x.s.run(func(ctx context.Context) (err error) {
		if unsent, err = x.s.notOnShare(ctx); err != nil {
			return err
		}
		if x.supervisorOnly {
			pf = model.Portfolio{Programme: x.p}
			pf.Supervision, err = x.s.ss.SupervisionRecords(ctx, x.p.ID)
			return err
		}
		pf, err = x.s.ss.Portfolio(ctx, x.p.ID)
		return err
	}, func() {
		x.Portfolio, x.unsent = &pf, unsent
		x.show(x.Section)
		x.opening.read(x.OpenMeeting)
		if then != nil {
			then()
		}
	})
}

// show switches to one section, keeping what was typed in the one being left.
func (x *MeetingsScreen) show(section string) {
	x.s.u.Idle.Touch()
	x.saveDraft()
	x.Section = section
	for name, b := range map[string]*Button{meetingsSection: x.ShowMeetings, agreementSection: x.ShowAgreement, supervisionSection: x.ShowSupervision} {
		b.Importance = widget.LowImportance
		if name == section {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
	if x.Portfolio == nil {
		return
	}
	x.agreementIcon()
	x.Editor, x.Supervision, x.selected = nil, nil, ""
	x.marks = map[string]*canvas.Rectangle{}
	var view fyne.CanvasObject
	switch section {
	case agreementSection:
		view = x.agreementView()
	case supervisionSection:
		view = x.supervisionView()
	default:
		view = x.meetingsView()
	}
	showOnly(x.body, view)
}

// agreementIcon shows on the section button whether both sides have confirmed.
func (x *MeetingsScreen) agreementIcon() {
	cs := x.Portfolio.Confirmations
	if model.Confirmed(cs, model.AgreementConfirmation, model.RolePreceptee) && model.Confirmed(cs, model.AgreementConfirmation, model.RolePreceptor) {
		x.ShowAgreement.SetIcon(theme.ConfirmIcon())
		x.ShowAgreement.SetText("Preceptorship agreement")
	} else {
		x.ShowAgreement.SetIcon(theme.WarningIcon())
		x.ShowAgreement.SetText("Preceptorship agreement (to confirm)")
	}
}

// openDetail puts obj in the detail pane and highlights the row of id.
func (x *MeetingsScreen) openDetail(id string, obj fyne.CanvasObject) {
	x.selected = id
	for k, r := range x.marks {
		r.FillColor = color.Transparent
		if k == id {
			r.FillColor = col(theme.ColorNameSelection)
		}
		r.Refresh()
	}
	showOnly(x.detail, obj)
}

// meetingsRow is one tappable, focusable line of a list, with a highlight when open.
func (x *MeetingsScreen) meetingsRow(id string, body fyne.CanvasObject, tapped func()) fyne.CanvasObject {
	mark := canvas.NewRectangle(color.Transparent)
	mark.CornerRadius = 4
	x.marks[id] = mark
	b := newButton("", func() { x.s.u.Idle.Touch(); tapped() })
	b.Importance = widget.LowImportance
	return container.NewStack(mark, b, container.NewPadded(body))
}

// ---- Meetings ---------------------------------------------------------------------------

func (x *MeetingsScreen) meetingsView() fyne.CanvasObject {
	pf := x.Portfolio
	list := container.NewVBox()
	ms := slices.Clone(pf.Meetings)
	slices.SortStableFunc(ms, func(a, b model.Meeting) int { return b.Date.Compare(a.Date) })
	for _, m := range ms {
		list.Add(x.meetingsRow(m.ID, x.meetingLine(m), func() { x.OpenMeeting(m.ID) }))
	}
	if len(ms) == 0 {
		list.Add(note("No meetings recorded yet. The initial meeting comes in the first week, after induction."))
	}
	x.NewMeeting = nil
	var head fyne.CanvasObject = container.NewStack()
	if x.canRecord {
		x.NewMeeting = newButtonWithIcon("New meeting", theme.ContentAddIcon(), x.StartMeeting)
		x.NewMeeting.Importance = widget.HighImportance
		head = container.NewHBox(x.NewMeeting)
	}
	left := container.NewVScroll(container.NewVBox(x.nextDueCard(), card("All meetings", container.NewVBox(head, list))))
	hint := "Choose a meeting to read its notes and actions."
	if x.canRecord {
		hint = "Choose a meeting to read its notes and actions, or start a new one."
	}
	x.detail.Objects = []fyne.CanvasObject{placeholder(hint)}
	ld := listBeside(left, x.detail, x.detail, 0.4)
	ld.makeWayAbove(x.top, x.root, x.s.afterLayout)
	return ld.Content()
}

// nextDueCard says prominently when the next preceptor meeting is due.
func (x *MeetingsScreen) nextDueCard() fyne.CanvasObject {
	pf := x.Portfolio
	today := x.today()
	kind, due := x.p.NextMeetingDue(pf.Meetings)
	stripe := color.Color(NHSBlue)
	var lines []fyne.CanvasObject
	if kind == "" {
		x.NextDue = headline("The final review has been held", 20)
		lines = append(lines, x.NextDue, note("No more preceptor meetings are due in this programme."))
		stripe = NHSGreen
	} else {
		x.NextDue = headline(kind.Label()+" due by "+due.Display(), 20)
		days := today.DaysUntil(due)
		var when *widget.Label
		switch {
		case days < 0:
			setHeadline(x.NextDue, x.NextDue.String(), theme.ColorNameError)
			stripe = NHSRed
			advice := "arrange it now"
			if x.s.ss.User.ID == x.p.PrecepteeID {
				advice = "arrange it with your preceptor now"
			}
			when = wrapped(fmt.Sprintf("Overdue by %s: %s.", plural(-days, "day", "days"), advice))
			when.Importance = widget.DangerImportance
		case days == 0:
			when = wrapped("Due today.")
		default:
			when = note(fmt.Sprintf("In %s.", plural(days, "day", "days")))
		}
		lines = append(lines, x.NextDue, when)
		// A meeting planned for a day gone by, not recorded as held: the list marks it "not
		// marked held", and this card says what to do rather than only that one is due.
		for _, m := range pf.Meetings {
			if m.Kind == kind && !m.Held && m.Date.Before(today) {
				x.Unmarked = wrapped(fmt.Sprintf("It was planned for %s and is not marked as held: if it took place, open it below and tick that it was held.", m.Date.Display()))
				// Dark words beside a yellow dot: yellow words on white cannot be read.
				x.Unmarked.TextStyle.Bold = true
				lines = append(lines, container.NewBorder(nil, nil, container.NewVBox(container.NewPadded(dot(NHSYellow))), nil, x.Unmarked))
				break
			}
		}
		for _, m := range pf.Meetings {
			if !m.Held && !m.Date.Before(today) {
				lines = append(lines, note("Planned: "+m.Kind.Label()+" on "+m.Date.Display()+"."))
				break
			}
		}
	}
	bar := canvas.NewRectangle(stripe)
	return card("", container.NewBorder(nil, nil, container.New(&fixedWidth{6}, bar), nil,
		container.NewPadded(meetingsTight(-8, lines...))))
}

func (x *MeetingsScreen) meetingLine(m model.Meeting) fyne.CanvasObject {
	today := x.today()
	var tag fyne.CanvasObject
	switch {
	case m.Held:
		tag = pill("HELD", NHSGreen)
	case m.Date.Before(today):
		tag = pill("NOT MARKED HELD", NHSYellow)
	default:
		tag = pill("PLANNED", NHSBlue)
	}
	open := 0
	for _, a := range x.Portfolio.Actions {
		if a.OwnerID == m.ID && !a.Done {
			open++
		}
	}
	sub := m.Date.Display()
	if m.Attendees != "" {
		sub += " · " + m.Attendees
	}
	switch open {
	case 0:
	case 1:
		sub += " · 1 open action"
	default:
		sub += fmt.Sprintf(" · %d open actions", open)
	}
	if x.unsent[m.ID] {
		sub += " · " + notOnShareMark
	}
	title := widget.NewLabelWithStyle(m.Kind.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return meetingsTight(-14, container.NewBorder(nil, nil, nil, tag, title), note(sub))
}

// meetingsTight stacks lines closer than a VBox: labels carry their own padding.
func meetingsTight(spacing float32, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewCustomPaddedVBoxLayout(spacing), objs...)
}

// meetingActions are the actions agreed at meeting id, in their order.
func (x *MeetingsScreen) meetingActions(id string) []model.ActionItem {
	return model.ActionsOf(x.Portfolio.Actions, id)
}

// meetingsCarried lists the open actions agreed at meetings before m: they come forward to
// m as a checklist, to be reviewed until they are done.
func meetingsCarried(pf *model.Portfolio, m model.Meeting) []model.ActionItem {
	earlier := map[string]bool{}
	for _, o := range pf.Meetings {
		if o.ID != m.ID && (m.ID == "" || !o.Date.After(m.Date)) {
			earlier[o.ID] = true
		}
	}
	var out []model.ActionItem
	for _, a := range pf.Actions {
		if earlier[a.OwnerID] && !a.Done {
			out = append(out, a)
		}
	}
	return out
}

// StartMeeting opens a new meeting: the kind that is due next, today, the usual attendees.
func (x *MeetingsScreen) StartMeeting() {
	kind, _ := x.p.NextMeetingDue(x.Portfolio.Meetings)
	if kind == "" {
		kind = model.MeetingRegular
	}
	m := model.Meeting{ProgrammeID: x.p.ID, Kind: kind, Date: x.today()}
	m.Attendees = x.usualAttendees(kind)
	x.openEditor(func() *MeetingEditor { return newMeetingEditor(x, m, nil) })
}

// OpenMeeting shows a recorded meeting.
func (x *MeetingsScreen) OpenMeeting(id string) {
	for _, m := range x.Portfolio.Meetings {
		if m.ID == id {
			x.openEditor(func() *MeetingEditor { return newMeetingEditor(x, m, x.meetingActions(id)) })
			return
		}
	}
}

// openEditor shows the meeting editor open builds. What was typed in the one open before is
// kept first, so that a new editor for the same meeting finds it.
func (x *MeetingsScreen) openEditor(open func() *MeetingEditor) {
	if x.Editor != nil {
		x.Editor.draft.Keep()
	}
	ed := open()
	x.Editor = ed
	x.openDetail(ed.Meeting.ID, ed.Content)
}

// usualAttendees is who normally comes to a meeting of kind.
func (x *MeetingsScreen) usualAttendees(kind model.MeetingKind) string {
	pf := x.Portfolio
	other, role := pf.Preceptor.Name, "preceptor"
	if kind == model.MeetingLineManager {
		other, role = pf.LineManager.Name, "line manager"
	}
	if pf.Preceptee.Name == "" || other == "" {
		return ""
	}
	return pf.Preceptee.Name + " (preceptee), " + other + " (" + role + ")"
}

// MeetingEditor records one meeting, or shows it to someone who may only read it.
type MeetingEditor struct {
	x       *MeetingsScreen
	Meeting model.Meeting

	Kind      *Select
	Date      *DateField
	Held      *widget.Check
	Attendees *Field
	Notes     *TextArea
	NextDate  *DateField
	Agreed    *ActionChecklist // actions agreed at this meeting
	Carried   *ActionChecklist // open actions from earlier meetings, to review

	SaveButton   *Button
	DeleteButton *Button
	Message      *widget.Label
	Content      fyne.CanvasObject

	draft    *Draft[meetingDraft] // nil for those who only read the meeting
	editable bool
}

// meetingDraft is what is kept while a meeting is being typed.
type meetingDraft struct {
	Meeting model.Meeting
	Agreed  []model.ActionItem
	Removed []string
	Ticked  map[string]bool // carried-forward actions, by id: done or not
}

func newMeetingEditor(x *MeetingsScreen, m model.Meeting, agreed []model.ActionItem) *MeetingEditor {
	s := x.s
	ed := &MeetingEditor{x: x, Meeting: m, editable: x.canRecord, Message: note("")}
	today := x.today()
	touched := func() { s.u.Idle.Touch(); ed.draft.Schedule() }
	if !ed.editable {
		ed.Content = ed.readView(agreed)
		return ed
	}
	var labels []string
	for _, k := range model.MeetingKinds {
		labels = append(labels, k.Label())
	}
	ed.Kind = newSelect(labels, nil)
	ed.Kind.SetSelected(m.Kind.Label())
	ed.Date, ed.NextDate = newDateField(), newDateField()
	ed.Date.SetValue(m.Date)
	ed.NextDate.SetValue(m.NextDate)
	ed.Held = widget.NewCheck("This meeting has taken place", nil)
	ed.Held.SetChecked(m.Held)
	ed.Attendees = newField()
	ed.Attendees.SetPlaceHolder("Who attended, e.g. your name and your preceptor's")
	ed.Attendees.SetText(m.Attendees)
	ed.Notes = multiline("What you discussed: progress with competencies, SLOT analyses, wellbeing, support needed. No patient details.", 6)
	ed.Notes.SetText(m.Notes)
	ed.Agreed = newActionChecklist(s, agreed, today, true, true, nil, touched)
	ed.Agreed.Text.SetPlaceHolder("Add an action, e.g. \"Shadow the nurse in charge\"")
	origins := map[string]model.Meeting{}
	for _, o := range x.Portfolio.Meetings {
		origins[o.ID] = o
	}
	ed.Carried = newActionChecklist(s, meetingsCarried(x.Portfolio, m), today, true, false, func(a model.ActionItem) string {
		o := origins[a.OwnerID]
		return "From the " + strings.ToLower(o.Kind.Label()) + " on " + o.Date.Display()
	}, touched)
	ed.draft = newDraft(s, ed.draftKey(), ed.value, ed.fill, ed.Message)
	ed.draft.Restore()

	prevKind := m.Kind
	ed.Kind.OnChanged = func(string) {
		k := ed.kind()
		if strings.TrimSpace(ed.Attendees.Text) == "" || ed.Attendees.Text == x.usualAttendees(prevKind) {
			ed.Attendees.SetText(x.usualAttendees(k))
		}
		prevKind = k
		touched()
	}
	ed.Held.OnChanged = func(bool) { touched() }
	ed.Attendees.OnChanged = func(string) { touched() }
	ed.Notes.OnChanged = func(string) { touched() }
	ed.Date.OnChanged = func(*time.Time) { touched() }
	ed.NextDate.OnChanged = func(*time.Time) { touched() }

	ed.SaveButton = newButtonWithIcon("Save meeting", theme.DocumentSaveIcon(), ed.Save)
	ed.SaveButton.Importance = widget.HighImportance
	ed.DeleteButton = newButtonWithIcon("Delete", theme.DeleteIcon(), ed.delete)
	ed.DeleteButton.Importance = widget.DangerImportance

	title := "New meeting"
	if m.ID != "" {
		title = m.Kind.Label() + ", " + m.Date.Display()
	}
	form := container.NewVBox(headline(title, 20),
		columns(container.NewVBox(fieldLabel("Type of meeting"), ed.Kind), container.NewVBox(fieldLabel("Date"), ed.Date)),
		ed.Held,
		fieldLabel("Who attended"), ed.Attendees,
		fieldLabel("Notes"), ed.Notes)
	if len(ed.Carried.Items) > 0 {
		form.Add(card("Actions from earlier meetings", container.NewVBox(
			note("Review each one together and tick what has been done. What is not done comes forward again to the next meeting."),
			ed.Carried.Content)))
	}
	form.Add(card("Actions agreed at this meeting", ed.Agreed.Content))
	hint := fmt.Sprintf("Meet at least every %d weeks.", x.p.WithDefaults().MeetingIntervalWeeks)
	form.Add(columns(container.NewVBox(fieldLabel("Next meeting"), ed.NextDate), container.NewVBox(fieldLabel(""), note(hint))))
	buttons := container.NewHBox(ed.SaveButton)
	if m.ID != "" {
		buttons.Add(ed.DeleteButton)
	}
	form.Add(container.NewBorder(nil, nil, nil, buttons, ed.draft.beside(ed.Message)))
	ed.Content = container.NewVScroll(container.NewPadded(form))
	return ed
}

// readView shows a meeting to someone who may read but not record it.
func (ed *MeetingEditor) readView(agreed []model.ActionItem) fyne.CanvasObject {
	m := ed.Meeting
	status := "Planned"
	if m.Held {
		status = "Held"
	}
	box := container.NewVBox(subheading(m.Kind.Label()), note(m.Date.Display()+" · "+status))
	if m.Attendees != "" {
		box.Add(fieldLabel("Who attended"))
		box.Add(wrapped(m.Attendees))
	}
	if m.Notes != "" {
		box.Add(fieldLabel("Notes"))
		box.Add(wrapped(m.Notes))
	}
	ed.Agreed = newActionChecklist(ed.x.s, agreed, ed.x.today(), false, false, nil, nil)
	box.Add(card("Actions agreed", ed.Agreed.Content))
	if !m.NextDate.IsZero() {
		box.Add(note("Next meeting: " + m.NextDate.Display()))
	}
	return container.NewVScroll(container.NewPadded(box))
}

func (ed *MeetingEditor) kind() model.MeetingKind {
	if i := ed.Kind.SelectedIndex(); i >= 0 && i < len(model.MeetingKinds) {
		return model.MeetingKinds[i]
	}
	return ed.Meeting.Kind
}

// Value is the meeting as typed.
func (ed *MeetingEditor) Value() model.Meeting {
	m := ed.Meeting
	m.ProgrammeID = ed.x.p.ID
	m.Kind = ed.kind()
	m.Date = ed.Date.Value()
	m.Held = ed.Held.Checked
	m.Attendees = strings.TrimSpace(ed.Attendees.Text)
	m.Notes = ed.Notes.Text
	m.NextDate = ed.NextDate.Value()
	return m
}

func (ed *MeetingEditor) value() meetingDraft {
	d := meetingDraft{Meeting: ed.Value(), Agreed: slices.Clone(ed.Agreed.Items), Removed: slices.Clone(ed.Agreed.Removed), Ticked: map[string]bool{}}
	for _, a := range ed.Carried.Items {
		d.Ticked[a.ID] = a.Done
	}
	return d
}

// Save checks the notes for patient identifiers, then saves the meeting and its actions.
func (ed *MeetingEditor) Save() {
	if !ed.editable {
		return
	}
	s := ed.x.s
	if strings.TrimSpace(ed.Agreed.Text.Text) != "" && !ed.Agreed.add() {
		return // an action typed but not added, and not valid: say so before saving
	}
	m := ed.Value()
	if err := model.ValidateMeeting(m); err != nil {
		ed.fail(err)
		return
	}
	agreed, removed := ed.Agreed.Value(), slices.Clone(ed.Agreed.Removed)
	var ticked []model.ActionItem
	for _, a := range ed.Carried.Items {
		if a.Done {
			ticked = append(ticked, a)
		}
	}
	texts := []string{m.Notes}
	for _, a := range agreed {
		texts = append(texts, a.Text)
	}
	typed := ed.value()
	s.checkIdentifiers(strings.Join(texts, "\n"), func() {
		var saved model.Meeting
		s.run(func(ctx context.Context) (err error) {
			if saved, err = s.ss.SaveMeeting(ctx, m); err != nil {
				return err
			}
			for _, a := range agreed {
				a.ProgrammeID, a.OwnerID = saved.ProgrammeID, saved.ID
				if _, err := s.ss.SaveAction(ctx, a); err != nil {
					return err
				}
			}
			for _, id := range removed {
				if err := s.ss.DeleteAction(ctx, id); err != nil {
					return err
				}
			}
			for _, a := range ticked {
				if _, err := s.ss.SaveAction(ctx, a); err != nil {
					return err
				}
			}
			return nil
		}, func() {
			x := ed.x
			ed.draft.Saved(typed)
			x.Editor = nil // saved: nothing left to keep as a draft
			x.reload(func() {
				x.OpenMeeting(saved.ID)
				if x.Editor != nil {
					x.Editor.Message.SetText("Saved at " + s.u.opt.Now().Format("15:04") + ".")
				}
			})
		})
	})
}

func (ed *MeetingEditor) fail(err error) {
	ed.Message.Importance = widget.DangerImportance
	ed.Message.SetText(sentence(err))
}

func (ed *MeetingEditor) delete() {
	s, m := ed.x.s, ed.Meeting
	s.confirm("Delete meeting", "Delete the "+strings.ToLower(m.Kind.Label())+" on "+m.Date.Display()+", its notes and the actions agreed at it?", "Delete", func() {
		s.run(func(ctx context.Context) error { return s.ss.DeleteMeeting(ctx, m.ID) }, func() {
			ed.draft.RecordDeleted()
			ed.x.Editor = nil
			ed.x.reload(func() { s.toast("The meeting is deleted.") })
		})
	})
}

func (ed *MeetingEditor) draftKey() string {
	if ed.Meeting.ID == "" {
		return "meeting:" + ed.x.p.ID + ":new"
	}
	return "meeting:" + ed.Meeting.ID
}

// fill shows a meeting and its actions: a restored draft, or what is saved again.
func (ed *MeetingEditor) fill(d meetingDraft) {
	m := d.Meeting
	ed.Kind.SetSelected(m.Kind.Label())
	ed.Date.SetValue(m.Date)
	ed.Held.SetChecked(m.Held)
	ed.Attendees.SetText(m.Attendees)
	ed.Notes.SetText(m.Notes)
	ed.NextDate.SetValue(m.NextDate)
	ed.Agreed.Items, ed.Agreed.Removed = slices.Clone(d.Agreed), slices.Clone(d.Removed)
	ed.Agreed.refresh()
	for i, a := range ed.Carried.Items {
		if done, ok := d.Ticked[a.ID]; ok { // an action carried forward since stays as it is
			ed.Carried.Items[i].Done = done
		}
	}
	ed.Carried.refresh()
}

// ---- Agreed actions ---------------------------------------------------------------------

// ActionChecklist is a list of agreed actions to tick off: the actions of a meeting or of
// a learning-plan goal. Changes are kept until the record they belong to is saved.
type ActionChecklist struct {
	Items   []model.ActionItem
	Checks  []*widget.Check // one per item, in order
	Removed []string        // ids of saved actions taken off the list

	Text    *Field // a new action
	Due     *DateField
	Add     *Button
	Message *widget.Label
	Content fyne.CanvasObject

	s        *Shell
	rows     *fyne.Container
	today    model.Date
	editable bool // ticks can change
	growable bool // actions can be added and removed
	origin   func(model.ActionItem) string
	changed  func()
}

func newActionChecklist(s *Shell, items []model.ActionItem, today model.Date, editable, growable bool, origin func(model.ActionItem) string, changed func()) *ActionChecklist {
	l := &ActionChecklist{s: s, Items: slices.Clone(items), today: today, editable: editable, growable: growable && editable, origin: origin, changed: changed,
		rows: container.NewVBox(), Message: errorText(), Text: newField(), Due: newDateField()}
	if l.changed == nil {
		l.changed = func() {}
	}
	l.Text.SetPlaceHolder("A new action")
	l.Text.OnSubmitted = func(string) { l.add() }
	l.Text.OnChanged = func(string) { s.u.Idle.Touch() }
	l.Add = newButtonWithIcon("Add action", theme.ContentAddIcon(), func() { l.add() })
	l.refresh()
	box := container.NewVBox(l.rows)
	if l.growable {
		box.Add(widget.NewSeparator())
		box.Add(l.Text)
		box.Add(flow(widget.NewLabel("Due by"), container.New(&fixedWidth{200}, l.Due), l.Add))
		box.Add(l.Message)
		l.Message.Hide()
	}
	l.Content = box
	return l
}

// add puts the typed action on the list; false when it is not a valid action.
func (l *ActionChecklist) add() bool {
	l.s.u.Idle.Touch()
	a := model.ActionItem{Text: strings.TrimSpace(l.Text.Text), DueDate: l.Due.Value()}
	if err := model.ValidateAction(a); err != nil {
		l.Message.SetText(sentence(err))
		l.Message.Show()
		return false
	}
	l.Message.SetText("")
	l.Message.Hide()
	l.Items = append(l.Items, a)
	l.Text.SetText("")
	l.Due.SetValue(model.Date{})
	l.refresh()
	l.changed()
	return true
}

// Value is the list as it stands, positioned in order.
func (l *ActionChecklist) Value() []model.ActionItem {
	out := slices.Clone(l.Items)
	for i := range out {
		out[i].Position = i
	}
	return out
}

func (l *ActionChecklist) refresh() {
	l.rows.Objects = nil
	l.Checks = nil
	for i, a := range l.Items {
		chk := widget.NewCheck("", nil)
		chk.SetChecked(a.Done)
		chk.OnChanged = func(on bool) {
			l.s.u.Idle.Touch()
			l.Items[i].Done = on
			if !on {
				l.Items[i].DoneOn = model.Date{}
			}
			l.changed()
		}
		if !l.editable {
			chk.Disable()
		}
		l.Checks = append(l.Checks, chk)
		var meta []string
		if l.origin != nil {
			meta = append(meta, l.origin(a))
		}
		overdue := !a.Done && !a.DueDate.IsZero() && a.DueDate.Before(l.today)
		switch {
		case a.Done && !a.DoneOn.IsZero():
			meta = append(meta, "done "+a.DoneOn.Display())
		case a.Done:
			meta = append(meta, "done")
		case overdue:
			meta = append(meta, "overdue since "+a.DueDate.Display())
		case !a.DueDate.IsZero():
			meta = append(meta, "due by "+a.DueDate.Display())
		}
		text := wrapped(a.Text)
		lines := meetingsTight(-14, text)
		if len(meta) > 0 {
			m := note(strings.Join(meta, " · "))
			if overdue {
				m.Importance = widget.DangerImportance
			}
			lines.Add(m)
		}
		var right fyne.CanvasObject
		if l.growable {
			rm := newButtonWithIcon("", theme.DeleteIcon(), func() {
				l.s.u.Idle.Touch()
				if id := l.Items[i].ID; id != "" {
					l.Removed = append(l.Removed, id)
				}
				l.Items = slices.Delete(l.Items, i, i+1)
				l.refresh()
				l.changed()
			})
			rm.Importance = widget.LowImportance
			right = container.NewCenter(rm)
		}
		l.rows.Add(container.NewBorder(nil, nil, container.NewCenter(chk), right, lines))
	}
	if len(l.Items) == 0 {
		l.rows.Add(note("No actions yet."))
	}
	l.rows.Refresh()
}

// ---- Preceptorship agreement ------------------------------------------------------------

func (x *MeetingsScreen) agreementView() fyne.CanvasObject {
	pf := x.Portfolio
	cs := pf.Confirmations
	both := model.Confirmed(cs, model.AgreementConfirmation, model.RolePreceptee) && model.Confirmed(cs, model.AgreementConfirmation, model.RolePreceptor)
	var state fyne.CanvasObject
	if both {
		state = banner("Confirmed by both the preceptee and the preceptor", NHSGreen, White)
	} else {
		state = banner("Waiting for confirmation: read the agreement together at the initial meeting, then each confirms with their own password", NHSYellow, NHSText)
	}
	colHead := func(text string, bg color.Color) fyne.CanvasObject {
		t := canvas.NewText(text, White)
		t.TextStyle.Bold = true
		t.TextSize = scaled(16)
		r := canvas.NewRectangle(bg)
		r.CornerRadius = 4
		return container.NewStack(r, container.NewPadded(t))
	}
	table := container.NewVBox(container.NewGridWithColumns(2, colHead("The preceptee will…", NHSBlue), colHead("The preceptor will…", NHSDarkBlue)))
	for i, r := range model.Agreement {
		if i > 0 {
			table.Add(widget.NewSeparator())
		}
		table.Add(container.NewGridWithColumns(2, wrapped(r.Preceptee), wrapped(r.Preceptor)))
	}
	x.ConfirmPreceptee, x.ConfirmPreceptor = nil, nil
	sides := columns(x.agreementSide(model.RolePreceptee), x.agreementSide(model.RolePreceptor))
	body := container.NewVBox(state,
		wrapped("At the initial meeting the preceptee and the preceptor read these responsibilities together. Each then confirms with their own username and password — on whichever PC is to hand."),
		table, widget.NewSeparator(), sides)
	return container.NewVScroll(card("Preceptorship agreement", body))
}

// agreementSide shows whether one side has confirmed, with the button to confirm.
func (x *MeetingsScreen) agreementSide(role model.Role) fyne.CanvasObject {
	pf := x.Portfolio
	person := pf.Preceptee
	if role == model.RolePreceptor {
		person = pf.Preceptor
	}
	box := container.NewVBox(fieldLabel(role.Label() + ": " + person.Name))
	for _, c := range pf.Confirmations {
		if c.Kind == model.AgreementConfirmation && c.Role == role {
			box.Add(container.NewBorder(nil, nil, container.NewCenter(dot(NHSGreen)), nil,
				wrapped("Confirmed by "+c.UserName+" on "+c.At.Local().Format("2 Jan 2006 at 15:04")+".")))
			return box
		}
	}
	box.Add(container.NewBorder(nil, nil, container.NewCenter(dot(NHSMidGrey)), nil, wrapped("Not confirmed yet.")))
	if !model.Allowed(x.s.ss.User, model.ConfirmAgreement, &x.p) {
		return box
	}
	label := "Preceptee: confirm the agreement…"
	if role == model.RolePreceptor {
		label = "Preceptor: confirm the agreement…"
	}
	b := newButtonWithIcon(label, theme.ConfirmIcon(), func() { x.confirmAgreement(role, person) })
	b.Importance = widget.SuccessImportance
	if role == model.RolePreceptor {
		x.ConfirmPreceptor = b
	} else {
		x.ConfirmPreceptee = b
	}
	box.Add(container.NewHBox(b))
	return box
}

// confirmAgreement asks the person on one side for their own password, on this PC.
func (x *MeetingsScreen) confirmAgreement(role model.Role, person model.User) {
	s := x.s
	title := "Preceptee: confirm the agreement"
	if role == model.RolePreceptor {
		title = "Preceptor: confirm the agreement"
	}
	c := s.countersign(title, model.AgreementStatement(person.Name, role), func(cs sqlite.Countersignature) error {
		if person.Username != "" && model.NormaliseUsername(cs.Username) != model.NormaliseUsername(person.Username) {
			return fmt.Errorf("this side of the agreement is for %s to confirm, with their own username and password", person.Name)
		}
		_, err := s.ss.Confirm(context.Background(), x.p.ID, model.AgreementConfirmation, cs)
		return err
	}, func() {
		x.reload(func() { s.toast(person.Name + " has confirmed the preceptorship agreement.") })
	})
	c.Username.SetText(person.Username)
	if person.Username != "" {
		s.u.Window.Canvas().Focus(c.Password)
	}
}

// ---- Clinical supervision ---------------------------------------------------------------

func (x *MeetingsScreen) supervisionView() fyne.CanvasObject {
	pf := x.Portfolio
	list := container.NewVBox()
	sv := slices.Clone(pf.Supervision)
	slices.SortStableFunc(sv, func(a, b model.Supervision) int { return b.Date.Compare(a.Date) })
	for _, r := range sv {
		title := widget.NewLabelWithStyle(r.Date.Display()+" · "+r.Supervisor, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		themes := strings.TrimSpace(strings.SplitN(r.Themes, "\n", 2)[0])
		if themes == "" {
			themes = "No themes recorded"
		}
		sub := when(themes)
		sub.Truncation = fyne.TextTruncateEllipsis
		list.Add(x.meetingsRow(r.ID, meetingsTight(-14, title, sub), func() { x.OpenSupervision(r.ID) }))
	}
	if len(sv) == 0 {
		list.Add(note("No clinical supervision sessions recorded yet."))
	}
	x.NewSupervision = nil
	intro := note("Record each session as the Trust's clinical supervision policy asks: the date, your supervisor, the themes you discussed and what you agreed. Your preceptor helps you find a supervisor.")
	if x.s.ss.User.ID != x.p.PrecepteeID { // the supervisor, the preceptor or a manager reading
		intro = note("Each session as the Trust's clinical supervision policy asks: the date, the supervisor, the themes discussed and what was agreed.")
	}
	head := container.NewVBox(intro)
	if x.canSupervise {
		x.NewSupervision = newButtonWithIcon("Record a session", theme.ContentAddIcon(), x.StartSupervision)
		x.NewSupervision.Importance = widget.HighImportance
		head.Add(container.NewHBox(x.NewSupervision))
	}
	left := container.NewVScroll(card("Clinical supervision", container.NewVBox(head, list)))
	x.detail.Objects = []fyne.CanvasObject{placeholder("Choose a session to read it, or record a new one.")}
	ld := listBeside(left, x.detail, x.detail, 0.4)
	ld.makeWayAbove(x.top, x.root, x.s.afterLayout)
	return ld.Content()
}

// StartSupervision opens a new session record, with the last supervisor's name.
func (x *MeetingsScreen) StartSupervision() {
	r := model.Supervision{ProgrammeID: x.p.ID, Date: x.today()}
	var last model.Date
	for _, o := range x.Portfolio.Supervision {
		if !o.Date.Before(last) {
			last, r.Supervisor = o.Date, o.Supervisor
		}
	}
	x.openSupervision(func() *SupervisionEditor { return newSupervisionEditor(x, r) })
}

// OpenSupervision shows a recorded session.
func (x *MeetingsScreen) OpenSupervision(id string) {
	for _, r := range x.Portfolio.Supervision {
		if r.ID == id {
			x.openSupervision(func() *SupervisionEditor { return newSupervisionEditor(x, r) })
			return
		}
	}
}

// openSupervision shows the session editor open builds, keeping first what was typed in the
// one open before.
func (x *MeetingsScreen) openSupervision(open func() *SupervisionEditor) {
	if x.Supervision != nil {
		x.Supervision.draft.Keep()
	}
	ed := open()
	x.Supervision = ed
	x.openDetail(ed.Record.ID, ed.Content)
}

// SupervisionEditor records one clinical supervision session.
type SupervisionEditor struct {
	x      *MeetingsScreen
	Record model.Supervision

	Date         *DateField
	Supervisor   *Field
	Themes       *TextArea
	Actions      *TextArea
	SaveButton   *Button
	DeleteButton *Button
	Message      *widget.Label
	Content      fyne.CanvasObject

	draft    *Draft[model.Supervision] // nil for those who only read the session
	editable bool
}

func newSupervisionEditor(x *MeetingsScreen, r model.Supervision) *SupervisionEditor {
	s := x.s
	ed := &SupervisionEditor{x: x, Record: r, editable: x.canSupervise, Message: note("")}
	if !ed.editable {
		box := container.NewVBox(subheading("Clinical supervision, "+r.Date.Display()), note("Supervisor: "+r.Supervisor))
		if r.Themes != "" {
			box.Add(fieldLabel("Themes discussed"))
			box.Add(wrapped(r.Themes))
		}
		if r.Actions != "" {
			box.Add(fieldLabel("Actions agreed"))
			box.Add(wrapped(r.Actions))
		}
		ed.Content = container.NewVScroll(container.NewPadded(box))
		return ed
	}
	ed.Date = newDateField()
	ed.Date.SetValue(r.Date)
	ed.Supervisor = newField()
	ed.Supervisor.SetPlaceHolder("Your clinical supervisor's name")
	ed.Supervisor.SetText(r.Supervisor)
	ed.Themes = multiline("The themes you discussed, e.g. managing a heavy caseload, a difficult conversation with a family. No patient details.", 5)
	ed.Themes.SetText(r.Themes)
	ed.Actions = multiline("What you agreed to do next", 4)
	ed.Actions.SetText(r.Actions)
	ed.draft = newDraft(s, ed.draftKey(), ed.Value, ed.fill, ed.Message)
	ed.draft.Restore()
	touched := func() { s.u.Idle.Touch(); ed.draft.Schedule() }
	ed.Supervisor.OnChanged = func(string) { touched() }
	ed.Themes.OnChanged = func(string) { touched() }
	ed.Actions.OnChanged = func(string) { touched() }
	ed.Date.OnChanged = func(*time.Time) { touched() }
	ed.SaveButton = newButtonWithIcon("Save session", theme.DocumentSaveIcon(), ed.Save)
	ed.SaveButton.Importance = widget.HighImportance
	ed.DeleteButton = newButtonWithIcon("Delete", theme.DeleteIcon(), ed.delete)
	ed.DeleteButton.Importance = widget.DangerImportance
	title := "New clinical supervision session"
	if r.ID != "" {
		title = "Clinical supervision, " + r.Date.Display()
	}
	buttons := container.NewHBox(ed.SaveButton)
	if r.ID != "" {
		buttons.Add(ed.DeleteButton)
	}
	form := container.NewVBox(headline(title, 20),
		columns(container.NewVBox(fieldLabel("Date"), ed.Date), container.NewVBox(fieldLabel("Supervisor"), ed.Supervisor)),
		fieldLabel("Themes discussed"), ed.Themes,
		fieldLabel("Actions agreed"), ed.Actions,
		container.NewBorder(nil, nil, nil, buttons, ed.draft.beside(ed.Message)))
	ed.Content = container.NewVScroll(container.NewPadded(form))
	return ed
}

// Value is the session as typed.
func (ed *SupervisionEditor) Value() model.Supervision {
	r := ed.Record
	r.ProgrammeID = ed.x.p.ID
	r.Date = ed.Date.Value()
	r.Supervisor = strings.TrimSpace(ed.Supervisor.Text)
	r.Themes, r.Actions = ed.Themes.Text, ed.Actions.Text
	return r
}

// Save checks the text for patient identifiers, then saves the session.
func (ed *SupervisionEditor) Save() {
	if !ed.editable {
		return
	}
	s := ed.x.s
	r := ed.Value()
	s.checkIdentifiers(r.Themes+"\n"+r.Actions, func() {
		var saved model.Supervision
		s.run(func(ctx context.Context) (err error) {
			saved, err = s.ss.SaveSupervision(ctx, r)
			return err
		}, func() {
			x := ed.x
			ed.draft.Saved(r)
			x.Supervision = nil
			x.reload(func() {
				x.OpenSupervision(saved.ID)
				if x.Supervision != nil {
					x.Supervision.Message.SetText("Saved at " + s.u.opt.Now().Format("15:04") + ".")
				}
			})
		})
	})
}

func (ed *SupervisionEditor) delete() {
	s, r := ed.x.s, ed.Record
	s.confirm("Delete session", "Delete the clinical supervision session on "+r.Date.Display()+"?", "Delete", func() {
		s.run(func(ctx context.Context) error { return s.ss.DeleteSupervision(ctx, r.ID) }, func() {
			ed.draft.RecordDeleted()
			ed.x.Supervision = nil
			ed.x.reload(func() { s.toast("The session is deleted.") })
		})
	})
}

func (ed *SupervisionEditor) draftKey() string {
	if ed.Record.ID == "" {
		return "supervision:" + ed.x.p.ID + ":new"
	}
	return "supervision:" + ed.Record.ID
}

// fill shows a session: a restored draft, or what is saved again.
func (ed *SupervisionEditor) fill(r model.Supervision) {
	ed.Date.SetValue(r.Date)
	ed.Supervisor.SetText(r.Supervisor)
	ed.Themes.SetText(r.Themes)
	ed.Actions.SetText(r.Actions)
}
