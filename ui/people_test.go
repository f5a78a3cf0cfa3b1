package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// peopleAdmin adds an administrator to the world and signs them in.
func peopleAdmin(t *testing.T) (*sqlite.Store, *App, *PeopleScreen) {
	t.Helper()
	st, _ := world(t)
	if _, err := st.System().AddUser(context.Background(), model.User{Username: "ada", Name: "Ada Admin", Role: model.RoleAdmin}, pw); err != nil {
		t.Fatal(err)
	}
	u := New(test.NewTempApp(t), st, Options{Async: inline, Later: never})
	test.Type(u.SignIn.Username, "ada")
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil {
		t.Fatalf("not signed in: %q", u.SignIn.Message.Text)
	}
	x, ok := u.Shell.Screen.(*PeopleScreen)
	if !ok {
		t.Fatalf("the administrator's home is %T", u.Shell.Screen)
	}
	return st, u, x
}

func peopleUser(t *testing.T, st *sqlite.Store, username string) model.User {
	t.Helper()
	us, err := st.System().Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		if u.Username == username {
			return u
		}
	}
	t.Fatalf("no account %s", username)
	return model.User{}
}

func peopleAddAccount(t *testing.T, x *PeopleScreen, name, username, role, password string) {
	t.Helper()
	test.Tap(x.AddAccount)
	f := x.Account
	if f == nil {
		t.Fatal("no add-account form")
	}
	test.Type(f.Name, name)
	test.Type(f.Username, username)
	f.Role.SetSelected(role)
	test.Type(f.Password, password)
	test.Tap(f.Save)
}

func TestAdministratorAddsPeopleAndStartsAProgramme(t *testing.T) {
	ctx := context.Background()
	st, _, x := peopleAdmin(t)
	if len(x.Users) != 3 || len(x.Programmes) != 1 {
		t.Fatalf("loaded %d accounts, %d programmes", len(x.Users), len(x.Programmes))
	}

	peopleAddAccount(t, x, "Bea Newly", "Bea.Newly", "Preceptee", "short")
	if x.Account == nil || !strings.Contains(x.Account.Message.Text, "at least 10 characters") {
		t.Fatalf("weak password: %+v", x.Account)
	}
	x.Account.Password.SetText(pw)
	test.Tap(x.Account.Save)
	if x.Detail == nil || x.Detail.User.Username != "bea.newly" || x.Detail.Start == nil {
		t.Fatalf("new preceptee not shown: %+v", x.Detail)
	}
	bea := peopleUser(t, st, "bea.newly")
	if bea.Role != model.RolePreceptee || !bea.Active {
		t.Fatalf("stored %+v", bea)
	}
	peopleAddAccount(t, x, "Cal Preceptor", "cal", "Preceptor", pw)
	cal := peopleUser(t, st, "cal")
	if cal.Role != model.RolePreceptor {
		t.Fatalf("stored %+v", cal)
	}
	peopleAddAccount(t, x, "Someone Else", "cal", "Line manager", pw)
	if x.Account == nil || !strings.Contains(x.Account.Message.Text, "already taken") {
		t.Fatal("a taken username was not refused")
	}

	// Start Bea's programme from her account, with Cal as her preceptor.
	x.ShowAccount(bea.ID)
	test.Tap(x.Detail.Start)
	f := x.Programme
	if f == nil || f.chosen(f.Preceptee) != bea.ID {
		t.Fatal("the programme form does not name Bea")
	}
	f.Profession.SetSelected("Registered Nurse (Mental Health)")
	test.Type(f.Service, "Ward 9")
	test.Tap(f.Save)
	if !strings.Contains(f.Message.Text, "named preceptor") {
		t.Fatalf("no preceptor: %q", f.Message.Text)
	}
	f.Choose(f.Preceptor, cal.ID)
	f.Start.SetValue(model.NewDate(2026, 12, 1))
	x.save() // Ctrl+S
	p, err := st.System().ProgrammeOf(ctx, bea.ID)
	if err != nil {
		t.Fatalf("no programme: %v (%q)", err, f.Message.Text)
	}
	if p.PreceptorID != cal.ID || p.Profession != "nurse-mental-health" || p.Service != "Ward 9" || p.StartDate != model.NewDate(2026, 12, 1) || p.FrameworkID != "core" {
		t.Fatalf("stored %+v", p)
	}
	if x.ProgDetail == nil || x.ProgDetail.Programme.ID != p.ID || len(x.Programmes) != 2 {
		t.Fatal("the new programme is not shown")
	}

	// Extend it by three months.
	test.Tap(x.ProgDetail.Extend)
	x.Extend.Months.SetSelected("3 months")
	test.Tap(x.Extend.Confirm)
	if p, _ = st.System().ProgrammeOf(ctx, bea.ID); p.ExtensionMonths != 3 || p.Status != model.ProgrammeExtended {
		t.Fatalf("extended %+v", p)
	}

	// Bea forgot her password.
	x.ShowTab("accounts")
	x.ShowAccount(bea.ID)
	test.Tap(x.Detail.ResetPassword)
	test.Type(x.Reset.Password, "a brand new phrase")
	test.Type(x.Reset.Repeat, "a brand new phrase")
	test.Tap(x.Reset.Confirm)
	if _, err := st.SignIn(ctx, "bea.newly", "a brand new phrase"); err != nil {
		t.Fatalf("reset password refused: %v (%q)", err, x.Reset.Message.Text)
	}
}

func TestAdministratorChangesAProgrammeAndSearches(t *testing.T) {
	ctx := context.Background()
	st, _, x := peopleAdmin(t)
	dee, err := st.System().AddUser(ctx, model.User{Username: "dee", Name: "Dee Manager", Role: model.RoleLineManager}, pw)
	if err != nil {
		t.Fatal(err)
	}
	x.reload(nil)
	x.ShowTab("programmes")
	if len(x.ShownProgs) != 1 {
		t.Fatalf("%d programmes shown", len(x.ShownProgs))
	}
	d := x.ShowProgramme(x.ShownProgs[0].ID)
	test.Tap(d.Change)
	f := x.Programme
	if f.Preceptee.Disabled() == false || f.Profession.Selected != "Registered Nurse (Adult)" {
		t.Fatalf("change form: preceptee enabled=%v profession %q", !f.Preceptee.Disabled(), f.Profession.Selected)
	}
	f.Choose(f.LineManager, dee.ID)
	test.Tap(f.Save)
	p, _ := st.System().Programme(ctx, d.Programme.ID)
	if p.LineManagerID != dee.ID || p.PreceptorID == "" {
		t.Fatalf("changed %+v (%q)", p, f.Message.Text)
	}

	x.ShowTab("accounts")
	test.Type(x.Search, "okafor")
	if len(x.ShownAccounts) != 1 || x.ShownAccounts[0].Username != "pat" {
		t.Fatalf("search shows %+v", x.ShownAccounts)
	}
	x.Search.SetText("")
	x.RoleFilter.SetSelected("Preceptor")
	if len(x.ShownAccounts) != 1 || x.ShownAccounts[0].Username != "sam" {
		t.Fatalf("role filter shows %+v", x.ShownAccounts)
	}
}

func TestOnlyTheAdministratorHasThePeopleScreen(t *testing.T) {
	st, _ := world(t)
	for _, who := range []string{"pat", "sam"} {
		u := New(test.NewTempApp(t), st, Options{Async: inline, Later: never})
		test.Type(u.SignIn.Username, who)
		test.Type(u.SignIn.Password, pw)
		test.Tap(u.SignIn.Submit)
		if u.Shell == nil {
			t.Fatalf("%s not signed in", who)
		}
		for key, b := range u.Shell.NavButtons {
			if strings.Contains(b.Text, "People") {
				t.Errorf("%s sees %q (%s)", who, b.Text, key)
			}
		}
		if _, ok := u.Shell.Screen.(*PeopleScreen); ok {
			t.Errorf("%s is shown the People screen", who)
		}
	}
}

func TestTheLeadManagesProgrammesButNotAccounts(t *testing.T) {
	ctx := context.Background()
	st, _ := world(t)
	sys := st.System()
	if _, err := sys.AddUser(ctx, model.User{Username: "lena", Name: "Lena Lead", Role: model.RoleLead}, pw); err != nil {
		t.Fatal(err)
	}
	kit, err := sys.AddUser(ctx, model.User{Username: "kit", Name: "Kit Newly", Role: model.RolePreceptee}, pw)
	if err != nil {
		t.Fatal(err)
	}
	sam := peopleUser(t, st, "sam")
	u := New(test.NewTempApp(t), st, Options{Async: inline, Later: never})
	test.Type(u.SignIn.Username, "lena")
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil {
		t.Fatal("lead not signed in")
	}
	x := newPeopleScreen(u.Shell)
	if x.Tab != "programmes" || x.manageUsers {
		t.Fatalf("the lead is shown %q", x.Tab)
	}
	x.ShowTab("accounts")
	if x.Tab != "programmes" {
		t.Fatal("the lead reached the accounts")
	}
	f := x.NewProgramme(kit.ID)
	f.Choose(f.Preceptor, sam.ID)
	f.Profession.SetSelected("Paramedic")
	test.Tap(f.Save)
	p, err := sys.ProgrammeOf(ctx, kit.ID)
	if err != nil || p.PreceptorID != sam.ID || p.Profession != "paramedic" {
		t.Fatalf("lead's programme %+v %v (%q)", p, err, f.Message.Text)
	}
}

// Before an account is chosen the right-hand pane says what to do there and gives the numbers
// an administrator checks first, kept up to date: it was a line of words and an empty half.
func TestThePeopleScreenGivesTheNumbersBeforeAnythingIsChosen(t *testing.T) {
	_, _, x := peopleAdmin(t)
	glance := func() string { return strings.Join(precTexts(x.detail), "|") }
	if got := glance(); !strings.Contains(got, "At a glance") || !strings.Contains(got, "Preceptees|1") || !strings.Contains(got, "Administrators|1") {
		t.Fatalf("the accounts pane before a choice: %s", got)
	}
	if len(x.detail.Objects) != 1 || !isPlaceholder(x.detail.Objects[0]) {
		t.Error("the numbers at a glance are taken for an open record: on a narrow window the list would not show")
	}
	peopleAddAccount(t, x, "Bea Newly", "bea.newly", "Preceptee", pw)
	x.ShowTab("accounts")
	if got := glance(); !strings.Contains(got, "Preceptees|2") {
		t.Errorf("after adding a preceptee: %s", got)
	}
	x.ShowTab("programmes")
	if got := glance(); !strings.Contains(got, "Under way|1") {
		t.Errorf("the programmes pane before a choice: %s", got)
	}
}
