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
// of the same participants. An unknown session is NotFound; a mark with an
// unknown presence or a participant not on the workshop's sheet is Invalid
// (attendance.invalid, attendance.unknown_participant, field "marks[i]").
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
		var workshop int64
		if err := tx.QueryRowContext(ctx, "SELECT workshop_id FROM workshop_sessions WHERE id = ?", sessionID).
			Scan(&workshop); err != nil {
			return err
		}
		for i, m := range marks {
			var participant int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM workshop_participants WHERE workshop_id = ?
				AND (beneficiary_id = ? OR anonymous_number = ?)`,
				workshop, nullIfZero(m.Participant.BeneficiaryID), nullIfZero(m.Participant.Anonymous)).Scan(&participant)
			if errors.Is(err, sql.ErrNoRows) {
				return journal.InvalidError(op, fmt.Sprintf("marks[%d]", i), journal.CodeParticipantUnknown)
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO attendance(session_id, participant_id, presence) VALUES (?, ?, ?)
				ON CONFLICT(session_id, participant_id) DO UPDATE SET presence = excluded.presence`,
				sessionID, participant, string(m.Presence)); err != nil {
				return err
			}
		}
		return nil
	})
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
