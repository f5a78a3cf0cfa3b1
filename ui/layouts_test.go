package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// Panels side by side when each has room, one under the other when not; the preceptor's
// requests panel, given last, goes on top once they stack, so that at 1024 pixels what
// waits for her sign-off is not below every preceptee's card.
func TestColumnsStackOnANarrowWindow(t *testing.T) {
	test.NewTempApp(t)
	panel := func() *canvas.Rectangle {
		r := canvas.NewRectangle(nil)
		r.SetMinSize(fyne.NewSize(400, 300))
		return r
	}
	for _, lastOnTop := range []bool{false, true} {
		cards, requests := panel(), panel()
		c := columns(cards, requests)
		if lastOnTop {
			c = columnsLastOnTop(cards, requests)
		}
		c.Resize(fyne.NewSize(1000, 600))
		if cards.Position().Y != 0 || requests.Position().Y != 0 || requests.Position().X <= cards.Position().X {
			t.Errorf("wide, last on top %v: cards at %v, requests at %v", lastOnTop, cards.Position(), requests.Position())
		}
		c.Resize(fyne.NewSize(700, 600))
		first, second := cards, requests
		if lastOnTop {
			first, second = requests, cards
		}
		if first.Position().Y != 0 || second.Position().Y < 300 || first.Size().Width != 700 {
			t.Errorf("narrow, last on top %v: cards at %v, requests at %v", lastOnTop, cards.Position(), requests.Position())
		}
	}
}
