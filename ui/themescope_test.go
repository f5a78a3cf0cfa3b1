package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// themeOverrides counts the theme overrides under o.
func themeOverrides(o fyne.CanvasObject) int {
	n := 0
	if _, ok := o.(*container.ThemeOverride); ok {
		n++
	}
	switch t := o.(type) {
	case *fyne.Container:
		for _, k := range t.Objects {
			n += themeOverrides(k)
		}
	case fyne.Widget:
		for _, k := range test.WidgetRenderer(t).Objects() {
			n += themeOverrides(k)
		}
	}
	return n
}

// No screen, strip or message is drawn under a theme override of its own. Fyne gives every
// override a new copy of the fonts (megabytes, parsed again) each time it is built or
// refreshed, and keeps it as long as the app runs: a lead going between her screens, or a
// preceptee seeing a message after every save, would make the app grow without end.
func TestNoScreenMakesTheAppKeepAnotherCopyOfTheFonts(t *testing.T) {
	w := newWard(t)
	for _, who := range []string{"pat", "sam", "lee", "lead", "adm"} {
		u := w.app(t)
		if n := themeOverrides(u.Window.Content()); n > 0 {
			t.Errorf("the sign-in screen has %d theme overrides", n)
		}
		signIn(t, u, who)
		for _, key := range u.Shell.NavKeys() {
			u.Shell.Show(key)
			u.Shell.toast("Saved")
			if n := themeOverrides(u.Window.Content()); n > 0 {
				t.Errorf("%s on %s: %d theme overrides", who, key, n)
			}
		}
	}
}

// A screen left lets go of what it read. Fyne keeps a left screen's widgets for a minute,
// and with them the screen: a lead going between a Trust's cohort and its programmes held
// 5 MB more for every trip.
func TestALeftScreenLetsGoOfWhatItRead(t *testing.T) {
	w := newWard(t)
	u := w.app(t)
	signIn(t, u, "lead")
	cohort, ok := u.Shell.Screen.(*CohortScreen)
	if !ok || len(cohort.All) == 0 || len(cohort.Shown) == 0 {
		t.Fatalf("the lead's home is %T with %d rows, want the cohort", u.Shell.Screen, len(cohort.All))
	}
	u.Shell.Show("programmes")
	people := u.Shell.Screen.(*PeopleScreen)
	if cohort.All != nil || cohort.Shown != nil {
		t.Errorf("the cohort left behind keeps %d rows", len(cohort.All))
	}
	if len(people.Programmes) == 0 || len(people.Users) == 0 {
		t.Fatalf("the programmes screen read %d programmes", len(people.Programmes))
	}
	u.Shell.Show("home")
	if people.Users != nil || people.Programmes != nil || people.ShownAccounts != nil || people.ShownProgs != nil || people.byID != nil {
		t.Errorf("the programmes screen left behind keeps %d accounts, %d programmes", len(people.Users), len(people.Programmes))
	}
	if back := u.Shell.Screen.(*CohortScreen); len(back.All) == 0 {
		t.Error("the cohort came back empty")
	}
}
