package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// LockName is the file whose lock says a program runs on the data folder.
const LockName = "pasapas.lock"

// ErrInUse is returned by Lock when another copy of the program already
// runs on the same data folder.
var ErrInUse = errors.New("datadir: another copy of Pas à pas runs on this data folder")

// Lock takes the data folder for this process: one running copy per data
// folder, so that two kiosks never share one database and one browser
// folder. The lock is the operating system's (flock on Linux, LockFileEx
// on Windows) and goes with the process: a copy that crashed leaves no
// stale lock behind. It returns ErrInUse when another process holds it,
// and a release function.
func Lock(dir string) (release func() error, err error) {
	f, err := os.OpenFile(filepath.Join(dir, LockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("datadir: lock: %w", err)
	}
	if err := lockFile(f); err != nil {
		_ = f.Close() // the error that matters is the lock's
		return nil, err
	}
	return func() error {
		errU := unlockFile(f)
		return errors.Join(errU, f.Close())
	}, nil
}
