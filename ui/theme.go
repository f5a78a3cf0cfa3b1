package ui

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The NHS identity palette: blue for action and focus, the RAG colours for status, a
// near-black text on a pale grey ground for reading at arm's length.
var (
	NHSBlue      = color.NRGBA{0x00, 0x5E, 0xB8, 0xFF}
	NHSDarkBlue  = color.NRGBA{0x00, 0x30, 0x87, 0xFF}
	NHSLightBlue = color.NRGBA{0x41, 0xB6, 0xE6, 0xFF}
	NHSGreen     = color.NRGBA{0x00, 0x96, 0x39, 0xFF}
	NHSYellow    = color.NRGBA{0xFF, 0xB8, 0x1C, 0xFF}
	NHSRed       = color.NRGBA{0xDA, 0x29, 0x1C, 0xFF}
	NHSText      = color.NRGBA{0x21, 0x2B, 0x32, 0xFF}
	NHSSecondary = color.NRGBA{0x4C, 0x62, 0x72, 0xFF}
	NHSPaleGrey  = color.NRGBA{0xF0, 0xF4, 0xF5, 0xFF}
	NHSMidGrey   = color.NRGBA{0xD8, 0xDD, 0xE0, 0xFF}
	NHSFocus     = color.NRGBA{0xFF, 0xEB, 0x3B, 0xFF}
	White        = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	Black        = color.NRGBA{0x00, 0x00, 0x00, 0xFF}
)

// Pursuit's own colour names, for the panels and text the screens draw themselves.
const (
	colorSurface  fyne.ThemeColorName = "pursuitSurface" // cards and panels
	colorBorder   fyne.ThemeColorName = "pursuitBorder"
	colorSubtle   fyne.ThemeColorName = "pursuitSubtle"   // secondary text
	colorNav      fyne.ThemeColorName = "pursuitNav"      // the navigation column
	colorOnYellow fyne.ThemeColorName = "pursuitOnYellow" // text on the warm-yellow banners, in every variant
	colorOnDark   fyne.ThemeColorName = "pursuitOnDark"   // text on NHS blue or green banners
)

// Theme variants a person can choose in Settings.
const (
	ThemeLight    = "light"
	ThemeDark     = "dark"
	ThemeContrast = "contrast"
)

// Theme is Pursuit's look: the NHS palette with larger text, in light, dark or high
// contrast, at a chosen text scale.
type Theme struct {
	Variant   string
	TextScale float32
}

type palette struct {
	bg, surface, text, subtle, border, input, inputBorder, primary, focus, nav, hover, selection color.Color
	// quiet is the colour of hints and of what cannot be changed: readable (4.5:1 at least)
	// on every ground, however quiet it looks.
	quiet color.Color
}

var palettes = map[string]palette{
	ThemeLight: {bg: NHSPaleGrey, surface: White, text: NHSText, subtle: NHSSecondary, border: NHSMidGrey, input: White, inputBorder: NHSSecondary,
		// The focus is a see-through blue: a menu's highlighted choice keeps its dark words
		// readable on it (solid NHS blue under dark words was not).
		primary: NHSBlue, focus: color.NRGBA{0x00, 0x5E, 0xB8, 0x4C}, nav: White, hover: color.NRGBA{0x00, 0x5E, 0xB8, 0x18}, selection: color.NRGBA{0x00, 0x5E, 0xB8, 0x30},
		quiet: NHSSecondary},
	ThemeDark: {bg: color.NRGBA{0x17, 0x1C, 0x20, 0xFF}, surface: color.NRGBA{0x23, 0x2B, 0x31, 0xFF}, text: NHSPaleGrey, subtle: color.NRGBA{0xAE, 0xB7, 0xBD, 0xFF},
		border: color.NRGBA{0x3A, 0x45, 0x4D, 0xFF}, input: color.NRGBA{0x1C, 0x23, 0x28, 0xFF}, inputBorder: color.NRGBA{0x76, 0x86, 0x92, 0xFF},
		primary: NHSBlue, focus: color.NRGBA{0x41, 0xB6, 0xE6, 0x50}, nav: color.NRGBA{0x1E, 0x25, 0x2A, 0xFF}, hover: color.NRGBA{0x41, 0xB6, 0xE6, 0x22}, selection: color.NRGBA{0x41, 0xB6, 0xE6, 0x40},
		quiet: color.NRGBA{0xAE, 0xB7, 0xBD, 0xFF}},
	ThemeContrast: {bg: White, surface: White, text: Black, subtle: Black, border: Black, input: White, inputBorder: Black,
		// High contrast: black on white, and the NHS focus yellow under black words for
		// whatever the keyboard or the pointer is on.
		// What is chosen (the screen on show, a table's row) is pale grey, so that it never
		// looks like where the keyboard is.
		primary: NHSDarkBlue, focus: NHSFocus, nav: White, hover: NHSFocus, selection: color.NRGBA{0xD8, 0xDD, 0xE0, 0xFF}, quiet: Black},
}

func (t Theme) palette() palette {
	if p, ok := palettes[t.Variant]; ok {
		return p
	}
	return palettes[ThemeLight]
}

func (t Theme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	p := t.palette()
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return p.primary
	case theme.ColorNameFocus:
		return p.focus
	case theme.ColorNameBackground:
		return p.bg
	case theme.ColorNameForeground:
		return p.text
	case theme.ColorNamePlaceHolder, colorSubtle:
		return p.subtle
	case theme.ColorNameInputBackground:
		return p.input
	case theme.ColorNameInputBorder:
		return p.inputBorder
	case theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground, theme.ColorNameHeaderBackground, colorSurface:
		return p.surface
	case theme.ColorNameButton:
		return p.surface
	case theme.ColorNameSeparator, colorBorder:
		return p.border
	case theme.ColorNameHover:
		return p.hover
	case theme.ColorNameSelection:
		return p.selection
	case colorNav:
		return p.nav
	case colorOnYellow:
		return NHSText
	case colorOnDark:
		return White
	case theme.ColorNameSuccess:
		return NHSGreen
	case theme.ColorNameWarning:
		return NHSYellow
	case theme.ColorNameError:
		return NHSRed
	case theme.ColorNameForegroundOnPrimary, theme.ColorNameForegroundOnError, theme.ColorNameForegroundOnSuccess:
		return White
	case theme.ColorNameForegroundOnWarning:
		return NHSText
	case theme.ColorNameDisabled:
		// Fyne draws quiet labels (hints, dates) in the disabled colour too: it must read.
		return p.quiet
	}
	variant := theme.VariantLight
	if t.Variant == ThemeDark {
		variant = theme.VariantDark
	}
	return theme.DefaultTheme().Color(n, variant)
}

func (t Theme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (t Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t Theme) Size(n fyne.ThemeSizeName) float32 {
	scale := t.TextScale
	if scale == 0 {
		scale = 1
	}
	if size, ok := strings.CutPrefix(string(n), textSizePrefix); ok {
		if f, err := strconv.ParseFloat(size, 32); err == nil {
			return float32(f) * scale
		}
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
	case theme.SizeNameInputBorder:
		if t.Variant == ThemeContrast {
			return 2
		}
		return 1
	case theme.SizeNameInlineIcon:
		// Icons beside words grow with them: at 150 % they stayed small beside large text.
		return theme.DefaultTheme().Size(n) * scale
	}
	return theme.DefaultTheme().Size(n)
}

// textSizePrefix names a text size of the app's own, in points at 100 %: the headings'
// sizes, which grow with the text size chosen in Settings like every other word.
const textSizePrefix = "pursuit.text."

// textSize is the theme's name for a heading size in points.
func textSize(points float32) fyne.ThemeSizeName {
	return fyne.ThemeSizeName(textSizePrefix + strconv.FormatFloat(float64(points), 'f', -1, 32))
}

// over lays a see-through colour over an opaque one, as the painter does.
func over(top, under color.Color) color.Color {
	tr, tg, tb, ta := top.RGBA()
	ur, ug, ub, _ := under.RGBA()
	a := float64(ta) / 0xFFFF
	mix := func(t, u uint32) uint8 { return uint8((float64(t)/0xFFFF*1 + float64(u)/0xFFFF*(1-a)) * 255) }
	return color.NRGBA{mix(tr, ur), mix(tg, ug), mix(tb, ub), 0xFF}
}

// col is a colour of the theme in use.
func col(n fyne.ThemeColorName) color.Color { return theme.Color(n) }

// scaled is a text size at the theme's text scale.
func scaled(size float32) float32 { return size * theme.TextSize() / 15 }
