package printer

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// Windows error numbers ShellExecute leaves.
const (
	errFileNotFound  = 2    // ERROR_FILE_NOT_FOUND
	errPathNotFound  = 3    // ERROR_PATH_NOT_FOUND
	errAccessDenied  = 5    // ERROR_ACCESS_DENIED
	errNoAssoc       = 31   // SE_ERR_NOASSOC, as some versions return it
	errNoAssociation = 1155 // ERROR_NO_ASSOCIATION
)

// shellError maps what ShellExecute's "print" failed with: no program
// prints this type of document (ErrNoPrinter), the document is gone
// (fs.ErrNotExist), or else the error itself.
func shellError(path string, err error) error {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return fmt.Errorf("printer: print %s: %w", path, err)
	}
	switch uintptr(errno) {
	case errNoAssoc, errNoAssociation:
		return fmt.Errorf("%w: no program prints %s (%v)", ErrNoPrinter, path, err)
	case errFileNotFound, errPathNotFound:
		return fmt.Errorf("printer: print %s: %w (%v)", path, fs.ErrNotExist, err)
	case errAccessDenied:
		return fmt.Errorf("printer: print %s: %w (%v)", path, fs.ErrPermission, err)
	}
	return fmt.Errorf("printer: print %s: %w", path, err)
}
