package failure

import (
	"errors"
	"io/fs"
)

// FromFS gives an error of the file system its kind: DiskFull (no space
// or quota left; on Windows ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL),
// ReadOnly (a read-only disk or a folder that cannot be written),
// NotFound, or Internal. An error that already has a kind keeps it; nil
// stays nil. The path in the error (an *fs.PathError) says which file or
// folder.
func FromFS(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case KindOf(err) != Internal:
		return err
	case IsDiskFull(err):
		return New(DiskFull, op, err)
	case errors.Is(err, fs.ErrPermission), IsReadOnlyFS(err):
		return New(ReadOnly, op, err)
	case errors.Is(err, fs.ErrNotExist):
		return New(NotFound, op, err)
	}
	return New(Internal, op, err)
}
