package share_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pursuit/sync/share"
)

func newDir(t *testing.T) (share.Dir, context.Context) {
	t.Helper()
	return share.Dir{Root: t.TempDir(), Timeout: 5 * time.Second}, context.Background()
}

func TestDirCreateIsExclusiveAndComplete(t *testing.T) {
	d, ctx := newDir(t)
	if err := d.Create(ctx, "a.txt", []byte("first")); err != nil {
		t.Fatal(err)
	}
	err := d.Create(ctx, "a.txt", []byte("second"))
	if !errors.Is(err, share.ErrExists) || !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second Create: err = %v, want ErrExists", err)
	}
	if b, err := d.ReadFile(ctx, "a.txt", 100); err != nil || string(b) != "first" {
		t.Fatalf("ReadFile = %q, %v; the first file must be untouched", b, err)
	}
	if err := d.Create(ctx, "no/such/folder/a.txt", nil); !errors.Is(err, fs.ErrNotExist) || errors.Is(err, share.ErrUnreachable) {
		t.Fatalf("Create in a missing folder: err = %v, want a plain not-exist", err)
	}
}

func TestDirRenameNeverReplaces(t *testing.T) {
	d, ctx := newDir(t)
	for name, data := range map[string]string{"from": "new", "to": "old"} {
		if err := d.Create(ctx, name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Rename(ctx, "from", "to"); !errors.Is(err, share.ErrExists) {
		t.Fatalf("Rename over an existing file: err = %v, want ErrExists", err)
	}
	if b, _ := d.ReadFile(ctx, "to", 100); string(b) != "old" {
		t.Fatalf("target now holds %q", b)
	}
	if err := d.Rename(ctx, "from", "fresh"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Stat(ctx, "from"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("source still there after Rename: %v", err)
	}
	if b, _ := d.ReadFile(ctx, "fresh", 100); string(b) != "new" {
		t.Errorf("renamed file holds %q", b)
	}
	if err := d.Rename(ctx, "gone", "elsewhere"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Rename of a missing file: err = %v", err)
	}
}

func TestDirReadFileRefusesLargeFilesWithoutReading(t *testing.T) {
	d, ctx := newDir(t)
	sparse2GB(t, filepath.Join(d.Root, "big"))
	start := time.Now()
	if _, err := d.ReadFile(ctx, "big", 1<<20); !errors.Is(err, share.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("refusing took %v: it read the file", took)
	}
	if err := d.Create(ctx, "exact", []byte("12345")); err != nil {
		t.Fatal(err)
	}
	if b, err := d.ReadFile(ctx, "exact", 5); err != nil || string(b) != "12345" {
		t.Errorf("ReadFile at exactly max = %q, %v", b, err)
	}
	if _, err := d.ReadFile(ctx, "exact", 4); !errors.Is(err, share.ErrTooLarge) {
		t.Errorf("ReadFile one byte over max: err = %v", err)
	}
}

func TestDirMissingRootIsUnreachable(t *testing.T) {
	ctx := context.Background()
	parent := t.TempDir()
	d := share.Dir{Root: filepath.Join(parent, "Z-drive"), Timeout: time.Second}
	calls := map[string]func() error{
		"ReadDir":  func() error { _, err := d.ReadDir(ctx, "."); return err },
		"ReadDir2": func() error { _, err := d.ReadDir(ctx, "devices"); return err },
		"Stat":     func() error { _, err := d.Stat(ctx, "FORMAT.json"); return err },
		"ReadFile": func() error { _, err := d.ReadFile(ctx, "FORMAT.json", 10); return err },
		"Create":   func() error { return d.Create(ctx, "x", nil) },
		"Rename":   func() error { return d.Rename(ctx, "x", "y") },
		"Remove":   func() error { return d.Remove(ctx, "x") },
		"MkdirAll": func() error { return d.MkdirAll(ctx, "devices") },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, share.ErrUnreachable) {
			t.Errorf("%s on a missing root: err = %v, want ErrUnreachable", name, err)
		}
	}
	// The mount point of an unmounted drive must not be turned into an empty share.
	if _, err := os.Stat(d.Root); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the root was created: %v", err)
	}
	if err := (share.Dir{}).MkdirAll(ctx, "x"); !errors.Is(err, share.ErrUnreachable) {
		t.Errorf("empty Root: err = %v", err)
	}
}

func TestDirRootVanishingMidSessionIsUnreachable(t *testing.T) {
	d, ctx := newDir(t)
	if err := d.MkdirAll(ctx, "devices/a/log"); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(d.Root); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Stat(ctx, "devices/a/log/000000000001.seg"); !errors.Is(err, share.ErrUnreachable) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want ErrUnreachable (and the underlying not-exist)", err)
	}
}

func TestDirRefusesPathsOutsideTheRoot(t *testing.T) {
	d, ctx := newDir(t)
	for _, name := range []string{"../x", "/etc/passwd", "a/../../x", `a\..\x`, "C:x", "", "a//b", "./a", "a/"} {
		if err := d.Create(ctx, name, nil); err == nil {
			t.Errorf("Create(%q) succeeded", name)
		}
		if _, err := d.ReadFile(ctx, name, 10); err == nil {
			t.Errorf("ReadFile(%q) succeeded", name)
		}
	}
}

func TestDirCanceledContext(t *testing.T) {
	d, _ := newDir(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.Stat(ctx, "."); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// sparse2GB makes a 2 GB file that uses no disk: a stray backup on the share that must never
// be read.
func sparse2GB(t *testing.T, name string) {
	t.Helper()
	if err := os.WriteFile(name, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(name, 2<<30); err != nil {
		t.Fatal(err)
	}
}
