package sqlite

import (
	"slices"
	"testing"

	"pursuit/model"
)

// The rule book names every stored table, and only stored tables and columns: a new kind
// of record cannot be added without saying who may write it, what identifies it, what
// locks it and which of its fields a person types.
func TestTheRuleBookCoversEveryTable(t *testing.T) {
	for _, tb := range tables.byName {
		k, ok := model.KindOf(tb.name)
		if !ok {
			t.Errorf("table %s has no entry in model.Records", tb.name)
			continue
		}
		if k.Label == "" || k.Words == "" || k.Edit == "" || k.View == "" {
			t.Errorf("%s: the entry lacks a label, words or permissions: %+v", tb.name, k)
		}
		for _, group := range [][]string{k.Identity, k.FreeText, k.Secret, k.Stored, {k.NameField, k.RoleField}} {
			for _, f := range group {
				if _, ok := tb.colSet[f]; f != "" && !ok {
					t.Errorf("%s: the rule book names %q, which is not one of its columns", tb.name, f)
				}
			}
		}
		for _, f := range k.Secret {
			if !slices.Contains(k.FreeText, f) {
				t.Errorf("%s: %s is sealed but not listed as free text", tb.name, f)
			}
		}
		if k.AppendOnly && len(k.Identity) == 0 {
			t.Errorf("%s: an append-only record says nothing about what it is", tb.name)
		}
	}
	for _, k := range model.Records {
		if _, ok := tables.named(k.Table); !ok {
			t.Errorf("the rule book names %s, which is not a stored table", k.Table)
		}
	}
}
