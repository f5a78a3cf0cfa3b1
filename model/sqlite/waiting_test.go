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

// Issue 14, attack 6 again: one device, or one claimed author, may have only so many
// changes kept aside whole. Past the limit they are counted in one row, so a flood cannot
// fill the PC; the list says how many, and other devices' changes still count.
func TestKeptAsideIsCappedPerDeviceAndPerClaimedAuthor(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	laptop.keptAsideLimit = 100
	ghost, err := model.NewKeyPair(bytes.NewReader(bytes.Repeat([]byte("a ghost's key "), 8)))
	if err != nil {
		t.Fatal(err)
	}
	flood := func(device, author string, n int) ApplyResult {
		ops := make([]model.Op, n)
		for i := range ops {
			ops[i] = model.Op{Table: "goals", Row: fmt.Sprintf("g-%s-%s-%d", device, author, i), Kind: model.OpPut,
				Fields: map[string]any{"programme_id": f.prog.ID, "title": "planted", "status": "planned"}}
		}
		return applyAs(t, laptop, device, forge(t, f, &ghost, author, ops...))
	}
	count := func(q string, args ...any) int {
		var n int
		if err := laptop.rdb.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	var over int
	for range 3 {
		res := flood("ghost-pc", "u-ghost", 1000)
		over += res.OverLimit
	}
	// The same claimed author from another device: over her limit from the first change.
	res := flood("ghost-pc-2", "u-ghost", 50)
	// Another name from the first device: over that device's limit.
	res2 := flood("ghost-pc", "u-phantom", 50)
	if over != 2900 || res.OverLimit != 50 || res.Rejected != 0 || res2.OverLimit != 50 {
		t.Fatalf("past the limit: %d, then %+v, then %+v", over, res, res2)
	}
	if whole := count(`SELECT count(*) FROM sync_rejected WHERE tally = 0`); whole != 100 {
		t.Fatalf("%d changes kept whole, want the limit of 100", whole)
	}
	if rows, tallied := count(`SELECT count(*) FROM sync_rejected WHERE tally > 0`), count(`SELECT sum(tally) FROM sync_rejected`); rows != 3 || tallied != 3000 {
		t.Fatalf("%d rows count %d changes over the limit, want 3 rows counting 3000", rows, tallied)
	}
	if got := count(`SELECT tally FROM sync_rejected WHERE device = 'ghost-pc' AND author = 'u-ghost' AND tally > 0`); got != 2900 {
		t.Fatalf("ghost-pc's own row counts %d", got)
	}

	// The administrator's list names them.
	kept, err := laptop.rejectedChanges(f.ctx, 500)
	if err != nil {
		t.Fatal(err)
	}
	notKept := 0
	for _, k := range kept {
		if k.NotKept > 0 {
			notKept += k.NotKept
			if !strings.Contains(k.Reason, "over the limit") || k.Table != "" {
				t.Fatalf("the row standing for the rest: %+v", k)
			}
		}
	}
	if notKept != 3000 {
		t.Fatalf("the list counts %d not kept", notKept)
	}

	// A real device's changes still count.
	if _, err := admin.AddUser(f.ctx, model.User{Username: "newstarter", Name: "New Starter", Role: model.RolePreceptee}, testPassword); err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	if count(`SELECT count(*) FROM users WHERE username = 'newstarter'`) != 1 {
		t.Fatal("the ward PC's new account did not arrive past the flood")
	}

	// Thirty-one days on, the waiting ones stop waiting and are kept only as the list shows
	// them: whose, which record.
	f.clock.Advance(31 * 24 * time.Hour)
	if _, err := admin.AddUser(f.ctx, model.User{Username: "later", Name: "Later Starter", Role: model.RolePreceptee}, testPassword); err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	if n := count(`SELECT max(length(op)) FROM sync_rejected WHERE tally = 0`); n > 300 {
		t.Fatalf("an expired change is still kept whole: %d bytes", n)
	}
	kept, err = laptop.rejectedChanges(f.ctx, 500)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kept {
		if k.NotKept == 0 && (k.Table != "goals" || !strings.HasPrefix(k.Row, "g-ghost-pc-u-ghost-") || k.Author != "u-ghost") {
			t.Fatalf("the compact log lost whose and which record: %+v", k)
		}
	}
}
