package sqlite

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"pursuit/model"
)

// Issue 14, attack 6: changes from an author nobody has heard of, thousands of them. They
// are kept (never dropped: one that waits may count later), judged again only when that
// author's account arrives — not on every later sync — and stop waiting after 30 days.
func TestAFloodOfWaitingChangesIsNotJudgedOnEveryPass(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	ghost, err := model.NewKeyPair(bytes.NewReader(bytes.Repeat([]byte("a ghost's key "), 8)))
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for seg := range 3 {
		ops := make([]model.Op, 2000)
		for i := range ops {
			ops[i] = model.Op{Table: "goals", Row: fmt.Sprintf("g-%d-%d", seg, i), Kind: model.OpPut,
				Fields: map[string]any{"programme_id": f.prog.ID, "title": "planted", "status": "planned"}}
		}
		res := applyAs(t, laptop, "ghost-pc", forge(t, f, &ghost, "u-ghost", ops...))
		total += res.Rejected
	}
	var kept int
	laptop.rdb.QueryRow(`SELECT count(*) FROM sync_rejected WHERE device = 'ghost-pc' AND retry = 1 AND waiting = 1 AND waits_for = 'u-ghost'`).Scan(&kept)
	if total != 6000 || kept != 6000 {
		t.Fatalf("refused %d, kept %d waiting for their author", total, kept)
	}

	// A later sync bringing an unrelated record judges none of them again.
	if _, err := admin.AddUser(f.ctx, model.User{Username: "newstarter", Name: "New Starter", Role: model.RolePreceptee}, testPassword); err != nil {
		t.Fatal(err)
	}
	if res := push(t, f.st, laptop); res.Rejudged != 0 {
		t.Fatalf("an unrelated new account made %d waiting changes be judged again", res.Rejudged)
	}
	// Thirty-one days on, they stop waiting: kept and shown, no longer tried.
	f.clock.Advance(31 * 24 * time.Hour)
	if _, err := admin.AddUser(f.ctx, model.User{Username: "later", Name: "Later Starter", Role: model.RolePreceptee}, testPassword); err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	laptop.rdb.QueryRow(`SELECT count(*) FROM sync_rejected WHERE device = 'ghost-pc' AND retry = 1`).Scan(&kept)
	var expired string
	laptop.rdb.QueryRow(`SELECT reason FROM sync_rejected WHERE device = 'ghost-pc' AND retry = 0 AND op <> '' LIMIT 1`).Scan(&expired)
	if kept != 0 || !strings.Contains(expired, "no longer waited for after 30 days") {
		t.Fatalf("after 31 days: %d still waiting; %q", kept, expired)
	}
}

// A change waiting for its author is judged again when that account arrives, and counts.
func TestAChangeWaitingForItsAuthorCountsWhenTheAccountArrives(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	nia, err := admin.AddUser(f.ctx, model.User{Username: "nia", Name: "Nia Newhire", Role: model.RolePreceptee}, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	op := model.Op{Table: "training", Row: "t-nia", Kind: model.OpPut, Fields: map[string]any{"user_id": nia.ID, "category": "mandatory", "course": "Fire safety"}}
	res := applyAs(t, laptop, "nia-pc", forge(t, f, keysOf(t, f.st, "nia"), nia.ID, op))
	var waitsFor string
	laptop.rdb.QueryRow(`SELECT waits_for FROM sync_rejected WHERE device = 'nia-pc'`).Scan(&waitsFor)
	if res.Rejected != 1 || waitsFor != nia.ID {
		t.Fatalf("before her account: %+v, waits for %q", res, waitsFor)
	}
	res = push(t, f.st, laptop)
	var course string
	laptop.rdb.QueryRow(`SELECT course FROM training WHERE id = 't-nia'`).Scan(&course)
	if res.Rejudged != 1 || course != "Fire safety" {
		t.Fatalf("after her account arrived: %+v, course %q", res, course)
	}
}
