//go:build unix

package failure

import (
	"errors"
	"syscall"
)

// isDiskFull reports whether err says no space (or no quota) is left.
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// isReadOnlyFS reports whether err says the file system is read-only.
func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }
