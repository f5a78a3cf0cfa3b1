package sqlite

// Changes kept aside: what arrived from the shared folder and may not apply (yet), kept
// with the reason, judged again when what it waits for arrives, listed for administrators
// and for the author who may vouch for it (rotation.go).

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"pursuit/model"
)

// DefaultKeptAsideLimit is how many changes one device, or one claimed author, may have
// kept aside here; ten times as many, from all devices together, that may still count.
// A person's offline work with an old key is a few hundred changes. Past a limit, the
// device's segment is not applied: it and that device's later ones wait on the shared
// folder, read again when what is kept aside here has gone down (released, vouched for,
// expired). Nothing is dropped, so a new PC that meets a Trust's changes before the
// accounts that made them only takes longer; a flood from one file, one name or many
// made-up devices stops growing the database.
const DefaultKeptAsideLimit = 10_000

// KeptAsideFullError says a segment was not applied because keeping its refused changes
// aside would pass a limit (DefaultKeptAsideLimit).
type KeptAsideFullError struct {
	Device, Author string
	Whose          string // "this device", "this author", "all devices together"
	Limit          int
}

func (e *KeptAsideFullError) Error() string {
	return fmt.Sprintf("this PC already keeps aside %d changes from %s that cannot count yet, so this device's changes from here on wait on the shared folder until those count, are vouched for or expire; a PC sending this many refused changes is faulty or misused: tell IT", e.Limit, e.Whose)
}

// keepAside records an operation that did not apply, with why. A refusal (refused non-nil)
// is kept whole and tried again later; an operation that cannot be applied at all is kept
// only in part, to show. Past a limit, it returns a *KeptAsideFullError and the segment is
// not applied.
func (a *applier) keepAside(ctx context.Context, device string, seq uint64, raw []byte, author, reason string, refused *model.Refusal) error {
	kept, waiting, retry, waitsFor := truncateBytes(raw, 4<<10), false, false, ""
	if refused != nil {
		kept, waiting, retry, waitsFor = string(raw), refused.Waiting, true, refused.WaitsFor
	}
	if err := a.checkRoom(ctx, device, author, retry); err != nil {
		return err
	}
	// The same change from the same segment is kept once, when the share is read again from
	// the start (after an upgrade that needs it).
	q := `INSERT INTO sync_rejected(device, seq, op, reason, at, author, waiting, retry, waits_for) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`
	if a.reread {
		q = `INSERT INTO sync_rejected(device, seq, op, reason, at, author, waiting, retry, waits_for)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE NOT EXISTS (SELECT 1 FROM sync_rejected WHERE device = ?1 AND seq = ?2 AND op = ?3)`
	}
	res, err := a.exec(ctx, q, device, seq, kept, reason, formatTime(a.now), author, waiting, retry, waitsFor)
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

// keptKey names what kept-aside changes are counted by: a device, a claimed author, or
// (both empty) all that may still count.
type keptKey struct{ device, author string }

// checkRoom counts the change about to be kept aside against the limits: every change
// kept from its device, and, when it may still count (retry), those of its claimed author
// and those of everyone (a flood in the names of a Trust's real accounts, each under its
// own limit, must not add up without bound).
func (a *applier) checkRoom(ctx context.Context, device, author string, retry bool) error {
	if a.kept == nil {
		a.kept = map[keptKey]int{}
	}
	limit := a.st.keptLimit()
	type count struct {
		key   keptKey
		q     string
		args  []any
		limit int
		whose string
	}
	counts := []count{{keptKey{device: device}, `SELECT count(*) FROM sync_rejected WHERE device = ?`, []any{device}, limit, "this device"}}
	if retry && author != "" {
		counts = append(counts, count{keptKey{author: author}, `SELECT count(*) FROM sync_rejected INDEXED BY sync_rejected_author_retry WHERE author = ? AND retry = 1`, []any{author}, limit, "this author"})
	}
	if retry {
		counts = append(counts, count{keptKey{}, `SELECT count(*) FROM sync_rejected INDEXED BY sync_rejected_retry WHERE retry = 1`, nil, 10 * limit, "all devices together"})
	}
	for _, c := range counts {
		n, ok := a.kept[c.key]
		if !ok {
			st, err := a.stmt(ctx, c.q)
			if err != nil {
				return err
			}
			if err := st.QueryRowContext(ctx, c.args...).Scan(&n); err != nil {
				return err
			}
		}
		if n >= c.limit {
			return &KeptAsideFullError{Device: device, Author: author, Whose: c.whose, Limit: c.limit}
		}
		a.kept[c.key] = n + 1
	}
	return nil
}

func (s *Store) keptLimit() int {
	if s.keptAsideLimit > 0 {
		return s.keptAsideLimit
	}
	return DefaultKeptAsideLimit
}

// maxWaiting is how long a change waits for its account or programme before it is kept
// only as refused: one that never comes must not be waited for for ever.
const maxWaiting = 30 * 24 * time.Hour

// expireWaiting stops waiting for what has not come in maxWaiting.
func expireWaiting(ctx context.Context, q querier, now time.Time) error {
	// Waiting too long is waiting in vain: shown, no longer tried, and kept only as what
	// the list shows (whose, which record), not whole.
	_, err := q.ExecContext(ctx, `UPDATE sync_rejected INDEXED BY sync_rejected_waiting_since SET waiting = 0, retry = 0, reason = reason || ' (no longer waited for after 30 days)',
		op = CASE WHEN json_valid(op) THEN json_object('v', json_extract(op, '$.v'), 'id', json_extract(op, '$.id'), 'table', json_extract(op, '$.table'),
			'row', json_extract(op, '$.row'), 'kind', json_extract(op, '$.kind'), 'device', json_extract(op, '$.device'), 'author', json_extract(op, '$.author'))
			ELSE substr(op, 1, 1024) END
		WHERE retry = 1 AND waiting = 1 AND at < ?`, formatTime(now.Add(-maxWaiting)))
	return err
}

// retryWaiting judges again the operations refused for who wrote them, now that an account,
// a programme or a record has changed here, as long as applying some lets others through:
// the judgement then does not depend on which of them reached this device first.
func (a *applier) retryWaiting(ctx context.Context) error {
	if err := expireWaiting(ctx, a.tx, a.now); err != nil {
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
		// Up to three searches, each by its own index and only when needed: a flood kept
		// aside for one author is not read when a record or another author arrives.
		var queries []string
		var args [][]any
		if len(arrived) > 0 {
			queries = append(queries, `SELECT id, op FROM sync_rejected INDEXED BY sync_rejected_waits_for
				WHERE retry = 1 AND waiting = 1 AND waits_for IN (SELECT value FROM json_each(?))`)
			args = append(args, []any{string(ids)})
		}
		if unlocks {
			queries = append(queries, `SELECT id, op FROM sync_rejected INDEXED BY sync_rejected_waits_for WHERE retry = 1 AND waiting = 1 AND waits_for = ''`)
			args = append(args, nil)
		}
		if rejudge {
			queries = append(queries, `SELECT id, op FROM sync_rejected INDEXED BY sync_rejected_retry WHERE retry = 1 AND waiting = 0`)
			args = append(args, nil)
		}
		ks, err := a.keptRows(ctx, queries, args)
		if err != nil {
			return err
		}
		a.res.Rejudged += len(ks)
		for _, k := range ks {
			op, err := decodeOp(k.op)
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

// keptRow is a change kept aside, to judge again.
type keptRow struct {
	id int64
	op json.RawMessage
}

// keptRows runs each query, all of them selecting id and op, and gives the rows in the
// order they were kept aside: the order they arrived in.
func (a *applier) keptRows(ctx context.Context, queries []string, args [][]any) ([]keptRow, error) {
	var ks []keptRow
	for i, q := range queries {
		rows, err := a.tx.QueryContext(ctx, q, args[i]...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k keptRow
			var op string
			if err := rows.Scan(&k.id, &op); err != nil {
				rows.Close()
				return nil, err
			}
			k.op = json.RawMessage(op)
			ks = append(ks, k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(ks, func(x, y keptRow) int { return cmp.Compare(x.id, y.id) })
	return ks, nil
}

// KeptAsideCount counts the changes kept aside here that may still count: it goes down as
// they are released, vouched for or stop waiting.
func (s *Store) KeptAsideCount(ctx context.Context) (int, error) {
	var n int
	err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM sync_rejected WHERE retry = 1`).Scan(&n)
	return n, humanise(err)
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
