//go:build windows

package exportjob

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// DefaultDir returns the user's Documents folder, where exports go by
// default: on Windows the known folder Documents (FOLDERID_Documents,
// which follows a folder moved to OneDrive or another disk), else
// %USERPROFILE%\Documents; elsewhere see documents_unix.go. It does not
// create it: Job.Run does. The only error is no folder at all.
func DefaultDir() (string, error) {
	p, err := windows.KnownFolderPath(windows.FOLDERID_Documents, windows.KF_FLAG_DEFAULT)
	if err == nil && p != "" {
		return p, nil
	}
	home, herr := os.UserHomeDir()
	if herr != nil {
		return "", errors.Join(err, herr)
	}
	return filepath.Join(home, "Documents"), nil
}
