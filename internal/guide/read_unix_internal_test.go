//go:build unix

package guide

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestRootFolder_OpenPipe opens a named pipe as if it had been swapped in
// for a guide after its type was checked: the open does not block and the
// pipe is refused.
func TestRootFolder_OpenPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "tuyau.fr.toml"), 0o600); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	done := make(chan error, 1)
	go func() {
		_, err := (&rootFolder{root: root}).open("tuyau.fr.toml", MaxFileSize)
		done <- err
	}()
	select {
	case err := <-done:
		var nr notRegularError
		if !errors.As(err, &nr) {
			t.Errorf("open(pipe) error = %v, want not a regular file", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("open(pipe) still blocked after 5 s")
	}
}
