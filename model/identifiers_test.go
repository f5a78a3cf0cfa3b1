package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

type wantFinding struct {
	kind IdentifierKind
	text string
}

func TestScanIdentifiers(t *testing.T) {
	cases := []struct {
		name string
		year int
		text string
		want []wantFinding
	}{
		// NHS numbers
		{"nhs spaced", 2026, "NHS 943 476 5919 noted", []wantFinding{{NHSNumber, "943 476 5919"}}},
		{"nhs dashed", 2026, "number 943-476-5919 given", []wantFinding{{NHSNumber, "943-476-5919"}}},
		{"nhs contiguous", 2026, "checked 4010232137 at handover", []wantFinding{{NHSNumber, "4010232137"}}},
		{"nhs mixed separators", 2026, "943 476-5919", []wantFinding{{NHSNumber, "943 476-5919"}}},
		{"nhs at start of text", 2026, "9434765919 was on the wristband", []wantFinding{{NHSNumber, "9434765919"}}},
		{"nhs at end of text", 2026, "the wristband read 401 023 2137", []wantFinding{{NHSNumber, "401 023 2137"}}},
		{"nhs whole text", 0, "943-476-5919", []wantFinding{{NHSNumber, "943-476-5919"}}},
		{"nhs in brackets", 2026, "(9434765919),", []wantFinding{{NHSNumber, "9434765919"}}},
		{"nhs after colon before full stop", 2026, "NHS:401 023 2137.", []wantFinding{{NHSNumber, "401 023 2137"}}},
		{"nhs in quotes", 2026, `"943-476-5919"`, []wantFinding{{NHSNumber, "943-476-5919"}}},
		{"nhs bad checksum spaced", 2026, "NHS 943 476 5918 noted", nil},
		{"nhs bad checksum dashed", 2026, "NHS 943-476-5918 noted", nil},
		{"nhs bad checksum contiguous", 2026, "NHS 9434765918 noted", nil},
		{"nhs check digit would be 10", 2026, "ref 1234567890", nil},
		{"nhs inside longer digit run", 2026, "ref 12345678901234 and 194347659190", nil},
		{"nhs followed by digit", 2026, "94347659190", nil},
		{"nhs inside decimal", 2026, "ratio 0.9434765919", nil},
		{"nhs followed by decimal", 2026, "9434765919.5", nil},
		{"nhs extra group", 2026, "943-476-5919-2", nil},
		{"nhs after letter", 2026, "A9434765919", nil},
		{"nhs after arabic-indic digit", 2026, "٣9434765919", nil},
		{"nhs in arabic-indic digits", 2026, "٩٤٣٤٧٦٥٩١٩", nil},
		{"nhs 4-3-3 grouping still warns", 2026, "9434 765 919", []wantFinding{{NHSNumber, "9434 765 919"}}},
		{"nhs 3-7 grouping", 2026, "NHS no: 943 4765919", []wantFinding{{NHSNumber, "943 4765919"}}},
		{"nhs with dots", 2026, "ref 943.476.5919.", []wantFinding{{NHSNumber, "943.476.5919"}}},
		{"a dotted date is not an NHS number", 0, "on 12.03.2019 at 10.30", nil},
		{"a dose with a decimal point", 2026, "gave 2.5 mg", nil},
		{"nhs beats phone", 2026, "call 012 345 6789", []wantFinding{{NHSNumber, "012 345 6789"}}},
		{"invalid nhs can be phone", 2026, "call 0123456788", []wantFinding{{PhoneNumber, "0123456788"}}},

		// ordinary clinical text
		{"ward", 2026, "I worked on ward 4 today", nil},
		{"bed", 2026, "the patient in bed 12", nil},
		{"hours", 2026, "after 4 hours of observation", nil},
		{"news2", 2026, "a NEWS2 score of 5 meant escalation", nil},
		{"blood pressure", 2026, "BP 120/80, HR 88", nil},
		{"dose", 2026, "2 x 500mg paracetamol", nil},
		{"dose after vitamin", 2026, "gave B12 1mg at 2am", nil},
		{"frequency and time", 2026, "q4h 2pm and SE1 2am", nil},
		{"times", 2026, "shift 0730-1930, then 07:30", nil},
		{"empty", 2026, "", nil},

		// dates of birth
		{"shift date", 2026, "on 03/11/2026 I looked after a man", nil},
		{"shift date iso", 2026, "on 2026-11-03", nil},
		{"shift date words", 2026, "on 3 November 2026", nil},
		{"labelled dob", 2026, "DOB 12/03/1954", []wantFinding{{DateOfBirth, "12/03/1954"}}},
		{"labelled dob no reference year", 0, "DOB 12/03/1954", []wantFinding{{DateOfBirth, "12/03/1954"}}},
		{"labelled dob recent year", 2026, "baby boy, DOB: 01/11/2026", []wantFinding{{DateOfBirth, "01/11/2026"}}},
		{"born on words", 0, "born on 4 July 1961 in Leeds", []wantFinding{{DateOfBirth, "4 July 1961"}}},
		{"unlabelled old date", 2026, "seen 12/03/1954", []wantFinding{{DateOfBirth, "12/03/1954"}}},
		{"unlabelled old date no reference year", 0, "seen 12/03/1954", nil},
		{"dotted label", 0, "D.O.B.: 01.02.1950", []wantFinding{{DateOfBirth, "01.02.1950"}}},
		{"date of birth iso", 0, "Date of Birth - 1954-03-12", []wantFinding{{DateOfBirth, "1954-03-12"}}},
		{"dob dashes", 0, "DoB 12-03-1954", []wantFinding{{DateOfBirth, "12-03-1954"}}},
		{"dob two-digit year", 0, "DoB 12/03/54", []wantFinding{{DateOfBirth, "12/03/54"}}},
		{"unlabelled two-digit year", 2026, "seen 12/03/54", nil},
		{"ordinal abbreviated month", 2026, "admitted 12th Mar 1954", []wantFinding{{DateOfBirth, "12th Mar 1954"}}},
		{"day of month", 2026, "the 1st of September 1948", []wantFinding{{DateOfBirth, "1st of September 1948"}}},
		{"month first", 2026, "March 12, 1954", []wantFinding{{DateOfBirth, "March 12, 1954"}}},
		{"clinical system style", 2026, "12-Mar-1954", []wantFinding{{DateOfBirth, "12-Mar-1954"}}},
		{"lower-case month", 2026, "12 sept 1954", []wantFinding{{DateOfBirth, "12 sept 1954"}}},
		{"impossible day", 2026, "DOB 31/02/1950", nil},
		{"impossible month", 2026, "DOB 12/13/1950", nil},
		{"leap day", 2026, "29/02/1952", []wantFinding{{DateOfBirth, "29/02/1952"}}},
		{"not a leap year", 2026, "29/02/1953", nil},
		{"sixteen years back", 2026, "12/03/2010", nil},
		{"seventeen years back", 2026, "12/03/2009", []wantFinding{{DateOfBirth, "12/03/2009"}}},
		{"label too far away", 2026, "DOB recorded in the notes, then on 12/03/2020", nil},
		{"label belongs to earlier number", 0, "DOB 12/03/1954, seen 3/11/26", []wantFinding{{DateOfBirth, "12/03/1954"}}},
		{"born inside a word", 2026, "a newborn on 03/11/2026", nil},
		{"label on previous line", 2026, "DOB\n03/11/2026", nil},
		{"date inside longer number", 2026, "1.12.03.1954 and 12/03/1954/2", nil},

		// postcodes
		{"postcode", 2026, "lives at L1 8JQ with her son", []wantFinding{{Postcode, "L1 8JQ"}}},
		{"postcode four-character district", 2026, "SW1A 1AA", []wantFinding{{Postcode, "SW1A 1AA"}}},
		{"postcode lower case", 2026, "home is m14 5aa.", []wantFinding{{Postcode, "m14 5aa"}}},
		{"postcode without space", 2026, "sw1a1aa", []wantFinding{{Postcode, "sw1a1aa"}}},
		{"postcode girobank", 2026, "GIR 0AA", []wantFinding{{Postcode, "GIR 0AA"}}},
		{"postcode two-letter area", 2026, "(LS1 4AP)", []wantFinding{{Postcode, "LS1 4AP"}}},
		{"postcode not an area", 2026, "XL1 8JQ", nil},
		{"postcode inside a word", 2026, "L1 8JQX and AL1 8JQ9", nil},
		{"postcode excluded inward letters", 2026, "M1 1MK", nil},

		// phone numbers
		{"mobile", 2026, "ring 07700 900123 later", []wantFinding{{PhoneNumber, "07700 900123"}}},
		{"mobile contiguous", 2026, "07700900123", []wantFinding{{PhoneNumber, "07700900123"}}},
		{"landline", 2026, "tel 0151 706 2000.", []wantFinding{{PhoneNumber, "0151 706 2000"}}},
		{"landline bracketed", 2026, "tel (0151) 706 2000", []wantFinding{{PhoneNumber, "(0151) 706 2000"}}},
		{"london", 2026, "020 7946 0958", []wantFinding{{PhoneNumber, "020 7946 0958"}}},
		{"dashed 03", 2026, "0300-123-4567", []wantFinding{{PhoneNumber, "0300-123-4567"}}},
		{"international", 2026, "+44 7700 900123", []wantFinding{{PhoneNumber, "+44 7700 900123"}}},
		{"international contiguous", 2026, "+447700900123", []wantFinding{{PhoneNumber, "+447700900123"}}},
		{"international trunk zero", 2026, "+44 (0)20 7946 0958", []wantFinding{{PhoneNumber, "+44 (0)20 7946 0958"}}},
		{"short rural number", 2026, "016977 4321", []wantFinding{{PhoneNumber, "016977 4321"}}},
		{"phone too short", 2026, "0770 090 012", nil},
		{"phone too long", 2026, "07700 9001234", nil},
		{"freephone not covered", 2026, "0800 123 4567", nil},
		{"unclosed bracket", 2026, "(0151 706 2000", []wantFinding{{PhoneNumber, "0151 706 2000"}}},

		// hospital numbers
		{"mrn", 2026, "MRN: A123456", []wantFinding{{HospitalNumber, "A123456"}}},
		{"hospital no", 2026, "Hospital no. 1234567", []wantFinding{{HospitalNumber, "1234567"}}},
		{"hospital number is", 2026, "her hospital number is RX12345 on the band", []wantFinding{{HospitalNumber, "RX12345"}}},
		{"patient number", 2026, "patient number: 12-34567", []wantFinding{{HospitalNumber, "12-34567"}}},
		{"pas number", 2026, "PAS number 0012345", []wantFinding{{HospitalNumber, "0012345"}}},
		{"unit number grouped", 2026, "unit number 456 7890", []wantFinding{{HospitalNumber, "456 7890"}}},
		{"hospital label small number", 2026, "unit number 3 was short-staffed", nil},
		{"hospital no longer", 2026, "the hospital no longer uses paper", nil},
		{"mrn without number", 2026, "MRN pending", nil},
		{"mrn inside a word", 2026, "XMRN 1234567", nil},

		// email addresses
		{"email", 2026, "email jo.bloggs@nhs.net.", []wantFinding{{Email, "jo.bloggs@nhs.net"}}},
		{"email in brackets", 2026, "(j.o'neill+ward@example.co.uk)", []wantFinding{{Email, "j.o'neill+ward@example.co.uk"}}},
		{"email looks like postcode", 2026, "l18jq@nhs.net", []wantFinding{{Email, "l18jq@nhs.net"}}},
		{"at home", 2026, "she is @home now", nil},
		{"no domain dot", 2026, "jones@localhost", nil},
		{"numeric top-level domain", 2026, "a@b.5", nil},

		// names
		{"mr", 2026, "I cared for Mr Jones overnight", []wantFinding{{PersonName, "Mr Jones"}}},
		{"mrs apostrophe", 2026, "Mrs O'Neill was anxious", []wantFinding{{PersonName, "Mrs O'Neill"}}},
		{"ms hyphen", 2026, "Ms Smith-Patel", []wantFinding{{PersonName, "Ms Smith-Patel"}}},
		{"miss short surname", 2026, "Miss Ng.", []wantFinding{{PersonName, "Miss Ng"}}},
		{"mr with stop", 2026, "Mr. Brown", []wantFinding{{PersonName, "Mr. Brown"}}},
		{"mx", 2026, "Mx Taylor", []wantFinding{{PersonName, "Mx Taylor"}}},
		{"possessive", 2026, "Mrs Jones’s daughter", []wantFinding{{PersonName, "Mrs Jones"}}},
		{"accented surname", 2026, "Mr Müller", []wantFinding{{PersonName, "Mr Müller"}}},
		{"doctor", 2026, "Dr Patel reviewed him", nil},
		{"initial", 2026, "Mr X and Mrs AB", nil},
		{"lower-case surname", 2026, "Mr jones", nil},
		{"lower-case title", 2026, "mr Jones", nil},
		{"title inside a word", 2026, "HUMr Jones", nil},
		{"surname with digit", 2026, "Mr Jones2", nil},

		// several at once, in order
		{"several", 2026, "Mr Jones, DOB 12/03/1954, NHS 943 476 5919, home L1 8JQ, tel 07700 900123, jo@nhs.net, MRN A123456",
			[]wantFinding{
				{PersonName, "Mr Jones"},
				{DateOfBirth, "12/03/1954"},
				{NHSNumber, "943 476 5919"},
				{Postcode, "L1 8JQ"},
				{PhoneNumber, "07700 900123"},
				{Email, "jo@nhs.net"},
				{HospitalNumber, "A123456"},
			}},
		{"labelled nhs number is hospital number", 2026, "MRN 9434765919", []wantFinding{{HospitalNumber, "9434765919"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := IdentifierScanner{ReferenceYear: tc.year}.Scan(tc.text)
			checkFindings(t, tc.text, got)
			if len(got) != len(tc.want) {
				t.Fatalf("Scan(%q) = %s, want %v", tc.text, describeFindings(got), tc.want)
			}
			for i, w := range tc.want {
				if got[i].Kind != w.kind || got[i].Text != w.text {
					t.Errorf("Scan(%q)[%d] = %s %q, want %s %q", tc.text, i, got[i].Kind, got[i].Text, w.kind, w.text)
				}
			}
		})
	}
}

func TestScanIdentifiersPositions(t *testing.T) {
	text := "Café ☕ shift with a naïve 😀 question\n" +
		"Second line — ëxtra detail\n" +
		"naïve 👍 Mr Jones came, ref 943 476 5919"
	got := IdentifierScanner{ReferenceYear: 2026}.Scan(text)
	want := []Finding{
		{Kind: PersonName, Text: "Mr Jones", Line: 3, Column: 9},
		{Kind: NHSNumber, Text: "943 476 5919", Line: 3, Column: 28},
	}
	if len(got) != len(want) {
		t.Fatalf("Scan = %s, want 2 findings", describeFindings(got))
	}
	for i, w := range want {
		g := got[i]
		start := strings.Index(text, w.Text)
		if g.Kind != w.Kind || g.Text != w.Text || g.Line != w.Line || g.Column != w.Column ||
			g.Start != start || g.End != start+len(w.Text) {
			t.Errorf("finding %d = %+v, want %s %q at bytes %d-%d, line %d column %d",
				i, g, w.Kind, w.Text, start, start+len(w.Text), w.Line, w.Column)
		}
	}

	// On the first line, too, the column counts runes, not bytes.
	first := IdentifierScanner{}.Scan("Zoë 😀 é: jo@nhs.net")
	if len(first) != 1 || first[0].Line != 1 || first[0].Column != 10 || first[0].Start != 14 {
		t.Errorf("first-line finding = %s, want email at line 1 column 10, byte 14", describeFindings(first))
	}
}

func TestScanIdentifiersInvalidUTF8(t *testing.T) {
	text := "\xff\xfe Mr Jones\x80 \xe2\x82 943 476 5919\xc3"
	got := IdentifierScanner{}.Scan(text)
	checkFindings(t, text, got)
	if len(got) != 2 || got[0].Kind != PersonName || got[1].Kind != NHSNumber || got[1].Column != 17 {
		t.Errorf("Scan = %s, want a name and an NHS number at column 17", describeFindings(got))
	}
}

func TestIdentifierMessages(t *testing.T) {
	kinds := []IdentifierKind{NHSNumber, DateOfBirth, Postcode, PhoneNumber, HospitalNumber, Email, PersonName}
	labels := map[string]bool{}
	for _, k := range kinds {
		label := k.Label()
		if label == "" || label == "identifier" || labels[label] {
			t.Errorf("%s.Label() = %q, want a distinct label", k, label)
		}
		labels[label] = true
	}
	if IdentifierKind("shoe_size").Label() != "identifier" {
		t.Errorf("unknown kind label = %q", IdentifierKind("shoe_size").Label())
	}

	got := IdentifierScanner{}.Scan("NHS 943 476 5919")
	want := "This looks like an NHS number (943 476 5919). Reflections must not identify patients: remove it or replace it with a description such as 'a patient'."
	if len(got) != 1 || got[0].Message != want {
		t.Errorf("message = %q, want %q", describeFindings(got), want)
	}
	for _, f := range (IdentifierScanner{ReferenceYear: 2026}).Scan("Mr Jones 12/03/1954 L1 8JQ 07700 900123 MRN A123456 jo@nhs.net") {
		if !strings.Contains(f.Message, f.Kind.Label()) || !strings.Contains(f.Message, "("+f.Text+")") ||
			!strings.Contains(f.Message, "must not identify patients") {
			t.Errorf("%s message %q should name the kind and echo %q", f.Kind, f.Message, f.Text)
		}
	}
}

func TestValidNHSNumber(t *testing.T) {
	cases := []struct {
		digits string
		want   bool
	}{
		{"9434765919", true},
		{"4010232137", true},
		{"4505577104", true},
		{"0123456789", true},
		{"4857773457", true},
		{"9999999999", true},
		{"9434765918", false},
		{"4010232138", false},
		{"4857773456", false},
		{"1234567890", false}, // check digit would be 10
		{"1111111112", false},
		{"943476591", false},
		{"94347659190", false},
		{"943 476 5919", false},
		{"943-476-5919", false},
		{"943476591a", false},
		{"٩٤٣٤٧٦٥٩١٩", false},
		{"", false},
	}
	for _, tc := range cases {
		if got := ValidNHSNumber(tc.digits); got != tc.want {
			t.Errorf("ValidNHSNumber(%q) = %v, want %v", tc.digits, got, tc.want)
		}
	}
}

// largeTexts are 1 MB inputs built to trip up a scanner that backtracks or rescans.
func largeTexts() map[string]string {
	const size = 1 << 20
	sentence := "On 03/11/2026 I looked after Mr Jones (NHS 943 476 5919, DOB 12/03/1954, L1 8JQ, 07700 900123, jo@nhs.net) on ward 4, bed 12; NEWS2 5, BP 120/80. "
	return map[string]string{
		"realistic":     strings.Repeat(sentence, size/len(sentence)),
		"digits":        strings.Repeat("9", size),
		"digit groups":  strings.Repeat("943 ", size/4),
		"at signs":      strings.Repeat("@", size),
		"long local":    strings.Repeat("a", size) + "@nhs.net",
		"long domain":   "a@" + strings.Repeat("b.", size/2) + "net",
		"local and at":  strings.Repeat("a.b@", size/4),
		"titles":        strings.Repeat("Mr Mrs Miss ", size/12),
		"labels":        strings.Repeat("DOB born MRN ", size/13),
		"dates":         strings.Repeat("DOB 1/1/", size/8),
		"letters":       strings.Repeat("SW1A ", size/5),
		"multibyte":     strings.Repeat("é😀", size/6),
		"invalid bytes": strings.Repeat("\xff\xe2\x82", size/3),
	}
}

func TestScanIdentifiersLargeText(t *testing.T) {
	for name, text := range largeTexts() {
		got := IdentifierScanner{ReferenceYear: 2026}.Scan(text)
		if name == "realistic" && len(got) == 0 {
			t.Errorf("%s: nothing found", name)
		}
		checkFindings(t, text, got)
	}
}

// BenchmarkScanIdentifiers: a 1 MB text of each hostile kind must scan well under a second,
// because the warning runs before every save.
func BenchmarkScanIdentifiers(b *testing.B) {
	for name, text := range largeTexts() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				IdentifierScanner{ReferenceYear: 2026}.Scan(text)
			}
		})
	}
}

func FuzzScanIdentifiers(f *testing.F) {
	seeds := []string{
		"",
		"NHS 943 476 5919 noted",
		"943-476-5919",
		"(9434765919),",
		"12345678901234 0.9434765919",
		"DOB 12/03/1954, born on 4 July 1961, March 12, 1954, 12th Mar 1954",
		"on 03/11/2026 I looked after a man, 1954-03-12",
		"L1 8JQ SW1A 1AA m14 5aa GIR 0AA sw1a1aa",
		"07700 900123 +44 (0)20 7946 0958 (0151) 706 2000",
		"MRN: A123456, hospital number is 456 7890",
		"jo.bloggs@nhs.net a@b@c.co.uk",
		"Mr Jones, Mrs O'Neill, Ms Smith-Patel, Miss Ng, Dr Patel",
		"Café ☕\nnaïve 👍 Mr Jones 943 476 5919",
		"\xff\xfe Mr Jones\x80 \xe2\x82 943 476 5919\xc3",
		"٩٤٣٤٧٦٥٩١٩ ٣9434765919",
		"ward 4, bed 12, 4 hours, NEWS2 score of 5, BP 120/80, 2 x 500mg",
	}
	for _, s := range seeds {
		f.Add(s, 2026)
	}
	f.Add("12/03/1954", 0)
	f.Fuzz(func(t *testing.T, text string, year int) {
		checkFindings(t, text, IdentifierScanner{ReferenceYear: year}.Scan(text))
	})
}

// checkFindings asserts what must hold for any input, recomputing positions independently
// of the scanner.
func checkFindings(t *testing.T, text string, got []Finding) {
	t.Helper()
	// Per-byte tables keep this linear, so the 1 MB texts can be checked too.
	boundary := make([]bool, len(text)+1)
	runesBefore := make([]int, len(text)+1)
	lineStart := make([]int, len(text)+1)
	lines := make([]int, len(text)+1)
	runes, line, start := 0, 1, 0
	for i := 0; i < len(text); {
		boundary[i], runesBefore[i], lines[i], lineStart[i] = true, runes, line, start
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		runes++
		if r == '\n' {
			line, start = line+1, i
		}
	}
	boundary[len(text)], runesBefore[len(text)], lines[len(text)], lineStart[len(text)] = true, runes, line, start
	prevEnd := 0
	for i, f := range got {
		if f.Start < 0 || f.Start >= f.End || f.End > len(text) {
			t.Fatalf("finding %d has offsets %d-%d outside the %d-byte text", i, f.Start, f.End, len(text))
		}
		if !boundary[f.Start] || !boundary[f.End] {
			t.Errorf("finding %d (%d-%d) splits a rune", i, f.Start, f.End)
		}
		if text[f.Start:f.End] != f.Text {
			t.Errorf("finding %d: text[%d:%d] = %q, Text = %q", i, f.Start, f.End, text[f.Start:f.End], f.Text)
		}
		if i > 0 && f.Start < prevEnd {
			t.Errorf("finding %d starts at %d, before the previous one ends at %d", i, f.Start, prevEnd)
		}
		prevEnd = f.End
		line := lines[f.Start]
		col := 1 + runesBefore[f.Start] - runesBefore[lineStart[f.Start]]
		if f.Line != line || f.Column != col {
			t.Errorf("finding %d at byte %d: line %d column %d, want line %d column %d", i, f.Start, f.Line, f.Column, line, col)
		}
		if f.Message == "" || !strings.Contains(f.Message, f.Text) {
			t.Errorf("finding %d: message %q does not echo %q", i, f.Message, f.Text)
		}
		if f.Kind == NHSNumber {
			var digits strings.Builder
			for _, r := range f.Text {
				if '0' <= r && r <= '9' {
					digits.WriteRune(r)
				}
			}
			if !ValidNHSNumber(digits.String()) {
				t.Errorf("finding %d: NHS number %q fails the checksum", i, f.Text)
			}
		}
	}
}

func describeFindings(fs []Finding) string {
	var b strings.Builder
	b.WriteString("[")
	for i, f := range fs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(f.Kind) + " " + strings.ReplaceAll(f.Text, "\n", `\n`))
	}
	b.WriteString("]")
	return b.String()
}
