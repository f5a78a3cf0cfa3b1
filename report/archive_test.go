package report

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
)

var archiveNow = time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)

// zoeArchive builds a demo store and writes Zoë's archive from it.
func zoeArchive(t *testing.T) (*sqlite.Store, []byte, model.Portfolio) {
	t.Helper()
	st := demoStore(t, 3, archiveNow)
	return st, exportArchive(t, st, "zoe"), demoPortfolio(t, st, "zoe")
}

func exportArchive(t *testing.T, st *sqlite.Store, username string) []byte {
	t.Helper()
	ctx := context.Background()
	pf := demoPortfolio(t, st, username)
	fw, err := st.FrameworkSet(ctx, pf.Programme.FrameworkID)
	if err != nil {
		t.Fatal(err)
	}
	people, _ := st.System().Users(ctx)
	var b bytes.Buffer
	if err := WriteArchive(&b, ArchiveInput{Portfolio: pf, Framework: fw, People: people, PDF: []byte("%PDF-1.4 stand-in"),
		File: st.ReadAttachment, ExportedAt: archiveNow}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// restore puts an archive into an empty store, as `pursuit import-archive` does.
func restore(t *testing.T, a Archive) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: func() time.Time { return archiveNow }, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sys := st.System()
	if _, err := sys.ImportFramework(ctx, a.Framework); err != nil {
		t.Fatal(err)
	}
	if err := sys.ImportBatch(ctx, a.Records); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestAnArchiveRestoresToTheSameRecords(t *testing.T) {
	_, zipped, pf := zoeArchive(t)
	a, err := ReadArchive(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Records.Evidence) != len(pf.Evidence) || len(a.Records.Files) == 0 || a.Records.Users == nil {
		t.Fatalf("archive holds %d evidence (portfolio %d), %d files", len(a.Records.Evidence), len(pf.Evidence), len(a.Records.Files))
	}
	for _, u := range a.Records.Users {
		if u.PasswordHash != "" {
			t.Fatal("a password hash travelled in the archive")
		}
	}
	if strings.Contains(string(zipped), "$argon2id$") {
		t.Fatal("a password hash is in the zip")
	}
	st := restore(t, a)
	// Round trip: the restored folder exports byte for byte the same records.
	again, err := ReadArchive(bytes.NewReader(exportArchive(t, st, "zoe")), int64(len(exportArchive(t, st, "zoe"))))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(a.Records)
	after, _ := json.Marshal(again.Records)
	if !bytes.Equal(before, after) {
		t.Fatalf("records differ after a round trip (%d and %d bytes)", len(before), len(after))
	}
	if problems, err := st.Check(context.Background()); err != nil || len(problems) != 0 {
		t.Fatalf("check of the restored folder: %v %v", problems, err)
	}
}

func TestADamagedOrForeignArchiveIsRefused(t *testing.T) {
	_, zipped, _ := zoeArchive(t)
	rewrite := func(fn func(name string, data []byte) (string, []byte)) []byte {
		zr, _ := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		for _, f := range zr.File {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			name, data := fn(f.Name, b.Bytes())
			if name == "" {
				continue
			}
			w, _ := zw.Create(name)
			w.Write(data)
		}
		zw.Close()
		return out.Bytes()
	}
	cases := map[string][]byte{
		"not a zip": []byte("PK but not really"),
		"no archive.json": rewrite(func(n string, d []byte) (string, []byte) {
			return map[bool]string{true: "", false: n}[n == "archive.json"], d
		}),
		"a tampered file": rewrite(func(n string, d []byte) (string, []byte) {
			return n, map[bool][]byte{true: []byte("tampered"), false: d}[strings.HasPrefix(n, "attachments/")]
		}),
		"a path traversal": rewrite(func(n string, d []byte) (string, []byte) {
			return map[bool]string{true: "../../etc/passwd", false: n}[n == "README.txt"], d
		}),
		"a newer format": rewrite(func(n string, d []byte) (string, []byte) {
			return n, map[bool][]byte{true: bytes.Replace(d, []byte(`"format_version": 1`), []byte(`"format_version": 9`), 1), false: d}[n == "archive.json"]
		}),
		"broken json": rewrite(func(n string, d []byte) (string, []byte) {
			return n, map[bool][]byte{true: d[:len(d)/2], false: d}[n == "archive.json"]
		}),
	}
	for name, data := range cases {
		if _, err := ReadArchive(bytes.NewReader(data), int64(len(data))); !errors.Is(err, ErrArchive) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// FuzzReadArchive: whatever a zip holds, reading it gives an archive or ErrArchive, never
// a panic, and an archive it accepts always names one preceptee's programme.
func FuzzReadArchive(f *testing.F) {
	pf := model.Portfolio{Programme: model.Programme{ID: "p1", PrecepteeID: "u1"}, Preceptee: model.User{ID: "u1", Name: "Zoë Whitfield"},
		Evidence: []model.Evidence{{ID: "e1", ProgrammeID: "p1", Title: "Handover", Attachments: []model.Attachment{{Name: "a.txt", SHA256: "ab"}}}}}
	var good bytes.Buffer
	if err := WriteArchive(&good, ArchiveInput{Portfolio: pf, People: []model.User{pf.Preceptee}, PDF: []byte("%PDF-1.4"),
		File: func(string) ([]byte, error) { return nil, errors.New("not here") }, ExportedAt: archiveNow}); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	f.Add(good.Bytes()[:good.Len()/2])
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ReadArchive(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if !errors.Is(err, ErrArchive) {
				t.Fatalf("an error that is not ErrArchive: %v", err)
			}
			return
		}
		if len(a.Records.Programmes) != 1 || a.Records.Programmes[0].PrecepteeID != a.Preceptee {
			t.Fatalf("accepted an archive without its one programme: %+v", a.Records.Programmes)
		}
	})
}
