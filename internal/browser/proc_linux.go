package browser

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// stat is what /proc/PID/stat says of a process.
type stat struct {
	pid, ppid, pgrp int
	state           byte   // R, S, D, Z…
	start           string // start time, in clock ticks after boot
}

// gone reports whether the process has ended (a zombie is waiting to be
// reaped, which may never happen when its parent was killed in a container
// whose first process does not reap).
func (s stat) gone() bool { return s.state == 'Z' || s.state == 'X' }

// readStat reads /proc/PID/stat.
func readStat(pid int) (stat, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return stat{}, false
	}
	return parseStat(pid, b)
}

// parseStat parses the content of /proc/PID/stat. The command's name, in
// parentheses, may hold spaces and parentheses: the fields start after the
// last ')'.
func parseStat(pid int, b []byte) (stat, bool) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return stat{}, false
	}
	f := strings.Fields(string(b[i+1:]))
	// f[0] is field 3 (state), f[1] field 4 (ppid), f[2] field 5 (pgrp),
	// f[19] field 22 (starttime).
	if len(f) < 20 || len(f[0]) != 1 {
		return stat{}, false
	}
	ppid, err1 := strconv.Atoi(f[1])
	pgrp, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil {
		return stat{}, false
	}
	return stat{pid: pid, ppid: ppid, pgrp: pgrp, state: f[0][0], start: f[19]}, true
}

// processes returns every running process.
func processes() []stat {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var all []stat
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if s, ok := readStat(pid); ok && !s.gone() {
			all = append(all, s)
		}
	}
	return all
}

// descend returns roots and every descendant of them in all.
func descend(all []stat, roots []int) []int {
	children := map[int][]int{}
	for _, s := range all {
		children[s.ppid] = append(children[s.ppid], s.pid)
	}
	seen := map[int]bool{}
	var out []int
	for len(roots) > 0 {
		p := roots[0]
		roots = roots[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		out = append(out, p)
		roots = append(roots, children[p]...)
	}
	return out
}

// tree returns pid, if it runs, every descendant of it, and the processes
// left in its process group (and their descendants), read from /proc.
func tree(pid int) []int {
	all := processes()
	var roots []int
	for _, s := range all {
		if s.pid == pid || s.pgrp == pid {
			roots = append(roots, s.pid)
		}
	}
	return descend(all, roots)
}

// members returns the processes of the process group pid (and their
// descendants), without pid itself.
func members(pid int) []int {
	all := processes()
	var roots []int
	for _, s := range all {
		if s.pgrp == pid && s.pid != pid {
			roots = append(roots, s.pid)
		}
	}
	return descend(all, roots)
}

// identity returns when pid started, which tells it from a later process
// given the same number; "" if it does not run.
func identity(pid int) string {
	s, ok := readStat(pid)
	if !ok || s.gone() {
		return ""
	}
	return s.start
}

// alive reports whether pid runs (a zombie does not).
func alive(pid int) bool {
	s, ok := readStat(pid)
	return ok && !s.gone()
}

// mentions reports whether the command line of pid holds dir as the start
// of a path (dir followed by a separator).
func mentions(pid int, dir string) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	return err == nil && dir != "" && bytes.Contains(b, []byte(dir+string(filepath.Separator)))
}

// ours reports whether pid is still the browser r describes: it runs, it
// started when recorded, and its command line names the visit folder. A pid
// given since to another program is never ours.
func ours(pid int, r record) bool {
	s, ok := readStat(pid)
	return ok && !s.gone() && pid > 1 && pid != os.Getpid() &&
		(r.Start == "" || s.start == r.Start) && mentions(pid, r.Visit)
}

// strays returns the processes whose command line names a path in the
// visit folder dir: a browser on its profile, even without a record.
func strays(dir string) []int {
	var out []int
	for _, s := range processes() {
		if s.pid != os.Getpid() && mentions(s.pid, dir) {
			out = append(out, s.pid)
		}
	}
	return out
}
