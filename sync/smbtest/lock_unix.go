//go:build unix

package smbtest

import (
	"os"
	"syscall"
)

// lock takes an flock, which each test binary holds on its own open file, so tests in
// different packages (run in parallel by go test) and parallel tests in one binary exclude
// each other alike, and a crashed test binary releases its lock with its files.
func lock(path string, exclusive bool) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
