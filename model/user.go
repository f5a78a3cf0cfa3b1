package model

import (
	"strings"
	"time"
	"unicode"
)

// Role is what a named account does in the programme. One account has one role; a person
// who is both a preceptor and a line manager has an account for each hat, so that every
// sign-off says in which capacity it was made.
type Role string

const (
	RolePreceptee   Role = "preceptee"
	RolePreceptor   Role = "preceptor"
	RoleLineManager Role = "line_manager"
	RoleLead        Role = "lead"        // the Trust Preceptorship Lead
	RoleFacilitator Role = "facilitator" // career-conversation facilitator or clinical supervisor
	RoleAdmin       Role = "admin"       // accounts and set-up; sees no clinical content
)

// Roles in the order the permissions table shows them.
var Roles = []Role{RolePreceptee, RolePreceptor, RoleLineManager, RoleLead, RoleFacilitator, RoleAdmin}

// Label is the role as a nurse would name it.
func (r Role) Label() string {
	switch r {
	case RolePreceptee:
		return "Preceptee"
	case RolePreceptor:
		return "Preceptor"
	case RoleLineManager:
		return "Line manager"
	case RoleLead:
		return "Trust Preceptorship Lead"
	case RoleFacilitator:
		return "Facilitator / clinical supervisor"
	case RoleAdmin:
		return "Administrator"
	}
	return string(r)
}

func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// ParseRole accepts the stored name or a forgiving spelling ("line-manager", "Lead").
func ParseRole(s string) (Role, error) {
	r := Role(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_"))
	if r == "administrator" {
		r = RoleAdmin
	}
	if !r.Valid() {
		return "", invalid("role", "%q is not a role; use one of preceptee, preceptor, line_manager, lead, facilitator, admin", s)
	}
	return r, nil
}

// User is a named account. The password hash travels with the account so that a preceptor
// can sign in on any ward PC that has synced.
type User struct {
	ID           string    `db:"id" json:"id"`
	Username     string    `db:"username" json:"username"`
	Name         string    `db:"name" json:"name"`
	Role         Role      `db:"role" json:"role"`
	Email        string    `db:"email" json:"email,omitempty"`
	Active       bool      `db:"active" json:"active"`
	PasswordHash string    `db:"password_hash" json:"-"`
	CreatedAt    time.Time `db:"created_at" json:"created_at"`
	// The person's public keys (standard base64): SignKey verifies what they write, BoxKey
	// encrypts confidential records to them. SealedKeys holds the private halves sealed
	// under their password (a SealedKeys as JSON); KeyHistory the signing keys an
	// administrator's reset retired (a KeyHistory as JSON), under which earlier sign-offs
	// still verify.
	SignKey    string `db:"sign_key" json:"sign_key,omitempty"`
	BoxKey     string `db:"box_key" json:"box_key,omitempty"`
	SealedKeys string `db:"sealed_keys" json:"-"`
	KeyHistory string `db:"key_history" json:"-"`
}

// SystemUser acts for command-line administration on this device: whoever can run the
// command can already read the data folder. Its changes are audited under this id.
var SystemUser = User{ID: "system", Username: "system", Name: "Pursuit (command line)", Role: RoleAdmin, Active: true}

// NormaliseUsername makes usernames case-insensitive, as Windows sign-ins are.
func NormaliseUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidateUser checks an account before it is stored.
func ValidateUser(u User) error {
	if u.Username == "" {
		return invalid("username", "enter a username")
	}
	if len(u.Username) > 64 {
		return invalid("username", "use at most 64 characters")
	}
	for _, r := range u.Username {
		if !(unicode.IsLower(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_') {
			return invalid("username", "use lower-case letters, digits, dots, dashes or underscores (no spaces)")
		}
	}
	if strings.TrimSpace(u.Name) == "" {
		return invalid("name", "enter the person's full name")
	}
	if !u.Role.Valid() {
		return invalid("role", "%q is not a role", u.Role)
	}
	return nil
}
