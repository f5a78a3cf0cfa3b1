package report

import (
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// page is the PDF every document writes, with every text that reaches it cleaned first:
// one place, so no writer can forget. The revalidation pack's and the certificate's own
// lines went to the PDF as typed, and one character past U+FFFF (an emoji, or 𠮷 in a
// Japanese surname) took the writer down with an index out of range.
type page struct {
	*fpdf.Fpdf
}

// newPage is fpdf.New for a page that cleans its text.
func newPage(orientation, unit, size string) *page {
	return &page{fpdf.New(orientation, unit, size, "")}
}

func (p *page) CellFormat(w, h float64, text, border string, ln int, align string, fill bool, link int, linkURL string) {
	p.Fpdf.CellFormat(w, h, clean(text), border, ln, align, fill, link, linkURL)
}

func (p *page) MultiCell(w, h float64, text, border, align string, fill bool) {
	p.Fpdf.MultiCell(w, h, clean(text), border, align, fill)
}

func (p *page) SplitText(text string, w float64) []string { return p.Fpdf.SplitText(clean(text), w) }

func (p *page) GetStringWidth(s string) float64 { return p.Fpdf.GetStringWidth(clean(s)) }

func (p *page) SetTitle(title string, isUTF8 bool) { p.Fpdf.SetTitle(clean(title), isUTF8) }

func (p *page) SetSubject(subject string, isUTF8 bool) { p.Fpdf.SetSubject(clean(subject), isUTF8) }

func (p *page) SetAuthor(author string, isUTF8 bool) { p.Fpdf.SetAuthor(clean(author), isUTF8) }

func (p *page) Bookmark(text string, level int, y float64) { p.Fpdf.Bookmark(clean(text), level, y) }

// fit is s on one line of width w: whole if it fits, else shortened with "…".
func (p *page) fit(s string, w float64) string {
	s = strings.Join(strings.Fields(clean(s)), " ")
	if p.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi { // the longest prefix that fits with its ellipsis
		mid := (lo + hi + 1) / 2
		if p.GetStringWidth(string(r[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(r[:lo]), " ,·–") + "…"
}
