package ui

import (
	"fyne.io/fyne/v2"

	"pursuit/model"
)

// MeetingsScreen is not built yet.
type MeetingsScreen struct{ root fyne.CanvasObject }

func newMeetingsScreen(s *Shell, p model.Programme) *MeetingsScreen {
	return &MeetingsScreen{root: pageTitle("Meetings", "Coming soon.")}
}

func (x *MeetingsScreen) content() fyne.CanvasObject { return x.root }
