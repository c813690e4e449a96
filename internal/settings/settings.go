// Package settings provides the centre's settings that a coordinator
// changes: the centre's name, its activity places, the default commune, the
// kiosk idle time, how long a waiting help request keeps a visit, how long
// named beneficiaries are kept, and when the mediator space locks itself.
package settings

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"pasapas/internal/failure"
	"pasapas/internal/guide"
	"pasapas/internal/officialsite"
)

// Settings of one centre.
type Settings struct {
	CentreName     string
	Places         []string // activity places ("lieux d'activité")
	DefaultCommune string
	// OfficialHosts are sites the coordinator adds to the built-in list of
	// official sites a guide may open (a town hall's), e.g.
	// "www.mairie-exemple.fr" or "*.mairie-exemple.fr".
	OfficialHosts []string
	// GuideOverrides are the ids of built-in guides that the centre's own
	// guide may replace (else a centre guide with a built-in id is refused).
	GuideOverrides []string
	// EasternArabicDigits: the Arabic kiosk writes numbers ٠١٢٣ rather
	// than 0–9 (the official sites' digits, the default).
	EasternArabicDigits bool
	// MediatorContrast: the mediator space follows the kiosk's high
	// contrast (white on black) when the visitor switches it on — for a
	// mediator who reads better that way on the same PC.
	MediatorContrast bool
	// PostalCode is the centre's: five digits, or empty.
	PostalCode string
	// PublicKiosk: the PC is a public kiosk. The kiosk fills the screen and
	// its window cannot be closed; staff close Pas à pas from the mediator
	// space (as with --fullscreen).
	PublicKiosk bool
	KioskIdle   time.Duration
	// HelpHold is how long a help request nobody answered keeps the
	// visit from ending for inactivity.
	HelpHold        time.Duration
	RetentionMonths int
	LockAfter       time.Duration
}

// Defaults returns the settings of a new installation.
func Defaults() Settings {
	return Settings{
		KioskIdle:       3 * time.Minute,
		HelpHold:        20 * time.Minute,
		RetentionMonths: 24,
		LockAfter:       10 * time.Minute,
	}
}

// Store keeps the settings.
type Store interface {
	// LoadSettings returns the stored settings, Defaults() for what was
	// never set.
	LoadSettings(ctx context.Context) (Settings, error)
	SaveSettings(ctx context.Context, s Settings) error
}

// Problems with settings. Each has a message "settings.invalid.<code>".
var (
	ErrIdle      = errors.New("idle")
	ErrRetention = errors.New("retention")
	ErrLock      = errors.New("lock")
	ErrHelpHold  = errors.New("helphold")
	ErrName      = errors.New("name")
	ErrPostal    = errors.New("postal")
	ErrHost      = errors.New("host")
	ErrGuideID   = errors.New("guideid")
	// ErrCentre and ErrPlaces: the installation needs the centre's name and
	// at least one place of activity (exports and kiosk visits name them).
	ErrCentre = errors.New("centre")
	ErrPlaces = errors.New("places")
)

// MaxText is the longest centre name, commune or place, in characters.
const MaxText = 120

// Validate checks the ranges: idle time 1–60 minutes, help hold 1–120
// minutes, retention 1–24
// months (CNIL: two years at most in the active base), lock 1–60 minutes,
// names at most 120 characters.
func (s Settings) Validate() error {
	bad := func(err error) error { return failure.New(failure.Invalid, "settings", err) }
	switch {
	case s.KioskIdle < time.Minute || s.KioskIdle > time.Hour:
		return bad(ErrIdle)
	case s.HelpHold < time.Minute || s.HelpHold > 2*time.Hour:
		return bad(ErrHelpHold)
	case s.RetentionMonths < 1 || s.RetentionMonths > 24:
		return bad(ErrRetention)
	case s.LockAfter < time.Minute || s.LockAfter > time.Hour:
		return bad(ErrLock)
	case len([]rune(s.CentreName)) > MaxText || len([]rune(s.DefaultCommune)) > MaxText,
		!plainText(s.CentreName) || !plainText(s.DefaultCommune):
		return bad(ErrName)
	case s.PostalCode != "" && !isPostalCode(s.PostalCode):
		return bad(ErrPostal)
	}
	for _, h := range s.OfficialHosts {
		if _, err := officialsite.ParseEntry(h); err != nil {
			return failure.New(failure.Invalid, "settings", fmt.Errorf("%w: %q: %v", ErrHost, h, err))
		}
	}
	for _, id := range s.GuideOverrides {
		if !guide.ValidID(id) {
			return failure.New(failure.Invalid, "settings", fmt.Errorf("%w: %q", ErrGuideID, id))
		}
	}
	for _, p := range s.Places {
		if strings.TrimSpace(p) == "" || len([]rune(p)) > MaxText || !plainText(p) {
			return bad(ErrName)
		}
	}
	return nil
}

// plainText reports whether s is valid UTF-8 without control characters
// (a NUL or a line break pasted into a name would travel into every
// export and sign-in sheet).
func plainText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, unicode.IsControl)
}

// Complete says what a centre's installation still lacks: its name, then a
// place of activity.
func (s Settings) Complete() error {
	bad := func(err error) error { return failure.New(failure.Invalid, "settings", err) }
	switch {
	case strings.TrimSpace(s.CentreName) == "":
		return bad(ErrCentre)
	case len(s.Places) == 0:
		return bad(ErrPlaces)
	}
	return s.Validate()
}

// isPostalCode: five ASCII digits, as every French postal code (Corsica's
// too: 20000–20620).
func isPostalCode(c string) bool {
	if len(c) != 5 {
		return false
	}
	for _, r := range c {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
