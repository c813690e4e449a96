//go:build !windows

package printer

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeLP puts on PATH an lp that records its arguments, NUL-separated, and
// exits with code after writing msg on its error output.
func fakeLP(t *testing.T, code int, msg string) (argsFile string) {
	t.Helper()
	bin := t.TempDir()
	argsFile = filepath.Join(t.TempDir(), "args")
	script := "#!/bin/sh\nprintf '%s\\0' \"$@\" > '" + argsFile + "'\n"
	if msg != "" {
		script += "echo '" + msg + "' >&2\n"
	}
	script += "exit " + string(rune('0'+code)) + "\n"
	if err := os.WriteFile(filepath.Join(bin, "lp"), []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	return argsFile
}

// document writes a document named name and returns its path.
func document(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte("%PDF-1.4\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPrint(t *testing.T) {
	names := []string{
		"attestation.pdf",
		"-d evil.pdf",
		"--help",
		"relevé de droits (2).pdf",
		`l'"avis" d'impôt.pdf`,
		"ligne\nsuivante.pdf",
		"$(touch pwned).pdf",
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			argsFile := fakeLP(t, 0, "")
			path := document(t, name)
			if err := Print(context.Background(), path); err != nil {
				t.Fatalf("Print(%q) = %v", path, err)
			}
			b, err := os.ReadFile(argsFile)
			if err != nil {
				t.Fatalf("lp not run: %v", err)
			}
			got := strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
			if len(got) != 2 || got[0] != "--" || got[1] != path {
				t.Fatalf("lp arguments = %q, want [\"--\" %q]", got, path)
			}
		})
	}
}

func TestPrint_Fails(t *testing.T) {
	tests := []struct {
		name    string
		lp      bool
		code    int
		msg     string
		path    func(t *testing.T) string
		wantIs  error
		wantMsg string
	}{
		{name: "no default printer", lp: true, code: 1, msg: "lp: Error - No default destination.",
			path: func(t *testing.T) string { return document(t, "a.pdf") }, wantMsg: "No default destination"},
		{name: "lp missing", path: func(t *testing.T) string { return document(t, "a.pdf") }, wantIs: ErrNoPrinter},
		{name: "document gone", lp: true,
			path: func(t *testing.T) string { return filepath.Join(t.TempDir(), "gone.pdf") }, wantIs: fs.ErrNotExist},
		{name: "a folder", lp: true, path: func(t *testing.T) string { return t.TempDir() }, wantMsg: "not a document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			argsFile := ""
			if tt.lp {
				argsFile = fakeLP(t, tt.code, tt.msg)
			} else {
				t.Setenv("PATH", t.TempDir())
			}
			err := Print(context.Background(), tt.path(t))
			if err == nil || (tt.wantIs != nil && !errors.Is(err, tt.wantIs)) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Fatalf("Print() = %v, want an error (%v, %q)", err, tt.wantIs, tt.wantMsg)
			}
			if tt.code == 0 && argsFile != "" {
				if _, err := os.Stat(argsFile); err == nil {
					t.Errorf("lp was run for a document it cannot print")
				}
			}
		})
	}
}

func TestPrint_Cancelled(t *testing.T) {
	argsFile := fakeLP(t, 0, "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Print(ctx, document(t, "a.pdf")); !errors.Is(err, context.Canceled) {
		t.Fatalf("Print() with a cancelled context = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(argsFile); err == nil {
		t.Fatal("lp was run after the context was cancelled")
	}
}
