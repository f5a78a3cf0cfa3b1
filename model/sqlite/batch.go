package sqlite

import (
	"bytes"
	"context"
	"fmt"

	"pursuit/model"
)

// ImportBatch stores ready-made records (the demo cohort, a restored archive) for command-
// line administration only. Each programme's records go in one transaction, so a failure
// leaves whole programmes or nothing; every record passes the model's validation. The
// attachments' bytes are stored first, so no record ever points at a missing file.
func (ss *Session) ImportBatch(ctx context.Context, b model.Batch) error {
	if ss.User.ID != model.SystemUser.ID {
		return fmt.Errorf("%w: ready-made records come only from the command line", model.ErrForbidden)
	}
	for _, f := range b.Files {
		if _, err := ss.st.PutAttachment(ctx, bytes.NewReader(f.Data), f.Name); err != nil {
			return fmt.Errorf("attachment %s: %w", f.Name, err)
		}
	}
	if len(b.Users) > 0 {
		if err := ss.ImportUsers(ctx, b.Users); err != nil {
			return err
		}
	}
	var groups []model.Batch
	assigned := 0
	for _, p := range b.Programmes {
		p = p.WithDefaults()
		if err := model.ValidateProgramme(p); err != nil {
			return fmt.Errorf("programme %s: %w", p.ID, err)
		}
		g := programmeBatch(b, p)
		assigned += programmeRecords(g)
		groups = append(groups, g)
	}
	if total := programmeRecords(b); assigned < total {
		return fmt.Errorf("%d records belong to programmes that are not in the batch", total-assigned)
	}
	for i := range groups {
		if err := ss.write(ctx, func(w *wtx) error { return w.putBatch(ctx, &groups[i]) }); err != nil {
			return fmt.Errorf("programme %s: %w", groups[i].Programmes[0].ID, err)
		}
	}
	// Training and attendance of people without a programme here (preceptors' listening
	// events, say) go in one last transaction.
	preceptees := map[string]bool{}
	for _, p := range b.Programmes {
		preceptees[p.PrecepteeID] = true
	}
	rest := model.Batch{
		Training: filter(b.Training, func(x model.TrainingRecord) bool { return !preceptees[x.UserID] }),
		Learning: filter(b.Learning, func(x model.LearningEvent) bool { return !preceptees[x.UserID] }),
	}
	return ss.write(ctx, func(w *wtx) error { return w.putPersonal(ctx, &rest) })
}

// programmeRecords counts the records that belong to a programme.
func programmeRecords(b model.Batch) int {
	return len(b.Competencies) + len(b.Progress) + len(b.History) + len(b.SignOffs) + len(b.Evidence) + len(b.Goals) +
		len(b.Actions) + len(b.Meetings) + len(b.Conversations) + len(b.Concerns) + len(b.Supervision) + len(b.Confirmations)
}

// programmeBatch picks out one programme's records, with its preceptee's training and
// attendance, so that each programme is stored in a transaction of its own.
func programmeBatch(b model.Batch, p model.Programme) model.Batch {
	in := func(id string) bool { return id == p.ID }
	return model.Batch{
		Programmes:    []model.Programme{p},
		Competencies:  filter(b.Competencies, func(x model.Competency) bool { return in(x.ProgrammeID) }),
		Progress:      filter(b.Progress, func(x model.Progress) bool { return in(x.ProgrammeID) }),
		History:       filter(b.History, func(x model.StatusChange) bool { return in(x.ProgrammeID) }),
		SignOffs:      filter(b.SignOffs, func(x model.SignOff) bool { return in(x.ProgrammeID) }),
		Evidence:      filter(b.Evidence, func(x model.Evidence) bool { return in(x.ProgrammeID) }),
		Goals:         filter(b.Goals, func(x model.Goal) bool { return in(x.ProgrammeID) }),
		Actions:       filter(b.Actions, func(x model.ActionItem) bool { return in(x.ProgrammeID) }),
		Meetings:      filter(b.Meetings, func(x model.Meeting) bool { return in(x.ProgrammeID) }),
		Conversations: filter(b.Conversations, func(x model.CareerConversation) bool { return in(x.ProgrammeID) }),
		Concerns:      filter(b.Concerns, func(x model.Concern) bool { return in(x.ProgrammeID) }),
		Supervision:   filter(b.Supervision, func(x model.Supervision) bool { return in(x.ProgrammeID) }),
		Confirmations: filter(b.Confirmations, func(x model.Confirmation) bool { return in(x.ProgrammeID) }),
		Training:      filter(b.Training, func(x model.TrainingRecord) bool { return x.UserID == p.PrecepteeID }),
		Learning:      filter(b.Learning, func(x model.LearningEvent) bool { return x.UserID == p.PrecepteeID }),
	}
}

func filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// putBatch stores one programme's records after validating each.
func (w *wtx) putBatch(ctx context.Context, g *model.Batch) error {
	each := func(n int, fn func(i int) (any, error)) error {
		for i := range n {
			rec, err := fn(i)
			if err != nil {
				return err
			}
			if _, err := w.put(ctx, rec); err != nil {
				return err
			}
		}
		return nil
	}
	p := &g.Programmes[0]
	steps := []error{
		each(1, func(int) (any, error) { return p, nil }),
		each(len(g.Competencies), func(i int) (any, error) { return &g.Competencies[i], model.ValidateCompetency(g.Competencies[i]) }),
		each(len(g.Progress), func(i int) (any, error) { return &g.Progress[i], nil }),
		each(len(g.History), func(i int) (any, error) { return &g.History[i], nil }),
		each(len(g.SignOffs), func(i int) (any, error) { return &g.SignOffs[i], nil }),
		each(len(g.Goals), func(i int) (any, error) { return &g.Goals[i], model.ValidateGoal(g.Goals[i]) }),
		each(len(g.Actions), func(i int) (any, error) { return &g.Actions[i], model.ValidateAction(g.Actions[i]) }),
		each(len(g.Meetings), func(i int) (any, error) { return &g.Meetings[i], model.ValidateMeeting(g.Meetings[i]) }),
		each(len(g.Conversations), func(i int) (any, error) {
			return &g.Conversations[i], model.ValidateCareerConversation(g.Conversations[i])
		}),
		each(len(g.Concerns), func(i int) (any, error) { return &g.Concerns[i], model.ValidateConcern(g.Concerns[i]) }),
		each(len(g.Supervision), func(i int) (any, error) { return &g.Supervision[i], model.ValidateSupervision(g.Supervision[i]) }),
		each(len(g.Confirmations), func(i int) (any, error) { return &g.Confirmations[i], nil }),
	}
	for _, err := range steps {
		if err != nil {
			return err
		}
	}
	for i := range g.Evidence {
		e := g.Evidence[i]
		if err := model.ValidateEvidence(e); err != nil {
			return fmt.Errorf("evidence %q: %w", e.Title, err)
		}
		if _, err := w.put(ctx, &e); err != nil {
			return err
		}
		if err := w.saveSections(ctx, e); err != nil {
			return err
		}
		if err := w.putLinks(ctx, e.ProgrammeID, e.ID, e.Codes); err != nil {
			return err
		}
		if err := w.putAttachments(ctx, e.ID, e.Attachments); err != nil {
			return err
		}
	}
	for _, gl := range g.Goals {
		if err := w.putLinks(ctx, gl.ProgrammeID, gl.ID, gl.Codes); err != nil {
			return err
		}
	}
	return w.putPersonal(ctx, g)
}

// putPersonal stores training (with certificates) and attendance records.
func (w *wtx) putPersonal(ctx context.Context, g *model.Batch) error {
	for i := range g.Learning {
		if err := model.ValidateLearningEvent(g.Learning[i]); err != nil {
			return err
		}
		if _, err := w.put(ctx, &g.Learning[i]); err != nil {
			return err
		}
	}
	for i := range g.Training {
		t := g.Training[i]
		if err := model.ValidateTraining(t); err != nil {
			return fmt.Errorf("training %q: %w", t.Course, err)
		}
		if _, err := w.put(ctx, &t); err != nil {
			return err
		}
		if err := w.putAttachments(ctx, t.ID, t.Attachments); err != nil {
			return err
		}
	}
	return nil
}

func (w *wtx) putLinks(ctx context.Context, programmeID, ownerID string, codes []string) error {
	for _, c := range codes {
		l := model.Link{ID: derivedID("link", ownerID, c), ProgrammeID: programmeID, OwnerID: ownerID, Code: c}
		if _, err := w.put(ctx, &l); err != nil {
			return err
		}
	}
	return nil
}

func (w *wtx) putAttachments(ctx context.Context, ownerID string, atts []model.Attachment) error {
	for _, a := range atts {
		if _, err := w.st.AttachmentPath(a.SHA256); err != nil {
			return fmt.Errorf("attachment %s: %w", a.Name, err)
		}
		a.OwnerID = ownerID
		if a.ID == "" {
			a.ID = derivedID("attachment", ownerID, a.SHA256, a.Name)
		}
		if _, err := w.put(ctx, &a); err != nil {
			return err
		}
	}
	return nil
}
