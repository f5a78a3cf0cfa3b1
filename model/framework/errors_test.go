package framework

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"pursuit/model"
)

func TestImportErrorMessage(t *testing.T) {
	tests := []struct {
		err  ImportError
		want string
	}{
		{ImportError{Source: "moodle-example.csv", Line: 14, Field: "Parent id number", Msg: `parent "foo" does not exist`},
			`moodle-example.csv line 14, "Parent id number": parent "foo" does not exist`},
		{ImportError{Source: "framework.json", Line: 3, Column: 7, Field: "level", Msg: "x"}, `framework.json line 3, column 7, "level": x`},
		{ImportError{Source: "framework.json", Line: 3, Column: 7, Msg: "x"}, `framework.json line 3, column 7: x`},
		{ImportError{Source: "f.csv", Msg: "the file is empty"}, `f.csv: the file is empty`},
		{ImportError{Source: "f.csv", Field: "default level", Msg: "x"}, `f.csv, "default level": x`},
		{ImportError{Line: 2, Msg: "x"}, `line 2: x`},
		{ImportError{Msg: "x"}, `x`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestImportErrorIs(t *testing.T) {
	cause := errors.New("cause")
	var err error = &ImportError{Source: "f.csv", Msg: "x", Err: cause}
	wrapped := fmt.Errorf("import: %w", err)
	if !errors.Is(wrapped, model.ErrInvalid) || !errors.Is(wrapped, cause) || errors.Is(wrapped, model.ErrNotFound) {
		t.Errorf("errors.Is gives the wrong answers for %v", wrapped)
	}
}

func TestFrameworkIDFrom(t *testing.T) {
	tests := []struct{ in, want string }{
		{"OECD-CORE", "OECD-CORE"},
		{"NHS Trust: Preceptorship (2026)", "NHS-Trust-Preceptorship-2026"},
		{"  --leading.dots", "leading.dots"},
		{"Cafés & Co", "Caf-s-Co"},
		{"???", ""},
		{"a" + strings.Repeat("1234567890", 7), ("a" + strings.Repeat("1234567890", 7))[:64]},
		{"long-" + strings.Repeat("x", 58) + "-y", "long-" + strings.Repeat("x", 58)}, // no dash left at the cut
	}
	for _, tt := range tests {
		if got := frameworkIDFrom(tt.in); got != tt.want {
			t.Errorf("frameworkIDFrom(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
