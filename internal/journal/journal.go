// Package journal records the mediators' activity: individual
// accompaniments, collective workshops with their sessions and attendance,
// and the few named beneficiaries who agreed to be followed. It uses the
// field set, codes and labels of the national mediators' tool (La Coop de
// la médiation numérique, "CRA") so that exports map straight onto it.
//
// It is plain Go: types, enums with their French labels, Validate methods
// that list every invalid field (ValidationError), the erase and retention
// rules, and the Store interfaces that internal/sqlite implements. It holds
// no field for a visitor's passwords, social security number (NIR), tax
// number, bank details or FranceConnect identifiers (R6), and refuses notes
// that look like such a number.
//
// Typical use by the interface:
//
//	a := journal.FromVisit(v, category, title) // or NewAccompaniment, or old.Duplicate(today)
//	a.MediatorID, a.Place.Name = account.ID, settings.Place
//	if err := a.Validate(); err != nil {
//		for _, p := range journal.Problems(err) { show(p.Field, tr(p.MessageID())) }
//	}
//	a, err = store.SaveAccompaniment(ctx, a)
package journal

import (
	"context"
	"time"
)

// AccompanimentStore keeps individual accompaniments. Each method is one
// transaction. Errors have a failure kind: Invalid (with a
// *ValidationError when a rule is broken), NotFound, or a storage kind.
type AccompanimentStore interface {
	// SaveAccompaniment normalizes and validates a, then inserts it (ID 0)
	// or replaces the stored one, and returns it as stored: with its ID,
	// timestamps, and for a named beneficiary the Person profile taken
	// from the beneficiary. A beneficiary that does not exist or was
	// erased, or a kiosk visit already recorded, is Invalid
	// (beneficiary.not_found, beneficiary.erased, visit.already_recorded).
	// Replacing: an unknown ID is NotFound, and an Updated other than the
	// stored one is Conflict (ErrModified; see CheckUnchanged).
	SaveAccompaniment(ctx context.Context, a Accompaniment) (Accompaniment, error)
	// Accompaniment returns the accompaniment with that id, or NotFound.
	Accompaniment(ctx context.Context, id int64) (Accompaniment, error)
	// Accompaniments returns the accompaniments dated in [from, to),
	// oldest first.
	Accompaniments(ctx context.Context, from, to Date) ([]Accompaniment, error)
	// DeleteAccompaniment removes a mistaken accompaniment for good, with
	// its themes, equipment and tags, or returns NotFound. No read keeps
	// it: statistics and exports made afterwards do not count it. An
	// export already written is a snapshot and keeps it; deleting inside
	// an exported period is allowed and says nothing special.
	DeleteAccompaniment(ctx context.Context, id int64) error
}

// WorkshopStore keeps workshops, their sessions, participants and
// attendance. Each method is one transaction.
type WorkshopStore interface {
	// SaveWorkshop normalizes and validates w, then inserts it (ID 0) or
	// replaces the stored one, and returns it as stored. Sessions keep
	// their attendance when they keep their ID; a participant removed
	// loses its attendance. Lowering Anonymous.Total removes the last
	// anonymous participants. Removing a session that has marks and was not cancelled first is
	// Conflict (sessions, sessions.has_attendance; see CheckRemovals).
	// Replacing: an unknown ID is NotFound, a stale Updated is Conflict
	// (ErrModified). Dates far from today are the form's check
	// (Workshop.CheckSessionDates), not the store's.
	SaveWorkshop(ctx context.Context, w Workshop) (Workshop, error)
	// Workshop returns the workshop with that id, or NotFound.
	Workshop(ctx context.Context, id int64) (Workshop, error)
	// Workshops returns the workshops with a session dated in [from, to),
	// by first session.
	Workshops(ctx context.Context, from, to Date) ([]Workshop, error)
	// UpcomingWorkshops returns the workshops with a session on today or
	// later, the next one first.
	UpcomingWorkshops(ctx context.Context, today Date) ([]Workshop, error)
	// PastWorkshops returns the workshops whose sessions are all before
	// today, the most recent first.
	PastWorkshops(ctx context.Context, today Date) ([]Workshop, error)
	// DeleteWorkshop removes a workshop with its sessions, participants
	// and attendance, or NotFound.
	DeleteWorkshop(ctx context.Context, id int64) error
	// SetAttendance records the marks of one session (replacing earlier
	// marks of the same participants). The session must exist (NotFound),
	// not be cancelled (Conflict, sessions.cancelled), and every
	// participant must belong to its workshop
	// (attendance.unknown_participant). « Tous présents » is
	// SetAttendance(ctx, id, w.AllPresent(id)).
	SetAttendance(ctx context.Context, sessionID int64, marks []Mark) error
	// AddWalkIn puts a person who came to the session without being on
	// the sheet on it and marks them present there, in one transaction:
	// a new beneficiary (p.New) is created first, a known one
	// (p.BeneficiaryID) must exist and not be erased, an anonymous one is
	// counted on the workshop (see WalkIn). It returns the workshop as
	// stored (its Updated changes) and the sheet line marked. An unknown
	// session is NotFound, a cancelled one Conflict (sessions.cancelled).
	AddWalkIn(ctx context.Context, sessionID int64, p WalkIn) (Workshop, Participant, error)
	// WorkshopAttendance returns every mark of the workshop's sessions, by
	// session then participant.
	WorkshopAttendance(ctx context.Context, workshopID int64) ([]Mark, error)
}

// BeneficiaryStore keeps named beneficiaries. Each method is one
// transaction.
type BeneficiaryStore interface {
	// SaveBeneficiary validates b and inserts it (ID 0) or updates it, and
	// returns it as stored. Updating refreshes the profiles of its
	// accompaniments. An erased beneficiary cannot be saved
	// (beneficiary.erased); an unknown ID is NotFound, a stale Updated
	// Conflict (ErrModified).
	SaveBeneficiary(ctx context.Context, b Beneficiary) (Beneficiary, error)
	// Beneficiary returns the beneficiary with that id (erased or not),
	// or NotFound.
	Beneficiary(ctx context.Context, id int64) (Beneficiary, error)
	// SearchBeneficiaries returns at most limit named beneficiaries whose
	// names contain every word of query, ignoring case and accents, by
	// last then first name. An empty query lists them all.
	SearchBeneficiaries(ctx context.Context, query string, limit int) ([]Beneficiary, error)
	// BeneficiaryHistory returns the beneficiary's accompaniments and
	// workshops, most recent first.
	BeneficiaryHistory(ctx context.Context, id int64) (History, error)
	// EraseBeneficiary removes every direct identifier of the beneficiary
	// (see Beneficiary.Erase), redacts them from the free texts of its
	// activity, and keeps the anonymous activity. Erasing twice is not an
	// error; an unknown id is NotFound.
	EraseBeneficiary(ctx context.Context, id int64) error
	// AnonymiseDue erases, in one transaction, every named beneficiary
	// whose last activity is older than the retention period
	// (Retention{months}.Due at now), and returns how many.
	AnonymiseDue(ctx context.Context, now time.Time, months int) (int, error)
}

// Store is everything the journal keeps.
type Store interface {
	AccompanimentStore
	WorkshopStore
	BeneficiaryStore
}

// History is a beneficiary's activity, most recent first.
type History struct {
	Accompaniments []Accompaniment
	Workshops      []Workshop
}
