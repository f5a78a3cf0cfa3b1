package report

import (
	"errors"
)

// Fonts are the TrueType faces a document is set in, handed in by the caller (the app's
// own Noto Sans, so the PDF matches the screens) because this package knows nothing of
// Fyne. Embedded as UTF-8 fonts, they render any name a Trust meets: Siobhán, Zoë, Łukasz.
type Fonts struct {
	Regular, Bold, Italic []byte
}

const family = "Pursuit"

func (f Fonts) register(pdf *page) error {
	if len(f.Regular) == 0 || len(f.Bold) == 0 {
		return errors.New("report: no fonts given")
	}
	pdf.AddUTF8FontFromBytes(family, "", f.Regular)
	pdf.AddUTF8FontFromBytes(family, "B", f.Bold)
	if len(f.Italic) > 0 {
		pdf.AddUTF8FontFromBytes(family, "I", f.Italic)
	} else {
		pdf.AddUTF8FontFromBytes(family, "I", f.Regular)
	}
	return pdf.Error()
}
