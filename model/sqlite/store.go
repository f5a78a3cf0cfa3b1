// Package sqlite is Pursuit's local store: one SQLite file per data folder, holding the
// portfolio, the accounts and, for every change, an audit row and an outbox operation
// written in the same transaction. Attachments live beside it, named by SHA-256.
//
// Permissions are enforced here, on every call, through the model's permissions matrix;
// the screens only decide what to show.
package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	gosync "sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	sqlite3 "github.com/mattn/go-sqlite3"

	"pursuit/model"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// metaClock keeps the clock's latest timestamp across restarts.
const metaClock = "clock_last"

// DatabaseFile is the store's file inside the data folder.
const DatabaseFile = "pursuit.db"

// DefaultMaxAttachment is the largest file a preceptee can attach.
const DefaultMaxAttachment = 50 << 20

// Options inject what a test wants to control.
type Options struct {
	Now           func() time.Time
	Rand          io.Reader     // salts and random ids; crypto/rand when nil
	NewID         func() string // record ids; random UUIDs from Rand when nil
	HashParams    model.HashParams
	MaxAttachment int64
	Logger        *slog.Logger
	// ReadOnly opens an existing database only to read it (check, dump, lists): nothing is
	// created, migrated or tidied, so a damaged or read-only folder is reported, not changed.
	ReadOnly bool
	// Policy is the Trust's settings for this PC, deployed by IT: a folder naming another
	// administrator key than the one it names, or none, is refused.
	Policy model.Policy
	// KeptAsideLimit is how many changes one device or one claimed author may have kept
	// aside here whole (DefaultKeptAsideLimit when 0).
	KeptAsideLimit int
}

// Store is an open data folder.
type Store struct {
	dir            string
	wdb            *sql.DB // one connection: SQLite has one writer, and queueing here beats SQLITE_BUSY
	rdb            *sql.DB // readers, which WAL lets run beside the writer
	now            func() time.Time
	rand           io.Reader
	newID          func() string
	hash           model.HashParams
	maxAtt         int64
	log            *slog.Logger
	onCommit       atomic.Pointer[func()] // told after every saved change: sync sends it soon
	cohortCache    cohortCache
	cohortWork     atomic.Int64 // programmes worked out for overviews (tests count them)
	devMu          gosync.Mutex // the device id changes when sync finds this folder is a copy
	device         string
	clock          *model.Clock
	policy         model.Policy
	keptAsideLimit int
	// proofCheck judges the overview's sign-offs, remembering the signatures it has
	// checked (a signature once good stays good) and, while the accounts' changes and the
	// Trust's key stay as they were (version), each sign-off's judgement.
	proofCheck struct {
		gosync.Mutex
		v       model.OpVerifier
		version string
		judged  map[[32]byte]bool
	}
}

// Policy is the Trust's settings for this PC, as given to Open.
func (s *Store) Policy() model.Policy { return s.policy }

// Open opens (creating if needed) the store in dir and brings its schema up to date.
func Open(ctx context.Context, dir string, opt Options) (*Store, error) {
	s := &Store{dir: dir, now: opt.Now, rand: opt.Rand, newID: opt.NewID, hash: opt.HashParams, maxAtt: opt.MaxAttachment, log: opt.Logger, policy: opt.Policy, keptAsideLimit: opt.KeptAsideLimit}
	if s.now == nil {
		s.now = time.Now
	}
	if s.rand == nil {
		s.rand = rand.Reader
	}
	if s.newID == nil {
		s.newID = func() string { return uuid.Must(uuid.NewRandomFromReader(s.rand)).String() }
	}
	if s.hash == (model.HashParams{}) {
		s.hash = model.DefaultHashParams
	}
	if s.maxAtt == 0 {
		s.maxAtt = DefaultMaxAttachment
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	path := filepath.Join(dir, DatabaseFile)
	if opt.ReadOnly {
		return s.openReadOnly(ctx, path)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open data folder %s: %w", dir, err)
	}
	var err error
	if s.wdb, err = sql.Open("sqlite3", dsn(path, true)); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s.wdb.SetMaxOpenConns(1)
	if s.rdb, err = sql.Open("sqlite3", dsn(path, false)); err != nil {
		s.wdb.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// An existing database from an older version is copied before any migration touches
	// it, so a failed upgrade can be undone and the older version can still open the folder.
	var from int
	var pre string // the pre-upgrade copy, when one was taken
	if from, err = userVersion(ctx, s.wdb); err == nil && from > 0 && from < SchemaVersion() {
		if pre, err = s.backupBeforeUpgrade(ctx, from, SchemaVersion()); err != nil {
			s.Close()
			return nil, fmt.Errorf("open %s: the database needs an upgrade from schema %d to %d, but a copy could not be made first, so nothing was changed: %w", path, from, SchemaVersion(), humanise(err))
		}
	}
	// Two windows starting at once on a new folder take turns: the first sets the folder
	// up while the second waits, rather than failing.
	for attempt := 0; ; attempt++ {
		err = s.init(ctx)
		if err == nil || !isBusy(err) || attempt == 50 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		s.Close()
		var me *migrationError
		if pre != "" && errors.As(err, &me) {
			return nil, undoUpgrade(path, pre, from, err)
		}
		return nil, fmt.Errorf("open %s: %w", path, humanise(err))
	}
	s.sweepIncoming()
	return s, nil
}

// sweepIncoming removes attachments left half-copied by a crash or a power cut. Only old
// ones: another window on the same folder may be copying a file right now.
func (s *Store) sweepIncoming() {
	dir := filepath.Join(s.dir, AttachmentsDir, "tmp")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && s.now().Sub(info.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

func (s *Store) openReadOnly(ctx context.Context, path string) (*Store, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if info.Size() == 0 {
		return nil, fmt.Errorf("open %s: the database file is empty: it is not a Pursuit database (restore it from a backup)", path)
	}
	ro := "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&_busy_timeout=5000"
	if s.rdb, err = sql.Open("sqlite3", ro); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	var version int
	err = s.rdb.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version)
	if err != nil {
		// A WAL database in a read-only folder cannot make its shared-memory file; nobody
		// can be writing to such a folder, so read the file as it stands.
		s.rdb.Close()
		if s.rdb, err = sql.Open("sqlite3", ro+"&immutable=1"); err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		err = s.rdb.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version)
	}
	switch {
	case err != nil:
		err = humanise(err)
	case version == 0:
		err = errors.New("this is not a Pursuit database")
	case version > SchemaVersion():
		err = fmt.Errorf("%w: this data folder was written by a newer version of Pursuit (schema %d; this version knows up to %d)", ErrNewerDatabase, version, SchemaVersion())
	case version < SchemaVersion():
		err = fmt.Errorf("this data folder was written by an older version of Pursuit (schema %d); open it in the app once to bring it up to date", version)
	}
	if err == nil {
		s.device, err = s.meta(ctx, s.rdb, "device_id")
	}
	if err != nil {
		s.rdb.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// dsn: WAL lets the screens read while a sync writes; synchronous=FULL makes a commit
// survive a power cut, because losing a reflection typed at the end of a shift is worse
// than a millisecond per save; writers take the lock up front (immediate) so two never
// deadlock upgrading a read.
func dsn(path string, writer bool) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "5000")
	q.Set("_synchronous", "FULL")
	if writer {
		q.Set("_txlock", "immediate")
	}
	q.Set("_cache_size", "-512")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

func (s *Store) init(ctx context.Context) error {
	if err := migrate(ctx, s.wdb); err != nil {
		return err
	}
	dev, err := s.meta(ctx, s.wdb, "device_id")
	if err != nil {
		return err
	}
	if dev == "" {
		// Two windows may open a new folder at once: the first id written is the device's.
		fresh := uuid.Must(uuid.NewRandomFromReader(s.rand)).String()
		if _, err := s.wdb.ExecContext(ctx, `INSERT OR IGNORE INTO meta(key, value) VALUES('device_id', ?)`, fresh); err != nil {
			return err
		}
		if dev, err = s.meta(ctx, s.wdb, "device_id"); err != nil {
			return err
		}
	}
	s.device = dev
	s.clock = &model.Clock{Now: s.now, Device: dev}
	last, err := s.meta(ctx, s.wdb, metaClock)
	if err != nil {
		return err
	}
	if last == "" {
		// Written before the clock was kept in meta: the outbox's latest will do.
		var l sql.NullString
		if err := s.wdb.QueryRowContext(ctx, `SELECT max(hlc) FROM outbox`).Scan(&l); err != nil {
			return err
		}
		last = l.String
	}
	if h, err := model.ParseHLC(last); err == nil {
		s.clock.Restore(h)
	}
	return nil
}

// Close releases the database.
func (s *Store) Close() error {
	var errs []error
	if s.rdb != nil {
		errs = append(errs, s.rdb.Close())
	}
	if s.wdb != nil {
		errs = append(errs, s.wdb.Close())
	}
	return errors.Join(errs...)
}

// OnCommit sets a function called after every committed change (not after applying what
// sync brought in): the app asks sync for a pass soon after a save.
func (s *Store) OnCommit(f func()) { s.onCommit.Store(&f) }

// Dir is the data folder.
func (s *Store) Dir() string { return s.dir }

// DeviceID names this device in the audit log and on the shared folder.
func (s *Store) DeviceID() string {
	s.devMu.Lock()
	defer s.devMu.Unlock()
	return s.device
}

// Now is the store's clock, for callers that must agree with it.
func (s *Store) Now() time.Time { return s.now() }

func (s *Store) meta(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func (s *Store) setMeta(ctx context.Context, q querier, key, value string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// Meta reads a device-local setting; Settings writes one.
func (s *Store) Meta(ctx context.Context, key string) (string, error) { return s.meta(ctx, s.rdb, key) }

// SetMeta stores a device-local setting (not synced, not audited: preferences only).
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	return humanise(s.setMeta(ctx, s.wdb, key, value))
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

// SchemaVersion is the number of migrations this build knows.
func SchemaVersion() int {
	names, _ := migrationNames()
	return len(names)
}

func migrationNames() ([]string, error) {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names, nil
}

// ErrNewerDatabase means the data folder was written by a newer version of Pursuit.
var ErrNewerDatabase = errors.New("database from a newer version")

// migrate applies the embedded migrations the database has not seen, each in its own
// transaction with its new user_version, and refuses a database from a newer version
// rather than guess at a schema it does not know.
func migrate(ctx context.Context, db *sql.DB) error {
	names, err := migrationNames()
	if err != nil {
		return err
	}
	var have int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&have); err != nil {
		return err
	}
	if have > len(names) {
		return fmt.Errorf("%w: this data folder was written by a newer version of Pursuit (schema %d; this version knows up to %d). Install the newer version; nothing has been changed", ErrNewerDatabase, have, len(names))
	}
	for i := have; i < len(names); i++ {
		body, err := migrationFiles.ReadFile("migrations/" + names[i])
		if err != nil {
			return err
		}
		if err := applyMigration(ctx, db, string(body), i+1); err != nil {
			return &migrationError{names[i], err}
		}
	}
	return nil
}

// migrationError is a migration that failed: the one case in which Open puts the
// pre-upgrade copy back.
type migrationError struct {
	name string
	err  error
}

func (e *migrationError) Error() string { return fmt.Sprintf("migration %s: %v", e.name, e.err) }
func (e *migrationError) Unwrap() error { return e.err }

// migrationFault lets a test make a migration fail after its SQL has run, inside its
// transaction, as a real fault would (a full disk, a constraint an old row breaks).
var migrationFault func(version int) error

func userVersion(ctx context.Context, db *sql.DB) (int, error) {
	var v int
	err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v)
	return v, err
}

// applyMigration brings the schema to version, unless another window opening the same
// folder at the same moment already has: the version is read under the write lock.
func applyMigration(ctx context.Context, db *sql.DB, body string, version int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var have int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&have); err != nil {
		return err
	}
	if have >= version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if migrationFault != nil {
		if err := migrationFault(version); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA user_version = `+strconv.Itoa(version)); err != nil {
		return err
	}
	return tx.Commit()
}

func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// humanise turns SQLite's codes into messages for the person at the PC, keeping the
// original error wrapped for logs.
func humanise(err error) error {
	var se sqlite3.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	var msg string
	switch se.Code {
	case sqlite3.ErrFull:
		msg = "the disk is full: nothing was saved. Free some space and try again"
	case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
		msg = "the data folder cannot be written (read-only or no permission): nothing was saved"
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		msg = "the database file is damaged or is not a Pursuit database; restore it from a backup"
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		msg = "the database is busy in another window; try again in a moment"
	case sqlite3.ErrIoErr:
		msg = "the disk reported an error: nothing was saved"
	default:
		return err
	}
	return fmt.Errorf("%s: %w", msg, err)
}

// id makes a record id; derivedID makes the same id on every device for the same key.
func (s *Store) id() string { return s.newID() }

func derivedID(parts ...string) string { return model.DerivedID(parts...) }
