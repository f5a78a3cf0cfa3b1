package framework

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"pursuit/model"
)

func TestParseJSON(t *testing.T) {
	set, err := ParseJSON(readTestdata(t, "framework.json"), "framework.json")
	if err != nil {
		t.Fatal(err)
	}
	want := model.FrameworkSet{
		Framework: model.Framework{
			ID:          "trust-preceptorship",
			Name:        "Pursuit of Excellence",
			Version:     "2026.1",
			Description: "The Trust's 12-month preceptorship framework for newly registered nurses, midwives and allied health professionals.\nEach competency is signed off by the preceptor.",
			Source:      "framework.json",
		},
		Competencies: []model.Competency{
			{Code: "ACC-01", Title: "Practises within the limits of own competence",
				Description: "Recognises the limits of own knowledge and skills, and asks for help early.",
				Domain:      "Accountability", Level: model.Must, Position: 0},
			{Code: "MED-01", Title: "Administers medicines safely",
				Description: "Prepares and gives medicines in line with the Trust's medicines policy, including the second check for controlled drugs.",
				Domain:      "Medicines management", Level: model.Must, ValidateFirst: true, AppliesTo: []string{"nursing", "midwifery"}, Position: 1},
			{Code: "COM-02", Title: "Hands over care using SBAR",
				Description: "Gives a structured handover: situation, background, assessment, recommendation.",
				Domain:      "Communication", Level: model.Should, AppliesTo: []string{"all"}, Position: 2},
			{Code: "LDR-03", Title: "Leads a caseload review",
				Description: "Plans and chairs a review of own caseload with the multidisciplinary team.",
				Domain:      "Leadership", Level: model.Could, AppliesTo: []string{"ahp", "midwife"}, Position: 3},
		},
	}
	if !reflect.DeepEqual(set, want) {
		t.Errorf("got\n%+v\nwant\n%+v", set, want)
	}
}

// The example in testdata (and in docs/framework-format.md) is exactly what MarshalJSON writes,
// so an exported file and the documentation look alike.
func TestMarshalJSONGolden(t *testing.T) {
	file := readTestdata(t, "framework.json")
	set, err := ParseJSON(file, "framework.json")
	if err != nil {
		t.Fatal(err)
	}
	out, err := MarshalJSON(set)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, file) {
		t.Errorf("MarshalJSON wrote\n%s\nwant\n%s", out, file)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	moodle, err := ParseMoodleCSV(readTestdata(t, "moodle-example.csv"), "x.json",
		MoodleOptions{DefaultLevel: model.Should, Levels: map[string]model.Level{"DR-AT1": model.Must}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		set  model.FrameworkSet
	}{
		{"Moodle example", moodle},
		{"awkward text", model.FrameworkSet{
			Framework: model.Framework{ID: "t.1_x-y", Name: "Naïve “quotes” & <tags>", Version: "1", Source: "x.json"},
			Competencies: []model.Competency{
				{Code: "A", Title: " spaces kept ", Description: "line\nbreaks\tand \u2028 separators, \\ and \"", Domain: "", Level: model.Could},
				{Code: "b", Title: "Emoji 🩺", Level: model.Must, ValidateFirst: true, AppliesTo: []string{"physiotherapist", "trust-own-role"}, Position: 1},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := MarshalJSON(tt.set)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseJSON(out, "x.json")
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if !reflect.DeepEqual(got, tt.set) {
				t.Errorf("round trip gave\n%+v\nwant\n%+v", got, tt.set)
			}
		})
	}
}

func TestMarshalJSONOrderAndRetired(t *testing.T) {
	set := model.FrameworkSet{
		Framework: model.Framework{ID: "f", Name: "F", Version: "2", Source: "store"},
		Competencies: []model.Competency{
			{ID: "id-c", FrameworkID: "f", Code: "C", Title: "Third", Level: model.Must, Position: 7},
			{ID: "id-old", FrameworkID: "f", Code: "OLD", Title: "Dropped in version 2", Level: model.Must, Position: 0, Retired: true},
			{ID: "id-a", FrameworkID: "f", Code: "A", Title: "First", Level: model.Must, Position: 1, AppliesTo: []string{"Nursing", "nursing", "AHP"}},
			{ID: "id-b", FrameworkID: "f", Code: "B", Title: "Second", Level: model.Should, Position: 3, AppliesTo: []string{}},
		},
	}
	out, err := MarshalJSON(set)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseJSON(out, "f.json")
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for i, c := range got.Competencies {
		codes = append(codes, c.Code)
		if c.Position != i || c.ID != "" || c.FrameworkID != "" {
			t.Errorf("%s: position %d, id %q, framework id %q", c.Code, c.Position, c.ID, c.FrameworkID)
		}
	}
	if strings.Join(codes, ",") != "A,B,C" {
		t.Errorf("codes %v, want A,B,C: Position order, retired left out", codes)
	}
	if a := got.Competencies[0].AppliesTo; !reflect.DeepEqual(a, []string{"nursing", "ahp"}) {
		t.Errorf("A applies to %v, want [nursing ahp]", a)
	}
	if b := got.Competencies[1].AppliesTo; b != nil {
		t.Errorf("B applies to %#v, want nil (everyone)", b)
	}
	if !bytes.Contains(out, []byte(`"applies_to": []`)) {
		t.Errorf("an empty list is not written as []:\n%s", out)
	}
}

func TestMarshalJSONErrors(t *testing.T) {
	valid := model.Competency{Code: "A", Title: "A", Level: model.Must}
	tests := []struct {
		name string
		set  model.FrameworkSet
		msg  string
	}{
		{"no competencies", model.FrameworkSet{Framework: model.Framework{ID: "f", Name: "F", Version: "1"}}, "no competencies"},
		{"every competency retired", model.FrameworkSet{Framework: model.Framework{ID: "f", Name: "F", Version: "1"},
			Competencies: []model.Competency{{Code: "A", Title: "A", Level: model.Must, Retired: true}}}, "every competency is retired"},
		{"bad level", model.FrameworkSet{Framework: model.Framework{ID: "f", Name: "F", Version: "1"},
			Competencies: []model.Competency{{Code: "A", Title: "A", Level: "high"}}}, `"high" is not a level`},
		{"framework name not UTF-8", model.FrameworkSet{Framework: model.Framework{ID: "f", Name: "F\xff", Version: "1"},
			Competencies: []model.Competency{valid}}, "not valid UTF-8"},
		{"empty profession", model.FrameworkSet{Framework: model.Framework{ID: "f", Name: "F", Version: "1"},
			Competencies: []model.Competency{{Code: "A", Title: "A", Level: model.Must, AppliesTo: []string{" "}}}}, "an entry is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := MarshalJSON(tt.set)
			if err == nil {
				t.Fatalf("no error; wrote\n%s", out)
			}
			if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q: want errors.Is ErrInvalid and %q", err, tt.msg)
			}
		})
	}
}

func TestParseJSONAccepts(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		check func(t *testing.T, set model.FrameworkSet)
	}{
		{"minimal", `{"format":"pursuit-framework","format_version":1,"framework":{"id":"f","name":"F","version":"1"},
			"competencies":[{"code":"A","title":"A","level":"must"}]}`,
			func(t *testing.T, set model.FrameworkSet) {
				if c := set.Competencies[0]; c.AppliesTo != nil || c.ValidateFirst || c.Domain != "" {
					t.Errorf("defaults = %+v", c)
				}
			}},
		{"level in capitals", `{"format":"pursuit-framework","format_version":1,"framework":{"id":"f","name":"F","version":"1"},
			"competencies":[{"code":"A","title":"A","level":" Should "}]}`,
			func(t *testing.T, set model.FrameworkSet) {
				if l := set.Competencies[0].Level; l != model.Should {
					t.Errorf("level %q", l)
				}
			}},
		{"professions tidied", `{"format":"pursuit-framework","format_version":1,"framework":{"id":"f","name":"F","version":"1"},
			"competencies":[{"code":"A","title":"A","level":"must","applies_to":["Nursing"," midwife ","nursing","Band 6 Practice Educator"]}]}`,
			func(t *testing.T, set model.FrameworkSet) {
				want := []string{"nursing", "midwife", "Band 6 Practice Educator"}
				if a := set.Competencies[0].AppliesTo; !reflect.DeepEqual(a, want) {
					t.Errorf("applies to %q, want %q", a, want)
				}
			}},
		{"null fields", `{"format":"pursuit-framework","format_version":1,"framework":{"id":"f","name":"F","version":"1","description":null},
			"competencies":[{"code":"A","title":"A","level":"must","applies_to":null,"domain":null}]}`,
			func(t *testing.T, set model.FrameworkSet) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := ParseJSON([]byte(tt.data), "f.json")
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, set)
		})
	}
}

func TestParseJSONBOMAndCRLF(t *testing.T) {
	plain := readTestdata(t, "framework.json")
	want, err := ParseJSON(plain, "framework.json")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseJSON(withBOMAndCRLF(plain), "framework.json")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with BOM and CRLF:\n%+v\nwant\n%+v", got, want)
	}
	// Positions on a CRLF file are the ones an editor shows.
	bad := withBOMAndCRLF(readTestdata(t, "bad/trailing-comma.json"))
	set, err := ParseJSON(bad, "framework.json")
	checkImportError(t, set, err, wantError{line: 19, column: 5, msg: "remove the comma before this }"})
}

func TestParseJSONErrors(t *testing.T) {
	head := `{"format": "pursuit-framework", "format_version": 1, "framework": {"id": "f", "name": "F", "version": "1"},` + "\n"
	tests := []struct {
		name string
		data []byte
		want wantError
	}{
		{"empty file", readTestdata(t, "bad/empty.json"), wantError{msg: "the file is empty"}},
		{"only spaces and a byte-order mark", []byte("\uFEFF \r\n "), wantError{msg: "the file is empty"}},
		{"file over 20 MB", append([]byte(head), bytes.Repeat([]byte(" "), MaxFileSize)...), wantError{msg: "a framework file can be at most 20 MB"}},
		{"not UTF-8", readTestdata(t, "bad/not-utf8.json"), wantError{line: 45, column: 35, msg: "the text is not UTF-8"}},
		{"trailing comma", readTestdata(t, "bad/trailing-comma.json"),
			wantError{line: 19, column: 5, msg: "remove the comma before this }: JSON does not allow a comma after the last item"}},
		{"syntax error", []byte("{\n  \"format\": pursuit\n}"), wantError{line: 2, column: 13, msg: "this is not valid JSON: invalid character 'p'"}},
		{"truncated", readTestdata(t, "bad/truncated.json"), wantError{line: 33, column: 7, msg: "the file ends before the JSON is complete"}},
		{"trailing data", readTestdata(t, "bad/trailing-data.json"), wantError{line: 57, column: 1, msg: "there is more text after the closing }"}},
		{"top-level list", readTestdata(t, "bad/top-level-array.json"), wantError{line: 1, column: 1, msg: "the file should hold one JSON object, starting with {, not a list"}},
		{"no format", readTestdata(t, "bad/no-format.json"), wantError{line: 1, field: "format", msg: "this is not a Pursuit framework file"}},
		{"wrong format", readTestdata(t, "bad/wrong-format.json"), wantError{line: 2, column: 3, field: "format", msg: `the format is "moodle", not "pursuit-framework"`}},
		{"newer format version", readTestdata(t, "bad/future-version.json"), wantError{line: 3, column: 3, field: "format_version",
			msg: "this framework file is format version 2; this version of Pursuit reads version 1 — update Pursuit"}},
		{"newer version with new fields", []byte(`{"format": "pursuit-framework", "format_version": 3, "sections": []}`),
			wantError{line: 1, field: "format_version", msg: "format version 3; this version of Pursuit reads version 1"}},
		{"no format version", []byte(`{"format": "pursuit-framework"}`), wantError{line: 1, field: "format_version", msg: "does not say which version"}},
		{"format version 0", []byte(`{"format": "pursuit-framework", "format_version": 0}`), wantError{line: 1, field: "format_version", msg: "format version 0 does not exist"}},
		{"format version as text", []byte(`{"format": "pursuit-framework", "format_version": "1"}`),
			wantError{line: 1, column: 33, field: "format_version", msg: "this should be a whole number, not text"}},
		{"unknown field in a competency", readTestdata(t, "bad/unknown-field.json"),
			wantError{line: 37, column: 7, field: "levle", msg: `there is no field "levle" in competency 3 — check the spelling`}},
		{"unknown field in the framework", readTestdata(t, "bad/unknown-framework-field.json"),
			wantError{line: 8, column: 5, field: "owner", msg: `there is no field "owner" in "framework"`}},
		{"unknown top-level field", []byte(head + `"competencies": [], "author": "me"}`),
			wantError{line: 2, column: 21, field: "author", msg: `there is no field "author" at the top of the file`}},
		{"true or false as text", readTestdata(t, "bad/wrong-type.json"),
			wantError{line: 26, column: 7, field: "validate_first", msg: "this should be true or false (without quotes), not text"}},
		{"text instead of a list", readTestdata(t, "bad/wrong-list-type.json"),
			wantError{line: 39, column: 7, field: "applies_to", msg: "this should be a list [ … ], not text"}},
		{"number in applies_to", []byte(head + `"competencies": [{"code": "A", "title": "A", "level": "must", "applies_to": ["nursing", 7]}]}`),
			wantError{line: 2, field: "applies_to", msg: `each entry in "applies_to" should be a profession in quotes, not a number`}},
		{"competencies not a list", readTestdata(t, "bad/competencies-not-list.json"),
			wantError{line: 10, column: 3, field: "competencies", msg: "this should be a list [ … ], not an object"}},
		{"competency not an object", []byte(head + `"competencies": ["ACC-01"]}`),
			wantError{line: 2, field: "competencies", msg: `each entry in "competencies" should be an object { … }, not text`}},
		{"no framework section", readTestdata(t, "bad/no-framework.json"), wantError{field: "framework", msg: `the file has no "framework"`}},
		{"framework id with a space", readTestdata(t, "bad/bad-framework-id.json"),
			wantError{line: 5, column: 5, field: "id", msg: `the framework id "trust preceptorship" can only use`}},
		{"no framework version", []byte(`{"format": "pursuit-framework", "format_version": 1, "framework": {"id": "f", "name": "F"}, "competencies": []}`),
			wantError{line: 1, field: "version", msg: "the framework has no version"}},
		{"empty framework name", []byte("{\"format\": \"pursuit-framework\", \"format_version\": 1,\n \"framework\": {\"id\": \"f\", \"name\": \" \", \"version\": \"1\"}, \"competencies\": []}"),
			wantError{line: 2, column: 27, field: "name", msg: "the framework has no name"}},
		{"no competencies", readTestdata(t, "bad/no-competencies.json"), wantError{line: 10, column: 3, field: "competencies", msg: "the framework has no competencies"}},
		{"competencies missing", []byte(head + `"format": "pursuit-framework"}`), wantError{field: "competencies", msg: "the framework has no competencies"}},
		{"level not a level", readTestdata(t, "bad/bad-level.json"),
			wantError{line: 48, column: 7, field: "level", msg: `competency LDR-03: "sometimes" is not a level; use "must", "should" or "could"`}},
		{"no level", readTestdata(t, "bad/missing-level.json"), wantError{line: 11, column: 5, field: "level", msg: "competency ACC-01 has no level"}},
		{"duplicate code", readTestdata(t, "bad/duplicate-code.json"),
			wantError{line: 44, column: 7, field: "code", msg: `the code "acc-01" is already used by competency 1 (line 12)`}},
		{"code the model refuses", readTestdata(t, "bad/bad-code.json"),
			wantError{line: 33, column: 7, field: "code", msg: `"COM 02": a code is 1–64 letters, digits, dots, dashes or underscores`}},
		{"no code", []byte(head + `"competencies": [{"title": "A", "level": "must"}]}`),
			wantError{line: 2, column: 18, field: "code", msg: `"": a code is 1–64 letters`}},
		{"title too long", readTestdata(t, "bad/title-too-long.json"),
			wantError{line: 34, column: 7, field: "title", msg: "competency COM-02: the title is 501 characters; at most 500"}},
		{"empty applies_to entry", readTestdata(t, "bad/empty-applies-to-entry.json"),
			wantError{line: 39, column: 7, field: "applies_to", msg: "competency COM-02: an entry is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := ParseJSON(tt.data, "framework.json")
			checkImportError(t, set, err, tt.want)
			if !strings.HasPrefix(err.Error(), "framework.json") {
				t.Errorf("error %q does not start with the file name", err)
			}
		})
	}
}

// The model's own checks still say what they say, and callers can reach them.
func TestParseJSONKeepsModelError(t *testing.T) {
	_, err := ParseJSON(readTestdata(t, "bad/title-too-long.json"), "framework.json")
	var ve *model.ValidationError
	if !errors.As(err, &ve) || ve.Field != "title" {
		t.Errorf("errors.As(%v, *model.ValidationError) = %v", err, ve)
	}
}

// The example in docs/framework-format.md is the fixture, so the documentation cannot drift
// from what Pursuit reads and writes.
func TestDocumentedExample(t *testing.T) {
	doc := readTestdata(t, "../../../docs/framework-format.md")
	_, rest, ok := bytes.Cut(doc, []byte("```json\n"))
	example, _, closed := bytes.Cut(rest, []byte("```"))
	if !ok || !closed {
		t.Fatal("docs/framework-format.md has no ```json example")
	}
	if want := readTestdata(t, "framework.json"); !bytes.Equal(example, want) {
		t.Errorf("the documented example differs from testdata/framework.json:\n%s", example)
	}
}
