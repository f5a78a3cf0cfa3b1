package ui

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
	pursuitsync "pursuit/sync"
	"pursuit/sync/share"
)

// Pat changes the same SLOT on the ward PC and, offline, on the laptop. After both have
// synced through a shared folder, the laptop's window says there is one text to choose, the
// Sync screen shows both versions, and Pat's choice reaches the ward PC.
func TestChangedOnTwoDevicesIsShownAndTheChoiceSyncs(t *testing.T) {
	ctx := context.Background()
	ward, p := world(t)
	now := func() time.Time { return time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC) }
	laptop, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: now, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer laptop.Close()
	dir := t.TempDir()
	wardSync := pursuitsync.ForFolder(ward, dir, 5*time.Second, now, nil)
	laptopSync := pursuitsync.ForFolder(laptop, dir, 5*time.Second, now, nil)
	pass := func(e *pursuitsync.Engine) {
		t.Helper()
		if _, err := e.Pass(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if err := wardSync.Init(ctx); err != nil {
		t.Fatal(err)
	}
	pass(wardSync)
	pass(laptopSync)
	laptop.SetShareFolder(ctx, dir)

	patWard, err := ward.SignIn(ctx, "pat", pw)
	if err != nil {
		t.Fatal(err)
	}
	patWard.SaveSLOT(ctx, p.ID, "ACC-01", model.SLOT{Strengths: "Safe handovers"})
	pass(wardSync)
	pass(laptopSync)
	patWard.SaveSLOT(ctx, p.ID, "ACC-01", model.SLOT{Strengths: "Safe handovers, written on the ward"})
	patLaptop, _ := laptop.SignIn(ctx, "pat", pw)
	patLaptop.SaveSLOT(ctx, p.ID, "ACC-01", model.SLOT{Strengths: "Safe handovers, written on the laptop"})
	if _, err := patLaptop.SaveEvidence(ctx, model.Evidence{ProgrammeID: p.ID, Type: model.Reflection, Title: "Night shift reflection",
		OccurredOn: model.NewDate(2026, 11, 20), Sections: map[string]string{"description": "A busy night"}}); err != nil {
		t.Fatal(err)
	}

	u := New(test.NewTempApp(t), laptop, Options{Later: never, Async: inline, Now: now, Sync: &pursuitsync.Controller{Store: laptop, Now: now}})
	test.Type(u.SignIn.Username, "pat")
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)

	// Before the laptop syncs, its new reflection carries the mark.
	u.Shell.Show("evidence")
	ev := u.Shell.Screen.(*EvidenceScreen)
	if row := evidenceRowText(ev, 0); !strings.Contains(row, "not yet on the shared folder") {
		t.Errorf("unsent evidence row reads %q", row)
	}

	pass(laptopSync)
	pass(wardSync)
	pass(laptopSync)
	ev.reload("")
	if row := evidenceRowText(ev, 0); strings.Contains(row, "not yet on the shared folder") {
		t.Errorf("sent evidence still marked: %q", row)
	}

	u.Shell.showSyncStatus(pursuitsync.Status{State: pursuitsync.UpToDate, LastSynced: now()})
	if got := u.Shell.SyncStatus.Text; !strings.Contains(got, "Up to date") || !strings.Contains(got, "1 to choose") {
		t.Errorf("indicator reads %q", got)
	}
	u.Shell.Show("sync")
	sc := u.Shell.Screen.(*SyncScreen)
	if len(sc.Choices) != 1 {
		t.Fatalf("%d choices on the Sync screen", len(sc.Choices))
	}
	c := sc.Choices[0]
	texts := c.KeptText.Text + " | " + c.OtherText.Text
	if !strings.Contains(texts, "written on the ward") || !strings.Contains(texts, "written on the laptop") {
		t.Fatalf("the two versions shown: %q", texts)
	}
	want := c.OtherText.Text
	test.Tap(c.UseOther)
	if len(sc.Choices) != 0 {
		t.Fatalf("%d choices left after choosing", len(sc.Choices))
	}
	pass(laptopSync)
	pass(wardSync)
	for name, ss := range map[string]*sqlite.Session{"laptop": patLaptop, "ward": patWard} {
		views, _ := ss.Competencies(ctx, p.ID)
		for _, v := range views {
			if v.Code == "ACC-01" && v.Progress.SLOT.Strengths != want {
				t.Errorf("%s shows %q, want the chosen %q", name, v.Progress.SLOT.Strengths, want)
			}
		}
		if n, _ := ss.ConflictCount(ctx); n != 0 {
			t.Errorf("%s still has %d to choose", name, n)
		}
	}
}

func evidenceRowText(e *EvidenceScreen, i int) string {
	row := e.newRow()
	e.updateRow(i, row)
	return rowText(row)
}

// rowText is the text of every label in a list row, in order.
func rowText(o fyne.CanvasObject) string {
	var parts []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			parts = append(parts, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return strings.Join(parts, " | ")
}

// A new ward PC joins a Trust that already uses Pursuit: no administrator is made; the
// accounts arrive from the shared folder and Pat signs in with her own.
func TestANewPCJoinsThroughTheSharedFolder(t *testing.T) {
	ctx := context.Background()
	ward, _ := world(t)
	now := func() time.Time { return time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC) }
	dir := t.TempDir()
	wardSync := pursuitsync.ForFolder(ward, dir, 5*time.Second, now, nil)
	if err := wardSync.Init(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := wardSync.Pass(ctx); err != nil {
		t.Fatal(err)
	}
	fresh, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: now, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	ctl := &pursuitsync.Controller{Store: fresh, Now: now, Interval: time.Hour}
	defer ctl.Stop(5 * time.Second)
	u := New(test.NewTempApp(t), fresh, Options{Async: inline, Now: now, Sync: ctl, Later: never})
	// Fyne's test driver runs fyne.Do on the calling goroutine, so the indicator's updates
	// from the sync goroutine would race with this test's taps; the real window queues them.
	ctl.OnStatus(func(pursuitsync.Status) {})
	if u.FirstRun == nil {
		t.Fatal("a new PC should start with the first-run screen")
	}
	// A folder nobody set up is refused with a reason, and nothing is created there.
	empty := t.TempDir()
	os.WriteFile(filepath.Join(empty, "notes.txt"), []byte("x"), 0o600)
	test.Type(u.FirstRun.JoinDir, empty)
	test.Tap(u.FirstRun.Join)
	if u.FirstRun == nil || !strings.Contains(u.FirstRun.JoinMessage.Text, "not been set up") {
		t.Fatalf("joining an unused folder: %v", u.FirstRun != nil && u.FirstRun.JoinMessage.Visible())
	}
	u.FirstRun.JoinDir.SetText("")
	test.Type(u.FirstRun.JoinDir, dir)
	test.Tap(u.FirstRun.Join)
	// This folder was set up without an administrator's key: the PC says what that means
	// before it takes anything from it.
	if q := u.FirstRun.Asked; q == nil || !strings.Contains(q.Message, "forge a sign-off") {
		t.Fatalf("joining an unprotected folder asked nothing (%v)", q)
	}
	if u.SignIn != nil {
		t.Fatal("joined before the question was answered")
	}
	test.Tap(u.FirstRun.Asked.Yes)
	if u.SignIn == nil || !strings.Contains(u.SignIn.Message.Text, "Joined") || u.SignIn.Message.Importance != widget.SuccessImportance {
		t.Fatalf("after joining: first run %v, sign-in %v", u.FirstRun != nil, u.SignIn != nil)
	}
	if ctl.Folder() != dir {
		t.Errorf("sync runs with %q", ctl.Folder())
	}
	test.Type(u.SignIn.Username, "pat")
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil || !strings.HasPrefix(u.Shell.Who.String(), "Pat Okafor") {
		t.Fatal("Pat could not sign in on the PC that joined")
	}
}

// A replacement PC is restored from last night's backup at its welcome screen.
func TestANewPCIsRestoredFromABackup(t *testing.T) {
	ctx := context.Background()
	old, _ := world(t)
	sys := old.System()
	out := filepath.Join(t.TempDir(), "ward-4b.zip")
	if _, err := sys.Backup(ctx, out, sqlite.BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC) }
	fresh, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: now, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	u := New(test.NewTempApp(t), fresh, Options{Async: inline, Now: now, Later: never})
	bad := filepath.Join(t.TempDir(), "not-a-backup.zip")
	os.WriteFile(bad, []byte("PK\x03\x04 not really"), 0o600)
	u.FirstRun.RestoreFrom(bad)
	if u.FirstRun == nil || !strings.Contains(u.FirstRun.JoinMessage.Text, "Not restored") {
		t.Fatal("a damaged file was not refused on the welcome screen")
	}
	u.FirstRun.RestoreFrom(out)
	if u.SignIn == nil || !strings.Contains(u.SignIn.Message.Text, "Restored") {
		t.Fatalf("after restoring: first run %v: %s", u.FirstRun != nil, u.FirstRun.JoinMessage.Text)
	}
	if fresh.DeviceID() == old.DeviceID() {
		t.Error("the restored PC kept the original's device id")
	}
	test.Type(u.SignIn.Username, "pat")
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil {
		t.Fatal("Pat could not sign in on the restored PC")
	}
}

// protectedPair is a ward PC and a laptop on a protected folder set up by Alex, with Pat's
// programme under Sam.
type protectedPair struct {
	now          func() time.Time
	ward, laptop *sqlite.Store
	dir          string
	alex         *sqlite.Session
	pat, sam     model.User
	prog         model.Programme
}

func newProtectedPair(t *testing.T) protectedPair {
	t.Helper()
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC) }
	open := func() *sqlite.Store {
		st, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: now, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	ward, laptop, dir := open(), open(), t.TempDir()
	alex, err := ward.CreateFirstAdmin(ctx, "alex", "Alex Admin", pw)
	if err != nil {
		t.Fatal(err)
	}
	alex.ImportFramework(ctx, model.FrameworkSet{Framework: model.Framework{ID: "core", Name: "Core", Version: "1"},
		Competencies: []model.Competency{{Code: "ACC-01", Title: "Accountability", Level: model.Must}}})
	pat, _ := alex.AddUser(ctx, model.User{Username: "pat", Name: "Pat Okafor", Role: model.RolePreceptee}, pw)
	sam, _ := alex.AddUser(ctx, model.User{Username: "sam", Name: "Sam Preceptor", Role: model.RolePreceptor}, pw)
	p, err := alex.SaveProgramme(ctx, model.Programme{PrecepteeID: pat.ID, PreceptorID: sam.ID, StartDate: model.NewDate(2026, 9, 7), Profession: "nurse-adult", FrameworkID: "core"})
	if err != nil {
		t.Fatal(err)
	}
	if err := pursuitsync.SetUpFolder(ctx, dir, alex); err != nil {
		t.Fatal(err)
	}
	for _, st := range []*sqlite.Store{ward, laptop} {
		if _, err := pursuitsync.ForFolder(st, dir, 5*time.Second, now, nil).Pass(ctx); err != nil {
			t.Fatal(err)
		}
	}
	laptop.SetShareFolder(ctx, dir)
	ward.SetShareFolder(ctx, dir)
	return protectedPair{now, ward, laptop, dir, alex, pat, sam, p}
}

// On a protected folder, a sign-off Pat forged for herself with her own key is kept aside
// on the laptop, and the administrator sees it under Rejected changes with the reason;
// Pat's own Sync screen has no such card.
func TestRejectedChangesAreShownToTheAdministrator(t *testing.T) {
	ctx := context.Background()
	w := newProtectedPair(t)
	now, laptop, dir, pat, p := w.now, w.laptop, w.dir, w.pat, w.prog
	sealed, _ := pat.Sealed()
	keys, err := model.Open(sealed, pw)
	if err != nil {
		t.Fatal(err)
	}
	forged := model.Op{Format: model.OpFormat, ID: "f1", Table: "signoffs", Row: "so-f1", Kind: model.OpPut,
		Fields: map[string]any{"programme_id": p.ID, "code": "ACC-01", "signer_id": pat.ID},
		HLC:    model.HLC{Wall: now().UnixMilli(), Device: "rogue"}.String(), Device: "rogue", Author: pat.ID}
	forged.Sig, _ = model.SignOp(keys.SignPrivate, forged)
	writeSegment(t, dir, "rogue", 1, now(), keys.SignPrivate, forged)
	rep, err := pursuitsync.ForFolder(laptop, dir, 5*time.Second, now, nil).Pass(ctx)
	if err != nil || rep.Rejected != 1 {
		t.Fatalf("laptop pass: %+v %v", rep, err)
	}

	u := New(test.NewTempApp(t), laptop, Options{Later: never, Async: inline, Now: now, Sync: &pursuitsync.Controller{Store: laptop, Now: now}})
	signIn(t, u, "alex")
	u.Shell.Show("sync")
	sc := u.Shell.Screen.(*SyncScreen)
	if got := sc.Protection.Text; !strings.Contains(got, "Protected") || !strings.Contains(got, "Alex Admin") {
		t.Errorf("protection reads %q", got)
	}
	if sc.Rejected == nil {
		t.Fatal("no Rejected changes card for the administrator")
	}
	if got := rowText(sc.Rejected); !strings.Contains(got, "A sign-off from Pat Okafor") || !strings.Contains(got, "never sign off their own") {
		t.Errorf("rejected changes read %q", got)
	}

	u2 := New(test.NewTempApp(t), laptop, Options{Later: never, Async: inline, Now: now, Sync: &pursuitsync.Controller{Store: laptop, Now: now}})
	signIn(t, u2, "pat")
	u2.Shell.Show("sync")
	if sc2 := u2.Shell.Screen.(*SyncScreen); sc2.rejectedCard.Visible() || len(sc2.Rejected.Objects) != 0 {
		t.Error("Pat sees the Rejected changes card")
	}
}

// Sam changes his password on the ward PC. On the laptop, which has not heard of it, his
// old password still opens his old key and he writes a meeting note; on the ward PC that
// note is kept aside. Sam's own Sync screen shows it with "Vouch for it…"; once he vouches,
// it counts. Pat sees no such card and no button.
func TestAChangeMadeWithAnOldPasswordCountsOnceItsAuthorVouches(t *testing.T) {
	ctx := context.Background()
	w := newProtectedPair(t)
	pass := func(st *sqlite.Store) pursuitsync.Report {
		rep, err := pursuitsync.ForFolder(st, w.dir, 5*time.Second, w.now, nil).Pass(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	samWard, err := w.ward.SignIn(ctx, "sam", pw)
	if err != nil {
		t.Fatal(err)
	}
	const fresh = "a new password for the ward"
	if err := samWard.ChangePassword(ctx, pw, fresh); err != nil {
		t.Fatal(err)
	}
	samLaptop, err := w.laptop.SignIn(ctx, "sam", pw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := samLaptop.SaveMeeting(ctx, model.Meeting{ProgrammeID: w.prog.ID, Kind: model.MeetingInitial, Date: model.NewDate(2026, 11, 20), Notes: "first meeting, typed on the train"}); err != nil {
		t.Fatal(err)
	}
	pass(w.laptop)
	if rep := pass(w.ward); rep.Rejected == 0 {
		t.Fatalf("the ward PC took a change signed with a closed key: %+v", rep)
	}

	u := New(test.NewTempApp(t), w.ward, Options{Later: never, Async: inline, Now: w.now, Sync: &pursuitsync.Controller{Store: w.ward, Now: w.now}})
	test.Type(u.SignIn.Username, "sam")
	test.Type(u.SignIn.Password, fresh)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil {
		t.Fatalf("Sam signs in with his new password: %s", u.SignIn.Message.Text)
	}
	u.Shell.Show("sync")
	sc := u.Shell.Screen.(*SyncScreen)
	if !sc.rejectedCard.Visible() || !strings.Contains(rowText(sc.Rejected), "old password") || len(sc.Vouch) != 1 {
		t.Fatalf("Sam's kept-aside card: visible %v, %d buttons, %q", sc.rejectedCard.Visible(), len(sc.Vouch), rowText(sc.Rejected))
	}
	for _, b := range sc.Vouch {
		test.Tap(b)
	}
	if u.Shell.Asked == nil {
		t.Fatal("no question before vouching")
	}
	test.Tap(u.Shell.Asked.Yes)
	pf, err := samWard.Portfolio(ctx, w.prog.ID)
	if err != nil || len(pf.Meetings) != 1 || pf.Meetings[0].Notes != "first meeting, typed on the train" {
		t.Fatalf("after vouching, meetings on the ward PC: %+v %v", pf.Meetings, err)
	}
	if sc := u.Shell.Screen.(*SyncScreen); sc.rejectedCard.Visible() {
		t.Errorf("the card still shows after vouching: %q", rowText(sc.Rejected))
	}

	u2 := New(test.NewTempApp(t), w.ward, Options{Later: never, Async: inline, Now: w.now, Sync: &pursuitsync.Controller{Store: w.ward, Now: w.now}})
	signIn(t, u2, "pat")
	u2.Shell.Show("sync")
	if sc2 := u2.Shell.Screen.(*SyncScreen); sc2.rejectedCard.Visible() || len(sc2.Vouch) != 0 {
		t.Error("Pat sees Sam's change or a button to vouch for it")
	}
}

// writeSegment drops a well-formed segment into the shared folder, as anyone with write
// access to it could.
func writeSegment(t *testing.T, dir, device string, seq uint64, at time.Time, deviceKey ed25519.PrivateKey, ops ...model.Op) {
	t.Helper()
	raws := make([]json.RawMessage, len(ops))
	for i, op := range ops {
		raws[i], _ = json.Marshal(op)
	}
	sh := &share.Share{FS: share.Dir{Root: dir, Timeout: 5 * time.Second}}
	if err := sh.WriteSignedSegment(context.Background(), share.Segment{Device: device, Seq: seq, Created: at, Ops: raws}, deviceKey); err != nil {
		t.Fatal(err)
	}
}
