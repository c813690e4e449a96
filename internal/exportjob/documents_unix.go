//go:build !windows

package exportjob

import (
	"context"
	"os"
	"os/exec"
	"time"
)

// DefaultDir returns the user's Documents folder, where exports go by
// default: on Windows the known folder Documents (FOLDERID_Documents,
// which follows a folder moved to OneDrive or another disk), elsewhere
// what "xdg-user-dir DOCUMENTS" says, else XDG_DOCUMENTS_DIR of
// ~/.config/user-dirs.dirs, else ~/Documents (in the user's language,
// "Documents" in French too). It does not create it: Job.Run does. The
// only error is a missing home folder.
func DefaultDir() (string, error) {
	l := locator{getenv: os.Getenv, home: os.UserHomeDir, readFile: os.ReadFile}
	if bin, err := exec.LookPath("xdg-user-dir"); err == nil {
		l.xdgUserDir = func() (string, error) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			out, err := exec.CommandContext(ctx, bin, "DOCUMENTS").Output()
			return string(out), err
		}
	}
	return l.documents()
}
