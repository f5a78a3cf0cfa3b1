package sqlite

import (
	"encoding/json"
	"testing"
	"time"

	"pursuit/model"
)

// The headline scenario of issue 4: the laptop is offline; its edit of a SLOT text is
// older than the ward PC's, and the ward PC saved that text twice meanwhile. The laptop's
// words are neither on screen nor kept as "changed on two devices" on the ward PC (nor on
// any PC that heard from the ward PC first).
func TestAnOfflineEditIsKeptWhenTheOtherSideSavedTwice(t *testing.T) {
	clock := &testClock{time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}
	ward, third := openDevice(t, "ward", clock), openDevice(t, "third", clock)
	t0 := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC).UnixMilli()
	h := func(d time.Duration, dev string) string {
		return model.HLC{Wall: t0 + d.Milliseconds(), Device: dev}.String()
	}
	op := func(id, dev string, at time.Duration, detail, base string) json.RawMessage {
		o := model.Op{Format: 1, ID: id, Table: "goals", Row: "g1", Kind: model.OpPut, Fields: map[string]any{"detail": detail}, HLC: h(at, dev), Device: dev}
		if base != "" {
			o.Base = map[string]string{"detail": base}
		} else {
			o.Fields["title"], o.Fields["programme_id"] = "Lead a handover", "p"
		}
		b, _ := json.Marshal(o)
		return b
	}
	create := op("c", "dev-a", 0, "first words", "")
	laptop := op("l", "dev-l", 1*time.Hour, "the preceptor's words, typed offline", h(0, "dev-a"))
	w1 := op("w1", "dev-w", 2*time.Hour, "ward draft", h(0, "dev-a"))
	w2 := op("w2", "dev-w", 3*time.Hour, "ward final", h(2*time.Hour, "dev-w"))
	ctx := t.Context()
	for _, st := range []*Store{ward, third} {
		if _, err := st.ApplySegment(ctx, "dev-a", 1, []json.RawMessage{create}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ApplySegment(ctx, "dev-w", 1, []json.RawMessage{w1, w2}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ApplySegment(ctx, "dev-l", 1, []json.RawMessage{laptop}); err != nil {
			t.Fatal(err)
		}
		var cur string
		st.rdb.QueryRow(`SELECT detail FROM goals WHERE id = 'g1'`).Scan(&cur)
		kept, _ := st.KeptVersions(ctx, "goals", "g1", "detail")
		t.Logf("%s: on screen %q, kept %q", st.DeviceID(), cur, kept)
		found := false
		for _, k := range kept {
			found = found || k == "the preceptor's words, typed offline"
		}
		if !found {
			t.Errorf("the laptop's concurrent edit is gone without a trace")
		}
	}
}
