package secretfile

import (
	"errors"

	"pasapas/internal/leftover"
)

// Write's temporary file, beside the file it replaces, is
// .pasapas-secret-<pid>-<random>.tmp, named after its process (package
// leftover): a process stopped between writing and renaming it (killed,
// a power cut) leaves a copy of a key there.
const (
	tempPrefix = ".pasapas-secret-"
	tempSuffix = ".tmp"
)

// CleanLeftovers removes from each folder the temporary files of Write
// that stopped processes left, and returns their paths; a program still
// running keeps its own. The program calls it at start for the folders
// of the room network (station.Dir, link.Dir). Errors are of what could
// not be read or removed; the rest is removed anyway.
func CleanLeftovers(dirs ...string) ([]string, error) {
	var removed []string
	var errs []error
	for _, dir := range dirs {
		r, err := leftover.Remove(dir, tempPrefix, tempSuffix, leftover.File)
		removed, errs = append(removed, r...), append(errs, err)
	}
	return removed, errors.Join(errs...)
}
