package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// networkFSTypes are the Linux file systems that reach another machine; FUSE mounts name
// their driver after "fuse." (smbnetfs, sshfs…), while fuseblk is a local disk.
var networkFSTypes = map[string]bool{
	"nfs": true, "nfs4": true, "cifs": true, "smb3": true, "smbfs": true, "ncpfs": true, "afs": true,
	"ceph": true, "glusterfs": true, "9p": true, "fuse.smbnetfs": true, "fuse.sshfs": true,
	"fuse.gvfsd-fuse": true, "fuse.rclone": true, "fuse.s3fs": true, "davfs": true, "fuse.davfs2": true,
}

// networkKind names the network file system holding path ("" when local), from the mount
// table: the deepest mount point above path decides.
func networkKind(path string) string {
	if isUNC(path) {
		return "a network path"
	}
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return ""
	}
	defer f.Close()
	path = existingParent(path)
	best, kind := "", ""
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		// mount-id parent major:minor root mount-point options... - fstype source super-options
		fields := strings.Fields(sc.Text())
		sep := -1
		for i, fl := range fields {
			if fl == "-" {
				sep = i
				break
			}
		}
		if len(fields) < 5 || sep < 0 || sep+1 >= len(fields) {
			continue
		}
		mp := unescapeMount(fields[4])
		if (path == mp || strings.HasPrefix(path, strings.TrimSuffix(mp, "/")+"/")) && len(mp) >= len(best) {
			best, kind = mp, fields[sep+1]
		}
	}
	if networkFSTypes[kind] {
		return kind
	}
	return ""
}

// existingParent is path, or its nearest parent that exists (a new data folder is created
// inside one), with symbolic links resolved.
func existingParent(path string) string {
	for p := path; ; p = filepath.Dir(p) {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return real
		}
		if p == filepath.Dir(p) {
			return path
		}
	}
}

// unescapeMount decodes the octal escapes (\040 for a space) of /proc mount points.
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
