package ui

import (
	"context"
	"database/sql"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pursuit/assets"
	"pursuit/model"
	"pursuit/model/framework"
	"pursuit/model/sqlite"
)

// ward is a real store with the default framework, a preceptee (pat), her preceptor (sam),
// another preceptor (oli), a line manager (lee), the lead and an administrator.
type ward struct {
	st    *sqlite.Store
	p     model.Programme
	clock *time.Time
}

func newWard(t *testing.T) *ward {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)
	w := &ward{clock: &now}
	st, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: func() time.Time { return *w.clock }, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w.st = st
	sys := st.System()
	fw, err := framework.ParseJSON(assets.DefaultFramework(), "default")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sys.ImportFramework(ctx, fw); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, u := range []model.User{
		{Username: "pat", Name: "Pat Okafor", Role: model.RolePreceptee},
		{Username: "sam", Name: "Sam Preceptor", Role: model.RolePreceptor},
		{Username: "oli", Name: "Oli Other", Role: model.RolePreceptor},
		{Username: "lee", Name: "Lee Manager", Role: model.RoleLineManager},
		{Username: "lead", Name: "Trust Lead", Role: model.RoleLead},
		{Username: "adm", Name: "Admin", Role: model.RoleAdmin},
	} {
		added, err := sys.AddUser(ctx, u, pw)
		if err != nil {
			t.Fatal(err)
		}
		ids[u.Username] = added.ID
	}
	w.p, err = sys.SaveProgramme(ctx, model.Programme{PrecepteeID: ids["pat"], PreceptorID: ids["sam"], LineManagerID: ids["lee"],
		StartDate: model.NewDate(2026, 9, 7), Profession: "nurse-adult", Service: "Ward 4B", FrameworkID: fw.Framework.ID})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *ward) app(t *testing.T) *App {
	return New(test.NewTempApp(t), w.st, Options{Later: never, Async: inline, Now: func() time.Time { return *w.clock }})
}

func signIn(t *testing.T, u *App, username string) {
	t.Helper()
	test.Type(u.SignIn.Username, username)
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil {
		t.Fatalf("sign in %s: %s", username, u.SignIn.Message.Text)
	}
}

func (w *ward) session(t *testing.T, username string) *sqlite.Session {
	ss, err := w.st.SignIn(context.Background(), username, pw)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

func TestSLOTIsSavedAndSignOffNeedsThePreceptorsPassword(t *testing.T) {
	w := newWard(t)
	u := w.app(t)
	signIn(t, u, "pat")
	u.Shell.Show("competencies")
	c := u.Shell.Screen.(*Competencies)
	c.Open("COM-01")
	d := c.Detail
	test.Type(d.Strengths, "Calm and clear at handover")
	d.Confident.SetSelected("Partly")
	test.Tap(d.SaveSLOT)
	views, _ := w.session(t, "pat").Competencies(context.Background(), w.p.ID)
	var got model.CompetencyView
	for _, v := range views {
		if v.Code == "COM-01" {
			got = v
		}
	}
	if got.Progress.SLOT.Strengths != "Calm and clear at handover" || got.Progress.SLOT.Confident != model.ConfidencePartly || got.Progress.Status != model.InProgress {
		t.Fatalf("SLOT in the store: %+v", got.Progress)
	}

	// Request sign-off, answering the question: once evidence is linked.
	d = c.Detail
	if d.Request == nil || !d.Request.Disabled() {
		t.Fatal("sign-off could be requested with no evidence linked")
	}
	if _, err := w.session(t, "pat").SaveEvidence(context.Background(), model.Evidence{ProgrammeID: w.p.ID, Type: model.Reflection,
		Title: "Handover on a busy late shift", OccurredOn: model.NewDate(2026, 11, 20), Codes: []string{"COM-01"}}); err != nil {
		t.Fatal(err)
	}
	c.reload("COM-01")
	d = c.Detail
	if d.Request == nil {
		t.Fatal("no request button on a competency in progress")
	}
	test.Tap(d.Request)
	test.Tap(u.Shell.Asked.Yes)
	d = c.Detail
	if d.View.Progress.Status != model.EvidenceSubmitted || d.SignOff == nil {
		t.Fatalf("after requesting: %s, sign-off button %v", d.View.Progress.Status, d.SignOff != nil)
	}

	// On Pat's own screen her Withdraw weighs at least as much as her preceptor's buttons.
	// What is drawn, not only the setting: a button drawn before its importance changed
	// stays green.
	drawn := func(b *Button) color.Color {
		return test.TempWidgetRenderer(t, b).Objects()[0].(*canvas.Rectangle).FillColor
	}
	if d.Withdraw == nil || drawn(d.SignOff) != drawn(d.Withdraw) {
		t.Errorf("on the preceptee's screen: withdraw %v, the preceptor's sign-off drawn in %v", d.Withdraw != nil, drawn(d.SignOff))
	}
	// Pat's own credentials are refused, and nothing is recorded.
	test.Tap(d.SignOff)
	dlg := u.Shell.Dialog
	if !strings.Contains(dlg.Statement.Text, "competent in COM-01, “") {
		t.Errorf("the sign-off runs the code into the competency's words: %q", dlg.Statement.Text)
	}
	test.Type(dlg.Username, "pat")
	test.Type(dlg.Password, pw)
	test.Tap(dlg.Confirm)
	if !strings.Contains(dlg.Message.Text, "never sign off their own") {
		t.Fatalf("own sign-off message: %q", dlg.Message.Text)
	}
	// Another preceptor's, likewise.
	dlg.Username.SetText("oli")
	test.Type(dlg.Password, pw)
	test.Tap(dlg.Confirm)
	if !strings.Contains(dlg.Message.Text, "Not permitted") {
		t.Fatalf("another preceptor: %q", dlg.Message.Text)
	}
	so, _ := w.session(t, "pat").SignOffs(context.Background(), w.p.ID)
	if len(so) != 0 {
		t.Fatal("a refused sign-off was recorded")
	}
	// Sam countersigns on Pat's PC.
	dlg.Username.SetText("sam")
	test.Type(dlg.Password, pw)
	test.Tap(dlg.Confirm)
	so, _ = w.session(t, "pat").SignOffs(context.Background(), w.p.ID)
	if len(so) != 1 || so[0].SignerName != "Sam Preceptor" || so[0].Code != "COM-01" {
		t.Fatalf("sign-offs: %+v (message %q)", so, dlg.Message.Text)
	}
	if c.Detail.View.Progress.Status != model.SignedOff {
		t.Fatalf("the screen still shows %s", c.Detail.View.Progress.Status)
	}
}

func TestAReflectionLinkedToThreeCompetenciesWithADroppedAttachment(t *testing.T) {
	w := newWard(t)
	u := w.app(t)
	signIn(t, u, "pat")
	u.Shell.NewEvidence() // Ctrl+N
	e := u.Shell.Screen.(*EvidenceScreen)
	ed := e.Editor
	if ed == nil || ed.Item.Type != model.Reflection {
		t.Fatal("Ctrl+N did not open a new reflection")
	}
	test.Type(ed.Title, "Escalating a deteriorating patient")
	test.Type(ed.Sections["description"], "On a late shift a patient's NEWS2 rose to 7.")
	test.Type(ed.Sections["action_plan"], "Use SBAR every time.")
	test.Tap(ed.LinkButton)
	test.Type(ed.Picker.Search, "SEC")
	for _, code := range []string{"SEC-01", "SEC-02"} {
		test.Tap(ed.Picker.Checks[code])
	}
	ed.Picker.Search.SetText("")
	test.Tap(ed.Picker.Checks["COM-02"])
	test.Tap(ed.Picker.Done)
	photo := filepath.Join(t.TempDir(), "news2-chart.png")
	os.WriteFile(photo, append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 300)...), 0o600)
	u.Shell.dropped([]fyne.URI{storage.NewFileURI(photo)})
	test.Tap(ed.SaveButton)
	if u.Shell.Warning != nil {
		t.Fatalf("a warning for clean text: %+v", u.Shell.Warning.Findings)
	}
	items, _ := w.session(t, "pat").Evidence(context.Background(), w.p.ID)
	if len(items) != 1 {
		t.Fatalf("%d items in the store", len(items))
	}
	got := items[0]
	if strings.Join(got.Codes, ",") != "COM-02,SEC-01,SEC-02" || len(got.Attachments) != 1 || got.Attachments[0].Name != "news2-chart.png" ||
		got.Sections["action_plan"] != "Use SBAR every time." {
		t.Fatalf("stored evidence: %+v", got)
	}
	if _, err := w.st.AttachmentPath(got.Attachments[0].SHA256); err != nil {
		t.Fatalf("attachment bytes: %v", err)
	}
}

func TestThePatientIdentifierWarningComesBeforeSaving(t *testing.T) {
	w := newWard(t)
	u := w.app(t)
	signIn(t, u, "pat")
	u.Shell.Show("evidence")
	e := u.Shell.Screen.(*EvidenceScreen)
	test.Tap(e.NewButtons[model.Reflection])
	ed := e.Editor
	test.Type(ed.Title, "A fall at night")
	test.Type(ed.Sections["description"], "Mr Jones (NHS 943 476 5919) fell at 03:00.")
	test.Tap(ed.SaveButton)
	warn := u.Shell.Warning
	if warn == nil || len(warn.Findings) != 2 {
		t.Fatalf("warning: %+v", warn)
	}
	if items, _ := w.session(t, "pat").Evidence(context.Background(), w.p.ID); len(items) != 0 {
		t.Fatal("saved before the person answered the warning")
	}
	test.Tap(warn.Edit)
	ed.Sections["description"].SetText("A man in his eighties fell at 03:00.")
	u.Shell.Warning = nil
	u.Shell.Save() // Ctrl+S
	if u.Shell.Warning != nil {
		t.Fatal("warned about anonymised text")
	}
	if items, _ := w.session(t, "pat").Evidence(context.Background(), w.p.ID); len(items) != 1 || strings.Contains(items[0].Text(), "Jones") {
		t.Fatalf("stored: %+v", items)
	}
}

func TestIdleLockHidesEverythingAndTheDraftSurvives(t *testing.T) {
	w := newWard(t)
	u := w.app(t)
	signIn(t, u, "pat")
	u.Shell.Show("competencies")
	c := u.Shell.Screen.(*Competencies)
	c.Open("ACC-01")
	test.Type(c.Detail.Threats, "Short staffing on nights")
	*w.clock = w.clock.Add(9 * time.Minute)
	u.CheckIdle()
	if u.Shell == nil {
		t.Fatal("locked after nine minutes")
	}
	*w.clock = w.clock.Add(time.Minute)
	u.CheckIdle()
	if u.Shell != nil || u.SignIn == nil || u.SignIn.Username.Text != "pat" {
		t.Fatal("the idle lock did not hide the portfolio")
	}
	// The draft is in the store, so even a power cut now would keep it.
	var draft model.SLOT
	if _, ok, _ := w.session(t, "pat").Draft(context.Background(), "slot:"+w.p.ID+":ACC-01", &draft); !ok || draft.Threats != "Short staffing on nights" {
		t.Fatalf("draft after the lock: %+v", draft)
	}
	// Pat signs in again and finds her words where she left them.
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil || u.Shell.Current != "competencies" {
		t.Fatal("not back where she was")
	}
	if got := u.Shell.Screen.(*Competencies).Detail.Threats.Text; got != "Short staffing on nights" {
		t.Fatalf("typed text after the lock: %q", got)
	}
	// Another person switching in gets a fresh window; Pat's draft waits for her.
	u.SwitchUser()
	signIn(t, u, "sam")
	if u.Shell.Current != "home" {
		t.Fatalf("sam sees %q", u.Shell.Current)
	}
}

func TestNavigationFollowsTheRole(t *testing.T) {
	w := newWard(t)
	cases := map[string][]string{
		"pat":  {"dashboard", "competencies", "evidence", "plan", "meetings", "training", "conversations", "concerns", "sync", "settings"},
		"sam":  {"home", "sync", "settings"},
		"lee":  {"home", "sync", "settings"},
		"lead": {"home", "programmes", "sync", "settings"},
		"adm":  {"home", "sync", "settings"},
	}
	for who, want := range cases {
		u := w.app(t)
		signIn(t, u, who)
		var keys []string
		for _, it := range u.Shell.items {
			keys = append(keys, it.key)
		}
		if strings.Join(keys, ",") != strings.Join(want, ",") {
			t.Errorf("%s: %v, want %v", who, keys, want)
		}
	}
	// A preceptor opening a preceptee's portfolio gets the portfolio screens, but not the
	// career conversations, which are for the preceptee and the facilitator only.
	u := w.app(t)
	signIn(t, u, "sam")
	u.Shell.ViewPortfolio(w.p, "Pat Okafor")
	var keys []string
	for _, it := range u.Shell.items {
		keys = append(keys, it.key)
	}
	if strings.Join(keys, ",") != "home,dashboard,competencies,evidence,plan,meetings,training,concerns,sync,settings" {
		t.Fatalf("preceptor viewing: %v", keys)
	}
	// Another preceptor cannot open Pat's portfolio at all: no portfolio screens.
	u = w.app(t)
	signIn(t, u, "oli")
	u.Shell.ViewPortfolio(w.p, "Pat Okafor")
	for _, it := range u.Shell.items {
		if it.key == "evidence" {
			t.Fatal("another preceptor got Pat's evidence screen")
		}
	}
}

// patsTestimony is Pat, signed in, writing a testimony on the Evidence screen (not saved).
func patsTestimony(t *testing.T, title, statement string) (*ward, *EvidenceScreen, *EvidenceEditor) {
	t.Helper()
	w := newWard(t)
	u := w.app(t)
	signIn(t, u, "pat")
	u.Shell.Show("evidence")
	e := u.Shell.Screen.(*EvidenceScreen)
	test.Tap(e.NewButtons[model.Testimony])
	ed := e.Editor
	test.Type(ed.Title, title)
	test.Type(ed.Sections["statement"], statement)
	return w, e, ed
}

func TestAConfirmedTestimonyIsReadOnly(t *testing.T) {
	w, e, ed := patsTestimony(t, "Testimony from the ward sister", "Pat handed over clearly to the night team.")
	test.Type(ed.WitnessName, "Ann Smith")
	test.Type(ed.WitnessRole, "Ward Sister")
	test.Tap(ed.SaveButton)
	ed = e.Editor
	if ed.ConfirmButton == nil {
		t.Fatal("no witness confirmation after saving")
	}
	test.Tap(ed.ConfirmButton)
	// Ann Smith is an agency nurse with no account: Pat records her as the witness.
	test.Tap(ed.Witness.NoAccount)
	test.Tap(ed.Witness.Confirm)
	test.Tap(ed.Witness.Agree)
	test.Tap(ed.Witness.Confirm)
	items, _ := w.session(t, "pat").Evidence(context.Background(), w.p.ID)
	if len(items) != 1 || !items[0].Locked || items[0].WitnessName != "Ann Smith" || items[0].WitnessID != "" {
		t.Fatalf("testimony in the store: %+v", items)
	}
	if !e.Editor.readOnly() || e.Editor.SaveButton.Text != "Save links" {
		t.Fatal("a confirmed testimony is still editable")
	}
	if got := allText(e.Editor.Content); !strings.Contains(got, "Recorded by the preceptee") || strings.Contains(got, "Confirmed by") {
		t.Fatalf("a testimony Pat recorded reads: %s", got)
	}
}

// A witness with an account confirms with their own username and password, on Pat's
// screen: the change is theirs. Pat's own password does not make her the witness.
func TestAWitnessConfirmsATestimonyWithTheirOwnPassword(t *testing.T) {
	w, e, ed := patsTestimony(t, "Testimony from my preceptor", "Pat led the bay safely through a busy night.")
	test.Tap(ed.SaveButton)
	ed = e.Editor
	test.Tap(ed.ConfirmButton)
	// Every line fits the dialog's 520-pixel column: a tick box's words do not wrap, and the
	// confirmation ran past the dialog's edge.
	for _, c := range []*widget.Check{ed.Witness.Agree, ed.Witness.NoAccount} {
		if w := c.MinSize().Width; w > 520 {
			t.Errorf("the tick box %q is %v wide, in a dialog of 520", c.Text, w)
		}
	}
	if !strings.Contains(ed.Witness.Statement.Text, "my own account") {
		t.Errorf("the witness confirms %q", ed.Witness.Statement.Text)
	}
	test.Tap(ed.Witness.Agree)
	for _, try := range []struct{ user, pass, want string }{
		{"pat", pw, "cannot witness her own testimony"},
		{"sam", "not sams password", "rong username or password"},
		{"sam", pw, ""},
	} {
		ed.Witness.Username.SetText("")
		test.Type(ed.Witness.Username, try.user)
		test.Type(ed.Witness.Password, try.pass)
		ed.Witness.Role.SetText("Preceptor, Ward 4B")
		test.Tap(ed.Witness.Confirm)
		if msg := ed.Witness.Message.Text; try.want != "" && !strings.Contains(msg, try.want) {
			t.Fatalf("%s confirming: %q", try.user, msg)
		}
	}
	items, _ := w.session(t, "pat").Evidence(context.Background(), w.p.ID)
	sam := w.session(t, "sam").User
	if len(items) != 1 || !items[0].WitnessedByAccount() || items[0].WitnessID != sam.ID || items[0].WitnessName != sam.Name {
		t.Fatalf("testimony in the store: %+v", items)
	}
	if got := allText(e.Editor.Content); !strings.Contains(got, "Confirmed by Sam Preceptor (Preceptor, Ward 4B) with their own password") {
		t.Fatalf("the confirmed testimony reads: %s", got)
	}
}

func TestAClinicalSupervisorRecordsSupervisionWithoutSeeingThePortfolio(t *testing.T) {
	w := newWard(t)
	ctx := context.Background()
	fay, err := w.st.System().AddUser(ctx, model.User{Username: "fay", Name: "Fay Supervisor", Role: model.RoleFacilitator}, pw)
	if err != nil {
		t.Fatal(err)
	}
	w.p.SupervisorID, w.p.FacilitatorID = fay.ID, fay.ID
	if w.p, err = w.st.System().SaveProgramme(ctx, w.p); err != nil {
		t.Fatal(err)
	}
	u := w.app(t)
	signIn(t, u, "fay")
	u.Shell.ViewPortfolio(w.p, "Pat Okafor")
	if keys := strings.Join(u.Shell.NavKeys(), ","); keys != "home,conversations,supervision,sync,settings" {
		t.Fatalf("the supervisor's navigation: %s", keys)
	}
	u.Shell.Show("supervision")
	m := u.Shell.Screen.(*MeetingsScreen)
	if m.Section != supervisionSection || m.NewSupervision == nil {
		t.Fatalf("supervision screen: section %q", m.Section)
	}
	test.Tap(m.NewSupervision)
	ed := m.Supervision
	test.Type(ed.Themes, "Managing a heavy caseload on nights")
	ed.Supervisor.SetText("Fay Supervisor")
	u.Shell.Save()
	recs, err := w.session(t, "fay").SupervisionRecords(ctx, w.p.ID)
	if err != nil || len(recs) != 1 || recs[0].Themes != "Managing a heavy caseload on nights" {
		t.Fatalf("supervision in the store: %+v %v", recs, err)
	}
}

// What a preceptor asked for when returning a competency is at the top of the preceptee's
// dashboard and of the competency, not only far down in its history.
func TestReturnedCommentsComeFirst(t *testing.T) {
	w := newWard(t)
	ctx := context.Background()
	pat := w.session(t, "pat")
	if err := pat.ChangeStatus(ctx, w.p.ID, "COM-01", model.InProgress, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := pat.SaveEvidence(ctx, model.Evidence{ProgrammeID: w.p.ID, Type: model.Reflection,
		Title: "Handover on a busy late shift", OccurredOn: model.NewDate(2026, 11, 20), Codes: []string{"COM-01"}}); err != nil {
		t.Fatal(err)
	}
	if err := pat.ChangeStatus(ctx, w.p.ID, "COM-01", model.EvidenceSubmitted, ""); err != nil {
		t.Fatal(err)
	}
	const asked = "Add the SBAR handover you led on Tuesday night."
	if err := w.session(t, "sam").ReturnCompetency(ctx, w.p.ID, "COM-01", sqlite.Countersignature{Username: "sam", Password: pw}, asked); err != nil {
		t.Fatal(err)
	}
	u := w.app(t)
	signIn(t, u, "pat")
	d, ok := u.Shell.Screen.(*Dashboard)
	if !ok || d.Returned == nil || !precHas(precTexts(d.Returned), asked) || !precHas(precTexts(d.Returned), "Sam Preceptor") {
		t.Fatalf("the dashboard does not lead with the returned competency and its comment")
	}
	u.Shell.Show("competencies")
	c := u.Shell.Screen.(*Competencies)
	c.Open("COM-01")
	if !precHas(precTexts(c.Detail.ReturnedFor), asked) {
		t.Fatalf("the returned competency does not show its comment at the top: %q", precTexts(c.Detail.ReturnedFor))
	}
}

// A screen speaks to whoever is looking: someone reading another's portfolio is not asked
// to add what they cannot add.
func TestWordsSpeakToWhoeverIsLooking(t *testing.T) {
	w := newWard(t)
	u := w.app(t)
	signIn(t, u, "lead")
	u.Shell.ViewPortfolio(w.p, "Pat Okafor")
	u.Shell.Show("evidence")
	e := u.Shell.Screen.(*EvidenceScreen)
	if words := precTexts(e.detail); precHas(words, "add new evidence") || !precHas(words, "Choose an item to read it") {
		t.Errorf("the lead reading evidence is told %q", words)
	}
	u.Shell.Show("meetings")
	m := u.Shell.Screen.(*MeetingsScreen)
	if words := precTexts(m.detail); precHas(words, "start a new one") {
		t.Errorf("the lead, who cannot record meetings, is told %q", words)
	}
	test.Tap(m.ShowSupervision)
	if words := precTexts(m.content()); precHas(words, "your supervisor") || precHas(words, "Your preceptor") {
		t.Errorf("the lead reading clinical supervision is spoken to as the preceptee: %q", words)
	}
	u.Shell.Show("dashboard")
	if !precHas(precTexts(u.Shell.Screen.content()), "The twelve months") {
		t.Error("a 12-month programme's timeline is not headed as twelve months")
	}
}

// A competency set to signed off with sqlite3, with no sign-off behind it, shows as waiting
// for sign-off with a warning: the screen believes only a proven sign-off.
func TestACompetencyTypedAsSignedOffShowsAsWaiting(t *testing.T) {
	w := newWard(t)
	db, err := sql.Open("sqlite3", filepath.Join(w.st.Dir(), "pursuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE progress SET status = 'signed_off' WHERE programme_id = ? AND code = 'COM-01'`, w.p.ID); err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := db.QueryRow(`SELECT changes()`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		if _, err := db.Exec(`INSERT INTO progress(id, programme_id, code, status) VALUES(?, ?, 'COM-01', 'signed_off')`, model.ProgressID(w.p.ID, "COM-01"), w.p.ID); err != nil {
			t.Fatal(err)
		}
	}
	u := w.app(t)
	signIn(t, u, "pat")
	u.Shell.Show("competencies")
	c := u.Shell.Screen.(*Competencies)
	c.Open("COM-01")
	d := c.Detail
	if d.View.Progress.Status != model.EvidenceSubmitted || !d.View.Unproven {
		t.Fatalf("COM-01 shows as %s (unproven %v)", d.View.Progress.Status, d.View.Unproven)
	}
	if d.Unproven == nil || !strings.Contains(d.Unproven.Text, "no sign-off signed by the preceptor shows it") {
		t.Error("no warning on the competency")
	}
}

// A competency opened from elsewhere (the preceptor's Review, a due item, a link) is the one
// chosen and in view in the list, not the last one clicked there.
func TestACompetencyOpenedFromElsewhereIsChosenInTheList(t *testing.T) {
	w := newWard(t)
	u := w.app(t)
	signIn(t, u, "pat")
	u.Shell.Show("competencies")
	c := u.Shell.Screen.(*Competencies)
	last := c.rows[len(c.rows)-1].view.Code
	if c.List.GetScrollOffset() != 0 {
		t.Fatal("the list starts scrolled")
	}
	c.Open(last)
	if c.List.GetScrollOffset() <= 0 {
		t.Errorf("%s opened, and the list stays at its top (%d rows)", last, len(c.rows))
	}
	if c.Detail == nil || c.Detail.View.Code != last {
		t.Fatalf("open: %v", c.Detail)
	}
}

// Each competency's row says its status in words beside its coloured dot.
func TestACompetencyRowSaysItsStatusInWords(t *testing.T) {
	w := newWard(t)
	u := w.app(t)
	signIn(t, u, "pat")
	u.Shell.Show("competencies")
	c := u.Shell.Screen.(*Competencies)
	for i, r := range c.rows {
		if r.view == nil {
			continue
		}
		row := c.newRow()
		c.updateRow(i, row)
		if got := strings.Join(precTexts(row), " "); !strings.Contains(got, statusWord(r.view.Progress.Status)) {
			t.Fatalf("the row of %s reads %q, without %q", r.view.Code, got, statusWord(r.view.Progress.Status))
		}
	}
}
