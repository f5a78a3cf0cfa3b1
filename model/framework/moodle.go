package framework

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"pursuit/model"
)

// MoodleOptions supplies what a Moodle framework does not have: Moodle rates competencies
// against a scale and has no must/should/could, and frameworks carry no version.
type MoodleOptions struct {
	DefaultLevel model.Level            // level for every competency (required)
	Levels       map[string]model.Level // optional per-code override, codes matched ignoring case; each code must be in the file
	Version      string                 // framework version to record; "imported" if empty
}

// DefaultMoodleVersion is recorded when MoodleOptions.Version is empty.
const DefaultMoodleVersion = "imported"

// DefaultDomain is the domain of a competency that sits at the top of the Moodle tree.
const DefaultDomain = "General"

// moodleColumns is the header Moodle's exporter (admin/tool/lpimportcsv) writes, in order.
var moodleColumns = []string{
	"Parent id number", "Id number", "Shortname", "Description", "Description format",
	"Scale values", "Scale configuration", "Rule type (optional)", "Rule outcome (optional)",
	"Rule config (optional)", "Cross referenced competency id numbers", "Exported id (optional)",
	"Is framework", "Taxonomy",
}

// Column positions the importer uses; the rest (scales, rules, cross-references) have no
// counterpart in Pursuit.
const (
	colParent      = 0
	colID          = 1
	colShortname   = 2
	colDescription = 3
	colFormat      = 4
	colFramework   = 12
)

// moodleRow is one line of the tree as read from the file.
type moodleRow struct {
	line        int // where the record starts
	parentID    string
	id          string
	shortname   string
	description string
	format      string
	isFramework bool
	parent      int // index of the parent row; -1 at the top of the tree
	children    int
}

// ParseMoodleCSV reads a competency framework exported from Moodle (Site administration ›
// Competencies › Export competency framework). The tree's leaves become competencies and
// each leaf's parent names its domain; see docs/framework-format.md. source names the file
// for messages and is stored in Framework.Source.
func ParseMoodleCSV(data []byte, source string, opts MoodleOptions) (model.FrameworkSet, error) {
	set, err := parseMoodleCSV(data, source, opts)
	if err != nil {
		return model.FrameworkSet{}, err
	}
	return set, nil
}

func parseMoodleCSV(data []byte, source string, opts MoodleOptions) (model.FrameworkSet, error) {
	defaultLevel, overrides, err := opts.levels(source)
	if err != nil {
		return model.FrameworkSet{}, err
	}
	if err := checkFileSize(data, source); err != nil {
		return model.FrameworkSet{}, err
	}
	data = stripBOM(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return model.FrameworkSet{}, emptyFileError(source)
	}
	if msg := otherFormat(data); msg != "" {
		return model.FrameworkSet{}, &ImportError{Source: source, Msg: msg}
	}
	rows, err := readMoodleRows(data, source)
	if err != nil {
		return model.FrameworkSet{}, err
	}
	fw, err := moodleFramework(rows, source, opts.Version)
	if err != nil {
		return model.FrameworkSet{}, err
	}
	if err := linkMoodleTree(rows, source); err != nil {
		return model.FrameworkSet{}, err
	}
	comps, err := moodleCompetencies(rows, source, defaultLevel)
	if err != nil {
		return model.FrameworkSet{}, err
	}
	if err := applyLevels(comps, overrides, rows, source); err != nil {
		return model.FrameworkSet{}, err
	}
	set := model.FrameworkSet{Framework: fw, Competencies: comps}
	if err := set.Validate(); err != nil {
		return model.FrameworkSet{}, fromValidation(err, source, 0, 0, "")
	}
	return set, nil
}

// levelChoice is one per-code level from MoodleOptions.Levels, keyed by the lower-case code.
type levelChoice struct {
	code  string // as the caller wrote it, for messages
	level model.Level
}

// levels checks the options before the file is read: they come from the import screen, not
// the file, so their errors name no line.
func (o MoodleOptions) levels(source string) (model.Level, map[string]levelChoice, error) {
	if strings.TrimSpace(string(o.DefaultLevel)) == "" {
		return "", nil, &ImportError{Source: source, Field: "default level",
			Msg: "choose the level (must, should or could) the imported competencies will have"}
	}
	def, err := model.ParseLevel(string(o.DefaultLevel))
	if err != nil {
		return "", nil, fromValidation(err, source, 0, 0, "default level")
	}
	overrides := make(map[string]levelChoice, len(o.Levels))
	for _, code := range slices.Sorted(maps.Keys(o.Levels)) { // sorted, so the same mistake gives the same message
		level, err := model.ParseLevel(string(o.Levels[code]))
		if err != nil {
			return "", nil, fromValidation(err, source, 0, 0, "level for "+code)
		}
		key := strings.ToLower(strings.TrimSpace(code))
		if earlier, dup := overrides[key]; dup && earlier.level != level {
			return "", nil, &ImportError{Source: source, Field: "level for " + code,
				Msg: fmt.Sprintf("%s and %s are the same code, given two different levels", earlier.code, code)}
		}
		overrides[key] = levelChoice{code: code, level: level}
	}
	return def, overrides, nil
}

// otherFormat recognises the files an administrator is most likely to pick by mistake, whose
// CSV errors would otherwise be baffling.
func otherFormat(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return `this is an Excel workbook (or another zip file), not a CSV file: in Excel choose File › Save As › "CSV UTF-8 (Comma delimited)"`
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return `this is an old-style Excel workbook, not a CSV file: in Excel choose File › Save As › "CSV UTF-8 (Comma delimited)"`
	case bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")):
		return "this looks like a JSON file, not a Moodle CSV file: import it as a Pursuit framework file instead"
	}
	return ""
}

func readMoodleRows(data []byte, source string) ([]moodleRow, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = guessDelimiter(data)
	r.FieldsPerRecord = -1 // checked below, so the message can give the line

	header, err := r.Read()
	if err == io.EOF {
		return nil, emptyFileError(source)
	}
	if err != nil {
		return nil, csvError(err, source)
	}
	line, _ := r.FieldPos(0)
	if err := checkFields(header, line, source); err != nil {
		return nil, err
	}
	if err := checkMoodleHeader(header, line, source); err != nil {
		return nil, err
	}

	var rows []moodleRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err, source)
		}
		line, _ := r.FieldPos(0)
		if allBlank(rec) {
			continue // spreadsheets often leave rows of empty cells at the end
		}
		if len(rec) != len(moodleColumns) {
			return nil, &ImportError{Source: source, Line: line, Msg: fmt.Sprintf(
				"this row has %d columns; a Moodle framework file has %d on every row — is a comma or a quote missing?",
				len(rec), len(moodleColumns))}
		}
		if err := checkFields(rec, line, source); err != nil {
			return nil, err
		}
		row := moodleRow{
			line:        line,
			parentID:    strings.TrimSpace(rec[colParent]),
			id:          strings.TrimSpace(rec[colID]),
			shortname:   collapseSpace(rec[colShortname]),
			description: rec[colDescription],
			format:      strings.TrimSpace(rec[colFormat]),
			parent:      -1,
		}
		switch flag := strings.TrimSpace(rec[colFramework]); flag {
		case "1":
			row.isFramework = true
		case "", "0":
		default:
			return nil, &ImportError{Source: source, Line: line, Field: moodleColumns[colFramework], Msg: fmt.Sprintf(
				"%q should be 1 on the framework's own row and empty on the others", clip(flag))}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// guessDelimiter lets a file saved by Excel in a locale that separates with semicolons (or
// exported as tab-separated) through; Moodle itself writes commas.
func guessDelimiter(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte{'\n'})
	switch {
	case bytes.IndexByte(first, ',') >= 0:
		return ','
	case bytes.IndexByte(first, ';') >= 0:
		return ';'
	case bytes.IndexByte(first, '\t') >= 0:
		return '\t'
	}
	return ','
}

func csvError(err error, source string) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &ImportError{Source: source, Msg: "the file could not be read as CSV: " + err.Error(), Err: err}
	}
	msg := "the file could not be read as CSV: " + pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = `a quoted field is not closed: a " is missing, or a " inside the text is not doubled ("")`
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = `a " appears inside a field that does not start with one: put the whole field in quotes and double the " inside it ("")`
	}
	if pe.Line != pe.StartLine {
		msg += fmt.Sprintf(" (the problem is on line %d)", pe.Line)
	}
	return &ImportError{Source: source, Line: pe.StartLine, Msg: msg, Err: err}
}

// checkFields applies the limits every field must meet, header included.
func checkFields(rec []string, line int, source string) error {
	for i, f := range rec {
		field := fmt.Sprintf("column %d", i+1)
		if i < len(moodleColumns) {
			field = moodleColumns[i]
		}
		if len(f) > MaxFieldSize {
			return &ImportError{Source: source, Line: line, Field: field,
				Msg: fmt.Sprintf("field is %d bytes; at most %d", len(f), MaxFieldSize)}
		}
		if !utf8.ValidString(f) {
			return &ImportError{Source: source, Line: line, Field: field, Msg: notUTF8Msg()}
		}
	}
	return nil
}

func checkMoodleHeader(header []string, line int, source string) error {
	if len(header) != len(moodleColumns) {
		return &ImportError{Source: source, Line: line, Msg: fmt.Sprintf(
			"this is not a Moodle competency framework file: its first line should be Moodle's header of %d columns (%q, %q, %q, …); this one has %d",
			len(moodleColumns), moodleColumns[0], moodleColumns[1], moodleColumns[2], len(header))}
	}
	for i, want := range moodleColumns {
		if !sameHeading(header[i], want) {
			return &ImportError{Source: source, Line: line, Field: clip(header[i]), Msg: fmt.Sprintf(
				"this is not a Moodle competency framework file: column %d of the header should be %q", i+1, want)}
		}
	}
	return nil
}

// sameHeading compares headings the way a person would: ignoring case, surrounding spaces and
// the "(optional)" that some Moodle versions leave out.
func sameHeading(got, want string) bool {
	norm := func(s string) string {
		s = strings.ToLower(collapseSpace(s))
		return strings.TrimSpace(strings.TrimSuffix(s, "(optional)"))
	}
	return norm(got) == norm(want)
}

func allBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// moodleFramework builds the framework record from the row flagged "Is framework", or from
// the file name when no row is flagged: a hand-made file often leaves that row out, and the
// file name is what the administrator chose to call it.
func moodleFramework(rows []moodleRow, source, version string) (model.Framework, error) {
	if strings.TrimSpace(version) == "" {
		version = DefaultMoodleVersion
	}
	fw := model.Framework{Version: strings.TrimSpace(version), Source: source}
	fwRow := -1
	for i, r := range rows {
		if !r.isFramework {
			continue
		}
		if fwRow >= 0 {
			return model.Framework{}, &ImportError{Source: source, Line: r.line, Field: moodleColumns[colFramework], Msg: fmt.Sprintf(
				"line %d is already marked as the framework; a file holds one framework", rows[fwRow].line)}
		}
		fwRow = i
	}

	line := 0
	if fwRow < 0 {
		name := baseName(source)
		fw.ID, fw.Name = frameworkIDFrom(name), name
		if fw.ID == "" {
			return model.Framework{}, &ImportError{Source: source, Field: moodleColumns[colFramework],
				Msg: `no row is marked as the framework (1 in "Is framework"), and the file name cannot stand in for one: add the framework's own row, as Moodle exports it`}
		}
	} else {
		r := rows[fwRow]
		line = r.line
		if r.parentID != "" {
			return model.Framework{}, &ImportError{Source: source, Line: line, Field: moodleColumns[colParent],
				Msg: "the framework's own row cannot have a parent"}
		}
		fw.ID = frameworkIDFrom(r.id)
		if fw.ID == "" {
			return model.Framework{}, &ImportError{Source: source, Line: line, Field: moodleColumns[colID], Msg: fmt.Sprintf(
				"the framework's id number %q has no letters or digits to make an id from", clip(r.id))}
		}
		fw.Name = r.shortname
		if fw.Name == "" {
			fw.Name = r.id
		}
		fw.Description = descriptionText(r.description, r.format)
	}

	if field, msg := checkFramework(fw); msg != "" {
		column := map[string]string{"id": moodleColumns[colID], "name": moodleColumns[colShortname],
			"description": moodleColumns[colDescription], "version": "version"}[field]
		return model.Framework{}, &ImportError{Source: source, Line: line, Field: column, Msg: msg}
	}
	return fw, nil
}

// linkMoodleTree connects each row to its parent and refuses what would make the tree
// meaningless: rows without id numbers, duplicates, missing parents and loops. A row whose
// parent is the framework's own row counts as top-level, as some hand-made files do that.
func linkMoodleTree(rows []moodleRow, source string) error {
	index := make(map[string]int, len(rows))
	for i, r := range rows {
		if r.id == "" {
			return &ImportError{Source: source, Line: r.line, Field: moodleColumns[colID],
				Msg: "every row needs an id number; it becomes the competency's code"}
		}
		key := strings.ToLower(r.id)
		if j, dup := index[key]; dup {
			return &ImportError{Source: source, Line: r.line, Field: moodleColumns[colID], Msg: fmt.Sprintf(
				"the id number %q is already used on line %d; id numbers must be unique, ignoring case", clip(r.id), rows[j].line)}
		}
		index[key] = i
	}

	for i := range rows {
		r := &rows[i]
		if r.isFramework || r.parentID == "" {
			continue
		}
		p, ok := index[strings.ToLower(r.parentID)]
		switch {
		case !ok:
			return &ImportError{Source: source, Line: r.line, Field: moodleColumns[colParent], Msg: fmt.Sprintf(
				"parent %q does not exist: no row has that id number", clip(r.parentID))}
		case rows[p].isFramework:
			continue
		case p == i:
			return &ImportError{Source: source, Line: r.line, Field: moodleColumns[colParent], Msg: fmt.Sprintf(
				"the row %q names itself as its parent", clip(r.id))}
		}
		r.parent = p
	}
	if err := findLoop(rows, source); err != nil {
		return err
	}
	for _, r := range rows {
		if r.parent >= 0 {
			rows[r.parent].children++
		}
	}
	return nil
}

// findLoop reports parents that go round in a circle (a → b → a), which would make every row
// in the circle its own ancestor. Each row is walked once.
func findLoop(rows []moodleRow, source string) error {
	const (
		unvisited = iota
		onPath
		done
	)
	state := make([]int, len(rows))
	for start := range rows {
		var path []int
		i := start
		for i >= 0 && state[i] == unvisited {
			state[i] = onPath
			path = append(path, i)
			i = rows[i].parent
		}
		if i >= 0 && state[i] == onPath {
			loop := path[slices.Index(path, i):]
			// Start the description at the row that comes first in the file, where the
			// administrator will look first.
			first := slices.Index(loop, slices.Min(loop))
			loop = append(loop[first:], loop[:first]...)
			return &ImportError{Source: source, Line: rows[loop[0]].line, Field: moodleColumns[colParent], Msg: fmt.Sprintf(
				"the parents go round in a circle: %s (each id number is followed by its parent); a competency cannot be inside itself",
				describeLoop(rows, loop))}
		}
		for _, j := range path {
			state[j] = done
		}
	}
	return nil
}

// describeLoop lists the id numbers round a circle of parents, back to the first; a very long
// circle is shortened so the message still fits on the screen.
func describeLoop(rows []moodleRow, loop []int) string {
	const most = 10
	var ids []string
	for _, j := range loop[:min(len(loop), most)] {
		ids = append(ids, clip(rows[j].id))
	}
	if len(loop) > most {
		ids = append(ids, fmt.Sprintf("… (%d rows in all)", len(loop)))
	}
	ids = append(ids, clip(rows[loop[0]].id))
	return strings.Join(ids, " → ")
}

// moodleCompetencies turns the leaves of the tree into competencies, in file order; the
// branches only group them, and a leaf's parent names its domain.
func moodleCompetencies(rows []moodleRow, source string, level model.Level) ([]model.Competency, error) {
	var comps []model.Competency
	for _, r := range rows {
		if r.isFramework || r.children > 0 {
			continue
		}
		c := model.Competency{
			Code:        r.id,
			Title:       r.shortname,
			Description: descriptionText(r.description, r.format),
			Domain:      DefaultDomain,
			Level:       level,
			Position:    len(comps),
		}
		if r.parent >= 0 {
			p := rows[r.parent]
			c.Domain = p.shortname
			if c.Domain == "" {
				c.Domain = p.id
			}
		}
		if err := model.ValidateCompetency(c); err != nil {
			column := map[string]string{"code": moodleColumns[colID], "title": moodleColumns[colShortname],
				"description": moodleColumns[colDescription]}
			var ve *model.ValidationError
			field := ""
			if errors.As(err, &ve) {
				field = column[ve.Field]
			}
			return nil, fromValidation(err, source, r.line, 0, field)
		}
		comps = append(comps, c)
	}
	if len(comps) == 0 {
		return nil, &ImportError{Source: source, Msg: "the file has no competencies: there are no rows besides the header and the framework's own row"}
	}
	return comps, nil
}

// applyLevels sets the per-code levels chosen on the import screen. A code that matches no
// competency is an error rather than ignored, because it means the administrator expects a
// level that nothing will have.
func applyLevels(comps []model.Competency, overrides map[string]levelChoice, rows []moodleRow, source string) error {
	byCode := make(map[string]int, len(comps))
	for i, c := range comps {
		byCode[strings.ToLower(c.Code)] = i
	}
	for _, key := range slices.Sorted(maps.Keys(overrides)) {
		code := overrides[key].code
		if i, ok := byCode[key]; ok {
			comps[i].Level = overrides[key].level
			continue
		}
		msg := fmt.Sprintf("a level was chosen for %q, but the file has no competency with that id number", clip(code))
		if j := slices.IndexFunc(rows, func(r moodleRow) bool { return strings.ToLower(r.id) == key }); j >= 0 {
			msg = fmt.Sprintf("a level was chosen for %q, but on line %d that is a group of competencies (a domain) or the framework itself, not a competency", clip(code), rows[j].line)
		}
		return &ImportError{Source: source, Field: "level for " + code, Msg: msg}
	}
	return nil
}

// descriptionText converts a description according to Moodle's format column: 2 is plain
// text and 4 is Markdown, both kept as written; anything else (1 HTML, 0 Moodle auto-format)
// is HTML.
func descriptionText(text, format string) string {
	switch format {
	case "2", "4":
		return strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	}
	return htmlToText(text)
}
