package smbtest

import (
	"bytes"
	"crypto/rand"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A file written through Share must appear in Export, and must open under another case:
// ext4 alone is case-sensitive, so only a Samba server in the path can pass.
func TestShareGoesThroughSamba(t *testing.T) {
	e := Share(t)
	share, export := e.Subdir(t)
	want := []byte("written through SMB\n")
	if err := os.WriteFile(filepath.Join(share, "Probe.TXT"), want, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(export, "Probe.TXT"))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("on the server's disk: %q, %v; want %q", got, err, want)
	}
	got, err = os.ReadFile(filepath.Join(share, "probe.txt"))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("through the share under another case: %q, %v; want %q (is Share really SMB?)", got, err, want)
	}
}

// Pins what the fault helpers do, since sync tests will lean on it: a server that is down while
// a write is in flight fails the write and leaves a partial file behind.
func TestRestartServerAfterFailsWriteInFlight(t *testing.T) {
	e := Exclusive(t)
	share, export := e.Subdir(t)
	f, err := os.Create(filepath.Join(share, "big.bin"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 1<<20)
	const max = 1 << 30
	done := make(chan error, 1)
	go func() {
		for n := 0; n < max; n += len(chunk) {
			if _, err := f.Write(chunk); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	waitSize(t, filepath.Join(export, "big.bin"), 2<<20)
	e.RestartServerAfter(t, 2*time.Second)
	if err := <-done; err == nil {
		t.Fatal("a 1 GB write survived a 2 s outage; want an error")
	} else {
		t.Logf("write failed as expected: %v", err)
	}
	fi, err := os.Stat(filepath.Join(export, "big.bin"))
	if err != nil || fi.Size() == 0 || fi.Size() >= max {
		t.Fatalf("want a partial file on the server: %v, %v", fi, err)
	}
	if err := os.WriteFile(filepath.Join(share, "after.txt"), []byte("ok"), 0o644); err != nil {
		t.Fatalf("the share does not work after the restart: %v", err)
	}
}

// smbnetfs reconnects after the serving smbd dies and resumes at the same offset, so the client
// sees no error and the file arrives whole: sync must verify, not trust the absence of errors.
func TestKillChildrenIsSurvivedByTheClient(t *testing.T) {
	e := Exclusive(t)
	share, export := e.Subdir(t)
	want := make([]byte, 24<<20)
	rand.Read(want)
	done := make(chan error, 1)
	go func() { done <- os.WriteFile(filepath.Join(share, "big.bin"), want, 0o644) }()
	waitSize(t, filepath.Join(export, "big.bin"), 2<<20)
	e.KillChildren(t)
	if err := <-done; err != nil {
		t.Fatalf("smbnetfs used to survive a killed smbd child; now the write fails: %v", err)
	}
	got, err := os.ReadFile(filepath.Join(export, "big.bin"))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("file on the server differs after the reconnect (%d of %d bytes, %v)", len(got), len(want), err)
	}
}

// waitSize waits until a write has really started, so the fault lands mid-write.
func waitSize(t *testing.T, path string, size int64) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if fi, err := os.Stat(path); err == nil && fi.Size() >= size {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not reach %d bytes within 30 s", path, size)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
