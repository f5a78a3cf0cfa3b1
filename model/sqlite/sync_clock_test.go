package sqlite

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"pursuit/model"
)

// TickAfter steps over a fast device's clock for one edit only, but that edit's clock is in
// the outbox, and a restart restores the clock from max(outbox.hlc): from then on every edit
// on this PC is stamped a day ahead.
func TestARestartDoesNotRestoreAFastDevicesClock(t *testing.T) {
	f, _ := twoDevices(t)
	pat := signIn(t, f.st, "pat")
	g, err := pat.SaveGoal(f.ctx, model.Goal{ProgrammeID: f.prog.ID, Title: "Lead a handover"})
	if err != nil {
		t.Fatal(err)
	}
	var hj string
	f.st.rdb.QueryRow(`SELECT hlc FROM goals WHERE id = ?`, g.ID).Scan(&hj)
	var clocks map[string]string
	json.Unmarshal([]byte(hj), &clocks)
	fast := model.HLC{Wall: f.clock.Now().Add(24 * time.Hour).UnixMilli(), Device: "dev-fast"}.String()
	op, _ := json.Marshal(model.Op{Format: 1, ID: "x", Table: "goals", Row: g.ID, Kind: model.OpPut, Fields: map[string]any{"title": "From the fast PC"}, Base: map[string]string{"title": clocks["title"]}, HLC: fast, Device: "dev-fast"})
	if _, err := f.st.ApplySegment(f.ctx, "dev-fast", 1, []json.RawMessage{op}); err != nil {
		t.Fatal(err)
	}
	g.Title = "Lead a handover, corrected here"
	if _, err := pat.SaveGoal(f.ctx, g); err != nil {
		t.Fatal(err)
	}
	dir := f.st.Dir()
	f.st.Close()
	st, err := Open(context.Background(), dir, Options{Now: f.clock.Now, Rand: rand.NewChaCha8([32]byte{9}), HashParams: cheapHash})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ss := signIn(t, st, "pat")
	g2, err := ss.SaveGoal(f.ctx, model.Goal{ProgrammeID: f.prog.ID, Title: "A new goal after the restart"})
	if err != nil {
		t.Fatal(err)
	}
	st.rdb.QueryRow(`SELECT hlc FROM goals WHERE id = ?`, g2.ID).Scan(&hj)
	json.Unmarshal([]byte(hj), &clocks)
	h, _ := model.ParseHLC(clocks["title"])
	if ahead := time.UnixMilli(h.Wall).Sub(f.clock.Now()); ahead > time.Hour {
		t.Errorf("after a restart a brand-new edit is stamped %v ahead of this PC's clock (%s)", ahead, clocks["title"])
	}
}
