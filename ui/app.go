// Package ui is Pursuit's window: Fyne screens over the store. It knows the model and the
// store's session API, never SQL; every rule it shows is decided in model/ or the store.
// It is built on a fyne.App handed in by cmd/, so its tests run headless with Fyne's test
// driver: each screen is a struct of widgets built by one function, and tests tap and type
// into those widgets and then look in the store.
package ui

import (
	"context"
	"net/url"
	"path/filepath"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"pursuit/model"
	"pursuit/model/sqlite"
	pursuitsync "pursuit/sync"
)

// DemoAccount is a sign-in the demo banner suggests.
type DemoAccount struct {
	Username, Name, Role, Note string
}

// Options tell the window what it is showing and inject what tests control.
type Options struct {
	Demo         bool // the data folder holds the generated demo cohort
	DemoPassword string
	DemoAccounts []DemoAccount
	Version      string
	Now          func() time.Time
	// Async runs slow work off the UI goroutine and then done on it; tests run both inline.
	Async func(work, done func())
	// Later runs f on the UI goroutine after d, unless cancelled first: drafts are kept a
	// moment after the last keystroke. Tests replace it to run those timers when they choose.
	Later func(d time.Duration, f func()) (cancel func())
	// IdleCheck is how often the idle lock is checked; 0 leaves it to the caller (tests).
	IdleCheck time.Duration
	// FocusCheck is how often the window looks where the keyboard's focus has gone, to
	// bring it into view (Tab down a long form); 0 never.
	FocusCheck time.Duration
	// OpenFile shows a file in the system's viewer.
	OpenFile func(path string) error
	// Sync runs sync with the shared folder; nil leaves the indicator at "not set up".
	Sync *pursuitsync.Controller
}

// Settings kept on this device (store meta keys).
const (
	metaIdleMinutes = "idle_minutes"
	metaTheme       = "theme"
	metaTextScale   = "text_scale"
)

// App is the main window and who is signed in to it.
type App struct {
	fyne   fyne.App
	Window fyne.Window
	st     *sqlite.Store
	opt    Options
	Idle   *IdleLock

	SignIn   *SignIn
	FirstRun *FirstRun
	Shell    *Shell
	locked   *Shell // hidden by the lock, resumed when the same person signs in again
}

// New builds the window: the first-run wizard on a new installation, else the sign-in.
func New(a fyne.App, st *sqlite.Store, opt Options) *App {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Async == nil {
		opt.Async = func(work, done func()) {
			go func() {
				work()
				fyne.Do(done)
			}()
		}
	}
	if opt.Later == nil {
		opt.Later = func(d time.Duration, f func()) func() {
			t := time.AfterFunc(d, func() { fyne.Do(f) })
			return func() { t.Stop() }
		}
	}
	if opt.OpenFile == nil {
		opt.OpenFile = func(path string) error {
			return a.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)})
		}
	}
	u := &App{fyne: a, st: st, opt: opt, Idle: &IdleLock{Now: opt.Now, Timeout: DefaultIdleLock}}
	u.applySettings()
	title := "Pursuit — preceptorship portfolio"
	if opt.Demo {
		title += " (Demo data)"
	}
	u.Window = a.NewWindow(title)
	u.Window.Resize(preferredSize)
	// Esc closes the pop-up on top (a dialog, a calendar), as it does everywhere else. The
	// window hears keys only while nothing has the focus; the app's own fields and
	// navigation pass Esc on themselves (closeTop).
	if dc, ok := u.Window.Canvas().(desktop.Canvas); ok {
		dc.SetOnKeyUp(func(ev *fyne.KeyEvent) {
			if ev.Name == fyne.KeyEscape {
				closeTop(u.Window.Canvas())
			}
		})
	}
	if opt.FocusCheck > 0 {
		go u.watchFocus(opt.FocusCheck)
	}
	u.Window.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		u.Idle.Touch()
		if u.Shell != nil {
			u.Shell.dropped(uris)
		}
	})
	if has, err := st.HasUsers(context.Background()); err == nil && !has {
		u.showFirstRun()
	} else {
		u.showSignIn("")
	}
	if opt.Sync != nil {
		opt.Sync.OnStatus(func(st pursuitsync.Status) {
			fyne.Do(func() {
				if u.Shell != nil {
					u.Shell.showSyncStatus(st)
				}
			})
		})
	}
	if opt.IdleCheck > 0 {
		go func() {
			for range time.Tick(opt.IdleCheck) {
				fyne.Do(u.CheckIdle)
			}
		}()
	}
	return u
}

// The window's usual size, where the screen has room for it.
var preferredSize = fyne.NewSize(1280, 820)

// FitScreen sizes the window to the screen's working area (pixels, the screen less the
// taskbar): the usual size where there is room, else the whole area less the frame the
// system draws round a window, and centred. A 1366×768 ward PC then shows every control.
func (u *App) FitScreen(area fyne.Size) {
	scale := u.Window.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	const frameWidth, frameHeight = 16, 48 // borders, and the title bar above the window
	size := fyne.NewSize(min(preferredSize.Width, (area.Width-frameWidth)/scale), min(preferredSize.Height, (area.Height-frameHeight)/scale))
	u.Window.Resize(size)
	u.Window.CenterOnScreen()
}

// applySettings reads this device's look and lock settings.
func (u *App) applySettings() {
	ctx := context.Background()
	th := Theme{}
	if v, _ := u.st.Meta(ctx, metaTheme); v != "" {
		th.Variant = v
	}
	if v, _ := u.st.Meta(ctx, metaTextScale); v != "" {
		if f, err := strconv.ParseFloat(v, 32); err == nil && f >= 0.8 && f <= 2 {
			th.TextScale = float32(f)
		}
	}
	u.fyne.Settings().SetTheme(th)
	if v, _ := u.st.Meta(ctx, metaIdleMinutes); v != "" {
		if m, err := strconv.Atoi(v); err == nil && m >= 0 && m <= 240 {
			u.Idle.SetTimeout(time.Duration(m) * time.Minute)
		}
	}
}

func (u *App) showSignIn(lockedName string) {
	u.Shell = nil
	u.SignIn = newSignIn(u.opt, lockedName, u.trySignIn)
	u.Window.SetContent(u.SignIn.Content)
	u.Window.Canvas().Focus(u.SignIn.Username)
	if lockedName != "" {
		u.Window.Canvas().Focus(u.SignIn.Password)
	}
}

func (u *App) showFirstRun() {
	u.FirstRun = newFirstRun(u)
	u.Window.SetContent(u.FirstRun.Content)
}

func (u *App) trySignIn(username, password string) {
	u.SignIn.Busy(true)
	var ss *sqlite.Session
	var err error
	u.opt.Async(func() {
		ctx := context.Background()
		if ss, err = u.st.SignIn(ctx, username, password); err != nil {
			return
		}
		// A lead or line manager's first screen is the whole cohort: read it while the
		// sign-in is still on screen, so the overview appears at once (the store keeps it
		// until something changes).
		if r := ss.User.Role; r == model.RoleLead || r == model.RoleLineManager {
			ss.Cohort(ctx)
		}
	}, func() {
		u.SignIn.Busy(false)
		if err != nil {
			u.SignIn.Fail(sentence(err))
			return
		}
		u.enter(ss)
	})
}

// Enter signs a session in without the sign-in screen (the screenshot tour uses it).
func (u *App) Enter(ss *sqlite.Session) { u.enter(ss) }

// enter shows the shell for a signed-in person: the one the lock hid if it is theirs, so
// that nothing they had open or typed is lost.
func (u *App) enter(ss *sqlite.Session) {
	if u.locked != nil && u.locked.ss.User.ID == ss.User.ID {
		u.Shell = u.locked
	} else {
		u.Shell = newShell(u, ss)
	}
	u.locked = nil
	u.SignIn = nil
	u.Idle.Touch()
	u.Window.SetContent(u.Shell.Content)
	u.Shell.resumed()
	if u.opt.Sync != nil {
		u.Shell.showSyncStatus(u.opt.Sync.Status())
	}
}

// Lock hides everything at once. Whatever was being typed is already kept as a draft; the
// same person signs in to carry on exactly where they were.
func (u *App) Lock() {
	if u.Shell == nil {
		return
	}
	u.Shell.saveDrafts()
	u.Shell.Toasts.Hide()
	u.locked = u.Shell
	u.showSignIn(u.locked.ss.User.Name)
	u.SignIn.Username.SetText(u.locked.ss.User.Username)
}

// SwitchUser hides everything for someone else to sign in.
func (u *App) SwitchUser() {
	if u.Shell == nil {
		return
	}
	u.Shell.saveDrafts()
	u.locked = u.Shell
	u.showSignIn("")
}

// CheckIdle locks the window when nobody has touched it for the idle timeout.
func (u *App) CheckIdle() {
	if u.Shell != nil && u.Idle.Expired() {
		u.Lock()
	}
}

// sentence makes an error read as a sentence for the person at the PC.
func sentence(err error) string {
	s := err.Error()
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	s = string(r)
	if last := r[len(r)-1]; last != '.' && last != '!' && last != '?' {
		s += "."
	}
	return s
}
