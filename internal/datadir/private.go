package datadir

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
)

// Private makes the data folder its owner's only: on Linux and the BSDs
// the folder and every folder under it 0700, every file 0600 (the
// database with its -wal and -shm, backups, the visit's browser folders),
// whatever a wider folder that existed before allowed. What it changed is
// logged; a file it cannot change is an error, the others are still done.
// On Windows the folder gets an access list of its own, not inherited from
// its parent (a folder outside the profile, e.g. C:\PasAPas, lets every
// local user read by default): full control for the user running the
// program, nobody else; its files and folders inherit it.
func Private(dir string, log *slog.Logger) error {
	if runtime.GOOS == "windows" {
		return ownerOnlyACL(dir, log)
	}
	var errs []error
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return nil // a centre's guides folder may link elsewhere: not ours to change
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		info, err := d.Info()
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		if info.Mode().Perm()&^want == 0 {
			return nil
		}
		if err := os.Chmod(path, want); err != nil {
			errs = append(errs, fmt.Errorf("make %s private: %w", path, err))
			return nil
		}
		if log != nil {
			log.Warn("data readable by others: now the owner's only", "path", path, "was", info.Mode().Perm().String())
		}
		return nil
	})
	return errors.Join(append(errs, err)...)
}
