package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/model/demo"
	"pursuit/model/sqlite"
	"pursuit/model/sqlite/seed"
)

// The speed budgets of the portfolio core, measured on the 200-preceptee demo cohort (a
// generated 12-month cohort, built once per benchmark run).
var (
	cohortOnce sync.Once
	cohortDir  string
	cohortErr  error
	benchNow   = time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)
)

func TestMain(m *testing.M) {
	code := m.Run()
	if cohortDir != "" {
		os.RemoveAll(cohortDir)
	}
	os.Exit(code)
}

func cohort(b *testing.B) *sqlite.Store {
	b.Helper()
	cohortOnce.Do(func() {
		ctx := context.Background()
		if cohortDir, cohortErr = os.MkdirTemp("", "pursuit-bench-*"); cohortErr != nil {
			return
		}
		st, err := sqlite.Open(ctx, cohortDir, sqlite.Options{Now: func() time.Time { return benchNow }})
		if err != nil {
			cohortErr = err
			return
		}
		defer st.Close()
		_, cohortErr = seed.Demo(ctx, st, 200, 1, benchNow)
	})
	if cohortErr != nil {
		b.Fatal(cohortErr)
	}
	st, err := sqlite.Open(context.Background(), cohortDir, sqlite.Options{Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func signIn(b *testing.B, st *sqlite.Store, username string) (*sqlite.Session, model.Programme) {
	b.Helper()
	ctx := context.Background()
	ss, err := st.SignIn(ctx, username, demo.Password)
	if err != nil {
		b.Fatal(err)
	}
	if ss.User.Role != model.RolePreceptee {
		return ss, model.Programme{}
	}
	p, err := ss.ProgrammeOf(ctx, ss.User.ID)
	if err != nil {
		b.Fatal(err)
	}
	return ss, p
}

// Budget: ≤ 10 ms for a preceptee's dashboard summary (month 12, a full portfolio).
func BenchmarkDashboardSummary(b *testing.B) {
	ss, p := signIn(b, cohort(b), "zoe")
	ctx := context.Background()
	for b.Loop() {
		if _, err := ss.Dashboard(ctx, p.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// Budget: ≤ 10 ms for the competency list with statuses and evidence counts.
func BenchmarkCompetencyList(b *testing.B) {
	ss, p := signIn(b, cohort(b), "zoe")
	ctx := context.Background()
	for b.Loop() {
		views, err := ss.Competencies(ctx, p.ID)
		if err != nil || len(views) < 50 {
			b.Fatal(len(views), err)
		}
	}
}

// Budget: ≤ 5 ms to save an evidence item with three links and an attachment (whose bytes
// were stored, and hashed, beforehand).
func BenchmarkSaveEvidence(b *testing.B) {
	st := cohort(b)
	ss, p := signIn(b, st, "zoe")
	ctx := context.Background()
	att, err := st.PutAttachment(ctx, strings.NewReader("a photo of the teaching board"), "board.jpg")
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		_, err := ss.SaveEvidence(ctx, model.Evidence{
			ProgrammeID: p.ID, Type: model.Reflection, Template: "gibbs", Title: fmt.Sprintf("Reflection %d", i),
			OccurredOn: model.DateOf(benchNow), Codes: []string{"ACC-01", "COM-01", "SEC-02"},
			Sections:    map[string]string{"description": "A late shift on the ward.", "feelings": "Tired but proud.", "action_plan": "Practise SBAR."},
			Attachments: []model.Attachment{att},
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// Budget: ≤ 100 ms for the lead's overview of all 200 programmes.
func BenchmarkCohortOverview(b *testing.B) {
	ss, _ := signIn(b, cohort(b), "lead")
	ctx := context.Background()
	for b.Loop() {
		rows, err := ss.Cohort(ctx)
		if err != nil || len(rows) != 200 {
			b.Fatal(len(rows), err)
		}
	}
}

// The overview read whole, as on the first read after start or after a framework or a
// name changed (the figure above is the common case: the store keeps the last overview
// and reads again only the programmes changed since).
func BenchmarkCohortOverviewReadWhole(b *testing.B) {
	st := cohort(b)
	ss, _ := signIn(b, st, "lead")
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		st.Touch()
		b.StartTimer()
		if rows, err := ss.Cohort(ctx); err != nil || len(rows) != 200 {
			b.Fatal(len(rows), err)
		}
	}
}

// BenchmarkSignIn is a sign-in at the real password cost (model.DefaultHashParams): the
// password checked and the keys opened, two argon2id runs. Budget: 1 s on a ward PC.
func BenchmarkSignIn(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, b.TempDir(), sqlite.Options{Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.CreateFirstAdmin(ctx, "alex", "Alex Admin", "kettle on ward nine"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := st.SignIn(ctx, "alex", "kettle on ward nine"); err != nil {
			b.Fatal(err)
		}
	}
}
