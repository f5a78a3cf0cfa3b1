package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The navigation column keeps one width from screen to screen, and says when entries lie
// below its end: at 150 % text on a 1024×700 screen a lead in a portfolio has more entries
// than fit, and the last one was cut in half with nothing to say the column scrolled.
func TestTheNavigationKeepsItsWidthAndSaysWhenThereIsMore(t *testing.T) {
	w := precWorld(t)
	u := precSignIn(t, w.st, "lead", Options{})
	fyne.CurrentApp().Settings().SetTheme(Theme{Variant: ThemeContrast, TextScale: 1.5})
	// 1024×700 less the real window's menu and the demo cohort's banner, which the test
	// window has not.
	screen := fyne.NewSize(1024, 615)
	u.Window.Resize(screen)
	home := u.Shell.Nav.Content.Size().Width
	if u.Shell.Nav.More.Visible() {
		t.Error("More is offered beside a column whose entries all fit")
	}
	c := u.Shell.Screen.(*CohortScreen)
	c.SelectRow(0)
	c.openSelected()
	if got := u.Shell.Nav.Content.Size().Width; got != home {
		t.Errorf("the navigation column is %v wide in a portfolio, %v on the cohort", got, home)
	}
	n := u.Shell.Nav
	if !n.More.Visible() {
		t.Fatalf("entries %v high in a column of %v, and no More", n.entries.MinSize().Height, n.scroll.Size().Height)
	}
	n.More.OnTapped()
	if n.More.Visible() {
		t.Error("More is still offered at the column's end")
	}
	// The screen on show is in view, whichever it is: at the top again for the first,
	// at the bottom for the last.
	for _, key := range []string{"dashboard", "settings"} {
		u.Shell.Show(key)
		b := u.Shell.NavButtons[key]
		if top, bottom := b.Position().Y-n.scroll.Offset.Y, b.Position().Y+b.Size().Height-n.scroll.Offset.Y; top < 0 || bottom > n.scroll.Size().Height+0.5 {
			t.Errorf("on %s its entry is at %v–%v in a column of %v", key, top, bottom, n.scroll.Size().Height)
		}
	}
}

// A form dialog taller than the window scrolls its form and keeps its buttons in the
// window: the testimony dialog at 1024×700 put Confirm below the window's edge.
func TestAFormDialogKeepsItsButtonsInTheWindow(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1024, 500))
	form := container.NewVBox()
	for range 30 {
		form.Add(widget.NewEntry())
	}
	confirm := widget.NewButton("Confirm and lock", nil)
	pop := modalForm("Confirm the testimony", 520, form, container.NewHBox(confirm), w.Canvas())
	pop.Show()
	d := fyne.CurrentApp().Driver()
	if bottom := d.AbsolutePositionForObject(confirm).Y + confirm.Size().Height; bottom > w.Canvas().Size().Height || confirm.Size().Height == 0 {
		t.Errorf("the dialog's button ends at %v in a window of %v", bottom, w.Canvas().Size().Height)
	}
}
