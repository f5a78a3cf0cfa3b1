package framework

import "testing"

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, html, want string }{
		{"paragraphs", "<p>One</p><p>Two</p>", "One\nTwo"},
		{"wrapped source lines are spaces", "<p>Analytical Thinking is\nthe ability\r\nto identify</p>", "Analytical Thinking is the ability to identify"},
		{"br variants", "a<br>b<br/>c<BR />d", "a\nb\nc\nd"},
		{"trailing br in paragraph", "<p>Gathers information.<br></p>", "Gathers information."},
		{"list", "<ul><li>First</li><li>Second</li></ul>", "• First\n• Second"},
		{"list items without closing tags", "<ul><li>First<li>Second</ul>", "• First\n• Second"},
		{"list after text", "Do this:<ol><li>wash</li><li>dry</li></ol>Then stop.", "Do this:\n• wash\n• dry\nThen stop."},
		{"div", "<div>A</div><div>B</div>", "A\nB"},
		{"inline tags join", "Use <strong>SBAR</strong> for <em>every</em> hand<span>over</span>", "Use SBAR for every handover"},
		{"attributes with >", `<a href="x" title="a > b">link</a> text`, "link text"},
		{"entities", "Knowledge &amp; skills &ndash; &lt;b&gt; &#39;quoted&#39; &#x2019; &hellip;", "Knowledge & skills – <b> 'quoted' ’ …"},
		{"non-breaking spaces collapse", "a&nbsp;&nbsp; b\u00a0c", "a b c"},
		{"curly quotes and bullets kept", "<p>• The OECD’s “core”</p>", "• The OECD’s “core”"},
		{"runs of spaces", "  lots    of\t\tspace  ", "lots of space"},
		{"blank lines collapse", "<p>A</p><p></p><p><br></p><br><br><p>B</p>", "A\n\nB"},
		{"less-than that is not a tag", "Give < 5 ml, <2 hours; 3 <= 4", "Give < 5 ml, <2 hours; 3 <= 4"},
		{"unclosed tag runs to the end, as in a browser", "x <p never closed", "x"},
		{"unclosed quote in a tag", `a <a title="x>y`, "a"},
		{"comments", "a<!-- hidden <p> -->b<!-- never closed", "ab"},
		{"script and style", "<style>p{color:red}</style>Text<script>alert('<p>')</script> after<SCRIPT>x", "Text after"},
		{"headings and tables", "<h2>Title</h2><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "Title\na b\nc"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlToText(tt.html); got != tt.want {
				t.Errorf("htmlToText(%q) = %q, want %q", tt.html, got, tt.want)
			}
		})
	}
}

func TestDescriptionTextFormats(t *testing.T) {
	tests := []struct{ text, format, want string }{
		{"<p>a &amp; b</p>", "1", "a & b"},
		{"<p>a &amp; b</p>", "0", "a & b"},
		{"<p>a &amp; b</p>", "", "a & b"},
		{" Give < 5 ml\r\nof <this> \n", "2", "Give < 5 ml\nof <this>"},
		{"**bold** & _markdown_", "4", "**bold** & _markdown_"},
	}
	for _, tt := range tests {
		if got := descriptionText(tt.text, tt.format); got != tt.want {
			t.Errorf("descriptionText(%q, %q) = %q, want %q", tt.text, tt.format, got, tt.want)
		}
	}
}
