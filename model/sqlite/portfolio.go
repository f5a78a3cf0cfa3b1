package sqlite

import (
	"context"
	"time"

	"pursuit/model"
)

type parts int

const (
	withEvidence parts = 1 << iota
	withLearning
	withSupervision
	withSignOffs
	withHistory

	partsForRules parts = 0 // competencies, meetings, actions, goals, training, conversations, confirmations, concerns: always
	partsAll            = withEvidence | withLearning | withSupervision | withSignOffs | withHistory
)

// Portfolio reads a preceptee's whole portfolio, leaving out what the session may not see
// (a career conversation's content is for the preceptee and the facilitator only).
func (ss *Session) Portfolio(ctx context.Context, programmeID string) (model.Portfolio, error) {
	if err := ss.unseal(ctx); err != nil {
		return model.Portfolio{}, err
	}
	tx, err := ss.st.rdb.BeginTx(ctx, nil) // one snapshot, so the parts agree with each other
	if err != nil {
		return model.Portfolio{}, humanise(err)
	}
	defer tx.Rollback()
	p, err := ss.programmeFor(ctx, tx, programmeID, model.ViewPortfolio)
	if err != nil {
		return model.Portfolio{}, err
	}
	return loadPortfolio(ctx, tx, ss, p, partsAll)
}

func loadPortfolio(ctx context.Context, q querier, ss *Session, p model.Programme, want parts) (model.Portfolio, error) {
	pf := model.Portfolio{Programme: p}
	var err error
	people := map[string]*model.User{p.PrecepteeID: &pf.Preceptee, p.PreceptorID: &pf.Preceptor, p.LineManagerID: &pf.LineManager}
	for id, dst := range people {
		if id == "" {
			continue
		}
		u, err := get[model.User](ctx, q, id)
		if err != nil {
			return pf, err
		}
		*dst = withoutHash(u)
	}
	if pf.Competencies, err = competencyViews(ctx, q, p); err != nil {
		return pf, err
	}
	if pf.Meetings, err = list[model.Meeting](ctx, q, "programme_id = ?", "date, created_at", p.ID); err != nil {
		return pf, err
	}
	if pf.Actions, err = list[model.ActionItem](ctx, q, "programme_id = ?", "created_at, position", p.ID); err != nil {
		return pf, err
	}
	if pf.Goals, err = list[model.Goal](ctx, q, "programme_id = ?", "target_date, created_at", p.ID); err != nil {
		return pf, err
	}
	if err := fillGoalLinks(ctx, q, pf.Goals, p.ID); err != nil {
		return pf, err
	}
	if pf.Training, err = list[model.TrainingRecord](ctx, q, "user_id = ?", "category, course", p.PrecepteeID); err != nil {
		return pf, err
	}
	if pf.Conversations, err = list[model.CareerConversation](ctx, q, "programme_id = ?", "milestone", p.ID); err != nil {
		return pf, err
	}
	if !model.Allowed(ss.User, model.ViewCareerConversation, &p) {
		for i, c := range pf.Conversations {
			pf.Conversations[i] = model.CareerConversation{ID: c.ID, ProgrammeID: c.ProgrammeID, Milestone: c.Milestone, Date: c.Date, Held: c.Held}
		}
	}
	if pf.Confirmations, err = list[model.Confirmation](ctx, q, "programme_id = ?", "at", p.ID); err != nil {
		return pf, err
	}
	if model.Allowed(ss.User, model.ViewConcerns, &p) {
		if pf.Concerns, err = list[model.Concern](ctx, q, "programme_id = ?", "raised_on", p.ID); err != nil {
			return pf, err
		}
	}
	if want&withEvidence != 0 {
		if pf.Evidence, err = evidenceOf(ctx, q, p.ID); err != nil {
			return pf, err
		}
		for i := range pf.Training {
			if pf.Training[i].Attachments, err = list[model.Attachment](ctx, q, "owner_id = ?", "added_at", pf.Training[i].ID); err != nil {
				return pf, err
			}
		}
	}
	if want&withLearning != 0 {
		if pf.Learning, err = list[model.LearningEvent](ctx, q, "user_id = ?", "date", p.PrecepteeID); err != nil {
			return pf, err
		}
	}
	if want&withSupervision != 0 && model.Allowed(ss.User, model.ViewSupervision, &p) {
		if pf.Supervision, err = list[model.Supervision](ctx, q, "programme_id = ?", "date", p.ID); err != nil {
			return pf, err
		}
	}
	if want&withSignOffs != 0 {
		if pf.SignOffs, err = list[model.SignOff](ctx, q, "programme_id = ?", "at, id", p.ID); err != nil {
			return pf, err
		}
	}
	if want&withHistory != 0 {
		if pf.History, err = list[model.StatusChange](ctx, q, "programme_id = ?", "at, id", p.ID); err != nil {
			return pf, err
		}
	}
	pr, err := ss.st.unprovenIn(ctx, q, p)
	if err != nil {
		return pf, err
	}
	believe(&pf, pr)
	return pf, nil
}

func fillGoalLinks(ctx context.Context, q querier, goals []model.Goal, programmeID string) error {
	if len(goals) == 0 {
		return nil
	}
	links, err := list[model.Link](ctx, q, "programme_id = ? AND owner_id IN (SELECT id FROM goals WHERE programme_id = ?)", "code", programmeID, programmeID)
	if err != nil {
		return err
	}
	idx := map[string]int{}
	for i, g := range goals {
		idx[g.ID] = i
	}
	for _, l := range links {
		if i, ok := idx[l.OwnerID]; ok {
			goals[i].Codes = append(goals[i].Codes, l.Code)
		}
	}
	return nil
}

// Activity is one line of the dashboard's "recent activity".
type Activity struct {
	At   time.Time
	What string
}

// Dashboard is what a preceptee sees first.
type Dashboard struct {
	Portfolio model.Portfolio // competencies, meetings, training, goals, actions, conversations, confirmations, concerns
	Today     model.Date
	Month     int
	Timeline  model.Timeline
	Levels    []model.LevelProgress
	Due       []model.DueItem
	RAG       model.RAG
	Recent    []Activity
}

// Dashboard gathers one preceptee's summary: where they are in the twelve months, progress
// by level, what is due or overdue, and what happened lately.
func (ss *Session) Dashboard(ctx context.Context, programmeID string) (Dashboard, error) {
	tx, err := ss.st.rdb.BeginTx(ctx, nil)
	if err != nil {
		return Dashboard{}, humanise(err)
	}
	defer tx.Rollback()
	p, err := ss.programmeFor(ctx, tx, programmeID, model.ViewPortfolio)
	if err != nil {
		return Dashboard{}, err
	}
	// The history too: what a preceptor asked for when returning a competency goes at the
	// top of the dashboard.
	pf, err := loadPortfolio(ctx, tx, ss, p, partsForRules|withHistory)
	if err != nil {
		return Dashboard{}, err
	}
	today := model.DateOf(ss.st.now())
	d := Dashboard{
		Portfolio: pf, Today: today, Month: p.Month(today), Timeline: p.Timeline(),
		Levels: model.ProgressByLevel(pf.Competencies), Due: model.DueItems(pf, today), RAG: model.RAGStatus(pf, today),
	}
	d.Recent, err = recentActivity(ctx, tx, p.ID, 8)
	return d, err
}

func recentActivity(ctx context.Context, q querier, programmeID string, n int) ([]Activity, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT at, 'Competency ' || code || ': ' || replace(to_status, '_', ' ') || ' (' || by_name || ')' FROM status_changes
			WHERE programme_id = ?1 AND deleted = 0
		UNION ALL
		SELECT created_at, 'Evidence added: ' || title FROM evidence WHERE programme_id = ?1 AND deleted = 0
		UNION ALL
		SELECT created_at, 'Meeting recorded: ' || replace(kind, '_', ' ') || ' on ' || date FROM meetings WHERE programme_id = ?1 AND deleted = 0
		ORDER BY 1 DESC LIMIT ?2`, programmeID, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Activity
	for rows.Next() {
		var at, what string
		if err := rows.Scan(&at, &what); err != nil {
			return nil, err
		}
		t, _ := parseTime(at)
		out = append(out, Activity{At: t, What: what})
	}
	return out, rows.Err()
}
