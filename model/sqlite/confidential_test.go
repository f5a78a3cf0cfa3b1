package sqlite

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pursuit/model"
)

// confidentialWorld is the protected ward PC and laptop, with a facilitator on Pat's
// programme, and Pat's 6-month career conversation written on the ward PC.
func confidentialWorld(t *testing.T) (*fixture, *Store, model.CareerConversation) {
	t.Helper()
	f, laptop, admin := protectedDevices(t)
	grace, err := admin.AddUser(f.ctx, model.User{Username: "grace", Name: "Grace Facilitator", Role: model.RoleFacilitator}, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	f.users["grace"] = grace
	f.prog.FacilitatorID = grace.ID
	if f.prog, err = admin.SaveProgramme(f.ctx, f.prog); err != nil {
		t.Fatal(err)
	}
	pat := signIn(t, f.st, "pat")
	c, err := pat.SaveCareerConversation(f.ctx, model.CareerConversation{ProgrammeID: f.prog.ID, Milestone: 6, Date: model.NewDate(2027, 3, 1),
		Aspirations: "I would like to move to the neonatal unit", Notes: "Thinking about leaving the ward because of the night rota"})
	if err != nil {
		t.Fatal(err)
	}
	return f, laptop, c
}

func TestACareerConversationTravelsEncrypted(t *testing.T) {
	f, laptop, c := confidentialWorld(t)
	// What goes to the share carries none of the words.
	ops, _ := f.st.Pending(f.ctx, 1<<20, 1<<30)
	var sealedOp model.Op
	for _, o := range ops {
		if bytes.Contains(o.Op, []byte("neonatal")) || bytes.Contains(o.Op, []byte("night rota")) {
			t.Fatalf("the words are on the share in the clear: %s", o.Op)
		}
		var op model.Op
		json.Unmarshal(o.Op, &op)
		if op.Table == "career_conversations" {
			sealedOp = op
		}
	}
	if sealedOp.Enc == "" {
		t.Fatal("the career conversation was not encrypted")
	}
	if res := push(t, f.st, laptop); res.Rejected != 0 {
		t.Fatalf("rejected: %q", rejected(t, laptop))
	}
	// On the laptop, before any reader signs in, the database holds no words either.
	laptop.wdb.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	for _, name := range []string{DatabaseFile, DatabaseFile + "-wal"} {
		b, _ := os.ReadFile(filepath.Join(laptop.Dir(), name))
		if bytes.Contains(b, []byte("neonatal")) {
			t.Fatalf("%s on the laptop holds the words before a reader signed in", name)
		}
	}
	// A third account: the matrix refuses, and the envelope has nothing for Sam either.
	sam := signIn(t, laptop, "sam")
	if _, err := sam.CareerConversations(f.ctx, f.prog.ID); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("sam reads the career conversation: %v", err)
	}
	env, err := parseEnvelope(sealedOp.Enc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.OpenAs(f.users["sam"].ID, sam.keys.BoxPrivate, ""); !errors.Is(err, model.ErrNotARecipient) {
		t.Errorf("sam opens the envelope: %v", err)
	}
	if _, err := env.OpenAs(f.users["pat"].ID, sam.keys.BoxPrivate, ""); err == nil {
		t.Error("sam's key opens Pat's part of the envelope")
	}
	if pf, err := sam.Portfolio(f.ctx, f.prog.ID); err != nil || len(pf.Conversations) != 1 || pf.Conversations[0].Notes != "" {
		t.Errorf("sam's view of the portfolio: %v %+v", err, pf.Conversations)
	}
	// The facilitator signs in on the laptop: the conversation opens for her.
	grace := signIn(t, laptop, "grace")
	got, err := grace.CareerConversations(f.ctx, f.prog.ID)
	if err != nil || len(got) != 1 || got[0].Notes != c.Notes || got[0].Aspirations != c.Aspirations {
		t.Fatalf("grace reads %+v, %v", got, err)
	}
	var left int
	laptop.rdb.QueryRow(`SELECT count(*) FROM sealed_ops`).Scan(&left)
	if left != 0 {
		t.Errorf("%d envelopes still kept after their reader opened them", left)
	}
	if dumpOf(t, laptop) != dumpOf(t, f.st) {
		t.Error("the two devices' dumps differ")
	}
}

// Both readers change the same conversation while apart: the version that loses is kept to
// choose from, and opens for a reader like the winner.
func TestConfidentialEditsOnTwoDevicesAreKeptToChooseFrom(t *testing.T) {
	f, laptop, c := confidentialWorld(t)
	push(t, f.st, laptop)
	grace := signIn(t, laptop, "grace")
	c2 := c
	c2.Notes = "Grace's notes: discussed a secondment"
	if _, err := grace.SaveCareerConversation(f.ctx, c2); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	pat := signIn(t, f.st, "pat")
	c3 := c
	c3.Notes = "Pat's notes: decided to stay for now"
	if _, err := pat.SaveCareerConversation(f.ctx, c3); err != nil {
		t.Fatal(err)
	}
	push(t, laptop, f.st)
	push(t, f.st, laptop)
	// On the laptop Pat's later version arrived sealed; Grace opens it, with the conflict.
	grace = signIn(t, laptop, "grace")
	got, _ := grace.CareerConversations(f.ctx, f.prog.ID)
	if len(got) != 1 || got[0].Notes != c3.Notes {
		t.Fatalf("laptop shows %+v", got)
	}
	var other string
	laptop.rdb.QueryRow(`SELECT other_value FROM sync_conflicts WHERE tbl = 'career_conversations' AND field = 'notes'`).Scan(&other)
	if other != c2.Notes {
		t.Errorf("the laptop keeps %q to choose from", other)
	}
	// On the ward PC, Grace's version arrived sealed and lost: Pat opens it as the other side.
	signIn(t, f.st, "pat")
	f.st.rdb.QueryRow(`SELECT other_value FROM sync_conflicts WHERE tbl = 'career_conversations' AND field = 'notes'`).Scan(&other)
	if other != c2.Notes {
		t.Errorf("the ward PC keeps %q to choose from", other)
	}
}

// A concern marked confidential is sealed to those who may read concerns on the
// programme; an ordinary one travels as before.
func TestAConfidentialConcern(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	lee := signIn(t, f.st, "lee")
	if _, err := lee.SaveConcern(f.ctx, model.Concern{ProgrammeID: f.prog.ID, Summary: "Confidential: health", Detail: "Occupational health referral", Confidential: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := lee.SaveConcern(f.ctx, model.Concern{ProgrammeID: f.prog.ID, Summary: "Late to handover", Detail: "Twice this week"}); err != nil {
		t.Fatal(err)
	}
	ops, _ := f.st.Pending(f.ctx, 1<<20, 1<<30)
	all := ""
	for _, o := range ops {
		all += string(o.Op)
	}
	if strings.Contains(all, "Occupational health") || !strings.Contains(all, "Twice this week") {
		t.Fatal("the confidential concern is in the clear, or the ordinary one is not")
	}
	push(t, f.st, laptop)
	ola := signIn(t, laptop, "ola") // a preceptor, not Pat's
	if _, err := ola.Portfolio(f.ctx, f.prog.ID); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("ola reads Pat's portfolio: %v", err)
	}
	sam := signIn(t, laptop, "sam") // Pat's preceptor reads concerns on her programme
	pf, err := sam.Portfolio(f.ctx, f.prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range pf.Concerns {
		found = found || c.Detail == "Occupational health referral"
	}
	if !found {
		t.Errorf("sam, a reader, sees %+v", pf.Concerns)
	}
}

// A command-line reader on a read-only copy, whose sealed career conversation is here but
// not yet opened, reads her portfolio without a fault: the words stay sealed and say so
// (found by a review as an attacker: it used to stop with a nil pointer).
func TestAReadOnlyReaderOfASealedRecordReadsHerPortfolio(t *testing.T) {
	f, laptop, _ := confidentialWorld(t)
	if res := push(t, f.st, laptop); res.Rejected != 0 {
		t.Fatalf("rejected: %q", rejected(t, laptop))
	}
	dir := laptop.Dir()
	laptop.Close()
	ro, err := Open(f.ctx, dir, Options{Now: f.clock.Now, HashParams: cheapHash, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	pat, err := ro.SignInToRead(f.ctx, "pat", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	pf, err := pat.Portfolio(f.ctx, f.prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pf.Conversations) != 1 || pf.Conversations[0].Aspirations != model.SealedPlaceholder {
		t.Fatalf("the conversation on a read-only copy: %+v", pf.Conversations)
	}
}
