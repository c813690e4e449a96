// Package secretfile writes the small files of the room network that only
// their owner may read (keys, seeds, the list of paired kiosks): mode
// 0600, written to a temporary file, synced, then renamed into place, so
// that a crash leaves the old file or the new one, never half of one.
package secretfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"pasapas/internal/leftover"
)

// Write replaces path with data, readable and writable by its owner only.
func Write(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("secretfile: %w", err)
	}
	f, err := os.CreateTemp(dir, leftover.Pattern(tempPrefix, tempSuffix))
	if err != nil {
		return fmt.Errorf("secretfile: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			err = errors.Join(err, ignoreMissing(os.Remove(tmp)))
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return errors.Join(fmt.Errorf("secretfile: %w", err), f.Close())
	}
	if _, err := f.Write(data); err != nil {
		return errors.Join(fmt.Errorf("secretfile: write %s: %w", path, err), f.Close())
	}
	if err := f.Sync(); err != nil {
		return errors.Join(fmt.Errorf("secretfile: sync %s: %w", path, err), f.Close())
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("secretfile: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("secretfile: %w", err)
	}
	return syncDir(dir)
}

func ignoreMissing(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
