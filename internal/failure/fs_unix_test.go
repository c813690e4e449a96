//go:build unix

package failure_test

import (
	"fmt"
	"os"
	"syscall"
	"testing"

	"pasapas/internal/failure"
)

func TestFromFS(t *testing.T) {
	tests := []struct {
		err  error
		want failure.Kind
	}{
		{nil, ""},
		{syscall.ENOSPC, failure.DiskFull},
		{syscall.EDQUOT, failure.DiskFull},
		{syscall.EROFS, failure.ReadOnly},
		{syscall.EACCES, failure.ReadOnly},
		{syscall.ENOENT, failure.NotFound},
		{syscall.EIO, failure.Internal},
		{failure.New(failure.Damaged, "read", syscall.ENOSPC), failure.Damaged},
	}
	for _, tt := range tests {
		err := tt.err
		if errno, ok := err.(syscall.Errno); ok {
			err = &os.PathError{Op: "write", Path: "/media/cle/x", Err: errno}
		}
		got := failure.FromFS("save", err)
		if failure.KindOf(got) != tt.want {
			t.Errorf("Got(FromFS(%v)) = %v (kind %q), want kind %q", tt.err, got, failure.KindOf(got), tt.want)
		}
		if tt.err != nil && tt.want != failure.Damaged && got.Error() != fmt.Sprintf("save: %v", err) {
			t.Errorf("Got(FromFS(%v).Error()) = %q, want the operation and the path", tt.err, got)
		}
	}
}
