package browser

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"pasapas/internal/screen"
)

// fakeScript is a browser that records its arguments, "downloads" a
// document into the folder its preferences name (and leaves a download
// under way beside it), starts three helpers — one in the browser's
// process group, one in a session of its own, as Chromium's zygote and
// crash handler may, and one left in its group by a parent that exited —
// and stays open like a window. Its command line keeps the
// profile, as a real browser's does.
const fakeScript = `#!/bin/sh
state=STATE
printf '%s\n' "$@" > "$state/args.$$"
for a in "$@"; do case $a in --user-data-dir=*) profile=${a#--user-data-dir=};; esac; done
dl=$(sed -n 's/.*"download":{"default_directory":"\([^"]*\)".*/\1/p' "$profile/Default/Preferences")
echo '%PDF-1.4 attestation' > "$dl/attestation.pdf"
echo 'half' > "$dl/Unconfirmed 42.crdownload"
sleep 60 &
echo $! >> "$state/helpers.$$"
setsid sleep 60 &
echo $! >> "$state/helpers.$$"
(sleep 60 & echo $! >> "$state/helpers.$$")
echo $$ > "$state/ready.$$"
wait
`

// fake is a fake browser and the folder where it reports.
type fake struct {
	state string
	prog  Program
}

// newFake writes a fake browser with body (fakeScript when "") named
// chromium.
func newFake(t *testing.T, body string) *fake {
	t.Helper()
	if body == "" {
		body = fakeScript
	}
	state := t.TempDir()
	path := filepath.Join(t.TempDir(), "chromium")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(body, "STATE", state)), 0o700); err != nil {
		t.Fatal(err)
	}
	return &fake{state: state, prog: Program{Name: "chromium", Path: path, Family: Chromium}}
}

func (f *fake) find() (Program, error) { return f.prog, nil }

// started returns the pids of the fake browsers started so far.
func (f *fake) started(t *testing.T) []int {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(f.state, "ready.*"))
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for _, p := range m {
		pid, err := strconv.Atoi(strings.TrimPrefix(filepath.Ext(p), "."))
		if err != nil {
			t.Fatal(err)
		}
		pids = append(pids, pid)
	}
	slices.Sort(pids)
	return pids
}

// ready waits until the fake browser pid is up, and returns its arguments
// and helpers.
func (f *fake) ready(t *testing.T, pid int) (args []string, helpers []int) {
	t.Helper()
	id := strconv.Itoa(pid)
	eventually(t, "the fake browser "+id+" is up", func() bool {
		_, err := os.Stat(filepath.Join(f.state, "ready."+id))
		return err == nil
	})
	b, err := os.ReadFile(filepath.Join(f.state, "args."+id))
	if err != nil {
		t.Fatal(err)
	}
	args = strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	b, err = os.ReadFile(filepath.Join(f.state, "helpers."+id))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range strings.Fields(string(b)) {
		p, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		helpers = append(helpers, p)
	}
	return args, helpers
}

// eventually fails the test when cond is not true within five seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// runs reports whether pid is a live process (not a zombie), read from
// /proc independently of the package's code.
func runs(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(b, ')')
	return i >= 0 && i+2 < len(b) && b[i+2] != 'Z' && b[i+2] != 'X'
}

// flag returns the value of --name=value in args.
func flag(args []string, name string) string {
	for _, a := range args {
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v
		}
	}
	return ""
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestLauncher_Open(t *testing.T) {
	tests := []struct {
		name        string
		euid        int
		at          screen.Rect
		wantSandbox bool
	}{
		{name: "as a user", euid: 1000, at: screen.Rect{X: 480, Y: 0, W: 800, H: 720}, wantSandbox: true},
		{name: "as root", euid: 0, at: screen.Rect{X: 0, Y: 24, W: 1024, H: 744}, wantSandbox: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, "")
			dir := filepath.Join(t.TempDir(), "visit")
			l := &Launcher{Dir: dir, Find: f.find, Geteuid: func() int { return tt.euid }}
			t.Cleanup(l.CloseAll)
			if err := l.Open(mustURL(t, "https://www.ameli.fr/assure"), tt.at); err != nil {
				t.Fatalf("Open() = %v", err)
			}
			pids := l.PIDs()
			if len(pids) != 1 {
				t.Fatalf("PIDs() = %v, want one browser", pids)
			}
			args, helpers := f.ready(t, pids[0])

			if got := args[len(args)-1]; got != "https://www.ameli.fr/assure" {
				t.Errorf("last argument = %q, want the site", got)
			}
			pos := pair(tt.at.X, tt.at.Y)
			size := pair(tt.at.W, tt.at.H)
			if flag(args, "--window-position") != pos || flag(args, "--window-size") != size {
				t.Errorf("placement = %q %q, want %s and %s", flag(args, "--window-position"), flag(args, "--window-size"), pos, size)
			}
			if got := slices.Contains(args, "--no-sandbox"); got == tt.wantSandbox {
				t.Errorf("--no-sandbox given = %v as uid %d, want %v", got, tt.euid, !tt.wantSandbox)
			}
			if slices.Contains(args, "--incognito") {
				t.Errorf("--incognito given: the download folder would be ignored")
			}
			profile := flag(args, "--user-data-dir")
			visitDir := filepath.Dir(profile)
			if filepath.Base(profile) != "profile" || filepath.Dir(visitDir) != dir || !strings.HasPrefix(filepath.Base(visitDir), "visit-") {
				t.Fatalf("profile %s, want %s/visit-*/profile", profile, dir)
			}
			for _, d := range []string{dir, visitDir} {
				fi, err := os.Stat(d)
				if err != nil || fi.Mode().Perm() != 0o700 {
					t.Errorf("Stat(%s) = %v, want a 0700 folder", d, err)
				}
			}

			// Running, and the tree holds the helpers: the one in its
			// own session, the orphan left in the group.
			if !l.Running() {
				t.Errorf("Running() = false with the browser up")
			}
			tree := l.Tree()
			for _, p := range append([]int{pids[0]}, helpers...) {
				if !slices.Contains(tree, p) {
					t.Errorf("Tree() = %v, want %d in it (browser %d, helpers %v)", tree, p, pids[0], helpers)
				}
			}

			// The record names the browser and the visit.
			b, err := os.ReadFile(filepath.Join(dir, "running.json"))
			if err != nil {
				t.Fatalf("no record: %v", err)
			}
			r, ok, err := readRecord(dir)
			if !ok || err != nil || r.PID != pids[0] || r.Visit != visitDir || r.Program != f.prog.Path || r.Start == "" {
				t.Errorf("running.json = %s, want pid %d, visit %s, program and start", b, pids[0], visitDir)
			}

			// The fake followed the preferences: its document is listed,
			// the download under way is not.
			docs, err := l.Downloads()
			if err != nil || len(docs) != 1 || docs[0].Name != "attestation.pdf" ||
				docs[0].Path != filepath.Join(visitDir, "downloads", "attestation.pdf") || docs[0].Size != int64(len("%PDF-1.4 attestation\n")) {
				t.Errorf("Downloads() = %+v, %v; want attestation.pdf alone", docs, err)
			}
		})
	}
}

// pair writes a,b as Chromium's window flags do.
func pair(a, b int) string { return strconv.Itoa(a) + "," + strconv.Itoa(b) }

func TestLauncher_OpenTwice(t *testing.T) {
	f := newFake(t, "")
	l := &Launcher{Dir: t.TempDir(), Find: f.find}
	t.Cleanup(l.CloseAll)
	u := mustURL(t, "https://www.caf.fr")
	if err := l.Open(u, screen.Rect{W: 800, H: 600}); err != nil {
		t.Fatalf("Open() = %v", err)
	}
	first := l.PIDs()
	f.ready(t, first[0])
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for range 3 {
		wg.Go(func() { errs <- l.Open(u, screen.Rect{X: 10, W: 800, H: 600}) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("Open() again = %v, want nil", err)
		}
	}
	if got := f.started(t); len(got) != 1 || !slices.Equal(l.PIDs(), first) {
		t.Fatalf("browsers started %v, PIDs() %v; want one browser, %v", got, l.PIDs(), first)
	}
}

func TestLauncher_CloseAll(t *testing.T) {
	f := newFake(t, "")
	dir := t.TempDir()
	l := &Launcher{Dir: dir, Find: f.find}
	if err := l.Open(mustURL(t, "https://www.impots.gouv.fr"), screen.Rect{W: 800, H: 600}); err != nil {
		t.Fatalf("Open() = %v", err)
	}
	pid := l.PIDs()[0]
	args, helpers := f.ready(t, pid)
	visitDir := filepath.Dir(flag(args, "--user-data-dir"))

	start := time.Now()
	l.CloseAll()
	t.Logf("CloseAll took %v", time.Since(start))
	for _, p := range append([]int{pid}, helpers...) {
		if runs(p) {
			t.Errorf("process %d still runs after CloseAll (browser %d, helpers %v)", p, pid, helpers)
		}
	}
	for _, p := range []string{visitDir, filepath.Join(dir, "running.json")} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s survived the end of the visit (%v)", p, err)
		}
	}
	if l.Running() || l.PIDs() != nil || l.Tree() != nil {
		t.Errorf("after CloseAll: Running %v, PIDs %v, Tree %v; want nothing", l.Running(), l.PIDs(), l.Tree())
	}
	if docs, err := l.Downloads(); docs != nil || err != nil {
		t.Errorf("Downloads() after CloseAll = %v, %v; want nothing", docs, err)
	}
	l.CloseAll() // again, with nothing left
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Errorf("folder after CloseAll holds %v (%v), want nothing", entries, err)
	}

	// The next visit starts afresh in another folder.
	if err := l.Open(mustURL(t, "https://www.impots.gouv.fr"), screen.Rect{}); err != nil {
		t.Fatalf("Open() after CloseAll = %v", err)
	}
	t.Cleanup(l.CloseAll)
	args2, _ := f.ready(t, l.PIDs()[0])
	if next := filepath.Dir(flag(args2, "--user-data-dir")); next == visitDir {
		t.Errorf("the next visit reuses the folder %s", next)
	}
}

func TestLauncher_CloseAllNothing(t *testing.T) {
	l := &Launcher{Dir: t.TempDir()}
	l.CloseAll()
	l.CloseAll()
	if l.Running() || l.Tree() != nil {
		t.Fatal("a launcher that opened nothing runs something")
	}
}

func TestLauncher_OnExit(t *testing.T) {
	// A browser that refuses to start, as Chromium run by root without
	// --no-sandbox does.
	f := newFake(t, "#!/bin/sh\necho started >> STATE/starts\necho 'Running as root without --no-sandbox is not supported. See https://crbug.com/638180.' >&2\nexit 1\n")
	type exit struct {
		err   error
		after time.Duration
	}
	exits := make(chan exit, 2)
	l := &Launcher{Dir: t.TempDir(), Find: f.find, OnExit: func(err error, after time.Duration) { exits <- exit{err, after} }}
	t.Cleanup(l.CloseAll)
	if err := l.Open(mustURL(t, "https://www.ants.gouv.fr"), screen.Rect{}); err != nil {
		t.Fatalf("Open() = %v", err)
	}
	var e exit
	select {
	case e = <-exits:
	case <-time.After(5 * time.Second):
		t.Fatal("OnExit not called for a browser that exits at once")
	}
	if e.err == nil || !strings.Contains(e.err.Error(), "--no-sandbox is not supported") || e.after > 3*time.Second {
		t.Fatalf("OnExit(%v, %v), want the browser's message and a short time", e.err, e.after)
	}
	if l.Running() {
		t.Error("Running() = true after the browser exited")
	}
	// Opening again starts it again, in the same visit.
	if err := l.Open(mustURL(t, "https://www.ants.gouv.fr"), screen.Rect{}); err != nil {
		t.Fatalf("Open() again = %v", err)
	}
	select {
	case <-exits:
	case <-time.After(5 * time.Second):
		t.Fatal("OnExit not called for the second start")
	}
	if b, err := os.ReadFile(filepath.Join(f.state, "starts")); err != nil || strings.Count(string(b), "started") != 2 {
		t.Fatalf("starts = %q, %v; want two", b, err)
	}
}

func TestLauncher_OnExitNotForCloseAll(t *testing.T) {
	f := newFake(t, "")
	called := make(chan error, 1)
	l := &Launcher{Dir: t.TempDir(), Find: f.find, OnExit: func(err error, _ time.Duration) { called <- err }}
	if err := l.Open(mustURL(t, "https://www.ants.gouv.fr"), screen.Rect{}); err != nil {
		t.Fatalf("Open() = %v", err)
	}
	f.ready(t, l.PIDs()[0])
	l.CloseAll()
	select {
	case err := <-called:
		t.Fatalf("OnExit(%v) called when CloseAll ended the browser", err)
	case <-time.After(400 * time.Millisecond):
	}
}

func TestLauncher_DownloadsKeptWhenReopened(t *testing.T) {
	// The visitor closes the browser and opens the site again: the
	// documents already downloaded stay.
	f := newFake(t, "#!/bin/sh\nfor a in \"$@\"; do case $a in --user-data-dir=*) p=${a#--user-data-dir=};; esac; done\necho doc > \"$p/../downloads/doc-$$.pdf\"\n")
	l := &Launcher{Dir: t.TempDir(), Find: f.find}
	t.Cleanup(l.CloseAll)
	for i := range 2 {
		if err := l.Open(mustURL(t, "https://www.ants.gouv.fr"), screen.Rect{}); err != nil {
			t.Fatalf("Open() = %v", err)
		}
		eventually(t, "the browser exits", func() bool { return !l.Running() })
		docs, err := l.Downloads()
		if err != nil || len(docs) != i+1 {
			t.Fatalf("Downloads() after %d starts = %+v, %v; want %d documents", i+1, docs, err, i+1)
		}
	}
}

func TestLauncher_OpenRefuses(t *testing.T) {
	f := newFake(t, "")
	none := func() (Program, error) { return Program{}, ErrNoBrowser }
	tests := []struct {
		name    string
		u       string
		find    func() (Program, error)
		dir     bool
		wantErr error
	}{
		{name: "plain http", u: "http://www.ameli.fr", find: f.find, dir: true},
		{name: "file", u: "file:///etc/passwd", find: f.find, dir: true},
		{name: "javascript", u: "javascript:alert(1)", find: f.find, dir: true},
		{name: "no host", u: "https:///x", find: f.find, dir: true},
		{name: "no browser", u: "https://www.ameli.fr", find: none, dir: true, wantErr: ErrNoBrowser},
		{name: "no folder", u: "https://www.ameli.fr", find: f.find},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &Launcher{Find: tt.find}
			if tt.dir {
				l.Dir = t.TempDir()
			}
			t.Cleanup(l.CloseAll)
			err := l.Open(mustURL(t, tt.u), screen.Rect{})
			if err == nil || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) {
				t.Fatalf("Open(%s) = %v, want an error (%v)", tt.u, err, tt.wantErr)
			}
			if l.Running() || len(f.started(t)) != 0 {
				t.Fatalf("Open(%s) started a browser", tt.u)
			}
			if tt.dir {
				if entries, _ := os.ReadDir(l.Dir); len(entries) != 0 {
					t.Errorf("Open(%s) left %v in the folder", tt.u, entries)
				}
			}
		})
	}
}

func TestLauncher_OpenNil(t *testing.T) {
	l := &Launcher{Dir: t.TempDir(), Find: newFake(t, "").find}
	if err := l.Open(nil, screen.Rect{}); err == nil || l.Running() {
		t.Fatalf("Open(nil) = %v, running %v; want an error and nothing started", err, l.Running())
	}
}

func TestInstalled_NoFallback(t *testing.T) {
	// Without any browser on PATH, the error says so: nothing falls back
	// on the system's default browser.
	t.Setenv("PATH", t.TempDir())
	_, err := Installed()
	if !errors.Is(err, ErrNoBrowser) {
		t.Fatalf("Installed() with an empty PATH = %v, want ErrNoBrowser", err)
	}
	l := &Launcher{Dir: t.TempDir()}
	if err := l.Open(mustURL(t, "https://www.ameli.fr"), screen.Rect{}); !errors.Is(err, ErrNoBrowser) {
		t.Fatalf("Open() with no browser = %v, want ErrNoBrowser", err)
	}
}
