package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestFacilitatorSeesOnlyFacilitatedProgrammes(t *testing.T) {
	w := precWorld(t)
	u := precSignIn(t, w.st, "fay", Options{})
	f, ok := u.Shell.Screen.(*FacilitatorHome)
	if !ok {
		t.Fatalf("facilitator's first screen is %T", u.Shell.Screen)
	}
	// Fay supervises Zoë too, so the store lets her see Zoë's programme; the career
	// conversations are only Łukasz's.
	ss, err := w.st.SignIn(context.Background(), "fay", pw)
	if err != nil {
		t.Fatal(err)
	}
	progs, err := ss.Programmes(context.Background())
	if err != nil || len(progs) != 2 {
		t.Fatalf("store gives Fay %d programmes (%v)", len(progs), err)
	}
	if len(f.Rows) != 1 || f.Rows[0].Programme.ID != w.lukasz.ID || f.Rows[0].Preceptee != "Łukasz Nowak" || len(f.Open) != 1 {
		t.Fatalf("rows %+v", f.Rows)
	}
	texts := precTexts(f.List)
	tl := w.lukasz.Timeline()
	for _, want := range []string{"Łukasz Nowak", "Month 7 of 12", "6-month conversation", "Was due by " + tl.CareerConversation6.Display(),
		"12-month conversation", "Due by " + tl.CareerConversation12.Display()} {
		if !precHas(texts, want) {
			t.Errorf("list does not show %q: %q", want, texts)
		}
	}
	if precHas(precTexts(u.Window.Content()), "Zoë") {
		t.Error("a supervisee's name is on the career-conversation list")
	}
	test.Tap(f.Open[w.lukasz.ID])
	if u.Shell.Viewing == nil || u.Shell.Viewing.ID != w.lukasz.ID || u.Shell.Current != "conversations" {
		t.Fatalf("viewing %+v", u.Shell.Viewing)
	}
	// The shell offers the facilitator the career conversations and nothing of the portfolio.
	if u.Shell.NavButtons["conversations"] == nil || u.Shell.NavButtons["competencies"] != nil {
		t.Fatalf("navigation %v", u.Shell.NavButtons)
	}
}
