package main

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/sync/share"
)

// Issue 14, attack 2, through the shared folder and the command line: Pat once watched
// Sam type his password; Sam has changed it since. Pat opens the old sealed copy of his
// keys (still in the folder's history) and drops a signed segment saying Sam signed off
// ACC-02 — once dated now, once back-dated before the change. No PC takes it, verify
// fails, and kept-aside lists it; an administrator can vouch for it and then it counts,
// which is the way back for a real change made offline with the old key.
func TestAnOldPasswordForgesNothingThroughTheShare(t *testing.T) {
	w, laptop := oldPasswordForgery(t, "pat-usb")
	newPC := filepath.Join(t.TempDir(), "new-pc")
	for _, pc := range []string{w.ward, laptop, newPC} {
		pursuit(t, "", "sync", "--share", w.dir, "--data", pc, "--root", w.fp)
		if _, d, _ := pursuit(t, "", "dump", "--data", pc); strings.Contains(d, "so-old-key") {
			t.Fatalf("%s took a sign-off made with Sam's old password", filepath.Base(pc))
		}
	}
	if code, out, _ := pursuit(t, "", "verify", "--share", w.dir, "--root", w.fp); code != 1 || !strings.Contains(out, "old key") {
		t.Fatalf("verify: exit %d\n%s", code, out)
	}

	// Pat cannot vouch for it; the administrator sees it and can.
	code, out, errs := pursuit(t, "kettle on ward nine\n", "kept-aside", "--as", "pat", "--data", w.ward)
	if code != 0 || strings.Contains(out, "so-old-key") {
		t.Fatalf("Pat's kept-aside: exit %d %s%s", code, out, errs)
	}
	const adminPW = "admin password on ward nine"
	code, out, errs = pursuit(t, adminPW+"\n", "kept-aside", "--as", "alex", "--data", w.ward)
	ids := regexp.MustCompile(`(?m)^(\d+)\s.*so-old-key-a\s+yes\s`).FindStringSubmatch(out)
	if code != 0 || ids == nil {
		t.Fatalf("the administrator's kept-aside: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := pursuit(t, "kettle on ward nine\n", "vouch", ids[1], "--as", "pat", "--data", w.ward); code == 0 {
		t.Fatal("Pat vouched for a change in Sam's name")
	} else if !strings.Contains(errs, "only its author or an administrator") {
		t.Fatalf("Pat vouching: %s", errs)
	}
	if code, out, errs := pursuit(t, adminPW+"\n", "vouch", ids[1], "--as", "alex", "--data", w.ward); code != 0 {
		t.Fatalf("vouch: %s%s", out, errs)
	}
	pursuit(t, "", "sync", "--share", w.dir, "--data", w.ward)
	for _, pc := range []string{w.ward, newPC} {
		pursuit(t, "", "sync", "--share", w.dir, "--data", pc)
		if _, d, _ := pursuit(t, "", "dump", "--data", pc); !strings.Contains(d, "so-old-key-a") || strings.Contains(d, "so-old-key-b") {
			t.Fatalf("%s after vouching for one: %v %v", filepath.Base(pc), strings.Contains(d, "so-old-key-a"), strings.Contains(d, "so-old-key-b"))
		}
	}
}

// oldPasswordForgery is the world of the attack: Sam has changed his password and every
// PC knows; Pat has dropped, in a device folder of her own (device), two sign-offs of ACC-02
// signed with his old key, one dated now and one back-dated a month.
func oldPasswordForgery(t *testing.T, device string) (rootWorld, string) {
	t.Helper()
	w := newRootWorld(t)
	laptop := filepath.Join(t.TempDir(), "laptop")
	if code, out, errs := pursuit(t, "", "sync", "--share", w.dir, "--data", laptop, "--root", w.fp); code != 0 {
		t.Fatalf("the laptop joins: %s%s", out, errs)
	}
	const oldPW, newPW = "kettle on ward nine", "a password pat never saw"
	ctx := context.Background()
	st, err := sqlite.Open(ctx, w.ward, sqlite.Options{HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	sam, err := st.SignIn(ctx, "sam", oldPW)
	if err != nil {
		t.Fatal(err)
	}
	oldSealed, err := sam.User.Sealed()
	if err == nil {
		err = sam.ChangePassword(ctx, oldPW, newPW)
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, pc := range []string{w.ward, laptop} {
		if code, out, errs := pursuit(t, "", "sync", "--share", w.dir, "--data", pc); code != 0 {
			t.Fatalf("sync after the change: %s%s", out, errs)
		}
	}

	stolen, err := model.Open(oldSealed, oldPW)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC)
	var ops []model.Op
	for i, at := range []time.Time{now, now.Add(-30 * 24 * time.Hour)} {
		ops = append(ops, model.Op{Format: model.OpFormat, ID: "old-key-" + string(rune('a'+i)), Table: "signoffs", Row: "so-old-key-" + string(rune('a'+i)), Kind: model.OpPut,
			Fields: map[string]any{"programme_id": w.progID, "code": "ACC-02", "signer_id": w.samID, "signer_name": "Sam Preceptor", "signer_role": "preceptor", "statement": "I confirm", "at": at.Format(time.RFC3339)},
			HLC:    model.HLC{Wall: at.UnixMilli(), Device: device}.String(), Device: device, Author: w.samID})
	}
	var lines []json.RawMessage
	for i := range ops {
		ops[i].Sig, _ = model.SignOp(stolen.SignPrivate, ops[i])
		line, _ := json.Marshal(ops[i])
		lines = append(lines, line)
	}
	_, devKey, _ := ed25519.GenerateKey(nil)
	sh := &share.Share{FS: share.Dir{Root: w.dir, Timeout: 5 * time.Second}}
	if err := sh.WriteSignedSegment(ctx, share.Segment{Device: device, Seq: 1, Created: now, Ops: lines}, devKey); err != nil {
		t.Fatal(err)
	}

	return w, laptop
}

// The same forgery in a device folder that sorts before the ward PC's, so that a PC joining
// later reads it before the password change: it applies there for a moment, and loses its
// proof the moment the change arrives; check names it, and verify — which reads the folder
// as a new PC does — fails.
func TestAnOldPasswordForgeryReadFirstIsCaughtOnceTheChangeArrives(t *testing.T) {
	w, _ := oldPasswordForgery(t, "0-pat-usb")
	newPC := filepath.Join(t.TempDir(), "new-pc")
	pursuit(t, "", "sync", "--share", w.dir, "--data", newPC, "--root", w.fp)
	if code, out, _ := pursuit(t, "", "check", "--data", newPC); code != 1 || !strings.Contains(out, "proof: signoffs so-old-key") {
		t.Fatalf("check on the new PC: exit %d\n%s", code, out)
	}
	if code, out, _ := pursuit(t, "", "verify", "--share", w.dir, "--root", w.fp); code != 1 || !strings.Contains(out, "no longer proven") {
		t.Fatalf("verify: exit %d\n%s", code, out)
	}
}

// An ID that is not one says so, whatever it looks like.
func TestVouchSaysWhatIsNotAnID(t *testing.T) {
	dir := demoFolder(t, "1")
	for _, id := range []string{"-1", "0", "abc", "99999999999999999999"} {
		code, _, errs := pursuit(t, "", "vouch", id, "--data", dir)
		if code != 2 || !strings.Contains(errs, "is not an ID from pursuit kept-aside") {
			t.Errorf("vouch %s: exit %d, %s", id, code, strings.SplitN(errs, "\n", 2)[0])
		}
	}
}
