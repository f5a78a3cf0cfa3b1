package ui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// tlcNow is the clock of world()'s store: month 3 of Pat's programme.
var tlcNow = time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)

// tlcPeople are the supporters world() leaves out: a facilitator and a line manager.
type tlcPeople struct {
	st                             *sqlite.Store
	p                              model.Programme
	pat, sam, fay, lee             model.User
	patSession, samSession, leeSes *sqlite.Session
}

func tlcWorld(t *testing.T) tlcPeople {
	t.Helper()
	ctx := context.Background()
	st, p := world(t)
	sys := st.System()
	fay, err := sys.AddUser(ctx, model.User{Username: "fay", Name: "Fay Facilitator", Role: model.RoleFacilitator}, pw)
	if err != nil {
		t.Fatal(err)
	}
	lee, err := sys.AddUser(ctx, model.User{Username: "lee", Name: "Lee Manager", Role: model.RoleLineManager}, pw)
	if err != nil {
		t.Fatal(err)
	}
	p.FacilitatorID, p.LineManagerID = fay.ID, lee.ID
	if p, err = sys.SaveProgramme(ctx, p); err != nil {
		t.Fatal(err)
	}
	w := tlcPeople{st: st, p: p, fay: fay, lee: lee}
	for _, x := range []struct {
		name string
		u    *model.User
		ss   **sqlite.Session
	}{{"pat", &w.pat, &w.patSession}, {"sam", &w.sam, &w.samSession}, {"lee", nil, &w.leeSes}} {
		ss, err := st.SignIn(ctx, x.name, pw)
		if err != nil {
			t.Fatal(err)
		}
		*x.ss = ss
		if x.u != nil {
			*x.u = ss.User
		}
	}
	return w
}

// tlcSignIn opens the window and signs in as username.
func tlcSignIn(t *testing.T, st *sqlite.Store, username string) *App {
	t.Helper()
	u := New(test.NewTempApp(t), st, Options{Later: never, Async: inline, Now: func() time.Time { return tlcNow }, OpenFile: func(string) error { return nil }})
	tlcSwitchTo(t, u, username)
	return u
}

// tlcSwitchTo signs someone else in at the same window, as on a shared ward PC.
func tlcSwitchTo(t *testing.T, u *App, username string) {
	t.Helper()
	if u.Shell != nil {
		test.Tap(u.Shell.Switch)
	}
	test.Type(u.SignIn.Username, username)
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil {
		t.Fatalf("%s not signed in: %q", username, u.SignIn.Message.Text)
	}
}

// tlcTexts collects every piece of text drawn inside o.
func tlcTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *canvas.Text:
			out = append(out, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(v.Content)
		}
	}
	walk(o)
	return out
}

func tlcPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		for y := range 30 {
			img.Set(x, y, color.NRGBA{0, 0x5E, 0xB8, 0xFF})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestTrainingWithCertificateIsSavedWithTheAttachment(t *testing.T) {
	w := tlcWorld(t)
	u := tlcSignIn(t, w.st, "pat")
	u.Shell.Show("training")
	x, ok := u.Shell.Screen.(*TrainingScreen)
	if !ok || !x.Loaded {
		t.Fatalf("training screen: %T", u.Shell.Screen)
	}
	if x.AddTraining == nil {
		t.Fatal("a preceptee cannot add her own training")
	}
	test.Tap(x.AddTraining)
	ed := x.Editor
	test.Type(ed.Course, "Basic life support")
	ed.Category.SetSelected(model.Mandatory.Label())
	ed.Completed.SetValue(model.NewDate(2026, 10, 1))
	ed.Refresher.SetSelected("Yearly")
	pngBytes := tlcPNG(t)
	ed.Files.attach(io.NopCloser(bytes.NewReader(pngBytes)), "bls-certificate.png")
	if len(ed.Files.Files) != 1 || !strings.Contains(ed.Message.Text, "attached") {
		t.Fatalf("not attached: %+v %q", ed.Files.Files, ed.Message.Text)
	}
	test.Tap(ed.SaveButton)

	recs, err := w.patSession.Training(context.Background(), w.pat.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("%d training records in the store", len(recs))
	}
	r := recs[0]
	if r.Course != "Basic life support" || r.Category != model.Mandatory || r.CompletedOn != model.NewDate(2026, 10, 1) || r.RefresherMonths != 12 {
		t.Fatalf("stored %+v", r)
	}
	if r.Expiry() != model.NewDate(2027, 10, 1) {
		t.Fatalf("expiry %s", r.Expiry())
	}
	sum := sha256.Sum256(pngBytes)
	if len(r.Attachments) != 1 || r.Attachments[0].SHA256 != hex.EncodeToString(sum[:]) || r.Attachments[0].Name != "bls-certificate.png" || r.Attachments[0].ID == "" {
		t.Fatalf("attachments in the store: %+v", r.Attachments)
	}
	path, err := w.st.AttachmentPath(r.Attachments[0].SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, pngBytes) {
		t.Fatal("the stored certificate is not the file attached")
	}
	// The saved record is open again, with its certificate, and the list shows it valid.
	if x.Editor == nil || x.Editor.Item.ID != r.ID || len(x.Editor.Files.Files) != 1 || !strings.HasPrefix(x.Editor.Message.Text, "Saved") {
		t.Fatalf("after saving: %+v", x.Editor)
	}
	if rows := x.Rows(); len(rows) != 2 || rows[0] != "# Mandatory" || rows[1] != "Basic life support: Valid" {
		t.Fatalf("rows %q", rows)
	}
	if !strings.Contains(strings.Join(tlcTexts(x.Editor.Files.Box), " "), "bls-certificate.png") {
		t.Fatalf("certificate not listed: %q", tlcTexts(x.Editor.Files.Box))
	}
}

func TestExpiredTrainingShowsRedAndInTheSummary(t *testing.T) {
	w := tlcWorld(t)
	ctx := context.Background()
	sys := w.st.System()
	for _, r := range []model.TrainingRecord{
		{UserID: w.pat.ID, Category: model.Mandatory, Course: "Fire safety", CompletedOn: model.NewDate(2025, 6, 1), RefresherMonths: model.Yearly},
		{UserID: w.pat.ID, Category: model.Mandatory, Course: "Information governance", CompletedOn: model.NewDate(2025, 12, 20), RefresherMonths: model.Yearly},
		{UserID: w.pat.ID, Category: model.Essential, Course: "Moving and handling", CompletedOn: model.NewDate(2026, 9, 10), RefresherMonths: model.TwoYearly},
	} {
		if _, err := sys.SaveTraining(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	u := tlcSignIn(t, w.st, "pat")
	u.Shell.Show("training")
	x := u.Shell.Screen.(*TrainingScreen)
	if got := x.Summary.Text; !strings.Contains(got, "1 expired · 1 due for renewal") {
		t.Fatalf("summary %q", got)
	}
	want := []string{"# Mandatory", "Fire safety: Expired", "Information governance: Due for renewal", "# Essential", "Moving and handling: Valid"}
	if got := x.Rows(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("rows %q", got)
	}
	// What the row draws: the state and the day it expired.
	row := x.List.CreateItem()
	x.List.UpdateItem(1, row)
	drawn := strings.Join(tlcTexts(row), " | ")
	if !strings.Contains(drawn, "Fire safety") || !strings.Contains(drawn, "Expired") || !strings.Contains(drawn, "Expired 1 Jun 2026") || !strings.Contains(drawn, "yearly") {
		t.Fatalf("row draws %q", drawn)
	}

	// Renewed: Pat opens the record and enters the new completion date.
	x.List.Select(1)
	ed := x.Editor
	if ed == nil || ed.Item.Course != "Fire safety" || !strings.HasPrefix(ed.Preview.Text, "Expired on 1 Jun 2026") {
		t.Fatalf("editor %+v", ed)
	}
	ed.Completed.SetValue(model.NewDate(2026, 11, 20))
	test.Tap(ed.SaveButton)
	recs, _ := w.patSession.Training(ctx, w.pat.ID)
	for _, r := range recs {
		if r.Course == "Fire safety" && (r.CompletedOn != model.NewDate(2026, 11, 20) || r.State(model.DateOf(tlcNow)) != model.TrainingValid) {
			t.Fatalf("renewal not stored: %+v", r)
		}
	}
	if got := x.Summary.Text; strings.Contains(got, "expired") || !strings.Contains(got, "1 due for renewal") {
		t.Fatalf("summary after renewal %q", got)
	}

	// The preceptor reads the record but cannot change it.
	tlcSwitchTo(t, u, "sam")
	u.Shell.ViewPortfolio(w.p, "Pat Okafor")
	u.Shell.Show("training")
	px := u.Shell.Screen.(*TrainingScreen)
	if px.AddTraining != nil || px.AddEvent != nil || len(px.Records) != 3 {
		t.Fatalf("preceptor's view: add=%v records=%d", px.AddTraining != nil, len(px.Records))
	}
	px.List.Select(1)
	if px.Editor == nil || px.Editor.editable {
		t.Fatal("the preceptor can edit the preceptee's training")
	}
}

func TestAttendanceIsRecorded(t *testing.T) {
	w := tlcWorld(t)
	ctx := context.Background()
	sys := w.st.System()
	for _, e := range []model.LearningEvent{
		{UserID: w.pat.ID, Kind: model.InductionDay, Title: "Preceptorship induction, day 1", Date: model.NewDate(2026, 9, 7), Attendance: model.Attended},
		{UserID: w.pat.ID, Kind: model.InductionDay, Title: "Preceptorship induction, day 2", Date: model.NewDate(2026, 9, 8), Attendance: model.Attended},
		{UserID: w.pat.ID, Kind: model.MonthlyTrustWide, Title: "Learning from incidents", Date: model.NewDate(2026, 10, 9), Attendance: model.Attended},
		{UserID: w.pat.ID, Kind: model.MonthlyService, Title: "Community services update", Date: model.NewDate(2026, 12, 9), Attendance: model.Booked},
	} {
		if _, err := sys.SaveLearningEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	u := tlcSignIn(t, w.st, "pat")
	u.Shell.Show("training")
	x := u.Shell.Screen.(*TrainingScreen)
	if !strings.HasPrefix(x.Induction.Text, "Induction: 2 of 3 days attended · 1 monthly session attended") {
		t.Fatalf("induction line %q", x.Induction.Text)
	}
	test.Tap(x.LearningTab)
	if x.Section != "learning" {
		t.Fatal("structured learning not shown")
	}
	test.Tap(x.AddEvent)
	ed := x.EventEditor
	if ed.Kind.Selected != model.InductionDay.Label() || ed.Title.Text != "Preceptorship induction, day 3" {
		t.Fatalf("new session starts as %q %q", ed.Kind.Selected, ed.Title.Text)
	}
	ed.Date.SetValue(model.NewDate(2026, 9, 9))
	ed.Attendance.SetSelected("Attended")
	test.Tap(ed.SaveButton)

	evs, err := w.patSession.LearningEvents(ctx, w.pat.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range evs {
		if e.Title == "Preceptorship induction, day 3" {
			found = e.Kind == model.InductionDay && e.Date == model.NewDate(2026, 9, 9) && e.Attendance == model.Attended
		}
	}
	if len(evs) != 5 || !found {
		t.Fatalf("attendance in the store: %+v", evs)
	}
	if !strings.HasPrefix(x.Induction.Text, "Induction: 3 of 3 days attended") || x.Monthly.Text != "1 monthly development session attended · 1 booked" {
		t.Fatalf("after saving: %q / %q", x.Induction.Text, x.Monthly.Text)
	}

	// The booked session was attended: update it.
	var booked string
	for _, e := range evs {
		if e.Attendance == model.Booked {
			booked = e.ID
		}
	}
	x.OpenEvent(booked)
	x.EventEditor.Attendance.SetSelected("Attended")
	x.save() // Ctrl+S
	evs, _ = w.patSession.LearningEvents(ctx, w.pat.ID)
	for _, e := range evs {
		if e.ID == booked && e.Attendance != model.Attended {
			t.Fatalf("attendance not updated: %+v", e)
		}
	}
	if x.Monthly.Text != "2 monthly development sessions attended" {
		t.Fatalf("monthly line %q", x.Monthly.Text)
	}
}

// The line under a course says first whether it is in date: a narrow list shortens the line
// from its end, and cut "valid until 27 …".
func TestACoursesLineSaysFirstWhetherItIsInDate(t *testing.T) {
	today := model.NewDate(2026, 12, 8)
	c := model.TrainingRecord{CompletedOn: model.NewDate(2026, 8, 27), RefresherMonths: model.Yearly}
	if got := trainingDetail(c, today); !strings.HasPrefix(got, "Valid until 27 Aug 2027") {
		t.Errorf("a course in date: %q", got)
	}
	c.CompletedOn = model.NewDate(2025, 10, 1)
	if got := trainingDetail(c, today); !strings.HasPrefix(got, "Expired 1 Oct 2026") {
		t.Errorf("an expired course: %q", got)
	}
}
