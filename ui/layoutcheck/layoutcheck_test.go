package layoutcheck_test

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pursuit/ui/layoutcheck"
)

// place lays objects out at fixed positions and sizes, as a broken layout might.
type place struct {
	at   []fyne.Position
	size []fyne.Size
}

func (p *place) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(10, 10) }
func (p *place) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	for i, o := range objs {
		o.Move(p.at[i])
		o.Resize(p.size[i])
	}
}

func check(t *testing.T, content fyne.CanvasObject, size fyne.Size) []layoutcheck.Problem {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, content)
	w.SetPadded(false)
	w.Resize(size)
	return layoutcheck.Canvas(w.Canvas(), layoutcheck.Options{})
}

func kinds(ps []layoutcheck.Problem) string {
	var k []string
	for _, p := range ps {
		k = append(k, p.String())
	}
	return strings.Join(k, "\n")
}

func wantKind(t *testing.T, ps []layoutcheck.Problem, kind, what string) {
	t.Helper()
	for _, p := range ps {
		if p.Kind == kind && strings.Contains(p.What, what) {
			return
		}
	}
	t.Errorf("want %q about %q, got:\n%s", kind, what, kinds(ps))
}

const hint = "Link evidence to ACC-01 before asking for sign-off"

func TestWrappedLabelGivenNoWidthIsFound(t *testing.T) {
	l := widget.NewLabel(hint)
	l.Wrapping = fyne.TextWrapWord
	// An HBox gives a wrapping label only its (tiny) minimum width: one letter per line.
	ps := check(t, container.NewHBox(widget.NewButton("Request sign-off", nil), l), fyne.NewSize(600, 400))
	wantKind(t, ps, layoutcheck.BrokenWord, "Link evidence")
}

func TestWrappedLabelWithRoomPasses(t *testing.T) {
	l := widget.NewLabel(hint)
	l.Wrapping = fyne.TextWrapWord
	ps := check(t, container.NewBorder(nil, nil, widget.NewButton("Request sign-off", nil), nil, l), fyne.NewSize(600, 400))
	if len(ps) > 0 {
		t.Errorf("a label with room should pass, got:\n%s", kinds(ps))
	}
	// Narrow enough to wrap onto several lines, but never inside a word.
	ps = check(t, container.NewBorder(nil, nil, widget.NewButton("Request sign-off", nil), nil, l), fyne.NewSize(330, 400))
	if len(ps) > 0 {
		t.Errorf("a label wrapping between words should pass, got:\n%s", kinds(ps))
	}
}

func TestLabelCutToAFewCharactersIsFound(t *testing.T) {
	l := widget.NewLabel("Communicate clearly and compassionately")
	l.Truncation = fyne.TextTruncateEllipsis
	ps := check(t, container.New(&place{[]fyne.Position{{}}, []fyne.Size{{Width: 70, Height: 36}}}, l), fyne.NewSize(400, 200))
	wantKind(t, ps, layoutcheck.CutShort, "Communicate")
	l2 := widget.NewLabel("Communicate clearly and compassionately")
	l2.Truncation = fyne.TextTruncateEllipsis
	ps = check(t, container.New(&place{[]fyne.Position{{}}, []fyne.Size{{Width: 200, Height: 36}}}, l2), fyne.NewSize(400, 200))
	if len(ps) > 0 {
		t.Errorf("a label shortened to a readable length should pass, got:\n%s", kinds(ps))
	}
}

func TestOverlappingTextsAreFound(t *testing.T) {
	a, b := canvas.NewText("Final", nil), canvas.NewText("7 Dec", nil)
	a.Color, b.Color = test.Theme().Color("foreground", 0), test.Theme().Color("foreground", 0)
	ps := check(t, container.New(&place{[]fyne.Position{{X: 100, Y: 50}, {X: 110, Y: 52}}, []fyne.Size{{Width: 60, Height: 20}, {Width: 60, Height: 20}}}, a, b), fyne.NewSize(400, 200))
	wantKind(t, ps, layoutcheck.Overlap, "Final")
	ps = check(t, container.NewVBox(canvas.NewText("Final", a.Color), canvas.NewText("7 Dec", a.Color)), fyne.NewSize(400, 200))
	if len(ps) > 0 {
		t.Errorf("texts one under the other should pass, got:\n%s", kinds(ps))
	}
}

func TestTextUnderAButtonIsFound(t *testing.T) {
	l := widget.NewLabel("Ask your preceptor to sign off ACC-01?")
	ps := check(t, container.New(&place{[]fyne.Position{{X: 10, Y: 10}, {X: 20, Y: 12}}, []fyne.Size{{Width: 300, Height: 36}, {Width: 120, Height: 36}}},
		l, widget.NewButton("Cancel", nil)), fyne.NewSize(400, 200))
	wantKind(t, ps, layoutcheck.UnderCtrl, "Cancel")
}

func TestControlsOutOfReachAreFound(t *testing.T) {
	next := widget.NewButton("Next", nil)
	ps := check(t, container.New(&place{[]fyne.Position{{X: 10, Y: 10}, {X: 10, Y: 330}}, []fyne.Size{{Width: 100, Height: 36}, {Width: 100, Height: 36}}},
		widget.NewEntry(), next), fyne.NewSize(400, 400))
	if len(ps) > 0 {
		t.Fatalf("controls inside the window should pass, got:\n%s", kinds(ps))
	}
	// The same window, but the screen shows only its top 300 units: Next cannot be clicked.
	test.NewTempApp(t)
	w := test.NewTempWindow(t, container.New(&place{[]fyne.Position{{X: 10, Y: 10}, {X: 10, Y: 330}}, []fyne.Size{{Width: 100, Height: 36}, {Width: 100, Height: 36}}},
		widget.NewEntry(), next))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(400, 420))
	ps = layoutcheck.Canvas(w.Canvas(), layoutcheck.Options{Visible: fyne.NewSize(400, 300)})
	wantKind(t, ps, layoutcheck.OutOfReach, "Next")
}

func TestScrollingBringsControlsIntoReach(t *testing.T) {
	tall := container.NewVBox(layout.NewSpacer())
	for range 40 {
		tall.Add(widget.NewButton("Save", nil))
	}
	ps := check(t, container.NewVScroll(tall), fyne.NewSize(300, 300))
	if len(ps) > 0 {
		t.Errorf("buttons below a vertical scroll's fold can be scrolled to, got:\n%s", kinds(ps))
	}
	// Too wide for a vertical-only scroll: the right-hand button is cut off for good.
	wide := container.New(&place{[]fyne.Position{{X: 0, Y: 0}, {X: 380, Y: 0}}, []fyne.Size{{Width: 100, Height: 36}, {Width: 100, Height: 36}}},
		widget.NewButton("Filter", nil), widget.NewButton("Export CSV…", nil))
	sized := container.New(layout.NewGridWrapLayout(fyne.NewSize(500, 60)), wide)
	ps = check(t, container.NewVScroll(sized), fyne.NewSize(300, 300))
	wantKind(t, ps, layoutcheck.OutOfReach, "Export CSV")
}

// moved lays out texts the way a custom widget often does: moved, never resized.
type moved struct{ at []fyne.Position }

func (m *moved) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(10, 10) }
func (m *moved) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	for i, o := range objs {
		o.Move(m.at[i])
	}
}

func TestTextsOnlyMovedStillCountWhereTheyAreDrawn(t *testing.T) {
	fg := test.Theme().Color("foreground", 0)
	ps := check(t, container.New(&moved{[]fyne.Position{{X: 300, Y: 60}, {X: 310, Y: 64}}}, canvas.NewText("Due: Final", fg), canvas.NewText("Planned", fg)), fyne.NewSize(400, 200))
	wantKind(t, ps, layoutcheck.Overlap, "Due: Final")
}

func TestARowDrawnOverTheButtonThatOpensItPasses(t *testing.T) {
	row := container.NewStack(widget.NewButton("", nil), container.NewVBox(widget.NewLabel("Learn venepuncture"), widget.NewLabel("Target 8 Jul 2026")))
	ps := check(t, container.NewVBox(row), fyne.NewSize(400, 200))
	if len(ps) > 0 {
		t.Errorf("text drawn over the button that makes its row clickable should pass, got:\n%s", kinds(ps))
	}
}
