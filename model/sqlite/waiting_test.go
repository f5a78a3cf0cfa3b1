package sqlite

import (
	"bytes"
	"encoding/json"
	"errors"
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

// Issue 14, attack 6 again: a PC keeps aside at most so many changes from one device, one
// claimed author, and (ten times as many) from authors it has not heard of. Past a limit
// the segment is not applied — it waits on the shared folder, nothing of it lost — and is
// applied once less is kept aside: a new PC meeting a Trust's changes before the accounts
// that made them only takes longer, and a flood stops growing the database.
func TestKeptAsideIsBoundedAndNothingPastTheLimitIsLost(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	laptop.keptAsideLimit = 100
	key := func(seed string) *model.KeyPair {
		kp, err := model.NewKeyPair(bytes.NewReader(bytes.Repeat([]byte(seed), 16)))
		if err != nil {
			t.Fatal(err)
		}
		return &kp
	}
	segment := func(kp *model.KeyPair, author, prefix string, n int) []json.RawMessage {
		ops := make([]model.Op, n)
		for i := range ops {
			ops[i] = model.Op{Table: "training", Row: fmt.Sprintf("%s-%d", prefix, i), Kind: model.OpPut,
				Fields: map[string]any{"user_id": author, "category": "mandatory", "course": "Fire safety"}}
		}
		return forge(t, f, kp, author, ops...)
	}
	apply := func(device string, raws []json.RawMessage) error {
		seq, _ := laptop.AppliedSeq(f.ctx, device)
		_, err := laptop.ApplySegment(f.ctx, device, seq+1, raws)
		return err
	}
	count := func(q string, args ...any) int {
		var n int
		if err := laptop.rdb.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	full := func(err error, whose string) {
		t.Helper()
		var e *KeptAsideFullError
		if !errors.As(err, &e) || e.Whose != whose {
			t.Fatalf("want the segment held back for %s: %v", whose, err)
		}
	}

	// Nia's account is made on the ward PC, which the laptop has not read yet; her own PC's
	// changes arrive first. The second segment would pass the device's limit: held back.
	nia, err := admin.AddUser(f.ctx, model.User{Username: "nia", Name: "Nia Newhire", Role: model.RolePreceptee}, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	niaKeys := keysOf(t, f.st, "nia")
	if err := apply("nia-pc", segment(niaKeys, nia.ID, "t-nia-1", 60)); err != nil {
		t.Fatal(err)
	}
	second := segment(niaKeys, nia.ID, "t-nia-2", 60)
	full(apply("nia-pc", second), "this device")
	if seq, _ := laptop.AppliedSeq(f.ctx, "nia-pc"); seq != 1 || count(`SELECT count(*) FROM sync_rejected`) != 60 {
		t.Fatalf("after the held segment: applied up to %d, %d kept aside", seq, count(`SELECT count(*) FROM sync_rejected`))
	}
	// Her account arrives: the 60 count, and the held segment applies whole.
	before, _ := laptop.KeptAsideCount(f.ctx)
	push(t, f.st, laptop)
	if after, _ := laptop.KeptAsideCount(f.ctx); after >= before {
		t.Fatalf("kept aside %d before her account, %d after", before, after)
	}
	if err := apply("nia-pc", second); err != nil {
		t.Fatal(err)
	}
	if n := count(`SELECT count(*) FROM training WHERE user_id = ?`, nia.ID); n != 120 {
		t.Fatalf("%d of Nia's 120 training records count", n)
	}

	// A made-up author on one device, then on another: held for the author.
	ghost := key("a ghost ")
	if err := apply("ghost-pc", segment(ghost, "u-ghost", "g1", 90)); err != nil {
		t.Fatal(err)
	}
	full(apply("ghost-pc-2", segment(ghost, "u-ghost", "g2", 20)), "this author")
	// Many made-up devices, each with its own author, each under both limits: held once ten
	// times the limit is kept aside from all of them together.
	var err2 error
	for i := 0; i < 20 && err2 == nil; i++ {
		err2 = apply(fmt.Sprintf("flood-%02d", i), segment(key(fmt.Sprintf("flood %d ", i)), fmt.Sprintf("u-flood-%02d", i), fmt.Sprintf("f%02d", i), 95))
	}
	full(err2, "all devices together")
	if n := count(`SELECT count(*) FROM sync_rejected`); n > 1000 {
		t.Fatalf("%d changes kept aside, past ten times the limit", n)
	}

	// Thirty-one days on, the waiting ones stop waiting and are kept only as the list shows
	// them: whose, which record.
	f.clock.Advance(31 * 24 * time.Hour)
	if _, err := admin.AddUser(f.ctx, model.User{Username: "later", Name: "Later Starter", Role: model.RolePreceptee}, testPassword); err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	if n := count(`SELECT max(length(op)) FROM sync_rejected`); n > 400 {
		t.Fatalf("an expired change is still kept whole: %d bytes", n)
	}
	kept, err := laptop.rejectedChanges(f.ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kept {
		if k.Table != "training" || k.Row == "" || k.AuthorID == "" {
			t.Fatalf("the compact log lost whose and which record: %+v", k)
		}
	}
}
