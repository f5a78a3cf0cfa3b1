package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"pursuit/report/pdftest"
)

// qpdfCheck runs qpdf's structural check over a PDF.
func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	pdftest.Check(t, pdftest.File(t, pdf))
}

func TestTheHouseStyleCopesWithAnyText(t *testing.T) {
	build := func(total int) (*doc, []byte) {
		d, err := newDoc(testFonts(), "Test", "Siobhán Ó'Connor · Preceptorship portfolio", total)
		if err != nil {
			t.Fatal(err)
		}
		d.section("Reflections")
		d.heading("Zoë's first night shift – “curly quotes” and £5", 1)
		d.para("Łukasz wrote: " + strings.Repeat("a long reflection that wraps across the page; ", 200))
		d.para("control\x00chars\x07 and emoji 😀🩺 and a " + strings.Repeat("x", 400) + " unbroken word")
		var rows [][]string
		for i := range 120 {
			rows = append(rows, []string{fmt.Sprintf("Course %d", i), "Mandatory", "1 Jan 2026", "Valid"})
		}
		d.table([]column{{"Course", 70}, {"Category", 35}, {"Completed", 35}, {"State", 34}}, rows, nil)
		var b bytes.Buffer
		if err := d.output(&b); err != nil {
			t.Fatal(err)
		}
		return d, b.Bytes()
	}
	first, _ := build(0)
	_, pdf := build(first.pages())
	qpdfCheck(t, pdf)
	text := pdfText(t, pdf)
	for _, want := range []string{"Siobhán Ó'Connor", "Zoë's first night shift – “curly quotes” and £5", "Łukasz wrote", fmt.Sprintf("Page 2 of %d", first.pages()), "Course 119", "Confidential"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if strings.Contains(text, "\x00") || strings.Contains(text, "😀") {
		t.Error("control characters or emoji reached the page")
	}
}
