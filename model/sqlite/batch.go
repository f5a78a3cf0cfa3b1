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
	byProg := map[string]*model.Batch{}
	for _, p := range b.Programmes {
		if err := model.ValidateProgramme(p.WithDefaults()); err != nil {
			return fmt.Errorf("programme %s: %w", p.ID, err)
		}
		byProg[p.ID] = &model.Batch{Programmes: []model.Programme{p.WithDefaults()}}
	}
	for _, p := range b.Programmes { // person-owned records follow their preceptee's programme
		for _, t := range b.Training {
			if t.UserID == p.PrecepteeID {
				byProg[p.ID].Training = append(byProg[p.ID].Training, t)
			}
		}
		for _, e := range b.Learning {
			if e.UserID == p.PrecepteeID {
				byProg[p.ID].Learning = append(byProg[p.ID].Learning, e)
			}
		}
	}
	group := func(pid string) (*model.Batch, error) {
		g, ok := byProg[pid]
		if !ok {
			return nil, fmt.Errorf("record for programme %s, which is not in the batch", pid)
		}
		return g, nil
	}
	var err error
	add := func(pid string, fn func(g *model.Batch)) {
		if err != nil {
			return
		}
		var g *model.Batch
		if g, err = group(pid); err == nil {
			fn(g)
		}
	}
	for _, x := range b.Competencies {
		add(x.ProgrammeID, func(g *model.Batch) { g.Competencies = append(g.Competencies, x) })
	}
	for _, x := range b.Progress {
		add(x.ProgrammeID, func(g *model.Batch) { g.Progress = append(g.Progress, x) })
	}
	for _, x := range b.History {
		add(x.ProgrammeID, func(g *model.Batch) { g.History = append(g.History, x) })
	}
	for _, x := range b.SignOffs {
		add(x.ProgrammeID, func(g *model.Batch) { g.SignOffs = append(g.SignOffs, x) })
	}
	for _, x := range b.Evidence {
		add(x.ProgrammeID, func(g *model.Batch) { g.Evidence = append(g.Evidence, x) })
	}
	for _, x := range b.Goals {
		add(x.ProgrammeID, func(g *model.Batch) { g.Goals = append(g.Goals, x) })
	}
	for _, x := range b.Actions {
		add(x.ProgrammeID, func(g *model.Batch) { g.Actions = append(g.Actions, x) })
	}
	for _, x := range b.Meetings {
		add(x.ProgrammeID, func(g *model.Batch) { g.Meetings = append(g.Meetings, x) })
	}
	for _, x := range b.Conversations {
		add(x.ProgrammeID, func(g *model.Batch) { g.Conversations = append(g.Conversations, x) })
	}
	for _, x := range b.Concerns {
		add(x.ProgrammeID, func(g *model.Batch) { g.Concerns = append(g.Concerns, x) })
	}
	for _, x := range b.Supervision {
		add(x.ProgrammeID, func(g *model.Batch) { g.Supervision = append(g.Supervision, x) })
	}
	for _, x := range b.Confirmations {
		add(x.ProgrammeID, func(g *model.Batch) { g.Confirmations = append(g.Confirmations, x) })
	}
	if err != nil {
		return err
	}
	for _, p := range b.Programmes {
		if err := ss.st.write(ctx, ss.User, func(w *wtx) error { return w.putBatch(ctx, byProg[p.ID]) }); err != nil {
			return fmt.Errorf("programme %s: %w", p.ID, err)
		}
	}
	return nil
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
		each(len(g.Learning), func(i int) (any, error) { return &g.Learning[i], model.ValidateLearningEvent(g.Learning[i]) }),
		each(len(g.Training), func(i int) (any, error) { return &g.Training[i], model.ValidateTraining(g.Training[i]) }),
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
	for _, t := range g.Training {
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
