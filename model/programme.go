package model

import "strings"

// ProgrammeStatus follows a preceptee through the twelve months.
type ProgrammeStatus string

const (
	ProgrammeActive    ProgrammeStatus = "active"
	ProgrammeExtended  ProgrammeStatus = "extended"
	ProgrammeCompleted ProgrammeStatus = "completed"
	ProgrammeLeft      ProgrammeStatus = "left"
)

// Programme defaults from the handbook.
const (
	DefaultLengthMonths         = 12
	DefaultSupernumeraryWeeks   = 4
	DefaultMeetingIntervalWeeks = 8
)

// Programme is one preceptee's preceptorship: who supports them and over which dates.
type Programme struct {
	ID                   string          `db:"id" json:"id"`
	PrecepteeID          string          `db:"preceptee_id" json:"preceptee_id"`
	StartDate            Date            `db:"start_date" json:"start_date"`
	LengthMonths         int             `db:"length_months" json:"length_months"`
	ExtensionMonths      int             `db:"extension_months" json:"extension_months"`
	SupernumeraryWeeks   int             `db:"supernumerary_weeks" json:"supernumerary_weeks"`
	MeetingIntervalWeeks int             `db:"meeting_interval_weeks" json:"meeting_interval_weeks"`
	PreceptorID          string          `db:"preceptor_id" json:"preceptor_id"`
	LineManagerID        string          `db:"line_manager_id" json:"line_manager_id"`
	SupervisorID         string          `db:"supervisor_id" json:"supervisor_id,omitempty"`
	FacilitatorID        string          `db:"facilitator_id" json:"facilitator_id,omitempty"`
	Profession           string          `db:"profession" json:"profession"`
	Service              string          `db:"service" json:"service"`
	FrameworkID          string          `db:"framework_id" json:"framework_id"`
	Status               ProgrammeStatus `db:"status" json:"status"`
	CompletedOn          Date            `db:"completed_on" json:"completed_on"`
	LeftOn               Date            `db:"left_on" json:"left_on"`
}

// Label is the programme's state as a lead reads it.
func (s ProgrammeStatus) Label() string {
	switch s {
	case ProgrammeActive, "":
		return "Under way"
	case ProgrammeExtended:
		return "Extended"
	case ProgrammeCompleted:
		return "Completed"
	case ProgrammeLeft:
		return "Left before the end"
	}
	return string(s)
}

// WithDefaults fills the handbook's values where a programme leaves them unset.
func (p Programme) WithDefaults() Programme {
	if p.LengthMonths == 0 {
		p.LengthMonths = DefaultLengthMonths
	}
	if p.SupernumeraryWeeks == 0 {
		p.SupernumeraryWeeks = DefaultSupernumeraryWeeks
	}
	if p.MeetingIntervalWeeks == 0 {
		p.MeetingIntervalWeeks = DefaultMeetingIntervalWeeks
	}
	if p.Status == "" {
		p.Status = ProgrammeActive
	}
	return p
}

// ValidateProgramme checks a programme before it is stored.
func ValidateProgramme(p Programme) error {
	switch {
	case p.PrecepteeID == "":
		return invalid("preceptee", "choose the preceptee")
	case p.StartDate.IsZero():
		return invalid("start date", "enter the date the preceptee started")
	case p.PreceptorID == "":
		return invalid("preceptor", "a named preceptor is needed from day one")
	case p.PreceptorID == p.PrecepteeID:
		return invalid("preceptor", "a preceptee cannot be their own preceptor")
	case p.LineManagerID == p.PrecepteeID:
		return invalid("line manager", "a preceptee cannot be their own line manager")
	case p.LengthMonths < 1 || p.LengthMonths > 36:
		return invalid("length", "a programme lasts between 1 and 36 months")
	case p.ExtensionMonths < 0 || p.ExtensionMonths > 24:
		return invalid("extension", "an extension is between 0 and 24 months")
	case p.SupernumeraryWeeks < 0 || p.SupernumeraryWeeks > 26:
		return invalid("supernumerary period", "use between 0 and 26 weeks")
	case p.MeetingIntervalWeeks < 1 || p.MeetingIntervalWeeks > 26:
		return invalid("meeting interval", "use between 1 and 26 weeks")
	case strings.TrimSpace(p.Profession) == "":
		return invalid("profession", "enter the preceptee's profession")
	}
	switch p.Status {
	case ProgrammeActive, ProgrammeExtended, ProgrammeCompleted, ProgrammeLeft:
	default:
		return invalid("status", "%q is not a programme status", p.Status)
	}
	return nil
}

// Profession groups let a framework say that a competency applies to, say, every nurse.
const (
	GroupNursing   = "nursing"
	GroupMidwifery = "midwifery"
	GroupAHP       = "ahp"
)

// Profession is one registered profession a preceptee may hold.
type Profession struct {
	Key, Label, Group string
}

// Professions the Trust's preceptees come from.
var Professions = []Profession{
	{"nurse-adult", "Registered Nurse (Adult)", GroupNursing},
	{"nurse-mental-health", "Registered Nurse (Mental Health)", GroupNursing},
	{"nurse-learning-disability", "Registered Nurse (Learning Disability)", GroupNursing},
	{"nurse-children", "Registered Nurse (Children)", GroupNursing},
	{"nursing-associate", "Registered Nursing Associate", GroupNursing},
	{"midwife", "Registered Midwife", GroupMidwifery},
	{"physiotherapist", "Physiotherapist", GroupAHP},
	{"occupational-therapist", "Occupational Therapist", GroupAHP},
	{"speech-language-therapist", "Speech and Language Therapist", GroupAHP},
	{"dietitian", "Dietitian", GroupAHP},
	{"paramedic", "Paramedic", GroupAHP},
	{"radiographer", "Radiographer", GroupAHP},
	{"podiatrist", "Podiatrist", GroupAHP},
	{"operating-department-practitioner", "Operating Department Practitioner", GroupAHP},
	{"art-therapist", "Arts Therapist", GroupAHP},
}

// KnownProfession reports whether key names one of Professions.
func KnownProfession(key string) bool {
	for _, p := range Professions {
		if p.Key == key {
			return true
		}
	}
	return false
}

// ProfessionByKey finds a profession; unknown keys (a Trust's own) come back as their own label.
func ProfessionByKey(key string) Profession {
	for _, p := range Professions {
		if p.Key == key {
			return p
		}
	}
	return Profession{Key: key, Label: key}
}
