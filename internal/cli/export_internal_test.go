package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pasapas/internal/exportjob"
	"pasapas/internal/failure"
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

// Each reason an export fails for comes with what to do.
func TestExportHint(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&exportjob.Error{Reason: exportjob.FolderReadOnly, Folder: "/srv/partage"}, "or ask for write access to /srv/partage"},
		{&exportjob.Error{Reason: exportjob.FolderMissing, Folder: "/srv/absent"}, "create the folder first"},
		{&exportjob.Error{Reason: exportjob.FileBusy, Path: "/srv/a.xlsx"}, "close the file"},
		{&exportjob.Error{Reason: exportjob.DiskFull, Folder: "/media/cle"}, "free some space"},
		{&exportjob.Error{Reason: exportjob.DatabaseDamaged, Err: failure.New(failure.Damaged, "read", errors.New("malformed"))},
			`"pasapasctl restore --data /srv/pasapas FILE"`},
		{errors.New("something else"), ""},
	}
	for _, tt := range tests {
		got := exportHint(tt.err, "/srv/pasapas")
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) || strings.Contains(got, "choose another backup") {
			t.Errorf("Got(exportHint(%v)) = %q, want %q in it", tt.err, got, tt.want)
		}
	}
}
