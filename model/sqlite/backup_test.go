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
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"pursuit/model"
)

// The databases under testdata/ were written by the released code of each schema: the
// demo cohort (2 preceptees) built by the commit named in testdata/README.md.
func schemaFile(t *testing.T, version int) string {
	t.Helper()
	p := filepath.Join("..", "..", "testdata", fmt.Sprintf("schema-%d.db", version))
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("keep a database from every schema under testdata/ (see testdata/README.md): %v", err)
	}
	return p
}

// oldFolder makes a data folder holding a copy of the database of an earlier schema.
func oldFolder(t *testing.T, version int) (dir string, original []byte) {
	t.Helper()
	data, err := os.ReadFile(schemaFile(t, version))
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, DatabaseFile), data, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir, data
}

// rawCounts reads a database file directly, whatever its schema.
func rawCounts(t *testing.T, file string) (version int, counts string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+file+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var u, p, e, s, a int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	err = db.QueryRow(`SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM programmes), (SELECT count(*) FROM evidence),
		(SELECT count(*) FROM signoffs), (SELECT count(*) FROM attachments)`).Scan(&u, &p, &e, &s, &a)
	if err != nil {
		t.Fatal(err)
	}
	return version, fmt.Sprintf("users %d, programmes %d, evidence %d, sign-offs %d, attachments %d", u, p, e, s, a)
}

func upgradeCopies(t *testing.T, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, BackupsDir, "pre-upgrade-*.db"))
	return m
}

func TestEveryEarlierSchemaUpgradesKeepingItsDataAndACopy(t *testing.T) {
	ctx := context.Background()
	for from := 1; from < SchemaVersion(); from++ {
		t.Run(fmt.Sprintf("schema %d", from), func(t *testing.T) {
			dir, _ := oldFolder(t, from)
			_, want := rawCounts(t, filepath.Join(dir, DatabaseFile))
			clock := &testClock{time.Date(2027, 3, 1, 9, 30, 0, 0, time.UTC)}
			st, err := Open(ctx, dir, Options{Now: clock.Now})
			if err != nil {
				t.Fatalf("upgrade from schema %d: %v", from, err)
			}
			defer st.Close()
			if v, got := rawCounts(t, filepath.Join(dir, DatabaseFile)); v != SchemaVersion() || got != want {
				t.Fatalf("after the upgrade: schema %d, %s; want schema %d, %s", v, got, SchemaVersion(), want)
			}
			// The people in it can still sign in and read their portfolio.
			zoe, err := st.SignIn(ctx, "zoe", "pursuit-demo")
			if err != nil {
				t.Fatalf("sign in after the upgrade: %v", err)
			}
			progs, err := zoe.Programmes(ctx)
			if err != nil || len(progs) != 1 {
				t.Fatalf("zoe's programme after the upgrade: %v %v", progs, err)
			}
			if ev, err := zoe.Evidence(ctx, progs[0].ID); err != nil || len(ev) == 0 {
				t.Fatalf("zoe's evidence after the upgrade: %d items, %v", len(ev), err)
			}
			problems, err := st.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				// testdata keeps databases only: the attachments' bytes are not there.
				if p.What != "attachment" || !strings.Contains(p.Detail, "missing") {
					t.Errorf("check after the upgrade: %s: %s", p.What, p.Detail)
				}
			}
			copies := upgradeCopies(t, dir)
			wantName := fmt.Sprintf("pre-upgrade-%d-to-%d-20270301-093000.db", from, SchemaVersion())
			if len(copies) != 1 || filepath.Base(copies[0]) != wantName {
				t.Fatalf("pre-upgrade copies %v, want %s", copies, wantName)
			}
			if v, got := rawCounts(t, copies[0]); v != from || got != want {
				t.Fatalf("the pre-upgrade copy is schema %d with %s; want schema %d with %s", v, got, from, want)
			}
			// Opening again changes nothing more and copies nothing more.
			st.Close()
			st2, err := Open(ctx, dir, Options{Now: clock.Now})
			if err != nil {
				t.Fatal(err)
			}
			st2.Close()
			if n := len(upgradeCopies(t, dir)); n != 1 {
				t.Fatalf("%d copies after opening an up-to-date folder", n)
			}
		})
	}
}

func TestTheCurrentSchemaOpensWithoutACopy(t *testing.T) {
	dir, _ := oldFolder(t, SchemaVersion())
	st, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := os.Stat(filepath.Join(dir, BackupsDir)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a copy was taken of an up-to-date database: %v", err)
	}
	// A new, empty folder needs no copy either.
	fresh := t.TempDir()
	st, err = Open(context.Background(), fresh, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := os.Stat(filepath.Join(fresh, BackupsDir)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a copy was taken of a new database: %v", err)
	}
}

func TestAFailedMigrationPutsTheDatabaseBackAsItWas(t *testing.T) {
	ctx := context.Background()
	dir, original := oldFolder(t, 1)
	// The last migration fails after its SQL has run; the ones before it have committed.
	migrationFault = func(v int) error {
		if v == SchemaVersion() {
			return errors.New("disk I/O error (injected)")
		}
		return nil
	}
	defer func() { migrationFault = nil }()
	clock := &testClock{time.Date(2027, 3, 1, 9, 30, 0, 0, time.UTC)}
	_, err := Open(ctx, dir, Options{Now: clock.Now})
	if err == nil {
		t.Fatal("a failed migration opened the store")
	}
	copies := upgradeCopies(t, dir)
	if len(copies) != 1 {
		t.Fatalf("pre-upgrade copies: %v", copies)
	}
	for _, want := range []string{fmt.Sprintf("upgrade from schema 1 to %d failed", SchemaVersion()), "nothing was changed", copies[0], "injected"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	got, err := os.ReadFile(filepath.Join(dir, DatabaseFile))
	if err != nil {
		t.Fatal(err)
	}
	// SQLite's backup API copies every page as it is, but writes its own bookkeeping into
	// the copy's 100-byte header: the change counter (bytes 24–27), the schema cookie
	// (40–43), and the version-valid-for number and SQLite version (92–99). Everything
	// else — every page of data — must be the original, byte for byte.
	bookkeeping := func(i int) bool { return (i >= 24 && i < 28) || (i >= 40 && i < 44) || (i >= 92 && i < 100) }
	if len(got) != len(original) {
		t.Fatalf("restored database is %d bytes, the original %d", len(got), len(original))
	}
	for i := range got {
		if got[i] != original[i] && !bookkeeping(i) {
			t.Fatalf("restored database differs from the original at byte %d", i)
		}
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(filepath.Join(dir, DatabaseFile+side)); err == nil {
			t.Errorf("%s left beside the restored database", side)
		}
	}
	if v, _ := rawCounts(t, filepath.Join(dir, DatabaseFile)); v != 1 {
		t.Fatalf("restored database is schema %d", v)
	}

	// Once the fault is gone (a fixed release), the same folder upgrades.
	migrationFault = nil
	clock.Advance(time.Hour)
	st, err := Open(ctx, dir, Options{Now: clock.Now})
	if err != nil {
		t.Fatalf("upgrade after the fault: %v", err)
	}
	defer st.Close()
	if _, err := st.SignIn(ctx, "zoe", "pursuit-demo"); err != nil {
		t.Fatal(err)
	}
	if n := len(upgradeCopies(t, dir)); n != 2 {
		t.Fatalf("%d pre-upgrade copies", n)
	}
}

func TestOnlyTheNewestPreUpgradeCopiesAreKept(t *testing.T) {
	dir, _ := oldFolder(t, 1)
	old := filepath.Join(dir, BackupsDir)
	if err := os.MkdirAll(old, 0o700); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		p := filepath.Join(old, fmt.Sprintf("pre-upgrade-1-to-2-2026010%d-120000.db", i+1))
		os.WriteFile(p, []byte("an old copy"), 0o600)
		at := time.Now().Add(-time.Duration(10-i) * 24 * time.Hour)
		os.Chtimes(p, at, at)
	}
	os.WriteFile(filepath.Join(old, "notes.txt"), []byte("not ours to remove"), 0o600)
	st, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	var names []string
	for _, p := range upgradeCopies(t, dir) {
		names = append(names, filepath.Base(p))
	}
	if len(names) != keepUpgradeBackups || !strings.Contains(strings.Join(names, " "), fmt.Sprintf("pre-upgrade-1-to-%d-", SchemaVersion())) ||
		!strings.Contains(strings.Join(names, " "), "20260105") || !strings.Contains(strings.Join(names, " "), "20260104") {
		t.Fatalf("kept %v", names)
	}
	if _, err := os.Stat(filepath.Join(old, "notes.txt")); err != nil {
		t.Fatal("pruning removed a file that is not a pre-upgrade copy")
	}
}

// backupFixture is the fixture's folder with an attachment, backed up by the administrator.
func backupFixture(t *testing.T) (*fixture, []byte, BackupResult) {
	t.Helper()
	f := newFixture(t)
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("ward 4B "), 2000)...)
	att, err := f.st.PutAttachment(f.ctx, bytes.NewReader(png), "poster.png")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.as("pat").SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.Reflection, Title: "Poster", OccurredOn: model.NewDate(2026, 11, 20),
		Sections: map[string]string{"description": "Made a poster"}, Codes: []string{"ACC-01"}, Attachments: []model.Attachment{att}}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "backup.zip")
	var progress []int
	res, err := f.as("adm").Backup(f.ctx, out, BackupOptions{AppVersion: "1.2.3", Progress: func(done, total int) { progress = append(progress, done, total) }})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(progress) != "[0 2 1 2 2 2]" {
		t.Errorf("progress %v", progress)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return f, data, res
}

func TestABackupRestoresTheSameRecordsAndFiles(t *testing.T) {
	f, data, res := backupFixture(t)
	m := res.Manifest
	if m.Format != BackupFormat || m.AppVersion != "1.2.3" || m.Schema != SchemaVersion() || m.DeviceID != f.st.DeviceID() ||
		m.Counts.Users != 7 || m.Counts.Programmes != 1 || m.Counts.Evidence != 1 || m.Counts.Attachments != 1 || len(m.Entries) != 2 {
		t.Fatalf("manifest %+v", m)
	}
	if !m.Created.Equal(f.clock.Now().Truncate(time.Second)) || res.Size != int64(len(data)) {
		t.Fatalf("created %v, size %d of %d", m.Created, res.Size, len(data))
	}
	if entries, _ := os.ReadDir(filepath.Dir(res.File)); len(entries) != 1 {
		t.Fatalf("temporary files left beside the backup: %v", entries)
	}
	if n := f.count(`SELECT count(*) FROM audit WHERE action = 'backup' AND user_id = ?`, f.users["adm"].ID); n != 1 {
		t.Fatalf("%d audit rows for the backup", n)
	}

	b, err := ReadBackup(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := b.Extract(f.ctx, dir, nil); err != nil {
		t.Fatal(err)
	}
	st := openTest(t, dir, f.clock, 9)
	var got bytes.Buffer
	if err := st.Dump(f.ctx, &got); err != nil {
		t.Fatal(err)
	}
	if got.String() != f.dump() {
		t.Fatal("the restored folder's records differ from the original's")
	}
	if problems, err := st.Check(f.ctx); err != nil || len(problems) != 0 {
		t.Fatalf("restored folder: %v %v", problems, err)
	}
	if st.DeviceID() != f.st.DeviceID() {
		t.Fatal("Extract itself changed the device id; renewing it is the restorer's step")
	}
	if _, err := st.SignIn(f.ctx, "pat", testPassword); err != nil {
		t.Fatalf("accounts did not come with the backup: %v", err)
	}
}

func TestOnlyAnAdministratorTakesABackup(t *testing.T) {
	f := newFixture(t)
	out := filepath.Join(t.TempDir(), "backup.zip")
	for _, who := range []string{"pat", "sam", "lee", "lead", "fay"} {
		if _, err := f.as(who).Backup(f.ctx, out, BackupOptions{}); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("%s took a backup: %v", who, err)
		}
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a refused backup left a file")
	}
	if _, err := f.sys.Backup(f.ctx, out, BackupOptions{}); err != nil {
		t.Fatalf("the command line's own session: %v", err)
	}
}

func TestABackupWhileChangesAreBeingSavedIsConsistent(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	saved := 0
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.Reflection, Title: fmt.Sprintf("Shift %d", i), OccurredOn: model.NewDate(2026, 11, 20),
				Sections: map[string]string{"description": "Busy"}}); err != nil {
				t.Error(err)
				return
			}
			saved++
		}
	}()
	out := filepath.Join(t.TempDir(), "backup.zip")
	var res BackupResult
	var err error
	for range 3 {
		if res, err = f.as("adm").Backup(f.ctx, out, BackupOptions{}); err != nil {
			break
		}
	}
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	b, err := ReadBackup(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := b.Extract(f.ctx, dir, nil); err != nil {
		t.Fatal(err)
	}
	st := openTest(t, dir, f.clock, 9)
	// Every change in the copy has its audit row and outbox operation: one moment, not a mix.
	if problems, err := st.Check(f.ctx); err != nil || len(problems) != 0 {
		t.Fatalf("the copy taken during saves: %v %v", problems, err)
	}
	var n int
	st.rdb.QueryRow(`SELECT count(*) FROM evidence`).Scan(&n)
	if n != res.Manifest.Counts.Evidence || n > saved {
		t.Fatalf("copy holds %d evidence items, manifest says %d, %d were saved", n, res.Manifest.Counts.Evidence, saved)
	}
}

// seedBackup is a small backup made without the test fixture (which needs a *testing.T).
func seedBackup(tb testing.TB) []byte {
	ctx := context.Background()
	st, err := Open(ctx, tb.TempDir(), Options{Now: func() time.Time { return time.Date(2026, 11, 24, 19, 45, 0, 0, time.UTC) }, HashParams: cheapHash})
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	if _, err := st.PutAttachment(ctx, strings.NewReader("minutes of the ward meeting"), "minutes.txt"); err != nil {
		tb.Fatal(err)
	}
	out := filepath.Join(tb.TempDir(), "seed.zip")
	if _, err := st.System().Backup(ctx, out, BackupOptions{}); err != nil {
		tb.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// rezip rebuilds a backup, letting edit change, drop (nil body) or keep each entry.
func rezip(t testing.TB, data []byte, edit func(name string, body []byte) (string, []byte)) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range z.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		name, body := edit(f.Name, body)
		if body == nil {
			continue
		}
		w, _ := zw.Create(name)
		w.Write(body)
	}
	zw.Close()
	return buf.Bytes()
}

// editManifest changes the manifest of a backup.
func editManifest(t testing.TB, data []byte, edit func(m *BackupManifest)) []byte {
	return rezip(t, data, func(name string, body []byte) (string, []byte) {
		if name != manifestName {
			return name, body
		}
		var m BackupManifest
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		edit(&m)
		out, _ := json.Marshal(m)
		return name, out
	})
}

func TestBadBackupsAreRefusedWithAReason(t *testing.T) {
	f, data, _ := backupFixture(t)
	flip := func(want string) func(string, []byte) (string, []byte) {
		return func(name string, body []byte) (string, []byte) {
			if strings.HasPrefix(name, want) {
				body = bytes.Clone(body)
				body[len(body)/2] ^= 0xff
			}
			return name, body
		}
	}
	var other bytes.Buffer
	zw := zip.NewWriter(&other)
	w, _ := zw.Create("holiday.jpg")
	w.Write([]byte("not a backup"))
	zw.Close()
	var huge bytes.Buffer
	zw = zip.NewWriter(&huge)
	w, _ = zw.CreateRaw(&zip.FileHeader{Name: DatabaseFile, Method: zip.Deflate, CompressedSize64: 2, UncompressedSize64: 1 << 40})
	w.Write([]byte{3, 0})
	w, _ = zw.Create(manifestName)
	json.NewEncoder(w).Encode(BackupManifest{Format: BackupFormat, Version: 1, Schema: 1,
		Entries: []BackupEntry{{Name: DatabaseFile, Size: 1 << 40, SHA256: strings.Repeat("0", 64)}}})
	zw.Close()
	garbage := bytes.Repeat([]byte("not a database "), 400)
	sum := sha256.Sum256(garbage)

	cases := map[string]struct {
		data      []byte
		want      string
		onExtract bool // the zip reads, the bytes are found wrong while restoring
	}{
		"truncated":   {data: data[:len(data)*2/3], want: "not a complete zip file"},
		"empty":       {data: nil, want: "not a complete zip file"},
		"a photo zip": {data: other.Bytes(), want: `unexpected file "holiday.jpg"`},
		"no manifest": {data: rezip(t, data, func(n string, b []byte) (string, []byte) {
			return n, map[bool][]byte{true: nil, false: b}[n == manifestName]
		}), want: "no manifest.json"},
		"zip slip":      {data: rezip(t, data, func(n string, b []byte) (string, []byte) { return strings.Replace(n, "attachments/", "../../", 1), b }), want: "unexpected file"},
		"absolute path": {data: rezip(t, data, func(n string, b []byte) (string, []byte) { return strings.Replace(n, "attachments/", "/etc/", 1), b }), want: "unexpected file"},
		"personal archive": {data: rezip(t, data, func(n string, b []byte) (string, []byte) {
			return strings.Replace(n, manifestName, "archive.json", 1), b
		}), want: "pursuit import-archive"},
		"huge entry":             {data: huge.Bytes(), want: "larger than a backup may hold"},
		"wrong format":           {data: editManifest(t, data, func(m *BackupManifest) { m.Format = "something-else" }), want: "is not a pursuit-backup"},
		"newer format":           {data: editManifest(t, data, func(m *BackupManifest) { m.Version = 7 }), want: "format version 7"},
		"newer schema":           {data: editManifest(t, data, func(m *BackupManifest) { m.Schema = 99 }), want: "newer version of Pursuit (schema 99"},
		"file missing from list": {data: editManifest(t, data, func(m *BackupManifest) { m.Entries = m.Entries[:1] }), want: "names 1 files but the zip holds 2"},
		"wrong size":             {data: editManifest(t, data, func(m *BackupManifest) { m.Entries[0].Size++ }), want: "not the size"},
		"attachment renamed":     {data: editManifest(t, data, func(m *BackupManifest) { m.Entries[1].SHA256 = strings.Repeat("a", 64) }), want: "filed under the wrong hash"},
		"damaged database":       {data: rezip(t, data, flip(DatabaseFile)), want: "pursuit.db is damaged", onExtract: true},
		"damaged attachment":     {data: rezip(t, data, flip("attachments/")), want: "is damaged", onExtract: true},
		"not a database": {data: editManifest(t, rezip(t, data, func(n string, b []byte) (string, []byte) {
			return n, map[bool][]byte{true: garbage, false: b}[n == DatabaseFile]
		}), func(m *BackupManifest) {
			m.Entries[0].Size, m.Entries[0].SHA256 = int64(len(garbage)), hex.EncodeToString(sum[:])
		}), want: "not a Pursuit database", onExtract: true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			b, err := ReadBackup(bytes.NewReader(c.data), int64(len(c.data)))
			if err == nil && c.onExtract {
				err = b.Extract(f.ctx, t.TempDir(), nil)
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error saying %q", err, c.want)
			}
			if !errors.Is(err, ErrBackup) && !errors.Is(err, ErrNewerDatabase) {
				t.Fatalf("%v is neither ErrBackup nor ErrNewerDatabase", err)
			}
		})
	}
}

func FuzzReadBackup(f *testing.F) {
	// A real backup and a few near misses seed the corpus.
	data := seedBackup(f)
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add(editManifest(f, data, func(m *BackupManifest) { m.Entries[1].Name = "../x" }))
	f.Fuzz(func(t *testing.T, b []byte) {
		bk, err := ReadBackup(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			if !errors.Is(err, ErrBackup) && !errors.Is(err, ErrNewerDatabase) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		parent := t.TempDir()
		dir := filepath.Join(parent, "data")
		os.Mkdir(dir, 0o700)
		bk.Extract(context.Background(), dir, nil)
		// Whatever the file says, nothing lands outside the folder being filled.
		if entries, _ := os.ReadDir(parent); len(entries) != 1 {
			t.Fatalf("extraction wrote beside its folder: %v", entries)
		}
	})
}
