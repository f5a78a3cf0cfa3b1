// Command pursuit is the Pursuit desktop app and its command line: with no subcommand it
// opens the window; subcommands work headless for scripts and tests (see the README).
package main

import (
	"os"

	_ "early.pursuit/locale" // before the GUI toolkit reads the locale: see the package
)

func main() {
	os.Exit(run(os.Args[1:], env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, openWindow: openWindow}))
}
