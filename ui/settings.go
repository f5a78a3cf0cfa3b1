package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/model/sqlite"
	pursuitsync "pursuit/sync"
	"pursuit/sync/share"
)

// SettingsScreen holds this PC's settings (shared folder, idle lock, look), the person's
// own password, the framework import for those who may import, and what Pursuit is.
type SettingsScreen struct {
	s *Shell

	ShareDir     *Field
	ShareBrowse  *Button
	ShareSave    *Button
	ShareMessage *widget.Label
	ShareSetUp   *Button
	Root         *rootConfirm // the folder's administrator key
	SyncLog      *fyne.Container

	IdleMinutes *Select
	Theme       *Select
	TextSize    *Select
	LookMessage *widget.Label

	OldPassword, NewPassword, RepeatPassword *Field
	ChangePassword                           *Button
	PasswordMessage                          *widget.Label

	Framework     *setupFramework // nil for roles that cannot import
	Import        *Button
	ImportMessage *widget.Label
	Frameworks    *fyne.Container
	About         *fyne.Container

	// Backup is for administrators only: the file holds everyone's records. Nil otherwise.
	BackupNow      *Button
	BackupProgress *widget.ProgressBar
	BackupMessage  *widget.Label
	BackupSaved    string // the file last written, for tests

	savedShare string
	root       fyne.CanvasObject
}

// The choices offered, with what is stored for each.
var (
	settingsIdleLabels  = []string{"5 minutes", "10 minutes", "15 minutes", "30 minutes", "Never"}
	settingsIdleMinutes = []int{5, 10, 15, 30, 0}
	settingsThemeLabels = []string{"Light", "Dark", "High contrast"}
	settingsThemeValues = []string{ThemeLight, ThemeDark, ThemeContrast}
	settingsSizeLabels  = []string{"100%", "115%", "130%", "150%"}
	settingsSizeValues  = []string{"1", "1.15", "1.3", "1.5"}
)

// settingsLicences are the licences of what ships inside Pursuit.
var settingsLicences = [][2]string{
	{"Noto Sans (fonts)", "SIL Open Font License 1.1"},
	{"Fyne (window toolkit)", "BSD-3-Clause"},
	{"go-sqlite3", "MIT"},
	{"SQLite", "Public domain"},
	{"fpdf (PDF)", "MIT"},
	{"google/uuid", "BSD-3-Clause"},
	{"fsnotify (watching the shared folder)", "BSD-3-Clause"},
	{"golang.org/x/crypto (password hashing)", "BSD-3-Clause"},
}

func newSettingsScreen(s *Shell) *SettingsScreen {
	x := &SettingsScreen{s: s, ShareDir: newField(), ShareMessage: errorText(), LookMessage: errorText(),
		OldPassword: newPasswordField(), NewPassword: newPasswordField(), RepeatPassword: newPasswordField(),
		PasswordMessage: errorText(), Frameworks: container.NewVBox(), About: container.NewVBox()}

	// This PC: look and lock. The selects act once the stored values are shown.
	x.IdleMinutes = newSelect(settingsIdleLabels, nil)
	x.Theme = newSelect(settingsThemeLabels, nil)
	x.TextSize = newSelect(settingsSizeLabels, nil)
	look := container.NewVBox(
		settingsRow("Colours", x.Theme),
		settingsRow("Text size", x.TextSize),
		settingsRow("Lock the screen after", x.IdleMinutes),
		note("After that long with nothing typed or clicked, Pursuit hides everything until the person signs in again; nothing typed is lost. These settings are for this PC, for everyone who uses it."),
		x.LookMessage)

	// The shared folder.
	x.Root = newRootConfirm(x.confirmRoot)
	x.ShareDir.SetPlaceHolder(`For example, \\trust-files\preceptorship\pursuit`)
	x.ShareDir.OnChanged = func(string) { s.u.Idle.Touch() }
	x.ShareDir.OnSubmitted = func(string) { x.saveShare() }
	x.ShareBrowse = newButtonWithIcon("Choose…", theme.FolderOpenIcon(), func() {
		chooseShareFolder(s.u.Window, func(path string) { x.ShareDir.SetText(path) })
	})
	x.ShareSave = newButtonWithIcon("Save folder", theme.DocumentSaveIcon(), x.saveShare)
	x.ShareSetUp = newButtonWithIcon("Set up this folder for Pursuit", theme.FolderNewIcon(), x.setUpShare)
	x.ShareSetUp.Importance = widget.HighImportance
	x.ShareSetUp.Hide()
	share := container.NewVBox(
		wrapped("The network folder (a mapped drive such as P:\\Pursuit, or \\\\server\\share\\Pursuit) through which this PC exchanges changes with the other ward PCs and the preceptors' laptops."),
		container.NewBorder(nil, nil, nil, x.ShareBrowse, x.ShareDir),
		flow(x.ShareSave, x.ShareSetUp),
		note("Pursuit syncs with this folder when it starts, every minute or so, a few seconds after each save, and before it closes. Your data stays on this PC; the folder carries only the changes."),
		x.ShareMessage, x.Root.content())
	x.SyncLog = container.NewVBox()

	// The person's own password.
	x.OldPassword.SetPlaceHolder("Your current password")
	x.NewPassword.SetPlaceHolder(fmt.Sprintf("At least %d characters", model.MinPasswordLen))
	x.RepeatPassword.SetPlaceHolder("The new password again")
	x.RepeatPassword.OnSubmitted = func(string) { x.changePassword() }
	x.ChangePassword = newButtonWithIcon("Change password", theme.ConfirmIcon(), x.changePassword)
	password := container.NewVBox(
		fieldLabel("Current password"), x.OldPassword,
		fieldLabel("New password"), x.NewPassword,
		fieldLabel("Repeat the new password"), x.RepeatPassword,
		x.PasswordMessage, container.NewHBox(x.ChangePassword))

	left := container.NewVBox(card("Look and lock", look), card("Change your password", password), card("Shared network folder", share))
	right := container.NewVBox()
	if model.Allowed(s.ss.User, model.ImportFramework, nil) {
		x.Framework = newSetupFramework(s.u.Window, s.u.opt.Async, x.fileChosen)
		x.Framework.Choose.SetText("Choose a framework file…")
		x.Import = newButtonWithIcon("Import", theme.UploadIcon(), x.importFramework)
		x.Import.Importance = widget.HighImportance
		x.Import.Disable()
		x.ImportMessage = wrapped("")
		fw := container.NewVBox(x.Frameworks, widget.NewSeparator(),
			subheading("Import a framework"),
			wrapped("A Pursuit framework file (.json) or a Moodle competency framework exported as CSV. Importing a newer version of a framework updates the wording, adds new competencies and retires dropped ones; everyone's progress and evidence are kept."),
			x.Framework.Box, container.NewHBox(x.Import), x.ImportMessage)
		right.Add(card("Competency frameworks", fw))
	}
	if s.ss.CanBackUp() {
		right.Add(card("Backup", x.newBackupCard()))
	}
	right.Add(card("Sync log", x.SyncLog))
	right.Add(card("About Pursuit", x.About))

	for _, l := range []*widget.Label{x.LookMessage, x.ShareMessage, x.PasswordMessage, x.ImportMessage, x.BackupMessage} {
		if l != nil {
			l.Hide()
		}
	}
	title := pageTitle("Settings", "How Pursuit looks and locks on this PC, your password, and about Pursuit.")
	x.root = container.NewBorder(title, nil, nil, nil, container.NewVScroll(columns(left, right)))
	x.load()
	return x
}

func (x *SettingsScreen) content() fyne.CanvasObject { return x.root }

// save (Ctrl+S) saves whatever has been typed: a new password, or the shared folder.
func (x *SettingsScreen) save() {
	if x.OldPassword.Text != "" || x.NewPassword.Text != "" {
		x.changePassword()
		return
	}
	x.saveShare()
}

// settingsRow is a caption beside a select.
func settingsRow(caption string, sel *Select) fyne.CanvasObject {
	return container.NewBorder(nil, nil, container.New(&fixedWidth{scaled(200)}, fieldLabel(caption)), nil, sel)
}

// settingsSay shows a result under a form: green when it worked, red when it did not.
func settingsSay(l *widget.Label, text string, ok bool) {
	l.Importance = widget.DangerImportance
	if ok {
		l.Importance = widget.SuccessImportance
	}
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// settingsAsync runs store work off the UI goroutine and shows its error next to the form.
func (x *SettingsScreen) settingsAsync(msg *widget.Label, work func(ctx context.Context) error, done func()) {
	var err error
	x.s.u.opt.Async(func() { err = work(context.Background()) }, func() {
		if err != nil {
			settingsSay(msg, sentence(err), false)
			return
		}
		done()
	})
}

// settingsAbout is what the About card shows.
type settingsAbout struct {
	share, idle, theme, scale string
	root                      sqlite.RootTrust
	rootName                  string
	dbSize                    int64
	dbErr                     error
	frameworks                []model.Framework
	counts                    map[string][2]int // active, retired
}

func (x *SettingsScreen) load() {
	s := x.s
	var a settingsAbout
	canImport := x.Framework != nil
	x.settingsAsync(x.LookMessage, func(ctx context.Context) (err error) {
		if a.share, err = s.u.st.ShareFolder(ctx); err != nil {
			return err
		}
		if a.root, a.rootName, err = loadRoot(ctx, s); err != nil {
			return err
		}
		if a.idle, err = s.u.st.Meta(ctx, metaIdleMinutes); err != nil {
			return err
		}
		if a.theme, err = s.u.st.Meta(ctx, metaTheme); err != nil {
			return err
		}
		if a.scale, err = s.u.st.Meta(ctx, metaTextScale); err != nil {
			return err
		}
		if info, serr := os.Stat(filepath.Join(s.u.st.Dir(), sqlite.DatabaseFile)); serr == nil {
			a.dbSize = info.Size()
		} else {
			a.dbErr = serr
		}
		if !canImport {
			return nil
		}
		return x.loadFrameworks(ctx, &a)
	}, func() {
		x.savedShare = a.share
		x.ShareDir.SetText(a.share)
		x.Root.show(a.root, a.rootName)
		x.showSyncLog()
		x.showLook(a)
		x.showFrameworks(a)
		x.showAbout(a)
	})
}

func (x *SettingsScreen) loadFrameworks(ctx context.Context, a *settingsAbout) (err error) {
	if a.frameworks, err = x.s.u.st.Frameworks(ctx); err != nil {
		return err
	}
	a.counts = map[string][2]int{}
	for _, fw := range a.frameworks {
		cs, err := x.s.u.st.FrameworkCompetencies(ctx, fw.ID)
		if err != nil {
			return err
		}
		var n [2]int
		for _, c := range cs {
			if c.Retired {
				n[1]++
			} else {
				n[0]++
			}
		}
		a.counts[fw.ID] = n
	}
	return nil
}

// showLook selects the stored values, then lets the selects act on changes.
func (x *SettingsScreen) showLook(a settingsAbout) {
	mins := int(x.s.u.Idle.Timeout / time.Minute)
	if a.idle != "" {
		if m, err := strconv.Atoi(a.idle); err == nil {
			mins = m
		}
	}
	for i, m := range settingsIdleMinutes {
		if m == mins {
			x.IdleMinutes.SetSelectedIndex(i)
		}
	}
	x.Theme.SetSelectedIndex(0)
	for i, v := range settingsThemeValues {
		if v == a.theme {
			x.Theme.SetSelectedIndex(i)
		}
	}
	x.TextSize.SetSelectedIndex(0)
	if f, err := strconv.ParseFloat(a.scale, 64); err == nil {
		for i, v := range settingsSizeValues {
			if g, _ := strconv.ParseFloat(v, 64); g == f {
				x.TextSize.SetSelectedIndex(i)
			}
		}
	}
	x.IdleMinutes.OnChanged = func(string) { x.setIdle() }
	x.Theme.OnChanged = func(string) {
		x.setLook(metaTheme, settingsThemeValues[x.Theme.SelectedIndex()])
	}
	x.TextSize.OnChanged = func(string) {
		x.setLook(metaTextScale, settingsSizeValues[x.TextSize.SelectedIndex()])
	}
}

func (x *SettingsScreen) setIdle() {
	s := x.s
	s.u.Idle.Touch()
	i := x.IdleMinutes.SelectedIndex()
	if i < 0 {
		return
	}
	mins := settingsIdleMinutes[i]
	x.settingsAsync(x.LookMessage, func(ctx context.Context) error {
		return s.u.st.SetMeta(ctx, metaIdleMinutes, strconv.Itoa(mins))
	}, func() {
		s.u.Idle.SetTimeout(time.Duration(mins) * time.Minute)
		if mins == 0 {
			settingsSay(x.LookMessage, "This PC will not lock by itself: remember to lock it (Ctrl+L) when you step away.", true)
		} else {
			settingsSay(x.LookMessage, fmt.Sprintf("This PC now locks after %d minutes with nothing typed or clicked.", mins), true)
		}
	})
}

// setLook stores a colour or text-size choice and redraws the window in it.
func (x *SettingsScreen) setLook(key, value string) {
	s := x.s
	s.u.Idle.Touch()
	x.settingsAsync(x.LookMessage, func(ctx context.Context) error {
		return s.u.st.SetMeta(ctx, key, value)
	}, func() {
		u := s.u
		u.applySettings()
		// The shell draws some colours itself: build it again in the new look.
		ns := newShell(u, s.ss)
		if s.viewFor != "" && s.Viewing != nil {
			ns.ViewPortfolio(*s.Viewing, s.viewFor)
		}
		u.Shell = ns
		u.Window.SetContent(ns.Content)
		ns.Show("settings")
	})
}

func (x *SettingsScreen) saveShare() {
	s := x.s
	s.u.Idle.Touch()
	dir := strings.TrimSpace(x.ShareDir.Text)
	var state error
	x.settingsAsync(x.ShareMessage, func(ctx context.Context) error {
		if err := s.u.st.SetShareFolder(ctx, dir); err != nil {
			return err
		}
		if dir != "" {
			state = pursuitsync.CheckFolder(ctx, dir)
		}
		return nil
	}, func() {
		admin := s.ss.User.Role == model.RoleAdmin
		x.savedShare = dir
		x.ShareSetUp.Hide()
		if s.u.opt.Sync != nil {
			s.u.opt.Sync.Start(dir)
		}
		switch {
		case dir == "":
			settingsSay(x.ShareMessage, "No shared folder: this PC keeps everything to itself.", true)
		case errors.Is(state, share.ErrNotFormatted) && !admin:
			settingsSay(x.ShareMessage, "Saved, but this folder has not been used by Pursuit yet. Check the path; if it is the right one, an administrator sets it up (once, for the whole Trust).", false)
		case errors.Is(state, share.ErrNotFormatted):
			settingsSay(x.ShareMessage, "Saved. This folder has not been used by Pursuit yet: if it is the right one, set it up (once, for the whole Trust).", false)
			x.ShareSetUp.Show()
		case errors.Is(state, share.ErrUnreachable):
			settingsSay(x.ShareMessage, "Saved, although this PC cannot reach that folder (or it is empty) at the moment. Check the path when the network is back; if it is a new, empty folder, an administrator sets it up.", false)
			x.ShareSetUp.Hidden = !admin
			x.ShareSetUp.Refresh()
		case state != nil:
			settingsSay(x.ShareMessage, "Saved, but: "+sentence(state), false)
		default:
			settingsSay(x.ShareMessage, "Saved. This PC now syncs through that folder.", true)
		}
	})
}

// confirmRoot records that the person compared the folder's administrator key with the
// fingerprint the Trust published.
func (x *SettingsScreen) confirmRoot() {
	s := x.s
	s.u.Idle.Touch()
	typed := x.Root.Fingerprint.Text
	var t sqlite.RootTrust
	var name string
	x.settingsAsync(x.Root.Message, func(ctx context.Context) (err error) {
		if err = s.u.st.ConfirmTrustRoot(ctx, typed, s.ss.User.Name); err != nil {
			return err
		}
		t, name, err = loadRoot(ctx, s)
		return err
	}, func() {
		x.Root.Fingerprint.SetText("")
		x.Root.show(t, name)
		settingsSay(x.Root.Message, "Confirmed: this PC now syncs only with a folder protected by that key.", true)
	})
}

// setUpShare makes the chosen folder Pursuit's shared folder.
func (x *SettingsScreen) setUpShare() {
	s := x.s
	s.u.Idle.Touch()
	dir := x.savedShare
	var t sqlite.RootTrust
	var name string
	x.settingsAsync(x.ShareMessage, func(ctx context.Context) (err error) {
		if err = pursuitsync.SetUpFolder(ctx, dir, s.ss); err != nil {
			return err
		}
		t, name, err = loadRoot(ctx, s)
		return err
	}, func() {
		x.ShareSetUp.Hide()
		x.Root.show(t, name)
		said := "The folder is set up. This PC now syncs through it; point the other PCs at the same folder."
		if fp := t.Pinned.Fingerprint(); fp != "" {
			said += " Give IT the key's fingerprint, " + fp + ", for every PC's settings: a PC that knows it refuses a folder whose key was changed or removed."
		}
		settingsSay(x.ShareMessage, said, true)
		if s.u.opt.Sync != nil {
			s.u.opt.Sync.Start(dir)
		}
	})
}

// showSyncLog lists the recent passes, newest first.
func (x *SettingsScreen) showSyncLog() {
	x.SyncLog.Objects = nil
	var entries []pursuitsync.LogEntry
	if x.s.u.opt.Sync != nil {
		entries = x.s.u.opt.Sync.History()
	}
	if len(entries) == 0 {
		x.SyncLog.Add(note("Nothing yet: passes with the shared folder are listed here as they happen."))
	}
	now := x.s.u.opt.Now()
	for i, e := range entries {
		if i == 12 {
			break
		}
		mark := dot(NHSGreen)
		switch {
		case e.Offline:
			mark = dot(NHSYellow)
		case !e.OK:
			mark = dot(NHSRed)
		}
		line := wrapped(clockText(e.At, now) + "  " + e.Summary)
		row := container.NewBorder(nil, nil, container.NewCenter(mark), nil, line)
		x.SyncLog.Add(row)
		for _, d := range e.Details {
			x.SyncLog.Add(note("   " + d))
		}
	}
	x.SyncLog.Refresh()
}

func (x *SettingsScreen) changePassword() {
	s := x.s
	s.u.Idle.Touch()
	if x.NewPassword.Text != x.RepeatPassword.Text {
		settingsSay(x.PasswordMessage, "The two new passwords are not the same. Type them again.", false)
		x.RepeatPassword.SetText("")
		return
	}
	old, neu := x.OldPassword.Text, x.NewPassword.Text
	x.ChangePassword.Disable()
	var err error
	s.u.opt.Async(func() { err = s.ss.ChangePassword(context.Background(), old, neu) }, func() {
		x.ChangePassword.Enable()
		switch {
		case errors.Is(err, model.ErrWrongPassword):
			settingsSay(x.PasswordMessage, "Your current password is not right. Your password has not been changed.", false)
			x.OldPassword.SetText("")
		case err != nil:
			settingsSay(x.PasswordMessage, sentence(err), false)
		default:
			x.OldPassword.SetText("")
			x.NewPassword.SetText("")
			x.RepeatPassword.SetText("")
			settingsSay(x.PasswordMessage, "Your password has been changed. Use the new one from now on, on every PC.", true)
		}
	})
}

// fileChosen enables Import once a framework file has been read without fault.
func (x *SettingsScreen) fileChosen() {
	settingsSay(x.ImportMessage, "", true)
	if x.Framework.Set != nil {
		x.Import.Enable()
	} else {
		x.Import.Disable()
	}
}

func (x *SettingsScreen) importFramework() {
	s := x.s
	s.u.Idle.Touch()
	if x.Framework.Set == nil {
		return
	}
	set := *x.Framework.Set
	var res sqlite.ImportResult
	var a settingsAbout
	x.Import.Disable()
	settingsSay(x.ImportMessage, "Importing "+set.Framework.Name+"…", true)
	x.settingsAsync(x.ImportMessage, func(ctx context.Context) (err error) {
		if res, err = s.ss.ImportFramework(ctx, set); err != nil {
			return err
		}
		return x.loadFrameworks(ctx, &a)
	}, func() {
		settingsSay(x.ImportMessage, fmt.Sprintf("Imported %s, version %s: %d added, %d updated, %d retired, %d unchanged. Everyone's progress and evidence are kept.",
			set.Framework.Name, res.Version, res.Added, res.Updated, res.Retired, res.Unchanged), true)
		x.Framework.Clear()
		x.showFrameworks(a)
	})
}

func (x *SettingsScreen) showFrameworks(a settingsAbout) {
	if x.Framework == nil {
		return
	}
	x.Frameworks.Objects = nil
	if len(a.frameworks) == 0 {
		x.Frameworks.Add(note("No framework has been imported yet."))
	}
	for _, fw := range a.frameworks {
		n := a.counts[fw.ID]
		detail := fmt.Sprintf("Version %s · %d competencies", fw.Version, n[0])
		if n[1] > 0 {
			detail += fmt.Sprintf(" · %d retired by a newer version", n[1])
		}
		name := wrapped(fw.Name)
		name.TextStyle.Bold = true
		x.Frameworks.Add(container.NewVBox(name, note(detail)))
	}
	x.Frameworks.Refresh()
}

func (x *SettingsScreen) showAbout(a settingsAbout) {
	u := x.s.u
	version := u.opt.Version
	if version == "" {
		version = "development build"
	}
	size := "unknown"
	if a.dbErr == nil {
		size = model.DisplaySize(a.dbSize)
	}
	grid := container.NewVBox(settingsPair("Version", version), settingsPair("Data folder", u.st.Dir()),
		settingsPair("Database size", size), settingsPair("Device ID", u.st.DeviceID()))
	lic := container.NewVBox()
	for _, l := range settingsLicences {
		lic.Add(wrapped(l[0] + ": " + l[1]))
	}
	x.About.Objects = []fyne.CanvasObject{
		wrapped("Pursuit is the Trust's preceptorship portfolio for the Pursuit of Excellence programme. It keeps everything on this PC, in the data folder below."),
		grid, widget.NewSeparator(), subheading("Licences"), lic}
	x.About.Refresh()
}

// settingsPair is a caption beside a value that may wrap (a long folder path).
func settingsPair(caption, value string) fyne.CanvasObject {
	v := wrapped(value)
	v.Selectable = true
	return container.NewBorder(nil, nil, container.New(&fixedWidth{scaled(150)}, fieldLabel(caption)), nil, v)
}

// newBackupCard offers a backup of the whole data folder. Restoring is only ever into an
// empty data folder (a new PC's welcome screen, or the command line), so it can never be
// clicked over someone's data on a ward PC.
func (x *SettingsScreen) newBackupCard() fyne.CanvasObject {
	x.BackupNow = newButtonWithIcon("Back up now…", theme.DocumentSaveIcon(), x.chooseBackupFile)
	x.BackupNow.Importance = widget.HighImportance
	x.BackupProgress = widget.NewProgressBar()
	x.BackupProgress.Hide()
	x.BackupMessage = errorText()
	return container.NewVBox(
		wrapped("One file with the database and every attachment, taken safely while Pursuit is in use on this and other windows."),
		note("It holds every account and every confidential record: keep it where the Trust keeps confidential data, never on the shared sync folder."),
		container.NewHBox(x.BackupNow), x.BackupProgress, x.BackupMessage,
		note("To restore, start Pursuit on a new (empty) PC and choose \"Restore from a backup…\" on its welcome screen, or use pursuit --data FOLDER restore FILE.zip. The restored PC becomes a new device for sync."))
}

func (x *SettingsScreen) chooseBackupFile() {
	// The time too: a second backup the same day must not replace the first by default.
	name := "pursuit-backup-" + x.s.u.opt.Now().Format("2006-01-02-1504") + ".zip"
	x.s.saveAs(name, ".zip", func(w fyne.URIWriteCloser) { x.BackUpTo(w, w.URI().Path()) })
}

// BackUpTo writes the backup to path, which the save dialog has just opened as w. The
// backup is written beside it and renamed over it, so the file is either whole or, after
// an error, removed.
func (x *SettingsScreen) BackUpTo(w io.WriteCloser, path string) {
	s := x.s
	s.u.Idle.Touch()
	w.Close() // the dialog created the file; the backup replaces it whole
	x.BackupNow.Disable()
	x.BackupProgress.SetValue(0)
	x.BackupProgress.Show()
	settingsSay(x.BackupMessage, "Backing up to "+filepath.Base(path)+"…", true)
	opt := sqlite.BackupOptions{AppVersion: s.u.opt.Version, Progress: func(done, total int) {
		if total > 0 {
			fyne.Do(func() { x.BackupProgress.SetValue(float64(done) / float64(total)) })
		}
	}}
	var res sqlite.BackupResult
	var err error
	s.u.opt.Async(func() { res, err = s.ss.Backup(context.Background(), path, opt) }, func() {
		x.BackupNow.Enable()
		x.BackupProgress.Hide()
		if err != nil {
			os.Remove(path) // the empty file the dialog made
			settingsSay(x.BackupMessage, "The backup was not made: "+sentence(err), false)
			return
		}
		x.BackupSaved = path
		c := res.Manifest.Counts
		msg := fmt.Sprintf("Backed up to %s (%s): %d accounts, %d programmes, %d evidence items, %d attachment files.",
			path, model.DisplaySize(res.Size), c.Users, c.Programmes, c.Evidence, c.Attachments)
		if len(res.Damaged) > 0 {
			msg += fmt.Sprintf(" %d damaged attachment(s) were left out: ask IT to run pursuit check.", len(res.Damaged))
		}
		if res.NotHere > 0 {
			msg += fmt.Sprintf(" %d attachment(s) have not reached this PC through sync yet and are not in it.", res.NotHere)
		}
		settingsSay(x.BackupMessage, msg, len(res.Damaged) == 0)
	})
}
