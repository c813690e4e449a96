package export

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"pasapas/internal/leftover"
)

// TestWriteFile_TempNamedAfterProcess: while an export is written, its
// temporary file is named after the process, so that the next start can
// tell it from the file of an export still going on.
func TestWriteFile_TempNamedAfterProcess(t *testing.T) {
	dir := t.TempDir()
	var temps []string
	err := WriteFile(filepath.Join(dir, "emargement.pdf"), func(io.Writer) error {
		es, err := os.ReadDir(dir)
		for _, e := range es {
			temps = append(temps, e.Name())
		}
		return err
	})
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
	if len(temps) != 1 {
		t.Fatalf("Got(%q) = %q, want one temporary file while writing", "ReadDir", temps)
	}
	if pid, ok := leftover.Owner(temps[0], tempPrefix, tempSuffix); !ok || pid != os.Getpid() {
		t.Errorf("Got(%q) = %d, %v, want this process %d", temps[0], pid, ok, os.Getpid())
	}
}

// TestCleanLeftovers: the temporary file of an export a stopped process
// left goes; a running export's, and the exports, stay.
func TestCleanLeftovers(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$") // a process that ran and stopped: its id is free
	if err := cmd.Run(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "run a child", err)
	}
	dir := t.TempDir()
	mk := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("Nom;Téléphone"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gone := mk(tempPrefix + strconv.Itoa(cmd.ProcessState.Pid()) + "-1" + tempSuffix)
	kept := []string{mk(tempPrefix + strconv.Itoa(os.Getpid()) + "-2" + tempSuffix), mk("activites-octobre.csv")}
	removed, err := CleanLeftovers(dir)
	if err != nil || !slices.Equal(removed, []string{gone}) {
		t.Errorf("Got(%q) = %v, %v, want [%s]", "CleanLeftovers", removed, err, gone)
	}
	for _, p := range kept {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("Got(%q) = %v, want %s kept", "Stat", err, p)
		}
	}
}
