package sqlite

// The locks on a stored record (model.RecordKind.Locks), read for the judge of changes
// from the shared folder: the same locks the app keeps when someone edits on this PC.

import (
	"context"

	"pursuit/model"
)

// locks reads which of its kind's locks hold on the record op changes, as stored here.
func (a *applier) locks(ctx context.Context, op model.Op, kind model.RecordKind) (map[model.Lock]bool, error) {
	if len(kind.Locks) == 0 {
		return nil, nil
	}
	out := map[model.Lock]bool{}
	evidenceID := ""
	switch op.Table {
	case "evidence":
		evidenceID = op.Row
	case "evidence_sections", "attachments":
		field := "evidence_id"
		if op.Table == "attachments" {
			field = "owner_id"
		}
		v, err := a.column(ctx, op.Table, op.Row, field)
		if err != nil {
			return nil, err
		}
		evidenceID = v
	}
	if kind.HasLock(model.LockConfirmedTestimony) && evidenceID != "" {
		v, err := a.column(ctx, "evidence", evidenceID, "locked")
		if err != nil {
			return nil, err
		}
		out[model.LockConfirmedTestimony] = v == "1"
	}
	if kind.HasLock(model.LockSignedOffEvidence) {
		var links [][2]string // programme, code
		q, arg := `SELECT programme_id, code FROM links WHERE owner_id = ? AND deleted = 0`, op.Row
		if op.Table == "links" {
			q = `SELECT programme_id, code FROM links WHERE id = ?`
		}
		rows, err := a.tx.QueryContext(ctx, q, arg)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var l [2]string
			if err := rows.Scan(&l[0], &l[1]); err != nil {
				rows.Close()
				return nil, err
			}
			links = append(links, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, l := range links {
			status, err := a.column(ctx, "progress", model.ProgressID(l[0], l[1]), "status")
			if err != nil {
				return nil, err
			}
			if model.Status(status) == model.SignedOff {
				out[model.LockSignedOffEvidence] = true
				break
			}
		}
	}
	if kind.HasLock(model.LockSignedOff) {
		status, err := a.column(ctx, "progress", op.Row, "status")
		if err != nil {
			return nil, err
		}
		out[model.LockSignedOff] = model.Status(status) == model.SignedOff
	}
	return out, nil
}
