package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"pursuit/model"
)

// protectedDevices is a ward PC where the first administrator set everything up (their
// key pinned as the share's root on both devices) and a laptop that has synced it once.
func protectedDevices(t *testing.T) (f *fixture, laptop *Store, admin *Session) {
	t.Helper()
	clock := &testClock{time.Date(2026, 11, 24, 19, 45, 0, 0, time.UTC)}
	f = &fixture{t: t, ctx: context.Background(), clock: clock, users: map[string]model.User{}}
	f.st = openDevice(t, "ward", clock)
	f.sys = f.st.System()
	admin, err := f.st.CreateFirstAdmin(f.ctx, "alex", "Alex Admin", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.ImportFramework(f.ctx, testFramework()); err != nil {
		t.Fatal(err)
	}
	for _, u := range []model.User{
		{Username: "pat", Name: "Pat Okafor", Role: model.RolePreceptee},
		{Username: "sam", Name: "Sam Preceptor", Role: model.RolePreceptor},
		{Username: "ola", Name: "Ola Otherward", Role: model.RolePreceptor},
		{Username: "lee", Name: "Lee Manager", Role: model.RoleLineManager},
	} {
		added, err := admin.AddUser(f.ctx, u, testPassword)
		if err != nil {
			t.Fatal(err)
		}
		f.users[u.Username] = added
	}
	f.prog, err = admin.SaveProgramme(f.ctx, model.Programme{
		PrecepteeID: f.users["pat"].ID, PreceptorID: f.users["sam"].ID, LineManagerID: f.users["lee"].ID,
		StartDate: model.NewDate(2026, 9, 7), Profession: "nurse-adult", Service: "Ward 4B", FrameworkID: "core",
	})
	if err != nil {
		t.Fatal(err)
	}
	laptop = openDevice(t, "laptop", clock)
	for _, st := range []*Store{f.st, laptop} {
		if err := st.PinTrustRoot(f.ctx, admin.RootFor()); err != nil {
			t.Fatal(err)
		}
	}
	if res := push(t, f.st, laptop); res.Rejected != 0 {
		t.Fatalf("%d of the administrator's own changes rejected: %v", res.Rejected, rejected(t, laptop))
	}
	return f, laptop, admin
}

// keysOf opens an account's keys as a modified copy of the app with the password would.
func keysOf(t *testing.T, st *Store, username string) *model.KeyPair {
	t.Helper()
	u, err := st.userByUsername(context.Background(), st.rdb, username)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := u.Sealed()
	if err != nil {
		t.Fatal(err)
	}
	kp, err := model.Open(sealed, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	return &kp
}

// forge writes operations as someone editing the share by hand: well-formed, with a fresh
// clock, signed as one save with kp (unsigned when kp is nil).
func forge(t *testing.T, f *fixture, kp *model.KeyPair, author string, ops ...model.Op) []json.RawMessage {
	t.Helper()
	hlcs := make([]string, len(ops))
	for i := range ops {
		hlcs[i] = model.HLC{Wall: f.clock.t.UnixMilli(), Counter: uint32(i), Device: "rogue"}.String()
	}
	return forgeAt(t, kp, author, "forged", hlcs, ops...)
}

// forgeAt is forge with chosen clocks and ids.
func forgeAt(t *testing.T, kp *model.KeyPair, author, idPrefix string, hlcs []string, ops ...model.Op) []json.RawMessage {
	t.Helper()
	for i := range ops {
		ops[i].Format = model.OpFormat
		ops[i].ID = fmt.Sprintf("%s-%d", idPrefix, i)
		ops[i].HLC = hlcs[i]
		ops[i].Device = "rogue"
		ops[i].Author = author
	}
	if kp != nil {
		if err := model.SignOps(kp.SignPrivate, ops); err != nil {
			t.Fatal(err)
		}
	}
	raws := make([]json.RawMessage, len(ops))
	for i, op := range ops {
		raws[i], _ = json.Marshal(op)
	}
	return raws
}

func rejected(t *testing.T, st *Store) []string {
	t.Helper()
	rows, err := st.rdb.Query(`SELECT reason || CASE waiting WHEN 1 THEN ' [waiting]' ELSE '' END FROM sync_rejected ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		rows.Scan(&r)
		out = append(out, r)
	}
	return out
}

// applyRogue applies forged operations as the next segment of the rogue device and says
// whether each was kept aside with a reason containing want.
func applyRogue(t *testing.T, f *fixture, st *Store, raws []json.RawMessage, want string) {
	t.Helper()
	seq, _ := st.AppliedSeq(f.ctx, "rogue")
	before := dumpOf(t, st)
	n := len(rejected(t, st))
	res, err := st.ApplySegment(f.ctx, "rogue", seq+1, raws)
	if err != nil {
		t.Fatal(err)
	}
	if res.Applied != 0 || res.Rejected != len(raws) {
		t.Errorf("applied %d, rejected %d of %d forged changes", res.Applied, res.Rejected, len(raws))
	}
	if dumpOf(t, st) != before {
		t.Error("a forged change took effect")
	}
	got := rejected(t, st)[n:]
	if len(got) != len(raws) {
		t.Fatalf("kept aside: %q", got)
	}
	for _, r := range got {
		if !strings.Contains(r, want) || strings.Contains(r, "[waiting]") {
			t.Errorf("reason %q, want one saying %q", r, want)
		}
	}
}

// signOffOn has Pat submit code on st, and Sam sign it off there with his password.
func signOffOn(t *testing.T, f *fixture, st *Store, code string) {
	t.Helper()
	pat := signIn(t, st, "pat")
	submitAs(t, pat, f.prog.ID, code)
	if _, err := pat.SignOff(f.ctx, f.prog.ID, code, Countersignature{"sam", testPassword}); err != nil {
		t.Fatal(err)
	}
}

// joiningPC is a PC that joins the protected folder now, with the ward PC's first segment.
func joiningPC(t *testing.T, f *fixture, admin *Session) *Store {
	t.Helper()
	third := openDevice(t, "third", f.clock)
	if err := third.PinTrustRoot(f.ctx, admin.RootFor()); err != nil {
		t.Fatal(err)
	}
	firstSegment(t, f.st, third)
	return third
}

// pendingOps is what st has not pushed yet, as the operations of one segment.
func pendingOps(t *testing.T, st *Store) []json.RawMessage {
	t.Helper()
	ops, err := st.Pending(context.Background(), 1<<20, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	raws := make([]json.RawMessage, len(ops))
	for i, o := range ops {
		raws[i] = o.Op
	}
	return raws
}

func signOffOp(f *fixture, by model.User, code string) model.Op {
	return model.Op{Table: "signoffs", Row: "so-" + by.Username, Kind: model.OpPut, Fields: map[string]any{
		"programme_id": f.prog.ID, "code": code, "signer_id": by.ID, "signer_name": by.Name,
		"signer_role": string(by.Role), "at": "2026-11-24T19:45:00.000Z", "statement": "I confirm",
	}}
}

func TestAForgedSignatureIsRejected(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	sam := f.users["sam"]
	// Signed by sam, then altered on the share.
	raws := forge(t, f, keysOf(t, f.st, "sam"), sam.ID, signOffOp(f, sam, "ACC-01"))
	var op model.Op
	json.Unmarshal(raws[0], &op)
	op.Fields["code"] = "MED-01"
	raws[0], _ = json.Marshal(op)
	applyRogue(t, f, laptop, raws, "altered or not signed by its author")
	// Signed with a key of the forger's own, claiming to be sam.
	own, _ := model.NewKeyPair(strings.NewReader(strings.Repeat("forger's own randomness, 64 bytes long at least!!", 2)))
	applyRogue(t, f, laptop, forge(t, f, &own, sam.ID, signOffOp(f, sam, "ACC-01")), "altered or not signed by its author")
	// Not signed at all.
	applyRogue(t, f, laptop, forge(t, f, nil, sam.ID, signOffOp(f, sam, "ACC-01")), "not signed by its author")
	// From the command line, which cannot sign.
	applyRogue(t, f, laptop, forge(t, f, nil, model.SystemUser.ID, signOffOp(f, sam, "ACC-01")), "command-line administration")
}

func TestASignOffByAPreceptorWhoIsNotAssignedIsRejected(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	ola := f.users["ola"]
	applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "ola"), ola.ID,
		signOffOp(f, ola, "ACC-01"),
		model.Op{Table: "progress", Row: "pr-x", Kind: model.OpPut, Fields: map[string]any{"programme_id": f.prog.ID, "code": "ACC-01", "status": string(model.SignedOff)}},
	), "Ola Otherward (Preceptor): a preceptor cannot sign off a competency here")
}

func TestAPrecepteesOwnSignOffIsRejected(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	pat := f.users["pat"]
	applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "pat"), pat.ID, signOffOp(f, pat, "ACC-01")), "never sign off their own")
	// Nor in her preceptor's name, signed with her own key.
	so := signOffOp(f, f.users["sam"], "ACC-01")
	applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "pat"), pat.ID, so), "never sign off their own")
}

func TestARoleEscalationNotSignedByAnAdministratorIsRejected(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	pat, sam := f.users["pat"], f.users["sam"]
	escalate := func(who string) model.Op {
		return model.Op{Table: "users", Row: f.users[who].ID, Kind: model.OpPut, Fields: map[string]any{"role": string(model.RoleAdmin)}}
	}
	applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "pat"), pat.ID, escalate("pat")), "only an administrator may do")
	applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "sam"), sam.ID, escalate("ola")), "only an administrator may do")
	// Swapping someone's keys for the forger's is an account change like any other.
	applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "sam"), sam.ID, model.Op{Table: "users", Row: f.users["ola"].ID, Kind: model.OpPut,
		Fields: map[string]any{"sign_key": f.users["sam"].SignKey}}), "only an administrator may do")
	// A whole new administrator account, unsigned.
	applyRogue(t, f, laptop, forge(t, f, nil, "intruder", model.Op{Table: "users", Row: "intruder", Kind: model.OpPut,
		Fields: map[string]any{"username": "intruder", "name": "Intruder", "role": "admin", "active": 1}}), "not signed")
	if n, _ := laptop.rdb.Query(`SELECT 1 FROM users WHERE role = 'admin' AND username <> 'alex'`); n.Next() {
		n.Close()
		t.Fatal("a second administrator appeared")
	} else {
		n.Close()
	}
}

// A segment replayed under a new sequence number, by its own device or copied under
// another's, carries operations this device already has: nothing changes, nothing newer
// is undone.
func TestAReplayedSegmentChangesNothing(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	pat := signIn(t, f.st, "pat")
	if err := pat.SaveSLOT(f.ctx, f.prog.ID, "ACC-01", model.SLOT{Strengths: "first"}); err != nil {
		t.Fatal(err)
	}
	first, _ := f.st.Pending(f.ctx, 1<<20, 1<<30)
	push(t, f.st, laptop)
	f.clock.Advance(time.Minute)
	if err := pat.SaveSLOT(f.ctx, f.prog.ID, "ACC-01", model.SLOT{Strengths: "second"}); err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	before := dumpOf(t, laptop)
	raws := make([]json.RawMessage, len(first))
	for i, o := range first {
		raws[i] = o.Op
	}
	for _, dev := range []string{f.st.DeviceID(), "copycat"} {
		seq, _ := laptop.AppliedSeq(f.ctx, dev)
		res, err := laptop.ApplySegment(f.ctx, dev, seq+1, raws)
		if err != nil {
			t.Fatal(err)
		}
		if res.Applied != 0 {
			t.Errorf("replayed as %s: %d changes applied", dev, res.Applied)
		}
	}
	if dumpOf(t, laptop) != before {
		t.Error("the replay changed the laptop")
	}
}

// The legitimate path through all of it: an offline sign-off by the assigned preceptor,
// made after forgeries were thrown at the same device, arrives and counts.
func TestNothingLegitimateIsLost(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "ola"), f.users["ola"].ID, signOffOp(f, f.users["ola"], "COM-01")), "cannot sign off")
	signOffOn(t, f, laptop, "COM-01")
	if res := push(t, laptop, f.st); res.Rejected != 0 {
		t.Fatalf("rejected: %q", rejected(t, f.st))
	}
	var n int
	f.st.rdb.QueryRow(`SELECT count(*) FROM signoffs WHERE code = 'COM-01' AND signer_id = ?`, f.users["sam"].ID).Scan(&n)
	if n != 1 {
		t.Errorf("%d sign-offs by sam on the ward PC", n)
	}
}

// Pat changes her password on the ward PC; on the laptop, after sync, the new password
// opens her new keys and what she writes there verifies back on the ward.
func TestAPasswordChangeReachesAnotherDevice(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	pat := signIn(t, f.st, "pat")
	const fresh = "new password for the night shift"
	if err := pat.ChangePassword(f.ctx, testPassword, fresh); err != nil {
		t.Fatal(err)
	}
	if res := push(t, f.st, laptop); res.Rejected != 0 {
		t.Fatalf("rejected: %q", rejected(t, laptop))
	}
	if _, err := laptop.SignIn(f.ctx, "pat", testPassword); !errors.Is(err, model.ErrWrongPassword) {
		t.Errorf("old password on the laptop: %v", err)
	}
	there, err := laptop.SignIn(f.ctx, "pat", fresh)
	if err != nil {
		t.Fatal(err)
	}
	if !there.Signs() || there.User.SignKey == f.users["pat"].SignKey || there.User.SignKey != pat.User.SignKey {
		t.Fatalf("keys on the laptop: signs %v, new key %v, the ward's %v", there.Signs(), there.User.SignKey != f.users["pat"].SignKey, there.User.SignKey == pat.User.SignKey)
	}
	if err := there.SaveSLOT(f.ctx, f.prog.ID, "ACC-01", model.SLOT{Strengths: "from the laptop"}); err != nil {
		t.Fatal(err)
	}
	if res := push(t, laptop, f.st); res.Rejected != 0 || res.Applied == 0 {
		t.Fatalf("applied %d; rejected: %q", res.Applied, rejected(t, f.st))
	}
}

// An administrator resets Sam's forgotten password: new keys, and the old one closed with
// what the administrator's PC knew it signed. A sign-off Sam made offline before the reset,
// arriving afterwards, was not known: it is kept aside, shown, and counts once the
// administrator vouches for it — on every PC. A change signed with the old key after the
// reset, or dated back before it, does not count.
func TestAnOfflineSignOffBeforeAResetCountsOnceVouchedFor(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	third := joiningPC(t, f, admin)
	signOffOn(t, f, laptop, "COM-01")
	oldKeys := keysOf(t, f.st, "sam")
	f.clock.Advance(time.Hour)
	if err := admin.ResetPassword(f.ctx, f.users["sam"].ID, "brand new start on ward nine"); err != nil {
		t.Fatal(err)
	}
	if res := push(t, f.st, laptop, third); res.Rejected != 0 {
		t.Fatalf("the reset was rejected: %q", rejected(t, laptop))
	}
	push(t, laptop, f.st, third)
	count := func(st *Store) (n int) {
		st.rdb.QueryRow(`SELECT count(*) FROM signoffs WHERE code = 'COM-01'`).Scan(&n)
		return n
	}
	kept, err := admin.RejectedChanges(f.ctx, 10)
	if err != nil || count(f.st) != 0 || len(kept) == 0 || !strings.Contains(kept[0].Reason, "old key") {
		t.Fatalf("before vouching: %d sign-offs, kept aside %+v, %v", count(f.st), kept, err)
	}
	if err := signIn(t, f.st, "pat").VouchFor(f.ctx, kept[0].ID); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("Pat vouched for Sam's change: %v", err)
	}
	if err := admin.VouchFor(f.ctx, kept[0].ID); err != nil {
		t.Fatal(err)
	}
	if count(f.st) != 1 || len(rejected(t, f.st)) != 0 {
		t.Fatalf("after vouching: %d sign-offs, kept aside %q", count(f.st), rejected(t, f.st))
	}
	if count(third) != 0 {
		t.Fatal("the third PC counted the sign-off before the vouching reached it")
	}
	push(t, f.st, laptop, third)
	late := latePC(t, f, admin.RootFor(), f.st, laptop) // the reset first, then the sign-off
	for name, st := range map[string]*Store{"third PC": third, "laptop": laptop, "a PC joining after": late} {
		if count(st) != 1 || len(rejected(t, st)) != 0 {
			t.Errorf("%s: %d sign-offs, kept aside %q", name, count(st), rejected(t, st))
		}
	}

	f.clock.Advance(time.Hour)
	for i, when := range []time.Time{f.clock.Now(), f.clock.Now().Add(-48 * time.Hour)} {
		op := model.Op{Table: "goals", Row: fmt.Sprintf("g-late-%d", i), Kind: model.OpPut,
			Fields: map[string]any{"programme_id": f.prog.ID, "title": "signed with a retired key"}}
		hlc := model.HLC{Wall: when.UnixMilli(), Device: "rogue"}.String()
		applyRogue(t, f, f.st, forgeAt(t, oldKeys, f.users["sam"].ID, fmt.Sprintf("late-%d", i), []string{hlc}, op), "old key")
	}
	if ss, err := f.st.SignIn(f.ctx, "sam", "brand new start on ward nine"); err != nil || !ss.Signs() {
		t.Fatalf("sam after the reset: %v", err)
	}
}

// A change whose author's account has not arrived waits, and applies when it does.
func TestAChangeWaitsForItsAuthorsAccount(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	newcomer, err := admin.AddUser(f.ctx, model.User{Username: "nia", Name: "Nia Newcomer", Role: model.RoleLineManager}, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	third := joiningPC(t, f, admin)
	nia := signIn(t, f.st, "nia")
	_ = nia
	// Nia's first change reaches the third PC through the laptop's copy of the share
	// before the ward PC's segment that creates her account.
	raws := forge(t, f, keysOf(t, f.st, "nia"), newcomer.ID, model.Op{Table: "training", Row: "t-nia", Kind: model.OpPut,
		Fields: map[string]any{"user_id": newcomer.ID, "category": "mandatory", "course": "Nia's fire safety"}})
	if _, err := third.ApplySegment(f.ctx, "rogue", 1, raws); err != nil {
		t.Fatal(err)
	}
	if got := rejected(t, third); len(got) != 1 || !strings.HasSuffix(got[0], "[waiting]") {
		t.Fatalf("kept aside: %q", got)
	}
	push(t, f.st, third, laptop)
	var title string
	third.rdb.QueryRow(`SELECT course FROM training WHERE id = 't-nia'`).Scan(&title)
	if title != "Nia's fire safety" || len(rejected(t, third)) != 0 {
		t.Fatalf("after the account arrived: goal %q, kept aside %q", title, rejected(t, third))
	}
}

func TestTheRootCannotBeSwapped(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	other := model.TrustRoot{UserID: "someone", SignKey: f.users["pat"].SignKey}
	if err := laptop.PinTrustRoot(f.ctx, other); !errors.Is(err, ErrRootChanged) {
		t.Fatalf("a different root: %v", err)
	}
	if err := laptop.PinTrustRoot(f.ctx, model.TrustRoot{}); !errors.Is(err, model.ErrRootMissing) {
		t.Fatalf("a share without a root: %v", err)
	}
	if r, _ := laptop.TrustRoot(f.ctx); r != admin.RootFor() {
		t.Fatalf("pinned root now %+v", r)
	}
}

// The administrator who set the share up hands over: a second administrator, made by the
// first (signed by them), disables the first. From then on the first one's key changes no
// account, and the second one's does.
func TestAnAdministratorIsRotatedByAnExistingOne(t *testing.T) {
	f, laptop, alex := protectedDevices(t)
	bea, err := alex.AddUser(f.ctx, model.User{Username: "bea", Name: "Bea Newadmin", Role: model.RoleAdmin}, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	beaSession := signIn(t, f.st, "bea")
	if err := beaSession.SetActive(f.ctx, alex.User.ID, false); err != nil {
		t.Fatal(err)
	}
	if res := push(t, f.st, laptop); res.Rejected != 0 {
		t.Fatalf("the handover was rejected: %q", rejected(t, laptop))
	}
	var active int
	laptop.rdb.QueryRow(`SELECT active FROM users WHERE username = 'alex'`).Scan(&active)
	if active != 0 {
		t.Fatal("the first administrator is still active on the laptop")
	}
	promote := func(who string) model.Op {
		return model.Op{Table: "users", Row: f.users[who].ID, Kind: model.OpPut, Fields: map[string]any{"role": string(model.RoleLead)}}
	}
	applyRogue(t, f, laptop, forge(t, f, keysOf(t, f.st, "alex"), alex.User.ID, promote("lee")), "disabled")
	f.clock.Advance(time.Minute) // later than the account's own clocks, so the change wins
	raws := forge(t, f, keysOf(t, f.st, "bea"), bea.ID, promote("lee"))
	seq, _ := laptop.AppliedSeq(f.ctx, "rogue")
	if res, err := laptop.ApplySegment(f.ctx, "rogue", seq+1, raws); err != nil || res.Applied != 1 {
		t.Fatalf("the new administrator's change: %+v %v %q", res, err, rejected(t, laptop))
	}
}

// Everything the app lets each person do, done on the ward PC of a protected folder, counts
// on the laptop: no rule of the shared folder refuses what the app itself allows.
func TestEveryChangeTheAppMakesCountsOnAProtectedFolder(t *testing.T) {
	f, laptop, admin := protectedDevices(t)
	ctx := f.ctx
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	grace, err := admin.AddUser(ctx, model.User{Username: "grace", Name: "Grace Facilitator", Role: model.RoleFacilitator}, testPassword)
	must("add facilitator", err)
	lin, err := admin.AddUser(ctx, model.User{Username: "lin", Name: "Lin Lead", Role: model.RoleLead}, testPassword)
	must("add lead", err)
	_ = lin
	p := f.prog
	p.FacilitatorID, p.SupervisorID = grace.ID, grace.ID
	p, err = admin.SaveProgramme(ctx, p)
	must("save programme", err)
	_, err = admin.ExtendProgramme(ctx, p.ID, 2)
	must("extend", err)

	pat, sam, lee, gr, lead := signIn(t, f.st, "pat"), signIn(t, f.st, "sam"), signIn(t, f.st, "lee"), signIn(t, f.st, "grace"), signIn(t, f.st, "lin")
	att, err := f.st.PutAttachment(ctx, strings.NewReader("certificate bytes"), "cert.pdf")
	must("attachment", err)
	// The preceptee's portfolio.
	must("SLOT", pat.SaveSLOT(ctx, p.ID, "ACC-01", model.SLOT{Strengths: "handovers"}))
	ev, err := pat.SaveEvidence(ctx, model.Evidence{ProgrammeID: p.ID, Type: model.Reflection, Title: "Handover", OccurredOn: model.NewDate(2026, 11, 2),
		Sections: map[string]string{"description": "What happened"}, Codes: []string{"ACC-01", "COM-01"}, Attachments: []model.Attachment{att}})
	must("evidence", err)
	must("submit", pat.ChangeStatus(ctx, p.ID, "ACC-01", model.EvidenceSubmitted, ""))
	must("in progress", pat.ChangeStatus(ctx, p.ID, "COM-01", model.InProgress, ""))
	must("submit", pat.ChangeStatus(ctx, p.ID, "COM-01", model.EvidenceSubmitted, ""))
	g, err := pat.SaveGoal(ctx, model.Goal{ProgrammeID: p.ID, Title: "Lead a handover"})
	must("goal", err)
	_, err = pat.SaveAction(ctx, model.ActionItem{ProgrammeID: p.ID, OwnerID: g.ID, Text: "Shadow the nurse in charge"})
	must("goal action", err)
	_, err = pat.SaveTraining(ctx, model.TrainingRecord{UserID: f.users["pat"].ID, Category: model.Mandatory, Course: "Fire safety", CompletedOn: model.NewDate(2026, 10, 1), Attachments: []model.Attachment{att}})
	must("own training", err)
	_, err = pat.SaveLearningEvent(ctx, model.LearningEvent{UserID: f.users["pat"].ID, Kind: model.InductionDay, Title: "Induction day 1", Date: model.NewDate(2026, 9, 8), Attendance: model.Attended})
	must("attendance", err)
	cc, err := pat.SaveCareerConversation(ctx, model.CareerConversation{ProgrammeID: p.ID, Milestone: 6, Date: model.NewDate(2027, 3, 1), Aspirations: "Neonatal"})
	must("career conversation", err)
	cc.Held, cc.Notes = true, "Talked about the neonatal unit"
	_, err = gr.SaveCareerConversation(ctx, cc)
	must("conversation held", err)
	_, err = gr.SaveSupervision(ctx, model.Supervision{ProgrammeID: p.ID, Date: model.NewDate(2026, 11, 10), Supervisor: "Grace", Themes: "Workload"})
	must("supervision", err)
	// The preceptor's part.
	m, err := sam.SaveMeeting(ctx, model.Meeting{ProgrammeID: p.ID, Kind: model.MeetingInitial, Date: model.NewDate(2026, 9, 10), Held: true, Attendees: "Pat, Sam", Notes: "Agreement made"})
	must("meeting", err)
	_, err = sam.SaveAction(ctx, model.ActionItem{ProgrammeID: p.ID, OwnerID: m.ID, Text: "Book the IV course"})
	must("meeting action", err)
	_, err = sam.SignOff(ctx, p.ID, "ACC-01", Countersignature{"sam", testPassword})
	must("sign-off", err)
	must("return", sam.ReturnCompetency(ctx, p.ID, "COM-01", Countersignature{"sam", testPassword}, "Add a second example"))
	must("stretch", sam.AddStretch(ctx, p.ID, "QI-01"))
	_, err = sam.AddIndividualCompetency(ctx, p.ID, model.Competency{Code: "IND-01", Title: "Stroke clinic", Domain: "Practice", Level: model.Must})
	must("individual competency", err)
	_, err = pat.Confirm(ctx, p.ID, model.AgreementConfirmation, Countersignature{"pat", testPassword})
	must("agreement by the preceptee", err)
	_, err = pat.Confirm(ctx, p.ID, model.AgreementConfirmation, Countersignature{"sam", testPassword})
	must("agreement by the preceptor", err)
	// Concerns: raised by the preceptor, escalated, resolved by the line manager.
	c, err := sam.SaveConcern(ctx, model.Concern{ProgrammeID: p.ID, Summary: "Late to handover", Detail: "Twice"})
	must("raise", err)
	c.Status = model.ConcernEscalated
	c, err = sam.SaveConcern(ctx, c)
	must("escalate", err)
	c.Status, c.Resolution = model.ConcernResolved, "A rota change"
	_, err = lee.SaveConcern(ctx, c)
	must("resolve", err)
	_, err = lee.SaveConcern(ctx, model.Concern{ProgrammeID: p.ID, Summary: "Health", Detail: "Occupational health", Confidential: true})
	must("confidential concern", err)
	// Training recorded by the line manager and the lead, and removed by the line manager.
	tr, err := lee.SaveTraining(ctx, model.TrainingRecord{UserID: f.users["pat"].ID, Category: model.Essential, Course: "Blood transfusion", CompletedOn: model.NewDate(2026, 10, 2)})
	must("training by the line manager", err)
	_, err = lead.SaveLearningEvent(ctx, model.LearningEvent{UserID: f.users["pat"].ID, Kind: model.MonthlyTrustWide, Title: "Trust-wide session", Date: model.NewDate(2026, 10, 15), Attendance: model.Attended})
	must("attendance by the lead", err)
	must("delete training", lee.DeleteTraining(ctx, tr.ID))
	// Framework and accounts.
	must("competency level", lead.SetCompetencyLevel(ctx, "core", "QI-01", model.Should))
	must("password change", pat.ChangePassword(ctx, testPassword, "a new password for the night shift"))
	must("reset", admin.ResetPassword(ctx, f.users["lee"].ID, "a new start for the manager"))
	must("disable", admin.SetActive(ctx, f.users["ola"].ID, false))
	// Deletions.
	must("delete goal", pat.DeleteGoal(ctx, g.ID))
	ev2, err := pat.SaveEvidence(ctx, model.Evidence{ProgrammeID: p.ID, Type: model.Reflection, Title: "Draft", OccurredOn: model.NewDate(2026, 11, 3),
		Sections: map[string]string{"description": "Not needed"}, Codes: []string{"QI-01"}})
	must("second evidence", err)
	must("delete evidence", pat.DeleteEvidence(ctx, ev2.ID))
	_ = ev

	if res := push(t, f.st, laptop); res.Rejected != 0 {
		t.Fatalf("%d of the app's own changes refused on the laptop: %q", res.Rejected, rejected(t, laptop))
	}
	if dumpOf(t, f.st) != dumpOf(t, laptop) {
		t.Fatal("the laptop differs from the ward PC")
	}
}
