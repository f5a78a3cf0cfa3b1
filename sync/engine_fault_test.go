package sync

import (
	"bytes"
	"os"
	"testing"
	"time"

	"pursuit/model"
)

// One attachment file damaged on this PC (antivirus, a disk error, someone opening the
// attachments folder) stops every later change from ever leaving it.
func TestADamagedLocalAttachmentDoesNotBlockPushes(t *testing.T) {
	w := newEngineWorld(t)
	ss, _ := w.ward.SignIn(w.ctx, "pat", simPassword)
	a, err := w.ward.PutAttachment(w.ctx, bytes.NewReader(bytes.Repeat([]byte{'a'}, 1000)), "certificate.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ss.SaveEvidence(w.ctx, model.Evidence{ProgrammeID: w.prog.ID, Type: model.OtherEvidence, Title: "Certificate",
		OccurredOn: model.NewDate(2026, 11, 1), Attachments: []model.Attachment{a}}); err != nil {
		t.Fatal(err)
	}
	p, err := w.ward.AttachmentPath(a.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, 0o600)
	if err := os.WriteFile(p, []byte("damaged"), 0o600); err != nil {
		t.Fatal(err)
	}
	w.slot(w.ward, "Three hours of reflection typed at the end of a night shift")
	for i := range 3 {
		rep, err := w.engine(w.ward).Pass(w.ctx)
		t.Logf("pass %d: pushed %d, err %v", i+1, rep.Pushed, err)
	}
	if n, _ := w.ward.PendingCount(w.ctx); n != 0 {
		t.Errorf("%d changes never leave this PC", n)
	}
}

// Pointing the PCs at a new shared folder (Settings → shared folder) keeps each PC's
// "pushed up to segment N": the first segment it writes there is N+1, which no other PC
// will ever look for, and every PC says "Up to date".
func TestANewSharedFolderGetsEverythingAgain(t *testing.T) {
	w := newEngineWorld(t)
	w.pass(w.ward)
	laptop := w.device(t.TempDir())
	w.pass(laptop)
	w.slot(w.ward, "before the move")
	w.pass(w.ward)
	w.pass(laptop)

	w.dir = t.TempDir() // the Trust moves the shared folder; someone sets the new one up
	if err := w.engine(w.ward).Init(w.ctx); err != nil {
		t.Fatal(err)
	}
	w.slot(w.ward, "after the move: three hours of reflection")
	w.pass(w.ward)
	w.pass(laptop)
	newPC := w.device(t.TempDir()) // a ward PC set up after the move
	rep := w.pass(newPC)
	w.pass(w.ward)
	rep2 := w.pass(newPC)
	t.Logf("new PC: received %d then %d changes, errors none", rep.Applied, rep2.Applied)
	if a, b := dumpString(t, w.ward), dumpString(t, newPC); a != b {
		t.Errorf("a PC that joins the new folder never receives anything from the ward PC, and every pass reports success")
	}
}

// A file that takes longer than the time limit to copy (50 MB over a 2 MB/s VPN: 25 s >
// 15 s) still goes, because the limit runs from the last chunk moved; and nothing else
// waits behind it. Here a short limit stands in for a slow link.
func TestALargeAttachmentOnASlowLinkStillGoes(t *testing.T) {
	w := newEngineWorld(t)
	// The share in memory, so that only the time limit, not the disk's flush, is tested.
	w.dir = simDir(t)
	if err := w.engine(w.ward).Init(w.ctx); err != nil {
		t.Fatal(err)
	}
	w.pass(w.ward)
	laptop := w.device(t.TempDir())
	w.pass(laptop)
	ss, _ := w.ward.SignIn(w.ctx, "pat", simPassword)
	big := make([]byte, 40<<20)
	for i := range big {
		big[i] = byte(i * 7919 >> 3)
	}
	a, err := w.ward.PutAttachment(w.ctx, bytes.NewReader(big), "video.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ss.SaveEvidence(w.ctx, model.Evidence{ProgrammeID: w.prog.ID, Type: model.OtherEvidence, Title: "Big",
		OccurredOn: model.NewDate(2026, 11, 1), Attachments: []model.Attachment{a}}); err != nil {
		t.Fatal(err)
	}
	w.slot(w.ward, "words typed after attaching")
	w.slot(laptop, "the preceptor's words on the laptop")
	slow := ForFolder(w.ward, w.dir, 100*time.Millisecond, w.now, nil)
	for i := range 3 {
		rep, err := slow.Pass(w.ctx)
		t.Logf("pass %d: pushed %d, received %d, err %v", i+1, rep.Pushed, rep.SegmentsIn, err)
	}
	w.pass(laptop)
	if n, _ := w.ward.PendingCount(w.ctx); n != 0 {
		t.Errorf("%d changes stuck on the ward PC behind one attachment", n)
	}
	entries, _ := os.ReadDir(w.dir + "/blobs")
	t.Logf("blobs/ holds %d entries (temps left: look for .tmp-)", len(entries))
}
