package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"pasapas/internal/room"
	"pasapas/internal/visit"
)

// The two ends of the room network's delivery (issue 14): a kiosk's
// outbox, and the station's record of the kiosk events it applied. They
// share a file because together they make « once »: the outbox keeps an
// event until the station has it, the station's record ignores it if it
// comes again.

// AddOutbox queues a kiosk event until the station acknowledges it.
// Adding an id already queued does nothing.
func (db *DB) AddOutbox(ctx context.Context, o room.Outgoing) error {
	return db.tx(ctx, "queue room event", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO room_outbox(id, queued_at, data) VALUES (?, ?, ?)
			ON CONFLICT(id) DO NOTHING`, o.ID, formatTime(o.Queued), o.Data)
		return err
	})
}

// PendingOutbox returns up to limit queued events, oldest first.
func (db *DB) PendingOutbox(ctx context.Context, limit int) ([]room.Outgoing, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, queued_at, data FROM room_outbox ORDER BY seq LIMIT ?`, limit)
	if err != nil {
		return nil, storageErr("read outbox", err)
	}
	defer rows.Close()
	var out []room.Outgoing
	for rows.Next() {
		var o room.Outgoing
		var queued string
		if err := rows.Scan(&o.ID, &queued, &o.Data); err != nil {
			return nil, storageErr("read outbox", err)
		}
		if o.Queued, err = time.Parse(timeLayout, queued); err != nil {
			return nil, storageErr("read outbox", err)
		}
		out = append(out, o)
	}
	return out, storageErr("read outbox", rows.Err())
}

// RemoveOutbox forgets a delivered event; an id not queued is no error.
func (db *DB) RemoveOutbox(ctx context.Context, id string) error {
	return db.tx(ctx, "remove room event", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM room_outbox WHERE id = ?`, id)
		return err
	})
}

// ApplyRoomEvent records a kiosk's event on the station, once: an event id
// already applied is ignored (nil). A visit event saves the visit, unless
// the station already holds a later state of it (events of a visit may
// arrive out of order after a retry); a help event saves its visit the
// same way and records the help request, as RaiseHelp does, closed at
// once if its visit has ended. All in one transaction with the event's id.
func (db *DB) ApplyRoomEvent(ctx context.Context, kioskID string, e room.Event) error {
	return db.tx(ctx, "apply room event", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO room_events(id, kiosk_id, visit_key, kind, received_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
			e.ID, kioskID, e.Visit.Key, string(e.Kind), formatTime(db.Now()))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // applied before
		}
		v := e.VisitRecord()
		id, err := saveVisitIfNewer(ctx, tx, v)
		if err != nil {
			return err
		}
		switch e.Kind {
		case room.VisitSaved:
			if v.Ended.IsZero() {
				return nil
			}
			return closeHelp(ctx, tx, "visit_id = ?", id)
		case room.HelpRaised:
			h, _ := e.HelpRecord()
			if _, err = tx.ExecContext(ctx, `INSERT INTO help_requests(visit_id, raised_at, guide_id, step, screen)
				VALUES (?, ?, NULLIF(?, ''), ?, ?)`, id, formatTime(h.Raised), h.GuideID, h.Step, string(h.Screen)); err != nil {
				return err
			}
			// A request that arrives once its visit has ended on the
			// station (a past visit's, or one delayed by retries) closes
			// with it, as SaveVisit closes them.
			return closeHelp(ctx, tx, "visit_id = ?", id)
		}
		return fmt.Errorf("room event of kind %q", e.Kind)
	})
}

// saveVisitIfNewer saves v unless the row of its key was updated later,
// and returns the row's id.
func saveVisitIfNewer(ctx context.Context, tx *sql.Tx, v visit.Visit) (int64, error) {
	var id int64
	var updated string
	err := tx.QueryRowContext(ctx, `SELECT id, updated_at FROM visits WHERE key = ?`, v.Key).Scan(&id, &updated)
	if err == nil && updated > formatTime(v.Updated) {
		return id, nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	return saveVisit(ctx, tx, v)
}

// RoomVisitKiosk returns the kiosk a visit came from ("" for a visit of
// this PC), for the station to send « j'arrive » to the right kiosk.
func (db *DB) RoomVisitKiosk(ctx context.Context, visitKey string) (string, error) {
	var kiosk string
	err := db.r.QueryRowContext(ctx, `SELECT kiosk_id FROM room_events WHERE visit_key = ? LIMIT 1`, visitKey).Scan(&kiosk)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return kiosk, storageErr("find the kiosk of a visit", err)
}

// NameRoomKiosk records the name of kiosk id, or its new name, for the
// centre's statistics (the station calls it for each paired kiosk). The
// name stays when the kiosk is removed: its visits keep being counted
// under it.
func (db *DB) NameRoomKiosk(ctx context.Context, id, name string) error {
	return db.tx(ctx, "name a kiosk of the room", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO room_kiosks(id, name, updated_at) VALUES (?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
			WHERE name <> excluded.name`, id, name, formatTime(db.Now()))
		return err
	})
}

// RoomEventCount returns how many kiosk events the station applied (for
// tests and the room's health).
func (db *DB) RoomEventCount(ctx context.Context) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM room_events`).Scan(&n)
	return n, storageErr("count room events", err)
}
