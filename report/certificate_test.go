package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"

	"pursuit/model"
	"pursuit/report/pdftest"
)

func testFonts() Fonts {
	return Fonts{Regular: theme.DefaultTextFont().Content(), Bold: theme.DefaultTextBoldFont().Content(), Italic: theme.DefaultTextItalicFont().Content()}
}

// pdfText extracts a PDF's text with poppler's pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	return pdftest.Text(t, pdftest.File(t, pdf))
}

func completedPortfolio() model.Portfolio {
	at := time.Date(2027, 9, 2, 15, 0, 0, 0, time.UTC)
	return model.Portfolio{
		Programme:    model.Programme{StartDate: model.NewDate(2026, 9, 7), Profession: "nurse-mental-health", Service: "Ash Ward – Older Adults", Status: model.ProgrammeCompleted, CompletedOn: model.NewDate(2027, 9, 2)},
		Preceptee:    model.User{Name: "Siobhán Ó'Connor"},
		Competencies: []model.CompetencyView{{Competency: model.Competency{Code: "A", Level: model.Must}, Progress: model.Progress{Status: model.SignedOff}}},
		Meetings:     []model.Meeting{{Kind: model.MeetingFinal, Held: true}},
		Confirmations: []model.Confirmation{
			{Kind: model.CompletionConfirmation, UserName: "Łukasz Wiśniewski", Role: model.RolePreceptor, At: at},
			{Kind: model.CompletionConfirmation, UserName: "Zoë Adeyemi", Role: model.RoleLineManager, At: at},
		},
	}
}

func TestCertificateCelebratesACompletedProgramme(t *testing.T) {
	var b bytes.Buffer
	if err := Certificate(&b, completedPortfolio(), testFonts()); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b.Bytes())
	for _, want := range []string{"Certificate of Completion", "Siobhán Ó'Connor", "Łukasz Wiśniewski", "Zoë Adeyemi", "Registered Nurse (Mental Health)", "Congratulations!", "2 Sept 2027"} {
		if !strings.Contains(text, want) && !(want == "2 Sept 2027" && strings.Contains(text, "2 Sep 2027")) {
			t.Errorf("certificate lacks %q:\n%s", want, text)
		}
	}
}

func TestNoCertificateBeforeBothConfirm(t *testing.T) {
	pf := completedPortfolio()
	pf.Confirmations = pf.Confirmations[:1]
	var b bytes.Buffer
	if err := Certificate(&b, pf, testFonts()); !errors.Is(err, model.ErrInvalid) || b.Len() != 0 {
		t.Fatalf("certificate with one confirmation: %v (%d bytes)", err, b.Len())
	}
}

// A long name (47 letters, many of them wide) is set to fit inside the certificate's frame: at 30 pt it ran
// through it.
func TestALongNameFitsTheCertificatesFrame(t *testing.T) {
	pf := completedPortfolio()
	pf.Preceptee.Name = "Wilhelmina Wojciechowska-Montgomery-Whittingham"
	var b bytes.Buffer
	if err := Certificate(&b, pf, testFonts()); err != nil {
		t.Fatal(err)
	}
	const frameLeft, frameRight = 12 * 72 / 25.4, (297 - 12) * 72 / 25.4 // the inner frame, in points
	found := 0
	for _, w := range pdftest.Words(t, pdftest.File(t, b.Bytes())) {
		if w.Text == "Wilhelmina" || w.Text == "Wojciechowska-Montgomery-Whittingham" {
			found++
			if w.XMin < frameLeft || w.XMax > frameRight {
				t.Errorf("%q lies at %.0f–%.0f pt, the frame at %.0f–%.0f", w.Text, w.XMin, w.XMax, frameLeft, frameRight)
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d words of the name", found)
	}
}
