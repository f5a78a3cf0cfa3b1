package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
)

// SQLite's own documentation warns that network file systems break its locking and corrupt
// databases, and a ward PC's mapped drive comes and goes: the data folder must be on this
// PC's own disk. The shared network folder is for sync, which never puts the database there.

// errNetworkFolder explains the refusal in words IT and a nurse can act on.
func errNetworkFolder(dir, kind string) error {
	return fmt.Errorf("the data folder %s is on a network drive (%s). Pursuit keeps its database on this PC's own disk, because a database on a network drive can be damaged when the network drops; choose a local folder with --data (the default is fine), and set the network folder as the shared folder for sync instead", dir, kind)
}

// checkLocalFolder refuses a data folder on a network file system.
func checkLocalFolder(dir string) error {
	if isUNC(dir) {
		return errNetworkFolder(dir, "a network path")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil // the open that follows reports a bad path better
	}
	if kind := networkKind(abs); kind != "" {
		return errNetworkFolder(dir, kind)
	}
	return nil
}

// isUNC: \\server\share paths are network paths on every Windows PC (the long-path
// forms \\?\C:\ and \\.\ are local).
func isUNC(p string) bool {
	if strings.HasPrefix(p, `\\?\UNC\`) {
		return true
	}
	if strings.HasPrefix(p, `\\?\`) || strings.HasPrefix(p, `\\.\`) {
		return false
	}
	return strings.HasPrefix(p, `\\`) || (runtime.GOOS == "windows" && strings.HasPrefix(p, "//"))
}
