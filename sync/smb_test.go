package sync

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/model/sqlite/seed"
	"pursuit/sync/share"
	"pursuit/sync/smbtest"
)

// Two data folders sync through a real Samba share mounted as a folder, as two ward PCs
// would through a mapped drive; the server goes away in the middle of a push and comes
// back. Runs when CI has started the share (.ci/samba-share.sh), skipped otherwise.
func TestTwoDevicesThroughRealSambaShare(t *testing.T) {
	env := smbtest.Exclusive(t)
	dir, export := env.Subdir(t)
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC) }

	ward, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: now, HashParams: simHash})
	if err != nil {
		t.Fatal(err)
	}
	defer ward.Close()
	laptop, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: now, HashParams: simHash})
	if err != nil {
		t.Fatal(err)
	}
	defer laptop.Close()
	if _, err := seed.Demo(ctx, ward, 2, 1, now()); err != nil {
		t.Fatal(err)
	}
	wardSync := ForFolder(ward, dir, 10*time.Second, now, nil)
	laptopSync := ForFolder(laptop, dir, 10*time.Second, now, nil)
	if err := wardSync.Init(ctx); err != nil {
		t.Fatal(err)
	}
	mustPass(t, wardSync)
	rep := mustPass(t, laptopSync)
	if rep.Applied == 0 || rep.BlobsFetched == 0 {
		t.Fatalf("the laptop received nothing: %+v", rep)
	}
	sameDumps(t, ward, laptop)
	checkNoPartialSegments(t, export)

	// A large attachment on the ward PC, and the server down while it travels.
	big := make([]byte, 30<<20)
	rand.Read(big)
	att, err := ward.PutAttachment(ctx, bytes.NewReader(big), "ward-audit-photos.pdf")
	if err != nil {
		t.Fatal(err)
	}
	zoe, err := ward.SignIn(ctx, "zoe", "pursuit-demo")
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := zoe.Programmes(ctx)
	if _, err := zoe.SaveEvidence(ctx, model.Evidence{ProgrammeID: ps[0].ID, Type: model.OtherEvidence, Title: "Audit photos",
		OccurredOn: model.NewDate(2026, 11, 20), Attachments: []model.Attachment{att}}); err != nil {
		t.Fatal(err)
	}
	// Meanwhile on the laptop, offline from the ward PC's point of view, the same SLOT.
	zoeLaptop, err := laptop.SignIn(ctx, "zoe", "pursuit-demo")
	if err != nil {
		t.Fatal(err)
	}
	if err := zoe.SaveSLOT(ctx, ps[0].ID, "COM-01", model.SLOT{Strengths: "Written on the ward PC"}); err != nil {
		t.Fatal(err)
	}
	if err := zoeLaptop.SaveSLOT(ctx, ps[0].ID, "COM-01", model.SLOT{Strengths: "Written on the laptop"}); err != nil {
		t.Fatal(err)
	}

	done := make(chan error, 1)
	go func() { _, err := wardSync.Pass(ctx); done <- err }()
	time.Sleep(500 * time.Millisecond)
	env.RestartServerAfter(t, 2*time.Second)
	err = <-done
	t.Logf("pass with the server going away: %v", err)
	if err == nil {
		t.Log("the push finished before the server went away; the outage was survived anyway")
	}
	// Whatever happened, nothing half-written carries a final name.
	checkNoPartialSegments(t, export)

	env.WaitReachable(t, 30*time.Second)
	// And smbd's worker killed mid-upload from the laptop: the client reconnects.
	rand.Read(big)
	att2, err := laptop.PutAttachment(ctx, bytes.NewReader(big), "laptop-scan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zoeLaptop.SaveEvidence(ctx, model.Evidence{ProgrammeID: ps[0].ID, Type: model.OtherEvidence, Title: "Scan from the laptop",
		OccurredOn: model.NewDate(2026, 11, 21), Attachments: []model.Attachment{att2}}); err != nil {
		t.Fatal(err)
	}
	go func() { _, err := laptopSync.Pass(ctx); done <- err }()
	time.Sleep(300 * time.Millisecond)
	env.KillChildren(t)
	t.Logf("pass with smbd's worker killed: %v", <-done)
	checkNoPartialSegments(t, export)
	env.WaitReachable(t, 30*time.Second)
	for range 3 {
		passUntilOK(t, wardSync)
		passUntilOK(t, laptopSync)
	}
	sameDumps(t, ward, laptop)
	if _, err := laptop.AttachmentPath(att.SHA256); err != nil {
		t.Errorf("the ward's large attachment did not arrive: %v", err)
	}
	if _, err := ward.AttachmentPath(att2.SHA256); err != nil {
		t.Errorf("the laptop's large attachment did not arrive: %v", err)
	}
	cs, err := zoeLaptop.Conflicts(ctx)
	if err != nil || len(cs) != 1 {
		t.Fatalf("conflicts on the laptop: %v %v", cs, err)
	}
	for _, st := range []*sqlite.Store{ward, laptop} {
		problems, err := st.Check(ctx)
		if err != nil || len(problems) > 0 {
			t.Errorf("%s after sync: %+v %v", st.DeviceID(), problems, err)
		}
	}
}

func mustPass(t *testing.T, e *Engine) Report {
	t.Helper()
	rep, err := e.Pass(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// passUntilOK retries while smbnetfs still reports the server's absence.
func passUntilOK(t *testing.T, e *Engine) {
	t.Helper()
	var err error
	for range 20 {
		if _, err = e.Pass(context.Background()); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
	t.Fatalf("the share never came back: %v", err)
}

func sameDumps(t *testing.T, a, b *sqlite.Store) {
	t.Helper()
	var da, db bytes.Buffer
	if err := a.Dump(context.Background(), &da); err != nil {
		t.Fatal(err)
	}
	if err := b.Dump(context.Background(), &db); err != nil {
		t.Fatal(err)
	}
	if da.String() != db.String() {
		t.Fatal("the two devices' dumps differ")
	}
}

// checkNoPartialSegments reads every segment on the server's disk: each must verify.
func checkNoPartialSegments(t *testing.T, export string) {
	t.Helper()
	logs, _ := filepath.Glob(filepath.Join(export, "devices", "*", "log", "*.seg"))
	for _, p := range logs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := share.ParseSegment(b); err != nil {
			t.Errorf("%s: a segment under its final name does not verify: %v", strings.TrimPrefix(p, export), err)
		}
	}
	if len(logs) == 0 {
		t.Error("no segments on the share at all")
	}
}
