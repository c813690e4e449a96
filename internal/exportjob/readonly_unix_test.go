//go:build unix

package exportjob_test

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"pasapas/internal/account"
	"pasapas/internal/export"
	"pasapas/internal/exportjob"
	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
)

// readOnlyDirEnv tells a child test process, running as an ordinary user,
// which prepared folder to check.
const readOnlyDirEnv = "PASAPAS_TEST_EXPORT_READONLY_DIR"

// nobody is the user the child process runs as when the tests run as
// root, for whom permissions do not apply.
const nobody = 65534

// emptySource reads a centre with no activity.
type emptySource struct{}

func (emptySource) ReportData(context.Context, report.Query) (report.Data, error) {
	return report.Data{}, nil
}
func (emptySource) Beneficiary(context.Context, int64) (journal.Beneficiary, error) {
	return journal.Beneficiary{}, failure.Errorf(failure.NotFound, "beneficiary", "none")
}
func (emptySource) Accounts(context.Context) ([]account.Account, error) { return nil, nil }

// A folder the user cannot write gives FolderReadOnly naming the folder —
// "cannot write in folder X" — never "no such file or directory", and
// leaves nothing. As root permissions do not apply, so the check runs in
// a child process as "nobody".
func TestJob_Run_ReadOnlyFolder(t *testing.T) {
	if dir := os.Getenv(readOnlyDirEnv); dir != "" {
		checkReadOnly(t, dir)
		return
	}
	root := t.TempDir()
	locked := filepath.Join(root, "locked")
	check(t, "Mkdir", os.Mkdir(locked, 0o555))
	t.Cleanup(func() { os.Chmod(locked, 0o755) }) // so that the temporary folder can be removed
	if os.Geteuid() != 0 {
		checkReadOnly(t, root)
		return
	}
	runAsNobody(t, root)
}

func checkReadOnly(t *testing.T, root string) {
	locked := filepath.Join(root, "locked")
	job := exportjob.Job{Source: emptySource{}, Documents: func() (string, error) { return locked, nil }}
	tests := []struct {
		name   string
		r      exportjob.Request
		folder string
	}{
		{"the folder", exportjob.Request{Dir: locked}, locked},
		{"the Documents folder", exportjob.Request{}, locked},
		{"a folder to create in it", exportjob.Request{Dir: filepath.Join(locked, "exports")}, filepath.Join(locked, "exports")},
		{"a file in it", exportjob.Request{Path: filepath.Join(locked, "out.xlsx")}, locked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.r.Spec = export.Spec{What: export.WhatActivities, Format: export.XLSX}
			tt.r.Period = october
			_, err := job.Run(context.Background(), tt.r)
			var e *exportjob.Error
			if !errors.As(err, &e) || e.Reason != exportjob.FolderReadOnly || e.Folder != tt.folder ||
				failure.KindOf(err) != failure.ReadOnly {
				t.Fatalf("Got(Run) = %v, want FolderReadOnly of %s (kind read_only)", err, tt.folder)
			}
			want := "cannot write in folder " + tt.folder + ": permission denied"
			if err.Error() != want || strings.Contains(err.Error(), "no such file") {
				t.Errorf("Got(error) = %q, want %q", err, want)
			}
		})
	}
	if es, err := os.ReadDir(locked); err != nil || len(es) != 0 {
		t.Errorf("Got(locked folder) = %d entries, %v, want it empty", len(es), err)
	}
}

// runAsNobody runs TestJob_Run_ReadOnlyFolder again in a child process
// as the user nobody, on the folder prepared under root.
func runAsNobody(t *testing.T, root string) {
	t.Helper()
	// The test binary may sit in a folder only root can enter: copy it.
	self, err := os.Executable()
	check(t, "os.Executable", err)
	binDir := t.TempDir()
	bin := filepath.Join(binDir, "exportjob.test")
	src, err := os.Open(self)
	check(t, "Open", err)
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	check(t, "Create", err)
	_, err = io.Copy(dst, src)
	check(t, "Copy", err)
	check(t, "Close", dst.Close())
	for _, dir := range []string{filepath.Dir(root), root, filepath.Dir(binDir), binDir} {
		check(t, "Chmod", os.Chmod(dir, 0o755))
	}
	cmd := exec.Command(bin, "-test.run=^TestJob_Run_ReadOnlyFolder$", "-test.count=1", "-test.v")
	cmd.Dir = binDir
	cmd.Env = []string{readOnlyDirEnv + "=" + root, "HOME=" + binDir, "PATH=" + os.Getenv("PATH")}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	t.Logf("child test as nobody:\n%s", out)
	if err != nil {
		t.Errorf("Got(%q) = %v, want nil error; output:\n%s", "child test as nobody", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestJob_Run_ReadOnlyFolder") {
		t.Errorf("Got(child test) = no PASS line, want the checks run as nobody")
	}
}
