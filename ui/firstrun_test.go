package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"pursuit/assets"
	"pursuit/model"
	"pursuit/model/framework"
	"pursuit/model/sqlite"
)

// firstRunStore is a new installation: a real store with no accounts and no framework.
func firstRunStore(t *testing.T) *sqlite.Store {
	t.Helper()
	now := time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)
	st, err := sqlite.Open(context.Background(), t.TempDir(), sqlite.Options{Now: func() time.Time { return now }, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func firstRunAdmin(f *FirstRun, password, repeat string) {
	test.Type(f.Name, "Ada Administrator")
	test.Type(f.Username, "Ada.Admin")
	test.Type(f.Password, password)
	test.Type(f.Repeat, repeat)
}

func TestFirstRunCreatesTheAdministratorFrameworkAndFolder(t *testing.T) {
	ctx := context.Background()
	st := firstRunStore(t)
	u := New(test.NewTempApp(t), st, Options{Async: inline, Later: never})
	f := u.FirstRun
	if f == nil || u.SignIn != nil {
		t.Fatal("a new installation does not show the set-up")
	}
	builtIn, err := framework.ParseJSON(assets.DefaultFramework(), "default.json")
	if err != nil {
		t.Fatal(err)
	}
	if want := len(builtIn.Competencies); !strings.Contains(f.Framework.Options[0], "("+strconv.Itoa(want)+" competencies") {
		t.Fatalf("framework option %q does not give the %d competencies", f.Framework.Options[0], want)
	}
	firstRunAdmin(f, pw, pw)
	test.Tap(f.Next)
	if f.Step != 1 {
		t.Fatalf("step %d, message %q", f.Step, f.Message.Text)
	}
	test.Tap(f.Next) // keep the built-in framework
	if f.Step != 2 {
		t.Fatalf("step %d, message %q", f.Step, f.Message.Text)
	}
	test.Type(f.ShareDir, `\\trust-files\preceptorship`)
	test.Tap(f.Next)
	if u.Shell == nil {
		t.Fatalf("not signed in after set-up: %q", f.Message.Text)
	}
	if got := u.Shell.ss.User; got.Role != model.RoleAdmin || got.Username != "ada.admin" || got.Name != "Ada Administrator" {
		t.Fatalf("signed in as %+v", got)
	}
	if _, ok := u.Shell.Screen.(*PeopleScreen); !ok {
		t.Fatalf("the administrator's first screen is %T", u.Shell.Screen)
	}
	if _, err := st.SignIn(ctx, "ada.admin", pw); err != nil {
		t.Fatalf("the administrator cannot sign in: %v", err)
	}
	fws, err := st.Frameworks(ctx)
	if err != nil || len(fws) != 1 || fws[0].ID != builtIn.Framework.ID {
		t.Fatalf("frameworks %+v %v", fws, err)
	}
	if cs, _ := st.FrameworkCompetencies(ctx, fws[0].ID); len(cs) != len(builtIn.Competencies) {
		t.Fatalf("%d competencies imported, want %d", len(cs), len(builtIn.Competencies))
	}
	if dir, _ := st.ShareFolder(ctx); dir != `\\trust-files\preceptorship` {
		t.Fatalf("share folder %q", dir)
	}
}

func TestFirstRunRefusesAMismatchedOrWeakPassword(t *testing.T) {
	ctx := context.Background()
	st := firstRunStore(t)
	u := New(test.NewTempApp(t), st, Options{Async: inline, Later: never})
	f := u.FirstRun
	firstRunAdmin(f, pw, pw+" again")
	test.Tap(f.Next)
	if f.Step != 0 || !strings.Contains(f.Message.Text, "not the same") {
		t.Fatalf("mismatch: step %d message %q", f.Step, f.Message.Text)
	}
	for _, weak := range []string{"short", "Password123", "ada.admin is me"} {
		f.Password.SetText(weak)
		f.Repeat.SetText(weak)
		test.Tap(f.Next)
		if f.Step != 0 || f.Message.Text == "" {
			t.Fatalf("weak %q: step %d message %q", weak, f.Step, f.Message.Text)
		}
	}
	if !strings.Contains(f.Message.Text, "username") {
		t.Fatalf("the policy's message is not shown: %q", f.Message.Text)
	}
	// Straight to the last step with a weak password: the set-up still refuses.
	f.show(2)
	test.Tap(f.Next)
	if f.Step != 0 || u.Shell != nil || f.Message.Text == "" {
		t.Fatalf("set up with a weak password: step %d message %q", f.Step, f.Message.Text)
	}
	if has, _ := st.HasUsers(ctx); has {
		t.Fatal("an account was created")
	}
	if fws, _ := st.Frameworks(ctx); len(fws) != 0 {
		t.Fatalf("a framework was imported: %+v", fws)
	}
}

const firstRunMoodle = `Parent id number,Id number,Shortname,Description,Description format,Scale values,Scale configuration,Rule type (optional),Rule outcome (optional),Rule config (optional),Cross referenced competency id numbers,Exported id (optional),Is framework,Taxonomy
,TRUST-FW,Trust preceptorship framework,<p>Our own</p>,1,"Not yet,Competent",,,,,,,1,competency
,ACC-1,Accountability,<p>Be accountable</p>,1,,,,0,null,,1,,
,MED-1,Medicines administration,<p>Give medicines safely</p>,1,,,,0,null,,2,,
`

func TestFirstRunImportsTheTrustsMoodleFramework(t *testing.T) {
	ctx := context.Background()
	st := firstRunStore(t)
	u := New(test.NewTempApp(t), st, Options{Async: inline, Later: never})
	f := u.FirstRun
	firstRunAdmin(f, pw, pw)
	test.Tap(f.Next)
	f.Framework.SetSelected(firstRunImportOption)
	test.Tap(f.Next)
	if f.Step != 1 || !strings.Contains(f.Message.Text, "Choose the Trust's framework file") {
		t.Fatalf("no file: step %d message %q", f.Step, f.Message.Text)
	}

	broken := strings.Replace(firstRunMoodle, ",MED-1,Medicines administration", ",MED-1", 1)
	f.File.Level.SetSelected("Must")
	f.File.Load("trust.csv", []byte(broken))
	if f.File.Set != nil || f.File.Level.Visible() == false {
		t.Fatal("a Moodle file needs a level")
	}
	f.File.Level.SetSelected("Must")
	if f.File.Set != nil || !strings.Contains(f.File.Error.Text, "Line 4 of trust.csv") {
		t.Fatalf("broken file: %q", f.File.Error.Text)
	}

	f.File.Load("trust.csv", []byte(firstRunMoodle))
	if f.File.Set != nil || !strings.Contains(f.File.Info.Text, "Moodle") {
		t.Fatalf("level not asked again: %q", f.File.Info.Text)
	}
	test.Tap(f.Next)
	if f.Step != 1 || !strings.Contains(f.Message.Text, "level") {
		t.Fatalf("no level: step %d message %q", f.Step, f.Message.Text)
	}
	f.File.Level.SetSelected("Should")
	if f.File.Set == nil || !strings.Contains(f.File.Info.Text, "2 competencies (0 must, 2 should") {
		t.Fatalf("parsed: %q %q", f.File.Info.Text, f.File.Error.Text)
	}
	test.Tap(f.Next)
	test.Tap(f.Next)
	if u.Shell == nil {
		t.Fatalf("not set up: %q", f.Message.Text)
	}
	fws, _ := st.Frameworks(ctx)
	if len(fws) != 1 || fws[0].Name != "Trust preceptorship framework" {
		t.Fatalf("frameworks %+v", fws)
	}
	cs, _ := st.FrameworkCompetencies(ctx, fws[0].ID)
	if len(cs) != 2 || cs[0].Level != model.Should {
		t.Fatalf("competencies %+v", cs)
	}
	if dir, _ := st.ShareFolder(ctx); dir != "" {
		t.Fatalf("an empty folder was stored as %q", dir)
	}
}
