// Package report turns model snapshots into the documents people take away: the PACE
// portfolio, the NMC revalidation pack, the cohort report and the completion certificate, as
// PDF (and CSV). It knows nothing of Fyne or SQL: the caller hands in the snapshot, the
// attachment bytes and the fonts.
package report

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A4 portrait, millimetres.
const (
	pageW   = 210.0
	pageH   = 297.0
	marginL = 18.0
	marginR = 18.0
	marginT = 22.0
	marginB = 20.0
	textW   = pageW - marginL - marginR
)

// doc is a document under construction, with the house style: a running header naming the
// person, a footer with "page X of Y" and "Confidential", headings recorded for the
// contents. Documents are built twice: the first pass learns the page numbers (and the
// total) that the second prints.
type doc struct {
	pdf      *page
	header   string // e.g. "Zoë Whitfield · Preceptorship portfolio"
	total    int    // pages, known from the first pass (0 on the first pass)
	toc      []tocEntry
	noHeader bool   // the cover page carries no running header
	footer   string // who the document is for, beside the page number
}

type tocEntry struct {
	Title string
	Level int
	Page  int
}

func newDoc(fonts Fonts, title, header string, total int) (*doc, error) {
	pdf := newPage("P", "mm", "A4")
	if err := fonts.register(pdf); err != nil {
		return nil, err
	}
	d := &doc{pdf: pdf, header: header, total: total, footer: "Confidential — for the preceptee, their preceptor and manager"}
	pdf.SetTitle(title, true)
	pdf.SetCreator("Pursuit", true)
	pdf.SetMargins(marginL, marginT, marginR)
	pdf.SetAutoPageBreak(true, marginB)
	pdf.SetHeaderFunc(d.drawHeader)
	pdf.SetFooterFunc(d.drawFooter)
	return d, nil
}

func (d *doc) drawHeader() {
	if d.noHeader {
		return
	}
	p := d.pdf
	setText(p, nhsGrey)
	p.SetFont(family, "", 8.5)
	p.SetXY(marginL, 9)
	p.CellFormat(textW, 5, clean(d.header), "", 0, "L", false, 0, "")
	setDraw(p, nhsBlue)
	p.SetLineWidth(0.6)
	p.Line(marginL, 15, pageW-marginR, 15)
	p.SetXY(marginL, marginT)
}

func (d *doc) drawFooter() { drawFooter(d.pdf, textW, d.footer, d.total) }

// output writes the PDF.
func (d *doc) output(w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return err
	}
	return d.pdf.Output(w)
}

// pages is how many pages the document has so far.
func (d *doc) pages() int { return d.pdf.PageCount() }

// space makes sure h millimetres are left on the page, starting a new page if not, so a
// heading is never stranded at the foot of a page.
func (d *doc) space(h float64) {
	if d.pdf.GetY()+h > pageH-marginB {
		d.pdf.AddPage()
	}
}

// section starts a top-level part on a new page and records it for the contents.
func (d *doc) section(title string) { d.sectionAfter(title, -1) }

// sectionAfter starts a top-level part on the same page when need millimetres are left
// below, so a short part does not waste a page; on a new page when not, or when need < 0.
func (d *doc) sectionAfter(title string, need float64) {
	p := d.pdf
	if need < 0 || p.GetY()+need > pageH-marginB {
		p.AddPage()
	} else {
		p.Ln(10)
	}
	d.toc = append(d.toc, tocEntry{title, 0, p.PageNo()})
	p.Bookmark(clean(title), 0, -1)
	p.SetX(marginL)
	drawTitle(p, marginL, textW, title)
	p.Ln(6)
}

// drawTitle sets a document's or part's title in the house style: large, dark blue, with
// a short NHS-blue bar beneath.
func drawTitle(p *page, x, w float64, title string) {
	setText(p, nhsDarkBlue)
	p.SetFont(family, "B", 19)
	p.MultiCell(w, 9, clean(title), "", "L", false)
	setFill(p, nhsBlue)
	p.Rect(x, p.GetY()+1, 24, 1.4, "F")
}

// callout draws a tinted box with a coloured bar down its left edge: the house style for
// a box that asks to be read (purpose, caution, totals).
func callout(p *page, x, y, w, h float64, tint, bar [3]int) {
	setFill(p, tint)
	p.Rect(x, y, w, h, "F")
	setFill(p, bar)
	p.Rect(x, y, 1.5, h, "F")
}

// drawFooter writes who a document is for and "Page X of Y" (just "Page X" on the first
// pass, before the total is known) across the foot of the page.
func drawFooter(p *page, w float64, who string, total int) {
	p.SetY(-13)
	setText(p, nhsGrey)
	p.SetFont(family, "", 8.5)
	page := fmt.Sprintf("Page %d", p.PageNo())
	if total > 0 {
		page = fmt.Sprintf("Page %d of %d", p.PageNo(), total)
	}
	// Whatever room the page number leaves: a long name is shortened rather than printed
	// over "Page X of Y".
	pw := p.GetStringWidth(page) + 2
	p.CellFormat(w-pw, 5, p.fit(who, w-pw-6), "", 0, "L", false, 0, "")
	p.CellFormat(pw, 5, page, "", 0, "R", false, 0, "")
}

// heading is a sub-heading within a section; recorded in the contents when level 1.
func (d *doc) heading(title string, level int) {
	d.space(22)
	p := d.pdf
	p.Ln(2)
	if level == 1 {
		d.toc = append(d.toc, tocEntry{title, 1, p.PageNo()})
		p.Bookmark(clean(title), 1, -1)
		setText(p, nhsDarkBlue)
		p.SetFont(family, "B", 13.5)
		p.MultiCell(textW, 7, clean(title), "", "L", false)
	} else {
		setText(p, nhsText)
		p.SetFont(family, "B", 11)
		p.MultiCell(textW, 6, clean(title), "", "L", false)
	}
	p.Ln(1)
}

// para is body text that wraps and breaks across pages.
func (d *doc) para(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	p := d.pdf
	setText(p, nhsText)
	p.SetFont(family, "", 10.5)
	p.MultiCell(textW, 5.4, clean(text), "", "L", false)
	p.Ln(1.5)
}

// note is small grey text.
func (d *doc) note(text string) {
	p := d.pdf
	setText(p, nhsGrey)
	p.SetFont(family, "I", 9)
	p.MultiCell(textW, 4.6, clean(text), "", "L", false)
	p.Ln(1)
}

// labelled prints "Label" in bold above its text (a field of a record).
func (d *doc) labelled(label, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	d.space(14)
	p := d.pdf
	setText(p, nhsGrey)
	p.SetFont(family, "B", 9.5)
	p.MultiCell(textW, 5, clean(label), "", "L", false)
	d.para(text)
}

// facts prints label–value pairs in two columns.
func (d *doc) facts(pairs [][2]string) {
	p := d.pdf
	for _, kv := range pairs {
		if kv[1] == "" {
			continue
		}
		d.space(7)
		y := p.GetY()
		setText(p, nhsGrey)
		p.SetFont(family, "B", 9.5)
		p.SetXY(marginL, y)
		p.MultiCell(45, 5.2, clean(kv[0]), "", "L", false)
		setText(p, nhsText)
		p.SetFont(family, "", 10)
		p.SetXY(marginL+47, y)
		p.MultiCell(textW-47, 5.2, clean(kv[1]), "", "L", false)
		p.SetX(marginL)
	}
	p.Ln(2)
}

// column is one column of a table: heading, width in mm.
type column struct {
	Title string
	Width float64
}

// table draws rows under a heading row that repeats on every page; cells wrap, and a row
// never splits across pages (unless it is taller than a page).
func (d *doc) table(cols []column, rows [][]string, shade func(row int) *[3]int) {
	p := d.pdf
	const lh = 4.8
	head := func() {
		setFill(p, nhsBlue)
		p.SetTextColor(255, 255, 255)
		p.SetFont(family, "B", 9)
		x := marginL
		y := p.GetY()
		for _, c := range cols {
			p.SetXY(x, y)
			p.CellFormat(c.Width, 7, clean(c.Title), "", 0, "L", true, 0, "")
			x += c.Width
		}
		p.SetXY(marginL, y+7)
	}
	d.space(16)
	head()
	p.SetFont(family, "", 9)
	for i, r := range rows {
		// Height of the tallest cell.
		lines := 1
		for j, c := range cols {
			if j < len(r) {
				lines = max(lines, len(p.SplitText(clean(r[j]), c.Width-2)))
			}
		}
		h := float64(lines)*lh + 2
		if p.GetY()+h > pageH-marginB {
			p.AddPage()
			head()
			p.SetFont(family, "", 9)
		}
		y := p.GetY()
		if i%2 == 1 {
			p.SetFillColor(240, 244, 245)
			p.Rect(marginL, y, textW, h, "F")
		}
		x := marginL
		for j, c := range cols {
			text := ""
			if j < len(r) {
				text = clean(r[j])
			}
			setText(p, nhsText)
			if shade != nil && j == len(cols)-1 {
				if col := shade(i); col != nil {
					setText(p, *col)
					p.SetFont(family, "B", 9)
				}
			}
			p.SetXY(x+1, y+1)
			p.MultiCell(c.Width-2, lh, text, "", "L", false)
			p.SetFont(family, "", 9)
			x += c.Width
		}
		setDraw(p, [3]int{216, 221, 224})
		p.SetLineWidth(0.2)
		p.Line(marginL, y+h, marginL+textW, y+h)
		p.SetXY(marginL, y+h)
	}
	p.Ln(4)
}

// contents prints the table of contents from the first pass's page numbers.
func (d *doc) contents(entries []tocEntry) {
	p := d.pdf
	for _, e := range entries {
		d.space(7)
		indent := 0.0
		setText(p, nhsText)
		p.SetFont(family, "B", 11)
		if e.Level == 1 {
			indent = 7
			p.SetFont(family, "", 10)
		}
		num := fmt.Sprint(e.Page)
		p.SetX(marginL + indent)
		w := textW - indent - 14
		title := p.fit(e.Title, w)
		p.CellFormat(w, 6.5, title, "", 0, "L", false, 0, "")
		p.CellFormat(14, 6.5, num, "", 1, "R", false, 0, "")
	}
}

// clean makes any text safe for the page: control characters go, a tab is spaces, and characters the
// embedded font cannot show (emoji and other pictographs) become a plain mark, so a pasted
// emoji never breaks the PDF or leaves a hole in a sentence.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t': // the font has no tab: it printed as a box
			b.WriteString("    ")
		case r == '\r':
		case unicode.IsControl(r) || r == '\u200b' || r == '\ufeff':
		case r > 0xFFFF || (r >= 0x2600 && r <= 0x27BF) || unicode.Is(unicode.Variation_Selector, r):
			b.WriteRune('□')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
