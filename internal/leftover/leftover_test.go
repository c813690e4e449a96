package leftover

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestOwner(t *testing.T) {
	for _, tt := range []struct {
		name   string
		pid    int
		ok     bool
		prefix string
		suffix string
	}{
		{"pasapas-sound-123-456", 123, true, "pasapas-sound-", ""},
		{"pasapas-sound-456", 0, true, "pasapas-sound-", ""}, // before the process id
		{".pasapas-export-77-1.tmp", 77, true, ".pasapas-export-", ".tmp"},
		{".pasapas-export-77-1.tmp-wal", 0, false, ".pasapas-export-", ".tmp"},
		{"pasapas-sound-x-1", 0, false, "pasapas-sound-", ""},
		{"pasapas-sound-12-", 0, false, "pasapas-sound-", ""},
		{"pasapas-sound-", 0, false, "pasapas-sound-", ""},
		{"pasapas-other-1-2", 0, false, "pasapas-sound-", ""},
	} {
		pid, ok := Owner(tt.name, tt.prefix, tt.suffix)
		if pid != tt.pid || ok != tt.ok {
			t.Errorf("Got(%q) = %d, %v, want %d, %v", tt.name, pid, ok, tt.pid, tt.ok)
		}
	}
	dir := t.TempDir()
	f, err := os.CreateTemp(dir, Pattern(".pasapas-x-", ".tmp"))
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if pid, ok := Owner(filepath.Base(f.Name()), ".pasapas-x-", ".tmp"); pid != os.Getpid() || !ok {
		t.Errorf("Got(%q) = %d, %v, want this process %d", f.Name(), pid, ok, os.Getpid())
	}
}

// TestRemove: what stopped processes left goes; what this process, a
// running one, another name or content that is not the program's stays.
func TestRemove(t *testing.T) {
	tmp := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$") // a process that ran and stopped: its id is free
	if err := cmd.Run(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "run a child", err)
	}
	dead := strconv.Itoa(cmd.ProcessState.Pid())
	live := strconv.Itoa(os.Getppid()) // the go command, running
	self := strconv.Itoa(os.Getpid())
	mk := func(name string, files ...string) string {
		p := filepath.Join(tmp, name)
		if strings.HasSuffix(name, ".tmp") {
			if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}
		if err := os.Mkdir(p, 0o700); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := os.WriteFile(filepath.Join(p, f), []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	gone := []string{
		mk("pasapas-t-"+dead+"-1", "backup.db", "backup.db-wal"),
		mk("pasapas-t-" + dead + "-2"),
		mk("pasapas-t-3", "backup.db"), // an older version's
	}
	kept := []string{
		mk("pasapas-t-"+live+"-4", "backup.db"),
		mk("pasapas-t-"+self+"-5", "backup.db"),
		mk("pasapas-t-"+dead+"-6", "backup.db", "notes.txt"),
		mk("pasapas-t-" + dead + "-7.tmp"), // a file, not a folder
		mk("pasapas-u-"+dead+"-8", "backup.db"),
	}
	removed, err := Remove(tmp, "pasapas-t-", "", Only("*.db", "*.db-wal"))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Remove", err)
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "linux" || runtime.GOOS == "darwin" {
		slices.Sort(removed)
		slices.Sort(gone)
		if !slices.Equal(removed, gone) {
			t.Errorf("Got(%q) = %v, want %v", "Remove", removed, gone)
		}
	}
	for _, p := range kept {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("Got(%q) = %v, want %s kept", "Stat", err, p)
		}
	}

	// Files: a stopped process's goes, this process's stays.
	deadFile, selfFile := mk(".pasapas-f-"+dead+"-1.tmp"), mk(".pasapas-f-"+self+"-2.tmp")
	removed, err = Remove(tmp, ".pasapas-f-", ".tmp", File)
	if err != nil || !slices.Equal(removed, []string{deadFile}) {
		t.Errorf("Got(%q) = %v, %v, want [%s]", "Remove files", removed, err, deadFile)
	}
	if _, err := os.Stat(selfFile); err != nil {
		t.Errorf("Got(%q) = %v, want %s kept", "Stat", err, selfFile)
	}
	if removed, err := Remove(filepath.Join(tmp, "none"), "x", "", nil); removed != nil || err != nil {
		t.Errorf("Got(%q) = %v, %v, want nothing and no error", "Remove in a missing folder", removed, err)
	}
}
