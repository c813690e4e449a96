package backup

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"

	"pasapas/internal/failure"
)

// The passphrase of the encrypted backups protects a file that may be
// lost with its USB stick: whoever finds it can try passphrases offline,
// as fast as their computers allow, with no lockout. So the rule is
// stricter than the accounts' (internal/account.CheckSecret, which relies
// on a lockout):
//
//   - at least MinPassphraseLength characters: a phrase of four or five
//     ordinary words (« le chat de Lucie dort au soleil ») is easier to
//     remember and type than a short password of all kinds of characters,
//     and longer;
//   - and zxcvbn's best score, 4 ("very unguessable", ≥ 10^10 guesses by
//     its own estimate, which knows common passwords, names, keyboard
//     patterns, repeats and dates), with the program's and common French
//     words as what an attacker tries first.
//
// With scrypt at 2^18 (about a second and 256 MiB of memory per guess),
// 10^10 guesses cost centuries of one PC's time; the length rule keeps
// the real margin above the estimator's (CNIL délibération 2022-100 asks
// 80 bits when nothing else limits guessing: a phrase of 16 characters
// or more, chosen freely, is the practical way there).

// MinPassphraseLength is the least number of characters of a passphrase.
const MinPassphraseLength = 16

// MaxPassphraseLength bounds what a passphrase field takes.
const MaxPassphraseLength = 256

// Errors of CheckPassphrase, inside a failure.Invalid *failure.Error.
var (
	ErrPassphraseShort    = errors.New("the passphrase is too short: 16 characters at least (a phrase of four or five words)")
	ErrPassphraseLong     = errors.New("the passphrase is too long: 256 characters at most")
	ErrPassphraseControl  = errors.New("the passphrase holds characters that cannot be typed")
	ErrPassphraseWeak     = errors.New("the passphrase is too easy to guess: use words that do not go together")
	ErrPassphraseMismatch = errors.New("the two passphrases differ")
)

// weakWords are what an attacker of a French centre's backup tries first.
var weakWords = []string{"pasapas", "pas à pas", "sauvegarde", "centre social", "motdepasse", "mot de passe",
	"azerty", "soleil", "bonjour", "médiation", "numérique", "france", "coordinateur", "coordinatrice"}

// CheckPassphrase applies the strength rule of the encrypted backups'
// passphrase (see above). It returns nil or a failure.Invalid error
// wrapping ErrPassphraseShort, ErrPassphraseLong, ErrPassphraseControl or
// ErrPassphraseWeak; the UI says which, and what to do.
func CheckPassphrase(p string) error {
	const op = "check passphrase"
	n := utf8.RuneCountInString(p)
	switch {
	case !utf8.ValidString(p) || strings.IndexFunc(p, unicode.IsControl) >= 0:
		return failure.New(failure.Invalid, op, ErrPassphraseControl)
	case n > MaxPassphraseLength:
		return failure.New(failure.Invalid, op, ErrPassphraseLong)
	case n < MinPassphraseLength:
		return failure.New(failure.Invalid, op, ErrPassphraseShort)
	}
	if zxcvbn.PasswordStrength(p, weakWords).Score < 4 {
		return failure.New(failure.Invalid, op, ErrPassphraseWeak)
	}
	return nil
}

// ConfirmPassphrase checks a new passphrase typed twice: the same both
// times (else ErrPassphraseMismatch), and strong enough (CheckPassphrase).
func ConfirmPassphrase(first, second string) error {
	if first != second {
		return failure.New(failure.Invalid, "check passphrase", ErrPassphraseMismatch)
	}
	return CheckPassphrase(first)
}
