package backup

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"pasapas/internal/leftover"
)

// TestCleanLeftovers: a backup or a restore stopped midway leaves a plain
// copy of the database in the system's temporary folder, a temporary file
// in the backup folder or a copy on its way into the data folder; the next
// start removes them, and nothing of a program still running or else.
func TestCleanLeftovers(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$") // a process that ran and stopped: its id is free
	if err := cmd.Run(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "run a child", err)
	}
	dead, self := strconv.Itoa(cmd.ProcessState.Pid()), strconv.Itoa(os.Getpid())
	data, tmp := t.TempDir(), t.TempDir()
	write := func(path string) string {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("SQLite format 3"), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	gone := []string{
		filepath.Dir(write(filepath.Join(tmp, "pasapas-backup-"+dead+"-1", "backup.db"))),
		filepath.Dir(write(filepath.Join(tmp, "pasapas-backup-"+dead+"-2", "inspect-3.db-wal"))),
		write(filepath.Join(Dir(data), ".pasapas-"+dead+"-4.tmp")),
		write(filepath.Join(data, ".pasapas-restore-5.tmp")),
		write(filepath.Join(data, ".pasapas-restore-5.tmp-wal")),
	}
	kept := []string{
		write(filepath.Join(tmp, "pasapas-backup-"+self+"-6", "backup.db")), // a backup in progress
		write(filepath.Join(tmp, "pasapas-backup-"+dead+"-7", "notes.txt")), // not a copy of ours
		write(filepath.Join(Dir(data), ".pasapas-"+self+"-8.tmp")),
		write(filepath.Join(Dir(data), Name(time.Date(2026, 11, 20, 10, 0, 0, 0, time.Local)))),
		write(filepath.Join(data, "pasapas.db")),
	}
	removed, err := CleanLeftovers(data, tmp)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "CleanLeftovers", err)
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "linux" || runtime.GOOS == "darwin" {
		slices.Sort(removed)
		slices.Sort(gone)
		if !slices.Equal(removed, gone) {
			t.Errorf("Got(%q) = %v, want %v", "CleanLeftovers", removed, gone)
		}
	}
	for _, p := range kept {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("Got(%q) = %v, want %s kept", "Stat", err, p)
		}
	}
}

// TestPrivateDir: the folder of a plain copy is named after the process
// that makes it, for CleanLeftovers.
func TestPrivateDir(t *testing.T) {
	dir, err := privateDir()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if pid, ok := leftover.Owner(filepath.Base(dir), privatePrefix, ""); !ok || pid != os.Getpid() {
		t.Errorf("Got(%q) = %d, %v, want this process %d", dir, pid, ok, os.Getpid())
	}
	f, err := os.CreateTemp(t.TempDir(), tempName())
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if ok, _ := filepath.Match(tempPattern, filepath.Base(f.Name())); !ok {
		t.Errorf("Got(%q) = not matched by %q, want Prune to see it", f.Name(), tempPattern)
	}
}
