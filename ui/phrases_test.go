package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// A page's line under its title breaks between its parts, never inside a date: at 150 %
// text on a narrow window Fyne's own wrapping left "· 8" at a line's end and "Dec 2025"
// on the next.
func TestAPageTitleBreaksBetweenItsPartsNotInsideADate(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(Theme{Variant: ThemeContrast, TextScale: 1.5})
	sub := "Registered Nurse (Adult) · Ward 4B – Acute Medicine · 8 Dec 2025 to 7 Dec 2026 · preceptor Amara Okafor"
	title := pageTitle("Your programme — Month 12 of 12", sub).(*fyne.Container)
	w := test.NewTempWindow(t, title)
	for _, width := range []float32{400, 460, 520, 700, 1400} {
		w.Resize(fyne.NewSize(width, 600))
		for i, want := range [][]string{{"Your programme", "Month 12 of 12"},
			{"Registered Nurse (Adult) ·", "Ward 4B – Acute Medicine", "8 Dec 2025 to 7 Dec 2026", "preceptor Amara Okafor"}} {
			rt := title.Objects[i].(*phraseText)
			shown := rowsOf(t, rt)
			// It asks for the room its lines need (a rich text left to scroll asked for none).
			if h := rt.MinSize().Height; h < float32(len(shown))*20 {
				t.Errorf("at %v wide, %d lines ask for a height of %v", width, len(shown), h)
			}
			for _, phrase := range want {
				if !onOneRow(shown, phrase) {
					t.Errorf("at %v wide, %q is cut across lines: %q", width, phrase, shown)
				}
			}
		}
	}
	// Wide enough, each is one line as typed.
	w.Resize(fyne.NewSize(1400, 600))
	if got := rowsOf(t, title.Objects[1].(*phraseText)); len(got) != 1 || got[0] != sub {
		t.Errorf("at 1400 wide the line under the title reads %q", got)
	}
}

// rowsOf is the text of each row a rich text draws.
func rowsOf(t *testing.T, rt *phraseText) []string { return richRows(t, rt) }

// richRows is the text a widget draws, piece by piece.
func richRows(t *testing.T, rt fyne.Widget) []string {
	var rows []string
	var collect func(objs []fyne.CanvasObject)
	collect = func(objs []fyne.CanvasObject) {
		for _, o := range objs {
			switch o := o.(type) {
			case *canvas.Text:
				if o.Text != "" {
					rows = append(rows, o.Text)
				}
			case *fyne.Container:
				collect(o.Objects)
			case fyne.Widget:
				collect(test.TempWidgetRenderer(t, o).Objects())
			}
		}
	}
	collect(test.TempWidgetRenderer(t, rt).Objects())
	return rows
}

// onOneRow reports whether phrase is drawn whole on one of rows.
func onOneRow(rows []string, phrase string) bool {
	for _, r := range rows {
		if strings.Contains(r, phrase) {
			return true
		}
	}
	return false
}

// The bar's name and role: where both do not fit the role goes whole, and a name cut short
// ends in "…", never a word cut off with nothing to say so.
func TestTheBarDropsTheRoleBeforeCuttingWords(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(Theme{Variant: ThemeLight, TextScale: 1.5})
	who := newNameAndRole("Gillian Hughes", "Trust Preceptorship Lead")
	w := test.NewTempWindow(t, who)
	for _, width := range []float32{120, 200, 260, 330, 400, 600, 900} {
		w.Resize(fyne.NewSize(width, 80))
		who.Resize(fyne.NewSize(width, who.MinSize().Height))
		drawn := strings.Join(richRows(t, who), "")
		switch {
		case drawn == "Gillian Hughes · Trust Preceptorship Lead", drawn == "Gillian Hughes":
		case strings.HasSuffix(drawn, "…") && strings.HasPrefix("Gillian Hughes", strings.TrimSuffix(drawn, "…")):
		default:
			t.Errorf("at %v wide the bar reads %q", width, drawn)
		}
	}
}

// The sign-in (and the lock screen) at 150 % text asks for no more height than a 1366×768
// screen has: it asked for 794 pixels and grew the window past the screen for good.
func TestTheSignInFitsAShortScreenAtLargeText(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(Theme{Variant: ThemeContrast, TextScale: 1.5})
	var who []DemoAccount
	for _, n := range []string{"zoe", "amara", "lead", "david", "grace", "admin", "siobhan"} {
		who = append(who, DemoAccount{Username: n, Role: "Trust Preceptorship Lead"})
	}
	s := newSignIn(Options{Demo: true, DemoPassword: "pursuit-demo", DemoAccounts: who}, "Zoë Whitfield", func(string, string) {})
	w := test.NewTempWindow(t, s.Content)
	w.Resize(fyne.NewSize(1280, 600))
	if h := s.Content.MinSize().Height; h > 600 {
		t.Errorf("the lock screen at 150 %% asks for %v pixels of height", h)
	}
}
