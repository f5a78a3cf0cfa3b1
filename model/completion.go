package model

import "strings"

// LevelProgress counts one level's competencies by where they stand.
type LevelProgress struct {
	Level      Level
	Total      int
	SignedOff  int
	Submitted  int // evidence submitted, awaiting the preceptor
	InProgress int // includes returned with comments
	NotStarted int
}

// ProgressByLevel summarises competencies for the dashboard: must, should, could.
func ProgressByLevel(cs []CompetencyView) []LevelProgress {
	out := make([]LevelProgress, len(Levels))
	for i, l := range Levels {
		out[i].Level = l
	}
	for _, c := range cs {
		i := levelIndex(c.Level)
		if i < 0 {
			continue
		}
		lp := &out[i]
		lp.Total++
		switch c.Progress.Status {
		case SignedOff:
			lp.SignedOff++
		case EvidenceSubmitted:
			lp.Submitted++
		case InProgress, Returned:
			lp.InProgress++
		default:
			lp.NotStarted++
		}
	}
	return out
}

func levelIndex(l Level) int {
	for i, x := range Levels {
		if x == l {
			return i
		}
	}
	return -1
}

// Readiness says whether a programme can be confirmed complete, and what stands in the way.
type Readiness struct {
	MustTotal          int
	MustSignedOff      int
	MissingMust        []string // codes of "must" competencies not yet signed off
	FinalMeetingHeld   bool
	PreceptorConfirmed bool
	ManagerConfirmed   bool
}

// Ready: every must signed off and the final meeting held; the two confirmations follow.
func (r Readiness) Ready() bool {
	return len(r.MissingMust) == 0 && r.MustTotal > 0 && r.FinalMeetingHeld
}

// Complete: ready, and confirmed by both the preceptor and the line manager.
func (r Readiness) Complete() bool { return r.Ready() && r.PreceptorConfirmed && r.ManagerConfirmed }

// CompletionReadiness reads the portfolio's competencies, meetings and confirmations.
func CompletionReadiness(pf Portfolio) Readiness {
	var r Readiness
	for _, c := range pf.Competencies {
		if c.Level != Must || c.Retired {
			continue
		}
		r.MustTotal++
		if c.Progress.Status == SignedOff {
			r.MustSignedOff++
		} else {
			r.MissingMust = append(r.MissingMust, c.Code)
		}
	}
	r.FinalMeetingHeld = held(pf.Meetings, MeetingFinal)
	r.PreceptorConfirmed = Confirmed(pf.Confirmations, CompletionConfirmation, RolePreceptor)
	r.ManagerConfirmed = Confirmed(pf.Confirmations, CompletionConfirmation, RoleLineManager)
	return r
}

// RAG is a red/amber/green status for cards and the cohort table.
type RAG string

const (
	Red   RAG = "red"
	Amber RAG = "amber"
	Green RAG = "green"
)

// RAGStatus is how much a preceptee's programme needs a manager's attention. Red: a
// programme commitment is overdue (a meeting, the agreement, a career conversation, a
// validate-first competency, mandatory or essential training) or a concern has been
// escalated. Amber: smaller things have slipped (an action, a goal, a SLOT target date),
// training is due for renewal, a concern is open, or "must" sign-offs lag well behind the
// calendar. Green otherwise: things merely due soon are ordinary business. It reads what
// DueItems reads, plus concerns.
func RAGStatus(pf Portfolio, today Date) RAG {
	rag := Green
	for _, it := range DueItems(pf, today) {
		switch {
		case it.State == Overdue && serious(it):
			return Red
		case it.State == Overdue, it.Kind == DueTraining && it.State == DueSoon:
			rag = Amber
		}
	}
	for _, c := range pf.Concerns {
		if c.Status == ConcernEscalated {
			return Red
		}
		if c.Status == ConcernOpen {
			rag = Amber
		}
	}
	if BehindPace(pf, today) {
		rag = Amber
	}
	return rag
}

// serious says whether an overdue item is a commitment of the programme itself.
func serious(it DueItem) bool {
	switch it.Kind {
	case DueMeeting, DueAgreement, DueConversation, DueTraining:
		return true
	case DueCompetency:
		return strings.HasPrefix(it.Title, validateFirstPrefix)
	}
	return false
}

// BehindPace: fewer "must" competencies signed off than the calendar would suggest, with a
// quarter of the programme's grace, since sign-offs naturally cluster later.
func BehindPace(pf Portfolio, today Date) bool {
	lp := ProgressByLevel(pf.Competencies)[0]
	tl := pf.Programme.Timeline()
	if lp.Total == 0 || tl.TotalMonths == 0 {
		return false
	}
	elapsed := float64(pf.Programme.Month(today)) / float64(tl.TotalMonths)
	done := float64(lp.SignedOff) / float64(lp.Total)
	return done < elapsed-0.25
}
