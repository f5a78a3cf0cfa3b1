package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"pursuit/model"
)

// Problem is one thing `pursuit check` found wrong.
type Problem struct {
	What   string `json:"what"`
	Detail string `json:"detail"`
}

// Check verifies the data folder: SQLite's own integrity check, that every local change
// has its audit row and outbox operation, that records refer to parents that exist, and
// that every attachment's bytes are present and still hash to their name. No problems
// means intact.
func (s *Store) Check(ctx context.Context) ([]Problem, error) {
	var out []Problem
	add := func(what, format string, args ...any) { out = append(out, Problem{what, fmt.Sprintf(format, args...)}) }

	rows, err := s.rdb.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, humanise(err)
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, err
		}
		if msg != "ok" {
			add("database", "%s", msg)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, humanise(err)
	}

	var audits, ops int
	if err := s.rdb.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM audit WHERE action IN ('create', 'update', 'delete')), (SELECT count(*) FROM outbox)`).Scan(&audits, &ops); err != nil {
		return nil, humanise(err)
	}
	if audits != ops {
		add("audit", "%d changes in the audit log but %d in the outbox", audits, ops)
	}
	if broken, err := checkAuditChain(ctx, s.rdb); err != nil {
		return nil, humanise(err)
	} else if broken != "" {
		add("audit", "%s", broken)
	}

	// A live record must hang off a live parent: deleting a parent takes its children with
	// it in the same transaction, so anything left dangling is damage (or a sync that has
	// not finished arriving). An evidence item's sections, links and attachments stay when
	// the item is deleted (so it can come back whole), hidden with it: not orphans.
	orphans := []struct{ what, query string }{
		{"evidence section without its evidence", `SELECT id FROM evidence_sections s WHERE deleted = 0 AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.id = s.evidence_id) AND text <> ''`},
		{"link without its evidence or goal", `SELECT id FROM links l WHERE deleted = 0 AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.id = l.owner_id) AND NOT EXISTS (SELECT 1 FROM goals g WHERE g.id = l.owner_id AND g.deleted = 0)`},
		{"attachment without its evidence or training", `SELECT id FROM attachments a WHERE deleted = 0 AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.id = a.owner_id) AND NOT EXISTS (SELECT 1 FROM training t WHERE t.id = a.owner_id AND t.deleted = 0)`},
		{"action without its goal or meeting", `SELECT id FROM actions a WHERE deleted = 0 AND NOT EXISTS (SELECT 1 FROM goals g WHERE g.id = a.owner_id AND g.deleted = 0) AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = a.owner_id AND m.deleted = 0)`},
		{"programme without its preceptee", `SELECT id FROM programmes p WHERE deleted = 0 AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p.preceptee_id)`},
		{"training without its person", `SELECT id FROM training t WHERE deleted = 0 AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = t.user_id)`},
		{"attendance without its person", `SELECT id FROM learning_events t WHERE deleted = 0 AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = t.user_id)`},
	}
	for _, k := range model.Records {
		if k.Belongs != model.OfProgramme || !slices.Contains(k.Identity, "programme_id") || k.Table == "links" {
			continue // links are judged with their evidence or goal, above
		}
		tbl := k.Table
		orphans = append(orphans, struct{ what, query string }{
			strings.ReplaceAll(tbl, "_", " ") + " without its programme",
			"SELECT id FROM " + tbl + " r WHERE deleted = 0 AND NOT EXISTS (SELECT 1 FROM programmes p WHERE p.id = r.programme_id AND p.deleted = 0)"})
	}
	for _, o := range orphans {
		ids, err := s.strings(ctx, o.query)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			add("orphan", "%s: %s", o.what, id)
		}
	}

	// Every record that affirms something in someone's name must show the signed change
	// that made it: a row typed into the database has none.
	unproven, err := s.Unproven(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range unproven {
		if u.ProgrammeID == "" {
			add("proof", "%s %s: %s", u.Table, u.Row, u.Why)
			continue
		}
		add("proof", "%s %s (programme %s): %s", u.Table, u.Row, u.ProgrammeID, u.Why)
	}

	// An attachment is named by its id and hash, never its file name: check is open to
	// anyone at the PC, and a file name ("fit note – …") says what a person attached.
	rows, err = s.rdb.QueryContext(ctx, `SELECT sha256, min(id) FROM attachments WHERE deleted = 0 GROUP BY sha256 ORDER BY sha256`)
	if err != nil {
		return nil, humanise(err)
	}
	defer rows.Close()
	for rows.Next() {
		var sha, id string
		if err := rows.Scan(&sha, &id); err != nil {
			return nil, err
		}
		if err := s.verifyBlob(sha); err != nil {
			add("attachment", "attachment %s (%s): %v", id, sha, err)
		}
	}
	return out, rows.Err()
}

func (s *Store) verifyBlob(sha string) error {
	p, err := s.blobPath(sha)
	if err != nil {
		return err
	}
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("missing from %s", s.dir)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("unreadable: %w", err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sha {
		return fmt.Errorf("damaged: its content no longer matches its SHA-256")
	}
	return nil
}

func (s *Store) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := s.rdb.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, humanise(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
