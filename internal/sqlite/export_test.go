package sqlite

import (
	"context"
	"database/sql"
)

// Writer returns the store's writer pool (one connection), so that tests can
// read the settings in force on it.
func Writer(db *DB) *sql.DB { return db.w }

// Readers returns the store's pool of read-only connections.
func Readers(db *DB) *sql.DB { return db.r }

// ExecTx runs one statement in a write transaction of the store, with errors
// mapped to failure kinds as every exported method maps them.
func ExecTx(ctx context.Context, db *DB, query string, args ...any) error {
	return db.tx(ctx, "test statement", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	})
}
