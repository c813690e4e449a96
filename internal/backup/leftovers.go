package backup

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"pasapas/internal/leftover"
)

// What a backup or a restore stopped midway (killed, a power cut) leaves:
// a private folder of the system's temporary folder holding a plain copy
// of the database (an encrypted copy is made, opened or checked there), a
// temporary file in the backup folder, a copy of a backup on its way into
// the data folder. They are named after their process (package leftover).
const (
	privatePrefix = "pasapas-backup-" // pasapas-backup-<pid>-<random>/
	tempPrefix    = ".pasapas-"       // .pasapas-<pid>-<random>.tmp, matched by tempPattern
	tempSuffix    = ".tmp"
)

// privateDir makes a folder only this user can read in the system's
// temporary folder, named after this process.
func privateDir() (string, error) { return os.MkdirTemp("", leftover.Pattern(privatePrefix, "")) }

// tempName is the pattern of a backup's temporary file, named after this
// process.
func tempName() string { return leftover.Pattern(tempPrefix, tempSuffix) }

// sqliteFiles are the files a private folder may hold: copies of the
// database, SQLite's files beside them, a copy on its way.
var sqliteFiles = []string{"*.db", "*.db-wal", "*.db-shm", "*.db-journal", tempPattern}

// CleanLeftovers removes what backups and restores stopped midway left
// behind, and returns their paths:
//   - in tmpdir (os.TempDir() when ""), the private folders of processes
//     that no longer run, holding nothing but copies of the database;
//   - in the backup folder of dataDir, the temporary files of processes
//     that no longer run;
//   - in dataDir, every copy of a backup on its way into place
//     (.pasapas-restore-*.tmp, and SQLite's -wal, -shm, -journal): no
//     restore runs while the data folder is held, so the program calls it
//     at start, after taking its data folder (datadir.Lock).
//
// Errors are of what could not be read or removed; the rest is removed
// anyway.
func CleanLeftovers(dataDir, tmpdir string) ([]string, error) {
	if tmpdir == "" {
		tmpdir = os.TempDir()
	}
	var errs []error
	removed, err := leftover.Remove(tmpdir, privatePrefix, "", leftover.Only(sqliteFiles...))
	errs = append(errs, err)
	temps, err := leftover.Remove(Dir(dataDir), tempPrefix, tempSuffix, leftover.File)
	removed, errs = append(removed, temps...), append(errs, err)
	restores, err := removeRestoreTemps(dataDir)
	removed, errs = append(removed, restores...), append(errs, err)
	return removed, errors.Join(errs...)
}

// removeRestoreTemps removes from dataDir the files named like
// restoreTemp, or like it and a SQLite -wal, -shm or -journal, and returns
// their paths.
func removeRestoreTemps(dataDir string) ([]string, error) {
	entries, err := os.ReadDir(dataDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fsErr("clean up after a restore", err)
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		name := e.Name()
		for _, s := range []string{"-wal", "-shm", "-journal"} {
			name = strings.TrimSuffix(name, s)
		}
		if ok, _ := filepath.Match(restoreTemp, name); !ok || !e.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dataDir, e.Name())
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fsErr("clean up after a restore", err))
			continue
		}
		removed = append(removed, path)
	}
	return removed, errors.Join(errs...)
}
