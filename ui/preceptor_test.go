package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// precCohort is a real store with three preceptees: Zoë (started in September, two months
// behind with her meetings, asking for ACC-01 to be signed off) and Pat (started last week)
// both precepted by Sam and managed by Lin; and Łukasz, precepted by Rob, managed by Mo,
// with Fay facilitating his career conversations. Fay is also Zoë's clinical supervisor, so
// she can see Zoë's programme but not her career conversations.
type precCohort struct {
	st               *sqlite.Store
	zoe, pat, lukasz model.Programme
}

func precWorld(t *testing.T) precCohort {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	st, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{Now: func() time.Time { return now }, HashParams: model.HashParams{Time: 1, Memory: 64, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sys := st.System()
	if _, err := sys.ImportFramework(ctx, model.FrameworkSet{
		Framework: model.Framework{ID: "core", Name: "Core", Version: "1"},
		Competencies: []model.Competency{
			{Code: "ACC-01", Title: "Accountability", Level: model.Must},
			{Code: "COM-01", Title: "Communicating with families", Level: model.Must},
			{Code: "QI-01", Title: "Improvement", Level: model.Could},
		},
	}); err != nil {
		t.Fatal(err)
	}
	user := func(username, name string, role model.Role) model.User {
		u, err := sys.AddUser(ctx, model.User{Username: username, Name: name, Role: role}, pw)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	zoe := user("zoe", "Zoë Adeyemi", model.RolePreceptee)
	pat := user("pat", "Pat Okafor", model.RolePreceptee)
	lukasz := user("lukasz", "Łukasz Nowak", model.RolePreceptee)
	sam := user("sam", "Sam Preceptor", model.RolePreceptor)
	rob := user("rob", "Rob Preceptor", model.RolePreceptor)
	lin := user("lin", "Lin Manager", model.RoleLineManager)
	mo := user("mo", "Mo Manager", model.RoleLineManager)
	fay := user("fay", "Fay Facilitator", model.RoleFacilitator)
	user("lead", "Gillian Lead", model.RoleLead)
	programme := func(p model.Programme) model.Programme {
		p.Profession, p.FrameworkID = "nurse-adult", "core"
		saved, err := sys.SaveProgramme(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		return saved
	}
	w := precCohort{st: st}
	w.zoe = programme(model.Programme{PrecepteeID: zoe.ID, PreceptorID: sam.ID, LineManagerID: lin.ID, SupervisorID: fay.ID, StartDate: model.NewDate(2026, 9, 7), Service: "Ward 7"})
	w.pat = programme(model.Programme{PrecepteeID: pat.ID, PreceptorID: sam.ID, LineManagerID: lin.ID, StartDate: model.NewDate(2026, 11, 20), Service: "Ward 9"})
	w.lukasz = programme(model.Programme{PrecepteeID: lukasz.ID, PreceptorID: rob.ID, LineManagerID: mo.ID, FacilitatorID: fay.ID, StartDate: model.NewDate(2026, 5, 4), Service: "Community East"})

	// Zoë asks for ACC-01 to be signed off; Łukasz only starts one.
	for _, step := range []struct {
		who  string
		p    model.Programme
		code string
		to   []model.Status
	}{
		{"zoe", w.zoe, "ACC-01", []model.Status{model.InProgress, model.EvidenceSubmitted}},
		{"lukasz", w.lukasz, "ACC-01", []model.Status{model.InProgress}},
	} {
		ss, err := st.SignIn(ctx, step.who, pw)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ss.SaveEvidence(ctx, model.Evidence{ProgrammeID: step.p.ID, Type: model.Reflection, Template: "gibbs",
			Title: "Handover on a busy late shift", OccurredOn: model.NewDate(2026, 11, 10), Codes: []string{step.code}}); err != nil {
			t.Fatal(err)
		}
		for _, to := range step.to {
			if err := ss.ChangeStatus(ctx, step.p.ID, step.code, to, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	return w
}

// precSignIn signs in through the window, as a person would.
func precSignIn(t *testing.T, st *sqlite.Store, username string, opt Options) *App {
	t.Helper()
	if opt.Async == nil {
		opt.Async = inline
	}
	if opt.Later == nil {
		opt.Later = never
	}
	u := New(test.NewTempApp(t), st, opt)
	u.Window.Resize(fyne.NewSize(1280, 820))
	test.Type(u.SignIn.Username, username)
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	if u.Shell == nil {
		t.Fatalf("%s could not sign in: %q", username, u.SignIn.Message.Text)
	}
	return u
}

// precWalk visits every visible object drawn inside o, as rendered; labels and buttons
// are visited but not taken apart.
func precWalk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *widget.Label, *Button:
		return
	case *fyne.Container:
		for _, c := range x.Objects {
			precWalk(c, visit)
		}
		return
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(w).Objects() {
			precWalk(c, visit)
		}
	}
}

// precTexts is every piece of text drawn inside o.
func precTexts(o fyne.CanvasObject) []string {
	var out []string
	precWalk(o, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
		case *widget.Label:
			out = append(out, x.Text)
		case *Button:
			out = append(out, x.Text)
		}
	})
	return out
}

// precDots counts the status dots drawn inside o, by colour.
func precHas(texts []string, want string) bool {
	return slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) })
}

func precStatus(t *testing.T, st *sqlite.Store, p model.Programme, code string) model.Status {
	t.Helper()
	views, err := st.System().Competencies(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		if v.Code == code {
			return v.Progress.Status
		}
	}
	t.Fatalf("no competency %s", code)
	return ""
}

func TestPreceptorSeesOnlyTheirPreceptees(t *testing.T) {
	w := precWorld(t)
	u := precSignIn(t, w.st, "sam", Options{})
	h, ok := u.Shell.Screen.(*PreceptorHome)
	if !ok {
		t.Fatalf("preceptor's first screen is %T", u.Shell.Screen)
	}
	var names []string
	for _, r := range h.Rows {
		names = append(names, r.Preceptee)
	}
	if strings.Join(names, ",") != "Pat Okafor,Zoë Adeyemi" {
		t.Fatalf("cards for %v", names)
	}
	if len(h.Cards.Objects) != 2 || len(h.Open) != 2 || h.Open[w.zoe.ID] == nil || h.Open[w.pat.ID] == nil {
		t.Fatalf("%d cards, open buttons %v", len(h.Cards.Objects), h.Open)
	}
	texts := precTexts(h.Cards)
	for _, want := range []string{"Zoë Adeyemi", "Pat Okafor", "Month 3 of 12", "Month 1 of 12 · supernumerary", "Must: 0 of 2 signed off",
		"Registered Nurse (Adult) · Ward 7", "1 competency waiting for your sign-off", "Next meeting overdue since 13 Sep 2026", "Needs attention"} {
		if !precHas(texts, want) {
			t.Errorf("cards do not show %q: %q", want, texts)
		}
	}
	if precHas(precTexts(u.Window.Content()), "Łukasz") {
		t.Error("Rob's preceptee appears on Sam's home")
	}
	// The next meetings, earliest first, the overdue one in red.
	mt := precTexts(h.Meetings)
	zi, pi := slices.Index(mt, "Zoë Adeyemi"), slices.Index(mt, "Pat Okafor")
	if zi < 0 || pi < 0 || zi > pi || !precHas(mt, "overdue since") {
		t.Fatalf("upcoming meetings %q", mt)
	}

	// The queue holds exactly the competency Zoë submitted, as the store has it.
	if len(h.Queue) != 1 || h.Queue[0].Code != "ACC-01" || h.Queue[0].Programme.ID != w.zoe.ID || len(h.Review) != 1 {
		t.Fatalf("queue %+v", h.Queue)
	}
	if got := precStatus(t, w.st, w.zoe, "ACC-01"); got != model.EvidenceSubmitted {
		t.Fatalf("store says %s", got)
	}
	if q := precTexts(h.SignOffs); !precHas(q, "Zoë Adeyemi · ACC-01") || !precHas(q, "Accountability") || !precHas(q, "Waiting since") {
		t.Fatalf("queue shows %q", q)
	}

	// Open portfolio switches the navigation to Pat's portfolio.
	test.Tap(h.Open[w.pat.ID])
	if u.Shell.Viewing == nil || u.Shell.Viewing.ID != w.pat.ID || u.Shell.Current != "dashboard" {
		t.Fatalf("viewing %+v on %s", u.Shell.Viewing, u.Shell.Current)
	}
	if _, ok := u.Shell.Screen.(*Dashboard); !ok {
		t.Fatalf("open portfolio shows %T", u.Shell.Screen)
	}
}

func TestReviewOpensTheCompetencyAndTheSignOffReachesTheStore(t *testing.T) {
	w := precWorld(t)
	u := precSignIn(t, w.st, "sam", Options{})
	h := u.Shell.Screen.(*PreceptorHome)
	test.Tap(h.Review[0])
	c, ok := u.Shell.Screen.(*Competencies)
	if !ok || u.Shell.Current != "competencies" || u.Shell.Viewing.ID != w.zoe.ID {
		t.Fatalf("review shows %T on %s", u.Shell.Screen, u.Shell.Current)
	}
	if c.Detail == nil || c.Detail.View.Code != "ACC-01" || c.Detail.SignOff == nil {
		t.Fatalf("review did not open ACC-01 ready to sign off: %+v", c.Detail)
	}
	test.Tap(c.Detail.SignOff)
	d := u.Shell.Dialog
	if d == nil || d.Username.Text != "sam" {
		t.Fatal("no password dialog for the sign-off")
	}
	test.Type(d.Password, pw)
	test.Tap(d.Confirm)
	if got := precStatus(t, w.st, w.zoe, "ACC-01"); got != model.SignedOff {
		t.Fatalf("after sign-off the store says %s", got)
	}
	// Back home, the queue is empty.
	test.Tap(u.Shell.NavButtons["home"]) // back to "My preceptees"
	h = u.Shell.Screen.(*PreceptorHome)
	if len(h.Queue) != 0 || !precHas(precTexts(h.SignOffs), "Nothing is waiting") {
		t.Fatalf("queue after sign-off: %+v", h.Queue)
	}
}

// deferred runs store work only when flushed, as the real window does on another goroutine.
type deferred struct{ jobs []func() }

func (d *deferred) async(work, done func()) { d.jobs = append(d.jobs, func() { work(); done() }) }
func (d *deferred) flush() {
	for len(d.jobs) > 0 {
		j := d.jobs[0]
		d.jobs = d.jobs[1:]
		j()
	}
}

func TestReviewOpensTheCompetencyWhenTheListArrivesLater(t *testing.T) {
	w := precWorld(t)
	d := &deferred{}
	u := New(test.NewTempApp(t), w.st, Options{Async: d.async, Later: never})
	test.Type(u.SignIn.Username, "sam")
	test.Type(u.SignIn.Password, pw)
	test.Tap(u.SignIn.Submit)
	d.flush()
	h := u.Shell.Screen.(*PreceptorHome)
	d.flush()
	test.Tap(h.Review[0])
	c := u.Shell.Screen.(*Competencies)
	if c.Detail != nil {
		t.Fatal("the detail opened before the data arrived")
	}
	d.flush()
	if c.Detail == nil || c.Detail.View.Code != "ACC-01" {
		t.Fatalf("detail after loading: %+v", c.Detail)
	}
}
