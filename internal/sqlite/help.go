package sqlite

import (
	"context"
	"database/sql"
	"time"

	"pasapas/internal/visit"
)

var _ visit.Queue = (*DB)(nil)

// OpenHelp returns the help requests not resolved yet of visits still
// going on, oldest first. SaveVisit and CloseOpenVisits close the requests
// of a visit that ends; the condition on the visit keeps the queue right
// even if a request was left open.
func (db *DB) OpenHelp(ctx context.Context) ([]visit.Help, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT h.id, v.key, h.raised_at, COALESCE(h.guide_id, ''), h.step, h.screen,
			h.acknowledged_at, h.resolved_at, COALESCE(h.outcome, '')
		FROM help_requests h JOIN visits v ON v.id = h.visit_id
		WHERE h.resolved_at IS NULL AND v.ended_at IS NULL ORDER BY h.raised_at, h.id`)
	if err != nil {
		return nil, storageErr("list help requests", err)
	}
	defer rows.Close()
	var out []visit.Help
	for rows.Next() {
		var h visit.Help
		var raised, screen, outcome string
		var acked, resolved sql.NullString
		if err := rows.Scan(&h.ID, &h.VisitKey, &raised, &h.GuideID, &h.Step, &screen, &acked, &resolved,
			&outcome); err != nil {
			return nil, storageErr("list help requests", err)
		}
		h.Screen, h.Outcome = visit.Screen(screen), visit.HelpOutcome(outcome)
		if h.Raised, err = time.Parse(timeLayout, raised); err != nil {
			return nil, storageErr("list help requests", err)
		}
		if h.Acknowledged, err = parseTime(acked); err != nil {
			return nil, storageErr("list help requests", err)
		}
		if h.Resolved, err = parseTime(resolved); err != nil {
			return nil, storageErr("list help requests", err)
		}
		out = append(out, h)
	}
	return out, storageErr("list help requests", rows.Err())
}

// AcknowledgeHelp records that a mediator saw the request.
func (db *DB) AcknowledgeHelp(ctx context.Context, id, accountID int64, at time.Time) error {
	return db.tx(ctx, "acknowledge help request", func(tx *sql.Tx) error {
		return mustAffect(tx.ExecContext(ctx, `UPDATE help_requests SET acknowledged_at = COALESCE(acknowledged_at, ?),
			acknowledged_by = COALESCE(acknowledged_by, ?) WHERE id = ?`, formatTime(at), nullID(accountID), id))
	})
}

// ResolveHelp records that the request was dealt with (acknowledging it
// too), with the outcome visit.HelpResolved.
func (db *DB) ResolveHelp(ctx context.Context, id, accountID int64, at time.Time) error {
	return db.tx(ctx, "resolve help request", func(tx *sql.Tx) error {
		return mustAffect(tx.ExecContext(ctx, `UPDATE help_requests SET resolved_at = ?, resolved_by = ?, outcome = ?,
			acknowledged_at = COALESCE(acknowledged_at, ?), acknowledged_by = COALESCE(acknowledged_by, ?)
			WHERE id = ?`, formatTime(at), nullID(accountID), string(visit.HelpResolved), formatTime(at),
			nullID(accountID), id))
	})
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
