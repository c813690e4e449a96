// Package browser opens the official sites for a kiosk visitor in a browser
// with a throwaway profile of its own, placed beside the kiosk's guide, and
// lists what the visitor downloaded; at the end of the visit it kills the
// browser with all its processes and deletes the profile and the downloads,
// so that the next person finds nobody logged in and no document left.
//
// Each visit has a folder under the launcher's folder (visit-*) holding the
// profile and the downloads; running.json there names the browser that
// runs, so that Recover can clean up after a crash before the next visit.
package browser

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"pasapas/internal/screen"
)

// Launcher opens the visit's browser and closes it. Its methods are safe
// for concurrent use; they may take time (starting, killing, reading
// folders) and belong off the UI goroutine.
type Launcher struct {
	// Dir is the folder under which every visit's folder lives; it is
	// created (0700) at the first Open.
	Dir string
	// Log receives what happens to the browser; nil discards it.
	Log *slog.Logger
	// OnExit, when set, is called on a goroutine of its own when the
	// browser exits by itself (the visitor closed it, or it failed to
	// start) — not when CloseAll ends it — with how long it ran and its
	// exit error, which quotes the end of what it wrote on its error
	// output.
	OnExit func(err error, after time.Duration)
	// Find returns the browser to start (Installed when nil).
	Find func() (Program, error)
	// Geteuid returns the kiosk's effective user id (os.Geteuid when nil):
	// Chromium run by root on Linux needs --no-sandbox.
	Geteuid func() int

	op    sync.Mutex // one Open or CloseAll at a time
	mu    sync.Mutex // guards visit and run
	visit *visit
	run   *run
}

// visit is the folder of the visit under way.
type visit struct {
	dir       string // Dir/visit-*
	profile   string // dir/profile
	downloads string // dir/downloads
}

// run is a browser process started for the visit.
type run struct {
	cmd     *exec.Cmd
	pid     int
	id      string // identity(pid) at the start
	job     *job
	prog    Program
	started time.Time
	stderr  *tail
	said    chan struct{} // closed when its error output is closed
	done    chan struct{} // closed when it has exited
	closing bool          // CloseAll ends it (guarded by Launcher.mu)
}

// exited reports whether the process has exited.
func (r *run) exited() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

func (l *Launcher) log() *slog.Logger {
	if l.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l.Log
}

// Open opens u, which must be an https address, in the visit's browser,
// its window at at (the browser's own choice when at is empty). When the
// visit's browser already runs it does nothing and returns nil: the window
// system brings the existing window forward. Otherwise it starts the
// browser on the visit's folder — made at the first Open of a visit, kept
// when the visitor closed the browser and opens it again — with downloads
// going to the visit's downloads folder without asking. Its error wraps
// ErrNoBrowser when no private browser is installed.
func (l *Launcher) Open(u *url.URL, at screen.Rect) error {
	if u == nil {
		return errors.New("browser: no address to open")
	}
	if u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("browser: refusing to open %q: not an https address", u.String())
	}
	l.op.Lock()
	defer l.op.Unlock()
	l.mu.Lock()
	old := l.run
	l.mu.Unlock()
	if old != nil && !old.exited() {
		return nil
	}
	if l.Dir == "" {
		return errors.New("browser: no folder for the visits")
	}
	find := l.Find
	if find == nil {
		find = Installed
	}
	prog, err := find()
	if err != nil {
		return err
	}
	if old != nil {
		// The visitor closed the browser: whatever it left behind goes.
		l.end(old)
	}
	v, err := l.openVisit()
	if err != nil {
		return err
	}
	if err := writePrefs(prog, v.profile, v.downloads); err != nil {
		return err
	}
	geteuid := l.Geteuid
	if geteuid == nil {
		geteuid = os.Geteuid
	}
	r, err := l.start(prog, commandLine(prog, runtime.GOOS, geteuid() == 0, v.profile, at, u.String()))
	if err != nil {
		return err
	}
	l.mu.Lock()
	l.run = r
	l.mu.Unlock()
	if err := writeRecord(filepath.Dir(v.dir), record{PID: r.pid, Start: r.id, Program: prog.Path, Visit: v.dir}); err != nil {
		l.log().Error("browser not recorded: a crash would leave it running until the next start", "err", err)
	}
	l.log().Info("browser started", "browser", prog.Name, "pid", r.pid, "at", at.String())
	go l.wait(r)
	return nil
}

// openVisit returns the visit's folder, making it when the visit has none.
func (l *Launcher) openVisit() (*visit, error) {
	l.mu.Lock()
	v := l.visit
	l.mu.Unlock()
	if v != nil {
		return v, nil
	}
	dir, err := filepath.Abs(l.Dir)
	if err == nil {
		err = os.MkdirAll(dir, 0o700)
	}
	if err != nil {
		return nil, fmt.Errorf("browser: visits folder: %w", err)
	}
	vdir, err := os.MkdirTemp(dir, "visit-")
	if err != nil {
		return nil, fmt.Errorf("browser: visit folder: %w", err)
	}
	v = &visit{dir: vdir, profile: filepath.Join(vdir, "profile"), downloads: filepath.Join(vdir, "downloads")}
	for _, d := range []string{v.profile, v.downloads} {
		if err := os.Mkdir(d, 0o700); err != nil {
			if rerr := removeAll(vdir); rerr != nil {
				err = errors.Join(err, rerr)
			}
			return nil, fmt.Errorf("browser: visit folder: %w", err)
		}
	}
	l.mu.Lock()
	l.visit = v
	l.mu.Unlock()
	return v, nil
}

// start starts prog with args, in its own process group (or job object),
// its error output kept for the log.
func (l *Launcher) start(prog Program, args []string) (*run, error) {
	cmd := exec.Command(prog.Path, args...)
	prepare(cmd)
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("browser: start %s: %w", prog.Name, err)
	}
	cmd.Stderr = pw
	err = cmd.Start()
	if cerr := pw.Close(); err == nil && cerr != nil {
		l.log().Warn("close the browser's error pipe", "err", cerr)
	}
	if err != nil {
		if cerr := pr.Close(); cerr != nil {
			err = errors.Join(err, cerr)
		}
		return nil, fmt.Errorf("browser: start %s: %w", prog.Name, err)
	}
	r := &run{cmd: cmd, pid: cmd.Process.Pid, id: identity(cmd.Process.Pid), prog: prog, started: time.Now(),
		stderr: &tail{max: 2048}, said: make(chan struct{}), done: make(chan struct{})}
	if r.job, err = newJob(r.pid); err != nil {
		l.log().Warn("browser not tied to the kiosk: closing it relies on its process tree", "err", err)
	}
	go func() {
		defer close(r.said)
		if _, err := io.Copy(r.stderr, pr); err != nil {
			l.log().Warn("read the browser's error output", "err", err)
		}
		if err := pr.Close(); err != nil {
			l.log().Warn("close the browser's error pipe", "err", err)
		}
	}()
	return r, nil
}

// wait reaps r and tells OnExit when it exits by itself.
func (l *Launcher) wait(r *run) {
	err := r.cmd.Wait()
	after := time.Since(r.started)
	close(r.done)
	l.mu.Lock()
	closing := r.closing
	l.mu.Unlock()
	if closing {
		return
	}
	select {
	case <-r.said: // helpers that outlive it keep the pipe open
	case <-time.After(300 * time.Millisecond):
	}
	said := r.stderr.String()
	if err != nil && said != "" {
		err = fmt.Errorf("%w; it said: %s", err, said)
	}
	l.log().Info("browser exited by itself", "browser", r.prog.Name, "pid", r.pid, "after", after.Round(time.Millisecond), "err", err, "said", said)
	if l.OnExit != nil {
		l.OnExit(err, after)
	}
}

// Running reports whether the visit's browser process runs.
func (l *Launcher) Running() bool {
	l.mu.Lock()
	r := l.run
	l.mu.Unlock()
	return r != nil && !r.exited()
}

// PIDs returns the pid of the visit's browser, or none when it does not
// run.
func (l *Launcher) PIDs() []int {
	l.mu.Lock()
	r := l.run
	l.mu.Unlock()
	if r == nil || r.exited() {
		return nil
	}
	return []int{r.pid}
}

// Tree returns the pid of the visit's browser and of all its descendants
// (on Linux, with the processes left in its process group), whose windows
// are the site's; none when it does not run.
func (l *Launcher) Tree() []int {
	l.mu.Lock()
	r := l.run
	l.mu.Unlock()
	if r == nil || r.exited() {
		return nil
	}
	return tree(r.pid)
}

// CloseAll ends the visit: it kills the browser with all its processes,
// waits (a few seconds at most) for them to go, and deletes the visit's
// folder — profile and downloads — and the record. Errors are logged:
// there is nobody to show them to. It may be called many times, and when
// nothing runs.
func (l *Launcher) CloseAll() {
	l.op.Lock()
	defer l.op.Unlock()
	l.mu.Lock()
	r, v := l.run, l.visit
	l.run, l.visit = nil, nil
	if r != nil {
		r.closing = true
	}
	l.mu.Unlock()
	if r != nil {
		l.end(r)
	}
	if v == nil {
		return
	}
	if err := removeAll(v.dir); err != nil {
		l.log().Error("visit folder not deleted: the next start deletes it", "dir", v.dir, "err", err)
	}
	if err := removeRecord(filepath.Dir(v.dir)); err != nil {
		l.log().Error("remove the browser record", "err", err)
	}
	l.log().Info("visit closed: browser ended, profile and downloads deleted")
}

// end kills r with all its processes and waits for them to go.
func (l *Launcher) end(r *run) {
	l.mu.Lock()
	r.closing = true
	l.mu.Unlock()
	killed, err := killTree(r.pid, r.id, r.job)
	if err != nil {
		l.log().Error("kill the browser", "pid", r.pid, "err", err)
	}
	if err := waitGone(killed, closeWait); err != nil {
		l.log().Error("browser still running", "pid", r.pid, "err", err)
	}
	select {
	case <-r.done:
	case <-time.After(closeWait):
		l.log().Error("browser process not reaped", "pid", r.pid)
	}
	if err := r.job.close(); err != nil {
		l.log().Warn("release the browser's job object", "err", err)
	}
}
