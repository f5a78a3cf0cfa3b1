package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"pursuit/model"
)

// The store's side of sync through the shared folder: what this device has not pushed yet,
// and applying what other devices pushed. The merge rules live here, beside the rows they
// merge, so that a local edit and a remote one go through the same clocks:
//
//   - each field keeps the value with the greatest clock (last writer wins per field);
//   - a row is deleted while every field's clock is one its deletion had seen: an edit a
//     deletion did not see brings the row back (an edit beats a delete), and sign-offs,
//     links and attachments, which are rows of their own, therefore merge as add-wins sets;
//   - when two devices changed the same version of a text field, the losing text is kept
//     as a conflict for someone to choose, rather than vanishing under the winner.

// ErrSegmentGap means a segment arrived before one it follows; apply the missing one first.
var ErrSegmentGap = errors.New("segment out of order")

// conflictFields are the free-text fields people write at length: for these a lost version
// is lost work, so both are kept. Other fields (dates, statuses, flags) simply take the
// later value.
var conflictFields = map[string]map[string]bool{
	"progress":             {"strengths": true, "learning_needs": true, "opportunities": true, "threats": true},
	"evidence":             {"title": true},
	"evidence_sections":    {"text": true},
	"goals":                {"title": true, "detail": true},
	"actions":              {"text": true},
	"meetings":             {"notes": true},
	"career_conversations": {"aspirations": true, "notes": true, "next_steps": true},
	"concerns":             {"summary": true, "detail": true, "support_plan": true, "resolution": true},
	"supervision":          {"themes": true, "actions": true},
	"competencies":         {"title": true, "description": true},
	"learning_events":      {"title": true},
	"training":             {"course": true},
	"frameworks":           {"description": true},
}

// Outgoing is one operation from the outbox, ready for the shared folder.
type Outgoing struct {
	Seq int64           // position in the outbox
	Op  json.RawMessage // the model.Op as stored
}

// PushState says how far this device's outbox has reached the shared folder.
type PushState struct {
	Segment uint64 // the last segment this device wrote
	Outbox  int64  // the last outbox operation in it
}

const (
	metaPushedSegment = "sync_pushed_segment"
	metaPushedOutbox  = "sync_pushed_outbox"
	metaFormerDevices = "former_device_ids"
	metaLastSync      = "sync_last_ok"
	metaShareID       = "sync_share_id"
	metaShareFolder   = "share_dir"
	metaRereadTo      = "reread_to:" // + device: how far it had been read before an upgrade read the folder again
)

// JoinShare records which shared folder this device syncs with. A different one than before
// (a new folder, or one restored from a backup) holds none of what was pushed or applied:
// everything is sent again and everyone's segments are read from the start (applying them
// again changes nothing). It reports whether it started over.
func (s *Store) JoinShare(ctx context.Context, id string) (bool, error) {
	have, err := s.meta(ctx, s.rdb, metaShareID)
	if err != nil || have == id {
		return false, err
	}
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return false, humanise(err)
	}
	defer tx.Rollback()
	for k, v := range map[string]string{metaShareID: id, metaPushedSegment: "0", metaPushedOutbox: "0"} {
		if err := s.setMeta(ctx, tx, k, v); err != nil {
			return false, err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_applied`); err != nil {
		return false, err
	}
	return true, humanise(tx.Commit())
}

// ShareFolder is the shared folder this PC syncs through ("" for none), as Settings chose it.
func (s *Store) ShareFolder(ctx context.Context) (string, error) { return s.Meta(ctx, metaShareFolder) }

// SetShareFolder remembers the shared folder ("" for none).
func (s *Store) SetShareFolder(ctx context.Context, dir string) error {
	return s.SetMeta(ctx, metaShareFolder, dir)
}

// PushState reads how far the outbox has been pushed.
func (s *Store) PushState(ctx context.Context) (PushState, error) {
	var ps PushState
	seg, err := s.meta(ctx, s.rdb, metaPushedSegment)
	if err != nil {
		return ps, err
	}
	ob, err := s.meta(ctx, s.rdb, metaPushedOutbox)
	if err != nil {
		return ps, err
	}
	fmt.Sscan(seg, &ps.Segment)
	fmt.Sscan(ob, &ps.Outbox)
	return ps, nil
}

// Pending returns the outbox operations not yet on the shared folder, oldest first, at most
// maxOps of them and about maxBytes in all (always at least one).
func (s *Store) Pending(ctx context.Context, maxOps, maxBytes int) ([]Outgoing, error) {
	ps, err := s.PushState(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT seq, op FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?`, ps.Outbox, maxOps)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	defer rows.Close()
	var out []Outgoing
	size := 0
	for rows.Next() {
		var o Outgoing
		var body string
		if err := rows.Scan(&o.Seq, &body); err != nil {
			return nil, fmt.Errorf("read outbox: %w", err)
		}
		if len(out) > 0 && size+len(body) > maxBytes {
			break
		}
		size += len(body)
		o.Op = json.RawMessage(body)
		out = append(out, o)
	}
	return out, rows.Err()
}

// PendingCount is how many operations wait for the shared folder.
func (s *Store) PendingCount(ctx context.Context) (int, error) {
	ps, err := s.PushState(ctx)
	if err != nil {
		return 0, err
	}
	// The outbox's numbers run without gaps (AUTOINCREMENT, one insert path, nothing ever
	// deleted; a rolled-back save takes its numbers back with it), so what waits is the last
	// number less the last one pushed: one look at the index, where counting the rows took a
	// tenth of a second on a PC that has never synced a Trust's cohort.
	var last int
	err = s.rdb.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM outbox`).Scan(&last)
	return max(0, last-int(ps.Outbox)), err
}

// NotOnShare lists the ids of records with changes not yet on the shared folder, for the
// "not yet on the share" mark beside them. A change to part of a record (a section of an
// evidence item, a link, an attachment, an action) marks the record it belongs to as well.
func (s *Store) NotOnShare(ctx context.Context) (map[string]bool, error) {
	ps, err := s.PushState(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `WITH pending AS (SELECT DISTINCT json_extract(op, '$.table') AS tbl, json_extract(op, '$.row') AS row FROM outbox WHERE seq > ?)
		SELECT row FROM pending
		UNION SELECT s.evidence_id FROM pending p JOIN evidence_sections s ON p.tbl = 'evidence_sections' AND s.id = p.row
		UNION SELECT l.owner_id FROM pending p JOIN links l ON p.tbl = 'links' AND l.id = p.row
		UNION SELECT a.owner_id FROM pending p JOIN attachments a ON p.tbl = 'attachments' AND a.id = p.row
		UNION SELECT a.owner_id FROM pending p JOIN actions a ON p.tbl = 'actions' AND a.id = p.row`, ps.Outbox)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id sql.NullString
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id.String] = true
	}
	return out, rows.Err()
}

// MarkPushed records that segment seq, holding the outbox up to lastOutbox, is on the share.
func (s *Store) MarkPushed(ctx context.Context, seq uint64, lastOutbox int64) error {
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return humanise(err)
	}
	defer tx.Rollback()
	if err := s.setMeta(ctx, tx, metaPushedSegment, fmt.Sprint(seq)); err != nil {
		return err
	}
	if err := s.setMeta(ctx, tx, metaPushedOutbox, fmt.Sprint(lastOutbox)); err != nil {
		return err
	}
	return humanise(tx.Commit())
}

// RenewDevice gives this data folder a new device id. The shared folder holds segments
// under the old id that this database did not write: it is a copy (a restored backup, a
// cloned PC), and two writers under one id would overwrite each other's history. What was
// already pushed stays on the share under the old id, which is now read like any other
// device's; what was not is pushed under the new id from segment 1.
func (s *Store) RenewDevice(ctx context.Context) (string, error) {
	fresh := uuid.Must(uuid.NewRandomFromReader(s.rand)).String()
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return "", humanise(err)
	}
	defer tx.Rollback()
	old := s.DeviceID()
	former, err := s.meta(ctx, tx, metaFormerDevices)
	if err != nil {
		return "", err
	}
	former = strings.TrimPrefix(former+" "+old, " ")
	if err := s.restampPending(ctx, tx, old, fresh); err != nil {
		return "", err
	}
	for k, v := range map[string]string{"device_id": fresh, metaFormerDevices: former, metaPushedSegment: "0"} {
		if err := s.setMeta(ctx, tx, k, v); err != nil {
			return "", err
		}
	}
	// The clock and the cached id change before the commit, under the write lock this
	// transaction holds, so no save in between is stamped with the old id.
	s.devMu.Lock()
	s.device = fresh
	s.devMu.Unlock()
	s.clock.SetDevice(fresh)
	if err := tx.Commit(); err != nil {
		s.devMu.Lock()
		s.device = old
		s.devMu.Unlock()
		s.clock.SetDevice(old)
		return "", humanise(err)
	}
	s.log.Info("new device id: this data folder is a copy of one already on the shared folder", "old", old, "new", fresh)
	return fresh, nil
}

// restampPending moves the changes not yet pushed to the new id. The copy and the original
// both carried on from the same clock, so an edit on each can bear the very same timestamp;
// the new id in the timestamp keeps them apart, wherever the timestamp was written.
func (s *Store) restampPending(ctx context.Context, tx *sql.Tx, old, fresh string) error {
	var pushed int64
	if v, err := s.meta(ctx, tx, metaPushedOutbox); err != nil {
		return err
	} else {
		fmt.Sscan(v, &pushed)
	}
	rows, err := tx.QueryContext(ctx, `SELECT seq, op FROM outbox WHERE seq > ? ORDER BY seq`, pushed)
	if err != nil {
		return err
	}
	type pending struct {
		seq int64
		op  model.Op
	}
	var ops []pending
	for rows.Next() {
		var p pending
		var body string
		if err := rows.Scan(&p.seq, &body); err != nil {
			rows.Close()
			return err
		}
		if json.Unmarshal([]byte(body), &p.op) == nil {
			ops = append(ops, p)
		}
	}
	rows.Close()
	// Signed changes keep their names: the signature covers the timestamp, and this device
	// cannot sign again for their authors. They travel under the new id as they are, and the
	// same change from the original device is the same change. Only a copy that goes on
	// from a clock pushed far ahead can then give two edits the same timestamp.
	signed := func(op model.Op) bool { return op.Sig != "" }
	ops = slices.DeleteFunc(ops, func(p pending) bool { return signed(p.op) })
	renamed := map[string]string{}
	for _, p := range ops {
		if strings.HasSuffix(p.op.HLC, "."+old) {
			renamed[p.op.HLC] = strings.TrimSuffix(p.op.HLC, old) + fresh
		}
	}
	swap := func(h string) string {
		if n, ok := renamed[h]; ok {
			return n
		}
		return h
	}
	for _, p := range ops {
		op := p.op
		op.HLC, op.Device = swap(op.HLC), fresh
		for f, b := range op.Base {
			op.Base[f] = swap(b)
		}
		for f, list := range op.Resolves {
			for i, h := range list {
				op.Resolves[f][i] = swap(h)
			}
		}
		body, err := json.Marshal(op)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET hlc = ?, op = ? WHERE seq = ?`, op.HLC, string(body), p.seq); err != nil {
			return err
		}
		t, ok := tables.named(op.Table)
		if !ok || op.HLC == p.op.HLC {
			continue
		}
		// The row's clocks name this edit by its timestamp: follow the new name.
		q := "UPDATE " + t.name + " SET hlc = replace(hlc, ?1, ?2), bases = replace(bases, ?1, ?2), delete_seen = replace(delete_seen, ?1, ?2) WHERE id = ?3"
		if _, err := tx.ExecContext(ctx, q, p.op.HLC, op.HLC, op.Row); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sync_conflicts SET kept_hlc = CASE WHEN kept_hlc = ?1 THEN ?2 ELSE kept_hlc END,
			other_hlc = CASE WHEN other_hlc = ?1 THEN ?2 ELSE other_hlc END WHERE row_id = ?3`, p.op.HLC, op.HLC, op.Row); err != nil {
			return err
		}
	}
	return nil
}

// followDeviceID picks up a new device id that another process on this data folder (a second
// window, pursuit sync) gave it, so that no change is stamped or pushed under the old one.
func (s *Store) followDeviceID(ctx context.Context, q querier) error {
	id, err := s.meta(ctx, q, "device_id")
	if err != nil || id == "" || id == s.DeviceID() {
		return err
	}
	s.devMu.Lock()
	s.device = id
	s.devMu.Unlock()
	s.clock.SetDevice(id)
	return nil
}

// FollowDeviceID is followDeviceID for sync, at the start of each pass.
func (s *Store) FollowDeviceID(ctx context.Context) error { return s.followDeviceID(ctx, s.rdb) }

// FormerDeviceIDs are the ids this data folder had before RenewDevice.
func (s *Store) FormerDeviceIDs(ctx context.Context) ([]string, error) {
	v, err := s.meta(ctx, s.rdb, metaFormerDevices)
	return strings.Fields(v), err
}

// AppliedSeq is the last segment applied from a device (0 for none).
func (s *Store) AppliedSeq(ctx context.Context, device string) (uint64, error) {
	var seq uint64
	err := s.rdb.QueryRowContext(ctx, `SELECT seq FROM sync_applied WHERE device = ?`, device).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return seq, err
}

// Peer is another device as this one knows it from the shared folder.
type Peer struct {
	Device     string
	Seq        uint64
	At         time.Time
	LastAuthor string // the name of whoever used it last
	SkewMS     int64  // how far its clock ran ahead beyond the limit; 0 when fine
}

// Peers lists the devices this one has applied segments from.
func (s *Store) Peers(ctx context.Context) ([]Peer, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT a.device, a.seq, a.at, coalesce(u.name, a.last_author), a.skew_ms FROM sync_applied a LEFT JOIN users u ON u.id = a.last_author ORDER BY a.device`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Peer
	for rows.Next() {
		var p Peer
		var at string
		if err := rows.Scan(&p.Device, &p.Seq, &at, &p.LastAuthor, &p.SkewMS); err != nil {
			return nil, err
		}
		p.At, _ = parseTime(at)
		out = append(out, p)
	}
	return out, rows.Err()
}

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
	a := applier{tx: tx, st: s, now: now, res: &res, root: root}
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
			// own key, would read as an attack. Kept only as an account's proof.
			done, herr := a.alreadyHere(ctx, op)
			if herr == nil && done && op.Table == "users" {
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

// SyncedAt records a successful pass with the shared folder; LastSynced reads it.
func (s *Store) SyncedAt(ctx context.Context, t time.Time) error {
	return s.SetMeta(ctx, metaLastSync, formatTime(t))
}

// LastSynced is when this device last completed a pass with the shared folder.
func (s *Store) LastSynced(ctx context.Context) (time.Time, error) {
	v, err := s.Meta(ctx, metaLastSync)
	if err != nil || v == "" {
		return time.Time{}, err
	}
	return parseTime(v)
}

// MissingAttachments lists the files that attachments on this device refer to but whose
// bytes have not arrived yet: the screens show a placeholder until sync fetches them.
func (s *Store) MissingAttachments(ctx context.Context) ([]string, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT DISTINCT sha256 FROM attachments WHERE deleted = 0 AND sha256 <> '' ORDER BY sha256`)
	if err != nil {
		return nil, fmt.Errorf("list attachments: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var sha string
		if err := rows.Scan(&sha); err != nil {
			return nil, err
		}
		if _, err := s.AttachmentPath(sha); err != nil {
			out = append(out, sha)
		}
	}
	return out, rows.Err()
}

// HeldAttachments lists the attachment files this device holds, for making sure the shared
// folder still has them.
func (s *Store) HeldAttachments(ctx context.Context) ([]string, error) {
	shas, err := s.strings(ctx, `SELECT DISTINCT sha256 FROM attachments WHERE deleted = 0 AND sha256 <> '' ORDER BY sha256`)
	if err != nil {
		return nil, err
	}
	out := shas[:0]
	for _, sha := range shas {
		if _, err := s.AttachmentPath(sha); err == nil {
			out = append(out, sha)
		}
	}
	return out, nil
}

// AddFetchedAttachment stores bytes fetched from the shared folder under their hash, once
// they are proved to be the bytes the hash names: temp file, fsync, rename.
func (s *Store) AddFetchedAttachment(sha string, data []byte) error {
	dst, err := s.blobPath(sha)
	if err != nil {
		return err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != sha {
		return fmt.Errorf("attachment %s: the bytes fetched do not match their name", sha[:12])
	}
	if _, err := os.Stat(dst); err == nil {
		return nil
	}
	tmpDir := filepath.Join(s.dir, AttachmentsDir, "tmp")
	if err := os.MkdirAll(tmpDir, 0o700); err != nil {
		return fmt.Errorf("attachment %s: %w", sha[:12], err)
	}
	tmp, err := os.CreateTemp(tmpDir, "fetched-*")
	if err != nil {
		return fmt.Errorf("attachment %s: %w", sha[:12], err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.MkdirAll(filepath.Dir(dst), 0o700)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), dst)
	}
	if err != nil {
		return fmt.Errorf("attachment %s: %w", sha[:12], err)
	}
	syncDir(filepath.Dir(dst))
	return nil
}
