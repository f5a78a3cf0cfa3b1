package sqlite

// What the store knows when it judges an operation from the share (model.CheckOp), and
// what becomes of the ones it refuses: kept in sync_rejected with the reason, those waiting
// for an account or programme tried again when one arrives.

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	gosync "sync"
	"time"

	"pursuit/model"
)

// metaTrustRoot is the pinned administrator key of the share this device syncs with;
// metaRootConfirmed the fingerprint a person confirmed for it (see ConfirmTrustRoot).
const (
	metaTrustRoot     = "trust_root"
	metaRootConfirmed = "trust_root_confirmed"
)

// ErrRootChanged means the share names another administrator key than the one this device
// trusts: someone replaced FORMAT.json, or this is another Trust's share.
var ErrRootChanged = model.ErrRootChanged

// TrustRoot is the administrator key this device pinned (zero when it syncs with an
// unprotected share, or has not synced yet).
func (s *Store) TrustRoot(ctx context.Context) (model.TrustRoot, error) {
	var r model.TrustRoot
	v, err := s.Meta(ctx, metaTrustRoot)
	if err != nil || v == "" {
		return r, err
	}
	if err := json.Unmarshal([]byte(v), &r); err != nil {
		return r, fmt.Errorf("pinned administrator key: %w", err)
	}
	return r, nil
}

// RootTrust is how this PC came to trust its shared folder's administrator key, for the
// Settings and Sync screens.
type RootTrust struct {
	Pinned      model.TrustRoot // what the folder named at the first sync (zero: nothing yet)
	Deployed    string          // the fingerprint the Trust's settings for this PC name
	Confirmed   string          // the fingerprint a person confirmed here
	ConfirmedBy string          // who, and when
	ConfirmedAt time.Time
}

// Want is the fingerprint this PC was told to expect out of band: deployed, else confirmed.
func (t RootTrust) Want() string {
	if t.Deployed != "" {
		return t.Deployed
	}
	return t.Confirmed
}

// Checked says whether the pinned key was checked by something the folder cannot change.
func (t RootTrust) Checked() bool {
	return t.Pinned.Protected() && t.Pinned.Fingerprint() == t.Want()
}

type rootConfirmation struct {
	Fingerprint string    `json:"fingerprint"`
	By          string    `json:"by"`
	At          time.Time `json:"at"`
}

// RootTrust reads what this PC trusts and why.
func (s *Store) RootTrust(ctx context.Context) (RootTrust, error) {
	t := RootTrust{Deployed: s.policy.TrustRoot}
	var err error
	if t.Pinned, err = s.TrustRoot(ctx); err != nil {
		return t, err
	}
	v, err := s.Meta(ctx, metaRootConfirmed)
	if err != nil || v == "" {
		return t, err
	}
	var c rootConfirmation
	if err := json.Unmarshal([]byte(v), &c); err != nil {
		return t, fmt.Errorf("confirmed administrator key: %w", err)
	}
	t.Confirmed, t.ConfirmedBy, t.ConfirmedAt = c.Fingerprint, c.By, c.At
	return t, nil
}

// PinTrustRoot judges the administrator key a share names (model.JudgeShareRoot) before
// anything moves, and pins it at the first sync. Once pinned it never changes: a share that
// later names another key, or none, is refused, and so is one that does not match the
// fingerprint deployed for this PC or confirmed on it.
func (s *Store) PinTrustRoot(ctx context.Context, r model.TrustRoot) error {
	if p := s.policy.Problem; p != nil {
		return fmt.Errorf("the Trust's settings for this PC cannot be used, so it cannot tell which administrator key to trust; nothing is sent or received until IT corrects them: %w", p)
	}
	t, err := s.RootTrust(ctx)
	if err != nil {
		return err
	}
	if err := model.JudgeShareRoot(r, t.Pinned, t.Want()); err != nil {
		return err
	}
	if !r.Protected() || t.Pinned == r {
		return nil
	}
	b, _ := json.Marshal(r)
	return s.SetMeta(ctx, metaTrustRoot, string(b))
}

// ConfirmTrustRoot records that a person compared the shared folder's administrator key
// with the fingerprint the Trust published: from then on this PC syncs only with a folder
// naming that key. Before the first sync it is what the first sync must find; afterwards
// it must be the key already pinned. by says who confirmed, for the Settings screen.
func (s *Store) ConfirmTrustRoot(ctx context.Context, fingerprint, by string) error {
	fp, err := model.ParseFingerprint(fingerprint)
	if err != nil {
		return err
	}
	t, err := s.RootTrust(ctx)
	if err != nil {
		return err
	}
	switch {
	case t.Deployed != "" && t.Deployed != fp:
		return fmt.Errorf("%w: the Trust's settings for this PC name the key with fingerprint %s", ErrRootChanged, t.Deployed)
	case t.Pinned.Protected() && t.Pinned.Fingerprint() != fp:
		return fmt.Errorf("%w: the fingerprint typed is not its fingerprint (%s). Check every digit; if it really differs, stop using this folder and tell IT", ErrRootChanged, t.Pinned.Fingerprint())
	}
	b, _ := json.Marshal(rootConfirmation{Fingerprint: fp, By: by, At: s.now().UTC()})
	return s.SetMeta(ctx, metaRootConfirmed, string(b))
}

// RootFor is the trust root a share set up by ss gets: theirs, when they are an
// administrator signed in with their keys; none (an unprotected share) otherwise.
func (ss *Session) RootFor() model.TrustRoot {
	if ss.keys == nil || ss.User.Role != model.RoleAdmin {
		return model.TrustRoot{}
	}
	return model.TrustRoot{UserID: ss.User.ID, SignKey: ss.User.SignKey, Since: ss.st.now().UTC().Format(time.RFC3339)}
}

// Vouch has an administrator sign every account on this device as it stands, when they
// set up a protected share: accounts created before (by the command line, an earlier
// version, an import) carry no administrator's signature, and other devices accept an
// account only from one.
func (ss *Session) Vouch(ctx context.Context) error {
	if ss.RootFor() == (model.TrustRoot{}) {
		return fmt.Errorf("%w: only an administrator signed in with their own password can vouch for the accounts", model.ErrForbidden)
	}
	return ss.write(ctx, func(w *wtx) error {
		us, err := list[model.User](ctx, w.tx, "", "id")
		if err != nil {
			return err
		}
		for i := range us {
			if err := w.restate(ctx, &us[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// judge gathers what this device knows about op and asks the model whether it may apply.
func (a *applier) judge(ctx context.Context, op model.Op, verifiedBy ed25519.PublicKey) error {
	p, err := a.provenance(ctx, op)
	if err != nil {
		return err
	}
	p.VerifiedBy = verifiedBy
	if err := model.CheckOp(op, p, &a.verifier); err != nil {
		return err
	}
	return a.noteSave(ctx, op, p.Author, verifiedBy)
}

// provenance gathers what this device knows about op's author and record.
func (a *applier) provenance(ctx context.Context, op model.Op) (model.Provenance, error) {
	p := model.Provenance{Root: a.root}
	var err error
	if p.Author, err = a.user(ctx, op.Author); err != nil {
		return p, err
	}
	if op.Table == "users" {
		if p.Target, err = a.user(ctx, op.Row); err != nil {
			return p, err
		}
	}
	if op.Table == "programmes" {
		if p.Programme, err = a.programme(ctx, op.Row); err != nil {
			return p, err
		}
		p.ProgrammeID = op.Row
	}
	if err := a.belonging(ctx, op, &p); err != nil {
		return p, err
	}
	kind, _ := model.KindOf(op.Table)
	if p.Locks, err = a.locks(ctx, op, kind); err != nil {
		return p, err
	}
	for _, f := range kind.Stored {
		v, err := a.fieldOf(ctx, model.Op{Table: op.Table, Row: op.Row}, f) // as stored, not as the op says
		if err != nil {
			return p, err
		}
		if p.Stored == nil {
			p.Stored = map[string]string{}
		}
		p.Stored[f] = v
	}
	return p, nil
}

// noteSave files the save of an operation that passed under its author's current key, so
// that closing that key later lists it.
func (a *applier) noteSave(ctx context.Context, op model.Op, author *model.User, verifiedBy ed25519.PublicKey) error {
	if op.Sig == "" || author == nil {
		return nil
	}
	id, ok := model.SaveOf(op)
	if !ok || a.saves[id] {
		return nil
	}
	pub := author.SigningKey()
	if pub == nil || !bytes.Equal(verifiedBy, pub) && a.verifier.Verify(pub, op) != nil {
		return nil // signed with a key already retired: its list is closed
	}
	if a.saves == nil {
		a.saves = map[model.SaveID]bool{}
	}
	a.saves[id] = true
	_, err := a.exec(ctx, `INSERT OR IGNORE INTO signed_saves(key_tag, save) VALUES(?, ?)`, model.KeyTag(pub), id[:])
	return err
}

// belonging finds whose record op changes: its programme (named in the record, or in the
// evidence item it belongs to), or for a person's own records that person and their
// latest programme. Deleted rows count: an edit of a record hidden with its deleted
// evidence item brings it back, and must be judged like any other.
func (a *applier) belonging(ctx context.Context, op model.Op, p *model.Provenance) error {
	var err error
	switch {
	case op.Table == "evidence_sections":
		var ev string
		if ev, err = a.fieldOf(ctx, op, "evidence_id"); err == nil {
			p.ProgrammeID, err = a.column(ctx, "evidence", ev, "programme_id")
		}
	case op.Table == "attachments":
		var owner string
		if owner, err = a.fieldOf(ctx, op, "owner_id"); err == nil {
			if p.ProgrammeID, err = a.column(ctx, "evidence", owner, "programme_id"); err == nil && p.ProgrammeID == "" {
				p.Subject, err = a.column(ctx, "training", owner, "user_id")
			}
		}
	case op.Table == "competencies":
		p.ProgrammeID, err = a.fieldOf(ctx, op, "programme_id")
	case model.IsPersonRecord(op.Table):
		p.Subject, err = a.fieldOf(ctx, op, "user_id")
	case model.NeedsProgramme(op.Table):
		p.ProgrammeID, err = a.fieldOf(ctx, op, "programme_id")
	}
	if err != nil {
		return err
	}
	if p.Subject != "" {
		var id string
		err := a.tx.QueryRowContext(ctx, `SELECT id FROM programmes WHERE preceptee_id = ? AND deleted = 0 ORDER BY start_date DESC LIMIT 1`, p.Subject).Scan(&id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		p.ProgrammeID = id
	}
	if p.ProgrammeID != "" {
		p.Programme, err = a.programme(ctx, p.ProgrammeID)
	}
	return err
}

// fieldOf is a text field of op's record: as the operation sets it, else as stored here.
func (a *applier) fieldOf(ctx context.Context, op model.Op, field string) (string, error) {
	if v, ok := op.Fields[field].(string); ok && v != "" {
		return v, nil
	}
	t, ok := tables.named(op.Table)
	if !ok {
		return "", nil
	}
	return a.column(ctx, t.name, op.Row, field)
}

// column reads one text column of a row, deleted or not ("" when there is no such row).
// Table and column come from this package's code, never from an operation.
func (a *applier) column(ctx context.Context, table, id, col string) (string, error) {
	if id == "" {
		return "", nil
	}
	var v string
	err := a.tx.QueryRowContext(ctx, "SELECT "+col+" FROM "+table+" WHERE id = ?", id).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// user and programme read through a cache that applying a change to either clears: a
// segment of a thousand operations asks about the same few people.
func (a *applier) user(ctx context.Context, id string) (*model.User, error) {
	return cached(ctx, a.tx, &a.users, id)
}

func (a *applier) programme(ctx context.Context, id string) (*model.Programme, error) {
	if id == "" {
		return nil, nil
	}
	return cached(ctx, a.tx, &a.programmes, id)
}

// cached reads a live record by id through cache; nil (also cached) when there is none.
func cached[T any](ctx context.Context, q querier, cache *map[string]*T, id string) (*T, error) {
	if v, ok := (*cache)[id]; ok {
		return v, nil
	}
	v, err := get[T](ctx, q, id)
	var found *T
	switch {
	case err == nil:
		found = &v
	case !errors.Is(err, model.ErrNotFound):
		return nil, err
	}
	if *cache == nil {
		*cache = map[string]*T{}
	}
	(*cache)[id] = found
	return found, nil
}

// forget drops what the caches hold about the record op changed.
func (a *applier) forget(op model.Op) {
	switch op.Table {
	case "users":
		delete(a.users, op.Row)
		a.unlocks, a.rejudge = true, true
	case "programmes":
		delete(a.programmes, op.Row)
		a.unlocks, a.rejudge = true, true
	case "evidence", "training":
		a.unlocks = true // what belongs to them can now be placed
	}
}

// decoded is one operation of a segment as the checking goroutine hands it to the applier:
// decoded once, and its signature already checked against its author's key when that key
// could be told in advance.
type decoded struct {
	raw        json.RawMessage
	op         model.Op
	err        error             // from decodeOp: not an operation that can be applied
	verifiedBy ed25519.PublicKey // nil: not checked ahead (the applier checks it itself)
}

// Incoming is a segment's operations being decoded, and their signatures checked, on
// another core while the applier works through the ones before (and, when the engine
// prepares the next segment before applying this one, through the segment before): Ed25519
// costs about as much as applying an operation, so done in line it would nearly double the
// time a new PC takes to join. The key used is the author's as this device has it
// committed, or as an earlier operation of the same segment sets it; when that is not the
// key the applier finds at the time, its own check decides.
type Incoming struct {
	ops  chan decoded // exactly one value per operation, in order
	stop chan struct{}
	n    int
	once gosync.Once
	key  ed25519.PublicKey // the device key that signed the segment (nil: unsigned)
}

// SignedBy records the device key the segment was signed with (checked by the share's
// reader), for ApplyPrepared to hold against the key pinned for that device.
func (in *Incoming) SignedBy(key ed25519.PublicKey) *Incoming {
	in.key = key
	return in
}

// ErrOtherDeviceKey means a segment in a device's folder was signed by another key than the
// one that device signed its earlier segments with, or not signed although they were: it
// was not written by that device.
var ErrOtherDeviceKey = errors.New("not signed by the key of the device whose folder it is in")

// checkDeviceKey holds a segment's device key against the one pinned for device, and
// returns the key to record (the pinned one, or this one if it is the first).
func checkDeviceKey(ctx context.Context, tx *sql.Tx, device string, key ed25519.PublicKey) (string, error) {
	var pinned string
	err := tx.QueryRowContext(ctx, `SELECT device_key FROM sync_applied WHERE device = ?`, device).Scan(&pinned)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	got := ""
	if key != nil {
		got = base64.StdEncoding.EncodeToString(key)
	}
	if pinned != "" && got != pinned {
		return "", fmt.Errorf("segment of %s: %w", device, ErrOtherDeviceKey)
	}
	return got, nil
}

// DeviceKey is the key this device signs its segments with, made at first use. It belongs
// to the device id: a copy that takes a new id makes a new key.
func (s *Store) DeviceKey(ctx context.Context) (ed25519.PrivateKey, error) {
	id := s.DeviceID()
	read := func() (ed25519.PrivateKey, error) {
		v, err := s.meta(ctx, s.wdb, metaDeviceKey)
		if err != nil || v == "" {
			return nil, err
		}
		dev, seed, ok := strings.Cut(v, " ")
		b, err := base64.StdEncoding.DecodeString(seed)
		if !ok || dev != id || err != nil || len(b) != ed25519.SeedSize {
			return nil, nil
		}
		return ed25519.NewKeyFromSeed(b), nil
	}
	if k, err := read(); k != nil || err != nil {
		return k, err
	}
	seed := make([]byte, ed25519.SeedSize)
	if _, err := io.ReadFull(s.rand, seed); err != nil {
		return nil, fmt.Errorf("device key: %w", err)
	}
	// Two processes on one data folder may get here together: the first key stored wins.
	old, _ := s.meta(ctx, s.wdb, metaDeviceKey)
	if _, err := s.wdb.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2 WHERE value = ?3`,
		metaDeviceKey, id+" "+base64.StdEncoding.EncodeToString(seed), old); err != nil {
		return nil, humanise(err)
	}
	k, err := read()
	if k == nil && err == nil {
		err = errors.New("device key: not stored")
	}
	return k, err
}

// metaDeviceKey holds "<device id> <base64 seed>".
const metaDeviceKey = "device_key"

// Close stops the checking early (the segment will not be applied after all).
func (in *Incoming) Close() { in.once.Do(func() { close(in.stop) }) }

// Prepare starts decoding and checking a segment's operations for ApplyPrepared.
func (s *Store) Prepare(ctx context.Context, ops []json.RawMessage) *Incoming {
	in := &Incoming{ops: make(chan decoded, len(ops)), stop: make(chan struct{}), n: len(ops)}
	go func() {
		defer close(in.ops)
		keys := map[string]ed25519.PublicKey{}
		var v model.OpVerifier
		for _, raw := range ops {
			select {
			case <-in.stop:
				return
			default:
			}
			d := decoded{raw: raw}
			d.op, d.err = decodeOp(raw)
			if d.err == nil && d.op.Sig != "" {
				pub := s.keyAhead(ctx, keys, d.op)
				if pub != nil && v.Verify(pub, d.op) == nil {
					d.verifiedBy = pub
				}
				if d.op.Table == "users" {
					if k, ok := d.op.Fields["sign_key"].(string); ok {
						b, _ := base64.StdEncoding.Strict().DecodeString(k)
						keys[d.op.Row] = b
					}
				}
			}
			in.ops <- d
		}
	}()
	return in
}

// keyAhead is the signing key op's author most likely has when the applier reaches op.
func (s *Store) keyAhead(ctx context.Context, keys map[string]ed25519.PublicKey, op model.Op) ed25519.PublicKey {
	if k, ok := keys[op.Author]; ok {
		return k
	}
	var k ed25519.PublicKey
	var enc string
	if s.rdb.QueryRowContext(ctx, `SELECT sign_key FROM users WHERE id = ?`, op.Author).Scan(&enc) == nil {
		if b, err := base64.StdEncoding.Strict().DecodeString(enc); err == nil && len(b) == ed25519.PublicKeySize {
			k = b
		}
	}
	if k == nil && op.Table == "users" && op.Row == op.Author { // an account vouching for itself
		if enc, ok := op.Fields["sign_key"].(string); ok {
			k, _ = base64.StdEncoding.Strict().DecodeString(enc)
		}
	}
	keys[op.Author] = k
	return k
}

// checkIdentity refuses a change to what a record is (see identityFields), any change to an
// append-only record, and a progress row that is not at the place its competency's row is.
func checkIdentity(t *table, op model.Op, r syncedRow, fields map[string]any) error {
	kind, _ := model.KindOf(t.name)
	if op.Kind == model.OpDelete || len(kind.Identity) == 0 {
		return nil
	}
	if !r.exists {
		if t.name == "progress" {
			pid, _ := fields["programme_id"].(string)
			code, _ := fields["code"].(string)
			if op.Row != model.ProgressID(pid, code) {
				return &model.Refusal{Reason: fmt.Sprintf("a competency's progress written under another record's name (%s)", op.Row)}
			}
		}
		if kind.AppendOnly {
			for _, f := range kind.Identity {
				if v, _ := fields[f].(string); v == "" {
					return &model.Refusal{Reason: fmt.Sprintf("an incomplete %s record (no %s)", t.name, f)}
				}
			}
		}
		return nil
	}
	// A row whose identity is still all blank was made by an edit that arrived before its
	// record: the record's arrival sets it.
	blank := true
	for _, f := range kind.Identity {
		blank = blank && asString(r.vals[t.colSet[f]]) == ""
	}
	for name, val := range fields {
		i := t.colSet[name]
		if sameValue(r.vals[i], val) {
			continue
		}
		if kind.AppendOnly {
			return &model.Refusal{Reason: fmt.Sprintf("a change to %s %s, which is only ever added", t.name, op.Row)}
		}
		if slices.Contains(kind.Identity, name) && !blank {
			return &model.Refusal{Reason: fmt.Sprintf("%s %s moved to another %s", t.name, op.Row, strings.TrimSuffix(name, "_id"))}
		}
	}
	return nil
}
