package sqlite

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"pursuit/model"
)

// Issue 14, attack 5: someone at the PC opens pursuit.db with sqlite3 and types in a
// sign-off (a copy of a real one, for another competency), a signed-off status, a
// witness's confirmation and a completion — and copies the real sign-off's signed change
// next to the typed one. The app believes none of it; check names each.
func TestRecordsTypedIntoTheDatabaseAreNotBelieved(t *testing.T) {
	f, _, _ := protectedDevices(t)
	signOffOn(t, f, f.st, "COM-01")
	pat := signIn(t, f.st, "pat")
	submitAs(t, pat, f.prog.ID, "ACC-01")
	ev, err := pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.Testimony, Title: "A word from the ward",
		OccurredOn: model.NewDate(2026, 11, 2), Sections: map[string]string{"statement": "Pat was calm and kind"}, Codes: []string{"ACC-01"}})
	if err != nil {
		t.Fatal(err)
	}
	if problems, err := f.st.Check(f.ctx); err != nil || len(problems) != 0 {
		t.Fatalf("before: %v %v", problems, err)
	}
	signedOff := func() int {
		t.Helper()
		rows, err := signIn(t, f.st, "lee").Cohort(f.ctx) // her line manager
		if err != nil || len(rows) != 1 {
			t.Fatalf("cohort: %v %v", rows, err)
		}
		return rows[0].MustSignedOff
	}
	before := signedOff()

	sam := f.users["sam"]
	for _, q := range []string{
		`INSERT INTO signoffs(id, programme_id, code, signer_id, signer_name, signer_role, at, statement)
			SELECT 'so-typed', programme_id, 'ACC-01', signer_id, signer_name, signer_role, at, statement FROM signoffs WHERE code = 'COM-01'`,
		`INSERT INTO proofs(tbl, row_id, op_id, op) SELECT 'signoffs', 'so-typed', op_id || '-copy', op FROM proofs WHERE tbl = 'signoffs'`,
		`UPDATE progress SET status = 'signed_off' WHERE code = 'ACC-01'`,
		fmt.Sprintf(`UPDATE evidence SET witness_id = '%s', witness_name = '%s', locked = 1 WHERE id = '%s'`, sam.ID, sam.Name, ev.ID),
		`UPDATE programmes SET status = 'completed', completed_on = '2027-09-06'`,
	} {
		if _, err := f.st.wdb.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}

	pf, err := signIn(t, f.st, "sam").Portfolio(f.ctx, f.prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pf.SignOffs) != 1 || pf.SignOffs[0].Code != "COM-01" {
		t.Errorf("sign-offs believed: %+v", pf.SignOffs)
	}
	for _, c := range pf.Competencies {
		switch c.Code {
		case "ACC-01":
			if c.Progress.Status != model.EvidenceSubmitted || !c.Unproven {
				t.Errorf("ACC-01 shows as %s (unproven %v)", c.Progress.Status, c.Unproven)
			}
		case "COM-01":
			if c.Progress.Status != model.SignedOff || c.Unproven {
				t.Errorf("the real sign-off shows as %s (unproven %v)", c.Progress.Status, c.Unproven)
			}
		}
	}
	for _, e := range pf.Evidence {
		if e.ID == ev.ID && e.WitnessedByAccount() {
			t.Errorf("the testimony shows as confirmed by %s", e.WitnessName)
		}
	}
	if pf.Programme.Status == model.ProgrammeCompleted {
		t.Error("the programme shows as completed")
	}
	if after := signedOff(); after != before {
		t.Errorf("the cohort overview counts %d signed off, %d before the rows were typed in", after, before)
	}
	if cs, _ := signIn(t, f.st, "sam").Competencies(f.ctx, f.prog.ID); len(cs) == 0 || cs[0].Code == "ACC-01" && cs[0].Progress.Status == model.SignedOff {
		t.Errorf("competencies: %+v", cs)
	}

	problems, err := f.st.Check(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		if p.What == "proof" {
			got = append(got, p.Detail)
		}
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{"signoffs so-typed", "evidence " + ev.ID, "programmes " + f.prog.ID, "ACC-01 is stored as signed off"} {
		if !strings.Contains(joined, want) {
			t.Errorf("check does not name %q:\n%s", want, joined)
		}
	}
}

// A forged sign-off made with an old password reaches a PC before the password change does
// (the forger's folder is read first): it applies, as it would have before the change. When
// the change arrives, closing the old key without it, the sign-off loses its proof and is
// no longer believed.
func TestASignOffMadeWithAClosedKeyLosesItsProofWhenTheClosingArrives(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	late := joiningPC(t, f, admin)
	sam := f.users["sam"]
	oldSealed, err := sam.Sealed()
	if err != nil {
		t.Fatal(err)
	}
	pat := signIn(t, f.st, "pat")
	submitAs(t, pat, f.prog.ID, "ACC-01")
	f.clock.Advance(time.Hour)
	if err := signIn(t, f.st, "sam").ChangePassword(f.ctx, testPassword, "a password pat never saw"); err != nil {
		t.Fatal(err)
	}
	stolen, err := model.Open(oldSealed, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	forged := forge(t, f, &stolen, sam.ID, signOffOp(f, sam, "ACC-01"),
		model.Op{Table: "progress", Row: model.ProgressID(f.prog.ID, "ACC-01"), Kind: model.OpPut, Fields: map[string]any{"programme_id": f.prog.ID, "code": "ACC-01", "status": string(model.SignedOff)}})
	applyAs(t, late, "0-rogue", forged)
	var n int
	late.rdb.QueryRow(`SELECT count(*) FROM signoffs WHERE code = 'ACC-01'`).Scan(&n)
	if n != 1 {
		t.Fatalf("before the closing arrived the forgery was not applied (%q): this test no longer shows the order it is about", rejected(t, late))
	}
	push(t, f.st, laptop, late)
	if s := statusOf(t, late, "pat", f.prog.ID, "ACC-01"); s == model.SignedOff {
		t.Fatal("after the closing arrived the forged sign-off still counts")
	}
	if u, err := late.Unproven(f.ctx); err != nil || len(u) == 0 {
		t.Fatalf("check names nothing: %v %v", u, err)
	}
}

// Someone at the PC puts a key of their own on the preceptor's account in the users table
// (and, the second time, an old key of his "closed" with her forged save listed), then types
// in a sign-off with a change signed by that key as its proof. Whose key signed a proof is
// proven from the changes kept for the account, not read from the table: not believed.
func TestAKeySwappedIntoTheUsersTableProvesNothing(t *testing.T) {
	f, _, _ := protectedDevices(t)
	pat := signIn(t, f.st, "pat")
	submitAs(t, pat, f.prog.ID, "ACC-01")
	sam := f.users["sam"]
	mine, err := model.NewKeyPair(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	forged := signOffOp(f, sam, "ACC-01")
	forged.Format, forged.ID, forged.Author, forged.Device = model.OpFormat, "forged-1", sam.ID, "ward"
	forged.HLC = model.HLC{Wall: f.clock.Now().UnixMilli(), Device: "ward"}.String()
	ops := []model.Op{forged}
	if err := model.SignOps(mine.SignPrivate, ops); err != nil {
		t.Fatal(err)
	}
	forged = ops[0]
	signedOff := func() int {
		t.Helper()
		rows, err := signIn(t, f.st, "lee").Cohort(f.ctx) // her line manager's overview
		if err != nil || len(rows) != 1 {
			t.Fatalf("cohort: %v %v", rows, err)
		}
		return rows[0].MustSignedOff
	}
	before := signedOff()
	body, _ := json.Marshal(forged)
	save, _ := model.SaveOf(forged)
	withHistory := model.User{}
	withHistory.SetHistory(model.KeyHistory{}.Close(mine.SignPublic, time.Time{}, f.clock.Now().Add(time.Hour), []model.SaveID{save}))
	for i, history := range []string{"", withHistory.KeyHistory} {
		key := base64.StdEncoding.EncodeToString(mine.SignPublic)
		if i == 1 {
			key = sam.SignKey // his real key stays; the forged one poses as an old key of his
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`UPDATE users SET sign_key = ?, key_history = ? WHERE id = ?`, []any{key, history, sam.ID}},
			{`INSERT OR REPLACE INTO signoffs(id, programme_id, code, signer_id, signer_name, signer_role, at, statement) VALUES(?, ?, ?, ?, ?, ?, ?, ?)`,
				[]any{forged.Row, f.prog.ID, "ACC-01", sam.ID, forged.Fields["signer_name"], forged.Fields["signer_role"], forged.Fields["at"], forged.Fields["statement"]}},
			{`INSERT OR IGNORE INTO proofs(tbl, row_id, op_id, op) VALUES('signoffs', ?, ?, ?)`, []any{forged.Row, forged.ID, string(body)}},
			{`UPDATE progress SET status = 'signed_off' WHERE code = 'ACC-01'`, nil},
		} {
			if _, err := f.st.wdb.Exec(q.sql, q.args...); err != nil {
				t.Fatalf("%s: %v", q.sql, err)
			}
		}
		if s := statusOf(t, f.st, "pat", f.prog.ID, "ACC-01"); s == model.SignedOff {
			t.Fatalf("round %d: a sign-off proven by a key typed into the users table is believed", i)
		}
		if after := signedOff(); after != before {
			t.Fatalf("round %d: the overview counts %d signed off, %d before", i, after, before)
		}
		unproven, err := f.st.Unproven(f.ctx)
		if err != nil || len(unproven) == 0 || unproven[0].Row != forged.Row {
			t.Fatalf("round %d: check names %+v %v", i, unproven, err)
		}
	}
}

// On a PC the Trust gave its key to (policy.json), the key its database names is held
// against it: someone who edits the meta table to name a key of their own (and so could
// vouch for accounts of their own making) proves nothing there.
func TestARootTypedIntoTheDatabaseProvesNothingWhereTheTrustDeployedOne(t *testing.T) {
	f, _, admin := protectedDevices(t)
	signOffOn(t, f, f.st, "COM-01")
	f.st.policy.TrustRoot = admin.RootFor().Fingerprint()
	if s := statusOf(t, f.st, "pat", f.prog.ID, "COM-01"); s != model.SignedOff {
		t.Fatalf("with the deployed key in place, the real sign-off shows as %s", s)
	}
	other, _ := json.Marshal(model.TrustRoot{UserID: "u-mallory", SignKey: f.users["pat"].SignKey})
	if _, err := f.st.wdb.Exec(`UPDATE meta SET value = ? WHERE key = ?`, string(other), metaTrustRoot); err != nil {
		t.Fatal(err)
	}
	if s := statusOf(t, f.st, "pat", f.prog.ID, "COM-01"); s == model.SignedOff {
		t.Fatal("with another key typed into the meta table, the PC still believes what it proves")
	}
}

// After Sam changed his password, someone at the PC copies his old password hash and
// sealed keys back into the users table, signs in as him with the old password, and
// vouches for a sign-off she made with his old key. The key that password opens is not
// the one his proven changes give him: refused, and the sign-off stays unbelieved.
func TestAnOldPasswordCopiedBackCannotVouch(t *testing.T) {
	f, _, _ := protectedDevices(t)
	sam := f.users["sam"]
	var oldHash, oldSealed, oldKey string
	if err := f.st.rdb.QueryRow(`SELECT password_hash, sealed_keys, sign_key FROM users WHERE id = ?`, sam.ID).Scan(&oldHash, &oldSealed, &oldKey); err != nil {
		t.Fatal(err)
	}
	pat := signIn(t, f.st, "pat")
	submitAs(t, pat, f.prog.ID, "ACC-01")
	f.clock.Advance(time.Hour)
	if err := signIn(t, f.st, "sam").ChangePassword(f.ctx, testPassword, "a password pat never saw"); err != nil {
		t.Fatal(err)
	}
	old, err := sam.Sealed()
	if err != nil {
		t.Fatal(err)
	}
	oldKeys, err := model.Open(old, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	applyAs(t, f.st, "rogue", forge(t, f, &oldKeys, sam.ID, signOffOp(f, sam, "ACC-01")))
	kept, err := f.st.keptAside(f.ctx, "", 10)
	if err != nil || len(kept) != 1 || !kept[0].OldKey {
		t.Fatalf("kept aside: %+v %v", kept, err)
	}
	if _, err := f.st.wdb.Exec(`UPDATE users SET password_hash = ?, sealed_keys = ?, sign_key = ?, key_history = '' WHERE id = ?`, oldHash, oldSealed, oldKey, sam.ID); err != nil {
		t.Fatal(err)
	}
	ss, err := f.st.SignIn(f.ctx, "sam", testPassword)
	if err != nil {
		t.Fatalf("the old password no longer signs in even with the row copied back (%v): this test no longer shows the attack", err)
	}
	if err := ss.VouchFor(f.ctx, kept[0].ID); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("vouching with the old password copied back: %v", err)
	}
	if s := statusOf(t, f.st, "pat", f.prog.ID, "ACC-01"); s == model.SignedOff {
		t.Fatal("the forged sign-off is believed")
	}
}

// Someone at the PC deletes, from the kept changes, the password change that closed Sam's
// old key, and types in a sign-off signed with that key: his account as stored is no longer
// what his kept changes make it, so nothing he signed is proven here and check says why.
// And a real sign-off hidden by editing its competency's status, or marking it withdrawn,
// is named too.
func TestDeletedOrEditedRecordsAreNamed(t *testing.T) {
	f, _, _ := protectedDevices(t)
	signOffOn(t, f, f.st, "COM-01")
	sam := f.users["sam"]
	old, _ := sam.Sealed()
	oldKeys, err := model.Open(old, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	pat := signIn(t, f.st, "pat")
	submitAs(t, pat, f.prog.ID, "ACC-01")
	f.clock.Advance(time.Hour)
	if err := signIn(t, f.st, "sam").ChangePassword(f.ctx, testPassword, "a password pat never saw"); err != nil {
		t.Fatal(err)
	}
	forged := signOffOp(f, sam, "ACC-01")
	forged.Format, forged.ID, forged.Author, forged.Device = model.OpFormat, "forged-old", sam.ID, "ward"
	forged.HLC = model.HLC{Wall: f.clock.Now().UnixMilli(), Device: "ward"}.String()
	ops := []model.Op{forged}
	if err := model.SignOps(oldKeys.SignPrivate, ops); err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(ops[0])
	for _, q := range []string{
		`DELETE FROM proofs WHERE tbl = 'users' AND row_id = '` + sam.ID + `' AND json_extract(op, '$.author') = '` + sam.ID + `'`,
		`INSERT INTO signoffs(id, programme_id, code, signer_id, signer_name, signer_role, at, statement) VALUES('` + forged.Row + `', '` + f.prog.ID + `', 'ACC-01', '` + sam.ID + `', '` + sam.Name + `', 'preceptor', '2026-11-24T19:45:00.000Z', 'I confirm')`,
		`INSERT INTO proofs(tbl, row_id, op_id, op) VALUES('signoffs', '` + forged.Row + `', 'forged-old', '` + strings.ReplaceAll(string(body), "'", "''") + `')`,
		`UPDATE progress SET status = 'signed_off' WHERE code = 'ACC-01'`,
	} {
		if _, err := f.st.wdb.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if s := statusOf(t, f.st, "pat", f.prog.ID, "ACC-01"); s == model.SignedOff {
		t.Fatal("a sign-off with the old key, its closing deleted, is believed")
	}
	got := unprovenText(t, f.st)
	for _, want := range []string{"users " + sam.ID, "signoffs " + forged.Row} {
		if !strings.Contains(got, want) {
			t.Errorf("check does not name %q:\n%s", want, got)
		}
	}

	g, _, _ := protectedDevices(t)
	signOffOn(t, g, g.st, "COM-01")
	if _, err := g.st.wdb.Exec(`UPDATE progress SET status = 'evidence_submitted' WHERE code = 'COM-01'`); err != nil {
		t.Fatal(err)
	}
	if got := unprovenText(t, g.st); !strings.Contains(got, "COM-01 has a proven sign-off, but is not stored as signed off") {
		t.Errorf("a real sign-off hidden by its status is not named:\n%s", got)
	}
	if _, err := g.st.wdb.Exec(`UPDATE signoffs SET deleted = 1 WHERE code = 'COM-01'`); err != nil {
		t.Fatal(err)
	}
	if got := unprovenText(t, g.st); !strings.Contains(got, "marked withdrawn") {
		t.Errorf("a sign-off marked withdrawn is not named:\n%s", got)
	}
}

func unprovenText(t *testing.T, st *Store) string {
	t.Helper()
	us, err := st.Unproven(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, u := range us {
		fmt.Fprintf(&b, "%s %s: %s\n", u.Table, u.Row, u.Why)
	}
	return b.String()
}

// Found by an insider test: at a PC, someone edits programmes.preceptee_id with sqlite3 so
// that a real sign-off of Pat's counts for another nurse (the sign-off names the
// programme, not the preceptee). Whose programme it is is proven like a sign-off: nothing
// in a programme whose preceptee no signed change set is believed, and check names it.
func TestAProgrammeMovedToAnotherPrecepteeInTheDatabaseProvesNothing(t *testing.T) {
	f, _, admin := protectedDevices(t)
	pia := signedOffAndAnotherPreceptee(t, f, admin)
	if problems, err := f.st.Check(f.ctx); err != nil || len(problems) != 0 {
		t.Fatalf("before: %v %v", problems, err)
	}
	if _, err := f.st.wdb.Exec(`UPDATE programmes SET preceptee_id = ? WHERE id = ?`, pia.ID, f.prog.ID); err != nil {
		t.Fatal(err)
	}
	pf, err := signIn(t, f.st, "sam").Portfolio(f.ctx, f.prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pf.SignOffs) != 0 {
		t.Errorf("sign-offs believed in the moved programme: %+v", pf.SignOffs)
	}
	for _, c := range pf.Competencies {
		if c.Code == "COM-01" && c.Progress.Status == model.SignedOff {
			t.Error("COM-01 shows as signed off for Pia")
		}
	}
	rows, err := signIn(t, f.st, "lee").Cohort(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.MustSignedOff != 0 {
			t.Errorf("the overview counts %d signed off for %s", r.MustSignedOff, r.Preceptee)
		}
	}
	problems, err := f.st.Check(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(problems), "whose programme it is is not proven") {
		t.Errorf("check does not name the programme: %v", problems)
	}
}
