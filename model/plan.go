package model

import (
	"slices"
	"strings"
	"time"
)

// GoalStatus tracks a learning-plan goal.
type GoalStatus string

const (
	GoalPlanned    GoalStatus = "planned"
	GoalInProgress GoalStatus = "in_progress"
	GoalAchieved   GoalStatus = "achieved"
	GoalDropped    GoalStatus = "dropped"
)

// Goal is one line of the learning/development plan, drawn from the SLOT analyses.
type Goal struct {
	ID          string     `db:"id" json:"id"`
	ProgrammeID string     `db:"programme_id" json:"programme_id"`
	Title       string     `db:"title" json:"title"`
	Detail      string     `db:"detail" json:"detail"`
	TargetDate  Date       `db:"target_date" json:"target_date"`
	Status      GoalStatus `db:"status" json:"status"`
	CreatedAt   time.Time  `db:"created_at" json:"created_at"`
	Codes       []string   `db:"-" json:"competencies"`
}

// ValidateGoal checks a goal before it is stored.
func ValidateGoal(g Goal) error {
	if strings.TrimSpace(g.Title) == "" {
		return invalid("goal", "describe the goal")
	}
	if len(g.Title) > MaxTitleLen || len(g.Detail) > MaxSectionLen {
		return invalid("goal", "the goal is too long")
	}
	switch g.Status {
	case GoalPlanned, GoalInProgress, GoalAchieved, GoalDropped:
		return nil
	}
	return invalid("status", "%q is not a goal status", g.Status)
}

// Open says whether the goal still needs work.
func (g Goal) Open() bool { return g.Status == GoalPlanned || g.Status == GoalInProgress }

// ActionItem is something agreed: an action of a learning-plan goal, or an action agreed at
// a meeting and carried forward as a checklist until it is done.
type ActionItem struct {
	ID          string    `db:"id" json:"id"`
	ProgrammeID string    `db:"programme_id" json:"programme_id"`
	OwnerID     string    `db:"owner_id" json:"owner_id"` // the goal or meeting it belongs to
	Text        string    `db:"text" json:"text"`
	DueDate     Date      `db:"due_date" json:"due_date"`
	Done        bool      `db:"done" json:"done"`
	DoneOn      Date      `db:"done_on" json:"done_on"`
	Position    int       `db:"position" json:"position"`
	CreatedAt   time.Time `db:"created_at" json:"created_at"`
}

// ActionsOf are the actions of one goal or meeting, in their agreed order.
func ActionsOf(actions []ActionItem, ownerID string) []ActionItem {
	var out []ActionItem
	if ownerID == "" {
		return nil
	}
	for _, a := range actions {
		if a.OwnerID == ownerID {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b ActionItem) int { return a.Position - b.Position })
	return out
}

// ValidateAction checks an action before it is stored.
func ValidateAction(a ActionItem) error {
	if strings.TrimSpace(a.Text) == "" {
		return invalid("action", "describe the action")
	}
	if len(a.Text) > MaxSectionLen {
		return invalid("action", "the action is too long")
	}
	return nil
}
