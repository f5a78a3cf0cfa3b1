package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"pursuit/sync/smbtest"
)

func TestALocalDataFolderIsAccepted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "not", "made", "yet")
	if err := checkLocalFolder(dir); err != nil {
		t.Fatalf("a local folder was refused: %v", err)
	}
	if err := checkLocalFolder(`\\trust-files\preceptorship\pursuit-data`); err == nil || !strings.Contains(err.Error(), "network") {
		t.Fatalf("a UNC path was accepted: %v", err)
	}
}

// The database refuses to live on a real SMB share, mounted as a mapped drive would be.
func TestADataFolderOnASambaShareIsRefused(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads the Linux mount table")
	}
	env := smbtest.Share(t)
	share, _ := env.Subdir(t)
	dir := filepath.Join(share, "pursuit-data")
	code, _, errs := pursuit(t, "", "demo", "--preceptees", "1", "--data", dir)
	if code == 0 || !strings.Contains(errs, "network drive") || !strings.Contains(errs, "fuse.smbnetfs") {
		t.Fatalf("demo on a share: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("something was created on the share")
	}
}

func TestWhichPathsAreNetworkPaths(t *testing.T) {
	for path, want := range map[string]bool{
		`\\trust-files\preceptorship`: true,
		`\\?\UNC\trust-files\share`:   true,
		`\\?\C:\Users\ward4b\Pursuit`: false,
		`\\.\C:\Pursuit`:              false,
		`C:\Users\ward4b\Pursuit`:     false,
		`/home/ward4b/.config`:        false,
	} {
		if got := isUNC(path); got != want {
			t.Errorf("isUNC(%s) = %v, want %v", path, got, want)
		}
	}
}
