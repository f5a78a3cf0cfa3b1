package sync

import (
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"pursuit/sync/share"
)

// wardWithThreeSegments is the ward PC having written three segments to the folder.
func wardWithThreeSegments(t *testing.T) *engineWorld {
	t.Helper()
	w := newEngineWorld(t)
	w.pass(w.ward)
	for _, text := range []string{"second", "third"} {
		w.slot(w.ward, text)
		w.pass(w.ward)
	}
	if ps, _ := w.ward.PushState(w.ctx); ps.Segment != 3 {
		t.Fatalf("the ward PC wrote %d segments", ps.Segment)
	}
	return w
}

func (w *engineWorld) removeSegment(dev string, seq uint64) {
	w.t.Helper()
	if err := os.Remove(filepath.Join(w.dir, "devices", dev, "log", share.SegmentName(seq))); err != nil {
		w.t.Fatal(err)
	}
}

// A segment deleted from the middle of the ward PC's log: a PC reading the ward PC for the
// first time names the hole; the ward PC finds it when it lists its own log (at once for a
// new engine, then hourly), sends everything again, and the new PC then has it all.
func TestAHoleInTheMiddleOfALogIsNamedAndFilled(t *testing.T) {
	w := wardWithThreeSegments(t)
	ward := w.ward.DeviceID()
	w.removeSegment(ward, 2)
	laptop := w.device(t.TempDir())
	rep := w.pass(laptop)
	if !slices.Contains(rep.Gaps, ward) {
		t.Fatalf("a new PC did not name the hole: %+v", rep)
	}
	rep = w.pass(w.ward)
	if rep.NewDevice == "" || rep.LostOwn != 1 {
		t.Fatalf("the ward PC after a segment vanished from the middle of its log: %+v", rep)
	}
	w.pass(laptop)
	if dumpString(t, laptop) != dumpString(t, w.ward) {
		t.Error("the new PC differs from the ward PC after it sent everything again")
	}
}

// A folder planted where a device's next segment goes holds back that device only: the
// pass goes on for everyone else and says which file it skipped.
func TestAFolderPlantedAsASegmentHoldsBackOnlyItsDevice(t *testing.T) {
	w := wardWithThreeSegments(t)
	laptop := w.device(t.TempDir())
	w.pass(laptop)
	w.slot(laptop, "from the laptop")
	w.pass(laptop)
	if err := os.Mkdir(filepath.Join(w.dir, "devices", laptop.DeviceID(), "log", share.SegmentName(2)), 0o700); err != nil {
		t.Fatal(err)
	}
	other := w.device(t.TempDir())
	rep, err := w.engine(other).Pass(w.ctx)
	if err != nil {
		t.Fatalf("one planted folder stopped the whole pass: %v", err)
	}
	if rep.SegmentsIn < 4 || len(rep.Warnings) == 0 {
		t.Fatalf("the other devices' segments: %+v", rep)
	}
}

// A PC that had read the ward PC's log to segment 3 reads the folder again after an
// upgrade, but meanwhile segment 3 (say, a password change) was deleted: it says the log
// now ends earlier than it had read, rather than quietly believing less.
func TestALogCutShorterThanItWasReadIsNamed(t *testing.T) {
	w := wardWithThreeSegments(t)
	laptopDir := t.TempDir()
	laptop := w.device(laptopDir)
	w.pass(laptop)
	ward := w.ward.DeviceID()
	db, err := sql.Open("sqlite3", filepath.Join(laptopDir, "pursuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// As the upgrade that reads the folder again leaves it.
	for _, q := range []string{
		`INSERT OR IGNORE INTO meta(key, value) SELECT 'reread_to:' || device, CAST(seq AS TEXT) FROM sync_applied WHERE seq > 0`,
		`UPDATE sync_applied SET seq = 0`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	w.removeSegment(ward, 3)
	if rep := w.pass(laptop); !slices.Contains(rep.Gaps, ward) {
		t.Fatalf("a log cut shorter than this PC had read it went unnamed: %+v", rep)
	}
}
