package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/sync/share"
)

// A Trust set up from the command line by its administrator: the share is protected by
// their key, a forged sign-off dropped into it is named by `pursuit verify` and kept aside
// by a laptop that syncs, and a laptop refuses a share whose administrator key was swapped.
func TestVerifyNamesAForgedSignOff(t *testing.T) {
	w := newRootWorld(t)
	dir, format, samID, progID := w.dir, w.format, w.samID, w.progID
	laptop := filepath.Join(t.TempDir(), "laptop")
	const pw = "kettle on ward nine"
	if !strings.Contains(string(format), `"root"`) {
		t.Fatalf("FORMAT.json names no administrator key:\n%s", format)
	}
	if code, out, errs := pursuit(t, "", "verify", "--share", dir); code != 0 || !strings.Contains(out, "0 failed") {
		t.Fatalf("verify of a clean share: exit %d\n%s%s", code, out, errs)
	}

	// Someone writes a sign-off "by Sam" into the share, signed with a key of their own.
	forger, _ := model.NewKeyPair(strings.NewReader(strings.Repeat("the forger's own 64 bytes of randomness... ", 2)))
	op := model.Op{Format: model.OpFormat, ID: "forged", Table: "signoffs", Row: "so-forged", Kind: model.OpPut,
		Fields: map[string]any{"programme_id": progID, "code": "ACC-01", "signer_id": samID, "signer_name": "Sam Preceptor", "statement": "I confirm"},
		HLC:    model.HLC{Wall: time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC).UnixMilli(), Device: "rogue"}.String(), Device: "rogue", Author: samID}
	sig, _ := model.SignOp(forger.SignPrivate, op)
	op.Sig = sig
	line, _ := json.Marshal(op)
	// A device of the forger's own, signing its segment properly: only the sign-off is false.
	sh := &share.Share{FS: share.Dir{Root: dir, Timeout: 5 * time.Second}}
	seg := share.Segment{Device: "rogue", Seq: 1, Created: time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC), Ops: []json.RawMessage{line}}
	if err := sh.WriteSignedSegment(context.Background(), seg, forger.SignPrivate); err != nil {
		t.Fatal(err)
	}

	code, out, errs := pursuit(t, "", "verify", "--share", dir)
	if code != 1 || !strings.Contains(out, "1 failed") || !strings.Contains(out, "rogue") || !strings.Contains(out, "Sam Preceptor") ||
		!strings.Contains(out, "signoffs so-forged") || !strings.Contains(out, "altered or not signed by its author") {
		t.Fatalf("verify: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = pursuit(t, "", "sync", "--share", dir, "--data", laptop)
	if code != 0 || !strings.Contains(out, "1 changes from the shared folder could not be applied") {
		t.Fatalf("laptop sync: exit %d\n%s%s", code, out, errs)
	}
	if _, d, _ := pursuit(t, "", "dump", "--data", laptop); strings.Contains(d, "so-forged") {
		t.Fatal("the forged sign-off reached the laptop's data")
	}
	// The laptop can sign in as Sam with his password: his keys came with his account.
	if code, _, errs := pursuit(t, pw+"\n", "list", "preceptees", "--as", "sam", "--data", laptop); code != 0 {
		t.Fatalf("sam on the laptop: %s", errs)
	}

	// FORMAT.json rewritten to name another administrator key: the laptop stops there.
	swapped := strings.Replace(string(format), `"user":"`, `"user":"x`, 1)
	os.WriteFile(filepath.Join(dir, "FORMAT.json"), []byte(swapped), 0o600)
	if code, _, errs := pursuit(t, "", "sync", "--share", dir, "--data", laptop); code == 0 || !strings.Contains(errs, "administrator key") {
		t.Fatalf("a swapped administrator key: exit %d, %s", code, errs)
	}
}
