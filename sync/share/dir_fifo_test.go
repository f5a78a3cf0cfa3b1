//go:build unix

package share_test

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"pursuit/sync/share"
)

// A FIFO with no writer blocks open(2) in the kernel, as a frozen SMB server does: the
// closest a unit test gets to `kill -STOP` on smbd.
func TestDirTimeoutOnABlockedSystemCallIsUnreachable(t *testing.T) {
	d, ctx := newDir(t)
	d.Timeout = 200 * time.Millisecond
	fifo := filepath.Join(d.Root, "frozen")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	// Opening the writer end lets the abandoned reader finish, so the test leaves nothing
	// behind.
	t.Cleanup(func() {
		if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
	})

	start := time.Now()
	_, err := d.ReadFile(ctx, "frozen", 100)
	took := time.Since(start)
	if !errors.Is(err, share.ErrUnreachable) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
	if took < d.Timeout || took > d.Timeout+2*time.Second {
		t.Errorf("gave up after %v, want about %v", took, d.Timeout)
	}
}
