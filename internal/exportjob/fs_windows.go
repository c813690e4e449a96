//go:build windows

package exportjob

import (
	"errors"

	"golang.org/x/sys/windows"
)

// isNotDir reports whether err says a part of a path is not a folder.
func isNotDir(err error) bool { return errors.Is(err, windows.ERROR_DIRECTORY) }

// isBusy reports whether err says a file is open in another program (a
// spreadsheet holding the previous export).
func isBusy(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}

// syncDir does nothing: Windows cannot open a folder to flush it, and
// NTFS journals renames itself.
func syncDir(string) error { return nil }
