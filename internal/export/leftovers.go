package export

import "pasapas/internal/leftover"

// An export is written to a temporary file of its folder, then renamed
// (WriteFile, and package exportjob): .pasapas-export-<pid>-<random>.tmp,
// named after its process (package leftover). A process stopped midway
// (killed, a power cut) leaves it, with the names it holds.
const (
	tempPrefix = ".pasapas-export-"
	tempSuffix = ".tmp"
)

// TempPattern returns the pattern of an export's temporary file, for
// os.CreateTemp, named after this process.
func TempPattern() string { return leftover.Pattern(tempPrefix, tempSuffix) }

// CleanLeftovers removes from dir the temporary files of exports that
// stopped processes left, and returns their paths; those of a program
// still running stay. The program calls it at start for its export
// folder. Errors are of what could not be read or removed.
func CleanLeftovers(dir string) ([]string, error) {
	return leftover.Remove(dir, tempPrefix, tempSuffix, leftover.File)
}
