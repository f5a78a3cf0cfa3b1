package sqlite

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"pursuit/model"
)

// testClock is a wall clock a test moves by hand.
type testClock struct{ t time.Time }

func (c *testClock) Now() time.Time          { return c.t }
func (c *testClock) Advance(d time.Duration) { c.t = c.t.Add(d) }

// fixture is a store with a small, fully known world: one framework, a preceptee with a
// programme, their preceptor, another preceptor, a line manager, a lead and a facilitator.
type fixture struct {
	t     *testing.T
	ctx   context.Context
	clock *testClock
	st    *Store
	sys   *Session
	prog  model.Programme
	users map[string]model.User // by username
}

const testPassword = "kettle on ward nine"

var cheapHash = model.HashParams{Time: 1, Memory: 64, Threads: 1}

func openTest(t *testing.T, dir string, clock *testClock, seed uint64) *Store {
	t.Helper()
	n := 0
	st, err := Open(context.Background(), dir, Options{
		Now:        clock.Now,
		Rand:       rand.NewChaCha8([32]byte{byte(seed)}),
		NewID:      func() string { n++; return fmt.Sprintf("id-%04d", n) },
		HashParams: cheapHash,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func testFramework() model.FrameworkSet {
	return model.FrameworkSet{
		Framework: model.Framework{ID: "core", Name: "Core competencies", Version: "1"},
		Competencies: []model.Competency{
			{Code: "ACC-01", Title: "Practise within your accountability", Domain: "Accountability", Level: model.Must},
			{Code: "COM-01", Title: "Communicate clearly", Domain: "Communication", Level: model.Must},
			{Code: "MED-01", Title: "Administer medicines safely", Domain: "Medicines", Level: model.Must, ValidateFirst: true, AppliesTo: []string{"nursing"}},
			{Code: "LDR-01", Title: "Take charge of a ward", Domain: "Leadership", Level: model.Should, ValidateFirst: true, AppliesTo: []string{"nursing"}},
			{Code: "QI-01", Title: "Lead a quality improvement", Domain: "Quality", Level: model.Could},
			{Code: "AHP-01", Title: "Manage a caseload", Domain: "Practice", Level: model.Must, AppliesTo: []string{"ahp"}},
		},
	}
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clock := &testClock{time.Date(2026, 11, 24, 19, 45, 0, 0, time.UTC)}
	f := &fixture{t: t, ctx: context.Background(), clock: clock, users: map[string]model.User{}}
	f.st = openTest(t, t.TempDir(), clock, 1)
	f.sys = f.st.System()
	if _, err := f.sys.ImportFramework(f.ctx, testFramework()); err != nil {
		t.Fatal(err)
	}
	for _, u := range []model.User{
		{Username: "pat", Name: "Pat Okafor", Role: model.RolePreceptee},
		{Username: "sam", Name: "Siobhán Ó'Connor", Role: model.RolePreceptor},
		{Username: "oli", Name: "Oli Other", Role: model.RolePreceptor},
		{Username: "lee", Name: "Lee Manager", Role: model.RoleLineManager},
		{Username: "lead", Name: "Trust Lead", Role: model.RoleLead},
		{Username: "fay", Name: "Fay Facilitator", Role: model.RoleFacilitator},
		{Username: "adm", Name: "Admin", Role: model.RoleAdmin},
	} {
		added, err := f.sys.AddUser(f.ctx, u, testPassword)
		if err != nil {
			t.Fatal(err)
		}
		f.users[u.Username] = added
	}
	p, err := f.sys.SaveProgramme(f.ctx, model.Programme{
		PrecepteeID: f.users["pat"].ID, PreceptorID: f.users["sam"].ID, LineManagerID: f.users["lee"].ID,
		FacilitatorID: f.users["fay"].ID, SupervisorID: f.users["fay"].ID,
		StartDate: model.NewDate(2026, 9, 7), Profession: "nurse-adult", Service: "Ward 4B", FrameworkID: "core",
	})
	if err != nil {
		t.Fatal(err)
	}
	f.prog = p
	return f
}

func (f *fixture) as(username string) *Session {
	f.t.Helper()
	ss, err := f.st.SignIn(f.ctx, username, testPassword)
	if err != nil {
		f.t.Fatalf("sign in %s: %v", username, err)
	}
	return ss
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.st.rdb.QueryRowContext(f.ctx, query, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func (f *fixture) dump() string {
	f.t.Helper()
	var b bytes.Buffer
	if err := f.st.Dump(f.ctx, &b); err != nil {
		f.t.Fatal(err)
	}
	return b.String()
}

// submit links a reflection to code and asks for its sign-off, as Pat would.
func (f *fixture) submit(code string) {
	f.t.Helper()
	submitAs(f.t, f.as("pat"), f.prog.ID, code)
}

// submitAs is submit by the preceptee signed in as pat, on whichever device she is.
func submitAs(t *testing.T, pat *Session, programmeID, code string) {
	t.Helper()
	ctx := context.Background()
	if _, err := pat.SaveEvidence(ctx, model.Evidence{ProgrammeID: programmeID, Type: model.Reflection, Title: "Reflection on " + code,
		OccurredOn: model.NewDate(2026, 11, 2), Sections: map[string]string{"description": "What happened"}, Codes: []string{code}}); err != nil {
		t.Fatal(err)
	}
	pat.ChangeStatus(ctx, programmeID, code, model.InProgress, "")
	if err := pat.ChangeStatus(ctx, programmeID, code, model.EvidenceSubmitted, ""); err != nil {
		t.Fatal(err)
	}
}
