package backup

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
	"unicode"

	"pasapas/internal/audit"
	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

// Restored is what Restore did.
type Restored struct {
	// Backup is the backup now in place: its version and counts, and its
	// date when its name is a backup's.
	Backup Info
	// SafetyCopy is where the database it replaced was kept: a consistent
	// copy pasapas-YYYYMMDD-HHMMSS-before-restore.db in the backups folder
	// (listed by List, restorable, pruned past Policy.MaxAge), or, when
	// that database was damaged or unreadable, the file itself moved aside
	// as pasapas.db.damaged-YYYYMMDD-HHMMSS. Empty when there was no
	// database.
	SafetyCopy string
	// Erased is how many erasures of the ledger were applied again: the
	// people erased since the backup was taken.
	Erased int
	// LedgerSkipped counts the ledger's lines that could not be read (a
	// line cut by a crash, damage): log it.
	LedgerSkipped int
	// AuditCarried is how many audit entries of the replaced database,
	// newer than the backup's, were carried over into the restored one;
	// AuditCarryErr says why they could not be (log it; the restore went
	// on).
	AuditCarried  int
	AuditCarryErr error
}

// AuditRestore is the audit action of a restore, written in the restored
// database's trail.
const AuditRestore audit.Action = "restore"

// RestoreOptions say who restores and how to open the file.
type RestoreOptions struct {
	// Passphrase opens an encrypted backup (age, see SaveSealed); it is
	// not used for a plain one. An encrypted file without it fails with
	// ErrPassphraseNeeded, with a wrong one ErrWrongPassphrase, both
	// failure.Unauthorized, and nothing changes.
	Passphrase string
	// AccountID is the coordinator's account (0 when none is known:
	// pasapasctl). Written in the audit entry.
	AccountID int64
	// By says from where (« pasapasctl », « espace médiateur »,
	// « récupération »). Written in the audit entry.
	By string
}

// The steps of a restore, for tests that make one fail midway.
const (
	stepCopied   = "copied"   // the backup is copied (decrypted) next to the database
	stepVerified = "verified" // the copy is checked
	stepPrepared = "prepared" // erasures applied again, the restore audited, in the copy
	stepKept     = "kept"     // the current database is kept aside
	stepCleared  = "cleared"  // stale -wal, -shm and -journal are removed
	stepSwapped  = "swapped"  // the copy has replaced the database
)

// Restore is RestoreWith with no options: for a plain backup (the
// automatic ones), audited as done by nobody known.
func Restore(ctx context.Context, dataDir, file string, now time.Time) (Restored, error) {
	return RestoreWith(ctx, dataDir, file, now, RestoreOptions{})
}

// RestoreWith puts the backup file (plain, or encrypted and opened with
// opt.Passphrase) in place of the database of dataDir (dataDir/pasapas.db).
// The program must have closed its database (and stopped its Scheduler)
// before, and opens it again after with sqlite.Open; a database still
// open gives failure.Conflict and changes nothing.
//
// A file that is not a valid Pas à pas backup is refused before anything
// changes: failure.Invalid (not SQLite, not Pas à pas: wrong tables, no
// version), failure.Damaged (integrity_check fails, an encrypted file
// damaged or cut short), failure.NewerVersion, failure.Unauthorized (no
// or wrong passphrase). Otherwise:
//  1. the file is copied (decrypted) next to the database under a
//     temporary name, synced, and checked (integrity_check, schema,
//     version), so that what is checked is exactly what will be in place;
//  2. in that copy, before anything else: every erasure of the erasure
//     ledger (sqlite.ErasuresName, beside the database, outside every
//     backup) that the copy does not hold is applied again; the audit
//     entries the current database wrote since the backup are carried
//     over; the restore itself is audited (AuditRestore: the account, By,
//     which backup, how many erasures applied again); the copy is checked
//     again;
//  3. the current database is kept: a consistent copy in the backups
//     folder when it is sound, the file moved aside when it is damaged;
//  4. stale -wal, -shm and -journal files are removed (a log left beside
//     the restored file would be replayed onto it);
//  5. the copy is renamed over the database (atomic), the folder synced;
//  6. the result is checked again; if that fails, the previous database
//     is put back.
//
// At every instant (a kill -9 included) the database file is either the
// previous one or the restored one with its erasures applied, never a
// mix. A failure returns an error and leaves the previous database in
// place.
func RestoreWith(ctx context.Context, dataDir, file string, now time.Time, opt RestoreOptions) (Restored, error) {
	return restore(ctx, dataDir, file, now, opt, nil)
}

func restore(ctx context.Context, dataDir, file string, now time.Time, opt RestoreOptions, fail func(step string) error) (Restored, error) {
	const op = "restore backup"
	step := func(name string) error {
		if fail == nil {
			return nil
		}
		return fail(name)
	}
	dbPath := filepath.Join(dataDir, sqlite.FileName)
	if same(file, dbPath) {
		return Restored{}, failure.Errorf(failure.Invalid, op, "%s is the database itself, not a backup", file)
	}
	st, err := os.Stat(file)
	if err != nil {
		return Restored{}, fsErr(op, err)
	}
	if !st.Mode().IsRegular() {
		return Restored{}, failure.Errorf(failure.Invalid, op, "%s is not a file", file)
	}
	encrypted, err := IsEncrypted(file)
	if err != nil {
		return Restored{}, fsErr(op, err)
	}

	// 1. Copy (or decrypt), sync and check (after removing what an
	// interrupted restore left).
	removeStaleTemps(dataDir, restoreTemp, now)
	var tmp string
	if encrypted {
		tmp, err = decryptToTemp(file, dataDir, restoreTemp, opt.Passphrase, MaxWorkFactor)
	} else {
		tmp, err = copyToTemp(file, dataDir, restoreTemp)
	}
	if err != nil {
		return Restored{}, err
	}
	swapped := false
	defer func() {
		if !swapped {
			removeWithLogs(tmp)
		}
	}()
	if err := step(stepCopied); err != nil {
		return Restored{}, err
	}
	fi, err := sqlite.VerifyFile(ctx, tmp)
	if err != nil {
		return Restored{}, fmt.Errorf("%s: %w", filepath.Base(file), err)
	}
	if err := step(stepVerified); err != nil {
		return Restored{}, err
	}
	out := Restored{Backup: Info{Path: file, Size: st.Size(), Encrypted: encrypted,
		SchemaVersion: fi.SchemaVersion, Counts: fi.Counts}}
	out.Backup.Time, out.Backup.SafetyCopy, _, _ = parseName(filepath.Base(file))

	// 2. Erasures again, audit, in the copy: nothing reads it before.
	erasures, skipped, err := sqlite.ReadErasures(sqlite.LedgerPath(dbPath))
	if err != nil {
		return Restored{}, fmt.Errorf("read the erasure ledger: %w", err)
	}
	previous := ""
	if sqlite.CheckHealth(ctx, dbPath).State == sqlite.HealthSound {
		previous = dbPath
	}
	prep, err := sqlite.PrepareRestore(ctx, tmp, sqlite.Restoration{Erasures: erasures, Previous: previous,
		Audit: audit.Entry{At: now, AccountID: opt.AccountID, Action: AuditRestore,
			Detail: restoreDetail(out.Backup, opt.By, erasures)}})
	if err != nil {
		return Restored{}, fmt.Errorf("prepare the restored database: %w", err)
	}
	out.Erased, out.LedgerSkipped, out.AuditCarried, out.AuditCarryErr = prep.Erased, skipped, prep.Carried, prep.CarryErr
	if _, err := sqlite.VerifyFile(ctx, tmp); err != nil {
		return Restored{}, fmt.Errorf("the prepared copy failed its check: %w", err)
	}
	if err := step(stepPrepared); err != nil {
		return Restored{}, err
	}

	// 3. Keep the current database.
	safety, moved, err := keepCurrent(ctx, dbPath, Dir(dataDir), now)
	if err != nil {
		return Restored{}, err
	}
	out.SafetyCopy = safety
	// From here on, a failure puts the previous database back.
	undo := func(cause error) (Restored, error) {
		if err := putBack(dbPath, safety, moved, swapped); err != nil {
			return out, errors.Join(cause, fmt.Errorf("putting the previous database back: %w", err))
		}
		return out, cause
	}
	if err := step(stepKept); err != nil {
		return undo(err)
	}

	// 4. Remove stale side files.
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dbPath + s); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return undo(fsErr(op, err))
		}
	}
	if err := step(stepCleared); err != nil {
		return undo(err)
	}

	// 5. Swap.
	if err := os.Rename(tmp, dbPath); err != nil {
		return undo(fsErr(op, err))
	}
	swapped = true
	if err := sqlite.SyncDir(dataDir); err != nil {
		return undo(fsErr(op, err))
	}
	if err := step(stepSwapped); err != nil {
		return undo(err)
	}

	// 6. Check the result.
	if _, err := sqlite.VerifyFile(ctx, dbPath); err != nil {
		return undo(fmt.Errorf("the restored database failed its check: %w", err))
	}
	return out, nil
}

// restoreDetail is the audit detail of a restore: which backup (its file
// name and date), from where, and how many erasures the ledger holds. No
// personal data: the name is cut to 80 characters, control characters
// dropped.
func restoreDetail(b Info, by string, erasures []sqlite.Erasure) string {
	clean := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return -1
			}
			return r
		}, s)
		if r := []rune(s); len(r) > 80 {
			s = string(r[:80]) + "…"
		}
		return s
	}
	d := "backup " + clean(filepath.Base(b.Path))
	if !b.Time.IsZero() {
		d += " of " + b.Time.Format("2006-01-02 15:04")
	}
	if b.Encrypted {
		d += " (encrypted)"
	}
	if by != "" {
		d += ", by " + clean(by)
	}
	return d + fmt.Sprintf(", %d erasures in the ledger applied again where needed", len(erasures))
}

// removeWithLogs removes a temporary database and what SQLite may have
// left beside it.
func removeWithLogs(path string) {
	for _, s := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + s) //nolint:errcheck // best effort; never the database
	}
}

// keepCurrent keeps the database at dbPath before it is replaced and
// returns where: a consistent copy in backups when it is sound, the files
// moved aside (moved is true) when it is damaged or unreadable, "" when
// there is none.
func keepCurrent(ctx context.Context, dbPath, backups string, now time.Time) (path string, moved bool, err error) {
	h := sqlite.CheckHealth(ctx, dbPath)
	switch h.State {
	case sqlite.HealthNew:
		return "", false, nil
	case sqlite.HealthDamaged, sqlite.HealthUnreadable:
		path, err := sqlite.MoveAside(dbPath, now)
		return path, err == nil, err
	}
	if err := sqlite.EnsureClosed(ctx, dbPath); err != nil {
		return "", false, err
	}
	if err := os.MkdirAll(backups, 0o700); err != nil {
		return "", false, fsErr("keep a safety copy", err)
	}
	name := safetyName(now)
	for t := now; exists(filepath.Join(backups, name)); {
		t = t.Add(time.Second)
		name = safetyName(t)
	}
	info, err := write(ctx, File(dbPath), backups, name, integrityOnly)
	if failure.KindOf(err) == failure.Damaged {
		// quick_check missed it, VACUUM or integrity_check did not.
		path, err := sqlite.MoveAside(dbPath, now)
		return path, err == nil, err
	}
	if err != nil {
		return "", false, fmt.Errorf("keep a safety copy of the database: %w", err)
	}
	return info.Path, false, nil
}

// integrityOnly checks a safety copy: whatever the database held (even a
// newer version's schema) is kept, as long as it is sound.
func integrityOnly(ctx context.Context, path string) (sqlite.FileInfo, error) {
	if err := sqlite.CheckIntegrity(ctx, path); err != nil {
		return sqlite.FileInfo{}, err
	}
	fi, err := sqlite.InspectFile(ctx, path)
	if err != nil {
		return sqlite.FileInfo{}, nil // the counts are only for the list
	}
	return fi, nil
}

// putBack undoes a restore that kept the previous database as safety:
// a database moved aside is renamed back; a database kept as a consistent
// copy is still in place until the swap, and copied back after it; with
// no previous database, the restored file is removed.
func putBack(dbPath, safety string, moved, swapped bool) error {
	switch {
	case safety == "" && !swapped:
		return nil
	case safety == "":
		if err := os.Remove(dbPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return sqlite.SyncDir(filepath.Dir(dbPath))
	case moved:
		for _, s := range []string{"-wal", "-shm", "-journal"} {
			os.Remove(dbPath + s) //nolint:errcheck // the moved files come back below
		}
		for _, s := range []string{"", "-wal", "-shm", "-journal"} {
			if err := os.Rename(safety+s, dbPath+s); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		return sqlite.SyncDir(filepath.Dir(dbPath))
	case !swapped:
		return nil // the database was never touched
	}
	tmp, err := copyToTemp(safety, filepath.Dir(dbPath), restoreTemp)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		os.Remove(tmp) //nolint:errcheck // best effort
		return err
	}
	return sqlite.SyncDir(filepath.Dir(dbPath))
}

// restoreTemp names the copy of a backup on its way into place.
const restoreTemp = ".pasapas-restore-*.tmp"

// removeStaleTemps removes the files of dir named like pattern (or like
// it and a SQLite -wal, -shm or -journal) and older than staleTemp: what a
// process stopped in the middle left.
func removeStaleTemps(dir, pattern string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		for _, s := range []string{"-wal", "-shm", "-journal"} {
			name = strings.TrimSuffix(name, s)
		}
		if ok, _ := filepath.Match(pattern, name); !ok {
			continue
		}
		if st, err := e.Info(); err == nil && now.Sub(st.ModTime()) > staleTemp {
			os.Remove(filepath.Join(dir, e.Name())) //nolint:errcheck // best effort
		}
	}
}

// copyToTemp copies the file src to a new temporary file in dir and syncs
// it. It returns the temporary file's path; on error nothing is left.
func copyToTemp(src, dir, pattern string) (path string, err error) {
	const op = "copy backup"
	in, err := os.Open(src)
	if err != nil {
		return "", fsErr(op, err)
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", fsErr(op, err)
	}
	defer func() {
		if err != nil {
			out.Close()
			os.Remove(out.Name()) //nolint:errcheck // best effort
		}
	}()
	if _, err := io.Copy(out, in); err != nil {
		return "", fsErr(op, err)
	}
	if err := out.Sync(); err != nil {
		return "", fsErr(op, err)
	}
	if err := out.Close(); err != nil {
		return "", fsErr(op, err)
	}
	return out.Name(), nil
}

// same reports whether a and b name the same file.
func same(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// decryptToTemp decrypts the age file src to a new temporary file in dir
// and syncs it. It returns the temporary file's path; on error nothing is
// left.
func decryptToTemp(src, dir, pattern, passphrase string, maxWork int) (path string, err error) {
	const op = "open encrypted backup"
	if passphrase == "" { // before any file is made
		return "", failure.New(failure.Unauthorized, op, ErrPassphraseNeeded)
	}
	out, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", fsErr(op, fmt.Errorf("cannot write in folder %s: %w", dir, err))
	}
	defer func() {
		if err != nil {
			out.Close()
			os.Remove(out.Name()) //nolint:errcheck // best effort
		}
	}()
	if _, err := decrypt(out, src, passphrase, maxWork); err != nil {
		return "", err
	}
	if err := out.Sync(); err != nil {
		return "", fsErr(op, err)
	}
	if err := out.Close(); err != nil {
		return "", fsErr(op, err)
	}
	return out.Name(), nil
}
