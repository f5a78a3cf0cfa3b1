package framework

import (
	"fmt"
	"strings"
	"testing"
)

// A long circle of parents is refused with a short message that still names the circle.
func TestLongCircleOfParents(t *testing.T) {
	var chain strings.Builder
	chain.WriteString(moodleHeader + "\n")
	last := 0
	for ; last < 20000; last++ {
		fmt.Fprintf(&chain, "n%d,n%d,N,,1,,,,,,,,,\n", last, last+1)
	}
	fmt.Fprintf(&chain, "n%d,n0,N,,1,,,,,,,,,\n", last) // closes one long circle
	_, err := ParseMoodleCSV([]byte(chain.String()), "f.csv", mustOnly)
	if err == nil || len(err.Error()) > 1000 || !strings.Contains(err.Error(), "circle: n1 → n0 → n") || !strings.Contains(err.Error(), "rows in all) → n1") {
		t.Errorf("error %.2000v: want a short description of the circle", err)
	}
}

// Files just under the size limit, built to trip up a parser that rescans, must still be
// read in a few seconds (the administrator is watching a spinner): `make bench` reports
// how long each takes.
func BenchmarkWorstCaseInputs(b *testing.B) {
	var manyLists strings.Builder
	manyLists.WriteString(`{"format":"pursuit-framework","format_version":1,"framework":{"id":"f","name":"F","version":"1"},`)
	for manyLists.Len() < MaxFileSize-200 {
		manyLists.WriteString(`"competencies":[{}],`)
	}
	manyLists.WriteString(`"competencies":[{"code":"A","title":"A","level":"must"}]}`)

	var manyCompetencies strings.Builder
	manyCompetencies.WriteString(`{"format":"pursuit-framework","format_version":1,"framework":{"id":"f","name":"F","version":"1"},"competencies":[`)
	for i := 0; manyCompetencies.Len() < MaxFileSize-200; i++ {
		fmt.Fprintf(&manyCompetencies, `{"code":"C%d","title":"T","level":"must"},`, i)
	}
	manyCompetencies.WriteString(`{"code":"C0","title":"T","level":"must"}]}`) // a duplicate, found last

	openTags := moodleRowCSV("", "X", "X", strings.Repeat("<a", MaxFieldSize/2-10))
	quotes := moodleRowCSV("", "X", "X", strings.Repeat(`<a ""x`, MaxFieldSize/6-10))
	scripts := moodleRowCSV("", "X", "X", strings.Repeat("<script></script>", MaxFieldSize/17-10))
	var chain strings.Builder
	chain.WriteString(moodleHeader + "\n")
	last := 0
	for ; chain.Len() < MaxFileSize-100; last++ {
		fmt.Fprintf(&chain, "n%d,n%d,N,,1,,,,,,,,,\n", last, last+1)
	}
	fmt.Fprintf(&chain, "n%d,n0,N,,1,,,,,,,,,\n", last) // closes one long circle

	tests := []struct {
		name  string
		parse func() error
	}{
		{"repeated competencies lists", func() error { _, err := ParseJSON([]byte(manyLists.String()), "f.json"); return err }},
		{"many competencies", func() error { _, err := ParseJSON([]byte(manyCompetencies.String()), "f.json"); return err }},
		{"unclosed tags", func() error { _, err := ParseMoodleCSV(repeatRows(openTags), "f.csv", mustOnly); return err }},
		{"unclosed quotes in tags", func() error { _, err := ParseMoodleCSV(repeatRows(quotes), "f.csv", mustOnly); return err }},
		{"many scripts", func() error { _, err := ParseMoodleCSV(repeatRows(scripts), "f.csv", mustOnly); return err }},
		{"long circle of parents", func() error { _, err := ParseMoodleCSV([]byte(chain.String()), "f.csv", mustOnly); return err }},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				tt.parse() // accepted or refused, it must come back
			}
		})
	}
}

// repeatRows fills a Moodle file with copies of one row, each with its own id number, up to
// just under the size limit.
func repeatRows(row string) []byte {
	var b strings.Builder
	b.WriteString(moodleHeader + "\n")
	for i := 0; b.Len()+len(row)+20 < MaxFileSize; i++ {
		b.WriteString(strings.Replace(row, ",X,", fmt.Sprintf(",X%d,", i), 1) + "\n")
	}
	return []byte(b.String())
}
