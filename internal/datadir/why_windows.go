//go:build windows

package datadir

import (
	"errors"

	"golang.org/x/sys/windows"
)

// writeProtected: a write-protected USB stick or SD card.
func writeProtected(err error) bool {
	return errors.Is(err, windows.ERROR_WRITE_PROTECT)
}
