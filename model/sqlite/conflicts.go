package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"pursuit/model"
)

// Conflict is text that two devices changed from the same version: the version on screen
// (Kept) won the merge, Other lost it and is kept here until someone chooses.
type Conflict struct {
	ID          int64
	Table, Row  string
	Field       string
	What        string // "SLOT: strengths — ACC-01", in the words of the screens
	ProgrammeID string
	Kept        string
	Other       string
	OtherBy     string // name of who wrote Other
	DetectedAt  string
}

var fieldWords = map[string]string{
	"strengths": "SLOT: strengths", "learning_needs": "SLOT: learning needs", "opportunities": "SLOT: opportunities",
	"threats": "SLOT: threats", "title": "Title", "text": "Text", "detail": "Detail", "notes": "Notes",
	"aspirations": "Aspirations", "next_steps": "Next steps", "summary": "Summary", "support_plan": "Support plan",
	"resolution": "Resolution", "themes": "Themes", "actions": "Actions", "description": "Description", "course": "Course",
}

// Conflicts lists the open "changed on two devices" choices this person may see.
func (ss *Session) Conflicts(ctx context.Context) ([]Conflict, error) {
	rows, err := ss.st.rdb.QueryContext(ctx, `SELECT c.id, c.tbl, c.row_id, c.field, c.other_value, c.detected_at, coalesce(u.name, '')
		FROM sync_conflicts c LEFT JOIN users u ON u.id = c.other_by WHERE c.resolved_at = '' ORDER BY c.id`)
	if err != nil {
		return nil, fmt.Errorf("read conflicts: %w", err)
	}
	var all []Conflict
	for rows.Next() {
		var c Conflict
		if err := rows.Scan(&c.ID, &c.Table, &c.Row, &c.Field, &c.Other, &c.DetectedAt, &c.OtherBy); err != nil {
			rows.Close()
			return nil, err
		}
		all = append(all, c)
	}
	rows.Close()
	var out []Conflict
	for _, c := range all {
		if err := ss.describeConflict(ctx, ss.st.rdb, &c, false); err != nil {
			continue // not this person's to see
		}
		out = append(out, c)
	}
	return out, nil
}

// ConflictCount is how many open conflicts this person may see.
func (ss *Session) ConflictCount(ctx context.Context) (int, error) {
	cs, err := ss.Conflicts(ctx)
	return len(cs), err
}

// ResolveConflict settles one conflict: keepOther puts the other device's text back,
// otherwise the text on screen stays. Either way the choice is written as a new edit of
// the field, later than both versions and naming the versions it settles, so every device
// settles the same way.
func (ss *Session) ResolveConflict(ctx context.Context, id int64, keepOther bool) error {
	return ss.write(ctx, func(w *wtx) error {
		var c Conflict
		err := w.tx.QueryRowContext(ctx, `SELECT id, tbl, row_id, field, other_value FROM sync_conflicts WHERE id = ? AND resolved_at = ''`, id).
			Scan(&c.ID, &c.Table, &c.Row, &c.Field, &c.Other)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: this choice has already been made", model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if err := ss.describeConflict(ctx, w.tx, &c, true); err != nil {
			return err
		}
		value := c.Kept
		if keepOther {
			value = c.Other
		}
		// The choice settles every version of this field open here: the person saw them
		// all side by side with the one on screen.
		var settles []string
		rows, err := w.tx.QueryContext(ctx, `SELECT other_hlc FROM sync_conflicts WHERE tbl = ? AND row_id = ? AND field = ? AND resolved_at = '' ORDER BY other_hlc`, c.Table, c.Row, c.Field)
		if err != nil {
			return err
		}
		for rows.Next() {
			var h string
			rows.Scan(&h)
			settles = append(settles, h)
		}
		rows.Close()
		if err := w.setField(ctx, c.Table, c.Row, c.Field, value, settles); err != nil {
			return err
		}
		_, err = w.tx.ExecContext(ctx, `UPDATE sync_conflicts SET resolved_at = ? WHERE tbl = ? AND row_id = ? AND field = ? AND resolved_at = ''`,
			formatTime(w.now), c.Table, c.Row, c.Field)
		return err
	})
}

// describeConflict fills in the current text and a description of the record, checking
// that this person may see it (and, with edit, change it).
func (ss *Session) describeConflict(ctx context.Context, q querier, c *Conflict, edit bool) error {
	kind, ok := model.KindOf(c.Table)
	t, known := tables.named(c.Table)
	if !ok || !known || kind.Belongs == model.OfAccount || kind.Belongs == model.TheProgramme {
		return fmt.Errorf("%w: %s", model.ErrForbidden, c.Table)
	}
	if _, ok := t.colSet[c.Field]; !ok {
		return fmt.Errorf("%w: %s has no field %s", model.ErrInvalid, c.Table, c.Field)
	}
	action := kind.View
	if edit {
		action = kind.Edit
		if c.Table == "actions" { // as the action's owner says: a goal's or a meeting's
			if a, err := get[model.ActionItem](ctx, q, c.Row); err == nil {
				if action, err = ss.actionOwner(ctx, q, a); err != nil {
					return err
				}
			}
		}
	}
	var kept, label, programmeID, userID string
	row := q.QueryRowContext(ctx, "SELECT "+c.Field+" FROM "+c.Table+" WHERE id = ?", c.Row)
	if err := row.Scan(&kept); err != nil {
		return fmt.Errorf("read %s %s: %w", c.Table, c.Row, err)
	}
	c.Kept = kept
	switch c.Table {
	case "evidence_sections":
		q.QueryRowContext(ctx, `SELECT e.programme_id, e.title FROM evidence_sections s JOIN evidence e ON e.id = s.evidence_id WHERE s.id = ?`, c.Row).Scan(&programmeID, &label)
	case "progress":
		q.QueryRowContext(ctx, `SELECT programme_id, code FROM progress WHERE id = ?`, c.Row).Scan(&programmeID, &label)
	case "evidence", "goals":
		q.QueryRowContext(ctx, "SELECT programme_id, title FROM "+c.Table+" WHERE id = ?", c.Row).Scan(&programmeID, &label)
	case "meetings", "career_conversations", "supervision":
		q.QueryRowContext(ctx, "SELECT programme_id, date FROM "+c.Table+" WHERE id = ?", c.Row).Scan(&programmeID, &label)
	case "actions", "concerns":
		q.QueryRowContext(ctx, "SELECT programme_id FROM "+c.Table+" WHERE id = ?", c.Row).Scan(&programmeID)
	case "training", "learning_events":
		q.QueryRowContext(ctx, "SELECT user_id FROM "+c.Table+" WHERE id = ?", c.Row).Scan(&userID)
	case "competencies":
		q.QueryRowContext(ctx, `SELECT code FROM competencies WHERE id = ?`, c.Row).Scan(&label)
	}
	c.ProgrammeID = programmeID
	c.What = fieldWords[c.Field]
	if c.What == "" {
		c.What = strings.ReplaceAll(c.Field, "_", " ")
	}
	c.What = kind.Words + " — " + c.What
	if label != "" {
		c.What += " — " + label
	}
	switch {
	case userID != "":
		return ss.forPerson(ctx, q, userID, action)
	case programmeID != "":
		_, err := ss.programmeFor(ctx, q, programmeID, action)
		return err
	}
	return model.Can(ss.User, action, nil)
}

// setField writes one field with a new clock even when the value is unchanged: a choice
// between two versions must travel to the devices that still show the other one.
func (w *wtx) setField(ctx context.Context, tbl, id, field, value string, settles []string) error {
	t, _ := tables.named(tbl)
	_, cur, exists, err := w.current(ctx, t, id)
	if err != nil {
		return err
	}
	if !exists || cur.deleted {
		return fmt.Errorf("%w: %s %s has been deleted", model.ErrNotFound, tbl, id)
	}
	base := cur.clocks[field]
	prev, _ := model.ParseHLC(base)
	hlc := w.st.clock.TickAfter(prev).String()
	cur.clocks[field] = hlc
	cur.bases.add(field, base)
	clocks, _ := json.Marshal(cur.clocks)
	bases, _ := json.Marshal(cur.bases)
	if _, err := w.tx.ExecContext(ctx, "UPDATE "+tbl+" SET "+field+" = ?, hlc = ?, bases = ? WHERE id = ?", value, string(clocks), string(bases), id); err != nil {
		return fmt.Errorf("save %s %s: %w", tbl, id, err)
	}
	op := model.Op{Format: model.OpFormat, Table: tbl, Row: id, Kind: model.OpPut, Fields: map[string]any{field: value}, HLC: hlc}
	if base != "" {
		op.Base = map[string]string{field: base}
	}
	if len(settles) > 0 {
		op.Resolves = map[string][]string{field: settles}
	}
	return w.record(ctx, "update", op)
}

// KeptVersions are the texts of a field that lost a merge and were kept as conflict
// versions, open or settled.
func (s *Store) KeptVersions(ctx context.Context, tbl, row, field string) ([]string, error) {
	return s.strings(ctx, `SELECT other_value FROM sync_conflicts WHERE tbl = ? AND row_id = ? AND field = ? ORDER BY other_hlc`, tbl, row, field)
}
