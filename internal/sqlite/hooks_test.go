package sqlite

import (
	"context"
	"fmt"
)

// LimitPages caps the database at its current size plus extra pages, on
// the writer connection (the DSN cannot set max_page_count, and the one
// writer connection stays open, so the limit holds for every write), and
// returns the limit in force. A write that needs more pages fails as on a
// full disk, with SQLITE_FULL.
func LimitPages(ctx context.Context, db *DB, extra int) (int, error) {
	var pages int
	if err := db.w.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		return 0, err
	}
	var limit int
	if err := db.w.QueryRowContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages+extra)).Scan(&limit); err != nil {
		return 0, err
	}
	return limit, nil
}
