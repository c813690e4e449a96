//go:build windows

package main

import (
	"os"
	"os/exec"
)

// restart starts the program again with the same arguments; this process
// then ends.
func restart() error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Start()
}
