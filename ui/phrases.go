package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// phraseText is wrapping text made of phrases that stay whole: a line breaks between
// phrases, not inside one, unless a phrase alone is wider than the line. Fyne wraps at
// any space, the no-break space too, so a date such as "8 Dec 2025" in a wrapping label
// came apart at 150 % text ("· 8" at a line's end, "Dec 2025" on the next).
type phraseText struct {
	widget.RichText
	phrases []string
	sep     string  // between two phrases on one line
	width   float32 // the width the lines were last made for
}

// newPhraseText joins phrases with sep; at a line break the separator's mark (a "·" or
// "—") stays at the end of the line before.
func newPhraseText(style widget.RichTextStyle, sep string, phrases ...string) *phraseText {
	t := &phraseText{phrases: phrases, sep: sep}
	t.Segments = []widget.RichTextSegment{&widget.TextSegment{Style: style, Text: strings.Join(phrases, sep)}}
	t.Wrapping = fyne.TextWrapWord
	t.Scroll = container.ScrollNone // what widget.NewRichText sets: the zero value scrolls
	t.ExtendBaseWidget(t)
	return t
}

func (t *phraseText) Resize(size fyne.Size) {
	if size.Width > 0 && size.Width != t.width {
		t.width = size.Width
		t.lineUp()
	}
	t.RichText.Resize(size)
}

// Refresh makes the lines again: the text size may have changed.
func (t *phraseText) Refresh() {
	if t.width > 0 {
		t.lineUp()
	}
	t.RichText.Refresh()
}

// lineUp puts as many whole phrases on each line as fit the width, with a line break
// between phrases that do not.
func (t *phraseText) lineUp() {
	seg := t.Segments[0].(*widget.TextSegment)
	th := t.Theme()
	size := th.Size(seg.Style.SizeName)
	if seg.Style.SizeName == "" {
		size = th.Size(theme.SizeNameText)
	}
	room := t.width - 2*th.Size(theme.SizeNameInnerPadding)
	fits := func(s string) bool { return fyne.MeasureText(s, size, seg.Style.TextStyle).Width <= room }
	mark := strings.TrimRight(t.sep, " ")
	var lines []string
	line := ""
	last := len(t.phrases) - 1
	for i, p := range t.phrases {
		next := line + t.sep + p
		if i < last {
			next += mark // the mark that would end the line, if it ended here
		}
		switch {
		case i == 0:
			line = p
		case fits(next):
			line += t.sep + p
		case fits(line + mark):
			lines = append(lines, line+mark)
			line = p
		default: // a phrase too long for a line of its own: the break alone parts them
			lines = append(lines, line)
			line = p
		}
	}
	seg.Text = strings.Join(append(lines, line), "\n")
}

// nameAndRole is the bar's "Zoë Whitfield · Preceptee". Where both do not fit, the role
// goes and the name is shortened with "…": Fyne shortened the two parts without the
// "…" ("Gillian Hughes · Trust Precept").
type nameAndRole struct {
	widget.RichText
	role  string
	width float32
}

func newNameAndRole(name, role string) *nameAndRole {
	t := &nameAndRole{role: " · " + role}
	t.Segments = []widget.RichTextSegment{
		&widget.TextSegment{Text: name, Style: widget.RichTextStyle{ColorName: colorOnDark, TextStyle: fyne.TextStyle{Bold: true}, Inline: true, Alignment: fyne.TextAlignTrailing}},
		&widget.TextSegment{Text: t.role, Style: widget.RichTextStyle{ColorName: colorOnDark, Inline: true, Alignment: fyne.TextAlignTrailing}}}
	t.Truncation = fyne.TextTruncateEllipsis
	t.Scroll = container.ScrollNone
	t.ExtendBaseWidget(t)
	return t
}

func (t *nameAndRole) Resize(size fyne.Size) {
	if size.Width != t.width {
		t.width = size.Width
		name, role := t.Segments[0].(*widget.TextSegment), t.Segments[1].(*widget.TextSegment)
		th := t.Theme()
		textSize := th.Size(theme.SizeNameText)
		whole := fyne.MeasureText(name.Text, textSize, name.Style.TextStyle).Width +
			fyne.MeasureText(t.role, textSize, role.Style.TextStyle).Width
		role.Text = t.role
		if whole > size.Width-2*th.Size(theme.SizeNameInnerPadding) {
			role.Text = ""
		}
	}
	t.RichText.Resize(size)
}
