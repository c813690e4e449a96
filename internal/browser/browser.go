// Package browser opens the official sites for a kiosk visitor in a browser
// with a private, temporary profile, and closes it — deleting the profile —
// when the visit ends, so that the next person finds nobody logged in.
package browser

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"sync"
)

// Browser is a browser program and how to give it a throwaway profile.
type Browser struct {
	Name string
	Args func(profile, url string) []string
}

// Known returns the browsers tried, in order.
func Known() []Browser {
	chromium := func(profile, u string) []string {
		return []string{"--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
			"--disable-sync", "--incognito", "--new-window", u}
	}
	return []Browser{
		{Name: "chromium", Args: chromium},
		{Name: "chromium-browser", Args: chromium},
		{Name: "google-chrome", Args: chromium},
		{Name: "msedge", Args: func(profile, u string) []string {
			return []string{"--user-data-dir=" + profile, "--no-first-run", "--inprivate", u}
		}},
		{Name: "firefox", Args: func(profile, u string) []string {
			return []string{"--profile", profile, "--no-remote", "--private-window", u}
		}},
	}
}

// Launcher opens sites and remembers what to close.
type Launcher struct {
	// LookPath finds a program (exec.LookPath outside tests).
	LookPath func(string) (string, error)
	// Fallback opens a URL when no known browser is installed (the
	// system's default browser, which cannot be closed afterwards).
	Fallback func(*url.URL) error
	Log      *slog.Logger

	mu    sync.Mutex
	procs []*exec.Cmd
	dirs  []string
}

// Open opens u in a new private window with a fresh profile.
func (l *Launcher) Open(u *url.URL) error {
	if u.Scheme != "https" {
		return fmt.Errorf("browser: refusing to open %q: not https", u.String())
	}
	look := l.LookPath
	if look == nil {
		look = exec.LookPath
	}
	for _, b := range Known() {
		prog, err := look(b.Name)
		if err != nil {
			continue
		}
		dir, err := os.MkdirTemp("", "pasapas-browser-")
		if err != nil {
			return fmt.Errorf("browser: temporary profile: %w", err)
		}
		cmd := exec.Command(prog, b.Args(dir, u.String())...)
		detach(cmd)
		if err := cmd.Start(); err != nil {
			_ = os.RemoveAll(dir) // nothing was written to it yet
			return fmt.Errorf("browser: start %s: %w", b.Name, err)
		}
		l.mu.Lock()
		l.procs = append(l.procs, cmd)
		l.dirs = append(l.dirs, dir)
		l.mu.Unlock()
		go func() { _ = cmd.Wait() }() // reap; the exit status does not matter
		return nil
	}
	if l.Fallback == nil {
		return errors.New("browser: no browser found")
	}
	return l.Fallback(u)
}

// CloseAll ends every browser opened for the visit and deletes their
// profiles. Errors are logged: there is nobody to show them to.
func (l *Launcher) CloseAll() {
	l.mu.Lock()
	procs, dirs := l.procs, l.dirs
	l.procs, l.dirs = nil, nil
	l.mu.Unlock()
	for _, p := range procs {
		if err := kill(p); err != nil && l.Log != nil {
			l.Log.Warn("close browser", "err", err)
		}
	}
	for _, d := range dirs {
		if err := os.RemoveAll(d); err != nil && l.Log != nil {
			l.Log.Error("delete browser profile", "dir", d, "err", err)
		}
	}
}
