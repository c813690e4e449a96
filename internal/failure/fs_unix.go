//go:build unix

package failure

import (
	"errors"
	"syscall"
)

// IsDiskFull reports whether err says no space (or no quota) is left.
func IsDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// IsReadOnlyFS reports whether err says the file system is read-only.
func IsReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }
