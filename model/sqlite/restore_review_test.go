package sqlite

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pursuit/model"
)

// R1: a restore that fails after the database copy (here: the attachments cannot be moved)
// leaves the "empty" store full of the backup's data under the ORIGINAL PC's device id.
func TestAFailedRestoreLeavesTheStoreEmptyAndItsID(t *testing.T) {
	f, data, _ := backupFixture(t)
	b, err := ReadBackup(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	fresh := openTest(t, dir, f.clock, 7)
	// Anything that makes moving the attachments fail: a full disk, a permission, here a file.
	os.WriteFile(filepath.Join(dir, AttachmentsDir), []byte("x"), 0o600)
	_, rerr := fresh.RestoreEmpty(f.ctx, b, nil)
	if rerr == nil {
		t.Fatal("expected the injected failure")
	}
	fresh.Close()
	again := openTest(t, dir, f.clock, 8)
	has, _ := again.HasUsers(f.ctx)
	t.Logf("RestoreEmpty said: %v", rerr)
	if has || again.DeviceID() == f.st.DeviceID() {
		t.Fatalf("after a failed restore the folder holds users=%v and its device id is the original PC's (%v)", has, again.DeviceID() == f.st.DeviceID())
	}
}

// R2: data written to the store between RestoreEmpty's emptiness check and its copy
// (the Join button's sync pass, the setup steps, another window) is silently overwritten.
func TestARestoreNeverOverwritesWhatWasSavedMeanwhile(t *testing.T) {
	f, data, _ := backupFixture(t)
	b, err := ReadBackup(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	fresh := openTest(t, t.TempDir(), f.clock, 7)
	made := false
	_, err = fresh.RestoreEmpty(f.ctx, b, func(done, total int) {
		if !made {
			made = true
			if _, err := fresh.CreateFirstAdmin(context.Background(), "newadmin", "New Admin", testPassword); err != nil {
				t.Errorf("first admin: %v", err)
			}
		}
	})
	if err == nil {
		if _, serr := fresh.SignIn(f.ctx, "newadmin", testPassword); serr != nil {
			t.Fatalf("restore succeeded and silently overwrote an account created meanwhile: %v", serr)
		}
	}
}

// R3: a backup made before clock_last existed (schema <= 3) restored through RestoreEmpty
// (the welcome screen) does not restore the clock from the outbox, unlike Open.
func TestARestoredOldBackupKeepsItsClock(t *testing.T) {
	db, err := os.ReadFile(filepath.Join("..", "..", "testdata", "schema-3.db"))
	if err != nil {
		t.Fatal(err)
	}
	b := databaseOnlyBackup(t, db, 3)
	// A PC whose clock is behind the Trust's latest timestamps (or a device ran fast).
	clock := &testClock{time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)}
	fresh := openTest(t, t.TempDir(), clock, 7)
	if _, err := fresh.RestoreEmpty(context.Background(), b, nil); err != nil {
		t.Fatal(err)
	}
	var maxHLC string
	fresh.rdb.QueryRow(`SELECT max(hlc) FROM outbox`).Scan(&maxHLC)
	prev, _ := model.ParseHLC(maxHLC)
	if next := fresh.clock.Tick(); next.Compare(prev) <= 0 {
		t.Fatalf("after restore the clock issues %s, not after the restored outbox's %s", next, prev)
	}
}

// R4: a failed upgrade puts the copy back by deleting -wal/-shm and renaming over the file
// while another connection (a second window, an older Pursuit still open) holds them: that

// databaseOnlyBackup wraps a database file of the given schema as a backup with no
// attachments, as an older or another Pursuit would have written it.
func databaseOnlyBackup(t *testing.T, db []byte, schema int) *BackupFile {
	t.Helper()
	sum := sha256.Sum256(db)
	m := BackupManifest{Format: BackupFormat, Version: 1, Schema: schema, Created: time.Now().UTC(),
		Entries: []BackupEntry{{backupDBName, int64(len(db)), hex.EncodeToString(sum[:])}}}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(backupDBName)
	w.Write(db)
	w, _ = zw.Create(manifestName)
	json.NewEncoder(w).Encode(m)
	zw.Close()
	b, err := ReadBackup(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
