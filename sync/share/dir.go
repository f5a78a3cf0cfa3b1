package share

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// DefaultTimeout bounds each Dir call whose Timeout is zero.
const DefaultTimeout = 10 * time.Second

// Dir is an FS on a folder of the operating system, typically a mapped network drive.
//
// Every call runs in its own goroutine and is abandoned after Timeout or when ctx ends. The
// goroutine is left behind, because a frozen SMB server blocks the system call itself and
// nothing in Go can interrupt it; the app stays responsive and reports the share unreachable,
// and the goroutine ends whenever the server answers or the connection drops.
//
// Errors that leave the root itself unreachable (unmounted, deleted, answering with I/O
// errors) wrap ErrUnreachable, so a vanished drive never reads as an empty or missing folder.
type Dir struct {
	Root    string
	Timeout time.Duration
}

// ReadDir lists dir, sorted by name. Entries that vanish while being listed are left out.
func (d Dir) ReadDir(ctx context.Context, dir string) ([]Entry, error) {
	return call(ctx, d, "list", dir, func(p string) ([]Entry, error) {
		des, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		entries := make([]Entry, 0, len(des))
		for _, de := range des {
			info, err := de.Info()
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, err
			}
			entries = append(entries, entryOf(info))
		}
		return entries, nil
	})
}

// Stat describes name.
func (d Dir) Stat(ctx context.Context, name string) (Entry, error) {
	return call(ctx, d, "stat", name, func(p string) (Entry, error) {
		info, err := os.Stat(p)
		if err != nil {
			return Entry{}, err
		}
		return entryOf(info), nil
	})
}

// ReadFile reads name whole, refusing a file over max bytes before reading any of it.
func (d Dir) ReadFile(ctx context.Context, name string, max int64) ([]byte, error) {
	return callProgress(ctx, d, "read", name, func(p string, progress func()) ([]byte, error) {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if info.IsDir() {
			return nil, errors.New("is a folder")
		}
		if info.Size() > max {
			return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, info.Size(), max)
		}
		// The size can change between Stat and reading (another device still writing, or a
		// hostile one growing it), so the limit holds for the read itself too.
		buf := make([]byte, 0, info.Size()+1)
		for {
			n, err := f.Read(buf[len(buf):min(cap(buf), len(buf)+chunk)])
			buf = buf[:len(buf)+n]
			progress()
			if int64(len(buf)) > max {
				return nil, fmt.Errorf("%w: grew past the limit of %d bytes while being read", ErrTooLarge, max)
			}
			if err == io.EOF {
				return buf, nil
			}
			if err != nil {
				return nil, err
			}
			if len(buf) == cap(buf) {
				buf = append(buf, 0)[:len(buf)]
			}
		}
	})
}

// Create writes a new file and syncs it. A failed write leaves no partial file behind if it can
// be helped; if the share vanishes first, the partial file is a temp name for SweepTemp.
func (d Dir) Create(ctx context.Context, name string, data []byte) error {
	_, err := callProgress(ctx, d, "create", name, func(p string, progress func()) (struct{}, error) {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if err != nil {
			return struct{}{}, err
		}
		// In chunks, each with the time limit: a 50 MB attachment over a slow link takes as
		// long as it takes, while a share that stops answering is still noticed in time.
		for rest := data; len(rest) > 0 && err == nil; {
			n := min(len(rest), chunk)
			_, err = f.Write(rest[:n])
			rest = rest[n:]
			progress()
		}
		// Some FUSE and SMB clients cannot fsync; the caller's read-back check covers them.
		if serr := f.Sync(); err == nil && !errors.Is(serr, errors.ErrUnsupported) {
			err = serr
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = os.Remove(p)
		}
		return struct{}{}, err
	})
	return err
}

// Rename moves from to to, never replacing to: os.Rename would silently replace it on every
// platform. A hard link fails atomically if to exists. Where links are not supported (many SMB
// servers, FUSE mounts, FAT) it falls back to checking then renaming. That leaves a window in
// which another writer could create to, which is safe here because every final name on a share
// has one writer (a device's own log) or one possible content (a blob named by its hash).
func (d Dir) Rename(ctx context.Context, from, to string) error {
	if err := CheckPath(to); err != nil {
		return err
	}
	dst := d.path(to)
	_, err := call(ctx, d, "rename", from, func(src string) (struct{}, error) {
		err := os.Link(src, dst)
		if err == nil {
			// The new name is in place; a source left behind is only a stale temp.
			_ = os.Remove(src)
			return struct{}{}, nil
		}
		if errors.Is(err, fs.ErrExist) || errors.Is(err, fs.ErrNotExist) {
			return struct{}{}, err
		}
		if _, err := os.Lstat(dst); err == nil {
			return struct{}{}, fs.ErrExist
		} else if !errors.Is(err, fs.ErrNotExist) {
			return struct{}{}, err
		}
		return struct{}{}, os.Rename(src, dst)
	})
	if err != nil {
		return fmt.Errorf("to %s: %w", to, err)
	}
	return nil
}

// Remove deletes a file or an empty folder.
func (d Dir) Remove(ctx context.Context, name string) error {
	_, err := call(ctx, d, "remove", name, func(p string) (struct{}, error) {
		return struct{}{}, os.Remove(p)
	})
	return err
}

// MkdirAll creates dir and its parents inside the root. The root itself must already exist:
// creating it would turn the mount point of an unmounted drive into an empty local "share".
func (d Dir) MkdirAll(ctx context.Context, dir string) error {
	_, err := call(ctx, d, "mkdir", dir, func(p string) (struct{}, error) {
		info, err := os.Stat(d.Root)
		if err != nil {
			return struct{}{}, err
		}
		if !info.IsDir() {
			return struct{}{}, errors.New("share root is not a folder")
		}
		return struct{}{}, os.MkdirAll(p, 0o777)
	})
	return err
}

func (d Dir) path(name string) string {
	return filepath.Join(d.Root, filepath.FromSlash(name))
}

func entryOf(info fs.FileInfo) Entry {
	return Entry{Name: info.Name(), Size: info.Size(), IsDir: info.IsDir(), ModTime: info.ModTime()}
}

// chunk is how much a large read or write moves between signs of life.
const chunk = 1 << 20

// call runs op on name's OS path within the time limit and classifies its error.
func call[T any](ctx context.Context, d Dir, op, name string, fn func(p string) (T, error)) (T, error) {
	return callProgress(ctx, d, op, name, func(p string, _ func()) (T, error) { return fn(p) })
}

// callProgress is call for operations that move data: the time limit runs from the last
// chunk moved, not from the start.
func callProgress[T any](ctx context.Context, d Dir, op, name string, fn func(p string, progress func()) (T, error)) (T, error) {
	var zero T
	if d.Root == "" {
		return zero, fmt.Errorf("%s %s: share folder not set: %w", op, name, ErrUnreachable)
	}
	if err := CheckPath(name); err != nil {
		return zero, fmt.Errorf("%s: %w", op, err)
	}
	v, err := withProgressTimeout(ctx, d.timeout(), func(progress func()) (T, error) {
		v, err := fn(d.path(name), progress)
		if err != nil && !errors.Is(err, fs.ErrExist) && !errors.Is(err, ErrTooLarge) && !d.rootOK() {
			err = errors.Join(ErrUnreachable, err)
		}
		return v, err
	})
	if errors.Is(err, fs.ErrExist) && !errors.Is(err, ErrExists) {
		err = errors.Join(ErrExists, err)
	}
	if err != nil {
		return zero, fmt.Errorf("%s %s: %w", op, name, err)
	}
	return v, nil
}

func (d Dir) timeout() time.Duration {
	if d.Timeout <= 0 {
		return DefaultTimeout
	}
	return d.Timeout
}

// rootOK tells a missing file from a missing share: it runs only after a failure, so the
// common path costs no extra round trip.
func (d Dir) rootOK() bool {
	info, err := os.Stat(d.Root)
	return err == nil && info.IsDir()
}

// withTimeout runs fn, giving up after timeout or when ctx ends. See Dir for why the goroutine
// is allowed to outlive the call.
func withTimeout[T any](ctx context.Context, timeout time.Duration, fn func() (T, error)) (T, error) {
	return withProgressTimeout(ctx, timeout, func(func()) (T, error) { return fn() })
}

// withProgressTimeout is withTimeout whose clock starts again each time fn reports progress.
func withProgressTimeout[T any](ctx context.Context, timeout time.Duration, fn func(progress func()) (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1) // buffered: a late answer must not block the abandoned goroutine
	alive := make(chan struct{}, 1)
	go func() {
		v, err := fn(func() {
			select {
			case alive <- struct{}{}:
			default:
			}
		})
		done <- result{v, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		select {
		case r := <-done:
			return r.v, r.err
		case <-alive:
			timer.Reset(timeout)
		case <-timer.C:
			return zero, fmt.Errorf("no answer within %v: %w", timeout, ErrUnreachable)
		case <-ctx.Done():
			return zero, ctx.Err()
		}
	}
}

// Compile-time check that Dir is an FS.
var _ FS = Dir{}
