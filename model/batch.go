package model

// Batch is a set of ready-made records of every kind, stored together: the demo cohort, or
// a personal archive being restored. Records keep their ids, dates and sign-offs as they
// were made; the store validates each one but does not re-ask for passwords.
type Batch struct {
	Users         []User
	Programmes    []Programme
	Competencies  []Competency // individual competencies added to one preceptee
	Progress      []Progress
	History       []StatusChange
	SignOffs      []SignOff
	Evidence      []Evidence // with sections, links and attachments
	Goals         []Goal     // with links
	Actions       []ActionItem
	Meetings      []Meeting
	Learning      []LearningEvent
	Training      []TrainingRecord // with certificate attachments
	Conversations []CareerConversation
	Concerns      []Concern
	Supervision   []Supervision
	Confirmations []Confirmation
	Files         []File // the bytes of every attachment above
}

// File is an attachment's bytes with the name it was attached under.
type File struct {
	Name string
	Data []byte
}
