package model

import (
	"strings"
	"time"
)

// CareerConversation is held at 6 and 12 months with a senior member of staff. It is
// confidential: only the preceptee and the facilitator may read it (see the permissions).
type CareerConversation struct {
	ID            string    `db:"id" json:"id"`
	ProgrammeID   string    `db:"programme_id" json:"programme_id"`
	Milestone     int       `db:"milestone" json:"milestone"` // 6 or 12 (months)
	Date          Date      `db:"date" json:"date"`
	Held          bool      `db:"held" json:"held"`
	FacilitatorID string    `db:"facilitator_id" json:"facilitator_id"`
	Aspirations   string    `db:"aspirations" json:"aspirations"`
	Notes         string    `db:"notes" json:"notes"`
	NextSteps     string    `db:"next_steps" json:"next_steps"`
	UpdatedAt     time.Time `db:"updated_at" json:"updated_at"`
}

// ValidateCareerConversation checks a career conversation before it is stored.
func ValidateCareerConversation(c CareerConversation) error {
	switch {
	case c.Milestone != 6 && c.Milestone != 12:
		return invalid("milestone", "career conversations are at 6 and 12 months")
	case c.Date.IsZero():
		return invalid("date", "enter the date")
	case len(c.Notes)+len(c.Aspirations)+len(c.NextSteps) > MaxSectionLen:
		return invalid("notes", "the notes are too long")
	}
	return nil
}

// ConcernStatus follows a concern from raising to resolution.
type ConcernStatus string

const (
	ConcernOpen      ConcernStatus = "open"
	ConcernEscalated ConcernStatus = "escalated" // the line manager has been informed
	ConcernResolved  ConcernStatus = "resolved"
)

// Concern records a need for extra support, its escalation to the line manager and its
// resolution, as the handbook asks.
type Concern struct {
	ID           string        `db:"id" json:"id"`
	ProgrammeID  string        `db:"programme_id" json:"programme_id"`
	RaisedBy     string        `db:"raised_by" json:"raised_by"`
	RaisedOn     Date          `db:"raised_on" json:"raised_on"`
	Summary      string        `db:"summary" json:"summary"`
	Detail       string        `db:"detail" json:"detail"`
	SupportPlan  string        `db:"support_plan" json:"support_plan"`
	Status       ConcernStatus `db:"status" json:"status"`
	EscalatedTo  string        `db:"escalated_to" json:"escalated_to"`
	EscalatedOn  Date          `db:"escalated_on" json:"escalated_on"`
	ResolvedOn   Date          `db:"resolved_on" json:"resolved_on"`
	Resolution   string        `db:"resolution" json:"resolution"`
	Confidential bool          `db:"confidential" json:"confidential"`
}

// ValidateConcern checks a concern before it is stored.
func ValidateConcern(c Concern) error {
	switch {
	case strings.TrimSpace(c.Summary) == "" || len(c.Summary) > MaxTitleLen:
		return invalid("summary", "summarise the concern in a line")
	case c.RaisedOn.IsZero():
		return invalid("date", "enter the date the concern was raised")
	case len(c.Detail)+len(c.SupportPlan)+len(c.Resolution) > MaxSectionLen:
		return invalid("detail", "the text is too long")
	case c.Status == ConcernResolved && strings.TrimSpace(c.Resolution) == "":
		return invalid("resolution", "say how the concern was resolved")
	}
	switch c.Status {
	case ConcernOpen, ConcernEscalated, ConcernResolved:
		return nil
	}
	return invalid("status", "%q is not a concern status", c.Status)
}

// ConcernTransitionAction is the permission a change of a concern's status needs.
func ConcernTransitionAction(from, to ConcernStatus) (Action, error) {
	switch {
	case from == to:
		return RaiseConcern, nil
	case to == ConcernEscalated && from == ConcernOpen:
		return EscalateConcern, nil
	case to == ConcernResolved && from != ConcernResolved:
		return ResolveConcern, nil
	case to == ConcernOpen && from == ConcernResolved:
		return ResolveConcern, nil // re-opened by whoever may resolve
	}
	return "", invalid("status", "a concern cannot go from %s to %s", from, to)
}

// Supervision is one clinical supervision session, recorded as the Trust policy asks.
type Supervision struct {
	ID          string `db:"id" json:"id"`
	ProgrammeID string `db:"programme_id" json:"programme_id"`
	Date        Date   `db:"date" json:"date"`
	Supervisor  string `db:"supervisor" json:"supervisor"`
	Themes      string `db:"themes" json:"themes"`
	Actions     string `db:"actions" json:"actions"`
}

// ValidateSupervision checks a supervision record before it is stored.
func ValidateSupervision(s Supervision) error {
	switch {
	case s.Date.IsZero():
		return invalid("date", "enter the session date")
	case strings.TrimSpace(s.Supervisor) == "":
		return invalid("supervisor", "name the supervisor")
	case len(s.Themes)+len(s.Actions) > MaxSectionLen:
		return invalid("themes", "the text is too long")
	}
	return nil
}

// ConfirmationKind is what two people confirm with their own sign-in.
type ConfirmationKind string

const (
	AgreementConfirmation  ConfirmationKind = "agreement"  // the preceptorship agreement, at the initial meeting
	CompletionConfirmation ConfirmationKind = "completion" // the programme is complete
)

// Confirmation is one person's confirmation, made with their own password. Only added.
type Confirmation struct {
	ID          string           `db:"id" json:"id"`
	ProgrammeID string           `db:"programme_id" json:"programme_id"`
	Kind        ConfirmationKind `db:"kind" json:"kind"`
	UserID      string           `db:"user_id" json:"user_id"`
	UserName    string           `db:"user_name" json:"user_name"`
	Role        Role             `db:"role" json:"role"`
	At          time.Time        `db:"at" json:"at"`
	Statement   string           `db:"statement" json:"statement"`
}

// AuditEntry is one change made on a device: who, when, what.
type AuditEntry struct {
	Seq    int64     `json:"seq"`
	At     time.Time `json:"at"`
	Device string    `json:"device"`
	UserID string    `json:"user_id"`
	Action string    `json:"action"`
	Table  string    `json:"table"`
	RowID  string    `json:"row_id"`
	Fields []string  `json:"fields"`
}
