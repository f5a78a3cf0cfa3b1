package sqlite

import (
	"context"
	"fmt"

	"pursuit/model"
)

// SaveProgramme creates or updates a preceptee's programme. The people it names must hold
// the matching roles, so a sign-off can later be checked against them.
func (ss *Session) SaveProgramme(ctx context.Context, p model.Programme) (model.Programme, error) {
	if err := model.Can(ss.User, model.ManageProgrammes, nil); err != nil {
		return p, err
	}
	p = p.WithDefaults()
	if err := model.ValidateProgramme(p); err != nil {
		return p, err
	}
	roles := []struct {
		id, what string
		role     model.Role
	}{
		{p.PrecepteeID, "preceptee", model.RolePreceptee},
		{p.PreceptorID, "preceptor", model.RolePreceptor},
		{p.LineManagerID, "line manager", model.RoleLineManager},
		{p.SupervisorID, "clinical supervisor", model.RoleFacilitator},
		{p.FacilitatorID, "career-conversation facilitator", model.RoleFacilitator},
	}
	for _, r := range roles {
		if r.id == "" {
			continue
		}
		u, err := get[model.User](ctx, ss.st.rdb, r.id)
		if err != nil {
			return p, &model.ValidationError{Field: r.what, Message: "no such account"}
		}
		if u.Role != r.role {
			return p, &model.ValidationError{Field: r.what, Message: fmt.Sprintf("%s is a %s, not a %s", u.Name, u.Role.Label(), r.role.Label())}
		}
	}
	if p.FrameworkID != "" {
		if _, err := get[model.Framework](ctx, ss.st.rdb, p.FrameworkID); err != nil {
			return p, &model.ValidationError{Field: "framework", Message: "no such framework"}
		}
	}
	if p.ID == "" {
		p.ID = ss.st.id()
	} else if was, err := get[model.Programme](ctx, ss.st.rdb, p.ID); err == nil && was.PrecepteeID != "" && was.PrecepteeID != p.PrecepteeID {
		return p, &model.ValidationError{Field: "preceptee", Message: "a programme stays with the preceptee it was made for (its sign-offs are hers): start a new programme for someone else"}
	}
	err := ss.write(ctx, func(w *wtx) error {
		_, err := w.put(ctx, &p)
		return err
	})
	return p, err
}

// ExtendProgramme lengthens a programme by whole months.
func (ss *Session) ExtendProgramme(ctx context.Context, id string, months int) (model.Programme, error) {
	p, err := get[model.Programme](ctx, ss.st.rdb, id)
	if err != nil {
		return p, err
	}
	if err := model.Can(ss.User, model.ManageProgrammes, &p); err != nil {
		return p, err
	}
	p, err = p.Extend(months)
	if err != nil {
		return p, err
	}
	return p, ss.write(ctx, func(w *wtx) error {
		_, err := w.put(ctx, &p)
		return err
	})
}

// seesProgramme: anyone with some part of the programme to read, or who manages it.
func seesProgramme(u model.User, p *model.Programme) bool {
	for _, a := range []model.Action{model.ViewPortfolio, model.ViewCareerConversation, model.ViewSupervision, model.ManageProgrammes} {
		if model.Allowed(u, a, p) {
			return true
		}
	}
	return false
}

// Programme reads one programme the session may see.
func (ss *Session) Programme(ctx context.Context, id string) (model.Programme, error) {
	p, err := get[model.Programme](ctx, ss.st.rdb, id)
	if err != nil {
		return p, err
	}
	if !seesProgramme(ss.User, &p) {
		return model.Programme{}, fmt.Errorf("%w: this programme belongs to someone you do not support", model.ErrForbidden)
	}
	return p, nil
}

// Programmes lists the programmes the session may see, newest start first.
func (ss *Session) Programmes(ctx context.Context) ([]model.Programme, error) {
	all, err := list[model.Programme](ctx, ss.st.rdb, "", "start_date DESC, id")
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for i := range all {
		if seesProgramme(ss.User, &all[i]) {
			out = append(out, all[i])
		}
	}
	return out, nil
}

// ProgrammeOf finds a preceptee's current programme.
func (ss *Session) ProgrammeOf(ctx context.Context, precepteeID string) (model.Programme, error) {
	ps, err := list[model.Programme](ctx, ss.st.rdb, "preceptee_id = ?", "start_date DESC, id", precepteeID)
	if err != nil {
		return model.Programme{}, err
	}
	if len(ps) == 0 {
		return model.Programme{}, fmt.Errorf("%w: no programme for this preceptee", model.ErrNotFound)
	}
	return ss.Programme(ctx, ps[0].ID)
}

// programmeFor loads a programme and checks one permission on it.
func (ss *Session) programmeFor(ctx context.Context, q querier, id string, action model.Action) (model.Programme, error) {
	p, err := get[model.Programme](ctx, q, id)
	if err != nil {
		return p, err
	}
	return p, model.Can(ss.User, action, &p)
}
