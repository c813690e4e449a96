package sound

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
)

// TestCleanLeftovers: the chime folders of stopped programs go; the
// current program's, a running program's, a folder holding something else
// and other names stay.
func TestCleanLeftovers(t *testing.T) {
	tmp := t.TempDir()
	// A process that ran and stopped: its pid is free (until reused).
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "run a child", err)
	}
	dead := strconv.Itoa(cmd.ProcessState.Pid())
	live := strconv.Itoa(os.Getppid()) // the go command, running
	mk := func(name string, files ...string) string {
		dir := filepath.Join(tmp, name)
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Mkdir", err)
		}
		for _, f := range files {
			if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o600); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
			}
		}
		return dir
	}
	gone := []string{
		mk("pasapas-sound-"+dead+"-123", "chime.wav"),
		mk("pasapas-sound-" + dead + "-456"),
		mk("pasapas-sound-987654", "chime.wav"), // an older version's
	}
	kept := []string{
		mk("pasapas-sound-"+live+"-1", "chime.wav"),
		mk("pasapas-sound-"+dead+"-2", "chime.wav", "notes.txt"),
		mk("pasapas-other-3", "chime.wav"),
	}
	p := &Player{TempDir: tmp, LookPath: func(string) (string, error) { return "", exec.ErrNotFound }}
	defer p.Close()
	if err := p.Play(); err == nil {
		t.Fatalf("Got(%q) = nil, want no player", "Play")
	}
	kept = append(kept, filepath.Dir(p.file))

	removed, err := CleanLeftovers(tmp)
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
	for _, d := range kept {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("Got(%q) = %v, want %s kept", "Stat", err, d)
		}
	}
}
