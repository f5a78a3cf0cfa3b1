package framework

import (
	"html"
	"strings"
)

// htmlToText turns a Moodle description (HTML, as the editor saved it) into the plain text
// Pursuit shows and prints. Line breaks follow the HTML's structure, not the file's: Moodle
// wraps long paragraphs in the CSV, and those wraps are only spaces to a browser.
func htmlToText(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			writeText(&b, s)
			break
		}
		writeText(&b, s[:i])
		s = s[i:]
		tag, rest, ok := cutTag(s)
		if !ok {
			// "<" that cannot open a tag, such as "< 5 minutes", is text.
			writeText(&b, s[:1])
			s = s[1:]
			continue
		}
		s = rest
		name, closing := tagName(tag)
		switch {
		case name == "script" || name == "style":
			if !closing {
				s = skipElement(s, name)
			}
		case name == "br" || name == "hr":
			b.WriteByte('\n')
		case name == "li" && !closing:
			startLine(&b)
			b.WriteString("• ")
		case (name == "td" || name == "th") && closing:
			b.WriteByte(' ')
		case isBlock(name):
			// Opening or closing, a block sits on lines of its own; "</li></ul>" is one
			// line end, not two.
			startLine(&b)
		}
	}
	return tidyText(b.String())
}

// writeText adds text between tags. Raw line breaks are HTML whitespace, so they become
// spaces here; entities are decoded only now, so that "&lt;b&gt;" stays text and is not
// mistaken for a tag.
func writeText(b *strings.Builder, s string) {
	s = htmlSpace.Replace(s)
	b.WriteString(html.UnescapeString(s))
}

var htmlSpace = strings.NewReplacer("\r", " ", "\n", " ", "\t", " ")

func startLine(b *strings.Builder) {
	if s := b.String(); s != "" && !strings.HasSuffix(s, "\n") {
		b.WriteByte('\n')
	}
}

func isBlock(name string) bool {
	switch name {
	case "p", "div", "li", "ul", "ol", "tr", "table", "blockquote", "pre",
		"h1", "h2", "h3", "h4", "h5", "h6":
		return true
	}
	return false
}

// cutTag splits s, which starts with "<", into the tag's inside and what follows it. A ">"
// inside a quoted attribute does not end the tag. ok is false when s does not start a tag.
// As in a browser, a tag or comment that never ends takes the rest of the text with it;
// giving up and rescanning from the next "<" instead would make a hostile field quadratic.
func cutTag(s string) (tag, rest string, ok bool) {
	if strings.HasPrefix(s, "<!--") {
		end := strings.Index(s[4:], "-->")
		if end < 0 {
			return "!--", "", true
		}
		return "!--", s[4+end+3:], true
	}
	if len(s) < 2 || !(isLetter(s[1]) || s[1] == '/' || s[1] == '!' || s[1] == '?') {
		return "", "", false
	}
	var quote byte
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return s[1:i], s[i+1:], true
		}
	}
	return s[1:], "", true
}

// tagName reads the lower-case element name, and whether the tag closes it.
func tagName(tag string) (name string, closing bool) {
	closing = strings.HasPrefix(tag, "/")
	tag = strings.TrimPrefix(tag, "/")
	end := 0
	for end < len(tag) && (isLetter(tag[end]) || '0' <= tag[end] && tag[end] <= '9') {
		end++
	}
	return strings.ToLower(tag[:end]), closing
}

func isLetter(c byte) bool {
	c |= 0x20 // lower case
	return 'a' <= c && c <= 'z'
}

// skipElement drops a script or style element's content, which is code, not words; without
// a closing tag everything after it goes.
func skipElement(s, name string) string {
	closer := "</" + name
	for i := 0; i+len(closer) <= len(s); i++ {
		if s[i] == '<' && strings.EqualFold(s[i:i+len(closer)], closer) {
			if _, rest, ok := cutTag(s[i:]); ok {
				return rest
			}
			return ""
		}
	}
	return ""
}

// tidyText collapses runs of spaces, trims each line, and keeps at most one blank line in a
// row, so that "<p>…<br></p>" does not leave a trail of empty lines.
func tidyText(s string) string {
	var out []string
	blank := false
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// collapseSpace is for one-line text such as a short name: any run of whitespace, line breaks
// included, becomes one space.
func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
