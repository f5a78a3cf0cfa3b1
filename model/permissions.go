package model

import (
	"fmt"
	"strings"
)

// Action is something a person may try to do in the programme.
type Action string

const (
	ViewPortfolio          Action = "View the portfolio (competencies, SLOT, evidence, plan, meetings, training)"
	EditPortfolio          Action = "Edit own portfolio, request sign-off"
	RecordMeeting          Action = "Record a meeting"
	RecordTraining         Action = "Record training"
	RecordAttendance       Action = "Record structured-learning attendance"
	SignOffCompetency      Action = "Sign off a competency"
	ReturnCompetency       Action = "Return a competency with comments"
	AddStretch             Action = "Add a stretch competency"
	ConfirmAgreement       Action = "Confirm the preceptorship agreement"
	ConfirmCompletion      Action = "Confirm completion"
	ViewCareerConversation Action = "View a career conversation"
	EditCareerConversation Action = "Record a career conversation"
	ViewConcerns           Action = "View concerns"
	RaiseConcern           Action = "Raise a concern"
	EscalateConcern        Action = "Escalate a concern to the line manager"
	ResolveConcern         Action = "Resolve a concern"
	ViewSupervision        Action = "View clinical supervision records"
	RecordSupervision      Action = "Record clinical supervision"
	ViewCohort             Action = "See the cohort overview"
	ManageProgrammes       Action = "Set up or extend a programme"
	ManageUsers            Action = "Manage accounts"
	ImportFramework        Action = "Import a competency framework"
	ViewAudit              Action = "Read the audit log"
	ExportArchive          Action = "Take away a personal archive of the portfolio"
)

// Scope says over whose programmes a role holds a permission.
type Scope int

const (
	None        Scope = iota
	Own               // the actor is the programme's preceptee
	Assigned          // the actor is the programme's named preceptor
	Managed           // the actor is the programme's line manager
	Supervised        // the actor is the programme's clinical supervisor
	Facilitated       // the actor facilitates the programme's career conversations
	All               // every programme
)

var scopeLabels = map[Scope]string{
	None: "—", Own: "own", Assigned: "assigned", Managed: "team",
	Supervised: "supervisees", Facilitated: "facilitated", All: "all",
}

func (s Scope) String() string { return scopeLabels[s] }

// Permission is one row of the matrix: the scope each role holds for an action, in the
// order of Roles (preceptee, preceptor, line manager, lead, facilitator, administrator).
type Permission struct {
	Action Action
	Scopes [6]Scope
}

// PermissionsMatrix is the single statement of who may do what. The store consults it on
// every read and write; the README prints it (a test keeps the two identical).
var PermissionsMatrix = []Permission{
	//                               preceptee  preceptor  line mgr  lead  facilitator  admin
	{ViewPortfolio, [6]Scope{Own, Assigned, Managed, All, None, None}},
	{EditPortfolio, [6]Scope{Own, None, None, None, None, None}},
	{RecordMeeting, [6]Scope{Own, Assigned, Managed, None, None, None}},
	{RecordTraining, [6]Scope{Own, None, Managed, All, None, None}},
	{RecordAttendance, [6]Scope{Own, None, None, All, None, None}},
	{SignOffCompetency, [6]Scope{None, Assigned, None, None, None, None}},
	{ReturnCompetency, [6]Scope{None, Assigned, None, None, None, None}},
	{AddStretch, [6]Scope{None, Assigned, None, None, None, None}},
	{ConfirmAgreement, [6]Scope{Own, Assigned, None, None, None, None}},
	{ConfirmCompletion, [6]Scope{None, Assigned, Managed, None, None, None}},
	{ViewCareerConversation, [6]Scope{Own, None, None, None, Facilitated, None}},
	{EditCareerConversation, [6]Scope{Own, None, None, None, Facilitated, None}},
	{ViewConcerns, [6]Scope{Own, Assigned, Managed, All, None, None}},
	{RaiseConcern, [6]Scope{Own, Assigned, Managed, All, None, None}},
	{EscalateConcern, [6]Scope{Own, Assigned, None, None, None, None}},
	{ResolveConcern, [6]Scope{None, None, Managed, All, None, None}},
	{ViewSupervision, [6]Scope{Own, Assigned, Managed, All, Supervised, None}},
	{RecordSupervision, [6]Scope{Own, None, None, None, Supervised, None}},
	{ViewCohort, [6]Scope{None, Assigned, Managed, All, None, None}},
	{ManageProgrammes, [6]Scope{None, None, None, All, None, All}},
	{ManageUsers, [6]Scope{None, None, None, None, None, All}},
	{ImportFramework, [6]Scope{None, None, None, All, None, All}},
	{ViewAudit, [6]Scope{None, None, None, All, None, All}},
	{ExportArchive, [6]Scope{Own, None, None, None, None, None}},
}

// ScopeOf is the scope a role holds for an action (None when the matrix has no row).
func ScopeOf(role Role, action Action) Scope {
	col := -1
	for i, r := range Roles {
		if r == role {
			col = i
		}
	}
	if col < 0 {
		return None
	}
	for _, p := range PermissionsMatrix {
		if p.Action == action {
			return p.Scopes[col]
		}
	}
	return None
}

// Can decides whether actor may perform action on programme p (nil for actions that concern
// no single programme, such as managing accounts). It returns nil or an error wrapping
// ErrForbidden that says why in words.
func Can(actor User, action Action, p *Programme) error {
	if !actor.Active {
		return fmt.Errorf("%w: the account %s is disabled", ErrForbidden, actor.Username)
	}
	if actor.ID == SystemUser.ID {
		// Command-line administration may read and arrange everything on its device, but
		// what must carry a person's own word — a sign-off, a confirmation — it cannot give.
		if personal[action] {
			return fmt.Errorf("%w: %s needs a person signed in with their own password", ErrForbidden, lowerFirst(string(action)))
		}
		return nil
	}
	scope := ScopeOf(actor.Role, action)
	// Signing off one's own competency is refused whatever the matrix or the programme's
	// relationships say: the portfolio's worth rests on it.
	if p != nil && p.PrecepteeID == actor.ID && (action == SignOffCompetency || action == ReturnCompetency || action == ConfirmCompletion) {
		return fmt.Errorf("%w: a preceptee can never sign off their own competencies", ErrForbidden)
	}
	if scope == All || (p != nil && scopeCovers(scope, actor.ID, p)) {
		return nil
	}
	role := strings.ToLower(actor.Role.Label())
	article := "a"
	if strings.ContainsRune("aeiou", rune(role[0])) {
		article = "an"
	}
	return fmt.Errorf("%w: %s %s cannot %s here", ErrForbidden, article, role, lowerFirst(string(action)))
}

// personal actions are made by a person in their own name, never by the command line.
var personal = map[Action]bool{
	SignOffCompetency: true, ReturnCompetency: true, ConfirmAgreement: true, ConfirmCompletion: true,
	EditPortfolio: true, EditCareerConversation: true,
}

// Allowed is Can as a yes/no, for deciding what to show.
func Allowed(actor User, action Action, p *Programme) bool { return Can(actor, action, p) == nil }

func scopeCovers(s Scope, userID string, p *Programme) bool {
	if userID == "" {
		return false
	}
	switch s {
	case Own:
		return p.PrecepteeID == userID
	case Assigned:
		return p.PreceptorID == userID
	case Managed:
		return p.LineManagerID == userID
	case Supervised:
		return p.SupervisorID == userID
	case Facilitated:
		return p.FacilitatorID == userID
	}
	return false
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// PermissionsMarkdown renders the matrix as the table in the README.
func PermissionsMarkdown() string {
	var b strings.Builder
	b.WriteString("| Action |")
	for _, r := range Roles {
		b.WriteString(" " + r.Label() + " |")
	}
	b.WriteString("\n|---|")
	for range Roles {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, p := range PermissionsMatrix {
		b.WriteString("| " + string(p.Action) + " |")
		for _, s := range p.Scopes {
			b.WriteString(" " + s.String() + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// MayAmend says whether actor may change or delete a shared record of programme p that
// author wrote (a meeting's notes): the author, the programme's preceptor who leads the
// meetings, or its line manager — never a preceptee rewriting what her preceptor wrote.
func MayAmend(actor User, author string, p *Programme) bool {
	if actor.ID == SystemUser.ID || (author != "" && actor.ID == author) {
		return true
	}
	return p != nil && actor.Active && (actor.ID == p.PreceptorID || actor.ID == p.LineManagerID)
}

// MayWitness says whether witness may confirm, with their own password, a testimony in
// programme p's portfolio: any active colleague with an account, never the preceptee
// herself.
func MayWitness(witness User, p Programme) error {
	switch {
	case !witness.Active:
		return fmt.Errorf("%w: the account %s is disabled", ErrForbidden, witness.Username)
	case witness.ID == p.PrecepteeID:
		return fmt.Errorf("%w: a preceptee cannot witness her own testimony; the colleague who gave it confirms it with their own username and password", ErrForbidden)
	case witness.ID == SystemUser.ID:
		return fmt.Errorf("%w: a witness confirms with their own password", ErrForbidden)
	}
	return nil
}
