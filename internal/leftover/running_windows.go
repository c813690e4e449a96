//go:build windows

package leftover

import (
	"io/fs"

	"golang.org/x/sys/windows"
)

// running reports whether the process pid exists.
func running(pid int) bool {
	if pid <= 0 {
		return false
	}
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return err == windows.ERROR_ACCESS_DENIED // it exists, another user's
	}
	defer windows.CloseHandle(h) //nolint:errcheck // a query handle
	var code uint32
	if err := windows.GetExitCodeProcess(h, &code); err != nil {
		return true
	}
	const stillActive = 259
	return code == stillActive
}

// ours: the temporary folder of Windows is the user's own.
func ours(fs.FileInfo) bool { return true }
