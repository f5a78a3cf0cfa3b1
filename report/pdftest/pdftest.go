// Package pdftest reads documents back for tests the way a reader's viewer would: the text
// through poppler's pdftotext, the structure through qpdf. `make test` installs the tools and
// sets PURSUIT_REQUIRE_TOOLS, so there a missing tool fails the test instead of skipping it.
package pdftest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Tool finds a command-line tool, or skips (fails under PURSUIT_REQUIRE_TOOLS).
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("PURSUIT_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s is required (apt-get install poppler-utils qpdf)", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// File writes a PDF held in memory to a temporary file for the tools to read.
func File(t testing.TB, pdf []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

// Text is the text of a PDF file, laid out as on the page.
func Text(t testing.TB, file string) string {
	t.Helper()
	out, err := exec.Command(Tool(t, "pdftotext"), "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", filepath.Base(file), err)
	}
	return string(out)
}

// Check runs qpdf's structural check over a PDF file.
func Check(t testing.TB, file string) {
	t.Helper()
	if out, err := exec.Command(Tool(t, "qpdf"), "--check", file).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", filepath.Base(file), err, out)
	}
}
