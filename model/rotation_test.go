package model

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"
	"time"
)

// A closed key counts only for the saves its statement lists, whatever date a change
// gives; vouching adds one.
func TestAClosedKeyCountsOnlyForWhatItListed(t *testing.T) {
	w := newTrustWorld(t)
	old := w.keys["sam"]
	listed, p := w.op(t, "sam", "sam", signOff("u-sam"))
	id, ok := SaveOf(listed)
	if !ok {
		t.Fatal("no save for a signed change")
	}
	later := signOff("u-sam")
	later.Row = "so-later"
	unlisted, _ := w.op(t, "sam", "sam", later)
	unlisted.HLC = HLC{Wall: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli(), Device: "dev-a"}.String() // dated long before
	unlisted.Sig, _ = SignOp(old.SignPrivate, unlisted)

	sam := *w.users["sam"]
	sam.SetHistory(sam.History().Close(old.SignPublic, time.Time{}, time.Date(2026, 11, 24, 13, 0, 0, 0, time.UTC), []SaveID{id}))
	if err := sam.SetKeys(mustSeal(t, mustKeyPair(t, 98), "pw2")); err != nil {
		t.Fatal(err)
	}
	p.Author = &sam
	var v OpVerifier
	if err := CheckOp(listed, p, &v); err != nil {
		t.Fatalf("a listed save: %v", err)
	}
	err := CheckOp(unlisted, p, &v)
	if err == nil || !strings.Contains(err.Error(), "old key") {
		t.Fatalf("a save the closed key did not list: %v", err)
	}
	uid, _ := SaveOf(unlisted)
	h, ok := sam.History().Vouch(old.SignPublic, uid)
	if !ok || h[0].Count() != 2 || !h[0].Lists(id) || !h[0].Lists(uid) {
		t.Fatalf("vouching: ok %v, %d listed", ok, h[0].Count())
	}
	sam.SetHistory(h)
	if err := CheckOp(unlisted, p, &v); err != nil {
		t.Fatalf("after vouching: %v", err)
	}
}

// What a person may do to their own keys: close the current one for a new one, vouch for
// a save; never reopen, rewrite or drop a retired key, or replace a key without closing it.
func TestOwnKeyChanges(t *testing.T) {
	w := newTrustWorld(t)
	pat := *w.users["pat"]
	cur := w.keys["pat"]
	t0 := time.Date(2026, 11, 24, 13, 0, 0, 0, time.UTC)
	closed := pat.History().Close(cur.SignPublic, time.Time{}, t0, []SaveID{{1}, {2}})
	fresh := base64.StdEncoding.EncodeToString(mustKeyPair(t, 97).SignPublic)
	enc := func(h KeyHistory) string { u := User{}; u.SetHistory(h); return u.KeyHistory }

	rotated := pat
	rotated.SignKey = fresh
	rotated.SetHistory(closed)
	vouched, _ := closed.Vouch(cur.SignPublic, SaveID{3})
	reopened := slices.Clone(closed)
	reopened[0].Closed = false
	takenOut := slices.Clone(closed)
	takenOut[0].Signed = closed[0].Signed[len(SaveID{}):]
	tests := []struct {
		name   string
		target User
		fields map[string]any
		refuse string
	}{
		{"rotation", pat, map[string]any{"sign_key": fresh, "key_history": enc(closed)}, ""},
		{"a new key with the old one left open", pat, map[string]any{"sign_key": fresh}, "without closing"},
		{"someone else's key closed", pat, map[string]any{"sign_key": fresh, "key_history": enc(pat.History().Close(w.keys["sam"].SignPublic, time.Time{}, t0, nil))}, "without closing"},
		{"vouching", rotated, map[string]any{"key_history": enc(vouched)}, ""},
		{"a save taken out", rotated, map[string]any{"key_history": enc(takenOut)}, "back out"},
		{"a retired key reopened", rotated, map[string]any{"key_history": enc(reopened)}, "rewrote"},
		{"a retired key dropped", rotated, map[string]any{"key_history": "[]"}, "removed"},
		{"unreadable", rotated, map[string]any{"key_history": "{"}, "unreadable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			target := tc.target
			err := checkOwnKeys(Op{Table: "users", Row: pat.ID, Kind: OpPut, Fields: tc.fields}, &target)
			if tc.refuse == "" && err != nil || tc.refuse != "" && (err == nil || !strings.Contains(err.Error(), tc.refuse)) {
				t.Fatalf("got %v, want %q", err, tc.refuse)
			}
		})
	}
}
