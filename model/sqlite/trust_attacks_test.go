package sqlite

// Attacks by people who hold a key of their own: every change here is properly signed by a
// real account, and each must still not count (found by a review of the trust rules).

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"pursuit/model"
)

// applyAs applies raws as the next segment of device on st and fails on a store error.
func applyAs(t *testing.T, st *Store, device string, raws []json.RawMessage) ApplyResult {
	t.Helper()
	seq, _ := st.AppliedSeq(t.Context(), device)
	res, err := st.ApplySegment(t.Context(), device, seq+1, raws)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// secondProgramme gives Ola a preceptee (Quinn) of her own, synced to the laptop.
func secondProgramme(t *testing.T, f *fixture, laptop *Store, admin *Session) model.Programme {
	t.Helper()
	quinn, err := admin.AddUser(f.ctx, model.User{Username: "quinn", Name: "Quinn Other", Role: model.RolePreceptee}, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	f.users["quinn"] = quinn
	p2, err := admin.SaveProgramme(f.ctx, model.Programme{
		PrecepteeID: quinn.ID, PreceptorID: f.users["ola"].ID, LineManagerID: f.users["lee"].ID,
		StartDate: model.NewDate(2026, 9, 7), Profession: "nurse-adult", Service: "Ward 7", FrameworkID: "core",
	})
	if err != nil {
		t.Fatal(err)
	}
	if res := push(t, f.st, laptop); res.Rejected != 0 {
		t.Fatalf("rejected: %q", rejected(t, laptop))
	}
	return p2
}

func statusOf(t *testing.T, st *Store, user string, prog, code string) model.Status {
	t.Helper()
	ss := signIn(t, st, user)
	cs, err := ss.Competencies(t.Context(), prog)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Code == code {
			return c.Progress.Status
		}
	}
	return ""
}

// A sign-off or completion confirmation cannot be moved into another programme, or made
// in two steps of which only the first is judged.
func TestASignOffCannotBeMovedIntoAnotherProgramme(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	p2 := secondProgramme(t, f, laptop, admin)
	ola, pat := f.users["ola"], f.users["pat"]
	// Ola, preceptor of Quinn only, tries Pat's ACC-01 in two steps of one save.
	applyAs(t, laptop, "rogue-a", forge(t, f, keysOf(t, f.st, "ola"), ola.ID,
		model.Op{Table: "progress", Row: model.ProgressID(p2.ID, "ACC-01"), Kind: model.OpPut, Fields: map[string]any{"programme_id": p2.ID, "code": "ACC-01", "status": string(model.SignedOff)}},
		model.Op{Table: "progress", Row: model.ProgressID(p2.ID, "ACC-01"), Kind: model.OpPut, Fields: map[string]any{"programme_id": f.prog.ID}},
		model.Op{Table: "progress", Row: "pr-x", Kind: model.OpPut, Fields: map[string]any{"programme_id": p2.ID, "code": "ACC-01", "status": string(model.SignedOff)}},
	))
	if s := statusOf(t, laptop, "pat", f.prog.ID, "ACC-01"); s == model.SignedOff {
		t.Fatal("Ola signed off Pat's ACC-01")
	}
	// Ola signs off Quinn's COM-01 and confirms Quinn's completion, properly.
	applyAs(t, laptop, "ola-pc", forge(t, f, keysOf(t, f.st, "ola"), ola.ID,
		model.Op{Table: "progress", Row: model.ProgressID(p2.ID, "COM-01"), Kind: model.OpPut, Fields: map[string]any{"programme_id": p2.ID, "code": "COM-01", "status": string(model.SignedOff)}},
		model.Op{Table: "confirmations", Row: "conf-q", Kind: model.OpPut, Fields: map[string]any{"programme_id": p2.ID, "kind": "completion",
			"user_id": ola.ID, "user_name": ola.Name, "role": "preceptor", "at": "2026-11-24T19:45:00.000Z", "statement": "complete"}},
	))
	n := len(rejected(t, laptop))
	// Pat moves both into her own programme.
	f.clock.Advance(time.Minute)
	res := applyAs(t, laptop, "rogue-b", forge(t, f, keysOf(t, f.st, "pat"), pat.ID,
		model.Op{Table: "progress", Row: model.ProgressID(p2.ID, "COM-01"), Kind: model.OpPut, Fields: map[string]any{"programme_id": f.prog.ID, "code": "COM-01"}},
		model.Op{Table: "confirmations", Row: "conf-q", Kind: model.OpPut, Fields: map[string]any{"programme_id": f.prog.ID}},
	))
	if res.Applied != 0 || len(rejected(t, laptop)) != n+2 {
		t.Fatalf("applied %d; kept aside %q", res.Applied, rejected(t, laptop))
	}
	if s := statusOf(t, laptop, "pat", f.prog.ID, "COM-01"); s == model.SignedOff {
		t.Fatal("Pat moved a signed-off competency into her programme")
	}
	pf, err := signIn(t, laptop, "pat").Portfolio(f.ctx, f.prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	if model.Confirmed(pf.Confirmations, model.CompletionConfirmation, model.RolePreceptor) {
		t.Fatal("Pat moved a completion confirmation into her programme")
	}
}

// A confirmation counts by role: nobody records it in a role that is not theirs.
func TestAConfirmationIsInItsAuthorsOwnRole(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	pat, sam := f.users["pat"], f.users["sam"]
	conf := func(row, kind string, by model.User, role string) model.Op {
		return model.Op{Table: "confirmations", Row: row, Kind: model.OpPut, Fields: map[string]any{"programme_id": f.prog.ID, "kind": kind,
			"user_id": by.ID, "user_name": "Sam Preceptor", "role": role, "at": "2026-11-24T19:45:00.000Z", "statement": "I confirm"}}
	}
	applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "pat"), pat.ID, conf("c1", "agreement", pat, "preceptor")), "as a Preceptor")
	applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "sam"), sam.ID, conf("c2", "completion", sam, "line_manager")), "as a Line manager")
}

// Concerns follow the Concerns screen's rules on every PC: Pat does not resolve the concern
// raised about her, Ola (no part in the programme) does not clear its "confidential".
func TestConcernsKeepTheirRulesThroughTheSharedFolder(t *testing.T) {
	f, _, _ := protectedDevices(t)
	lee := signIn(t, f.st, "lee")
	c, err := lee.SaveConcern(f.ctx, model.Concern{ProgrammeID: f.prog.ID, Summary: "Health", Detail: "Occupational health referral", Confidential: true})
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	applyRogue(t, f, f.st, forge(t, f, keysOf(t, f.st, "ola"), f.users["ola"].ID,
		model.Op{Table: "concerns", Row: c.ID, Kind: model.OpPut, Fields: map[string]any{"confidential": json.Number("0")}}), "a preceptor cannot raise a concern here")
	applyRogue(t, f, f.st, forge(t, f, keysOf(t, f.st, "pat"), f.users["pat"].ID,
		model.Op{Table: "concerns", Row: c.ID, Kind: model.OpPut, Fields: map[string]any{"status": "resolved", "resolution": "nothing to worry about", "resolved_on": "2026-11-24"}}), "cannot resolve a concern")
	applyRogue(t, f, f.st, forge(t, f, keysOf(t, f.st, "pat"), f.users["pat"].ID,
		model.Op{Table: "concerns", Row: c.ID, Kind: model.OpPut, Fields: map[string]any{"detail": "nothing really"}}), "words of a concern someone else raised")
}

// An envelope copied into a change of someone else's, under the current version's clock,
// does not bring old words back.
func TestAReplayedEnvelopeDoesNotBringOldWordsBack(t *testing.T) {
	f, laptop, c := confidentialWorld(t)
	pat := signIn(t, f.st, "pat")
	f.clock.Advance(time.Minute)
	c2 := c
	c2.Notes = "Decided to stay on the ward"
	if _, err := pat.SaveCareerConversation(f.ctx, c2); err != nil {
		t.Fatal(err)
	}
	ops, _ := f.st.Pending(f.ctx, 1<<20, 1<<30)
	var first, last model.Op
	for _, o := range ops {
		var op model.Op
		json.Unmarshal(o.Op, &op)
		if op.Table == "career_conversations" && op.Enc != "" {
			if first.ID == "" {
				first = op
			}
			last = op
		}
	}
	push(t, f.st, laptop)
	// Grace, a reader, replays the first envelope under the last version's clock.
	raws := forgeAt(t, keysOf(t, f.st, "grace"), f.users["grace"].ID, "replay", []string{last.HLC},
		model.Op{Table: "career_conversations", Row: c.ID, Kind: model.OpPut,
			Fields: map[string]any{"notes": model.SealedPlaceholder}, Enc: first.Enc})
	applyAs(t, laptop, "rogue", raws)
	got, err := signIn(t, laptop, "grace").CareerConversations(f.ctx, f.prog.ID)
	if err != nil || len(got) != 1 {
		t.Fatal(err)
	}
	if got[0].Notes != c2.Notes {
		t.Fatalf("notes %q, want the latest %q", got[0].Notes, c2.Notes)
	}
}

// A preceptor's individual competency for one preceptee counts on every PC.
func TestAnIndividualCompetencyTravels(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	sam := signIn(t, f.st, "sam")
	if _, err := sam.AddIndividualCompetency(f.ctx, f.prog.ID, model.Competency{Code: "IND-01", Title: "Run the stroke clinic", Domain: "Practice", Level: model.Must}); err != nil {
		t.Fatal(err)
	}
	if res := push(t, f.st, laptop); res.Rejected != 0 {
		t.Fatalf("refused on the laptop: %q", rejected(t, laptop))
	}
	// Ola may not make one for Pat, nor take a framework competency into a programme.
	applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "ola"), f.users["ola"].ID,
		model.Op{Table: "competencies", Row: "c-ola", Kind: model.OpPut, Fields: map[string]any{"programme_id": f.prog.ID, "code": "IND-02", "title": "x"}}), "cannot add a stretch competency")
}

// Sam signs off, later changes his password, later still forgets it: after the reset, the
// sign-off he made before the password change still counts, on the PCs that had it and on
// one that joins afterwards and reads everything after both keys were closed.
func TestAResetKeepsSignaturesFromBeforeAPasswordChange(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	signOffOn(t, f, laptop, "COM-01")
	push(t, laptop, f.st)
	f.clock.Advance(24 * time.Hour)
	if err := signIn(t, f.st, "sam").ChangePassword(f.ctx, testPassword, "another long password here"); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(24 * time.Hour)
	if err := admin.ResetPassword(f.ctx, f.users["sam"].ID, "brand new start on ward nine"); err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	push(t, laptop, f.st)
	third := latePC(t, f, admin.RootFor(), f.st, laptop)
	for name, st := range map[string]*Store{"ward PC": f.st, "laptop": laptop, "new PC": third} {
		var n int
		st.rdb.QueryRow(`SELECT count(*) FROM signoffs WHERE code = 'COM-01'`).Scan(&n)
		if n != 1 || len(rejected(t, st)) != 0 {
			t.Errorf("%s: %d sign-offs; kept aside %q", name, n, rejected(t, st))
		}
	}
}

// Pat once watched Sam type his password. Sam has since changed it. Pat opens the old
// sealed copy of his keys, which stays in the shared folder's history, and signs off as
// him a competency he had returned — dated now, and dated back before the change. Neither
// counts on any PC, nor can she use the old key to put a key of her own on his account.
func TestAnOldPasswordSignsNothingAfterAChange(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	third := joiningPC(t, f, admin)
	sam := f.users["sam"]
	oldSealed, err := f.users["sam"].Sealed()
	if err != nil {
		t.Fatal(err)
	}
	pat := signIn(t, f.st, "pat")
	submitAs(t, pat, f.prog.ID, "ACC-01")
	if err := pat.ReturnCompetency(f.ctx, f.prog.ID, "ACC-01", Countersignature{"sam", testPassword}, "more evidence please"); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	if err := signIn(t, f.st, "sam").ChangePassword(f.ctx, testPassword, "a password pat never saw"); err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop, third)

	stolen, err := model.Open(oldSealed, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	signOff := signOffOp(f, sam, "ACC-01")
	rotate := model.Op{Table: "users", Row: sam.ID, Kind: model.OpPut, Fields: map[string]any{"sign_key": f.users["pat"].SignKey}}
	for i, when := range []time.Time{f.clock.Now(), f.clock.Now().Add(-30 * 24 * time.Hour)} {
		hlc := model.HLC{Wall: when.UnixMilli(), Device: "rogue"}.String()
		for j, op := range []model.Op{signOff, rotate} {
			raws := forgeAt(t, &stolen, sam.ID, fmt.Sprintf("stolen-%d-%d", i, j), []string{hlc}, op)
			for name, st := range map[string]*Store{"ward PC": f.st, "laptop": laptop, "new PC": third} {
				t.Run(name, func(t *testing.T) { applyRogue(t, f, st, raws, "old key") })
			}
		}
	}
	if s := statusOf(t, third, "pat", f.prog.ID, "ACC-01"); s == model.SignedOff {
		t.Fatal("signed off with an old password")
	}
}

// Changes that overtake the change that allows them — written with a key an administrator's
// reset gave, or a sign-off by a preceptor just assigned — count once it arrives.
func TestAChangeThatOvertakesItsPermissionCountsWhenItArrives(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	third := joiningPC(t, f, admin)
	f.clock.Advance(time.Hour)
	const fresh = "brand new start on ward nine"
	if err := admin.ResetPassword(f.ctx, f.users["sam"].ID, fresh); err != nil {
		t.Fatal(err)
	}
	p := f.prog
	p.PreceptorID = f.users["ola"].ID
	if _, err := admin.SaveProgramme(f.ctx, p); err != nil {
		t.Fatal(err)
	}
	wardOps := pendingOps(t, f.st)
	push(t, f.st, laptop)
	sam, err := laptop.SignIn(f.ctx, "sam", fresh)
	if err != nil || !sam.Signs() {
		t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	if _, err := sam.SaveMeeting(f.ctx, model.Meeting{ProgrammeID: f.prog.ID, Kind: model.MeetingInitial, Date: model.NewDate(2026, 11, 20), Notes: "first meeting"}); err == nil {
		t.Fatal("sam is no longer Pat's preceptor")
	}
	ola := f.users["ola"]
	applyAs(t, third, "ola-laptop", forge(t, f, keysOf(t, f.st, "ola"), ola.ID, signOffOp(f, ola, "ACC-01")))
	if len(rejected(t, third)) != 1 {
		t.Fatalf("kept aside before the reassignment: %q", rejected(t, third))
	}
	if _, err := third.ApplySegment(f.ctx, f.st.DeviceID(), 2, wardOps); err != nil {
		t.Fatal(err)
	}
	var n int
	third.rdb.QueryRow(`SELECT count(*) FROM signoffs WHERE signer_id = ?`, ola.ID).Scan(&n)
	if n != 1 || len(rejected(t, third)) != 0 {
		t.Fatalf("Ola's sign-off after the reassignment arrived: %d; kept aside %q", n, rejected(t, third))
	}
}

// An administrator who handed over cannot come back on a PC that joins later by dating a
// change to his own account after his successor's.
func TestAHandedOverRootStaysDisabledOnNewPCs(t *testing.T) {
	f, laptop, alex := protectedDevices(t)
	if _, err := alex.AddUser(f.ctx, model.User{Username: "bea", Name: "Bea Newadmin", Role: model.RoleAdmin}, testPassword); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	bea := signIn(t, f.st, "bea")
	if err := bea.SetActive(f.ctx, alex.User.ID, false); err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	fresh := openDevice(t, "fresh", f.clock)
	r, _ := laptop.TrustRoot(f.ctx)
	fresh.PinTrustRoot(f.ctx, r)
	future := model.HLC{Wall: f.clock.t.Add(24 * 365 * time.Hour).UnixMilli(), Device: "aaaa"}.String()
	applyAs(t, fresh, "aaaa", forgeAt(t, keysOf(t, f.st, "alex"), alex.User.ID, "revive", []string{future},
		model.Op{Table: "users", Row: alex.User.ID, Kind: model.OpPut, Fields: map[string]any{
			"sign_key": alex.User.SignKey, "role": "admin", "active": json.Number("1"), "username": "alex", "name": "Alex Admin"}}))
	applyAs(t, fresh, f.st.DeviceID(), allOutbox(t, f.st))
	var active int
	fresh.rdb.QueryRow(`SELECT active FROM users WHERE id = ?`, alex.User.ID).Scan(&active)
	if active != 0 {
		t.Fatalf("the administrator who handed over is active again on the new PC; kept aside %q", rejected(t, fresh))
	}
}

// A long change kept waiting for its author's account is kept whole, and counts when the
// account arrives.
func TestALongWaitingChangeIsKeptWhole(t *testing.T) {
	f, _, admin := protectedDevices(t)
	third := joiningPC(t, f, admin)
	nia, err := admin.AddUser(f.ctx, model.User{Username: "nia", Name: "Nia Newcomer", Role: model.RoleLineManager}, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("a long note about fire safety ", 4000) // 120 000 bytes
	applyAs(t, third, "rogue", forge(t, f, keysOf(t, f.st, "nia"), nia.ID, model.Op{Table: "training", Row: "t-nia", Kind: model.OpPut,
		Fields: map[string]any{"user_id": nia.ID, "course": long}}))
	if _, err := third.ApplySegment(f.ctx, f.st.DeviceID(), 2, pendingOps(t, f.st)); err != nil {
		t.Fatal(err)
	}
	var n int
	third.rdb.QueryRow(`SELECT count(*) FROM training WHERE id = 't-nia'`).Scan(&n)
	if n != 1 {
		t.Fatalf("not applied after Nia's account arrived: %q", rejected(t, third))
	}
}

func allOutbox(t *testing.T, st *Store) []json.RawMessage {
	t.Helper()
	rows, err := st.rdb.Query(`SELECT op FROM outbox ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []json.RawMessage
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, json.RawMessage(s))
	}
	return out
}
