//go:build unix

package backup_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"pasapas/internal/backup"
	"pasapas/internal/sqlite"
)

// restoreChildEnv makes the test binary a child that restores a backup:
// "dataDir|file".
const restoreChildEnv = "PASAPAS_RESTORE_CHILD"

// TestRestore_KillNine kills a restore (kill -9) at random moments, 30
// times, some before it starts copying, some while it decrypts, applies
// erasures, keeps the safety copy or swaps: each time the database is
// whole, either the previous one or the restored one, never a mix, and a
// restore run after the kills succeeds.
func TestRestore_KillNine(t *testing.T) {
	if v := os.Getenv(restoreChildEnv); v != "" {
		dataDir, file, _ := strings.Cut(v, "|")
		fmt.Println("ready")
		start := time.Now()
		_, err := backup.RestoreWith(context.Background(), dataDir, file, time.Now(),
			backup.RestoreOptions{Passphrase: goodPassphrase, By: "child"})
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "RestoreWith", err)
		}
		fmt.Println("took", time.Since(start).Nanoseconds())
		return
	}
	ctx := context.Background()
	s, b := sealedBackup(t, 200, 150)
	// The previous database as the program leaves it: closed, in WAL mode.
	plain := filepath.Join(t.TempDir(), "plain.db")
	if _, err := backup.WriteFile(ctx, backup.File(s.Path()), plain, backup.Seal{Plain: true}); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
	db, err := sqlite.Open(ctx, plain)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	previous := fileFingerprint(t, plain)
	// What the backup holds: restore it once into another folder, timing
	// the restore itself to spread the kills over it.
	other := t.TempDir()
	out, err := child(b.Path, other).Output()
	if err != nil {
		t.Fatalf("Got(%q) = %v\n%s, want a restore", "child", err, out)
	}
	var ns int64
	if _, err := fmt.Sscanf(strings.TrimPrefix(string(out), "ready\n"), "took %d", &ns); err != nil || ns <= 0 {
		t.Fatalf("Got(%q) = %q, %v, want its duration", "child output", out, err)
	}
	whole := time.Duration(ns)
	restored := restoredFingerprint(t, filepath.Join(other, sqlite.FileName))

	rng := rand.New(rand.NewPCG(1, 2))
	outcomes := map[string]int{}
	for i := range 30 {
		// Start each cycle from the previous database (what a kill left
		// beside it stays).
		writeFile(t, s.Path(), mustRead(t, plain))
		cmd := child(b.Path, s.dataDir)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "StdoutPipe", err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Start", err)
		}
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err != nil || line != "ready\n" {
			t.Fatalf("Got(%q) = %q, %v, want ready", "child", line, err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(whole) * 6 / 5)))
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
			t.Fatalf("Got(%q) = %v, want nil error", "kill", err)
		}
		werr := cmd.Wait()
		if err := sqlite.CheckIntegrity(ctx, s.Path()); err != nil {
			t.Fatalf("cycle %d: Got(%q) = %v, want a whole database", i, "CheckIntegrity", err)
		}
		switch {
		case fileFingerprint(t, s.Path()) == previous:
			outcomes["previous"]++
		case restoredFingerprint(t, s.Path()) == restored:
			outcomes["restored"]++
		default:
			t.Fatalf("cycle %d (%v): Got(%q) = neither the previous database nor the backup", i, werr, "database")
		}
	}
	t.Logf("30 kills during a %v restore: %v", whole, outcomes)
	if _, err := backup.RestoreWith(ctx, s.dataDir, b.Path, time.Now(), backup.RestoreOptions{Passphrase: goodPassphrase}); err != nil {
		t.Fatalf("Got(%q) = %v, want a restore after the kills", "RestoreWith", err)
	}
}

func child(file, dataDir string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestRestore_KillNine$", "-test.count=1", "-test.v=false")
	cmd.Env = append(os.Environ(), restoreChildEnv+"="+dataDir+"|"+file)
	return cmd
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	return b
}
