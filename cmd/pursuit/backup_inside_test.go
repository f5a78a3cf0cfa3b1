package main

import (
	"path/filepath"
	"strings"
	"testing"

	"pursuit/model/demo"
)

// R5: --out naming the live database (or its -wal) is accepted; the zip is renamed over
// pursuit.db under the open store, and the folder no longer opens.
func TestABackupIsNeverWrittenIntoTheDataFolder(t *testing.T) {
	src := demoFolder(t, "1")
	code, _, errs := pursuit(t, demo.Password+"\n", "backup", "--data", src, "--out", filepath.Join(src, "pursuit.db"), "--as", "admin")
	t.Logf("backup exit %d %s", code, errs)
	if code == 0 {
		if c, out, e := pursuit(t, "", "check", "--data", src); c != 0 || !strings.Contains(out, "intact") {
			t.Fatalf("backup --out DATA/pursuit.db was accepted and the folder is now broken: %d %s %s", c, out, e)
		}
	}
}
