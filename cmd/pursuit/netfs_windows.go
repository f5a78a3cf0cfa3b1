package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"unsafe"
)

var getDriveType = syscall.NewLazyDLL("kernel32.dll").NewProc("GetDriveTypeW")

const driveRemote = 4 // DRIVE_REMOTE: a mapped network drive

// networkKind says whether path is a UNC path or on a mapped network drive ("" when local).
func networkKind(path string) string {
	// A junction or symbolic link under C:\ may lead to a share: judge where it leads.
	for p := path; ; p = filepath.Dir(p) {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			path = filepath.Join(real, strings.TrimPrefix(path, p))
			break
		}
		if p == filepath.Dir(p) {
			break
		}
	}
	if isUNC(path) {
		return "a network path"
	}
	vol := filepath.VolumeName(path)
	if vol == "" {
		return ""
	}
	root, err := syscall.UTF16PtrFromString(vol + `\`)
	if err != nil {
		return ""
	}
	if r, _, _ := getDriveType.Call(uintptr(unsafe.Pointer(root))); r == driveRemote {
		return "mapped drive " + vol
	}
	return ""
}
