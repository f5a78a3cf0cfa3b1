package framework

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"pursuit/model"
)

// ImportError says what is wrong with a framework file, in words for the administrator who
// chose it. errors.Is(err, model.ErrInvalid) holds for every ImportError, so the UI can treat
// it like any other validation failure.
type ImportError struct {
	Source string // the file name as given to the parser
	Line   int    // 1-based line where the record or JSON value starts; 0 when the file as a whole is at fault
	Column int    // 1-based column (in characters) for JSON errors; 0 when not known
	Field  string // the CSV column or JSON field, when one is at fault
	Msg    string
	Err    error // the underlying cause, if there is one
}

func (e *ImportError) Error() string {
	var b strings.Builder
	b.WriteString(e.Source)
	if e.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteString(", column ")
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	if e.Field != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(e.Field))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Is makes every import error an invalid-input error for callers that branch on errors.Is.
func (e *ImportError) Is(target error) bool { return target == model.ErrInvalid }

func (e *ImportError) Unwrap() error { return e.Err }

// Limits that keep a wrong or hostile file from tying up the app or filling the database;
// a real framework is a few hundred kilobytes at most. A file is checked against
// MaxFileSize before it is parsed, and every CSV field against MaxFieldSize.
const (
	MaxFileSize  = 20 << 20
	MaxFieldSize = 64 << 10
)

// Limits the model does not impose on the framework record itself.
const (
	maxVersionLen     = 100
	maxAppliesToLen   = 100
	maxAppliesToItems = 100
)

func checkFileSize(data []byte, source string) error {
	if len(data) > MaxFileSize {
		// Rounded up, so that a file just over the limit does not read "20.0 MB; at most 20 MB".
		mb := math.Ceil(float64(len(data))/(1<<20)*10) / 10
		return &ImportError{Source: source, Msg: fmt.Sprintf(
			"the file is %.1f MB; a framework file can be at most %d MB — is this the right file?", mb, MaxFileSize>>20)}
	}
	return nil
}

// utf8BOM is what Excel and Notepad put at the start of a "UTF-8" file.
const utf8BOM = "\uFEFF"

func stripBOM(data []byte) []byte { return bytes.TrimPrefix(data, []byte(utf8BOM)) }

func emptyFileError(source string) error {
	return &ImportError{Source: source, Msg: "the file is empty"}
}

func notUTF8Msg() string {
	return `the text is not UTF-8: if the file came from Excel, save it again choosing "CSV UTF-8 (Comma delimited)"`
}

// position turns a byte offset into the 1-based line and column (in characters) an
// administrator sees in a text editor.
func position(data []byte, offset int) (line, column int) {
	offset = min(max(offset, 0), len(data))
	before := data[:offset]
	line = 1 + bytes.Count(before, []byte{'\n'})
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// firstInvalidUTF8 returns the offset of the first byte that is not UTF-8, or -1.
func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// frameworkIDFrom makes a framework ID that model.FrameworkSet.Validate accepts out of a Moodle
// id number or a file name: runs of other characters become a dash, and the ID starts with a
// letter or digit.
func frameworkIDFrom(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := r < utf8.RuneSelf && (r == '.' || r == '_' || r == '-' ||
			'0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
		switch {
		case ok:
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.TrimLeft(b.String(), "._-")
	if len(id) > 64 {
		id = id[:64]
	}
	return strings.TrimRight(id, "._-")
}

// baseName is the file name without directory or extension, for naming a framework after
// the file it came from.
func baseName(source string) string {
	base := filepath.Base(strings.ReplaceAll(source, `\`, "/"))
	if base == "." || base == "/" {
		return ""
	}
	return strings.TrimSpace(strings.TrimSuffix(base, filepath.Ext(base)))
}

// fromValidation turns the model's own message into an ImportError located in the file.
func fromValidation(err error, source string, line, column int, field string) error {
	ie := &ImportError{Source: source, Line: line, Column: column, Field: field, Msg: err.Error(), Err: err}
	var ve *model.ValidationError
	if errors.As(err, &ve) {
		ie.Msg = ve.Message
		if ie.Field == "" {
			ie.Field = ve.Field
		}
	}
	return ie
}
