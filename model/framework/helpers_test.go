package framework

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pursuit/model"
)

// wantError describes the error a bad file must give: where, and words the administrator
// will recognise.
type wantError struct {
	line   int
	column int // checked only when not 0
	field  string
	msg    string
}

func checkImportError(t *testing.T, set model.FrameworkSet, err error, want wantError) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one containing %q", want.msg)
	}
	if !errors.Is(err, model.ErrInvalid) {
		t.Errorf("errors.Is(%v, model.ErrInvalid) is false", err)
	}
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error %T is not an *ImportError: %v", err, err)
	}
	if ie.Line != want.line {
		t.Errorf("line %d, want %d: %v", ie.Line, want.line, err)
	}
	if want.column != 0 && ie.Column != want.column {
		t.Errorf("column %d, want %d: %v", ie.Column, want.column, err)
	}
	if ie.Field != want.field {
		t.Errorf("field %q, want %q: %v", ie.Field, want.field, err)
	}
	if !strings.Contains(err.Error(), want.msg) {
		t.Errorf("error %q does not contain %q", err, want.msg)
	}
	if len(err.Error()) > 1000 {
		t.Errorf("error is %d characters long; too long to show", len(err.Error()))
	}
	if !reflect.DeepEqual(set, model.FrameworkSet{}) {
		t.Errorf("a failed import returned a non-empty set: %+v", set)
	}
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// withBOMAndCRLF gives a file as Excel on Windows saves it: a byte-order mark and CRLF line ends.
func withBOMAndCRLF(data []byte) []byte {
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	return append([]byte("\uFEFF"), strings.ReplaceAll(s, "\n", "\r\n")...)
}

func competencyByCode(t *testing.T, set model.FrameworkSet, code string) model.Competency {
	t.Helper()
	for _, c := range set.Competencies {
		if c.Code == code {
			return c
		}
	}
	t.Fatalf("no competency %s in %s", code, set.Framework.ID)
	return model.Competency{}
}
