package ui

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
)

// draftClock runs the draft timers when a test says so, instead of 800 ms later on a timer's
// goroutine. fire runs every timer ever set, the stopped ones too, as a timer that fired just
// as it was stopped would: nothing stopped may write a draft.
type draftClock struct{ set []func() }

func (c *draftClock) later(_ time.Duration, f func()) func() {
	c.set = append(c.set, f)
	return func() {}
}

// fire is "wait longer than the draft delay".
func (c *draftClock) fire() {
	set := c.set
	c.set = nil
	for _, f := range set {
		f()
	}
}

// draftApp opens the window on the ward's store with draft timers the test fires. The ward
// gets a facilitator, for the career conversations.
func draftApp(t *testing.T, w *ward) (*App, *draftClock) {
	t.Helper()
	sys := w.st.System()
	fay, err := sys.AddUser(context.Background(), model.User{Username: "fay", Name: "Fay Facilitator", Role: model.RoleFacilitator}, pw)
	if err != nil {
		t.Fatal(err)
	}
	w.p.FacilitatorID = fay.ID
	if w.p, err = sys.SaveProgramme(context.Background(), w.p); err != nil {
		t.Fatal(err)
	}
	c := &draftClock{}
	u := New(test.NewTempApp(t), w.st, Options{Async: inline, Now: func() time.Time { return *w.clock }, Later: c.later, OpenFile: func(string) error { return nil }})
	u.Window.Resize(fyne.NewSize(1280, 820))
	return u, c
}

// draftIn reads username's draft under key, if there is one.
func draftIn(t *testing.T, w *ward, username, key string) (map[string]any, bool) {
	t.Helper()
	var d map[string]any
	_, ok, err := w.session(t, username).Draft(context.Background(), key, &d)
	if err != nil {
		t.Fatal(err)
	}
	return d, ok
}

// shownButton finds the button labelled text that is on show inside o, or nil.
func shownButton(o fyne.CanvasObject, text string) *widget.Button {
	if o == nil || !o.Visible() {
		return nil
	}
	switch o := o.(type) {
	case *widget.Button:
		if o.Text == text {
			return o
		}
	case *fyne.Container:
		for _, c := range o.Objects {
			if b := shownButton(c, text); b != nil {
				return b
			}
		}
	case *container.Scroll:
		return shownButton(o.Content, text)
	}
	return nil
}

// writeReflection types a whole reflection: title, text, three links and a picture.
func writeReflection(t *testing.T, u *App, ed *EvidenceEditor, title string) {
	t.Helper()
	test.Type(ed.Title, title)
	test.Type(ed.Sections["description"], "On a late shift a patient's NEWS2 rose to 7.")
	test.Tap(ed.LinkButton)
	for _, code := range []string{"COM-02", "SEC-01", "SEC-02"} {
		test.Tap(ed.Picker.Checks[code])
	}
	test.Tap(ed.Picker.Done)
	ed.Files.attach(io.NopCloser(bytes.NewReader(tlcPNG(t))), "news2-chart.png")
	if len(ed.Codes) != 3 || len(ed.Files.Files) != 1 {
		t.Fatalf("links %v, files %+v", ed.Codes, ed.Files.Files)
	}
}

func TestASavedReflectionDoesNotComeBackAsADraft(t *testing.T) {
	w := newWard(t)
	u, clock := draftApp(t, w)
	signIn(t, u, "pat")
	u.Shell.Show("evidence")
	e := u.Shell.Screen.(*EvidenceScreen)
	test.Tap(e.NewButtons[model.Reflection])
	writeReflection(t, u, e.Editor, "Escalating a deteriorating patient")
	clock.fire() // typing stopped: the draft is kept
	test.Tap(e.Editor.SaveButton)
	if u.Shell.Warning != nil {
		t.Fatalf("a warning for clean text: %+v", u.Shell.Warning.Findings)
	}
	clock.fire() // any timer the old editor had set comes too late
	key := "evidence:" + w.p.ID + ":new:reflection"
	if d, ok := draftIn(t, w, "pat", key); ok {
		t.Fatalf("the saved reflection is still a draft: %v", d)
	}

	// The next new reflection starts empty.
	test.Tap(e.NewButtons[model.Reflection])
	ed := e.Editor
	if ed.Item.ID != "" || ed.Title.Text != "" || ed.Sections["description"].Text != "" || len(ed.Codes) != 0 || len(ed.Files.Files) != 0 {
		t.Fatalf("the new reflection opened with %q, %q, links %v, files %+v", ed.Title.Text, ed.Sections["description"].Text, ed.Codes, ed.Files.Files)
	}
	if strings.Contains(ed.Message.Text, "Restored") || shownButton(ed.Content, "Discard draft") != nil {
		t.Fatalf("the new reflection says %q", ed.Message.Text)
	}

	// Saving it makes one more item, not a copy of the first.
	test.Type(ed.Title, "Learning from a medicines incident")
	test.Type(ed.Sections["description"], "A dose was nearly given twice at handover.")
	clock.fire()
	test.Tap(ed.SaveButton)
	clock.fire()
	items, err := w.session(t, "pat").Evidence(context.Background(), w.p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, it := range items {
		titles = append(titles, it.Title)
	}
	slices.Sort(titles)
	if strings.Join(titles, "|") != "Escalating a deteriorating patient|Learning from a medicines incident" {
		t.Fatalf("items in the store: %q", titles)
	}
	if _, ok := draftIn(t, w, "pat", key); ok {
		t.Fatal("a draft is left after the second save")
	}
}

func TestDiscardDraftBringsBackWhatIsSaved(t *testing.T) {
	w := newWard(t)
	u, clock := draftApp(t, w)
	signIn(t, u, "pat")
	ctx := context.Background()
	saved, err := w.session(t, "pat").SaveEvidence(ctx, model.Evidence{ProgrammeID: w.p.ID, Type: model.Reflection, Template: model.DefaultTemplate(model.Reflection),
		Title: "Escalating a deteriorating patient", OccurredOn: model.NewDate(2026, 11, 20), Sections: map[string]string{"description": "NEWS2 rose to 7."}, Codes: []string{"COM-02"}})
	if err != nil {
		t.Fatal(err)
	}

	// Pat changes the saved item, is called away, and comes back to it.
	u.Shell.Show("evidence")
	e := u.Shell.Screen.(*EvidenceScreen)
	e.Open(saved.ID)
	ed := e.Editor
	ed.Title.SetText(ed.Title.Text + " on a late shift")
	test.Tap(ed.LinkButton)
	test.Tap(ed.Picker.Checks["SEC-01"])
	test.Tap(ed.Picker.Done)
	ed.Files.attach(io.NopCloser(bytes.NewReader(tlcPNG(t))), "news2-chart.png")
	clock.fire()
	u.Shell.Show("dashboard")
	u.Shell.Show("evidence")
	e = u.Shell.Screen.(*EvidenceScreen)
	e.Open(saved.ID)
	ed = e.Editor
	discard := shownButton(ed.Content, "Discard draft")
	if ed.Title.Text != "Escalating a deteriorating patient on a late shift" || len(ed.Codes) != 2 || len(ed.Files.Files) != 1 ||
		!strings.Contains(ed.Message.Text, "Restored") || discard == nil {
		t.Fatalf("draft not restored, or no Discard draft: %q %q", ed.Title.Text, ed.Message.Text)
	}

	// Discard draft asks, then shows what is saved and forgets the draft.
	test.Tap(discard)
	test.Tap(u.Shell.Asked.Yes)
	clock.fire()
	if ed.Title.Text != saved.Title || ed.Sections["description"].Text != "NEWS2 rose to 7." || !slices.Equal(ed.Codes, []string{"COM-02"}) || len(ed.Files.Files) != 0 {
		t.Fatalf("after Discard draft: %q %q %v %+v", ed.Title.Text, ed.Sections["description"].Text, ed.Codes, ed.Files.Files)
	}
	if strings.Contains(ed.Message.Text, "Restored") || shownButton(ed.Content, "Discard draft") != nil {
		t.Fatalf("still offered as restored: %q", ed.Message.Text)
	}
	if d, ok := draftIn(t, w, "pat", "evidence:"+saved.ID); ok {
		t.Fatalf("the discarded draft is still in the store: %v", d)
	}

	// A new reflection's draft, discarded, leaves an empty form and no draft.
	u.Shell.NewEvidence()
	test.Type(u.Shell.Screen.(*EvidenceScreen).Editor.Title, "Half a thought")
	u.Shell.Show("dashboard")
	u.Shell.NewEvidence()
	ed = u.Shell.Screen.(*EvidenceScreen).Editor
	if ed.Title.Text != "Half a thought" {
		t.Fatalf("new draft not restored: %q", ed.Title.Text)
	}
	test.Tap(shownButton(ed.Content, "Discard draft"))
	test.Tap(u.Shell.Asked.Yes)
	clock.fire()
	if ed.Title.Text != "" {
		t.Fatalf("after Discard draft the new reflection shows %q", ed.Title.Text)
	}
	if _, ok := draftIn(t, w, "pat", "evidence:"+w.p.ID+":new:reflection"); ok {
		t.Fatal("the discarded new draft is still in the store")
	}
}
