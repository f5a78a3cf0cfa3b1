package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	"pursuit/model"
)

// RestoreEmpty fills this store, which must still be empty (a new PC at its welcome screen),
// from a backup: every file is checked first (Extract), the database is copied in with
// SQLite's backup API under the open connections, the attachments moved into place, and the
// data folder takes a new device id, since the original PC may still be syncing under the
// backup's. It returns the backup's device id.
func (s *Store) RestoreEmpty(ctx context.Context, b *BackupFile, progress func(done, total int)) (string, error) {
	var users, ops int
	if err := s.rdb.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM outbox)`).Scan(&users, &ops); err != nil {
		return "", humanise(err)
	}
	if users > 0 || ops > 0 {
		return "", fmt.Errorf("%w: this PC already holds Pursuit data; restore into an empty data folder from the command line (pursuit --data FOLDER restore FILE)", model.ErrInvalid)
	}
	tmp, err := os.MkdirTemp(s.dir, ".restore-")
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := b.Extract(ctx, tmp, progress); err != nil {
		return "", err
	}
	// The copy is made whole before it goes in: brought up to date if it is from an older
	// version, given its new device id (the original PC may still be syncing under the
	// backup's), and its clock noted; then the files, then the database last, so a failure
	// part way leaves this store as empty as it was.
	restored, err := Open(ctx, tmp, Options{Now: s.now, Rand: s.rand, Logger: s.log})
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	former := restored.DeviceID()
	fresh, err := restored.RenewDevice(ctx)
	clock := restored.clock.Last()
	if cerr := restored.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	if err := moveAttachments(filepath.Join(tmp, AttachmentsDir), filepath.Join(s.dir, AttachmentsDir)); err != nil {
		return "", err
	}
	if err := s.matchPageSize(ctx, filepath.Join(tmp, DatabaseFile)); err != nil {
		return "", err
	}
	if err := s.copyDatabaseFrom(ctx, filepath.Join(tmp, DatabaseFile)); err != nil {
		return "", err
	}
	s.devMu.Lock()
	s.device = fresh
	s.devMu.Unlock()
	s.clock.SetDevice(fresh)
	s.clock.Restore(clock)
	s.Touch()
	return former, nil
}

// matchPageSize rewrites the file with this database's page size if it differs: SQLite's
// backup cannot change the page size of a database in WAL mode.
func (s *Store) matchPageSize(ctx context.Context, file string) error {
	var want, have int
	if err := s.rdb.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&want); err != nil {
		return humanise(err)
	}
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: file}).EscapedPath())
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := db.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&have); err != nil || have == want {
		return humanise(err)
	}
	for _, q := range []string{`PRAGMA journal_mode = DELETE`, fmt.Sprintf(`PRAGMA page_size = %d`, want), `VACUUM`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("restore: match the page size: %w", err)
		}
	}
	return db.Close()
}

// copyDatabaseFrom replaces this database's content with the file's, through the writer
// connection, so the store's readers see the restored data at once.
func (s *Store) copyDatabaseFrom(ctx context.Context, file string) error {
	src, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: file}).EscapedPath()+"?mode=ro")
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer src.Close()
	sconn, err := src.Conn(ctx)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer sconn.Close()
	dconn, err := s.wdb.Conn(ctx)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer dconn.Close()
	// Asked again on the one writer connection, right before the copy: nothing may have
	// been saved here since the first look.
	var users, ops int
	if err := dconn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM outbox)`).Scan(&users, &ops); err != nil {
		return humanise(err)
	}
	if users > 0 || ops > 0 {
		return fmt.Errorf("%w: something was saved on this PC while the backup was being checked; nothing was restored", model.ErrInvalid)
	}
	if err := backupInto(dconn, sconn); err != nil {
		return humanise(fmt.Errorf("restore the database: %w", err))
	}
	return nil
}

// moveAttachments moves every attachment file from one store's folder into another's,
// keeping any already there (same name, same bytes: named by their hash).
func moveAttachments(from, to string) error {
	if _, err := os.Stat(from); os.IsNotExist(err) {
		return nil // a backup of a portfolio without attachments
	}
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if _, err := os.Stat(dst); err == nil {
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return fmt.Errorf("restore attachments: %w", err)
		}
		if err := os.Rename(p, dst); err != nil {
			return fmt.Errorf("restore attachments: %w", err)
		}
		syncDir(filepath.Dir(dst))
		return nil
	})
}
