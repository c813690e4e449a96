package sound

import (
	"os"

	"pasapas/internal/leftover"
)

// leftoverPrefix starts the name of the chime's temporary folder, followed
// by the id of the process that made it and a dash (leftover.Pattern):
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
	return leftover.Remove(tmpdir, leftoverPrefix, "", leftover.Only("chime.wav"))
}
