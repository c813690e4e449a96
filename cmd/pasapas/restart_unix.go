//go:build !windows

package main

import (
	"os"
	"syscall"
)

// restart replaces this process with a fresh start of the program, with
// the same arguments.
func restart() error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	return syscall.Exec(exe, os.Args, os.Environ())
}
