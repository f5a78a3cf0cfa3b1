package sqlite

// Applying what other devices pushed: one segment in one transaction, each change judged
// (trust.go), merged field by field by the rules at the top of sync.go, and kept aside with
// its reason when it may not apply (keptaside.go).

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"pursuit/model"
)

// ApplyResult says what one segment did here.
type ApplyResult struct {
	Applied   int // operations that changed something
	Skipped   int // operations already here or superseded
	Conflicts int // text versions kept as "changed on two devices"
	Rejected  int // operations kept aside as invalid
	Rejudged  int // operations kept aside earlier and judged again (tests count them)
	Released  int // operations kept aside by an earlier segment or pass that now count
}

// NoteClock records when another device says it wrote a segment. One written "in the future"
// by more than the clock's limit means that device's clock is wrong: it is flagged (Peer.SkewMS)
// until a later segment shows it put right. It returns how far ahead it was (0 when fine).
func (s *Store) NoteClock(ctx context.Context, device string, created time.Time) (int64, error) {
	ahead := created.Sub(s.now())
	skew := int64(0)
	if ahead > model.DefaultMaxOffset {
		skew = ahead.Milliseconds()
	}
	_, err := s.wdb.ExecContext(ctx, `UPDATE sync_applied SET skew_ms = ? WHERE device = ?`, skew, device)
	return skew, humanise(err)
}

// ReadBefore is how far this PC had read device's log before an upgrade made it read the
// shared folder again from the start (0: it did not).
func (s *Store) ReadBefore(ctx context.Context, device string) (uint64, error) {
	v, err := s.Meta(ctx, metaRereadTo+device)
	if err != nil || v == "" {
		return 0, err
	}
	n, _ := strconv.ParseUint(v, 10, 64)
	return n, nil
}

// ApplySegment applies segment seq of another device in one transaction, recording it as
// applied in the same transaction: a crash leaves it either wholly applied or not at all,
// and applying it again changes nothing. Segments of a device apply in order; one that
// arrives early returns ErrSegmentGap.
func (s *Store) ApplySegment(ctx context.Context, device string, seq uint64, ops []json.RawMessage) (ApplyResult, error) {
	return s.ApplyPrepared(ctx, device, seq, s.Prepare(ctx, ops))
}

// ApplyPrepared is ApplySegment for a segment whose operations Prepare has started on.
func (s *Store) ApplyPrepared(ctx context.Context, device string, seq uint64, in *Incoming) (ApplyResult, error) {
	defer in.Close()
	var res ApplyResult
	if device == s.DeviceID() {
		return res, fmt.Errorf("apply segment %d: it carries this device's own id", seq)
	}
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return res, humanise(err)
	}
	defer tx.Rollback()
	var have uint64
	err = tx.QueryRowContext(ctx, `SELECT seq FROM sync_applied WHERE device = ?`, device).Scan(&have)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return res, fmt.Errorf("apply segment %d of %s: %w", seq, device, err)
	}
	switch {
	case seq <= have:
		res.Skipped = in.n
		return res, nil
	case seq > have+1:
		return res, fmt.Errorf("apply segment %d of %s after %d: %w", seq, device, have, ErrSegmentGap)
	}
	// A segment this PC applied before an upgrade made it read the folder again.
	var rereadTo uint64
	if v, err := s.meta(ctx, tx, metaRereadTo+device); err != nil {
		return res, err
	} else if v != "" {
		rereadTo, _ = strconv.ParseUint(v, 10, 64)
	}
	reread := seq <= rereadTo
	deviceKey, err := checkDeviceKey(ctx, tx, device, in.key)
	if err != nil {
		return res, err
	}
	root, err := s.TrustRoot(ctx)
	if err != nil {
		return res, err
	}
	now := s.now()
	a := applier{tx: tx, st: s, now: now, res: &res, root: root, reread: reread}
	defer a.close()
	lastAuthor := ""
	for d := range in.ops {
		op, err, raw := d.op, d.err, d.raw
		if err == nil {
			lastAuthor = op.Author
			if err = a.judge(ctx, op, d.verifiedBy); err == nil {
				err = a.applyKeepingProof(ctx, op)
			}
		}
		var bad *badOpError
		var refused *model.Refusal
		if errors.As(err, &refused) && reread {
			// A segment applied before, read again (after an upgrade that needed it): a
			// change whose effect is already here was judged when it first came, against
			// what this PC knew then. Judged again now, a preceptee's status
			// move that a later sign-off superseded, or the password change that closed its
			// own key, would read as an attack. Kept only as an account's proof, or as the
			// proof of whose a programme is.
			done, herr := a.alreadyHere(ctx, op)
			if herr == nil && done && (op.Table == "users" || op.Table == "programmes") {
				herr = noteProof(ctx, a.tx, op)
			}
			if herr != nil {
				return res, fmt.Errorf("apply segment %d of %s: %w", seq, device, herr)
			}
			if done {
				res.Skipped++
				continue
			}
		}
		switch {
		case errors.As(err, &bad):
			err = a.keepAside(ctx, device, seq, raw, op.Author, bad.reason, nil)
		case errors.As(err, &refused):
			err = a.keepAside(ctx, device, seq, raw, op.Author, refused.Reason, refused)
		}
		var full *KeptAsideFullError
		if errors.As(err, &full) {
			// Not applied: the segment waits on the shared folder. What has waited too
			// long still stops waiting, or a PC held back by nothing but old waits would
			// stay held for good.
			tx.Rollback()
			if err := expireWaiting(ctx, s.wdb, now); err != nil {
				return ApplyResult{}, fmt.Errorf("apply segment %d of %s: %w", seq, device, err)
			}
			return ApplyResult{}, fmt.Errorf("apply segment %d of %s: %w", seq, device, full)
		}
		if err != nil {
			return res, fmt.Errorf("apply segment %d of %s: %w", seq, device, err)
		}
	}
	if err := a.retryWaiting(ctx); err != nil {
		return res, fmt.Errorf("apply segment %d of %s: %w", seq, device, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_applied(device, seq, at, last_author, device_key) VALUES(?1, ?2, ?3, ?4, ?5)
		ON CONFLICT(device) DO UPDATE SET seq = ?2, at = ?3, last_author = CASE WHEN ?4 = '' THEN last_author ELSE ?4 END, device_key = ?5`,
		device, seq, formatTime(now), lastAuthor, deviceKey); err != nil {
		return res, fmt.Errorf("apply segment %d of %s: %w", seq, device, err)
	}
	if err := tx.Commit(); err != nil {
		return res, humanise(fmt.Errorf("apply segment %d of %s: %w", seq, device, err))
	}
	return res, nil
}

// badOpError is an operation that cannot be applied as it stands: it is kept aside.
type badOpError struct{ reason string }

func (e *badOpError) Error() string { return e.reason }

func bad(format string, args ...any) error { return &badOpError{fmt.Sprintf(format, args...)} }

func decodeOp(raw json.RawMessage) (model.Op, error) {
	var op model.Op
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&op); err != nil {
		return op, bad("not an operation: %v", err)
	}
	switch {
	case op.Format != model.OpFormat:
		return op, bad("operation format %d: this version reads format %d (a newer Pursuit wrote it)", op.Format, model.OpFormat)
	case op.Row == "" || len(op.Row) > 200:
		return op, bad("operation without a usable record id")
	case op.Kind != model.OpPut && op.Kind != model.OpDelete:
		return op, bad("unknown kind of operation %q", op.Kind)
	}
	if _, err := model.ParseHLC(op.HLC); err != nil || op.HLC == "" {
		return op, bad("operation without a valid clock")
	}
	for f, b := range op.Base {
		if _, err := model.ParseHLC(b); err != nil {
			return op, bad("field %s: bad base clock", f)
		}
	}
	return op, nil
}

// applier applies the operations of one segment inside its transaction.
type applier struct {
	tx    *sql.Tx
	st    *Store
	now   time.Time
	res   *ApplyResult
	stmts map[string]*sql.Stmt // a segment repeats a few statements thousands of times
	audit *auditWriter

	root       model.TrustRoot
	verifier   model.OpVerifier
	users      map[string]*model.User // nil entries: not on this device
	programmes map[string]*model.Programme
	unlocks    bool                  // a record arrived: operations waiting for it may now apply
	rejudge    bool                  // an account or programme changed: every refusal may differ now
	keptNow    map[int64]bool        // sync_rejected rows added by this segment
	arrived    map[string]bool       // records new here in this segment: changes waiting for them may apply
	saves      map[model.SaveID]bool // saves filed in signed_saves by this segment
	kept       map[keptKey]int       // changes kept aside, per device, claimed author and unknown authors
	reread     bool                  // the segment was applied before (an upgrade reads the share again)
}

// exec and queryRow run q through a statement prepared once per segment.
func (a *applier) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := a.stmts[q]; ok {
		return st, nil
	}
	st, err := a.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if a.stmts == nil {
		a.stmts = map[string]*sql.Stmt{}
	}
	a.stmts[q] = st
	return st, nil
}

func (a *applier) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := a.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (a *applier) close() {
	for _, st := range a.stmts {
		st.Close()
	}
}

// syncedRow is a row as the merge sees it: values by column, and the three clock maps.
type syncedRow struct {
	exists  bool
	vals    []any
	clocks  map[string]string // field → clock of its value; "deleted" → the latest deletion
	bases   fieldBases        // field → the versions edits replaced knowingly
	seen    map[string]string // field → latest clock a deletion had seen
	deleted bool
}

// applyKeepingProof applies op and, when it affirms something in someone's name, keeps it
// as the proof of its record.
func (a *applier) applyKeepingProof(ctx context.Context, op model.Op) error {
	if err := a.apply(ctx, op); err != nil {
		return err
	}
	return noteProof(ctx, a.tx, op)
}

func (a *applier) apply(ctx context.Context, op model.Op) error {
	t, ok := tables.named(op.Table)
	if !ok {
		return bad("unknown kind of record %q", op.Table)
	}
	fields := map[string]any{}
	if op.Kind == model.OpPut {
		if len(op.Fields) == 0 {
			return bad("%s %s: a change with no fields", op.Table, op.Row)
		}
		for name, v := range op.Fields {
			i, ok := t.colSet[name]
			if !ok || i == 0 {
				return bad("%s has no field %q", op.Table, name)
			}
			val, err := storedValue(t.cols[i].kind, v)
			if err != nil {
				return bad("%s.%s: %v", op.Table, name, err)
			}
			fields[name] = val
		}
	}
	hlc, _ := model.ParseHLC(op.HLC)
	// A clock far ahead moves ours no further than the limit. Whether that device's own
	// clock is wrong is judged by NoteClock, from when it wrote the segment: an op's clock may
	// have stepped past someone else's fast clock quite properly.
	a.st.clock.Observe(hlc)

	r, err := a.read(ctx, t, op.Row)
	if err != nil {
		return err
	}
	if err := checkIdentity(t, op, r, fields); err != nil {
		return err
	}
	if op.Enc != "" {
		if len(model.SecretFields(op.Table)) == 0 {
			return bad("%s %s: encrypted, but %s are never confidential", op.Table, op.Row, op.Table)
		}
		env, err := parseEnvelope(op.Enc)
		if err != nil {
			return bad("%s %s: unreadable encrypted part: %v", op.Table, op.Row, err)
		}
		if err := a.keepSealed(ctx, op, env); err != nil {
			return err
		}
	}
	changed := !r.exists
	if !r.exists {
		r.vals = zeroRow(t, op.Row)
		// A change to this record may be waiting to learn which programme it belongs to, or
		// for this very account or programme.
		a.unlocks = true
		if a.arrived == nil {
			a.arrived = map[string]bool{}
		}
		a.arrived[op.Row] = true
	}
	switch op.Kind {
	case model.OpPut:
		names := make([]string, 0, len(fields))
		for n := range fields {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, name := range names {
			c, err := a.mergeField(ctx, t, &r, op, name, fields[name])
			if err != nil {
				return err
			}
			changed = changed || c
			if err := a.settle(ctx, t.name, op.Row, name, op.Resolves[name]); err != nil {
				return err
			}
		}
	case model.OpDelete:
		for f, b := range op.Base {
			if b > r.seen[f] {
				r.seen[f] = b
				changed = true
			}
		}
		if op.HLC > r.clocks["deleted"] {
			r.clocks["deleted"] = op.HLC
			changed = true
		}
	}
	if !changed {
		a.res.Skipped++
		return nil
	}
	r.deleted = isDeleted(r.clocks, r.seen)
	a.res.Applied++
	if err := a.write(ctx, t, op.Row, r); err != nil {
		return err
	}
	a.forget(op)
	action := "synced " + string(op.Kind)
	if a.audit == nil {
		a.audit = &auditWriter{q: a.tx, exec: a.exec}
	}
	return a.audit.append(ctx, auditEntry{formatTime(a.now), op.Device, op.Author, action, op.Table, op.Row, strings.Join(sortedKeys(fields), ",")})
}

// mergeField applies one field of a put: the later clock wins. A text version that loses
// without anyone having built on it is kept as a conflict; one that someone replaced with
// it in front of them is settled.
func (a *applier) mergeField(ctx context.Context, t *table, r *syncedRow, op model.Op, name string, val any) (bool, error) {
	i := t.colSet[name]
	cur := r.clocks[name]
	text := conflictFields[t.name][name]
	changed := false
	if b := op.Base[name]; r.bases.add(name, b) {
		changed = true
		// Its author had version b on screen and wrote over it: nothing of b is lost.
		if _, err := a.exec(ctx, `UPDATE sync_conflicts SET resolved_at = ? WHERE tbl = ? AND row_id = ? AND field = ? AND other_hlc = ? AND resolved_at = ''`,
			formatTime(a.now), t.name, op.Row, name, b); err != nil {
			return false, err
		}
	}
	switch {
	case op.HLC == cur:
		return changed, nil // this very edit is already here
	case op.HLC > cur:
		if text && cur != "" && !r.bases.has(name, cur) && !sameValue(r.vals[i], val) {
			var by string
			a.tx.QueryRowContext(ctx, `SELECT user_id FROM audit WHERE tbl = ? AND row_id = ? AND ',' || fields || ',' LIKE ? ORDER BY seq DESC LIMIT 1`,
				t.name, op.Row, "%,"+name+",%").Scan(&by)
			if err := a.conflict(ctx, t.name, op.Row, name, op.HLC, asString(r.vals[i]), cur, by); err != nil {
				return false, err
			}
		}
		r.vals[i] = val
		r.clocks[name] = op.HLC
		return true, nil
	default:
		if text && !r.bases.has(name, op.HLC) && !sameValue(r.vals[i], val) {
			if err := a.conflict(ctx, t.name, op.Row, name, cur, asString(val), op.HLC, op.Author); err != nil {
				return false, err
			}
		}
		return changed, nil
	}
}

func (a *applier) conflict(ctx context.Context, tbl, row, field, keptHLC, otherValue, otherHLC, otherBy string) error {
	res, err := a.tx.ExecContext(ctx, `INSERT OR IGNORE INTO sync_conflicts(tbl, row_id, field, kept_hlc, other_value, other_hlc, other_by, detected_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)`,
		tbl, row, field, keptHLC, otherValue, otherHLC, otherBy, formatTime(a.now))
	if err != nil {
		return fmt.Errorf("record conflict on %s.%s: %w", tbl, field, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		a.res.Conflicts++
	}
	return nil
}

// settle closes the conflicts a choice made on another device settled. A version chosen
// between there but not yet seen here is recorded as settled already, so it does not open
// a conflict when it arrives.
func (a *applier) settle(ctx context.Context, tbl, row, field string, hlcs []string) error {
	for _, h := range hlcs {
		if _, err := model.ParseHLC(h); err != nil || h == "" {
			continue
		}
		if _, err := a.tx.ExecContext(ctx, `INSERT INTO sync_conflicts(tbl, row_id, field, kept_hlc, other_value, other_hlc, detected_at, resolved_at)
			VALUES(?1, ?2, ?3, '', '', ?4, ?5, ?5)
			ON CONFLICT(tbl, row_id, field, other_hlc) DO UPDATE SET resolved_at = excluded.resolved_at WHERE resolved_at = ''`,
			tbl, row, field, h, formatTime(a.now)); err != nil {
			return fmt.Errorf("settle conflict on %s.%s: %w", tbl, field, err)
		}
	}
	return nil
}

// isDeleted: the row has been deleted and no field holds an edit the deletions had not seen.
func isDeleted(clocks, seen map[string]string) bool {
	if clocks["deleted"] == "" {
		return false
	}
	for f, c := range clocks {
		if f != "deleted" && c > seen[f] {
			return false
		}
	}
	return true
}

// alreadyHere says whether op would change nothing here: every field it sets (or the
// deletion) already holds a value at least as recent.
func (a *applier) alreadyHere(ctx context.Context, op model.Op) (bool, error) {
	t, ok := tables.named(op.Table)
	if !ok {
		return false, nil
	}
	r, err := a.read(ctx, t, op.Row)
	if err != nil || !r.exists {
		return false, err
	}
	if op.Kind == model.OpDelete {
		return r.clocks["deleted"] >= op.HLC, nil
	}
	for f := range op.Fields {
		if c := r.clocks[f]; c == "" || c < op.HLC {
			return false, nil
		}
	}
	return len(op.Fields) > 0, nil
}

func (a *applier) read(ctx context.Context, t *table, id string) (syncedRow, error) {
	r := syncedRow{clocks: map[string]string{}, bases: fieldBases{}, seen: map[string]string{}}
	raw := make([]any, len(t.cols)+4)
	ptrs := make([]any, len(raw))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	q, err := a.stmt(ctx, "SELECT "+t.selects+", deleted, hlc, bases, delete_seen FROM "+t.name+" WHERE id = ?")
	if err != nil {
		return r, err
	}
	err = q.QueryRowContext(ctx, id).Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	if err != nil {
		return r, fmt.Errorf("read %s %s: %w", t.name, id, err)
	}
	n := len(t.cols)
	r.exists, r.vals, r.deleted = true, raw[:n], asInt(raw[n]) != 0
	for i, v := range r.vals {
		if b, ok := v.([]byte); ok {
			r.vals[i] = string(b)
		}
	}
	// A damaged clock map costs only the merge of that row, never the sync.
	json.Unmarshal([]byte(asString(raw[n+1])), &r.clocks)
	r.bases = parseBases(asString(raw[n+2]))
	json.Unmarshal([]byte(asString(raw[n+3])), &r.seen)
	return r, nil
}

func (a *applier) write(ctx context.Context, t *table, id string, r syncedRow) error {
	clocks, _ := json.Marshal(r.clocks)
	bases, _ := json.Marshal(r.bases)
	seen, _ := json.Marshal(r.seen)
	deleted := int64(0)
	if r.deleted {
		deleted = 1
	}
	args := append(append([]any{}, r.vals...), deleted, string(clocks), string(bases), string(seen))
	q := "INSERT INTO " + t.name + " (" + t.selects + ", deleted, hlc, bases, delete_seen) VALUES (" + strings.Repeat("?, ", len(t.cols)+3) + "?)"
	if r.exists {
		set := make([]string, 0, len(t.cols)+3)
		for _, c := range t.cols[1:] {
			set = append(set, c.name+" = ?")
		}
		set = append(set, "deleted = ?", "hlc = ?", "bases = ?", "delete_seen = ?")
		q = "UPDATE " + t.name + " SET " + strings.Join(set, ", ") + " WHERE id = ?"
		args = append(args[1:], id)
	}
	if _, err := a.exec(ctx, q, args...); err != nil {
		return fmt.Errorf("save %s %s: %w", t.name, id, err)
	}
	return nil
}

// zeroRow is a row that only its id is known of yet: an edit can arrive from one device
// before the record's creation arrives from another.
func zeroRow(t *table, id string) []any {
	vals := make([]any, len(t.cols))
	vals[0] = id
	for i, c := range t.cols[1:] {
		switch c.kind {
		case kBool, kInt:
			vals[i+1] = int64(0)
		case kFloat:
			vals[i+1] = float64(0)
		case kStrings:
			vals[i+1] = "[]"
		default:
			vals[i+1] = ""
		}
	}
	return vals
}

// storedValue checks a value from the share against its column and returns it in stored
// form; anything else is refused, so a malformed operation cannot put a number where a date
// belongs.
func storedValue(k colKind, v any) (any, error) {
	switch k {
	case kString, kDate, kTime, kStrings:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("want text, got %T", v)
		}
		switch k {
		case kDate:
			if _, err := model.ParseDate(s); err != nil {
				return nil, err
			}
		case kTime:
			if _, err := parseTime(s); err != nil {
				return nil, err
			}
		case kStrings:
			var ss []string
			if err := json.Unmarshal([]byte(s), &ss); err != nil {
				return nil, fmt.Errorf("want a list of text: %v", err)
			}
		}
		return s, nil
	case kBool, kInt:
		n, ok := v.(json.Number)
		if !ok {
			return nil, fmt.Errorf("want a number, got %T", v)
		}
		i, err := n.Int64()
		if err != nil {
			return nil, fmt.Errorf("want a whole number: %v", err)
		}
		if k == kBool && i != 0 && i != 1 {
			return nil, fmt.Errorf("want 0 or 1, got %d", i)
		}
		return i, nil
	case kFloat:
		n, ok := v.(json.Number)
		if !ok {
			return nil, fmt.Errorf("want a number, got %T", v)
		}
		return n.Float64()
	}
	return nil, fmt.Errorf("unknown column kind")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func truncateBytes(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}
