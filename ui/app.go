// Package ui is Pursuit's window: Fyne screens over the store. It knows the model and the
// store's session API, never SQL; every rule it shows is decided in model/ or the store.
// It is built on a fyne.App handed in by cmd/, so its tests run headless with Fyne's test
// driver.
package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"pursuit/model/sqlite"
)

// DemoAccount is a sign-in the demo banner suggests.
type DemoAccount struct {
	Username, Name, Role, Note string
}

// Options tell the window what it is showing.
type Options struct {
	Demo         bool // the data folder holds the generated demo cohort
	DemoPassword string
	DemoAccounts []DemoAccount
	Now          func() time.Time
	// Async runs slow work off the UI goroutine and then done on it; tests run both inline.
	Async func(work, done func())
}

// App is the main window and who is signed in to it.
type App struct {
	fyne    fyne.App
	Window  fyne.Window
	st      *sqlite.Store
	opt     Options
	session *sqlite.Session

	SignIn *SignIn
	Home   *Home
}

// New builds the window on the sign-in screen.
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
	a.Settings().SetTheme(Theme{})
	u := &App{fyne: a, st: st, opt: opt}
	title := "Pursuit — preceptorship portfolio"
	if opt.Demo {
		title += " (Demo data)"
	}
	u.Window = a.NewWindow(title)
	u.Window.Resize(fyne.NewSize(1200, 800))
	u.showSignIn()
	return u
}

func (u *App) showSignIn() {
	u.session, u.Home = nil, nil
	u.SignIn = newSignIn(u.opt, u.trySignIn)
	u.Window.SetContent(u.SignIn.Content)
	u.Window.Canvas().Focus(u.SignIn.Username)
}

func (u *App) trySignIn(username, password string) {
	u.SignIn.Busy(true)
	var ss *sqlite.Session
	var err error
	u.opt.Async(func() {
		ss, err = u.st.SignIn(context.Background(), username, password)
	}, func() {
		u.SignIn.Busy(false)
		if err != nil {
			u.SignIn.Fail(sentence(err))
			return
		}
		u.session = ss
		u.Home = newHome(u, ss)
		u.Window.SetContent(container.NewStack(u.Home.Content))
	})
}

// Lock hides everything and returns to the sign-in screen; Switch user is the same door.
func (u *App) Lock() { u.showSignIn() }

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
