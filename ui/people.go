package ui

import (
	"fyne.io/fyne/v2"
)

// PeopleScreen is not built yet.
type PeopleScreen struct{ root fyne.CanvasObject }

func newPeopleScreen(s *Shell) *PeopleScreen {
	return &PeopleScreen{root: pageTitle("People and programmes", "Coming soon.")}
}

func (x *PeopleScreen) content() fyne.CanvasObject { return x.root }
