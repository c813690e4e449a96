// Package settings provides the centre's settings that a coordinator
// changes: the centre's name, its activity places, the default commune, the
// kiosk idle time, how long a waiting help request keeps a visit, how long
// named beneficiaries are kept, and when the mediator space locks itself.
package settings

import (
	"context"
	"errors"
	"strings"
	"time"

	"pasapas/internal/failure"
)

// Settings of one centre.
type Settings struct {
	CentreName     string
	Places         []string // activity places ("lieux d'activité")
	DefaultCommune string
	KioskIdle      time.Duration
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
)

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
	case len([]rune(s.CentreName)) > 120 || len([]rune(s.DefaultCommune)) > 120:
		return bad(ErrName)
	}
	for _, p := range s.Places {
		if strings.TrimSpace(p) == "" || len([]rune(p)) > 120 {
			return bad(ErrName)
		}
	}
	return nil
}
