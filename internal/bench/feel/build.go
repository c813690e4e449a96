package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// shipTags are the build tags of the program as shipped (the Makefile's
// TAGS): Fyne's emoji font left out.
const shipTags = "no_emoji"

// builds are the programs measured, built as they are shipped (stripped).
type builds struct {
	kiosk, ctl, bare string
}

func build(dir string) (builds, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return builds{}, err
	}
	b := builds{kiosk: filepath.Join(dir, "pasapas"), ctl: filepath.Join(dir, "pasapasctl"), bare: filepath.Join(dir, "bare")}
	for out, pkg := range map[string]string{b.kiosk: "./cmd/pasapas", b.ctl: "./cmd/pasapasctl", b.bare: "./internal/bench/bare"} {
		tags := ""
		if pkg == "./cmd/pasapas" {
			tags = shipTags
		}
		if err := run("go", "build", "-trimpath", "-tags", tags, "-ldflags", "-s -w", "-o", out, pkg); err != nil {
			return b, err
		}
	}
	return b, nil
}

// installed makes data an installed centre (accounts, a month of
// activity) when it is not one yet: the kiosk then starts on its welcome.
func installed(b builds, data string) error {
	if _, err := os.Stat(filepath.Join(data, "pasapas.db")); err == nil {
		return nil
	}
	return run(b.ctl, "demo", "--data", data, "--months", "1", "--seed", "1")
}

func run(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	if out, err := cmd.Output(); err != nil {
		return fmt.Errorf("%s %v: %w\n%s", name, args, err, out)
	}
	return nil
}
