package model

// OpFormat is the version of the operation format below; sync refuses an unknown major.
const OpFormat = 1

// OpKind says what an operation does to its row.
type OpKind string

const (
	OpPut    OpKind = "put"    // set the listed fields (creating the row if needed)
	OpDelete OpKind = "delete" // tombstone the row; an edit it did not see beats it
)

// Op is one change to one row, as written to the outbox in the same transaction as the row
// itself, and exchanged between devices through the shared folder. Values are JSON
// scalars (strings, numbers, booleans, null) in the row's stored form.
type Op struct {
	Format int               `json:"v"`
	ID     string            `json:"id"`    // unique per operation
	Table  string            `json:"table"` // which kind of record
	Row    string            `json:"row"`   // the record's id
	Kind   OpKind            `json:"kind"`  // put or delete
	Fields map[string]any    `json:"fields,omitempty"`
	Base   map[string]string `json:"base,omitempty"` // per field: the HLC of the value this edit replaced (conflict detection)
	// Resolves, per field, names the versions (by clock) that a "changed on two devices"
	// choice settles, so the choice closes the same conflicts on every device.
	Resolves map[string][]string `json:"resolves,omitempty"`
	HLC      string              `json:"hlc"`
	Device   string              `json:"device"`
	Author   string              `json:"author"` // user id
	// Reserved so that a later format can sign every operation and carry encrypted
	// payloads for confidential records without changing the shape of old ones.
	Sig string `json:"sig,omitempty"`
	Enc string `json:"enc,omitempty"`
}
