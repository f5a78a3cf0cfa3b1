package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// trustWorld is a programme with its people, each with keys, and a pinned root.
type trustWorld struct {
	keys  map[string]KeyPair
	users map[string]*User
	prog  Programme
	root  TrustRoot
}

func newTrustWorld(t testing.TB) *trustWorld {
	w := &trustWorld{keys: map[string]KeyPair{}, users: map[string]*User{}}
	for i, u := range []User{
		{ID: "u-admin", Username: "alex", Name: "Alex", Role: RoleAdmin},
		{ID: "u-pat", Username: "pat", Name: "Pat", Role: RolePreceptee},
		{ID: "u-sam", Username: "sam", Name: "Sam", Role: RolePreceptor},
		{ID: "u-ola", Username: "ola", Name: "Ola", Role: RolePreceptor},
		{ID: "u-lee", Username: "lee", Name: "Lee", Role: RoleLineManager},
		{ID: "u-lead", Username: "lin", Name: "Lin", Role: RoleLead},
	} {
		kp := mustKeyPair(t, byte(10+i))
		u.Active = true
		if err := u.SetKeys(mustSeal(t, kp, "pw")); err != nil {
			t.Fatal(err)
		}
		w.keys[u.Username] = kp
		w.users[u.Username] = &u
	}
	w.prog = Programme{ID: "p-1", PrecepteeID: "u-pat", PreceptorID: "u-sam", LineManagerID: "u-lee"}
	w.root = TrustRoot{UserID: "u-admin", SignKey: w.users["alex"].SignKey}
	return w
}

// op is a change by who, signed by signer's key (unsigned when signer is "").
func (w *trustWorld) op(t testing.TB, who, signer string, o Op) (Op, Provenance) {
	o.Format, o.ID, o.Device = OpFormat, "op-1", "dev-a"
	o.HLC = HLC{Wall: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC).UnixMilli(), Device: "dev-a"}.String()
	o.Author = w.users[who].ID
	if signer != "" {
		sig, err := SignOp(w.keys[signer].SignPrivate, o)
		if err != nil {
			t.Fatal(err)
		}
		o.Sig = sig
	}
	p := Provenance{Root: w.root, Author: w.users[who]}
	if NeedsProgramme(o.Table) || o.Table == "programmes" {
		p.Programme, p.ProgrammeID = &w.prog, w.prog.ID
	}
	if o.Table == "users" {
		for _, u := range w.users {
			if u.ID == o.Row {
				p.Target = u
			}
		}
	}
	return o, p
}

func signOff(by string) Op {
	return Op{Table: "signoffs", Row: "so-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "code": "ACC-01", "signer_id": by}}
}

func TestCheckOp(t *testing.T) {
	w := newTrustWorld(t)
	tests := []struct {
		name, who, signer string
		op                Op
		refuse            string // "" when it must pass
	}{
		{"the assigned preceptor signs off", "sam", "sam", signOff("u-sam"), ""},
		{"another preceptor signs off", "ola", "ola", signOff("u-ola"), "a preceptor cannot sign off a competency here"},
		{"the preceptee signs off her own", "pat", "pat", signOff("u-pat"), "never sign off their own"},
		{"the preceptee in her preceptor's name", "pat", "pat", signOff("u-sam"), "never sign off their own"},
		{"sam's sign-off signed by ola", "sam", "ola", signOff("u-sam"), "not signed by its author"},
		{"sam's sign-off unsigned", "sam", "", signOff("u-sam"), "not signed"},
		{"sam signs off in ola's name", "sam", "sam", signOff("u-ola"), "in u-ola's name"},
		{"a sign-off withdrawn", "sam", "sam", Op{Table: "signoffs", Row: "so-1", Kind: OpDelete}, "only ever added"},
		{"progress set to signed off by the preceptee", "pat", "pat", Op{Table: "progress", Row: "pr-1", Kind: OpPut, Fields: map[string]any{"status": "signed_off"}}, "never sign off their own"},
		{"progress SLOT by the preceptee", "pat", "pat", Op{Table: "progress", Row: "pr-1", Kind: OpPut, Fields: map[string]any{"strengths": "x"}}, ""},
		{"completion by the line manager", "lee", "lee", Op{Table: "confirmations", Row: "c-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "kind": "completion", "user_id": "u-lee"}}, ""},
		{"completion by the preceptee", "pat", "pat", Op{Table: "confirmations", Row: "c-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "kind": "completion", "user_id": "u-pat"}}, "never sign off their own"},
		{"the preceptee makes herself admin", "pat", "pat", Op{Table: "users", Row: "u-pat", Kind: OpPut, Fields: map[string]any{"role": "admin"}}, "only an administrator"},
		{"the preceptee changes her password", "pat", "pat", Op{Table: "users", Row: "u-pat", Kind: OpPut, Fields: map[string]any{"password_hash": "h", "sealed_keys": "s"}}, ""},
		{"the preceptee replaces her keys", "pat", "pat", Op{Table: "users", Row: "u-pat", Kind: OpPut, Fields: map[string]any{"sign_key": "k"}}, "without closing the old one"},
		{"the administrator changes a role", "alex", "alex", Op{Table: "users", Row: "u-pat", Kind: OpPut, Fields: map[string]any{"role": "lead"}}, ""},
		{"a preceptor reassigns a programme", "sam", "sam", Op{Table: "programmes", Row: "p-1", Kind: OpPut, Fields: map[string]any{"preceptor_id": "u-ola"}}, "only a lead or administrator"},
		{"the administrator reassigns it", "alex", "alex", Op{Table: "programmes", Row: "p-1", Kind: OpPut, Fields: map[string]any{"preceptor_id": "u-ola"}}, ""},
		{"a goal by the preceptee", "pat", "pat", Op{Table: "goals", Row: "g-1", Kind: OpPut, Fields: map[string]any{"title": "x"}}, ""},
		{"the preceptee marks her programme complete", "pat", "pat", Op{Table: "programmes", Row: "p-1", Kind: OpPut, Fields: map[string]any{"status": "completed", "completed_on": "2027-09-06"}}, "only a lead or administrator"},
		{"the preceptor completes it", "sam", "sam", Op{Table: "programmes", Row: "p-1", Kind: OpPut, Fields: map[string]any{"status": "completed", "completed_on": "2027-09-06"}}, ""},
		{"the preceptor extends it", "sam", "sam", Op{Table: "programmes", Row: "p-1", Kind: OpPut, Fields: map[string]any{"extension_months": 3}}, "only a lead or administrator"},
		{"the preceptor sets it to left", "sam", "sam", Op{Table: "programmes", Row: "p-1", Kind: OpPut, Fields: map[string]any{"status": "left"}}, "only a lead or administrator"},
		{"the lead extends it", "lin", "lin", Op{Table: "programmes", Row: "p-1", Kind: OpPut, Fields: map[string]any{"extension_months": 3}}, ""},
		{"a preceptor changes a competency's level", "sam", "sam", Op{Table: "competencies", Row: "c-1", Kind: OpPut, Fields: map[string]any{"level": "could"}}, "only a lead or administrator"},
		{"the lead changes it", "lin", "lin", Op{Table: "competencies", Row: "c-1", Kind: OpPut, Fields: map[string]any{"level": "could"}}, ""},
		{"the line manager rewrites the preceptee's reflection", "lee", "lee", Op{Table: "evidence", Row: "e-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "title": "x"}}, "cannot edit own portfolio"},
		{"the preceptee writes her reflection", "pat", "pat", Op{Table: "evidence", Row: "e-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "title": "x"}}, ""},
		{"the preceptor records a meeting", "sam", "sam", Op{Table: "meetings", Row: "m-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1"}}, ""},
		{"another preceptor records one", "ola", "ola", Op{Table: "meetings", Row: "m-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1"}}, "cannot record a meeting"},
		{"the preceptee's first SLOT", "pat", "pat", Op{Table: "progress", Row: "pr-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "strengths": "x", "stretch": json.Number("0")}}, ""},
		{"the preceptee makes a competency stretch", "pat", "pat", Op{Table: "progress", Row: "pr-1", Kind: OpPut, Fields: map[string]any{"stretch": json.Number("1")}}, "cannot add a stretch"},
		{"the preceptor adds a stretch competency", "sam", "sam", Op{Table: "progress", Row: "pr-1", Kind: OpPut, Fields: map[string]any{"stretch": json.Number("1")}}, ""},
		{"the preceptor takes a stretch competency away", "sam", "sam", Op{Table: "progress", Row: "pr-1", Kind: OpPut, Fields: map[string]any{"stretch": json.Number("0")}}, ""},
		{"another preceptor takes it away", "ola", "ola", Op{Table: "progress", Row: "pr-1", Kind: OpPut, Fields: map[string]any{"stretch": json.Number("0")}}, "cannot add a stretch"},
		{"the preceptor returns a competency", "sam", "sam", Op{Table: "progress", Row: "pr-1", Kind: OpPut, Fields: map[string]any{"status": "returned"}}, ""},
		{"the preceptee returns her own", "pat", "pat", Op{Table: "status_changes", Row: "sc-1", Kind: OpPut, Fields: map[string]any{"from_status": "evidence_submitted", "to_status": "returned", "by_id": "u-pat"}}, "never sign off their own"},
		{"the preceptor records a sign-off undone", "sam", "sam", Op{Table: "status_changes", Row: "sc-2", Kind: OpPut, Fields: map[string]any{"from_status": "signed_off", "to_status": "in_progress", "by_id": "u-sam"}}, "cannot go from"},
		{"the preceptee records a jump to signed off", "pat", "pat", Op{Table: "status_changes", Row: "sc-3", Kind: OpPut, Fields: map[string]any{"from_status": "in_progress", "to_status": "signed_off", "by_id": "u-pat"}}, "cannot go from"},
		{"the preceptor raises a concern", "sam", "sam", Op{Table: "concerns", Row: "co-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "raised_by": "u-sam", "status": "open", "summary": "x", "resolution": "", "resolved_on": ""}}, ""},
		{"the preceptor raises it as resolved", "sam", "sam", Op{Table: "concerns", Row: "co-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "raised_by": "u-sam", "status": "open", "summary": "x", "resolution": "all fine"}}, "only the line manager or the lead"},
		{"the preceptee's career conversation", "pat", "pat", Op{Table: "career_conversations", Row: "cc-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1"}}, ""},
		{"the preceptor writes a career conversation", "sam", "sam", Op{Table: "career_conversations", Row: "cc-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1"}}, "cannot record a career conversation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op, p := w.op(t, tt.who, tt.signer, tt.op)
			var v OpVerifier
			err := CheckOp(op, p, &v)
			switch {
			case tt.refuse == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.refuse != "" && (err == nil || !strings.Contains(err.Error(), tt.refuse) || !errors.Is(err, ErrRefused)):
				t.Errorf("got %v, want a refusal saying %q", err, tt.refuse)
			}
		})
	}
}

// The locks the app keeps on this PC hold for a change from the shared folder, whoever
// signed it (the rule book's Locks).
func TestCheckOpKeepsTheLocks(t *testing.T) {
	w := newTrustWorld(t)
	tests := []struct {
		name, who string
		op        Op
		locks     []Lock
		refuse    string
	}{
		{"a signed-off competency moved back", "pat", Op{Table: "progress", Row: "pr-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "status": "in_progress"}}, []Lock{LockSignedOff}, "a sign-off is final"},
		{"its SLOT edited", "pat", Op{Table: "progress", Row: "pr-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "threats": "x"}}, []Lock{LockSignedOff}, ""},
		{"evidence behind a sign-off deleted", "pat", Op{Table: "evidence", Row: "ev-1", Kind: OpDelete, Fields: map[string]any{"programme_id": "p-1"}}, []Lock{LockSignedOffEvidence}, "stays in the portfolio"},
		{"its words edited", "pat", Op{Table: "evidence", Row: "ev-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "title": "x"}}, []Lock{LockSignedOffEvidence}, ""},
		{"its link deleted", "pat", Op{Table: "links", Row: "l-1", Kind: OpDelete, Fields: map[string]any{"programme_id": "p-1"}}, []Lock{LockSignedOffEvidence}, "stays in the portfolio"},
		{"its link moved", "pat", Op{Table: "links", Row: "l-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "code": "COM-01"}}, []Lock{LockSignedOffEvidence}, "stays linked"},
		{"a confirmed testimony rewritten", "pat", Op{Table: "evidence_sections", Row: "s-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "text": "x"}}, []Lock{LockConfirmedTestimony}, "as its witness confirmed it"},
		{"its witness renamed", "pat", Op{Table: "evidence", Row: "ev-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "witness_name": "x"}}, []Lock{LockConfirmedTestimony}, "as its witness confirmed it"},
		{"it is unlocked", "pat", Op{Table: "evidence", Row: "ev-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "locked": false}}, []Lock{LockConfirmedTestimony}, "as its witness confirmed it"},
		{"its links saved again", "pat", Op{Table: "evidence", Row: "ev-1", Kind: OpPut, Fields: map[string]any{"programme_id": "p-1", "updated_at": "2026-11-24T20:00:00.000Z"}}, []Lock{LockConfirmedTestimony}, ""},
		{"it is deleted", "pat", Op{Table: "evidence", Row: "ev-1", Kind: OpDelete, Fields: map[string]any{"programme_id": "p-1"}}, []Lock{LockConfirmedTestimony}, "as its witness confirmed it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op, p := w.op(t, tt.who, tt.who, tt.op)
			p.Locks = map[Lock]bool{}
			for _, l := range tt.locks {
				p.Locks[l] = true
			}
			var v OpVerifier
			err := CheckOp(op, p, &v)
			switch {
			case tt.refuse == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.refuse != "" && (err == nil || !strings.Contains(err.Error(), tt.refuse)):
				t.Errorf("got %v, want a refusal saying %q", err, tt.refuse)
			}
			p.Locks = nil
			if tt.refuse != "" && CheckOp(op, p, &v) != nil {
				t.Errorf("refused without the lock too: %v", CheckOp(op, p, &v))
			}
		})
	}
}

func TestCheckOpWaitsForWhatHasNotArrived(t *testing.T) {
	w := newTrustWorld(t)
	op, p := w.op(t, "sam", "sam", signOff("u-sam"))
	var v OpVerifier
	var r *Refusal
	p.Programme = nil
	if err := CheckOp(op, p, &v); !errors.As(err, &r) || !r.Waiting {
		t.Errorf("programme not here yet: %v", err)
	}
	p.Author = nil
	if err := CheckOp(op, p, &v); !errors.As(err, &r) || !r.Waiting {
		t.Errorf("author not here yet: %v", err)
	}
	// The root administrator's own account vouches for itself, and nobody else's does.
	root := w.users["alex"]
	self, _ := w.op(t, "alex", "alex", Op{Table: "users", Row: root.ID, Kind: OpPut, Fields: map[string]any{"sign_key": root.SignKey, "role": "admin"}})
	if err := CheckOp(self, Provenance{Root: w.root}, &v); err != nil {
		t.Errorf("the root administrator's own account: %v", err)
	}
	imp, _ := w.op(t, "ola", "ola", Op{Table: "users", Row: w.users["ola"].ID, Kind: OpPut, Fields: map[string]any{"sign_key": w.users["ola"].SignKey, "role": "admin"}})
	if err := CheckOp(imp, Provenance{Root: w.root}, &v); !errors.As(err, &r) || !r.Waiting {
		t.Errorf("an account vouching for itself: %v", err)
	}
}

func TestCheckOpUnprotected(t *testing.T) {
	w := newTrustWorld(t)
	w.root = TrustRoot{}
	var v OpVerifier
	for _, c := range []struct {
		who, signer string
		op          Op
		ok          bool
	}{
		{"sam", "", signOff("u-sam"), true},     // an earlier version's change
		{"sam", "ola", signOff("u-sam"), false}, // a signature, when there is one, must still verify
		{"pat", "pat", signOff("u-pat"), false}, // and the author must still be allowed
	} {
		op, p := w.op(t, c.who, c.signer, c.op)
		if err := CheckOp(op, p, &v); (err == nil) != c.ok {
			t.Errorf("%s signed by %q: %v", c.who, c.signer, err)
		}
	}
	// An account that creates itself, signed with the key it carries (a first administrator
	// set up before the share was protected), counts; with someone else's key it does not.
	self, _ := w.op(t, "ola", "ola", Op{Table: "users", Row: "u-ola", Kind: OpPut, Fields: map[string]any{"sign_key": w.users["ola"].SignKey, "role": "admin"}})
	if err := CheckOp(self, Provenance{Root: w.root}, &v); err != nil {
		t.Errorf("a self-signed account on an unprotected share: %v", err)
	}
	self.Fields["sign_key"] = w.users["sam"].SignKey
	if err := CheckOp(self, Provenance{Root: w.root}, &v); err == nil {
		t.Error("an account naming a key that did not sign it")
	}
	// An account's first keys, set by its owner, count on an unprotected share only.
	keyless := *w.users["pat"]
	keyless.SignKey, keyless.BoxKey, keyless.SealedKeys = "", "", ""
	op, p := w.op(t, "pat", "pat", Op{Table: "users", Row: "u-pat", Kind: OpPut, Fields: map[string]any{"sign_key": w.users["pat"].SignKey, "box_key": "b", "sealed_keys": "s"}})
	p.Target = &keyless
	if err := CheckOp(op, p, &v); err != nil {
		t.Errorf("first keys on an unprotected share: %v", err)
	}
	p.Root = newTrustWorld(t).root
	if err := CheckOp(op, p, &v); err == nil {
		t.Error("first keys set by their owner on a protected share")
	}
}

// A signature by a key the account had when the change was made still counts after a
// reset; one made after the key was retired does not.
func TestCheckOpKeyHistory(t *testing.T) {
	w := newTrustWorld(t)
	old := w.keys["sam"]
	fresh := mustKeyPair(t, 99)
	sam := *w.users["sam"]
	sam.SetHistory(sam.History().Retire(old.SignPublic, time.Time{}, time.Date(2026, 11, 24, 13, 0, 0, 0, time.UTC)))
	if err := sam.SetKeys(mustSeal(t, fresh, "pw2")); err != nil {
		t.Fatal(err)
	}
	w.users["sam"] = &sam
	op, p := w.op(t, "sam", "sam", signOff("u-sam")) // signed with the old key at 12:00
	var v OpVerifier
	if err := CheckOp(op, p, &v); err != nil {
		t.Fatalf("before the reset: %v", err)
	}
	op.HLC = HLC{Wall: time.Date(2026, 11, 24, 14, 0, 0, 0, time.UTC).UnixMilli(), Device: "dev-a"}.String()
	sig, _ := SignOp(old.SignPrivate, op)
	op.Sig = sig
	if err := CheckOp(op, p, &v); err == nil {
		t.Fatal("a retired key signed a change dated after its retirement")
	}
}

// FuzzCheckOp throws arbitrary operations at a protected device: CheckOp must never panic,
// and nothing may pass unless its author's key really signed it.
func FuzzCheckOp(f *testing.F) {
	w := newTrustWorld(f)
	good, _ := w.op(f, "sam", "sam", signOff("u-sam"))
	raw, _ := json.Marshal(good)
	f.Add(raw, "sam", uint8(0))
	f.Add([]byte(`{"v":1,"table":"users","row":"u-admin","kind":"put","fields":{"role":"admin"},"author":"u-pat","sig":"AAAA"}`), "pat", uint8(0))
	f.Add([]byte(`{"v":1,"table":"signoffs","row":"x","kind":"delete","author":"u-sam"}`), "nobody", uint8(0))
	// Every kind in the rule book, properly signed, with each of its locks.
	for _, k := range Records {
		for _, kind := range []OpKind{OpPut, OpDelete} {
			op, _ := w.op(f, "pat", "pat", Op{Table: k.Table, Row: "r-1", Kind: kind, Fields: map[string]any{"programme_id": "p-1", "status": "in_progress", "title": "x", "code": "QI-01"}})
			raw, _ := json.Marshal(op)
			f.Add(raw, "pat", uint8(7))
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte, who string, locks uint8) {
		var op Op
		if json.Unmarshal(raw, &op) != nil {
			return
		}
		p := Provenance{Root: w.root, Author: w.users[who], Programme: &w.prog, ProgrammeID: w.prog.ID, Locks: map[Lock]bool{}}
		for i, l := range []Lock{LockConfirmedTestimony, LockSignedOffEvidence, LockSignedOff} {
			p.Locks[l] = locks&(1<<i) != 0
		}
		var v OpVerifier
		err := CheckOp(op, p, &v)
		if err == nil && p.Locks[LockSignedOff] && op.Table == "progress" {
			if s, ok := op.Fields["status"].(string); ok && Status(s) != SignedOff || op.Kind == OpDelete {
				t.Fatalf("a signed-off competency moved: %s", fmt.Sprint(op))
			}
		}
		if err == nil && p.Locks[LockConfirmedTestimony] && op.Kind == OpDelete && (op.Table == "evidence" || op.Table == "evidence_sections" || op.Table == "attachments") {
			t.Fatalf("part of a confirmed testimony deleted: %s", fmt.Sprint(op))
		}
		if err == nil {
			signer := p.Author
			if signer == nil {
				signer = w.users["alex"] // only the root's own account passes without a known author
			}
			if VerifyOp(signer.SigningKey(), op) != nil {
				t.Fatalf("passed without a valid signature by its author: %s", fmt.Sprint(op))
			}
		} else if !errors.Is(err, ErrRefused) {
			t.Fatalf("not a refusal: %v", err)
		}
	})
}

func TestCheckOpPersonRecords(t *testing.T) {
	w := newTrustWorld(t)
	var v OpVerifier
	training := func(subject string) Op {
		return Op{Table: "training", Row: "t-1", Kind: OpPut, Fields: map[string]any{"user_id": subject, "course": "Fire safety"}}
	}
	for _, c := range []struct {
		who, subject string
		programme    bool // the subject has a programme here
		ok           bool
	}{
		{"pat", "u-pat", true, true},   // her own
		{"lee", "u-pat", true, true},   // her line manager
		{"lin", "u-pat", true, true},   // the lead
		{"sam", "u-pat", true, false},  // her preceptor does not record training
		{"pat", "u-sam", false, false}, // a preceptee, for her preceptor
		{"sam", "u-sam", false, true},  // a preceptor's own
		{"lin", "u-sam", false, true},  // the lead, for anyone
	} {
		op, p := w.op(t, c.who, c.who, training(c.subject))
		p.Subject, p.Programme = c.subject, nil
		if c.programme {
			p.Programme = &w.prog
		}
		if err := CheckOp(op, p, &v); (err == nil) != c.ok {
			t.Errorf("%s recording training for %s: %v", c.who, c.subject, err)
		}
	}
	op, p := w.op(t, "pat", "pat", training("u-pat"))
	var r *Refusal
	if err := CheckOp(op, p, &v); !errors.As(err, &r) || !r.Waiting {
		t.Errorf("whose record is not known yet: %v", err)
	}
}
