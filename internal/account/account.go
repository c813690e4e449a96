// Package account provides staff accounts — mediators and coordinators —
// and how they get in: the strength rule for their secret, Argon2id hashing,
// one answer to every failed login, a login form that slows down after
// failures (never a locked account), and the lock of the mediator space
// after inactivity.
package account

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"

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
	Verifier    string    // Argon2id PHC string of the secret
	Failures    int       // failed attempts under this name since the last login
	LockedUntil time.Time // no longer set: kept for databases that have it
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

// Throttle parameters: after a failed login on a PC, its login form waits
// FirstDelay, then twice as long after each next failure, up to MaxDelay.
const (
	FirstDelay = time.Second
	MaxDelay   = time.Minute
)

// LockDelay returns how long the login form waits after n consecutive
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

// Throttle slows down one place's login form (a PC's mediator space) after
// failed attempts, whatever the names tried: guessing is slow, and nobody
// can keep a member of staff out of their account by failing on purpose —
// the account itself is never locked. The zero value is ready; it is not
// safe for concurrent use (the UI calls it).
type Throttle struct {
	failures int
	until    time.Time
}

// Wait returns how long the form must still wait at now; 0 when it takes
// an attempt.
func (t *Throttle) Wait(now time.Time) time.Duration {
	return max(t.until.Sub(now), 0)
}

// Failed records a failed attempt at now.
func (t *Throttle) Failed(now time.Time) {
	t.failures++
	t.until = now.Add(LockDelay(t.failures))
}

// Succeeded forgets the failures.
func (t *Throttle) Succeeded() { t.failures, t.until = 0, time.Time{} }

// Problems with a new secret. Each has a message "account.secret.<code>".
var (
	ErrSecretShort    = errors.New("short")
	ErrSecretClasses  = errors.New("classes")
	ErrSecretDigits   = errors.New("digits")
	ErrSecretHasName  = errors.New("has_name")
	ErrSecretTooLong  = errors.New("too_long")
	ErrSecretMismatch = errors.New("mismatch")
	// ErrSecretControl: invisible characters (NUL, tab, line break…).
	ErrSecretControl = errors.New("control")
	// ErrSecretGuessable: a common password, a keyboard row, a repetition,
	// a word with a year — what attackers try first.
	ErrSecretGuessable = errors.New("guessable")
)

// commonWords are French words that people use as passwords and that the
// strength estimator's English-centred lists do not know.
var commonWords = []string{"motdepasse", "azerty", "azertyuiop", "soleil", "bonjour", "marseille",
	"doudou", "loulou", "chouchou", "coucou", "pasapas", "france", "amour", "bisous", "chocolat"}

// MinScore is the least zxcvbn score (0–4) a secret needs: 3 is "safely
// unguessable: moderate protection from offline slow-hash attacks".
const MinScore = 3

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
	case !utf8.ValidString(secret) || strings.IndexFunc(secret, unicode.IsControl) >= 0:
		return ErrSecretControl
	case strings.TrimFunc(secret, unicode.IsDigit) == "":
		return ErrSecretDigits
	case n < 8:
		return ErrSecretShort
	case name != "" && len(name) >= 3 && strings.Contains(strings.ToLower(secret), strings.ToLower(name)):
		return ErrSecretHasName
	}
	if n >= 14 {
		return guessable(secret, name)
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
	return guessable(secret, name)
}

// guessable applies the zxcvbn estimator (github.com/trustelem/zxcvbn, a
// port of Dropbox's: frequency lists of passwords, names and words,
// keyboard patterns, repeats, sequences, dates), with the account name and
// common French words as what an attacker would try too.
func guessable(secret, name string) error {
	inputs := commonWords
	if name != "" {
		inputs = append(slices.Clone(commonWords), name)
	}
	if zxcvbn.PasswordStrength(secret, inputs).Score < MinScore {
		return ErrSecretGuessable
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
	if err := CheckDisplayName(display); err != nil {
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

// Reset gives an account a new secret on the PC itself, for a forgotten
// password (pasapasctl account reset: whoever runs it can open the data
// folder already). The secret follows the same rule as at creation; the
// account is enabled again and its failed attempts forgotten; the reset is
// audited under the account's own id, with how it was done.
func (s *Service) Reset(ctx context.Context, name, secret, how string) (Account, error) {
	a, err := s.Store.AccountByName(ctx, strings.TrimSpace(name))
	if err != nil {
		return Account{}, err
	}
	if err := CheckSecret(secret, a.Name); err != nil {
		return Account{}, failure.New(failure.Invalid, "reset secret", err)
	}
	v, err := Hash(secret)
	if err != nil {
		return Account{}, failure.New(failure.Internal, "reset secret", err)
	}
	a.Verifier, a.Disabled, a.Failures, a.LockedUntil = v, false, 0, time.Time{}
	if err := s.Store.UpdateAccount(ctx, a); err != nil {
		return Account{}, err
	}
	if err := s.Store.SaveLoginState(ctx, a); err != nil {
		return Account{}, err
	}
	s.log(ctx, a.ID, audit.SecretReset, how)
	return a, nil
}

// ErrBadName is returned for a login name that is empty, too long or has
// spaces.
var ErrBadName = errors.New("name")

// Longest login name and display name, in characters.
const (
	MaxName        = 40
	MaxDisplayName = 80
)

// CheckName checks a login name: 2 to MaxName characters, no spaces (nor
// any other invisible character).
func CheckName(name string) error {
	if n := len([]rune(name)); n < 2 || n > MaxName || strings.ContainsFunc(name, unicode.IsSpace) ||
		strings.ContainsFunc(name, unicode.IsControl) || !utf8.ValidString(name) {
		return failure.New(failure.Invalid, "account name", ErrBadName)
	}
	return nil
}

// ErrBadDisplayName is returned for a display name over MaxDisplayName
// characters or holding an invisible character.
var ErrBadDisplayName = errors.New("display name")

// CheckDisplayName checks the name shown for an account.
func CheckDisplayName(display string) error {
	if len([]rune(display)) > MaxDisplayName || strings.ContainsFunc(display, unicode.IsControl) || !utf8.ValidString(display) {
		return failure.New(failure.Invalid, "account display name", ErrBadDisplayName)
	}
	return nil
}

// ErrLogin is the one answer to a failed login: an unknown name, a wrong
// secret and a disabled account look the same, after the same work, so
// that names cannot be found from the kiosk.
var ErrLogin = errors.New("wrong name or secret")

// Login checks a name and secret. It returns the account — its Failures
// are the failed attempts under its name since its last login, for its
// owner to see — or an error of kind failure.Unauthorized wrapping
// ErrLogin. Failed attempts are counted on the account and audited; the
// account is never locked (the place's login form slows down instead: see
// Throttle).
func (s *Service) Login(ctx context.Context, name, secret string) (Account, error) {
	now := s.Now()
	refused := failure.New(failure.Unauthorized, "login", ErrLogin)
	a, err := s.Store.AccountByName(ctx, strings.TrimSpace(name))
	if failure.KindOf(err) == failure.NotFound {
		_, _ = Verify(dummyVerifier, secret) // same cost as a real check
		s.log(ctx, 0, audit.LoginFailed, "unknown name")
		return Account{}, refused
	}
	if err != nil {
		return Account{}, err
	}
	ok, err := Verify(a.Verifier, secret)
	if err != nil {
		return Account{}, failure.New(failure.Internal, "login", err)
	}
	if a.Disabled {
		s.log(ctx, a.ID, audit.LoginFailed, "disabled")
		return Account{}, refused
	}
	if !ok {
		a.Failures++
		if err := s.Store.SaveLoginState(ctx, a); err != nil {
			return Account{}, err
		}
		s.log(ctx, a.ID, audit.LoginFailed, "")
		return Account{}, refused
	}
	failed := a.Failures
	a.Failures, a.LockedUntil, a.LastLogin = 0, time.Time{}, now
	if err := s.Store.SaveLoginState(ctx, a); err != nil {
		return Account{}, err
	}
	s.log(ctx, a.ID, audit.Login, "")
	a.Failures = failed
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
