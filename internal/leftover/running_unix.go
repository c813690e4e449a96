//go:build unix

package leftover

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// running reports whether the process pid exists (this user's or not).
func running(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// ours reports whether the file is this user's.
func ours(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
