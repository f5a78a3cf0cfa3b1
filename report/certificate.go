package report

import (
	"fmt"
	"io"
	"math"

	"codeberg.org/go-pdf/fpdf"

	"pursuit/model"
)

// NHS colours used in documents (RGB).
var (
	nhsBlue     = [3]int{0, 94, 184}
	nhsDarkBlue = [3]int{0, 48, 135}
	nhsYellow   = [3]int{255, 184, 28}
	nhsText     = [3]int{33, 43, 50}
	nhsGrey     = [3]int{76, 98, 114}
)

// Certificate writes a one-page landscape certificate that celebrates the completion of
// the programme, naming who confirmed it and when. It refuses a programme that is not yet
// confirmed complete by both the preceptor and the line manager.
func Certificate(w io.Writer, pf model.Portfolio, fonts Fonts) error {
	r := model.CompletionReadiness(pf)
	if !r.Complete() {
		return fmt.Errorf("certificate for %s: %w: the programme is not yet confirmed complete by the preceptor and the line manager", pf.Preceptee.Name, model.ErrInvalid)
	}
	pdf := newPage("L", "mm", "A4")
	if err := fonts.register(pdf); err != nil {
		return err
	}
	pdf.SetTitle("Certificate of completion – "+pf.Preceptee.Name, true)
	pdf.SetCreator("Pursuit", true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddPage()
	const W, H = 297.0, 210.0

	// A double frame in NHS blue, and a band across the top.
	setDraw(pdf, nhsBlue)
	pdf.SetLineWidth(2.2)
	pdf.Rect(8, 8, W-16, H-16, "D")
	pdf.SetLineWidth(0.6)
	pdf.Rect(12, 12, W-24, H-24, "D")
	setFill(pdf, nhsBlue)
	pdf.Rect(12, 12, W-24, 16, "F")
	pdf.SetFont(family, "B", 11)
	pdf.SetTextColor(255, 255, 255)
	pdf.SetXY(12, 15.5)
	pdf.CellFormat(W-24, 9, "Pursuit of Excellence Preceptorship Programme", "", 0, "C", false, 0, "")

	star(pdf, W/2, 50, 11, 4.6)

	pdf.SetTextColor(nhsDarkBlue[0], nhsDarkBlue[1], nhsDarkBlue[2])
	pdf.SetFont(family, "B", 34)
	pdf.SetXY(12, 66)
	pdf.CellFormat(W-24, 14, "Certificate of Completion", "", 0, "C", false, 0, "")
	setText(pdf, nhsGrey)
	pdf.SetFont(family, "", 14)
	pdf.SetXY(12, 86)
	pdf.CellFormat(W-24, 8, "This certifies that", "", 0, "C", false, 0, "")
	setText(pdf, nhsText)
	// A long name (48 letters is not rare) is set smaller rather than run through the frame.
	size := 30.0
	for pdf.SetFont(family, "B", size); size > 14 && pdf.GetStringWidth(pf.Preceptee.Name) > W-60; pdf.SetFont(family, "B", size) {
		size--
	}
	pdf.SetXY(12, 97)
	pdf.CellFormat(W-24, 14, pf.Preceptee.Name, "", 0, "C", false, 0, "")
	setText(pdf, nhsGrey)
	pdf.SetFont(family, "", 13)
	tl := pf.Programme.Timeline()
	pdf.SetXY(30, 116)
	line := fmt.Sprintf("%s, %s, has completed the Trust's preceptorship programme (%s to %s), "+
		"achieving every \"must\" competency of the framework and demonstrating safe, effective and compassionate practice.",
		model.ProfessionByKey(pf.Programme.Profession).Label, pf.Programme.Service, tl.Start.Display(), pf.Programme.CompletedOn.Display())
	pdf.MultiCell(W-60, 6.5, line, "", "C", false)

	setText(pdf, nhsDarkBlue)
	pdf.SetFont(family, "B", 16)
	pdf.SetXY(12, 140)
	pdf.CellFormat(W-24, 9, "Congratulations!", "", 0, "C", false, 0, "")

	// The two confirmations, as signature blocks.
	var blocks []model.Confirmation
	for _, c := range pf.Confirmations {
		if c.Kind == model.CompletionConfirmation {
			blocks = append(blocks, c)
		}
	}
	colW := (W - 60) / 2
	for i, c := range blocks {
		if i > 1 {
			break
		}
		x := 30 + float64(i)*colW
		setDraw(pdf, nhsGrey)
		pdf.SetLineWidth(0.3)
		pdf.Line(x+10, 170, x+colW-10, 170)
		setText(pdf, nhsText)
		pdf.SetFont(family, "B", 12)
		pdf.SetXY(x, 172)
		pdf.CellFormat(colW, 6, c.UserName, "", 0, "C", false, 0, "")
		setText(pdf, nhsGrey)
		pdf.SetFont(family, "", 10)
		pdf.SetXY(x, 178)
		pdf.CellFormat(colW, 5, fmt.Sprintf("%s · confirmed %s", c.Role.Label(), model.DateOf(c.At).Display()), "", 0, "C", false, 0, "")
	}
	setText(pdf, nhsGrey)
	pdf.SetFont(family, "I", 8.5)
	pdf.SetXY(12, H-21)
	pdf.CellFormat(W-24, 5, "Recorded in Pursuit; confirmations made with each signer's own password. For the preceptee's ESR record and NMC/HCPC portfolio.", "", 0, "C", false, 0, "")
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("certificate: %w", err)
	}
	return pdf.Output(w)
}

// star draws a five-pointed warm-yellow star, the app's own emblem.
func star(pdf *page, cx, cy, outer, inner float64) {
	var pts []fpdf.PointType
	for i := range 10 {
		r := outer
		if i%2 == 1 {
			r = inner
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts = append(pts, fpdf.PointType{X: cx + r*math.Cos(a), Y: cy + r*math.Sin(a)})
	}
	setFill(pdf, nhsYellow)
	pdf.Polygon(pts, "F")
}

func setFill(pdf *page, c [3]int) { pdf.SetFillColor(c[0], c[1], c[2]) }
func setDraw(pdf *page, c [3]int) { pdf.SetDrawColor(c[0], c[1], c[2]) }
func setText(pdf *page, c [3]int) { pdf.SetTextColor(c[0], c[1], c[2]) }
