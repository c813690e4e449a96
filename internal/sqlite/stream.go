package sqlite

import (
	"context"
	"database/sql"

	"pasapas/internal/journal"
	"pasapas/internal/report"
)

// ReadStream reads the period q in one read snapshot, as ReportData does
// but for the kiosk visits, and calls fn with it while the snapshot
// lasts: the individual accompaniments are not read into memory but
// yielded one at a time by Stream.Accompaniments, from one statement
// (report.Stream). fn's error is returned as it is; the store's have a
// failure kind, those of Stream.Accompaniments too.
func (db *DB) ReadStream(ctx context.Context, q report.Query, fn func(report.Stream) error) error {
	const op = "read period"
	var ferr error
	err := db.readSnapshot(ctx, func(c *sql.Conn) error {
		from, to := q.From.String(), q.To.String()
		var st report.Stream
		if err := periodWorkshops(ctx, c, from, to, &st.Data); err != nil {
			return err
		}
		if err := c.QueryRowContext(ctx, `SELECT count(*), COALESCE(max(max(
				length(CAST(a.place_name AS BLOB)), length(CAST(a.place_commune AS BLOB)),
				length(CAST(a.place_postal_code AS BLOB)), length(CAST(a.procedure_name AS BLOB)),
				length(CAST(a.notes AS BLOB)), length(CAST(a.person_commune AS BLOB)),
				length(CAST(a.person_postal_code AS BLOB)),
				(SELECT COALESCE(sum(length(CAST(t.tag AS BLOB)) + 2) - 2, 0)
					FROM accompaniment_tags t WHERE t.accompaniment_id = a.id))), 0)
			FROM accompaniments a WHERE a.date >= ? AND a.date < ?`, from, to).Scan(&st.Count, &st.LongestText); err != nil {
			return err
		}
		st.Accompaniments = func(yield func(journal.Accompaniment, error) bool) {
			rows, err := c.QueryContext(ctx, "SELECT "+accompanimentColumns+
				" FROM accompaniments a WHERE a.date >= ? AND a.date < ? ORDER BY a.date, a.id", from, to)
			if err != nil {
				yield(journal.Accompaniment{}, storageErr(op, err))
				return
			}
			defer rows.Close()
			var sc accompanimentScanner
			for rows.Next() {
				a, err := sc.scan(rows)
				if err != nil {
					yield(journal.Accompaniment{}, storageErr(op, err))
					return
				}
				if !yield(a, nil) {
					return
				}
			}
			if err := rows.Err(); err != nil {
				yield(journal.Accompaniment{}, storageErr(op, err))
			}
		}
		ferr = fn(st)
		return nil
	})
	if err != nil {
		return storageErr(op, err)
	}
	return ferr
}
