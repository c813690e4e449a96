package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"pasapas/internal/account"
	"slices"
	"strings"

	"github.com/mattn/go-sqlite3"

	"pasapas/internal/failure"
)

// Reading database files that nothing writes to: backups, and files a
// coordinator wants to restore. They are opened immutable and read-only:
// no lock, no file created beside them, not a byte written, even when they
// come from a USB stick and are hostile.

// Counts are the records a database holds, shown beside each backup so
// that a mediator can tell a backup from before a loss from one after it.
type Counts struct {
	Visits         int // kiosk visits
	Accompaniments int
	Workshops      int
	Beneficiaries  int // named beneficiaries, erased ones included
}

// FileInfo describes a database file.
type FileInfo struct {
	SchemaVersion int
	Counts        Counts
}

// countedTables are the tables Counts counts, with where each count goes.
var countedTables = []struct {
	table string
	count func(*Counts) *int
}{
	{"visits", func(c *Counts) *int { return &c.Visits }},
	{"accompaniments", func(c *Counts) *int { return &c.Accompaniments }},
	{"workshops", func(c *Counts) *int { return &c.Workshops }},
	{"beneficiaries", func(c *Counts) *int { return &c.Beneficiaries }},
}

// InspectFile returns the schema version and record counts of a database
// file that nothing writes to, such as a backup, without checking its
// integrity (VerifyFile does). A table the file's version does not have
// counts 0. A file that is not a SQLite database gives failure.Invalid, a
// corrupt one failure.Damaged.
func InspectFile(ctx context.Context, path string) (FileInfo, error) {
	const op = "read backup"
	if err := checkFileHeader(op, path); err != nil {
		return FileInfo{}, err
	}
	db, err := immutable(path)
	if err != nil {
		return FileInfo{}, err
	}
	defer db.Close()
	info, err := readInfo(ctx, db)
	return info, fileErr(op, err)
}

func readInfo(ctx context.Context, db *sql.DB) (FileInfo, error) {
	var info FileInfo
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&info.SchemaVersion); err != nil {
		return info, err
	}
	tables, err := tableNames(ctx, db)
	if err != nil {
		return info, err
	}
	for _, c := range countedTables {
		if !slices.Contains(tables, c.table) {
			continue
		}
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(c.table)).Scan(c.count(&info.Counts)); err != nil {
			return info, err
		}
	}
	return info, nil
}

// VerifyFile checks that the file at path is a sound Pas à pas database
// this program can open, and returns its version and counts. Errors:
//   - failure.Invalid: not a SQLite database, or not a Pas à pas one (no
//     schema version, a table, index, view or trigger that the migrations
//     of its version do not make, or one they make missing);
//   - failure.Damaged: PRAGMA integrity_check is not "ok";
//   - failure.NewerVersion: written by a newer version of the program.
//
// It writes nothing, and creates nothing beside the file.
func VerifyFile(ctx context.Context, path string) (FileInfo, error) {
	const op = "check backup"
	if err := checkFileHeader(op, path); err != nil {
		return FileInfo{}, err
	}
	db, err := immutable(path)
	if err != nil {
		return FileInfo{}, err
	}
	defer db.Close()
	lines, err := pragmaCheck(ctx, db, "integrity_check")
	if err != nil {
		return FileInfo{}, fileErr(op, err)
	}
	if len(lines) != 1 || lines[0] != "ok" {
		return FileInfo{}, failure.Errorf(failure.Damaged, op, "the database is damaged: %s", summary(lines))
	}
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return FileInfo{}, fileErr(op, err)
	}
	if known := SchemaVersion(); version > known {
		return FileInfo{}, failure.Errorf(failure.NewerVersion, op,
			"the database has schema version %d; this program knows up to %d", version, known)
	}
	if version < 1 {
		return FileInfo{}, notPasapas(op, "it has no schema version")
	}
	if err := checkSchema(ctx, op, db, version); err != nil {
		return FileInfo{}, err
	}
	info, err := readInfo(ctx, db)
	return info, fileErr(op, err)
}

func notPasapas(op, why string) error {
	return failure.Errorf(failure.Invalid, op, "not a Pas à pas database: %s", why)
}

// checkFileHeader refuses a path that is not a file, or a file that does
// not start with the SQLite header, before SQLite reads it.
func checkFileHeader(op, path string) error {
	if err := mustExist(path); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return storageErr(op, err)
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return failure.Errorf(failure.Invalid, op, "not a SQLite database: the file is too short")
		}
		return storageErr(op, err)
	}
	if string(h[:16]) != sqliteMagic {
		return failure.Errorf(failure.Invalid, op, "not a SQLite database")
	}
	return nil
}

// fileErr maps an error reading a file that may be hostile: "not a
// database" and what SQLite cannot read ("unsupported file format", a
// schema it cannot parse) are Invalid, corruption is Damaged; errors of
// the system (I/O, permissions, memory) keep their storage kind.
func fileErr(op string, err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return storageErr(op, err)
	}
	switch se.Code {
	case sqlite3.ErrNotADB:
		return failure.Errorf(failure.Invalid, op, "not a SQLite database: %v", err)
	case sqlite3.ErrCorrupt:
		return failure.Errorf(failure.Damaged, op, "the database is damaged: %v", err)
	case sqlite3.ErrIoErr, sqlite3.ErrCantOpen, sqlite3.ErrPerm, sqlite3.ErrReadonly, sqlite3.ErrFull,
		sqlite3.ErrNomem, sqlite3.ErrBusy, sqlite3.ErrLocked, sqlite3.ErrInterrupt:
		return storageErr(op, err)
	}
	return failure.Errorf(failure.Invalid, op, "not a database this program can read: %v", err)
}

// checkSchema compares the schema of db with the one the migrations up to
// version make: the same tables with the same columns, the same indexes,
// no view or trigger of its own, and schema_migrations recording versions
// 1 to version.
func checkSchema(ctx context.Context, op string, db *sql.DB, version int) error {
	want, err := expectedSchema(ctx, version)
	if err != nil {
		return failure.New(failure.Internal, op, err)
	}
	got, err := schemaOf(ctx, db)
	if err != nil {
		return fileErr(op, err)
	}
	tables, err := tableNames(ctx, db)
	if err != nil {
		return fileErr(op, err)
	}
	for _, t := range []string{"schema_migrations", "visits"} {
		if !slices.Contains(tables, t) {
			return notPasapas(op, "it has no "+t+" table")
		}
	}
	// Tables first: a missing table says more than its missing index.
	slices.SortStableFunc(want, func(a, b string) int {
		return boolInt(!strings.HasPrefix(a, "table ")) - boolInt(!strings.HasPrefix(b, "table "))
	})
	for _, w := range want {
		if !slices.Contains(got, w) {
			return notPasapas(op, fmt.Sprintf("missing or different %s", w))
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			return notPasapas(op, fmt.Sprintf("unexpected %s", g))
		}
	}
	var n, maxVersion int
	if err := db.QueryRowContext(ctx, "SELECT count(*), COALESCE(max(version), 0) FROM schema_migrations").
		Scan(&n, &maxVersion); err != nil {
		return fileErr(op, err)
	}
	if n != version || maxVersion != version {
		return notPasapas(op, fmt.Sprintf("schema_migrations records %d migrations up to %d, not %d", n, maxVersion, version))
	}
	return nil
}

// expectedSchema applies the migrations up to version to an empty
// database in memory and returns its schema.
func expectedSchema(ctx context.Context, version int) ([]string, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	if version > len(ms) {
		return nil, fmt.Errorf("no migration %d", version)
	}
	mem, err := openOne("file::memory:?_foreign_keys=on")
	if err != nil {
		return nil, err
	}
	defer mem.Close()
	if _, err := mem.ExecContext(ctx, schemaMigrationsTable); err != nil {
		return nil, err
	}
	for _, m := range ms[:version] {
		if _, err := mem.ExecContext(ctx, m.sql); err != nil {
			return nil, fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return schemaOf(ctx, mem)
}

// schemaOf describes every table (with its columns), index, view and
// trigger of db, one line each, sorted.
func schemaOf(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT type, name, tbl_name FROM sqlite_master
		WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY type, name`)
	if err != nil {
		return nil, err
	}
	type object struct{ kind, name, table string }
	var objects []object
	for rows.Next() {
		var o object
		if err := rows.Scan(&o.kind, &o.name, &o.table); err != nil {
			rows.Close()
			return nil, err
		}
		objects = append(objects, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	for _, o := range objects {
		switch o.kind {
		case "table":
			cols, err := columnsOf(ctx, db, o.name)
			if err != nil {
				return nil, err
			}
			out = append(out, fmt.Sprintf("table %s(%s)", o.name, strings.Join(cols, ", ")))
		default:
			out = append(out, fmt.Sprintf("%s %s on %s", o.kind, o.name, o.table))
		}
	}
	return out, nil
}

func columnsOf(ctx context.Context, db *sql.DB, table string) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name, type FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, err
		}
		cols = append(cols, strings.TrimSpace(name+" "+typ))
	}
	return cols, rows.Err()
}

// schemaMigrationsTable is the table migrate creates before the
// migrations, as it creates it (a test compares a real database with it).
const schemaMigrationsTable = `CREATE TABLE schema_migrations (
	version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`

// AccountsInFile returns the staff accounts stored in a backup file, read
// immutable: when the database itself is lost, a coordinator proves who
// they are against the backup they want to restore.
func AccountsInFile(ctx context.Context, path string) ([]account.Account, error) {
	if err := checkFileHeader("read backup accounts", path); err != nil {
		return nil, err
	}
	db, err := immutable(path)
	if err != nil {
		return nil, fileErr("read backup accounts", err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "SELECT "+accountColumns+" FROM accounts ORDER BY name")
	if err != nil {
		return nil, fileErr("read backup accounts", err)
	}
	defer rows.Close()
	var out []account.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, fileErr("read backup accounts", err)
		}
		out = append(out, a)
	}
	return out, fileErr("read backup accounts", rows.Err())
}
