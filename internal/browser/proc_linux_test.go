package browser

import (
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

func TestParseStat(t *testing.T) {
	tail := " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 123456 0 0"
	tests := []struct {
		name string
		line string
		want stat
		ok   bool
	}{
		{name: "plain", line: "42 (chromium) S 1 42 42" + tail,
			want: stat{pid: 42, ppid: 1, pgrp: 42, state: 'S', start: "123456"}, ok: true},
		{name: "name with spaces and parentheses", line: "43 (Web Content) (x) Z 42 42 42" + tail,
			want: stat{pid: 43, ppid: 42, pgrp: 42, state: 'Z', start: "123456"}, ok: true},
		{name: "truncated", line: "44 (sh) S 1 44", ok: false},
		{name: "garbage", line: "nothing here", ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pid := tt.want.pid
			if pid == 0 {
				pid = 44
			}
			got, ok := parseStat(pid, []byte(tt.line+"\n"))
			if ok != tt.ok || (ok && got != tt.want) {
				t.Fatalf("parseStat(%q) = %+v, %v; want %+v, %v", tt.line, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestOurs(t *testing.T) {
	dir := t.TempDir()
	visitDir := filepath.Join(dir, "visit-12")
	start := func(args ...string) int {
		t.Helper()
		cmd := exec.Command("sh", append([]string{"-c", "sleep 60; :", "sh"}, args...)...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { // sh and its sleep
			if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
				t.Log(err)
			}
			if err := cmd.Wait(); err == nil {
				t.Log("sh exited by itself")
			}
		})
		return cmd.Process.Pid
	}
	browser := start("--user-data-dir=" + visitDir + "/profile")
	other := start("--user-data-dir=" + visitDir + "3/profile") // visit-123
	plain := start()
	eventually(t, "the command lines are set", func() bool {
		return mentions(browser, visitDir) && mentions(other, visitDir+"3")
	})
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		pid  int
		r    record
		want bool
	}{
		{name: "the browser", pid: browser, r: record{Start: identity(browser), Visit: visitDir}, want: true},
		{name: "the browser, start unknown", pid: browser, r: record{Visit: visitDir}, want: true},
		{name: "same command line, started at another time", pid: browser, r: record{Start: "1", Visit: visitDir}},
		{name: "another visit's folder sharing the prefix", pid: other, r: record{Start: identity(other), Visit: visitDir}},
		{name: "an unrelated process with its true start", pid: plain, r: record{Start: identity(plain), Visit: visitDir}},
		{name: "a process that ended", pid: dead.Process.Pid, r: record{Visit: visitDir}},
		{name: "no folder recorded", pid: browser, r: record{Start: identity(browser)}},
		{name: "init", pid: 1, r: record{Visit: "/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ours(tt.pid, tt.r); got != tt.want {
				t.Fatalf("ours(%d, %+v) = %v, want %v", tt.pid, tt.r, got, tt.want)
			}
		})
	}
}
