package model

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IdentifierKind names what a finding looks like.
type IdentifierKind string

const (
	// NHSNumber is ten digits, contiguous or in groups (3-3-4, 3-7…), that pass the modulus-11 check.
	NHSNumber IdentifierKind = "nhs_number"
	// DateOfBirth is a date labelled DOB, date of birth or born, or a full date more than 16
	// years before the reference year (a birth date rather than a shift date).
	DateOfBirth IdentifierKind = "date_of_birth"
	// Postcode is a full UK postcode in any case, with or without the space.
	Postcode IdentifierKind = "postcode"
	// PhoneNumber is a UK mobile or 01/02/03 landline, national or +44.
	PhoneNumber IdentifierKind = "phone_number"
	// HospitalNumber is a number labelled MRN, hospital number, patient number, PAS number
	// or unit number.
	HospitalNumber IdentifierKind = "hospital_number"
	Email          IdentifierKind = "email"
	// PersonName is a courtesy title and a capitalised surname (Mr Jones); Dr is left out
	// because the doctors named in reflections are usually colleagues.
	PersonName IdentifierKind = "person_name"
)

// Label is a short phrase for the warning, e.g. "NHS number".
func (k IdentifierKind) Label() string {
	switch k {
	case NHSNumber:
		return "NHS number"
	case DateOfBirth:
		return "date of birth"
	case Postcode:
		return "postcode"
	case PhoneNumber:
		return "phone number"
	case HospitalNumber:
		return "hospital number"
	case Email:
		return "email address"
	case PersonName:
		return "name"
	}
	return "identifier"
}

// Finding is one stretch of text that looks like it identifies someone.
type Finding struct {
	Kind    IdentifierKind
	Start   int    // byte offset into the scanned text, inclusive
	End     int    // byte offset, exclusive; text[Start:End] is exactly Text
	Line    int    // 1-based line of Start
	Column  int    // 1-based column of Start, counted in runes (what a text editor shows)
	Text    string // the matched text
	Message string // a sentence for the nurse
}

// IdentifierScanner finds likely patient identifiers in free text. ReferenceYear is the
// current year, injected so the rules are testable; when it is 0 only dates labelled as a
// date of birth are reported, because an old date cannot be told from a shift date without it.
type IdentifierScanner struct {
	ReferenceYear int
}

// A date this many years before the reference year is taken to be someone's birth: nobody
// on the programme writes about a shift that long ago, but patients' birth dates are older.
const identBirthYearGap = 16

// Years outside this range are not taken as dates, so that numbers such as "0151-12-12"
// are not read as the year 151.
const (
	identMinYear = 1900
	identMaxYear = 2099
)

// A birth-date label counts only when it is at most this many runes before the date.
const identLabelGap = 20

// Labels are phrases separated by "|"; a space in a phrase matches a short run of spaces.
const (
	identBirthLabels    = "date of birth|dob|d.o.b|born|birth date|birthdate"
	identHospitalLabels = "mrn|hospital number|hospital no|hosp no|patient number|patient no|pas number|pas no|unit number|unit no"
)

type identCandidate struct {
	kind       IdentifierKind
	start, end int
}

// Scan returns findings sorted by Start and non-overlapping. When candidates overlap the
// earlier one is kept; on an equal start the longer one, then the more specific kind.
func (s IdentifierScanner) Scan(text string) []Finding {
	var cands []identCandidate
	add := func(k IdentifierKind, start, end int) {
		cands = append(cands, identCandidate{k, start, end})
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '@':
			if start, end, ok := identEmailAt(text, i); ok {
				add(Email, start, end)
			}
		case c == '+' || c == '(':
			if identWordBefore(text, i) {
				continue
			}
			if end, ok := identPhoneAt(text, i); ok {
				add(PhoneNumber, i, end)
			}
		case identIsDigit(c):
			if identWordBefore(text, i) || identNumberBefore(text, i) {
				continue
			}
			if end, ok := identNHSAt(text, i); ok {
				add(NHSNumber, i, end)
			}
			if c == '0' {
				if end, ok := identPhoneAt(text, i); ok {
					add(PhoneNumber, i, end)
				}
			}
			if end, year, full, ok := identNumericDateAt(text, i); ok && s.isBirthDate(text, i, year, full) {
				add(DateOfBirth, i, end)
			}
			if end, year, ok := identDayMonthYearAt(text, i); ok && s.isBirthDate(text, i, year, true) {
				add(DateOfBirth, i, end)
			}
		case identIsLetter(c):
			if identWordBefore(text, i) {
				continue
			}
			if end, ok := identPostcodeAt(text, i); ok {
				add(Postcode, i, end)
			}
			if c == 'M' {
				if end, ok := identNameAt(text, i); ok {
					add(PersonName, i, end)
				}
			}
			if start, end, ok := identHospitalAt(text, i); ok {
				add(HospitalNumber, start, end)
			}
			if end, year, ok := identMonthDayYearAt(text, i); ok && s.isBirthDate(text, i, year, true) {
				add(DateOfBirth, i, end)
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}

	slices.SortFunc(cands, func(a, b identCandidate) int {
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return cmp.Compare(lb, la)
		}
		return cmp.Compare(identRank(a.kind), identRank(b.kind))
	})

	out := make([]Finding, 0, len(cands))
	line, col, pos := 1, 1, 0
	for _, c := range cands {
		if len(out) > 0 && c.start < out[len(out)-1].End {
			continue
		}
		// Walking forward once keeps line and column counting linear in the text length.
		for pos < c.start {
			r, size := utf8.DecodeRuneInString(text[pos:])
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			pos += size
		}
		matched := text[c.start:c.end]
		out = append(out, Finding{
			Kind:    c.kind,
			Start:   c.start,
			End:     c.end,
			Line:    line,
			Column:  col,
			Text:    matched,
			Message: identMessage(c.kind, matched),
		})
	}
	return out
}

// ValidNHSNumber reports whether ten digits (separators already removed) pass the NHS
// modulus-11 check.
func ValidNHSNumber(digits string) bool {
	if len(digits) != 10 {
		return false
	}
	sum := 0
	for i := range 10 {
		if !identIsDigit(digits[i]) {
			return false
		}
		if i < 9 {
			sum += int(digits[i]-'0') * (10 - i)
		}
	}
	check := 11 - sum%11
	switch check {
	case 11:
		check = 0
	case 10:
		return false
	}
	return int(digits[9]-'0') == check
}

// identRank breaks ties between candidates covering the same text: a label the nurse wrote
// beats a guess, and a checksum-validated number beats a looser pattern.
func identRank(k IdentifierKind) int {
	switch k {
	case HospitalNumber:
		return 0
	case NHSNumber:
		return 1
	case DateOfBirth:
		return 2
	case Email:
		return 3
	case Postcode:
		return 4
	case PhoneNumber:
		return 5
	}
	return 6
}

func identMessage(k IdentifierKind, matched string) string {
	what := "a " + k.Label()
	if k == NHSNumber || k == Email {
		what = "an " + k.Label()
	}
	advice := "remove it or replace it with a description such as 'a patient'."
	switch k {
	case DateOfBirth:
		advice = "remove it or give an approximate age instead, such as 'a woman in her 70s'."
	case Postcode:
		advice = "remove it or describe the place in general terms, such as 'the patient's home'."
	case PhoneNumber, Email:
		advice = "remove it."
	case PersonName:
		advice = "remove the name or replace it with a description such as 'a patient' or 'a relative'."
	}
	return "This looks like " + what + " (" + matched + "). Reflections must not identify patients: " + advice
}

func (s IdentifierScanner) isBirthDate(text string, start, year int, fullYear bool) bool {
	if identBirthLabelBefore(text, start) {
		return true
	}
	return fullYear && s.ReferenceYear != 0 && s.ReferenceYear-year > identBirthYearGap
}

// identBirthLabelBefore looks a short way back from a date for a label such as "DOB". The
// gap may not contain a digit: a number in between means the label belongs to that number.
func identBirthLabelBefore(text string, start int) bool {
	from := start
	for n := 0; n < identLabelGap+len("date of birth")+2 && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	for j := from; j < start; j++ {
		if !identIsLetter(text[j]) || identWordBefore(text, j) {
			continue
		}
		for label := range strings.SplitSeq(identBirthLabels, "|") {
			end, ok := identMatchPhrase(text, j, label)
			if !ok || end > start {
				continue
			}
			gap := text[end:start]
			if utf8.RuneCountInString(gap) <= identLabelGap && !strings.ContainsAny(gap, "\n0123456789") {
				return true
			}
		}
	}
	return false
}

// identNHSAt reads ten digits at i: contiguous, or in up to three groups of at least three
// digits split by single spaces, dashes or dots (943 476 5919, 943 4765919, 943.476.5919).
// Shorter groups are left alone: 12.03.1954 is a date, 3.5 a dose.
func identNHSAt(text string, i int) (int, bool) {
	var digits [10]byte
	n, j, groups := 0, i, 0
	for {
		start := j
		for j < len(text) && identIsDigit(text[j]) {
			if n < 10 {
				digits[n] = text[j]
			}
			n++
			j++
		}
		groups++
		if size := j - start; size == 0 || (size < 3 && n < 10) || n > 10 || groups > 3 {
			return 0, false
		}
		if n == 10 {
			break
		}
		if j+1 >= len(text) || (text[j] != ' ' && text[j] != '-' && text[j] != '.') || !identIsDigit(text[j+1]) {
			return 0, false
		}
		j++
	}
	if identNumberAfter(text, j) {
		return 0, false
	}
	return j, ValidNHSNumber(string(digits[:]))
}

// identPhoneAt reads a UK mobile or 01/02/03 landline, national or +44, at i.
func identPhoneAt(text string, i int) (int, bool) {
	j := i
	intl, bracket := false, false
	switch {
	case strings.HasPrefix(text[j:], "+44"):
		j, intl = j+3, true
	case strings.HasPrefix(text[j:], "0044"):
		j, intl = j+4, true
	}
	if intl {
		if j < len(text) && (text[j] == ' ' || text[j] == '-') {
			j++
		}
		// "+44 (0)151" keeps the trunk zero in brackets for people dialling from the UK.
		if strings.HasPrefix(text[j:], "(0)") {
			j += 3
			if j < len(text) && text[j] == ' ' {
				j++
			}
		}
	} else {
		if j < len(text) && text[j] == '(' {
			bracket = true
			j++
		}
		if j >= len(text) || text[j] != '0' {
			return 0, false
		}
		j++
	}
	if j >= len(text) {
		return 0, false
	}
	first := text[j]
	if first != '1' && first != '2' && first != '3' && first != '7' {
		return 0, false
	}
	count, end := 0, j
scan:
	for count < 10 && j < len(text) {
		switch c := text[j]; {
		case identIsDigit(c):
			count++
			j++
			end = j
			continue
		case bracket && c == ')':
			bracket = false
			j++
			if j < len(text) && (text[j] == ' ' || text[j] == '-') {
				j++
			}
		case c == ' ' || c == '-':
			j++
		default:
			break scan
		}
		if j >= len(text) || !identIsDigit(text[j]) {
			break
		}
	}
	// Most UK numbers have ten digits after the trunk zero; a few rural 01 codes have nine.
	if bracket || !(count == 10 || (count == 9 && first == '1')) {
		return 0, false
	}
	if identNumberAfter(text, end) {
		return 0, false
	}
	return end, true
}

// identNumericDateAt reads d/m/y (also with - or .) or y-m-d at i. full reports a
// four-digit year; two-digit years are only trusted when labelled.
func identNumericDateAt(text string, i int) (end, year int, full, ok bool) {
	a, na := identDigitRun(text, i)
	j := i + na
	if j >= len(text) || strings.IndexByte("/-.", text[j]) < 0 {
		return 0, 0, false, false
	}
	sep := text[j]
	b, nb := identDigitRun(text, j+1)
	j += 1 + nb
	if nb < 1 || nb > 2 || j >= len(text) || text[j] != sep {
		return 0, 0, false, false
	}
	c, nc := identDigitRun(text, j+1)
	j += 1 + nc
	var day, month int
	switch {
	case (na == 1 || na == 2) && nc == 4:
		day, month, year, full = a, b, c, true
	case (na == 1 || na == 2) && nc == 2:
		day, month, year = a, b, 2000+c
	case na == 4 && (nc == 1 || nc == 2):
		year, month, day, full = a, b, c, true
	default:
		return 0, 0, false, false
	}
	if full && (year < identMinYear || year > identMaxYear) {
		return 0, 0, false, false
	}
	if !identValidDay(year, month, day) || identNumberAfter(text, j) {
		return 0, 0, false, false
	}
	return j, year, full, true
}

// identDayMonthYearAt reads "12 March 1954", "12th of Mar 1954" or "12-Mar-1954" at i.
func identDayMonthYearAt(text string, i int) (end, year int, ok bool) {
	day, n := identDigitRun(text, i)
	if n < 1 || n > 2 {
		return 0, 0, false
	}
	j := identSkipOrdinal(text, i+n)
	j, ok = identDateSep(text, j)
	if !ok {
		return 0, 0, false
	}
	if e, ok := identMatchPhrase(text, j, "of"); ok {
		if j, ok = identDateSep(text, e); !ok {
			return 0, 0, false
		}
	}
	month, j, ok := identMonthAt(text, j)
	if !ok {
		return 0, 0, false
	}
	if j, ok = identDateSep(text, j); !ok {
		return 0, 0, false
	}
	return identYearEnd(text, j, day, month)
}

// identMonthDayYearAt reads "March 12, 1954" or "Mar 12th 1954" at i.
func identMonthDayYearAt(text string, i int) (end, year int, ok bool) {
	month, j, ok := identMonthAt(text, i)
	if !ok {
		return 0, 0, false
	}
	if j, ok = identDateSep(text, j); !ok {
		return 0, 0, false
	}
	day, n := identDigitRun(text, j)
	if n < 1 || n > 2 {
		return 0, 0, false
	}
	j = identSkipOrdinal(text, j+n)
	if j, ok = identDateSep(text, j); !ok {
		return 0, 0, false
	}
	return identYearEnd(text, j, day, month)
}

func identYearEnd(text string, j, day, month int) (end, year int, ok bool) {
	year, n := identDigitRun(text, j)
	j += n
	if n != 4 || year < identMinYear || year > identMaxYear || !identValidDay(year, month, day) || identNumberAfter(text, j) {
		return 0, 0, false
	}
	return j, year, true
}

// identDateSep accepts a dash, or an optional comma and up to three spaces.
func identDateSep(text string, j int) (int, bool) {
	if j < len(text) && text[j] == '-' {
		return j + 1, true
	}
	comma := j < len(text) && text[j] == ','
	if comma {
		j++
	}
	spaces := 0
	for j < len(text) && text[j] == ' ' {
		spaces++
		j++
	}
	return j, (comma || spaces > 0) && spaces <= 3
}

func identSkipOrdinal(text string, j int) int {
	if j+2 > len(text) || identWordAt(text, j+2) {
		return j
	}
	switch a, b := identLowerASCII(text[j]), identLowerASCII(text[j+1]); {
	case a == 's' && b == 't', a == 'n' && b == 'd', a == 'r' && b == 'd', a == 't' && b == 'h':
		return j + 2
	}
	return j
}

// identMonthAt reads an English month name or its abbreviation (with an optional full stop).
func identMonthAt(text string, j int) (month, end int, ok bool) {
	// Most words are not months; rejecting on the first letter keeps ordinary prose cheap.
	if j >= len(text) || strings.IndexByte("jfmasond", identLowerASCII(text[j])) < 0 {
		return 0, 0, false
	}
	k := j
	for k < len(text) && k-j <= 9 && identIsLetter(text[k]) {
		k++
	}
	word := text[j:k]
	if len(word) < 3 || len(word) > 9 || identWordAt(text, k) {
		return 0, 0, false
	}
	for m, name := range [...]string{"january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november", "december"} {
		if identLowerASCII(word[0]) != name[0] {
			continue
		}
		abbrev := (len(word) == 3 && strings.EqualFold(word, name[:3])) || (m == 8 && strings.EqualFold(word, "sept"))
		if !abbrev && (len(word) != len(name) || !strings.EqualFold(word, name)) {
			continue
		}
		if abbrev && len(word) < len(name) && k < len(text) && text[k] == '.' {
			k++
		}
		return m + 1, k, true
	}
	return 0, 0, false
}

func identValidDay(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1]
	if month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		days = 29
	}
	return day <= days
}

// identPostcodeAt reads a full UK postcode at i. Only real postcode areas are accepted, and
// the inward letters never include C, I, K, M, O or V, which keeps doses such as "B12 1mg"
// and times such as "2am" from looking like postcodes.
func identPostcodeAt(text string, i int) (int, bool) {
	// GIR 0AA (Girobank) is the one postcode outside the usual pattern.
	if i+3 <= len(text) && strings.EqualFold(text[i:i+3], "gir") {
		j := i + 3
		if j < len(text) && text[j] == ' ' {
			j++
		}
		if j+3 <= len(text) && strings.EqualFold(text[j:j+3], "0aa") && !identWordAt(text, j+3) {
			return j + 3, true
		}
	}
	j := i + 1
	if j < len(text) && identIsLetter(text[j]) {
		j++
	}
	if !identPostcodeArea(text[i:j]) || j >= len(text) || !identIsDigit(text[j]) {
		return 0, false
	}
	j++
	// The district may have a second character ("M14", "SW1A"); try that reading first so
	// the longer postcode wins.
	if j < len(text) && (identIsDigit(text[j]) || identIsLetter(text[j])) {
		if end, ok := identInwardAt(text, j+1); ok {
			return end, true
		}
	}
	return identInwardAt(text, j)
}

func identInwardAt(text string, j int) (int, bool) {
	if j < len(text) && text[j] == ' ' {
		j++
	}
	if j+3 > len(text) || !identIsDigit(text[j]) {
		return 0, false
	}
	for _, c := range [2]byte{text[j+1], text[j+2]} {
		if !identIsLetter(c) || strings.IndexByte("CIKMOVcikmov", c) >= 0 {
			return 0, false
		}
	}
	if identWordAt(text, j+3) {
		return 0, false
	}
	return j + 3, true
}

func identPostcodeArea(area string) bool {
	var b [2]byte
	if len(area) > len(b) {
		return false
	}
	for i := range len(area) {
		b[i] = area[i] &^ 0x20 // ASCII upper case
	}
	switch string(b[:len(area)]) {
	case "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT",
		"CA", "CB", "CF", "CH", "CM", "CO", "CR", "CT", "CV", "CW",
		"DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY",
		"E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY",
		"HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV",
		"JE", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE", "LL", "LN", "LS", "LU",
		"M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW",
		"OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM",
		"S", "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY",
		"TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW", "UB",
		"W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE":
		return true
	}
	return false
}

// identNameAt reads a courtesy title and a capitalised surname at i. Dr is left out on
// purpose: reflections name doctors on the team far more often than patients. The surname
// needs two letters including a lower-case one, so initials such as "Mr X" or "Mrs AB",
// which nurses use to anonymise, are not reported.
func identNameAt(text string, i int) (int, bool) {
	for _, title := range [...]string{"Miss", "Mrs", "Mr", "Ms", "Mx", "MISS", "MRS", "MR", "MX"} {
		if !strings.HasPrefix(text[i:], title) {
			continue
		}
		j := i + len(title)
		if j < len(text) && text[j] == '.' {
			j++
		}
		spaces := 0
		for j < len(text) && text[j] == ' ' && spaces < 3 {
			j++
			spaces++
		}
		if spaces == 0 {
			continue
		}
		if end, ok := identSurnameAt(text, j); ok {
			return end, true
		}
	}
	return 0, false
}

func identSurnameAt(text string, j int) (int, bool) {
	r, size := utf8.DecodeRuneInString(text[j:])
	if !unicode.IsUpper(r) && !unicode.IsTitle(r) {
		return 0, false
	}
	letters, lower := 1, false
	j += size
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case unicode.IsLetter(r):
			letters++
			lower = lower || unicode.IsLower(r)
		case unicode.IsMark(r):
		case r == '\'' || r == '’' || r == '-':
			// O'Neill and Smith-Patel continue; a possessive "Jones's" does not.
			next, _ := utf8.DecodeRuneInString(text[j+size:])
			if !unicode.IsUpper(next) {
				return identSurnameEnd(text, j, letters, lower)
			}
		default:
			return identSurnameEnd(text, j, letters, lower)
		}
		j += size
	}
	return identSurnameEnd(text, j, letters, lower)
}

func identSurnameEnd(text string, j, letters int, lower bool) (int, bool) {
	if letters < 2 || !lower || identWordAt(text, j) {
		return 0, false
	}
	return j, true
}

// identHospitalAt finds a hospital-number label at i and returns the number after it; the
// finding is the number alone, since the label on its own identifies nobody.
func identHospitalAt(text string, i int) (start, end int, ok bool) {
	switch text[i] | 0x20 {
	case 'm', 'h', 'p', 'u':
	default:
		return 0, 0, false
	}
	j := -1
	for label := range strings.SplitSeq(identHospitalLabels, "|") {
		if label[0] != text[i]|0x20 {
			continue
		}
		if e, ok := identMatchPhrase(text, i, label); ok {
			j = e
			break
		}
	}
	if j < 0 {
		return 0, 0, false
	}
	skipped := 0
	for j < len(text) && skipped < 6 && strings.IndexByte(" \t:#=.-", text[j]) >= 0 {
		j++
		skipped++
	}
	if skipped == 0 {
		return 0, 0, false
	}
	for _, verb := range [...]string{"is", "was"} {
		if e, ok := identMatchPhrase(text, j, verb+" "); ok {
			j = e
			break
		}
	}
	start = j
	alnum, digits := 0, 0
	run := func() {
		for j < len(text) && (identIsDigit(text[j]) || identIsLetter(text[j])) {
			if identIsDigit(text[j]) {
				digits++
			}
			alnum++
			j++
		}
	}
	run()
	if alnum == 0 {
		return 0, 0, false
	}
	for groups := 0; groups < 4 && j+1 < len(text); groups++ {
		next := text[j+1]
		if (text[j] == '-' || text[j] == '/') && (identIsDigit(next) || identIsLetter(next)) {
			j++
			run()
			continue
		}
		// Space-separated digit groups ("123 4567") are one number when each group is long
		// enough not to be a count or a bed number.
		if text[j] == ' ' && identIsDigit(text[j-1]) {
			_, n := identDigitRun(text, j+1)
			if n >= 3 && !identWordAt(text, j+1+n) {
				digits += n
				alnum += n
				j += 1 + n
				continue
			}
		}
		break
	}
	if alnum < 4 || digits < 3 || identWordAt(text, j) {
		return 0, 0, false
	}
	return start, j, true
}

// identEmailAt expands outwards from the @ at i.
func identEmailAt(text string, i int) (start, end int, ok bool) {
	start = i
	for start > 0 && identIsLocalChar(text[start-1]) {
		start--
	}
	for start < i && !identIsDigit(text[start]) && !identIsLetter(text[start]) {
		start++
	}
	if start == i {
		return 0, 0, false
	}
	j, labels := i+1, 0
	for {
		k := j
		for k < len(text) && (identIsDigit(text[k]) || identIsLetter(text[k]) || text[k] == '-') {
			k++
		}
		if k == j {
			break
		}
		label := text[j:k]
		// A top-level domain is letters only, so "x@ward.5" is not an address.
		if labels > 0 && len(label) >= 2 && identAllLetters(label) {
			end = k
		}
		labels++
		if k >= len(text) || text[k] != '.' {
			break
		}
		j = k + 1
	}
	if end == 0 {
		return 0, 0, false
	}
	return start, end, true
}

func identAllLetters(s string) bool {
	for i := range len(s) {
		if !identIsLetter(s[i]) {
			return false
		}
	}
	return true
}

func identIsLocalChar(c byte) bool {
	return identIsDigit(c) || identIsLetter(c) || strings.IndexByte("._%+-'", c) >= 0
}

// identMatchPhrase matches phrase case-insensitively at j, a space in the phrase standing for
// one to three spaces. A phrase ending in a letter must end at a word boundary.
func identMatchPhrase(text string, j int, phrase string) (int, bool) {
	for p := 0; p < len(phrase); p++ {
		if phrase[p] == ' ' {
			n := 0
			for j < len(text) && text[j] == ' ' && n < 3 {
				j++
				n++
			}
			if n == 0 {
				return 0, false
			}
			continue
		}
		if j >= len(text) || identLowerASCII(text[j]) != phrase[p] {
			return 0, false
		}
		j++
	}
	last := phrase[len(phrase)-1]
	if identIsLetter(last) && identWordAt(text, j) {
		return 0, false
	}
	return j, true
}

func identDigitRun(text string, j int) (value, n int) {
	for j+n < len(text) && identIsDigit(text[j+n]) {
		if n < 9 {
			value = value*10 + int(text[j+n]-'0')
		}
		n++
	}
	return value, n
}

func identLowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Only ASCII digits make up numbers: other scripts' digits are not how these identifiers
// are written, and counting them would let a look-alike pass the checksum.
func identIsDigit(c byte) bool { return '0' <= c && c <= '9' }

func identIsLetter(c byte) bool {
	c |= 0x20
	return 'a' <= c && c <= 'z'
}

// identIsWordRune is the Unicode notion of a word character, so that "é" or "٣" next to a
// match is treated as part of a longer word rather than a boundary.
func identIsWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func identWordBefore(text string, i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return identIsWordRune(r)
}

func identWordAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return identIsWordRune(r)
}

// identNumberBefore reports a digit run that continues a decimal, a list or a range, as in
// "0.9434765919" or "1-9434765919".
func identNumberBefore(text string, i int) bool {
	return i >= 2 && strings.IndexByte(".,/-", text[i-1]) >= 0 && identIsDigit(text[i-2])
}

// identNumberAfter reports that a match ending at i is really part of a longer number.
func identNumberAfter(text string, i int) bool {
	if identWordAt(text, i) {
		return true
	}
	return i+1 < len(text) && strings.IndexByte(".,/-", text[i]) >= 0 && identIsDigit(text[i+1])
}
