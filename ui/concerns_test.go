package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pursuit/model"
)

func TestConcernIsRaisedEscalatedAndResolved(t *testing.T) {
	w := tlcWorld(t)
	ctx := context.Background()
	u := tlcSignIn(t, w.st, "sam")
	u.Shell.ViewPortfolio(w.p, "Pat Okafor")
	u.Shell.Show("concerns")
	x, ok := u.Shell.Screen.(*ConcernsScreen)
	if !ok || x.Raise == nil {
		t.Fatalf("preceptor's concerns screen: %T", u.Shell.Screen)
	}
	test.Tap(x.Raise)
	f := x.Form
	test.Type(f.Summary, "Needs more support with medicines rounds")
	test.Type(f.Detail, "Twice this month the round overran by an hour; discussed with Pat, who agrees.")
	test.Type(f.SupportPlan, "Two supervised rounds a week for four weeks; review at the next meeting.")
	test.Tap(f.SaveButton)

	concerns := func() []model.Concern {
		t.Helper()
		pf, err := w.samSession.Portfolio(ctx, w.p.ID)
		if err != nil {
			t.Fatal(err)
		}
		return pf.Concerns
	}
	cs := concerns()
	if len(cs) != 1 || cs[0].Status != model.ConcernOpen || cs[0].RaisedBy != w.sam.ID || cs[0].RaisedOn != model.DateOf(tlcNow) ||
		!strings.HasPrefix(cs[0].SupportPlan, "Two supervised") {
		t.Fatalf("raised: %+v", cs)
	}
	id := cs[0].ID
	if x.Form != nil || len(x.Items) != 1 {
		t.Fatal("the list did not show the new concern")
	}
	// The preceptor may escalate, not resolve.
	if x.Resolve[id] != nil {
		t.Fatal("the preceptor is offered Resolve")
	}
	test.Tap(x.Escalate[id])
	if x.Prompt == nil || !strings.Contains(tlcLabelText(x), "Lee Manager") {
		t.Fatal("no escalation question naming the line manager")
	}
	test.Tap(x.Prompt.Confirm)
	cs = concerns()
	if cs[0].Status != model.ConcernEscalated || cs[0].EscalatedTo != w.lee.ID || cs[0].EscalatedOn != model.DateOf(tlcNow) {
		t.Fatalf("escalated: %+v", cs[0])
	}
	if x.Escalate[id] != nil || x.Resolve[id] != nil {
		t.Fatal("buttons after escalation")
	}
	if !strings.Contains(x.Summary.Text, "1 escalated to the line manager") {
		t.Fatalf("summary %q", x.Summary.Text)
	}
	// The store refuses the preceptor's resolution, whatever the UI shows.
	v := cs[0]
	v.Status, v.Resolution = model.ConcernResolved, "Sorted it myself."
	if _, err := w.samSession.SaveConcern(ctx, v); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("preceptor resolved: %v", err)
	}

	// The line manager resolves it, and must say how.
	tlcSwitchTo(t, u, "lee")
	u.Shell.ViewPortfolio(w.p, "Pat Okafor")
	u.Shell.Show("concerns")
	lx := u.Shell.Screen.(*ConcernsScreen)
	if lx.Resolve[id] == nil || lx.Escalate[id] != nil {
		t.Fatal("the line manager is not offered Resolve")
	}
	test.Tap(lx.Resolve[id])
	test.Tap(lx.Prompt.Confirm)
	if lx.Prompt == nil || !strings.Contains(lx.Prompt.Message.Text, "resolved") {
		t.Fatalf("an empty resolution was accepted: %+v", lx.Prompt)
	}
	if concerns()[0].Status != model.ConcernEscalated {
		t.Fatal("resolved without a resolution")
	}
	test.Type(lx.Prompt.Resolution, "Completed the supervised rounds; now safe and confident with medicines rounds.")
	test.Tap(lx.Prompt.Confirm)
	cs = concerns()
	if cs[0].Status != model.ConcernResolved || cs[0].ResolvedOn != model.DateOf(tlcNow) || !strings.HasPrefix(cs[0].Resolution, "Completed the supervised") ||
		cs[0].EscalatedTo != w.lee.ID || cs[0].RaisedBy != w.sam.ID {
		t.Fatalf("resolved: %+v", cs[0])
	}
	if lx.Prompt != nil || len(lx.Resolve) != 0 || !strings.Contains(lx.Summary.Text, "1 resolved") {
		t.Fatalf("after resolving: %q", lx.Summary.Text)
	}
}

// tlcLabelText is the text of the open escalate/resolve question.
func tlcLabelText(x *ConcernsScreen) string {
	return strings.Join(tlcTexts(x.Prompt.pop.Content), " ")
}
