package sqlite

// Which records a person may read, for a dump made on their behalf: the permissions matrix
// applied row by row, with what each kind of record belongs to (model.Records).

import (
	"context"

	"pursuit/model"
)

// readable answers, for one person, whether they may read a row's words.
type readable struct {
	who        *model.User                 // nil: nobody
	programmes map[string]*model.Programme // by id
	latest     map[string]*model.Programme // a person's latest programme, by person
	evidence   map[string]string           // evidence id → programme id
	training   map[string]string           // training id → whose
}

func newReadable(ctx context.Context, q querier, ss *Session) (*readable, error) {
	r := &readable{programmes: map[string]*model.Programme{}, latest: map[string]*model.Programme{},
		evidence: map[string]string{}, training: map[string]string{}}
	if ss == nil {
		return r, nil
	}
	r.who = &ss.User
	ps, err := list[model.Programme](ctx, q, "", "start_date")
	if err != nil {
		return nil, err
	}
	for i := range ps {
		p := &ps[i]
		r.programmes[p.ID] = p
		r.latest[p.PrecepteeID] = p // in start order: the last is the latest
	}
	for _, m := range []struct {
		query string
		into  map[string]string
	}{
		{`SELECT id, programme_id FROM evidence`, r.evidence},
		{`SELECT id, user_id FROM training`, r.training},
	} {
		rows, err := q.QueryContext(ctx, m.query)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, v string
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return nil, err
			}
			m.into[id] = v
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// mayRead says whether the person may read the words of row, a record of kind.
func (r *readable) mayRead(kind model.RecordKind, row map[string]any) bool {
	if r.who == nil {
		return false
	}
	str := func(f string) string { v, _ := row[f].(string); return v }
	switch kind.Belongs {
	case model.OfAccount:
		return str("id") == r.who.ID || model.Allowed(*r.who, model.ManageUsers, nil)
	case model.OfFramework, model.TheProgramme:
		return true // no words of anyone's in them
	case model.OfPerson:
		return r.personal(str("user_id"), kind.View)
	}
	programme := str("programme_id")
	switch kind.Table {
	case "evidence_sections":
		programme = r.evidence[str("evidence_id")]
	case "attachments":
		owner := str("owner_id")
		if whose, ok := r.training[owner]; ok {
			return r.personal(whose, model.ViewPortfolio)
		}
		programme = r.evidence[owner]
	}
	p := r.programmes[programme]
	return p != nil && model.Allowed(*r.who, kind.View, p)
}

// personal says whether the person may read a record that is whose own.
func (r *readable) personal(whose string, action model.Action) bool {
	if whose == r.who.ID {
		return true
	}
	p := r.latest[whose]
	return p != nil && model.Allowed(*r.who, action, p)
}
