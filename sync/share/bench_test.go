package share_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pursuit/sync/share"
)

// One idle poll of a share with 500 devices and nothing new: list devices/, then one Stat per
// device for its next segment. Budget: 50 ms.
func BenchmarkIdleTick500Devices(b *testing.B) {
	ctx := context.Background()
	d := share.Dir{Root: b.TempDir()}
	s, _ := newShare(d, 1)
	if err := s.Init(ctx); err != nil {
		b.Fatal(err)
	}
	const devices, perDevice = 500, 3
	for i := range devices {
		dev := fmt.Sprintf("device-%03d", i)
		dir := filepath.Join(d.Root, "devices", dev, "log")
		if err := os.MkdirAll(dir, 0o777); err != nil {
			b.Fatal(err)
		}
		// Written directly: 1 500 synced WriteSegment calls would only slow the setup.
		for seq := uint64(1); seq <= perDevice; seq++ {
			data, err := share.EncodeSegment(seg(dev, seq, "x", "y"))
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, share.SegmentName(seq)), data, 0o666); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		devs, _, err := s.Devices(ctx)
		if err != nil || len(devs) != devices {
			b.Fatalf("Devices = %d, %v", len(devs), err)
		}
		for _, dev := range devs {
			if _, ok, err := s.NextSegment(ctx, dev, perDevice); ok || err != nil {
				b.Fatalf("NextSegment(%s) = %v, %v", dev, ok, err)
			}
		}
	}
}

const benchBlobBytes = 20 << 20

// benchRoot is a fresh folder for the blob benchmarks: under $PURSUIT_SHARE_BENCH_DIR when set
// (a mounted SMB share, such as .ci/samba-share.sh makes), else a local temp folder.
func benchRoot(b *testing.B) string {
	base := os.Getenv("PURSUIT_SHARE_BENCH_DIR")
	if base == "" {
		return b.TempDir()
	}
	root, err := os.MkdirTemp(base, "bench")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = os.RemoveAll(root) })
	return root
}

func benchBlob(b *testing.B) []byte {
	data := make([]byte, benchBlobBytes)
	rng := rand.NewChaCha8([32]byte{1})
	_, _ = rng.Read(data)
	return data
}

// PutBlob of a 20 MB attachment; compare with BenchmarkCopyFile (what cp does) on the same
// file system. Each iteration uses a fresh share so nothing is skipped as already present.
func BenchmarkPutBlob(b *testing.B) {
	ctx := context.Background()
	data := benchBlob(b)
	sum := sumOf(data)
	b.SetBytes(int64(len(data)))
	root := benchRoot(b)
	i := 0
	for b.Loop() {
		b.StopTimer()
		d := share.Dir{Root: filepath.Join(root, fmt.Sprint(i)), Timeout: time.Minute}
		i++
		if err := os.Mkdir(d.Root, 0o777); err != nil {
			b.Fatal(err)
		}
		s, _ := newShare(d, uint64(i))
		if err := s.Init(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.PutBlob(ctx, sum, data); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		// Thousands of 20 MB files would fill the disk and slow later iterations.
		if err := os.RemoveAll(d.Root); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkCopyFile is the baseline for BenchmarkPutBlob: io.Copy of a local file of the same
// size to a new file where PutBlob writes, without fsync, as cp does.
func BenchmarkCopyFile(b *testing.B) { benchCopy(b, false) }

// BenchmarkCopyFileSync is cp followed by sync: what the copy costs once the bytes are as
// durable as PutBlob makes them.
func BenchmarkCopyFileSync(b *testing.B) { benchCopy(b, true) }

func benchCopy(b *testing.B, fsync bool) {
	data := benchBlob(b)
	// The source is local, as the attachment being uploaded is.
	src := filepath.Join(b.TempDir(), "src")
	if err := os.WriteFile(src, data, 0o666); err != nil {
		b.Fatal(err)
	}
	dst := filepath.Join(benchRoot(b), "dst")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := copyFile(src, dst, fsync); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := os.Remove(dst); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

func copyFile(src, dst string, fsync bool) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if fsync {
		if err := out.Sync(); err != nil {
			out.Close()
			return err
		}
	}
	return out.Close()
}
