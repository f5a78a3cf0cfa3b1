package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
	pursuitsync "pursuit/sync"
)

// screen is one page of the shell. Screens may also offer saving, searching, new evidence
// and drafts, which the keyboard shortcuts and the lock reach through these interfaces.
type screen interface{ content() fyne.CanvasObject }

type saver interface{ save() }
type searcher interface{ focusSearch() }
type drafter interface{ saveDraft() }

// leaver is a screen that lets go of what it read when it is left. Fyne keeps a left
// screen's widgets for a minute in case they come back, and with them everything they point
// to: without this, a lead going between the cohort and the programmes of a Trust held
// another 5 MB for every trip.
type leaver interface{ leave() }
type dropTarget interface{ dropped([]fyne.URI) }

// opener is a screen that can open one of its records, once it has read them.
type opener interface{ openSoon(ref string) }

// opening remembers a record asked for before the screen has read its records, so that a
// link to a record (linked evidence, a due item) opens it, not just its screen.
type opening struct {
	loaded bool
	want   string
}

// soon opens ref now if the records are read, else as soon as they are.
func (o *opening) soon(ref string, open func(string)) {
	if o.loaded {
		open(ref)
		return
	}
	o.want = ref
}

// read is called once the records are read: the record asked for opens.
func (o *opening) read(open func(string)) {
	o.loaded = true
	if ref := o.want; ref != "" {
		o.want = ""
		open(ref)
	}
}

// navItem is one entry of the navigation column.
type navItem struct {
	key, label string
	icon       fyne.Resource
	build      func() screen
	portfolio  bool // one of the screens of the portfolio on show
}

// Shell is the signed-in window: a header with who is signed in, the sync status, Switch
// user and Lock; the navigation on the left, shown per role; the current screen.
type Shell struct {
	u  *App
	ss *sqlite.Session

	Who        *nameAndRole // the person signed in, and their role
	Nav        *navPanel    // the navigation column
	SyncStatus *widget.Label
	Lock       *BarButton
	Switch     *BarButton
	NavButtons map[string]*NavButton
	Viewing    *model.Programme // whose portfolio the portfolio screens show
	Current    string           // the key of the screen on show
	Screen     screen
	Content    fyne.CanvasObject
	Dialog     *Countersign       // the last credentials dialog, for tests
	Warning    *IdentifierWarning // the last patient-identifier warning, for tests
	Asked      *Question          // the last yes/no question, for tests
	Exporting  *ExportDialog      // the last Export dialog, for tests
	Toasts     *Toasts            // short messages over the bottom of the screen

	cohortView *cohortView // the cohort's filters and sort, kept while a portfolio is open

	nav       *fyne.Container
	syncText  *canvas.Text
	syncState pursuitsync.Status
	body      *fyne.Container
	items     []navItem
	viewFor   string // preceptee's name when viewing someone else's portfolio
}

func newShell(u *App, ss *sqlite.Session) *Shell {
	s := &Shell{u: u, ss: ss, NavButtons: map[string]*NavButton{}}
	// Name and role on one line, shortened before anything else in the bar when the window
	// is narrow: the bar stays one button high and Lock is never pushed off the screen.
	s.Who = newNameAndRole(ss.User.Name, ss.User.Role.Label())
	s.SyncStatus = widget.NewLabel("Sync: not set up")
	s.Lock = newBarButton("Lock", theme.VisibilityOffIcon(), u.Lock)
	s.Switch = newBarButton("Switch user", theme.AccountIcon(), u.SwitchUser)

	brand := canvas.NewText("Pursuit", White)
	brand.TextStyle.Bold = true
	brand.TextSize = scaled(22)
	syncText := canvas.NewText("", White)
	syncChip := newTapArea(container.NewStack(canvas.NewRectangle(NHSDarkBlue), container.NewPadded(syncText)), func() { s.Show("sync") })
	s.syncText = syncText
	s.SetSync("Sync: not set up")
	right := container.NewHBox(container.NewCenter(s.Switch), container.NewCenter(s.Lock))
	left := container.NewHBox(container.NewCenter(brand), container.NewCenter(syncChip))
	bar := container.NewStack(canvas.NewRectangle(NHSBlue), container.NewPadded(container.NewBorder(nil, nil, left, right, s.Who)))
	top := fyne.CanvasObject(bar)
	if u.opt.Demo {
		top = container.NewVBox(bar, banner("Demo data: made-up people, not for real use", NHSYellow, NHSText))
	}

	s.nav = container.NewVBox()
	s.Nav = newNavPanel(s.nav)
	s.body = container.NewStack()
	catcher := newActivityCatcher(u.Idle.Touch)
	// A screen taller than the window scrolls; none may be wider than the window: each one
	// reflows to the width it is given, because a nurse would never find controls hidden
	// off to the right behind a sideways scroll.
	// More air on the right, where the scroll bar lies over the screen when it is taller
	// than the window: a chip at the right-hand edge is not drawn under the bar.
	p := theme.Padding()
	main := container.NewStack(catcher, container.NewVScroll(container.New(layout.NewCustomPaddedLayout(p, p, p, p+theme.ScrollBarSmallSize()+2), s.body)))
	s.Toasts = newToasts(u.opt.Later, s.Who)
	s.Content = container.NewStack(container.NewBorder(top, nil, s.Nav.Content, nil, main), s.Toasts.Layer)
	s.home()
	return s
}

// SetSync shows the state of sync with the shared folder in the header.
func (s *Shell) SetSync(text string) {
	s.SyncStatus.SetText(text)
	s.syncText.Text = text
	s.syncText.Refresh()
}

// home shows the first screen for the person's role.
func (s *Shell) home() {
	ctx := context.Background()
	if s.ss.User.Role == model.RolePreceptee {
		if p, err := s.ss.ProgrammeOf(ctx, s.ss.User.ID); err == nil {
			s.Viewing = &p
		}
	}
	s.rebuildNav()
	if len(s.items) > 0 {
		s.Show(s.items[0].key)
	}
}

// ViewPortfolio opens a preceptee's portfolio for a preceptor, manager or lead.
func (s *Shell) ViewPortfolio(p model.Programme, name string) {
	s.Viewing, s.viewFor = &p, name
	s.rebuildNav()
	s.Show("dashboard")
}

// rebuildNav lays out the navigation. Viewing someone's portfolio, the home entry becomes
// the way back (one entry, not a "back" and a "home" side by side), the portfolio's screens
// go under the preceptee's name, and the person's other screens (programmes, sync,
// settings) below them, never under the name as if they were hers.
func (s *Shell) rebuildNav() {
	items := s.navFor()
	s.nav.Objects = nil
	s.NavButtons = map[string]*NavButton{}
	add := func(it navItem, icon fyne.Resource, tapped func()) {
		b := newNavButton(it.label, icon, tapped)
		s.NavButtons[it.key] = b
		s.nav.Add(b)
	}
	if s.viewFor == "" || len(items) == 0 {
		s.items = items
		for _, it := range items {
			add(it, it.icon, func() { s.Show(it.key) })
		}
		s.nav.Refresh()
		if s.Nav != nil {
			s.Nav.update()
		}
		s.installMenu()
		return
	}
	home := items[0]
	var portfolio, others []navItem
	for _, it := range items[1:] {
		if it.portfolio {
			portfolio = append(portfolio, it)
		} else {
			others = append(others, it)
		}
	}
	s.items = append(append([]navItem{home}, portfolio...), others...)
	add(home, theme.NavigateBackIcon(), func() {
		s.Viewing, s.viewFor = nil, ""
		s.rebuildNav()
		s.Show(home.key)
	})
	s.nav.Add(widget.NewSeparator())
	// The name wraps rather than widening the column (a long name moved every screen).
	name := widget.NewLabelWithStyle(s.viewFor, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Wrapping = fyne.TextWrapWord
	s.nav.Add(name)
	for _, it := range portfolio {
		add(it, it.icon, func() { s.Show(it.key) })
	}
	s.nav.Add(widget.NewSeparator())
	for _, it := range others {
		add(it, it.icon, func() { s.Show(it.key) })
	}
	s.nav.Refresh()
	if s.Nav != nil {
		s.Nav.update()
	}
	s.installMenu()
}

// navFor lists the screens the person's role uses, in the order a nurse would look for them.
func (s *Shell) navFor() []navItem {
	u := s.ss.User
	var items []navItem
	portfolio := false
	add := func(key, label string, icon fyne.Resource, build func() screen) {
		items = append(items, navItem{key, label, icon, build, portfolio})
	}
	switch u.Role {
	case model.RolePreceptor:
		add("home", "My preceptees", theme.HomeIcon(), func() screen { return newPreceptorHome(s) })
	case model.RoleLineManager:
		add("home", "Cohort", theme.HomeIcon(), func() screen { return newCohortScreen(s) })
	case model.RoleLead:
		add("home", "Cohort", theme.HomeIcon(), func() screen { return newCohortScreen(s) })
		add("programmes", "Programmes", theme.AccountIcon(), func() screen { return newPeopleScreen(s) })
	case model.RoleFacilitator:
		add("home", "Career conversations", theme.HomeIcon(), func() screen { return newFacilitatorHome(s) })
	case model.RoleAdmin:
		add("home", "People & programmes", theme.AccountIcon(), func() screen { return newPeopleScreen(s) })
	}
	if p := s.Viewing; p != nil && (u.Role == model.RolePreceptee || s.viewFor != "") {
		portfolio = true
		if model.Allowed(u, model.ViewPortfolio, p) {
			add("dashboard", "Dashboard", theme.GridIcon(), func() screen { return newDashboard(s, *p) })
			add("competencies", "Competencies", theme.ListIcon(), func() screen { return newCompetencies(s, *p) })
			add("evidence", "Evidence", theme.DocumentIcon(), func() screen { return newEvidenceScreen(s, *p) })
			add("plan", "Learning plan", theme.CheckButtonCheckedIcon(), func() screen { return newPlanScreen(s, *p) })
			add("meetings", "Meetings", theme.MailComposeIcon(), func() screen { return newMeetingsScreen(s, *p) })
			add("training", "Training & learning", theme.InfoIcon(), func() screen { return newTrainingScreen(s, *p) })
		}
		if model.Allowed(u, model.ViewCareerConversation, p) {
			add("conversations", "Career conversations", theme.ConfirmIcon(), func() screen { return newConversationsScreen(s, *p) })
		}
		if model.Allowed(u, model.ViewSupervision, p) && !model.Allowed(u, model.ViewPortfolio, p) {
			add("supervision", "Clinical supervision", theme.AccountIcon(), func() screen { return newMeetingsScreen(s, *p) })
		}
		if model.Allowed(u, model.ViewConcerns, p) {
			add("concerns", "Concerns", theme.WarningIcon(), func() screen { return newConcernsScreen(s, *p) })
		}
	}
	portfolio = false
	add("sync", "Sync", theme.ViewRefreshIcon(), func() screen { return newSyncScreen(s) })
	add("settings", "Settings", theme.SettingsIcon(), func() screen { return newSettingsScreen(s) })
	return items
}

// ScreenMinSize is the room the screen on show asks for.
func (s *Shell) ScreenMinSize() fyne.Size { return s.Screen.content().MinSize() }

// IsPortfolioScreen reports whether the entry with key is a screen of the portfolio on show.
func (s *Shell) IsPortfolioScreen(key string) bool {
	for _, it := range s.items {
		if it.key == key {
			return it.portfolio
		}
	}
	return false
}

// NavKeys are the keys of the navigation entries, in order.
func (s *Shell) NavKeys() []string {
	var keys []string
	for _, it := range s.items {
		keys = append(keys, it.key)
	}
	return keys
}

// Show switches to the screen with key, keeping any draft of the one being left.
func (s *Shell) Show(key string) {
	s.u.Idle.Touch()
	for _, it := range s.items {
		if it.key != key {
			continue
		}
		s.saveDrafts()
		s.Toasts.Hide() // a message about the screen left behind would cover the next one
		if l, ok := s.Screen.(leaver); ok {
			l.leave()
		}
		s.Current = key
		s.Screen = it.build()
		showOnly(s.body, s.Screen.content())
		for k, b := range s.NavButtons {
			b.SetSelected(k == key)
		}
		if s.Nav != nil {
			s.Nav.reveal(s.NavButtons[key]) // the screen on show is never under More
		}
		return
	}
}

// hasScreen reports whether the navigation offers the screen with key.
func (s *Shell) hasScreen(key string) bool {
	for _, it := range s.items {
		if it.key == key {
			return true
		}
	}
	return false
}

// openRecord shows the screen with key and opens the record ref on it.
func (s *Shell) openRecord(key, ref string) {
	s.Show(key)
	if o, ok := s.Screen.(opener); ok && ref != "" {
		o.openSoon(ref)
	}
}

// saveDrafts asks the screen on show to keep what is being typed.
func (s *Shell) saveDrafts() {
	if d, ok := s.Screen.(drafter); ok {
		d.saveDraft()
	}
}

func (s *Shell) resumed() { s.u.Idle.Touch() }

func (s *Shell) dropped(uris []fyne.URI) {
	if d, ok := s.Screen.(dropTarget); ok {
		d.dropped(uris)
		return
	}
	s.toast("Open an evidence item or a training record to attach files to it.")
}

// installMenu gives every action a keyboard route: the main menu's shortcuts work even
// while typing in a field.
func (s *Shell) installMenu() {
	mod := fyne.KeyModifierShortcutDefault
	item := func(label string, key fyne.KeyName, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() {
			s.u.Idle.Touch()
			// A dialog or pop-up open over the screen has the person's attention: a
			// shortcut must not change the screen (or save, or export) behind it.
			if s.u.Window.Canvas().Overlays().Top() != nil {
				return
			}
			fn()
		})
		if key != "" {
			it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		}
		return it
	}
	file := fyne.NewMenu("File",
		item("New evidence", fyne.KeyN, s.NewEvidence),
		item("Save", fyne.KeyS, s.Save),
		item("Search", fyne.KeyF, s.Search),
		item("Export…", fyne.KeyE, s.Export),
		fyne.NewMenuItemSeparator(),
		item("Switch user", "", s.u.SwitchUser),
		item("Lock", fyne.KeyL, s.u.Lock),
	)
	gomenu := fyne.NewMenu("Go")
	for i, it := range s.items {
		mi := item(it.label, "", func() { s.Show(it.key) })
		if i < 9 {
			mi.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(i + 1)), Modifier: mod}
		}
		gomenu.Items = append(gomenu.Items, mi)
	}
	s.u.Window.SetMainMenu(fyne.NewMainMenu(file, gomenu))
}

// Save saves the screen on show (Ctrl+S).
func (s *Shell) Save() {
	if sv, ok := s.Screen.(saver); ok {
		sv.save()
	}
}

// Export opens the Export dialog for the portfolio on show (Ctrl+E).
func (s *Shell) Export() {
	if c, ok := s.Screen.(*CohortScreen); ok {
		c.chooseReport()
		return
	}
	if s.Viewing == nil || !model.Allowed(s.ss.User, model.ViewPortfolio, s.Viewing) {
		s.toast("Open a preceptee's portfolio to export it.")
		return
	}
	name := s.viewFor
	if name == "" {
		name = s.ss.User.Name
	}
	s.Exporting = s.openExport(*s.Viewing, name)
}

// Search puts the cursor in the screen's search box (Ctrl+F).
func (s *Shell) Search() {
	if sr, ok := s.Screen.(searcher); ok {
		sr.focusSearch()
	}
}

// NewEvidence opens a new reflection (Ctrl+N) where the person keeps a portfolio.
func (s *Shell) NewEvidence() {
	if s.Viewing == nil || !model.Allowed(s.ss.User, model.EditPortfolio, s.Viewing) {
		return
	}
	s.Show("evidence")
	if es, ok := s.Screen.(*EvidenceScreen); ok {
		es.New(model.Reflection)
	}
}

// toast shows a short message over the bottom of the window for a few seconds.
func (s *Shell) toast(msg string) { s.Toasts.Show(msg) }

// run does slow store work off the UI goroutine, then shows the result or the error.
func (s *Shell) run(work func(ctx context.Context) error, done func()) {
	var err error
	s.u.opt.Async(func() { err = work(context.Background()) }, func() {
		if err != nil {
			s.showError(err)
			return
		}
		if done != nil {
			done()
		}
	})
}

// afterLayout runs f on the UI goroutine's next turn, after the layout under way.
func (s *Shell) afterLayout(f func()) { s.u.opt.Later(0, f) }

func (s *Shell) showError(err error) {
	s.toast(sentence(err))
}

// activityCatcher lies under the screen: pointer movement over the window counts as
// activity for the idle lock. Typing and taps are counted by the screens themselves.
type activityCatcher struct {
	widget.BaseWidget
	touch func()
}

func newActivityCatcher(touch func()) *activityCatcher {
	a := &activityCatcher{touch: touch}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activityCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(col(theme.ColorNameBackground)))
}
func (a *activityCatcher) MouseIn(*desktop.MouseEvent)    { a.touch() }
func (a *activityCatcher) MouseMoved(*desktop.MouseEvent) { a.touch() }
func (a *activityCatcher) MouseOut()                      {}
