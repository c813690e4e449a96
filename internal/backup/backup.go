// Package backup keeps copies of the Pas à pas database and puts one back.
//
// A backup is a consistent copy made by SQLite's VACUUM INTO (never a copy
// of the file, which could catch a transaction half written), under a
// temporary name, flushed to the disk (file and folder), checked with
// PRAGMA integrity_check and against the schema of its version, and only
// then renamed to pasapas-YYYYMMDD-HHMMSS.db (local time). VACUUM INTO
// leaves no trace of deleted content in the copy (R14).
//
// Automatic backups live in the data folder's "backups" folder (Dir). The
// Scheduler takes one at start when the data changed since the newest
// (Due) and then every few hours, and thins them out (Prune: 7 daily, 4
// weekly, 6 monthly). List shows them with their date and record counts;
// SaveTo writes one to a folder a coordinator chose (a USB stick); Restore
// puts one back, keeping a safety copy of the database it replaces.
//
// Errors have a failure kind: DiskFull, ReadOnly, NotFound, Invalid (not a
// Pas à pas backup), Damaged, NewerVersion, Conflict (database in use).
//
// How the program uses it, around its database:
//
//	h, err := sqlite.CheckOnStart(ctx, dbPath, time.Now()) // before Open
//	if err != nil || !h.Usable() {
//		// kiosk: out of service; mediator space: backup.List(backup.Dir(dataDir)), then Restore
//	}
//	db, err := sqlite.Open(ctx, dbPath)
//	sch := &backup.Scheduler{Source: db, Dir: backup.Dir(dataDir), OnError: show}
//	sch.Start()
//	defer sch.Stop() // before db.Close
//
//	// Restore (coordinators): stop everything that writes, then
//	sch.Stop(); recorder.Close(); db.Close()
//	r, err := backup.Restore(ctx, dataDir, chosen.Path, time.Now())
//	// then start again from sqlite.CheckOnStart, with the restored
//	// database or, if err != nil, the previous one (still in place).
package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

// DirName is the folder of automatic backups inside the data folder.
const DirName = "backups"

// Dir returns the folder of automatic backups of a data folder.
func Dir(dataDir string) string { return filepath.Join(dataDir, DirName) }

// Source is a database to copy: the program's open *sqlite.DB, or a File.
type Source interface {
	// VacuumInto writes a consistent copy of the database to dest, which
	// must not exist or be empty.
	VacuumInto(ctx context.Context, dest string) error
	// Fingerprint returns a digest of the data (see Due).
	Fingerprint(ctx context.Context) (string, error)
}

var _ Source = (*sqlite.DB)(nil)

// File is a database file given by its path, read through a read-only
// connection of its own: pasapasctl copies the database that way, even
// while the program runs.
type File string

// VacuumInto writes a consistent copy of the file's database to dest.
func (f File) VacuumInto(ctx context.Context, dest string) error {
	return sqlite.VacuumFile(ctx, string(f), dest)
}

// Fingerprint returns a digest of the file's data.
func (f File) Fingerprint(ctx context.Context) (string, error) {
	return sqlite.FileFingerprint(ctx, string(f))
}

// Info describes one backup file.
type Info struct {
	Path string
	// Time is when the backup was taken, read from its name (local time).
	Time time.Time
	Size int64
	// SafetyCopy marks the copy Restore kept of the database it replaced
	// (pasapas-…-before-restore.db). Prune never removes one.
	SafetyCopy    bool
	SchemaVersion int
	Counts        sqlite.Counts
	// Err says why the file could not be read; such a backup cannot be
	// restored. Counts are then zero.
	Err error
}

const (
	timeLayout   = "20060102-150405"
	prefix       = "pasapas-"
	suffix       = ".db"
	safetySuffix = "-before-restore.db"
	tempPattern  = ".pasapas-*.tmp"
)

// Name returns the file name of a backup taken at t, in local time.
func Name(t time.Time) string { return prefix + t.Local().Format(timeLayout) + suffix }

// safetyName returns the file name of the safety copy Restore keeps at t.
func safetyName(t time.Time) string { return prefix + t.Local().Format(timeLayout) + safetySuffix }

// Create makes a backup of src in dir (created if needed), named after
// now, and returns it. When the name is taken (two backups in the same
// second) the newer copy replaces the older. On error no file is left
// behind but the backups already there.
func Create(ctx context.Context, src Source, dir string, now time.Time) (Info, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Info{}, fsErr("create backup folder", err)
	}
	return write(ctx, src, dir, Name(now), sqlite.VerifyFile)
}

// SaveTo writes a backup of src to folder, which must exist (a USB stick a
// coordinator chose), named as Create names it. It does not rotate
// anything there. The copy is checked like every backup; Restore accepts
// it.
func SaveTo(ctx context.Context, src Source, folder string, now time.Time) (Info, error) {
	st, err := os.Stat(folder)
	if err != nil {
		return Info{}, fsErr("save backup", err)
	}
	if !st.IsDir() {
		return Info{}, failure.Errorf(failure.Invalid, "save backup", "%s is not a folder", folder)
	}
	return write(ctx, src, folder, Name(now), sqlite.VerifyFile)
}

// WriteFile writes a backup of src to exactly the path file, which must
// not exist yet; its folder must exist. pasapasctl backup -o uses it.
func WriteFile(ctx context.Context, src Source, file string) (Info, error) {
	if _, err := os.Lstat(file); err == nil {
		return Info{}, failure.Errorf(failure.Conflict, "save backup", "%s already exists", file)
	}
	dir := filepath.Dir(file)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return Info{}, failure.Errorf(failure.NotFound, "save backup", "no folder %s", dir)
	}
	info, err := write(ctx, src, dir, filepath.Base(file), sqlite.VerifyFile)
	if err == nil {
		info.Time = time.Time{} // a name of the caller's, not a time
		if t, safety, ok := parseName(filepath.Base(file)); ok {
			info.Time, info.SafetyCopy = t, safety
		}
	}
	return info, err
}

// write copies src to dir/name: VACUUM INTO a temporary file in dir, sync
// it, check it with verify, rename it, sync dir.
func write(ctx context.Context, src Source, dir, name string,
	verify func(context.Context, string) (sqlite.FileInfo, error)) (Info, error) {
	const op = "make backup"
	tmp, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return Info{}, fsErr(op, err)
	}
	tmpPath := tmp.Name()
	renamed := false
	defer func() {
		if !renamed {
			os.Remove(tmpPath) //nolint:errcheck // best effort: Prune removes leftovers
		}
	}()
	if err := tmp.Close(); err != nil {
		return Info{}, fsErr(op, err)
	}
	if err := src.VacuumInto(ctx, tmpPath); err != nil {
		return Info{}, err
	}
	if err := syncFile(tmpPath); err != nil {
		return Info{}, fsErr(op, err)
	}
	fi, err := verify(ctx, tmpPath)
	if err != nil {
		return Info{}, fmt.Errorf("the copy failed its check: %w", err)
	}
	path := filepath.Join(dir, name)
	if err := os.Rename(tmpPath, path); err != nil {
		return Info{}, fsErr(op, err)
	}
	renamed = true
	if err := sqlite.SyncDir(dir); err != nil {
		return Info{}, fsErr(op, err)
	}
	info := Info{Path: path, SchemaVersion: fi.SchemaVersion, Counts: fi.Counts}
	info.Time, info.SafetyCopy, _ = parseName(name)
	if st, err := os.Stat(path); err == nil {
		info.Size = st.Size()
	}
	return info, nil
}

// parseName reads the time of a backup from its file name, and whether it
// is a safety copy. ok is false for any other file.
func parseName(name string) (t time.Time, safety bool, ok bool) {
	stamp := ""
	switch {
	case len(name) == len(prefix)+len(timeLayout)+len(safetySuffix) &&
		name[:len(prefix)] == prefix && name[len(prefix)+len(timeLayout):] == safetySuffix:
		stamp, safety = name[len(prefix):len(prefix)+len(timeLayout)], true
	case len(name) == len(prefix)+len(timeLayout)+len(suffix) &&
		name[:len(prefix)] == prefix && name[len(prefix)+len(timeLayout):] == suffix:
		stamp = name[len(prefix) : len(prefix)+len(timeLayout)]
	default:
		return time.Time{}, false, false
	}
	t, err := time.ParseInLocation(timeLayout, stamp, time.Local)
	if err != nil {
		return time.Time{}, false, false
	}
	return t, safety, true
}

// syncFile flushes a file's content to the disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// fsErr gives an error of the file system its failure kind.
func fsErr(op string, err error) error {
	switch {
	case failure.KindOf(err) != failure.Internal:
		return err
	case errors.Is(err, syscall.ENOSPC):
		return failure.New(failure.DiskFull, op, err)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return failure.New(failure.ReadOnly, op, err)
	case errors.Is(err, fs.ErrNotExist):
		return failure.New(failure.NotFound, op, err)
	}
	return failure.New(failure.Internal, op, err)
}
