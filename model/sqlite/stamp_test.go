package sqlite

import (
	"testing"

	"pursuit/model"
)

// The cohort overview is read again as soon as anything changes, whether this window,
// another window on the same folder or a sync made the change.
func TestTheCohortOverviewIsNeverStale(t *testing.T) {
	f := newFixture(t)
	lead := f.as("lead")
	rows, err := lead.Cohort(f.ctx)
	if err != nil || len(rows) != 1 {
		t.Fatalf("cohort %d rows, %v", len(rows), err)
	}
	again, _ := lead.Cohort(f.ctx)
	if len(again) != 1 {
		t.Fatal("a repeated read differs")
	}
	// Another window (its own store on the same folder) starts a programme.
	other := openTest(t, f.st.Dir(), f.clock, 5)
	newbie, err := other.System().AddUser(f.ctx, model.User{Username: "ned", Name: "Ned New", Role: model.RolePreceptee}, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.System().SaveProgramme(f.ctx, model.Programme{PrecepteeID: newbie.ID, PreceptorID: f.users["sam"].ID,
		StartDate: model.NewDate(2026, 10, 5), Profession: "nurse-adult", FrameworkID: "core"}); err != nil {
		t.Fatal(err)
	}
	if rows, _ := lead.Cohort(f.ctx); len(rows) != 2 {
		t.Fatalf("after another window's change: %d rows", len(rows))
	}
	// This window's own change: Pat raises a concern.
	if _, err := f.as("pat").SaveConcern(f.ctx, model.Concern{ProgrammeID: f.prog.ID, Summary: "Rota clashes with study days"}); err != nil {
		t.Fatal(err)
	}
	rows, _ = lead.Cohort(f.ctx)
	for _, r := range rows {
		if r.Programme.ID == f.prog.ID && r.OpenConcerns != 1 {
			t.Errorf("open concerns %d after one was raised", r.OpenConcerns)
		}
	}
}
