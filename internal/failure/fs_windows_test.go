//go:build windows

package failure_test

import (
	"os"
	"testing"

	"golang.org/x/sys/windows"

	"pasapas/internal/failure"
)

func TestFromFS_Windows(t *testing.T) {
	for errno, want := range map[windows.Errno]failure.Kind{
		windows.ERROR_DISK_FULL:        failure.DiskFull,
		windows.ERROR_HANDLE_DISK_FULL: failure.DiskFull,
		windows.ERROR_WRITE_PROTECT:    failure.ReadOnly,
		windows.ERROR_ACCESS_DENIED:    failure.ReadOnly,
	} {
		err := failure.FromFS("save", &os.PathError{Op: "write", Path: `E:\x`, Err: errno})
		if failure.KindOf(err) != want {
			t.Errorf("Got(FromFS(%v)) = %v, want kind %q", errno, err, want)
		}
	}
}
