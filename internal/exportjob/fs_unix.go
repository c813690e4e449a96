//go:build unix

package exportjob

import (
	"errors"
	"os"
	"syscall"
)

// isNotDir reports whether err says a part of a path is not a folder.
func isNotDir(err error) bool { return errors.Is(err, syscall.ENOTDIR) }

// isBusy reports whether err says a file is in use by another program:
// never on Unix, where an open file can be replaced.
func isBusy(error) bool { return false }

// syncDir flushes a folder's entries (the file renamed into it) to the
// disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close() // the Sync error is the one that matters
		return err
	}
	return d.Close()
}
