package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"pursuit/model"
	"pursuit/model/demo"
	"pursuit/model/sqlite"
	"pursuit/model/sqlite/seed"
	"pursuit/report/export"
	"pursuit/report/pdftest"
)

var exportNow = time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)

// demoStore is the demo cohort (Zoë at month 12, her preceptor Amara, the lead) in a real store.
func demoStore(t *testing.T, n int) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: func() time.Time { return exportNow }, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := seed.Demo(ctx, st, n, 1, exportNow); err != nil {
		t.Fatal(err)
	}
	return st
}

// demoSignIn signs in through the window with the demo password; opened collects the
// files the window asked the system to open.
func demoSignIn(t *testing.T, st *sqlite.Store, username string, async func(work, done func()), opened *[]string) *App {
	t.Helper()
	if async == nil {
		async = inline
	}
	u := New(test.NewTempApp(t), st, Options{Later: never, Async: async, Now: func() time.Time { return exportNow },
		OpenFile: func(p string) error { *opened = append(*opened, p); return nil }})
	u.Window.Resize(fyne.NewSize(1280, 820))
	test.Type(u.SignIn.Username, username)
	test.Type(u.SignIn.Password, demo.Password)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil {
		t.Fatalf("%s could not sign in: %q", username, u.SignIn.Message.Text)
	}
	return u
}

func fileWriter(t *testing.T, path string) fyne.URIWriteCloser {
	t.Helper()
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestAPrecepteeExportsHerPortfolioFromTheDashboard(t *testing.T) {
	st := demoStore(t, 1)
	var opened []string
	u := demoSignIn(t, st, "zoe", nil, &opened)
	d := u.Shell.Screen.(*Dashboard)
	test.Tap(d.Export)
	e := u.Shell.Exporting
	if e == nil || len(e.Kind.Options) != 3 || e.Conversations == nil {
		t.Fatal("Zoë should be offered the portfolio, the revalidation pack and her archive, and her career conversations")
	}
	test.Type(e.Purpose, "PACE meeting 14 March 2027")
	e.Sections["evidence"].SetChecked(false)
	e.Sections["matrix"].SetChecked(false)
	path := filepath.Join(t.TempDir(), export.FileName(export.Portfolio, "Zoë Whitfield", model.DateOf(exportNow)))
	e.Write(fileWriter(t, path), path)
	if e.Saved != path || len(opened) != 1 || opened[0] != path {
		t.Fatalf("saved %q, opened %v; status %q", e.Saved, opened, e.Status.Text)
	}
	raw, _ := os.ReadFile(path)
	if !bytes.HasPrefix(raw, []byte("%PDF-")) {
		t.Fatalf("%s is not a PDF", path)
	}
	text := pdftest.Text(t, path)
	if !strings.Contains(text, "PACE meeting 14 March 2027") || !strings.Contains(text, "Zoë Whitfield") {
		t.Error("the cover does not carry the purpose and her name")
	}
	if strings.Contains(text, "Evidence × competency") {
		t.Error("a section she left out was printed")
	}

	// The archive: a zip, named for her, in one go.
	test.Tap(d.Export)
	e = u.Shell.Exporting
	e.Choose(export.Archive)
	if e.options.Visible() {
		t.Error("the portfolio's options are shown for the archive")
	}
	zipPath := filepath.Join(t.TempDir(), "archive.zip")
	e.Write(fileWriter(t, zipPath), zipPath)
	if raw, _ := os.ReadFile(zipPath); !bytes.HasPrefix(raw, []byte("PK")) {
		t.Fatalf("the archive is not a zip: %q", e.Status.Text)
	}
}

func TestCancellingAnExportSavesNothing(t *testing.T) {
	st := demoStore(t, 1)
	var opened []string
	var pending []func()
	later := func(work, done func()) { pending = append(pending, func() { work(); done() }) }
	u := demoSignIn(t, st, "zoe", inline, &opened)
	u.opt.Async = later
	u.Shell.Export()
	e := u.Shell.Exporting
	path := filepath.Join(t.TempDir(), "portfolio.pdf")
	e.Write(fileWriter(t, path), path)
	if e.Export.Disabled() == false || e.Close.Text != "Cancel export" || !e.Progress.Visible() {
		t.Fatal("while writing, Export is disabled and Cancel stops the export")
	}
	test.Tap(e.Close)
	for _, run := range pending {
		run()
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("a cancelled export left a file behind")
	}
	if len(opened) != 0 || !strings.Contains(e.Status.Text, "cancelled") || e.Export.Disabled() {
		t.Fatalf("after cancelling: opened %v, status %q", opened, e.Status.Text)
	}
}

func TestAPreceptorExportsButCannotTakeTheArchiveOrTheConversations(t *testing.T) {
	st := demoStore(t, 2)
	var opened []string
	u := demoSignIn(t, st, "amara", nil, &opened)
	ctx := context.Background()
	ss, _ := st.SignIn(ctx, "amara", demo.Password)
	zoeProg := findZoe(t, st)
	u.Shell.ViewPortfolio(zoeProg, "Zoë Whitfield")
	u.Shell.Export()
	e := u.Shell.Exporting
	if len(e.Kind.Options) != 2 || e.Conversations != nil {
		t.Fatalf("a preceptor is offered %q and the conversations", e.Kind.Options)
	}
	if _, _, _, err := ss.ArchiveSources(ctx, zoeProg.ID); err == nil {
		t.Fatal("the store handed Zoë's archive to her preceptor")
	}
	e.Choose(export.Revalidation)
	path := filepath.Join(t.TempDir(), "revalidation.pdf")
	e.Write(fileWriter(t, path), path)
	if e.Saved != path {
		t.Fatalf("revalidation pack: %q", e.Status.Text)
	}
}

func TestTheLeadSavesTheCohortReport(t *testing.T) {
	st := demoStore(t, 3)
	var opened []string
	u := demoSignIn(t, st, "lead", nil, &opened)
	c := u.Shell.Screen.(*CohortScreen)
	if c.Report.Disabled() {
		t.Fatal("the cohort report button is disabled with the cohort loaded")
	}
	path := filepath.Join(t.TempDir(), "cohort report.pdf")
	c.ReportTo(fileWriter(t, path), path)
	if c.Reported != path || len(opened) != 1 {
		t.Fatalf("cohort report: saved %q, opened %v", c.Reported, opened)
	}
	if got := u.Shell.Toasts.Showing(); !strings.Contains(got, "Saved the cohort report") {
		t.Errorf("after the report is written the lead is told %q, want where it was saved", got)
	}
	if text := pdftest.Text(t, path); !strings.Contains(text, "Zoë Whitfield") {
		t.Error("the cohort report does not name Zoë")
	}
}

func findZoe(t *testing.T, st *sqlite.Store) model.Programme {
	t.Helper()
	ctx := context.Background()
	ss := st.System()
	users, _ := ss.Users(ctx)
	for _, us := range users {
		if us.Username == "zoe" {
			p, err := ss.ProgrammeOf(ctx, us.ID)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
	}
	t.Fatal("no zoe")
	return model.Programme{}
}

// The completion certificate is saved where the person chooses, as every other document is:
// it was written without asking into the data folder of a PC many people share.
func TestTheCertificateIsSavedWhereThePersonChooses(t *testing.T) {
	st := demoStore(t, 1)
	var opened []string
	u := demoSignIn(t, st, "zoe", nil, &opened)
	at := exportNow
	pf := model.Portfolio{Preceptee: model.User{Name: "Zoë Whitfield"},
		Programme:     model.Programme{StartDate: model.NewDate(2025, 12, 8), Status: model.ProgrammeCompleted, CompletedOn: model.DateOf(at)},
		Meetings:      []model.Meeting{{Kind: model.MeetingFinal, Held: true}},
		Competencies:  []model.CompetencyView{{Competency: model.Competency{Code: "A", Level: model.Must}, Progress: model.Progress{Status: model.SignedOff}}},
		Confirmations: []model.Confirmation{{Kind: model.CompletionConfirmation, UserName: "Amara Okafor", Role: model.RolePreceptor, At: at}, {Kind: model.CompletionConfirmation, UserName: "David Mensah", Role: model.RoleLineManager, At: at}}}
	u.Shell.showCertificate(pf)
	if _, err := os.Stat(filepath.Join(st.Dir(), "exports")); !os.IsNotExist(err) || len(opened) != 0 {
		t.Fatalf("the certificate was written before the person chose where (opened %v)", opened)
	}
	path := filepath.Join(t.TempDir(), "certificate.pdf")
	u.Shell.CertificateTo(pf, fileWriter(t, path), path)
	if len(opened) != 1 || opened[0] != path || !strings.Contains(pdftest.Text(t, path), "Zoë Whitfield") {
		t.Errorf("saved and opened %v", opened)
	}
}
