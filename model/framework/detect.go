package framework

import (
	"bytes"
	"path"
	"strings"

	"pursuit/model"
)

// ErrLevelNeeded is returned by Parse for a Moodle file when no level was chosen.
var ErrLevelNeeded = &ImportError{Msg: "Moodle frameworks have no must/should/could levels: choose the level to give every competency (single ones can be changed afterwards)"}

// IsJSON says whether a file is Pursuit's JSON format rather than Moodle CSV: by its name,
// or by its first character when the name says nothing.
func IsJSON(data []byte, name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		return true
	case ".csv", ".txt":
		return false
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	return len(trimmed) > 0 && trimmed[0] == '{'
}

// Parse reads either format: Pursuit JSON as it stands, Moodle CSV with the options (whose
// DefaultLevel must be set, or ErrLevelNeeded comes back).
func Parse(data []byte, name string, moodle MoodleOptions) (model.FrameworkSet, error) {
	if IsJSON(data, name) {
		return ParseJSON(data, name)
	}
	if moodle.DefaultLevel == "" {
		return model.FrameworkSet{}, ErrLevelNeeded
	}
	return ParseMoodleCSV(data, name, moodle)
}
