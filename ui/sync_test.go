package ui

import (
	"context"
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

	u := New(test.NewTempApp(t), laptop, Options{Async: inline, Now: now, Sync: &pursuitsync.Controller{Store: laptop, Now: now}})
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
	u := New(test.NewTempApp(t), fresh, Options{Async: inline, Now: now, Sync: ctl})
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
	if u.SignIn == nil || !strings.Contains(u.SignIn.Message.Text, "Joined") {
		t.Fatalf("after joining: first run %v, sign-in %v", u.FirstRun != nil, u.SignIn != nil)
	}
	if ctl.Folder() != dir {
		t.Errorf("sync runs with %q", ctl.Folder())
	}
	test.Type(u.SignIn.Username, "pat")
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil || u.Shell.Person.Text != "Pat Okafor" {
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
	u := New(test.NewTempApp(t), fresh, Options{Async: inline, Now: now})
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
