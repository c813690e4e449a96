package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
)

// Attendance of workshop participants at each session.

// SetAttendance records the marks of one session, replacing earlier marks
// of the same participants. An unknown session is NotFound; a cancelled
// one is Conflict (sessions.cancelled); a mark with an unknown presence or
// a participant not on the workshop's sheet is Invalid (attendance.invalid,
// attendance.unknown_participant, field "marks[i]"). Marks do not change
// the workshop's Updated: two mediators marking the same sheet do not
// clash, the last mark of a participant wins.
func (db *DB) SetAttendance(ctx context.Context, sessionID int64, marks []journal.Mark) error {
	const op = "set attendance"
	var problems []journal.Problem
	for i, m := range marks {
		for _, p := range journal.Problems(m.Validate()) {
			problems = append(problems, journal.Problem{Field: fmt.Sprintf("marks[%d]", i), Code: p.Code})
		}
	}
	if len(problems) > 0 {
		return failure.New(failure.Invalid, op, &journal.ValidationError{Problems: problems})
	}
	return db.tx(ctx, op, func(tx *sql.Tx) error {
		workshop, err := openSession(ctx, tx, op, sessionID)
		if err != nil {
			return err
		}
		for i, m := range marks {
			if err := mark(ctx, tx, workshop, sessionID, m.Participant, m.Presence); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return journal.InvalidError(op, fmt.Sprintf("marks[%d]", i), journal.CodeParticipantUnknown)
				}
				return err
			}
		}
		return nil
	})
}

// openSession returns the workshop of a session that is not cancelled:
// sql.ErrNoRows for an unknown session, Conflict (sessions.cancelled) for
// a cancelled one.
func openSession(ctx context.Context, tx *sql.Tx, op string, sessionID int64) (int64, error) {
	var workshop int64
	var cancelled bool
	if err := tx.QueryRowContext(ctx, "SELECT workshop_id, cancelled FROM workshop_sessions WHERE id = ?", sessionID).
		Scan(&workshop, &cancelled); err != nil {
		return 0, err
	}
	if cancelled {
		return 0, failure.New(failure.Conflict, op,
			&journal.ValidationError{Problems: []journal.Problem{{Field: "session", Code: journal.CodeSessionCancelled}}})
	}
	return workshop, nil
}

// mark records the presence of participant p of the workshop at the
// session; sql.ErrNoRows when p is not on the workshop's sheet.
func mark(ctx context.Context, tx *sql.Tx, workshop, sessionID int64, p journal.Participant, presence journal.Presence) error {
	var participant int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM workshop_participants WHERE workshop_id = ?
		AND (beneficiary_id = ? OR anonymous_number = ?)`,
		workshop, nullIfZero(p.BeneficiaryID), nullIfZero(p.Anonymous)).Scan(&participant)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO attendance(session_id, participant_id, presence) VALUES (?, ?, ?)
		ON CONFLICT(session_id, participant_id) DO UPDATE SET presence = excluded.presence`,
		sessionID, participant, string(presence))
	return err
}

// AddWalkIn puts a person who came to a session without being on the
// sheet on it and marks them present at that session, in one transaction
// (see journal.WalkIn): a new beneficiary is inserted first (its own
// validation problems, Invalid), a known one must exist
// (beneficiary.not_found) and not be erased (beneficiary.erased), an
// anonymous one raises the workshop's anonymous total and counts. A named
// walk-in already on the sheet is only marked present. It returns the
// workshop as stored, with a new Updated, and the sheet line marked. An
// unknown session is NotFound, a cancelled one Conflict
// (sessions.cancelled).
func (db *DB) AddWalkIn(ctx context.Context, sessionID int64, p journal.WalkIn) (journal.Workshop, journal.Participant, error) {
	const op = "add walk-in"
	if p.New != nil {
		n := p.New.Normalize()
		p.New = &n
	}
	if err := p.Validate(); err != nil {
		return journal.Workshop{}, journal.Participant{}, err
	}
	var out journal.Workshop
	var line journal.Participant
	err := db.tx(ctx, op, func(tx *sql.Tx) error {
		workshop, err := openSession(ctx, tx, op, sessionID)
		if err != nil {
			return err
		}
		stored, err := getWorkshop(ctx, tx, workshop)
		if err != nil {
			return err
		}
		beneficiary := p.BeneficiaryID
		if p.New != nil {
			if beneficiary, err = insertBeneficiary(ctx, tx, *p.New, formatTime(db.Now())); err != nil {
				return err
			}
		}
		w, participant := stored.WithWalkIn(beneficiary, p.Profile)
		if err := w.Validate(); err != nil {
			return err
		}
		if _, err := writeWorkshop(ctx, tx, w, db.stamp(stored.Updated)); err != nil {
			return err
		}
		if err := writeParticipants(ctx, tx, op, workshop, w); err != nil {
			return err
		}
		if err := mark(ctx, tx, workshop, sessionID, participant, journal.Present); err != nil {
			return err
		}
		line = participant
		out, err = getWorkshop(ctx, tx, workshop)
		return err
	})
	return out, line, err
}

// WorkshopAttendance returns every mark of the workshop's sessions, by
// session, then named participants before anonymous ones.
func (db *DB) WorkshopAttendance(ctx context.Context, workshopID int64) ([]journal.Mark, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT a.session_id, COALESCE(p.beneficiary_id, 0),
			COALESCE(p.anonymous_number, 0), a.presence
		FROM attendance a
		JOIN workshop_sessions s ON s.id = a.session_id
		JOIN workshop_participants p ON p.id = a.participant_id
		WHERE s.workshop_id = ?
		ORDER BY s.date, s.start_minute, s.id, p.beneficiary_id IS NULL, p.anonymous_number, p.id`, workshopID)
	if err != nil {
		return nil, storageErr("list attendance", err)
	}
	defer rows.Close()
	var out []journal.Mark
	for rows.Next() {
		var m journal.Mark
		if err := rows.Scan(&m.SessionID, &m.Participant.BeneficiaryID, &m.Participant.Anonymous, &m.Presence); err != nil {
			return nil, storageErr("list attendance", err)
		}
		out = append(out, m)
	}
	return out, storageErr("list attendance", rows.Err())
}
