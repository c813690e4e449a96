package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// The health check at start (R4): before the program opens its database,
// PRAGMA quick_check runs on a read-only connection. A damaged or
// unreadable database is moved aside, with its -wal and -shm, so that
// nothing ever writes to it and a technician can still look at it; the
// program then shows its "out of service" screen and offers a restore.

// HealthState is what the start-up check found.
type HealthState string

// States of the database file at start.
const (
	// HealthNew: there is no database yet, or only the empty (0-byte)
	// file that SQLite itself creates before writing the first page, as
	// after a stop during the very first start. Open creates the schema.
	HealthNew HealthState = "new"
	// HealthSound: quick_check says "ok".
	HealthSound HealthState = "sound"
	// HealthDamaged: corrupt, not a SQLite database at all (text,
	// garbage, zeros), too short, or emptied while its write-ahead log
	// still holds data (an empty file beside a non-empty -wal, or a -wal
	// without its file): not a new database but a lost one.
	HealthDamaged HealthState = "damaged"
	// HealthUnreadable: the file cannot be read (no permission, an I/O
	// error of the disk).
	HealthUnreadable HealthState = "unreadable"
	// HealthUnchecked: the check could not run without writing, so it
	// did not: the database is in use by another program (locked), or
	// SQLite could not open its side files. The file is left in place
	// and Open says what is wrong, if anything.
	HealthUnchecked HealthState = "unchecked"
)

// Health is the result of the start-up check.
type Health struct {
	State HealthState
	// Check is the PRAGMA that ran: "quick_check", or "integrity_check"
	// after an unclean stop (a -wal with data left behind); "" when none
	// could run.
	Check string
	// Problem is what quick_check or the system said, for the log; it is
	// empty when the state is new or sound.
	Problem string
	// MovedTo is the new path of a damaged or unreadable database moved
	// aside by CheckOnStart, or "" when nothing was moved.
	MovedTo string
}

// Usable reports whether the program may go on and Open the database:
// the file is sound, new, or could not be checked (Open then decides).
// When it is not, the kiosk shows "out of service, please call a
// mediator" and the mediator space offers to restore a backup.
func (h Health) Usable() bool {
	return h.State == HealthNew || h.State == HealthSound || h.State == HealthUnchecked
}

func (h Health) String() string {
	s := string(h.State)
	if h.Check != "" {
		s += " (" + h.Check + ")"
	}
	if h.Problem != "" {
		s += ": " + h.Problem
	}
	if h.MovedTo != "" {
		s += " (moved to " + h.MovedTo + ")"
	}
	return s
}

// sideFiles are the files SQLite keeps beside a database: they belong to
// it and move with it.
var sideFiles = []string{"-wal", "-shm", "-journal"}

// CheckHealth checks the database file at path without writing to it: the
// file and its -wal keep their bytes. It runs PRAGMA quick_check, or the
// full integrity_check (indexes against their tables too) when the last
// stop was unclean: a -wal holding data is what a crash or a power cut
// leaves (a clean close removes it). A database closed cleanly (no -wal)
// is read as an immutable file, which creates nothing beside it; one with a
// -wal (a crash, or a program still running) is read through a read-only
// connection, which reads the log and may create the -shm index, the
// shared memory that readers of a WAL database need.
func CheckHealth(ctx context.Context, path string) Health {
	st, err := os.Stat(path)
	walSize, walErr := fileSize(path + "-wal")
	if walErr != nil {
		return Health{State: HealthUnchecked, Problem: walErr.Error()}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist) && walSize > 0:
		return Health{State: HealthDamaged, Problem: "the database file is missing but its write-ahead log holds data"}
	case errors.Is(err, fs.ErrNotExist):
		return Health{State: HealthNew}
	case err != nil:
		return Health{State: HealthUnreadable, Problem: err.Error()}
	case !st.Mode().IsRegular():
		return Health{State: HealthDamaged, Problem: "the database is not a file"}
	case st.Size() == 0 && walSize > 0:
		return Health{State: HealthDamaged, Problem: "the database file is empty but its write-ahead log holds data"}
	case st.Size() == 0:
		return Health{State: HealthNew}
	}
	if h, ok := checkHeader(path); !ok {
		return h
	}

	open := immutable
	if exists(path+"-wal") || exists(path+"-journal") {
		open = readOnly
	}
	db, err := open(path)
	if err != nil {
		return Health{State: HealthUnchecked, Problem: err.Error()}
	}
	defer db.Close()
	check := "quick_check"
	if walSize > 0 {
		check = "integrity_check"
	}
	lines, err := pragmaCheck(ctx, db, check)
	if err != nil {
		h := healthOfError(err)
		h.Check = check
		return h
	}
	if len(lines) != 1 || lines[0] != "ok" {
		return Health{State: HealthDamaged, Check: check, Problem: summary(lines)}
	}
	return Health{State: HealthSound, Check: check}
}

// checkHeader reads the 100-byte header: a file that cannot be read is
// unreadable, one that is too short or does not start like a SQLite
// database is damaged.
func checkHeader(path string) (Health, bool) {
	f, err := os.Open(path)
	if err != nil {
		return Health{State: HealthUnreadable, Problem: err.Error()}, false
	}
	defer f.Close()
	var h [100]byte
	switch _, err := io.ReadFull(f, h[:]); {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Health{State: HealthDamaged, Problem: "the file is too short to be a database"}, false
	case err != nil:
		return Health{State: HealthUnreadable, Problem: err.Error()}, false
	case string(h[:16]) != sqliteMagic:
		return Health{State: HealthDamaged, Problem: "the file is not a SQLite database"}, false
	}
	return Health{}, true
}

const sqliteMagic = "SQLite format 3\x00"

// healthOfError classifies an error of the check.
func healthOfError(err error) Health {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch {
		case se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB:
			return Health{State: HealthDamaged, Problem: err.Error()}
		case se.Code == sqlite3.ErrIoErr && isReadError(se.ExtendedCode):
			return Health{State: HealthUnreadable, Problem: err.Error()}
		}
	}
	return Health{State: HealthUnchecked, Problem: err.Error()}
}

// isReadError reports whether an I/O error is about reading the file's
// bytes, rather than about locks or the -shm index (which leave the data
// unharmed).
func isReadError(code sqlite3.ErrNoExtended) bool {
	switch code {
	case sqlite3.ErrNoExtended(sqlite3.ErrIoErr), sqlite3.ErrIoErrRead, sqlite3.ErrIoErrShortRead,
		sqlite3.ErrIoErrFstat, sqlite3.ErrIoErrAccess:
		return true
	}
	return false
}

// pragmaCheck runs PRAGMA quick_check or integrity_check and returns its
// lines ("ok" alone when the database is sound).
func pragmaCheck(ctx context.Context, db queryer, pragma string) ([]string, error) {
	rows, err := db.QueryContext(ctx, "PRAGMA "+pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		lines = append(lines, s)
	}
	return lines, rows.Err()
}

// summary keeps the first lines of a check's report.
func summary(lines []string) string {
	if len(lines) == 0 {
		return "the check returned nothing"
	}
	if len(lines) > 5 {
		lines = append(lines[:5:5], fmt.Sprintf("… %d more", len(lines)-5))
	}
	return strings.Join(lines, "; ")
}

// CheckOnStart runs CheckHealth and, when the database is damaged or
// unreadable, moves it aside with MoveAside. The returned Health says what
// was found and where the file went. The error is not nil only when the
// file could not be moved (a read-only folder): the program must then not
// open the database either.
//
// The program calls it before Open:
//
//	h, err := sqlite.CheckOnStart(ctx, path, time.Now())
//	if err != nil || !h.Usable() { /* out of service; offer a restore */ }
//	db, err := sqlite.Open(ctx, path)
func CheckOnStart(ctx context.Context, path string, now time.Time) (Health, error) {
	h := CheckHealth(ctx, path)
	if h.State != HealthDamaged && h.State != HealthUnreadable {
		return h, nil
	}
	moved, err := MoveAside(path, now)
	if err != nil {
		return h, err
	}
	h.MovedTo = moved
	return h, nil
}

// MoveAside renames the database at path, with its -wal, -shm and
// -journal, to path + ".damaged-YYYYMMDD-HHMMSS" (+ "-2", "-3"… when that
// name is taken), in now's time zone, and returns the new path of the
// database. The side files keep their suffix, so that SQLite opens the moved
// file with its log. Nothing is copied or deleted.
func MoveAside(path string, now time.Time) (string, error) {
	base := path + ".damaged-" + now.Format("20060102-150405")
	dest := base
	for n := 2; anyExists(dest); n++ {
		dest = fmt.Sprintf("%s-%d", base, n)
	}
	for _, suffix := range append([]string{""}, sideFiles...) {
		err := os.Rename(path+suffix, dest+suffix)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", storageErr("move damaged database aside", err)
		}
	}
	if err := SyncDir(filepath.Dir(path)); err != nil {
		return "", storageErr("move damaged database aside", err)
	}
	return dest, nil
}

func anyExists(path string) bool {
	for _, suffix := range append([]string{""}, sideFiles...) {
		if exists(path + suffix) {
			return true
		}
	}
	return false
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// fileSize returns the size of the file at path, 0 when there is none.
func fileSize(path string) (int64, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}
