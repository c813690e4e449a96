package sqlite

import (
	"context"
	"database/sql"
	"time"

	"pasapas/internal/visit"
)

var _ visit.Store = (*DB)(nil)

// SaveVisit inserts the visit, or updates the row with the same key. When
// v has ended, its help requests still open are closed at v.Ended in the
// same transaction (see closeHelp).
func (db *DB) SaveVisit(ctx context.Context, v visit.Visit) error {
	return db.tx(ctx, "save visit", func(tx *sql.Tx) error {
		id, err := saveVisit(ctx, tx, v)
		if err != nil || v.Ended.IsZero() {
			return err
		}
		return closeHelp(ctx, tx, "visit_id = ?", id)
	})
}

// closeHelp closes the open help requests of the ended visits matched by
// where (a condition on visits, with args): resolved at the visit's end,
// by nobody, with the outcome visit.ClosedWithVisit gives — « sans
// intervention » when nobody had acknowledged the request.
func closeHelp(ctx context.Context, tx *sql.Tx, where string, args ...any) error {
	_, err := tx.ExecContext(ctx, `UPDATE help_requests
		SET resolved_at = (SELECT ended_at FROM visits WHERE visits.id = help_requests.visit_id),
			outcome = CASE WHEN acknowledged_at IS NULL THEN ? ELSE ? END
		WHERE resolved_at IS NULL AND visit_id IN (SELECT id FROM visits WHERE ended_at IS NOT NULL AND `+where+`)`,
		append([]any{string(visit.ClosedWithVisit(false)), string(visit.ClosedWithVisit(true))}, args...)...)
	return err
}

// RaiseHelp saves the visit and records the help request in one
// transaction, once (see insertHelp).
func (db *DB) RaiseHelp(ctx context.Context, v visit.Visit, h visit.HelpRequest) error {
	return db.tx(ctx, "record help request", func(tx *sql.Tx) error {
		id, err := saveVisit(ctx, tx, v)
		if err != nil {
			return err
		}
		return insertHelp(ctx, tx, id, h)
	})
}

// insertHelp records the help request h of the visit id, unless the same
// request is there already — the visit's, at the same time, on the same
// guide, step and screen: a write tried again (visit.Recorder does, after
// a failure that may have been reported once the transaction had
// committed) never counts twice.
func insertHelp(ctx context.Context, tx *sql.Tx, id int64, h visit.HelpRequest) error {
	raised := formatTime(h.Raised)
	_, err := tx.ExecContext(ctx, `INSERT INTO help_requests(visit_id, raised_at, guide_id, step, screen)
		SELECT ?, ?, NULLIF(?, ''), ?, ?
		WHERE NOT EXISTS (SELECT 1 FROM help_requests WHERE visit_id = ? AND raised_at = ?
			AND guide_id IS NULLIF(?, '') AND step = ? AND screen = ?)`,
		id, raised, h.GuideID, h.Step, string(h.Screen), id, raised, h.GuideID, h.Step, string(h.Screen))
	return err
}

func saveVisit(ctx context.Context, tx *sql.Tx, v visit.Visit) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO visits(key, started_at, updated_at, ended_at, lang, guide_id,
			step_count, furthest_step, outcome, help_count, first_help_at, max_text_size)
		VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, NULLIF(?, ''), ?, ?, ?)
		ON CONFLICT(key) DO UPDATE SET updated_at = excluded.updated_at, ended_at = excluded.ended_at,
			lang = excluded.lang, guide_id = excluded.guide_id, step_count = excluded.step_count,
			furthest_step = excluded.furthest_step, outcome = excluded.outcome, help_count = excluded.help_count,
			first_help_at = excluded.first_help_at, max_text_size = excluded.max_text_size
		RETURNING id`,
		v.Key, formatTime(v.Started), formatTime(v.Updated), nullTime(v.Ended), v.Lang, v.GuideID,
		v.StepCount, v.FurthestStep, string(v.Outcome), v.HelpCount, nullTime(v.FirstHelp), v.MaxTextSize).Scan(&id)
	return id, err
}

// CloseOpenVisits ends the visits left open by a crash or a power cut, with
// the outcome "abandoned" at their last update, and closes their help
// requests still open as SaveVisit does. It returns how many visits it
// closed.
func (db *DB) CloseOpenVisits(ctx context.Context) (int, error) {
	var n int64
	err := db.tx(ctx, "close open visits", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE visits SET ended_at = updated_at, outcome = 'abandoned'
			WHERE ended_at IS NULL`)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		// Every ended visit: also those a crash left with their help open.
		return closeHelp(ctx, tx, "1 = 1")
	})
	return int(n), err
}

// Visits returns the visits started in [from, to), oldest first.
func (db *DB) Visits(ctx context.Context, from, to time.Time) ([]visit.Visit, error) {
	vs, err := queryVisits(ctx, db.r, from, to)
	return vs, storageErr("list visits", err)
}

// queryVisits returns the visits started in [from, to), oldest first.
func queryVisits(ctx context.Context, q queryer, from, to time.Time) ([]visit.Visit, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+visitColumns+`
		FROM visits WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id`, formatTime(from), formatTime(to))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []visit.Visit
	for rows.Next() {
		v, err := scanVisit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// visitColumns are the columns scanVisit reads, in its order.
const visitColumns = `key, started_at, updated_at, ended_at, lang, COALESCE(guide_id, ''),
	step_count, furthest_step, COALESCE(outcome, ''), help_count, first_help_at, max_text_size`

// scanVisit reads a visit selected with visitColumns, after the columns
// of lead if any.
func scanVisit(rows *sql.Rows, lead ...any) (visit.Visit, error) {
	var v visit.Visit
	var started, updated string
	var ended, firstHelp sql.NullString
	var outcome string
	if err := rows.Scan(append(lead, &v.Key, &started, &updated, &ended, &v.Lang, &v.GuideID, &v.StepCount,
		&v.FurthestStep, &outcome, &v.HelpCount, &firstHelp, &v.MaxTextSize)...); err != nil {
		return v, err
	}
	v.Outcome = visit.Outcome(outcome)
	var err error
	if v.Started, err = time.Parse(timeLayout, started); err != nil {
		return v, err
	}
	if v.Updated, err = time.Parse(timeLayout, updated); err != nil {
		return v, err
	}
	if v.Ended, err = parseTime(ended); err != nil {
		return v, err
	}
	v.FirstHelp, err = parseTime(firstHelp)
	return v, err
}
