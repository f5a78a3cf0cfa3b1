package ui

import (
	"fyne.io/fyne/v2"

	"pursuit/model"
)

// PlanScreen is not built yet.
type PlanScreen struct{ root fyne.CanvasObject }

func newPlanScreen(s *Shell, p model.Programme) *PlanScreen {
	return &PlanScreen{root: pageTitle("Learning plan", "Coming soon.")}
}

func (x *PlanScreen) content() fyne.CanvasObject { return x.root }
