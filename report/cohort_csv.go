package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"pursuit/model"
)

// CohortCSVHeader is the first line of the cohort export, in column order.
// The programme's id comes first: two preceptees may share a name.
var CohortCSVHeader = []string{
	"Programme ID", "Preceptee", "Preceptor", "Line manager", "Profession", "Service", "Programme status", "Start date", "End date",
	"Month of programme", "Programme months", "Must signed off", "Must total", "Last meeting", "Next meeting due", "Next meeting overdue", "Meetings held", "Meetings expected by now",
	"Overdue items", "Due soon", "Expiring training", "Open concerns", "Status", "Exported on",
}

// utf8BOM lets Excel recognise the file as UTF-8, so that Zoë and Łukasz keep their letters.
const utf8BOM = "\uFEFF"

// CohortCSV writes the cohort overview as a spreadsheet-friendly CSV: UTF-8 with a byte-order
// mark, a header row, one line per preceptee, ISO dates (YYYY-MM-DD), and the month of the
// programme and every count as plain numbers, so they sort and sum ("12 of 12" as text did
// not); the status in the words of the cohort report.
// today is the day the figures were worked out for: it decides whether the next meeting is
// overdue and is written in every row, so a copy that travels says how old it is.
func CohortCSV(w io.Writer, rows []model.CohortRow, today model.Date) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return fmt.Errorf("cohort CSV: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel and RFC 4180 expect
	if err := cw.Write(CohortCSVHeader); err != nil {
		return fmt.Errorf("cohort CSV: %w", err)
	}
	for _, r := range rows {
		p := r.Programme
		tl := p.Timeline()
		overdueMeeting := "No"
		if !r.NextMeeting.IsZero() && r.NextMeeting.Before(today) {
			overdueMeeting = "Yes"
		}
		rec := []string{
			cell(p.ID), cell(r.Preceptee), cell(r.Preceptor), cell(r.LineManager),
			cell(model.ProfessionByKey(p.Profession).Label), cell(p.Service), p.Status.Label(),
			p.StartDate.String(), tl.End.String(),
			strconv.Itoa(max(0, r.Month)), strconv.Itoa(r.TotalMonths),
			strconv.Itoa(r.MustSignedOff), strconv.Itoa(r.MustTotal),
			r.LastMeeting.String(), r.NextMeeting.String(), overdueMeeting, strconv.Itoa(r.MeetingsHeld), strconv.Itoa(r.MeetingsExpected),
			strconv.Itoa(r.Overdue), strconv.Itoa(r.DueSoon), strconv.Itoa(r.ExpiringTraining), strconv.Itoa(r.OpenConcerns),
			cohortStatusWord(r.RAG), today.String(),
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("cohort CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("cohort CSV: %w", err)
	}
	return nil
}

// monthOf is "4 of 12", or "Not started" before the first day.
func monthOf(month, total int) string {
	if month <= 0 {
		return "Not started"
	}
	return fmt.Sprintf("%d of %d", month, total)
}

// cell keeps a typed name from being read as a formula by a spreadsheet: text that starts
// with = + - @ or a control character gets a leading apostrophe, which Excel hides.
func cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// cohortStatusWord is a row's status in the cohort report's words.
func cohortStatusWord(r model.RAG) string {
	for _, g := range cohortPDFGroups {
		if g.RAG == r {
			return g.Title
		}
	}
	return ""
}
