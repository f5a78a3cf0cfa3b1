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
func shownButton(o fyne.CanvasObject, text string) *Button {
	if o == nil || !o.Visible() {
		return nil
	}
	switch o := o.(type) {
	case *Button:
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

// draftEditor is one editor as the table below drives it.
type draftEditor struct {
	name string
	key  func(p model.Programme) string
	// write opens the editor on a new record (or the one record there is) and types in it.
	write func(t *testing.T, u *App)
	// more types the last words: Save follows at once, with the draft timer still to run.
	more func(u *App)
	save func(u *App)
	// again opens the same editor again, as the next new record: its message and main field.
	again func(u *App) (message, field string)
}

var draftEditors = []draftEditor{
	{
		name: "evidence",
		key:  func(p model.Programme) string { return "evidence:" + p.ID + ":new:reflection" },
		write: func(t *testing.T, u *App) {
			u.Shell.NewEvidence()
			writeReflection(t, u, u.Shell.Screen.(*EvidenceScreen).Editor, "Escalating a deteriorating patient")
		},
		more: func(u *App) { test.Type(u.Shell.Screen.(*EvidenceScreen).Editor.Sections["action_plan"], "Use SBAR.") },
		save: func(u *App) { test.Tap(u.Shell.Screen.(*EvidenceScreen).Editor.SaveButton) },
		again: func(u *App) (string, string) {
			u.Shell.NewEvidence()
			ed := u.Shell.Screen.(*EvidenceScreen).Editor
			return ed.Message.Text, ed.Title.Text
		},
	},
	{
		name: "SLOT analysis",
		key:  func(p model.Programme) string { return "slot:" + p.ID + ":ACC-01" },
		write: func(t *testing.T, u *App) {
			u.Shell.Show("competencies")
			c := u.Shell.Screen.(*Competencies)
			c.Open("ACC-01")
			test.Type(c.Detail.Threats, "Short staffing on nights")
		},
		more: func(u *App) { test.Type(u.Shell.Screen.(*Competencies).Detail.Opportunities, "Study days") },
		save: func(u *App) { test.Tap(u.Shell.Screen.(*Competencies).Detail.SaveSLOT) },
		again: func(u *App) (string, string) {
			u.Shell.Show("competencies")
			c := u.Shell.Screen.(*Competencies)
			c.Open("ACC-01")
			return c.Detail.Saved.Text, "" // the analysis is saved: it shows, and is not a draft
		},
	},
	{
		name: "goal",
		key:  func(p model.Programme) string { return "goal:" + p.ID + ":new" },
		write: func(t *testing.T, u *App) {
			u.Shell.Show("plan")
			x := u.Shell.Screen.(*PlanScreen)
			test.Tap(x.NewGoal)
			test.Type(x.Editor.Title, "Lead a safety huddle with confidence")
		},
		more: func(u *App) { test.Type(u.Shell.Screen.(*PlanScreen).Editor.Detail, "Ask the ward sister.") },
		save: func(u *App) { test.Tap(u.Shell.Screen.(*PlanScreen).Editor.SaveButton) },
		again: func(u *App) (string, string) {
			x := u.Shell.Screen.(*PlanScreen)
			test.Tap(x.NewGoal)
			return x.Editor.Message.Text, x.Editor.Title.Text
		},
	},
	{
		name: "meeting",
		key:  func(p model.Programme) string { return "meeting:" + p.ID + ":new" },
		write: func(t *testing.T, u *App) {
			u.Shell.Show("meetings")
			x := u.Shell.Screen.(*MeetingsScreen)
			test.Tap(x.NewMeeting)
			test.Type(x.Editor.Notes, "Talked through the first SLOT analyses.")
		},
		more: func(u *App) { test.Type(u.Shell.Screen.(*MeetingsScreen).Editor.Notes, " Wellbeing is good.") },
		save: func(u *App) { test.Tap(u.Shell.Screen.(*MeetingsScreen).Editor.SaveButton) },
		again: func(u *App) (string, string) {
			x := u.Shell.Screen.(*MeetingsScreen)
			test.Tap(x.NewMeeting)
			return x.Editor.Message.Text, x.Editor.Notes.Text
		},
	},
	{
		name: "clinical supervision",
		key:  func(p model.Programme) string { return "supervision:" + p.ID + ":new" },
		write: func(t *testing.T, u *App) {
			u.Shell.Show("meetings")
			x := u.Shell.Screen.(*MeetingsScreen)
			test.Tap(x.ShowSupervision)
			test.Tap(x.NewSupervision)
			test.Type(x.Supervision.Supervisor, "Dana Reyes")
			test.Type(x.Supervision.Themes, "Managing a heavy caseload on a short-staffed shift.")
		},
		more: func(u *App) { test.Type(u.Shell.Screen.(*MeetingsScreen).Supervision.Actions, "Plan the shift first.") },
		save: func(u *App) { test.Tap(u.Shell.Screen.(*MeetingsScreen).Supervision.SaveButton) },
		again: func(u *App) (string, string) {
			x := u.Shell.Screen.(*MeetingsScreen)
			test.Tap(x.NewSupervision)
			return x.Supervision.Message.Text, x.Supervision.Themes.Text
		},
	},
	{
		name: "career conversation",
		key:  func(p model.Programme) string { return "conversation:" + p.ID + ":6" },
		write: func(t *testing.T, u *App) {
			u.Shell.Show("conversations")
			c := u.Shell.Screen.(*ConversationsScreen).Cards[6]
			c.Date.SetValue(model.NewDate(2027, 3, 4))
			test.Type(c.Aspirations, "Community nursing within two years.")
		},
		more: func(u *App) { test.Type(u.Shell.Screen.(*ConversationsScreen).Cards[6].NextSteps, "Shadow the team.") },
		save: func(u *App) { test.Tap(u.Shell.Screen.(*ConversationsScreen).Cards[6].SaveButton) },
		again: func(u *App) (string, string) {
			u.Shell.Show("conversations")
			return u.Shell.Screen.(*ConversationsScreen).Cards[6].Message.Text, ""
		},
	},
	{
		name: "concern",
		key:  func(p model.Programme) string { return "concern:" + p.ID + ":new" },
		write: func(t *testing.T, u *App) {
			u.Shell.Show("concerns")
			x := u.Shell.Screen.(*ConcernsScreen)
			test.Tap(x.Raise)
			test.Type(x.Form.Summary, "Feeling out of my depth on nights")
			test.Type(x.Form.Detail, "I would like more support on my first run of nights.")
		},
		more: func(u *App) { test.Type(u.Shell.Screen.(*ConcernsScreen).Form.SupportPlan, "A buddy on nights.") },
		save: func(u *App) { test.Tap(u.Shell.Screen.(*ConcernsScreen).Form.SaveButton) },
		again: func(u *App) (string, string) {
			x := u.Shell.Screen.(*ConcernsScreen)
			test.Tap(x.Raise)
			return x.Form.Message.Text, x.Form.Summary.Text
		},
	},
}

func TestEveryEditorLeavesNoDraftOnceSaved(t *testing.T) {
	for _, ed := range draftEditors {
		t.Run(ed.name, func(t *testing.T) {
			w := newWard(t)
			u, clock := draftApp(t, w)
			signIn(t, u, "pat")
			ed.write(t, u)
			clock.fire() // typing stopped: the draft is kept
			if _, ok := draftIn(t, w, "pat", ed.key(w.p)); !ok {
				t.Fatal("no draft kept while typing")
			}
			ed.more(u)
			ed.save(u)
			if u.Shell.Warning != nil {
				t.Fatalf("a warning for clean text: %+v", u.Shell.Warning.Findings)
			}
			clock.fire() // longer than the draft delay after saving
			if d, ok := draftIn(t, w, "pat", ed.key(w.p)); ok {
				t.Fatalf("a draft is left after saving: %v", d)
			}
			message, field := ed.again(u)
			clock.fire()
			if strings.Contains(message, "Restored") || field != "" {
				t.Fatalf("opened again with %q and %q", message, field)
			}
			if d, ok := draftIn(t, w, "pat", ed.key(w.p)); ok {
				t.Fatalf("a draft came back: %v", d)
			}
		})
	}
}
