package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"pursuit/model"
)

// wtx is one write transaction. Every change goes through put, insert or remove, which
// write the row, its field clocks, an audit row and an outbox operation together: either
// all of them are committed or none is.
type wtx struct {
	tx     *sql.Tx
	st     *Store
	author model.User
	now    time.Time
	audit  *auditWriter
	ops    []model.Op   // for the outbox, signed together when fn is done
	users  []model.User // read once, for the readers of confidential records
	// judging holds what the rule book needs to judge this save's changes (judge).
	judging *applier
}

// signer is who makes a change: a person whose password opened their keys (at sign-in, or
// just now to countersign on someone else's session), or command-line administration,
// which has no keys and so writes unsigned operations that protected shares refuse.
type signer struct {
	user model.User
	keys *model.KeyPair
}

// write runs fn in one transaction on behalf of by. The operations it records are signed
// as one save with by's key.
func (s *Store) write(ctx context.Context, by signer, fn func(*wtx) error) error {
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return humanise(err)
	}
	w := &wtx{tx: tx, st: s, author: by.user, now: s.now()}
	defer func() {
		if w.judging != nil {
			w.judging.close()
		}
	}()
	if err := s.followDeviceID(ctx, tx); err != nil {
		tx.Rollback()
		return humanise(err)
	}
	if err := fn(w); err != nil {
		tx.Rollback()
		return humanise(err)
	}
	if err := w.flushOutbox(ctx, by.keys); err != nil {
		tx.Rollback()
		return humanise(err)
	}
	// The clock to restore after a restart: the outbox would also hold timestamps stepped
	// past a far-ahead device, which must not become this device's time.
	if err := s.setMeta(ctx, tx, metaClock, s.clock.Last().String()); err != nil {
		tx.Rollback()
		return humanise(fmt.Errorf("save: %w", err))
	}
	if err := tx.Commit(); err != nil {
		tx.Rollback()
		return humanise(fmt.Errorf("save: %w", err))
	}
	if f := s.onCommit.Load(); f != nil && *f != nil {
		(*f)()
	}
	return nil
}

// put stores rec (a pointer to, or value of, a stored type) and records what changed. It
// reports whether anything did: saving an unchanged record writes nothing.
func (w *wtx) put(ctx context.Context, rec any) (bool, error) {
	return w.store(ctx, rec, false, false)
}

// restate writes every field of rec again as it stands, under the author's signature (an
// administrator vouching for an account).
func (w *wtx) restate(ctx context.Context, rec any) error {
	_, err := w.store(ctx, rec, false, true)
	return err
}

// insert stores a record that must not exist yet (append-only records: sign-offs,
// confirmations, history).
func (w *wtx) insert(ctx context.Context, rec any) error {
	_, err := w.store(ctx, rec, true, false)
	return err
}

func (w *wtx) store(ctx context.Context, rec any, mustBeNew, all bool) (bool, error) {
	rv := reflect.Indirect(reflect.ValueOf(rec))
	t := tables.of(rv.Type())
	vals := t.values(rv)
	id := asString(vals[0])
	if id == "" {
		return false, fmt.Errorf("save %s: record has no id", t.name)
	}

	old, cur, exists, err := w.current(ctx, t, id)
	if err != nil {
		return false, err
	}
	if exists && mustBeNew {
		return false, fmt.Errorf("save %s %s: already recorded", t.name, id)
	}
	// Saving a record that a sync deleted meanwhile brings it back, as the same edit made
	// offline would on every other device (an edit beats a delete): so it must be later than
	// everything the deletions had seen.
	revive := exists && cur.deleted
	clocks := cur.clocks
	fields := map[string]any{}
	base := map[string]string{}
	latest := model.HLC{}
	for i := 1; i < len(t.cols); i++ {
		name := t.cols[i].name
		if exists && !all && sameValue(old[i], vals[i]) {
			continue
		}
		fields[name] = vals[i]
		if exists && clocks[name] != "" {
			base[name] = clocks[name]
			if h, err := model.ParseHLC(clocks[name]); err == nil && h.Compare(latest) > 0 {
				latest = h
			}
		}
	}
	if len(fields) == 0 {
		return false, nil
	}
	if revive {
		for _, c := range append(slices.Collect(maps.Values(cur.clocks)), slices.Collect(maps.Values(cur.seen))...) {
			if h, err := model.ParseHLC(c); err == nil && h.Compare(latest) > 0 {
				latest = h
			}
		}
	}
	// Later than every version it replaces, so this edit wins on every device.
	hlc := w.st.clock.TickAfter(latest).String()
	op := model.Op{Format: model.OpFormat, Table: t.name, Row: id, Kind: model.OpPut, Fields: fields, HLC: hlc}
	if len(base) > 0 {
		op.Base = base
	}
	if err := w.judge(ctx, op); err != nil {
		return false, err
	}
	for name := range fields {
		clocks[name] = hlc
		cur.bases.add(name, base[name])
	}
	clockJSON, _ := json.Marshal(clocks)
	if exists {
		var set []string
		var args []any
		for i := 1; i < len(t.cols); i++ {
			if _, ok := fields[t.cols[i].name]; ok {
				set = append(set, t.cols[i].name+" = ?")
				args = append(args, vals[i])
			}
		}
		basesJSON, _ := json.Marshal(cur.bases)
		args = append(args, string(clockJSON), string(basesJSON), id)
		q := "UPDATE " + t.name + " SET " + strings.Join(set, ", ") + ", hlc = ?, bases = ?, deleted = 0 WHERE id = ?"
		if _, err := w.tx.ExecContext(ctx, q, args...); err != nil {
			return false, fmt.Errorf("update %s %s: %w", t.name, id, err)
		}
	} else {
		q := "INSERT INTO " + t.name + " (" + t.selects + ", hlc) VALUES (" + strings.Repeat("?, ", len(t.cols)) + "?)"
		if _, err := w.tx.ExecContext(ctx, q, append(vals, string(clockJSON))...); err != nil {
			return false, fmt.Errorf("insert %s %s: %w", t.name, id, err)
		}
	}
	action := "update"
	if !exists {
		action = "create"
	}
	if err := w.seal(ctx, t, vals, &op); err != nil {
		return false, err
	}
	return true, w.record(ctx, action, op)
}

// rowClocks are a stored row's field clocks (see the sync migration): when each field was
// written, and what the edit that wrote it replaced.
type rowClocks struct {
	clocks  map[string]string
	bases   fieldBases
	seen    map[string]string // what deletions had seen
	deleted bool
}

// current reads a row's stored values and clocks, deleted or not.
func (w *wtx) current(ctx context.Context, t *table, id string) ([]any, rowClocks, bool, error) {
	raw := make([]any, len(t.cols)+4)
	ptrs := make([]any, len(raw))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	rc := rowClocks{clocks: map[string]string{}, bases: fieldBases{}, seen: map[string]string{}}
	err := w.tx.QueryRowContext(ctx, "SELECT "+t.selects+", deleted, hlc, bases, delete_seen FROM "+t.name+" WHERE id = ?", id).Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rc, false, nil
	}
	if err != nil {
		return nil, rc, false, fmt.Errorf("read %s %s: %w", t.name, id, err)
	}
	n := len(t.cols)
	rc.deleted = asInt(raw[n]) != 0
	// Damaged clocks only cost conflict detection, never the save.
	if json.Unmarshal([]byte(asString(raw[n+1])), &rc.clocks) != nil {
		rc.clocks = map[string]string{}
	}
	rc.bases = parseBases(asString(raw[n+2]))
	if json.Unmarshal([]byte(asString(raw[n+3])), &rc.seen) != nil {
		rc.seen = map[string]string{}
	}
	return raw[:n], rc, true, nil
}

// remove tombstones a row of type T. The deletion remembers the field clocks it saw, so an
// edit made elsewhere that it did not see brings the row back on every device.
func remove[T any](ctx context.Context, w *wtx, id string) error {
	t := tableFor[T]()
	var clockJSON, seenJSON string
	err := w.tx.QueryRowContext(ctx, "SELECT hlc, delete_seen FROM "+t.name+" WHERE id = ? AND deleted = 0", id).Scan(&clockJSON, &seenJSON)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %s %s", model.ErrNotFound, t.name, id)
	}
	if err != nil {
		return fmt.Errorf("delete %s %s: %w", t.name, id, err)
	}
	clocks, seen := map[string]string{}, map[string]string{}
	json.Unmarshal([]byte(clockJSON), &clocks)
	json.Unmarshal([]byte(seenJSON), &seen)
	// What earlier deletions had seen stays seen: other devices merge by the larger clock.
	latest := model.HLC{}
	for f, c := range clocks {
		if h, err := model.ParseHLC(c); err == nil && h.Compare(latest) > 0 {
			latest = h
		}
		if f != "deleted" && c > seen[f] {
			seen[f] = c
		}
	}
	hlc := w.st.clock.TickAfter(latest).String()
	op := model.Op{Format: model.OpFormat, Table: t.name, Row: id, Kind: model.OpDelete, HLC: hlc, Base: seen}
	if err := w.judge(ctx, op); err != nil {
		return err
	}
	clocks["deleted"] = hlc
	newClocks, _ := json.Marshal(clocks)
	newSeen, _ := json.Marshal(seen)
	if _, err := w.tx.ExecContext(ctx, "UPDATE "+t.name+" SET deleted = 1, hlc = ?, delete_seen = ? WHERE id = ?", string(newClocks), string(newSeen), id); err != nil {
		return fmt.Errorf("delete %s %s: %w", t.name, id, err)
	}
	return w.record(ctx, "delete", op)
}

// judge asks the rule book whether this save's author may make op, against this PC's
// records as they stand before it is written: the same rules (model.CheckRights) that judge
// a change arriving from the shared folder, so that nothing is written here that every
// other PC would refuse. A change that waits for a record this PC lacks is let through, as
// the judge elsewhere would keep it until that arrives; command-line administration signs
// nothing and is judged by the folder's protection instead.
func (w *wtx) judge(ctx context.Context, op model.Op) error {
	if w.author.ID == model.SystemUser.ID || w.author.ID == "" {
		return nil
	}
	if w.judging == nil {
		root, err := w.st.TrustRoot(ctx)
		if err != nil {
			return err
		}
		w.judging = &applier{tx: w.tx, st: w.st, now: w.now, res: &ApplyResult{}, root: root}
	}
	op.Author, op.Device = w.author.ID, w.st.DeviceID()
	p, err := w.judging.provenance(ctx, op)
	if err != nil {
		return err
	}
	var r *model.Refusal
	if err := model.CheckRights(op, p); errors.As(err, &r) && !r.Waiting {
		return fmt.Errorf("%w: %s", model.ErrForbidden, r.Reason)
	} else if err != nil && r == nil {
		return err
	}
	// What a record is, and whose, never changes here either (as from the shared folder).
	if kind, ok := model.KindOf(op.Table); ok && op.Kind == model.OpPut && len(kind.Identity) > 0 {
		t, _ := tables.named(op.Table)
		row, err := w.judging.read(ctx, t, op.Row)
		if err != nil {
			return err
		}
		identity := map[string]any{}
		for _, f := range kind.Identity {
			if v, ok := op.Fields[f]; ok {
				identity[f] = v
			}
		}
		if err := checkIdentity(t, op, row, identity); errors.As(err, &r) {
			return fmt.Errorf("%w: %s", model.ErrForbidden, r.Reason)
		} else if err != nil {
			return err
		}
	}
	return nil
}

// record writes the audit row and the outbox operation for one change.
func (w *wtx) record(ctx context.Context, action string, op model.Op) error {
	op.ID = w.st.id()
	op.Device = w.st.DeviceID()
	op.Author = w.author.ID
	if w.judging != nil {
		w.judging.forget(op) // what it caches of accounts and programmes may change now
	}
	names := make([]string, 0, len(op.Fields))
	for k := range op.Fields {
		names = append(names, k)
	}
	sortStrings(names)
	if w.audit == nil {
		w.audit = &auditWriter{q: w.tx}
	}
	if err := w.audit.append(ctx, auditEntry{formatTime(w.now), op.Device, op.Author, action, op.Table, op.Row, strings.Join(names, ",")}); err != nil {
		return err
	}
	w.ops = append(w.ops, op)
	return nil
}

// flushOutbox signs the save's operations together and queues them for the share.
func (w *wtx) flushOutbox(ctx context.Context, keys *model.KeyPair) error {
	if keys != nil {
		if err := model.SignOps(keys.SignPrivate, w.ops); err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		if len(w.ops) > 0 {
			if err := noteSave(ctx, w.tx, keys.SignPublic, w.ops[0]); err != nil {
				return fmt.Errorf("outbox: %w", err)
			}
		}
	}
	for _, op := range w.ops {
		if err := noteProof(ctx, w.tx, op); err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		body, err := json.Marshal(op)
		if err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO outbox(hlc, op) VALUES(?, ?)`, op.HLC, string(body)); err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
	}
	return nil
}

// auditOnly records an event that changes no synced data (a sign-in, a failed password).
func (s *Store) auditOnly(ctx context.Context, q querier, userID, action, tbl, rowID string) error {
	e := auditEntry{formatTime(s.now()), s.DeviceID(), userID, action, tbl, rowID, ""}
	if tx, ok := q.(*sql.Tx); ok {
		return (&auditWriter{q: tx}).append(ctx, e)
	}
	// On its own: in a transaction of its own, so the link it reads is still the last.
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := (&auditWriter{q: tx}).append(ctx, e); err != nil {
		return err
	}
	return tx.Commit()
}
