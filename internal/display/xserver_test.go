//go:build !windows

package display

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"

	"pasapas/internal/screen"
)

// This file starts and stops the X servers and window managers of the
// tests.

// startXvfb starts Xvfb on a free display and returns its name. A display
// is free when no lock file names it: Xvfb makes /tmp/.XN-lock while it
// runs (as every X server and xvfb-run do), and removes it when stopped
// politely.
func startXvfb(t *testing.T, args []string) string {
	t.Helper()
	first := 100 + os.Getpid()%300
	for n := first; n < first+30; n++ {
		if taken(t, n) {
			continue
		}
		name := ":" + strconv.Itoa(n)
		logName := filepath.Join(t.TempDir(), "xvfb.log")
		log, err := os.Create(logName)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("Xvfb", append([]string{name, "-nolisten", "tcp", "-noreset"}, args...)...)
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting Xvfb: %v", err)
		}
		exited := stopProcess(t, cmd, "Xvfb "+name, log)
		socket := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
		deadline := time.After(10 * time.Second)
		for {
			select {
			case <-exited: // another server took the display meanwhile
			case <-deadline:
				t.Fatalf("Xvfb %s made no socket within 10 s", name)
			case <-time.After(waitStep):
				// The socket file shows a moment before the server
				// accepts connections on it.
				c, err := net.Dial("unix", socket)
				if err != nil {
					continue
				}
				if err := c.Close(); err != nil {
					t.Fatalf("closing a probe connection to %s: %v", name, err)
				}
				return name
			}
			break
		}
		b, err := os.ReadFile(logName)
		t.Logf("Xvfb %s stopped: %s%v", name, b, err)
	}
	t.Fatalf("no free display for Xvfb from :%d to :%d", first, first+29)
	return ""
}

// taken reports whether display n is in use: whether its lock file names
// a running process (a lock left by a server that was killed is no
// obstacle: Xvfb removes it).
func taken(t *testing.T, n int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/tmp/.X%d-lock", n))
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil {
		t.Logf("display :%d: %v", n, err)
		return true
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return true // not a lock this test understands: leave it be
	}
	return !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

// stopProcess makes the test's cleanup stop cmd, named what: politely
// (SIGTERM), so that Xvfb removes its lock file and socket, then by force
// after 5 s; and close its log. The channel it returns is closed when cmd
// has ended.
func stopProcess(t *testing.T, cmd *exec.Cmd, what string, log *os.File) <-chan struct{} {
	exited := make(chan struct{})
	go func() {
		// How it ended does not matter: the test stops it, or
		// notices that it stopped.
		_ = cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
			t.Errorf("stopping %s: %v", what, err)
		}
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			t.Errorf("%s did not stop within 5 s of SIGTERM: killing it", what)
			if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
				t.Errorf("killing %s: %v", what, err)
			}
			<-exited
		}
		closeFile(t, log)
	})
	return exited
}

// closeFile closes f, failing the test on an error.
func closeFile(t *testing.T, f *os.File) {
	if err := f.Close(); err != nil {
		t.Errorf("closing %s: %v", f.Name(), err)
	}
}

// startOpenbox starts openbox on the desk, with its default configuration,
// and waits until it has taken the screen.
func (d *desk) startOpenbox() {
	t := d.t
	t.Helper()
	need(t, "openbox")
	home := t.TempDir()
	cmd := exec.Command("openbox", "--sm-disable")
	cmd.Env = append(os.Environ(), "DISPLAY="+d.display, "HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"), "XDG_CACHE_HOME="+filepath.Join(home, "cache"))
	logName := filepath.Join(home, "openbox.log")
	log, err := os.Create(logName)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting openbox: %v", err)
	}
	exited := stopProcess(t, cmd, "openbox", log)
	// openbox sets _NET_SUPPORTING_WM_CHECK early in its start, and a
	// window mapped in the moments after may stay unmanaged for good: it
	// is ready when it manages a probe window, mapped again until it does.
	d.wm = true
	probe := d.bareWindow(screen.Rect{W: 10, H: 10})
	d.eventually(10*time.Second, func() (bool, string) {
		select {
		case <-exited:
			b, err := os.ReadFile(logName)
			t.Fatalf("openbox stopped: %s%v", b, err)
		default:
		}
		if err := xproto.UnmapWindowChecked(d.x, probe).Check(); err != nil {
			t.Fatalf("UnmapWindow: %v", err)
		}
		if err := xproto.MapWindowChecked(d.x, probe).Check(); err != nil {
			t.Fatalf("MapWindow: %v", err)
		}
		for range 20 {
			if st := d.prop32(probe, "WM_STATE"); len(st) > 0 && st[0] == 1 {
				return true, ""
			}
			time.Sleep(waitStep)
		}
		return false, "openbox manages a window"
	})
	if err := xproto.DestroyWindowChecked(d.x, probe).Check(); err != nil {
		t.Fatalf("DestroyWindow: %v", err)
	}
}
