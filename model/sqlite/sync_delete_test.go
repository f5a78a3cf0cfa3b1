package sqlite

import (
	"encoding/json"
	"testing"
	"time"

	"pursuit/model"
)

func rawOp(t *testing.T, op model.Op) json.RawMessage {
	t.Helper()
	op.Format = model.OpFormat
	b, err := json.Marshal(op)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A local delete overwrites delete_seen instead of merging it: the deleting device and
// every other device disagree about whether the row is deleted.
func TestALocalDeleteKeepsWhatAnEarlierDeletionSaw(t *testing.T) {
	f, laptop := twoDevices(t)
	pat := signIn(t, f.st, "pat")
	g, err := pat.SaveGoal(f.ctx, model.Goal{ProgrammeID: f.prog.ID, Title: "Lead a handover", Detail: "By March"})
	if err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop) // both have g; the ward keeps no more part below except as observer
	f.clock.Advance(time.Minute)
	at := func(ms int64, dev string) string {
		return model.HLC{Wall: f.clock.Now().UnixMilli() + ms, Device: dev}.String()
	}
	var clocks map[string]string
	var hj string
	laptop.rdb.QueryRow(`SELECT hlc FROM goals WHERE id = ?`, g.ID).Scan(&hj)
	json.Unmarshal([]byte(hj), &clocks)
	h0 := clocks["title"]
	hC := at(6, "dev-c")
	// C retitles; A saw that and deleted; D edits the detail without seeing the delete.
	editC := rawOp(t, model.Op{ID: "c1", Table: "goals", Row: g.ID, Kind: model.OpPut, Fields: map[string]any{"title": "Lead two handovers"}, Base: map[string]string{"title": h0}, HLC: hC, Device: "dev-c"})
	seen := map[string]string{}
	for k, v := range clocks {
		seen[k] = v
	}
	seen["title"] = hC
	delA := rawOp(t, model.Op{ID: "a1", Table: "goals", Row: g.ID, Kind: model.OpDelete, Base: seen, HLC: at(7, "dev-a"), Device: "dev-a"})
	editD := rawOp(t, model.Op{ID: "d1", Table: "goals", Row: g.ID, Kind: model.OpPut, Fields: map[string]any{"detail": "By April"}, Base: map[string]string{"detail": clocks["detail"]}, HLC: at(8, "dev-d"), Device: "dev-d"})

	apply := func(st *Store, dev string, seq uint64, op json.RawMessage) {
		t.Helper()
		if _, err := st.ApplySegment(f.ctx, dev, seq, []json.RawMessage{op}); err != nil {
			t.Fatal(err)
		}
	}
	// The laptop: A's delete, then D's edit revives the goal, then Pat deletes it here.
	apply(laptop, "dev-a", 1, delA)
	apply(laptop, "dev-d", 1, editD)
	pl := signIn(t, laptop, "pat")
	f.clock.Advance(time.Second)
	if err := pl.DeleteGoal(f.ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	var ds string
	laptop.rdb.QueryRow(`SELECT delete_seen FROM goals WHERE id = ?`, g.ID).Scan(&ds)
	t.Logf("laptop delete_seen after local delete: %s (A's deletion had seen title %s)", ds, hC)
	// Everything reaches the ward, and C's retitle reaches the laptop last.
	apply(f.st, "dev-a", 1, delA)
	apply(f.st, "dev-d", 1, editD)
	push(t, laptop, f.st)
	apply(f.st, "dev-c", 1, editC)
	apply(laptop, "dev-c", 1, editC)
	var dw, dl int
	f.st.rdb.QueryRow(`SELECT deleted FROM goals WHERE id = ?`, g.ID).Scan(&dw)
	laptop.rdb.QueryRow(`SELECT deleted FROM goals WHERE id = ?`, g.ID).Scan(&dl)
	if dw != dl {
		t.Errorf("diverged: goal deleted=%d on the ward, %d on the laptop", dw, dl)
	}
}

// Order of arrival changes which texts are shown as "changed on two devices".
func TestConflictSetsDoNotDependOnArrivalOrder(t *testing.T) {
	clock := &testClock{time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}
	x, y := openDevice(t, "x", clock), openDevice(t, "y", clock)
	h := func(ms int, dev string) string {
		return model.HLC{Wall: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC).UnixMilli() + int64(ms), Device: dev}.String()
	}
	create := rawOp(t, model.Op{ID: "o0", Table: "goals", Row: "g1", Kind: model.OpPut, Fields: map[string]any{"title": "T", "detail": "D0", "programme_id": "p"}, HLC: h(0, "dev-a"), Device: "dev-a"})
	a1 := rawOp(t, model.Op{ID: "o1", Table: "goals", Row: "g1", Kind: model.OpPut, Fields: map[string]any{"detail": "A first draft"}, Base: map[string]string{"detail": h(0, "dev-a")}, HLC: h(1, "dev-a"), Device: "dev-a"})
	a2 := rawOp(t, model.Op{ID: "o2", Table: "goals", Row: "g1", Kind: model.OpPut, Fields: map[string]any{"detail": "A final"}, Base: map[string]string{"detail": h(1, "dev-a")}, HLC: h(3, "dev-a"), Device: "dev-a"})
	b1 := rawOp(t, model.Op{ID: "o3", Table: "goals", Row: "g1", Kind: model.OpPut, Fields: map[string]any{"detail": "B text"}, Base: map[string]string{"detail": h(0, "dev-a")}, HLC: h(2, "dev-b"), Device: "dev-b"})
	ctx := t.Context()
	must := func(_ ApplyResult, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// x: A's create and first draft, then B, then A's final.
	must(x.ApplySegment(ctx, "dev-a", 1, []json.RawMessage{create, a1}))
	must(x.ApplySegment(ctx, "dev-b", 1, []json.RawMessage{b1}))
	must(x.ApplySegment(ctx, "dev-a", 2, []json.RawMessage{a2}))
	// y: all of A's, then B.
	must(y.ApplySegment(ctx, "dev-a", 1, []json.RawMessage{create, a1}))
	must(y.ApplySegment(ctx, "dev-a", 2, []json.RawMessage{a2}))
	must(y.ApplySegment(ctx, "dev-b", 1, []json.RawMessage{b1}))
	kx, _ := x.strings(ctx, `SELECT other_value FROM sync_conflicts WHERE resolved_at = '' ORDER BY other_hlc`)
	ky, _ := y.strings(ctx, `SELECT other_value FROM sync_conflicts WHERE resolved_at = '' ORDER BY other_hlc`)
	t.Logf("open conflicts: x=%q y=%q", kx, ky)
	if len(kx) != len(ky) {
		t.Errorf("open conflicts differ by order of arrival: x=%q y=%q", kx, ky)
	}
}
