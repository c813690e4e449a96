//go:build e2e

package main

// The end-to-end test of the kiosk beside the official site, as a visitor
// meets it: the program as built for users (GL, X11) on a virtual screen
// with a real window manager (openbox) and a real browser (Chromium), run
// by `make e2e` (and so by `make test`), which installs them.
//
//	go test -tags e2e -count=1 -run '^TestE2E' -v ./cmd/pasapas

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"pasapas/internal/account"
	"pasapas/internal/display"
	"pasapas/internal/screen"
	"pasapas/internal/sqlite"
)

// childEnv makes the test binary run the program itself: the e2e test
// binary is built without -tags ci, with Fyne's real driver, so no second
// build of the program is needed.
const childEnv = "PASAPAS_E2E_PROGRAM"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

const (
	screenW, screenH = 1366, 768
	idle             = 20 * time.Second // --idle; the countdown is 30 s more
)

func TestE2E_GuideBesideTheSite(t *testing.T) {
	for _, p := range []string{"Xvfb", "openbox", "xdotool", "xprop", "chromium"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("%s is missing: run `make e2e` or `make test`, which install it (%v)", p, err)
		}
	}
	started := time.Now()
	// The kiosk opens on the ameli guide, in full screen; the site is
	// opened by keyboard; the guide becomes a column on the left, the site
	// the rest.
	conn, disp, data := desktop(t)
	app, kiosk := startApp(t, conn, disp, data)
	t.Logf("kiosk on screen after %v", time.Since(started).Round(time.Millisecond))
	browserWin, browserPids := openSite(t, conn, app, kiosk)
	split := screen.Share(whole, false)
	kf, _ := conn.Frame(kiosk)
	bf, _ := conn.Frame(browserWin)
	if kf.Overlaps(bf) || kf.W+bf.W != screenW || kf.H != screenH || bf.H != screenH {
		t.Fatalf("guide %v and site %v: they must not overlap and must cover the %dx%d screen together", kf, bf, screenW, screenH)
	}
	if above, err := conn.IsAbove(kiosk); err != nil || !above {
		t.Fatalf("the guide column is not kept above the site (%v)", err)
	}
	t.Logf("side by side after %v: guide %v, site %v", time.Since(started).Round(time.Millisecond), kf, bf)
	visitDirs := func() []string {
		m, _ := filepath.Glob(filepath.Join(data, "visit", "visit-*"))
		return m
	}
	if len(visitDirs()) != 1 {
		t.Fatalf("visit folders %v, want the visit's profile and downloads", visitDirs())
	}

	// The visitor types in the site for longer than the idle delay and the
	// countdown together: the visit stays, the site stays.
	if err := conn.Activate(browserWin); err != nil {
		t.Fatal(err)
	}
	typing := idle + 30*time.Second + 10*time.Second
	for end := time.Now().Add(typing); time.Now().Before(end); {
		xdotool(t, "type", "--delay", "50", "abc")
		time.Sleep(3 * time.Second)
	}
	if f, err := conn.Frame(kiosk); err != nil || f != split.Column {
		t.Fatalf("after typing in the site for %v: guide at %v (%v), want still the column %v", typing, f, err, split.Column)
	}
	if wins, _ := conn.WindowsOf(descendants(app.Process.Pid)); len(wins) == 0 {
		t.Fatalf("after typing in the site for %v: the browser is gone", typing)
	}

	// Nobody any more: the warning covers the screen above the site, then
	// the visit ends; the browser, its profile and its downloads go.
	waitFor(t, idle+10*time.Second, "the idle warning over the whole screen", func() bool {
		f, err := conn.Frame(kiosk)
		return err == nil && f == whole && alive(browserPids)
	})
	waitFor(t, 45*time.Second, "the browser closed and the visit's folder deleted", func() bool {
		return !alive(browserPids) && len(visitDirs()) == 0
	})
	if f, err := conn.Frame(kiosk); err != nil || f != whole {
		t.Fatalf("after the visit: kiosk at %v (%v), want the whole screen", f, err)
	}
	t.Logf("whole test %v", time.Since(started).Round(time.Second))
}

var whole = screen.Rect{W: screenW, H: screenH}

// desktop starts a virtual screen with openbox, connects to it, and returns
// the connection, the display's name and the data folder of an installed
// centre.
func desktop(t *testing.T) (*display.Conn, string, string) {
	t.Helper()
	disp := startX(t)
	t.Setenv("DISPLAY", disp)
	conn, err := display.Open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	data := t.TempDir()
	installed(t, data)
	return conn, disp, data
}

// installed makes data a set-up centre (a coordinator account): without
// one, the program opens on its installation, not on the kiosk.
func installed(t *testing.T, data string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(data, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := &account.Service{Store: db, Audit: db, Now: time.Now}
	if _, err := svc.Create(ctx, "coord", "Coordinatrice", account.Coordinator, "Centre-Social-2026", 0); err != nil {
		t.Fatal(err)
	}
}

// startApp starts the program on data, on the ameli guide, in full screen,
// and returns it with its window once that fills the screen.
func startApp(t *testing.T, conn *display.Conn, disp, data string) (*exec.Cmd, uintptr) {
	t.Helper()
	app := exec.Command(os.Args[0], "--data", data, "--guide", "ameli-compte", "--fullscreen", "--idle", idle.String())
	app.Env = append(os.Environ(), childEnv+"=1", "HOME="+t.TempDir(), "LANG=fr_FR.UTF-8", "DISPLAY="+disp)
	logf, err := os.Create(filepath.Join(t.TempDir(), "pasapas.log"))
	if err != nil {
		t.Fatal(err)
	}
	app.Stdout, app.Stderr = logf, logf
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = app.Process.Signal(syscall.SIGTERM)
		_, _ = app.Process.Wait()
		if t.Failed() {
			b, _ := os.ReadFile(logf.Name())
			t.Logf("program's log:\n%s", b)
		}
	})
	var kiosk uintptr
	waitFor(t, 30*time.Second, "the kiosk's window fills the screen", func() bool {
		wins, _ := conn.WindowsOf([]int{app.Process.Pid})
		if len(wins) == 0 {
			return false
		}
		kiosk = wins[0]
		f, err := conn.Frame(kiosk)
		return err == nil && f == whole
	})
	return app, kiosk
}

// openSite goes, by keyboard only, to the step that opens the site
// (Commencer, « Oui » for each checklist item, Suivant), presses Enter on
// « Ouvrir le site », which has the focus, and waits until the guide and
// the browser sit side by side. It returns the browser's window and
// processes.
func openSite(t *testing.T, conn *display.Conn, app *exec.Cmd, kiosk uintptr) (uintptr, []int) {
	t.Helper()
	checklist, siteStep := ameliGuide(t)
	keys := 1 + checklist + siteStep
	for i := 0; i < keys; i++ {
		xdotool(t, "key", "--window", fmt.Sprint(kiosk), "Return")
		time.Sleep(400 * time.Millisecond)
	}
	xdotool(t, "key", "--window", fmt.Sprint(kiosk), "Return")
	split := screen.Share(whole, false)
	var browserWin uintptr
	var browserPids []int
	waitFor(t, 90*time.Second, "the browser's window beside the guide column", func() bool {
		browserPids = descendants(app.Process.Pid)
		wins, _ := conn.WindowsOf(browserPids)
		if len(wins) == 0 {
			return false
		}
		browserWin = wins[0]
		kf, err1 := conn.Frame(kiosk)
		bf, err2 := conn.Frame(browserWin)
		return err1 == nil && err2 == nil && kf == split.Column && bf == split.Site
	})
	return browserWin, browserPids
}

// A power cut or a kill -9 while the site is open: the browser stays
// behind, logged in maybe. The next start closes it and deletes its
// profile and downloads before anyone sits down.
func TestE2E_CrashLeavesNothing(t *testing.T) {
	conn, disp, data := desktop(t)
	app, kiosk := startApp(t, conn, disp, data)
	_, browserPids := openSite(t, conn, app, kiosk)
	folders, _ := filepath.Glob(filepath.Join(data, "visit", "visit-*"))
	if len(folders) != 1 {
		t.Fatalf("visit folders %v, want one", folders)
	}
	if err := app.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_, _ = app.Process.Wait()
	time.Sleep(time.Second)
	if !alive(browserPids) {
		t.Fatal("the browser died with the kiosk: this test would prove nothing")
	}
	started := time.Now()
	startApp(t, conn, disp, data)
	waitFor(t, 20*time.Second, "the browser left by the crash closed and its folder deleted", func() bool {
		left, _ := filepath.Glob(filepath.Join(data, "visit", "visit-*"))
		return !alive(browserPids) && len(left) == 0
	})
	t.Logf("leftovers of the crash gone %v after the new start", time.Since(started).Round(time.Millisecond))
}

// ameliGuide reads the French ameli guide: its checklist length and the
// index of its first step that opens the site.
func ameliGuide(t *testing.T) (checklist, siteStep int) {
	var g struct {
		Checklist []struct{ ID string }
		Steps     []struct {
			Site bool `toml:"site"`
		}
	}
	if _, err := toml.DecodeFile("../../assets/guides/ameli-compte.fr.toml", &g); err != nil {
		t.Fatal(err)
	}
	for i, s := range g.Steps {
		if s.Site {
			return len(g.Checklist), i
		}
	}
	t.Fatal("the ameli guide has no step that opens the site")
	return 0, 0
}

// descendants returns pid's descendants, read from /proc.
func descendants(pid int) []int {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(fields) > 1 {
			pp, _ := strconv.Atoi(fields[1])
			children[pp] = append(children[pp], p)
		}
	}
	var out []int
	queue := children[pid]
	for len(queue) > 0 {
		p := queue[0]
		queue = append(queue[1:], children[p]...)
		out = append(out, p)
	}
	return out
}

// alive reports whether any of pids still runs (zombies do not count).
func alive(pids []int) bool {
	for _, p := range pids {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p))
		if err != nil {
			continue
		}
		s := string(b)
		if f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:]); len(f) > 0 && f[0] != "Z" {
			return true
		}
	}
	return false
}

func xdotool(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		t.Fatalf("xdotool %v: %v %s", args, err, out)
	}
}

func waitFor(t *testing.T, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("after %v, still waiting for %s", limit, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// startX starts Xvfb at 1366×768 on a free display and openbox on it,
// stopped at the end of the test; it returns the display's name.
func startX(t *testing.T) string {
	t.Helper()
	for n := 200 + os.Getpid()%100; ; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		name := ":" + strconv.Itoa(n)
		x := exec.Command("Xvfb", name, "-nolisten", "tcp", "-noreset", "-screen", "0", fmt.Sprintf("%dx%dx24", screenW, screenH))
		if err := x.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = x.Process.Signal(syscall.SIGTERM); _, _ = x.Process.Wait() })
		waitFor(t, 10*time.Second, "Xvfb "+name, func() bool {
			if !alive([]int{x.Process.Pid}) {
				t.Fatalf("Xvfb %s stopped at once (display taken?)", name)
			}
			// A real client's connection, not only the socket: the
			// socket accepts a moment before the server answers.
			return exec.Command("xprop", "-display", name, "-root", "-len", "1").Run() == nil
		})
		wm := exec.Command("openbox", "--sm-disable")
		wm.Env = append(os.Environ(), "DISPLAY="+name, "HOME="+t.TempDir())
		wmOut, err := os.Create(filepath.Join(t.TempDir(), "openbox.log"))
		if err != nil {
			t.Fatal(err)
		}
		wm.Stdout, wm.Stderr = wmOut, wmOut
		if err := wm.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = wm.Process.Signal(syscall.SIGTERM); _, _ = wm.Process.Wait() })
		waitFor(t, 20*time.Second, "openbox", func() bool {
			out, err := exec.Command("xprop", "-display", name, "-root", "_NET_SUPPORTING_WM_CHECK").Output()
			if err != nil || !strings.Contains(string(out), "window id") {
				if !alive([]int{wm.Process.Pid}) {
					b, _ := os.ReadFile(wmOut.Name())
					t.Fatalf("openbox stopped: %s", b)
				}
				return false
			}
			return true
		})
		time.Sleep(time.Second) // openbox says it is there a moment before it manages windows
		return name
	}
}

// A public kiosk holds: Alt+F4 (the window manager's close) leaves the
// kiosk on the whole screen; a second start on the same data shows why it
// does not start, in a window, and exits with 1.
func TestE2E_KioskHolds(t *testing.T) {
	conn, disp, data := desktop(t)
	app, kiosk := startApp(t, conn, disp, data)
	xdotool(t, "windowactivate", "--sync", fmt.Sprint(kiosk))
	xdotool(t, "key", "--clearmodifiers", "alt+F4")
	time.Sleep(2 * time.Second)
	if f, err := conn.Frame(kiosk); err != nil || f != whole || app.Process.Signal(syscall.Signal(0)) != nil {
		t.Fatalf("after Alt+F4: kiosk at %v (%v), want still the whole screen", f, err)
	}

	second := exec.Command(os.Args[0], "--data", data)
	second.Env = append(os.Environ(), childEnv+"=1", "HOME="+t.TempDir(), "LANG=fr_FR.UTF-8", "DISPLAY="+disp)
	var out strings.Builder
	second.Stdout, second.Stderr = &out, &out
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- second.Wait() }()
	var msg uintptr
	waitFor(t, 30*time.Second, "the window saying Pas à pas is already open", func() bool {
		wins, _ := conn.WindowsOf([]int{second.Process.Pid})
		if len(wins) > 0 {
			msg = wins[0]
		}
		return msg != 0
	})
	// Whoever reads it closes it (Alt+F4 here): the program ends with 1.
	xdotool(t, "windowactivate", "--sync", fmt.Sprint(msg))
	xdotool(t, "key", "--clearmodifiers", "alt+F4")
	select {
	case err := <-done:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(out.String(), "another copy") {
			t.Fatalf("second start: %v, output %q; want exit 1 saying another copy runs", err, out.String())
		}
	case <-time.After(20 * time.Second):
		_ = second.Process.Kill()
		t.Fatalf("the second start did not end after its window was closed; output %q", out.String())
	}
	if f, err := conn.Frame(kiosk); err != nil || f != whole {
		t.Fatalf("after the second start: kiosk at %v (%v), want still the whole screen", f, err)
	}
}
