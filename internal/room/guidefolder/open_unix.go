//go:build unix

package guidefolder

import (
	"fmt"
	"os"
	"syscall"
)

// openNonBlocking opens a file without waiting: a named pipe with no
// writer would otherwise block the open forever.
const openNonBlocking = syscall.O_NONBLOCK

// syncDir makes the renames in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("guidefolder: %w", err)
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return fmt.Errorf("guidefolder: sync %s: %w", dir, err)
	}
	return d.Close()
}
