package pdftest

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// Word is one word of a page as poppler places it, in points from the top left.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

var bboxWord = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)

// Words are the words of a PDF file with where each lies (pdftotext -bbox).
func Words(t testing.TB, file string) []Word {
	t.Helper()
	out, err := exec.Command(Tool(t, "pdftotext"), "-bbox", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", filepath.Base(file), err)
	}
	var words []Word
	for _, m := range bboxWord.FindAllStringSubmatch(string(out), -1) {
		f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
		words = append(words, Word{Text: m[5], XMin: f(m[1]), YMin: f(m[2]), XMax: f(m[3]), YMax: f(m[4])})
	}
	return words
}
