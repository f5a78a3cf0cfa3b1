package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"pursuit/model"
)

var cohortPDFNow = time.Date(2027, 9, 1, 10, 0, 0, 0, time.UTC)

func cohortPDFDemoRows(t *testing.T, n int) []model.CohortRow {
	t.Helper()
	rows, err := demoStore(t, n, cohortPDFNow).System().Cohort(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func cohortPDFBytes(t *testing.T, rows []model.CohortRow, title string, today model.Date) (pdf []byte, text string) {
	t.Helper()
	var b bytes.Buffer
	if err := CohortReport(context.Background(), &b, rows, testFonts(), title, today); err != nil {
		t.Fatal(err)
	}
	qpdfCheck(t, b.Bytes())
	return b.Bytes(), pdfText(t, b.Bytes())
}

func TestCohortReportListsEveryPrecepteeMostUrgentFirst(t *testing.T) {
	rows := cohortPDFDemoRows(t, 24)
	today := model.DateOf(cohortPDFNow)
	_, raw := cohortPDFBytes(t, rows, "Preceptorship cohort – Ward 4B & friends", today)
	text := revalFlat(raw)

	count := map[model.RAG]int{}
	for _, r := range rows {
		count[r.RAG]++
	}
	if count[model.Red] == 0 || count[model.Green] == 0 {
		t.Fatalf("the demo cohort should mix statuses: %v", count)
	}
	counts := fmt.Sprintf("%d preceptees %d needing attention %d keep an eye on %d on track", len(rows), count[model.Red], count[model.Amber], count[model.Green])
	for _, want := range []string{
		"Preceptorship cohort – Ward 4B & friends", "Generated " + today.Display(), counts,
		"Zoë Whitfield", "Siobhán Ó'Connor", "Łukasz Nowak",
		fmt.Sprintf("Needs attention · %d", count[model.Red]), fmt.Sprintf("On track · %d", count[model.Green]),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// Every name, red before amber before green.
	rank := map[model.RAG]int{model.Red: 0, model.Amber: 1, model.Green: 2}
	last := [3]int{-1, -1, -1}
	first := [3]int{len(text), len(text), len(text)}
	for _, r := range rows {
		at := strings.Index(text, r.Preceptee)
		if at < 0 {
			t.Errorf("the report lacks %q", r.Preceptee)
			continue
		}
		if r.MeetingsExpected == 0 || !strings.Contains(text[at:], cohortHeld(r)) {
			t.Errorf("%s: no meetings held against expected (%d of %d)", r.Preceptee, r.MeetingsHeld, r.MeetingsExpected)
		}
		if r.MeetingsHeld > r.MeetingsExpected && strings.Contains(text[at:], fmt.Sprintf("%d of %d held", r.MeetingsHeld, r.MeetingsExpected)) {
			t.Errorf("%s: more held than asked for reads as %d of %d", r.Preceptee, r.MeetingsHeld, r.MeetingsExpected)
		}
		k := rank[r.RAG]
		last[k], first[k] = max(last[k], at), min(first[k], at)
	}
	if last[0] > first[1] || last[1] > first[2] || last[0] > first[2] {
		t.Errorf("not most urgent first: red names up to %d, amber from %d to %d, green from %d", last[0], first[1], last[1], first[2])
	}
	pages := strings.Count(raw, "\f")
	if !strings.Contains(text, fmt.Sprintf("Page %d of %d", pages, pages)) {
		t.Errorf("no \"Page %d of %d\"", pages, pages)
	}
}

func TestCohortReportSortsByNameWithinAStatus(t *testing.T) {
	today := model.NewDate(2027, 3, 1)
	rows := cohortPDFRows(6, today)
	for i := range rows {
		rows[i].RAG = model.Amber
	}
	rows[0].Preceptee, rows[1].Preceptee, rows[2].Preceptee = "Zara Quinn", "Łukasz Nowak", "Émilie Dubois"
	rows[3].Preceptee, rows[4].Preceptee, rows[5].Preceptee = "Aaron Bell", "Mia Lopez", "Zoë Whitfield"
	rows[5].RAG = model.Red
	_, raw := cohortPDFBytes(t, rows, "", today)
	text := revalFlat(raw)
	at := -1
	for _, name := range []string{"Zoë Whitfield", "Aaron Bell", "Émilie Dubois", "Łukasz Nowak", "Mia Lopez", "Zara Quinn"} {
		i := strings.Index(text, name)
		if i <= at {
			t.Errorf("%s out of order", name)
		}
		at = i
	}
	if !strings.Contains(text, "Preceptorship cohort report") {
		t.Error("an empty title should fall back to the report's name")
	}
}

func TestCohortReportWithNoRowsIsAValidDocument(t *testing.T) {
	_, raw := cohortPDFBytes(t, nil, "Community nursing", model.NewDate(2027, 1, 1))
	text := revalFlat(raw)
	for _, want := range []string{"Community nursing", "0 preceptees", "No preceptees are in this report", "Page 1 of 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the empty report lacks %q", want)
		}
	}
}

func TestCohortReportOfTwoHundredRepeatsItsHeadings(t *testing.T) {
	today := model.NewDate(2027, 3, 1)
	rows := cohortPDFRows(200, today)
	_, raw := cohortPDFBytes(t, rows, "Whole Trust", today)
	pages := strings.Split(strings.TrimSuffix(raw, "\f"), "\f")
	if len(pages) < 5 {
		t.Fatalf("200 preceptees on %d pages", len(pages))
	}
	for i, pg := range pages {
		if !strings.Contains(pg, "Preceptee") || !strings.Contains(pg, "Status") {
			t.Errorf("page %d has no heading row", i+1)
		}
		if !strings.Contains(revalFlat(pg), fmt.Sprintf("Page %d of %d", i+1, len(pages))) {
			t.Errorf("page %d lacks its footer", i+1)
		}
	}
	text := revalFlat(raw)
	for _, r := range rows {
		if !strings.Contains(text, r.Preceptee) {
			t.Errorf("%s is missing", r.Preceptee)
		}
	}
}

func TestCohortReportStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b bytes.Buffer
	err := CohortReport(ctx, &b, cohortPDFRows(10, model.NewDate(2027, 3, 1)), testFonts(), "x", model.NewDate(2027, 3, 1))
	if !errors.Is(err, context.Canceled) || b.Len() != 0 {
		t.Fatalf("cancelled: %v, %d bytes", err, b.Len())
	}
}

// cohortPDFRows generates a varied cohort: names a Trust meets, every status, overdue
// meetings, long services.
func cohortPDFRows(n int, today model.Date) []model.CohortRow {
	first := []string{"Zoë", "Siobhán", "Łukasz", "Amara", "Chidi", "Émilie", "Priya", "Seán", "Aoife", "Mateusz", "Grace", "Tendai", "Niamh", "Oluwaseun"}
	last := []string{"Whitfield", "Ó'Connor", "Nowak", "Okafor", "Fernández", "MacLeod", "Wiśniewska", "Patel", "Nguyen", "Adeyemi", "Smith"}
	services := []string{"Ward 4B – Acute Medicine", "Older Adults Mental Health – Ash Ward", "Community Nursing – North Locality (Evenings and Weekends)", "Adult Physiotherapy – Outpatients"}
	profs := []string{"nurse-adult", "nurse-mental-health", "physiotherapist", "midwife", "paramedic"}
	rags := []model.RAG{model.Green, model.Amber, model.Red, model.Green, model.Amber}
	rows := make([]model.CohortRow, n)
	for i := range rows {
		start := today.AddMonths(-(i % 13)).AddDays(-i % 20)
		p := model.Programme{StartDate: start, Profession: profs[i%len(profs)], Service: services[i%len(services)], Status: model.ProgrammeActive}
		if i%17 == 0 {
			p.Status = model.ProgrammeExtended
		}
		month := p.Month(today)
		rows[i] = model.CohortRow{
			Programme: p, Preceptee: fmt.Sprintf("%s %s %d", first[i%len(first)], last[i%len(last)], i),
			Preceptor: first[(i+3)%len(first)] + " " + last[(i+5)%len(last)], LineManager: "David MacLeod",
			Month: month, TotalMonths: 12, MustSignedOff: min(30, month*2+i%3), MustTotal: 30,
			LastMeeting: today.AddDays(-(i % 70)), NextMeeting: today.AddDays(-(i % 70) + 56),
			Overdue: i % 4, DueSoon: i % 3, ExpiringTraining: i % 5 / 3, OpenConcerns: i % 7 / 6, RAG: rags[i%len(rags)],
		}
		if i%9 == 0 {
			rows[i].LastMeeting = model.Date{}
		}
	}
	return rows
}

func BenchmarkCohortReport(b *testing.B) {
	today := model.NewDate(2027, 3, 1)
	rows := cohortPDFRows(200, today)
	fonts := testFonts()
	b.ReportAllocs()
	for b.Loop() {
		var out bytes.Buffer
		if err := CohortReport(context.Background(), &out, rows, fonts, "Whole Trust", today); err != nil {
			b.Fatal(err)
		}
	}
}
