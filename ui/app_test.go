package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"pursuit/model"
	"pursuit/model/sqlite"
)

const pw = "kettle on ward nine"

// world is a real store in a temporary folder with a preceptee and her preceptor.
func world(t *testing.T) (*sqlite.Store, model.Programme) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)
	st, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: func() time.Time { return now }, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sys := st.System()
	if _, err := sys.ImportFramework(ctx, model.FrameworkSet{
		Framework:    model.Framework{ID: "core", Name: "Core", Version: "1"},
		Competencies: []model.Competency{{Code: "ACC-01", Title: "Accountability", Level: model.Must}, {Code: "QI-01", Title: "Improvement", Level: model.Could}},
	}); err != nil {
		t.Fatal(err)
	}
	pat, _ := sys.AddUser(ctx, model.User{Username: "pat", Name: "Pat Okafor", Role: model.RolePreceptee}, pw)
	sam, _ := sys.AddUser(ctx, model.User{Username: "sam", Name: "Sam Preceptor", Role: model.RolePreceptor}, pw)
	p, err := sys.SaveProgramme(ctx, model.Programme{PrecepteeID: pat.ID, PreceptorID: sam.ID, StartDate: model.NewDate(2026, 9, 7), Profession: "nurse-adult", FrameworkID: "core"})
	if err != nil {
		t.Fatal(err)
	}
	return st, p
}

func inline(work, done func()) { work(); done() }

// never puts nothing off for good: Fyne's test driver runs fyne.Do on the calling
// goroutine, so a real timer (a draft kept, a message going) would race the test. Tests
// that need the timers pass a clock of their own.
func never(time.Duration, func()) func() { return func() {} }

func TestSignInShowsTheDashboardAndLockHidesIt(t *testing.T) {
	st, _ := world(t)
	u := New(test.NewTempApp(t), st, Options{Async: inline, Later: never})
	test.Type(u.SignIn.Username, "pat")
	test.Type(u.SignIn.Password, "not my password")
	test.Tap(u.SignIn.Submit)
	if u.Shell != nil || !strings.Contains(u.SignIn.Message.Text, "Wrong username or password") || u.SignIn.Password.Text != "" {
		t.Fatalf("wrong password: shell=%v message=%q", u.Shell != nil, u.SignIn.Message.Text)
	}
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil {
		t.Fatalf("not signed in: %q", u.SignIn.Message.Text)
	}
	dash, ok := u.Shell.Screen.(*Dashboard)
	if !ok || dash.Data == nil {
		t.Fatalf("signed in but no dashboard: %T", u.Shell.Screen)
	}
	if d := dash.Data; d.Month != 3 || d.Levels[0].Total != 1 || !strings.HasPrefix(u.Shell.Who.String(), "Pat Okafor") {
		t.Fatalf("dashboard month %d levels %+v", d.Month, d.Levels)
	}
	test.Tap(u.Shell.Lock)
	if u.Shell != nil || u.SignIn.Password.Text != "" {
		t.Fatal("lock left the portfolio on screen")
	}
}

func TestFiveWrongPasswordsLockTheAccount(t *testing.T) {
	st, _ := world(t)
	u := New(test.NewTempApp(t), st, Options{Async: inline, Later: never})
	test.Type(u.SignIn.Username, "sam")
	for range 5 {
		test.Type(u.SignIn.Password, "guessing again")
		test.Tap(u.SignIn.Submit)
	}
	if !strings.Contains(u.SignIn.Message.Text, "locked for 5 more minutes") {
		t.Fatalf("message %q", u.SignIn.Message.Text)
	}
}

func TestPreceptorSeesTheirPreceptees(t *testing.T) {
	st, _ := world(t)
	u := New(test.NewTempApp(t), st, Options{Later: never, Async: inline, Demo: true, DemoPassword: "pursuit-demo", DemoAccounts: []DemoAccount{{Username: "zoe", Role: "Preceptee"}}})
	if !strings.Contains(u.Window.Title(), "Demo data") {
		t.Fatalf("demo window title %q", u.Window.Title())
	}
	test.Type(u.SignIn.Username, "sam")
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil || u.Shell.Current != "home" {
		t.Fatalf("preceptor's home: %+v", u.Shell)
	}
}
