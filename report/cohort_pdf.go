package report

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"pursuit/model"
)

// The cohort report is A4 landscape, so that a row per preceptee carries every figure a
// lead reads across; millimetres.
const (
	cohortPDFW       = 297.0
	cohortPDFH       = 210.0
	cohortPDFMarginL = 14.0
	cohortPDFMarginT = 20.0
	cohortPDFMarginB = 17.0
	cohortPDFTextW   = cohortPDFW - 2*cohortPDFMarginL
	cohortPDFRowH    = 10.0
	cohortPDFHeadH   = 10.0
)

// NHS red, amber (orange) and green for the status column.
var (
	cohortPDFRed   = [3]int{218, 41, 28}
	cohortPDFAmber = [3]int{237, 139, 0}
	cohortPDFGreen = [3]int{0, 150, 57}
)

// cohortPDFGroups are the table's three parts, most urgent first.
var cohortPDFGroups = []struct {
	RAG          model.RAG
	Title, Count string // "Needs attention"; "5 needing attention"
	Colour       [3]int
	Tint         [3]int
}{
	{model.Red, "Needs attention", "needing attention", cohortPDFRed, [3]int{252, 232, 230}},
	{model.Amber, "Keep an eye on", "keep an eye on", cohortPDFAmber, [3]int{253, 241, 222}},
	{model.Green, "On track", "on track", cohortPDFGreen, [3]int{226, 243, 232}},
}

var cohortPDFColumns = []column{
	{"Preceptee", 55}, {"Preceptor / line manager", 37}, {"Month", 17}, {"Must signed off", 25}, {"Meetings: last, held", 23},
	{"Next meeting due", 26}, {"Overdue items", 18}, {"Expiring training", 19}, {"Open concerns", 19}, {"Status", 30},
}

type cohortPDFDoc struct {
	pdf     *page
	title   string
	today   model.Date
	total   int
	inTable bool // a page break inside the table repeats its heading row
	shade   int  // rows drawn since the last group heading, for the zebra stripes
}

// CohortReport writes the lead's or manager's cohort report as PDF (A4 landscape): counts
// by status, then one row per preceptee, the most urgent first and then by name, with the
// month of the programme, "must" progress, meetings, overdue items, expiring training,
// open concerns and a red/amber/green status.
func CohortReport(ctx context.Context, w io.Writer, rows []model.CohortRow, fonts Fonts, title string, today model.Date) error {
	if strings.TrimSpace(title) == "" {
		title = "Preceptorship cohort report"
	}
	sorted := slices.Clone(rows)
	slices.SortStableFunc(sorted, func(a, b model.CohortRow) int {
		return cmp.Or(cmp.Compare(cohortPDFRank(a.RAG), cohortPDFRank(b.RAG)),
			strings.Compare(cohortPDFSortKey(a.Preceptee), cohortPDFSortKey(b.Preceptee)),
			strings.Compare(a.Preceptee, b.Preceptee))
	})
	first, err := cohortPDFBuild(ctx, sorted, fonts, title, today, 0)
	if err != nil {
		return err
	}
	final, err := cohortPDFBuild(ctx, sorted, fonts, title, today, first.pdf.PageCount())
	if err != nil {
		return err
	}
	if err := final.pdf.Error(); err != nil {
		return fmt.Errorf("cohort report: %w", err)
	}
	if err := final.pdf.Output(w); err != nil {
		return fmt.Errorf("cohort report: %w", err)
	}
	return nil
}

func cohortPDFRank(r model.RAG) int {
	for i, g := range cohortPDFGroups {
		if g.RAG == r {
			return i
		}
	}
	return len(cohortPDFGroups)
}

// cohortPDFSortKey lets Łukasz and Émilie sort among the Ls and Es, not after Z.
func cohortPDFSortKey(name string) string {
	return cohortPDFFold.Replace(strings.ToLower(name))
}

var cohortPDFFold = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a", "ā", "a", "ą", "a", "ă", "a",
	"ç", "c", "ć", "c", "č", "c", "ď", "d", "đ", "d",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "ē", "e", "ę", "e", "ě", "e",
	"ğ", "g", "ì", "i", "í", "i", "î", "i", "ï", "i", "ī", "i", "ı", "i",
	"ł", "l", "ñ", "n", "ń", "n", "ň", "n",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o", "ø", "o", "ō", "o", "ő", "o",
	"ř", "r", "ś", "s", "š", "s", "ş", "s", "ș", "s", "ß", "ss", "ť", "t", "ț", "t",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ū", "u", "ů", "u", "ű", "u",
	"ý", "y", "ÿ", "y", "ź", "z", "ż", "z", "ž", "z", "æ", "ae", "œ", "oe",
	"'", "", "’", "",
)

func cohortPDFBuild(ctx context.Context, rows []model.CohortRow, fonts Fonts, title string, today model.Date, total int) (*cohortPDFDoc, error) {
	pdf := newPage("L", "mm", "A4")
	if err := fonts.register(pdf); err != nil {
		return nil, fmt.Errorf("cohort report: %w", err)
	}
	d := &cohortPDFDoc{pdf: pdf, title: title, today: today, total: total}
	pdf.SetTitle(title, true)
	pdf.SetSubject("Preceptorship cohort report, "+today.Display(), true)
	pdf.SetCreator("Pursuit", true)
	pdf.SetMargins(cohortPDFMarginL, cohortPDFMarginT, cohortPDFMarginL)
	pdf.SetAutoPageBreak(true, cohortPDFMarginB)
	pdf.SetHeaderFunc(d.header)
	pdf.SetFooterFunc(d.footer)
	pdf.AddPage()

	// Title and the counts.
	drawTitle(pdf, cohortPDFMarginL, cohortPDFTextW, title)
	pdf.Ln(4.5)
	setText(pdf, nhsGrey)
	pdf.SetFont(family, "", 10)
	pdf.CellFormat(cohortPDFTextW, 5, "Generated "+today.Display()+": every figure is as of that day.", "", 1, "L", false, 0, "")
	pdf.Ln(3)
	d.counts(rows)
	pdf.Ln(2)
	setText(pdf, nhsGrey)
	pdf.SetFont(family, "I", 8.5)
	pdf.MultiCell(cohortPDFTextW, 4.3, "Needs attention: a programme commitment is overdue (a meeting, the preceptorship agreement, a career conversation, "+
		"mandatory or essential training, a validate-first competency) or a concern has been escalated. Keep an eye on: an action, goal or target date has slipped, "+
		"training is due for renewal, a concern is open, or \"must\" sign-offs lag well behind the calendar. On track: nothing more than ordinary business.", "", "L", false)
	pdf.Ln(4)

	if len(rows) == 0 {
		setText(pdf, nhsText)
		pdf.SetFont(family, "", 11)
		pdf.MultiCell(cohortPDFTextW, 6, "No preceptees are in this report: there are no programmes you oversee yet. "+
			"Programmes appear here once they are set up with you as preceptor, line manager or lead.", "", "L", false)
		return d, ctx.Err()
	}

	d.tableHead()
	d.inTable = true
	for gi, g := range cohortPDFGroups {
		var group []model.CohortRow
		for _, r := range rows {
			if cohortPDFRank(r.RAG) == gi {
				group = append(group, r)
			}
		}
		if len(group) == 0 {
			continue
		}
		d.groupHead(g.Title, len(group), g.Colour, g.Tint)
		for i, r := range group {
			if i%50 == 49 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			d.row(r)
		}
	}
	// Rows with no status at all (not expected from the store) still appear, last.
	var rest []model.CohortRow
	for _, r := range rows {
		if cohortPDFRank(r.RAG) == len(cohortPDFGroups) {
			rest = append(rest, r)
		}
	}
	if len(rest) > 0 {
		d.groupHead("No status", len(rest), nhsGrey, [3]int{236, 239, 241})
		for _, r := range rest {
			d.row(r)
		}
	}
	d.inTable = false
	return d, ctx.Err()
}

func (d *cohortPDFDoc) header() {
	p := d.pdf
	setText(p, nhsGrey)
	p.SetFont(family, "", 8.5)
	p.SetXY(cohortPDFMarginL, 8)
	p.CellFormat(cohortPDFTextW/2, 5, clean(d.title), "", 0, "L", false, 0, "")
	p.CellFormat(cohortPDFTextW/2, 5, "As of "+d.today.Display(), "", 0, "R", false, 0, "")
	setDraw(p, nhsBlue)
	p.SetLineWidth(0.6)
	p.Line(cohortPDFMarginL, 14, cohortPDFW-cohortPDFMarginL, 14)
	p.SetXY(cohortPDFMarginL, cohortPDFMarginT)
	if d.inTable {
		d.tableHead()
	}
}

func (d *cohortPDFDoc) footer() {
	drawFooter(d.pdf, cohortPDFTextW, "Confidential — for the Trust Preceptorship Lead and line managers", d.total)
}

// counts is the line under the title: how many preceptees, and how many in each status,
// each with its colour.
func (d *cohortPDFDoc) counts(rows []model.CohortRow) {
	p := d.pdf
	n := [4]int{}
	for _, r := range rows {
		n[cohortPDFRank(r.RAG)]++
	}
	y := p.GetY()
	p.SetFillColor(240, 244, 248)
	p.Rect(cohortPDFMarginL, y, cohortPDFTextW, 12, "F")
	x := cohortPDFMarginL + 5
	setText(p, nhsDarkBlue)
	p.SetFont(family, "B", 12.5)
	lead := strconv.Itoa(len(rows)) + " preceptees"
	if len(rows) == 1 {
		lead = "1 preceptee"
	}
	p.SetXY(x, y+3.5)
	p.CellFormat(p.GetStringWidth(lead)+2, 5, lead, "", 0, "L", false, 0, "")
	x += p.GetStringWidth(lead) + 10
	for i, g := range cohortPDFGroups {
		setFill(p, g.Colour)
		p.Circle(x+1.8, y+6, 1.8, "F")
		x += 5.5
		p.SetFont(family, "B", 12.5)
		setText(p, nhsText)
		num := strconv.Itoa(n[i])
		p.SetXY(x, y+3.5)
		p.CellFormat(p.GetStringWidth(num)+1.5, 5, num, "", 0, "L", false, 0, "")
		x += p.GetStringWidth(num) + 1.5
		p.SetFont(family, "", 11)
		setText(p, nhsGrey)
		p.CellFormat(p.GetStringWidth(g.Count)+1, 5, g.Count, "", 0, "L", false, 0, "")
		x += p.GetStringWidth(g.Count) + 10
	}
	p.SetXY(cohortPDFMarginL, y+12)
	p.Ln(1)
}

// tableHead is the blue heading row, repeated at the top of every page of the table.
func (d *cohortPDFDoc) tableHead() {
	p := d.pdf
	y := p.GetY()
	setFill(p, nhsBlue)
	p.Rect(cohortPDFMarginL, y, cohortPDFTextW, cohortPDFHeadH, "F")
	p.SetTextColor(255, 255, 255)
	p.SetFont(family, "B", 8.5)
	x := cohortPDFMarginL
	for _, c := range cohortPDFColumns {
		lines := p.SplitText(c.Title, c.Width-3)
		top := y + (cohortPDFHeadH-float64(len(lines))*3.8)/2
		for i, l := range lines {
			p.SetXY(x+1.5, top+float64(i)*3.8)
			p.CellFormat(c.Width-3, 3.8, l, "", 0, "L", false, 0, "")
		}
		x += c.Width
	}
	p.SetXY(cohortPDFMarginL, y+cohortPDFHeadH)
}

// room starts a new page (whose header repeats the table's heading row) unless h
// millimetres are left.
func (d *cohortPDFDoc) room(h float64) {
	if d.pdf.GetY()+h > cohortPDFH-cohortPDFMarginB {
		d.pdf.AddPage()
	}
}

func (d *cohortPDFDoc) groupHead(title string, n int, colour, tint [3]int) {
	p := d.pdf
	d.room(8 + cohortPDFRowH) // never a group's heading without its first row
	y := p.GetY()
	callout(p, cohortPDFMarginL, y, cohortPDFTextW, 8, tint, colour)
	setText(p, colour)
	p.SetFont(family, "B", 10)
	p.SetXY(cohortPDFMarginL+4, y+1.5)
	label := fmt.Sprintf("%s · %d", title, n)
	p.CellFormat(cohortPDFTextW-8, 5, label, "", 0, "L", false, 0, "")
	p.SetXY(cohortPDFMarginL, y+8)
	d.shade = 0
}

// row is one preceptee: name and service, then the figures, then the status.
func (d *cohortPDFDoc) row(r model.CohortRow) {
	p := d.pdf
	d.room(cohortPDFRowH)
	y := p.GetY()
	if d.shade%2 == 1 {
		p.SetFillColor(245, 247, 249)
		p.Rect(cohortPDFMarginL, y, cohortPDFTextW, cohortPDFRowH, "F")
	}
	d.shade++
	cols := cohortPDFColumns
	cellAt := func(i int) (float64, float64) { // x and width of column i
		xx := cohortPDFMarginL
		for j := range i {
			xx += cols[j].Width
		}
		return xx, cols[i].Width
	}
	// Two lines: main text, and a smaller grey line beneath.
	two := func(i int, main string, mainStyle string, mainColour [3]int, sub string, subColour [3]int) {
		cx, w := cellAt(i)
		p.SetFont(family, mainStyle, 9)
		setText(p, mainColour)
		p.SetXY(cx+1.5, y+1.2)
		p.CellFormat(w-3, 4.2, p.fit(main, w-3), "", 0, "L", false, 0, "")
		if sub != "" {
			p.SetFont(family, "", 7.5)
			setText(p, subColour)
			p.SetXY(cx+1.5, y+5.3)
			p.CellFormat(w-3, 3.6, p.fit(sub, w-3), "", 0, "L", false, 0, "")
		}
	}
	one := func(i int, text, style string, colour [3]int) {
		cx, w := cellAt(i)
		p.SetFont(family, style, 9)
		setText(p, colour)
		p.SetXY(cx+1.5, y+(cohortPDFRowH-4.2)/2)
		p.CellFormat(w-3, 4.2, p.fit(text, w-3), "", 0, "L", false, 0, "")
	}
	count := func(i, n int, colour [3]int) {
		if n == 0 {
			one(i, "0", "", [3]int{150, 162, 171})
			return
		}
		one(i, strconv.Itoa(n), "B", colour)
	}

	prog := r.Programme
	service := prog.Service
	if prof := model.ProfessionByKey(prog.Profession).Label; prof != "" {
		service = strings.Trim(prof+" · "+service, " ·")
	}
	two(0, r.Preceptee, "B", nhsText, service, nhsGrey)
	preceptor := r.Preceptor
	if preceptor == "" {
		preceptor = "None named"
	}
	two(1, preceptor, "", nhsText, r.LineManager, nhsGrey)

	month := monthOf(r.Month, r.TotalMonths)
	switch prog.Status {
	case model.ProgrammeCompleted:
		month = "Completed"
	case model.ProgrammeLeft:
		month = "Left"
	}
	sub := ""
	if prog.Status == model.ProgrammeExtended {
		sub = "Extended"
	}
	two(2, month, "", nhsText, sub, nhsGrey)

	// Must progress: figures, and a small bar beneath.
	cx, w := cellAt(3)
	p.SetFont(family, "", 9)
	setText(p, nhsText)
	p.SetXY(cx+1.5, y+1.2)
	p.CellFormat(w-3, 4.2, fmt.Sprintf("%d/%d", r.MustSignedOff, r.MustTotal), "", 0, "L", false, 0, "")
	if r.MustTotal > 0 {
		bw := w - 6
		p.SetFillColor(214, 224, 234)
		p.Rect(cx+1.5, y+6.4, bw, 1.5, "F")
		if r.MustSignedOff > 0 {
			setFill(p, nhsBlue)
			p.Rect(cx+1.5, y+6.4, bw*min(1, float64(r.MustSignedOff)/float64(r.MustTotal)), 1.5, "F")
		}
	}

	last := "None yet"
	if !r.LastMeeting.IsZero() {
		last = r.LastMeeting.Display()
	}
	// "5 of 4 held" read as a mistake: more than the rule asks for is simply the number held.
	held, heldColour := cohortHeld(r), nhsGrey
	if r.MeetingsHeld < r.MeetingsExpected {
		heldColour = cohortPDFRed
	}
	two(4, last, "", nhsText, held, heldColour)
	switch {
	case r.NextMeeting.IsZero():
		one(5, "—", "", nhsGrey)
	case r.NextMeeting.Before(d.today):
		late := d.today.DaysUntil(r.NextMeeting) * -1
		two(5, r.NextMeeting.Display(), "B", cohortPDFRed, cohortPDFDays(late)+" overdue", cohortPDFRed)
	default:
		one(5, r.NextMeeting.Display(), "", nhsText)
	}
	count(6, r.Overdue, cohortPDFRed)
	count(7, r.ExpiringTraining, cohortPDFAmber)
	count(8, r.OpenConcerns, cohortPDFAmber)

	// Status as a coloured pill.
	cx, w = cellAt(9)
	if i := cohortPDFRank(r.RAG); i < len(cohortPDFGroups) {
		g := cohortPDFGroups[i]
		setFill(p, g.Colour)
		p.SetFont(family, "B", 8)
		pw := min(w-3, p.GetStringWidth(g.Title)+5)
		p.RoundedRect(cx+1.5, y+2.2, pw, 5.6, 2.8, "1234", "F")
		p.SetTextColor(255, 255, 255)
		p.SetXY(cx+1.5, y+2.2)
		p.CellFormat(pw, 5.6, g.Title, "", 0, "C", false, 0, "")
	} else {
		one(9, "—", "", nhsGrey)
	}

	setDraw(p, [3]int{216, 221, 224})
	p.SetLineWidth(0.2)
	p.Line(cohortPDFMarginL, y+cohortPDFRowH, cohortPDFMarginL+cohortPDFTextW, y+cohortPDFRowH)
	p.SetXY(cohortPDFMarginL, y+cohortPDFRowH)
}

func cohortPDFDays(n int) string {
	switch {
	case n == 1:
		return "1 day"
	case n < 21:
		return fmt.Sprintf("%d days", n)
	}
	return fmt.Sprintf("%d weeks", n/7)
}

// cohortHeld is how many preceptor meetings were held against how many the rule asks for by
// now: "2 of 4 held" when short, "5 held" when the rule is met.
func cohortHeld(r model.CohortRow) string {
	if r.MeetingsHeld >= r.MeetingsExpected {
		return fmt.Sprintf("%d held", r.MeetingsHeld)
	}
	return fmt.Sprintf("%d of %d held", r.MeetingsHeld, r.MeetingsExpected)
}
