package sqlite

import (
	"bytes"
	"errors"
	"testing"

	"pursuit/model"
)

// A new PC at its welcome screen restores a backup into its own, still empty, store: the
// same records and files, sign-in works at once, and it syncs as a new device.
func TestAnEmptyStoreIsFilledFromABackup(t *testing.T) {
	f, data, _ := backupFixture(t)
	b, err := ReadBackup(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	fresh := openTest(t, t.TempDir(), f.clock, 7)
	var steps int
	former, err := fresh.RestoreEmpty(f.ctx, b, func(done, total int) { steps = done })
	if err != nil {
		t.Fatal(err)
	}
	if former != f.st.DeviceID() || fresh.DeviceID() == former || steps == 0 {
		t.Fatalf("device ids: backup %s, restored %s (was %s); %d progress steps", former, fresh.DeviceID(), f.st.DeviceID(), steps)
	}
	var got bytes.Buffer
	if err := fresh.Dump(f.ctx, &got); err != nil {
		t.Fatal(err)
	}
	if got.String() != f.dump() {
		t.Fatal("the restored records differ from the original's")
	}
	if problems, err := fresh.Check(f.ctx); err != nil || len(problems) != 0 {
		t.Fatalf("restored store: %v %v", problems, err)
	}
	if _, err := fresh.SignIn(f.ctx, "pat", testPassword); err != nil {
		t.Fatalf("sign-in after restore: %v", err)
	}
	// A store that holds data is never overwritten.
	if _, err := fresh.RestoreEmpty(f.ctx, b, nil); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("restoring over data: %v", err)
	}
}
