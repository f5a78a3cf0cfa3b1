package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A list and the record chosen from it sit side by side where there is room, and take
// turns where there is not (a 1024-pixel ward PC at 150 % text): the record then comes
// under a Back button, and Back brings the list again, from which the same row opens again.
func TestAListAndItsRecordTakeTurnsWhereTheyDoNotFit(t *testing.T) {
	test.NewTempApp(t)
	rows := []string{"Hand hygiene", "Sepsis", "Falls"}
	detail := container.NewStack(placeholder("Choose a course."))
	list := widget.NewList(func() int { return len(rows) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(rows[id]) })
	opened := 0
	list.OnSelected = func(id widget.ListItemID) {
		opened++
		showOnly(detail, widget.NewLabel("The record of "+rows[id]))
	}
	ld := listBeside(list, detail, detail, 0.4)
	top := widget.NewLabel("Training & learning")
	page := container.NewBorder(top, nil, nil, nil, ld.Content())
	var pending []func() // what waits for the layout under way to end
	ld.makeWayAbove(top, page, func(f func()) { pending = append(pending, f) })
	settle := func() {
		for len(pending) > 0 {
			f := pending[0]
			pending = pending[1:]
			f()
		}
	}
	w := test.NewTempWindow(t, page)

	w.Resize(fyne.NewSize(1200, 600))
	if ld.Narrow() || !ld.ListShown() || !detail.Visible() {
		t.Fatalf("at 1200 wide: narrow %v, list shown %v", ld.Narrow(), ld.ListShown())
	}
	list.Select(1)
	if !ld.ListShown() || ld.Back.Visible() {
		t.Error("at 1200 wide the list went away when a record opened")
	}

	w.Resize(fyne.NewSize(500, 600))
	settle()
	if !ld.Narrow() {
		t.Fatal("at 500 wide the list and the record are still side by side")
	}
	if ld.ListShown() || !ld.Back.Visible() || !ld.split.Trailing.Visible() {
		t.Errorf("at 500 wide with a record open: list shown %v, Back shown %v", ld.ListShown(), ld.Back.Visible())
	}
	if got := ld.split.Trailing.Size().Width; got < 450 {
		t.Errorf("the record has %v of 500 pixels", got)
	}
	if top.Visible() || ld.Content().Position().Y > 10 {
		t.Errorf("the record alone starts %v down, under the screen's title (shown %v)", ld.Content().Position().Y, top.Visible())
	}
	test.Tap(ld.Back)
	settle()
	if !ld.ListShown() || ld.split.Trailing.Visible() || ld.Back.Visible() || !top.Visible() {
		t.Errorf("after Back: list shown %v, record shown %v, title shown %v", ld.ListShown(), ld.split.Trailing.Visible(), top.Visible())
	}
	list.Select(1) // the same row again
	if opened != 2 || ld.ListShown() {
		t.Errorf("choosing the same row after Back: opened %d times, list shown %v", opened, ld.ListShown())
	}
	showOnly(detail, placeholder("Deleted."))
	if !ld.ListShown() || ld.Back.Visible() {
		t.Error("with the record deleted, the list did not come back")
	}

	w.Resize(fyne.NewSize(1200, 600))
	if ld.Narrow() || !ld.ListShown() || !ld.split.Trailing.Visible() {
		t.Error("back at 1200 wide, list and record are not side by side")
	}
}
