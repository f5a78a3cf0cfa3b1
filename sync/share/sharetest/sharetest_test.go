package sharetest_test

import (
	"context"
	"errors"
	"io/fs"
	"testing"

	"pursuit/sync/share"
	"pursuit/sync/share/sharetest"
)

func TestMemKeepsTheFSContract(t *testing.T) {
	ctx := context.Background()
	m := sharetest.NewMem(nil)
	if err := m.Create(ctx, "a/b", nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Create without its folder: %v", err)
	}
	if err := m.MkdirAll(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a/b", "a/c"} {
		if err := m.Create(ctx, name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Create(ctx, "a/b", nil); !errors.Is(err, share.ErrExists) {
		t.Errorf("second Create: %v", err)
	}
	if err := m.Rename(ctx, "a/b", "a/c"); !errors.Is(err, share.ErrExists) {
		t.Errorf("Rename over a file: %v", err)
	}
	if b, _ := m.ReadFile(ctx, "a/c", 10); string(b) != "a/c" {
		t.Errorf("a/c = %q", b)
	}
	if _, err := m.ReadFile(ctx, "a/c", 2); !errors.Is(err, share.ErrTooLarge) {
		t.Errorf("ReadFile over max: %v", err)
	}
	if _, err := m.Stat(ctx, "../a"); err == nil {
		t.Error("Stat accepted ../a")
	}
	if es, err := m.ReadDir(ctx, "."); err != nil || len(es) != 1 || es[0].Name != "a" || !es[0].IsDir {
		t.Errorf("ReadDir(.) = %v, %v", es, err)
	}
}

func TestFaultyFailsTheNthCallOfAKind(t *testing.T) {
	ctx := context.Background()
	f := sharetest.NewFaulty(sharetest.NewMem(nil))
	f.FailOp(2, sharetest.OpStat)
	for i, want := range []bool{false, false, true, false} {
		var err error
		if i == 1 {
			_, err = f.ReadDir(ctx, ".") // another kind: not counted
		} else {
			_, err = f.Stat(ctx, ".")
		}
		if got := errors.Is(err, sharetest.ErrInjected); got != want {
			t.Errorf("call %d: injected = %v, want %v (%v)", i+1, got, want, err)
		}
	}
	if f.Calls() != 4 {
		t.Errorf("Calls = %d", f.Calls())
	}
	f.FailOpAfter(1, "")
	if err := f.MkdirAll(ctx, "x"); !errors.Is(err, sharetest.ErrInjected) {
		t.Errorf("MkdirAll: %v", err)
	}
	if _, err := f.Stat(ctx, "x"); err != nil {
		t.Errorf("a lost reply must still take effect: %v", err)
	}
	f.Offline(true)
	if _, err := f.Stat(ctx, "x"); !errors.Is(err, share.ErrUnreachable) {
		t.Errorf("offline: %v", err)
	}
}

func TestFaultyDelaysWhatOthersWrite(t *testing.T) {
	ctx := context.Background()
	m := sharetest.NewMem(nil)
	reader := sharetest.NewFaulty(m)
	reader.DelayVisibility(2)
	if _, err := reader.Stat(ctx, "new"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	if es, _ := reader.ReadDir(ctx, "."); len(es) != 0 {
		t.Fatal(es)
	}
	if err := m.Create(ctx, "new", nil); err != nil { // another device
		t.Fatal(err)
	}
	// Calls 3 and 4 still see the cached answers; call 5 and later see the file.
	if _, err := reader.Stat(ctx, "new"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("call 3 sees the new file already: %v", err)
	}
	if es, _ := reader.ReadDir(ctx, "."); len(es) != 0 {
		t.Errorf("call 4 lists the new file already")
	}
	if _, err := reader.Stat(ctx, "new"); err != nil {
		t.Errorf("call 5: %v", err)
	}
	if es, _ := reader.ReadDir(ctx, "."); len(es) != 1 {
		t.Errorf("call 6 lists %v", es)
	}
}
