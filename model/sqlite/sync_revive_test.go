package sqlite

import (
	"testing"
	"time"

	"pursuit/model"
)

// Deleted on one device, retitled on another: the item comes back, its words must too.
func TestEvidenceRevivedByAnEditComesBackWhole(t *testing.T) {
	f, laptop := twoDevices(t)
	pat := signIn(t, f.st, "pat")
	e, err := pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.OtherEvidence, Title: "Handover",
		OccurredOn: model.NewDate(2026, 11, 1), Sections: map[string]string{"description": "Three hours of careful words"}})
	if err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	f.clock.Advance(time.Minute)
	pl := signIn(t, laptop, "pat")
	le, err := pl.EvidenceItem(f.ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	le.Title = "Handover (retitled)"
	if _, err := pl.SaveEvidence(f.ctx, le); err != nil {
		t.Fatal(err)
	}
	if err := pat.DeleteEvidence(f.ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	push(t, laptop, f.st)
	for _, st := range []*Store{f.st, laptop} {
		ss := signIn(t, st, "pat")
		got, err := ss.EvidenceItem(f.ctx, e.ID)
		if err != nil {
			t.Errorf("%s: evidence gone: %v", st.DeviceID(), err)
			continue
		}
		t.Logf("%s: title=%q sections=%q", st.DeviceID(), got.Title, got.Sections)
		if got.Sections["description"] == "" {
			t.Errorf("%s: evidence came back but its text did not", st.DeviceID())
		}
		got.Sections = map[string]string{"description": "rewritten"}
		if _, err := ss.SaveEvidence(f.ctx, got); err != nil {
			t.Errorf("%s: cannot save the revived evidence: %v", st.DeviceID(), err)
		}
	}
}
