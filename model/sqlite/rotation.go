package sqlite

// Keys that rotate: see model/rotation.go. This file keeps the list of saves each key has
// signed, closes a key with it, and lets its owner or an administrator vouch for a save
// that was kept aside because the list did not name it.

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"pursuit/model"
)

// noteSave files op's save under the key that signed it, once per save.
func noteSave(ctx context.Context, q querier, pub ed25519.PublicKey, op model.Op) error {
	id, ok := model.SaveOf(op)
	if !ok || len(pub) != ed25519.PublicKeySize {
		return nil
	}
	_, err := q.ExecContext(ctx, `INSERT OR IGNORE INTO signed_saves(key_tag, save) VALUES(?, ?)`, model.KeyTag(pub), id[:])
	return err
}

// savesOf lists the saves this device has seen signed by pub.
func savesOf(ctx context.Context, q querier, pub ed25519.PublicKey) ([]model.SaveID, error) {
	rows, err := q.QueryContext(ctx, `SELECT save FROM signed_saves WHERE key_tag = ?`, model.KeyTag(pub))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.SaveID
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		if len(b) == len(model.SaveID{}) {
			out = append(out, model.SaveID(b))
		}
	}
	return out, rows.Err()
}

// rotate gives the account new keys sealed under password, closing its current signing key
// with what this device knows it signed, in one save signed by `by` (the owner with the key
// being closed, or an administrator).
func (s *Store) rotate(ctx context.Context, by signer, userID, password string) (model.User, model.KeyPair, error) {
	var kp model.KeyPair
	u, err := get[model.User](ctx, s.rdb, userID)
	if err != nil {
		return u, kp, err
	}
	if err := model.CheckPassword(u.Username, password); err != nil {
		return u, kp, err
	}
	hash, err := model.HashPassword(password, s.hash, s.rand)
	if err != nil {
		return u, kp, err
	}
	err = s.write(ctx, by, func(w *wtx) error {
		if u, err = get[model.User](ctx, w.tx, userID); err != nil {
			return err
		}
		if old := u.SigningKey(); old != nil {
			saves, err := savesOf(ctx, w.tx, old)
			if err != nil {
				return fmt.Errorf("close the old key: %w", err)
			}
			// The key being retired has served since the last retirement (or the account's start).
			u.SetHistory(u.History().Close(old, u.History().LastRetired(), w.now, saves))
		}
		if kp, err = s.newKeys(&u, password); err != nil {
			return err
		}
		u.PasswordHash = hash
		_, err := w.put(ctx, &u)
		return err
	})
	return u, kp, err
}

// VouchFor has the signed-in person vouch for a change kept aside because it was signed
// with a closed key that did not list it: their own (made on a PC that had not yet heard of
// the password change), or, for an administrator, anyone's. The save joins the key's list,
// and the change and its siblings count here now and wherever the account change reaches.
func (ss *Session) VouchFor(ctx context.Context, rejectedID int64) error {
	var raw string
	err := ss.st.rdb.QueryRowContext(ctx, `SELECT op FROM sync_rejected WHERE id = ?`, rejectedID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: no kept-aside change %d", model.ErrNotFound, rejectedID)
	}
	if err != nil {
		return humanise(err)
	}
	var op model.Op
	if err := json.Unmarshal([]byte(raw), &op); err != nil {
		return fmt.Errorf("%w: kept-aside change %d is not a whole change", model.ErrNotFound, rejectedID)
	}
	if err := model.MayVouch(ss.User, op.Author); err != nil {
		return err
	}
	save, ok := model.SaveOf(op)
	if !ok {
		return &model.ValidationError{Field: "change", Message: "it is not signed, so there is nothing to vouch for"}
	}
	// Only with the key the account's own proven changes give it now: an old password
	// copied back into the users table opens an old key, which vouches for nothing.
	ap, err := ss.st.accountProver(ctx, ss.st.rdb)
	if err != nil {
		return err
	}
	me, err := ap.account(ctx, ss.User.ID)
	if err != nil {
		return err
	}
	if ss.keys == nil || me == nil || !bytes.Equal(me.SigningKey(), ss.keys.SignPublic) {
		return fmt.Errorf("%w: your password opened a key that is not your account's current one on this PC; sign in with your current password (or ask an administrator to reset it)", model.ErrForbidden)
	}
	err = ss.write(ctx, func(w *wtx) error {
		u, err := get[model.User](ctx, w.tx, op.Author)
		if err != nil {
			return err
		}
		for _, k := range u.History() {
			if !k.Closed || model.VerifyOp(k.SignPublic, op) != nil {
				continue
			}
			h, _ := u.History().Vouch(k.SignPublic, save)
			u.SetHistory(h)
			_, err := w.put(ctx, &u)
			return err
		}
		return &model.ValidationError{Field: "change", Message: "it was not signed with one of its author's retired keys"}
	})
	if err != nil {
		return err
	}
	return ss.st.rejudgeKept(ctx)
}

// rejudgeKept judges again, here and now, what was kept aside for who wrote it: after an
// account change made on this device (vouching, a reset), which no segment brings.
func (s *Store) rejudgeKept(ctx context.Context) error {
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return humanise(err)
	}
	defer tx.Rollback()
	root, err := s.TrustRoot(ctx)
	if err != nil {
		return err
	}
	var res ApplyResult
	a := applier{tx: tx, st: s, now: s.now(), res: &res, root: root, rejudge: true, unlocks: true}
	defer a.close()
	if err := a.retryWaiting(ctx); err != nil {
		return humanise(fmt.Errorf("judge kept-aside changes again: %w", err))
	}
	return humanise(tx.Commit())
}

// signedWithClosedKey says whether op verifies under one of its author's closed keys
// without being listed: the changes its author or an administrator may vouch for.
func (s *Store) signedWithClosedKey(ctx context.Context, op model.Op) (bool, error) {
	save, ok := model.SaveOf(op)
	if !ok {
		return false, nil
	}
	u, err := get[model.User](ctx, s.rdb, op.Author)
	if errors.Is(err, model.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	for _, k := range u.History() {
		if k.Closed && !k.Lists(save) && model.VerifyOp(k.SignPublic, op) == nil {
			return true, nil
		}
	}
	return false, nil
}

// KeptAside lists changes kept aside, newest first: every one for those who may see them
// all (administrators and leads), and for anyone else their own changes that were signed
// with their old key, which they may vouch for.
func (ss *Session) KeptAside(ctx context.Context, limit int) ([]RejectedChange, error) {
	if model.Allowed(ss.User, model.ViewAudit, nil) {
		return ss.st.keptAside(ctx, "", limit)
	}
	return ss.st.keptAside(ctx, ss.User.ID, limit)
}
