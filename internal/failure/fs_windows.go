//go:build windows

package failure

import (
	"errors"

	"golang.org/x/sys/windows"
)

// IsDiskFull reports whether err says no space is left: ERROR_DISK_FULL
// (a write) or ERROR_HANDLE_DISK_FULL (a file grown through its handle).
func IsDiskFull(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL)
}

// IsReadOnlyFS reports whether err says the disk is write-protected (a
// locked SD card or USB stick).
func IsReadOnlyFS(err error) bool { return errors.Is(err, windows.ERROR_WRITE_PROTECT) }
