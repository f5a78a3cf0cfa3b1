package sqlite

import (
	"context"
	"strings"

	"pursuit/model"
)

// AuditLog reads this device's audit trail, newest first: every change and sign-in, who
// made it, when, and which fields it touched.
func (ss *Session) AuditLog(ctx context.Context, limit int) ([]model.AuditEntry, error) {
	if err := model.Can(ss.User, model.ViewAudit, nil); err != nil {
		return nil, err
	}
	rows, err := ss.st.rdb.QueryContext(ctx, `SELECT seq, at, device, user_id, action, tbl, row_id, fields FROM audit ORDER BY seq DESC LIMIT ?`, limit)
	if err != nil {
		return nil, humanise(err)
	}
	defer rows.Close()
	var out []model.AuditEntry
	for rows.Next() {
		var e model.AuditEntry
		var at, fields string
		if err := rows.Scan(&e.Seq, &at, &e.Device, &e.UserID, &e.Action, &e.Table, &e.RowID, &fields); err != nil {
			return nil, err
		}
		e.At, _ = parseTime(at)
		if fields != "" {
			e.Fields = strings.Split(fields, ",")
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
