package browser

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"pasapas/internal/screen"
)

// crashed starts the fake browser for a visit, then forgets it, as a
// kiosk killed with -9 would: its processes, folder and record stay.
func crashed(t *testing.T, dir string) (pid int, helpers []int, visitDir string) {
	t.Helper()
	f := newFake(t, "")
	l := &Launcher{Dir: dir, Find: f.find}
	if err := l.Open(mustURL(t, "https://www.ameli.fr"), screen.Rect{}); err != nil {
		t.Fatalf("Open() = %v", err)
	}
	pid = l.PIDs()[0]
	args, helpers := f.ready(t, pid)
	t.Cleanup(func() { // should there be anything left
		for _, p := range append([]int{pid}, helpers...) {
			if runs(p) {
				if err := syscall.Kill(p, syscall.SIGKILL); err != nil {
					t.Log(err)
				}
			}
		}
	})
	return pid, helpers, filepath.Dir(flag(args, "--user-data-dir"))
}

// sleeper starts a process that is not the browser.
func sleeper(t *testing.T) *exec.Cmd {
	t.Helper()
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := cmd.Process.Kill(); err != nil {
			t.Log(err)
		}
		if err := cmd.Wait(); err == nil {
			t.Log("sleep exited by itself")
		}
	})
	return cmd
}

func TestRecover(t *testing.T) {
	t.Run("browser left by a crash", func(t *testing.T) {
		dir := t.TempDir()
		pid, helpers, visitDir := crashed(t, dir)
		if err := Recover(dir, nil); err != nil {
			t.Fatalf("Recover() = %v", err)
		}
		for _, p := range append([]int{pid}, helpers...) {
			if runs(p) {
				t.Errorf("process %d survived Recover (browser %d, helpers %v)", p, pid, helpers)
			}
		}
		assertEmpty(t, dir, visitDir)
	})
	t.Run("browser left without a record", func(t *testing.T) {
		// The kiosk died between starting the browser and writing the
		// record: the browser is found by its profile folder.
		dir := t.TempDir()
		pid, helpers, visitDir := crashed(t, dir)
		if err := os.Remove(filepath.Join(dir, recordName)); err != nil {
			t.Fatal(err)
		}
		if err := Recover(dir, nil); err != nil {
			t.Fatalf("Recover() = %v", err)
		}
		for _, p := range append([]int{pid}, helpers...) {
			if runs(p) {
				t.Errorf("process %d survived Recover (browser %d, helpers %v)", p, pid, helpers)
			}
		}
		assertEmpty(t, dir, visitDir)
	})
	t.Run("recorded pid given to another program", func(t *testing.T) {
		dir := t.TempDir()
		visitDir := filepath.Join(dir, "visit-123")
		if err := os.MkdirAll(filepath.Join(visitDir, "downloads"), 0o700); err != nil {
			t.Fatal(err)
		}
		other := sleeper(t)
		// Even its true start time recorded: its command line does not
		// name the visit folder, so it is not the browser.
		if err := writeRecord(dir, record{PID: other.Process.Pid, Start: identity(other.Process.Pid), Program: "/usr/bin/chromium", Visit: visitDir}); err != nil {
			t.Fatal(err)
		}
		if err := Recover(dir, nil); err != nil {
			t.Fatalf("Recover() = %v", err)
		}
		if !runs(other.Process.Pid) {
			t.Fatal("Recover killed an unrelated process whose pid was recorded")
		}
		assertEmpty(t, dir, visitDir)
	})
	t.Run("record naming a folder elsewhere", func(t *testing.T) {
		dir, elsewhere := t.TempDir(), t.TempDir()
		pid, _, _ := crashed(t, elsewhere)
		b, err := os.ReadFile(filepath.Join(elsewhere, recordName))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, recordName), b, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := Recover(dir, nil); err == nil || !strings.Contains(err.Error(), "not a visit folder") {
			t.Errorf("Recover() = %v, want the record refused", err)
		}
		if !runs(pid) {
			t.Errorf("Recover killed %d, recorded with a folder outside its own", pid)
		}
		if err := Recover(elsewhere, nil); err != nil || runs(pid) {
			t.Errorf("Recover(its own folder) = %v, running %v; want it closed", err, runs(pid))
		}
	})
	t.Run("damaged record", func(t *testing.T) {
		dir := t.TempDir()
		visitDir := filepath.Join(dir, "visit-7")
		if err := os.MkdirAll(visitDir, 0o700); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{recordName, "running-42.tmp"} {
			if err := os.WriteFile(filepath.Join(dir, f), []byte(`{"pid":`), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		err := Recover(dir, nil)
		if err == nil || !strings.Contains(err.Error(), recordName) {
			t.Fatalf("Recover() = %v, want the damaged record reported", err)
		}
		assertEmpty(t, dir, visitDir)
	})
	t.Run("other files left alone", func(t *testing.T) {
		dir := t.TempDir()
		keep := filepath.Join(dir, "notes.txt")
		if err := os.WriteFile(keep, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := Recover(dir, nil); err != nil {
			t.Fatalf("Recover() = %v", err)
		}
		if _, err := os.Stat(keep); err != nil {
			t.Fatalf("Recover deleted %s: %v", keep, err)
		}
	})
	t.Run("no folder yet", func(t *testing.T) {
		if err := Recover(filepath.Join(t.TempDir(), "visit"), nil); err != nil {
			t.Fatalf("Recover() = %v, want nil", err)
		}
	})
}

// assertEmpty fails unless dir holds neither the visit folder nor a
// record.
func assertEmpty(t *testing.T, dir, visitDir string) {
	t.Helper()
	for _, p := range []string{visitDir, filepath.Join(dir, recordName)} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s survived Recover (%v)", p, err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "visit-") || strings.HasPrefix(e.Name(), "running") {
			t.Errorf("%s left in %s", e.Name(), dir)
		}
	}
}
