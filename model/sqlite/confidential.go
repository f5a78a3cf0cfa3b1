package sqlite

// Confidential records on the way out (their words sealed to their readers' keys in the
// operation) and on the way in (kept sealed until a reader signs in here). See
// model/confidential.go for which records and who reads them.

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"pursuit/model"
)

// seal moves the words of a confidential record out of op's fields into an envelope only
// its readers can open; the fields stay named (with a placeholder) so that every device
// keeps the same clocks.
func (w *wtx) seal(ctx context.Context, t *table, vals []any, op *model.Op) error {
	secret := model.SecretFields(t.name)
	if len(secret) == 0 {
		return nil
	}
	row := make(map[string]any, len(t.cols))
	for i, c := range t.cols {
		row[c.name] = vals[i]
	}
	if !model.IsConfidential(t.name, row) {
		return nil
	}
	words := map[string]any{}
	for _, f := range secret {
		// An empty field says nothing, and sealed it would show as the placeholder.
		if v, ok := op.Fields[f]; ok && v != "" && v != nil {
			words[f] = v
		}
	}
	if len(words) == 0 {
		return nil
	}
	pid, _ := row["programme_id"].(string)
	p, err := get[model.Programme](ctx, w.tx, pid)
	if err != nil {
		return fmt.Errorf("confidential %s: %w", t.name, err)
	}
	if w.users == nil {
		if w.users, err = list[model.User](ctx, w.tx, "", "id"); err != nil {
			return err
		}
	}
	to := map[string][]byte{}
	for _, u := range model.ReadersOf(t.name, p, w.users) {
		if k := u.BoxPublicKey(); k != nil {
			to[u.ID] = k
		}
	}
	if len(to) == 0 {
		// Only accounts from before keys read it, and none has signed in since: the words
		// travel as they did before this version rather than not at all.
		w.st.log.Warn("confidential record sent unencrypted: none of its readers has keys yet", "table", t.name, "row", op.Row)
		return nil
	}
	plain, err := json.Marshal(words)
	if err != nil {
		return fmt.Errorf("confidential %s: %w", t.name, err)
	}
	env, err := model.SealFor(to, plain, sealedAbout(t.name, op.Row, op.HLC), w.st.rand)
	clear(plain)
	if err != nil {
		return fmt.Errorf("confidential %s: %w", t.name, err)
	}
	b, err := json.Marshal(env)
	if err != nil {
		return fmt.Errorf("confidential %s: %w", t.name, err)
	}
	fields := make(map[string]any, len(op.Fields))
	for k, v := range op.Fields {
		fields[k] = v
	}
	for f := range words {
		fields[f] = model.SealedPlaceholder
	}
	op.Fields, op.Enc = fields, base64.StdEncoding.EncodeToString(b)
	return nil
}

// parseEnvelope reads op.Enc.
func parseEnvelope(enc string) (model.Envelope, error) {
	var env model.Envelope
	b, err := base64.StdEncoding.Strict().DecodeString(enc)
	if err != nil {
		return env, err
	}
	return env, json.Unmarshal(b, &env)
}

// sealedAbout is what an envelope is bound to: one version of one record.
func sealedAbout(table, row, hlc string) string { return table + "/" + row + "/" + hlc }

// keepSealed remembers an arriving operation's envelope until a reader opens it here,
// with the fields it carried sealed (only those are ever filled from it) and whose
// envelope it is (only their sign-ins read it).
func (a *applier) keepSealed(ctx context.Context, op model.Op, env model.Envelope) error {
	var fields []string
	for _, f := range model.SecretFields(op.Table) {
		if op.Fields[f] == model.SealedPlaceholder {
			fields = append(fields, f)
		}
	}
	readers := ","
	for _, id := range slices.Sorted(maps.Keys(env.Keys)) {
		readers += id + ","
	}
	sum := sha256.Sum256([]byte(op.Enc))
	_, err := a.exec(ctx, `INSERT INTO sealed_ops(op_id, env_sha, tbl, row_id, hlc, fields, readers, envelope) VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		op.ID, hex.EncodeToString(sum[:]), op.Table, op.Row, op.HLC, strings.Join(fields, ","), readers, op.Enc)
	return err
}

// unseal opens, with the signed-in person's key, the confidential records that arrived
// sealed and that they may read, and puts their words in place of the placeholders where
// that version is still the current one (or is kept as the other side of a "changed on two
// devices" choice). Versions since overwritten are dropped: nothing shows them any more.
func (ss *Session) unseal(ctx context.Context) error {
	if ss.keys == nil || ss.st.wdb == nil {
		// No keys, or a store open only to read (a command-line reader): the words stay
		// sealed here and say so; the person's next sign-in in the window opens them.
		return nil
	}
	type sealed struct{ id, sha, tbl, row, hlc, fields, env string }
	var todo []sealed
	// Every portfolio read asks: only this person's envelopes are read, not everyone's.
	rows, err := ss.st.rdb.QueryContext(ctx, `SELECT op_id, env_sha, tbl, row_id, hlc, fields, envelope FROM sealed_ops WHERE instr(readers, ',' || ? || ',') > 0`, ss.User.ID)
	if err != nil {
		return humanise(err)
	}
	for rows.Next() {
		var s sealed
		if err := rows.Scan(&s.id, &s.sha, &s.tbl, &s.row, &s.hlc, &s.fields, &s.env); err != nil {
			rows.Close()
			return humanise(err)
		}
		todo = append(todo, s)
	}
	rows.Close()
	if len(todo) == 0 {
		return humanise(rows.Err())
	}
	tx, err := ss.st.wdb.BeginTx(ctx, nil)
	if err != nil {
		return humanise(err)
	}
	defer tx.Rollback()
	opened := 0
	for _, s := range todo {
		env, err := parseEnvelope(s.env)
		if err != nil {
			continue // it parsed on arrival; leave a damaged row for `pursuit check`
		}
		plain, err := env.OpenAs(ss.User.ID, ss.keys.BoxPrivate, sealedAbout(s.tbl, s.row, s.hlc))
		if errors.Is(err, model.ErrNotARecipient) || errors.Is(err, model.ErrOtherKey) {
			continue // someone else's to open
		}
		if err != nil {
			ss.st.log.Warn("a confidential record did not open", "table", s.tbl, "row", s.row, "err", err)
			continue
		}
		var words map[string]any
		if err := json.Unmarshal(plain, &words); err != nil {
			continue
		}
		clear(plain)
		t, ok := tables.named(s.tbl)
		if !ok {
			continue
		}
		for _, f := range strings.Split(s.fields, ",") {
			if !slices.Contains(model.SecretFields(s.tbl), f) {
				continue
			}
			v, ok := words[f]
			if !ok {
				continue
			}
			i, ok := t.colSet[f]
			if !ok {
				continue
			}
			val, err := storedValue(t.cols[i].kind, v)
			if err != nil {
				continue
			}
			if _, err := tx.ExecContext(ctx, "UPDATE "+t.name+" SET "+f+" = ? WHERE id = ? AND json_extract(hlc, '$.'||?) = ?", val, s.row, f, s.hlc); err != nil {
				return humanise(err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE sync_conflicts SET other_value = ? WHERE tbl = ? AND row_id = ? AND field = ? AND other_hlc = ?`,
				asString(val), s.tbl, s.row, f, s.hlc); err != nil {
				return humanise(err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sealed_ops WHERE op_id = ? AND env_sha = ?`, s.id, s.sha); err != nil {
			return humanise(err)
		}
		opened++
	}
	if opened == 0 {
		return nil
	}
	return humanise(tx.Commit())
}
