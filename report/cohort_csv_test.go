package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"pursuit/model"
)

func TestCohortCSVReadsBackWithUTF8NamesAndISODates(t *testing.T) {
	today := model.NewDate(2026, 11, 24)
	rows := []model.CohortRow{
		{
			Programme: model.Programme{ID: "p-zoe", StartDate: model.NewDate(2025, 12, 1), Profession: "nurse-adult", Service: "Ward 7, Older people"},
			Preceptee: "Zoë Whitfield", Preceptor: "Amara Okafor", LineManager: "David MacLeod",
			Month: 12, TotalMonths: 12, MustSignedOff: 19, MustTotal: 20,
			LastMeeting: model.NewDate(2026, 10, 2), NextMeeting: model.NewDate(2026, 11, 27),
			DueSoon: 2, RAG: model.Amber,
		},
		{
			Programme: model.Programme{StartDate: model.NewDate(2026, 9, 1), Profession: "physiotherapist", Service: "Community \"East\""},
			Preceptee: "Łukasz Nowak", Preceptor: "=HYPERLINK(\"x\")", Month: 3, TotalMonths: 12, MustSignedOff: 2, MustTotal: 20,
			NextMeeting: model.NewDate(2026, 11, 3), Overdue: 3, ExpiringTraining: 1, OpenConcerns: 1, RAG: model.Red,
		},
		{Programme: model.Programme{StartDate: model.NewDate(2027, 1, 4)}, Preceptee: "Siobhán Ó'Connor", TotalMonths: 12, RAG: model.Green},
	}
	var buf bytes.Buffer
	if err := CohortCSV(&buf, rows, today); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	if !bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no UTF-8 byte-order mark: % x", raw[:3])
	}
	if !bytes.Contains(raw, []byte("\r\n")) {
		t.Error("lines should end in CRLF for spreadsheets")
	}
	recs, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+len(rows) {
		t.Fatalf("%d records, want header and %d rows", len(recs), len(rows))
	}
	if strings.Join(recs[0], "|") != strings.Join(CohortCSVHeader, "|") {
		t.Fatalf("header %q", recs[0])
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	get := func(row int, name string) string {
		i, ok := col[name]
		if !ok {
			t.Fatalf("no column %q", name)
		}
		return recs[row][i]
	}
	checks := []struct {
		row        int
		name, want string
	}{
		{1, "Programme ID", "p-zoe"},
		{1, "Preceptee", "Zoë Whitfield"},
		{1, "Profession", "Registered Nurse (Adult)"},
		{1, "Service", "Ward 7, Older people"},
		{1, "Start date", "2025-12-01"},
		{1, "End date", "2026-11-30"},
		{1, "Month of programme", "12"},
		{1, "Programme months", "12"},
		{1, "Programme status", "Under way"},
		{1, "Must signed off", "19"},
		{1, "Must total", "20"},
		{1, "Last meeting", "2026-10-02"},
		{1, "Next meeting due", "2026-11-27"},
		{1, "Next meeting overdue", "No"},
		{1, "Due soon", "2"},
		{1, "Status", "Keep an eye on"},
		{1, "Exported on", "2026-11-24"},
		{2, "Preceptee", "Łukasz Nowak"},
		{2, "Preceptor", "'=HYPERLINK(\"x\")"}, // never a live formula
		{2, "Service", "Community \"East\""},
		{2, "Month of programme", "3"},
		{2, "Last meeting", ""},
		{2, "Next meeting overdue", "Yes"},
		{2, "Overdue items", "3"},
		{2, "Expiring training", "1"},
		{2, "Open concerns", "1"},
		{2, "Status", "Needs attention"},
		{3, "Preceptee", "Siobhán Ó'Connor"},
		{3, "Month of programme", "0"},
		{3, "Status", "On track"},
	}
	for _, c := range checks {
		if got := get(c.row, c.name); got != c.want {
			t.Errorf("row %d %s = %q, want %q", c.row, c.name, got, c.want)
		}
	}
}

func TestCohortCSVWithNoRowsIsJustTheHeader(t *testing.T) {
	var buf bytes.Buffer
	if err := CohortCSV(&buf, nil, model.NewDate(2026, 1, 1)); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil || len(recs) != 1 {
		t.Fatalf("records %v, err %v", recs, err)
	}
}

// More meetings held than the rule asks for is the number held, not "5 of 4 held".
func TestMoreMeetingsThanAskedForReadsAsTheNumberHeld(t *testing.T) {
	for _, c := range []struct {
		held, expected int
		want           string
	}{{5, 4, "5 held"}, {4, 4, "4 held"}, {2, 4, "2 of 4 held"}, {0, 0, "0 held"}} {
		if got := cohortHeld(model.CohortRow{MeetingsHeld: c.held, MeetingsExpected: c.expected}); got != c.want {
			t.Errorf("%d held, %d expected: %q, want %q", c.held, c.expected, got, c.want)
		}
	}
}
