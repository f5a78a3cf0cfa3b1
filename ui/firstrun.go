package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/assets"
	"pursuit/model"
	"pursuit/model/framework"
	"pursuit/model/sqlite"
	pursuitsync "pursuit/sync"
	"pursuit/sync/share"
)

// FirstRun is the set-up of a new installation, in three short steps: the administrator's
// account, the competency framework, and (optionally) the shared network folder.
type FirstRun struct {
	Content fyne.CanvasObject
	Step    int // 0, 1 or 2

	Name, Username, Password, Repeat *Field
	Framework                        *widget.RadioGroup // keep the built-in one, or import
	File                             *setupFramework
	ShareDir                         *Field
	Browse                           *Button
	Back, Next                       *Button // on the last step Next is "Set up Pursuit"
	Message                          *widget.Label

	// Joining a Trust that already uses Pursuit: its accounts, programmes and frameworks
	// come from the shared folder instead of a new administrator.
	JoinDir     *Field
	JoinBrowse  *Button
	Join        *Button
	JoinMessage *widget.Label
	Asked       *Question // the question open over the welcome screen, for tests
	// Or restoring this PC from a backup, with its progress.
	Restore         *Button
	RestoreProgress *widget.ProgressBar

	u          *App
	builtIn    model.FrameworkSet
	builtInErr error
	steps      []fyne.CanvasObject
	stepper    *fyne.Container
	body       *fyne.Container
	fileBox    *fyne.Container
}

// Options of the framework step.
func (f *FirstRun) keepOption() string {
	if f.builtInErr != nil {
		return "Keep Pursuit's built-in framework"
	}
	return fmt.Sprintf("Keep Pursuit's built-in framework (%d competencies)", len(f.builtIn.Competencies))
}

const firstRunImportOption = "Import the Trust's own framework file…"

var firstRunStepNames = []string{"Administrator", "Framework", "Shared folder"}

func newFirstRun(u *App) *FirstRun {
	f := &FirstRun{u: u, Name: newField(), Username: newField(), Password: newPasswordField(),
		Repeat: newPasswordField(), ShareDir: newField(), Message: errorText()}
	f.builtIn, f.builtInErr = framework.ParseJSON(assets.DefaultFramework(), "default.json")

	// Step 1: the administrator.
	f.Name.SetPlaceHolder("For example, Jo Bloggs")
	f.Username.SetPlaceHolder("For example, jo.bloggs")
	f.Password.SetPlaceHolder(fmt.Sprintf("At least %d characters", model.MinPasswordLen))
	f.Repeat.SetPlaceHolder("The same password again")
	for _, e := range []*Field{f.Name, f.Username, f.Password, f.Repeat} {
		e.OnSubmitted = func(string) { f.next() }
	}
	admin := container.NewVBox(
		wrapped("The administrator adds everyone's accounts and starts each preceptee's programme, but sees no one's portfolio."),
		fieldLabel("Full name"), f.Name,
		fieldLabel("Username"), f.Username,
		fieldLabel("Password"), f.Password,
		note("A short phrase is easy to remember and hard to guess."),
		fieldLabel("Repeat the password"), f.Repeat)

	// Step 2: the framework.
	builtInNote := note("The built-in framework is for nurses, midwives and allied health professionals (AHPs), each competency marked \"must\", \"should\" or \"could\".")
	f.File = newSetupFramework(u.Window, u.opt.Async, func() { f.Message.SetText("") })
	f.Framework = widget.NewRadioGroup([]string{f.keepOption(), firstRunImportOption}, func(choice string) {
		f.Message.SetText("")
		if choice == firstRunImportOption {
			f.fileBox.Show()
			builtInNote.Hide()
		} else {
			f.fileBox.Hide()
			builtInNote.Show()
		}
	})
	f.Framework.Required = true
	f.fileBox = container.NewVBox(f.File.Box)
	f.fileBox.Hide()
	f.Framework.SetSelected(f.keepOption())
	frameworkStep := container.NewVBox(
		wrapped("Competencies are what each preceptee works through and their preceptor signs off. Pursuit comes with a framework built on the Trust's handbook; if the Trust keeps its own (a Pursuit file, or a Moodle competency framework exported as CSV), import it instead."),
		f.Framework, builtInNote, f.fileBox,
		note("A newer version of a framework can be imported later in Settings: everyone's progress and evidence are kept."))

	// Step 3: the shared folder.
	f.ShareDir.SetPlaceHolder(`For example, \\trust-files\preceptorship\pursuit`)
	f.ShareDir.OnSubmitted = func(string) { f.next() }
	f.Browse = newButtonWithIcon("Choose…", theme.FolderOpenIcon(), func() {
		chooseShareFolder(u.Window, func(path string) { f.ShareDir.SetText(path) })
	})
	shareStep := container.NewVBox(
		wrapped("Pursuit keeps everything on this PC, so it works with no network at all. A shared network folder will let the ward PCs and the preceptors' laptops exchange their changes."),
		fieldLabel("Shared network folder (optional)"),
		container.NewBorder(nil, nil, nil, f.Browse, f.ShareDir),
		note("Pursuit exchanges changes with the other PCs through this folder. You can leave it empty and choose it later in Settings; a new, empty folder is set up there once."))

	f.steps = []fyne.CanvasObject{admin, frameworkStep, shareStep}
	f.stepper = container.NewHBox()
	f.body = container.NewStack()
	f.Back = newButtonWithIcon("Back", theme.NavigateBackIcon(), f.back)
	f.Next = newButtonWithIcon("Next", theme.NavigateNextIcon(), f.next)
	f.Next.Importance = widget.HighImportance
	f.Next.IconPlacement = widget.ButtonIconTrailingText

	title := heading("Welcome to Pursuit", 28)
	intro := wrapped("Three short steps to get this PC ready for the Trust's preceptorship programme.")
	buttons := container.NewBorder(nil, nil, f.Back, f.Next)
	form := container.NewVBox(title, f.joinCard(), intro, f.stepper, widget.NewSeparator(), f.body, f.Message, buttons)
	right := container.NewStack(canvas.NewRectangle(col(colorSurface)),
		container.NewVScroll(container.NewCenter(container.New(&fixedWidth{500}, container.NewPadded(container.NewPadded(form))))))
	// The window shows this after it is built: the first field takes the focus then.
	focus := firstRunFocuser(u.Window.Canvas(), f.Name)
	f.Content = container.NewGridWithColumns(2, brandPanel(), container.NewStack(right, focus))
	f.show(0)
	return f
}

// show moves to a step.
func (f *FirstRun) show(step int) {
	f.Step = step
	f.body.Objects = []fyne.CanvasObject{f.steps[step]} // built before: refreshed in case the theme changed
	f.body.Refresh()
	f.stepper.Objects = nil
	for i, name := range firstRunStepNames {
		if i > 0 {
			f.stepper.Add(container.NewCenter(container.New(&fixedSize{fyne.NewSize(12, 2)}, canvas.NewRectangle(col(colorBorder)))))
		}
		f.stepper.Add(firstRunStepChip(i+1, name, i == step, i < step))
	}
	f.stepper.Refresh()
	if step == 0 {
		f.Back.Hide()
	} else {
		f.Back.Show()
	}
	if step == len(f.steps)-1 {
		f.Next.SetText("Set up Pursuit")
		f.Next.SetIcon(theme.ConfirmIcon())
	} else {
		f.Next.SetText("Next")
		f.Next.SetIcon(theme.NavigateNextIcon())
	}
	c := f.u.Window.Canvas()
	switch step {
	case 0:
		c.Focus(f.Name)
	case 1:
		c.Focus(nil)
	case 2:
		c.Focus(f.ShareDir)
	}
}

// firstRunStepChip is a numbered circle with the step's name: blue when current or done.
func firstRunStepChip(n int, name string, current, done bool) fyne.CanvasObject {
	fill, fg := col(colorBorder), col(theme.ColorNameForeground)
	label := fmt.Sprint(n)
	if current || done {
		fill, fg = NHSBlue, White
	}
	if done {
		label = "✓"
	}
	num := canvas.NewText(label, fg)
	num.TextStyle.Bold = true
	num.Alignment = fyne.TextAlignCenter
	circle := container.New(&fixedSize{fyne.NewSize(26, 26)}, canvas.NewCircle(fill))
	badge := container.NewStack(circle, container.NewCenter(num))
	text := widget.NewLabel(name)
	if current {
		text.TextStyle.Bold = true
	} else {
		text.Importance = widget.LowImportance
	}
	return container.NewHBox(container.NewCenter(badge), text)
}

func (f *FirstRun) back() {
	f.u.Idle.Touch()
	f.Message.SetText("")
	if f.Step > 0 {
		f.show(f.Step - 1)
	}
}

// next checks the step (with the model's own rules) and moves on; the last step sets up.
func (f *FirstRun) next() {
	f.u.Idle.Touch()
	f.Message.SetText("")
	switch f.Step {
	case 0:
		if msg := f.checkAdmin(); msg != "" {
			f.Message.SetText(msg)
			return
		}
	case 1:
		if _, msg := f.chosenFramework(); msg != "" {
			f.Message.SetText(msg)
			return
		}
	case 2:
		f.submit()
		return
	}
	f.show(f.Step + 1)
}

// checkAdmin says what is wrong with the administrator's details, if anything.
func (f *FirstRun) checkAdmin() string {
	u := model.User{Username: model.NormaliseUsername(f.Username.Text), Name: strings.TrimSpace(f.Name.Text), Role: model.RoleAdmin}
	if err := model.ValidateUser(u); err != nil {
		return sentence(err)
	}
	if f.Password.Text != f.Repeat.Text {
		return "The two passwords are not the same. Type them again."
	}
	if err := model.CheckPassword(u.Username, f.Password.Text); err != nil {
		return sentence(err)
	}
	return ""
}

// chosenFramework is the framework to import, or a message saying what is missing.
func (f *FirstRun) chosenFramework() (model.FrameworkSet, string) {
	if f.Framework.Selected == firstRunImportOption {
		if f.File.Set == nil {
			if f.File.data != nil && f.File.Error.Text != "" {
				return model.FrameworkSet{}, "The chosen file cannot be imported (see above). Choose another, or keep the built-in framework."
			}
			if f.File.data != nil {
				return model.FrameworkSet{}, "Choose the level to give every competency in the Moodle file."
			}
			return model.FrameworkSet{}, "Choose the Trust's framework file, or keep the built-in framework."
		}
		return *f.File.Set, ""
	}
	if f.builtInErr != nil {
		return model.FrameworkSet{}, "The built-in framework cannot be read (" + f.builtInErr.Error() + "). Import the Trust's own framework file instead."
	}
	return f.builtIn, ""
}

// submit creates the administrator, imports the framework, remembers the shared folder and
// signs the administrator in.
func (f *FirstRun) submit() {
	if msg := f.checkAdmin(); msg != "" {
		f.show(0)
		f.Message.SetText(msg)
		return
	}
	set, msg := f.chosenFramework()
	if msg != "" {
		f.show(1)
		f.Message.SetText(msg)
		return
	}
	username, name, password := f.Username.Text, strings.TrimSpace(f.Name.Text), f.Password.Text
	shareDir := strings.TrimSpace(f.ShareDir.Text)
	f.Next.Disable()
	f.Back.Disable()
	f.Next.SetText("Setting up…")
	var ss *sqlite.Session
	var err, later error
	f.u.opt.Async(func() {
		ctx := context.Background()
		if ss, err = f.u.st.CreateFirstAdmin(ctx, username, name, password); err != nil {
			return
		}
		// The account exists now: anything that fails from here is finished in Settings.
		if _, ierr := ss.ImportFramework(ctx, set); ierr != nil {
			later = fmt.Errorf("the framework was not imported (%v); import it in Settings", ierr)
		}
		if shareDir != "" {
			if merr := f.u.st.SetShareFolder(ctx, shareDir); merr != nil && later == nil {
				later = fmt.Errorf("the shared folder was not saved (%v); choose it again in Settings", merr)
			}
			// The first PC of a Trust sets the folder up; one already in use is simply joined.
			if cerr := pursuitsync.CheckFolder(ctx, shareDir); cerr != nil && !errors.Is(cerr, share.ErrBadFormat) && !errors.Is(cerr, share.ErrNewerFormat) {
				if ierr := pursuitsync.SetUpFolder(ctx, shareDir, ss); ierr != nil && later == nil {
					later = fmt.Errorf("the shared folder could not be set up (%v); try again in Settings when it can be reached", ierr)
				}
			}
		}
	}, func() {
		f.Next.Enable()
		f.Back.Enable()
		f.Next.SetText("Set up Pursuit")
		if err != nil {
			f.show(0)
			f.Message.SetText(sentence(err))
			return
		}
		f.u.FirstRun = nil
		if shareDir != "" && f.u.opt.Sync != nil {
			f.u.opt.Sync.Start(shareDir)
		}
		f.u.enter(ss)
		if later != nil && f.u.Shell != nil {
			f.u.Shell.toast(sentence(later))
		}
	})
}

// joinCard offers the other way in: a PC joining a Trust where Pursuit is already in use.
func (f *FirstRun) joinCard() fyne.CanvasObject {
	f.JoinDir = newField()
	f.JoinDir.SetPlaceHolder(`For example, P:\pursuit`)
	f.JoinDir.OnSubmitted = func(string) { f.join() }
	f.JoinBrowse = newButtonWithIcon("Choose…", theme.FolderOpenIcon(), func() {
		chooseShareFolder(f.u.Window, func(path string) { f.JoinDir.SetText(path) })
	})
	f.Join = newButtonWithIcon("Join", theme.LoginIcon(), f.join)
	f.JoinMessage = wrapped("")
	f.JoinMessage.Hide()
	f.Restore = newButtonWithIcon("Restore from a backup…", theme.HistoryIcon(), f.chooseBackup)
	f.RestoreProgress = widget.NewProgressBar()
	f.RestoreProgress.Hide()
	return card("Already using Pursuit in your Trust?", container.NewVBox(
		wrapped("Join through the Trust's shared folder: everyone's accounts and programmes come from there, and you sign in with your own account. No new administrator is needed."),
		container.NewBorder(nil, nil, nil, container.NewHBox(f.JoinBrowse, f.Join), f.JoinDir),
		container.NewHBox(f.Restore), f.RestoreProgress,
		f.JoinMessage))
}

func (f *FirstRun) chooseBackup() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		f.RestoreFrom(filepath.FromSlash(r.URI().Path()))
	}, f.u.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".zip"}))
	showFileDialog(d, f.u.Window)
}

// RestoreFrom fills this new PC from a backup file made with "Back up now" or pursuit backup,
// then shows the sign-in. Every file is checked before anything is used.
func (f *FirstRun) RestoreFrom(path string) {
	f.Restore.Disable()
	f.Join.Disable()
	f.Next.Disable()
	f.RestoreProgress.SetValue(0)
	f.RestoreProgress.Show()
	f.joinSay("Checking and restoring "+filepath.Base(path)+"…", true)
	var err error
	f.u.opt.Async(func() {
		var file *os.File
		if file, err = os.Open(path); err != nil {
			return
		}
		defer file.Close()
		var info os.FileInfo
		if info, err = file.Stat(); err != nil {
			return
		}
		var b *sqlite.BackupFile
		if b, err = sqlite.ReadBackup(file, info.Size()); err != nil {
			return
		}
		_, err = f.u.st.RestoreEmpty(context.Background(), b, func(done, total int) {
			fyne.Do(func() { f.RestoreProgress.SetValue(float64(done) / float64(total)) })
		})
	}, func() {
		f.Restore.Enable()
		f.Join.Enable()
		f.Next.Enable()
		f.RestoreProgress.Hide()
		if err != nil {
			f.joinSay("Not restored: "+sentence(err), false)
			return
		}
		f.u.applySettings()
		if dir, _ := f.u.st.ShareFolder(context.Background()); dir != "" && f.u.opt.Sync != nil {
			f.u.opt.Sync.Start(dir)
		}
		f.u.FirstRun = nil
		f.u.showSignIn("")
		f.u.SignIn.Tell("Restored from the backup. This PC now syncs as a new device. Sign in with your own account.")
	})
}

// join first shows the folder's administrator key for a person to compare with the one
// the Trust published (unless the Trust's settings for this PC name it), then reads
// everything from the folder and, once the accounts are here, shows the sign-in.
func (f *FirstRun) join() {
	dir := strings.TrimSpace(f.JoinDir.Text)
	if dir == "" {
		f.joinSay("Type or choose the shared folder first.", false)
		return
	}
	f.joinBusy(true)
	f.joinSay("Looking at the shared folder…", true)
	var named model.TrustRoot
	var trust sqlite.RootTrust
	var err error
	f.u.opt.Async(func() {
		ctx := context.Background()
		if err = pursuitsync.CheckFolder(ctx, dir); err != nil {
			return
		}
		if named, err = pursuitsync.FolderRoot(ctx, dir); err != nil {
			return
		}
		trust, err = f.u.st.RootTrust(ctx)
	}, func() {
		f.joinBusy(false)
		switch {
		case err != nil:
			f.joinFailed(err)
		case trust.Want() != "":
			f.joinFrom(dir, "") // the Trust's settings (or an earlier confirmation) decide
		case named.Protected():
			f.joinSay("", true)
			f.ask("Check the folder's key", "This folder is protected by an administrator's key with the fingerprint\n\n"+named.Fingerprint()+
				"\n\nCompare it with the fingerprint the Trust's IT published. Join only if every digit is the same: a folder with another key could hold forged sign-offs.",
				"The same: join", func() { f.joinFrom(dir, named.Fingerprint()) })
		default:
			f.joinSay("", true)
			f.ask("This folder is not protected", "This folder was set up without an administrator's key, so nothing arriving through it can be checked: anyone who can write to it could forge a sign-off, and this PC would believe it. Ask IT whether the Trust has a protected folder before joining this one.",
				"Join all the same", func() { f.joinFrom(dir, "") })
		}
	})
}

// joinFrom reads everything from the folder, first confirming its key's fingerprint when
// the person compared it.
func (f *FirstRun) joinFrom(dir, confirmed string) {
	f.joinBusy(true)
	f.joinSay("Reading the shared folder… (the first time can take a minute)", true)
	var rep pursuitsync.Report
	var err error
	var has bool
	f.u.opt.Async(func() {
		ctx := context.Background()
		if confirmed != "" {
			if err = f.u.st.ConfirmTrustRoot(ctx, confirmed, "the person who joined this PC"); err != nil {
				return
			}
		}
		e := pursuitsync.ForFolder(f.u.st, dir, 15*time.Second, f.u.opt.Now, nil)
		if rep, err = e.Pass(ctx); err != nil {
			return
		}
		if has, err = f.u.st.HasUsers(ctx); err == nil && has {
			err = f.u.st.SetShareFolder(ctx, dir)
		}
	}, func() {
		f.joinBusy(false)
		switch {
		case err != nil:
			f.joinFailed(err)
		case !has:
			f.joinSay("The shared folder holds no accounts yet: the Trust's first PC has not synced. Try again later.", false)
		default:
			if f.u.opt.Sync != nil {
				f.u.opt.Sync.Start(dir)
			}
			f.u.FirstRun = nil
			f.u.showSignIn("")
			f.u.SignIn.Tell(fmt.Sprintf("Joined: %d changes received from the shared folder. Sign in with your own account.", rep.Applied))
		}
	})
}

func (f *FirstRun) joinBusy(busy bool) {
	for _, b := range []*Button{f.Join, f.Restore, f.Next} {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

func (f *FirstRun) joinFailed(err error) {
	switch {
	case errors.Is(err, share.ErrNotFormatted):
		f.joinSay("Pursuit has not been set up in that folder yet. If this is the Trust's first PC, use the steps below and choose the folder in step 3.", false)
	case errors.Is(err, share.ErrUnreachable):
		f.joinSay("That folder cannot be reached (or is empty). Check the path and the network, then try again.", false)
	case errors.Is(err, model.ErrRootMissing), errors.Is(err, model.ErrRootChanged):
		f.joinSay("Not joined: "+sentence(err)+" Tell IT: nothing was taken from the folder.", false)
	default:
		f.joinSay(sentence(err), false)
	}
}

// ask puts a yes/no question over the welcome screen (the Shell's confirm, before anyone
// has signed in).
func (f *FirstRun) ask(title, message, action string, yes func()) {
	f.Asked = askQuestion(f.u.Window, title, message, action, yes)
}

func (f *FirstRun) joinSay(text string, ok bool) {
	f.JoinMessage.Importance = widget.DangerImportance
	if ok {
		f.JoinMessage.Importance = widget.MediumImportance
	}
	f.JoinMessage.SetText(text)
	f.JoinMessage.Hidden = text == ""
	f.JoinMessage.Refresh()
}

// chooseShareFolder opens the folder dialog and reports the chosen folder's path.
func chooseShareFolder(win fyne.Window, chosen func(path string)) {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		chosen(filepath.FromSlash(l.Path()))
	}, win)
	showFileDialog(d, win)
}

// setupFramework lets an administrator choose a framework file — Pursuit's own JSON or a
// Moodle competency framework exported as CSV, for which it asks the level to give every
// competency — and shows what the file holds or, line by line, what is wrong with it.
type setupFramework struct {
	Choose *Button
	Level  *Select
	Info   *widget.Label
	Error  *widget.Label
	Set    *model.FrameworkSet // the parsed file, ready to import; nil until one is
	Box    *fyne.Container

	win      fyne.Window
	async    func(work, done func())
	changed  func()
	name     string
	data     []byte
	levelRow *fyne.Container
}

var setupLevelLabels = []string{"Must", "Should", "Could"}

func newSetupFramework(win fyne.Window, async func(work, done func()), changed func()) *setupFramework {
	f := &setupFramework{win: win, async: async, changed: changed, Info: wrapped(""), Error: errorText()}
	f.Choose = newButtonWithIcon("Choose a framework file…", theme.FolderOpenIcon(), f.open)
	f.Level = newSelect(setupLevelLabels, func(string) { f.parse() })
	f.Level.PlaceHolder = "Choose a level"
	f.levelRow = container.NewVBox(fieldLabel("Level for every competency"),
		note("Moodle has no must, should or could: choose one for every competency (single ones can be changed later)."),
		container.NewHBox(f.Level))
	f.levelRow.Hide()
	f.Box = container.NewVBox(container.NewHBox(f.Choose), f.Info, f.Error, f.levelRow)
	f.say("", "")
	return f
}

func (f *setupFramework) open() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			f.say("", sentence(err))
			return
		}
		if r == nil {
			return
		}
		name := r.URI().Name()
		var data []byte
		var rerr error
		f.async(func() {
			defer r.Close()
			data, rerr = io.ReadAll(io.LimitReader(r, framework.MaxFileSize+1))
		}, func() {
			if rerr != nil {
				f.Set = nil
				f.say("", sentence(fmt.Errorf("%s could not be read: %w", name, rerr)))
				return
			}
			f.Load(name, data)
		})
	}, f.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".csv", ".txt"}))
	if home, err := os.UserHomeDir(); err == nil {
		if l, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			d.SetLocation(l)
		}
	}
	showFileDialog(d, f.win)
}

// Load reads a chosen file (the file dialog calls it; tests call it directly).
func (f *setupFramework) Load(name string, data []byte) {
	f.name, f.data = name, data
	f.Level.Selected = "" // a new file: ask again
	f.Level.Refresh()
	f.parse()
}

func (f *setupFramework) parse() {
	if f.data == nil {
		return
	}
	name, data := f.name, f.data
	level := model.Level(strings.ToLower(f.Level.Selected))
	var set model.FrameworkSet
	var err error
	f.async(func() {
		set, err = framework.Parse(data, name, framework.MoodleOptions{DefaultLevel: level})
	}, func() {
		f.Set = nil
		if framework.IsJSON(data, name) {
			f.levelRow.Hide()
		} else {
			f.levelRow.Show()
		}
		switch {
		case errors.Is(err, framework.ErrLevelNeeded):
			f.say(name+" is a Moodle competency framework.", "")
		case err != nil:
			f.say("", setupFrameworkError(name, err))
		default:
			f.Set = &set
			f.say(setupFrameworkSummary(name, set), "")
		}
		if f.changed != nil {
			f.changed()
		}
	})
}

// say shows what the file holds, or what is wrong with it; empty lines take no room.
func (f *setupFramework) say(info, problem string) {
	for _, l := range []struct {
		label *widget.Label
		text  string
	}{{f.Info, info}, {f.Error, problem}} {
		l.label.SetText(l.text)
		if l.text == "" {
			l.label.Hide()
		} else {
			l.label.Show()
		}
	}
}

// Clear forgets the chosen file.
func (f *setupFramework) Clear() {
	f.Set, f.name, f.data = nil, "", nil
	f.levelRow.Hide()
	f.say("", "")
}

// setupFrameworkSummary says what a framework file holds.
func setupFrameworkSummary(name string, set model.FrameworkSet) string {
	n := map[model.Level]int{}
	for _, c := range set.Competencies {
		n[c.Level]++
	}
	what := set.Framework.Name
	if set.Framework.Version != framework.DefaultMoodleVersion {
		what += ", version " + set.Framework.Version
	}
	return fmt.Sprintf("%s: %s — %d competencies (%d must, %d should, %d could).", name, what,
		len(set.Competencies), n[model.Must], n[model.Should], n[model.Could])
}

// setupFrameworkError puts where the problem is first: the line (and column) of the file.
func setupFrameworkError(name string, err error) string {
	var ie *framework.ImportError
	if !errors.As(err, &ie) {
		return sentence(fmt.Errorf("%s cannot be imported: %w", name, err))
	}
	where := name + " cannot be imported"
	if ie.Line > 0 {
		where = fmt.Sprintf("Line %d of %s", ie.Line, name)
		if ie.Column > 0 {
			where = fmt.Sprintf("Line %d, column %d of %s", ie.Line, ie.Column, name)
		}
	}
	if ie.Field != "" {
		where += fmt.Sprintf(" (%s)", ie.Field)
	}
	return sentence(fmt.Errorf("%s: %s", where, ie.Msg))
}

// firstRunFocuser puts the cursor in a field once the window first paints the set-up: focus
// given before the window has its content is lost. It is an invisible one-pixel raster
// whose first drawing queues the focus for after the frame.
func firstRunFocuser(c fyne.Canvas, target fyne.Focusable) fyne.CanvasObject {
	done := false
	r := canvas.NewRasterWithPixels(func(_, _, _, _ int) color.Color {
		if !done {
			done = true
			go fyne.Do(func() {
				if c.Focused() == nil {
					c.Focus(target)
				}
			})
		}
		return color.Transparent
	})
	return container.New(&fixedSize{fyne.NewSize(1, 1)}, r)
}
