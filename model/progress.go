package model

import (
	"fmt"
	"strings"
	"time"
)

// Status is where one competency stands for one preceptee.
type Status string

const (
	NotStarted        Status = "not_started"
	InProgress        Status = "in_progress"
	EvidenceSubmitted Status = "evidence_submitted" // the preceptee asked for sign-off
	Returned          Status = "returned"           // the preceptor returned it with comments
	SignedOff         Status = "signed_off"
)

// Statuses in the order a competency moves through them.
var Statuses = []Status{NotStarted, InProgress, EvidenceSubmitted, Returned, SignedOff}

func (s Status) Label() string {
	switch s {
	case NotStarted:
		return "Not started"
	case InProgress:
		return "In progress"
	case EvidenceSubmitted:
		return "Evidence submitted"
	case Returned:
		return "Returned with comments"
	case SignedOff:
		return "Signed off"
	}
	return string(s)
}

// transitions lists the only moves a competency may make, and who makes each. Sign-off is
// final: a record that fed an appraisal is never quietly undone.
var transitions = map[Status]map[Status]Action{
	NotStarted:        {InProgress: EditPortfolio},
	InProgress:        {EvidenceSubmitted: EditPortfolio},
	EvidenceSubmitted: {SignedOff: SignOffCompetency, Returned: ReturnCompetency, InProgress: EditPortfolio},
	Returned:          {InProgress: EditPortfolio, EvidenceSubmitted: EditPortfolio},
}

// TransitionAction is the permission a status change needs, or an error when the move is
// not one a competency can make.
func TransitionAction(from, to Status) (Action, error) {
	if from == "" {
		from = NotStarted
	}
	a, ok := transitions[from][to]
	if !ok {
		return "", fmt.Errorf("%w: a competency cannot go from %q to %q", ErrInvalid, from.Label(), to.Label())
	}
	return a, nil
}

// Confidence answers the SLOT's first question: am I confident and competent?
type Confidence string

const (
	ConfidenceUnset  Confidence = ""
	ConfidenceYes    Confidence = "yes"
	ConfidencePartly Confidence = "partly"
	ConfidenceNo     Confidence = "no"
)

// SLOT is the preceptee's analysis of one competency: strengths, learning needs,
// opportunities and threats, and when they expect to evidence it.
type SLOT struct {
	Confident     Confidence `db:"confident" json:"confident"`
	Strengths     string     `db:"strengths" json:"strengths"`
	LearningNeeds string     `db:"learning_needs" json:"learning_needs"`
	Opportunities string     `db:"opportunities" json:"opportunities"`
	Threats       string     `db:"threats" json:"threats"`
	TargetDate    Date       `db:"target_date" json:"target_date"`
}

// Started says whether any part of the analysis has been written.
func (s SLOT) Started() bool {
	return s.Confident != "" || strings.TrimSpace(s.Strengths+s.LearningNeeds+s.Opportunities+s.Threats) != "" || !s.TargetDate.IsZero()
}

// Progress is one preceptee's record against one competency, matched by code so that it
// survives a new framework version.
type Progress struct {
	ID          string    `db:"id" json:"id"`
	ProgrammeID string    `db:"programme_id" json:"programme_id"`
	Code        string    `db:"code" json:"code"`
	Status      Status    `db:"status" json:"status"`
	SLOT        SLOT      `db:",inline" json:"slot"`
	Stretch     bool      `db:"stretch" json:"stretch"` // added to this preceptee's plan by the preceptor
	UpdatedAt   time.Time `db:"updated_at" json:"updated_at"`
}

// StatusChange is one line of a competency's history.
type StatusChange struct {
	ID          string    `db:"id" json:"id"`
	ProgrammeID string    `db:"programme_id" json:"programme_id"`
	Code        string    `db:"code" json:"code"`
	From        Status    `db:"from_status" json:"from"`
	To          Status    `db:"to_status" json:"to"`
	ByID        string    `db:"by_id" json:"by_id"`
	ByName      string    `db:"by_name" json:"by_name"`
	ByRole      Role      `db:"by_role" json:"by_role"`
	At          time.Time `db:"at" json:"at"`
	Comment     string    `db:"comment" json:"comment"`
}

// SignOff records that a preceptor, having entered their own password at that moment,
// confirmed a competency. Sign-offs are only ever added.
type SignOff struct {
	ID          string    `db:"id" json:"id"`
	ProgrammeID string    `db:"programme_id" json:"programme_id"`
	Code        string    `db:"code" json:"code"`
	SignerID    string    `db:"signer_id" json:"signer_id"`
	SignerName  string    `db:"signer_name" json:"signer_name"`
	SignerRole  Role      `db:"signer_role" json:"signer_role"`
	At          time.Time `db:"at" json:"at"`
	Statement   string    `db:"statement" json:"statement"`
}

// SignOffStatement is what the signer affirms.
func SignOffStatement(signerName, code, title string) string {
	return fmt.Sprintf("I, %s, confirm that I have seen evidence that the preceptee is competent in %s %s.", signerName, code, title)
}

// CompetencyView joins a competency with one preceptee's progress: what the competency list shows.
type CompetencyView struct {
	Competency
	Progress Progress
	Evidence int // linked evidence items
	// Unproven: stored as signed off, but no sign-off with its signed change shows it (typed
	// into the database, or made with a key closed without it). Progress.Status then says
	// it is still waiting for sign-off.
	Unproven bool
}

// ReadyToRequest says whether a competency can go to the preceptor for sign-off: it must
// rest on at least one piece of evidence, because the sign-off statement says so.
func ReadyToRequest(v CompetencyView) error {
	if v.Evidence == 0 {
		return invalid("evidence", "link at least one piece of evidence to %s before asking for sign-off", v.Code)
	}
	return nil
}

// ReturnNote is a competency sent back to the preceptee, with what the preceptor asked for.
type ReturnNote struct {
	Code, Title string
	Comment     string
	ByName      string
	At          time.Time
}

// ReturnedNow lists the competencies returned to the preceptee now, each with the comment
// of its latest return: what she has to act on, for the top of her dashboard and of the
// competency. It reads the portfolio's competencies and history.
func ReturnedNow(pf Portfolio) []ReturnNote {
	var out []ReturnNote
	for _, c := range pf.Competencies {
		if c.Progress.Status != Returned {
			continue
		}
		out = append(out, latestReturn(pf.History, c.Code, c.Title))
	}
	return out
}

// latestReturn is the last return of a competency in its history.
func latestReturn(history []StatusChange, code, title string) ReturnNote {
	r := ReturnNote{Code: code, Title: title}
	for _, h := range history {
		if h.Code == code && h.To == Returned && !h.At.Before(r.At) {
			r.Comment, r.ByName, r.At = h.Comment, h.ByName, h.At
		}
	}
	return r
}
