package cli_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"pasapas/internal/cli"
)

func TestRun(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // exact
		stderr string // contained in stderr; "" means stderr is empty
	}{
		{
			name:   "built-in library",
			args:   []string{"guides", "check"},
			stdout: "12 guides loaded, 0 errors, 0 warnings\n",
		},
		{
			name: "folder with broken guides",
			args: []string{"guides", "check", "testdata/broken"},
			code: 1,
			stdout: `testdata/broken/essai.fr.toml:3: error: unknown category "loisirs" (known: internet, sante, logement, argent, travail, papiers)
testdata/broken/syntaxe.fr.toml:10: error: not valid TOML: toml: line 10 (last key "steps.title"): strings cannot contain newlines
1 guides loaded, 2 errors, 0 warnings
`,
		},
		{
			name: "folder with warnings only",
			args: []string{"guides", "check", "testdata/warnings"},
			stdout: `testdata/warnings/long.fr.toml:11: warning: sentence of 16 words (at most 15): "Touchez le bouton « Ouvrir le site » pour voir la page du service public en ligne ici."
1 guides loaded, 0 errors, 1 warnings
`,
		},
		{
			name:   "folder that does not exist",
			args:   []string{"guides", "check", "testdata/absent"},
			code:   1,
			stderr: "pasapasctl: testdata/absent is not a readable folder\n",
		},
		{
			name:   "a file, not a folder",
			args:   []string{"guides", "check", "testdata/warnings/long.fr.toml"},
			code:   1,
			stderr: "pasapasctl: testdata/warnings/long.fr.toml is not a readable folder\n",
		},
		{name: "unknown command", args: []string{"guides", "list"}, code: 2, stderr: "usage:"},
		{name: "unknown topic", args: []string{"visits", "check"}, code: 2, stderr: "usage:"},
		{name: "no command", args: nil, code: 2, stderr: "usage:"},
		{name: "two folders", args: []string{"guides", "check", "testdata/broken", "testdata/warnings"}, code: 2, stderr: "usage:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := cli.Run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("Run(%q) = %d, want %d (stdout %q, stderr %q)", tt.args, code, tt.code, stdout.String(), stderr.String())
			}
			if got := stdout.String(); got != tt.stdout {
				t.Errorf("Run(%q) stdout =\n%s\nwant\n%s", tt.args, got, tt.stdout)
			}
			if got := stderr.String(); (tt.stderr == "" && got != "") || !strings.Contains(got, tt.stderr) {
				t.Errorf("Run(%q) stderr = %q, want %q", tt.args, got, tt.stderr)
			}
		})
	}
}

// Every problem line must be one that editors and CI jump to:
// "file:line: level: message".
func TestRun_ProblemLines(t *testing.T) {
	problem := regexp.MustCompile(`^testdata/[a-z]+/[a-z0-9-]+\.[a-z]{2}\.toml:[1-9][0-9]*: (error|warning): \S.*$`)
	summary := regexp.MustCompile(`^[0-9]+ guides loaded, [0-9]+ errors, [0-9]+ warnings$`)
	for _, dir := range []string{"testdata/broken", "testdata/warnings"} {
		t.Run(dir, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			cli.Run([]string{"guides", "check", dir}, &stdout, &stderr)
			lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
			if last := lines[len(lines)-1]; !summary.MatchString(last) {
				t.Errorf("Run(%q) last line = %q, want %q", dir, last, summary)
			}
			for _, l := range lines[:len(lines)-1] {
				if !problem.MatchString(l) {
					t.Errorf("Run(%q) line = %q, want %q", dir, l, problem)
				}
			}
		})
	}
}

func TestRun_Version(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		code, stdout, _ := runCtl(arg)
		if code != 0 || stdout != "pasapasctl dev\n" {
			t.Errorf("Run(%s) = %d, %q; want 0 and the version (dev outside the Makefile)", arg, code, stdout)
		}
	}
}
