package ui

import "fyne.io/fyne/v2"

// FirstRun is not built yet.
type FirstRun struct{ Content fyne.CanvasObject }

func newFirstRun(u *App) *FirstRun {
	return &FirstRun{Content: pageTitle("Set up Pursuit", "Coming soon.")}
}
