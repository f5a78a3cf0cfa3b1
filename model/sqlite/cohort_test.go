package sqlite

import (
	"database/sql"
	"fmt"
	"path/filepath"
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

// After a change, the overview reads again only the programmes that changed, whoever made
// the change, and comes out as a whole read would.
func TestTheCohortOverviewReadsOnlyWhatChanged(t *testing.T) {
	f := newFixture(t)
	lead := f.as("lead")
	second, err := f.sys.SaveProgramme(f.ctx, model.Programme{PrecepteeID: f.users["pat"].ID, PreceptorID: f.users["oli"].ID,
		StartDate: model.NewDate(2026, 10, 5), Profession: "nurse-adult", FrameworkID: "core"})
	if err != nil {
		t.Fatal(err)
	}
	worked := func(what string, want int64, change func()) []model.CohortRow {
		t.Helper()
		change()
		before := f.st.cohortWork.Load()
		rows, err := lead.Cohort(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.st.cohortWork.Load() - before; got != want {
			t.Errorf("%s: %d programmes worked out, want %d", what, got, want)
		}
		f.st.Touch()
		whole, err := lead.Cohort(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(rows) != fmt.Sprint(whole) {
			t.Errorf("%s: the overview differs from a whole read:\n%v\n%v", what, rows, whole)
		}
		return rows
	}
	worked("first read", 2, func() {})
	worked("nothing changed", 0, func() {})
	worked("a setting saved", 0, func() {
		if err := f.st.SetMeta(f.ctx, "anything", "1"); err != nil {
			t.Fatal(err)
		}
	})
	worked("a draft typed", 0, func() {
		if err := f.as("pat").SaveDraft(f.ctx, "slot:ACC-01", map[string]string{"s": "half a sentence"}); err != nil {
			t.Fatal(err)
		}
	})
	worked("one preceptee's SLOT", 1, func() {
		if err := f.as("pat").SaveSLOT(f.ctx, f.prog.ID, "ACC-01", model.SLOT{Strengths: "Calm on nights"}); err != nil {
			t.Fatal(err)
		}
	})
	worked("a meeting on the other programme", 1, func() {
		if _, err := f.as("oli").SaveMeeting(f.ctx, model.Meeting{ProgrammeID: second.ID, Kind: model.MeetingInitial, Date: model.NewDate(2026, 10, 6), Held: true, Attendees: "Pat, Oli"}); err != nil {
			t.Fatal(err)
		}
	})
	// Pat's training counts on both of her programmes.
	worked("training", 2, func() {
		if _, err := f.as("pat").SaveTraining(f.ctx, model.TrainingRecord{UserID: f.users["pat"].ID, Category: "mandatory", Course: "Basic life support", CompletedOn: model.NewDate(2025, 11, 1), RefresherMonths: 12}); err != nil {
			t.Fatal(err)
		}
	})
	// Written straight into the database by another program, as the command line or a
	// sync in another window would: seen all the same.
	raw := otherProgram(t, f)
	rows := worked("a concern raised elsewhere", 1, func() {
		if _, err := raw.Exec(`INSERT INTO concerns(id, programme_id, raised_by, raised_on, summary, status) VALUES('c1', ?, ?, '2026-11-24', 'Rota', 'open')`, second.ID, f.users["lee"].ID); err != nil {
			t.Fatal(err)
		}
	})
	for _, r := range rows {
		if r.Programme.ID == second.ID && r.OpenConcerns != 1 {
			t.Errorf("open concerns on the second programme: %d", r.OpenConcerns)
		}
	}
	rows = worked("a rename", 2, func() {
		if _, err := raw.Exec(`UPDATE users SET name = 'Pat Okafor-Reid' WHERE id = ?`, f.users["pat"].ID); err != nil {
			t.Fatal(err)
		}
	})
	if rows[0].Preceptee != "Pat Okafor-Reid" {
		t.Errorf("after a rename the overview says %q", rows[0].Preceptee)
	}
	worked("a framework competency", 2, func() {
		if _, err := raw.Exec(`UPDATE competencies SET title = 'Accountable practice' WHERE code = 'ACC-01'`); err != nil {
			t.Fatal(err)
		}
	})
}

// The database keeps a bounded log of changed programmes: an overview older than the log
// is read whole, and a long run of writes does not grow the file without end.
func TestTheCohortChangeLogIsBounded(t *testing.T) {
	f := newFixture(t)
	lead := f.as("lead")
	if _, err := f.sys.SaveProgramme(f.ctx, model.Programme{PrecepteeID: f.users["pat"].ID, PreceptorID: f.users["oli"].ID,
		StartDate: model.NewDate(2026, 10, 5), Profession: "nurse-adult", FrameworkID: "core"}); err != nil {
		t.Fatal(err)
	}
	if _, err := lead.Cohort(f.ctx); err != nil {
		t.Fatal(err)
	}
	raw := otherProgram(t, f)
	if _, err := raw.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25000)
		INSERT INTO cohort_changes(programme_id) SELECT ? FROM n`, f.prog.ID); err != nil {
		t.Fatal(err)
	}
	var kept int
	if err := raw.QueryRow(`SELECT count(*) FROM cohort_changes`).Scan(&kept); err != nil || kept > 21000 {
		t.Fatalf("%d entries kept (%v)", kept, err)
	}
	before := f.st.cohortWork.Load()
	if _, err := lead.Cohort(f.ctx); err != nil {
		t.Fatal(err)
	}
	if got := f.st.cohortWork.Load() - before; got != 2 {
		t.Errorf("after the log moved past the kept overview: %d programmes worked out, want both", got)
	}
}

// otherProgram is a second connection to the fixture's database, as another program
// writing to it would have.
func otherProgram(t *testing.T, f *fixture) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite3", filepath.Join(f.st.Dir(), DatabaseFile)+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}
