package model

import (
	"fmt"
	"strings"
	"time"
)

// EvidenceType is what kind of evidence an item is.
type EvidenceType string

const (
	Reflection     EvidenceType = "reflection"
	FormalLearning EvidenceType = "formal_learning"
	Testimony      EvidenceType = "testimony"
	Feedback       EvidenceType = "service_user_feedback"
	OtherEvidence  EvidenceType = "other"
)

// EvidenceTypes in the order the app offers them.
var EvidenceTypes = []EvidenceType{Reflection, FormalLearning, Testimony, Feedback, OtherEvidence}

func (t EvidenceType) Label() string {
	switch t {
	case Reflection:
		return "Reflection on practice"
	case FormalLearning:
		return "Formal learning"
	case Testimony:
		return "Testimony from staff"
	case Feedback:
		return "Service-user feedback"
	case OtherEvidence:
		return "Other evidence"
	}
	return string(t)
}

// Section is one heading of an evidence template, with the prompt shown beneath it.
type Section struct {
	Key, Title, Prompt string
}

// Template structures the text of an evidence item.
type Template struct {
	Key      string
	Name     string
	Type     EvidenceType
	Sections []Section
}

// Templates offered for each evidence type; reflections choose between Gibbs and the NMC
// reflective account, which is what revalidation asks for.
var Templates = []Template{
	{"gibbs", "Gibbs' reflective cycle", Reflection, []Section{
		{"description", "Description", "What happened? Where and when; who was involved (no names or identifiers of patients)."},
		{"feelings", "Feelings", "What were you thinking and feeling at the time?"},
		{"evaluation", "Evaluation", "What was good and what was bad about the experience?"},
		{"analysis", "Analysis", "What sense can you make of it? What helped or hindered?"},
		{"conclusion", "Conclusion", "What else could you have done? What have you learned?"},
		{"action_plan", "Action plan", "If it arose again, what would you do? What will you do next?"},
	}},
	{"nmc", "NMC reflective account", Reflection, []Section{
		{"what_happened", "What was the nature of the CPD activity, practice-related feedback or event?", "Describe it briefly, without identifying anyone."},
		{"what_learned", "What did you learn from it?", "What new knowledge or understanding did you gain?"},
		{"practice_changed", "How did you change or improve your practice as a result?", "Give concrete examples."},
		{"code_link", "How is this relevant to the Code?", "Prioritise people, practise effectively, preserve safety, promote professionalism and trust."},
	}},
	{"formal_learning", "Formal learning", FormalLearning, []Section{
		{"activity", "Activity", "Course, study day or module, and who provided it."},
		{"learning", "What I learned", "The key points you took away."},
		{"application", "Applying it in practice", "How you have used, or will use, this learning."},
	}},
	{"testimony", "Testimony", Testimony, []Section{
		{"context", "Context", "Where and when the witness observed the preceptee's practice."},
		{"statement", "Statement", "What the witness observed, in their own words."},
	}},
	{"feedback", "Service-user feedback", Feedback, []Section{
		{"context", "Context", "The setting, anonymised: no names, dates of birth or NHS numbers."},
		{"feedback", "Feedback", "What the person or their family said, in their words where possible."},
		{"response", "My response", "What this feedback means for your practice."},
	}},
	{"other", "Other evidence", OtherEvidence, []Section{
		{"description", "Description", "What this evidence is and how it shows your competence."},
	}},
}

// TemplateByKey finds a template.
func TemplateByKey(key string) (Template, bool) {
	for _, t := range Templates {
		if t.Key == key {
			return t, true
		}
	}
	return Template{}, false
}

// DefaultTemplate is the template an evidence type starts with.
func DefaultTemplate(t EvidenceType) string {
	for _, tp := range Templates {
		if tp.Type == t {
			return tp.Key
		}
	}
	return "other"
}

// Evidence is one item of the portfolio.
type Evidence struct {
	ID                 string       `db:"id" json:"id"`
	ProgrammeID        string       `db:"programme_id" json:"programme_id"`
	Type               EvidenceType `db:"type" json:"type"`
	Template           string       `db:"template" json:"template"`
	Title              string       `db:"title" json:"title"`
	OccurredOn         Date         `db:"occurred_on" json:"occurred_on"`
	Hours              float64      `db:"hours" json:"hours"`                             // CPD hours, for revalidation
	ParticipatoryHours float64      `db:"participatory_hours" json:"participatory_hours"` // of which learning with others
	WitnessName        string       `db:"witness_name" json:"witness_name,omitempty"`
	WitnessRole        string       `db:"witness_role" json:"witness_role,omitempty"`
	WitnessConfirmedAt time.Time    `db:"witness_confirmed_at" json:"witness_confirmed_at,omitzero"`
	Locked             bool         `db:"locked" json:"locked"` // a confirmed testimony; its words can no longer change
	// WitnessID is the account of a witness who confirmed the testimony with their own
	// password; empty when the preceptee recorded a witness who has no account.
	WitnessID   string            `db:"witness_id" json:"witness_id,omitempty"`
	CreatedBy   string            `db:"created_by" json:"created_by"`
	CreatedAt   time.Time         `db:"created_at" json:"created_at"`
	UpdatedAt   time.Time         `db:"updated_at" json:"updated_at"`
	Sections    map[string]string `db:"-" json:"sections"`
	Codes       []string          `db:"-" json:"competencies"` // linked competency codes
	Attachments []Attachment      `db:"-" json:"attachments"`
}

// WitnessedByAccount says whether the witness confirmed the testimony themselves, with
// their own password, rather than the preceptee recording their name.
func (e Evidence) WitnessedByAccount() bool { return e.Locked && e.WitnessID != "" }

// WitnessLine says, in the same words in the app and the PDF, how a testimony stands: who
// confirmed it and how, or that it waits. when formats the date as the reader expects.
func (e Evidence) WitnessLine(when func(time.Time) string) string {
	name, role := e.WitnessName, e.WitnessRole
	if name == "" {
		name = "the witness"
	}
	if role == "" {
		role = "role not given"
	}
	switch {
	case e.WitnessedByAccount():
		return fmt.Sprintf("Confirmed by %s (%s) with their own password on %s", name, role, when(e.WitnessConfirmedAt))
	case e.Locked:
		return fmt.Sprintf("Recorded by the preceptee on %s; witness named: %s (%s), who has no Pursuit account and has not confirmed it here", when(e.WitnessConfirmedAt), name, role)
	}
	return "Awaiting the witness's confirmation."
}

// MaxSectionLen keeps one section to a generous essay, not a pasted book.
const MaxSectionLen = 100_000

// Text is every section in template order, for searching and identifier checks.
func (e Evidence) Text() string {
	var b strings.Builder
	b.WriteString(e.Title)
	if t, ok := TemplateByKey(e.Template); ok {
		for _, s := range t.Sections {
			b.WriteString("\n")
			b.WriteString(e.Sections[s.Key])
		}
	}
	return b.String()
}

// ValidateEvidence checks an item before it is stored.
func ValidateEvidence(e Evidence) error {
	if strings.TrimSpace(e.Title) == "" {
		return invalid("title", "give the evidence a title")
	}
	if len(e.Title) > MaxTitleLen {
		return invalid("title", "use at most %d characters", MaxTitleLen)
	}
	t, ok := TemplateByKey(e.Template)
	if !ok {
		return invalid("template", "%q is not a template", e.Template)
	}
	if t.Type != e.Type {
		return invalid("template", "the %s template does not fit %s", t.Name, strings.ToLower(e.Type.Label()))
	}
	if e.OccurredOn.IsZero() {
		return invalid("date", "enter the date")
	}
	for k, v := range e.Sections {
		if !slicesContainsSection(t.Sections, k) {
			return invalid("section", "%q is not a section of %s", k, t.Name)
		}
		if len(v) > MaxSectionLen {
			return invalid(k, "this section is %d characters; at most %d", len(v), MaxSectionLen)
		}
	}
	if e.Hours < 0 || e.ParticipatoryHours < 0 || e.ParticipatoryHours > e.Hours {
		return invalid("hours", "participatory hours are part of the hours, and neither is negative")
	}
	if e.Type == Testimony && e.Locked && (strings.TrimSpace(e.WitnessName) == "" || strings.TrimSpace(e.WitnessRole) == "") {
		return invalid("witness", "a testimony needs the witness's name and role before it is confirmed")
	}
	return nil
}

func slicesContainsSection(ss []Section, key string) bool {
	for _, s := range ss {
		if s.Key == key {
			return true
		}
	}
	return false
}

// Attachment is a file kept with an evidence item or training record. The bytes live once,
// named by their SHA-256; the same file attached twice is stored once.
type Attachment struct {
	ID      string    `db:"id" json:"id"`
	OwnerID string    `db:"owner_id" json:"owner_id"`
	SHA256  string    `db:"sha256" json:"sha256"`
	Name    string    `db:"name" json:"name"`
	MIME    string    `db:"mime" json:"mime"`
	Size    int64     `db:"size" json:"size"`
	AddedAt time.Time `db:"added_at" json:"added_at"`
}

// IsImage says whether the app can preview the attachment.
func (a Attachment) IsImage() bool { return strings.HasPrefix(a.MIME, "image/") }

// DisplaySize is the size as a person reads it.
func DisplaySize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Link joins an item (evidence or learning-plan goal) to a competency by code. Links are an
// add-wins set: each is its own record, so adding on one device and removing on another
// never loses the addition.
type Link struct {
	ID          string `db:"id" json:"id"`
	ProgrammeID string `db:"programme_id" json:"programme_id"`
	OwnerID     string `db:"owner_id" json:"owner_id"`
	Code        string `db:"code" json:"code"`
}
