package model

import (
	"errors"
	"fmt"
)

// Error kinds the store and the UI can branch on with errors.Is. Messages built on them are
// written for the person at the keyboard, not for a developer.
var (
	ErrForbidden     = errors.New("not permitted")
	ErrNotFound      = errors.New("not found")
	ErrInvalid       = errors.New("invalid")
	ErrLocked        = errors.New("locked")
	ErrWrongPassword = errors.New("wrong username or password")
)

// ValidationError names the field a person has to correct.
type ValidationError struct {
	Field   string
	Message string
}

func (e *ValidationError) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return fmt.Sprintf("%s: %s", e.Field, e.Message)
}

// Is lets errors.Is(err, ErrInvalid) match every validation error.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

func invalid(field, format string, args ...any) error {
	return &ValidationError{Field: field, Message: fmt.Sprintf(format, args...)}
}
