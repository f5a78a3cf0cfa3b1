package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// meetingsNow is the day the tests run on: month three of the programme world() sets up.
var meetingsNow = time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)

// meetingsSignIn opens the window on st and signs username in.
func meetingsSignIn(t *testing.T, st *sqlite.Store, username string) *App {
	t.Helper()
	u := New(test.NewTempApp(t), st, Options{Later: never, Async: inline, Now: func() time.Time { return meetingsNow }})
	test.Type(u.SignIn.Username, username)
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil {
		t.Fatalf("%s not signed in: %q", username, u.SignIn.Message.Text)
	}
	return u
}

// meetingsOpen shows the Meetings screen of p.
func meetingsOpen(t *testing.T, u *App, p model.Programme) *MeetingsScreen {
	t.Helper()
	if u.Shell.ss.User.ID != p.PrecepteeID {
		u.Shell.ViewPortfolio(p, "Pat Okafor")
	}
	u.Shell.Show("meetings")
	x, ok := u.Shell.Screen.(*MeetingsScreen)
	if !ok || x.Portfolio == nil {
		t.Fatalf("meetings screen not shown: %T", u.Shell.Screen)
	}
	return x
}

func meetingsPortfolio(t *testing.T, u *App, p model.Programme) model.Portfolio {
	t.Helper()
	pf, err := u.Shell.ss.Portfolio(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return pf
}

func TestMeetingsPreceptorRecordsTheInitialMeetingAndActionsComeForward(t *testing.T) {
	st, p := world(t)
	u := meetingsSignIn(t, st, "sam")
	x := meetingsOpen(t, u, p)
	if seg := x.NextDue.Segments[0].(*widget.TextSegment); seg.Style.ColorName != theme.ColorNameError || !strings.Contains(x.NextDue.String(), "Initial meeting") {
		t.Fatalf("the overdue initial meeting is not shown in red: %q %v", x.NextDue.String(), seg.Style.ColorName)
	}

	test.Tap(x.NewMeeting)
	ed := x.Editor
	if ed.Kind.Selected != model.MeetingInitial.Label() || !strings.Contains(ed.Attendees.Text, "Pat Okafor") {
		t.Fatalf("new meeting starts as %q with %q", ed.Kind.Selected, ed.Attendees.Text)
	}
	ed.Date.SetValue(model.NewDate(2026, 9, 11))
	test.Tap(ed.Held)
	test.Type(ed.Notes, "Talked through the first SLOT analyses and how the first week on the ward went.")
	test.Type(ed.Agreed.Text, "Book the medicines management course")
	ed.Agreed.Due.SetValue(model.NewDate(2026, 10, 9))
	test.Tap(ed.Agreed.Add)
	test.Type(ed.Agreed.Text, "Shadow the nurse in charge for two shifts")
	test.Tap(ed.Agreed.Add)
	ed.NextDate.SetValue(model.NewDate(2026, 11, 6))
	test.Tap(ed.SaveButton)
	if u.Shell.Warning != nil {
		t.Fatalf("identifier warning for plain notes: %+v", u.Shell.Warning.Findings)
	}

	pf := meetingsPortfolio(t, u, p)
	if len(pf.Meetings) != 1 {
		t.Fatalf("meetings in the store: %+v", pf.Meetings)
	}
	m := pf.Meetings[0]
	if m.Kind != model.MeetingInitial || !m.Held || m.Date != model.NewDate(2026, 9, 11) || m.NextDate != model.NewDate(2026, 11, 6) ||
		!strings.Contains(m.Attendees, "Sam Preceptor") || !strings.Contains(m.Notes, "first SLOT") {
		t.Fatalf("meeting stored as %+v", m)
	}
	if len(pf.Actions) != 2 {
		t.Fatalf("actions in the store: %+v", pf.Actions)
	}
	for i, want := range []string{"Book the medicines management course", "Shadow the nurse in charge for two shifts"} {
		a := pf.Actions[i]
		if a.Text != want || a.OwnerID != m.ID || a.Done {
			t.Fatalf("action %d stored as %+v", i, a)
		}
	}
	if pf.Actions[0].DueDate != model.NewDate(2026, 10, 9) {
		t.Fatalf("due date %v", pf.Actions[0].DueDate)
	}
	if x.Editor == nil || x.Editor.Meeting.ID != m.ID || !strings.Contains(x.Editor.Message.Text, "Saved") {
		t.Fatal("the saved meeting is not reopened")
	}

	// The next meeting brings the open actions forward as a checklist to review.
	test.Tap(x.NewMeeting)
	ed = x.Editor
	if ed.Kind.Selected != model.MeetingRegular.Label() {
		t.Fatalf("next meeting starts as %q", ed.Kind.Selected)
	}
	if len(ed.Carried.Items) != 2 || ed.Carried.Items[0].Text != "Book the medicines management course" {
		t.Fatalf("carried forward: %+v", ed.Carried.Items)
	}
	test.Tap(ed.Carried.Checks[0])
	test.Tap(ed.Held)
	test.Type(ed.Notes, "Reviewed the actions from the initial meeting.")
	test.Tap(ed.SaveButton)

	pf = meetingsPortfolio(t, u, p)
	if len(pf.Meetings) != 2 {
		t.Fatalf("meetings after the second: %+v", pf.Meetings)
	}
	done := map[string]model.ActionItem{}
	for _, a := range pf.Actions {
		done[a.Text] = a
	}
	if a := done["Book the medicines management course"]; !a.Done || a.DoneOn.IsZero() || a.OwnerID != m.ID {
		t.Fatalf("the ticked action is %+v", a)
	}
	if a := done["Shadow the nurse in charge for two shifts"]; a.Done {
		t.Fatalf("the unticked action is done: %+v", a)
	}
	test.Tap(x.NewMeeting)
	if n := len(x.Editor.Carried.Items); n != 1 || x.Editor.Carried.Items[0].Text != "Shadow the nurse in charge for two shifts" {
		t.Fatalf("still open after the review: %+v", x.Editor.Carried.Items)
	}
}

func TestMeetingsDraftSurvivesLeavingAndIsGoneAfterSaving(t *testing.T) {
	st, p := world(t)
	u := meetingsSignIn(t, st, "pat")
	x := meetingsOpen(t, u, p)
	test.Tap(x.NewMeeting)
	test.Type(x.Editor.Notes, "Half-written notes before the bleep went off")
	test.Type(x.Editor.Agreed.Text, "Read the sepsis policy")
	test.Tap(x.Editor.Agreed.Add)
	u.Shell.Show("dashboard")

	x = meetingsOpen(t, u, p)
	test.Tap(x.NewMeeting)
	ed := x.Editor
	if ed.Notes.Text != "Half-written notes before the bleep went off" || len(ed.Agreed.Items) != 1 || !strings.Contains(ed.Message.Text, "Restored") {
		t.Fatalf("draft not restored: %q %+v %q", ed.Notes.Text, ed.Agreed.Items, ed.Message.Text)
	}
	test.Tap(ed.SaveButton)
	var d meetingDraft
	if _, ok, _ := u.Shell.ss.Draft(context.Background(), "meeting:"+p.ID+":new", &d); ok {
		t.Fatal("the draft outlived the save")
	}
	if pf := meetingsPortfolio(t, u, p); len(pf.Meetings) != 1 || pf.Meetings[0].Held || len(pf.Actions) != 1 {
		t.Fatalf("planned meeting stored as %+v with %+v", pf.Meetings, pf.Actions)
	}

	// Delete asks first, then removes the meeting and its actions.
	test.Tap(x.Editor.DeleteButton)
	test.Tap(u.Shell.Asked.Yes)
	if pf := meetingsPortfolio(t, u, p); len(pf.Meetings) != 0 || len(pf.Actions) != 0 {
		t.Fatalf("after delete: %+v %+v", pf.Meetings, pf.Actions)
	}
}

func TestMeetingsBothSidesConfirmTheAgreementWithTheirOwnPasswords(t *testing.T) {
	st, p := world(t)
	u := meetingsSignIn(t, st, "pat")
	x := meetingsOpen(t, u, p)
	test.Tap(x.ShowAgreement)
	if x.Section != agreementSection || x.ConfirmPreceptee == nil || x.ConfirmPreceptor == nil {
		t.Fatal("agreement section without both confirm buttons")
	}

	// A wrong password shows the error and records nothing.
	test.Tap(x.ConfirmPreceptee)
	d := u.Shell.Dialog
	if d.Username.Text != "pat" {
		t.Fatalf("preceptee's username not offered: %q", d.Username.Text)
	}
	test.Type(d.Password, "not my password")
	test.Tap(d.Confirm)
	if d.Message.Text == "" {
		t.Fatal("no error for a wrong password")
	}
	if pf := meetingsPortfolio(t, u, p); len(pf.Confirmations) != 0 {
		t.Fatalf("a wrong password recorded %+v", pf.Confirmations)
	}
	test.Type(d.Password, pw)
	test.Tap(d.Confirm)
	pf := meetingsPortfolio(t, u, p)
	if !model.Confirmed(pf.Confirmations, model.AgreementConfirmation, model.RolePreceptee) || pf.Confirmations[0].UserName != "Pat Okafor" {
		t.Fatalf("preceptee's confirmation: %+v (%q)", pf.Confirmations, d.Message.Text)
	}
	if x.ConfirmPreceptee != nil || x.ConfirmPreceptor == nil {
		t.Fatal("buttons do not follow the confirmations")
	}

	// The preceptor's side takes the preceptor's credentials, not the preceptee's.
	test.Tap(x.ConfirmPreceptor)
	d = u.Shell.Dialog
	if d.Username.Text != "sam" {
		t.Fatalf("preceptor's username not offered: %q", d.Username.Text)
	}
	d.Username.SetText("pat")
	test.Type(d.Password, pw)
	test.Tap(d.Confirm)
	if !strings.Contains(d.Message.Text, "Sam Preceptor") || len(meetingsPortfolio(t, u, p).Confirmations) != 1 {
		t.Fatalf("the preceptee confirmed the preceptor's side: %q", d.Message.Text)
	}
	d.Username.SetText("sam")
	test.Type(d.Password, pw)
	test.Tap(d.Confirm)
	pf = meetingsPortfolio(t, u, p)
	if !model.Confirmed(pf.Confirmations, model.AgreementConfirmation, model.RolePreceptor) || len(pf.Confirmations) != 2 {
		t.Fatalf("preceptor's confirmation: %+v (%q)", pf.Confirmations, d.Message.Text)
	}
	for _, c := range pf.Confirmations {
		if c.Role == model.RolePreceptor && (c.UserName != "Sam Preceptor" || !strings.Contains(c.Statement, "preceptor's responsibilities")) {
			t.Fatalf("preceptor's confirmation recorded as %+v", c)
		}
	}
	if x.ConfirmPreceptor != nil || x.ShowAgreement.Text != "Preceptorship agreement" {
		t.Fatalf("after both: button %v, section %q", x.ConfirmPreceptor != nil, x.ShowAgreement.Text)
	}
}

func TestMeetingsPrecepteeRecordsAClinicalSupervisionSession(t *testing.T) {
	st, p := world(t)
	u := meetingsSignIn(t, st, "pat")
	x := meetingsOpen(t, u, p)
	test.Tap(x.ShowSupervision)
	test.Tap(x.NewSupervision)
	ed := x.Supervision
	ed.Date.SetValue(model.NewDate(2026, 11, 20))
	test.Type(ed.Supervisor, "Grace Facilitator")
	test.Type(ed.Themes, "Managing a heavy caseload on nights")
	test.Type(ed.Actions, "Try the handover checklist for a month")
	test.Tap(ed.SaveButton)
	pf := meetingsPortfolio(t, u, p)
	if len(pf.Supervision) != 1 {
		t.Fatalf("supervision in the store: %+v", pf.Supervision)
	}
	r := pf.Supervision[0]
	if r.Supervisor != "Grace Facilitator" || r.Date != model.NewDate(2026, 11, 20) || r.Themes != "Managing a heavy caseload on nights" || r.Actions == "" {
		t.Fatalf("stored as %+v", r)
	}

	// Edited, then deleted after a question.
	ed = x.Supervision
	if ed == nil || ed.Record.ID != r.ID {
		t.Fatal("the saved session is not reopened")
	}
	ed.Themes.SetText("Managing a heavy caseload on nights; delegation")
	test.Tap(ed.SaveButton)
	if pf := meetingsPortfolio(t, u, p); len(pf.Supervision) != 1 || !strings.Contains(pf.Supervision[0].Themes, "delegation") {
		t.Fatalf("edit: %+v", pf.Supervision)
	}
	test.Tap(x.Supervision.DeleteButton)
	test.Tap(u.Shell.Asked.Yes)
	if pf := meetingsPortfolio(t, u, p); len(pf.Supervision) != 0 {
		t.Fatalf("after delete: %+v", pf.Supervision)
	}

	// The preceptor reads the sessions but does not record them.
	ctx := context.Background()
	if _, err := u.Shell.ss.SaveSupervision(ctx, model.Supervision{ProgrammeID: p.ID, Date: model.NewDate(2026, 11, 21), Supervisor: "Grace Facilitator"}); err != nil {
		t.Fatal(err)
	}
	v := meetingsSignIn(t, st, "sam")
	y := meetingsOpen(t, v, p)
	test.Tap(y.ShowSupervision)
	if y.NewSupervision != nil {
		t.Fatal("the preceptor is offered to record supervision")
	}
	y.OpenSupervision(meetingsPortfolio(t, v, p).Supervision[0].ID)
	if y.Supervision == nil || y.Supervision.SaveButton != nil {
		t.Fatal("the preceptor's view of a session is not read only")
	}
}

// A meeting planned for a day gone by and never marked held is named as such in the list,
// and the card of the meeting due says what to do about it, not only that one is due.
func TestAPlannedMeetingWhoseDayPassedSaysWhatToDo(t *testing.T) {
	st, p := world(t)
	u := meetingsSignIn(t, st, "sam")
	if _, err := u.Shell.ss.SaveMeeting(context.Background(), model.Meeting{ProgrammeID: p.ID, Kind: model.MeetingInitial,
		Date: model.NewDate(2026, 11, 20), Attendees: "Pat Okafor, Sam Preceptor"}); err != nil {
		t.Fatal(err)
	}
	x := meetingsOpen(t, u, p)
	if x.Unmarked == nil || !strings.Contains(x.Unmarked.Text, "planned for 20 Nov 2026 and is not marked as held") {
		t.Fatalf("the due card does not say the planned meeting is unmarked: %v", x.Unmarked)
	}
	// Read at 20:00 on a white card in every variant: not yellow words.
	for _, v := range []string{ThemeLight, ThemeDark, ThemeContrast} {
		th := Theme{Variant: v}
		if c := contrast(labelColour(x.Unmarked, th), th.Color(colorSurface, 0)); c < 4.5 {
			t.Errorf("%s: the words about the unmarked meeting have a contrast of %.1f:1 on the card", v, c)
		}
	}
	drawn := precTexts(x.content())
	if !precHas(drawn, "NOT MARKED HELD") || precHas(drawn, "DATE PASSED") {
		t.Errorf("the list's tag: %q", drawn)
	}
}
