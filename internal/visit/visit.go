// Package visit provides the kiosk visit: the anonymous record of one
// person's use of the kiosk, and the state machine that walks them from the
// welcome screen through a guide to goodbye, with help requests, text size,
// and the idle warning that ends a forgotten visit.
package visit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"
)

// Outcome is how a visit ended.
type Outcome string

// Outcomes of a visit. The empty outcome means the visit is still going on.
const (
	Done         Outcome = "done"        // "Oui, j'ai réussi"
	NotYet       Outcome = "not_yet"     // "Pas encore"
	Appointment  Outcome = "appointment" // "J'ai besoin d'un rendez-vous"
	Abandoned    Outcome = "abandoned"   // "Arrêter" before the end, or the app stopped
	TimedOut     Outcome = "timed_out"   // nobody touched the kiosk
	EndedByStaff Outcome = "ended_by_staff"
)

// Outcomes returns every outcome, in the order reports show them.
func Outcomes() []Outcome {
	return []Outcome{Done, NotYet, Appointment, Abandoned, TimedOut, EndedByStaff}
}

// Valid reports whether o is a known outcome.
func (o Outcome) Valid() bool {
	for _, x := range Outcomes() {
		if o == x {
			return true
		}
	}
	return false
}

// Visit is the anonymous record of one visit. It holds nothing that
// identifies the person: no name, no text typed, no number.
type Visit struct {
	Key          string // random, identifies the row while the visit goes on
	Started      time.Time
	Updated      time.Time
	Ended        time.Time // zero while the visit goes on
	Lang         string
	GuideID      string // empty until a guide is chosen
	StepCount    int
	FurthestStep int // 1-based; 0 when no step was reached
	Outcome      Outcome
	HelpCount    int
	FirstHelp    time.Time
	MaxTextSize  int // the largest text size level used, 1-based
}

// HelpRequest is one press on "J'ai besoin d'aide".
type HelpRequest struct {
	VisitKey string
	Raised   time.Time
	GuideID  string
	Step     int    // 1-based; 0 when not on a step
	Screen   Screen // where the visitor was
}

// Help is a help request in the mediator's queue.
type Help struct {
	ID           int64
	VisitKey     string
	Raised       time.Time
	GuideID      string
	Step         int
	Screen       Screen
	Acknowledged time.Time // zero until a mediator says "I'm coming"
	Resolved     time.Time // zero until the mediator has helped or the visit ended
	Outcome      HelpOutcome
}

// HelpOutcome is how a help request ended; empty while it is open.
type HelpOutcome string

// Outcomes of a help request. A request still open when its visit ends is
// closed with the visit (ClosedWithVisit): « sans intervention » if nobody
// had acknowledged it, else resolved — a mediator said they were coming,
// and the visit ending is the end of that help.
const (
	HelpResolved       HelpOutcome = "resolved"        // « résolue »
	HelpNoIntervention HelpOutcome = "no_intervention" // « sans intervention »
)

// ClosedWithVisit returns the outcome of a help request still open when
// its visit ends: HelpNoIntervention when nobody acknowledged it, else
// HelpResolved.
func ClosedWithVisit(acknowledged bool) HelpOutcome {
	if acknowledged {
		return HelpResolved
	}
	return HelpNoIntervention
}

// Queue is the help queue of the mediator space.
type Queue interface {
	// OpenHelp returns the requests not resolved yet of visits still going
	// on, oldest first: a request never outlives its visit.
	OpenHelp(ctx context.Context) ([]Help, error)
	// AcknowledgeHelp records that a mediator saw the request.
	AcknowledgeHelp(ctx context.Context, id, accountID int64, at time.Time) error
	// ResolveHelp records that the request was dealt with (HelpResolved).
	ResolveHelp(ctx context.Context, id, accountID int64, at time.Time) error
}

// Store keeps visits and help requests. Implementations write each call in
// one transaction: after it returns nil, the data survives a crash.
type Store interface {
	// SaveVisit inserts the visit or updates the row with the same Key.
	// When v has ended, the visit's help requests still open are closed
	// at v.Ended in the same transaction, with ClosedWithVisit's outcome.
	SaveVisit(ctx context.Context, v Visit) error
	// RaiseHelp saves the visit (with its updated help count) and records
	// the help request, in one transaction.
	RaiseHelp(ctx context.Context, v Visit, h HelpRequest) error
}

// newKey returns a random visit key.
func newKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on supported platforms; a clock-based
		// key keeps the visit recordable if it ever does.
		return time.Now().Format("20060102T150405.000000000")
	}
	return hex.EncodeToString(b[:])
}
