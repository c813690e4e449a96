package version_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// The version the Makefile gives the binaries is the one in FyneApp.toml,
// the single source of name, id and version.
func TestMakefileVersionIsFyneAppToml(t *testing.T) {
	var meta struct {
		Details struct{ Version string }
	}
	if _, err := toml.DecodeFile("../../FyneApp.toml", &meta); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("make", "-s", "-C", "../..", "print-version").Output()
	if err != nil {
		t.Fatalf("make print-version: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != meta.Details.Version || got == "" {
		t.Fatalf("Got(%q) = %q, want %q from FyneApp.toml", "make print-version", got, meta.Details.Version)
	}
}
