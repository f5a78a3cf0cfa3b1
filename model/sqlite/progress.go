package sqlite

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"pursuit/model"
)

func progressID(programmeID, code string) string { return model.ProgressID(programmeID, code) }

// Competencies lists a preceptee's competencies with their progress: the framework's
// competencies for the preceptee's profession, those added to this plan as stretch goals
// or as individual competencies, and retired ones that already carry progress.
func (ss *Session) Competencies(ctx context.Context, programmeID string) ([]model.CompetencyView, error) {
	p, err := ss.programmeFor(ctx, ss.st.rdb, programmeID, model.ViewPortfolio)
	if err != nil {
		return nil, err
	}
	views, err := competencyViews(ctx, ss.st.rdb, p)
	if err != nil {
		return nil, err
	}
	pr, err := ss.st.unprovenIn(ctx, ss.st.rdb, p)
	if err != nil {
		return nil, err
	}
	believeSignOffs(views, pr)
	return views, nil
}

func competencyViews(ctx context.Context, q querier, p model.Programme) ([]model.CompetencyView, error) {
	comps, err := list[model.Competency](ctx, q, "(framework_id = ? AND programme_id = '') OR programme_id = ?", "programme_id, position, code", p.FrameworkID, p.ID)
	if err != nil {
		return nil, err
	}
	progress, err := list[model.Progress](ctx, q, "programme_id = ?", "", p.ID)
	if err != nil {
		return nil, err
	}
	counts, err := evidenceCounts(ctx, q, p.ID)
	if err != nil {
		return nil, err
	}
	return joinViews(p, comps, progress, counts), nil
}

// joinViews decides which competencies are in one preceptee's plan (shared with the cohort
// overview, which loads many programmes at once).
func joinViews(p model.Programme, comps []model.Competency, progress []model.Progress, counts map[string]int) []model.CompetencyView {
	byCode := make(map[string]model.Progress, len(progress))
	for _, pr := range progress {
		byCode[strings.ToLower(pr.Code)] = pr
	}
	var out []model.CompetencyView
	for _, c := range comps {
		pr, has := byCode[strings.ToLower(c.Code)]
		inPlan := c.ProgrammeID == p.ID ||
			(!c.Retired && c.AppliesToProfession(p.Profession)) ||
			(has && (pr.Stretch || pr.Status != model.NotStarted))
		if !inPlan {
			continue
		}
		if !has {
			pr = model.Progress{ID: progressID(p.ID, c.Code), ProgrammeID: p.ID, Code: c.Code, Status: model.NotStarted}
		}
		if pr.Status == "" {
			pr.Status = model.NotStarted
		}
		out = append(out, model.CompetencyView{Competency: c, Progress: pr, Evidence: counts[strings.ToLower(c.Code)]})
	}
	return out
}

func evidenceCounts(ctx context.Context, q querier, programmeID string) (map[string]int, error) {
	rows, err := q.QueryContext(ctx, `SELECT lower(l.code), count(DISTINCT l.owner_id) FROM links l
		JOIN evidence e ON e.id = l.owner_id AND e.deleted = 0
		WHERE l.programme_id = ? AND l.deleted = 0 GROUP BY lower(l.code)`, programmeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			return nil, err
		}
		out[code] = n
	}
	return out, rows.Err()
}

// competencyIn finds one competency of a preceptee's plan, or says it is not there.
func competencyIn(ctx context.Context, q querier, p model.Programme, code string) (model.CompetencyView, error) {
	views, err := competencyViews(ctx, q, p)
	if err != nil {
		return model.CompetencyView{}, err
	}
	for _, v := range views {
		if strings.EqualFold(v.Code, code) {
			return v, nil
		}
	}
	return model.CompetencyView{}, fmt.Errorf("%w: competency %s is not in this preceptee's framework", model.ErrNotFound, code)
}

// SaveSLOT stores the preceptee's SLOT analysis for one competency. Writing one starts
// the competency.
func (ss *Session) SaveSLOT(ctx context.Context, programmeID, code string, slot model.SLOT) error {
	if len(slot.Strengths)+len(slot.LearningNeeds)+len(slot.Opportunities)+len(slot.Threats) > model.MaxSectionLen {
		return &model.ValidationError{Field: "SLOT", Message: "the analysis is too long"}
	}
	switch slot.Confident {
	case model.ConfidenceUnset, model.ConfidenceYes, model.ConfidencePartly, model.ConfidenceNo:
	default:
		return &model.ValidationError{Field: "confident", Message: "answer yes, partly or no"}
	}
	return ss.write(ctx, func(w *wtx) error {
		p, err := ss.programmeFor(ctx, w.tx, programmeID, model.EditPortfolio)
		if err != nil {
			return err
		}
		v, err := competencyIn(ctx, w.tx, p, code)
		if err != nil {
			return err
		}
		pr := v.Progress
		if pr.SLOT == slot {
			return nil
		}
		pr.SLOT = slot
		if pr.Status == model.NotStarted && slot.Started() {
			if err := w.changeStatus(ctx, ss.User, &pr, model.InProgress, ""); err != nil {
				return err
			}
		}
		pr.UpdatedAt = w.now
		_, err = w.put(ctx, &pr)
		return err
	})
}

// changeStatus appends the history line for a status change and moves the progress.
func (w *wtx) changeStatus(ctx context.Context, by model.User, pr *model.Progress, to model.Status, comment string) error {
	ch := model.StatusChange{
		ID: w.st.id(), ProgrammeID: pr.ProgrammeID, Code: pr.Code, From: pr.Status, To: to,
		ByID: by.ID, ByName: by.Name, ByRole: by.Role, At: w.now, Comment: comment,
	}
	if err := w.insert(ctx, &ch); err != nil {
		return err
	}
	pr.Status = to
	pr.UpdatedAt = w.now
	return nil
}

// ChangeStatus moves a competency along its path on the preceptee's own authority: start
// it, request sign-off, withdraw a request. Sign-off and return need the preceptor's
// password: see SignOff and ReturnCompetency.
func (ss *Session) ChangeStatus(ctx context.Context, programmeID, code string, to model.Status, comment string) error {
	return ss.write(ctx, func(w *wtx) error {
		p, err := get[model.Programme](ctx, w.tx, programmeID)
		if err != nil {
			return err
		}
		v, err := competencyIn(ctx, w.tx, p, code)
		if err != nil {
			return err
		}
		action, err := model.TransitionAction(v.Progress.Status, to)
		if err != nil {
			return err
		}
		if action != model.EditPortfolio {
			return fmt.Errorf("%w: %s needs the preceptor's own password", model.ErrForbidden, strings.ToLower(to.Label()))
		}
		if to == model.EvidenceSubmitted {
			if err := model.ReadyToRequest(v); err != nil {
				return err
			}
		}
		if err := model.Can(ss.User, action, &p); err != nil {
			return err
		}
		pr := v.Progress
		if err := w.changeStatus(ctx, ss.User, &pr, to, comment); err != nil {
			return err
		}
		_, err = w.put(ctx, &pr)
		return err
	})
}

// Countersignature is a preceptor confirming something on whatever PC is to hand,
// by entering their own username and password at that moment.
type Countersignature struct {
	Username string
	Password string
}

// SignOff records the preceptor's sign-off of a competency whose evidence was submitted.
// The signer proves who they are now, even on the preceptee's own session, and must be
// this preceptee's named preceptor; a preceptee can never sign off their own competency.
func (ss *Session) SignOff(ctx context.Context, programmeID, code string, by Countersignature) (model.SignOff, error) {
	var so model.SignOff
	me, err := ss.st.authenticate(ctx, by.Username, by.Password)
	if err != nil {
		return so, err
	}
	signer := me.user
	err = ss.st.write(ctx, me, func(w *wtx) error {
		p, err := ss.programmeFor(ctx, w.tx, programmeID, model.ViewPortfolio)
		if err != nil {
			return err
		}
		if err := model.Can(signer, model.SignOffCompetency, &p); err != nil {
			return err
		}
		v, err := competencyIn(ctx, w.tx, p, code)
		if err != nil {
			return err
		}
		if _, err := model.TransitionAction(v.Progress.Status, model.SignedOff); err != nil {
			return fmt.Errorf("%w (the preceptee requests sign-off when the evidence is ready)", err)
		}
		if err := model.ReadyToRequest(v); err != nil {
			return err
		}
		so = model.SignOff{
			ID: ss.st.id(), ProgrammeID: p.ID, Code: v.Code, SignerID: signer.ID, SignerName: signer.Name,
			SignerRole: signer.Role, At: w.now, Statement: model.SignOffStatement(signer.Name, v.Code, v.Title),
		}
		if err := w.insert(ctx, &so); err != nil {
			return err
		}
		pr := v.Progress
		if err := w.changeStatus(ctx, signer, &pr, model.SignedOff, ""); err != nil {
			return err
		}
		_, err = w.put(ctx, &pr)
		return err
	})
	return so, err
}

// ReturnCompetency sends a submitted competency back with the preceptor's comments.
func (ss *Session) ReturnCompetency(ctx context.Context, programmeID, code string, by Countersignature, comment string) error {
	if strings.TrimSpace(comment) == "" {
		return &model.ValidationError{Field: "comments", Message: "say what the preceptee should add or change"}
	}
	me, err := ss.st.authenticate(ctx, by.Username, by.Password)
	if err != nil {
		return err
	}
	signer := me.user
	return ss.st.write(ctx, me, func(w *wtx) error {
		p, err := get[model.Programme](ctx, w.tx, programmeID)
		if err != nil {
			return err
		}
		if err := model.Can(signer, model.ReturnCompetency, &p); err != nil {
			return err
		}
		v, err := competencyIn(ctx, w.tx, p, code)
		if err != nil {
			return err
		}
		if _, err := model.TransitionAction(v.Progress.Status, model.Returned); err != nil {
			return err
		}
		pr := v.Progress
		if err := w.changeStatus(ctx, signer, &pr, model.Returned, comment); err != nil {
			return err
		}
		_, err = w.put(ctx, &pr)
		return err
	})
}

// AddStretch puts a framework competency (a "should" or "could", or one outside the
// preceptee's profession) into one preceptee's plan.
func (ss *Session) AddStretch(ctx context.Context, programmeID, code string) error {
	return ss.write(ctx, func(w *wtx) error {
		p, err := ss.programmeFor(ctx, w.tx, programmeID, model.AddStretch)
		if err != nil {
			return err
		}
		comps, err := list[model.Competency](ctx, w.tx, "framework_id = ? AND programme_id = '' AND lower(code) = lower(?) AND retired = 0", "", p.FrameworkID, code)
		if err != nil {
			return err
		}
		if len(comps) == 0 {
			return fmt.Errorf("%w: competency %s is not in the framework", model.ErrNotFound, code)
		}
		pr, err := get[model.Progress](ctx, w.tx, progressID(p.ID, comps[0].Code))
		if err != nil {
			pr = model.Progress{ID: progressID(p.ID, comps[0].Code), ProgrammeID: p.ID, Code: comps[0].Code, Status: model.NotStarted}
		}
		pr.Stretch = true
		pr.UpdatedAt = w.now
		_, err = w.put(ctx, &pr)
		return err
	})
}

// AddIndividualCompetency adds a competency written for one preceptee's practice.
func (ss *Session) AddIndividualCompetency(ctx context.Context, programmeID string, c model.Competency) (model.Competency, error) {
	err := ss.write(ctx, func(w *wtx) error {
		p, err := ss.programmeFor(ctx, w.tx, programmeID, model.AddStretch)
		if err != nil {
			return err
		}
		if err := model.ValidateCompetency(c); err != nil {
			return err
		}
		if _, err := competencyIn(ctx, w.tx, p, c.Code); err == nil {
			return &model.ValidationError{Field: "code", Message: fmt.Sprintf("%s is already in this preceptee's plan", c.Code)}
		}
		c.ID = derivedID("individual", p.ID, strings.ToLower(c.Code))
		c.ProgrammeID = p.ID
		c.FrameworkID = ""
		c.Position = 100000
		if _, err := w.put(ctx, &c); err != nil {
			return err
		}
		pr := model.Progress{ID: progressID(p.ID, c.Code), ProgrammeID: p.ID, Code: c.Code, Status: model.NotStarted, Stretch: true, UpdatedAt: w.now}
		_, err = w.put(ctx, &pr)
		return err
	})
	return c, err
}

// History lists a competency's status changes, oldest first.
func (ss *Session) History(ctx context.Context, programmeID, code string) ([]model.StatusChange, error) {
	if _, err := ss.programmeFor(ctx, ss.st.rdb, programmeID, model.ViewPortfolio); err != nil {
		return nil, err
	}
	return list[model.StatusChange](ctx, ss.st.rdb, "programme_id = ? AND lower(code) = lower(?)", "at, id", programmeID, code)
}

// SignOffs lists a programme's sign-offs, oldest first.
func (ss *Session) SignOffs(ctx context.Context, programmeID string) ([]model.SignOff, error) {
	p, err := ss.programmeFor(ctx, ss.st.rdb, programmeID, model.ViewPortfolio)
	if err != nil {
		return nil, err
	}
	out, err := list[model.SignOff](ctx, ss.st.rdb, "programme_id = ?", "at, id", programmeID)
	if err != nil {
		return nil, err
	}
	pr, err := ss.st.unprovenIn(ctx, ss.st.rdb, p)
	if err != nil {
		return nil, err
	}
	out = keepProven(out, pr.bad, "signoffs", func(x model.SignOff) string { return x.ID })
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, nil
}
