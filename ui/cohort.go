package ui

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
	"pursuit/report"
)

// CohortScreen is the line manager's and the lead's overview: every preceptee they oversee
// in one sortable, filterable table — month of the programme, "must" progress, meetings,
// overdue items, expiring training, open concerns and a red/amber/green status — with an
// export to CSV for a spreadsheet.
type CohortScreen struct {
	actual []float32 // the columns' widths as laid out, for shortening names that do not fit
	s      *Shell
	today  model.Date

	All   []model.CohortRow // everything the store returned
	Shown []model.CohortRow // after the filters, in the chosen order

	Search       *Field
	MonthFilter  *Select
	RAGFilter    *Select
	OnlyOverdue  *widget.Check
	OnlyConcerns *widget.Check
	OnlyTraining *widget.Check
	Clear        *Button
	Count        *widget.Label
	Table        *widget.Table
	Headers      []*Button      // one per column: tap to sort, tap again to reverse
	sortMarks    []*widget.Icon // the arrow on the sorted column's heading
	Open         *Button
	Export       *Button
	Report       *Button
	Reported     string // the cohort report last written, for tests

	SortColumn int
	Descending bool

	selected  string // programme id of the chosen row
	restoring bool   // putting back how the cohort was left: not a change to keep
	gone      bool   // left: the rows are let go
	sorting   bool   // reselecting after a sort: one refresh follows
	widths    []float32
	tableBox  *fyne.Container
	root      *fyne.Container
}

// cohortView is how the lead left the cohort: filters, sort and the chosen preceptee. The
// shell keeps it, so that coming back from a portfolio finds the cohort as it was.
type cohortView struct {
	search, month, rag          string
	overdue, concerns, training bool
	sortColumn                  int
	descending                  bool
	selected                    string
}

// view is the cohort's filters, sort and choice now.
func (c *CohortScreen) view() *cohortView {
	return &cohortView{search: c.Search.Text, month: c.MonthFilter.Selected, rag: c.RAGFilter.Selected,
		overdue: c.OnlyOverdue.Checked, concerns: c.OnlyConcerns.Checked, training: c.OnlyTraining.Checked,
		sortColumn: c.SortColumn, descending: c.Descending, selected: c.selected}
}

// restore puts back the filters, sort and choice of v (before the rows are read).
func (c *CohortScreen) restore(v *cohortView) {
	c.restoring = true
	defer func() { c.restoring = false }()
	c.Search.SetText(v.search)
	c.MonthFilter.SetSelected(v.month)
	c.RAGFilter.SetSelected(v.rag)
	c.OnlyOverdue.SetChecked(v.overdue)
	c.OnlyConcerns.SetChecked(v.concerns)
	c.OnlyTraining.SetChecked(v.training)
	c.SortColumn, c.Descending, c.selected = v.sortColumn, v.descending, v.selected
	c.markSort()
}

// The columns of the cohort table.
// The status comes next to the name: it is what a lead scans first, and on a narrow window
// it stays in view while the counts at the right scroll.
const (
	cohortColPreceptee = iota
	cohortColRAG
	cohortColPreceptor
	cohortColMonth
	cohortColMust
	cohortColLastMeeting
	cohortColNextMeeting
	cohortColOverdue
	cohortColTraining
	cohortColConcerns
	cohortColumns
)

// cohortColumn says how one column reads, sorts and looks.
type cohortColumn struct {
	title     string
	text      func(r *model.CohortRow) string
	compare   func(a, b *model.CohortRow) int // ascending
	worstTop  bool                            // the first tap sorts largest first
	flexible  bool                            // shares the spare width, or gives some up
	minWidth  float32                         // for flexible columns: the least they shrink to
	maxWidth  float32
	highlight func(r *model.CohortRow, today model.Date) widget.Importance
}

// least is the narrowest a flexible column gets, at the text size chosen in Settings.
func (c cohortColumn) least() float32 { return c.minWidth * theme.TextSize() / 15 }

func cohortCount(n int) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprint(n)
}

func cohortMonth(r *model.CohortRow) string {
	if r.Month <= 0 {
		return "Not started"
	}
	return fmt.Sprintf("%d of %d", r.Month, r.TotalMonths)
}

func cohortMust(r *model.CohortRow) string {
	if r.MustTotal == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d", r.MustSignedOff, r.MustTotal)
}

func cohortMustShare(r *model.CohortRow) float64 {
	if r.MustTotal == 0 {
		return 0
	}
	return float64(r.MustSignedOff) / float64(r.MustTotal)
}

func cohortRAGRank(r model.RAG) int {
	switch r {
	case model.Red:
		return 3
	case model.Amber:
		return 2
	case model.Green:
		return 1
	}
	return 0
}

// cohortDateCompare puts a missing date after every real one.
func cohortDateCompare(a, b model.Date) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

func cohortWhenDanger(n int) widget.Importance {
	if n > 0 {
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

func cohortWhenWarning(n int) widget.Importance {
	if n > 0 {
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

var cohortColumnSpecs = [cohortColumns]cohortColumn{
	cohortColPreceptee: {title: "Preceptee", flexible: true, minWidth: 120, maxWidth: 260,
		text: func(r *model.CohortRow) string { return r.Preceptee },
		compare: func(a, b *model.CohortRow) int {
			return strings.Compare(cohortFold(a.Preceptee), cohortFold(b.Preceptee))
		}},
	cohortColPreceptor: {title: "Preceptor", flexible: true, minWidth: 100, maxWidth: 220,
		text: func(r *model.CohortRow) string { return r.Preceptor },
		compare: func(a, b *model.CohortRow) int {
			return strings.Compare(cohortFold(a.Preceptor), cohortFold(b.Preceptor))
		}},
	cohortColMonth: {title: "Month", text: cohortMonth,
		compare: func(a, b *model.CohortRow) int { return cmp.Compare(a.Month, b.Month) }},
	cohortColMust: {title: "Must", text: cohortMust,
		compare: func(a, b *model.CohortRow) int { return cmp.Compare(cohortMustShare(a), cohortMustShare(b)) }},
	cohortColLastMeeting: {title: "Last met",
		text:    func(r *model.CohortRow) string { return r.LastMeeting.Display() },
		compare: func(a, b *model.CohortRow) int { return cohortDateCompare(a.LastMeeting, b.LastMeeting) }},
	cohortColNextMeeting: {title: "Next due",
		text:    func(r *model.CohortRow) string { return r.NextMeeting.Display() },
		compare: func(a, b *model.CohortRow) int { return cohortDateCompare(a.NextMeeting, b.NextMeeting) },
		highlight: func(r *model.CohortRow, today model.Date) widget.Importance {
			if !r.NextMeeting.IsZero() && r.NextMeeting.Before(today) {
				return widget.DangerImportance
			}
			return widget.MediumImportance
		}},
	cohortColOverdue: {title: "Overdue", worstTop: true,
		text:      func(r *model.CohortRow) string { return cohortCount(r.Overdue) },
		compare:   func(a, b *model.CohortRow) int { return cmp.Compare(a.Overdue, b.Overdue) },
		highlight: func(r *model.CohortRow, _ model.Date) widget.Importance { return cohortWhenDanger(r.Overdue) }},
	cohortColTraining: {title: "Training", worstTop: true,
		text:      func(r *model.CohortRow) string { return cohortCount(r.ExpiringTraining) },
		compare:   func(a, b *model.CohortRow) int { return cmp.Compare(a.ExpiringTraining, b.ExpiringTraining) },
		highlight: func(r *model.CohortRow, _ model.Date) widget.Importance { return cohortWhenWarning(r.ExpiringTraining) }},
	cohortColConcerns: {title: "Concerns", worstTop: true,
		text:      func(r *model.CohortRow) string { return cohortCount(r.OpenConcerns) },
		compare:   func(a, b *model.CohortRow) int { return cmp.Compare(a.OpenConcerns, b.OpenConcerns) },
		highlight: func(r *model.CohortRow, _ model.Date) widget.Importance { return cohortWhenWarning(r.OpenConcerns) }},
	cohortColRAG: {title: "Status", worstTop: true, flexible: true, minWidth: 70, maxWidth: 170, // a shape, and the words where they fit
		text:    func(r *model.CohortRow) string { return ragLabel(r.RAG) },
		compare: func(a, b *model.CohortRow) int { return cmp.Compare(cohortRAGRank(a.RAG), cohortRAGRank(b.RAG)) }},
}

// Filter choices.
var (
	cohortMonthOptions = []string{"Any month", "Months 1–3", "Months 4–6", "Months 7–9", "Months 10–12", "Beyond 12 (extended)",
		"Month 1", "Month 2", "Month 3", "Month 4", "Month 5", "Month 6", "Month 7", "Month 8", "Month 9", "Month 10", "Month 11", "Month 12", "Not started yet"}
	cohortRAGOptions = []string{"Any status", "Needs attention", "Keep an eye on", "On track"}
)

func newCohortScreen(s *Shell) *CohortScreen {
	c := &CohortScreen{s: s, today: model.DateOf(s.u.st.Now()), SortColumn: cohortColRAG, Descending: true}
	c.Search = newField()
	c.Search.SetPlaceHolder("Search by name, preceptor or service (Ctrl+F)")
	c.Search.OnChanged = func(string) { s.u.Idle.Touch(); c.filter() }
	c.MonthFilter = newSelect(cohortMonthOptions, nil)
	c.MonthFilter.SetSelectedIndex(0)
	c.MonthFilter.OnChanged = func(string) { c.filter() }
	c.RAGFilter = newSelect(cohortRAGOptions, nil)
	c.RAGFilter.SetSelectedIndex(0)
	c.RAGFilter.OnChanged = func(string) { c.filter() }
	c.OnlyOverdue = widget.NewCheck("With overdue items", func(bool) { c.filter() })
	c.OnlyConcerns = widget.NewCheck("With open concerns", func(bool) { c.filter() })
	c.OnlyTraining = widget.NewCheck("With training expiring", func(bool) { c.filter() })
	c.Clear = newButtonWithIcon("Clear filters", theme.ContentClearIcon(), c.clearFilters)
	c.Clear.Importance = widget.LowImportance
	c.Count = widget.NewLabelWithStyle("Loading the cohort…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.Open = newButtonWithIcon("Open portfolio", theme.FolderOpenIcon(), c.openSelected)
	c.Open.Importance = widget.HighImportance
	c.Open.Disable()
	c.Export = newButtonWithIcon("Export CSV…", theme.DocumentSaveIcon(), c.chooseExport)
	c.Export.Disable()
	c.Report = newButtonWithIcon("Report PDF…", theme.DocumentPrintIcon(), c.chooseReport)
	c.Report.Disable()

	for i := range cohortColumns {
		b := newButton(cohortColumnSpecs[i].title, func() { s.u.Idle.Touch(); c.SortBy(i) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		c.Headers = append(c.Headers, b)
		c.sortMarks = append(c.sortMarks, widget.NewIcon(nil))
	}
	c.Table = widget.NewTable(func() (int, int) { return len(c.Shown), cohortColumns }, c.newCell, c.updateCell)
	c.Table.ShowHeaderRow = true
	c.Table.CreateHeader = func() fyne.CanvasObject {
		// UpdateHeader puts the column's own button in its place, with the sort arrow
		// drawn over the button's trailing edge so it costs little width. The table makes
		// every row at least as tall as this template, so it asks for no height: the rows
		// are a line of text each (the rows are what the lead came to see), and the
		// headings' row is given its own height below.
		return container.NewStack()
	}
	c.Table.SetRowHeight(-1, cohortHeadingHeight)
	c.Table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		box := o.(*fyne.Container)
		if id.Col < 0 || id.Col >= len(c.Headers) || c.hiddenCol(id.Col) {
			box.Objects = nil
		} else {
			mark := container.NewBorder(nil, nil, nil, container.NewCenter(container.New(&fixedSize{fyne.NewSize(12, 12)}, c.sortMarks[id.Col])))
			box.Objects = []fyne.CanvasObject{c.Headers[id.Col], container.New(layout.NewCustomPaddedLayout(0, 0, 0, 2), mark)}
		}
		box.Refresh()
	}
	c.Table.OnSelected = func(id widget.TableCellID) {
		s.u.Idle.Touch()
		if id.Row >= 0 && id.Row < len(c.Shown) {
			c.choose(c.Shown[id.Row].Programme.ID)
			if !c.sorting {
				c.Table.Refresh() // the chosen row's tint
			}
		}
	}
	c.markSort()
	if s.cohortView != nil {
		c.restore(s.cohortView)
	}

	title := "Cohort — your team"
	if s.ss.User.Role == model.RoleLead {
		title = "Cohort — every preceptee in the Trust"
	}
	// Every line above the table is one the table's rows pay for: the buttons share the
	// title's line, the filters one line and the ticks the count's, so that a lead at a
	// 1366×768 ward PC sees at least twelve preceptees at once. On a narrow window each
	// line wraps rather than pushing anything out of reach.
	head := flow(heading(title, 22), c.Open, c.Report, c.Export)
	filters := flowGrow(260, c.Search, c.MonthFilter, c.RAGFilter, c.Clear)
	ticks := flow(c.Count, c.OnlyOverdue, c.OnlyConcerns, c.OnlyTraining)
	top := container.NewVBox(head, filters, ticks)
	c.tableBox = container.NewStack(container.NewCenter(widget.NewLabel("Loading the cohort…")))
	bg := canvas.NewRectangle(col(colorSurface))
	bg.StrokeColor = col(colorBorder)
	bg.StrokeWidth = 1
	bg.CornerRadius = 6
	c.root = container.NewBorder(top, nil, nil, nil, container.NewStack(bg, container.NewPadded(c.tableBox)))
	c.load()
	return c
}

func (c *CohortScreen) content() fyne.CanvasObject { return c.root }

// leave lets go of the rows: a Trust's cohort is a megabyte or two for each screen left.
func (c *CohortScreen) leave()       { c.gone, c.All, c.Shown = true, nil, nil }
func (c *CohortScreen) focusSearch() { c.s.u.Window.Canvas().Focus(c.Search) }

// load reads the cohort from the store.
func (c *CohortScreen) load() {
	var rows []model.CohortRow
	c.s.run(func(ctx context.Context) (err error) {
		rows, err = c.s.ss.Cohort(ctx)
		return err
	}, func() {
		if c.gone {
			return
		}
		c.All = rows
		if len(rows) == 0 {
			msg := "No preceptees in your team yet. When a programme names you as line manager, the preceptee appears here."
			if c.s.ss.User.Role == model.RoleLead {
				msg = "No preceptees yet. Programmes set up under People and programmes appear here."
			}
			c.tableBox.Objects = []fyne.CanvasObject{placeholder(msg)}
		} else {
			c.tableBox.Objects = []fyne.CanvasObject{container.New(&cohortFit{c: c}, c.Table)}
		}
		c.tableBox.Refresh()
		c.measure()
		c.filter()
	})
}

// filter rebuilds Shown from the search box, the selects and the ticks, then sorts it.
func (c *CohortScreen) filter() {
	q := cohortFold(strings.TrimSpace(c.Search.Text))
	lo, hi := cohortMonthRange(c.MonthFilter.Selected)
	rag := model.RAG("")
	switch c.RAGFilter.Selected {
	case "Needs attention":
		rag = model.Red
	case "Keep an eye on":
		rag = model.Amber
	case "On track":
		rag = model.Green
	}
	if !c.restoring {
		c.s.cohortView = c.view()
	}
	c.Shown = c.Shown[:0]
	for _, r := range c.All {
		if q != "" && !strings.Contains(cohortFold(r.Preceptee+" "+r.Preceptor+" "+r.Programme.Service+" "+model.ProfessionByKey(r.Programme.Profession).Label), q) {
			continue
		}
		if r.Month < lo || r.Month > hi {
			continue
		}
		if rag != "" && r.RAG != rag {
			continue
		}
		if (c.OnlyOverdue.Checked && r.Overdue == 0) || (c.OnlyConcerns.Checked && r.OpenConcerns == 0) || (c.OnlyTraining.Checked && r.ExpiringTraining == 0) {
			continue
		}
		c.Shown = append(c.Shown, r)
	}
	c.sort()
	c.countLine()
	if len(c.All) > 0 {
		c.Export.Enable()
		c.Report.Enable()
	}
}

// cohortMonthRange turns a month choice into the months it covers (inclusive).
func cohortMonthRange(choice string) (int, int) {
	switch choice {
	case "", "Any month":
		return 0, 1 << 30
	case "Months 1–3":
		return 1, 3
	case "Months 4–6":
		return 4, 6
	case "Months 7–9":
		return 7, 9
	case "Months 10–12":
		return 10, 12
	case "Beyond 12 (extended)":
		return 13, 1 << 30
	case "Not started yet":
		return 0, 0
	}
	var n int
	if _, err := fmt.Sscanf(choice, "Month %d", &n); err == nil {
		return n, n
	}
	return 0, 1 << 30
}

// SortBy sorts by a column: a new column sorts the natural way (names A–Z, dates earliest
// first, problems largest first); the same column again reverses.
func (c *CohortScreen) SortBy(col int) {
	if col == c.SortColumn {
		c.Descending = !c.Descending
	} else {
		c.SortColumn, c.Descending = col, cohortColumnSpecs[col].worstTop
	}
	c.markSort()
	c.sort()
	c.s.cohortView = c.view()
}

func (c *CohortScreen) markSort() {
	for i, m := range c.sortMarks {
		switch {
		case i != c.SortColumn:
			m.SetResource(nil)
		case c.Descending:
			m.SetResource(theme.MoveDownIcon())
		default:
			m.SetResource(theme.MoveUpIcon())
		}
	}
}

func (c *CohortScreen) sort() {
	spec := cohortColumnSpecs[c.SortColumn]
	slices.SortStableFunc(c.Shown, func(a, b model.CohortRow) int {
		n := spec.compare(&a, &b)
		if c.Descending {
			n = -n
		}
		if n == 0 { // ties keep a stable, readable order: by name
			n = strings.Compare(cohortFold(a.Preceptee), cohortFold(b.Preceptee))
		}
		return n
	})
	c.reselect()
	c.Table.Refresh()
}

// reselect keeps the chosen preceptee chosen when the rows move, or drops the choice when
// the filters hide them.
func (c *CohortScreen) reselect() {
	if len(c.All) == 0 {
		return // nothing read yet: the choice stands until the rows are there
	}
	for i, r := range c.Shown {
		if r.Programme.ID == c.selected && c.selected != "" {
			c.sorting = true // the caller refreshes the table once
			c.Table.Select(widget.TableCellID{Row: i, Col: 0})
			c.sorting = false
			return
		}
	}
	c.selected = ""
	c.Table.UnselectAll()
	c.Open.SetText("Open portfolio")
	c.Open.Disable()
}

func (c *CohortScreen) choose(programmeID string) {
	c.selected = programmeID
	if !c.restoring && c.s.cohortView != nil {
		c.s.cohortView.selected = programmeID
	}
	if r := c.Selected(); r != nil {
		c.Open.SetText("Open " + r.Preceptee + "'s portfolio")
		c.Open.Enable()
	}
}

// Selected is the chosen row, or nil.
func (c *CohortScreen) Selected() *model.CohortRow {
	for i := range c.Shown {
		if c.Shown[i].Programme.ID == c.selected && c.selected != "" {
			return &c.Shown[i]
		}
	}
	return nil
}

// SelectRow chooses the row at index i of the table, as a tap or Space does.
func (c *CohortScreen) SelectRow(i int) { c.Table.Select(widget.TableCellID{Row: i, Col: 0}) }

func (c *CohortScreen) openSelected() {
	if r := c.Selected(); r != nil {
		c.s.ViewPortfolio(r.Programme, r.Preceptee)
	}
}

func (c *CohortScreen) clearFilters() {
	c.Search.SetText("")
	c.MonthFilter.SetSelectedIndex(0)
	c.RAGFilter.SetSelectedIndex(0)
	c.OnlyOverdue.SetChecked(false)
	c.OnlyConcerns.SetChecked(false)
	c.OnlyTraining.SetChecked(false)
	c.filter()
}

// countLine is "24 preceptees · 7 need attention", or "Showing 5 of 24 …" when filtered.
func (c *CohortScreen) countLine() {
	red, amber := 0, 0
	for _, r := range c.Shown {
		switch r.RAG {
		case model.Red:
			red++
		case model.Amber:
			amber++
		}
	}
	plural := func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	}
	var b strings.Builder
	if len(c.Shown) == len(c.All) {
		fmt.Fprintf(&b, "%d %s", len(c.All), plural(len(c.All), "preceptee", "preceptees"))
	} else {
		fmt.Fprintf(&b, "Showing %d of %d %s", len(c.Shown), len(c.All), plural(len(c.All), "preceptee", "preceptees"))
	}
	fmt.Fprintf(&b, " · %d %s", red, plural(red, "needs attention", "need attention"))
	if amber > 0 {
		fmt.Fprintf(&b, " · %d to keep an eye on", amber)
	}
	c.Count.SetText(b.String())
	if len(c.All) > 0 && len(c.Shown) == 0 {
		c.Count.SetText(fmt.Sprintf("No preceptees match these filters (of %d).", len(c.All)))
	}
}

// CellText is what the table shows in a cell of the shown rows.
func (c *CohortScreen) CellText(row, col int) string {
	return cohortColumnSpecs[col].text(&c.Shown[row])
}

// cohortCell is one cell of the table: a click chooses its row, a double click opens the
// preceptee's portfolio.
type cohortCell struct {
	widget.BaseWidget
	c       *CohortScreen
	id      widget.TableCellID
	content *fyne.Container
}

func (x *cohortCell) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(x.content) }

// Tapped chooses the row, and gives the table the keyboard (the arrows move the choice).
func (x *cohortCell) Tapped(*fyne.PointEvent) {
	x.c.Table.Select(x.id)
	if cv := fyne.CurrentApp().Driver().CanvasForObject(x.c.Table); cv != nil {
		cv.Focus(x.c.Table)
	}
}

// DoubleTapped opens the portfolio of the row's preceptee.
func (x *cohortCell) DoubleTapped(*fyne.PointEvent) {
	x.c.Table.Select(x.id)
	x.c.openSelected()
}

// A cell: a tint behind the chosen row, a mark (the status column's shape, or the yellow
// dot beside expiring training and concerns) and the text.
func (c *CohortScreen) newCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	circle := canvas.NewCircle(NHSMidGrey)
	shape := canvas.NewPolygon(3, NHSRed)
	dotBox := container.NewCenter(container.New(&fixedSize{fyne.NewSize(14, 14)}, circle, shape))
	// A plain text, not a label: a table of hundreds of cells lays out several times faster.
	l := canvas.NewText("", col(theme.ColorNameForeground))
	l.TextSize = theme.TextSize()
	// Little air above and below: the rows are what the lead came to see.
	cell := &cohortCell{c: c, content: container.New(bleedLayout{}, bg, container.NewBorder(nil, nil, dotBox, nil, container.New(layout.NewCustomPaddedLayout(3, 3, cohortCellPad, cohortCellPad), l)))}
	cell.ExtendBaseWidget(cell)
	return cell
}

// bleedLayout lays its first object (a cell's tint) over the gaps round the cell too, so
// that the chosen row is one band across the table, not a tint broken at every column; the
// others fill the cell.
type bleedLayout struct{}

func (bleedLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs[1:] {
		m = m.Max(o.MinSize())
	}
	return m
}

func (bleedLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	gap := theme.Padding() // the table's gap between two cells, its divider in the middle
	objs[0].Move(fyne.NewPos(-gap/2, -gap/2))
	objs[0].Resize(size.AddWidthHeight(gap, gap))
	for _, o := range objs[1:] {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// cohortCellPad is the air each side of a cell's text.
const cohortCellPad = 4

// cohortHeadingHeight is the height of the row of column headings (buttons).
const cohortHeadingHeight = 30

// ragShape gives each status its own shape as well as its colour, so that it is read
// without colour vision too: a triangle for attention, a diamond to keep an eye on, a
// circle on track.
func ragShape(r model.RAG) uint {
	switch r {
	case model.Red:
		return 3
	case model.Amber:
		return 4
	}
	return 40
}

func (c *CohortScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < 0 || id.Row >= len(c.Shown) || id.Col < 0 || id.Col >= cohortColumns {
		return
	}
	r := &c.Shown[id.Row]
	spec := cohortColumnSpecs[id.Col]
	cell := o.(*cohortCell)
	cell.id = id
	stack := cell.content
	bg := stack.Objects[0].(*canvas.Rectangle)
	inner := stack.Objects[1].(*fyne.Container)
	l := inner.Objects[0].(*fyne.Container).Objects[0].(*canvas.Text)
	dotBox := inner.Objects[1].(*fyne.Container)

	if r.Programme.ID == c.selected && c.selected != "" {
		// Solid, so the table's own mark of the chosen cell under it does not show as a
		// darker patch in one cell of the row.
		bg.FillColor = over(col(theme.ColorNameSelection), col(colorSurface))
	} else {
		bg.FillColor = color.Transparent
	}
	bg.Refresh()

	marks := dotBox.Objects[0].(*fyne.Container)
	circle, shape := marks.Objects[0].(*canvas.Circle), marks.Objects[1].(*canvas.Polygon)
	hadDot := dotBox.Visible()
	defer func() { // lay the cell out again only when the mark came or went
		if dotBox.Visible() != hadDot {
			inner.Refresh()
		}
	}()
	showDot := func(c color.Color) {
		circle.FillColor = c
		circle.Show()
		shape.Hide()
		circle.Refresh()
		dotBox.Show()
	}
	l.TextStyle = fyne.TextStyle{Bold: id.Col == cohortColPreceptee}
	l.Color = col(theme.ColorNameForeground)
	if c.hiddenCol(id.Col) { // given way on a narrow window: nothing drawn over its neighbour
		l.Text = ""
		l.Refresh()
		dotBox.Hide()
		return
	}
	switch id.Col {
	case cohortColRAG:
		shape.FillColor, shape.Sides = ragColor(r.RAG), ragShape(r.RAG)
		circle.Hide()
		shape.Show()
		shape.Refresh()
		dotBox.Show()
		l.Text = spec.text(r)
		if len(c.actual) == cohortColumns && fyne.MeasureText(l.Text, l.TextSize, l.TextStyle).Width > c.actual[id.Col]-30 {
			l.Text = "" // no room for the words: the shape alone, as the count line explains
		}
		l.Refresh()
		return
	case cohortColTraining, cohortColConcerns: // the dot's place is kept, so the numbers line up
		showDot(color.Transparent)
	default:
		dotBox.Hide()
	}
	if spec.highlight != nil {
		switch imp := spec.highlight(r, c.today); imp {
		case widget.DangerImportance: // red text reads well on white
			l.Color, l.TextStyle.Bold = NHSRed, true
		case widget.WarningImportance: // yellow text does not: a yellow dot beside it
			l.TextStyle.Bold = true
			showDot(NHSYellow)
		}
	}
	l.Text = spec.text(r)
	if spec.flexible && len(c.actual) == cohortColumns { // only the name columns shrink; the others fit their widest value
		l.Text = cohortClip(l.Text, c.actual[id.Col]-2*cohortCellPad-2, l.TextSize, l.TextStyle)
	}
	l.Refresh()
}

// cohortClip shortens text with an ellipsis to fit width.
func cohortClip(text string, width, size float32, style fyne.TextStyle) string {
	if width <= 0 || fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	r := []rune(text)
	for len(r) > 1 && fyne.MeasureText(string(r)+"…", size, style).Width > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// measure works out each column's natural width from its heading and the widest value.
func (c *CohortScreen) measure() {
	size := theme.TextSize()
	pad := float32(2*cohortCellPad + 4)
	c.widths = make([]float32, cohortColumns)
	dotRoom := func(col int) float32 { // the yellow dot beside expiring training and concerns
		if col == cohortColTraining || col == cohortColConcerns || col == cohortColRAG {
			return 14 + theme.Padding()
		}
		return 0
	}
	for i, b := range c.Headers {
		w := fyne.MeasureText(b.Text, size, fyne.TextStyle{Bold: true}).Width + pad + 4 // the sort arrow sits over the padding
		for _, t := range cohortLongest(c.All, cohortColumnSpecs[i].text, 4) {
			// Bold, as highlighted values are.
			w = max(w, fyne.MeasureText(t, size, fyne.TextStyle{Bold: true}).Width+pad+dotRoom(i))
		}
		if m := cohortColumnSpecs[i].maxWidth; m > 0 {
			w = min(w, m)
		}
		c.widths[i] = w
	}
}

// cohortLongest is the n texts of a column with the most letters: measuring those finds the
// column's width without shaping every value of a Trust-wide cohort.
func cohortLongest(rows []model.CohortRow, text func(*model.CohortRow) string, n int) []string {
	var out []string
	for i := range rows {
		t := text(&rows[i])
		out = append(out, t)
		if len(out) > 4*n {
			slices.SortFunc(out, func(a, b string) int { return cmp.Compare(utf8.RuneCountInString(b), utf8.RuneCountInString(a)) })
			out = slices.Compact(out[:n])
		}
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Compare(utf8.RuneCountInString(b), utf8.RuneCountInString(a)) })
	return out[:min(n, len(out))]
}

// cohortFit gives the table its column widths for the space it has: every column its
// natural width, and what is left over shared by the two name columns.
type cohortFit struct{ c *CohortScreen }

// MinSize asks for at least cohortLeastRows rows: at 150 % text on a small screen the
// filters above left the table one row, and the screen scrolls instead.
func (f *cohortFit) MinSize(objs []fyne.CanvasObject) fyne.Size {
	row := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{Bold: true}).Height + 6 + theme.Padding()
	return fyne.NewSize(200, cohortHeadingHeight+theme.Padding()+cohortLeastRows*row+16)
}

// cohortLeastRows is how many preceptees the cohort table always has room for.
const cohortLeastRows = 6

func (f *cohortFit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	c := f.c
	if len(c.widths) == cohortColumns {
		sep := theme.Padding()
		room := size.Width - 16 // room for the scroll bar
		// On a narrow window the date of the last meeting gives way first (the next one
		// due is what needs acting on); after that, the table scrolls sideways.
		hidden := -1
		if cohortLeast(c.widths, sep, -1) > room {
			hidden = cohortColLastMeeting
		}
		var total float32
		flex := 0
		for i, w := range c.widths {
			if i == hidden {
				continue
			}
			total += w + sep
			if cohortColumnSpecs[i].flexible {
				flex++
			}
		}
		spare := room - total
		var give float32 // how much the flexible columns can shrink
		for i, w := range c.widths {
			if spec := cohortColumnSpecs[i]; spec.flexible {
				give += max(0, w-spec.least())
			}
		}
		if len(c.actual) != cohortColumns {
			c.actual = make([]float32, cohortColumns)
		}
		for i, w := range c.widths {
			spec := cohortColumnSpecs[i]
			switch {
			case i == hidden:
				w = 0
			case !spec.flexible:
			case spare > 0:
				w += spare / float32(flex)
			case give > 0: // too narrow: names give up width (and truncate) before anything scrolls
				w -= min(-spare, give) * max(0, w-spec.least()) / give
			}
			c.actual[i] = w
			c.Table.SetColumnWidth(i, w)
		}
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// hiddenCol reports whether a column has given way to a narrow window.
func (c *CohortScreen) hiddenCol(col int) bool {
	return len(c.actual) == cohortColumns && c.actual[col] == 0
}

// cohortLeast is the narrowest the table can be with every column shown but skip: the
// flexible columns at their least, the others at their natural width.
func cohortLeast(widths []float32, sep float32, skip int) float32 {
	var w float32
	for i, n := range widths {
		if i == skip {
			continue
		}
		if spec := cohortColumnSpecs[i]; spec.flexible {
			n = min(n, spec.least())
		}
		w += n + sep
	}
	return w
}

// chooseExport asks where to save the CSV of the rows on show.
func (c *CohortScreen) chooseExport() {
	c.s.saveAs("cohort-"+c.today.String()+".csv", ".csv", c.ExportTo)
}

// chooseReport asks where to save the cohort report PDF of the rows on show.
func (c *CohortScreen) chooseReport() {
	c.s.saveAs("cohort report "+c.today.String()+".pdf", ".pdf", func(w fyne.URIWriteCloser) { c.ReportTo(w, w.URI().Path()) })
}

// ReportTo writes the cohort report of the rows on show, in their order, as a PDF for the
// preceptorship audit, and opens it.
func (c *CohortScreen) ReportTo(w io.WriteCloser, path string) {
	rows := slices.Clone(c.Shown)
	c.s.run(func(ctx context.Context) error {
		var buf bytes.Buffer
		err := report.CohortReport(ctx, &buf, rows, DocumentFonts(), "Preceptorship cohort report", c.today)
		if err == nil {
			_, err = w.Write(buf.Bytes())
		}
		if err = errors.Join(err, w.Close()); err != nil {
			os.Remove(path)
		}
		return err
	}, func() {
		c.Reported = path
		// Said here whether or not a PDF viewer opens it: a viewer can take a while to
		// come up, or open behind the window.
		c.s.toast("Saved the cohort report to " + path)
		_ = c.s.u.opt.OpenFile(path)
	})
}

// ExportTo writes the rows on show, in their order, as CSV and says where it went.
func (c *CohortScreen) ExportTo(w fyne.URIWriteCloser) {
	rows := slices.Clone(c.Shown)
	path := w.URI().Path()
	c.s.run(func(context.Context) error {
		err := report.CohortCSV(w, rows, c.today)
		return errors.Join(err, w.Close())
	}, func() {
		n := fmt.Sprintf("%d preceptees", len(rows))
		if len(rows) == 1 {
			n = "1 preceptee"
		}
		c.s.toast("Saved " + n + " to " + path)
	})
}

// cohortFold makes text comparable the way a person reads it: lower case, without accents,
// so "zoe" finds Zoë and Łukasz sorts among the Ls.
func cohortFold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		if f, ok := cohortFolds[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var cohortFolds = func() map[rune]string {
	m := map[rune]string{}
	for base, letters := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ďđ", "e": "èéêëēĕėęě", "g": "ĝğġģ", "h": "ĥħ",
		"i": "ìíîïĩīĭįı", "j": "ĵ", "k": "ķ", "l": "ĺļľŀł", "n": "ñńņňŉ", "o": "òóôõöøōŏő",
		"r": "ŕŗř", "s": "śŝşšș", "t": "ţťŧț", "u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
		"ae": "æ", "oe": "œ", "ss": "ß", "th": "þ", "dh": "ð",
	} {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()
