//go:build !windows

package datadir_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pasapas/internal/datadir"
)

// A data folder that existed before with 0755 (every local account could
// read the beneficiaries and the password hashes): everything in it
// becomes the owner's only.
func TestPrivate_WidensNothingAndFixesAWiderFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pasapas")
	for _, d := range []string{dir, filepath.Join(dir, "backups"), filepath.Join(dir, "guides")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files := []string{"pasapas.db", "pasapas.db-wal", "pasapas.db-shm", "backups/pasapas-2026-12-01.db"}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(t.TempDir(), "centre-guides")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "guides", "partage")); err != nil {
		t.Fatal(err)
	}
	if err := datadir.Private(dir, nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range append(files, ".", "backups", "guides") {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		want := fs.FileMode(0o600)
		if st.IsDir() {
			want = 0o700
		}
		if st.Mode().Perm() != want {
			t.Errorf("Got(%q) = %v, want %v", f, st.Mode().Perm(), want)
		}
	}
	if st, _ := os.Stat(outside); st.Mode().Perm() != 0o755 {
		t.Errorf("a folder linked from the data folder was changed: %v", st.Mode().Perm())
	}
}

func TestOwnerOnly(t *testing.T) {
	datadir.OwnerOnly()
	f := filepath.Join(t.TempDir(), "new.db")
	if err := os.WriteFile(f, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(f); st.Mode().Perm() != 0o600 {
		t.Fatalf("a file created as 0666 after OwnerOnly is %v, want 0600", st.Mode().Perm())
	}
}

// lockHelper is the child process of TestLock: it tries to take the lock
// of the folder in PASAPAS_LOCK_DIR and holds it until killed.
func TestMain(m *testing.M) {
	if dir := os.Getenv("PASAPAS_LOCK_DIR"); dir != "" {
		if _, err := datadir.Lock(dir); err != nil {
			os.Stdout.WriteString("busy: " + err.Error() + "\n")
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func child(t *testing.T, dir string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PASAPAS_LOCK_DIR="+dir)
	out := &strings.Builder{}
	cmd.Stdout = out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	return cmd, out
}

func TestLock_OneCopyPerDataFolder(t *testing.T) {
	dir := t.TempDir()
	release, err := datadir.Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	// A second program on the same folder is refused.
	second, out := child(t, dir)
	if err := second.Wait(); err == nil || second.ProcessState.ExitCode() != 3 || !strings.Contains(out.String(), "another copy") {
		t.Fatalf("second copy: %v, %q; want refused", err, out.String())
	}
	// Released: the next one takes it.
	if err := release(); err != nil {
		t.Fatal(err)
	}
	holder, _ := child(t, dir)
	deadline := time.Now().Add(10 * time.Second)
	for {
		rel, err := datadir.Lock(dir)
		if err == datadir.ErrInUse {
			break
		}
		if err == nil { // the child has not taken it yet
			if err := rel(); err != nil {
				t.Fatal(err)
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the child never held the lock")
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The holder dies (kill -9): its lock goes with it, nothing stale.
	if err := holder.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_, _ = holder.Process.Wait()
	release, err = datadir.Lock(dir)
	if err != nil {
		t.Fatalf("after the holder died: %v, want the lock taken over", err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
}
