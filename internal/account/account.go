// Package account provides staff accounts — mediators and coordinators —
// and how they get in: the strength rule for their secret, Argon2id hashing,
// the lockout that doubles after each failed attempt, and the lock of the
// mediator space after inactivity.
package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"pasapas/internal/audit"
	"pasapas/internal/failure"
)

// Role is what an account may do.
type Role string

// Roles. Coordinators also manage accounts, settings, exports and restores.
const (
	Mediator    Role = "mediator"
	Coordinator Role = "coordinator"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == Mediator || r == Coordinator }

// Account is a staff member who can open the mediator space.
type Account struct {
	ID          int64
	Name        string // what they type to log in; never pre-filled
	DisplayName string
	Role        Role
	Verifier    string // Argon2id PHC string of the secret
	Failures    int    // consecutive failed attempts
	LockedUntil time.Time
	Disabled    bool
	Created     time.Time
	LastLogin   time.Time
}

// Store keeps accounts.
type Store interface {
	CountAccounts(ctx context.Context) (int, error)
	CreateAccount(ctx context.Context, a Account) (int64, error)
	// AccountByName returns a failure.NotFound error when there is none.
	AccountByName(ctx context.Context, name string) (Account, error)
	AccountByID(ctx context.Context, id int64) (Account, error)
	Accounts(ctx context.Context) ([]Account, error)
	// SaveLoginState stores failures, lock and last login of an account.
	SaveLoginState(ctx context.Context, a Account) error
	// UpdateAccount stores display name, role, verifier and disabled.
	UpdateAccount(ctx context.Context, a Account) error
}

// Lockout parameters: the first failure locks for one second, each next one
// doubles the delay up to an hour; after MaxFailures in a row the account
// is disabled until a coordinator enables it again.
const (
	FirstDelay  = time.Second
	MaxDelay    = time.Hour
	MaxFailures = 100
)

// LockDelay returns how long an account stays locked after n consecutive
// failures (n ≥ 1).
func LockDelay(n int) time.Duration {
	if n <= 0 {
		return 0
	}
	d := FirstDelay
	for i := 1; i < n && d < MaxDelay; i++ {
		d *= 2
	}
	return min(d, MaxDelay)
}

// Problems with a new secret. Each has a message "account.secret.<code>".
var (
	ErrSecretShort    = errors.New("short")
	ErrSecretClasses  = errors.New("classes")
	ErrSecretDigits   = errors.New("digits")
	ErrSecretHasName  = errors.New("has_name")
	ErrSecretTooLong  = errors.New("too_long")
	ErrSecretMismatch = errors.New("mismatch")
)

// CheckSecret applies the strength rule for a shared computer (CNIL
// délibération 2022-100, case with lockout, ≥ 50 bits): at least 8
// characters mixing 3 of the 4 kinds (lower case, upper case, digits,
// others), or a passphrase of at least 14 characters. A PIN alone is never
// accepted, nor a secret containing the account name.
func CheckSecret(secret, name string) error {
	n := len([]rune(secret))
	switch {
	case n > 128:
		return ErrSecretTooLong
	case strings.TrimFunc(secret, unicode.IsDigit) == "":
		return ErrSecretDigits
	case n < 8:
		return ErrSecretShort
	case name != "" && len(name) >= 3 && strings.Contains(strings.ToLower(secret), strings.ToLower(name)):
		return ErrSecretHasName
	}
	if n >= 14 {
		return nil
	}
	var lower, upper, digit, other int
	for _, r := range secret {
		switch {
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			other = 1
		}
	}
	if lower+upper+digit+other < 3 {
		return ErrSecretClasses
	}
	return nil
}

// Service logs staff in and manages accounts. Now is the clock.
type Service struct {
	Store Store
	Audit audit.Store
	Now   func() time.Time
	// OnError is told when the audit trail cannot be written (the action
	// itself went through); nil ignores it.
	OnError func(error)
}

// NeedsFirstAccount reports whether no account exists yet: the first launch
// asks to create the first coordinator.
func (s *Service) NeedsFirstAccount(ctx context.Context) (bool, error) {
	n, err := s.Store.CountAccounts(ctx)
	return n == 0, err
}

// Create makes an account after checking its name, role and secret.
// by is the coordinator creating it (0 for the first account).
func (s *Service) Create(ctx context.Context, name, display string, role Role, secret string, by int64) (Account, error) {
	name = strings.TrimSpace(name)
	display = strings.TrimSpace(display)
	if err := CheckName(name); err != nil {
		return Account{}, err
	}
	if display == "" {
		display = name
	}
	if !role.Valid() {
		return Account{}, failure.Errorf(failure.Invalid, "create account", "unknown role %q", role)
	}
	if err := CheckSecret(secret, name); err != nil {
		return Account{}, failure.New(failure.Invalid, "create account", err)
	}
	v, err := Hash(secret)
	if err != nil {
		return Account{}, failure.New(failure.Internal, "create account", err)
	}
	a := Account{Name: name, DisplayName: display, Role: role, Verifier: v, Created: s.Now()}
	if a.ID, err = s.Store.CreateAccount(ctx, a); err != nil {
		return Account{}, err
	}
	s.log(ctx, by, audit.AccountCreated, string(role))
	return a, nil
}

// ErrBadName is returned for a login name that is empty, too long or has
// spaces.
var ErrBadName = errors.New("name")

// CheckName checks a login name: 2 to 40 characters, no spaces.
func CheckName(name string) error {
	if n := len([]rune(name)); n < 2 || n > 40 || strings.ContainsFunc(name, unicode.IsSpace) {
		return failure.New(failure.Invalid, "account name", ErrBadName)
	}
	return nil
}

// LockedError says the account is locked for a while after failed attempts.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string {
	return fmt.Sprintf("locked until %s", e.Until.Format(time.RFC3339))
}

// Login checks a name and secret. It returns the account, or an error of
// kind failure.Unauthorized — wrapping *LockedError while the account is
// locked. The same error is returned for an unknown name and a wrong
// secret, after the same work, so that names cannot be guessed.
func (s *Service) Login(ctx context.Context, name, secret string) (Account, error) {
	now := s.Now()
	a, err := s.Store.AccountByName(ctx, strings.TrimSpace(name))
	if failure.KindOf(err) == failure.NotFound {
		_, _ = Verify(dummyVerifier, secret) // same cost as a real check
		s.log(ctx, 0, audit.LoginFailed, "unknown name")
		return Account{}, failure.Errorf(failure.Unauthorized, "login", "wrong name or secret")
	}
	if err != nil {
		return Account{}, err
	}
	if a.Disabled {
		s.log(ctx, a.ID, audit.LoginFailed, "disabled")
		return Account{}, failure.Errorf(failure.Unauthorized, "login", "account disabled")
	}
	if now.Before(a.LockedUntil) {
		return Account{}, failure.New(failure.Unauthorized, "login", &LockedError{Until: a.LockedUntil})
	}
	ok, err := Verify(a.Verifier, secret)
	if err != nil {
		return Account{}, failure.New(failure.Internal, "login", err)
	}
	if !ok {
		a.Failures++
		a.LockedUntil = now.Add(LockDelay(a.Failures))
		if a.Failures >= MaxFailures {
			a.Disabled = true
		}
		if err := s.Store.SaveLoginState(ctx, a); err != nil {
			return Account{}, err
		}
		if a.Disabled {
			if err := s.Store.UpdateAccount(ctx, a); err != nil {
				return Account{}, err
			}
		}
		s.log(ctx, a.ID, audit.LoginFailed, "")
		s.log(ctx, a.ID, audit.Lockout, LockDelay(a.Failures).String())
		return Account{}, failure.New(failure.Unauthorized, "login", &LockedError{Until: a.LockedUntil})
	}
	a.Failures, a.LockedUntil, a.LastLogin = 0, time.Time{}, now
	if err := s.Store.SaveLoginState(ctx, a); err != nil {
		return Account{}, err
	}
	s.log(ctx, a.ID, audit.Login, "")
	return a, nil
}

// log records an audit entry. A failure to audit does not undo the action:
// it goes to OnError, so that it is reported, never silent.
func (s *Service) log(ctx context.Context, id int64, action audit.Action, detail string) {
	if s.Audit == nil {
		return
	}
	err := s.Audit.AddAudit(ctx, audit.Entry{At: s.Now(), AccountID: id, Action: action, Detail: detail})
	if err != nil && s.OnError != nil {
		s.OnError(err)
	}
}

// Lock is the inactivity lock of the mediator space.
type Lock struct {
	After time.Duration // default 10 minutes
	last  time.Time
}

// DefaultLockAfter is the default inactivity before the mediator space locks.
const DefaultLockAfter = 10 * time.Minute

// Touch records activity at now.
func (l *Lock) Touch(now time.Time) { l.last = now }

// Locked reports whether the space must lock at now.
func (l *Lock) Locked(now time.Time) bool {
	after := l.After
	if after <= 0 {
		after = DefaultLockAfter
	}
	return !l.last.IsZero() && now.Sub(l.last) >= after
}
