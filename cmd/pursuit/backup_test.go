package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pursuit/model/demo"
	"pursuit/model/sqlite"
)

// deviceID reads a folder's device id as the app would.
func deviceID(t *testing.T, dir string) string {
	t.Helper()
	st, err := sqlite.Open(context.Background(), dir, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	return st.DeviceID()
}

func TestBackupAndRestoreThroughTheCommandLine(t *testing.T) {
	src := demoFolder(t, "2")
	out := filepath.Join(t.TempDir(), "pursuit-backup.zip")

	// The file holds everyone's records: an administrator's, signed in.
	if code, _, errs := pursuit(t, "", "backup", "--data", src, "--out", out); code != 2 || !strings.Contains(errs, "--as USERNAME") {
		t.Fatalf("backup without --as: %d %s", code, errs)
	}
	if code, _, errs := pursuit(t, demo.Password+"\n", "backup", "--data", src, "--out", out, "--as", "zoe"); code != 1 || !strings.Contains(errs, "only an administrator") {
		t.Fatalf("backup by a preceptee: %d %s", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a refused backup wrote a file")
	}
	code, stdout, errs := pursuit(t, demo.Password+"\n", "backup", "--data", src, "--out", out, "--as", "admin")
	if code != 0 || !strings.Contains(stdout, "Backed up") || !strings.Contains(stdout, "10 accounts, 2 programmes") {
		t.Fatalf("backup: %d %s %s", code, stdout, errs)
	}

	dst := filepath.Join(t.TempDir(), "restored")
	code, stdout, errs = pursuit(t, "", "restore", out, "--data", dst, "--json")
	if code != 0 {
		t.Fatalf("restore: %d %s", code, errs)
	}
	var res struct {
		DeviceID string `json:"device_id"`
		Former   string `json:"former_device_id"`
		Counts   struct {
			Evidence int `json:"evidence"`
		} `json:"counts"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("restore --json: %v\n%s", err, stdout)
	}
	if res.Former != deviceID(t, src) || res.DeviceID == res.Former || deviceID(t, dst) != res.DeviceID || res.Counts.Evidence == 0 {
		t.Fatalf("device ids: original %s, backup's %s, restored %s (said %s)", deviceID(t, src), res.Former, deviceID(t, dst), res.DeviceID)
	}
	if !reflect.DeepEqual(dumpTables(t, src), dumpTables(t, dst)) {
		t.Fatal("the restored folder's records differ from the original's")
	}
	if code, stdout, _ := pursuit(t, "", "check", "--data", dst); code != 0 || !strings.Contains(stdout, "intact") {
		t.Fatalf("check of the restored folder: %d %s", code, stdout)
	}
	// The accounts came with it.
	if code, _, errs := pursuit(t, demo.Password+"\n", "list", "preceptees", "--data", dst, "--as", "admin"); code != 0 {
		t.Fatalf("list after restore: %s", errs)
	}

	// Text output says what happened to the device id.
	dst2 := filepath.Join(t.TempDir(), "again")
	if code, stdout, errs := pursuit(t, "", "restore", out, "--data", dst2); code != 0 || !strings.Contains(stdout, "new device for sync") {
		t.Fatalf("restore (text): %d %s %s", code, stdout, errs)
	}
}

func TestRestoreNeverTouchesAFolderInUse(t *testing.T) {
	src := demoFolder(t, "1")
	out := filepath.Join(t.TempDir(), "b.zip")
	if code, _, errs := pursuit(t, demo.Password+"\n", "backup", "--data", src, "--out", out, "--as", "admin"); code != 0 {
		t.Fatal(errs)
	}
	before := dumpTables(t, src)
	if code, _, errs := pursuit(t, "", "restore", out, "--data", src); code != 1 || !strings.Contains(errs, "already holds a Pursuit database") {
		t.Fatalf("restore over data: %d %s", code, errs)
	}
	if !reflect.DeepEqual(before, dumpTables(t, src)) {
		t.Fatal("a refused restore changed the folder")
	}
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "notes.txt"), []byte("someone's notes"), 0o600)
	if code, _, errs := pursuit(t, "", "restore", out, "--data", full); code != 1 || !strings.Contains(errs, "is not empty") {
		t.Fatalf("restore into a full folder: %d %s", code, errs)
	}
	if entries, _ := os.ReadDir(full); len(entries) != 1 {
		t.Fatalf("a refused restore left %v", entries)
	}
}

func TestRestoreRefusesABadFileAndLeavesNothing(t *testing.T) {
	src := demoFolder(t, "1")
	out := filepath.Join(t.TempDir(), "b.zip")
	if code, _, errs := pursuit(t, demo.Password+"\n", "backup", "--data", src, "--out", out, "--as", "admin"); code != 0 {
		t.Fatal(errs)
	}
	data, _ := os.ReadFile(out)
	cut := filepath.Join(t.TempDir(), "cut.zip")
	os.WriteFile(cut, data[:len(data)/2], 0o600)
	notZip := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notZip, []byte("shopping list"), 0o600)
	archive := filepath.Join(t.TempDir(), "zoe.zip")
	if code, _, errs := pursuit(t, demo.Password+"\n", "export", "--as", "zoe", "--data", src, "--preceptee", "zoe", "--archive", "--out", archive); code != 0 {
		t.Fatal(errs)
	}
	for file, want := range map[string]string{
		cut:     "not a complete zip file",
		notZip:  "not a complete zip file",
		archive: "pursuit import-archive",
		filepath.Join(t.TempDir(), "missing.zip"): "no such file",
	} {
		parent := t.TempDir()
		dst := filepath.Join(parent, "data")
		code, _, errs := pursuit(t, "", "restore", file, "--data", dst)
		if code != 1 || !strings.Contains(errs, want) {
			t.Errorf("restore %s: %d %s (want %q)", filepath.Base(file), code, errs, want)
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 0 {
			t.Errorf("restore of %s left %v", filepath.Base(file), entries)
		}
	}
}

func TestBackupWithoutAccountsNeedsNoSignIn(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if code, _, errs := pursuit(t, "", "framework", "import", "../../assets/framework/default.json", "--data", dir); code != 0 {
		t.Fatalf("set up a folder with no accounts: %s", errs)
	}
	out := filepath.Join(t.TempDir(), "b.zip")
	if code, stdout, errs := pursuit(t, "", "backup", "--data", dir, "--out", out, "--json"); code != 0 || !strings.Contains(stdout, `"schema"`) {
		t.Fatalf("backup: %d %s %s", code, stdout, errs)
	}
	if code, _, errs := pursuit(t, "", "backup", "--data", filepath.Join(t.TempDir(), "nothing"), "--out", out); code != 1 || !strings.Contains(errs, "no Pursuit data") {
		t.Fatalf("backup of an empty folder: %d %s", code, errs)
	}
}
