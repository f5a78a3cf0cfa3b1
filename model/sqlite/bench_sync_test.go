package sqlite_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/model/demo"
	"pursuit/model/sqlite"
)

// BenchmarkApplyCohort applies the whole 200-preceptee cohort to an empty device, as a new
// PC joining the share does, in segments of 2 000 operations: unsigned (as the command line
// writes) and signed by each record's author, with every signature checked and every
// sign-off's author judged. Saves of one operation each are the worst case for checking
// (one Ed25519 verification per operation); the app's saves are mostly 1–8 operations (a SLOT
// edit 1, a sign-off 3, an evidence item with its sections and links 4–8).
func BenchmarkApplyCohort(b *testing.B) {
	ctx := context.Background()
	ops, authors := cohortOps(b)
	variants := []struct {
		name  string
		save  int // operations per signed save; 0: unsigned
		raws  []json.RawMessage
		saves int
	}{{name: "unsigned"}, {name: "signed-1-per-save", save: 1}, {name: "signed-up-to-4-per-save", save: 4}}
	for i := range variants {
		variants[i].raws, variants[i].saves = signCohort(b, ops, authors, variants[i].save)
	}
	for _, v := range variants {
		raws, saves := v.raws, v.saves
		b.Run(v.name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				dst, err := sqlite.Open(ctx, b.TempDir(), sqlite.Options{Now: func() time.Time { return benchNow }})
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC() // each variant starts from the same heap, not the last one's garbage
				if v.save > 0 {
					admin := authors[""]
					root := model.TrustRoot{UserID: admin.id, SignKey: base64.StdEncoding.EncodeToString(admin.keys.SignPublic)}
					if err := dst.PinTrustRoot(ctx, root); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				rejected := 0
				// As the engine does: the next segment is checked while this one applies.
				next := dst.Prepare(ctx, raws[:min(2000, len(raws))])
				for seq, i := uint64(1), 0; i < len(raws); seq, i = seq+1, i+2000 {
					cur := next
					if j := i + 2000; j < len(raws) {
						next = dst.Prepare(ctx, raws[j:min(j+2000, len(raws))])
					}
					res, err := dst.ApplyPrepared(ctx, "cohort-device", seq, cur)
					if err != nil {
						b.Fatal(err)
					}
					rejected += res.Rejected
				}
				b.StopTimer()
				if rejected != 0 {
					why, _ := dst.System().RejectedChanges(ctx, 3)
					b.Fatalf("%d of %d changes rejected, e.g. %+v", rejected, len(raws), why)
				}
				dst.Close()
			}
			b.ReportMetric(float64(len(raws)), "changes")
			if saves > 0 {
				b.ReportMetric(float64(len(raws))/float64(saves), "changes/signature")
			}
		})
	}
}

// cohortOps are the 200-preceptee cohort's changes as its PC would send them, and the
// people who would have made them.
func cohortOps(b *testing.B) ([]model.Op, map[string]cohortAuthor) {
	b.Helper()
	src := cohort(b)
	out, err := src.Pending(context.Background(), 1<<30, 1<<40)
	if err != nil {
		b.Fatal(err)
	}
	ops := make([]model.Op, len(out))
	for i, o := range out {
		if err := json.Unmarshal(o.Op, &ops[i]); err != nil {
			b.Fatal(err)
		}
	}
	return ops, cohortAuthors(b, src)
}

// cohortAuthor is who would have written a cohort record in the app.
type cohortAuthor struct {
	id   string
	keys model.KeyPair
}

// cohortAuthors opens every demo account's keys and learns each programme's people.
func cohortAuthors(b *testing.B, st *sqlite.Store) map[string]cohortAuthor {
	b.Helper()
	ctx := context.Background()
	users, err := st.System().Users(ctx)
	if err != nil {
		b.Fatal(err)
	}
	out := map[string]cohortAuthor{}
	for _, u := range users {
		sealed, err := u.Sealed()
		if err != nil {
			b.Fatal(err)
		}
		kp, err := model.Open(sealed, demo.Password)
		if err != nil {
			b.Fatal(err)
		}
		out[u.ID] = cohortAuthor{u.ID, kp}
		if u.Role == model.RoleAdmin {
			out[""] = out[u.ID]
		}
	}
	return out
}

// signCohort gives each operation the author the app would have given it — the person a
// record names (signer, confirmer, whoever changed a status), the preceptor for a
// competency signed off, the preceptee for the rest of her portfolio, the administrator for
// accounts, programmes and frameworks — and signs runs of one author's operations in saves
// of up to save operations. With save 0 they stay unsigned, by the command line.
func signCohort(b *testing.B, ops []model.Op, authors map[string]cohortAuthor, save int) (raws []json.RawMessage, saves int) {
	b.Helper()
	type people struct{ preceptee, preceptor string }
	progs := map[string]people{}
	owner := map[string]string{} // evidence item or training record → whose it is
	for _, op := range ops {
		switch op.Table {
		case "programmes":
			pe, _ := op.Fields["preceptee_id"].(string)
			pr, _ := op.Fields["preceptor_id"].(string)
			progs[op.Row] = people{pe, pr}
		case "training":
			owner[op.Row], _ = op.Fields["user_id"].(string)
		}
	}
	for _, op := range ops {
		if pid, _ := op.Fields["programme_id"].(string); op.Table == "evidence" {
			owner[op.Row] = progs[pid].preceptee
		}
	}
	ops = append([]model.Op(nil), ops...)
	for i := range ops {
		op := &ops[i]
		if save == 0 {
			continue
		}
		op.Fields = maps.Clone(op.Fields)
		pid, _ := op.Fields["programme_id"].(string)
		who := ""
		for _, f := range []string{"signer_id", "user_id", "by_id", "created_by", "raised_by"} {
			if id, ok := op.Fields[f].(string); ok && id != "" {
				who = id
			}
		}
		for _, f := range []string{"evidence_id", "owner_id"} {
			if id, ok := op.Fields[f].(string); ok && who == "" && owner[id] != "" {
				who = owner[id]
			}
		}
		switch {
		case who != "":
		case op.Table == "progress" && (op.Fields["status"] == string(model.SignedOff) || op.Fields["status"] == string(model.Returned) || fmt.Sprint(op.Fields["stretch"]) == "1"):
			who = progs[pid].preceptor
		case pid != "":
			who = progs[pid].preceptee
		}
		if op.Table == "concerns" && op.Fields["resolution"] != "" {
			// The demo holds a resolved concern as one record; the app writes it as a raise
			// and, later, a resolution by someone else. The benchmark keeps the raise.
			op.Fields["status"], op.Fields["resolution"], op.Fields["resolved_on"] = string(model.ConcernOpen), "", ""
		}
		a, ok := authors[who]
		if !ok {
			a = authors[""]
		}
		op.Author = a.id
	}
	for i := 0; save > 0 && i < len(ops); {
		j := i + 1
		for j < len(ops) && j-i < save && ops[j].Author == ops[i].Author {
			j++
		}
		if err := model.SignOps(authors[ops[i].Author].keys.SignPrivate, ops[i:j]); err != nil {
			b.Fatal(err)
		}
		i, saves = j, saves+1
	}
	raws = make([]json.RawMessage, len(ops))
	for i, op := range ops {
		var err error
		if raws[i], err = json.Marshal(op); err != nil {
			b.Fatal(fmt.Errorf("operation %d: %w", i, err))
		}
	}
	return raws, saves
}

// BenchmarkCohortOverviewSigned is the lead's overview of the 200-preceptee cohort on a
// protected PC, where every sign-off it counts is proven by its signature: read whole the
// first time after the app starts (every signature checked), and read whole again later in
// the same run (the store remembers the signatures it has checked).
func BenchmarkCohortOverviewSigned(b *testing.B) {
	ctx := context.Background()
	ops, authors := cohortOps(b)
	raws, _ := signCohort(b, ops, authors, 4)
	dir := b.TempDir()
	open := func() *sqlite.Store {
		st, err := sqlite.Open(ctx, dir, sqlite.Options{Now: func() time.Time { return benchNow }})
		if err != nil {
			b.Fatal(err)
		}
		return st
	}
	dst := open()
	admin := authors[""]
	if err := dst.PinTrustRoot(ctx, model.TrustRoot{UserID: admin.id, SignKey: base64.StdEncoding.EncodeToString(admin.keys.SignPublic)}); err != nil {
		b.Fatal(err)
	}
	for seq, i := uint64(1), 0; i < len(raws); seq, i = seq+1, i+2000 {
		if _, err := dst.ApplySegment(ctx, "cohort-device", seq, raws[i:min(i+2000, len(raws))]); err != nil {
			b.Fatal(err)
		}
	}
	dst.Close()
	read := func(b *testing.B, ss *sqlite.Session) {
		rows, err := ss.Cohort(ctx)
		if err != nil || len(rows) != 200 {
			b.Fatal(len(rows), err)
		}
		signed := 0
		for _, r := range rows {
			signed += r.MustSignedOff
		}
		if signed == 0 {
			b.Fatal("no sign-off counted: none proven")
		}
	}
	b.Run("first-read-after-start", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			st := open()
			ss, _ := signIn(b, st, "lead")
			b.StartTimer()
			read(b, ss)
			b.StopTimer()
			st.Close()
			b.StartTimer()
		}
	})
	b.Run("read-whole-later", func(b *testing.B) {
		st := open()
		defer st.Close()
		ss, _ := signIn(b, st, "lead")
		read(b, ss)
		for b.Loop() {
			b.StopTimer()
			st.Touch()
			b.StartTimer()
			read(b, ss)
		}
	})
}
