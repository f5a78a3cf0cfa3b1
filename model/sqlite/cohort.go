package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"pursuit/model"
)

// Cohort is the overview of every programme the session may oversee. The first read takes
// a fixed number of queries however large the cohort; after that only the programmes the
// database has logged as changed (by anyone: this window, a sync, the command line) are
// read again, so a lead coming back to the overview of a whole Trust waits for the few
// portfolios that moved, not for a thousand.
func (ss *Session) Cohort(ctx context.Context) ([]model.CohortRow, error) {
	key := cohortKey{user: ss.User.ID, role: ss.User.Role, today: model.DateOf(ss.st.now())}
	// One snapshot, so the rows read and the change they are up to agree.
	tx, err := ss.st.rdb.BeginTx(ctx, nil)
	if err != nil {
		return nil, humanise(err)
	}
	defer tx.Rollback()
	var upTo int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM cohort_changes`).Scan(&upTo); err != nil {
		return nil, humanise(err)
	}
	kept, since, ok := ss.st.cohortCache.get(key)
	var only map[string]bool // nil: read every programme
	if ok {
		changed, whole, err := cohortChanges(ctx, tx, since, upTo)
		switch {
		case err != nil:
			return nil, err
		case whole:
			kept = nil
		case len(changed) == 0:
			return kept, nil
		default:
			only = changed
		}
	}
	rows, err := ss.cohortRows(ctx, tx, only, kept)
	if err != nil {
		return nil, err
	}
	ss.st.cohortCache.put(key, upTo, rows)
	return rows, nil
}

// mostChangesRead is how many changed programmes are read one by one before the whole
// cohort is read instead (one query per table either way, but a long list of ids is no
// quicker than reading everything).
const mostChangesRead = 200

// cohortChanges lists the programmes changed after since, up to upTo; whole says the
// whole cohort must be read (a framework changed, a name changed, too many changes, or
// changes older than the log keeps).
func cohortChanges(ctx context.Context, tx querier, since, upTo int64) (map[string]bool, bool, error) {
	if since == upTo {
		return nil, false, nil
	}
	if since > upTo {
		return nil, true, nil // another database file (a restored copy)
	}
	var oldest int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(min(seq), 0) FROM cohort_changes`).Scan(&oldest); err != nil {
		return nil, false, humanise(err)
	}
	if oldest > since+1 {
		return nil, true, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT programme_id FROM cohort_changes WHERE seq > ? AND seq <= ?`, since, upTo)
	if err != nil {
		return nil, false, humanise(err)
	}
	defer rows.Close()
	changed := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, false, humanise(err)
		}
		if id == "*" || len(changed) >= mostChangesRead {
			return nil, true, nil
		}
		changed[id] = true
	}
	return changed, false, humanise(rows.Err())
}

// cohortRows reads the overview's rows: of every programme when only is nil, otherwise of
// the programmes in only and any the session has newly come to oversee, keeping the rest
// from kept.
func (ss *Session) cohortRows(ctx context.Context, tx querier, only map[string]bool, kept []model.CohortRow) ([]model.CohortRow, error) {
	all, err := list[model.Programme](ctx, tx, "", "start_date, id")
	if err != nil {
		return nil, err
	}
	keptBy := map[string]model.CohortRow{}
	for _, r := range kept {
		keptBy[r.Programme.ID] = r
	}
	var progs, fresh []model.Programme
	for i := range all {
		if !model.Allowed(ss.User, model.ViewCohort, &all[i]) {
			continue
		}
		progs = append(progs, all[i])
		if _, have := keptBy[all[i].ID]; only == nil || only[all[i].ID] || !have {
			fresh = append(fresh, all[i])
		}
	}
	if len(progs) == 0 {
		return nil, nil
	}
	computed, err := ss.cohortRowsOf(ctx, tx, fresh, only != nil)
	if err != nil {
		return nil, err
	}
	rows := make([]model.CohortRow, 0, len(progs))
	for _, p := range progs {
		if r, ok := computed[p.ID]; ok {
			rows = append(rows, r)
		} else {
			rows = append(rows, keptBy[p.ID])
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Preceptee < rows[j].Preceptee })
	return rows, nil
}

// cohortRowsOf works out the rows of progs, reading only their records when some is set.
func (ss *Session) cohortRowsOf(ctx context.Context, tx querier, progs []model.Programme, some bool) (map[string]model.CohortRow, error) {
	out := map[string]model.CohortRow{}
	if len(progs) == 0 {
		return out, nil
	}
	ss.st.cohortWork.Add(int64(len(progs)))
	byProg, byPreceptee := "", ""
	var progIDs, precepteeIDs []any
	if some {
		for _, p := range progs {
			progIDs = append(progIDs, p.ID)
			precepteeIDs = append(precepteeIDs, p.PrecepteeID)
		}
		byProg, byPreceptee = "programme_id IN ("+placeholders(len(progs))+")", "user_id IN ("+placeholders(len(progs))+")"
	}
	users, err := listOnly[model.User](ctx, tx, []string{"name"}, "", "")
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, u := range users {
		names[u.ID] = u.Name
	}
	comps, err := listOnly[model.Competency](ctx, tx, []string{"framework_id", "programme_id", "code", "title", "level", "validate_first", "applies_to", "retired"}, "", "programme_id, position, code")
	if err != nil {
		return nil, err
	}
	byFramework := map[string][]model.Competency{}
	byProgramme := map[string][]model.Competency{}
	for _, c := range comps {
		if c.ProgrammeID != "" {
			byProgramme[c.ProgrammeID] = append(byProgramme[c.ProgrammeID], c)
		} else {
			byFramework[c.FrameworkID] = append(byFramework[c.FrameworkID], c)
		}
	}
	// Only the fields the rules read: the overview must stay quick for a whole Trust. The
	// progress rows (one per preceptee per competency) are most of the work, so they are read,
	// with the sign-offs and their proofs, on a second connection while this one reads the
	// rest: WAL lets readers run side by side.
	var progress map[string][]model.Progress
	var proofs cohortProofs
	progressDone := make(chan error, 1)
	go func() {
		ptx, err := ss.st.rdb.BeginTx(ctx, nil)
		if err != nil {
			progressDone <- err
			return
		}
		defer ptx.Rollback()
		progress, err = groupBy(ctx, ptx, []string{"programme_id", "code", "status", "target_date", "stretch"}, byProg, progIDs, func(p model.Progress) string { return p.ProgrammeID })
		if err == nil {
			err = proofs.read(ctx, ptx, byProg, progIDs)
		}
		progressDone <- err
	}()
	pf := cohortParts{}
	err = pf.read(ctx, tx, byProg, progIDs, byPreceptee, precepteeIDs)
	if perr := <-progressDone; err == nil && perr != nil {
		err = humanise(perr)
	}
	if err != nil {
		return nil, err
	}
	if err := ss.st.countOnlyKeptSignOffs(ctx, tx, proofs, progs, progress); err != nil {
		return nil, err
	}
	today := model.DateOf(ss.st.now())
	for _, p := range progs {
		comps := append(append([]model.Competency{}, byFramework[p.FrameworkID]...), byProgramme[p.ID]...)
		out[p.ID] = cohortRow(p, names, today, model.Portfolio{
			Programme: p, Competencies: joinViews(p, comps, progress[p.ID], nil),
			Meetings: pf.meetings[p.ID], Actions: pf.actions[p.ID], Goals: pf.goals[p.ID], Training: pf.training[p.PrecepteeID],
			Conversations: pf.convs[p.ID], Confirmations: pf.confs[p.ID], Concerns: pf.concerns[p.ID],
		})
	}
	return out, nil
}

// cohortParts are the records besides progress that the overview's rules read, grouped by
// programme (training by preceptee).
type cohortParts struct {
	meetings map[string][]model.Meeting
	actions  map[string][]model.ActionItem
	goals    map[string][]model.Goal
	training map[string][]model.TrainingRecord
	convs    map[string][]model.CareerConversation
	confs    map[string][]model.Confirmation
	concerns map[string][]model.Concern
}

func (c *cohortParts) read(ctx context.Context, tx querier, byProg string, progIDs []any, byPreceptee string, precepteeIDs []any) error {
	var err error
	if c.meetings, err = groupBy(ctx, tx, []string{"programme_id", "kind", "date", "held"}, byProg, progIDs, func(m model.Meeting) string { return m.ProgrammeID }); err != nil {
		return err
	}
	if c.actions, err = groupBy(ctx, tx, []string{"programme_id", "due_date", "done"}, byProg, progIDs, func(a model.ActionItem) string { return a.ProgrammeID }); err != nil {
		return err
	}
	if c.goals, err = groupBy(ctx, tx, []string{"programme_id", "target_date", "status"}, byProg, progIDs, func(g model.Goal) string { return g.ProgrammeID }); err != nil {
		return err
	}
	if c.training, err = groupBy(ctx, tx, []string{"user_id", "category", "course", "completed_on", "refresher_months", "expires_on"}, byPreceptee, precepteeIDs, func(t model.TrainingRecord) string { return t.UserID }); err != nil {
		return err
	}
	if c.convs, err = groupBy(ctx, tx, []string{"programme_id", "milestone", "date", "held"}, byProg, progIDs, func(c model.CareerConversation) string { return c.ProgrammeID }); err != nil {
		return err
	}
	if c.confs, err = groupBy(ctx, tx, []string{"programme_id", "kind", "role"}, byProg, progIDs, func(c model.Confirmation) string { return c.ProgrammeID }); err != nil {
		return err
	}
	c.concerns, err = groupBy(ctx, tx, []string{"programme_id", "status"}, byProg, progIDs, func(c model.Concern) string { return c.ProgrammeID })
	return err
}

// cohortRow is one programme's line in the overview, worked out by the programme's rules.
func cohortRow(p model.Programme, names map[string]string, today model.Date, pf model.Portfolio) model.CohortRow {
	tl := p.Timeline()
	r := model.CohortRow{
		Programme: p, Preceptee: names[p.PrecepteeID], Preceptor: names[p.PreceptorID], LineManager: names[p.LineManagerID],
		Month: p.Month(today), TotalMonths: tl.TotalMonths, LastMeeting: model.LastMeeting(pf.Meetings), RAG: model.RAGStatus(pf, today),
	}
	_, r.NextMeeting = p.NextMeetingDue(pf.Meetings)
	r.MeetingsHeld, r.MeetingsExpected = model.MeetingsHeld(pf.Meetings), p.MeetingsExpected(today)
	lp := model.ProgressByLevel(pf.Competencies)[0]
	r.MustSignedOff, r.MustTotal = lp.SignedOff, lp.Total
	for _, it := range model.DueItems(pf, today) {
		switch it.State {
		case model.Overdue:
			r.Overdue++
		case model.DueSoon:
			r.DueSoon++
		}
	}
	for _, t := range pf.Training {
		if s := t.State(today); s == model.TrainingExpired || s == model.TrainingDueSoon {
			r.ExpiringTraining++
		}
	}
	for _, c := range pf.Concerns {
		if c.Status != model.ConcernResolved {
			r.OpenConcerns++
		}
	}
	return r
}

// placeholders is "?, ?, …" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// groupBy reads the given columns of the live rows of T matching where (may be "") and
// groups them by key.
func groupBy[T any](ctx context.Context, q querier, cols []string, where string, args []any, key func(T) string) (map[string][]T, error) {
	all, err := listOnly[T](ctx, q, cols, where, "", args...)
	if err != nil {
		return nil, err
	}
	out := map[string][]T{}
	for _, v := range all {
		k := key(v)
		out[k] = append(out[k], v)
	}
	return out, nil
}

// keptProof is a record with a change kept as its proof, to judge.
type keptProof struct {
	op, prog string
	rec      map[string]string // by proofColumns
}

// cohortProofs are what the overview judges: the programmes' proofs of whose they are, and
// the sign-offs' proofs.
type cohortProofs struct{ whose, signOffs []keptProof }

func (c *cohortProofs) read(ctx context.Context, q querier, byProg string, progIDs []any) (err error) {
	programmes := whoseProof()
	signoffs, _ := model.KindOf("signoffs")
	if c.whose, err = readProofs(ctx, q, programmes.Table, proofColumns(programmes.Proof), "id", byProg, progIDs); err != nil {
		return err
	}
	c.signOffs, err = readProofs(ctx, q, signoffs.Table, proofColumns(signoffs.Proof), "programme_id", byProg, progIDs)
	return err
}

// readProofs reads the records of table (cols of each) in the programmes byProg names,
// progCol naming their programme, each with every change kept as its proof.
func readProofs(ctx context.Context, q querier, table string, cols []string, progCol, byProg string, progIDs []any) ([]keptProof, error) {
	sel := make([]string, len(cols))
	for i, c := range cols {
		sel[i] = "CAST(r." + c + " AS TEXT)"
	}
	where := "r.deleted = 0"
	if byProg != "" {
		where += " AND r." + strings.Replace(byProg, "programme_id", progCol, 1)
	}
	rows, err := q.QueryContext(ctx, `SELECT p.op, r.`+progCol+`, `+strings.Join(sel, ", ")+` FROM `+table+` r
		JOIN proofs p ON p.tbl = '`+table+`' AND p.row_id = r.id WHERE `+where, progIDs...)
	if err != nil {
		return nil, fmt.Errorf("cohort: proofs of %s: %w", table, err)
	}
	defer rows.Close()
	var out []keptProof
	for rows.Next() {
		vals := make([]string, len(cols)+2)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		rec := make(map[string]string, len(cols))
		for i, c := range cols {
			rec[c] = vals[i+2]
		}
		out = append(out, keptProof{vals[0], vals[1], rec})
	}
	return out, rows.Err()
}

// recValues are rec's values in the order of cols.
func recValues(rec map[string]string, cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = rec[c]
	}
	return out
}

// countOnlyKeptSignOffs counts a competency as signed off in the overview only when whose
// programme it is is proven (RecordKind.Whose) and one of its sign-offs is proven, as the
// portfolio proves them (model.CheckProof): its signed change
// kept beside it, signed by the person it names with a key their own proven changes gave
// them. A status or a sign-off typed into the database with sqlite3 has none, nor one with
// a made-up or copied change. Signatures are checked once per run of the app: the store
// remembers each sign-off it has judged, so a later read costs a hash of each.
func (s *Store) countOnlyKeptSignOffs(ctx context.Context, q querier, cands cohortProofs, progs []model.Programme, progress map[string][]model.Progress) error {
	preceptee := make(map[string]string, len(progs))
	for _, p := range progs {
		preceptee[p.ID] = p.PrecepteeID
	}
	pc := &s.proofCheck
	pc.Lock()
	defer pc.Unlock()
	ap, err := s.accountProverWith(ctx, q, &pc.v)
	if err != nil {
		return err
	}
	// A judgement stands as long as the accounts' own changes, which give every signer
	// their keys, and the Trust's key are as they were.
	var accounts string
	if err := q.QueryRowContext(ctx, `SELECT count(*) || '/' || total(length(op)) FROM proofs WHERE tbl = 'users'`).Scan(&accounts); err != nil {
		return fmt.Errorf("cohort: accounts' changes: %w", err)
	}
	if version := accounts + "/" + ap.root.Fingerprint(); version != pc.version {
		pc.version, pc.judged = version, map[[sha256.Size]byte]bool{}
	}
	judge := func(kind model.RecordKind, c keptProof) (bool, error) {
		h := sha256.New()
		for _, part := range append([]string{kind.Table, c.op, preceptee[c.prog]}, recValues(c.rec, proofColumns(kind.Proof))...) {
			fmt.Fprintf(h, "%d:%s", len(part), part)
		}
		var sum [sha256.Size]byte
		h.Sum(sum[:0])
		if good, judged := pc.judged[sum]; judged {
			return good, nil
		}
		good := false
		if op, err := decodeOp(json.RawMessage(c.op)); err == nil {
			author, err := ap.account(ctx, op.Author)
			if err != nil {
				return false, err
			}
			good = model.CheckProof(kind, op, c.rec, author, preceptee[c.prog], ap.root, ap.v) == nil
		}
		pc.judged[sum] = good
		return good, nil
	}
	programmes := whoseProof()
	whose := map[string]bool{}
	for _, c := range cands.whose {
		if !whose[c.prog] {
			if whose[c.prog], err = judge(programmes, c); err != nil {
				return err
			}
		}
	}
	signoffs, _ := model.KindOf("signoffs")
	kept := map[[2]string]bool{}
	for _, c := range cands.signOffs {
		k := [2]string{c.prog, strings.ToLower(c.rec["code"])}
		if kept[k] || !whose[c.prog] {
			continue
		}
		if kept[k], err = judge(signoffs, c); err != nil {
			return err
		}
	}
	for id, prs := range progress {
		for i, pr := range prs {
			if pr.Status == model.SignedOff && !kept[[2]string{id, strings.ToLower(pr.Code)}] {
				prs[i].Status = model.EvidenceSubmitted
			}
		}
	}
	return nil
}
