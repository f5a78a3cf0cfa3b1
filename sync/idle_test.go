package sync

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/sync/share"
)

// counted is e's share, counted by kind: the engine from ForFolder already counts (its
// FS is a *share.Counting); ops is what has happened since since().
type counted struct {
	c    *share.Counting
	base map[string]int64
}

func countOps(t *testing.T, e *Engine) *counted {
	t.Helper()
	c, ok := e.Share.FS.(*share.Counting)
	if !ok {
		t.Fatalf("the engine's share is not counted: %T", e.Share.FS)
	}
	return &counted{c: c, base: c.ByKind()}
}

// reset starts counting again from now.
func (k *counted) reset() { k.base = k.c.ByKind() }

// ops is what was done since the last reset, by kind.
func (k *counted) ops() map[string]int64 {
	out := map[string]int64{}
	for kind, n := range k.c.ByKind() {
		if d := n - k.base[kind]; d > 0 {
			out[kind] = d
		}
	}
	return out
}

func (k *counted) total() int64 {
	var n int64
	for _, v := range k.ops() {
		n += v
	}
	return n
}

// Issue 15: an idle pass — nothing new anywhere — costs the same few share operations
// whether 10 or 500 other devices have written to the folder: it must not look at each.
func TestAnIdlePassCostsTheSameWhateverTheNumberOfDevices(t *testing.T) {
	idle := map[int]int64{}
	for _, n := range []int{10, 500} {
		w := newEngineWorld(t)
		laptop := w.device(t.TempDir())
		sh := &share.Share{FS: share.Dir{Root: w.dir}, Now: w.now}
		for i := range n {
			dev := fmt.Sprintf("d%07d-0000-4000-8000-000000000000", i)
			if err := sh.WriteSegment(w.ctx, share.Segment{Device: dev, Seq: 1, Created: w.now(), Ops: nil}); err != nil {
				t.Fatal(err)
			}
		}
		w.pass(w.ward)
		e := w.engine(laptop)
		fs := countOps(t, e)
		// Through a Runner, as the window and sync --watch run passes.
		r := &Runner{Engine: e}
		for range 2 {
			if _, err := r.Pass(w.ctx); err != nil {
				t.Fatal(err)
			}
		}
		fs.reset()
		rep, err := r.Pass(w.ctx)
		if err != nil || rep.SegmentsIn != 0 {
			t.Fatalf("idle pass: %+v %v", rep, err)
		}
		idle[n] = fs.total()
		t.Logf("%d devices: idle pass %d share operations %v", n, fs.total(), fs.ops())
	}
	if idle[10] != idle[500] || idle[500] > 10 {
		t.Fatalf("idle pass share operations: %v; want the same for 10 and 500 devices, at most 10", idle)
	}
}

// A device's new segments reach others through its head at their next pass, without a
// sweep, for a few operations; a head someone deletes is written again by its device; and
// heads planted with numbers no segment has cost a bounded number of looks per pass.
func TestHeadsTellWhoHasWrittenAndPlantedOnesCostLittle(t *testing.T) {
	w := newEngineWorld(t)
	laptop := w.device(t.TempDir())
	e := w.engine(laptop)
	fs := countOps(t, e)
	w.pass(w.ward)
	for range 2 {
		if _, err := e.Pass(w.ctx); err != nil {
			t.Fatal(err)
		}
	}
	sh := &share.Share{FS: share.Dir{Root: w.dir}, Now: w.now}
	heads, _, err := sh.Heads(w.ctx)
	if err != nil || len(heads) != 1 || heads[0].Device != w.ward.DeviceID() {
		t.Fatalf("heads after the ward's first pass: %v %v", heads, err)
	}

	// The ward writes; the laptop's next pass (no sweep) reads it.
	pat, err := w.ward.SignIn(w.ctx, "pat", simPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pat.SaveGoal(w.ctx, model.Goal{ProgrammeID: w.prog.ID, Title: "Learn the infusion pumps"}); err != nil {
		t.Fatal(err)
	}
	w.pass(w.ward)
	fs.reset()
	rep, err := e.Pass(w.ctx)
	if err != nil || rep.SegmentsIn != 1 {
		t.Fatalf("the laptop's pass after the ward wrote: %+v %v", rep, err)
	}
	if n := fs.total(); n > 10 {
		t.Errorf("reading one new segment took %d share operations: %v", n, fs.ops())
	}

	// Someone deletes the ward's head: the ward writes it again at its next pass.
	if err := sh.FS.Remove(w.ctx, "heads/"+share.HeadName(w.ward.DeviceID(), heads[0].Seq+1)); err != nil {
		t.Fatal(err)
	}
	if rep := w.pass(w.ward); !rep.HeadMarked {
		t.Error("the ward did not write its head again")
	}

	// Fifty heads planted for devices with no such segments: followed once each when new,
	// then at most maxStaleFollows a pass.
	for i := range 50 {
		dev := fmt.Sprintf("f%07d-0000-4000-8000-000000000000", i)
		if err := sh.FS.Create(w.ctx, "heads/"+share.HeadName(dev, 99), nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Pass(w.ctx); err != nil {
		t.Fatal(err)
	}
	fs.reset()
	if _, err := e.Pass(w.ctx); err != nil {
		t.Fatal(err)
	}
	if n := fs.total(); n > 3+maxStaleFollows {
		t.Errorf("a pass with 50 planted heads took %d share operations: %v", n, fs.ops())
	}
}

// A device whose refused changes would pass the limit of what a PC keeps aside is held
// back: named in the report, its segment left on the share, not read again while nothing
// kept aside has gone, and looked at again at the hourly sweep. (That what waited counts
// when its account arrives, and the held segment then applies whole, is tested in
// model/sqlite: TestKeptAsideIsBoundedAndNothingPastTheLimitIsLost.)
func TestADeviceHeldBackForWhatIsKeptAsideWaitsAndIsNotReadAgainMeanwhile(t *testing.T) {
	w := newEngineWorld(t)
	laptop, err := sqlite.Open(w.ctx, t.TempDir(), sqlite.Options{Now: w.now, HashParams: simHash, KeptAsideLimit: 5})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { laptop.Close() })
	keys := func(seed string) model.KeyPair {
		kp, err := model.NewKeyPair(bytes.NewReader(bytes.Repeat([]byte(seed), 16)))
		if err != nil {
			t.Fatal(err)
		}
		return kp
	}
	admin, ghost, device := keys("the administrator "), keys("a ghost "), keys("a device ")
	root := model.TrustRoot{UserID: "u-admin", SignKey: base64.StdEncoding.EncodeToString(admin.SignPublic)}
	if err := laptop.PinTrustRoot(w.ctx, root); err != nil {
		t.Fatal(err)
	}
	format := `{"format":"pursuit-share","major":1,"minor":1,"created":"2026-11-24T21:00:00Z","id":"abc","root":{"user":"u-admin","sign_key":"` + root.SignKey + `"}}` + "\n"
	if err := os.WriteFile(filepath.Join(w.dir, "FORMAT.json"), []byte(format), 0o600); err != nil {
		t.Fatal(err)
	}
	sh := &share.Share{FS: share.Dir{Root: w.dir}, Now: w.now}
	// Validly signed changes from an author nobody has heard of: they wait for the account.
	const dev = "a0000000-0000-4000-8000-000000000000"
	for seq := uint64(1); seq <= 2; seq++ {
		ops := make([]model.Op, 4)
		for i := range ops {
			ops[i] = model.Op{Format: model.OpFormat, ID: fmt.Sprintf("op-%d-%d", seq, i), Table: "training", Row: fmt.Sprintf("t-%d-%d", seq, i), Kind: model.OpPut,
				Fields: map[string]any{"user_id": "u-ghost", "category": "mandatory", "course": "Fire safety"},
				HLC:    model.HLC{Wall: w.now().UnixMilli(), Counter: uint32(i), Device: dev}.String(), Device: dev, Author: "u-ghost"}
		}
		if err := model.SignOps(ghost.SignPrivate, ops); err != nil {
			t.Fatal(err)
		}
		raws := make([]json.RawMessage, len(ops))
		for i := range ops {
			raws[i], _ = json.Marshal(ops[i])
		}
		if err := sh.WriteSignedSegment(w.ctx, share.Segment{Device: dev, Seq: seq, Created: w.now(), Ops: raws}, device.SignPrivate); err != nil {
			t.Fatal(err)
		}
		if err := sh.MarkHead(w.ctx, dev, seq, []uint64{seq - 1}); err != nil {
			t.Fatal(err)
		}
	}
	e := w.engine(laptop)
	fs := countOps(t, e)
	rep, err := e.Pass(w.ctx)
	if err != nil || !slices.Contains(rep.HeldBack, dev) {
		t.Fatalf("first pass: held back %v, %v; %+v", rep.HeldBack, err, rep)
	}
	if seq, _ := laptop.AppliedSeq(w.ctx, dev); seq != 1 {
		t.Fatalf("applied up to %d, want 1 (the second segment waits)", seq)
	}
	fs.reset()
	if rep, err := e.Pass(w.ctx); err != nil || !slices.Equal(rep.HeldBack, []string{dev}) {
		t.Fatalf("second pass: still held back %v, %v", rep.HeldBack, err)
	}
	if n := fs.ops()["read"]; n != 1 { // FORMAT.json only
		t.Errorf("the held segment was read again with nothing released: %v", fs.ops())
	}
	// An hour on, every device is looked at again, the held one too.
	w.later += time.Hour
	if rep, err := e.Pass(w.ctx); err != nil || !slices.Contains(rep.HeldBack, dev) {
		t.Fatalf("the hourly sweep: held back %v, %v", rep.HeldBack, err)
	}
}
