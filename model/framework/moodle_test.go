package framework

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"pursuit/model"
)

const moodleHeader = `"Parent id number","Id number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross referenced competency id numbers","Exported id (optional)","Is framework",Taxonomy`

const moodleFrameworkRow = `,TRUST-PRECEPT,"Trust preceptorship","<p>The framework.</p>",1,,,,,,,,1,`

// moodleRowCSV writes one competency row the way Moodle's exporter does.
func moodleRowCSV(parent, id, shortname, description string) string {
	return parent + "," + id + `,"` + shortname + `","` + description + `",1,,,,0,null,,1,,`
}

func moodleFile(rows ...string) []byte {
	return []byte(strings.Join(append([]string{moodleHeader, moodleFrameworkRow}, rows...), "\n") + "\n")
}

var mustOnly = MoodleOptions{DefaultLevel: model.Must}

// The leaves of Moodle's example are the behavioural indicators under each competency and
// the five levels; the competencies themselves (Analytical Thinking, …) have children and so
// become domains.
func TestParseMoodleCSVExample(t *testing.T) {
	data := readTestdata(t, "moodle-example.csv")
	set, err := ParseMoodleCSV(data, "moodle-example.csv", mustOnly)
	if err != nil {
		t.Fatal(err)
	}
	fw := set.Framework
	if fw.ID != "OECD-CORE" || fw.Name != "OECD" || fw.Version != "imported" || fw.Source != "moodle-example.csv" {
		t.Errorf("framework = %+v", fw)
	}
	for _, want := range []string{
		"The Core Competencies summarise the capabilities that are important across all jobs and that we believe collectively contribute to the OECD’s overall success.",
		"grouped into three clusters.\n• The delivery-related competencies\n• The interpersonal competencies\n• The strategic competencies",
	} {
		if !strings.Contains(fw.Description, want) {
			t.Errorf("framework description lacks %q:\n%s", want, fw.Description)
		}
	}
	if strings.HasSuffix(fw.Description, "\n") || strings.Contains(fw.Description, "  ") {
		t.Errorf("framework description is not tidied: %q", fw.Description)
	}

	var codes []string
	for i, c := range set.Competencies {
		codes = append(codes, c.Code)
		if c.Position != i || c.ID != "" || c.FrameworkID != "" || c.ProgrammeID != "" || c.Retired {
			t.Errorf("%s: position %d (want %d), id %q, framework id %q, programme id %q, retired %v",
				c.Code, c.Position, i, c.ID, c.FrameworkID, c.ProgrammeID, c.Retired)
		}
		if c.Level != model.Must {
			t.Errorf("%s: level %q, want the default must", c.Code, c.Level)
		}
		if strings.ContainsAny(c.Description, "<>") || c.Description != strings.TrimSpace(c.Description) {
			t.Errorf("%s: description is not plain text: %q", c.Code, c.Description)
		}
		if c.AppliesTo != nil {
			t.Errorf("%s: applies to %v; a Moodle competency applies to everyone", c.Code, c.AppliesTo)
		}
	}
	wantCodes := []string{"level-1", "level-2", "level-3", "level-4", "level-5",
		"DR-AT1", "DR-AT-2", "DR-AF-1", "DR-DS-1", "DR-TW-1", "DR-TW-3", "I-CF-1", "I-DS-1", "S-DT-1", "S-DT-2"}
	if len(set.Competencies) != 15 || !slices.Equal(codes, wantCodes) {
		t.Errorf("competencies = %v, want the 15 leaves %v", codes, wantCodes)
	}
	if slices.Contains(codes, "analytical-thinking") {
		t.Error("analytical-thinking has children, so it is a domain, not a competency")
	}

	at1 := competencyByCode(t, set, "DR-AT1")
	if at1.Domain != "Analytical Thinking" || at1.Title != "Distinguishes between critical and irrelevant pieces of information" ||
		at1.Description != "Distinguishes between critical and irrelevant pieces of information" {
		t.Errorf("DR-AT1 = %+v", at1)
	}
	if c := competencyByCode(t, set, "I-DS-1"); !strings.Contains(c.Description, "people’s concerns") {
		t.Errorf("I-DS-1 lost its curly apostrophe: %q", c.Description)
	}
	if c := competencyByCode(t, set, "DR-DS-1"); c.Title != "Tailors communication (e.g. content, style and medium) to diverse audiences." {
		t.Errorf("DR-DS-1 title not trimmed: %q", c.Title)
	}
	if c := competencyByCode(t, set, "level-1"); c.Domain != "Levels" {
		t.Errorf("level-1 domain %q, want Levels", c.Domain)
	}
}

// With the behavioural indicators removed, Moodle's example has the two levels a Trust
// framework usually has: domains, then competencies.
func TestParseMoodleCSVTwoLevels(t *testing.T) {
	set, err := ParseMoodleCSV(readTestdata(t, "moodle-two-level.csv"), "moodle-two-level.csv", mustOnly)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Competencies) != 12 {
		t.Errorf("%d competencies, want 12", len(set.Competencies))
	}
	at := competencyByCode(t, set, "analytical-thinking")
	want := "Analytical Thinking is the ability to identify patterns across situations that are not obviously related, and to identify key or underlying issues in complex situations."
	if at.Domain != "Delivery-related" || at.Title != "Analytical Thinking" || at.Description != want {
		t.Errorf("analytical-thinking = %+v", at)
	}
	if c := competencyByCode(t, set, "client-focus"); c.Domain != "Interpersonal" || !strings.Contains(c.Description, "clients’ (e.g.") {
		t.Errorf("client-focus = %+v", c)
	}
}

func TestParseMoodleCSVLevels(t *testing.T) {
	data := readTestdata(t, "moodle-example.csv")
	tests := []struct {
		name string
		opts MoodleOptions
		want map[string]model.Level
	}{
		{"default only", MoodleOptions{DefaultLevel: model.Should},
			map[string]model.Level{"DR-AT1": model.Should, "S-DT-2": model.Should}},
		{"default in capitals", MoodleOptions{DefaultLevel: "COULD"},
			map[string]model.Level{"DR-AT1": model.Could}},
		{"overrides ignore case", MoodleOptions{DefaultLevel: model.Must, Levels: map[string]model.Level{"dr-at1": model.Should, "S-DT-2": model.Could}},
			map[string]model.Level{"DR-AT1": model.Should, "S-DT-2": model.Could, "DR-AT-2": model.Must, "level-1": model.Must}},
		{"same code twice with one level", MoodleOptions{DefaultLevel: model.Must, Levels: map[string]model.Level{"I-CF-1": model.Could, "i-cf-1": model.Could}},
			map[string]model.Level{"I-CF-1": model.Could}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := ParseMoodleCSV(data, "moodle-example.csv", tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			for code, want := range tt.want {
				if got := competencyByCode(t, set, code).Level; got != want {
					t.Errorf("%s: level %q, want %q", code, got, want)
				}
			}
		})
	}
}

func TestParseMoodleCSVVersion(t *testing.T) {
	set, err := ParseMoodleCSV(readTestdata(t, "moodle-trust.csv"), "moodle-trust.csv",
		MoodleOptions{DefaultLevel: model.Must, Version: " 2026.1 "})
	if err != nil {
		t.Fatal(err)
	}
	if set.Framework.Version != "2026.1" {
		t.Errorf("version %q, want 2026.1", set.Framework.Version)
	}
}

func TestParseMoodleCSVTrust(t *testing.T) {
	set, err := ParseMoodleCSV(readTestdata(t, "moodle-trust.csv"), "moodle-trust.csv", mustOnly)
	if err != nil {
		t.Fatal(err)
	}
	if set.Framework.ID != "TRUST-PRECEPT" || set.Framework.Name != "Trust preceptorship" ||
		set.Framework.Description != "The Trust's preceptorship framework." {
		t.Errorf("framework = %+v", set.Framework)
	}
	want := []struct{ code, domain, description string }{
		{"ACC-01", "Accountability", "Recognises the limits of own knowledge & skills, and asks for help.\n• Knows who to escalate to\n• Documents decisions"},
		{"ACC-02", "Accountability", "Keeps to the NMC/HCPC code – including social media."},
		{"MED-01", "Medicines management", "Completes the Trust's medicines e-learning <before> the first supervised round."},
		// A top-level leaf, with a plain-text description (format 2) kept as written.
		{"GEN-01", DefaultDomain, "Plain text description, <kept> as written."},
	}
	if len(set.Competencies) != len(want) {
		t.Fatalf("%d competencies, want %d", len(set.Competencies), len(want))
	}
	for i, w := range want {
		c := set.Competencies[i]
		if c.Code != w.code || c.Domain != w.domain || c.Description != w.description || c.Position != i {
			t.Errorf("competency %d = %+v\nwant code %s, domain %q, description %q", i, c, w.code, w.domain, w.description)
		}
	}
}

// Excel writes a byte-order mark and CRLF; the result must be the same as from the plain file.
func TestParseMoodleCSVBOMAndCRLF(t *testing.T) {
	for _, name := range []string{"moodle-example.csv", "moodle-trust.csv"} {
		t.Run(name, func(t *testing.T) {
			plain := readTestdata(t, name)
			want, err := ParseMoodleCSV(plain, name, mustOnly)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseMoodleCSV(withBOMAndCRLF(plain), name, mustOnly)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("with BOM and CRLF:\n%+v\nwant\n%+v", got, want)
			}
		})
	}
	stored, err := ParseMoodleCSV(readTestdata(t, "moodle-trust-bom-crlf.csv"), "moodle-trust.csv", mustOnly)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored.Competencies) != 4 {
		t.Errorf("moodle-trust-bom-crlf.csv: %d competencies, want 4", len(stored.Competencies))
	}
}

func TestParseMoodleCSVSemicolons(t *testing.T) {
	set, err := ParseMoodleCSV(readTestdata(t, "moodle-semicolon.csv"), "moodle-semicolon.csv", mustOnly)
	if err != nil {
		t.Fatal(err)
	}
	c := competencyByCode(t, set, "ACC-01")
	if c.Domain != "Accountability" || c.Description != "Asks for help, early." {
		t.Errorf("ACC-01 = %+v", c)
	}
}

func TestParseMoodleCSVWithoutFrameworkRow(t *testing.T) {
	data := readTestdata(t, "moodle-no-framework-row.csv")
	tests := []struct{ source, id, name string }{
		{"moodle-no-framework-row.csv", "moodle-no-framework-row", "moodle-no-framework-row"},
		{`C:\Users\educ\Downloads\Trust Framework (2026).csv`, "Trust-Framework-2026", "Trust Framework (2026)"},
		{"/home/educ/preceptorship.v2.csv", "preceptorship.v2", "preceptorship.v2"},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			set, err := ParseMoodleCSV(data, tt.source, mustOnly)
			if err != nil {
				t.Fatal(err)
			}
			if set.Framework.ID != tt.id || set.Framework.Name != tt.name || set.Framework.Source != tt.source {
				t.Errorf("framework = %+v, want id %q, name %q", set.Framework, tt.id, tt.name)
			}
		})
	}
	set, err := ParseMoodleCSV(data, "", mustOnly)
	checkImportError(t, set, err, wantError{field: "Is framework", msg: "no row is marked as the framework"})
}

// A row whose parent is the framework's own row is at the top of the tree, as a file made by
// hand sometimes has it.
func TestParseMoodleCSVParentIsFramework(t *testing.T) {
	set, err := ParseMoodleCSV(moodleFile(moodleRowCSV("TRUST-PRECEPT", "ACC-01", "Practises safely", "")), "f.csv", mustOnly)
	if err != nil {
		t.Fatal(err)
	}
	if c := competencyByCode(t, set, "ACC-01"); c.Domain != DefaultDomain {
		t.Errorf("domain %q, want %q", c.Domain, DefaultDomain)
	}
}

func TestParseMoodleCSVFrameworkID(t *testing.T) {
	row := `,"NHS Trust: Preceptorship (2026)","Trust preceptorship",,1,,,,,,,,1,`
	data := []byte(moodleHeader + "\n" + row + "\n" + moodleRowCSV("", "ACC-01", "Practises safely", "") + "\n")
	set, err := ParseMoodleCSV(data, "f.csv", mustOnly)
	if err != nil {
		t.Fatal(err)
	}
	if set.Framework.ID != "NHS-Trust-Preceptorship-2026" {
		t.Errorf("framework id %q", set.Framework.ID)
	}
}

func TestParseMoodleCSVErrors(t *testing.T) {
	sample := readTestdata(t, "moodle-example.csv")
	sampleLines := bytes.Count(sample, []byte("\n"))
	appendToSample := func(rows ...string) []byte {
		return append(slices.Clone(sample), strings.Join(rows, "\n")+"\n"...)
	}
	bigField := moodleFile(moodleRowCSV("", "ACC-01", "Practises safely", strings.Repeat("x", 1<<20)))
	bigFile := append(moodleFile(), bytes.Repeat([]byte(" "), MaxFileSize)...)
	longDescription := moodleFile(moodleRowCSV("", "ACC-01", "Practises safely", strings.Repeat("word ", 5000)))
	tests := []struct {
		name string
		data []byte
		opts MoodleOptions
		want wantError
	}{
		{"empty file", readTestdata(t, "bad/empty.csv"), mustOnly, wantError{msg: "the file is empty"}},
		{"byte-order mark only", readTestdata(t, "bad/bom-only.csv"), mustOnly, wantError{msg: "the file is empty"}},
		{"not a Moodle file", readTestdata(t, "bad/wrong-header.csv"), mustOnly,
			wantError{line: 1, msg: "this is not a Moodle competency framework file"}},
		{"renamed column", readTestdata(t, "bad/renamed-column.csv"), mustOnly,
			wantError{line: 1, field: "Name", msg: `column 3 of the header should be "Shortname"`}},
		{"header only", []byte(moodleHeader + "\n"), mustOnly, wantError{msg: "the file has no competencies"}},
		{"framework row only", readTestdata(t, "bad/no-competencies.csv"), mustOnly, wantError{msg: "the file has no competencies"}},
		{"Excel workbook", []byte("PK\x03\x04\x14\x00\x06\x00binary"), mustOnly, wantError{msg: "Excel workbook"}},
		{"JSON file", readTestdata(t, "framework.json"), mustOnly, wantError{msg: "JSON file"}},
		{"binary", []byte{0x00, 0xff, 0xfe, ',', '\n'}, mustOnly, wantError{line: 1, field: "Parent id number", msg: "not UTF-8"}},
		{"wrong number of columns", readTestdata(t, "bad/wrong-column-count.csv"), mustOnly,
			wantError{line: 4, msg: "this row has 12 columns; a Moodle framework file has 14"}},
		{"not UTF-8 after a multi-line field", readTestdata(t, "bad/not-utf8.csv"), mustOnly,
			wantError{line: 5, field: "Shortname", msg: `save it again choosing "CSV UTF-8`}},
		{"stray quote", readTestdata(t, "bad/stray-quote.csv"), mustOnly,
			wantError{line: 4, msg: `a " is missing, or a " inside the text is not doubled`}},
		{"unclosed quote", readTestdata(t, "bad/unclosed-quote.csv"), mustOnly,
			wantError{line: 4, msg: "(the problem is on line 5)"}},
		{"1 MB field", bigField, mustOnly,
			wantError{line: 3, field: "Description", msg: "field is 1048576 bytes; at most 65536"}},
		{"file over 20 MB", bigFile, mustOnly, wantError{msg: "a framework file can be at most 20 MB"}},
		{"description too long once converted", longDescription, mustOnly,
			wantError{line: 3, field: "Description", msg: "competency ACC-01: the description is 24999 characters; at most 20000"}},
		{"duplicate id number", readTestdata(t, "bad/duplicate-id.csv"), mustOnly,
			wantError{line: 5, field: "Id number", msg: `the id number "acc-01" is already used on line 4`}},
		{"duplicate of a code in the sample", appendToSample(moodleRowCSV("delivery", "dr-at1", "Again", "")), mustOnly,
			wantError{line: sampleLines + 1, field: "Id number", msg: `the id number "dr-at1" is already used on line`}},
		{"missing id number", readTestdata(t, "bad/no-id-number.csv"), mustOnly,
			wantError{line: 3, field: "Id number", msg: "every row needs an id number"}},
		{"missing parent", readTestdata(t, "bad/missing-parent.csv"), mustOnly,
			wantError{line: 5, field: "Parent id number", msg: `parent "foo" does not exist`}},
		{"missing parent after multi-line fields", appendToSample(moodleRowCSV("foo", "NEW-1", "New", "<p>two\nlines</p>")), mustOnly,
			wantError{line: sampleLines + 1, field: "Parent id number", msg: `parent "foo" does not exist`}},
		{"parents in a circle", readTestdata(t, "bad/cycle.csv"), mustOnly,
			wantError{line: 3, field: "Parent id number", msg: "the parents go round in a circle: a → b → a"}},
		{"longer circle", moodleFile(moodleRowCSV("c", "a", "A", ""), moodleRowCSV("a", "b", "B", ""), moodleRowCSV("b", "c", "C", "")), mustOnly,
			wantError{line: 3, field: "Parent id number", msg: "a → c → b → a"}},
		{"circle reported from its first row", moodleFile(moodleRowCSV("", "top", "Top", ""), moodleRowCSV("y", "x", "X", ""), moodleRowCSV("x", "y", "Y", "")), mustOnly,
			wantError{line: 4, field: "Parent id number", msg: "x → y → x"}},
		{"own parent", readTestdata(t, "bad/self-parent.csv"), mustOnly,
			wantError{line: 4, field: "Parent id number", msg: `the row "x" names itself as its parent`}},
		{"framework flag not 1", readTestdata(t, "bad/bad-framework-flag.csv"), mustOnly,
			wantError{line: 3, field: "Is framework", msg: `"yes" should be 1 on the framework's own row`}},
		{"two frameworks", readTestdata(t, "bad/two-frameworks.csv"), mustOnly,
			wantError{line: 3, field: "Is framework", msg: "line 2 is already marked as the framework"}},
		{"framework with a parent", []byte(moodleHeader + "\nx,FW,Framework,,1,,,,,,,,1,\n" + moodleRowCSV("", "A", "A", "") + "\n"), mustOnly,
			wantError{line: 2, field: "Parent id number", msg: "the framework's own row cannot have a parent"}},
		{"framework id with no letters", []byte(moodleHeader + "\n,???,Framework,,1,,,,,,,,1,\n" + moodleRowCSV("", "A", "A", "") + "\n"), mustOnly,
			wantError{line: 2, field: "Id number", msg: `the framework's id number "???" has no letters or digits`}},
		{"code the model refuses", readTestdata(t, "bad/bad-code.csv"), mustOnly,
			wantError{line: 4, field: "Id number", msg: `"ACC 01": a code is 1–64 letters, digits, dots, dashes or underscores`}},
		{"no title", moodleFile(moodleRowCSV("", "ACC-01", " ", "")), mustOnly,
			wantError{line: 3, field: "Shortname", msg: "competency ACC-01 has no title"}},
		{"no default level", readTestdata(t, "moodle-trust.csv"), MoodleOptions{},
			wantError{field: "default level", msg: "choose the level (must, should or could)"}},
		{"default level not a level", readTestdata(t, "moodle-trust.csv"), MoodleOptions{DefaultLevel: "essential"},
			wantError{field: "default level", msg: `"essential" is not a level; use must, should or could`}},
		{"override not a level", readTestdata(t, "moodle-trust.csv"), MoodleOptions{DefaultLevel: model.Must, Levels: map[string]model.Level{"ACC-01": "high"}},
			wantError{field: "level for ACC-01", msg: `"high" is not a level`}},
		{"override for a code not in the file", readTestdata(t, "moodle-trust.csv"), MoodleOptions{DefaultLevel: model.Must, Levels: map[string]model.Level{"ACC-99": model.Should}},
			wantError{field: "level for ACC-99", msg: `a level was chosen for "ACC-99", but the file has no competency with that id number`}},
		{"override for a domain", readTestdata(t, "moodle-trust.csv"), MoodleOptions{DefaultLevel: model.Must, Levels: map[string]model.Level{"Accountability": model.Should}},
			wantError{field: "level for Accountability", msg: "on line 3 that is a group of competencies (a domain)"}},
		{"two levels for one code", readTestdata(t, "moodle-trust.csv"), MoodleOptions{DefaultLevel: model.Must, Levels: map[string]model.Level{"ACC-01": model.Should, "acc-01": model.Could}},
			wantError{field: "level for acc-01", msg: "ACC-01 and acc-01 are the same code, given two different levels"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := ParseMoodleCSV(tt.data, "moodle-example.csv", tt.opts)
			checkImportError(t, set, err, tt.want)
		})
	}
}
