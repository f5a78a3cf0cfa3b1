package ui

import (
	"fyne.io/fyne/v2"
)

// SettingsScreen is not built yet.
type SettingsScreen struct{ root fyne.CanvasObject }

func newSettingsScreen(s *Shell) *SettingsScreen {
	return &SettingsScreen{root: pageTitle("Settings", "Coming soon.")}
}

func (x *SettingsScreen) content() fyne.CanvasObject { return x.root }
