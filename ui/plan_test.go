package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pursuit/model"
)

func TestPlanGoalFromALearningNeedLinkedToTwoCompetenciesWithAnAction(t *testing.T) {
	st, p := world(t)
	u := meetingsSignIn(t, st, "pat")
	ctx := context.Background()
	if err := u.Shell.ss.SaveSLOT(ctx, p.ID, "ACC-01", model.SLOT{LearningNeeds: "Delegating to healthcare assistants on a busy shift", TargetDate: model.NewDate(2027, 2, 1)}); err != nil {
		t.Fatal(err)
	}
	u.Shell.Show("plan")
	x, ok := u.Shell.Screen.(*PlanScreen)
	if !ok {
		t.Fatalf("plan screen not shown: %T", u.Shell.Screen)
	}
	opts := x.FromSLOTOptions()
	if len(opts) != 1 || opts[0] != "ACC-01  Accountability" {
		t.Fatalf("SLOT learning needs offered: %q", opts)
	}
	x.FromSLOT.SetSelected(opts[0])
	ed := x.Editor
	if ed == nil || ed.Title.Text != "Delegating to healthcare assistants on a busy shift" || !slices.Equal(ed.Codes, []string{"ACC-01"}) ||
		ed.Target.Value() != model.NewDate(2027, 2, 1) || ed.Detail.Text == "" {
		t.Fatalf("goal not filled from the SLOT: %+v", ed)
	}

	test.Tap(ed.LinkButton)
	test.Tap(ed.Picker.Checks["QI-01"])
	test.Tap(ed.Picker.Done)
	ed.Status.SetSelected("In progress")
	test.Type(ed.Actions.Text, "Ask to shadow the nurse in charge for two shifts")
	ed.Actions.Due.SetValue(model.NewDate(2026, 12, 18))
	test.Tap(ed.Actions.Add)
	test.Tap(ed.SaveButton)

	pf, err := u.Shell.ss.Portfolio(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pf.Goals) != 1 {
		t.Fatalf("goals in the store: %+v", pf.Goals)
	}
	g := pf.Goals[0]
	if g.Title != "Delegating to healthcare assistants on a busy shift" || g.Status != model.GoalInProgress || !slices.Equal(g.Codes, []string{"ACC-01", "QI-01"}) {
		t.Fatalf("goal stored as %+v", g)
	}
	if len(pf.Actions) != 1 || pf.Actions[0].OwnerID != g.ID || pf.Actions[0].Done || pf.Actions[0].DueDate != model.NewDate(2026, 12, 18) {
		t.Fatalf("action stored as %+v", pf.Actions)
	}

	// Tick the action done and save.
	ed = x.Editor
	if ed == nil || ed.Goal.ID != g.ID {
		t.Fatal("the saved goal is not reopened")
	}
	test.Tap(ed.Actions.Checks[0])
	test.Tap(ed.SaveButton)
	pf, _ = u.Shell.ss.Portfolio(ctx, p.ID)
	if a := pf.Actions[0]; len(pf.Actions) != 1 || !a.Done || a.DoneOn.IsZero() {
		t.Fatalf("ticked action stored as %+v", pf.Actions)
	}
	if len(pf.Goals) != 1 || !slices.Equal(pf.Goals[0].Codes, []string{"ACC-01", "QI-01"}) {
		t.Fatalf("goal after the tick: %+v", pf.Goals)
	}
	// Every action done and the goal still in progress: its card asks whether to mark it
	// achieved, rather than say "In progress" beside "1 of 1 actions done".
	if got := strings.Join(tlcTexts(x.goalCard(pf.Goals[0])), " "); !strings.Contains(got, "all 1 action done: mark the goal achieved?") {
		t.Errorf("the goal's card reads %q", got)
	}
}

func TestPlanPreceptorReadsButCannotEditThePlan(t *testing.T) {
	st, p := world(t)
	ctx := context.Background()
	pat, err := st.SignIn(ctx, "pat", pw)
	if err != nil {
		t.Fatal(err)
	}
	g, err := pat.SaveGoal(ctx, model.Goal{ProgrammeID: p.ID, Title: "Lead a safety huddle", Codes: []string{"ACC-01"}, TargetDate: model.NewDate(2026, 10, 1)})
	if err != nil {
		t.Fatal(err)
	}
	a, err := pat.SaveAction(ctx, model.ActionItem{ProgrammeID: p.ID, OwnerID: g.ID, Text: "Watch two huddles first"})
	if err != nil {
		t.Fatal(err)
	}

	u := meetingsSignIn(t, st, "sam")
	u.Shell.ViewPortfolio(p, "Pat Okafor")
	u.Shell.Show("plan")
	x := u.Shell.Screen.(*PlanScreen)
	if x.NewGoal != nil || x.FromSLOT != nil {
		t.Fatal("the preceptor is offered to add goals")
	}
	x.Open(g.ID)
	if x.Editor == nil || x.Editor.SaveButton != nil || x.Editor.Title != nil {
		t.Fatal("the preceptor's view of a goal is editable")
	}
	if len(x.Editor.Actions.Checks) != 1 || !x.Editor.Actions.Checks[0].Disabled() {
		t.Fatal("the preceptor can tick the preceptee's actions")
	}
	x.save() // Ctrl+S does nothing on a read-only plan

	// The store refuses even without the UI.
	g.Title = "Changed by the preceptor"
	if _, err := u.Shell.ss.SaveGoal(ctx, g); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("preceptor saved a goal: %v", err)
	}
	a.Done = true
	if _, err := u.Shell.ss.SaveAction(ctx, a); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("preceptor ticked an action: %v", err)
	}
	pf, _ := pat.Portfolio(ctx, p.ID)
	if pf.Goals[0].Title != "Lead a safety huddle" || pf.Actions[0].Done {
		t.Fatalf("the plan changed: %+v %+v", pf.Goals, pf.Actions)
	}
}
