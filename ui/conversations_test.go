package ui

import (
	"context"
	"fyne.io/fyne/v2"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pursuit/model"
)

func TestFacilitatorRecordsAConfidentialCareerConversation(t *testing.T) {
	w := tlcWorld(t)
	ctx := context.Background()
	u := tlcSignIn(t, w.st, "fay")
	u.Shell.ViewPortfolio(w.p, "Pat Okafor")
	u.Shell.Show("conversations")
	x, ok := u.Shell.Screen.(*ConversationsScreen)
	if !ok {
		t.Fatalf("facilitator's screen: %T", u.Shell.Screen)
	}
	if !strings.HasPrefix(x.BannerText, "Confidential") {
		t.Fatalf("banner %q", x.BannerText)
	}
	c := x.Cards[6]
	if c == nil || !c.editable || c.Due != w.p.Timeline().CareerConversation6 || c.Facilitator.Text != "Fay Facilitator" || c.Held.Disabled() {
		t.Fatalf("6-month card: %+v", c)
	}
	test.Tap(c.Held)
	c.Date.SetValue(model.NewDate(2027, 3, 4))
	test.Type(c.Aspirations, "Community nursing within two years; a district nursing course.")
	test.Type(c.Notes, "Talked through the community rotation and what a good application looks like.")
	test.Type(c.NextSteps, "Shadow the district nursing team for a day before the 12-month conversation.")

	// A patient's NHS number in the notes is caught before anything is saved.
	test.Type(c.Notes, " Patient 943 476 5919 came up.")
	test.Tap(c.SaveButton)
	if u.Shell.Warning == nil {
		t.Fatal("no identifier warning")
	}
	if pf, _ := w.patSession.Portfolio(ctx, w.p.ID); len(pf.Conversations) != 0 {
		t.Fatal("saved despite the warning")
	}
	test.Tap(u.Shell.Warning.Edit)
	c.Notes.SetText("Talked through the community rotation and what a good application looks like.")
	u.Shell.Warning = nil
	u.Shell.Save() // Ctrl+S
	// A fresh card shows the conversation as saved.
	if c = x.Cards[6]; u.Shell.Warning != nil || !strings.HasPrefix(c.Message.Text, "Saved") {
		t.Fatalf("not saved: %q", c.Message.Text)
	}

	// The preceptee reads it in the store and on her own screen.
	pf, err := w.patSession.Portfolio(ctx, w.p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pf.Conversations) != 1 {
		t.Fatalf("%d conversations", len(pf.Conversations))
	}
	got := pf.Conversations[0]
	if got.Milestone != 6 || !got.Held || got.Date != model.NewDate(2027, 3, 4) || got.FacilitatorID != w.fay.ID ||
		!strings.HasPrefix(got.Aspirations, "Community nursing") || !strings.HasPrefix(got.NextSteps, "Shadow") || strings.Contains(got.Notes, "943") {
		t.Fatalf("stored %+v", got)
	}
	// The preceptor's portfolio knows it was held, and nothing of what was said.
	spf, err := w.samSession.Portfolio(ctx, w.p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(spf.Conversations) != 1 || spf.Conversations[0].Aspirations != "" || spf.Conversations[0].Notes != "" || spf.Conversations[0].NextSteps != "" || spf.Conversations[0].FacilitatorID != "" {
		t.Fatalf("the preceptor reads %+v", spf.Conversations)
	}

	tlcSwitchTo(t, u, "pat")
	u.Shell.Show("conversations")
	px := u.Shell.Screen.(*ConversationsScreen)
	if px.BannerText != "Confidential — only you and your facilitator can read this" {
		t.Fatalf("banner %q", px.BannerText)
	}
	if pc := px.Cards[6]; pc.Aspirations.Text != got.Aspirations || !pc.Held.Checked || pc.Item.ID != got.ID {
		t.Fatalf("the preceptee's card: %+v", pc.Item)
	}
	// What was written is drawn in the boxes, not only held in them.
	test.NewWindow(px.content()).Resize(fyne.NewSize(1200, 900))
	if drawn := precTexts(px.content()); !precHas(drawn, "Community nursing") || !precHas(drawn, "Shadow") {
		t.Fatalf("the conversation's words are not drawn: %q", drawn)
	}
	// She adds to it, but only the facilitator records that it was held.
	pc := px.Cards[6]
	if !pc.Held.Disabled() {
		t.Fatal("the preceptee can tick \"held\"")
	}
	pc.NextSteps.SetText(pc.NextSteps.Text + " Ask about the district nursing course.")
	test.Tap(pc.SaveButton)
	if pf, _ := w.patSession.Portfolio(ctx, w.p.ID); !strings.HasSuffix(pf.Conversations[0].NextSteps, "district nursing course.") || !pf.Conversations[0].Held {
		t.Fatalf("the preceptee's addition: %+v", pf.Conversations[0])
	}
	unheld := got
	unheld.Held = false
	if _, err := w.patSession.SaveCareerConversation(ctx, unheld); err == nil {
		t.Fatal("the store let the preceptee change whether it was held")
	}
	if px.Cards[12].Item.ID != "" || px.Cards[12].Due != w.p.Timeline().CareerConversation12 {
		t.Fatalf("12-month card: %+v", px.Cards[12].Item)
	}

	// The preceptor has no way in.
	tlcSwitchTo(t, u, "sam")
	u.Shell.ViewPortfolio(w.p, "Pat Okafor")
	if _, ok := u.Shell.NavButtons["conversations"]; ok {
		t.Fatal("the preceptor is offered the career conversations")
	}
	if _, err := w.samSession.SaveCareerConversation(ctx, model.CareerConversation{ProgrammeID: w.p.ID, Milestone: 12, Date: model.NewDate(2027, 9, 1)}); err == nil {
		t.Fatal("the store let the preceptor write a career conversation")
	}
}
