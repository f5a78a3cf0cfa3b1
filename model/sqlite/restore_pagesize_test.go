package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// R6: a backup whose database has another page size than the new PC's empty store.
func TestABackupWithAnotherPageSizeRestores(t *testing.T) {
	db := pageSize8K(t)
	b := databaseOnlyBackup(t, db, SchemaVersion())
	clock := &testClock{time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	fresh := openTest(t, t.TempDir(), clock, 7)
	if _, err := fresh.RestoreEmpty(context.Background(), b, nil); err != nil {
		t.Fatalf("a valid Pursuit database with 8 KiB pages cannot be restored on the welcome screen: %v", err)
	}
}

// pageSize8K is testdata's newest schema rewritten with 8 KiB pages, as another SQLite
// build's defaults might make it.
func pageSize8K(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", fmt.Sprintf("schema-%d.db", SchemaVersion())))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "ps8192.db")
	if err := os.WriteFile(file, src, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", file)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	for _, q := range []string{`PRAGMA journal_mode = DELETE`, `PRAGMA page_size = 8192`, `VACUUM`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	out, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
