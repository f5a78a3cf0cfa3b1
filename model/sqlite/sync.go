package sqlite

import (
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

// AppliedSeqs is AppliedSeq of every device this PC has read from, in one query.
func (s *Store) AppliedSeqs(ctx context.Context) (map[string]uint64, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT device, seq FROM sync_applied`)
	if err != nil {
		return nil, humanise(err)
	}
	defer rows.Close()
	out := map[string]uint64{}
	for rows.Next() {
		var dev string
		var seq uint64
		if err := rows.Scan(&dev, &seq); err != nil {
			return nil, humanise(err)
		}
		out[dev] = seq
	}
	return out, humanise(rows.Err())
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
