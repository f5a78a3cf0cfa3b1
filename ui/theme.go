package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The NHS identity palette: blue for action and focus, the RAG colours for status, a
// near-black text on a pale grey ground for reading at arm's length.
var (
	NHSBlue      = color.NRGBA{0x00, 0x5E, 0xB8, 0xFF}
	NHSDarkBlue  = color.NRGBA{0x00, 0x30, 0x87, 0xFF}
	NHSGreen     = color.NRGBA{0x00, 0x96, 0x39, 0xFF}
	NHSYellow    = color.NRGBA{0xFF, 0xB8, 0x1C, 0xFF}
	NHSRed       = color.NRGBA{0xDA, 0x29, 0x1C, 0xFF}
	NHSText      = color.NRGBA{0x21, 0x2B, 0x32, 0xFF}
	NHSSecondary = color.NRGBA{0x4C, 0x62, 0x72, 0xFF}
	NHSPaleGrey  = color.NRGBA{0xF0, 0xF4, 0xF5, 0xFF}
	NHSMidGrey   = color.NRGBA{0xD8, 0xDD, 0xE0, 0xFF}
	White        = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
)

// Theme is Pursuit's look: the NHS palette over Fyne's light theme, with larger text.
type Theme struct{ TextScale float32 }

func (t Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink:
		return NHSBlue
	case theme.ColorNameBackground:
		return NHSPaleGrey
	case theme.ColorNameForeground:
		return NHSText
	case theme.ColorNamePlaceHolder:
		return NHSSecondary
	case theme.ColorNameInputBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground, theme.ColorNameHeaderBackground:
		return White
	case theme.ColorNameInputBorder:
		return NHSSecondary
	case theme.ColorNameButton:
		return White
	case theme.ColorNameSeparator:
		return NHSMidGrey
	case theme.ColorNameSuccess:
		return NHSGreen
	case theme.ColorNameWarning:
		return NHSYellow
	case theme.ColorNameError:
		return NHSRed
	case theme.ColorNameForegroundOnPrimary:
		return White
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

func (t Theme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (t Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t Theme) Size(n fyne.ThemeSizeName) float32 {
	scale := t.TextScale
	if scale == 0 {
		scale = 1
	}
	switch n {
	case theme.SizeNameText:
		return 15 * scale
	case theme.SizeNameHeadingText:
		return 26 * scale
	case theme.SizeNameSubHeadingText:
		return 19 * scale
	case theme.SizeNameCaptionText:
		return 12.5 * scale
	case theme.SizeNamePadding:
		return 6
	case theme.SizeNameInnerPadding:
		return 10
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 4
	}
	return theme.DefaultTheme().Size(n)
}
