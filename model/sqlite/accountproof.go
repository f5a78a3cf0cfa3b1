package sqlite

// Whose key signed a proof is itself proven: an account's keys, role and history are
// rebuilt from the signed changes kept for it, each judged as the judge of the shared folder
// would (by an administrator rebuilt the same way, or by the account itself with its key
// of the moment, or the folder's own administrator vouching for themselves), never read
// from the users table, which anyone at the PC can edit with sqlite3. A proof made with a
// key swapped into the table is then no proof.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"

	"pursuit/model"
)

// accountProver rebuilds accounts from their proofs, once each per check.
type accountProver struct {
	q    querier
	root model.TrustRoot
	v    *model.OpVerifier
	done map[string]*model.User // nil: nothing proven for that id
	busy map[string]bool        // being rebuilt (an account cannot vouch for itself through a loop)
	// differs are the accounts whose stored row is not what their kept changes make them.
	differs []string
}

func newAccountProver(q querier, root model.TrustRoot, v *model.OpVerifier) *accountProver {
	return &accountProver{q: q, root: root, v: v, done: map[string]*model.User{}, busy: map[string]bool{}}
}

// account is the account id as its proven changes make it (nil: none).
func (ap *accountProver) account(ctx context.Context, id string) (*model.User, error) {
	if u, ok := ap.done[id]; ok {
		return u, nil
	}
	if ap.busy[id] || id == model.SystemUser.ID {
		return nil, nil
	}
	ap.busy[id] = true
	defer delete(ap.busy, id)
	ops, err := ap.changesTo(ctx, id)
	if err != nil {
		return nil, err
	}
	t, _ := tables.named("users")
	var state *model.User
	for _, op := range ops {
		var author *model.User
		switch {
		case op.Author == id:
			author = state
		case op.Author != model.SystemUser.ID:
			if author, err = ap.account(ctx, op.Author); err != nil {
				return nil, err
			}
		}
		if model.CheckOp(op, model.Provenance{Root: ap.root, Author: author, Target: state}, ap.v) != nil {
			continue
		}
		next := model.User{ID: id}
		if state != nil {
			next = *state
		}
		if err := setFields(t, reflect.ValueOf(&next).Elem(), op.Fields); err != nil {
			continue // a value of the wrong kind: the store would not have applied it either
		}
		state = &next
	}
	// The account as stored must be what its own changes make it: a change deleted from
	// the kept ones (a password change, to bring an old key back) leaves the two apart, and
	// then nothing the account signed is proven here.
	if state != nil {
		stored, err := get[model.User](ctx, ap.q, id)
		if err != nil && !errors.Is(err, model.ErrNotFound) {
			return nil, err
		}
		if err != nil || stored.SignKey != state.SignKey || stored.KeyHistory != state.KeyHistory || stored.Role != state.Role || stored.Active != state.Active {
			ap.differs = append(ap.differs, id)
			state = nil
		}
	}
	ap.done[id] = state
	return state, nil
}

// changesTo reads the changes kept for account id, oldest first.
func (ap *accountProver) changesTo(ctx context.Context, id string) ([]model.Op, error) {
	rows, err := ap.q.QueryContext(ctx, `SELECT op FROM proofs WHERE tbl = 'users' AND row_id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("read the changes to account %s: %w", id, err)
	}
	defer rows.Close()
	var ops []model.Op
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		if op, err := decodeOp(json.RawMessage(raw)); err == nil && op.Kind == model.OpPut {
			ops = append(ops, op)
		}
	}
	sort.SliceStable(ops, func(i, j int) bool {
		if ops[i].HLC != ops[j].HLC {
			return ops[i].HLC < ops[j].HLC
		}
		return ops[i].ID < ops[j].ID
	})
	return ops, rows.Err()
}

// setFields sets the fields an operation carries on a record of table t.
func setFields(t *table, rec reflect.Value, fields map[string]any) error {
	for name, v := range fields {
		i, ok := t.colSet[name]
		if !ok || i == 0 {
			return fmt.Errorf("%s has no field %q", t.name, name)
		}
		val, err := storedValue(t.cols[i].kind, v)
		if err != nil {
			return err
		}
		if err := decodeInto(t.cols[i].kind, rec.FieldByIndex(t.cols[i].index), val); err != nil {
			return err
		}
	}
	return nil
}
