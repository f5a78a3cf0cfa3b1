package sqlite

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"pursuit/model"
)

// The mapping between model types and tables: a struct field tagged `db:"name"` is the
// column of that name; `db:",inline"` flattens an embedded struct (the SLOT into progress);
// `db:"-"` is stored elsewhere (evidence sections, links, attachments). One generic mapper
// serves every table, so a new field is one tag and one column, and the sync code can move
// any row as a map of column values.

// sectionRow stores one section of an evidence item's text. Its id is derived from the
// evidence id and section key, so two devices editing the same section edit the same row.
type sectionRow struct {
	ID         string `db:"id"`
	EvidenceID string `db:"evidence_id"`
	Key        string `db:"key"`
	Text       string `db:"text"`
}

type colKind int

const (
	kString colKind = iota
	kBool
	kInt
	kFloat
	kDate
	kTime
	kStrings
)

type column struct {
	name  string
	index []int
	kind  colKind
}

// table describes one synced table and the Go type of its rows.
type table struct {
	name    string
	typ     reflect.Type
	cols    []column // cols[0] is always id
	colSet  map[string]int
	selects string // "id, a, b, …"
}

// schema is built once from the model types and never changes afterwards.
type schema struct {
	byName []*table
	byType map[reflect.Type]*table
}

func (s *schema) of(t reflect.Type) *table {
	tb, ok := s.byType[t]
	if !ok {
		panic(fmt.Sprintf("sqlite: %v is not a stored type", t)) // a programming error, caught by every test
	}
	return tb
}

func (s *schema) named(name string) (*table, bool) {
	for _, t := range s.byName {
		if t.name == name {
			return t, true
		}
	}
	return nil, false
}

func tableFor[T any]() *table { return tables.of(reflect.TypeFor[T]()) }

// only is the table reduced to some of its columns (id always first), for overviews that
// read many rows but few fields; the other fields of each row stay zero.
func (t *table) only(names ...string) *table {
	sub := &table{name: t.name, typ: t.typ, cols: []column{t.cols[0]}, colSet: map[string]int{"id": 0}}
	for _, n := range names {
		i, ok := t.colSet[n]
		if !ok {
			panic("sqlite: " + t.name + " has no column " + n)
		}
		sub.colSet[n] = len(sub.cols)
		sub.cols = append(sub.cols, t.cols[i])
	}
	names = make([]string, len(sub.cols))
	for i, c := range sub.cols {
		names[i] = c.name
	}
	sub.selects = strings.Join(names, ", ")
	return sub
}

var tables = newSchema(
	entry[model.User]("users"),
	entry[model.Framework]("frameworks"),
	entry[model.Competency]("competencies"),
	entry[model.Programme]("programmes"),
	entry[model.Progress]("progress"),
	entry[model.StatusChange]("status_changes"),
	entry[model.SignOff]("signoffs"),
	entry[model.Evidence]("evidence"),
	entry[sectionRow]("evidence_sections"),
	entry[model.Link]("links"),
	entry[model.Attachment]("attachments"),
	entry[model.Goal]("goals"),
	entry[model.ActionItem]("actions"),
	entry[model.Meeting]("meetings"),
	entry[model.LearningEvent]("learning_events"),
	entry[model.TrainingRecord]("training"),
	entry[model.CareerConversation]("career_conversations"),
	entry[model.Concern]("concerns"),
	entry[model.Supervision]("supervision"),
	entry[model.Confirmation]("confirmations"),
)

type schemaEntry struct {
	name string
	typ  reflect.Type
}

func entry[T any](name string) schemaEntry { return schemaEntry{name, reflect.TypeFor[T]()} }

func newSchema(entries ...schemaEntry) *schema {
	s := &schema{byType: map[reflect.Type]*table{}}
	for _, e := range entries {
		t := &table{name: e.name, typ: e.typ, colSet: map[string]int{}}
		collectColumns(e.typ, nil, &t.cols)
		if len(t.cols) == 0 || t.cols[0].name != "id" {
			panic("sqlite: " + e.name + ": the first field must be the id")
		}
		names := make([]string, len(t.cols))
		for i, c := range t.cols {
			names[i] = c.name
			t.colSet[c.name] = i
		}
		t.selects = strings.Join(names, ", ")
		s.byName = append(s.byName, t)
		s.byType[e.typ] = t
	}
	return s
}

var (
	dateType    = reflect.TypeFor[model.Date]()
	timeType    = reflect.TypeFor[time.Time]()
	stringsType = reflect.TypeFor[[]string]()
)

func collectColumns(t reflect.Type, prefix []int, out *[]column) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("db")
		if tag == "" || tag == "-" {
			continue
		}
		idx := append(append([]int{}, prefix...), i)
		if tag == ",inline" {
			collectColumns(f.Type, idx, out)
			continue
		}
		*out = append(*out, column{name: tag, index: idx, kind: kindOf(f.Type)})
	}
}

func kindOf(t reflect.Type) colKind {
	switch {
	case t == dateType:
		return kDate
	case t == timeType:
		return kTime
	case t == stringsType:
		return kStrings
	}
	switch t.Kind() {
	case reflect.String:
		return kString
	case reflect.Bool:
		return kBool
	case reflect.Int, reflect.Int64:
		return kInt
	case reflect.Float64:
		return kFloat
	}
	panic("sqlite: no column kind for " + t.String())
}

// timeLayout keeps milliseconds, in UTC, so stored times sort as text and round-trip exactly.
const timeLayout = "2006-01-02T15:04:05.000Z"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// values returns a row's column values in the stored form: string, int64 or float64.
func (t *table) values(v reflect.Value) []any {
	out := make([]any, len(t.cols))
	for i, c := range t.cols {
		out[i] = encodeValue(c.kind, v.FieldByIndex(c.index))
	}
	return out
}

func encodeValue(k colKind, f reflect.Value) any {
	switch k {
	case kString:
		return f.String()
	case kBool:
		if f.Bool() {
			return int64(1)
		}
		return int64(0)
	case kInt:
		return f.Int()
	case kFloat:
		return f.Float()
	case kDate:
		return f.Interface().(model.Date).String()
	case kTime:
		return formatTime(f.Interface().(time.Time))
	case kStrings:
		ss := f.Interface().([]string)
		if len(ss) == 0 {
			return "[]"
		}
		b, _ := json.Marshal(ss) // a []string always marshals
		return string(b)
	}
	panic("unreachable")
}

// decodeInto sets field f from a stored value, tolerating the forms SQLite hands back.
func decodeInto(k colKind, f reflect.Value, raw any) error {
	switch k {
	case kString:
		f.SetString(asString(raw))
	case kBool:
		f.SetBool(asInt(raw) != 0)
	case kInt:
		f.SetInt(asInt(raw))
	case kFloat:
		switch x := raw.(type) {
		case float64:
			f.SetFloat(x)
		case int64:
			f.SetFloat(float64(x))
		}
	case kDate:
		d, err := model.ParseDate(asString(raw))
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(d))
	case kTime:
		tm, err := parseTime(asString(raw))
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(tm))
	case kStrings:
		var ss []string
		if s := asString(raw); s != "" && s != "[]" {
			if err := json.Unmarshal([]byte(s), &ss); err != nil {
				return err
			}
		}
		f.Set(reflect.ValueOf(ss))
	}
	return nil
}

func asString(raw any) string {
	switch x := raw.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case nil:
		return ""
	}
	return fmt.Sprint(raw)
}

func asInt(raw any) int64 {
	switch x := raw.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	}
	return 0
}

// scanRow reads one row of t's columns (in t.cols order) into a new T.
func scanRow[T any](t *table, sc interface{ Scan(...any) error }) (T, error) {
	var out T
	raw := make([]any, len(t.cols))
	ptrs := make([]any, len(t.cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	if err := sc.Scan(ptrs...); err != nil {
		return out, err
	}
	v := reflect.ValueOf(&out).Elem()
	for i, c := range t.cols {
		if err := decodeInto(c.kind, v.FieldByIndex(c.index), raw[i]); err != nil {
			return out, fmt.Errorf("%s.%s: %w", t.name, c.name, err)
		}
	}
	return out, nil
}

// sameValue compares a stored value with a new one of the stored form.
func sameValue(stored, fresh any) bool {
	switch f := fresh.(type) {
	case string:
		return asString(stored) == f
	case int64:
		s, ok := stored.(int64)
		return ok && s == f
	case float64:
		switch s := stored.(type) {
		case float64:
			return s == f
		case int64:
			return float64(s) == f
		}
	}
	return false
}
