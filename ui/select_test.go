package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// edgeContrast is the contrast against the card of the strongest line drawn round w.
func edgeContrast(t *testing.T, w fyne.Widget, th Theme) float64 {
	surface := th.Color(colorSurface, 0)
	best := 0.0
	for _, o := range test.TempWidgetRenderer(t, w).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.StrokeWidth >= 1 && r.Size() == w.Size() && r.StrokeColor != nil {
			best = max(best, contrast(over(r.StrokeColor, surface), surface))
		}
	}
	return best
}

// A drop-down and a secondary button show an edge a person can see against the card they
// sit on, in every colour scheme: Fyne's own were a white patch on a white card, nothing to
// say they could be changed or pressed (in high contrast, a grey fill instead looked
// disabled). A main button is filled, and a quiet one reads as a link: no edge.
func TestDropDownsAndSecondaryButtonsHaveAnEdgeOnAWhiteCard(t *testing.T) {
	for _, variant := range []string{ThemeLight, ThemeDark, ThemeContrast} {
		a := test.NewTempApp(t)
		th := Theme{Variant: variant, TextScale: 1}
		a.Settings().SetTheme(th)
		s := newSelect([]string{"10 minutes", "15 minutes"}, nil)
		s.SetSelected("10 minutes")
		secondary := newButton("Withdraw the request", func() {})
		main := newButton("Save", func() {})
		main.Importance = widget.HighImportance
		quiet := newButton("Open", func() {})
		quiet.Importance = widget.LowImportance
		test.NewTempWindow(t, container.NewVBox(s, secondary, main, quiet))
		for _, c := range []struct {
			what string
			w    fyne.Widget
			want bool
		}{{"a drop-down", s, true}, {"a secondary button", secondary, true}, {"a main button", main, false}, {"a quiet button", quiet, false}} {
			r := edgeContrast(t, c.w, th)
			if c.want && r < 3 {
				t.Errorf("%s: %s's edge has a contrast of %.2f:1 against its card (at least 3:1 wanted)", variant, c.what, r)
			}
			if !c.want && r > 1.01 {
				t.Errorf("%s: %s has an edge (%.2f:1)", variant, c.what, r)
			}
		}
	}
}
