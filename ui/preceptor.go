package ui

import (
	"fyne.io/fyne/v2"
)

// PreceptorHome is not built yet.
type PreceptorHome struct{ root fyne.CanvasObject }

func newPreceptorHome(s *Shell) *PreceptorHome {
	return &PreceptorHome{root: pageTitle("My preceptees", "Coming soon.")}
}

func (x *PreceptorHome) content() fyne.CanvasObject { return x.root }
