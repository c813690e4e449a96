package sqlite

import (
	"context"
	"database/sql"
	"time"

	"pasapas/internal/room"
	"pasapas/internal/visit"
)

// QueuePastVisits queues in the room outbox, for the station this kiosk
// joined, up to limit of the kiosk visits it recorded itself — as a
// « poste seul », before it joined — oldest first, each with its help
// requests (room.PastEvents), and marks them queued in the same
// transaction: a visit is queued once, then delivered as every event is.
// Only ended visits go (CloseOpenVisits ends those a crash left open);
// visits that came from kiosks of a room (this PC was a station) never do;
// nothing of the journal (accompaniments, workshops, beneficiaries) does.
// It returns how many visits it queued: 0 when none is left.
func (db *DB) QueuePastVisits(ctx context.Context, limit int) (int, error) {
	var n int
	err := db.tx(ctx, "queue past visits for the station", func(tx *sql.Tx) error {
		vs, ids, err := pastVisits(ctx, tx, limit)
		if err != nil {
			return err
		}
		now := db.Now()
		for i, v := range vs {
			helps, err := visitHelps(ctx, tx, ids[i])
			if err != nil {
				return err
			}
			for _, e := range room.PastEvents(v, helps, now) {
				b, err := e.Encode()
				if err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO room_outbox(id, queued_at, data) VALUES (?, ?, ?)
					ON CONFLICT(id) DO NOTHING`, e.ID, formatTime(now), b); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE visits SET room_queued_at = ? WHERE id = ?`,
				formatTime(now), ids[i]); err != nil {
				return err
			}
		}
		n = len(vs)
		return nil
	})
	return n, err
}

// pastVisits returns up to limit ended visits of this PC not queued yet,
// with their row ids.
func pastVisits(ctx context.Context, tx *sql.Tx, limit int) ([]visit.Visit, []int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, `+visitColumns+` FROM visits
		WHERE room_queued_at IS NULL AND ended_at IS NOT NULL
		  AND NOT EXISTS (SELECT 1 FROM room_events e WHERE e.visit_key = visits.key)
		ORDER BY started_at, id LIMIT ?`, limit)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var vs []visit.Visit
	var ids []int64
	for rows.Next() {
		var id int64
		v, err := scanVisit(rows, &id)
		if err != nil {
			return nil, nil, err
		}
		vs, ids = append(vs, v), append(ids, id)
	}
	return vs, ids, rows.Err()
}

// visitHelps returns the help requests of the visit id, in the order they
// were raised.
func visitHelps(ctx context.Context, tx *sql.Tx, id int64) ([]visit.HelpRequest, error) {
	rows, err := tx.QueryContext(ctx, `SELECT raised_at, COALESCE(guide_id, ''), step, screen
		FROM help_requests WHERE visit_id = ? ORDER BY raised_at, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []visit.HelpRequest
	for rows.Next() {
		var h visit.HelpRequest
		var raised, screen string
		if err := rows.Scan(&raised, &h.GuideID, &h.Step, &screen); err != nil {
			return nil, err
		}
		if h.Raised, err = time.Parse(timeLayout, raised); err != nil {
			return nil, err
		}
		h.Screen = visit.Screen(screen)
		out = append(out, h)
	}
	return out, rows.Err()
}
