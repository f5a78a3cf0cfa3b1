package model

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Level is how far a competency is expected: every preceptee must achieve the "must"
// competencies; "should" and "could" are stretch goals.
type Level string

const (
	Must   Level = "must"
	Should Level = "should"
	Could  Level = "could"
)

// Levels in order of priority.
var Levels = []Level{Must, Should, Could}

func (l Level) Valid() bool { return l == Must || l == Should || l == Could }

// ParseLevel accepts must, should or could in any case.
func ParseLevel(s string) (Level, error) {
	l := Level(strings.ToLower(strings.TrimSpace(s)))
	if !l.Valid() {
		return "", invalid("level", "%q is not a level; use must, should or could", s)
	}
	return l, nil
}

// Framework is one version of a set of competencies. A Trust re-imports a newer version
// under the same ID; progress is matched to competencies by code, so it survives.
type Framework struct {
	ID          string `db:"id" json:"id"`
	Name        string `db:"name" json:"name"`
	Version     string `db:"version" json:"version"`
	Description string `db:"description" json:"description,omitempty"`
	Source      string `db:"source" json:"source,omitempty"` // where it was imported from
}

// Competency is one statement of the framework.
type Competency struct {
	ID            string   `db:"id" json:"id"`
	FrameworkID   string   `db:"framework_id" json:"framework_id"`
	ProgrammeID   string   `db:"programme_id" json:"programme_id,omitempty"` // set for an individual competency added to one preceptee
	Code          string   `db:"code" json:"code"`
	Title         string   `db:"title" json:"title"`
	Description   string   `db:"description" json:"description"`
	Domain        string   `db:"domain" json:"domain"`
	Level         Level    `db:"level" json:"level"`
	ValidateFirst bool     `db:"validate_first" json:"validate_first"`
	AppliesTo     []string `db:"applies_to" json:"applies_to"` // profession keys or groups; empty means everyone
	Position      int      `db:"position" json:"position"`
	Retired       bool     `db:"retired" json:"retired"` // dropped by a newer framework version; kept for its progress
}

// AppliesToProfession says whether the competency is part of a preceptee's framework.
func (c Competency) AppliesToProfession(professionKey string) bool {
	if len(c.AppliesTo) == 0 {
		return true
	}
	group := ProfessionByKey(professionKey).Group
	return slices.ContainsFunc(c.AppliesTo, func(a string) bool {
		return a == "all" || a == professionKey || (group != "" && a == group)
	})
}

var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// Limits on imported text, so a malformed file cannot fill the database.
const (
	MaxTitleLen       = 500
	MaxDescriptionLen = 20000
)

// ValidateCompetency checks one competency; where names the item for the error message.
func ValidateCompetency(c Competency) error {
	switch {
	case !codePattern.MatchString(c.Code):
		return invalid("code", "%q: a code is 1–64 letters, digits, dots, dashes or underscores", truncate(c.Code, 70))
	case strings.TrimSpace(c.Title) == "":
		return invalid("title", "competency %s has no title", c.Code)
	case len(c.Title) > MaxTitleLen:
		return invalid("title", "competency %s: the title is %d characters; at most %d", c.Code, len(c.Title), MaxTitleLen)
	case len(c.Description) > MaxDescriptionLen:
		return invalid("description", "competency %s: the description is %d characters; at most %d", c.Code, len(c.Description), MaxDescriptionLen)
	case !c.Level.Valid():
		return invalid("level", "competency %s: %q is not a level; use must, should or could", c.Code, c.Level)
	case !utf8.ValidString(c.Title) || !utf8.ValidString(c.Description) || !utf8.ValidString(c.Domain):
		return invalid("text", "competency %s: the text is not valid UTF-8", c.Code)
	case len(c.Domain) > MaxTitleLen:
		return invalid("domain", "competency %s: the domain name is too long", c.Code)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// FrameworkSet is a framework with its competencies, as imported or embedded.
type FrameworkSet struct {
	Framework    Framework
	Competencies []Competency
}

// Validate checks the whole set: a framework name and version, and unique, valid codes.
func (f FrameworkSet) Validate() error {
	if strings.TrimSpace(f.Framework.ID) == "" || !codePattern.MatchString(f.Framework.ID) {
		return invalid("framework id", "%q: use 1–64 letters, digits, dots, dashes or underscores", truncate(f.Framework.ID, 70))
	}
	if strings.TrimSpace(f.Framework.Name) == "" {
		return invalid("framework name", "the framework has no name")
	}
	if strings.TrimSpace(f.Framework.Version) == "" {
		return invalid("framework version", "the framework has no version")
	}
	if len(f.Competencies) == 0 {
		return invalid("competencies", "the framework has no competencies")
	}
	seen := make(map[string]bool, len(f.Competencies))
	for _, c := range f.Competencies {
		if err := ValidateCompetency(c); err != nil {
			return err
		}
		key := strings.ToLower(c.Code)
		if seen[key] {
			return invalid("code", "the code %s appears twice", c.Code)
		}
		seen[key] = true
	}
	return nil
}
