//go:build unix

package sqlite_test

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// readOnlyDirEnv tells a child test process, running as an ordinary user,
// which prepared folder to check.
const readOnlyDirEnv = "PASAPAS_TEST_READONLY_DIR"

// nobody is the user the child process runs as when the tests run as root,
// for whom permissions do not apply.
const nobody = 65534

// TestOpen_ReadOnlyFolder opens a database in a data folder the user cannot
// write: a new database, and one that already exists. Either Open or the
// first write must fail with failure.ReadOnly. As root, permissions do not
// stop writes, so the check runs in a child process as "nobody".
func TestOpen_ReadOnlyFolder(t *testing.T) {
	if dir := os.Getenv(readOnlyDirEnv); dir != "" {
		checkReadOnlyFolder(t, dir)
		return
	}

	root := t.TempDir()
	for _, name := range []string{"new", "existing"} {
		if err := os.Mkdir(filepath.Join(root, name), 0o755); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Mkdir", err)
		}
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(root, "existing", sqlite.FileName))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	// Nobody may write the folders nor the file; everyone may read them.
	readOnly := []struct {
		path string
		mode os.FileMode
	}{
		{filepath.Join(root, "existing", sqlite.FileName), 0o444},
		{filepath.Join(root, "existing"), 0o555},
		{filepath.Join(root, "new"), 0o555},
	}
	for _, p := range readOnly {
		if err := os.Chmod(p.path, p.mode); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Chmod", err)
		}
	}
	t.Cleanup(func() { // so that the temporary folder can be removed
		for _, p := range readOnly {
			os.Chmod(p.path, 0o755)
		}
	})

	if os.Geteuid() != 0 {
		checkReadOnlyFolder(t, root)
		return
	}
	runAsNobody(t, root)
}

func checkReadOnlyFolder(t *testing.T, root string) {
	ctx := context.Background()
	for _, name := range []string{"new", "existing"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(root, name, sqlite.FileName)
			db, err := sqlite.Open(ctx, path)
			t.Logf("Open: %v", err)
			if err == nil {
				defer db.Close()
				now := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
				err = db.SaveVisit(ctx, visit.Visit{Key: "k", Started: now, Updated: now, Lang: "fr", MaxTextSize: 1})
				t.Logf("SaveVisit: %v", err)
			}
			if got := failure.KindOf(err); got != failure.ReadOnly {
				t.Errorf("Got(%q) = %v, want %v (error: %v)", "KindOf(Open or SaveVisit)", got, failure.ReadOnly, err)
			}
		})
	}
}

// runAsNobody runs TestOpen_ReadOnlyFolder again in a child process as the
// user nobody, on the folders prepared under root.
func runAsNobody(t *testing.T, root string) {
	t.Helper()
	// The test binary may sit in a folder only root can enter: copy it.
	self, err := os.Executable()
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "os.Executable", err)
	}
	binDir := t.TempDir()
	bin := filepath.Join(binDir, "sqlite.test")
	copyExecutable(t, self, bin)
	for _, dir := range []string{filepath.Dir(root), root, filepath.Dir(binDir), binDir} {
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Chmod", err)
		}
	}

	cmd := exec.Command(bin, "-test.run=^TestOpen_ReadOnlyFolder$", "-test.count=1", "-test.v")
	cmd.Dir = binDir
	cmd.Env = []string{readOnlyDirEnv + "=" + root, "HOME=" + binDir, "PATH=" + os.Getenv("PATH")}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	t.Logf("child test as nobody:\n%s", out)
	if err != nil {
		t.Errorf("Got(%q) = %v, want nil error; output:\n%s", "child test as nobody", err, out)
	}
}

func copyExecutable(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open "+from, err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Create "+to, err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Copy", err)
	}
	if err := dst.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close "+to, err)
	}
}
