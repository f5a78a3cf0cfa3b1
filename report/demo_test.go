package report

import (
	"context"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/model/sqlite/seed"
)

// demoStore is a real store holding the generated demo cohort of n preceptees (Zoë,
// Siobhán and Łukasz first) as it stands on the day now.
func demoStore(t testing.TB, n int, now time.Time) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: func() time.Time { return now }, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := seed.Demo(ctx, st, n, 1, now); err != nil {
		t.Fatal(err)
	}
	return st
}

// demoPortfolio is a demo preceptee's whole portfolio as the store reads it: "zoe" (Zoë
// Whitfield) has a full 12-month portfolio.
func demoPortfolio(t testing.TB, st *sqlite.Store, username string) model.Portfolio {
	t.Helper()
	ctx := context.Background()
	ss := st.System()
	users, err := ss.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Username != username {
			continue
		}
		p, err := ss.ProgrammeOf(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		pf, err := ss.Portfolio(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		return pf
	}
	t.Fatalf("no demo account %s", username)
	return model.Portfolio{}
}
