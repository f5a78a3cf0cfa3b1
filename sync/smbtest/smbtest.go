// Package smbtest gives tests a real SMB share: a Samba server on loopback, mounted as a
// folder the way a user's mapped drive is, started by .ci/samba-share.sh. Sync must survive
// what a network share does that a local disk never does (case-insensitive names, refused
// characters, a server that vanishes mid-write), and only a real server shows that.
//
// The share is shared by every test binary that go test runs in parallel, so a test that
// breaks the server takes it exclusively (see Exclusive); the others hold it shared.
package smbtest

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Env describes a running share.
type Env struct {
	Share  string // the share as the client sees it, through SMB
	Export string // the same folder on the server's disk, bypassing SMB
	Dir    string // the script's state folder (PURSUIT_SMB_DIR)
	Ctl    string // .ci/samba-share.sh, to break and restart the server

	exclusive bool
}

// Share returns the running share, holding it shared until the test ends. Without one the
// test is skipped, unless PURSUIT_TEST_SMB=1 says CI promised one: then its absence is a
// failure, so a broken setup cannot pass as a run of skipped tests.
func Share(t testing.TB) Env {
	t.Helper()
	return open(t, false)
}

// Exclusive is Share for tests that call KillChildren or RestartServer: it waits until no
// other test holds the share, so no unrelated test sees the server die under it. A test must
// not also call Share: it would wait for itself.
func Exclusive(t testing.TB) Env {
	t.Helper()
	return open(t, true)
}

func open(t testing.TB, exclusive bool) Env {
	t.Helper()
	dir := os.Getenv("PURSUIT_SMB_DIR")
	if dir == "" {
		if os.Getenv("PURSUIT_TEST_SMB") == "1" {
			t.Fatal("PURSUIT_TEST_SMB=1 but PURSUIT_SMB_DIR is not set: CI should have run .ci/samba-share.sh start DIR and exported PURSUIT_SMB_DIR=DIR")
		}
		t.Skip("no SMB share: set PURSUIT_SMB_DIR (see .ci/samba-share.sh)")
	}
	vars, err := readEnv(filepath.Join(dir, "env"))
	if err != nil {
		t.Fatalf("PURSUIT_SMB_DIR=%s but the share is not running (.ci/samba-share.sh start %s): %v", dir, dir, err)
	}
	e := Env{
		Share:     vars["PURSUIT_SMB_SHARE"],
		Export:    vars["PURSUIT_SMB_EXPORT"],
		Dir:       dir,
		Ctl:       vars["PURSUIT_SMB_CTL"],
		exclusive: exclusive,
	}
	if e.Share == "" || e.Export == "" || e.Ctl == "" {
		t.Fatalf("%s/env lacks PURSUIT_SMB_SHARE, PURSUIT_SMB_EXPORT or PURSUIT_SMB_CTL: %v", dir, vars)
	}
	unlock, err := lock(filepath.Join(dir, "tests.lock"), exclusive)
	if err != nil {
		t.Fatalf("locking the share: %v", err)
	}
	t.Cleanup(unlock)
	// An earlier test may have left the server restarting or smbnetfs in its error window.
	e.WaitReachable(t, 30*time.Second)
	return e
}

// readEnv parses the KEY=value lines the script writes; it writes no quoting.
func readEnv(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	vars := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s: not KEY=value: %q", path, line)
		}
		vars[k] = v
	}
	return vars, sc.Err()
}

// Subdir makes a fresh folder on the share for this test and returns it as the client sees it
// and as it lies on the server's disk. Tests share one server, so each needs its own folder.
func (e Env) Subdir(t testing.TB) (share, export string) {
	t.Helper()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	// Only [a-z0-9._-]: the share refuses some characters, and smbnetfs reads '?' as the start
	// of a URL query and ':' as a stream name, silently writing elsewhere.
	name := "t-" + hex.EncodeToString(b[:])
	share, export = filepath.Join(e.Share, name), filepath.Join(e.Export, name)
	if err := os.Mkdir(share, 0o755); err != nil {
		t.Fatalf("creating a folder on the share: %v", err)
	}
	t.Cleanup(func() {
		// Through the server's disk: the share may be down if the test broke it.
		if err := os.RemoveAll(export); err != nil {
			t.Errorf("removing %s: %v", export, err)
		}
	})
	return share, export
}

// KillChildren SIGKILLs the smbd processes serving the client's connections. smbnetfs then
// reconnects and resumes: a write in flight still completes, as on a client that reconnects.
func (e Env) KillChildren(t testing.TB) {
	t.Helper()
	e.run(t, "kill-children")
}

// RestartServer stops smbd and starts it again on the same port, then waits for the mount.
func (e Env) RestartServer(t testing.TB) {
	t.Helper()
	e.run(t, "restart-server")
}

// RestartServerAfter is RestartServer with the server down for the given time: the way to make
// a write in flight fail with EIO and leave a partial file, since smbnetfs reconnects through
// anything shorter. It returns once the share is reachable again.
func (e Env) RestartServerAfter(t testing.TB, down time.Duration) {
	t.Helper()
	e.run(t, "restart-server", strconv.FormatFloat(down.Seconds(), 'f', 3, 64))
}

func (e Env) run(t testing.TB, args ...string) {
	t.Helper()
	if !e.exclusive {
		t.Fatalf("%s needs smbtest.Exclusive: other tests use the share at the same time", args[0])
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, e.Ctl, append([]string{args[0], e.Dir}, args[1:]...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", e.Ctl, strings.Join(args, " "), err, out)
	}
	t.Logf("%s", strings.TrimSpace(string(out)))
}

// WaitReachable waits until the share lists. After any server error smbnetfs fails every call
// for a moment, and a restarted server takes a while to accept the client again.
func (e Env) WaitReachable(t testing.TB, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		_, err := os.ReadDir(e.Share)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("share %s not reachable within %v: %v", e.Share, timeout, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
