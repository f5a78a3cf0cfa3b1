package ui

import (
	"fyne.io/fyne/v2"
)

// FacilitatorHome is not built yet.
type FacilitatorHome struct{ root fyne.CanvasObject }

func newFacilitatorHome(s *Shell) *FacilitatorHome {
	return &FacilitatorHome{root: pageTitle("Career conversations", "Coming soon.")}
}

func (x *FacilitatorHome) content() fyne.CanvasObject { return x.root }
