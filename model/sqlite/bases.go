package sqlite

import (
	"encoding/json"
	"slices"
)

// fieldBases records, per field, every version (by clock) that some edit replaced with that
// version in front of its author. A text version that lost a merge but appears here was
// seen and built upon; one that does not was overwritten unseen and is kept as a conflict.
// It is a grow-only set per field, so every device ends with the same one whatever order
// the edits arrive in.
type fieldBases map[string][]string

// maxBases bounds the history kept per field; an edit older than that many saves counts as
// unseen, which shows an extra choice rather than losing words.
const maxBases = 64

func (b fieldBases) has(field, hlc string) bool { return slices.Contains(b[field], hlc) }

// add records that an edit of field replaced version hlc; it reports whether that is new.
func (b fieldBases) add(field, hlc string) bool {
	if hlc == "" || b.has(field, hlc) {
		return false
	}
	list := append(b[field], hlc)
	slices.Sort(list)
	if len(list) > maxBases {
		list = list[len(list)-maxBases:]
	}
	b[field] = list
	return true
}

// UnmarshalJSON also reads the earlier form, one clock per field.
func (b *fieldBases) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	out := fieldBases{}
	for f, v := range raw {
		var list []string
		if json.Unmarshal(v, &list) != nil {
			var one string
			if json.Unmarshal(v, &one) == nil && one != "" {
				list = []string{one}
			}
		}
		out[f] = list
	}
	*b = out
	return nil
}

func parseBases(s string) fieldBases {
	var b fieldBases
	if json.Unmarshal([]byte(s), &b) != nil || b == nil {
		return fieldBases{} // damaged: costs only conflict detection
	}
	return b
}
