package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"pursuit/report"
)

func cohortNames(c *CohortScreen) string {
	var names []string
	for _, r := range c.Shown {
		names = append(names, r.Preceptee)
	}
	return strings.Join(names, ",")
}

func TestLineManagerSeesTheTeamAndSortsAndFilters(t *testing.T) {
	w := precWorld(t)
	u := precSignIn(t, w.st, "lin", Options{})
	c, ok := u.Shell.Screen.(*CohortScreen)
	if !ok {
		t.Fatalf("line manager's first screen is %T", u.Shell.Screen)
	}
	// Exactly the team the store gives Lin: Zoë and Pat, not Rob's Łukasz.
	ss, err := w.st.SignIn(context.Background(), "lin", pw)
	if err != nil {
		t.Fatal(err)
	}
	team, err := ss.Cohort(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(team) != 2 || len(c.All) != 2 || len(c.Shown) != 2 {
		t.Fatalf("store team %d, screen %d", len(team), len(c.Shown))
	}
	for _, r := range c.Shown {
		if r.Programme.ID != w.zoe.ID && r.Programme.ID != w.pat.ID {
			t.Fatalf("%s is not in Lin's team", r.Preceptee)
		}
	}
	// Worst first to begin with; the table draws the rows.
	// Pat, in her first month, has only things due soon: on track.
	if cohortNames(c) != "Zoë Adeyemi,Pat Okafor" || c.Count.Text != "2 preceptees · 1 needs attention" {
		t.Fatalf("rows %q, count %q", cohortNames(c), c.Count.Text)
	}
	drawn := precTexts(c.Table)
	for _, want := range []string{"Zoë Adeyemi", "Pat Okafor", "Sam Preceptor", "3 of 12", "0/2", "13 Sep 2026", "Overdue"} {
		if !precHas(drawn, want) {
			t.Errorf("table does not draw %q: %q", want, drawn)
		}
	}
	// Status is a shape as well as a colour, and the word where it fits.
	if marks := cohortMarks(c.Table); marks[ragMark{NHSRed, 3}] != 1 || marks[ragMark{NHSGreen, 40}] != 1 || len(marks) != 2 {
		t.Errorf("status marks %v, want one red triangle and one green circle", marks)
	}
	// In the same words as the status filter and the dashboard's chips.
	if !precHas(drawn, "Needs attention") || !precHas(drawn, "On track") || !slices.Contains(cohortRAGOptions, "Needs attention") {
		t.Errorf("the status words are not drawn: %q", drawn)
	}
	if precHas(drawn, "Łukasz") {
		t.Error("the table draws a preceptee outside the team")
	}

	// Sort by name, then by overdue items: the largest first; again: reversed.
	test.Tap(c.Headers[cohortColPreceptee])
	if cohortNames(c) != "Pat Okafor,Zoë Adeyemi" {
		t.Fatalf("by name: %s", cohortNames(c))
	}
	test.Tap(c.Headers[cohortColOverdue])
	if cohortNames(c) != "Zoë Adeyemi,Pat Okafor" || c.Shown[0].Overdue <= c.Shown[1].Overdue || c.CellText(1, cohortColOverdue) != "–" {
		t.Fatalf("by overdue: %s (%d, %d)", cohortNames(c), c.Shown[0].Overdue, c.Shown[1].Overdue)
	}
	test.Tap(c.Headers[cohortColOverdue])
	if cohortNames(c) != "Pat Okafor,Zoë Adeyemi" {
		t.Fatalf("by overdue, reversed: %s", cohortNames(c))
	}

	// The RAG filter narrows the rows, and the count says so.
	c.RAGFilter.SetSelected("Needs attention")
	if cohortNames(c) != "Zoë Adeyemi" || c.Count.Text != "Showing 1 of 2 preceptees · 1 needs attention" {
		t.Fatalf("needs attention: %s, %q", cohortNames(c), c.Count.Text)
	}
	c.RAGFilter.SetSelected("On track")
	if cohortNames(c) != "Pat Okafor" {
		t.Fatalf("on track: %s, %q", cohortNames(c), c.Count.Text)
	}
	c.RAGFilter.SetSelected("Keep an eye on")
	if len(c.Shown) != 0 || !strings.HasPrefix(c.Count.Text, "No preceptees match") {
		t.Fatalf("keep an eye on: %s, %q", cohortNames(c), c.Count.Text)
	}
	test.Tap(c.Clear)
	// Search ignores accents; the ticks filter too.
	test.Type(c.Search, "zoe")
	if cohortNames(c) != "Zoë Adeyemi" {
		t.Fatalf("search zoe: %s", cohortNames(c))
	}
	c.Search.SetText("ward 9")
	if cohortNames(c) != "Pat Okafor" {
		t.Fatalf("search by service: %s", cohortNames(c))
	}
	c.Search.SetText("")
	test.Tap(c.OnlyOverdue)
	if cohortNames(c) != "Zoë Adeyemi" {
		t.Fatalf("only overdue: %s", cohortNames(c))
	}
	test.Tap(c.OnlyOverdue)
	c.MonthFilter.SetSelected("Month 1")
	if cohortNames(c) != "Pat Okafor" {
		t.Fatalf("month 1: %s", cohortNames(c))
	}
	c.MonthFilter.SetSelected("Months 1–3")
	if len(c.Shown) != 2 {
		t.Fatalf("months 1–3: %s", cohortNames(c))
	}

	// Choose a row, open the portfolio.
	if !c.Open.Disabled() {
		t.Fatal("Open portfolio is offered before a row is chosen")
	}
	for i, r := range c.Shown {
		if r.Programme.ID == w.zoe.ID {
			c.SelectRow(i)
		}
	}
	if c.Open.Disabled() || c.Open.Text != "Open Zoë Adeyemi's portfolio" {
		t.Fatalf("open button %q", c.Open.Text)
	}
	test.Tap(c.Open)
	if u.Shell.Viewing == nil || u.Shell.Viewing.ID != w.zoe.ID || u.Shell.Current != "dashboard" {
		t.Fatalf("viewing %+v on %s", u.Shell.Viewing, u.Shell.Current)
	}
}

func TestLeadSeesEveryoneAndExportsTheFilteredRows(t *testing.T) {
	w := precWorld(t)
	u := precSignIn(t, w.st, "lead", Options{})
	c := u.Shell.Screen.(*CohortScreen)
	if len(c.Shown) != 3 || c.Count.Text != "3 preceptees · 2 need attention" {
		t.Fatalf("lead sees %s, %q", cohortNames(c), c.Count.Text)
	}
	test.Tap(c.Headers[cohortColPreceptee])
	c.RAGFilter.SetSelected("Needs attention")
	if cohortNames(c) != "Łukasz Nowak,Zoë Adeyemi" { // Ł sorts among the Ls
		t.Fatalf("needs attention: %s", cohortNames(c))
	}
	path := filepath.Join(t.TempDir(), "cohort-2026-11-24.csv")
	wr, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	c.ExportTo(wr)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\uFEFF")) {
		t.Fatal("no byte-order mark for Excel")
	}
	recs, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || strings.Join(recs[0], ",") != strings.Join(report.CohortCSVHeader, ",") {
		t.Fatalf("csv %q", recs)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	get := func(row int, name string) string { return recs[row][col[name]] }
	if get(1, "Preceptee") != "Łukasz Nowak" || get(2, "Preceptee") != "Zoë Adeyemi" || get(1, "Month of programme") != "7" || get(2, "Start date") != "2026-09-07" ||
		get(1, "Status") != "Needs attention" || get(1, "Meetings held") != "0" || get(1, "Meetings expected by now") != "4" || get(1, "Programme ID") == "" {
		t.Fatalf("csv rows %q", recs[1:])
	}
}

type ragMark struct {
	c     color.Color
	sides uint
}

// cohortMarks counts the status shapes drawn, by colour and number of sides.
func cohortMarks(o fyne.CanvasObject) map[ragMark]int {
	out := map[ragMark]int{}
	precWalk(o, func(o fyne.CanvasObject) {
		if p, ok := o.(*canvas.Polygon); ok && p.Visible() {
			out[ragMark{p.FillColor, p.Sides}]++
		}
	})
	return out
}

// The chosen row is one solid band across the table: its tint was broken at every column's
// gap, with the table's own mark making one cell darker than the rest.
func TestTheChosenRowIsOneBand(t *testing.T) {
	w := precWorld(t)
	u := precSignIn(t, w.st, "lin", Options{})
	u.Window.Resize(fyne.NewSize(1366, 768))
	c := u.Shell.Screen.(*CohortScreen)
	c.SelectRow(0)
	d := fyne.CurrentApp().Driver()
	var tints []canvas.Rectangle // the chosen row's tints, left to right, where drawn
	var pos []fyne.Position
	precWalk(c.Table, func(o fyne.CanvasObject) {
		cell, ok := o.(*cohortCell)
		if !ok || cell.id.Row != 0 || !cell.Visible() {
			return
		}
		bg := cell.content.Objects[0].(*canvas.Rectangle)
		tints, pos = append(tints, *bg), append(pos, d.AbsolutePositionForObject(bg))
	})
	if len(tints) < 4 {
		t.Fatalf("the chosen row has %d cells drawn", len(tints))
	}
	idx := make([]int, len(tints))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return int(pos[a].X - pos[b].X) })
	for n, i := range idx {
		if _, _, _, a := tints[i].FillColor.RGBA(); a != 0xFFFF {
			t.Errorf("cell %d of the chosen row is tinted see-through (%v): the table's mark shows through", n, tints[i].FillColor)
		}
		if n > 0 {
			prev := idx[n-1]
			if gap := pos[i].X - (pos[prev].X + tints[prev].Size().Width); gap > 0.5 {
				t.Errorf("a gap of %.1f between cells %d and %d of the chosen row's tint", gap, n-1, n)
			}
		}
	}
}

// At 150 % text on a small screen the cohort table keeps room for six preceptees (the screen
// scrolls): the filters above it left it one row.
func TestTheCohortTableKeepsRoomForSixRows(t *testing.T) {
	w := precWorld(t)
	u := precSignIn(t, w.st, "lead", Options{})
	fyne.CurrentApp().Settings().SetTheme(Theme{Variant: ThemeContrast, TextScale: 1.5})
	u.Window.Resize(fyne.NewSize(1024, 615))
	c := u.Shell.Screen.(*CohortScreen)
	c.s.Show("home")
	c = u.Shell.Screen.(*CohortScreen)
	u.Window.Resize(fyne.NewSize(1024, 616))
	row := fyne.MeasureText("Ag", fyne.CurrentApp().Settings().Theme().Size("text"), fyne.TextStyle{}).Height
	if h := c.Table.Size().Height; h < cohortHeadingHeight+6*row {
		t.Errorf("the cohort table is %v high at 150 %%: room for %.1f rows of %v", h, (h-cohortHeadingHeight)/row, row)
	}
}
