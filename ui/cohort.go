package ui

import (
	"fyne.io/fyne/v2"
)

// CohortScreen is not built yet.
type CohortScreen struct{ root fyne.CanvasObject }

func newCohortScreen(s *Shell) *CohortScreen {
	return &CohortScreen{root: pageTitle("Cohort", "Coming soon.")}
}

func (x *CohortScreen) content() fyne.CanvasObject { return x.root }
