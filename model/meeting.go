package model

import (
	"strings"
	"time"
)

// MeetingKind is which meeting of the programme this is.
type MeetingKind string

const (
	MeetingInitial     MeetingKind = "initial"      // within week one, after induction
	MeetingRegular     MeetingKind = "regular"      // at least every eight weeks
	MeetingMidpoint    MeetingKind = "midpoint"     // the six-month review
	MeetingFinal       MeetingKind = "final"        // final review and sign-off
	MeetingLineManager MeetingKind = "line_manager" // with the line manager
)

// MeetingKinds in the order the app offers them.
var MeetingKinds = []MeetingKind{MeetingInitial, MeetingRegular, MeetingMidpoint, MeetingFinal, MeetingLineManager}

func (k MeetingKind) Label() string {
	switch k {
	case MeetingInitial:
		return "Initial meeting"
	case MeetingRegular:
		return "Regular review"
	case MeetingMidpoint:
		return "Mid-point review"
	case MeetingFinal:
		return "Final review and sign-off"
	case MeetingLineManager:
		return "Line manager meeting"
	}
	return string(k)
}

// WithPreceptor says whether the meeting counts towards the preceptor meeting rhythm.
func (k MeetingKind) WithPreceptor() bool { return k != MeetingLineManager }

// Meeting is planned or held; agreed actions belong to it as ActionItems.
type Meeting struct {
	ID          string      `db:"id" json:"id"`
	ProgrammeID string      `db:"programme_id" json:"programme_id"`
	Kind        MeetingKind `db:"kind" json:"kind"`
	Date        Date        `db:"date" json:"date"`
	Held        bool        `db:"held" json:"held"`
	Attendees   string      `db:"attendees" json:"attendees"`
	Notes       string      `db:"notes" json:"notes"`
	NextDate    Date        `db:"next_date" json:"next_date"`
	CreatedBy   string      `db:"created_by" json:"created_by"`
	CreatedAt   time.Time   `db:"created_at" json:"created_at"`
}

// ValidateMeeting checks a meeting before it is stored.
func ValidateMeeting(m Meeting) error {
	valid := false
	for _, k := range MeetingKinds {
		valid = valid || k == m.Kind
	}
	switch {
	case !valid:
		return invalid("type", "%q is not a kind of meeting", m.Kind)
	case m.Date.IsZero():
		return invalid("date", "enter the meeting date")
	case len(m.Notes) > MaxSectionLen || len(m.Attendees) > MaxTitleLen:
		return invalid("notes", "the notes are too long")
	case !m.NextDate.IsZero() && !m.NextDate.After(m.Date):
		return invalid("next date", "the next meeting comes after this one")
	case m.Held && strings.TrimSpace(m.Attendees) == "":
		return invalid("attendees", "say who attended")
	}
	return nil
}
