package sqlite

// Issue 14, point 4: the share's checks are the app's rules. Each attack below is refused
// by the app on this PC; here the same change arrives from the shared folder, signed with
// the attacker's own key, and must be kept aside just the same.

import (
	"errors"
	"strings"
	"testing"

	"pursuit/model"
)

// signedOffWithEvidence has Pat write a reflection for ACC-01 and a testimony, Sam sign
// ACC-01 off and a ward sister confirm the testimony, all on the ward PC and synced to the
// laptop.
func signedOffWithEvidence(t *testing.T) (f *fixture, laptop *Store, reflection, testimony model.Evidence) {
	t.Helper()
	f, laptop, _ = protectedDevices(t)
	pat := signIn(t, f.st, "pat")
	var err error
	reflection, err = pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.Reflection, Title: "Night shift escalation",
		OccurredOn: model.NewDate(2026, 10, 1), Codes: []string{"ACC-01"}, Sections: map[string]string{"description": "What happened on nights"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := pat.ChangeStatus(f.ctx, f.prog.ID, "ACC-01", model.InProgress, ""); err != nil {
		t.Fatal(err)
	}
	if err := pat.ChangeStatus(f.ctx, f.prog.ID, "ACC-01", model.EvidenceSubmitted, "Please review"); err != nil {
		t.Fatal(err)
	}
	if _, err := pat.SignOff(f.ctx, f.prog.ID, "ACC-01", Countersignature{"sam", testPassword}); err != nil {
		t.Fatal(err)
	}
	testimony, err = pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.Testimony, Title: "Handover",
		OccurredOn: model.NewDate(2026, 10, 2), Codes: []string{"COM-01"}, Sections: map[string]string{"statement": "Pat handed over clearly."}})
	if err != nil {
		t.Fatal(err)
	}
	if testimony, err = pat.ConfirmTestimony(f.ctx, testimony.ID, Countersignature{"ola", testPassword}, "Ward sister"); err != nil {
		t.Fatal(err)
	}
	if res := push(t, f.st, laptop); res.Rejected != 0 {
		t.Fatalf("rejected: %q", rejected(t, laptop))
	}
	return f, laptop, reflection, testimony
}

func TestTheAppsRulesHoldForChangesFromTheSharedFolder(t *testing.T) {
	f, laptop, reflection, testimony := signedOffWithEvidence(t)
	pat, patKeys := f.users["pat"], keysOf(t, f.st, "pat")
	acc := model.ProgressID(f.prog.ID, "ACC-01")
	var linkID string
	laptop.rdb.QueryRow(`SELECT id FROM links WHERE owner_id = ?`, reflection.ID).Scan(&linkID)
	var sectionID string
	laptop.rdb.QueryRow(`SELECT id FROM evidence_sections WHERE evidence_id = ? AND key = 'statement'`, testimony.ID).Scan(&sectionID)
	if linkID == "" || sectionID == "" {
		t.Fatal("the fixture has no link or statement")
	}
	attacks := []struct {
		name, want string
		op         model.Op
	}{
		{"the reflection behind a sign-off deleted", "stays in the portfolio",
			model.Op{Table: "evidence", Row: reflection.ID, Kind: model.OpDelete}},
		{"its link to the signed-off competency deleted", "stays in the portfolio",
			model.Op{Table: "links", Row: linkID, Kind: model.OpDelete}},
		{"its link moved to another competency", "stays linked",
			model.Op{Table: "links", Row: linkID, Kind: model.OpPut, Fields: map[string]any{"code": "QI-01"}}},
		{"the signed-off competency moved back to in progress", "a sign-off is final",
			model.Op{Table: "progress", Row: acc, Kind: model.OpPut, Fields: map[string]any{"status": string(model.InProgress)}}},
		{"its history rewritten from signed off", "cannot go from",
			model.Op{Table: "status_changes", Row: "sc-forged", Kind: model.OpPut, Fields: map[string]any{"programme_id": f.prog.ID, "code": "ACC-01",
				"from_status": string(model.SignedOff), "to_status": string(model.InProgress), "by_id": pat.ID, "by_name": pat.Name, "by_role": "preceptee"}}},
		{"the confirmed testimony's statement rewritten", "as its witness confirmed it",
			model.Op{Table: "evidence_sections", Row: sectionID, Kind: model.OpPut, Fields: map[string]any{"text": "Pat is the best nurse on the ward."}}},
		{"the confirmed testimony's witness renamed", "as its witness confirmed it",
			model.Op{Table: "evidence", Row: testimony.ID, Kind: model.OpPut, Fields: map[string]any{"witness_name": "Matron"}}},
		{"the confirmed testimony deleted", "as its witness confirmed it",
			model.Op{Table: "evidence", Row: testimony.ID, Kind: model.OpDelete}},
		{"a testimony confirmed in a charge nurse's name", "confirmed in",
			model.Op{Table: "evidence", Row: "ev-forged", Kind: model.OpPut, Fields: map[string]any{"programme_id": f.prog.ID, "type": "testimony",
				"title": "Testimony", "locked": true, "witness_id": f.users["lee"].ID, "witness_name": "Lee Manager", "witness_confirmed_at": "2026-11-24T19:45:00.000Z"}}},
	}
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			// The app refuses each of these here; from the share they are refused the same.
			f.clock.Advance(1)
			applyRogue(t, f, laptop, forge(t, f, patKeys, pat.ID, a.op), a.want)
		})
	}
	if s := statusOf(t, laptop, "pat", f.prog.ID, "ACC-01"); s != model.SignedOff {
		t.Fatalf("ACC-01 is %s on the laptop", s)
	}
	ev, err := signIn(t, laptop, "pat").EvidenceItem(f.ctx, testimony.ID)
	if err != nil || ev.Sections["statement"] != "Pat handed over clearly." || ev.WitnessName != "Ola Otherward" || !ev.WitnessedByAccount() {
		t.Fatalf("the testimony on the laptop: %+v %v", ev, err)
	}
}

// A preceptee corrects her training records but does not delete them: one her line
// manager recorded stays, from the share as on this PC.
func TestAPrecepteeDoesNotDeleteHerTrainingThroughTheSharedFolder(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	lee := signIn(t, f.st, "lee")
	tr, err := lee.SaveTraining(f.ctx, model.TrainingRecord{UserID: f.users["pat"].ID, Category: "mandatory", Course: "Fire safety",
		CompletedOn: model.NewDate(2025, 9, 1), RefresherMonths: 12})
	if err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	if err := signIn(t, f.st, "pat").DeleteTraining(f.ctx, tr.ID); err == nil {
		t.Fatal("the app let Pat delete her training record")
	}
	f.clock.Advance(1)
	applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "pat"), f.users["pat"].ID,
		model.Op{Table: "training", Row: tr.ID, Kind: model.OpDelete}), "corrects her own Training record but does not delete it")
}

// A witness's own confirmation counts from the share, and says only that: a witness who
// also rewrites the title, or confirms under another name, is refused.
func TestAWitnessConfirmsOnlyTheirOwnWitnessing(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	pat := signIn(t, f.st, "pat")
	ev, err := pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.Testimony, Title: "Handover",
		OccurredOn: model.NewDate(2026, 10, 2), Sections: map[string]string{"statement": "Pat handed over clearly."}})
	if err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	ola := f.users["ola"]
	at := "2026-11-24T19:45:00.000Z"
	for _, a := range []struct {
		name, want string
		fields     map[string]any
	}{
		{"and the title", "also changed its title", map[string]any{"locked": true, "witness_id": ola.ID, "witness_name": ola.Name, "title": "Outstanding", "witness_confirmed_at": at}},
		{"under another name", "under another name", map[string]any{"locked": true, "witness_id": ola.ID, "witness_name": "Matron", "witness_confirmed_at": at}},
	} {
		t.Run(a.name, func(t *testing.T) {
			f.clock.Advance(1)
			applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "ola"), ola.ID, model.Op{Table: "evidence", Row: ev.ID, Kind: model.OpPut, Fields: a.fields}), a.want)
		})
	}
	if _, err := pat.ConfirmTestimony(f.ctx, ev.ID, Countersignature{"ola", testPassword}, "Charge nurse"); err != nil {
		t.Fatal(err)
	}
	if res := push(t, f.st, laptop); res.Rejected != 0 {
		t.Fatalf("the witness's own confirmation was refused: %q", rejected(t, laptop))
	}
	got, err := signIn(t, laptop, "pat").EvidenceItem(f.ctx, ev.ID)
	if err != nil || !got.WitnessedByAccount() || got.WitnessID != ola.ID || got.WitnessRole != "Charge nurse" {
		t.Fatalf("on the laptop: %+v %v", got, err)
	}
	if _, err := pat.ConfirmTestimony(f.ctx, ev.ID, Countersignature{"pat", testPassword}, ""); err == nil {
		t.Fatal("confirmed twice")
	}
}

// The store's own write path asks the rule book too: a save that skipped the screens' own
// checks (a bug, or a new screen written in a hurry) still cannot write what every other PC
// would refuse from the shared folder — a preceptee's sign-off of her own competency, or a
// signed-off competency moved back.
func TestTheWritePathAsksTheRuleBook(t *testing.T) {
	f, _, _ := protectedDevices(t)
	signOffOn(t, f, f.st, "COM-01")
	pat := signIn(t, f.st, "pat")
	before := dumpOf(t, f.st)
	own := model.SignOff{ID: "so-own", ProgrammeID: f.prog.ID, Code: "ACC-01", SignerID: pat.User.ID, SignerName: pat.User.Name,
		SignerRole: model.RolePreceptee, At: f.clock.Now(), Statement: "I confirm"}
	err := f.st.write(f.ctx, pat.signer(), func(w *wtx) error { _, err := w.put(f.ctx, &own); return err })
	if !errors.Is(err, model.ErrForbidden) || !strings.Contains(err.Error(), "never sign off their own") {
		t.Errorf("a preceptee's own sign-off written past the screens: %v", err)
	}
	err = f.st.write(f.ctx, pat.signer(), func(w *wtx) error {
		pr, err := get[model.Progress](f.ctx, w.tx, model.ProgressID(f.prog.ID, "COM-01"))
		if err != nil {
			return err
		}
		pr.Status = model.InProgress
		_, err = w.put(f.ctx, &pr)
		return err
	})
	if !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a signed-off competency moved back past the screens: %v", err)
	}
	if dumpOf(t, f.st) != before {
		t.Error("something was written")
	}
}

// A programme stays with the preceptee it was made for: its sign-offs name the programme,
// so moving it to another preceptee would make them hers. Found by an insider test: a lead
// (allowed to change a programme's people) re-pointed a signed-off programme at another
// nurse with one signed change. Refused from the shared folder and in the app alike.
func TestAProgrammeDoesNotMoveToAnotherPreceptee(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	pia := signedOffAndAnotherPreceptee(t, f, admin)
	push(t, f.st, laptop)

	moved := f.prog
	moved.PrecepteeID = pia.ID
	if _, err := admin.SaveProgramme(f.ctx, moved); err == nil || !strings.Contains(err.Error(), "stays with the preceptee") {
		t.Fatalf("the app moved the programme: %v", err)
	}
	alex := f.users["alex"]
	if alex.ID == "" {
		alex = admin.User
	}
	op := model.Op{Table: "programmes", Row: f.prog.ID, Kind: model.OpPut, Fields: map[string]any{"preceptee_id": pia.ID}}
	res := applyAs(t, laptop, "rogue", forge(t, f, keysOf(t, f.st, "alex"), alex.ID, op))
	var who string
	laptop.rdb.QueryRow(`SELECT preceptee_id FROM programmes WHERE id = ?`, f.prog.ID).Scan(&who)
	if res.Rejected != 1 || who != f.users["pat"].ID {
		t.Fatalf("from the shared folder: %+v, the programme is now %s's; kept aside %v", res, who, rejected(t, laptop))
	}
}

// signedOffAndAnotherPreceptee signs off Pat's COM-01 and adds Pia, a second preceptee
// with no programme, for an attacker to move Pat's programme to.
func signedOffAndAnotherPreceptee(t *testing.T, f *fixture, admin *Session) model.User {
	t.Helper()
	signOffOn(t, f, f.st, "COM-01")
	pia, err := admin.AddUser(f.ctx, model.User{Username: "pia", Name: "Pia Other", Role: model.RolePreceptee}, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	return pia
}
