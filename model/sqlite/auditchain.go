package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
)

// auditEntry is one line of the audit log, as the chain hashes it.
type auditEntry struct {
	at, device, userID, action, tbl, rowID, fields string
}

// chainHash is the entry's link: SHA-256 over the previous link and each field, every field
// length-prefixed so no two different entries can hash the same bytes.
func chainHash(prev string, e auditEntry) string {
	h := sha256.New()
	for _, f := range []string{prev, e.at, e.device, e.userID, e.action, e.tbl, e.rowID, e.fields} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// auditWriter appends entries to the chain inside one transaction (SQLite's single writer
// keeps two appends from reading the same last link).
type auditWriter struct {
	q    querier
	last *string // the chain's last link, once read
	// exec, when set, runs the insert (the applier's prepared statements).
	exec func(ctx context.Context, q string, args ...any) (sql.Result, error)
}

func (a *auditWriter) append(ctx context.Context, e auditEntry) error {
	if a.last == nil {
		var prev string
		err := a.q.QueryRowContext(ctx, `SELECT hash FROM audit ORDER BY seq DESC LIMIT 1`).Scan(&prev)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("audit: %w", err)
		}
		a.last = &prev
	}
	link := chainHash(*a.last, e)
	exec := a.exec
	if exec == nil {
		exec = a.q.ExecContext
	}
	if _, err := exec(ctx, `INSERT INTO audit(at, device, user_id, action, tbl, row_id, fields, hash) VALUES(?, ?, ?, ?, ?, ?, ?, ?)`,
		e.at, e.device, e.userID, e.action, e.tbl, e.rowID, e.fields, link); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	*a.last = link
	return nil
}

// checkAuditChain walks the log in order and describes the first entry whose link does not
// follow from the one before ("" when the chain is whole).
func checkAuditChain(ctx context.Context, q querier) (string, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, at, device, user_id, action, tbl, row_id, fields, hash FROM audit ORDER BY seq`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	prev, started := "", false
	for rows.Next() {
		var seq int64
		var e auditEntry
		var hash string
		if err := rows.Scan(&seq, &e.at, &e.device, &e.userID, &e.action, &e.tbl, &e.rowID, &e.fields, &hash); err != nil {
			return "", err
		}
		if hash == "" && !started {
			continue // written before the chain began
		}
		started = true
		if want := chainHash(prev, e); hash != want {
			return fmt.Sprintf("audit entry %d (%s, %s %s %s) does not follow from the one before: it or an earlier entry was changed, removed or inserted", seq, e.at, e.action, e.tbl, e.rowID), nil
		}
		prev = hash
	}
	return "", rows.Err()
}
