package model

import "strings"

// LearningKind is a strand of the programme's structured learning.
type LearningKind string

const (
	InductionDay         LearningKind = "induction"          // one of the 3 induction days
	MonthlyTrustWide     LearningKind = "monthly_trust"      // monthly session: Trust-wide issues
	MonthlyService       LearningKind = "monthly_service"    // monthly session: service/division
	MonthlyProfession    LearningKind = "monthly_profession" // monthly session: profession-specific
	ListeningAndLearning LearningKind = "listening_event"    // for preceptors
)

// LearningKinds in the order the app offers them.
var LearningKinds = []LearningKind{InductionDay, MonthlyTrustWide, MonthlyService, MonthlyProfession, ListeningAndLearning}

// InductionDays is the length of the programme's bespoke induction.
const InductionDays = 3

func (k LearningKind) Label() string {
	switch k {
	case InductionDay:
		return "Induction day"
	case MonthlyTrustWide:
		return "Monthly session (Trust-wide)"
	case MonthlyService:
		return "Monthly session (service/division)"
	case MonthlyProfession:
		return "Monthly session (profession-specific)"
	case ListeningAndLearning:
		return "Preceptor listening and learning event"
	}
	return string(k)
}

// Attendance is whether someone was at a session.
type Attendance string

const (
	Booked      Attendance = "booked"
	Attended    Attendance = "attended"
	Apologies   Attendance = "apologies"
	NotAttended Attendance = "did_not_attend"
)

// Label is the attendance as the register says it.
func (a Attendance) Label() string {
	switch a {
	case Booked:
		return "Booked"
	case Attended:
		return "Attended"
	case Apologies:
		return "Apologies sent"
	case NotAttended:
		return "Did not attend"
	}
	return string(a)
}

// LearningEvent records one person's attendance at a structured-learning session.
type LearningEvent struct {
	ID         string       `db:"id" json:"id"`
	UserID     string       `db:"user_id" json:"user_id"`
	Kind       LearningKind `db:"kind" json:"kind"`
	Title      string       `db:"title" json:"title"`
	Date       Date         `db:"date" json:"date"`
	Attendance Attendance   `db:"attendance" json:"attendance"`
}

// ValidateLearningEvent checks an attendance record.
func ValidateLearningEvent(e LearningEvent) error {
	valid := false
	for _, k := range LearningKinds {
		valid = valid || k == e.Kind
	}
	switch {
	case !valid:
		return invalid("session", "%q is not a kind of session", e.Kind)
	case e.Date.IsZero():
		return invalid("date", "enter the session date")
	case strings.TrimSpace(e.Title) == "" || len(e.Title) > MaxTitleLen:
		return invalid("title", "give the session a title")
	}
	switch e.Attendance {
	case Booked, Attended, Apologies, NotAttended:
		return nil
	}
	return invalid("attendance", "%q is not an attendance", e.Attendance)
}
