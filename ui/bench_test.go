package ui

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"pursuit/model/demo"
	"pursuit/model/sqlite"
	"pursuit/model/sqlite/seed"
)

// The screens' speed budgets, on the 200-preceptee demo cohort: switching to any screen
// ≤ 50 ms; opening the evidence list of a full 12-month portfolio ≤ 50 ms. Loads run
// inline here, so each figure is the whole wait a nurse would see.
var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
	benchNow  = time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)
)

func benchStore(b *testing.B) *sqlite.Store {
	b.Helper()
	benchOnce.Do(func() {
		ctx := context.Background()
		if benchDir, benchErr = os.MkdirTemp("", "pursuit-ui-bench-*"); benchErr != nil {
			return
		}
		st, err := sqlite.Open(ctx, benchDir, sqlite.Options{Now: func() time.Time { return benchNow }})
		if err != nil {
			benchErr = err
			return
		}
		defer st.Close()
		_, benchErr = seed.Demo(ctx, st, 200, 1, benchNow)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	st, err := sqlite.Open(context.Background(), benchDir, sqlite.Options{Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func benchApp(b *testing.B, username string) *App {
	st := benchStore(b)
	a := test.NewTempApp(b)
	u := New(a, st, Options{Async: inline, Now: func() time.Time { return benchNow }})
	ss, err := st.SignIn(context.Background(), username, demo.Password)
	if err != nil {
		b.Fatal(err)
	}
	u.Enter(ss)
	return u
}

// Budget: ≤ 50 ms to switch to any screen (the worst of them is reported per screen).
func BenchmarkSwitchScreen(b *testing.B) {
	u := benchApp(b, "zoe")
	for _, key := range u.Shell.NavKeys() {
		b.Run(key, func(b *testing.B) {
			for b.Loop() {
				u.Shell.Show(key)
			}
		})
	}
}

// Budget: ≤ 50 ms to open the evidence list of a full 12-month portfolio (64 items).
func BenchmarkEvidenceList(b *testing.B) {
	u := benchApp(b, "zoe")
	p := *u.Shell.Viewing
	for b.Loop() {
		e := newEvidenceScreen(u.Shell, p)
		if len(e.Items) < 60 {
			b.Fatalf("%d items", len(e.Items))
		}
	}
}

// The lead's cohort screen with all 200 preceptees.
func BenchmarkCohortScreen(b *testing.B) {
	u := benchApp(b, "lead")
	for b.Loop() {
		u.Shell.Show("home")
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
