package sound

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// leftoverPrefix starts the name of the chime's temporary folder, followed
// by the id of the process that made it and a dash:
// pasapas-sound-<pid>-<random>. Versions before it wrote
// pasapas-sound-<random>.
const leftoverPrefix = "pasapas-sound-"

// CleanLeftovers removes from tmpdir (os.TempDir() when empty) the chime
// folders that programs stopped uncleanly (killed, a power cut) left
// behind, and returns their paths. A folder is removed only when it is
// this user's, holds nothing but the chime, and was made by a process
// that no longer runs (or by an older version, whose name has no process
// id); the folder of a program still running is left alone. The program
// calls it once at start, after taking its data folder. Errors are of
// the folders it could not read or remove; the others are removed anyway.
func CleanLeftovers(tmpdir string) ([]string, error) {
	if tmpdir == "" {
		tmpdir = os.TempDir()
	}
	entries, err := os.ReadDir(tmpdir)
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, leftoverPrefix)
		if !ok || !e.IsDir() {
			continue
		}
		if pid, _, hasPid := strings.Cut(rest, "-"); hasPid {
			n, err := strconv.Atoi(pid)
			if err != nil || n == os.Getpid() || running(n) {
				continue
			}
		}
		dir := filepath.Join(tmpdir, name)
		info, err := e.Info()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !ours(info) || !onlyChime(dir) {
			continue
		}
		if err := os.RemoveAll(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, dir)
	}
	return removed, errors.Join(errs...)
}

// onlyChime reports whether dir holds nothing but the chime file.
func onlyChime(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if e.Name() != "chime.wav" || !e.Type().IsRegular() {
			return false
		}
	}
	return true
}
