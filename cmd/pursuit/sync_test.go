package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSyncCommandThroughAFolder(t *testing.T) {
	root := t.TempDir()
	a, b, share := filepath.Join(root, "ward"), filepath.Join(root, "laptop"), filepath.Join(root, "share")
	if code, _, errs := pursuit(t, "", "demo", "--preceptees", "2", "--data", a); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	// A drive that is not there: "try later", nothing lost.
	code, _, errs := pursuit(t, "", "sync", "--share", share, "--data", a)
	if code != exitOffline || !strings.Contains(errs, "cannot be reached") || !strings.Contains(errs, "nothing was lost") {
		t.Fatalf("missing share: exit %d, %s", code, errs)
	}
	// A folder that is there but was never set up is not filled by accident.
	os.Mkdir(share, 0o700)
	os.WriteFile(filepath.Join(share, "minutes.docx"), []byte("not ours"), 0o600)
	if code, _, errs := pursuit(t, "", "sync", "--share", share, "--data", a); code != 1 || !strings.Contains(errs, "not set up") {
		t.Fatalf("unformatted share: exit %d, %s", code, errs)
	}
	code, out, errs := pursuit(t, "", "sync", "--init", "--unprotected", "--share", share, "--data", a, "--json")
	if code != 0 {
		t.Fatalf("sync --init: exit %d, %s", code, errs)
	}
	var sent syncSummary
	if err := json.Unmarshal([]byte(out), &sent); err != nil || !sent.OK || sent.Sent == 0 || sent.BlobsSent == 0 || sent.Pending != 0 {
		t.Fatalf("first push: %+v %v\n%s", sent, err, out)
	}
	code, out, errs = pursuit(t, "", "sync", "--share", share, "--data", b, "--json")
	var got syncSummary
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil || got.Received != sent.Sent || got.BlobsFetched != sent.BlobsSent {
		t.Fatalf("pull: exit %d %+v %s", code, got, errs)
	}
	if got.ShareOps < int64(got.BlobsFetched) {
		t.Errorf("the pull says it made %d share operations, fewer than the %d attachments it fetched", got.ShareOps, got.BlobsFetched)
	}
	_, da, _ := pursuit(t, "", "dump", "--data", a)
	_, db, _ := pursuit(t, "", "dump", "--data", b)
	if da != db || len(da) < 1000 {
		t.Fatal("the two data folders' dumps differ after sync")
	}
	// A second pass has nothing to do and says so in words.
	code, out, _ = pursuit(t, "", "sync", "--share", share, "--data", b)
	if code != 0 || !strings.Contains(out, "Synced with") || !strings.Contains(out, "received  0 changes") {
		t.Fatalf("idle pass: %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(share, "minutes.docx")); err != nil {
		t.Error("someone's file on the share was touched")
	}
}
