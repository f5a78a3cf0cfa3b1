package framework

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"pursuit/model"
)

// The identifiers every Pursuit framework file starts with. The version goes up only when a
// file written by a newer Pursuit could be misread by an older one.
const (
	FormatName    = "pursuit-framework"
	FormatVersion = 1
)

// The file's shape. The field order here is the order MarshalJSON writes, which keeps exported
// files diffable between versions.
type fileJSON struct {
	Format        string           `json:"format"`
	FormatVersion int              `json:"format_version"`
	Framework     frameworkJSON    `json:"framework"`
	Competencies  []competencyJSON `json:"competencies"`
}

type frameworkJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Version     string `json:"version"`
	Description string `json:"description"`
}

type competencyJSON struct {
	Code          string   `json:"code"`
	Title         string   `json:"title"`
	Description   string   `json:"description"`
	Domain        string   `json:"domain"`
	Level         string   `json:"level"`
	ValidateFirst bool     `json:"validate_first"`
	AppliesTo     []string `json:"applies_to"`
}

// Field names for the typo check and its message, in the order the format document lists them.
var (
	topFields        = []string{"format", "format_version", "framework", "competencies"}
	frameworkFields  = []string{"id", "name", "version", "description"}
	competencyFields = []string{"code", "title", "description", "domain", "level", "validate_first", "applies_to"}
)

// ParseJSON reads Pursuit's framework format. source names the file for messages and is
// stored in Framework.Source.
func ParseJSON(data []byte, source string) (model.FrameworkSet, error) {
	set, err := parseJSON(data, source)
	if err != nil {
		return model.FrameworkSet{}, err
	}
	return set, nil
}

// jsonParser carries what every error message needs: the file's text, to turn offsets into
// lines, and the layout, to find where a field was written.
type jsonParser struct {
	data   []byte
	source string
	layout jsonLayout
}

func parseJSON(data []byte, source string) (model.FrameworkSet, error) {
	if err := checkFileSize(data, source); err != nil {
		return model.FrameworkSet{}, err
	}
	data = stripBOM(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return model.FrameworkSet{}, emptyFileError(source)
	}
	p := &jsonParser{data: data, source: source}
	// encoding/json quietly turns bad bytes into U+FFFD; a file in the wrong encoding should
	// be refused, not imported with its accents replaced.
	if i := firstInvalidUTF8(data); i >= 0 {
		return model.FrameworkSet{}, p.errAt(i, "", "the text is not UTF-8: save the file as UTF-8 and import it again")
	}
	if err := p.checkHeader(); err != nil {
		return model.FrameworkSet{}, err
	}
	if err := p.checkFieldNames(); err != nil {
		return model.FrameworkSet{}, err
	}
	f, err := p.decode()
	if err != nil {
		return model.FrameworkSet{}, err
	}
	return p.toSet(f)
}

// checkHeader reads only "format" and "format_version" first, so that a file from a newer
// Pursuit gets the "update Pursuit" message rather than a complaint about its new fields.
// It is also where syntax errors surface, since json.Unmarshal checks the whole text first.
func (p *jsonParser) checkHeader() error {
	var head struct {
		Format        *string `json:"format"`
		FormatVersion *int    `json:"format_version"`
	}
	p.layout = scanJSON(p.data)
	if err := json.Unmarshal(p.data, &head); err != nil {
		return p.decodeError(err)
	}
	switch {
	case head.Format == nil:
		return p.errAt(0, "format", `this is not a Pursuit framework file: it should start with "format": "pursuit-framework"`)
	case *head.Format != FormatName:
		return p.errAtKey(inTop, 0, "format", "format",
			fmt.Sprintf("this is not a Pursuit framework file: the format is %q, not %q", clip(*head.Format), FormatName))
	case head.FormatVersion == nil:
		return p.errAt(0, "format_version", fmt.Sprintf(`the file does not say which version of the format it uses: add "format_version": %d`, FormatVersion))
	case *head.FormatVersion > FormatVersion:
		return p.errAtKey(inTop, 0, "format_version", "format_version", fmt.Sprintf(
			"this framework file is format version %d; this version of Pursuit reads version %d — update Pursuit",
			*head.FormatVersion, FormatVersion))
	case *head.FormatVersion < 1:
		return p.errAtKey(inTop, 0, "format_version", "format_version", fmt.Sprintf(
			"format version %d does not exist; this version of Pursuit reads version %d", *head.FormatVersion, FormatVersion))
	}
	return nil
}

// checkFieldNames refuses fields the format does not have, because a misspelt optional field
// such as "validate_frist" would otherwise be dropped without a word. It does what
// DisallowUnknownFields does, but knows the line.
func (p *jsonParser) checkFieldNames() error {
	for _, k := range p.layout.keys {
		var allowed []string
		var where string
		switch k.in {
		case inTop:
			allowed, where = topFields, "at the top of the file"
		case inFramework:
			allowed, where = frameworkFields, `in "framework"`
		case inCompetency:
			allowed, where = competencyFields, fmt.Sprintf("in competency %d", k.index+1)
		}
		if slices.ContainsFunc(allowed, func(a string) bool { return strings.EqualFold(a, k.name) }) {
			continue
		}
		return p.errAt(k.offset, k.name, fmt.Sprintf("there is no field %q %s — check the spelling; the fields are %s",
			clip(k.name), where, strings.Join(allowed, ", ")))
	}
	return nil
}

func (p *jsonParser) decode() (fileJSON, error) {
	var f fileJSON
	dec := json.NewDecoder(bytes.NewReader(p.data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return fileJSON{}, p.decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fileJSON{}, p.errAt(int(dec.InputOffset()), "", "there is more text after the closing } of the framework")
	}
	return f, nil
}

// decodeError explains an encoding/json error in the administrator's terms, at the line and
// column where it happened.
func (p *jsonParser) decodeError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return p.syntaxError(syntax)
	case errors.As(err, &typ):
		return p.typeError(typ)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return p.errAt(len(p.data), "", "the file ends before the JSON is complete — is a closing } or ] missing?")
	}
	return &ImportError{Source: p.source, Msg: "this is not a valid framework file: " + err.Error(), Err: err}
}

func (p *jsonParser) syntaxError(se *json.SyntaxError) error {
	at := int(se.Offset) - 1 // Offset counts the offending byte
	var raw json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(p.data))
	switch err := dec.Decode(&raw); {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return p.errAt(len(p.data), "", "the file ends before the JSON is complete — is a closing } or ] missing?")
	case err == nil:
		return p.errAt(skipSeparators(p.data, int(dec.InputOffset())), "", "there is more text after the closing } of the framework")
	}
	msg := "this is not valid JSON: " + se.Error()
	if at >= 0 && at < len(p.data) && (p.data[at] == '}' || p.data[at] == ']') {
		if prev := bytes.TrimRight(p.data[:at], " \t\r\n"); len(prev) > 0 && prev[len(prev)-1] == ',' {
			msg = fmt.Sprintf("remove the comma before this %c: JSON does not allow a comma after the last item", p.data[at])
		}
	}
	return &ImportError{Source: p.source, Msg: msg, Err: se, Line: p.line(at), Column: p.column(at)}
}

func (p *jsonParser) typeError(te *json.UnmarshalTypeError) error {
	path := strings.Split(te.Field, ".")
	name := path[len(path)-1]
	got := describeJSONValue(te.Value)
	var field, msg string
	switch {
	case te.Field == "":
		msg = fmt.Sprintf("the file should hold one JSON object, starting with {, not %s", got)
	case te.Type == reflect.TypeFor[competencyJSON]():
		field, msg = "competencies", fmt.Sprintf(`each entry in "competencies" should be an object { … }, not %s`, got)
	case name == "applies_to" && te.Type.Kind() == reflect.String:
		field, msg = name, fmt.Sprintf(`each entry in "applies_to" should be a profession in quotes, not %s`, got)
	default:
		field, msg = name, fmt.Sprintf("this should be %s, not %s", describeGoType(te.Type), got)
	}
	at := int(te.Offset) - 1
	for i := len(p.layout.keys) - 1; i >= 0; i-- {
		if k := p.layout.keys[i]; k.offset < int(te.Offset) && field != "" && strings.EqualFold(k.name, field) {
			at = k.offset
			break
		}
	}
	return &ImportError{Source: p.source, Line: p.line(at), Column: p.column(at), Field: field, Msg: msg, Err: te}
}

func describeJSONValue(v string) string {
	switch {
	case v == "string":
		return "text"
	case v == "bool":
		return "true or false"
	case v == "array":
		return "a list [ … ]"
	case v == "object":
		return "an object { … }"
	case strings.HasPrefix(v, "number"):
		return "a number" + strings.TrimPrefix(v, "number")
	}
	return v
}

func describeGoType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text in quotes"
	case reflect.Bool:
		return "true or false (without quotes)"
	case reflect.Int:
		return "a whole number"
	case reflect.Slice:
		return "a list [ … ]"
	case reflect.Struct:
		return "an object { … }"
	}
	return t.String()
}

func (p *jsonParser) toSet(f fileJSON) (model.FrameworkSet, error) {
	fw := model.Framework{
		ID:          f.Framework.ID,
		Name:        f.Framework.Name,
		Version:     f.Framework.Version,
		Description: f.Framework.Description,
		Source:      p.source,
	}
	if p.layout.keyOffset(inTop, 0, "framework") < 0 {
		return model.FrameworkSet{}, &ImportError{Source: p.source, Field: "framework",
			Msg: `the file has no "framework": { "id": …, "name": …, "version": … } section`}
	}
	if field, msg := checkFramework(fw); msg != "" {
		return model.FrameworkSet{}, p.frameworkError(field, msg)
	}
	if len(f.Competencies) == 0 {
		return model.FrameworkSet{}, p.errAtKey(inTop, 0, "competencies", "competencies", "the framework has no competencies")
	}
	comps := make([]model.Competency, 0, len(f.Competencies))
	firstUse := make(map[string]int, len(f.Competencies))
	for i, c := range f.Competencies {
		comp, err := p.competency(i, c)
		if err != nil {
			return model.FrameworkSet{}, err
		}
		key := strings.ToLower(comp.Code)
		if j, dup := firstUse[key]; dup {
			return model.FrameworkSet{}, p.errAtKey(inCompetency, i, "code", "code", fmt.Sprintf(
				"the code %q is already used by competency %d (line %d); codes must be unique, ignoring case",
				comp.Code, j+1, p.line(p.layout.keyOffset(inCompetency, j, "code"))))
		}
		firstUse[key] = i
		comps = append(comps, comp)
	}
	set := model.FrameworkSet{Framework: fw, Competencies: comps}
	if err := set.Validate(); err != nil {
		return model.FrameworkSet{}, fromValidation(err, p.source, 0, 0, "")
	}
	return set, nil
}

func (p *jsonParser) frameworkError(field, msg string) error {
	if field != "" {
		if off := p.layout.keyOffset(inFramework, 0, field); off >= 0 {
			return p.errAt(off, field, msg)
		}
	}
	return p.errAtKey(inTop, 0, "framework", field, msg)
}

func (p *jsonParser) competency(i int, c competencyJSON) (model.Competency, error) {
	name := c.Code
	if name == "" {
		name = fmt.Sprintf("%d", i+1)
	}
	if strings.TrimSpace(c.Level) == "" {
		return model.Competency{}, p.competencyError(i, "level", fmt.Sprintf(
			`competency %s has no level; use "must", "should" or "could"`, clip(name)))
	}
	level, err := model.ParseLevel(c.Level)
	if err != nil {
		return model.Competency{}, p.competencyError(i, "level", fmt.Sprintf(
			`competency %s: %q is not a level; use "must", "should" or "could"`, clip(name), clip(c.Level)))
	}
	appliesTo, err := canonicalAppliesTo(c.AppliesTo)
	if err != nil {
		return model.Competency{}, p.competencyError(i, "applies_to", fmt.Sprintf("competency %s: %v", clip(name), err))
	}
	comp := model.Competency{
		Code:          c.Code,
		Title:         c.Title,
		Description:   c.Description,
		Domain:        c.Domain,
		Level:         level,
		ValidateFirst: c.ValidateFirst,
		AppliesTo:     appliesTo,
		Position:      i,
	}
	if err := model.ValidateCompetency(comp); err != nil {
		var ve *model.ValidationError
		field := ""
		if errors.As(err, &ve) && slices.Contains(competencyFields, ve.Field) {
			field = ve.Field
		}
		line, col := 0, 0
		if off := p.competencyOffset(i, field); off >= 0 {
			line, col = p.line(off), p.column(off)
		}
		return model.Competency{}, fromValidation(err, p.source, line, col, field)
	}
	return comp, nil
}

func (p *jsonParser) competencyError(i int, field, msg string) error {
	off := p.competencyOffset(i, field)
	if off < 0 {
		return &ImportError{Source: p.source, Field: field, Msg: msg}
	}
	return p.errAt(off, field, msg)
}

// competencyOffset is where competency i wrote field, or where the competency starts if the
// field is missing, or -1 if neither is known.
func (p *jsonParser) competencyOffset(i int, field string) int {
	if off := p.layout.keyOffset(inCompetency, i, field); off >= 0 {
		return off
	}
	if i < len(p.layout.competencies) {
		return p.layout.competencies[i]
	}
	return -1
}

func (p *jsonParser) errAtKey(in string, index int, key, field, msg string) error {
	off := p.layout.keyOffset(in, index, key)
	if off < 0 {
		return &ImportError{Source: p.source, Field: field, Msg: msg}
	}
	return p.errAt(off, field, msg)
}

func (p *jsonParser) errAt(offset int, field, msg string) error {
	return &ImportError{Source: p.source, Line: p.line(offset), Column: p.column(offset), Field: field, Msg: msg}
}

func (p *jsonParser) line(offset int) int {
	line, _ := position(p.data, offset)
	return line
}

func (p *jsonParser) column(offset int) int {
	_, col := position(p.data, offset)
	return col
}

// Where a key or object was found, for pointing messages at a line.
const (
	inOther        = ""
	inTop          = "top"
	inFramework    = "framework"
	inCompetencies = "competencies"
	inCompetency   = "competency"
)

// jsonLayout records where the fields of a syntactically valid file are, because
// encoding/json forgets positions once it has decoded a value.
type jsonLayout struct {
	keys         []jsonKey
	competencies []int // offset of each competency's {
	list         int   // counts "competencies" lists; encoding/json keeps the last
}

type jsonKey struct {
	in     string
	index  int // which competency, when in is inCompetency
	list   int // which "competencies" list, when in is inCompetency
	name   string
	offset int
}

// keyOffset finds the last time a key was written in a place, because encoding/json keeps
// the last of duplicate keys; -1 if it was not written.
func (l jsonLayout) keyOffset(in string, index int, name string) int {
	for i := len(l.keys) - 1; i >= 0; i-- {
		k := l.keys[i]
		if k.in == in && k.index == index && (in != inCompetency || k.list == l.list) && strings.EqualFold(k.name, name) {
			return k.offset
		}
	}
	return -1
}

func scanJSON(data []byte) jsonLayout {
	type frame struct {
		in      string
		index   int
		object  bool
		wantKey bool   // in an object: the next string is a key
		key     string // in an object: the key whose value is being read
		count   int    // in an array: values read so far
	}
	var l jsonLayout
	var stack []frame
	dec := json.NewDecoder(bytes.NewReader(data))
	end := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return l // io.EOF, or the point where a broken file stops making sense
		}
		start := skipSeparators(data, end)
		end = int(dec.InputOffset())
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		if name, isString := tok.(string); isString && top != nil && top.object && top.wantKey {
			top.key, top.wantKey = name, false
			if top.in != inOther {
				l.keys = append(l.keys, jsonKey{in: top.in, index: top.index, list: l.list, name: name, offset: start})
			}
			continue
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			f := frame{in: inOther, object: tok == json.Delim('{')}
			f.wantKey = f.object
			switch {
			case top == nil && f.object:
				f.in = inTop
			case top != nil && top.in == inTop && f.object && strings.EqualFold(top.key, "framework"):
				f.in = inFramework
			case top != nil && top.in == inTop && !f.object && strings.EqualFold(top.key, "competencies"):
				// A repeated "competencies" replaces the earlier list, as in encoding/json.
				// The earlier list's keys stay, because encoding/json still decodes them.
				f.in = inCompetencies
				l.competencies = nil
				l.list++
			case top != nil && top.in == inCompetencies && f.object:
				f.in, f.index = inCompetency, top.count
				l.competencies = append(l.competencies, start)
			}
			stack = append(stack, f)
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			top = nil
			if len(stack) > 0 {
				top = &stack[len(stack)-1]
			}
		}
		if top != nil { // a value has ended
			if top.object {
				top.wantKey = true
			} else {
				top.count++
			}
		}
	}
}

func skipSeparators(data []byte, i int) int {
	for i < len(data) && strings.IndexByte(" \t\r\n,:", data[i]) >= 0 {
		i++
	}
	return i
}

// MarshalJSON writes a set in Pursuit's format: indented, fields in a fixed order, and
// competencies in Position order, so that ParseJSON(MarshalJSON(x)) gives x back for a valid
// set numbered from 0. Retired competencies are left out: an exported framework describes
// what preceptees work towards now, and importing it elsewhere must not revive them.
func MarshalJSON(set model.FrameworkSet) ([]byte, error) {
	if err := set.Validate(); err != nil {
		return nil, fmt.Errorf("export framework %q: %w", clip(set.Framework.ID), err)
	}
	if field, msg := checkFramework(set.Framework); msg != "" {
		return nil, fmt.Errorf("export framework %q: %w: %s: %s", set.Framework.ID, model.ErrInvalid, field, msg)
	}
	current := slices.DeleteFunc(slices.Clone(set.Competencies), func(c model.Competency) bool { return c.Retired })
	if len(current) == 0 {
		return nil, fmt.Errorf("export framework %q: %w: every competency is retired", set.Framework.ID, model.ErrInvalid)
	}
	slices.SortStableFunc(current, func(a, b model.Competency) int { return cmp.Compare(a.Position, b.Position) })

	f := fileJSON{
		Format:        FormatName,
		FormatVersion: FormatVersion,
		Framework: frameworkJSON{
			ID:          set.Framework.ID,
			Name:        set.Framework.Name,
			Version:     set.Framework.Version,
			Description: set.Framework.Description,
		},
		Competencies: make([]competencyJSON, 0, len(current)),
	}
	for _, c := range current {
		appliesTo, err := canonicalAppliesTo(c.AppliesTo)
		if err != nil {
			return nil, fmt.Errorf("export framework %q: %w: competency %s: %v", set.Framework.ID, model.ErrInvalid, c.Code, err)
		}
		if appliesTo == nil {
			appliesTo = []string{} // "applies_to": [] reads better than null for "everyone"
		}
		f.Competencies = append(f.Competencies, competencyJSON{
			Code:          c.Code,
			Title:         c.Title,
			Description:   c.Description,
			Domain:        c.Domain,
			Level:         string(c.Level),
			ValidateFirst: c.ValidateFirst,
			AppliesTo:     appliesTo,
		})
	}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // administrators read these files; "<" beats "\u003c"
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("export framework %q: %w", set.Framework.ID, err)
	}
	return buf.Bytes(), nil
}
