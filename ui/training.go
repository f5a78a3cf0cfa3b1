package ui

import (
	"fyne.io/fyne/v2"

	"pursuit/model"
)

// TrainingScreen is not built yet.
type TrainingScreen struct{ root fyne.CanvasObject }

func newTrainingScreen(s *Shell, p model.Programme) *TrainingScreen {
	return &TrainingScreen{root: pageTitle("Training & learning", "Coming soon.")}
}

func (x *TrainingScreen) content() fyne.CanvasObject { return x.root }
