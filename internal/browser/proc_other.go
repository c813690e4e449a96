//go:build !linux && !windows

package browser

import (
	"errors"
	"syscall"
)

// tree returns pid if it runs: without /proc, its descendants are reached
// through its process group only.
func tree(pid int) []int {
	if alive(pid) {
		return []int{pid}
	}
	return nil
}

// members returns nothing: without /proc a process group's members are
// unknown (killing the group still reaches them).
func members(int) []int { return nil }

// identity returns "": the start time is not read on this system.
func identity(int) string { return "" }

// alive reports whether pid exists.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// ours reports false: without /proc the kiosk cannot prove a pid is still
// its browser, and a process it is not sure of is never killed.
func ours(int, record) bool { return false }

// strays returns nothing: command lines are not read on this system.
func strays(string) []int { return nil }
