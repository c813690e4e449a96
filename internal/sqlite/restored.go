package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	"pasapas/internal/audit"
	"pasapas/internal/failure"
)

// Restoration is what is done to the copy of a backup before it takes the
// database's place (internal/backup's Restore): nothing of the backup is
// used before its erasures are applied again and the restore is written
// in its audit trail.
type Restoration struct {
	// Erasures are the erasure ledger's lines (ReadErasures): each one the
	// copy holds unerased is applied again (ApplyErasures).
	Erasures []Erasure
	// Audit is the audit entry of the restore itself. Its AccountID is
	// kept when the copy knows that account, and otherwise written as 0
	// with "account N" added to the detail (an account created after the
	// backup).
	Audit audit.Entry
	// Previous is the database being replaced, or "": its audit entries
	// newer than the copy's newest are carried over, so that a restore
	// never removes the trail of what was done since the backup.
	Previous string
}

// Restored says what PrepareRestore did.
type Restored struct {
	Erased  int // erasures applied again
	Carried int // audit entries carried over from Previous
	// CarryErr says why Previous's audit entries could not be carried
	// over (a damaged database); the restore goes on without them.
	CarryErr error
}

// PrepareRestore opens the copy of a backup at path (bringing its schema
// up to date, as Open does), applies r's erasures again, carries over the
// previous database's newer audit entries, adds the restore's own entry,
// closes it (nothing left beside it) and syncs it. An error leaves a file
// that must not be used: the caller removes it.
func PrepareRestore(ctx context.Context, path string, r Restoration) (Restored, error) {
	const op = "prepare the restored database"
	db, err := Open(ctx, path)
	if err != nil {
		return Restored{}, err
	}
	var out Restored
	err = func() error {
		if out.Erased, err = db.ApplyErasures(ctx, r.Erasures); err != nil {
			return err
		}
		if r.Previous != "" {
			out.Carried, out.CarryErr = db.carryAudit(ctx, r.Previous)
		}
		return db.tx(ctx, op, func(tx *sql.Tx) error { return addKnownAudit(ctx, tx, r.Audit) })
	}()
	if err := errors.Join(err, db.Close()); err != nil {
		return Restored{}, storageErr(op, err)
	}
	for _, s := range []string{"-wal", "-shm"} {
		if exists(path + s) {
			return Restored{}, failure.Errorf(failure.Internal, op, "%s%s left after closing", path, s)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return Restored{}, failure.FromFS(op, err)
	}
	if err := errors.Join(f.Sync(), f.Close()); err != nil {
		return Restored{}, failure.FromFS(op, err)
	}
	return out, nil
}

// addKnownAudit adds e, its account written as 0 (and named in the
// detail) when the database does not hold it.
func addKnownAudit(ctx context.Context, tx *sql.Tx, e audit.Entry) error {
	var id any
	if e.AccountID != 0 {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM accounts WHERE id = ?", e.AccountID).Scan(&n); err != nil {
			return err
		}
		if n == 1 {
			id = e.AccountID
		} else {
			e.Detail += fmt.Sprintf(", account %d", e.AccountID)
		}
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO audit(at, account_id, action, detail) VALUES (?, ?, ?, ?)",
		formatTime(e.At), id, string(e.Action), e.Detail)
	return err
}

// carryAudit copies the audit entries of the database at previous that
// are newer than db's newest, with accounts db does not hold written as
// none, and returns how many. It reads previous through a read-only
// connection.
func (db *DB) carryAudit(ctx context.Context, previous string) (int, error) {
	const op = "carry over the audit trail"
	var newest string
	if err := db.w.QueryRowContext(ctx, "SELECT coalesce(max(at), '') FROM audit").Scan(&newest); err != nil {
		return 0, storageErr(op, err)
	}
	ro, err := readOnly(previous)
	if err != nil {
		return 0, err
	}
	defer ro.Close()
	rows, err := ro.QueryContext(ctx, "SELECT at, coalesce(account_id, 0), action, detail FROM audit WHERE at > ? ORDER BY at, id", newest)
	if err != nil {
		return 0, storageErr(op, err)
	}
	var entries [][4]any
	for rows.Next() {
		var at, action, detail string
		var account int64
		if err := rows.Scan(&at, &account, &action, &detail); err != nil {
			rows.Close()
			return 0, storageErr(op, err)
		}
		entries = append(entries, [4]any{at, account, action, detail})
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, storageErr(op, err)
	}
	if len(entries) == 0 {
		return 0, nil
	}
	err = db.tx(ctx, op, func(tx *sql.Tx) error {
		for _, e := range entries {
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit(at, account_id, action, detail)
				VALUES (?, (SELECT id FROM accounts WHERE id = ?), ?, ?)`, e[0], e[1], e[2], e[3]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(entries), nil
}
