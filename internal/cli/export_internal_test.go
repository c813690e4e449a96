package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// A write that fails half-way leaves the file as it was, and no
// temporary file behind.
func TestWriteFile_Failure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(path, []byte("previous export"), 0o600); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
	boom := errors.New("disk full")
	err := writeFile(path, func(w io.Writer) error {
		if _, err := io.WriteString(w, "half a fi"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("Got(writeFile) = %v, want %v", err, boom)
	}
	if b, _ := os.ReadFile(path); string(b) != "previous export" {
		t.Errorf("Got(%s) = %q, want %q", path, b, "previous export")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("Got(folder) = %d entries, want only the previous export", len(entries))
	}

	if err := writeFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatalf("Got(writeFile) = %v, want nil error", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("Got(%s) = %q, want %q", path, b, "new")
	}
}
