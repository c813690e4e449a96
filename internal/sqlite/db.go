// Package sqlite is the one storage package of Pas à pas: it opens the
// SQLite database with the settings that make every commit durable, applies
// the embedded migrations, refuses a database written by a newer version,
// and implements the stores of the domain packages.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"pasapas/internal/failure"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// FileName is the database's name inside the data folder.
const FileName = "pasapas.db"

// pragmas are set on every connection, through the DSN. WAL + FULL makes a
// commit survive a power cut; immediate transactions and a busy timeout
// avoid "database is locked"; secure_delete overwrites deleted data.
const pragmas = "_journal_mode=WAL&_synchronous=FULL&_foreign_keys=on&_busy_timeout=5000&_txlock=immediate&_secure_delete=on"

// DB is the open database: one writer connection and a small pool of
// read-only connections.
type DB struct {
	path string
	w    *sql.DB // the one writer
	r    *sql.DB // readers
	// Now is the clock used for timestamps written by the store.
	Now func() time.Time
}

// DSN returns the data source name used for the writer connection.
func DSN(path string) string {
	return "file:" + escapePath(path) + "?" + pragmas
}

func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// Open opens (creating it if needed) the database at path and brings its
// schema up to date. A database written by a newer version of the program
// is refused with a failure.NewerVersion error and left untouched; a file
// that is not a SQLite database gives failure.Damaged.
func Open(ctx context.Context, path string) (*DB, error) {
	if err := checkVersion(ctx, path); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite3", DSN(path))
	if err != nil {
		return nil, failure.New(failure.Internal, "open database", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	db := &DB{path: path, w: w, Now: time.Now}
	if err := db.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite3", DSN(path)+"&_query_only=true")
	if err != nil {
		w.Close()
		return nil, failure.New(failure.Internal, "open database", err)
	}
	r.SetMaxOpenConns(4)
	db.r = r
	return db, nil
}

// Close closes every connection.
func (db *DB) Close() error {
	return errors.Join(db.r.Close(), db.w.Close())
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// SchemaVersion returns the number of migrations this program knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// checkVersion reads the schema version of an existing database without
// writing to it, and refuses one newer than this program.
func checkVersion(ctx context.Context, path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return storageErr("open database", err)
	}
	if st.Size() == 0 {
		return nil // a fresh empty file, as SQLite itself creates
	}
	known := SchemaVersion()
	// The header alone refuses a newer database without opening it: even a
	// read-only SQLite connection creates -wal and -shm files beside it.
	v, err := headerVersion(path)
	if err != nil {
		return storageErr("read database version", err)
	}
	if v > known {
		return newerVersion(v, known)
	}
	// The version may also sit in a -wal left by a newer program that stopped.
	ro, err := sql.Open("sqlite3", "file:"+escapePath(path)+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return failure.New(failure.Internal, "open database", err)
	}
	defer ro.Close()
	if err := ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return storageErr("read database version", err)
	}
	if v > known {
		return newerVersion(v, known)
	}
	return nil
}

func newerVersion(v, known int) error {
	return failure.Errorf(failure.NewerVersion, "open database",
		"the database has schema version %d; this program knows up to %d", v, known)
}

// headerVersion returns the user_version written in the header of the
// SQLite file at path, or 0 if the file does not start with a SQLite header
// (SQLite itself then says what is wrong with it).
func headerVersion(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return 0, nil
		}
		return 0, err
	}
	if string(h[:16]) != "SQLite format 3\x00" {
		return 0, nil
	}
	// user_version: a big-endian 32-bit signed integer at offset 60.
	return int(int32(binary.BigEndian.Uint32(h[60:64]))), nil
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		n, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(n)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and _", e.Name())
		}
		b, err := fs.ReadFile(migrationFiles, path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return ms, nil
}

// migrate applies the migrations not yet recorded, each in its own
// transaction, recording it in schema_migrations and user_version.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return failure.New(failure.Internal, "read migrations", err)
	}
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return storageErr("prepare migrations", err)
	}
	var current int
	if err := db.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return storageErr("read database version", err)
	}
	for _, m := range ms[min(current, len(ms)):] {
		err := db.tx(ctx, "migrate "+m.name, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
				m.version, m.name, formatTime(db.Now())); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// tx runs fn in one write transaction (BEGIN IMMEDIATE through the DSN).
func (db *DB) tx(ctx context.Context, op string, fn func(*sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return storageErr(op, err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit, Rollback is a no-op
	if err := fn(tx); err != nil {
		return storageErr(op, err)
	}
	if err := tx.Commit(); err != nil {
		return storageErr(op, err)
	}
	return nil
}

// storageErr maps SQLite errors to failure kinds.
func storageErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if failure.KindOf(err) != failure.Internal {
		return err // already has a kind
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull:
			return failure.New(failure.DiskFull, op, err)
		case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
			return failure.New(failure.ReadOnly, op, err)
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return failure.New(failure.Damaged, op, err)
		case sqlite3.ErrConstraint:
			return failure.New(failure.Invalid, op, err)
		}
	}
	if errors.Is(err, fs.ErrPermission) {
		return failure.New(failure.ReadOnly, op, err)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return failure.New(failure.NotFound, op, err)
	}
	return failure.New(failure.Internal, op, err)
}

const timeLayout = "2006-01-02T15:04:05.000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	return time.Parse(timeLayout, s.String)
}
