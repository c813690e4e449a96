package journal

import (
	"errors"
	"time"

	"pasapas/internal/failure"
)

// Rules for changing records already stored: two mediators editing the
// same record, sessions dated far from today, and sessions removed from a
// workshop.

// ErrModified is wrapped, with the kind failure.Conflict, by a save whose
// record was changed by someone else since it was read (its Updated is
// older than the stored one). Nothing is written: the interface keeps what
// the mediator typed, says « modifié entre-temps par quelqu'un d'autre »,
// and lets them reload the record and type their change again.
var ErrModified = errors.New("journal: the record was modified meanwhile by someone else")

// CheckUnchanged returns nil when read is the zero time (the caller did
// not read the record first: imports and tools that overwrite on purpose)
// or the same instant as stored, and a failure.Conflict error wrapping
// ErrModified otherwise. Stores call it with the Updated of the record
// being saved and the one they hold.
func CheckUnchanged(op string, read, stored time.Time) error {
	if read.IsZero() || read.Equal(stored) {
		return nil
	}
	return failure.New(failure.Conflict, op, ErrModified)
}

// How far from today a session may be dated when a mediator creates or
// moves it in the form. Logging a workshop after the fact is normal, so the
// past is allowed, but a session more than SessionPastMonths before today
// or more than SessionFutureMonths after it is most likely a typo (2062
// for 2026, last year's month) and the form refuses it
// (sessions.date_range) through CheckSessionDates. Stores do not: demo
// data, imports and the command line write years of history on purpose.
const (
	SessionPastMonths   = 12
	SessionFutureMonths = 24
)

// SessionDateAllowed reports whether a session may be dated d when the
// mediator creates or moves it on today.
func SessionDateAllowed(d, today Date) bool {
	return !d.Before(today.AddMonths(-SessionPastMonths)) && !d.After(today.AddMonths(SessionFutureMonths))
}

// CheckSessionDates checks the dates of w's sessions that are new, or
// whose date differs from the stored workshop's (the zero Workshop for a
// new one), against SessionDateAllowed on today. Sessions kept on their
// stored date are not checked: correcting the title of a two-year-old
// workshop must stay possible. It returns nil, or a failure.Invalid error
// listing sessions[i].date (sessions.date_range) with i the index in w.
func (w Workshop) CheckSessionDates(stored Workshop, today Date) error {
	before := map[int64]Date{}
	for _, s := range stored.Sessions {
		before[s.ID] = s.Date
	}
	var ps problems
	for i, s := range w.Sessions {
		if d, ok := before[s.ID]; ok && s.ID != 0 && d == s.Date {
			continue
		}
		if !SessionDateAllowed(s.Date, today) {
			ps.add(fieldAt("sessions", i)+".date", CodeSessionDateRange)
		}
	}
	return ps.err("check session dates")
}

// Removed returns the sessions of stored that w no longer holds (by ID),
// in stored's order.
func (w Workshop) Removed(stored Workshop) []Session {
	kept := map[int64]bool{}
	for _, s := range w.Sessions {
		kept[s.ID] = true
	}
	var out []Session
	for _, s := range stored.Sessions {
		if !kept[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// CheckRemovals refuses to remove a session that has attendance marks
// (marked reports it) unless it was cancelled first: marks are work a
// mediator did, and removing the session would lose them without a word.
// The way out is to cancel the session (it stays, counts for nothing) and
// save; a cancelled session may then be removed, marks and all. It
// returns nil, or a failure.Conflict error holding a *ValidationError
// with ("sessions", sessions.has_attendance).
func (w Workshop) CheckRemovals(stored Workshop, marked func(sessionID int64) bool) error {
	for _, s := range w.Removed(stored) {
		if !s.Cancelled && marked(s.ID) {
			return failure.New(failure.Conflict, "remove session",
				&ValidationError{Problems: []Problem{{"sessions", CodeSessionHasAttendance}}})
		}
	}
	return nil
}
