package model

// Batch is a set of ready-made records of every kind, stored together: the demo cohort, or
// a personal archive being restored. Records keep their ids, dates and sign-offs as they
// were made; the store validates each one but does not re-ask for passwords.
type Batch struct {
	Users         []User               `json:"users"`
	Programmes    []Programme          `json:"programmes"`
	Competencies  []Competency         `json:"individual_competencies"` // added to one preceptee
	Progress      []Progress           `json:"progress"`
	History       []StatusChange       `json:"history"`
	SignOffs      []SignOff            `json:"signoffs"`
	Evidence      []Evidence           `json:"evidence"` // with sections, links and attachments
	Goals         []Goal               `json:"goals"`    // with links
	Actions       []ActionItem         `json:"actions"`
	Meetings      []Meeting            `json:"meetings"`
	Learning      []LearningEvent      `json:"structured_learning"`
	Training      []TrainingRecord     `json:"training"` // with certificate attachments
	Conversations []CareerConversation `json:"career_conversations"`
	Concerns      []Concern            `json:"concerns"`
	Supervision   []Supervision        `json:"supervision"`
	Confirmations []Confirmation       `json:"confirmations"`
	Files         []File               `json:"-"` // the bytes of every attachment above
}

// File is an attachment's bytes with the name it was attached under.
type File struct {
	Name string
	Data []byte
}
