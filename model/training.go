package model

import "strings"

// TrainingCategory distinguishes what every employee must do from what the role needs.
type TrainingCategory string

const (
	Mandatory    TrainingCategory = "mandatory"
	Essential    TrainingCategory = "essential"
	RoleSpecific TrainingCategory = "role"
)

func (c TrainingCategory) Label() string {
	switch c {
	case Mandatory:
		return "Mandatory"
	case Essential:
		return "Essential"
	case RoleSpecific:
		return "Role-specific e-learning"
	}
	return string(c)
}

// ExpiryWarningDays is how long before expiry training shows amber.
const ExpiryWarningDays = 60

// Refresher intervals the Trust uses, in months.
const (
	Yearly      = 12
	TwoYearly   = 24
	ThreeYearly = 36
)

// TrainingRecord is one course for one person: done when, and valid until when.
type TrainingRecord struct {
	ID              string           `db:"id" json:"id"`
	UserID          string           `db:"user_id" json:"user_id"`
	Category        TrainingCategory `db:"category" json:"category"`
	Course          string           `db:"course" json:"course"`
	CompletedOn     Date             `db:"completed_on" json:"completed_on"`
	RefresherMonths int              `db:"refresher_months" json:"refresher_months"` // 0: does not expire
	ExpiresOn       Date             `db:"expires_on" json:"expires_on"`             // set when a certificate states another date
	Attachments     []Attachment     `db:"-" json:"attachments"`
}

// Expiry is the day the training stops being valid: the stated date, else completion plus
// the refresher interval; zero when it never expires or was never done.
func (t TrainingRecord) Expiry() Date {
	if !t.ExpiresOn.IsZero() {
		return t.ExpiresOn
	}
	if t.CompletedOn.IsZero() || t.RefresherMonths <= 0 {
		return Date{}
	}
	return t.CompletedOn.AddMonths(t.RefresherMonths)
}

// TrainingState is the red/amber/green of a training record.
type TrainingState string

const (
	TrainingNotDone TrainingState = "not_completed"
	TrainingExpired TrainingState = "expired"
	TrainingDueSoon TrainingState = "due"
	TrainingValid   TrainingState = "valid"
)

func (s TrainingState) Label() string {
	switch s {
	case TrainingNotDone:
		return "Not completed"
	case TrainingExpired:
		return "Expired"
	case TrainingDueSoon:
		return "Due for renewal"
	case TrainingValid:
		return "Valid"
	}
	return string(s)
}

// State on a given day: expired from the expiry day itself, due within ExpiryWarningDays.
func (t TrainingRecord) State(today Date) TrainingState {
	if t.CompletedOn.IsZero() && t.ExpiresOn.IsZero() {
		return TrainingNotDone
	}
	exp := t.Expiry()
	switch {
	case exp.IsZero():
		return TrainingValid
	case !today.Before(exp):
		return TrainingExpired
	case today.DaysUntil(exp) <= ExpiryWarningDays:
		return TrainingDueSoon
	}
	return TrainingValid
}

// ValidateTraining checks a training record before it is stored.
func ValidateTraining(t TrainingRecord) error {
	switch t.Category {
	case Mandatory, Essential, RoleSpecific:
	default:
		return invalid("category", "%q is not a training category", t.Category)
	}
	switch {
	case strings.TrimSpace(t.Course) == "" || len(t.Course) > MaxTitleLen:
		return invalid("course", "name the course")
	case t.RefresherMonths < 0 || t.RefresherMonths > 120:
		return invalid("refresher", "the refresher interval is between 0 and 120 months")
	case !t.ExpiresOn.IsZero() && !t.CompletedOn.IsZero() && !t.ExpiresOn.After(t.CompletedOn):
		return invalid("expiry", "training expires after it was completed")
	}
	return nil
}
