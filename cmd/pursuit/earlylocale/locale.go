// Package locale settles the locale before the GUI toolkit reads it, so that a command run
// from a script, a service or CI (LANG=C.UTF-8, the default of a bare Debian or a Windows
// service's environment) prints nothing but its own output.
//
// Fyne reads the locale while the program starts, before main, and logs "Error parsing user
// locale C" for C.UTF-8, which is a valid locale but not a language. Go initialises
// packages in the order of their import paths where it can; this module's path sorts before
// fyne.io's, and it imports only the standard library, so it runs first. It is a module of
// its own for that reason alone: the product's own packages are all under "pursuit/".
package locale

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	// The locale the toolkit reads is the first set of these, as gettext does.
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		lang, _, _ := strings.Cut(v, ".")
		lang, _, _ = strings.Cut(lang, "@")
		if (lang == "C" || lang == "POSIX") && v != lang {
			// "C.UTF-8" is no language: English, as "C" alone would give, without
			// changing the character set that child processes use.
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
