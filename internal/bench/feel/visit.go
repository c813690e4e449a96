package main

import (
	_ "embed"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

//go:embed site/index.html
var sitePage []byte

// Browser flags measured against the kiosk's own: what keeps a visit's
// memory low on 4 GB without breaking official sites (no JavaScript
// heap cap, no site isolation off: sites log visitors in).
var proposedFlags = []string{
	"--renderer-process-limit=2",
	"--disable-features=SpareRendererForSitePerProcess,Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,BackForwardCache,AutofillServerCommunication,InterestFeedContentSuggestions",
	"--disable-extensions",
	"--disable-component-extensions-with-background-pages",
	"--disable-default-apps",
	"--no-pings",
	"--disable-breakpad",
	"--in-process-gpu",
}

// visitMemory opens the official site from the kiosk (the ameli guide's
// first step, by keyboard) on a virtual screen with openbox, the site
// being a local page served over HTTPS to the real browser, and takes the
// peak PSS of the kiosk and its browser's processes together: once with
// the kiosk's browser flags, once with proposedFlags added.
func visitMemory(t *table, b builds, data string) error {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(sitePage)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the browser's probes of the address
	srv.StartTLS()
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	cur, err := visit(b, data, u.Host, nil)
	if err != nil {
		return err
	}
	pro, err := visit(b, data, u.Host, proposedFlags)
	if err != nil {
		return err
	}
	mib := func(kb int) string { return fmt.Sprintf("%d MiB", kb/1024) }
	t.add(fmt.Sprintf("visit, site open: PSS kiosk + browser (%d processes)", cur.procs), mib(cur.total),
		fmt.Sprintf("kiosk %s + browser %s; of 4 GiB", mib(cur.kiosk), mib(cur.total-cur.kiosk)), float64(cur.total)/(4<<20), "—")
	t.add(fmt.Sprintf("same, proposed browser flags (%d processes)", pro.procs), mib(pro.total),
		"kiosk's flags today "+mib(cur.total), float64(pro.total)/float64(cur.total), "lower")
	return nil
}

type visitMem struct{ total, kiosk, procs int }

func visit(b builds, data, host string, extra []string) (visitMem, error) {
	var m visitMem
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		return m, fmt.Errorf("no chromium (apt-get install chromium): %w", err)
	}
	tmp, err := os.MkdirTemp("", "feel-visit-")
	if err != nil {
		return m, err
	}
	defer os.RemoveAll(tmp)
	// The kiosk finds "chromium" on PATH: this one sends every host to
	// the local server.
	wrapper := "#!/bin/sh\nexec " + chromium + " --host-resolver-rules='MAP * " + host + "' --ignore-certificate-errors " +
		strings.Join(extra, " ") + ` "$@"` + "\n"
	if err := os.WriteFile(filepath.Join(tmp, "chromium"), []byte(wrapper), 0o755); err != nil {
		return m, err
	}
	x, err := startX(1366, 768)
	if err != nil {
		return m, err
	}
	defer x.stop()
	env := append(os.Environ(), "DISPLAY="+x.display, "HOME="+tmp, "LANG=fr_FR.UTF-8", "LIBGL_ALWAYS_SOFTWARE=1",
		"PATH="+tmp+string(os.PathListSeparator)+os.Getenv("PATH"))
	if ob, err := exec.LookPath("openbox"); err == nil {
		wm := exec.Command(ob)
		wm.Env = env
		if err := wm.Start(); err == nil {
			defer func() { wm.Process.Kill(); wm.Wait() }()
			time.Sleep(500 * time.Millisecond)
		}
	}
	s, err := dial(x.display)
	if err != nil {
		return m, err
	}
	defer s.close()
	k := exec.Command(b.kiosk, "--data", data, "--guide", "ameli-compte")
	k.Env = env
	if err := k.Start(); err != nil {
		return m, err
	}
	defer func() {
		for _, p := range tree(k.Process.Pid) {
			if p != k.Process.Pid {
				syscall.Kill(p, syscall.SIGKILL)
			}
		}
		k.Process.Kill()
		k.Wait()
	}()
	if _, err := s.window(30 * time.Second); err != nil {
		return m, err
	}
	time.Sleep(3 * time.Second)
	// « Commencer », four « Oui », « Ouvrir le site ».
	for range 6 {
		if err := s.key(keyReturn); err != nil {
			return m, err
		}
		time.Sleep(600 * time.Millisecond)
	}
	end := time.Now().Add(15 * time.Second)
	for time.Now().Before(end) {
		pids := tree(k.Process.Pid)
		total := 0
		for _, p := range pids {
			total += pss(p)
		}
		if total > m.total {
			m = visitMem{total: total, kiosk: pss(k.Process.Pid), procs: len(pids)}
		}
		time.Sleep(250 * time.Millisecond)
	}
	if m.procs < 2 {
		return m, fmt.Errorf("the browser did not start from the kiosk")
	}
	return m, nil
}

// tree returns root and its descendants.
func tree(root int) []int {
	ents, _ := os.ReadDir("/proc")
	parent := map[int]int{}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) > 2 {
			parent[pid], _ = strconv.Atoi(f[1])
		}
	}
	var out []int
	for pid := range parent {
		for p := pid; p > 1; p = parent[p] {
			if p == root {
				out = append(out, pid)
				break
			}
		}
	}
	return out
}

// pss returns the proportional set size of pid in kB.
func pss(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/smaps_rollup")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "Pss:" {
			v, _ := strconv.Atoi(f[1])
			return v
		}
	}
	return 0
}
