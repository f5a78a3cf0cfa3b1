package sqlite

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"pursuit/model"
)

// BackupsDir, inside the data folder, holds the copies taken before an upgrade.
const BackupsDir = "backups"

// keepUpgradeBackups is how many pre-upgrade copies are kept: enough to step back over a
// couple of releases, few enough that a small laptop disk does not fill with old copies.
const keepUpgradeBackups = 3

// snapshot copies the database behind src into dst (a new or empty file) with SQLite's
// online backup API: one step under one read transaction, so the copy is a single
// consistent moment even while another window or process keeps writing (WAL lets it).
// The copy is flushed to disk before snapshot returns.
func snapshot(ctx context.Context, src *sql.DB, dst string) error {
	ddb, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: dst}).EscapedPath()+"?_busy_timeout=5000")
	if err != nil {
		return fmt.Errorf("copy the database to %s: %w", dst, err)
	}
	defer ddb.Close()
	dconn, err := ddb.Conn(ctx)
	if err != nil {
		return fmt.Errorf("copy the database to %s: %w", dst, err)
	}
	defer dconn.Close()
	sconn, err := src.Conn(ctx)
	if err != nil {
		return fmt.Errorf("copy the database: %w", err)
	}
	defer sconn.Close()
	if err := backupInto(dconn, sconn); err != nil {
		return fmt.Errorf("copy the database to %s: %w", dst, err)
	}
	if err := errors.Join(dconn.Close(), ddb.Close()); err != nil {
		return fmt.Errorf("copy the database to %s: %w", dst, err)
	}
	return syncFile(dst)
}

// backupInto copies the database behind src over the one behind dst in one step of SQLite's
// online backup API: readers of either see it before or after, never part way.
func backupInto(dst, src *sql.Conn) error {
	return dst.Raw(func(d any) error {
		return src.Raw(func(s any) error {
			dc, ok1 := d.(*sqlite3.SQLiteConn)
			sc, ok2 := s.(*sqlite3.SQLiteConn)
			if !ok1 || !ok2 {
				return fmt.Errorf("unexpected SQLite driver connections %T, %T", d, s)
			}
			b, err := dc.Backup("main", sc, "main")
			if err != nil {
				return err
			}
			if _, err := b.Step(-1); err != nil {
				b.Close()
				return err
			}
			return b.Finish()
		})
	})
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("flush %s to disk: %w", name, err)
	}
	return nil
}

// backupBeforeUpgrade copies the database to backups/pre-upgrade-<from>-to-<to>-<time>.db
// before a migration runs, and keeps only the newest few such copies.
func (s *Store) backupBeforeUpgrade(ctx context.Context, from, to int) (string, error) {
	dir := filepath.Join(s.dir, BackupsDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	base := fmt.Sprintf("pre-upgrade-%d-to-%d-%s", from, to, s.now().UTC().Format("20060102-150405"))
	dst := filepath.Join(dir, base+".db")
	for n := 2; ; n++ { // two upgrades within a second (tests, or a retry) keep both copies
		if _, err := os.Lstat(dst); errors.Is(err, os.ErrNotExist) {
			break
		}
		dst = filepath.Join(dir, fmt.Sprintf("%s-%d.db", base, n))
	}
	tmp, err := os.CreateTemp(dir, ".pre-upgrade-*.tmp")
	if err != nil {
		return "", err
	}
	tmp.Close()
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := snapshot(ctx, s.wdb, tmp.Name()); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return "", err
	}
	syncDir(dir)
	s.log.Info("database copied before an upgrade", "from", from, "to", to, "copy", dst)
	pruneUpgradeBackups(dir, dst)
	return dst, nil
}

// pruneUpgradeBackups removes all but the newest keepUpgradeBackups pre-upgrade copies,
// never the one just taken.
func pruneUpgradeBackups(dir, keep string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type copyFile struct {
		name string
		mod  time.Time
	}
	var copies []copyFile
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), "pre-upgrade-") || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		if info, err := e.Info(); err == nil {
			copies = append(copies, copyFile{e.Name(), info.ModTime()})
		}
	}
	sort.Slice(copies, func(i, j int) bool {
		if !copies[i].mod.Equal(copies[j].mod) {
			return copies[i].mod.After(copies[j].mod)
		}
		return copies[i].name > copies[j].name
	})
	for i, c := range copies {
		if p := filepath.Join(dir, c.name); i >= keepUpgradeBackups && p != keep {
			os.Remove(p)
		}
	}
}

// undoUpgrade puts the pre-upgrade copy back after a failed migration. Earlier migrations
// of the same upgrade may have committed, leaving a schema no version of Pursuit wrote;
// the copy returns the folder to exactly what the older version left, so it can still be
// opened by that version. The store's connections are closed by then.
func undoUpgrade(path, copyPath string, from int, cause error) error {
	if err := replaceDatabase(path, copyPath); err != nil {
		return fmt.Errorf("open %s: the upgrade from schema %d to %d failed (%v), and putting the database back also failed (%v). Before using Pursuit again, copy %s over %s by hand", path, from, SchemaVersion(), cause, err, copyPath, path)
	}
	return fmt.Errorf("open %s: the upgrade from schema %d to %d failed, so nothing was changed: the database is back as it was before the upgrade (its copy is kept in %s). Keep using the previous version of Pursuit and report this: %w", path, from, SchemaVersion(), copyPath, humanise(cause))
}

// replaceDatabase copies src over the database at path atomically: temporary file beside
// it, flushed, then renamed. The old write-ahead log goes first: SQLite would otherwise
// replay the failed upgrade's pages onto the restored file.
func replaceDatabase(path, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(path), ".restore-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	_, err = io.Copy(tmp, in)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	for _, side := range []string{path + "-wal", path + "-shm", path + "-journal"} {
		if err := os.Remove(side); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// The backup file: one zip holding a consistent copy of the database, every attachment
// under its SHA-256, and manifest.json naming each entry with its size and hash.
const (
	BackupFormat  = "pursuit-backup"
	BackupVersion = 1
	backupDBName  = DatabaseFile
	manifestName  = "manifest.json"
)

// ErrBackup marks a file that is not a Pursuit backup, or one that is damaged.
var ErrBackup = errors.New("not a usable Pursuit backup")

// Limits on what a backup may claim, so a damaged or hostile file cannot fill the disk or
// the memory before its hashes are checked. Far above what a Trust's folder holds.
var backupLimits = struct {
	entries    int
	manifest   int64
	database   int64
	attachment int64
	total      int64
}{entries: 500_000, manifest: 256 << 20, database: 32 << 30, attachment: 2 << 30, total: 256 << 30}

// BackupManifest describes a backup.
type BackupManifest struct {
	Format     string        `json:"format"`
	Version    int           `json:"format_version"`
	AppVersion string        `json:"app_version"`
	Schema     int           `json:"schema"`
	DeviceID   string        `json:"device_id"`
	Created    time.Time     `json:"created"`
	Counts     BackupCounts  `json:"counts"`
	Entries    []BackupEntry `json:"entries"`
}

// BackupCounts say what the backup holds, for the person restoring it.
type BackupCounts struct {
	Users       int `json:"users"`
	Programmes  int `json:"programmes"`
	Evidence    int `json:"evidence"`
	Attachments int `json:"attachment_files"`
}

// BackupEntry is one file in the backup.
type BackupEntry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// BackupOptions tune a backup.
type BackupOptions struct {
	AppVersion string
	// Progress is told how many of the backup's files are written so far.
	Progress func(done, total int)
}

// BackupResult says what a backup wrote.
type BackupResult struct {
	File     string         `json:"file"`
	Size     int64          `json:"size"`
	Manifest BackupManifest `json:"manifest"`
	// Damaged attachments (bytes no longer matching their hash) are left out rather than
	// failing the whole backup; `pursuit check` names them.
	Damaged []string `json:"damaged,omitempty"`
	// NotHere are attachments whose bytes have not reached this device by sync yet.
	NotHere int `json:"not_on_this_device"`
}

// Backup writes the whole data folder — database, accounts with their password hashes,
// confidential records and every attachment — to the zip file out, atomically: a
// temporary file beside it, flushed, then renamed. Only an administrator (or the command
// line on an installation without accounts) may: the file holds everything. It is safe
// while the app is in use: the database is copied at one moment, and attachments, which
// are written before the records that refer to them and never removed, are gathered
// after it.
func (ss *Session) Backup(ctx context.Context, out string, opt BackupOptions) (BackupResult, error) {
	s := ss.st
	res := BackupResult{File: out}
	if err := canBackUp(ss.User); err != nil {
		return res, err
	}
	dir := filepath.Dir(out)
	if inside(s.dir, out) {
		return res, fmt.Errorf("%w: choose a place outside the data folder %s for the backup (it would write over what it backs up, and goes when the PC does)", model.ErrInvalid, s.dir)
	}
	// The plain copy of the database is made inside the data folder, where the same data
	// already is, never beside the backup (a USB stick, Documents), where a crash would
	// leave everyone's records unpacked.
	if err := os.MkdirAll(filepath.Join(s.dir, BackupsDir), 0o700); err != nil {
		return res, fmt.Errorf("back up to %s: %w", out, err)
	}
	work, err := os.MkdirTemp(filepath.Join(s.dir, BackupsDir), ".pursuit-backup-*")
	if err != nil {
		return res, fmt.Errorf("back up to %s: %w", out, err)
	}
	defer os.RemoveAll(work)
	snap := filepath.Join(work, backupDBName)
	src := s.rdb
	if err := snapshot(ctx, src, snap); err != nil {
		return res, fmt.Errorf("back up to %s: %w", out, humanise(err))
	}
	m := BackupManifest{Format: BackupFormat, Version: BackupVersion, AppVersion: opt.AppVersion, Created: s.now().UTC().Truncate(time.Second)}
	if err := inspectDatabase(ctx, snap, &m); err != nil {
		return res, fmt.Errorf("back up to %s: %w", out, err)
	}
	blobs, err := s.blobFiles()
	if err != nil {
		return res, fmt.Errorf("back up to %s: list the attachments: %w", out, err)
	}
	var good []string
	for _, sha := range blobs {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if err := s.verifyBlob(sha); err != nil {
			res.Damaged = append(res.Damaged, sha)
			continue
		}
		good = append(good, sha)
	}
	if missing, err := s.MissingAttachments(ctx); err == nil {
		res.NotHere = len(missing)
	}
	m.Counts.Attachments = len(good)

	tmp, err := os.CreateTemp(dir, ".pursuit-backup-*.tmp")
	if err != nil {
		return res, fmt.Errorf("back up to %s: %w", out, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	defer tmp.Close()
	zw := zip.NewWriter(tmp)
	total := 1 + len(good)
	progress := func(done int) {
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
	}
	progress(0)
	add := func(name, file string) error {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: m.Created})
		if err != nil {
			return err
		}
		h := sha256.New()
		n, err := io.Copy(io.MultiWriter(w, h), ctxReader{ctx, f})
		if err != nil {
			return err
		}
		m.Entries = append(m.Entries, BackupEntry{name, n, hex.EncodeToString(h.Sum(nil))})
		return nil
	}
	if err := add(backupDBName, snap); err != nil {
		return res, fmt.Errorf("back up to %s: %w", out, err)
	}
	progress(1)
	for i, sha := range good {
		p, _ := s.blobPath(sha)
		if err := add(blobEntryName(sha), p); err != nil {
			return res, fmt.Errorf("back up to %s: attachment %s: %w", out, sha, err)
		}
		if got := m.Entries[len(m.Entries)-1].SHA256; got != sha {
			return res, fmt.Errorf("back up to %s: attachment %s changed while it was copied", out, sha)
		}
		progress(2 + i)
	}
	body, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return res, err
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: manifestName, Method: zip.Deflate, Modified: m.Created})
	if err == nil {
		_, err = w.Write(body)
	}
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), out)
	}
	if err != nil {
		return res, fmt.Errorf("back up to %s: %w", out, err)
	}
	syncDir(dir)
	if info, err := os.Stat(out); err == nil {
		res.Size = info.Size()
	}
	res.Manifest = m
	if s.wdb != nil {
		// Taking everything away is worth a line in the audit log; failing to write that
		// line does not undo a backup already safely on disk.
		if err := s.auditOnly(ctx, s.wdb, ss.User.ID, "backup", "", ""); err != nil {
			s.log.Warn("backup not recorded in the audit log", "err", err)
		}
	}
	return res, nil
}

func canBackUp(u model.User) error {
	if u.ID == model.SystemUser.ID {
		return nil
	}
	if !u.Active || u.Role != model.RoleAdmin {
		return fmt.Errorf("%w: only an administrator may take a backup: it holds every account and every confidential record", model.ErrForbidden)
	}
	return nil
}

// CanBackUp says whether the signed-in person may take a backup.
func (ss *Session) CanBackUp() bool { return canBackUp(ss.User) == nil }

// inspectDatabase checks a copied database and fills the manifest from it.
func inspectDatabase(ctx context.Context, file string, m *BackupManifest) error {
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: file}).EscapedPath()+"?_busy_timeout=5000")
	if err != nil {
		return err
	}
	defer db.Close()
	var check string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check(1)`).Scan(&check); err != nil {
		return humanise(err)
	}
	if check != "ok" {
		return fmt.Errorf("the database fails SQLite's integrity check (%s); run pursuit check", check)
	}
	if m.Schema, err = userVersion(ctx, db); err != nil {
		return humanise(err)
	}
	err = db.QueryRowContext(ctx, `SELECT (SELECT value FROM meta WHERE key = 'device_id'),
		(SELECT count(*) FROM users WHERE deleted = 0), (SELECT count(*) FROM programmes WHERE deleted = 0),
		(SELECT count(*) FROM evidence WHERE deleted = 0)`).Scan(&m.DeviceID, &m.Counts.Users, &m.Counts.Programmes, &m.Counts.Evidence)
	if err != nil {
		return fmt.Errorf("this is not a Pursuit database: %w", humanise(err))
	}
	return nil
}

// blobFiles lists the attachments on disk by hash, sorted, skipping anything else.
func (s *Store) blobFiles() ([]string, error) {
	root := filepath.Join(s.dir, AttachmentsDir, "sha256")
	fans, err := os.ReadDir(root)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, fan := range fans {
		if !fan.IsDir() {
			continue
		}
		files, err := os.ReadDir(filepath.Join(root, fan.Name()))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if f.Type().IsRegular() && hexSHA.MatchString(f.Name()) && f.Name()[:2] == fan.Name() {
				out = append(out, f.Name())
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

func blobEntryName(sha string) string { return path.Join(AttachmentsDir, "sha256", sha[:2], sha) }

var blobEntry = regexp.MustCompile(`^attachments/sha256/([0-9a-f]{2})/([0-9a-f]{64})$`)

// BackupFile is a backup whose manifest has been read and matched against the zip's
// entries; the bytes are checked against their hashes by Extract.
type BackupFile struct {
	Manifest BackupManifest
	files    map[string]*zip.File
}

// ReadBackup reads a backup's manifest and checks that the zip holds exactly the files it
// names, each under a name Pursuit writes and within the limits. It refuses a backup from
// a newer version of Pursuit. Nothing is written.
func ReadBackup(r io.ReaderAt, size int64) (*BackupFile, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: it is not a complete zip file (%v): a copy cut short, or another kind of file", ErrBackup, err)
	}
	if len(z.File) > backupLimits.entries+1 {
		return nil, fmt.Errorf("%w: it holds %d files, more than a backup can", ErrBackup, len(z.File))
	}
	b := &BackupFile{files: map[string]*zip.File{}}
	var mf *zip.File
	for _, f := range z.File {
		switch {
		case f.Name == manifestName:
			if mf != nil {
				return nil, fmt.Errorf("%w: it holds two manifests", ErrBackup)
			}
			mf = f
		case f.Name == "archive.json":
			return nil, fmt.Errorf("%w: this is a preceptee's personal archive, not a backup of a data folder; restore it with pursuit import-archive", ErrBackup)
		case f.Name == backupDBName || blobEntry.MatchString(f.Name):
			if b.files[f.Name] != nil {
				return nil, fmt.Errorf("%w: it holds %s twice", ErrBackup, f.Name)
			}
			b.files[f.Name] = f
		default:
			// Only names Pursuit writes are accepted: nothing can land outside the data
			// folder (../, absolute paths, drive letters) or where Pursuit would not look.
			return nil, fmt.Errorf("%w: it holds an unexpected file %q", ErrBackup, f.Name)
		}
	}
	if mf == nil {
		return nil, fmt.Errorf("%w: it has no %s", ErrBackup, manifestName)
	}
	body, err := readZipMember(mf, backupLimits.manifest)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	m := &b.Manifest
	if err := dec.Decode(m); err != nil {
		return nil, fmt.Errorf("%w: %s cannot be read: %v", ErrBackup, manifestName, err)
	}
	switch {
	case m.Format != BackupFormat:
		return nil, fmt.Errorf("%w: its manifest is not a %s", ErrBackup, BackupFormat)
	case m.Version > BackupVersion:
		return nil, fmt.Errorf("%w: the backup is format version %d; this version of Pursuit reads up to %d. Restore it with a newer Pursuit", ErrBackup, m.Version, BackupVersion)
	case m.Version < 1 || m.Schema < 1:
		return nil, fmt.Errorf("%w: its manifest gives no format version or schema", ErrBackup)
	case m.Schema > SchemaVersion():
		return nil, fmt.Errorf("%w: this backup was made by a newer version of Pursuit (schema %d; this version knows up to %d). Restore it with that version or a newer one; nothing has been changed", ErrNewerDatabase, m.Schema, SchemaVersion())
	}
	if len(m.Entries) != len(b.files) {
		return nil, fmt.Errorf("%w: the manifest names %d files but the zip holds %d", ErrBackup, len(m.Entries), len(b.files))
	}
	seen := map[string]bool{}
	var total int64
	for _, e := range m.Entries {
		f := b.files[e.Name]
		limit := backupLimits.attachment
		if e.Name == backupDBName {
			limit = backupLimits.database
		}
		switch {
		case f == nil || seen[e.Name]:
			return nil, fmt.Errorf("%w: the manifest and the zip disagree about %q", ErrBackup, e.Name)
		case !hexSHA.MatchString(e.SHA256):
			return nil, fmt.Errorf("%w: the manifest gives %s no SHA-256", ErrBackup, e.Name)
		case e.Size < 0 || e.Size > limit || f.UncompressedSize64 > uint64(limit):
			return nil, fmt.Errorf("%w: %s is larger than a backup may hold (%s)", ErrBackup, e.Name, model.DisplaySize(limit))
		case f.UncompressedSize64 != uint64(e.Size):
			return nil, fmt.Errorf("%w: %s is not the size the manifest gives", ErrBackup, e.Name)
		}
		if mm := blobEntry.FindStringSubmatch(e.Name); mm != nil && (mm[2] != e.SHA256 || mm[1] != mm[2][:2]) {
			return nil, fmt.Errorf("%w: attachment %s is filed under the wrong hash", ErrBackup, e.Name)
		}
		if total += e.Size; total > backupLimits.total {
			return nil, fmt.Errorf("%w: it unpacks to more than %s", ErrBackup, model.DisplaySize(backupLimits.total))
		}
		seen[e.Name] = true
	}
	if !seen[backupDBName] {
		return nil, fmt.Errorf("%w: it holds no database", ErrBackup)
	}
	return b, nil
}

func readZipMember(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%w: %s is too large", ErrBackup, f.Name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBackup, f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s is damaged: %v", ErrBackup, f.Name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: %s is too large", ErrBackup, f.Name)
	}
	return data, nil
}

// Extract writes the backup's files into dir, a new folder no one else uses yet, checking
// each file's size and SHA-256 against the manifest and then the database with SQLite's
// integrity check. On an error dir holds a partial copy: the caller fills a temporary
// folder and moves it into place only when Extract succeeds.
func (b *BackupFile) Extract(ctx context.Context, dir string, progress func(done, total int)) error {
	for i, e := range b.Manifest.Entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := b.extract(ctx, dir, e); err != nil {
			return err
		}
		if progress != nil {
			progress(i+1, len(b.Manifest.Entries))
		}
	}
	db := filepath.Join(dir, backupDBName)
	var m BackupManifest
	if err := inspectDatabase(ctx, db, &m); err != nil {
		return fmt.Errorf("%w: %v", ErrBackup, err)
	}
	// The database shows what it is even when the manifest lies.
	if m.Schema != b.Manifest.Schema {
		return fmt.Errorf("%w: its database is schema %d, not %d as the manifest says", ErrBackup, m.Schema, b.Manifest.Schema)
	}
	if m.Schema > SchemaVersion() {
		return fmt.Errorf("%w: this backup was made by a newer version of Pursuit (schema %d; this version knows up to %d)", ErrNewerDatabase, m.Schema, SchemaVersion())
	}
	syncDir(dir)
	return nil
}

func (b *BackupFile) extract(ctx context.Context, dir string, e BackupEntry) error {
	f := b.files[e.Name]
	dst := filepath.Join(dir, filepath.FromSlash(e.Name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return fmt.Errorf("restore %s: %w", e.Name, err)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrBackup, e.Name, err)
	}
	defer rc.Close()
	w, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("restore %s: %w", e.Name, err)
	}
	defer w.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), io.LimitReader(ctxReader{ctx, rc}, e.Size+1))
	if err != nil {
		if errors.Is(err, ctx.Err()) && ctx.Err() != nil {
			return err
		}
		return fmt.Errorf("%w: %s is damaged: %v", ErrBackup, e.Name, err)
	}
	if n != e.Size || hex.EncodeToString(h.Sum(nil)) != e.SHA256 {
		return fmt.Errorf("%w: %s is damaged: its bytes do not match the manifest's SHA-256", ErrBackup, e.Name)
	}
	if err := w.Sync(); err != nil {
		return fmt.Errorf("restore %s: %w", e.Name, err)
	}
	return w.Close()
}

// inside says whether path lies in (or is) dir, following symbolic links.
func inside(dir, path string) bool {
	d, err1 := filepath.Abs(dir)
	p, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	if real, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		p = filepath.Join(real, filepath.Base(p))
	}
	if real, err := filepath.EvalSymlinks(d); err == nil {
		d = real
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
