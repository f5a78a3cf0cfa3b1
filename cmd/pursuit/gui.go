package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"pursuit/assets"
	"pursuit/model/demo"
	"pursuit/model/sqlite"
	pursuitsync "pursuit/sync"
	"pursuit/ui"
)

// demoPreceptees is the size of the cohort the window builds on first run: enough to feel
// real, quick enough (a few seconds) not to keep anyone waiting.
const demoPreceptees = 24

// windowFolder chooses the data folder the window opens: --data, else the installation's
// own; with neither set up, the demo cohort in a folder of its own, built on first use.
func windowFolder(ctx context.Context, g *globals) (string, error) {
	dir, err := g.dataDir()
	if err != nil || g.data != "" || hasDatabase(dir) {
		return dir, err
	}
	if dir, err = g.demoDir(); err != nil {
		return "", err
	}
	g.demoMode = true
	if !hasDatabase(dir) {
		fmt.Fprintf(g.stderr, "Building the demo cohort in %s …\n", dir)
		if _, err := buildDemo(ctx, dir, demoPreceptees, 1, g.now()); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// openWindow runs the app on the folder windowFolder chooses.
func openWindow(g *globals) error {
	// A soft ceiling on the Go heap: a ward PC runs other things, and the window's own
	// data (a cohort of hundreds) fits well inside it; the runtime collects sooner instead.
	debug.SetMemoryLimit(40 << 20)
	// Reading a whole cohort makes a burst of short-lived garbage: collect it sooner, so a
	// ward PC's memory is not held by what a screen needed only while it loaded.
	debug.SetGCPercent(25)
	dir, err := windowFolder(context.Background(), g)
	if err != nil {
		return err
	}
	a := app.NewWithID("uk.nhs.pursuit")
	// Before Run, the main goroutine is the UI goroutine: build and show the window on it.
	onUI := func(f func()) { f() }
	w, err := startWindow(g, a, dir, nil, onUI)
	if err != nil {
		return err
	}
	defer w.close()
	if g.screenshots != "" {
		go screenshotTour(a, w.u, w.st, g.screenshots)
	}
	w.show(onUI)
	a.Run()
	return nil
}

// window is the app's window over one data folder, with sync running beside it.
type window struct {
	u     *ui.App
	st    *sqlite.Store
	close func()
}

// startWindow opens the store on dir and builds the window on a, with onUI running its
// part on the UI goroutine; tweak, when set, changes the options first (the real-window
// test counts the app's work).
func startWindow(g *globals, a fyne.App, dir string, tweak func(*ui.Options), onUI func(func())) (*window, error) {
	ctx := context.Background()
	if err := checkLocalFolder(dir); err != nil {
		return nil, err
	}
	st, err := sqlite.Open(ctx, dir, sqlite.Options{Now: g.now, Policy: g.policy(), HashParams: g.hash, Logger: slog.New(slog.NewTextHandler(os.Stderr, nil))})
	if err != nil {
		return nil, err
	}
	isDemo, _ := st.Meta(ctx, "demo")
	opt := ui.Options{Demo: isDemo == "1", DemoPassword: demo.Password, Now: g.now, IdleCheck: 15 * time.Second, FocusCheck: 150 * time.Millisecond, Version: version}
	for _, a := range demo.FeaturedAccounts() {
		opt.DemoAccounts = append(opt.DemoAccounts, ui.DemoAccount{Username: a.Username, Name: a.Name, Role: a.Role.Label(), Note: a.Note})
	}
	// Sync with the shared folder runs beside the window: started with the folder Settings
	// chose, asked for a pass a few seconds after every save, and given a last pass (at
	// most ten seconds) when the window closes.
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctl := &pursuitsync.Controller{Store: st, Now: g.now, Log: logger}
	st.OnCommit(ctl.Trigger)
	shareDir, _ := st.ShareFolder(ctx)
	ctl.Start(shareDir)
	opt.Sync = ctl
	if tweak != nil {
		tweak(&opt)
	}
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	var u *ui.App
	onUI(func() { u = ui.New(a, st, opt) })
	return &window{u: u, st: st, close: func() {
		ctl.Stop(10 * time.Second)
		st.Close()
	}}, nil
}

// show puts the window on the screen, sized to fit the screen's working area (the part
// the taskbar leaves), so nothing starts out of reach on a small ward PC's screen.
func (w *window) show(onUI func(func())) {
	onUI(func() {
		w.u.Window.Show()
		if area, ok := workArea(); ok {
			w.u.FitScreen(area)
		}
	})
}
