package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"pursuit/model"
)

// saveInProgramme stores one record of a programme after checking the permission; newID
// fills the record's id when it has none yet.
func saveInProgramme[T any](ctx context.Context, ss *Session, programmeID string, action model.Action, rec *T, id *string) error {
	return ss.write(ctx, func(w *wtx) error {
		if _, err := ss.programmeFor(ctx, w.tx, programmeID, action); err != nil {
			return err
		}
		if *id == "" {
			*id = ss.st.id()
		} else if err := sameProgramme[T](ctx, w, *id, programmeID); err != nil {
			return err
		}
		_, err := w.put(ctx, rec)
		return err
	})
}

// sameProgramme stops an edit from moving a record into a programme the editor may write.
func sameProgramme[T any](ctx context.Context, w *wtx, id, programmeID string) error {
	var pid string
	err := w.tx.QueryRowContext(ctx, "SELECT programme_id FROM "+tableFor[T]().name+" WHERE id = ?", id).Scan(&pid)
	if err == nil && pid != programmeID {
		return fmt.Errorf("%w: the record belongs to another programme", model.ErrForbidden)
	}
	return nil // a new record with a caller-chosen id
}

// SaveMeeting records a planned or held meeting.
func (ss *Session) SaveMeeting(ctx context.Context, m model.Meeting) (model.Meeting, error) {
	if err := model.ValidateMeeting(m); err != nil {
		return m, err
	}
	err := ss.write(ctx, func(w *wtx) error {
		p, err := ss.programmeFor(ctx, w.tx, m.ProgrammeID, model.RecordMeeting)
		if err != nil {
			return err
		}
		m.CreatedBy, m.CreatedAt = ss.User.ID, w.now
		if m.ID == "" {
			m.ID = ss.st.id()
		} else if old, err := get[model.Meeting](ctx, w.tx, m.ID); err == nil {
			if old.ProgrammeID != m.ProgrammeID {
				return fmt.Errorf("%w: the meeting belongs to another programme", model.ErrForbidden)
			}
			if !model.MayAmend(ss.User, old.CreatedBy, &p) {
				return fmt.Errorf("%w: only the person who recorded this meeting, the preceptor or the line manager can change it", model.ErrForbidden)
			}
			m.CreatedBy, m.CreatedAt = old.CreatedBy, old.CreatedAt
		}
		_, err = w.put(ctx, &m)
		return err
	})
	return m, err
}

// SaveAction records an agreed action of a meeting or learning-plan goal.
func (ss *Session) SaveAction(ctx context.Context, a model.ActionItem) (model.ActionItem, error) {
	if err := model.ValidateAction(a); err != nil {
		return a, err
	}
	if a.CreatedAt.IsZero() {
		a.CreatedAt = ss.st.now()
	}
	if a.Done && a.DoneOn.IsZero() {
		a.DoneOn = model.DateOf(ss.st.now())
	}
	if !a.Done {
		a.DoneOn = model.Date{}
	}
	action, err := ss.actionOwner(ctx, ss.st.rdb, a)
	if err != nil {
		return a, err
	}
	return a, saveInProgramme(ctx, ss, a.ProgrammeID, action, &a, &a.ID)
}

// actionOwner checks that an action belongs to a live goal or meeting of its programme and
// says which permission changing it needs.
func (ss *Session) actionOwner(ctx context.Context, q querier, a model.ActionItem) (model.Action, error) {
	if g, err := get[model.Goal](ctx, q, a.OwnerID); err == nil && g.ProgrammeID == a.ProgrammeID {
		return model.EditPortfolio, nil
	}
	if m, err := get[model.Meeting](ctx, q, a.OwnerID); err == nil && m.ProgrammeID == a.ProgrammeID {
		return model.RecordMeeting, nil
	}
	return "", &model.ValidationError{Field: "action", Message: "an action belongs to a goal or a meeting of the same programme"}
}

// SaveGoal records a learning-plan goal and its links to competencies.
func (ss *Session) SaveGoal(ctx context.Context, g model.Goal) (model.Goal, error) {
	if g.Status == "" {
		g.Status = model.GoalPlanned
	}
	if err := model.ValidateGoal(g); err != nil {
		return g, err
	}
	err := ss.write(ctx, func(w *wtx) error {
		p, err := ss.programmeFor(ctx, w.tx, g.ProgrammeID, model.EditPortfolio)
		if err != nil {
			return err
		}
		if g.Codes, err = planCodes(ctx, w.tx, p, g.Codes); err != nil {
			return err
		}
		if g.ID == "" {
			g.ID, g.CreatedAt = ss.st.id(), w.now
		} else if err := sameProgramme[model.Goal](ctx, w, g.ID, g.ProgrammeID); err != nil {
			return err
		}
		if _, err := w.put(ctx, &g); err != nil {
			return err
		}
		return w.syncLinks(ctx, p.ID, g.ID, g.Codes)
	})
	return g, err
}

// trainingOwner checks action on records that belong to a person (training, attendance):
// anyone may keep their own; others need the permission over that person's programme.
func (ss *Session) forPerson(ctx context.Context, q querier, userID string, action model.Action) error {
	if userID == ss.User.ID && ss.User.ID != model.SystemUser.ID {
		return nil
	}
	ps, err := list[model.Programme](ctx, q, "preceptee_id = ?", "start_date DESC", userID)
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		return model.Can(ss.User, action, nil)
	}
	return model.Can(ss.User, action, &ps[0])
}

// SaveTraining records a course and its certificates.
func (ss *Session) SaveTraining(ctx context.Context, t model.TrainingRecord) (model.TrainingRecord, error) {
	if err := model.ValidateTraining(t); err != nil {
		return t, err
	}
	err := ss.write(ctx, func(w *wtx) error {
		if err := ss.forPerson(ctx, w.tx, t.UserID, model.RecordTraining); err != nil {
			return err
		}
		if t.ID == "" {
			t.ID = ss.st.id()
		}
		if _, err := w.put(ctx, &t); err != nil {
			return err
		}
		atts, err := w.syncAttachments(ctx, t.ID, t.Attachments)
		t.Attachments = atts
		return err
	})
	return t, err
}

// Training lists a person's training with certificates.
func (ss *Session) Training(ctx context.Context, userID string) ([]model.TrainingRecord, error) {
	if err := ss.forPerson(ctx, ss.st.rdb, userID, model.ViewPortfolio); err != nil {
		return nil, err
	}
	ts, err := list[model.TrainingRecord](ctx, ss.st.rdb, "user_id = ?", "category, course", userID)
	if err != nil {
		return nil, err
	}
	for i := range ts {
		if ts[i].Attachments, err = list[model.Attachment](ctx, ss.st.rdb, "owner_id = ?", "added_at", ts[i].ID); err != nil {
			return nil, err
		}
	}
	return ts, nil
}

// SaveLearningEvent records attendance at a structured-learning session.
func (ss *Session) SaveLearningEvent(ctx context.Context, e model.LearningEvent) (model.LearningEvent, error) {
	if err := model.ValidateLearningEvent(e); err != nil {
		return e, err
	}
	err := ss.write(ctx, func(w *wtx) error {
		if err := ss.forPerson(ctx, w.tx, e.UserID, model.RecordAttendance); err != nil {
			return err
		}
		if e.ID == "" {
			e.ID = ss.st.id()
		}
		_, err := w.put(ctx, &e)
		return err
	})
	return e, err
}

// SaveCareerConversation records a confidential career conversation. The facilitator is
// the programme's own, and only the facilitator marks a conversation as held.
func (ss *Session) SaveCareerConversation(ctx context.Context, c model.CareerConversation) (model.CareerConversation, error) {
	if err := model.ValidateCareerConversation(c); err != nil {
		return c, err
	}
	err := ss.write(ctx, func(w *wtx) error {
		p, err := ss.programmeFor(ctx, w.tx, c.ProgrammeID, model.EditCareerConversation)
		if err != nil {
			return err
		}
		c.FacilitatorID, c.UpdatedAt = p.FacilitatorID, w.now
		wasHeld := false
		if c.ID == "" {
			c.ID = ss.st.id()
		} else if old, err := get[model.CareerConversation](ctx, w.tx, c.ID); err == nil {
			if old.ProgrammeID != c.ProgrammeID {
				return fmt.Errorf("%w: the conversation belongs to another programme", model.ErrForbidden)
			}
			wasHeld = old.Held
		}
		if c.Held != wasHeld && ss.User.ID != p.FacilitatorID && ss.User.ID != model.SystemUser.ID {
			return fmt.Errorf("%w: only the facilitator records that a career conversation was held", model.ErrForbidden)
		}
		_, err = w.put(ctx, &c)
		return err
	})
	return c, err
}

// CareerConversations reads a programme's career conversations: for the preceptee and the
// facilitator only.
func (ss *Session) CareerConversations(ctx context.Context, programmeID string) ([]model.CareerConversation, error) {
	if _, err := ss.programmeFor(ctx, ss.st.rdb, programmeID, model.ViewCareerConversation); err != nil {
		return nil, err
	}
	if err := ss.unseal(ctx); err != nil {
		return nil, err
	}
	return list[model.CareerConversation](ctx, ss.st.rdb, "programme_id = ?", "milestone", programmeID)
}

// SupervisionRecords reads a programme's clinical supervision sessions, newest first.
func (ss *Session) SupervisionRecords(ctx context.Context, programmeID string) ([]model.Supervision, error) {
	if _, err := ss.programmeFor(ctx, ss.st.rdb, programmeID, model.ViewSupervision); err != nil {
		return nil, err
	}
	return list[model.Supervision](ctx, ss.st.rdb, "programme_id = ?", "date DESC", programmeID)
}

// SaveSupervision records a clinical supervision session.
func (ss *Session) SaveSupervision(ctx context.Context, s model.Supervision) (model.Supervision, error) {
	if err := model.ValidateSupervision(s); err != nil {
		return s, err
	}
	return s, saveInProgramme(ctx, ss, s.ProgrammeID, model.RecordSupervision, &s, &s.ID)
}

// SaveConcern raises a concern or moves it on: escalation informs the line manager (the
// programme's, recorded by id), resolution needs someone who may resolve it.
func (ss *Session) SaveConcern(ctx context.Context, c model.Concern) (model.Concern, error) {
	if c.Status == "" {
		c.Status = model.ConcernOpen
	}
	if c.RaisedOn.IsZero() {
		c.RaisedOn = model.DateOf(ss.st.now())
	}
	if err := model.ValidateConcern(c); err != nil {
		return c, err
	}
	err := ss.write(ctx, func(w *wtx) error {
		p, err := get[model.Programme](ctx, w.tx, c.ProgrammeID)
		if err != nil {
			return err
		}
		from := model.ConcernOpen
		c.RaisedBy = ss.User.ID // whoever raises it; never what the caller says
		if c.ID == "" {
			c.ID = ss.st.id()
		} else if old, err := get[model.Concern](ctx, w.tx, c.ID); err == nil {
			if old.ProgrammeID != c.ProgrammeID {
				return fmt.Errorf("%w: the concern belongs to another programme", model.ErrForbidden)
			}
			from, c.RaisedBy, c.RaisedOn = old.Status, old.RaisedBy, old.RaisedOn
			c.EscalatedTo, c.EscalatedOn = old.EscalatedTo, old.EscalatedOn
			reworded := old.Summary != c.Summary || old.Detail != c.Detail || old.SupportPlan != c.SupportPlan || old.Confidential != c.Confidential
			if reworded && ss.User.ID != old.RaisedBy && !model.Allowed(ss.User, model.ResolveConcern, &p) {
				return fmt.Errorf("%w: only the person who raised this concern, the line manager or the lead can change its words", model.ErrForbidden)
			}
			if old.Resolution != c.Resolution && !model.Allowed(ss.User, model.ResolveConcern, &p) {
				return fmt.Errorf("%w: only the line manager or the lead records how a concern was resolved", model.ErrForbidden)
			}
		}
		action, err := model.ConcernTransitionAction(from, c.Status)
		if err != nil {
			return err
		}
		if err := model.Can(ss.User, action, &p); err != nil {
			return err
		}
		today := model.DateOf(w.now)
		if c.Status == model.ConcernEscalated && from != model.ConcernEscalated {
			if p.LineManagerID == "" {
				return &model.ValidationError{Field: "line manager", Message: "this programme has no line manager to escalate to"}
			}
			c.EscalatedTo, c.EscalatedOn = p.LineManagerID, today
		}
		if c.Status == model.ConcernResolved && c.ResolvedOn.IsZero() {
			c.ResolvedOn = today
		}
		_, err = w.put(ctx, &c)
		return err
	})
	return c, err
}

// Confirm records the preceptorship agreement or the programme's completion, confirmed by
// the person themselves with their own password at that moment. Completion needs every
// "must" signed off and the final meeting held; when both the preceptor and the line
// manager have confirmed it, the programme is completed.
func (ss *Session) Confirm(ctx context.Context, programmeID string, kind model.ConfirmationKind, by Countersignature) (model.Confirmation, error) {
	var c model.Confirmation
	me, err := ss.st.authenticate(ctx, by.Username, by.Password)
	if err != nil {
		return c, err
	}
	signer := me.user
	action := model.ConfirmAgreement
	if kind == model.CompletionConfirmation {
		action = model.ConfirmCompletion
	} else if kind != model.AgreementConfirmation {
		return c, &model.ValidationError{Field: "confirmation", Message: fmt.Sprintf("%q is not something to confirm", kind)}
	}
	err = ss.st.write(ctx, me, func(w *wtx) error {
		p, err := get[model.Programme](ctx, w.tx, programmeID)
		if err != nil {
			return err
		}
		if err := model.Can(signer, action, &p); err != nil {
			return err
		}
		existing, err := list[model.Confirmation](ctx, w.tx, "programme_id = ? AND kind = ?", "", p.ID, string(kind))
		if err != nil {
			return err
		}
		if model.Confirmed(existing, kind, signer.Role) {
			return &model.ValidationError{Field: "confirmation", Message: fmt.Sprintf("the %s has already confirmed this", strings.ToLower(signer.Role.Label()))}
		}
		preceptee, err := get[model.User](ctx, w.tx, p.PrecepteeID)
		if err != nil {
			return err
		}
		statement := model.AgreementStatement(signer.Name, signer.Role)
		if kind == model.CompletionConfirmation {
			pf, err := loadPortfolio(ctx, w.tx, ss, p, partsForRules)
			if err != nil {
				return err
			}
			r := model.CompletionReadiness(pf)
			if !r.Ready() {
				return &model.ValidationError{Field: "completion", Message: readinessMessage(r)}
			}
			statement = model.CompletionStatement(signer.Name, signer.Role, preceptee.Name)
		}
		c = model.Confirmation{ID: ss.st.id(), ProgrammeID: p.ID, Kind: kind, UserID: signer.ID, UserName: signer.Name, Role: signer.Role, At: w.now, Statement: statement}
		if err := w.insert(ctx, &c); err != nil {
			return err
		}
		existing = append(existing, c)
		if kind == model.CompletionConfirmation && model.Confirmed(existing, kind, model.RolePreceptor) && model.Confirmed(existing, kind, model.RoleLineManager) {
			p.Status, p.CompletedOn = model.ProgrammeCompleted, model.DateOf(w.now)
			_, err = w.put(ctx, &p)
		}
		return err
	})
	return c, err
}

func readinessMessage(r model.Readiness) string {
	var parts []string
	if n := len(r.MissingMust); n > 0 {
		parts = append(parts, fmt.Sprintf("%d \"must\" competencies are not signed off yet (%s)", n, strings.Join(r.MissingMust[:min(n, 5)], ", ")))
	}
	if !r.FinalMeetingHeld {
		parts = append(parts, "the final meeting has not been held")
	}
	return "not ready to complete: " + strings.Join(parts, "; ")
}

// deleteInProgramme tombstones one record of a programme after checking the permission.
func deleteInProgramme[T any](ctx context.Context, w *wtx, ss *Session, id string, action model.Action) (model.Programme, error) {
	var pid string
	if err := w.tx.QueryRowContext(ctx, "SELECT programme_id FROM "+tableFor[T]().name+" WHERE id = ? AND deleted = 0", id).Scan(&pid); err != nil {
		return model.Programme{}, fmt.Errorf("%w: nothing to delete", model.ErrNotFound)
	}
	p, err := ss.programmeFor(ctx, w.tx, pid, action)
	if err != nil {
		return p, err
	}
	return p, remove[T](ctx, w, id)
}

// removeActionsOf tombstones the actions of a goal or meeting being deleted.
func (w *wtx) removeActionsOf(ctx context.Context, ownerID string) error {
	acts, err := list[model.ActionItem](ctx, w.tx, "owner_id = ?", "", ownerID)
	if err != nil {
		return err
	}
	for _, a := range acts {
		if err := remove[model.ActionItem](ctx, w, a.ID); err != nil {
			return err
		}
	}
	return nil
}

// DeleteMeeting removes a meeting and its agreed actions, in one transaction.
func (ss *Session) DeleteMeeting(ctx context.Context, id string) error {
	return ss.write(ctx, func(w *wtx) error {
		m, err := get[model.Meeting](ctx, w.tx, id)
		if err != nil {
			return err
		}
		p, err := ss.programmeFor(ctx, w.tx, m.ProgrammeID, model.RecordMeeting)
		if err != nil {
			return err
		}
		if !model.MayAmend(ss.User, m.CreatedBy, &p) {
			return fmt.Errorf("%w: only the person who recorded this meeting, the preceptor or the line manager can delete it", model.ErrForbidden)
		}
		if err := w.removeActionsOf(ctx, id); err != nil {
			return err
		}
		return remove[model.Meeting](ctx, w, id)
	})
}

// DeleteGoal removes a learning-plan goal with its actions and links, in one transaction.
func (ss *Session) DeleteGoal(ctx context.Context, id string) error {
	return ss.write(ctx, func(w *wtx) error {
		p, err := deleteInProgramme[model.Goal](ctx, w, ss, id, model.EditPortfolio)
		if err != nil {
			return err
		}
		if err := w.syncLinks(ctx, p.ID, id, nil); err != nil {
			return err
		}
		return w.removeActionsOf(ctx, id)
	})
}

// DeleteAction removes one agreed action.
func (ss *Session) DeleteAction(ctx context.Context, id string) error {
	return ss.write(ctx, func(w *wtx) error {
		a, err := get[model.ActionItem](ctx, w.tx, id)
		if err != nil {
			return err
		}
		action, err := ss.actionOwner(ctx, w.tx, a)
		if err != nil {
			return err
		}
		_, err = deleteInProgramme[model.ActionItem](ctx, w, ss, id, action)
		return err
	})
}

// DeleteSupervision removes a clinical supervision record.
func (ss *Session) DeleteSupervision(ctx context.Context, id string) error {
	return ss.write(ctx, func(w *wtx) error {
		_, err := deleteInProgramme[model.Supervision](ctx, w, ss, id, model.RecordSupervision)
		return err
	})
}

// DeleteTraining removes a training record and its certificates. A preceptee corrects her
// own records but does not delete them: an expired mandatory course must not vanish from
// her line manager's overview; the line manager or the lead removes a record made in error.
func (ss *Session) DeleteTraining(ctx context.Context, id string) error {
	return ss.write(ctx, func(w *wtx) error {
		t, err := get[model.TrainingRecord](ctx, w.tx, id)
		if err != nil {
			return err
		}
		kind, _ := model.KindOf(tableFor[model.TrainingRecord]().name)
		if err := kind.MayDelete(ss.User, t.UserID); err != nil {
			return err
		}
		if err := ss.forPerson(ctx, w.tx, t.UserID, model.RecordTraining); err != nil {
			return err
		}
		if _, err := w.syncAttachments(ctx, id, nil); err != nil {
			return err
		}
		return remove[model.TrainingRecord](ctx, w, id)
	})
}

// DeleteLearningEvent removes an attendance record.
func (ss *Session) DeleteLearningEvent(ctx context.Context, id string) error {
	return ss.write(ctx, func(w *wtx) error {
		e, err := get[model.LearningEvent](ctx, w.tx, id)
		if err != nil {
			return err
		}
		if err := ss.forPerson(ctx, w.tx, e.UserID, model.RecordAttendance); err != nil {
			return err
		}
		return remove[model.LearningEvent](ctx, w, id)
	})
}

// LearningEvents lists a person's structured-learning attendance, newest first.
func (ss *Session) LearningEvents(ctx context.Context, userID string) ([]model.LearningEvent, error) {
	if err := ss.forPerson(ctx, ss.st.rdb, userID, model.ViewPortfolio); err != nil {
		return nil, err
	}
	return list[model.LearningEvent](ctx, ss.st.rdb, "user_id = ?", "date DESC", userID)
}

// SignOffRequest is a competency waiting for a preceptor's sign-off.
type SignOffRequest struct {
	Programme   model.Programme
	Preceptee   string
	Code, Title string
	Since       time.Time
}

// SignOffQueue lists the competencies awaiting sign-off across the programmes the session
// may sign off, oldest request first.
func (ss *Session) SignOffQueue(ctx context.Context) ([]SignOffRequest, error) {
	progs, err := ss.Programmes(ctx)
	if err != nil {
		return nil, err
	}
	var out []SignOffRequest
	for _, p := range progs {
		if !model.Allowed(ss.User, model.SignOffCompetency, &p) {
			continue
		}
		views, err := competencyViews(ctx, ss.st.rdb, p)
		if err != nil {
			return nil, err
		}
		name := ""
		if u, err := get[model.User](ctx, ss.st.rdb, p.PrecepteeID); err == nil {
			name = u.Name
		}
		for _, v := range views {
			if v.Progress.Status == model.EvidenceSubmitted {
				out = append(out, SignOffRequest{Programme: p, Preceptee: name, Code: v.Code, Title: v.Title, Since: v.Progress.UpdatedAt})
			}
		}
	}
	slices.SortFunc(out, func(a, b SignOffRequest) int { return a.Since.Compare(b.Since) })
	return out, nil
}
