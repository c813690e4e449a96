// Package failure gives errors a kind, so that the interface can show a
// clear, localized message for what went wrong while the detail is logged.
// Storage maps its low-level errors to these kinds at its boundary.
package failure

import (
	"errors"
	"fmt"
)

// Kind is what kind of failure an error is.
type Kind string

// Kinds of failure. Each has a localized message "error.<kind>".
const (
	Internal     Kind = "internal"      // a bug or an unexpected condition
	Invalid      Kind = "invalid"       // the input breaks a rule
	NotFound     Kind = "not_found"     // the thing asked for does not exist
	Conflict     Kind = "conflict"      // the change clashes with the current state
	Unauthorized Kind = "unauthorized"  // wrong secret, or not allowed
	DiskFull     Kind = "disk_full"     // no space left to write
	ReadOnly     Kind = "read_only"     // the data folder cannot be written
	Damaged      Kind = "damaged"       // the database is corrupt or not a database
	NewerVersion Kind = "newer_version" // written by a newer version of the program
)

// Error is an error with a kind. Op names the operation that failed.
type Error struct {
	Kind Kind
	Op   string
	Err  error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("%s: %s", e.Op, e.Kind)
	}
	return fmt.Sprintf("%s: %v", e.Op, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error of the given kind.
func New(kind Kind, op string, err error) error {
	return &Error{Kind: kind, Op: op, Err: err}
}

// Errorf returns an error of the given kind with a formatted detail.
func Errorf(kind Kind, op, format string, a ...any) error {
	return &Error{Kind: kind, Op: op, Err: fmt.Errorf(format, a...)}
}

// KindOf returns the kind of err: the kind of the outermost *Error in its
// chain, or Internal. A nil error has no kind ("").
func KindOf(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}
