package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"pursuit/model"
)

// CohortCSVHeader is the first line of the cohort export, in column order.
var CohortCSVHeader = []string{
	"Preceptee", "Preceptor", "Line manager", "Profession", "Service", "Start date", "End date",
	"Month of programme", "Must signed off", "Must total", "Last meeting", "Next meeting due", "Next meeting overdue", "Meetings held", "Meetings expected by now",
	"Overdue items", "Due soon", "Expiring training", "Open concerns", "RAG", "Exported on",
}

// utf8BOM lets Excel recognise the file as UTF-8, so that Zoë and Łukasz keep their letters.
const utf8BOM = "\uFEFF"

// CohortCSV writes the cohort overview as a spreadsheet-friendly CSV: UTF-8 with a byte-order
// mark, a header row, one line per preceptee, ISO dates (YYYY-MM-DD), the month of the
// programme as "N of M", and counts as plain numbers so they can be sorted and summed.
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
			cell(r.Preceptee), cell(r.Preceptor), cell(r.LineManager),
			cell(model.ProfessionByKey(p.Profession).Label), cell(p.Service),
			p.StartDate.String(), tl.End.String(),
			monthOf(r.Month, r.TotalMonths),
			strconv.Itoa(r.MustSignedOff), strconv.Itoa(r.MustTotal),
			r.LastMeeting.String(), r.NextMeeting.String(), overdueMeeting, strconv.Itoa(r.MeetingsHeld), strconv.Itoa(r.MeetingsExpected),
			strconv.Itoa(r.Overdue), strconv.Itoa(r.DueSoon), strconv.Itoa(r.ExpiringTraining), strconv.Itoa(r.OpenConcerns),
			ragWord(r.RAG), today.String(),
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

func ragWord(r model.RAG) string {
	switch r {
	case model.Red:
		return "Red"
	case model.Amber:
		return "Amber"
	case model.Green:
		return "Green"
	}
	return ""
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
