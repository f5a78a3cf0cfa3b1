package main

// The real-window test: the app in its real window (Fyne's GLFW driver) on an X display,
// driven through the X server with xdotool as a person's mouse and keyboard would, at the
// screen size the display has. After every step it checks the window with layoutcheck and
// saves what the screen shows. `make window-test` runs it under Xvfb at 1366×768 and
// 1024×700; without PURSUIT_TEST_WINDOW it is skipped.

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"

	"pursuit/model"
	"pursuit/ui"
	"pursuit/ui/layoutcheck"
	"pursuit/ui/xdotool"
)

var windowApp fyne.App

func TestMain(m *testing.M) {
	// The test binary as the pursuit command, for tests of what a fresh process does
	// (TestACommandPrintsNoToolkitNoise): its arguments in PURSUIT_TEST_AS_COMMAND.
	if args := os.Getenv("PURSUIT_TEST_AS_COMMAND"); args != "" {
		os.Exit(run(strings.Fields(args), env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}))
	}
	if os.Getenv("PURSUIT_TEST_WINDOW") == "" {
		os.Exit(m.Run())
	}
	// Fyne keeps preferences (such as the file dialog's last view) under the user's config
	// folder: a folder of the test's own, so every run starts as a new PC does.
	config, err := os.MkdirTemp("", "pursuit-window-config")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", config)
	// GLFW's event loop must own the main thread: the tests run beside it.
	windowApp = app.NewWithID("uk.nhs.pursuit.windowtest")
	code := 0
	go func() {
		code = m.Run()
		fyne.Do(windowApp.Quit)
	}()
	windowApp.Run()
	os.RemoveAll(config)
	os.Exit(code)
}

// robot is one person at the PC: the window, what it has done and where the pictures go.
type robot struct {
	*xdotool.Window
	t      *testing.T
	u      *ui.App
	busy   *atomic.Int64 // store work started by the window and not yet shown
	shots  string
	n      int
	screen image.Point
	close  func()
}

// openWindow starts the app on dir in a new real window and waits for it on the screen.
func openRealWindow(t *testing.T, dir string) *robot {
	t.Helper()
	if windowApp == nil {
		t.Skip("the real window needs an X display: make window-test")
	}
	screen, err := xdotool.Screen()
	if err != nil {
		t.Fatal(err)
	}
	busy := &atomic.Int64{}
	g := &globals{env: env{stdout: os.Stdout, stderr: os.Stderr, now: time.Now}}
	w, err := startWindow(g, windowApp, dir, func(o *ui.Options) {
		o.IdleCheck = 0
		o.OpenFile = func(string) error { return nil }
		o.Async = func(work, done func()) {
			busy.Add(1)
			go func() {
				work()
				fyne.Do(func() {
					defer busy.Add(-1)
					done()
				})
			}()
		}
	}, fyne.DoAndWait)
	if err != nil {
		t.Fatal(err)
	}
	w.show(fyne.DoAndWait)
	xw, err := xdotool.Find(w.u.Window, "Pursuit", 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	r := &robot{Window: xw, t: t, u: w.u, busy: busy, screen: screen,
		shots: filepath.Join("..", "..", "docs", "screenshots", "all", fmt.Sprintf("%dx%d", screen.X, screen.Y), t.Name())}
	xw.Settle = r.settle
	r.close = func() {
		fyne.DoAndWait(w.u.Window.Hide)
		w.close()
	}
	t.Cleanup(r.close)
	os.RemoveAll(r.shots)
	if err := os.MkdirAll(r.shots, 0o755); err != nil {
		t.Fatal(err)
	}
	r.settle()
	return r
}

// settle waits until what the last input started has been done and drawn: two frames for
// the X events to reach the window, then the store work they started, then a frame to draw.
func (r *robot) settle() {
	time.Sleep(35 * time.Millisecond)
	fyne.DoAndWait(func() {})
	deadline := time.Now().Add(20 * time.Second)
	for r.busy.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	fyne.DoAndWait(func() {})
}

// visible is the part of the canvas on the screen, in canvas units: where it starts (past
// the screen's left or top edge, a window pushed off it) and its size.
func (r *robot) visible() (fyne.Position, fyne.Size) {
	g, _, err := r.Measured()
	if err != nil {
		r.t.Fatal(err)
	}
	var scale float32
	fyne.DoAndWait(func() { scale = r.u.Window.Canvas().Scale() })
	at := fyne.NewPos(float32(max(0, -g.Min.X))/scale, float32(max(0, -g.Min.Y))/scale)
	return at, fyne.NewSize(float32(r.screen.X-g.Min.X)/scale-at.X, float32(r.screen.Y-g.Min.Y)/scale-at.Y)
}

// check looks at the window as a person would after a step, and keeps its picture.
func (r *robot) check(step string) {
	r.t.Helper()
	r.settle()
	if err := r.Remeasure(); err != nil { // a screen wider than the last may have grown the window
		r.t.Errorf("%s: %v", step, err)
	}
	r.n++
	name := fmt.Sprintf("%02d-%s.png", r.n, step)
	// A screen that asks for more height than the screen has grows the window past its
	// bottom edge, where nothing can be reached (the sign-in at 150 % did, and the
	// window stayed grown for every screen after it).
	if g, screen, err := r.Measured(); err == nil && (g.Max.Y > screen.Y || g.Max.X > screen.X) {
		r.t.Errorf("%s (%s): the window grew past the screen: %v on a screen of %v", step, name, g, screen)
	}
	shot := r.StartShot(filepath.Join(r.shots, name))
	at, vis := r.visible()
	var problems []layoutcheck.Problem
	fyne.DoAndWait(func() {
		problems = layoutcheck.Canvas(r.u.Window.Canvas(), layoutcheck.Options{Visible: vis, VisibleAt: at})
	})
	if err := shot(); err != nil {
		r.t.Errorf("%s: %v", step, err)
	}
	if len(problems) > 0 {
		var lines []string
		for _, p := range problems {
			lines = append(lines, "  "+p.String())
		}
		r.t.Errorf("%s (%s): a person could not read or reach:\n%s", step, name, strings.Join(lines, "\n"))
		// A window that grew past the screen stays grown: put it back, so that the next
		// step is judged on its own.
		fyne.DoAndWait(func() { r.u.FitScreen(fyne.NewSize(float32(r.screen.X), float32(r.screen.Y))) })
		r.settle()
		if err := r.Remeasure(); err != nil {
			r.t.Errorf("%s: %v", step, err)
		}
	}
}

// must stops the journey when a step cannot be done.
func (r *robot) must(err error) {
	r.t.Helper()
	if err != nil {
		r.check("failed") // what the window looked like, and any cause the check finds
		r.t.Fatal(err)
	}
}

// click clicks o, which must be on the window.
func (r *robot) click(o fyne.CanvasObject) {
	r.t.Helper()
	if o == nil || isNil(o) {
		r.must(fmt.Errorf("nothing to click"))
	}
	r.must(r.Click(o))
}

// clickButton clicks the visible button with these words.
func (r *robot) clickButton(text string) {
	r.t.Helper()
	b := r.Button(text)
	if b == nil {
		r.must(fmt.Errorf("no button %q on the window", text))
	}
	r.must(r.Click(b))
}

// clickText clicks the visible text containing s (a row of a list, a menu item).
func (r *robot) clickText(s string) {
	r.t.Helper()
	tx := r.Text(s)
	if tx == nil {
		r.must(fmt.Errorf("no text %q on the window", s))
	}
	r.must(r.Click(tx))
}

// typeInto clicks a field and types into it.
func (r *robot) typeInto(o fyne.CanvasObject, text string) {
	r.t.Helper()
	r.click(o)
	r.must(r.Type(text))
}

func (r *robot) key(keys ...string) { r.t.Helper(); r.must(r.Key(keys...)) }

// isNil is true for a typed nil too (a button a screen did not make).
func isNil(o fyne.CanvasObject) bool {
	v := reflect.ValueOf(o)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// signIn signs in through the sign-in screen as a person does.
func (r *robot) signIn(username, password string) {
	r.t.Helper()
	var user, pass fyne.CanvasObject
	fyne.DoAndWait(func() {
		if r.u.SignIn != nil {
			user, pass = r.u.SignIn.Username, r.u.SignIn.Password
		}
	})
	if user == nil {
		r.must(fmt.Errorf("the sign-in screen is not on show"))
	}
	r.click(user)
	r.key("ctrl+a")
	r.must(r.Type(username))
	r.typeInto(pass, password)
	r.key("Return")
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		var in bool
		fyne.DoAndWait(func() { in = r.u.Shell != nil })
		if in {
			r.settle()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	r.must(fmt.Errorf("%s could not sign in", username))
}

// TestWindowEveryScreen signs in as every demo role and opens every screen the navigation
// offers, an item on each list screen, and the portfolio of a preceptee for everyone who
// oversees one, checking each; then again in high contrast at 150 % text.
func TestWindowEveryScreen(t *testing.T) {
	r := openRealWindow(t, demoFolder(t, "24"))
	r.walkRoles([]string{"zoe", "amara", "lead", "david", "grace", "admin"}, "")
	// A person who needs larger words and stronger contrast, set in Settings as they would:
	// at 1024 pixels and 150 % a list and its open record take turns.
	r.signIn("zoe", "pursuit-demo")
	r.nav("settings")
	sc := onScreen[*ui.SettingsScreen](r)
	r.choose(sc.Theme, "High contrast")
	sc = onScreen[*ui.SettingsScreen](r) // the screen is drawn again in the new colours
	r.choose(sc.TextSize, "150%")
	r.check("contrast-150")
	r.clickButton("Switch user")
	r.check("150-sign-in")
	// At 150 % the sign-in's button is in view without scrolling: the words above it
	// pushed it below the window's edge.
	var submit fyne.CanvasObject
	read(func() { submit = r.u.SignIn.Submit })
	if !r.InView(submit) {
		t.Errorf("at 150 %% on %dx%d the Sign in button is out of view", r.screen.X, r.screen.Y)
	}
	r.walkRoles([]string{"zoe", "lead"}, "150-")
}

// walkRoles signs in as each person and walks every screen they have.
func (r *robot) walkRoles(who []string, prefix string) {
	t := r.t
	for _, w := range who {
		r.signIn(w, "pursuit-demo")
		var keys []string
		fyne.DoAndWait(func() { keys = r.u.Shell.NavKeys() })
		for _, k := range keys {
			r.nav(k)
			r.check(prefix + w + "-" + k)
			r.openFirst(prefix + w + "-" + k)
			if w == "lead" && k == "home" && prefix == "" && r.screen.X >= 1366 && r.screen.Y >= 768 {
				if n := r.cohortRowsInView(); n < 12 {
					t.Errorf("the lead sees %d preceptees of the cohort at once at %dx%d, want at least 12", n, r.screen.X, r.screen.Y)
				}
			}
		}
		// Those who oversee others: a preceptee's portfolio, every screen of it.
		r.nav(keys[0])
		if r.openAPortfolio() {
			fyne.DoAndWait(func() { keys = r.u.Shell.NavKeys() })
			for _, k := range keys {
				var portfolio bool
				fyne.DoAndWait(func() { portfolio = r.u.Shell.IsPortfolioScreen(k) })
				if !portfolio {
					continue
				}
				r.nav(k)
				r.check(prefix + w + "-viewing-" + k)
				r.openFirst(prefix + w + "-viewing-" + k)
			}
		}
		r.clickButton("Switch user")
	}
}

// openFirst opens the first item of a list screen, so that its detail is checked too.
func (r *robot) openFirst(step string) {
	var open func()
	fyne.DoAndWait(func() {
		switch sc := r.u.Shell.Screen.(type) {
		case *ui.Competencies:
			if len(sc.Views) > 0 {
				open = func() { sc.Open(sc.Views[0].Code) }
			}
		case *ui.EvidenceScreen:
			if len(sc.Items) > 0 {
				open = func() { sc.Open(sc.Items[0].ID) }
			}
		case *ui.PlanScreen:
			if len(sc.Goals) > 0 {
				open = func() { sc.Open(sc.Goals[0].ID) }
			}
		case *ui.TrainingScreen:
			if len(sc.Records) > 0 {
				open = func() { sc.Open(sc.Records[0].ID) }
			}
		case *ui.MeetingsScreen:
			if sc.Portfolio != nil && len(sc.Portfolio.Meetings) > 0 {
				open = func() { sc.OpenMeeting(sc.Portfolio.Meetings[0].ID) }
			}
		}
	})
	if open == nil {
		return
	}
	fyne.DoAndWait(open)
	r.check(step + "-open")
}

// openAPortfolio opens the first preceptee's portfolio from the person's home screen, if
// they oversee any.
func (r *robot) openAPortfolio() bool {
	var b fyne.CanvasObject
	fyne.DoAndWait(func() {
		switch sc := r.u.Shell.Screen.(type) {
		case *ui.PreceptorHome:
			if len(sc.Rows) > 0 {
				b = sc.Open[sc.Rows[0].Programme.ID]
			}
		case *ui.FacilitatorHome:
			if len(sc.Rows) > 0 {
				b = sc.Open[sc.Rows[0].Programme.ID]
			}
		case *ui.CohortScreen:
			if len(sc.Shown) > 0 {
				sc.SelectRow(0)
				b = sc.Open
			}
		}
	})
	if b == nil || isNil(b) {
		return false
	}
	r.click(b)
	r.check("opened-portfolio")
	return true
}

// cohortRowsInView counts the cohort table's rows a person can read without scrolling: the
// preceptees whose names are drawn wholly inside the table's view.
func (r *robot) cohortRowsInView() int {
	var n int
	fyne.DoAndWait(func() {
		c, ok := r.u.Shell.Screen.(*ui.CohortScreen)
		if !ok {
			return
		}
		d := fyne.CurrentApp().Driver()
		top := d.AbsolutePositionForObject(c.Table)
		bottom := top.Y + c.Table.Size().Height
		names := map[string]bool{}
		for _, row := range c.Shown {
			names[row.Preceptee] = true
		}
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			if !o.Visible() {
				return
			}
			if t, ok := o.(*canvas.Text); ok && (names[t.Text] || names[shortened(t.Text, c.Shown)]) {
				if p := d.AbsolutePositionForObject(t); p.Y >= top.Y && p.Y+t.MinSize().Height <= bottom {
					n++
				}
			}
			for _, ch := range xdotool.Children(o) {
				walk(ch)
			}
		}
		walk(c.Table)
	})
	return n
}

// shortened finds the preceptee whose name a cell shows cut short with an ellipsis.
func shortened(text string, rows []model.CohortRow) string {
	stem, ok := strings.CutSuffix(text, "…")
	if !ok {
		return ""
	}
	for _, r := range rows {
		if strings.HasPrefix(r.Preceptee, stem) {
			return r.Preceptee
		}
	}
	return ""
}
