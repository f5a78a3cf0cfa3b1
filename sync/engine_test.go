package sync

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/sync/share"
	"pursuit/sync/share/sharetest"
)

// engineWorld is a shared folder on disk and a ward PC holding a small programme.
type engineWorld struct {
	t     *testing.T
	ctx   context.Context
	dir   string
	now   func() time.Time
	later time.Duration // how far w.now has moved on from the start
	ward  *sqlite.Store
	prog  model.Programme
	patID string
}

func newEngineWorld(t *testing.T) *engineWorld {
	t.Helper()
	w := &engineWorld{t: t, ctx: context.Background(), dir: t.TempDir()}
	w.now = func() time.Time { return time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC).Add(w.later) }
	w.ward = w.device(t.TempDir())
	sys := w.ward.System()
	if _, err := sys.ImportFramework(w.ctx, model.FrameworkSet{Framework: model.Framework{ID: "core", Name: "Core", Version: "1"},
		Competencies: []model.Competency{{Code: "ACC-01", Title: "Accountability", Level: model.Must}}}); err != nil {
		t.Fatal(err)
	}
	pat, _ := sys.AddUser(w.ctx, model.User{Username: "pat", Name: "Pat", Role: model.RolePreceptee}, simPassword)
	sam, _ := sys.AddUser(w.ctx, model.User{Username: "sam", Name: "Sam", Role: model.RolePreceptor}, simPassword)
	p, err := sys.SaveProgramme(w.ctx, model.Programme{PrecepteeID: pat.ID, PreceptorID: sam.ID, StartDate: model.NewDate(2026, 9, 7), Profession: "nurse-adult", FrameworkID: "core"})
	if err != nil {
		t.Fatal(err)
	}
	w.prog, w.patID = p, pat.ID
	if err := w.engine(w.ward).Init(w.ctx); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *engineWorld) device(dir string) *sqlite.Store {
	w.t.Helper()
	st, err := sqlite.Open(w.ctx, dir, sqlite.Options{Now: w.now, HashParams: simHash})
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { st.Close() })
	return st
}

func (w *engineWorld) engine(st *sqlite.Store) *Engine {
	return ForFolder(st, w.dir, 5*time.Second, w.now, nil)
}

func (w *engineWorld) pass(st *sqlite.Store) Report {
	w.t.Helper()
	rep, err := w.engine(st).Pass(w.ctx)
	if err != nil {
		w.t.Fatalf("pass on %s: %v", st.DeviceID(), err)
	}
	return rep
}

func (w *engineWorld) slot(st *sqlite.Store, text string) {
	w.t.Helper()
	ss, err := st.SignIn(w.ctx, "pat", simPassword)
	if err != nil {
		w.t.Fatal(err)
	}
	if err := ss.SaveSLOT(w.ctx, w.prog.ID, "ACC-01", model.SLOT{Strengths: text}); err != nil {
		w.t.Fatal(err)
	}
}

func dumpString(t *testing.T, st *sqlite.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := st.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestBadFilesOnTheShareAreSkippedAndTheRestSyncs(t *testing.T) {
	w := newEngineWorld(t)
	w.pass(w.ward)
	w.slot(w.ward, "second segment")
	w.pass(w.ward)
	// The ward PC's second segment is damaged on the share (a footer that no longer matches).
	seg2 := filepath.Join(w.dir, "devices", w.ward.DeviceID(), "log", share.SegmentName(2))
	b, err := os.ReadFile(seg2)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x20
	os.Chmod(seg2, 0o600)
	if err := os.WriteFile(seg2, b, 0o600); err != nil {
		t.Fatal(err)
	}
	// Another device syncs normally.
	other := w.device(t.TempDir())
	w.pass(other)
	w.slot(other, "from the other device")
	w.pass(other)
	// Rubbish around them: stray files, a huge sparse file, a folder claiming to be a device
	// whose segment names another, a segment from a newer format, garbage, path tricks.
	devs := filepath.Join(w.dir, "devices")
	for i := range 10000 {
		os.WriteFile(filepath.Join(devs, fmt.Sprintf("Thumbs-%d.db", i)), []byte("x"), 0o600)
	}
	huge, _ := os.Create(filepath.Join(devs, "huge.bin"))
	huge.Truncate(2 << 30)
	huge.Close()
	forged, _ := share.EncodeSegment(share.Segment{Device: w.ward.DeviceID(), Seq: 1, Created: w.now(), Ops: nil})
	os.MkdirAll(filepath.Join(devs, "impostor", "log"), 0o700)
	os.WriteFile(filepath.Join(devs, "impostor", "log", share.SegmentName(1)), forged, 0o600)
	os.MkdirAll(filepath.Join(devs, "newer-device", "log"), 0o700)
	os.WriteFile(filepath.Join(devs, "newer-device", "log", share.SegmentName(1)), []byte("PURSUIT-SEGMENT 2\n{}\n"), 0o600)
	os.MkdirAll(filepath.Join(devs, "garbage", "log"), 0o700)
	os.WriteFile(filepath.Join(devs, "garbage", "log", share.SegmentName(1)), bytes.Repeat([]byte{0xff, 0, '\n'}, 1000), 0o600)
	os.MkdirAll(filepath.Join(devs, "..%2f..%2fetc"), 0o700)

	laptop := w.device(t.TempDir())
	rep, err := w.engine(laptop).Pass(w.ctx)
	if err != nil {
		t.Fatalf("a pass over a share full of rubbish failed: %v", err)
	}
	if rep.SegmentsIn != 2 { // the ward PC's first, and the other device's
		t.Errorf("applied %d segments, want 2", rep.SegmentsIn)
	}
	var reasons []string
	for _, wn := range rep.Warnings {
		reasons = append(reasons, wn.String())
	}
	all := strings.Join(reasons, "\n")
	for _, want := range []string{share.SegmentName(2), "impostor", "newer-device", "garbage", "and 99"} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning mentions %q:\n%s", want, all)
		}
	}
	if len(rep.Warnings) > 40 {
		t.Errorf("%d warnings: the log would drown", len(rep.Warnings))
	}
	ss, _ := laptop.SignIn(w.ctx, "pat", simPassword)
	views, _ := ss.Competencies(w.ctx, w.prog.ID)
	if len(views) != 1 || views[0].Progress.SLOT.Strengths != "from the other device" {
		t.Errorf("laptop shows %+v", views)
	}
	// The ward PC's later changes wait behind the damaged segment, and say so every pass.
	if rep := w.pass(laptop); rep.SegmentsIn != 0 || !strings.Contains(fmt.Sprint(rep.Warnings), share.SegmentName(2)) {
		t.Errorf("second pass: %d applied, warnings %v", rep.SegmentsIn, rep.Warnings)
	}
}

func TestACopiedDataFolderTakesANewDeviceID(t *testing.T) {
	w := newEngineWorld(t)
	w.pass(w.ward)
	// IT images the ward PC onto a second one: same database, same device id.
	wardDir := w.ward.Dir()
	w.ward.Close()
	cloneDir := t.TempDir()
	for _, name := range []string{sqlite.DatabaseFile} {
		b, err := os.ReadFile(filepath.Join(wardDir, name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(cloneDir, name), b, 0o600)
	}
	w.ward = w.device(wardDir)
	clone := w.device(cloneDir)
	if clone.DeviceID() != w.ward.DeviceID() {
		t.Fatal("the copy should start with the same id")
	}
	w.slot(w.ward, "typed on the original")
	w.pass(w.ward)
	// A moment later (signed changes keep their timestamps through the copy's new id, so
	// two edits in the very same millisecond on the two PCs would tie).
	w.later += time.Second
	w.slot(clone, "typed on the copy")
	rep := w.pass(clone)
	if rep.NewDevice == "" || clone.DeviceID() == w.ward.DeviceID() {
		t.Fatalf("the copy kept the original's id: %+v", rep)
	}
	for range 2 {
		w.pass(w.ward)
		w.pass(clone)
	}
	if dumpString(t, w.ward) != dumpString(t, clone) {
		t.Fatal("original and copy differ after syncing")
	}
	laptop := w.device(t.TempDir())
	w.pass(laptop)
	if dumpString(t, laptop) != dumpString(t, clone) {
		t.Fatal("a third device differs")
	}
	// The copy's own edit survived, as the value or as a version to choose.
	ss, _ := w.ward.SignIn(w.ctx, "pat", simPassword)
	views, _ := ss.Competencies(w.ctx, w.prog.ID)
	kept, _ := w.ward.KeptVersions(w.ctx, "progress", views[0].Progress.ID, "strengths")
	if got := views[0].Progress.SLOT.Strengths; got != "typed on the copy" && !slices.Contains(kept, "typed on the copy") {
		t.Errorf("the copy's edit is lost: %q, kept %q", got, kept)
	}
}

func TestASegmentWhoseReplyWasLostIsAdoptedNotDuplicated(t *testing.T) {
	w := newEngineWorld(t)
	mem := sharetest.NewMem(w.now)
	faulty := sharetest.NewFaulty(mem)
	e := &Engine{Store: w.ward, Share: &share.Share{FS: faulty, Now: w.now}, Now: w.now}
	if err := e.Init(w.ctx); err != nil {
		t.Fatal(err)
	}
	faulty.FailOpAfter(1, sharetest.OpRename) // the segment lands; its "done" never arrives
	if _, err := e.Pass(w.ctx); err == nil {
		t.Fatal("the pass should have seen the failure")
	}
	id := w.ward.DeviceID()
	rep, err := e.Pass(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.NewDevice != "" || w.ward.DeviceID() != id || rep.Pushed != 0 {
		t.Fatalf("after a lost reply: %+v", rep)
	}
	if ps, _ := w.ward.PushState(w.ctx); ps.Segment != 1 {
		t.Errorf("push state %+v, want segment 1 adopted", ps)
	}
	files := strings.Join(mem.Files(), "\n")
	if strings.Count(files, ".seg") != 1 {
		t.Errorf("segments on the share:\n%s", files)
	}
}

func TestAttachmentsArriveOverLaterPassesAndNothingWaits(t *testing.T) {
	w := newEngineWorld(t)
	ss, _ := w.ward.SignIn(w.ctx, "pat", simPassword)
	var atts []model.Attachment
	for i := range 3 {
		a, err := w.ward.PutAttachment(w.ctx, bytes.NewReader(bytes.Repeat([]byte{byte('a' + i)}, 300<<10)), fmt.Sprintf("certificate-%d.pdf", i))
		if err != nil {
			t.Fatal(err)
		}
		atts = append(atts, a)
	}
	if _, err := ss.SaveEvidence(w.ctx, model.Evidence{ProgrammeID: w.prog.ID, Type: model.OtherEvidence, Title: "Certificates",
		OccurredOn: model.NewDate(2026, 11, 1), Attachments: atts}); err != nil {
		t.Fatal(err)
	}
	if rep := w.pass(w.ward); rep.BlobsSent != 3 {
		t.Fatalf("sent %d attachments", rep.BlobsSent)
	}
	laptop := w.device(t.TempDir())
	e := w.engine(laptop)
	e.MaxFetchBytes = 1 // one file per pass
	rep, err := e.Pass(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.BlobsFetched != 1 || rep.MissingBlobs != 2 {
		t.Fatalf("first pass: fetched %d, waiting %d", rep.BlobsFetched, rep.MissingBlobs)
	}
	// The evidence is there already; its files show as not yet here.
	lss, _ := laptop.SignIn(w.ctx, "pat", simPassword)
	ev, err := lss.Evidence(w.ctx, w.prog.ID)
	if err != nil || len(ev) != 1 || len(ev[0].Attachments) != 3 {
		t.Fatalf("evidence on the laptop: %+v %v", ev, err)
	}
	missing, _ := laptop.MissingAttachments(w.ctx)
	if len(missing) != 2 {
		t.Errorf("%d attachments shown as not here yet, want 2", len(missing))
	}
	for range 2 {
		if _, err := e.Pass(w.ctx); err != nil {
			t.Fatal(err)
		}
	}
	if missing, _ := laptop.MissingAttachments(w.ctx); len(missing) != 0 {
		t.Errorf("still missing after more passes: %v", missing)
	}
	if problems, err := laptop.Check(w.ctx); err != nil || len(problems) != 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

func TestRunnerSyncsSoonAfterASaveAndOnceMoreAtTheEnd(t *testing.T) {
	w := newEngineWorld(t)
	laptop := w.device(t.TempDir())
	r := &Runner{Engine: w.engine(w.ward), Interval: time.Hour, Debounce: 20 * time.Millisecond}
	passes := make(chan Status, 100)
	r.OnStatus = func(s Status) {
		if s.State != Syncing {
			passes <- s
		}
	}
	ctx, cancel := context.WithCancel(w.ctx)
	done := make(chan struct{})
	go func() { r.Run(ctx, 5*time.Second); close(done) }()
	first := <-passes // at start
	if first.State != UpToDate {
		t.Fatalf("first pass: %+v", first)
	}
	w.ward.OnCommit(r.Trigger)
	w.slot(w.ward, "saved at the end of a shift")
	if s := <-passes; s.State != UpToDate || s.Last.Pushed == 0 {
		t.Fatalf("the pass after a save: %+v", s)
	}
	w.slot(w.ward, "saved just before closing")
	w.ward.OnCommit(nil)
	cancel()
	<-done
	w.pass(laptop)
	ss, _ := laptop.SignIn(w.ctx, "pat", simPassword)
	views, _ := ss.Competencies(w.ctx, w.prog.ID)
	if views[0].Progress.SLOT.Strengths != "saved just before closing" {
		t.Errorf("the last save did not leave before exit: %q", views[0].Progress.SLOT.Strengths)
	}
}

// Someone tidies the share and deletes a blob: the device that holds the file puts it back,
// and the device waiting for it gets it.
func TestABlobLostFromTheShareIsPutBack(t *testing.T) {
	w := newEngineWorld(t)
	ss, _ := w.ward.SignIn(w.ctx, "pat", simPassword)
	a, err := w.ward.PutAttachment(w.ctx, bytes.NewReader(bytes.Repeat([]byte("certificate "), 1000)), "bls.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ss.SaveEvidence(w.ctx, model.Evidence{ProgrammeID: w.prog.ID, Type: model.OtherEvidence, Title: "BLS",
		OccurredOn: model.NewDate(2026, 11, 1), Attachments: []model.Attachment{a}}); err != nil {
		t.Fatal(err)
	}
	w.pass(w.ward)
	blob := filepath.Join(w.dir, "blobs", "sha256", a.SHA256[:2], a.SHA256)
	if err := os.Remove(blob); err != nil {
		t.Fatal(err)
	}
	laptop := w.device(t.TempDir())
	if rep := w.pass(laptop); rep.MissingBlobs != 1 {
		t.Fatalf("laptop: %d waiting", rep.MissingBlobs)
	}
	w.pass(w.ward)
	w.pass(laptop)
	if _, err := laptop.AttachmentPath(a.SHA256); err != nil {
		t.Fatalf("the lost file never came back: %v", err)
	}
}

// Someone drops a well-formed segment into the ward PC's folder, signed by a device key of
// their own: the laptop ignores it with a warning, and the ward PC, finding its next number
// taken, carries on under a new id; nothing the ward PC writes is lost.
func TestASegmentInAnotherDevicesFolderIsIgnored(t *testing.T) {
	w := newEngineWorld(t)
	w.pass(w.ward)
	laptop := w.device(t.TempDir())
	w.pass(laptop)
	// The ward PC's own first segment, re-signed by an intruder as number 2.
	first, err := w.engine(w.ward).Share.ReadSegment(w.ctx, w.ward.DeviceID(), 1)
	if err != nil {
		t.Fatal(err)
	}
	first.Seq = 2
	intruder := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	if err := w.engine(w.ward).Share.WriteSignedSegment(w.ctx, first, intruder); err != nil {
		t.Fatal(err)
	}
	rep := w.pass(laptop)
	if rep.SegmentsIn != 0 || !strings.Contains(fmt.Sprint(rep.Warnings), "not signed by the device whose folder it is in") {
		t.Fatalf("laptop pass: %d segments applied, warnings %v", rep.SegmentsIn, rep.Warnings)
	}
	w.slot(w.ward, "written after the intrusion")
	if rep := w.pass(w.ward); rep.NewDevice == "" {
		t.Fatalf("the ward PC did not move on from its taken number: %+v", rep)
	}
	w.pass(laptop)
	if dumpString(t, laptop) != dumpString(t, w.ward) {
		t.Fatal("the laptop missed the ward PC's changes")
	}
}

// On a protected folder an unsigned segment does not count, whatever it holds.
func TestAnUnsignedSegmentOnAProtectedFolderIsIgnored(t *testing.T) {
	w := newEngineWorld(t)
	laptop := w.device(t.TempDir())
	root := model.TrustRoot{UserID: "someone", SignKey: base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{1}, 32))}
	if err := laptop.PinTrustRoot(w.ctx, root); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(w.dir, "FORMAT.json"), []byte(`{"format":"pursuit-share","major":1,"minor":1,"created":"2026-11-24T21:00:00Z","id":"abc","root":{"user":"someone","sign_key":"`+root.SignKey+`"}}`+"\n"), 0o600)
	seg := share.Segment{Device: "rogue", Seq: 1, Created: w.now(), Ops: []json.RawMessage{json.RawMessage(`{"v":1}`)}}
	if err := w.engine(w.ward).Share.WriteSegment(w.ctx, seg); err != nil {
		t.Fatal(err)
	}
	rep := w.pass(laptop)
	if rep.SegmentsIn != 0 || !strings.Contains(fmt.Sprint(rep.Warnings), "not signed by its device, and this shared folder is protected") {
		t.Fatalf("laptop pass: %d applied, warnings %v", rep.SegmentsIn, rep.Warnings)
	}
}
