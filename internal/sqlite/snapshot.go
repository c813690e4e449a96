package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"math"
	"os"
	"strings"

	"pasapas/internal/failure"
)

// Consistent copies and fingerprints of a database, for backups. Both read
// through a connection of their own, opened read-only, so that neither
// blocks the writer nor waits for it: in WAL mode a reader sees one
// snapshot while commits go on.

// readOnly opens one read-only connection to the database at path, with
// deferred transactions so that a read transaction takes no write lock.
// It reads the -wal of a live or crashed database; SQLite may create an
// empty -wal and the -shm index beside the file, never changing its data.
func readOnly(path string) (*sql.DB, error) {
	return openOne("file:" + escapePath(path) + "?mode=ro&_busy_timeout=5000&_txlock=deferred")
}

// immutable opens one connection to a database file that nothing else uses
// (a backup, a file to restore): no lock, no -wal read, no file created.
func immutable(path string) (*sql.DB, error) {
	return openOne("file:" + escapePath(path) + "?mode=ro&immutable=1&_txlock=deferred")
}

// openOne opens a pool of one connection with dsn.
func openOne(dsn string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, failure.New(failure.Internal, "open database", err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// VacuumInto writes a consistent copy of the database to dest with VACUUM
// INTO: one snapshot, minimal, with no trace of deleted content (R14). dest
// must not exist or be an empty file. SQLite does not sync the copy: the
// caller syncs it before trusting it (internal/backup does).
func (db *DB) VacuumInto(ctx context.Context, dest string) error {
	return VacuumFile(ctx, db.path, dest)
}

// VacuumFile is VacuumInto for a database given by its path, open or not
// in this or another process (pasapasctl while the app runs). It reads the
// database through a read-only connection.
func VacuumFile(ctx context.Context, src, dest string) error {
	if err := mustExist(src); err != nil {
		return err
	}
	ro, err := readOnly(src)
	if err != nil {
		return err
	}
	defer ro.Close()
	if _, err := ro.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return storageErr("copy database", err)
	}
	return nil
}

// mustExist refuses a path where there is no database: opening it would
// create an empty one.
func mustExist(path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return failure.Errorf(failure.NotFound, "open database", "no database at %s", path)
	}
	if err != nil {
		return storageErr("open database", err)
	}
	if !st.Mode().IsRegular() {
		return failure.Errorf(failure.Invalid, "open database", "%s is not a file", path)
	}
	return nil
}

// Fingerprint returns a digest of the data: the schema version and every
// row of every table, compared by value (not by rowid, which VACUUM may
// renumber in a table without an INTEGER PRIMARY KEY). Two databases have
// the same fingerprint when they hold the same data; a backup has the
// fingerprint of the database at the moment it was taken. It reads one
// snapshot; its cost grows with the data (tens of milliseconds for years
// of a centre's activity).
func (db *DB) Fingerprint(ctx context.Context) (string, error) {
	ro, err := readOnly(db.path)
	if err != nil {
		return "", err
	}
	defer ro.Close()
	return fingerprint(ctx, ro)
}

// FileFingerprint is Fingerprint for a database file nothing writes to,
// such as a backup. It creates no file beside it.
func FileFingerprint(ctx context.Context, path string) (string, error) {
	if err := mustExist(path); err != nil {
		return "", err
	}
	ro, err := immutable(path)
	if err != nil {
		return "", err
	}
	defer ro.Close()
	return fingerprint(ctx, ro)
}

func fingerprint(ctx context.Context, db *sql.DB) (string, error) {
	const op = "fingerprint database"
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return "", storageErr(op, err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	h := sha256.New()
	var version int64
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return "", storageErr(op, err)
	}
	writeValue(h, version)
	tables, err := tableNames(ctx, tx)
	if err != nil {
		return "", storageErr(op, err)
	}
	for _, t := range tables {
		writeValue(h, t)
		if err := hashTable(ctx, tx, h, t); err != nil {
			return "", storageErr(op, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// tableNames returns the names of the tables of the schema, sorted, without
// SQLite's own.
func tableNames(ctx context.Context, q queryer) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// hashTable writes every row of table to h, ordered by all its columns.
func hashTable(ctx context.Context, q queryer, h hash.Hash, table string) error {
	probe, err := q.QueryContext(ctx, "SELECT * FROM "+quoteIdent(table)+" LIMIT 0")
	if err != nil {
		return err
	}
	cols, err := probe.Columns()
	probe.Close()
	if err != nil {
		return err
	}
	order := make([]string, len(cols))
	for i := range cols {
		order[i] = fmt.Sprint(i + 1)
	}
	rows, err := q.QueryContext(ctx, "SELECT * FROM "+quoteIdent(table)+" ORDER BY "+strings.Join(order, ", "))
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for _, v := range vals {
			writeValue(h, v)
		}
	}
	return rows.Err()
}

// writeValue writes a value with its type and length, so that no two
// different rows write the same bytes.
func writeValue(h hash.Hash, v any) {
	var buf [9]byte
	switch x := v.(type) {
	case nil:
		h.Write([]byte{0})
	case int64:
		buf[0] = 1
		binary.BigEndian.PutUint64(buf[1:], uint64(x))
		h.Write(buf[:])
	case float64:
		buf[0] = 2
		binary.BigEndian.PutUint64(buf[1:], math.Float64bits(x))
		h.Write(buf[:])
	case string:
		writeBytes(h, 3, []byte(x))
	case []byte:
		writeBytes(h, 4, x)
	default: // time.Time and bool, which the driver makes of some declared types
		writeBytes(h, 5, fmt.Append(nil, x))
	}
}

func writeBytes(h hash.Hash, tag byte, b []byte) {
	var buf [9]byte
	buf[0] = tag
	binary.BigEndian.PutUint64(buf[1:], uint64(len(b)))
	h.Write(buf[:])
	h.Write(b)
}

// EnsureClosed returns nil when no connection has the database at path
// open, and a failure.Conflict error when one has (the program is still
// running): a restore must never replace a file in use. It opens the
// database and closes it again; the last connection to close a WAL
// database checkpoints its log into the file and removes it, so a -wal
// still there afterwards means another connection holds the database. A
// log left by a crash is thereby written into the database, as the next
// Open would do.
func EnsureClosed(ctx context.Context, path string) error {
	const op = "check the database is closed"
	if !exists(path + "-wal") {
		return nil // a WAL database in use always has its -wal
	}
	db, err := openOne("file:" + escapePath(path) + "?_busy_timeout=1000")
	if err != nil {
		return err
	}
	var n int
	qerr := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n)
	if err := errors.Join(qerr, db.Close()); err != nil {
		return storageErr(op, err)
	}
	if exists(path + "-wal") {
		return failure.Errorf(failure.Conflict, op, "the database %s is in use: close Pas à pas first", path)
	}
	return nil
}

// CheckIntegrity runs PRAGMA integrity_check on a database file nothing
// writes to and returns nil when it says "ok", failure.Damaged when it
// does not, failure.Invalid when the file is not a SQLite database. It
// does not look at the schema (VerifyFile does).
func CheckIntegrity(ctx context.Context, path string) error {
	const op = "check database integrity"
	if err := checkFileHeader(op, path); err != nil {
		return err
	}
	db, err := immutable(path)
	if err != nil {
		return err
	}
	defer db.Close()
	lines, err := pragmaCheck(ctx, db, "integrity_check")
	if err != nil {
		return fileErr(op, err)
	}
	if len(lines) != 1 || lines[0] != "ok" {
		return failure.Errorf(failure.Damaged, op, "the database is damaged: %s", summary(lines))
	}
	return nil
}
