package sqlite

import (
	"os"
	"runtime"
)

// SyncDir flushes a folder's entries (a file renamed into it) to the disk.
// Windows cannot open a folder for that; NTFS journals renames itself.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}
