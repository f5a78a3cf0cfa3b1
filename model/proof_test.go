package model

import (
	"strings"
	"testing"
)

// A proof holds only for the record it names, with the values it holds, made by the person
// it names (never the preceptee where she may not), signed with their key.
func TestCheckProof(t *testing.T) {
	w := newTrustWorld(t)
	kind, _ := KindOf("signoffs")
	whole := func(by string) Op {
		op := signOff(by)
		for _, f := range []string{"signer_name", "signer_role", "at", "statement"} {
			op.Fields[f] = "x"
		}
		return op
	}
	good, _ := w.op(t, "sam", "sam", whole("u-sam"))
	row := map[string]string{"id": good.Row}
	for _, f := range kind.Proof.Fields {
		row[f] = FieldText(good.Fields[f])
	}
	var v OpVerifier
	if err := CheckProof(kind, good, row, w.users["sam"], "u-pat", w.root, &v); err != nil {
		t.Fatalf("the real proof: %v", err)
	}
	patOwn, _ := w.op(t, "pat", "pat", whole("u-pat"))
	patRow := map[string]string{"id": patOwn.Row}
	for _, f := range kind.Proof.Fields {
		patRow[f] = FieldText(patOwn.Fields[f])
	}
	system := good
	system.Author, system.Sig = SystemUser.ID, ""
	other := map[string]string{}
	for k, x := range row {
		other[k] = x
	}
	other["id"] = "so-other"
	changed := map[string]string{}
	for k, x := range row {
		changed[k] = x
	}
	changed["code"] = "ACC-99"
	tests := []struct {
		name string
		op   Op
		row  map[string]string
		who  *User
		want string
	}{
		{"another record", good, other, w.users["sam"], "another record"},
		{"another competency", good, changed, w.users["sam"], "not what the signed change set"},
		{"the preceptee's own", patOwn, patRow, w.users["pat"], "preceptee herself"},
		{"signed by another key", good, row, w.users["ola"], "not signed by its author"},
		{"an unknown author", good, row, nil, "does not have"},
		{"command-line administration on a protected folder", system, row, nil, "command-line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v OpVerifier
			err := CheckProof(kind, tc.op, tc.row, tc.who, "u-pat", w.root, &v)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
	if err := CheckProof(kind, system, row, nil, "u-pat", TrustRoot{}, &v); err != nil {
		t.Errorf("the demo cohort's records on an unprotected PC: %v", err)
	}
}

// A line manager's validly signed sign-off, copied beside a typed row, proves nothing: no
// line manager may ever sign off a competency.
func TestAProofByARoleThatMayNeverDoItIsNone(t *testing.T) {
	w := newTrustWorld(t)
	kind, _ := KindOf("signoffs")
	lee := *w.users["sam"]
	lee.Role = RoleLineManager
	op, _ := w.op(t, "sam", "sam", signOff("u-sam"))
	for _, f := range []string{"signer_name", "signer_role", "at", "statement"} {
		op.Fields[f] = "x"
	}
	op.Sig, _ = SignOp(w.keys["sam"].SignPrivate, op)
	row := map[string]string{"id": op.Row}
	for _, f := range kind.Proof.Fields {
		row[f] = FieldText(op.Fields[f])
	}
	var v OpVerifier
	if err := CheckProof(kind, op, row, w.users["sam"], "u-pat", w.root, &v); err != nil {
		t.Fatalf("as a preceptor: %v", err)
	}
	if err := CheckProof(kind, op, row, &lee, "u-pat", w.root, &v); err == nil || !strings.Contains(err.Error(), "may never do that") {
		t.Fatalf("as a line manager: %v", err)
	}
}
