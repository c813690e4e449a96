package browser

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fakeBrowser writes a script that records its arguments and stays open,
// like a browser window, and returns a LookPath that finds it as chromium.
func fakeBrowser(t *testing.T) (look func(string) (string, error), args string) {
	t.Helper()
	dir := t.TempDir()
	args = filepath.Join(dir, "args")
	script := filepath.Join(dir, "chromium")
	body := "#!/bin/sh\necho \"$@\" > " + args + "\nfor a in \"$@\"; do case $a in --user-data-dir=*) touch \"${a#--user-data-dir=}/Cookies\";; esac; done\nexec sleep 60\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	return func(name string) (string, error) {
		if name == "chromium" {
			return script, nil
		}
		return "", exec.ErrNotFound
	}, args
}

func TestLauncher_OpenAndCloseAll(t *testing.T) {
	look, argsFile := fakeBrowser(t)
	l := &Launcher{LookPath: look}
	u, _ := url.Parse("https://www.ameli.fr")
	if err := l.Open(u); err != nil {
		t.Fatal(err)
	}
	var args string
	for i := 0; i < 100 && args == ""; i++ {
		b, _ := os.ReadFile(argsFile)
		args = string(b)
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(args, "--incognito") || !strings.Contains(args, "https://www.ameli.fr") || !strings.Contains(args, "--user-data-dir=") {
		t.Fatalf("browser arguments = %q, want a private window on the site with its own profile", args)
	}
	profile := strings.TrimPrefix(strings.Fields(args)[0], "--user-data-dir=")
	if _, err := os.Stat(filepath.Join(profile, "Cookies")); err != nil {
		t.Fatalf("the browser did not write in its profile %s: %v", profile, err)
	}
	proc := l.procs[0].Process
	l.CloseAll()
	if _, err := os.Stat(profile); !os.IsNotExist(err) {
		t.Fatalf("the profile %s survived the end of the visit", profile)
	}
	time.Sleep(50 * time.Millisecond)
	if err := exec.Command("kill", "-0", strconv.Itoa(proc.Pid)).Run(); err == nil {
		t.Fatal("the browser still runs after CloseAll")
	}
}

func TestLauncher_RefusesPlainHTTPAndFallsBack(t *testing.T) {
	var fellBack []string
	l := &Launcher{LookPath: func(string) (string, error) { return "", exec.ErrNotFound },
		Fallback: func(u *url.URL) error { fellBack = append(fellBack, u.String()); return nil }}
	plain, _ := url.Parse("http://example.org")
	if err := l.Open(plain); err == nil {
		t.Fatal("Open accepted a plain http address")
	}
	u, _ := url.Parse("https://www.caf.fr")
	if err := l.Open(u); err != nil || len(fellBack) != 1 {
		t.Fatalf("Open without a known browser = %v, fallback %v; want the system browser", err, fellBack)
	}
}
