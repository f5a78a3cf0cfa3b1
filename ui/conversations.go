package ui

import (
	"fyne.io/fyne/v2"

	"pursuit/model"
)

// ConversationsScreen is not built yet.
type ConversationsScreen struct{ root fyne.CanvasObject }

func newConversationsScreen(s *Shell, p model.Programme) *ConversationsScreen {
	return &ConversationsScreen{root: pageTitle("Career conversations", "Coming soon.")}
}

func (x *ConversationsScreen) content() fyne.CanvasObject { return x.root }
