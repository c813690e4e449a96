//go:build unix

package sqlite_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"pasapas/internal/sqlite"
)

// unreadableDirEnv tells a child test process, running as an ordinary
// user, which prepared folder to check.
const unreadableDirEnv = "PASAPAS_TEST_UNREADABLE_DIR"

// TestCheckOnStart_Unreadable checks a database the user may not read: it
// is unreadable, and moved aside. As root, permissions do not apply, so
// the check runs in a child process as "nobody".
func TestCheckOnStart_Unreadable(t *testing.T) {
	if dir := os.Getenv(unreadableDirEnv); dir != "" {
		checkUnreadable(t, dir)
		return
	}
	path := filledDatabase(t, 3)
	dir := filepath.Dir(path)
	if err := os.Chmod(path, 0o000); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Chmod", err)
	}
	if err := os.Chmod(dir, 0o777); err != nil { // nobody may rename in it
		t.Fatalf("Got(%q) = %v, want nil error", "Chmod", err)
	}
	if os.Geteuid() != 0 {
		checkUnreadable(t, dir)
		return
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "os.Executable", err)
	}
	binDir := t.TempDir()
	bin := filepath.Join(binDir, "sqlite.test")
	copyExecutable(t, self, bin)
	for _, d := range []string{filepath.Dir(dir), filepath.Dir(binDir), binDir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Chmod", err)
		}
	}
	cmd := exec.Command(bin, "-test.run=^TestCheckOnStart_Unreadable$", "-test.count=1", "-test.v")
	cmd.Dir = binDir
	cmd.Env = []string{unreadableDirEnv + "=" + dir, "HOME=" + binDir, "PATH=" + os.Getenv("PATH")}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	t.Logf("child test as nobody:\n%s", out)
	if err != nil {
		t.Errorf("Got(%q) = %v, want nil error", "child test as nobody", err)
	}
}

func checkUnreadable(t *testing.T, dir string) {
	path := filepath.Join(dir, sqlite.FileName)
	h, err := sqlite.CheckOnStart(context.Background(), path, time.Date(2026, 3, 2, 10, 15, 0, 0, time.Local))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "CheckOnStart", err)
	}
	if h.State != sqlite.HealthUnreadable || h.Usable() || h.MovedTo != path+".damaged-20260302-101500" {
		t.Errorf("Got(%q) = %+v, want unreadable, moved aside", "CheckOnStart", h)
	}
	if _, err := os.Lstat(h.MovedTo); err != nil {
		t.Errorf("Got(%q) = %v, want the file kept", "Lstat moved", err)
	}
}
