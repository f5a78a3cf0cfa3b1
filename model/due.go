package model

import (
	"fmt"
	"sort"
)

// validateFirstPrefix marks a due competency that must be assessed before it is practised.
const validateFirstPrefix = "Validate first: "

// DueSoonDays is how far ahead the dashboard looks.
const DueSoonDays = 14

// DueState says how urgent a due item is.
type DueState string

const (
	Overdue  DueState = "overdue"
	DueSoon  DueState = "due_soon"
	Upcoming DueState = "upcoming"
)

// DueKind says what a due item is about.
type DueKind string

const (
	DueMeeting      DueKind = "meeting"
	DueConversation DueKind = "career_conversation"
	DueAgreement    DueKind = "agreement"
	DueTraining     DueKind = "training"
	DueCompetency   DueKind = "competency"
	DueGoal         DueKind = "goal"
	DueAction       DueKind = "action"
)

// DueItem is one thing on a preceptee's "due soon and overdue" list.
type DueItem struct {
	Kind  DueKind
	Title string
	Due   Date
	State DueState
	Ref   string // the record it concerns, or a competency code
}

// Portfolio is a snapshot of one preceptee's programme: what the dashboard, the rules and
// the PDF read. Loaders may leave out parts a caller does not need; each rule says which
// parts it reads.
type Portfolio struct {
	Programme     Programme
	Preceptee     User
	Preceptor     User
	LineManager   User
	Competencies  []CompetencyView
	Evidence      []Evidence
	Goals         []Goal
	Actions       []ActionItem
	Meetings      []Meeting
	Training      []TrainingRecord
	Learning      []LearningEvent
	Conversations []CareerConversation
	Concerns      []Concern
	Supervision   []Supervision
	Confirmations []Confirmation
	SignOffs      []SignOff
	History       []StatusChange
}

func dueState(today, due Date) DueState {
	switch {
	case due.Before(today):
		return Overdue
	case today.DaysUntil(due) <= DueSoonDays:
		return DueSoon
	}
	return Upcoming
}

// DueItems lists what the preceptee and preceptor must attend to, earliest first. It reads
// the programme, meetings, career conversations, confirmations, training, competencies,
// goals and actions of the portfolio.
func DueItems(pf Portfolio, today Date) []DueItem {
	p := pf.Programme.WithDefaults()
	if p.Status == ProgrammeCompleted || p.Status == ProgrammeLeft {
		return nil
	}
	tl := p.Timeline()
	var items []DueItem
	add := func(k DueKind, title string, due Date, ref string) {
		items = append(items, DueItem{Kind: k, Title: title, Due: due, State: dueState(today, due), Ref: ref})
	}

	next, due := p.NextMeetingDue(pf.Meetings)
	if next != "" {
		add(DueMeeting, next.Label(), due, string(next))
	}
	if next != MeetingMidpoint && !held(pf.Meetings, MeetingMidpoint) && !held(pf.Meetings, MeetingFinal) {
		add(DueMeeting, MeetingMidpoint.Label(), tl.MidPoint, string(MeetingMidpoint))
	}
	if next != MeetingFinal && !held(pf.Meetings, MeetingFinal) {
		add(DueMeeting, MeetingFinal.Label(), tl.End, string(MeetingFinal))
	}
	for _, m := range []struct {
		months int
		due    Date
	}{{6, tl.CareerConversation6}, {12, tl.CareerConversation12}} {
		if !conversationHeld(pf.Conversations, m.months) {
			add(DueConversation, fmt.Sprintf("%d-month career conversation", m.months), m.due, fmt.Sprint(m.months))
		}
	}
	if !Confirmed(pf.Confirmations, AgreementConfirmation, RolePreceptee) || !Confirmed(pf.Confirmations, AgreementConfirmation, RolePreceptor) {
		add(DueAgreement, "Preceptorship agreement (both to confirm)", tl.InitialMeetingDue, string(AgreementConfirmation))
	}
	for _, t := range pf.Training {
		switch t.State(today) {
		case TrainingExpired:
			add(DueTraining, t.Course+" ("+t.Category.Label()+")", t.Expiry(), t.ID)
		case TrainingDueSoon:
			// Training turns amber ExpiryWarningDays ahead, further out than other items.
			items = append(items, DueItem{Kind: DueTraining, Title: t.Course + " (" + t.Category.Label() + ")", Due: t.Expiry(), State: DueSoon, Ref: t.ID})
		case TrainingNotDone:
			if t.Category != RoleSpecific {
				add(DueTraining, t.Course+" ("+t.Category.Label()+")", tl.SupernumeraryEnd, t.ID)
			}
		}
	}
	for _, c := range pf.Competencies {
		if c.Progress.Status == SignedOff {
			continue
		}
		due := c.Progress.SLOT.TargetDate
		// A validate-first competency is assessed before it is practised unsupervised: it
		// is due by the end of the supernumerary weeks whatever the SLOT says.
		if c.ValidateFirst && c.Level == Must && (due.IsZero() || due.After(tl.SupernumeraryEnd)) {
			add(DueCompetency, validateFirstPrefix+c.Code+" "+c.Title, tl.SupernumeraryEnd, c.Code)
			continue
		}
		if !due.IsZero() {
			add(DueCompetency, c.Code+" "+c.Title, due, c.Code)
		}
	}
	for _, g := range pf.Goals {
		if g.Open() && !g.TargetDate.IsZero() {
			add(DueGoal, g.Title, g.TargetDate, g.ID)
		}
	}
	for _, a := range pf.Actions {
		if !a.Done && !a.DueDate.IsZero() {
			add(DueAction, a.Text, a.DueDate, a.ID)
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		if c := items[i].Due.Compare(items[j].Due); c != 0 {
			return c < 0
		}
		return items[i].Title < items[j].Title
	})
	return items
}

// Pressing keeps the overdue and due-soon items: the dashboard's list.
func Pressing(items []DueItem) []DueItem {
	var out []DueItem
	for _, it := range items {
		if it.State != Upcoming {
			out = append(out, it)
		}
	}
	return out
}

func conversationHeld(cs []CareerConversation, months int) bool {
	for _, c := range cs {
		if c.Milestone == months && c.Held {
			return true
		}
	}
	return false
}

// Confirmed says whether someone in role has made a confirmation of kind.
func Confirmed(cs []Confirmation, kind ConfirmationKind, role Role) bool {
	for _, c := range cs {
		if c.Kind == kind && c.Role == role {
			return true
		}
	}
	return false
}

// CohortRow is one preceptee in the overview a preceptor, line manager or lead reads.
type CohortRow struct {
	Programme        Programme
	Preceptee        string
	Preceptor        string
	LineManager      string
	Month            int
	TotalMonths      int
	MustSignedOff    int
	MustTotal        int
	LastMeeting      Date
	NextMeeting      Date
	MeetingsHeld     int // preceptor meetings held
	MeetingsExpected int // preceptor meetings the rule asks for by today
	Overdue          int
	DueSoon          int
	ExpiringTraining int // expired or due for renewal
	OpenConcerns     int
	RAG              RAG
}
