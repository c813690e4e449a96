//go:build !windows

package secretfile

import (
	"fmt"
	"os"
)

// syncDir makes the rename durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("secretfile: %w", err)
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return fmt.Errorf("secretfile: sync %s: %w", dir, err)
	}
	return d.Close()
}
