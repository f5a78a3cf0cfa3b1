package model

// Records carry their proof (issue 14, point 5). A sign-off, a confirmation, a witness's
// confirmation of a testimony and a programme's completion affirm something in someone's
// name. The app and its documents believe one only with the signed change that made it,
// kept beside the record: a row typed into the database with sqlite3 has none, and one made
// with a key that was later closed without listing it loses its proof when the closing
// arrives. This file judges a proof; it does no I/O.

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// Proof says what a kind of record affirms and how its proof is judged.
type Proof struct {
	// Fields are what the change must have set, to the values the record holds.
	Fields []string
	// Signer is the field naming the person whose signed change it must be ("": any
	// author but the preceptee, as for completing a programme).
	Signer string
	// When is the field that makes a record affirm anything (a testimony affirms a
	// witness's confirmation only when it names their account), Is the value it must hold
	// ("": any but empty); "" When: every record of the kind affirms.
	When, Is string
	// NotPreceptee: the preceptee can never be the one who affirmed it (a sign-off, a
	// witness, a completion of her own).
	NotPreceptee bool
}

// Affirms says whether a record with these values affirms anything that needs a proof.
func (p Proof) Affirms(row map[string]string) bool {
	if p.When == "" {
		return true
	}
	if p.Is == "" {
		return row[p.When] != ""
	}
	return row[p.When] == p.Is
}

// Carries says whether op sets what a proof of this kind needs, so is worth keeping.
func (p Proof) Carries(op Op) bool {
	if op.Kind != OpPut {
		return false
	}
	row := map[string]string{}
	for _, f := range p.Fields {
		v, ok := op.Fields[f]
		if !ok {
			return false
		}
		row[f] = FieldText(v)
	}
	if p.When != "" {
		v, ok := op.Fields[p.When]
		if !ok {
			return false
		}
		row[p.When] = FieldText(v)
	}
	return p.Affirms(row)
}

// FieldText is an operation's field value as the database gives it back as text.
func FieldText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "1"
		}
		return "0"
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	}
	return fmt.Sprint(v)
}

// CheckProof judges whether op proves the record row (its values by field, "id" its id) of
// kind: made by the person the record names, not the preceptee where that is never
// allowed, setting the values the record holds, and signed with a key that was theirs and
// counts for it (CheckOp's signature rule, closed keys included). author is op's author as
// this PC knows them (nil: unknown here).
func CheckProof(kind RecordKind, op Op, row map[string]string, author *User, preceptee string, root TrustRoot, v *OpVerifier) error {
	p := kind.Proof
	if p == nil {
		return fmt.Errorf("%s records need no proof", kind.Table)
	}
	if op.Table != kind.Table || op.Row != row["id"] || op.Kind != OpPut {
		return fmt.Errorf("the change kept as its proof is for another record")
	}
	for _, f := range p.Fields {
		if got, ok := op.Fields[f]; !ok || FieldText(got) != row[f] {
			return fmt.Errorf("its %s is not what the signed change set", f)
		}
	}
	if op.Author == SystemUser.ID {
		// Command-line administration (an import, the demo cohort) signs nothing: its
		// records stand as the judge lets them, on an unprotected folder only.
		if root.Protected() {
			return fmt.Errorf("written by command-line administration, which has no key to sign with")
		}
		return nil
	}
	if p.Signer != "" && op.Author != row[p.Signer] {
		return fmt.Errorf("the signed change was made by someone other than the person it names")
	}
	if p.NotPreceptee && op.Author == preceptee {
		return fmt.Errorf("made by the preceptee herself")
	}
	if author == nil {
		return fmt.Errorf("made by an account this PC does not have")
	}
	// Whether they were allowed for this very programme is judged when the change arrives
	// (a later reassignment must not void it); here at least their role must allow it
	// for some programme.
	if actions := proofActions(kind, row); len(actions) > 0 && !slices.ContainsFunc(actions, func(a Action) bool { return ScopeOf(author.Role, a) != None }) {
		return fmt.Errorf("made by %s, whose role (%s) may never do that", author.Name, author.Role.Label())
	}
	if err := checkSignature(op, Provenance{Root: root, Author: author}, v); err != nil {
		return err
	}
	return nil
}

// proofActions are the permissions that allow what a record of kind affirms (any one will
// do): signing off, confirming an agreement or a completion, completing a programme.
func proofActions(kind RecordKind, row map[string]string) []Action {
	switch kind.Table {
	case "signoffs":
		return []Action{SignOffCompetency}
	case "confirmations":
		if row["kind"] == "completion" {
			return []Action{ConfirmCompletion}
		}
		return []Action{ConfirmAgreement}
	case "programmes":
		return []Action{ConfirmCompletion, ManageProgrammes}
	}
	return nil
}
