package framework

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"pursuit/model"
)

// addFiles seeds a fuzzer with the fixtures whose names match pattern.
func addFiles(f *testing.F, pattern string) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed files match %s: %v", pattern, err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// checkFailure holds for every rejected file: the error is an ImportError the UI can treat as
// invalid input, it points inside the file, and nothing was half-imported.
func checkFailure(t *testing.T, data []byte, set model.FrameworkSet, err error) {
	t.Helper()
	var ie *ImportError
	if !errors.As(err, &ie) || !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("error %T is not an *ImportError matching model.ErrInvalid: %v", err, err)
	}
	if lines := bytes.Count(data, []byte("\n")) + 1; ie.Line < 0 || ie.Line > lines {
		t.Errorf("line %d is outside the file's %d lines: %v", ie.Line, lines, err)
	}
	if !reflect.DeepEqual(set, model.FrameworkSet{}) {
		t.Errorf("a failed import returned a set: %+v", set)
	}
}

// checkRoundTrip holds for every accepted file: the set is valid, and Pursuit can export it
// and read the export back unchanged.
func checkRoundTrip(t *testing.T, set model.FrameworkSet, source string) {
	t.Helper()
	if err := set.Validate(); err != nil {
		t.Fatalf("parsed set fails Validate: %v", err)
	}
	for i, c := range set.Competencies {
		if c.Position != i || c.ID != "" || c.FrameworkID != "" || c.ProgrammeID != "" || c.Retired {
			t.Fatalf("competency %d is not fresh from a file: %+v", i, c)
		}
	}
	out, err := MarshalJSON(set)
	if err != nil {
		t.Fatalf("MarshalJSON of a parsed set: %v", err)
	}
	again, err := ParseJSON(out, source)
	if err != nil {
		t.Fatalf("ParseJSON of MarshalJSON's output: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(again, set) {
		t.Fatalf("round trip changed the set:\n%+v\nwant\n%+v", again, set)
	}
}

func FuzzParseJSON(f *testing.F) {
	addFiles(f, "*.json")
	addFiles(f, "bad/*.json")
	for _, s := range []string{"", "{}", "[]", "null", `{"format":"pursuit-framework","format_version":1}`,
		`{"format":"pursuit-framework","format_version":1,"framework":{"id":"f","name":"F","version":"1"},"competencies":[{"code":"A","title":"A","level":"must","applies_to":["Nursing"]}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := ParseJSON(data, "fuzz.json")
		if err != nil {
			checkFailure(t, data, set, err)
			return
		}
		if set.Framework.Source != "fuzz.json" {
			t.Errorf("source %q", set.Framework.Source)
		}
		checkRoundTrip(t, set, "fuzz.json")
	})
}

func FuzzParseMoodleCSV(f *testing.F) {
	addFiles(f, "*.csv")
	addFiles(f, "bad/*.csv")
	f.Add([]byte(moodleHeader + "\n"))
	f.Add(moodleFile(moodleRowCSV("", "A", "A", "<ul><li>x &amp; y<br></ul><!--")))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := ParseMoodleCSV(data, "fuzz.csv", MoodleOptions{DefaultLevel: model.Should, Levels: map[string]model.Level{}})
		if err != nil {
			checkFailure(t, data, set, err)
			return
		}
		for _, c := range set.Competencies {
			if c.Level != model.Should || c.AppliesTo != nil {
				t.Fatalf("competency %s: level %q, applies to %v", c.Code, c.Level, c.AppliesTo)
			}
		}
		checkRoundTrip(t, set, "fuzz.csv")
	})
}
