package sqlite

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pursuit/model"
)

func TestReflectionWithThreeLinksAndAnAttachment(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{1, 2, 3}, 1000)...)
	att, err := f.st.PutAttachment(f.ctx, bytes.NewReader(png), `C:\Users\pat\Pictures\poster.png`)
	if err != nil {
		t.Fatal(err)
	}
	if att.Name != "poster.png" || att.MIME != "image/png" || att.Size != int64(len(png)) || len(att.SHA256) != 64 {
		t.Fatalf("attachment %+v", att)
	}
	e := model.Evidence{
		ProgrammeID: f.prog.ID, Type: model.Reflection, Template: "gibbs", Title: "Zoë's first drug round – reflection",
		OccurredOn:  model.NewDate(2026, 11, 20),
		Sections:    map[string]string{"description": "On a busy late shift…", "feelings": "Nervous, then proud", "action_plan": "Practise with the pharmacist"},
		Codes:       []string{"med-01", "ACC-01", "COM-01", "ACC-01"},
		Attachments: []model.Attachment{att},
	}
	saved, err := pat.SaveEvidence(f.ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.as("sam").EvidenceItem(f.ctx, saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != e.Title || strings.Join(got.Codes, ",") != "ACC-01,COM-01,MED-01" || got.Sections["feelings"] != "Nervous, then proud" ||
		len(got.Attachments) != 1 || got.Attachments[0].SHA256 != att.SHA256 || got.CreatedBy != f.users["pat"].ID {
		t.Fatalf("read back %+v", got)
	}
	if _, ok := got.Sections["evaluation"]; ok {
		t.Fatal("an empty section came back as text")
	}
	views, _ := pat.Competencies(f.ctx, f.prog.ID)
	for _, v := range views {
		if want := map[string]int{"ACC-01": 1, "COM-01": 1, "MED-01": 1}[v.Code]; v.Evidence != want {
			t.Errorf("%s: %d linked evidence, want %d", v.Code, v.Evidence, want)
		}
	}
	// Unlink one, keep the attachment, change a section: only those rows change.
	n := f.count(`SELECT count(*) FROM outbox`)
	got.Codes = []string{"ACC-01", "MED-01"}
	got.Sections["feelings"] = "Nervous, then proud of myself"
	f.clock.Advance(time.Minute)
	if _, err := pat.SaveEvidence(f.ctx, got); err != nil {
		t.Fatal(err)
	}
	// evidence.updated_at, one section, one link tombstone
	if d := f.count(`SELECT count(*) FROM outbox`) - n; d != 3 {
		t.Fatalf("an edit wrote %d operations, want 3", d)
	}
	again, _ := pat.EvidenceItem(f.ctx, got.ID)
	if strings.Join(again.Codes, ",") != "ACC-01,MED-01" || len(again.Attachments) != 1 {
		t.Fatalf("after edit %+v", again)
	}
	if _, err := f.as("oli").EvidenceItem(f.ctx, got.ID); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("another preceptor read the evidence: %v", err)
	}
	if _, err := f.as("sam").SaveEvidence(f.ctx, again); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("the preceptor edited the preceptee's reflection: %v", err)
	}
	if err := pat.DeleteEvidence(f.ctx, got.ID); err != nil {
		t.Fatal(err)
	}
	if items, _ := pat.Evidence(f.ctx, f.prog.ID); len(items) != 0 {
		t.Fatalf("deleted evidence still listed: %d", len(items))
	}
	if problems, _ := f.st.Check(f.ctx); len(problems) != 0 {
		t.Fatalf("check after delete: %v", problems)
	}
}

func TestTestimonyIsLockedOnceTheWitnessConfirms(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	e, err := pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.Testimony, Title: "Testimony from the ward sister",
		OccurredOn: model.NewDate(2026, 11, 18), Sections: map[string]string{"context": "Late shift, bay 2"}, Codes: []string{"COM-01"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pat.RecordWitness(f.ctx, e.ID, "Ann Smith", "Ward Sister"); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("confirmed with no statement: %v", err)
	}
	e.Sections["statement"] = "Pat handed over clearly and kindly to the night team."
	e, _ = pat.SaveEvidence(f.ctx, e)
	if _, err := pat.RecordWitness(f.ctx, e.ID, "", "Ward Sister"); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("confirmed without a name: %v", err)
	}
	e, err = pat.RecordWitness(f.ctx, e.ID, "Ann Smith", "Ward Sister")
	if err != nil || !e.Locked || e.WitnessConfirmedAt.IsZero() {
		t.Fatalf("confirm: %+v %v", e, err)
	}
	changed := e
	changed.Sections = map[string]string{"context": "Late shift, bay 2", "statement": "Pat was outstanding in every way."}
	if _, err := pat.SaveEvidence(f.ctx, changed); !errors.Is(err, model.ErrLocked) {
		t.Fatalf("a confirmed testimony was changed: %v", err)
	}
	relinked := e
	relinked.Codes = []string{"COM-01", "ACC-01"}
	if _, err := pat.SaveEvidence(f.ctx, relinked); err != nil {
		t.Fatalf("linking a confirmed testimony to another competency: %v", err)
	}
	unlock := e
	unlock.Locked = false
	if s, err := pat.SaveEvidence(f.ctx, unlock); err != nil || !s.Locked {
		t.Fatalf("a save unlocked the testimony: %+v %v", s, err)
	}
	if _, err := pat.RecordWitness(f.ctx, e.ID, "Someone Else", "HCA"); !errors.Is(err, model.ErrLocked) {
		t.Fatalf("confirmed twice: %v", err)
	}
}

func TestAttachmentsRefuseEmptyHugeAndPrograms(t *testing.T) {
	f := newFixture(t)
	f.st.maxAtt = 1 << 20
	cases := []struct {
		name    string
		content []byte
		want    string
	}{
		{"empty.pdf", nil, "empty"},
		{"huge.pdf", bytes.Repeat([]byte("x"), 1<<20+1), "larger than the 1.0 MB limit"},
		{"setup.exe", []byte("MZ\x90\x00"), "program"},
		{"notes.txt", []byte("MZ\x90\x00 renamed program"), "contains a program"},
		{"tool.SH", []byte("echo hi"), "program"},
		{"run.txt", []byte("#!/bin/sh\nrm -rf /"), "contains a program"},
	}
	for _, c := range cases {
		_, err := f.st.PutAttachment(f.ctx, bytes.NewReader(c.content), c.name)
		if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if leftovers, _ := os.ReadDir(f.st.dir + "/attachments/tmp"); len(leftovers) != 0 {
		t.Fatalf("refused files left behind: %d", len(leftovers))
	}
	a1, err := f.st.PutAttachment(f.ctx, strings.NewReader("certificate"), "bls.pdf")
	if err != nil {
		t.Fatal(err)
	}
	a2, err := f.st.PutAttachment(f.ctx, strings.NewReader("certificate"), "copy of bls.pdf")
	if err != nil || a2.SHA256 != a1.SHA256 {
		t.Fatalf("the same bytes twice: %v", err)
	}
	ctx, cancel := context.WithCancel(f.ctx)
	cancel()
	if _, err := f.st.PutAttachment(ctx, strings.NewReader("x"), "cancelled.pdf"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled copy: %v", err)
	}
	if _, err := f.st.AttachmentPath("../../etc/passwd"); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("path traversal: %v", err)
	}
}

func TestCheckFindsMissingAndDamagedAttachments(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	att, _ := f.st.PutAttachment(f.ctx, strings.NewReader("a scanned certificate"), "cert.pdf")
	other, _ := f.st.PutAttachment(f.ctx, strings.NewReader("a photo of the poster"), "poster.jpg")
	if _, err := pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.FormalLearning, Title: "Sepsis study day",
		OccurredOn: model.NewDate(2026, 10, 2), Hours: 7, ParticipatoryHours: 7, Attachments: []model.Attachment{att, other}}); err != nil {
		t.Fatal(err)
	}
	if p, err := f.st.Check(f.ctx); err != nil || len(p) != 0 {
		t.Fatalf("intact: %v %v", p, err)
	}
	path, _ := f.st.blobPath(att.SHA256)
	os.Remove(path)
	opath, _ := f.st.blobPath(other.SHA256)
	os.WriteFile(opath, []byte("tampered"), 0o600)
	p, err := f.st.Check(f.ctx)
	if err != nil || len(p) != 2 {
		t.Fatalf("problems %v %v", p, err)
	}
	text := p[0].Detail + " | " + p[1].Detail
	// Named by id and hash, never by file name (check is open to anyone at the PC).
	if !strings.Contains(text, att.SHA256) || !strings.Contains(text, "missing") || !strings.Contains(text, other.SHA256) || !strings.Contains(text, "damaged") ||
		strings.Contains(text, "cert.pdf") || strings.Contains(text, "poster.jpg") {
		t.Fatalf("messages: %s", text)
	}
	if _, err := f.st.AttachmentPath(att.SHA256); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("opening a vanished attachment: %v", err)
	}
}

func TestDumpIsTheSameOnTwoDevicesWithTheSameData(t *testing.T) {
	build := func(seed uint64) (string, *Store) {
		clock := &testClock{time.Date(2026, 11, 24, 19, 45, 0, 0, time.UTC)}
		st := openTest(t, t.TempDir(), clock, seed)
		ctx := context.Background()
		sys := st.System()
		sys.ImportFramework(ctx, testFramework())
		pat, _ := sys.AddUser(ctx, model.User{ID: "u-pat", Username: "pat", Name: "Łukasz Nowak", Role: model.RolePreceptee}, testPassword)
		sam, _ := sys.AddUser(ctx, model.User{ID: "u-sam", Username: "sam", Name: "Sam", Role: model.RolePreceptor}, testPassword)
		// Salts and keys differ per device.
		st.wdb.Exec(`UPDATE users SET password_hash = 'same-on-both', sealed_keys = 'sealed', sign_key = 'k' || id, box_key = 'b' || id`)
		p, err := sys.SaveProgramme(ctx, model.Programme{ID: "p-1", PrecepteeID: pat.ID, PreceptorID: sam.ID, StartDate: model.NewDate(2026, 9, 7), Profession: "nurse-adult", FrameworkID: "core"})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := st.Dump(ctx, &b); err != nil {
			t.Fatal(err)
		}
		_ = p
		return b.String(), st
	}
	a, sa := build(1)
	b, sb := build(2)
	if sa.DeviceID() == sb.DeviceID() {
		t.Fatal("the two stores share a device id")
	}
	if a != b {
		t.Fatalf("dumps differ:\n%s\n---\n%s", a, b)
	}
	if !strings.Contains(a, `"name":"Łukasz Nowak"`) || strings.Contains(a, sa.DeviceID()) || strings.Contains(a, "same-on-both") || !strings.Contains(a, `"password_hash":"sha256:`) || strings.Contains(a, `"sealed"`) {
		t.Fatalf("dump content:\n%s", a)
	}
}

func TestHalfCopiedAttachmentsAreSweptAwayOnOpen(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}
	st := openTest(t, dir, clock, 1)
	st.Close()
	tmp := filepath.Join(dir, AttachmentsDir, "tmp")
	os.MkdirAll(tmp, 0o700)
	old, fresh := filepath.Join(tmp, "incoming-old"), filepath.Join(tmp, "incoming-fresh")
	os.WriteFile(old, []byte("half a photo"), 0o600)
	os.WriteFile(fresh, []byte("being copied"), 0o600)
	os.Chtimes(old, clock.t.Add(-2*time.Hour), clock.t.Add(-2*time.Hour))
	os.Chtimes(fresh, clock.t.Add(-time.Minute), clock.t.Add(-time.Minute))
	openTest(t, dir, clock, 2)
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("a crashed copy was left behind")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a copy in progress was removed")
	}
}
