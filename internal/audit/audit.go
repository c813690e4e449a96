// Package audit records the sensitive actions of staff — logins, failed
// logins, lockouts, erasures, settings changes — with the account id and
// the time, and forgets them after twelve months (CNIL: six months to a year).
package audit

import (
	"context"
	"time"
)

// Action is a kind of sensitive action.
type Action string

// Audited actions.
const (
	Login          Action = "login"
	LoginFailed    Action = "login_failed"
	Lockout        Action = "lockout"
	Logout         Action = "logout"
	AccountCreated Action = "account_created"
	AccountChanged Action = "account_changed"
	// SecretReset: a forgotten secret replaced on the PC itself
	// (pasapasctl account reset), by whoever can open the data folder.
	SecretReset    Action = "secret_reset"
	Erase          Action = "erase"
	Retention      Action = "retention"
	SettingsChange Action = "settings_change"
	EndVisit       Action = "end_visit"
	Export         Action = "export"
	// RecordDeleted: an accompaniment or a workshop deleted (detail: which).
	RecordDeleted Action = "record_deleted"
)

// Keep is how long entries are kept.
const Keep = 365 * 24 * time.Hour

// Entry is one audited action. AccountID is 0 when no account is known
// (a failed login with an unknown name). Detail never holds personal data.
type Entry struct {
	At        time.Time
	AccountID int64
	Action    Action
	Detail    string
}

// Store keeps the audit trail.
type Store interface {
	AddAudit(ctx context.Context, e Entry) error
	// PurgeAudit deletes entries older than before and returns how many.
	PurgeAudit(ctx context.Context, before time.Time) (int, error)
	// AuditEntries returns entries in [from, to), newest first.
	AuditEntries(ctx context.Context, from, to time.Time) ([]Entry, error)
}

// Purge deletes the entries older than Keep before now.
func Purge(ctx context.Context, s Store, now time.Time) (int, error) {
	return s.PurgeAudit(ctx, now.Add(-Keep))
}
