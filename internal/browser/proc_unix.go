//go:build !windows

package browser

import (
	"errors"
	"fmt"
	"os/exec"
	"syscall"
)

// prepare puts the browser in its own process group, so that closing it
// also closes the helper processes it starts.
func prepare(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// job ties the browser's processes to the kiosk on Windows; the process
// group does it here.
type job struct{}

// newJob does nothing here: the process group is set before the start.
func newJob(int) (*job, error) { return nil, nil }

// terminate does nothing here.
func (*job) terminate() error { return nil }

// close does nothing here.
func (*job) close() error { return nil }

// killTree kills the process pid, its process group and every descendant,
// and returns the processes it killed. When id is not the identity of pid
// any more (it ended and the number went to another program), only the
// processes left in its group are killed. The processes are first stopped,
// until no new one appears, so that none escapes by forking (Chromium's
// zygote and helpers), then killed.
func killTree(pid int, id string, _ *job) ([]int, error) {
	rootOurs := id == "" || identity(pid) == id
	collect := func() []int {
		if rootOurs {
			return tree(pid)
		}
		return members(pid)
	}
	var errs []error
	seen := map[int]bool{}
	var pids []int
	for range 5 {
		grew := false
		for _, p := range collect() {
			if seen[p] {
				continue
			}
			seen[p], grew = true, true
			pids = append(pids, p)
			if err := syscall.Kill(p, syscall.SIGSTOP); err != nil && !errors.Is(err, syscall.ESRCH) {
				errs = append(errs, fmt.Errorf("stop %d: %w", p, err))
			}
		}
		if !grew {
			break
		}
	}
	if g, err := syscall.Getpgid(pid); rootOurs && err == nil && g == pid {
		if err := syscall.Kill(-pid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
			errs = append(errs, fmt.Errorf("kill group %d: %w", pid, err))
		}
	}
	for _, p := range pids {
		if err := syscall.Kill(p, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
			errs = append(errs, fmt.Errorf("kill %d: %w", p, err))
		}
	}
	return pids, errors.Join(errs...)
}
