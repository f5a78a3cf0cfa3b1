//go:build !linux && !windows

package main

// networkKind recognises UNC paths only on systems without a mount table we read.
func networkKind(path string) string {
	if isUNC(path) {
		return "a network path"
	}
	return ""
}
