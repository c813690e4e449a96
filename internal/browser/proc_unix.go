//go:build !windows

package browser

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// detach puts the browser in its own process group, so that closing it also
// closes the helper processes it starts.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// kill ends the browser's process group and waits briefly for it to go, so
// that its profile is no longer written when it is deleted.
func kill(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	if errors.Is(err, syscall.ESRCH) {
		return nil
	}
	for i := 0; i < 50; i++ {
		if syscall.Kill(-cmd.Process.Pid, 0) != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if errors.Is(err, os.ErrProcessDone) {
		return nil
	}
	return err
}
