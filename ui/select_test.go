package ui

import (
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// A drop-down shows an edge a person can see against the card it sits on, in every colour
// scheme: Fyne's own was a white patch on a white card, nothing to say it could be changed.
func TestADropDownHasAnEdgeOnAWhiteCard(t *testing.T) {
	for _, variant := range []string{ThemeLight, ThemeDark, ThemeContrast} {
		a := test.NewTempApp(t)
		th := Theme{Variant: variant, TextScale: 1}
		a.Settings().SetTheme(th)
		s := newSelect([]string{"10 minutes", "15 minutes"}, nil)
		s.SetSelected("10 minutes")
		test.NewTempWindow(t, s)
		surface := th.Color(colorSurface, 0)
		best := 0.0
		for _, o := range test.TempWidgetRenderer(t, s).Objects() {
			if r, ok := o.(*canvas.Rectangle); ok && r.StrokeWidth >= 1 && r.Size() == s.Size() {
				best = max(best, contrast(over(r.StrokeColor, surface), surface))
			}
		}
		if best < 3 {
			t.Errorf("%s: the drop-down's edge has a contrast of %.2f:1 against its card (at least 3:1 wanted)", variant, best)
		}
	}
}
