package main

// The journeys of the real-window test: what a preceptee, her preceptor, the lead and the
// person setting up a new PC do in their first minutes, by mouse and keyboard.

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/ui"
	"pursuit/ui/xdotool"
)

// onScreen waits for the screen on show to be a T and returns it.
func onScreen[T any](r *robot) T {
	r.t.Helper()
	var zero T
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		var sc any
		fyne.DoAndWait(func() {
			if r.u.Shell != nil {
				sc = r.u.Shell.Screen
			}
		})
		if t, ok := sc.(T); ok {
			return t
		}
		time.Sleep(50 * time.Millisecond)
	}
	r.must(fmt.Errorf("the screen on show is not a %T", zero))
	return zero
}

// read runs f on the UI goroutine: for reading widgets' state between steps.
func read(f func()) { fyne.DoAndWait(f) }

// clickTextIn clicks the drawn text s inside parent (a choice of a radio group, a day of a
// calendar, an item of a drop-down's menu).
func (r *robot) clickTextIn(parent fyne.CanvasObject, s string) {
	r.t.Helper()
	var found fyne.CanvasObject
	read(func() { found = findText(parent, s) })
	if found == nil {
		r.must(fmt.Errorf("no text %q in %T", s, parent))
	}
	r.click(found)
}

func findText(o fyne.CanvasObject, s string) fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	if t, ok := o.(*canvas.Text); ok && t.Text == s {
		return t
	}
	for _, c := range xdotool.Children(o) {
		if f := findText(c, s); f != nil {
			return f
		}
	}
	return nil
}

// topPopUp is the pop-up on top of the window (a calendar, a drop-down's menu, a dialog).
func (r *robot) topPopUp() fyne.CanvasObject {
	var top fyne.CanvasObject
	read(func() { top = r.u.Window.Canvas().Overlays().Top() })
	if top == nil {
		r.must(fmt.Errorf("no pop-up is open"))
	}
	return top
}

// pickDay opens a date field's calendar with its button and clicks a day of the month.
func (r *robot) pickDay(f *ui.DateField, day int) {
	r.t.Helper()
	var button fyne.CanvasObject
	read(func() { button = f.ActionItem })
	r.click(button)
	r.check("calendar") // every day of the month on the window, none under its edge
	r.clickTextIn(r.topPopUp(), fmt.Sprint(day))
}

// choose opens a drop-down and clicks one of its choices.
func (r *robot) choose(s *ui.Select, option string) {
	r.t.Helper()
	r.click(s)
	r.clickTextIn(r.topPopUp(), option)
}

// typeIn clicks a field, replaces what it holds and types text, as a person does.
func (r *robot) typeIn(o fyne.CanvasObject, text string) {
	r.t.Helper()
	r.click(o)
	r.key("ctrl+a")
	r.must(r.Type(text))
}

// nav clicks an entry of the navigation column.
func (r *robot) nav(key string) {
	r.t.Helper()
	var b fyne.CanvasObject
	read(func() { b = r.u.Shell.NavButtons[key] })
	r.click(b)
}

// aPicture writes a small photo-like PNG for attaching.
func aPicture(t *testing.T, dir, name string) string {
	img := image.NewRGBA(image.Rect(0, 0, 120, 90))
	for y := range 90 {
		for x := range 120 {
			img.Set(x, y, color.RGBA{uint8(x * 2), uint8(y * 2), 160, 255})
		}
	}
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return path
}

// competency finds a competency of the preceptee on show in the state wanted.
func competency(r *robot, c *ui.Competencies, want model.Status, not ...string) string {
	r.t.Helper()
	var code string
	read(func() {
		for _, v := range c.Views {
			if v.Progress.Status == want && !slices.Contains(not, v.Code) {
				code = v.Code
				return
			}
		}
	})
	if code == "" {
		var got []string
		read(func() {
			for _, v := range c.Views {
				got = append(got, v.Code+":"+string(v.Progress.Status))
			}
		})
		r.must(fmt.Errorf("no competency is %s: %v", want, got))
	}
	return code
}

// openCompetency finds a competency with the search box and opens it from the list.
func (r *robot) openCompetency(c *ui.Competencies, code string) *ui.CompetencyDetail {
	r.t.Helper()
	r.typeIn(c.Search, code)
	r.clickText(code)
	var d *ui.CompetencyDetail
	read(func() { d = c.Detail })
	if d == nil || d.View.Code != code {
		r.must(fmt.Errorf("%s did not open", code))
	}
	return d
}

func TestWindowPreceptee(t *testing.T) {
	home := t.TempDir()
	picture := aPicture(t, home, "wound-chart.png")
	t.Setenv("HOME", home) // the file dialog opens in the person's home folder
	r := openRealWindow(t, demoFolder(t, "6"))
	r.check("sign-in")
	r.signIn("lukasz", "pursuit-demo")
	r.check("dashboard")

	// A competency not yet started: start it, then its SLOT analysis with the calendar.
	r.nav("competencies")
	comps := onScreen[*ui.Competencies](r)
	r.check("competencies")
	code := competency(r, comps, model.NotStarted)
	d := r.openCompetency(comps, code)
	r.check("competency-" + code)
	r.clickButton("Start working on it")
	r.check("started")
	read(func() { d = comps.Detail })
	r.clickTextIn(d.Confident, "Partly")
	r.typeIn(d.Strengths, "I escalate early and ask for help.")
	r.typeIn(d.LearningNeeds, "Confidence with the NEWS2 escalation on nights.")
	r.typeIn(d.Opportunities, "Shadow the outreach team for two shifts.")
	r.typeIn(d.Threats, "Short staffing on nights.")
	r.pickDay(d.Target, 15)
	r.check("slot-filled")
	var target model.Date
	read(func() { target = d.Target.Value() })
	if target.Day != 15 {
		t.Fatalf("the calendar set the target date to %v, want the 15th", target)
	}
	r.click(d.SaveSLOT)
	r.check("slot-saved")
	var saved model.SLOT
	var said *widget.Label
	read(func() { saved, said = comps.Detail.View.Progress.SLOT, comps.Detail.Saved })
	if saved.Strengths != "I escalate early and ask for help." || saved.TargetDate != target || saved.Confident != model.ConfidencePartly {
		t.Fatalf("the SLOT analysis as saved: %+v", saved)
	}
	// The sign that it is saved is where she is looking: beside the button, still in view.
	if !strings.HasPrefix(said.Text, "Saved at") || !r.InView(said) {
		t.Errorf("after Save the pane shows %q, in view: %v", said.Text, r.InView(said))
	}

	// A Gibbs reflection, dated with the calendar, linked to three competencies, with a
	// picture attached through the file dialog.
	r.nav("evidence")
	ev := onScreen[*ui.EvidenceScreen](r)
	var newReflection fyne.CanvasObject
	read(func() { newReflection = ev.NewButtons[model.Reflection] })
	r.click(newReflection)
	var ed *ui.EvidenceEditor
	read(func() { ed = ev.Editor })
	r.choose(ed.Template, "Gibbs' reflective cycle")
	read(func() { ed = ev.Editor })
	r.typeIn(ed.Title, "Escalating a deteriorating patient on nights")
	r.pickDay(ed.Date, 3)
	var first fyne.CanvasObject
	read(func() { first = ed.Sections["description"] })
	r.typeIn(first, "On a night shift the patient's NEWS2 rose to 6 and I called the outreach team.")
	r.click(ed.LinkButton)
	var picker *ui.CompetencyPicker
	read(func() { picker = r.u.Shell.Screen.(*ui.EvidenceScreen).Editor.Picker })
	r.check("link-picker")
	var codes []string
	read(func() {
		for _, v := range ev.Views {
			if len(codes) < 3 && v.Code != code {
				codes = append(codes, v.Code)
			}
		}
	})
	codes[2] = code
	for _, c := range codes {
		var box fyne.CanvasObject
		read(func() { box = picker.Checks[c] })
		r.click(box)
	}
	r.click(picker.Done)
	r.click(ed.AttachButton)
	r.check("file-dialog")
	r.clickText(filepath.Base(picture))
	r.clickButton("Open")
	r.check("reflection-written")
	var before int
	read(func() { before = len(ev.Items) })
	r.click(ed.SaveButton)
	r.check("reflection-saved")
	var after []model.Evidence
	read(func() { after = ev.Items; said = ev.Editor.Message })
	if len(after) != before+1 {
		t.Fatalf("saving the reflection made %d items, want 1", len(after)-before)
	}
	var mine model.Evidence
	for _, it := range after {
		if it.Title == "Escalating a deteriorating patient on nights" {
			mine = it
		}
	}
	if mine.OccurredOn.Day != 3 || len(mine.Codes) != 3 || len(mine.Attachments) != 1 || mine.Template != "gibbs" {
		t.Errorf("the reflection as saved: %+v", mine)
	}
	if !strings.HasPrefix(said.Text, "Saved at") || !r.InView(said) {
		t.Errorf("after Save the editor shows %q, in view: %v", said.Text, r.InView(said))
	}
	// The next new reflection starts empty, and is not the last one again.
	time.Sleep(time.Second) // past the moment a stray draft would have been kept
	r.click(newReflection)
	r.check("next-reflection")
	read(func() { ed = ev.Editor })
	if ed.Title.Text != "" || len(ed.Codes) != 0 || len(ed.Files.Files) != 0 || ed.Message.Text != "" {
		t.Errorf("a new reflection opens with %q, links %v, %d files, %q", ed.Title.Text, ed.Codes, len(ed.Files.Files), ed.Message.Text)
	}

	// With evidence linked, she asks her preceptor to sign the competency off.
	r.nav("competencies")
	comps = onScreen[*ui.Competencies](r)
	d = r.openCompetency(comps, code)
	r.click(d.Request)
	r.check("request-sign-off")
	var yes fyne.CanvasObject
	read(func() { yes = r.u.Shell.Asked.Yes })
	r.click(yes)
	r.check("sign-off-requested")
	var status model.Status
	read(func() { status = comps.Detail.View.Progress.Status })
	if status != model.EvidenceSubmitted {
		t.Fatalf("after the request %s is %s", code, status)
	}

	// She starts another reflection, and locks the screen mid-sentence (Ctrl+L).
	r.nav("evidence")
	ev = onScreen[*ui.EvidenceScreen](r)
	read(func() { newReflection = ev.NewButtons[model.Reflection] })
	r.click(newReflection)
	read(func() { ed = ev.Editor })
	r.typeIn(ed.Title, "The family meeting")
	read(func() { first = ed.Sections[firstSection(ed)] })
	r.typeIn(first, "When the daughter asked me whether her mother was dying, I")
	r.key("ctrl+l")
	r.check("locked")
	var locked bool
	read(func() { locked = r.u.Shell == nil && r.u.SignIn != nil })
	if !locked {
		t.Fatal("Ctrl+L did not lock the window")
	}
	r.signIn("lukasz", "pursuit-demo")
	r.check("unlocked")
	ev = onScreen[*ui.EvidenceScreen](r)
	var title, text string
	read(func() {
		if ev.Editor != nil {
			title, text = ev.Editor.Title.Text, ev.Editor.Sections[firstSection(ev.Editor)].Text
		}
	})
	if title != "The family meeting" || !strings.HasSuffix(text, "was dying, I") {
		t.Errorf("after signing in again the reflection shows %q, %q", title, text)
	}
}

// firstSection is the key of an evidence editor's first section.
func firstSection(ed *ui.EvidenceEditor) string {
	t, _ := model.TemplateByKey(ed.Item.Template)
	return t.Sections[0].Key
}

// TestWindowPreceptorOnTheSamePC: the preceptor, at her preceptee's ward PC, switches user,
// signs one competency off and returns another with comments, all from the keyboard where a
// person would type.
func TestWindowPreceptorOnTheSamePC(t *testing.T) {
	r := openRealWindow(t, demoFolder(t, "6"))
	r.signIn("zoe", "pursuit-demo")
	r.clickButton("Switch user")
	r.check("switch-user")
	r.signIn("amara", "pursuit-demo")
	r.check("preceptor-home")
	home := onScreen[*ui.PreceptorHome](r)
	var open fyne.CanvasObject
	read(func() {
		for _, row := range home.Rows {
			if row.Preceptee == "Zoë Whitfield" {
				open = home.Open[row.Programme.ID]
			}
		}
	})
	r.click(open)
	r.check("zoe-portfolio")
	r.nav("competencies")
	comps := onScreen[*ui.Competencies](r)
	waiting := competency(r, comps, model.EvidenceSubmitted)

	// Sign off: her username is filled in and the cursor waits in the password box.
	d := r.openCompetency(comps, waiting)
	r.click(d.SignOff)
	r.check("sign-off-dialog")
	r.must(r.Type("pursuit-demo"))
	r.key("Return")
	r.check("signed-off")
	var status model.Status
	read(func() { status = comps.Detail.View.Progress.Status })
	if status != model.SignedOff {
		t.Fatalf("%s after signing off is %s", waiting, status)
	}
	if msg := r.toastShowing(); !strings.Contains(msg, waiting) {
		t.Errorf("after signing off the window says %q", msg)
	}

	// Back to her preceptees; from the sign-off queue she reviews Siobhán's request and
	// returns it. The cursor waits in the comments, so her feedback goes there, not into
	// the password box.
	r.nav("home")
	home = onScreen[*ui.PreceptorHome](r)
	var review fyne.CanvasObject
	var other string
	read(func() {
		for i, q := range home.Queue {
			if q.Preceptee == "Siobhán Ó'Connor" {
				review, other = home.Review[i], q.Code
			}
		}
	})
	r.click(review)
	r.check("review-" + other)
	comps = onScreen[*ui.Competencies](r)
	read(func() { d = comps.Detail })
	if d == nil || d.View.Code != other {
		t.Fatalf("Review opened %v, want %s", d, other)
	}
	r.click(d.Return)
	r.check("return-dialog")
	const feedback = "Please link the reflection on the fall and ask the ward sister for a testimony."
	r.must(r.Type(feedback))
	var dlg *ui.Countersign
	read(func() { dlg = r.u.Shell.Dialog })
	var comment, password string
	read(func() { comment, password = dlg.Comment.Text, dlg.Password.Text })
	if comment != feedback || password != "" {
		t.Fatalf("typing into the return dialog put %q in the comments and %d characters in the password", comment, len(password))
	}
	r.key("Tab", "Tab") // to the password, past the username she does not need to change
	r.check("return-password")
	r.must(r.Type("pursuit-demo"))
	r.key("Return")
	r.check("returned")
	read(func() { status = comps.Detail.View.Progress.Status })
	if status != model.Returned {
		t.Fatalf("%s after returning is %s", other, status)
	}
}

// toastShowing is the short message on show, if any.
func (r *robot) toastShowing() string {
	var s string
	read(func() { s = r.u.Shell.Toasts.Showing() })
	return s
}

// TestWindowLead: the Trust lead sorts and filters the cohort, opens a portfolio with a
// double click, comes back to the cohort as she left it, and writes the cohort report.
func TestWindowLead(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home) // where the save dialog opens
	r := openRealWindow(t, demoFolder(t, "24"))
	r.signIn("lead", "pursuit-demo")
	c := onScreen[*ui.CohortScreen](r)
	r.check("cohort")
	var header fyne.CanvasObject
	read(func() { header = c.Headers[0] })
	r.click(header) // sort by name
	r.choose(c.RAGFilter, "Needs attention")
	r.click(c.OnlyOverdue)
	r.check("sorted-and-filtered")
	var before []string
	read(func() {
		for _, row := range c.Shown {
			before = append(before, row.Preceptee)
		}
	})
	if len(before) < 2 || !slices.IsSorted(foldAll(before)) {
		t.Fatalf("sorted by name and filtered, the cohort shows %v", before)
	}

	// A double click on a row opens that preceptee's portfolio.
	var first fyne.CanvasObject
	read(func() { first = findName(c.Table, before[0]) })
	if first == nil {
		t.Fatalf("%s is not drawn in the table", before[0])
	}
	r.must(r.DoubleClick(first))
	r.check("portfolio-" + before[0])
	var viewing string
	read(func() {
		if r.u.Shell.Viewing != nil {
			viewing = r.u.Shell.Viewing.PrecepteeID
		}
	})
	if viewing == "" {
		t.Fatal("a double click on a row did not open the portfolio")
	}

	// Back to the cohort: the same filters, order and rows.
	r.nav("home")
	c = onScreen[*ui.CohortScreen](r)
	r.check("back-to-cohort")
	var after []string
	var rag string
	var overdue bool
	read(func() {
		for _, row := range c.Shown {
			after = append(after, row.Preceptee)
		}
		rag, overdue = c.RAGFilter.Selected, c.OnlyOverdue.Checked
	})
	if !slices.Equal(before, after) || rag != "Needs attention" || !overdue {
		t.Fatalf("back at the cohort: %v (%s, overdue %v), was %v", after, rag, overdue, before)
	}

	// The cohort report, through the save dialog, as a PDF.
	r.click(c.Report)
	r.check("save-report")
	r.clickButton("Save")
	r.check("report-written")
	var written string
	deadline := time.Now().Add(20 * time.Second)
	for written == "" && time.Now().Before(deadline) {
		read(func() { written = c.Reported })
		time.Sleep(100 * time.Millisecond)
	}
	b, err := os.ReadFile(written)
	if err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("the cohort report %q: %v", written, err)
	}
}

// findName finds a name drawn in a table, whole or shortened with an ellipsis.
func findName(o fyne.CanvasObject, name string) fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	if t, ok := o.(*canvas.Text); ok {
		if stem, cut := strings.CutSuffix(t.Text, "…"); t.Text == name || cut && strings.HasPrefix(name, stem) {
			return t
		}
	}
	for _, c := range xdotool.Children(o) {
		if f := findName(c, name); f != nil {
			return f
		}
	}
	return nil
}

// foldAll puts names in the form the cohort sorts them by.
func foldAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ToLower(strings.NewReplacer("Ł", "L", "ł", "l", "Ó", "O", "ó", "o", "á", "a", "é", "e", "ë", "e", "ê", "e", "í", "i").Replace(n))
	}
	return out
}

// TestWindowFirstRun: a new PC with nothing on it. The person setting it up makes the
// administrator, keeps the built-in framework, adds a preceptor and a preceptee, starts her
// programme, and the preceptee signs in.
func TestWindowFirstRun(t *testing.T) {
	r := openRealWindow(t, filepath.Join(t.TempDir(), "new-pc"))
	var f *ui.FirstRun
	read(func() { f = r.u.FirstRun })
	if f == nil {
		t.Fatal("a new PC does not open on the set-up")
	}
	r.check("welcome")
	r.typeIn(f.Name, "Jo Bloggs")
	r.typeIn(f.Username, "jo.bloggs")
	r.typeIn(f.Password, "a quiet ward at night")
	r.typeIn(f.Repeat, "a quiet ward at night")
	r.click(f.Next)
	r.check("framework")
	r.click(f.Next)
	r.check("shared-folder")
	r.click(f.Next) // "Set up Pursuit", with no shared folder for now
	r.check("set-up")
	people := onScreen[*ui.PeopleScreen](r)

	add := func(name, username, role string) {
		r.t.Helper()
		r.click(people.AddAccount)
		var a *ui.PeopleAccountForm
		read(func() { a = people.Account })
		r.typeIn(a.Name, name)
		r.typeIn(a.Username, username)
		r.choose(a.Role, role)
		r.typeIn(a.Password, "pursuit-welcome")
		r.click(a.Save)
		r.check("added-" + username)
		var shown string
		read(func() {
			if people.Detail != nil {
				shown = people.Detail.User.Username
			}
		})
		if shown != username {
			t.Fatalf("after adding %s the pane shows %q", username, shown)
		}
		if !r.sees(name) {
			t.Errorf("after adding %s, %q is not in view", username, name)
		}
	}
	add("Amara Okafor", "amara", "Preceptor")
	add("Zoë Whitfield", "zoe", "Preceptee")

	// Her programme, from her account's pane.
	var start fyne.CanvasObject
	read(func() { start = people.Detail.Start })
	r.click(start)
	r.check("programme-form")
	var pf *ui.PeopleProgrammeForm
	read(func() { pf = people.Programme })
	r.choose(pf.Preceptor, "Amara Okafor (amara)")
	r.pickDay(pf.Start, 1)
	r.choose(pf.Profession, "Registered Nurse (Adult)")
	r.typeIn(pf.Service, "Ward 4B – Acute Medicine")
	r.click(pf.Save)
	r.check("programme-started")

	r.clickButton("Switch user")
	r.signIn("zoe", "pursuit-welcome")
	r.check("preceptee-dashboard")
	onScreen[*ui.Dashboard](r)
	var who string
	read(func() { who = r.u.Shell.Who.String() })
	if !strings.HasPrefix(who, "Zoë Whitfield") {
		t.Errorf("signed in as %q: the name typed at the set-up was not kept as typed", who)
	}
}

// sees reports whether the text s and the objects are all in view: drawn, and not scrolled
// out of sight.
func (r *robot) sees(s string, objs ...fyne.CanvasObject) bool {
	r.t.Helper()
	if tx := r.Text(s); tx == nil || !r.InView(tx) {
		return false
	}
	for _, o := range objs {
		if !r.InView(o) {
			return false
		}
	}
	return true
}

// TestWindowKeyboard: the app by keyboard alone, as a person who cannot use a mouse.
func TestWindowKeyboard(t *testing.T) {
	r := openRealWindow(t, demoFolder(t, "6"))
	// Sign in: the cursor starts in the username.
	r.must(r.Type("lukasz"))
	r.key("Tab")
	r.must(r.Type("pursuit-demo"))
	r.key("Return")
	onScreen[*ui.Dashboard](r)
	r.check("signed-in-by-keyboard")

	// Tab reaches the header's Lock button and the navigation; where the keyboard is shows
	// in the NHS focus yellow, not blue on the blue bar, nor like the screen on show.
	var lock fyne.CanvasObject
	var selected *ui.NavButton
	read(func() { lock, selected = r.u.Shell.Lock, r.u.Shell.NavButtons["dashboard"] })
	r.tabTo(lock)
	r.check("lock-focused")
	if c := r.pixel(lock, 6, 6); !near(c, ui.NHSFocus) {
		t.Errorf("the focused Lock button is drawn %v, want the focus yellow %v", c, ui.NHSFocus)
	}
	var evidence *ui.NavButton
	read(func() { evidence = r.u.Shell.NavButtons["evidence"] })
	r.tabTo(evidence)
	r.check("nav-focused")
	if c := r.pixel(evidence, 6, 6); !near(c, ui.NHSFocus) {
		t.Errorf("the focused navigation entry is drawn %v, want the focus yellow", c)
	}
	if c := r.pixel(selected, 10, 6); near(c, ui.NHSFocus) || near(c, r.pixel(evidence, 6, 6)) {
		t.Errorf("the screen on show's entry looks like the focused one: %v", c)
	}

	// Ctrl+N: a new reflection with the cursor in its title.
	r.key("ctrl+n")
	ev := onScreen[*ui.EvidenceScreen](r)
	r.must(r.Type("Night shift"))
	var title string
	read(func() { title = ev.Editor.Title.Text })
	if title != "Night shift" {
		t.Fatalf("after Ctrl+N, typing went elsewhere: the title is %q", title)
	}
	// Tab goes down the form, and each field it reaches comes into view.
	for i := range 12 {
		r.key("Tab")
		var f fyne.Focusable
		read(func() { f = r.u.Window.Canvas().Focused() })
		if o, ok := f.(fyne.CanvasObject); ok && !r.eventuallyInView(o) {
			r.check(fmt.Sprintf("tab-%d", i))
			t.Fatalf("Tab %d reached %T out of view", i+1, f)
		}
	}
	r.check("tabbed-down")

	// Esc closes a dialog; Ctrl+2 does not change the screen behind one.
	var link fyne.CanvasObject
	read(func() { link = ev.Editor.LinkButton })
	r.click(link)
	r.key("ctrl+2")
	var current string
	read(func() { current = r.u.Shell.Current })
	if current != "evidence" || r.Overlays() == 0 {
		t.Fatalf("Ctrl+2 with the link picker open went to %q (pop-ups open: %d)", current, r.Overlays())
	}
	r.key("Escape")
	r.check("escaped")
	if n := r.Overlays(); n != 0 {
		t.Fatalf("Esc left %d pop-ups open", n)
	}
}

// tabTo presses Tab until the keyboard is on o.
func (r *robot) tabTo(o fyne.CanvasObject) {
	r.t.Helper()
	for range 60 {
		var f fyne.Focusable
		read(func() { f = r.u.Window.Canvas().Focused() })
		if fo, ok := f.(fyne.CanvasObject); ok && fo == o {
			return
		}
		r.key("Tab")
	}
	r.must(fmt.Errorf("Tab never reached %T", o))
}

// pixel is the colour the screen shows at (dx, dy) inside o.
func (r *robot) pixel(o fyne.CanvasObject, dx, dy float32) color.Color {
	r.t.Helper()
	path := filepath.Join(r.t.TempDir(), "pixel.png")
	r.must(r.Shot(path))
	f, err := os.Open(path)
	r.must(err)
	defer f.Close()
	img, err := png.Decode(f)
	r.must(err)
	pos, _, ok := r.Where(o)
	if !ok {
		r.must(fmt.Errorf("%T is not on the window", o))
	}
	var scale float32
	read(func() { scale = r.u.Window.Canvas().Scale() })
	return img.At(int((pos.X+dx)*scale), int((pos.Y+dy)*scale))
}

// near reports whether two colours look the same.
func near(a, b color.Color) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) int { return int(x>>8) - int(y>>8) }
	sq := func(n int) int { return n * n }
	return sq(d(ar, br))+sq(d(ag, bg))+sq(d(ab, bb)) < 3*20*20
}

// eventuallyInView waits a moment for o to come into view (the window looks where the
// focus went a few times a second).
func (r *robot) eventuallyInView(o fyne.CanvasObject) bool {
	for range 20 {
		if r.InView(o) {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// TestWindowWitness: a preceptee's testimony is confirmed by its witness, her preceptor, with
// her own username and password in the dialog on the preceptee's screen.
func TestWindowWitness(t *testing.T) {
	r := openRealWindow(t, demoFolder(t, "6"))
	r.signIn("lukasz", "pursuit-demo")
	r.nav("evidence")
	ev := onScreen[*ui.EvidenceScreen](r)
	var newTestimony fyne.CanvasObject
	read(func() { newTestimony = ev.NewButtons[model.Testimony] })
	r.click(newTestimony)
	var ed *ui.EvidenceEditor
	read(func() { ed = ev.Editor })
	r.typeIn(ed.Title, "Testimony from my preceptor")
	var statement fyne.CanvasObject
	read(func() { statement = ed.Sections["statement"] })
	r.typeIn(statement, "Łukasz led the bay through a busy night and escalated early.")
	r.click(ed.SaveButton)
	r.check("testimony-saved")
	read(func() { ed = ev.Editor })
	r.click(ed.ConfirmButton)
	r.check("witness-dialog")
	var d *ui.WitnessDialog
	read(func() { d = ev.Editor.Witness })
	r.typeIn(d.Username, "amara")
	r.typeIn(d.Password, "pursuit-demo")
	r.typeIn(d.Role, "Preceptor, Ward 9")
	r.click(d.Agree)
	r.click(d.Confirm)
	deadline := time.Now().Add(15 * time.Second)
	var item model.Evidence
	for time.Now().Before(deadline) {
		read(func() { item = ev.Editor.Item })
		if item.Locked {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	r.check("testimony-confirmed")
	if !item.WitnessedByAccount() || item.WitnessName != "Amara Okafor" {
		var msg string
		read(func() { msg = d.Message.Text })
		t.Fatalf("the testimony after the witness confirmed: %+v (dialog says %q)", item, msg)
	}
}
