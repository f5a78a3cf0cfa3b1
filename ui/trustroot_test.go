package ui

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"pursuit/model"
	"pursuit/model/sqlite"
	pursuitsync "pursuit/sync"
)

// protectedFolder is a Trust's shared folder set up by its administrator, Alex, with Pat
// and her preceptor Sam on it; it returns the folder and its key's fingerprint.
func protectedFolder(t *testing.T) (string, string) {
	t.Helper()
	ctx := context.Background()
	ward, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: rootNow, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ward.Close() })
	alex, err := ward.CreateFirstAdmin(ctx, "alex", "Alex Admin", pw)
	if err != nil {
		t.Fatal(err)
	}
	alex.AddUser(ctx, model.User{Username: "pat", Name: "Pat Okafor", Role: model.RolePreceptee}, pw)
	dir := t.TempDir()
	if err := pursuitsync.SetUpFolder(ctx, dir, alex); err != nil {
		t.Fatal(err)
	}
	if _, err := pursuitsync.ForFolder(ward, dir, 5*time.Second, rootNow, nil).Pass(ctx); err != nil {
		t.Fatal(err)
	}
	root, _ := pursuitsync.FolderRoot(ctx, dir)
	return dir, root.Fingerprint()
}

func freshPC(t *testing.T) (*App, *sqlite.Store) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), t.TempDir(), sqlite.Options{Now: rootNow, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return New(test.NewTempApp(t), st, Options{Async: inline, Now: rootNow, Later: never}), st
}

// Joining a protected folder shows its key's fingerprint to compare with the Trust's, and
// what the person confirmed holds from then on: the folder losing its key is refused.
func TestJoiningShowsTheFolderKeyToCompare(t *testing.T) {
	dir, fp := protectedFolder(t)
	u, st := freshPC(t)
	test.Type(u.FirstRun.JoinDir, dir)
	test.Tap(u.FirstRun.Join)
	q := u.FirstRun.Asked
	if q == nil || !strings.Contains(q.Message, fp) || u.SignIn != nil {
		t.Fatalf("no fingerprint to compare before joining: %+v", q)
	}
	test.Tap(q.Yes)
	if u.SignIn == nil {
		t.Fatalf("not joined: %s", u.FirstRun.JoinMessage.Text)
	}
	trust, _ := st.RootTrust(context.Background())
	if !trust.Checked() || trust.ConfirmedBy == "" {
		t.Fatalf("the comparison was not kept: %+v", trust)
	}
	signIn(t, u, "alex")
	u.Shell.Show("settings")
	x := u.Shell.Screen.(*SettingsScreen)
	if got := x.Root.Text.Text; !strings.Contains(got, fp) || !strings.Contains(got, "Confirmed by the person who joined this PC") || x.Root.form.Visible() {
		t.Fatalf("Settings says %q (confirm form shown: %v)", got, x.Root.form.Visible())
	}

	// The key taken out of FORMAT.json: this PC takes nothing more and says why.
	stripRoot(t, dir)
	_, err := pursuitsync.ForFolder(st, dir, 5*time.Second, rootNow, nil).Pass(context.Background())
	if err == nil || !strings.Contains(sentence(err), "no longer names the administrator key") {
		t.Fatalf("a folder without its key: %v", err)
	}
}

// A PC that took the folder's key on first sight offers to confirm it in Settings; a
// fingerprint that is not the key's is refused there, the right one is kept.
func TestSettingsConfirmsTheKeyAPCTookOnFirstSight(t *testing.T) {
	dir, fp := protectedFolder(t)
	u, st := freshPC(t)
	if _, err := pursuitsync.ForFolder(st, dir, 5*time.Second, rootNow, nil).Pass(context.Background()); err != nil {
		t.Fatal(err)
	}
	u.showSignIn("")
	signIn(t, u, "pat")
	u.Shell.Show("settings")
	x := u.Shell.Screen.(*SettingsScreen)
	if got := x.Root.Text.Text; !strings.Contains(got, fp) || !strings.Contains(got, "Nobody has checked it yet") || !x.Root.form.Visible() {
		t.Fatalf("Settings says %q (confirm form shown: %v)", got, x.Root.form.Visible())
	}
	other := "11111 22222 33333 44444 55555 66666"
	test.Type(x.Root.Fingerprint, other)
	test.Tap(x.Root.Confirm)
	if got := x.Root.Message.Text; !strings.Contains(got, "not the one this PC trusts") {
		t.Fatalf("a wrong fingerprint: %q", got)
	}
	if trust, _ := st.RootTrust(context.Background()); trust.Confirmed != "" {
		t.Fatalf("a wrong fingerprint was kept: %+v", trust)
	}
	x.Root.Fingerprint.SetText("")
	test.Type(x.Root.Fingerprint, strings.ReplaceAll(fp, " ", ""))
	test.Tap(x.Root.Confirm)
	if got := x.Root.Text.Text; !strings.Contains(got, "Confirmed by Pat Okafor") || x.Root.form.Visible() {
		t.Fatalf("after confirming: %q (form shown: %v, message %q)", got, x.Root.form.Visible(), x.Root.Message.Text)
	}
}

func stripRoot(t *testing.T, dir string) {
	t.Helper()
	path := filepath.Join(dir, "FORMAT.json")
	b, _ := os.ReadFile(path)
	var doc map[string]any
	json.Unmarshal(b, &doc)
	delete(doc, "root")
	b, _ = json.Marshal(doc)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func rootNow() time.Time { return time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC) }

// The running app says it loudly: a folder that lost its key stops sync, and the Sync
// screen says why, in words, with the fingerprint this PC trusts.
func TestTheSyncScreenSaysTheFolderLostItsKey(t *testing.T) {
	dir, fp := protectedFolder(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: rootNow, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := pursuitsync.ForFolder(st, dir, 5*time.Second, rootNow, nil).Pass(ctx); err != nil {
		t.Fatal(err)
	}
	stripRoot(t, dir)
	ctl := &pursuitsync.Controller{Store: st, Now: rootNow, Interval: time.Hour}
	defer ctl.Stop(5 * time.Second)
	ctl.OnStatus(func(pursuitsync.Status) {})
	ctl.Start(dir)
	deadline := time.Now().Add(10 * time.Second)
	for ctl.Status().State != pursuitsync.Failed && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	u := New(test.NewTempApp(t), st, Options{Async: inline, Now: rootNow, Later: never, Sync: ctl})
	signIn(t, u, "alex")
	u.Shell.Show("sync")
	x := u.Shell.Screen.(*SyncScreen)
	if got := x.Detail.Text; !strings.Contains(got, "no longer names the administrator key") || !strings.Contains(got, fp) {
		t.Fatalf("the Sync screen says %q", got)
	}
}
