package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pasapas/internal/cli"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errs bytes.Buffer
	code = cli.Run(args, &out, &errs)
	return code, out.String(), errs.String()
}

func TestRun_Demo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "données")
	code, stdout, stderr := run("demo", "--data", dir, "--months", "1", "--seed", "3")
	if code != 0 || stderr != "" {
		t.Fatalf("Got(demo) = %d, stderr %q, want 0 and no error", code, stderr)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^Demo data written to .*pasapas\.db \(seed 3, 1 months, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\):$`),
		regexp.MustCompile(`(?m)^  [1-9]\d* kiosk visits$`),
		regexp.MustCompile(`(?m)^  [1-9]\d* accompaniments$`),
		regexp.MustCompile(`(?m)^  demo-coordination +coordinator +[a-z2-9]{4}(-[a-z2-9]{4}){3}$`),
		regexp.MustCompile(`(?m)^  demo-camille +mediator +[a-z2-9]{4}(-[a-z2-9]{4}){3}$`),
	} {
		if !want.MatchString(stdout) {
			t.Errorf("Got(demo stdout) =\n%s\nwant a line matching %s", stdout, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "pasapas.db")); err != nil {
		t.Errorf("Got(Stat(pasapas.db)) = %v, want the database", err)
	}

	code, stdout, stderr = run("demo", "--data", dir, "--months", "1")
	if code != 1 || stdout != "" || !strings.Contains(stderr, "already holds activity") ||
		!strings.Contains(stderr, "pasapas.db") {
		t.Errorf("Got(demo a second time) = %d, stdout %q, stderr %q, want 1 and a clear refusal", code, stdout, stderr)
	}
}

func TestRun_DemoErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unknown flag", []string{"demo", "--data", dir, "--weeks", "3"}, 2, "usage: pasapasctl demo"},
		{"months not a number", []string{"demo", "--data", dir, "--months", "douze"}, 2, "usage: pasapasctl demo"},
		{"no month", []string{"demo", "--data", dir, "--months", "0"}, 2, "--months must be from 1 to 120"},
		{"too many months", []string{"demo", "--data", dir, "--months", "121"}, 2, "--months must be from 1 to 120"},
		{"seed 0", []string{"demo", "--data", dir, "--seed", "0"}, 2, "--seed at least 1"},
		{"negative seed", []string{"demo", "--data", dir, "--seed", "-1"}, 2, "usage: pasapasctl demo"},
		{"an extra argument", []string{"demo", "--data", dir, "now"}, 2, "with no other argument"},
		{"data is a file", []string{"demo", "--data", file, "--months", "1"}, 1, "pasapasctl: create data folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(tt.args...)
			if code != tt.code || stdout != "" || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("Got(Run(%q)) = %d, stdout %q, stderr %q, want %d and %q", tt.args, code, stdout, stderr,
					tt.code, tt.stderr)
			}
		})
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Errorf("Got(ReadDir after refused commands) = %d entries, %v, want only a-file", len(entries), err)
	}
}
