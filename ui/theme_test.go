package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// luminance is WCAG's relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xFFFF
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is WCAG's contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Every variant's words are readable wherever the app puts them: on a menu's highlighted
// choice (the open drop-down), as quiet hints and dates, on a panel and on the page.
func TestEveryThemeKeepsWordsReadable(t *testing.T) {
	for _, v := range []string{ThemeLight, ThemeDark, ThemeContrast} {
		th := Theme{Variant: v}
		fg := th.Color(theme.ColorNameForeground, 0)
		surface := th.Color(colorSurface, 0)
		bg := th.Color(theme.ColorNameBackground, 0)
		checks := []struct {
			what   string
			fg, bg color.Color
		}{
			{"a drop-down's highlighted choice", fg, over(th.Color(theme.ColorNameFocus, 0), surface)},
			{"a hint on a panel", th.Color(theme.ColorNameDisabled, 0), surface},
			{"a hint on the page", th.Color(theme.ColorNameDisabled, 0), bg},
			{"a placeholder in a field", th.Color(theme.ColorNamePlaceHolder, 0), th.Color(theme.ColorNameInputBackground, 0)},
			{"words on the page", fg, bg},
			{"a button's words", fg, th.Color(theme.ColorNameButton, 0)},
		}
		for _, c := range checks {
			if r := contrast(c.fg, c.bg); r < 4.5 {
				t.Errorf("%s theme: %s has a contrast of %.1f:1, want 4.5:1 at least", v, c.what, r)
			}
		}
	}
}

// labelColour is the colour a label's words are drawn in under th, from its importance.
func labelColour(l *widget.Label, th Theme) color.Color {
	switch l.Importance {
	case widget.WarningImportance:
		return th.Color(theme.ColorNameWarning, 0)
	case widget.DangerImportance:
		return th.Color(theme.ColorNameError, 0)
	case widget.SuccessImportance:
		return th.Color(theme.ColorNameSuccess, 0)
	case widget.HighImportance:
		return th.Color(theme.ColorNamePrimary, 0)
	case widget.LowImportance:
		return th.Color(theme.ColorNameDisabled, 0)
	}
	return th.Color(theme.ColorNameForeground, 0)
}

// The bar's buttons stay white on the blue bar in high contrast, where the buttons on a
// white card are grey.
func TestTheBarsButtonsStayWhiteInHighContrast(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(Theme{Variant: ThemeContrast, TextScale: 1})
	b := newBarButton("Lock", nil, func() {})
	test.NewTempWindow(t, b)
	ground := test.TempWidgetRenderer(t, b).Objects()[0].(*canvas.Rectangle)
	if ground.FillColor != color.Color(White) {
		t.Errorf("the bar's Lock is drawn in %v in high contrast", ground.FillColor)
	}
}
