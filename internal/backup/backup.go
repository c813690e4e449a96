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
// weekly, 6 monthly, none older than Policy.MaxAge). List shows them with
// their date and record counts; SaveSealed writes one, encrypted with age
// to a passphrase, to a folder a coordinator chose (a USB stick); Restore
// (RestoreWith for an encrypted file) puts one back, keeping a safety copy
// of the database it replaces, applying again the erasures made since
// (the erasure ledger, sqlite.ErasuresName) and auditing the restore.
//
// Errors have a failure kind: DiskFull, ReadOnly, NotFound, Invalid (not a
// Pas à pas backup), Damaged, NewerVersion, Conflict (database in use),
// Unauthorized (an encrypted backup without its passphrase or with a
// wrong one: ErrPassphraseNeeded, ErrWrongPassphrase).
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
//	r, err := backup.RestoreWith(ctx, dataDir, chosen.Path, time.Now(),
//		backup.RestoreOptions{Passphrase: p, AccountID: coordinator, By: "espace médiateur"})
//	// then start again from sqlite.CheckOnStart, with the restored
//	// database or, if err != nil, the previous one (still in place).
package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
	// (pasapas-…-before-restore.db). Prune removes one only past MaxAge.
	SafetyCopy    bool
	SchemaVersion int
	Counts        sqlite.Counts
	// Encrypted marks an age file (a .db.age name): List cannot read its counts
	// (zero) without the passphrase; Restore asks for it.
	Encrypted bool
	// Err says why the file could not be read; such a backup cannot be
	// restored. Counts are then zero.
	Err error
}

// Counted reports whether Counts were read: an encrypted copy's need its
// passphrase.
func (i Info) Counted() bool { return i.Counts != (sqlite.Counts{}) }

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

// SaveTo is SaveSealed with no passphrase: it writes nothing and returns
// a failure.Unauthorized error wrapping ErrPassphraseNeeded, so that no
// plain copy leaves the PC by an old call. Use SaveSealed.
func SaveTo(ctx context.Context, src Source, folder string, now time.Time) (Info, error) {
	return SaveSealed(ctx, src, folder, now, Seal{})
}

// SaveSealed writes a backup of src to folder, which must exist (a USB
// stick a coordinator chose), named as Create names it plus
// EncryptedSuffix: pasapas-YYYYMMDD-HHMMSS.db.age, encrypted to
// seal.Passphrase (see Seal). Only seal.Plain writes a plain .db. It does
// not rotate anything there.
//
// The plain copy is made and checked in a private temporary folder of
// the PC, never on the stick; the stick receives the encrypted file under
// a temporary name, which is synced, read back and decrypted (it must
// give back exactly the checked copy) before it takes its name. A stick
// pulled out midway leaves at most a temporary .pasapas-*.tmp file,
// encrypted. Restore accepts the file with its passphrase.
func SaveSealed(ctx context.Context, src Source, folder string, now time.Time, seal Seal) (Info, error) {
	const op = "save backup"
	if err := seal.check(op); err != nil {
		return Info{}, err
	}
	st, err := os.Stat(folder)
	if err != nil {
		return Info{}, fsErr(op, fmt.Errorf("folder %s: %w", folder, err))
	}
	if !st.IsDir() {
		return Info{}, failure.Errorf(failure.Invalid, op, "%s is not a folder", folder)
	}
	name := Name(now)
	if !seal.Plain {
		name += EncryptedSuffix
	}
	return writeSealed(ctx, src, folder, name, seal)
}

// WriteFile writes a backup of src to exactly the path file, which must
// not exist yet; its folder must exist. pasapasctl backup -o uses it.
// Encrypted (see SaveSealed) unless seal.Plain; an encrypted file's name
// gets EncryptedSuffix when it lacks it (Info.Path says the name used).
func WriteFile(ctx context.Context, src Source, file string, seal Seal) (Info, error) {
	const op = "save backup"
	if err := seal.check(op); err != nil {
		return Info{}, err
	}
	if !seal.Plain && !strings.HasSuffix(file, EncryptedSuffix) {
		file += EncryptedSuffix
	}
	if _, err := os.Lstat(file); err == nil {
		return Info{}, failure.Errorf(failure.Conflict, op, "%s already exists", file)
	}
	dir := filepath.Dir(file)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return Info{}, failure.Errorf(failure.NotFound, op, "no folder %s", dir)
	}
	info, err := writeSealed(ctx, src, dir, filepath.Base(file), seal)
	if err == nil {
		info.Time, info.SafetyCopy = time.Time{}, false // a name of the caller's, not a time
		if t, safety, _, ok := parseName(filepath.Base(file)); ok {
			info.Time, info.SafetyCopy = t, safety
		}
	}
	return info, err
}

// writeSealed writes a backup of src to dir/name as seal says.
func writeSealed(ctx context.Context, src Source, dir, name string, seal Seal) (Info, error) {
	const op = "save backup"
	if seal.Plain {
		return write(ctx, src, dir, name, sqlite.VerifyFile)
	}
	private, err := privateDir()
	if err != nil {
		return Info{}, fsErr(op, err)
	}
	defer os.RemoveAll(private) //nolint:errcheck // a private temporary folder; the OS empties it too
	plain, err := write(ctx, src, private, "backup.db", sqlite.VerifyFile)
	if err != nil {
		return Info{}, err
	}
	tmp, err := os.CreateTemp(dir, tempName())
	if err != nil {
		return Info{}, fsErr(op, fmt.Errorf("cannot write in folder %s: %w", dir, err))
	}
	tmpPath := tmp.Name()
	renamed := false
	defer func() {
		if !renamed {
			os.Remove(tmpPath) //nolint:errcheck // best effort: an encrypted, temporary name
		}
	}()
	sum, err := seal.encrypt(tmp, plain.Path)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Info{}, fsErr(op, fmt.Errorf("write %s: %w", dir, err))
	}
	if err := seal.verifySealed(tmpPath, sum); err != nil {
		return Info{}, err
	}
	path := filepath.Join(dir, name)
	if err := os.Rename(tmpPath, path); err != nil {
		return Info{}, fsErr(op, err)
	}
	renamed = true
	if err := sqlite.SyncDir(dir); err != nil {
		return Info{}, fsErr(op, err)
	}
	info := Info{Path: path, SchemaVersion: plain.SchemaVersion, Counts: plain.Counts, Encrypted: true}
	info.Time, info.SafetyCopy, _, _ = parseName(name)
	if st, err := os.Stat(path); err == nil {
		info.Size = st.Size()
	}
	return info, nil
}

// write copies src to dir/name: VACUUM INTO a temporary file in dir, sync
// it, check it with verify, rename it, sync dir.
func write(ctx context.Context, src Source, dir, name string,
	verify func(context.Context, string) (sqlite.FileInfo, error)) (Info, error) {
	const op = "make backup"
	tmp, err := os.CreateTemp(dir, tempName())
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
	info.Time, info.SafetyCopy, _, _ = parseName(name)
	if st, err := os.Stat(path); err == nil {
		info.Size = st.Size()
	}
	return info, nil
}

// parseName reads the time of a backup from its file name, whether it is
// a safety copy, and whether it is encrypted (a .db.age name). ok is false for
// any other file.
func parseName(name string) (t time.Time, safety, encrypted bool, ok bool) {
	name, encrypted = strings.CutSuffix(name, EncryptedSuffix)
	stamp := ""
	switch {
	case len(name) == len(prefix)+len(timeLayout)+len(safetySuffix) &&
		name[:len(prefix)] == prefix && name[len(prefix)+len(timeLayout):] == safetySuffix:
		stamp, safety = name[len(prefix):len(prefix)+len(timeLayout)], true
	case len(name) == len(prefix)+len(timeLayout)+len(suffix) &&
		name[:len(prefix)] == prefix && name[len(prefix)+len(timeLayout):] == suffix:
		stamp = name[len(prefix) : len(prefix)+len(timeLayout)]
	default:
		return time.Time{}, false, false, false
	}
	t, err := time.ParseInLocation(timeLayout, stamp, time.Local)
	if err != nil {
		return time.Time{}, false, false, false
	}
	return t, safety, encrypted, true
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

// fsErr gives an error of the file system its failure kind (see
// failure.FromFS: disk full on Unix and Windows, read-only, not found).
func fsErr(op string, err error) error { return failure.FromFS(op, err) }
