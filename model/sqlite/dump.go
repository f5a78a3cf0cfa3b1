package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"pursuit/model"
)

// Dump writes every synced record as canonical JSON: tables in name order, rows by id,
// fields by name, deleted rows included (a tombstone is data too). Device-local state
// (audit, outbox, field clocks, sign-in counters, settings, drafts) is left out, and
// password hashes appear only as fingerprints, so two devices holding the same data print
// the same bytes.
func (s *Store) Dump(ctx context.Context, w io.Writer) error {
	return s.dump(ctx, w, nil)
}

// DumpAs is the dump as ss may read it: every record, with the words of those the
// permissions matrix does not let ss read shown only as fingerprints (see mayRead). Nil
// ss is nobody: every word a person typed is a fingerprint. Two devices holding the same
// data still print the same bytes for the same person.
func (s *Store) DumpAs(ctx context.Context, w io.Writer, ss *Session) error {
	tx, err := s.rdb.BeginTx(ctx, nil)
	if err != nil {
		return humanise(err)
	}
	defer tx.Rollback()
	r, err := newReadable(ctx, tx, ss)
	if err != nil {
		return err
	}
	return s.dump(ctx, w, r)
}

// dump writes the dump; r, when set, decides which rows' words are shown.
func (s *Store) dump(ctx context.Context, w io.Writer, r *readable) error {
	tx, err := s.rdb.BeginTx(ctx, nil)
	if err != nil {
		return humanise(err)
	}
	defer tx.Rollback()
	var buf bytes.Buffer
	buf.WriteString("{\n")
	names := make([]string, 0, len(tables.byName))
	for _, t := range tables.byName {
		names = append(names, t.name)
	}
	sortStrings(names)
	for i, name := range names {
		t, _ := tables.named(name)
		fmt.Fprintf(&buf, "%q: [", name)
		if err := dumpTable(ctx, tx, t, &buf, r); err != nil {
			return fmt.Errorf("dump %s: %w", name, err)
		}
		buf.WriteString("]")
		if i < len(names)-1 {
			buf.WriteString(",")
		}
		buf.WriteString("\n")
	}
	buf.WriteString("}\n")
	_, err = w.Write(buf.Bytes())
	return err
}

func dumpTable(ctx context.Context, q querier, t *table, buf *bytes.Buffer, r *readable) error {
	kind, _ := model.KindOf(t.name)
	rows, err := q.QueryContext(ctx, "SELECT "+t.selects+", deleted FROM "+t.name+" ORDER BY id")
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		raw := make([]any, len(t.cols)+1)
		ptrs := make([]any, len(raw))
		for i := range raw {
			ptrs[i] = &raw[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		row := make(map[string]any, len(raw))
		for i, c := range t.cols {
			if b, ok := raw[i].([]byte); ok {
				raw[i] = string(b)
			}
			row[c.name] = raw[i]
		}
		for _, secret := range []string{"password_hash", "sealed_keys"} {
			if h, ok := row[secret].(string); ok && h != "" {
				// A fingerprint compares devices as well as the value would, and gives
				// nobody reading the dump anything to guess against.
				row[secret] = fingerprint(h)
			}
		}
		if model.IsConfidential(t.name, row) {
			// Confidential words are their readers' only, and a device where none of them
			// has signed in holds them sealed: the dump shows neither.
			for _, f := range model.SecretFields(t.name) {
				if row[f] != "" {
					row[f] = "(confidential)"
				}
			}
		}
		if r != nil && !r.mayRead(kind, row) {
			for _, f := range kind.FreeText {
				if v, ok := row[f].(string); ok && v != "" && v != "(confidential)" {
					row[f] = fingerprint(v)
				}
			}
		}
		row["deleted"] = raw[len(t.cols)]
		line, err := json.Marshal(row) // map keys come out sorted
		if err != nil {
			return err
		}
		if n > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n  ")
		buf.Write(line)
		n++
	}
	if n > 0 {
		buf.WriteString("\n")
	}
	return rows.Err()
}

// fingerprint stands for a value in a dump: it compares devices as well as the value
// would, and shows nothing of it.
func fingerprint(v string) string {
	sum := sha256.Sum256([]byte(v))
	return "sha256:" + hex.EncodeToString(sum[:8])
}
