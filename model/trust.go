package model

// Trust (issue 7): whether an operation from the shared folder may take effect on this
// device. Anyone who can write to the share can drop a well-formed segment there, so an
// operation counts only if its author signed it and was allowed to make it. The store
// gathers what this device knows (the author's account, the programme the record belongs
// to, the pinned administrator key) and asks CheckOp; this file does no I/O.

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Refusal is CheckOp's answer when an operation may not take effect. Waiting refusals are
// for something this device has not seen yet (the author's account, the programme): the
// operation is kept and tried again when more arrives. The others are final and shown to
// the administrator as rejected changes, with Reason.
type Refusal struct {
	Reason  string
	Waiting bool
	// WaitsFor is the account or programme a waiting refusal waits for: it is judged again
	// when that arrives, not on every sync. "" for one waiting for the record it belongs to
	// (an evidence item, a training record), judged again when any record arrives.
	WaitsFor string
}

func (r *Refusal) Error() string { return r.Reason }

func refuse(format string, args ...any) *Refusal {
	return &Refusal{Reason: fmt.Sprintf(format, args...)}
}

func wait(format string, args ...any) *Refusal {
	return &Refusal{Reason: fmt.Sprintf(format, args...), Waiting: true}
}

// waitFor is a waiting refusal for the account or programme id.
func waitFor(id, format string, args ...any) *Refusal {
	r := wait(format, args...)
	r.WaitsFor = id
	return r
}

// TrustRoot is the first administrator's key, pinned in the shared folder's FORMAT.json
// when it is set up and on each device at its first sync. A share with no root is
// unprotected: an earlier version's share, or one set up from the command line without an
// administrator signed in.
type TrustRoot struct {
	UserID  string `json:"user"`
	SignKey string `json:"sign_key"` // standard base64
	// Since is when the share was set up (RFC 3339). The root's account may vouch for itself
	// only in changes dated up to a few minutes after it: its creation and the set-up. Later
	// ones must come like anyone's, so that an administrator who handed over cannot come back
	// on a PC that joins afterwards by dating a change of his own after his successor's.
	Since string `json:"since,omitempty"`
}

// vouchesAt says whether a change of the root's own account dated hlc may vouch for itself.
func (r TrustRoot) vouchesAt(hlc string) bool {
	if r.Since == "" {
		return true // pinned before set-up times were recorded
	}
	since, err := time.Parse(time.RFC3339, r.Since)
	h, herr := ParseHLC(hlc)
	return err == nil && herr == nil && !time.UnixMilli(h.Wall).After(since.Add(selfVouchSlack))
}

// selfVouchSlack is how long after the set-up the root's own account changes may still
// vouch for themselves (the set-up's own changes are stamped a moment after it).
const selfVouchSlack = 5 * time.Minute

// Protected says whether the share has a root, so that every operation must be signed.
func (r TrustRoot) Protected() bool { return r.SignKey != "" }

// Provenance is what this device knows about an operation's author and record when it
// arrives. Nil pointers are things not (yet) on this device.
type Provenance struct {
	Root      TrustRoot
	Author    *User
	Target    *User      // for an account record: the account as it stands here
	Programme *Programme // the programme the record belongs to, for the records that need it
	// ProgrammeID is the programme the record names (in the operation or as stored, or
	// through the evidence it belongs to), even when the programme itself has not arrived.
	ProgrammeID string
	// Stored holds, for the records whose rules need them, fields of the record as this
	// device has it (who raised a concern and its status, who recorded a meeting).
	Stored map[string]string
	// Subject is whose record it is, for a person's own records (training, attendance, and
	// a training certificate): Programme is then that person's latest programme, if any.
	Subject string
	// Locks are the locks on the record as this device has it (see RecordKind.Locks).
	Locks map[Lock]bool
	// VerifiedBy, when set, is a key this very Op value's signature was already checked
	// against (ahead of time, on another core, while earlier operations were applied).
	VerifiedBy ed25519.PublicKey
}

// NeedsProgramme says which kinds of record CheckOp judges against their programme.
func NeedsProgramme(table string) bool {
	k, ok := KindOf(table)
	return ok && k.Belongs == OfProgramme
}

// IsPersonRecord says which kinds of record CheckOp judges against whose record it is.
func IsPersonRecord(table string) bool {
	k, ok := KindOf(table)
	return ok && k.Belongs == OfPerson
}

// accountSelfFields are what a person may change on their own account: their password,
// their keys sealed under it, and new keys in place of old ones closed (checkOwnKeys).
var accountSelfFields = map[string]bool{"password_hash": true, "sealed_keys": true, "sign_key": true, "box_key": true, "key_history": true}

// accountKeyFields are an account's keys; the first keys of an account its owner may set
// on an unprotected share, where every account once had none.
var accountKeyFields = map[string]bool{"sign_key": true, "box_key": true, "sealed_keys": true, "password_hash": true}

// CheckOp decides whether op may take effect: nil, or a *Refusal saying why not.
//
// Signatures first: a signed operation must verify under its author's current key or a key
// the account had when the operation was made; on a protected share an unsigned one is
// refused. Then the author's right to it, for the changes whose forgery matters most: a
// sign-off, completion or agreement only from the person the programme names for it (never
// the preceptee for her own competencies), an account's role or keys only from an
// administrator, a programme's people only from those who manage programmes.
//
// It judges by what this device knows now. A programme reassigned to a new preceptor
// makes sign-offs by the old one that arrive afterwards refused, although they were made
// in time; the refusal is shown, not silent, and the administrator can ask for them again.
func CheckOp(op Op, p Provenance, v *OpVerifier) error {
	if err := checkSignature(op, p, v); err != nil {
		return err
	}
	return CheckRights(op, p)
}

// CheckRights is CheckOp without the signature: whether op's author may make it. The
// store's own write path asks it of every change before writing it, so that what this PC
// refuses from the shared folder it never writes itself.
func CheckRights(op Op, p Provenance) error {
	if op.Author == SystemUser.ID || p.Author == nil {
		// Unsigned on an unprotected share from someone not known here (the command line,
		// an earlier version), or the pinned administrator's own account: nothing more to
		// judge by.
		return nil
	}
	author := *p.Author
	if (op.Table == "signoffs" || op.Table == "confirmations") && op.Kind == OpDelete {
		what := "confirmation"
		if op.Table == "signoffs" {
			what = "sign-off"
		}
		return refuse("%s tried to withdraw a %s; they are only ever added", author.Name, what)
	}
	switch op.Table {
	case "users":
		return checkAccountChange(op, p, author)
	case "programmes":
		return checkProgrammeChange(op, p, author)
	case "competencies":
		if p.ProgrammeID != "" { // one preceptee's individual competency, added by her preceptor
			if p.Programme == nil {
				return waitFor(p.ProgrammeID, "the programme %s has not reached this device yet", p.ProgrammeID)
			}
			if err := Can(author, AddStretch, p.Programme); err != nil {
				return refuseBy(author, err)
			}
			return nil
		}
		fallthrough
	case "frameworks":
		if err := Can(author, ImportFramework, nil); err != nil {
			return refuse("%s (%s) changed the competency framework, which only a lead or administrator may do", author.Name, author.Role.Label())
		}
		return nil
	}
	kind, known := KindOf(op.Table)
	if known && kind.Belongs == OfPerson || op.Table == "attachments" && p.Subject != "" {
		action := kind.Edit
		if kind.Belongs != OfPerson {
			kind, _ = KindOf("training")
			action = RecordTraining // a certificate of a training record
		}
		if p.Subject == "" {
			return wait("the record %s belongs to has not reached this device yet", op.Row)
		}
		if op.Kind == OpDelete && op.Table == kind.Table {
			if err := kind.MayDelete(author, p.Subject); err != nil {
				return refuseBy(author, err)
			}
		}
		if p.Subject == op.Author {
			return nil // one's own record
		}
		if err := Can(author, action, p.Programme); err != nil {
			return refuse("%s (%s) changed someone else's %s record: %s", author.Name, author.Role.Label(), op.Table, forbiddenWhy(err))
		}
		return nil
	}
	if err := checkLocks(op, p, kind, author); err != nil {
		return err
	}
	if w, ok := op.Fields["witness_id"].(string); ok && w != "" && op.Table == "evidence" {
		return checkWitness(op, p, author, w)
	}
	if op.Table == "status_changes" && op.Kind == OpPut {
		from, _ := op.Fields["from_status"].(string)
		to, _ := op.Fields["to_status"].(string)
		if _, err := TransitionAction(Status(from), Status(to)); err != nil {
			return refuse("%s recorded a move the app never makes: %s", author.Name, forbiddenWhy(err))
		}
	}
	action, ok := recordAction(op)
	if !ok {
		return refuse("%s changed a %s record, which nobody changes through the shared folder", author.Name, op.Table)
	}
	if p.Programme == nil {
		if p.ProgrammeID == "" {
			return wait("the record %s belongs to has not reached this device yet", op.Row)
		}
		return waitFor(p.ProgrammeID, "the programme %s has not reached this device yet", p.ProgrammeID)
	}
	err := Can(author, action, p.Programme)
	if _, unstretch := op.Fields["stretch"]; err != nil && unstretch && action == EditPortfolio && op.Table == "progress" {
		err = Can(author, AddStretch, p.Programme)
	}
	if err != nil {
		return refuseBy(author, err)
	}
	// What carries a person's word must be in the name, and the role, of the person who
	// signed it: confirmations count by role.
	if id, ok := op.Fields[kind.NameField].(string); ok && kind.NameField != "" && id != op.Author {
		return refuse("a record in %s's name written by %s", id, author.Name)
	}
	if r, ok := op.Fields[kind.RoleField].(string); ok && kind.RoleField != "" && r != string(author.Role) {
		return refuse("%s (%s) wrote a record as a %s", author.Name, author.Role.Label(), Role(r).Label())
	}
	switch op.Table {
	case "concerns":
		return checkConcernChange(op, p, author)
	case "meetings":
		if by := p.Stored["created_by"]; by != "" && !MayAmend(author, by, p.Programme) {
			return refuse("%s changed a meeting someone else recorded; only they, the preceptor or the line manager may", author.Name)
		}
	}
	return nil
}

// checkLocks holds a locked record to its lock, whoever signed the change: the same locks
// the app keeps on this PC (a confirmed testimony, evidence behind a sign-off, a sign-off).
func checkLocks(op Op, p Provenance, kind RecordKind, author User) error {
	for _, l := range []Lock{LockConfirmedTestimony, LockSignedOffEvidence, LockSignedOff} {
		if !p.Locks[l] {
			continue
		}
		switch l {
		case LockConfirmedTestimony:
			if op.Kind == OpDelete {
				return refuse("%s tried to delete part of %s, which stays as its witness confirmed it", author.Name, l)
			}
			for f := range op.Fields {
				// Saving its links again touches the item's time; what it is and whose is
				// judged as for any record (checkIdentity).
				if f != "updated_at" && !slices.Contains(kind.Identity, f) {
					return refuse("%s changed %s (%s), which stays as its witness confirmed it", author.Name, l, f)
				}
			}
		case LockSignedOffEvidence:
			if op.Kind == OpDelete {
				return refuse("%s tried to delete %s; it stays in the portfolio", author.Name, l)
			}
			if _, moved := op.Fields["code"]; moved && op.Table == "links" {
				return refuse("%s tried to unlink %s; it stays linked", author.Name, l)
			}
		case LockSignedOff:
			if s, ok := op.Fields["status"].(string); ok && Status(s) != SignedOff || op.Kind == OpDelete {
				return refuse("%s tried to move %s back; a sign-off is final", author.Name, l)
			}
		}
	}
	return nil
}

// witnessFields are what a witness's confirmation of a testimony writes.
var witnessFields = []string{"locked", "witness_id", "witness_name", "witness_role", "witness_confirmed_at", "updated_at"}

// checkWitness: a testimony is confirmed by its witness's own change, signed by them, in
// their own name; nobody else writes a witness's account into a testimony.
func checkWitness(op Op, p Provenance, author User, witness string) error {
	if witness != op.Author {
		return refuse("a testimony confirmed in %s's name by %s", witness, author.Name)
	}
	if p.Programme == nil {
		return waitFor(p.ProgrammeID, "the programme %s has not reached this device yet", p.ProgrammeID)
	}
	if err := MayWitness(author, *p.Programme); err != nil {
		return refuseBy(author, err)
	}
	for f := range op.Fields {
		if !slices.Contains(witnessFields, f) {
			return refuse("%s, confirming a testimony as its witness, also changed its %s", author.Name, f)
		}
	}
	if n, ok := op.Fields["witness_name"].(string); ok && n != author.Name {
		return refuse("%s confirmed a testimony under another name (%s)", author.Name, n)
	}
	return nil
}

// checkConcernChange holds a concern to the rules of the Concerns screen: its words are
// changed only by whoever raised it or by those who resolve concerns, its resolution only by
// them, and its status moves as ConcernTransitionAction allows.
func checkConcernChange(op Op, p Provenance, author User) error {
	if op.Kind == OpDelete {
		return refuse("%s tried to delete a concern; concerns are resolved, not deleted", author.Name)
	}
	from := ConcernStatus(p.Stored["status"])
	if from == "" {
		from = ConcernOpen
	}
	to := from
	if s, ok := op.Fields["status"].(string); ok {
		to = ConcernStatus(s)
	}
	action, err := ConcernTransitionAction(from, to)
	if err != nil {
		return refuse("%s: %v", author.Name, err)
	}
	if err := Can(author, action, p.Programme); err != nil {
		return refuseBy(author, err)
	}
	resolver := Allowed(author, ResolveConcern, p.Programme)
	raiser := p.Stored["raised_by"]
	for f := range op.Fields {
		switch f {
		case "summary", "detail", "support_plan", "confidential":
			if raiser != "" && raiser != op.Author && !resolver {
				return refuse("%s changed the words of a concern someone else raised; only they, the line manager or the lead may", author.Name)
			}
		case "resolution", "resolved_on":
			// A new concern carries them empty; filling them in is resolving it.
			if v, _ := op.Fields[f].(string); v != "" && !resolver {
				return refuse("%s recorded how a concern was resolved; only the line manager or the lead may", author.Name)
			}
		}
	}
	return nil
}

// refuseBy is a refusal in the permissions matrix's own words.
func refuseBy(author User, err error) *Refusal {
	return refuse("%s (%s): %s", author.Name, author.Role.Label(), forbiddenWhy(err))
}

// forbiddenWhy is Can's reason without the "not permitted" it starts with.
func forbiddenWhy(err error) string {
	return strings.TrimPrefix(err.Error(), ErrForbidden.Error()+": ")
}

// recordAction is the action a change to a programme's record amounts to.
func recordAction(op Op) (Action, bool) {
	switch op.Table {
	case "confirmations":
		if op.Fields["kind"] == string(CompletionConfirmation) {
			return ConfirmCompletion, true
		}
		return ConfirmAgreement, true
	case "status_changes":
		// A competency's history says the move it records: it must be one a competency
		// can make, and the author's to make.
		from, _ := op.Fields["from_status"].(string)
		to, _ := op.Fields["to_status"].(string)
		if a, err := TransitionAction(Status(from), Status(to)); err == nil {
			return a, true
		}
		return "", false
	case "progress":
		for _, f := range []string{"status"} {
			switch op.Fields[f] {
			case string(SignedOff):
				return SignOffCompetency, true
			case string(Returned):
				return ReturnCompetency, true
			}
		}
		// Adding a stretch competency is the preceptor's. "Not stretch" is written both by
		// the preceptor taking one away and by any new row of the preceptee's own, which
		// recordActions allows either of them.
		if v, ok := op.Fields["stretch"]; ok && op.Table == "progress" && truthy(v) {
			return AddStretch, true
		}
	case "attachments":
		return EditPortfolio, true // of an evidence item
	}
	k, ok := KindOf(op.Table)
	if !ok || k.Belongs != OfProgramme {
		return "", false
	}
	return k.Edit, true
}

// checkSignature verifies op's signature against its author's keys.
func checkSignature(op Op, p Provenance, v *OpVerifier) error {
	if op.Sig == "" {
		if p.Root.Protected() {
			if op.Author == SystemUser.ID {
				return refuse("not signed: written by command-line administration, which has no key to sign with")
			}
			return refuse("not signed by its author (the shared folder accepts only signed changes)")
		}
		return nil
	}
	if p.Author == nil {
		// An account that vouches for itself, signed with the key it carries: on a protected
		// share only the pinned administrator's own; on an unprotected one any (where an
		// unsigned change would be taken anyway).
		key, _ := op.Fields["sign_key"].(string)
		self := op.Table == "users" && op.Kind == OpPut && op.Row == op.Author && key != ""
		if self && (!p.Root.Protected() || op.Row == p.Root.UserID && key == p.Root.SignKey && p.Root.vouchesAt(op.HLC)) {
			pub, _ := base64.StdEncoding.Strict().DecodeString(key)
			if err := p.verify(v, pub, op); err != nil {
				return refuse("%v", err)
			}
			return nil
		}
		return waitFor(op.Author, "its author's account (%s) has not reached this device yet", op.Author)
	}
	err := p.verify(v, p.Author.SigningKey(), op)
	if err == nil {
		return nil
	}
	when, perr := ParseHLC(op.HLC)
	t := time.UnixMilli(when.Wall).UTC()
	save, _ := SaveOf(op)
	var closed *PastKey
	for _, k := range p.Author.History() {
		switch {
		case k.Closed && k.Lists(save) && v.Verify(k.SignPublic, op) == nil:
			return nil
		case k.Closed && closed == nil && v.Verify(k.SignPublic, op) == nil:
			closed = &k
		case !k.Closed && perr == nil && k.Retired.After(t) && !t.Before(k.Since) && v.Verify(k.SignPublic, op) == nil:
			return nil
		}
	}
	if closed != nil {
		return retiredKeyRefusal(*p.Author, *closed)
	}
	if !p.Author.HasKeys() {
		return refuse("signed, but %s's account has no key to check it against", p.Author.Name)
	}
	return refuse("%v", err)
}

func (p Provenance) verify(v *OpVerifier, pub ed25519.PublicKey, op Op) error {
	if len(pub) == ed25519.PublicKeySize && bytes.Equal(p.VerifiedBy, pub) {
		return nil
	}
	return v.Verify(pub, op)
}

// completionFields are what completing a programme writes on it: the second of the
// preceptor and the line manager to confirm completion sets them.
var completionFields = map[string]bool{"status": true, "completed_on": true}

// checkProgrammeChange: a programme is set up, extended and reassigned by those who manage
// programmes; it is marked complete by whoever may confirm its completion.
func checkProgrammeChange(op Op, p Provenance, author User) error {
	if Allowed(author, ManageProgrammes, nil) {
		return nil
	}
	completing := op.Kind == OpPut && len(op.Fields) > 0 && p.Programme != nil
	for f := range op.Fields {
		completing = completing && completionFields[f]
	}
	if completing && op.Fields["status"] != nil && op.Fields["status"] != string(ProgrammeCompleted) {
		completing = false
	}
	if completing && Allowed(author, ConfirmCompletion, p.Programme) {
		return nil
	}
	if p.Programme == nil && op.Kind == OpPut && author.Active {
		for f := range op.Fields {
			if !completionFields[f] {
				return refuse("%s (%s) set up programme %s, which only a lead or administrator may do", author.Name, author.Role.Label(), op.Row)
			}
		}
		return waitFor(op.Row, "the programme %s has not reached this device yet", op.Row)
	}
	return refuse("%s (%s) changed programme %s, which only a lead or administrator may do", author.Name, author.Role.Label(), op.Row)
}

// checkAccountChange: an account is an administrator's to change, except that a person may
// change their own password (resealing the same keys) and, on an unprotected share, give
// their account its first keys.
func checkAccountChange(op Op, p Provenance, author User) error {
	if Allowed(author, ManageUsers, nil) {
		return nil
	}
	if op.Row == op.Author && op.Kind == OpPut {
		self, first := true, true
		for f := range op.Fields {
			self = self && accountSelfFields[f]
			first = first && accountKeyFields[f]
		}
		if first && !p.Root.Protected() && p.Target != nil && !p.Target.HasKeys() {
			return nil
		}
		if self {
			return checkOwnKeys(op, p.Target)
		}
	}
	if !author.Active {
		return refuse("%s changed the account %s, but %s's own account is disabled", author.Name, op.Row, author.Name)
	}
	return refuse("%s (%s) changed the account %s, which only an administrator may do", author.Name, author.Role.Label(), op.Row)
}

// ErrRefused is what Refusals are, for errors.Is.
var ErrRefused = errors.New("refused")

// Is lets errors.Is(err, ErrRefused) find a refusal.
func (r *Refusal) Is(target error) bool { return target == ErrRefused }

// truthy reads a stored boolean as an operation carries it: true, 1, or "1".
func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case float64:
		return x != 0
	case int64:
		return x != 0
	case int:
		return x != 0
	case json.Number:
		return x.String() != "0"
	case string:
		return x == "1" || x == "true"
	}
	return false
}
