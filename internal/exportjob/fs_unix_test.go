//go:build unix

package exportjob

import (
	"errors"
	"os"
	"syscall"
	"testing"

	"pasapas/internal/failure"
)

// The system's answers map to the reasons a person can act on: a full
// disk, a read-only disk, a path through a file.
func TestFolderError(t *testing.T) {
	tests := []struct {
		errno  syscall.Errno
		reason Reason
		kind   failure.Kind
		text   string
	}{
		{syscall.ENOSPC, DiskFull, failure.DiskFull, "the disk of /media/cle is full: nothing was written (no space left on device)"},
		{syscall.EDQUOT, DiskFull, failure.DiskFull, "the disk of /media/cle is full"},
		{syscall.EROFS, FolderReadOnly, failure.ReadOnly, "cannot write in folder /media/cle: read-only file system"},
		{syscall.EACCES, FolderReadOnly, failure.ReadOnly, "cannot write in folder /media/cle: permission denied"},
		{syscall.ENOENT, FolderMissing, failure.NotFound, "cannot write in folder /media/cle: it does not exist"},
		{syscall.ENOTDIR, FolderMissing, failure.NotFound, "cannot write in folder /media/cle: it is not a folder"},
		{syscall.EIO, Internal, failure.Internal, "input/output error"},
	}
	for _, tt := range tests {
		err := folderError("/media/cle", "", &os.PathError{Op: "open", Path: "/media/cle/.pasapas-export-1.tmp", Err: tt.errno})
		var e *Error
		if !errors.As(err, &e) || e.Reason != tt.reason || failure.KindOf(err) != tt.kind {
			t.Errorf("Got(folderError(%v)) = %v (kind %s), want %s, %s", tt.errno, err, failure.KindOf(err), tt.reason, tt.kind)
			continue
		}
		if got := err.Error(); len(got) < len(tt.text) || got[:len(tt.text)] != tt.text && tt.reason != Internal {
			t.Errorf("Got(folderError(%v).Error()) = %q, want it to start with %q", tt.errno, got, tt.text)
		}
	}
	if err := writeError("/media/cle", &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}); ReasonOf(err) != DiskFull {
		t.Errorf("Got(writeError(ENOSPC)) = %v, want DiskFull", err)
	}
}
