package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"time"

	"pasapas/internal/journal"
	"pasapas/internal/report"
)

// Reads for reports (internal/report): the records of a period in one
// read transaction, and whether the database holds any activity.

var _ report.Source = (*DB)(nil)

// ReportData returns the records of the period q in one consistent read:
// the accompaniments dated in [q.From, q.To), the workshops with a session
// in it and the marks of those sessions, the profiles of the named
// beneficiaries among them with whether each has activity before q.From,
// the kiosk visits started in [q.Start, q.End) and, on a station, the
// kiosk of the room each came from. Seven statements, in one read
// transaction on a reader connection.
func (db *DB) ReportData(ctx context.Context, q report.Query) (report.Data, error) {
	const op = "read report data"
	var d report.Data
	err := db.readSnapshot(ctx, func(c *sql.Conn) error {
		from, to := q.From.String(), q.To.String()
		var err error
		if d.Accompaniments, err = queryAccompaniments(ctx, c,
			"WHERE a.date >= ? AND a.date < ? ORDER BY a.date, a.id", from, to); err != nil {
			return err
		}
		if err := periodWorkshops(ctx, c, from, to, &d); err != nil {
			return err
		}
		if d.Visits, err = queryVisits(ctx, c, q.Start, q.End); err != nil {
			return err
		}
		d.VisitKiosks, err = periodVisitKiosks(ctx, c, q.Start, q.End)
		return err
	})
	return d, storageErr(op, err)
}

// periodWorkshops reads into d the workshops with a session dated in
// [from, to) and the marks of those sessions, and the profiles of the
// named beneficiaries of the period (periodBeneficiaries).
func periodWorkshops(ctx context.Context, q queryer, from, to string, d *report.Data) error {
	var err error
	if d.Workshops, err = queryWorkshops(ctx, q, `WHERE EXISTS (SELECT 1 FROM workshop_sessions s
			WHERE s.workshop_id = w.id AND s.date >= ?1 AND s.date < ?2)
		ORDER BY (SELECT min(date) FROM workshop_sessions s WHERE s.workshop_id = w.id), w.id`, from, to); err != nil {
		return err
	}
	if d.Marks, err = periodMarks(ctx, q, from, to); err != nil {
		return err
	}
	d.Beneficiaries, d.Earlier, err = periodBeneficiaries(ctx, q, from, to)
	return err
}

// periodMarks returns the attendance marks of the sessions dated in
// [from, to).
func periodMarks(ctx context.Context, q queryer, from, to string) ([]journal.Mark, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.session_id, COALESCE(p.beneficiary_id, 0),
			COALESCE(p.anonymous_number, 0), a.presence
		FROM attendance a
		JOIN workshop_sessions s ON s.id = a.session_id
		JOIN workshop_participants p ON p.id = a.participant_id
		WHERE s.date >= ? AND s.date < ?
		ORDER BY s.date, s.start_minute, s.id, p.beneficiary_id IS NULL, p.anonymous_number, p.id`, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []journal.Mark
	for rows.Next() {
		var m journal.Mark
		if err := rows.Scan(&m.SessionID, &m.Participant.BeneficiaryID, &m.Participant.Anonymous, &m.Presence); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// periodBeneficiaries returns the named beneficiaries of the
// accompaniments dated in [from, to) and of the workshops with a session
// in it — only the columns statistics need, never a name or a contact —
// and the set of those with an accompaniment or a workshop session before
// from.
func periodBeneficiaries(ctx context.Context, q queryer, from, to string) (map[int64]journal.Beneficiary, map[int64]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT b.id, COALESCE(b.birth_year, 0), b.commune, b.postal_code, b.gender,
			b.status, b.erased_at, COALESCE(b.erased_age_band, ''),
			EXISTS (SELECT 1 FROM accompaniments a WHERE a.beneficiary_id = b.id AND a.date < ?1)
			OR EXISTS (SELECT 1 FROM workshop_participants p JOIN workshop_sessions s ON s.workshop_id = p.workshop_id
				WHERE p.beneficiary_id = b.id AND s.date < ?1)
		FROM beneficiaries b
		WHERE b.id IN (SELECT beneficiary_id FROM accompaniments
				WHERE date >= ?1 AND date < ?2 AND beneficiary_id IS NOT NULL
			UNION SELECT p.beneficiary_id FROM workshop_participants p
				WHERE p.beneficiary_id IS NOT NULL AND EXISTS (SELECT 1 FROM workshop_sessions s
					WHERE s.workshop_id = p.workshop_id AND s.date >= ?1 AND s.date < ?2))
		ORDER BY b.id`, from, to)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	out, earlier := map[int64]journal.Beneficiary{}, map[int64]bool{}
	for rows.Next() {
		var b journal.Beneficiary
		var erased sql.NullString
		var before bool
		if err := rows.Scan(&b.ID, &b.BirthYear, &b.Commune, &b.PostalCode, &b.Gender, &b.Status, &erased,
			&b.ErasedAgeBand, &before); err != nil {
			return nil, nil, err
		}
		if b.Erased, err = parseTime(erased); err != nil {
			return nil, nil, err
		}
		out[b.ID] = b
		if before {
			earlier[b.ID] = true
		}
	}
	return out, earlier, rows.Err()
}

// periodVisitKiosks returns, for the visits started in [from, to) that a
// kiosk of the room sent to this station, the kiosk's name (its id when
// the station never recorded a name), by visit key. A PC that is not a
// station has no room events: an empty map.
func periodVisitKiosks(ctx context.Context, q queryer, from, to time.Time) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT e.visit_key, COALESCE(NULLIF(k.name, ''), e.kiosk_id)
		FROM (SELECT visit_key, min(kiosk_id) AS kiosk_id FROM room_events
			WHERE visit_key IN (SELECT key FROM visits WHERE started_at >= ? AND started_at < ?)
			GROUP BY visit_key) e
		LEFT JOIN room_kiosks k ON k.id = e.kiosk_id`, formatTime(from), formatTime(to))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var key, name string
		if err := rows.Scan(&key, &name); err != nil {
			return nil, err
		}
		out[key] = name
	}
	return out, rows.Err()
}

// HasActivity reports whether the database holds any kiosk visit,
// accompaniment, workshop or beneficiary: data that demo data must not mix
// with. Accounts, settings and the audit trail do not count.
func (db *DB) HasActivity(ctx context.Context) (bool, error) {
	var found bool
	err := db.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM visits)
		OR EXISTS (SELECT 1 FROM accompaniments) OR EXISTS (SELECT 1 FROM workshops)
		OR EXISTS (SELECT 1 FROM beneficiaries)`).Scan(&found)
	return found, storageErr("check for activity", err)
}

// readSnapshot runs fn on one reader connection inside a deferred (read)
// transaction, so that its statements see one snapshot of the database.
// The transaction is begun by hand: the DSN's _txlock=immediate would make
// a database/sql transaction take the write lock.
func (db *DB) readSnapshot(ctx context.Context, fn func(*sql.Conn) error) error {
	c, err := db.r.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return err
	}
	ferr := fn(c)
	if _, err := c.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); err != nil {
		// A connection left inside a transaction must not go back to the
		// pool: ErrBadConn from Raw makes database/sql discard it.
		if rerr := c.Raw(func(any) error { return driver.ErrBadConn }); !errors.Is(rerr, driver.ErrBadConn) {
			err = errors.Join(err, rerr)
		}
		return errors.Join(ferr, err)
	}
	return ferr
}
