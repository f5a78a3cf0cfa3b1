package sqlite

// Changes kept aside: what arrived from the shared folder and may not apply (yet), kept
// with the reason, judged again when what it waits for arrives, listed for administrators
// and for the author who may vouch for it (rotation.go).

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"pursuit/model"
)

// keepAside records an operation that did not apply, with why. A refusal (refused non-nil)
// is kept whole and tried again later; an operation that cannot be applied at all is kept
// only in part, to show.
func (a *applier) keepAside(ctx context.Context, device string, seq uint64, raw []byte, author, reason string, refused *model.Refusal) error {
	kept, waiting, retry, waitsFor := truncateBytes(raw, 64<<10), false, false, ""
	if refused != nil {
		kept, waiting, retry, waitsFor = string(raw), refused.Waiting, true, refused.WaitsFor
	}
	// The same change from the same segment is kept once, when the share is read again from
	// the start (after an upgrade that needs it).
	res, err := a.exec(ctx, `INSERT INTO sync_rejected(device, seq, op, reason, at, author, waiting, retry, waits_for)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE NOT EXISTS (SELECT 1 FROM sync_rejected WHERE device = ?1 AND seq = ?2 AND op = ?3)`,
		device, seq, kept, reason, formatTime(a.now), author, waiting, retry, waitsFor)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err // kept already: not counted again
	}
	a.res.Rejected++
	id, err := res.LastInsertId()
	if a.keptNow == nil {
		a.keptNow = map[int64]bool{}
	}
	a.keptNow[id] = true
	return err
}

// maxWaiting is how long a change waits for its account or programme before it is kept
// only as refused: one that never comes must not be waited for for ever.
const maxWaiting = 30 * 24 * time.Hour

// retryWaiting judges again the operations refused for who wrote them, now that an account,
// a programme or a record has changed here, as long as applying some lets others through:
// the judgement then does not depend on which of them reached this device first.
func (a *applier) retryWaiting(ctx context.Context) error {
	// Waiting too long is waiting in vain: kept, shown, no longer tried.
	if _, err := a.exec(ctx, `UPDATE sync_rejected SET waiting = 0, retry = 0, reason = reason || ' (no longer waited for after 30 days)'
		WHERE retry = 1 AND waiting = 1 AND at < ?`, formatTime(a.now.Add(-maxWaiting))); err != nil {
		return err
	}
	for a.unlocks || a.rejudge || len(a.arrived) > 0 {
		// Waiting for an account or programme: tried when that one arrives. Waiting for the
		// record it belongs to: when any record does. Refused for who wrote it: only an
		// account or programme change can alter that.
		rejudge, unlocks := a.rejudge, a.unlocks
		arrived := make([]string, 0, len(a.arrived))
		for id := range a.arrived {
			arrived = append(arrived, id)
		}
		a.unlocks, a.rejudge, a.arrived = false, false, nil
		ids, _ := json.Marshal(arrived)
		rows, err := a.tx.QueryContext(ctx, `SELECT id, op FROM sync_rejected WHERE retry = 1 AND (
			(waiting = 1 AND waits_for <> '' AND waits_for IN (SELECT value FROM json_each(?1)))
			OR (waiting = 1 AND waits_for = '' AND ?2)
			OR (waiting = 0 AND ?3)) ORDER BY id`, string(ids), unlocks, rejudge)
		if err != nil {
			return err
		}
		type kept struct {
			id int64
			op string
		}
		var ks []kept
		for rows.Next() {
			var k kept
			if err := rows.Scan(&k.id, &k.op); err != nil {
				rows.Close()
				return err
			}
			ks = append(ks, k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		a.res.Rejudged += len(ks)
		for _, k := range ks {
			op, err := decodeOp(json.RawMessage(k.op))
			if err != nil {
				continue // it decoded when it was kept; a damaged row stays as it is
			}
			if err = a.judge(ctx, op, nil); err == nil {
				if err = a.applyKeepingProof(ctx, op); err == nil {
					if a.keptNow[k.id] { // kept aside earlier in this very segment
						a.res.Rejected--
					} else {
						a.res.Released++
					}
					_, err = a.exec(ctx, `DELETE FROM sync_rejected WHERE id = ?`, k.id)
				}
			}
			var r *model.Refusal
			if errors.As(err, &r) {
				_, err = a.exec(ctx, `UPDATE sync_rejected SET waiting = ?, reason = ?, waits_for = ? WHERE id = ?`, r.Waiting, r.Reason, r.WaitsFor, k.id)
			}
			var bad *badOpError
			if errors.As(err, &bad) {
				_, err = a.exec(ctx, `UPDATE sync_rejected SET waiting = 0, retry = 0, reason = ? WHERE id = ?`, bad.reason, k.id)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// KeptAsideSince counts the changes kept aside at or after t that still are.
func (s *Store) KeptAsideSince(ctx context.Context, t time.Time) (int, error) {
	var n int
	err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM sync_rejected WHERE at >= ?`, formatTime(t)).Scan(&n)
	return n, humanise(err)
}

// RejectedChange is an operation from the share this device did not apply, for the
// administrator's "rejected changes".
type RejectedChange struct {
	ID      int64 // for VouchFor
	Device  string
	Seq     uint64
	Author  string // the account it claims to be from: its name when known here, else the id
	Table   string
	Row     string
	Reason  string
	Waiting bool // for an account or programme that has not arrived: tried again when it does
	At      time.Time
	// OldKey: signed with one of its author's retired keys that does not list it, so its
	// author or an administrator may vouch for it (VouchFor).
	OldKey   bool
	AuthorID string
}

// RejectedChanges lists what was kept aside, newest first (administrators and leads).
func (ss *Session) RejectedChanges(ctx context.Context, limit int) ([]RejectedChange, error) {
	if err := model.Can(ss.User, model.ViewAudit, nil); err != nil {
		return nil, err
	}
	return ss.st.rejectedChanges(ctx, limit)
}

func (s *Store) rejectedChanges(ctx context.Context, limit int) ([]RejectedChange, error) {
	return s.keptAside(ctx, "", limit)
}

// keptAside lists what was kept aside, newest first: all of it, or (author non-empty) that
// author's changes signed with a retired key.
func (s *Store) keptAside(ctx context.Context, author string, limit int) ([]RejectedChange, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT r.id, r.device, r.seq, coalesce(u.name, r.author), r.op, r.reason, r.waiting, r.at, r.author
		FROM sync_rejected r LEFT JOIN users u ON u.id = r.author WHERE ?1 = '' OR r.author = ?1 ORDER BY r.id DESC LIMIT ?2`, author, limit)
	if err != nil {
		return nil, humanise(err)
	}
	defer rows.Close()
	var out []RejectedChange
	for rows.Next() {
		var c RejectedChange
		var op, at string
		if err := rows.Scan(&c.ID, &c.Device, &c.Seq, &c.Author, &op, &c.Reason, &c.Waiting, &at, &c.AuthorID); err != nil {
			return nil, humanise(err)
		}
		var o model.Op
		if json.Unmarshal([]byte(op), &o) == nil {
			c.Table, c.Row = o.Table, o.Row
			if c.OldKey, err = s.signedWithClosedKey(ctx, o); err != nil {
				return nil, err
			}
		}
		if author != "" && !c.OldKey {
			continue
		}
		c.At, _ = parseTime(at)
		c.Reason = strings.TrimSpace(c.Reason)
		out = append(out, c)
	}
	return out, humanise(rows.Err())
}
