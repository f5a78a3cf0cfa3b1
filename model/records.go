package model

// The rule book (issue 14): one entry for each kind of record, read by the store's own
// write path, the judge of changes from the shared folder (CheckOp), conflicts, `check`,
// the schema's tests and the Sync screen. A rule written here holds the same on this PC and
// for a change that arrives from another.

import (
	"fmt"
	"slices"
	"strings"
)

// Belonging is whose a record is, which is what its permissions are judged against.
type Belonging int

const (
	// OfProgramme records belong to a preceptee's programme (they name it in programme_id,
	// or belong to an evidence item that does).
	OfProgramme Belonging = iota
	// OfPerson records are a person's own (user_id): training, attendance.
	OfPerson
	// OfAccount is an account itself.
	OfAccount
	// TheProgramme is a programme itself.
	TheProgramme
	// OfFramework records are the competency framework (and a competency added for one
	// preceptee, which names her programme).
	OfFramework
)

// Lock is why a stored record may no longer change as it could before.
type Lock string

const (
	// LockConfirmedTestimony: a testimony its witness confirmed. Its words, sections and
	// attachments never change again and it stays in the portfolio; only its links to
	// competencies may (they say what it evidences, not what the witness said).
	LockConfirmedTestimony Lock = "a confirmed testimony"
	// LockSignedOffEvidence: evidence linked to a signed-off competency stays in the
	// portfolio and stays linked: the sign-off said the preceptor had seen it.
	LockSignedOffEvidence Lock = "evidence behind a signed-off competency"
	// LockSignedOff: a signed-off competency's status never changes again.
	LockSignedOff Lock = "a signed-off competency"
)

// RecordKind is everything the app knows about one kind of record.
type RecordKind struct {
	Table   string
	Label   string // what the Sync screen calls one ("A sign-off")
	Words   string // what conflicts call the kind ("Competency")
	Belongs Belonging
	// View is the permission that reads a record; Edit the one that writes it. For an
	// action item, whose owner decides (a goal is the preceptee's, a meeting whoever records
	// meetings), Edit is the wider of the two.
	View, Edit Action
	// NameField and RoleField are where a record says in whose name, and in which role, it
	// was written: they must be its author's own.
	NameField, RoleField string
	// AppendOnly records are written once, whole, and never changed or deleted: what
	// someone affirmed with their password, and a competency's history.
	AppendOnly bool
	// Identity says what a record is and whose: set when it is made, never changed after.
	Identity []string
	// FreeText are the fields a person types or names (sealed-portfolios issue: what must
	// never be readable on the shared folder). Secret are those already sealed, to
	// SecretReaders, when the record is confidential.
	FreeText, Secret []string
	SecretReaders    Action
	// SecretAlways: every record of the kind is confidential (a career conversation); else
	// only one marked so (a concern's "confidential").
	SecretAlways bool
	// Stored are the fields, as this PC has them, that the rules for a change need.
	Stored []string
	// Locks are the reasons a stored record of this kind may be locked.
	Locks []Lock
	// OwnDeleteRefused: a person may keep and correct their own record of this kind but not
	// delete it (a preceptee's expired mandatory training must not vanish from her line
	// manager's overview).
	OwnDeleteRefused bool
	// Proof: what a record of this kind affirms in someone's name, believed only with the
	// signed change that made it (nil: nothing).
	Proof *Proof
	// Whose: for a record others' affirmations hang on, what says whose it is (a
	// programme's preceptee: its sign-offs name the programme), believed only with a signed
	// change that set it; without one, nothing affirmed in it is believed.
	Whose *Proof
}

// Records is the rule book, in the order of the schema.
var Records = []RecordKind{
	{Table: "users", Label: "An account change", Words: "Account", Belongs: OfAccount, View: ManageUsers, Edit: ManageUsers,
		FreeText: []string{"email"}, Proof: &Proof{}}, // every change kept: keys and roles are proven by replaying them
	{Table: "frameworks", Label: "A framework change", Words: "Framework", Belongs: OfFramework, View: ImportFramework, Edit: ImportFramework},
	{Table: "competencies", Label: "A competency of the framework", Words: "Framework", Belongs: OfFramework, View: ImportFramework, Edit: ImportFramework,
		Identity: []string{"programme_id", "framework_id"}},
	{Table: "programmes", Label: "A programme change", Words: "Programme", Belongs: TheProgramme, View: ViewPortfolio, Edit: ManageProgrammes,
		// Whose programme it is never changes: its sign-offs name the programme, not the
		// preceptee, and must not move to someone else with it.
		Identity: []string{"preceptee_id"}, Whose: &Proof{Fields: []string{"preceptee_id"}, NotPreceptee: true},
		Proof: &Proof{Fields: []string{"status", "completed_on"}, When: "status", Is: string(ProgrammeCompleted), NotPreceptee: true}},
	{Table: "progress", Label: "A competency's progress", Words: "Competency", Belongs: OfProgramme, View: ViewPortfolio, Edit: EditPortfolio,
		Identity: []string{"programme_id", "code"}, FreeText: []string{"strengths", "learning_needs", "opportunities", "threats"},
		Stored: []string{"status"}, Locks: []Lock{LockSignedOff}},
	{Table: "status_changes", Label: "A competency's status", Words: "Competency", Belongs: OfProgramme, View: ViewPortfolio, Edit: EditPortfolio,
		NameField: "by_id", RoleField: "by_role", AppendOnly: true, Identity: []string{"programme_id", "code", "by_id"}, FreeText: []string{"comment"}},
	{Table: "signoffs", Label: "A sign-off", Words: "Sign-off", Belongs: OfProgramme, View: ViewPortfolio, Edit: SignOffCompetency,
		NameField: "signer_id", RoleField: "signer_role", AppendOnly: true, Identity: []string{"programme_id", "code", "signer_id"},
		Proof: &Proof{Fields: []string{"programme_id", "code", "signer_id", "signer_name", "signer_role", "at", "statement"}, Signer: "signer_id", NotPreceptee: true}},
	{Table: "evidence", Label: "Evidence", Words: "Evidence", Belongs: OfProgramme, View: ViewPortfolio, Edit: EditPortfolio,
		Identity: []string{"programme_id"}, FreeText: []string{"title", "witness_name", "witness_role"},
		Locks: []Lock{LockConfirmedTestimony, LockSignedOffEvidence},
		Proof: &Proof{Fields: []string{"witness_id", "locked"}, Signer: "witness_id", When: "witness_id", NotPreceptee: true}},
	{Table: "evidence_sections", Label: "Evidence", Words: "Evidence", Belongs: OfProgramme, View: ViewPortfolio, Edit: EditPortfolio,
		Identity: []string{"evidence_id", "key"}, FreeText: []string{"text"}, Locks: []Lock{LockConfirmedTestimony}},
	{Table: "links", Label: "Evidence's link to a competency", Words: "Evidence", Belongs: OfProgramme, View: ViewPortfolio, Edit: EditPortfolio,
		Identity: []string{"programme_id", "owner_id"}, Locks: []Lock{LockSignedOffEvidence}},
	{Table: "attachments", Label: "An attachment", Words: "Attachment", Belongs: OfProgramme, View: ViewPortfolio, Edit: EditPortfolio,
		Identity: []string{"owner_id", "sha256"}, FreeText: []string{"name"}, Locks: []Lock{LockConfirmedTestimony}},
	{Table: "goals", Label: "A goal", Words: "Learning plan", Belongs: OfProgramme, View: ViewPortfolio, Edit: EditPortfolio,
		Identity: []string{"programme_id"}, FreeText: []string{"title", "detail"}},
	{Table: "actions", Label: "An action", Words: "Action", Belongs: OfProgramme, View: ViewPortfolio, Edit: RecordMeeting,
		Identity: []string{"programme_id", "owner_id"}, FreeText: []string{"text"}},
	{Table: "meetings", Label: "A meeting", Words: "Meeting", Belongs: OfProgramme, View: ViewPortfolio, Edit: RecordMeeting,
		NameField: "created_by", Identity: []string{"programme_id", "created_by"}, FreeText: []string{"attendees", "notes"}, Stored: []string{"created_by"}},
	{Table: "learning_events", Label: "Structured learning", Words: "Structured learning", Belongs: OfPerson, View: ViewPortfolio, Edit: RecordAttendance,
		Identity: []string{"user_id"}, FreeText: []string{"title"}},
	{Table: "training", Label: "Training", Words: "Training", Belongs: OfPerson, View: ViewPortfolio, Edit: RecordTraining,
		Identity: []string{"user_id"}, FreeText: []string{"course"}, OwnDeleteRefused: true},
	{Table: "career_conversations", Label: "A career conversation", Words: "Career conversation", Belongs: OfProgramme,
		View: ViewCareerConversation, Edit: EditCareerConversation, Identity: []string{"programme_id"},
		FreeText: []string{"aspirations", "notes", "next_steps"}, Secret: []string{"aspirations", "notes", "next_steps"}, SecretReaders: ViewCareerConversation, SecretAlways: true},
	{Table: "concerns", Label: "A concern", Words: "Concern", Belongs: OfProgramme, View: ViewConcerns, Edit: RaiseConcern,
		NameField: "raised_by", Identity: []string{"programme_id", "raised_by"},
		FreeText: []string{"summary", "detail", "support_plan", "resolution", "escalated_to"},
		Secret:   []string{"summary", "detail", "support_plan", "resolution"}, SecretReaders: ViewConcerns, Stored: []string{"raised_by", "status"}},
	{Table: "supervision", Label: "Clinical supervision", Words: "Clinical supervision", Belongs: OfProgramme, View: ViewSupervision, Edit: RecordSupervision,
		Identity: []string{"programme_id"}, FreeText: []string{"supervisor", "themes", "actions"}},
	{Table: "confirmations", Label: "A confirmation", Words: "Confirmation", Belongs: OfProgramme, View: ViewPortfolio, Edit: ConfirmAgreement,
		NameField: "user_id", RoleField: "role", AppendOnly: true, Identity: []string{"programme_id", "kind", "user_id"},
		Proof: &Proof{Fields: []string{"programme_id", "kind", "user_id", "user_name", "role", "at", "statement"}, Signer: "user_id"}},
}

// KindOf is the rule book's entry for a table; false for a table it does not know (which
// nobody changes through the shared folder).
func KindOf(table string) (RecordKind, bool) {
	i := slices.IndexFunc(Records, func(k RecordKind) bool { return k.Table == table })
	if i < 0 {
		return RecordKind{}, false
	}
	return Records[i], true
}

// HasLock says whether records of this kind can be locked for reason l.
func (k RecordKind) HasLock(l Lock) bool { return slices.Contains(k.Locks, l) }

// MayDelete says whether author may delete a record of this kind that is subject's own
// (an OfPerson record), given that they may write it.
func (k RecordKind) MayDelete(author User, subject string) error {
	if k.OwnDeleteRefused && subject == author.ID && author.Role == RolePreceptee {
		return fmt.Errorf("%w: a preceptee corrects her own %s record but does not delete it; her line manager or the lead removes one made in error", ErrForbidden, k.Words)
	}
	return nil
}

// RecordsMarkdown renders, for the README, what each kind of record holds that a person
// typed, and which of it travels sealed today.
func RecordsMarkdown() string {
	var b strings.Builder
	b.WriteString("| Record | Words a person types or names | Sealed to its readers |\n|---|---|---|\n")
	for _, k := range Records {
		if len(k.FreeText) == 0 {
			continue
		}
		sealed := "—"
		switch {
		case k.SecretAlways:
			sealed = "`" + strings.Join(k.Secret, "`, `") + "` (always)"
		case len(k.Secret) > 0:
			sealed = "`" + strings.Join(k.Secret, "`, `") + "` (when marked confidential)"
		}
		fmt.Fprintf(&b, "| %s (`%s`) | `%s` | %s |\n", k.Words, k.Table, strings.Join(k.FreeText, "`, `"), sealed)
	}
	return b.String()
}
