package sqlite

// Records carry their proof: see model/proof.go. This file keeps the signed change behind
// each record that affirms something in someone's name, and finds the records that cannot
// show one.

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"pursuit/model"
)

// noteProof keeps op as the proof of its record when it sets what the record affirms.
func noteProof(ctx context.Context, q querier, op model.Op) error {
	kind, ok := model.KindOf(op.Table)
	if !ok || !(kind.Proof != nil && kind.Proof.Carries(op) || kind.Whose != nil && kind.Whose.Carries(op)) {
		return nil
	}
	body, err := json.Marshal(op)
	if err != nil {
		return fmt.Errorf("keep the proof of %s %s: %w", op.Table, op.Row, err)
	}
	_, err = q.ExecContext(ctx, `INSERT OR IGNORE INTO proofs(tbl, row_id, op_id, op) VALUES(?, ?, ?, ?)`, op.Table, op.Row, op.ID, string(body))
	return err
}

// Unproven is one record that affirms something in someone's name without the signed
// change that made it.
type Unproven struct {
	Table, Row  string
	ProgrammeID string
	Why         string
}

// Unproven lists, programme by programme, every record that affirms something in someone's
// name without the signed change that made it; a competency stored as signed off with no
// proven sign-off is listed as its progress record.
func (s *Store) Unproven(ctx context.Context) ([]Unproven, error) {
	ps, err := list[model.Programme](ctx, s.rdb, "", "id")
	if err != nil {
		return nil, err
	}
	ap, err := s.accountProver(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	var out []Unproven
	for _, p := range ps {
		pr, err := s.unprovenWith(ctx, s.rdb, p, ap)
		if err != nil {
			return nil, err
		}
		for _, k := range slices.Sorted(maps.Keys(pr.bad)) {
			out = append(out, pr.bad[k])
		}
		codes, err := s.strings(ctx, `SELECT code FROM progress WHERE programme_id = ? AND status = ? AND deleted = 0 ORDER BY code`, p.ID, string(model.SignedOff))
		if err != nil {
			return nil, err
		}
		stored := map[string]bool{}
		for _, c := range codes {
			stored[strings.ToLower(c)] = true
			if !pr.signed[strings.ToLower(c)] {
				out = append(out, Unproven{Table: "progress", Row: progressID(p.ID, c), ProgrammeID: p.ID, Why: c + " is stored as signed off, but no proven sign-off shows it"})
			}
		}
		// The other way round: a proven sign-off whose competency no longer says so, or a
		// sign-off marked withdrawn (they never are), was edited here.
		for _, c := range slices.Sorted(maps.Keys(pr.signed)) {
			if !stored[c] {
				out = append(out, Unproven{Table: "progress", Row: progressID(p.ID, c), ProgrammeID: p.ID, Why: strings.ToUpper(c) + " has a proven sign-off, but is not stored as signed off"})
			}
		}
		withdrawn, err := s.strings(ctx, `SELECT id FROM signoffs WHERE programme_id = ? AND deleted = 1 ORDER BY id`, p.ID)
		if err != nil {
			return nil, err
		}
		for _, id := range withdrawn {
			out = append(out, Unproven{Table: "signoffs", Row: id, ProgrammeID: p.ID, Why: "marked withdrawn, which a sign-off never is"})
		}
	}
	for _, id := range ap.differs {
		out = append(out, Unproven{Table: "users", Row: id, Why: "the account as stored is not what its own signed changes make it (one of them deleted, or the row edited), so nothing it signed is proven here"})
	}
	return out, nil
}

// key is how a record is found in an unproven set.
func proofKey(table, row string) string { return table + "/" + row }

// proven is what unprovenIn found in one programme.
type proven struct {
	bad    map[string]Unproven // by proofKey
	signed map[string]bool     // competency codes (lower case) with a proven sign-off
}

// unprovenIn finds the records of programme p that cannot show their proof.
func (s *Store) unprovenIn(ctx context.Context, q querier, p model.Programme) (proven, error) {
	ap, err := s.accountProver(ctx, q)
	if err != nil {
		return proven{}, err
	}
	return s.unprovenWith(ctx, q, p, ap)
}

// proofColumns are the columns a proof of this kind is judged by: the record's id, the
// fields its signed change must have set, who signed and what it affirms.
func proofColumns(pr *model.Proof) []string {
	cols := append([]string{"id"}, pr.Fields...)
	for _, c := range []string{pr.Signer, pr.When} {
		if c != "" && !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	return cols
}

func (s *Store) accountProver(ctx context.Context, q querier) (*accountProver, error) {
	return s.accountProverWith(ctx, q, &model.OpVerifier{})
}

// accountProverWith is accountProver checking signatures with v, which may remember them.
func (s *Store) accountProverWith(ctx context.Context, q querier, v *model.OpVerifier) (*accountProver, error) {
	root, err := s.TrustRoot(ctx)
	if err != nil {
		return nil, err
	}
	if want := s.policy.TrustRoot; want != "" && root.Fingerprint() != want {
		// The key the Trust deployed to this PC is not the one its database names: the
		// database was edited (the meta table is as open to sqlite3 as any other). Nothing
		// is proven until that is put right.
		root = model.TrustRoot{UserID: "-", SignKey: "-"}
	}
	return newAccountProver(q, root, v), nil
}

// unprovenWith is unprovenIn with accounts rebuilt by ap (shared across programmes).
func (s *Store) unprovenWith(ctx context.Context, q querier, p model.Programme, ap *accountProver) (proven, error) {
	res := proven{bad: map[string]Unproven{}, signed: map[string]bool{}}
	// Whose programme it is, first: without that, nothing affirmed in it is believed (a
	// real sign-off would otherwise count for whoever the row was edited to name).
	whose, err := whoseUnproven(ctx, q, p, ap)
	if err != nil {
		return res, err
	}
	for _, kind := range model.Records {
		pr := kind.Proof
		if pr == nil || kind.Belongs == model.OfAccount {
			continue // accounts are proven by replaying their changes (accountProver)
		}
		cols := proofColumns(pr)
		sel := make([]string, len(cols))
		for i, c := range cols {
			sel[i] = "CAST(" + c + " AS TEXT)"
		}
		scope := "programme_id = ?"
		if kind.Belongs == model.TheProgramme {
			scope = "id = ?"
		}
		rows, err := q.QueryContext(ctx, "SELECT "+strings.Join(sel, ", ")+" FROM "+kind.Table+" WHERE deleted = 0 AND "+scope, p.ID)
		if err != nil {
			return res, fmt.Errorf("find the proofs of %s: %w", kind.Table, err)
		}
		var recs []map[string]string
		for rows.Next() {
			vals := make([]string, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return res, err
			}
			rec := map[string]string{}
			for i, c := range cols {
				rec[c] = vals[i]
			}
			if pr.Affirms(rec) {
				recs = append(recs, rec)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, err
		}
		for _, rec := range recs {
			why, err := whose, error(nil)
			if why == "" {
				why, err = proofOf(ctx, q, kind, rec, p, ap)
			}
			switch {
			case err != nil:
				return res, err
			case why != "":
				res.bad[proofKey(kind.Table, rec["id"])] = Unproven{Table: kind.Table, Row: rec["id"], ProgrammeID: p.ID, Why: why}
			case kind.Table == "signoffs":
				res.signed[strings.ToLower(rec["code"])] = true
			}
		}
	}
	return res, nil
}

// whoseProof is the programmes' kind with its proof of whose a programme is in place of its
// proof of completion, as model.CheckProof and proofOf judge a kind's Proof.
func whoseProof() model.RecordKind {
	kind, _ := model.KindOf("programmes")
	kind.Proof = kind.Whose
	return kind
}

// whoseUnproven is "" when a signed change kept for programme p set the preceptee it
// names, else why not.
func whoseUnproven(ctx context.Context, q querier, p model.Programme, ap *accountProver) (string, error) {
	why, err := proofOf(ctx, q, whoseProof(), map[string]string{"id": p.ID, "preceptee_id": p.PrecepteeID}, p, ap)
	if why != "" {
		why = "whose programme it is is not proven: " + why
	}
	return why, err
}

// proofOf judges the changes kept as the proof of one record: "" when one of them proves
// it, else why none does. Its author's keys are those their own proven changes give them.
func proofOf(ctx context.Context, q querier, kind model.RecordKind, rec map[string]string, p model.Programme, ap *accountProver) (string, error) {
	rows, err := q.QueryContext(ctx, `SELECT op FROM proofs WHERE tbl = ? AND row_id = ?`, kind.Table, rec["id"])
	if err != nil {
		return "", err
	}
	var ops []string
	for rows.Next() {
		var op string
		if err := rows.Scan(&op); err != nil {
			rows.Close()
			return "", err
		}
		ops = append(ops, op)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	why := "no signed change shows it was made (was it typed into the database?)"
	for _, raw := range ops {
		op, err := decodeOp(json.RawMessage(raw))
		if err != nil {
			why = "the change kept as its proof is unreadable"
			continue
		}
		author, err := ap.account(ctx, op.Author)
		if err != nil {
			return "", err
		}
		err = model.CheckProof(kind, op, rec, author, p.PrecepteeID, ap.root, ap.v)
		if err == nil {
			return "", nil
		}
		why = err.Error()
	}
	return why, nil
}

// believe takes out of a portfolio what it cannot prove: a sign-off or confirmation
// without its signed change is left out, a competency signed off only by such a sign-off
// shows as awaiting sign-off, a testimony shows as recorded by the preceptee, and an
// unproven completion as not completed.
func believe(pf *model.Portfolio, pr proven) {
	bad := pr.bad
	if _, ok := bad[proofKey("programmes", pf.Programme.ID)]; ok {
		pf.Programme.Status, pf.Programme.CompletedOn = model.ProgrammeActive, model.Date{}
	}
	pf.SignOffs = keepProven(pf.SignOffs, bad, "signoffs", func(x model.SignOff) string { return x.ID })
	pf.Confirmations = keepProven(pf.Confirmations, bad, "confirmations", func(x model.Confirmation) string { return x.ID })
	for i, e := range pf.Evidence {
		if _, ok := bad[proofKey("evidence", e.ID)]; ok {
			pf.Evidence[i].WitnessID = ""
		}
	}
	believeSignOffs(pf.Competencies, pr)
}

// believeSignOffs shows a competency as awaiting sign-off when none of its sign-offs is
// proven (a status typed into the database, or a sign-off that lost its proof).
func believeSignOffs(views []model.CompetencyView, pr proven) {
	for i, c := range views {
		if c.Progress.Status == model.SignedOff && !pr.signed[strings.ToLower(c.Code)] {
			views[i].Progress.Status = model.EvidenceSubmitted
			views[i].Unproven = true
		}
	}
}

func keepProven[T any](xs []T, bad map[string]Unproven, table string, id func(T) string) []T {
	out := xs[:0:0]
	for _, x := range xs {
		if _, ok := bad[proofKey(table, id(x))]; !ok {
			out = append(out, x)
		}
	}
	return out
}
