package sqlite

import (
	"context"
	"testing"
	"time"

	"pursuit/model"
)

func TestDraftsSurviveAReopenAndBelongToTheirAuthor(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	draft := model.Evidence{Title: "Half-written reflection", Sections: map[string]string{"description": "The bleep went off as I was"}}
	if err := pat.SaveDraft(f.ctx, "evidence:new", draft); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	draft.Sections["description"] += " writing this"
	pat.SaveDraft(f.ctx, "evidence:new", draft)

	// A power cut: the store is closed and opened again.
	dir := f.st.dir
	f.st.Close()
	st := openTest(t, dir, f.clock, 3)
	again, err := st.SignIn(context.Background(), "pat", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	var got model.Evidence
	saved, ok, err := again.Draft(context.Background(), "evidence:new", &got)
	if err != nil || !ok || got.Sections["description"] != "The bleep went off as I was writing this" || !saved.Equal(f.clock.t) {
		t.Fatalf("draft after reopening: %+v ok=%v saved=%v err=%v", got, ok, saved, err)
	}
	sam, _ := st.SignIn(context.Background(), "sam", testPassword)
	if _, ok, _ := sam.Draft(context.Background(), "evidence:new", &got); ok {
		t.Fatal("someone else's draft was offered")
	}
	again.DeleteDraft(context.Background(), "evidence:new")
	if _, ok, _ := again.Draft(context.Background(), "evidence:new", &got); ok {
		t.Fatal("a deleted draft came back")
	}
}
