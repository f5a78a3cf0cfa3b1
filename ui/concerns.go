package ui

import (
	"fyne.io/fyne/v2"

	"pursuit/model"
)

// ConcernsScreen is not built yet.
type ConcernsScreen struct{ root fyne.CanvasObject }

func newConcernsScreen(s *Shell, p model.Programme) *ConcernsScreen {
	return &ConcernsScreen{root: pageTitle("Concerns", "Coming soon.")}
}

func (x *ConcernsScreen) content() fyne.CanvasObject { return x.root }
