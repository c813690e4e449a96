package secretfile_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"

	"pasapas/internal/room/secretfile"
)

func TestWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "seed.nk")
	for _, data := range []string{"first", "second"} {
		if err := secretfile.Write(path, []byte(data)); err != nil {
			t.Fatalf("Got(Write) = %v, want nil", err)
		}
		b, err := os.ReadFile(path)
		if err != nil || string(b) != data {
			t.Fatalf("Got(ReadFile) = %q, %v, want %q", b, err, data)
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Fatalf("Got(mode) = %v, want 0600", st.Mode().Perm())
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil || len(entries) != 1 {
		t.Fatalf("Got(ReadDir) = %v, %v, want only the file (no temporary left)", entries, err)
	}
}

// TestCleanLeftovers: a copy of a key that a stopped process left between
// writing and renaming goes at the next start; the files, and the
// temporary file of a program still running, stay.
func TestCleanLeftovers(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$") // a process that ran and stopped: its id is free
	if err := cmd.Run(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "run a child", err)
	}
	station, kiosk := t.TempDir(), filepath.Join(t.TempDir(), "missing")
	mk := func(name string) string {
		p := filepath.Join(station, name)
		if err := os.WriteFile(p, []byte("SUAKEY"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gone := mk(".pasapas-secret-" + strconv.Itoa(cmd.ProcessState.Pid()) + "-1.tmp")
	kept := []string{mk(".pasapas-secret-" + strconv.Itoa(os.Getpid()) + "-2.tmp"), mk("seed.nk")}
	removed, err := secretfile.CleanLeftovers(station, kiosk)
	if err != nil || !slices.Equal(removed, []string{gone}) {
		t.Errorf("Got(%q) = %v, %v, want [%s]", "CleanLeftovers", removed, err, gone)
	}
	for _, p := range kept {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("Got(%q) = %v, want %s kept", "Stat", err, p)
		}
	}
}
