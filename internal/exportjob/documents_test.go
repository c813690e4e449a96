package exportjob

import (
	"errors"
	"io/fs"
	"path/filepath"
	"runtime"
	"testing"
)

func TestLocator_Documents(t *testing.T) {
	const home = "/home/camille"
	file := func(content string) func(string) ([]byte, error) {
		return func(path string) ([]byte, error) {
			if path != home+"/.config/user-dirs.dirs" {
				return nil, fs.ErrNotExist
			}
			return []byte(content), nil
		}
	}
	noFile := func(string) ([]byte, error) { return nil, fs.ErrNotExist }
	says := func(out string, err error) func() (string, error) {
		return func() (string, error) { return out, err }
	}
	tests := []struct {
		name     string
		xdg      func() (string, error)
		readFile func(string) ([]byte, error)
		config   string // XDG_CONFIG_HOME
		want     string
	}{
		{"xdg-user-dir answers", says("/home/camille/Mes documents\n", nil), noFile, "", "/home/camille/Mes documents"},
		// xdg-user-dir prints the home folder when the user has none.
		{"xdg-user-dir says home", says(home+"\n", nil), file(`XDG_DOCUMENTS_DIR="$HOME/Dokumente"`), "",
			"/home/camille/Dokumente"},
		{"xdg-user-dir fails", says("", errors.New("exit status 1")), file(`XDG_DOCUMENTS_DIR="/srv/docs"`), "", "/srv/docs"},
		{"not installed, file", nil, file("# comment\nXDG_DESKTOP_DIR=\"$HOME/Bureau\"\nXDG_DOCUMENTS_DIR=\"$HOME/Documents partagés\"\n"),
			"", "/home/camille/Documents partagés"},
		{"the last line wins", nil, file("XDG_DOCUMENTS_DIR=\"$HOME/A\"\nXDG_DOCUMENTS_DIR=\"$HOME/B\"\n"), "", "/home/camille/B"},
		{"a commented line", nil, file(`#XDG_DOCUMENTS_DIR="$HOME/Ailleurs"`), "", "/home/camille/Documents"},
		{"set to home: none", nil, file(`XDG_DOCUMENTS_DIR="$HOME/"`), "", "/home/camille/Documents"},
		{"relative value", nil, file(`XDG_DOCUMENTS_DIR="Documents"`), "", "/home/camille/Documents"},
		{"no file", nil, noFile, "", "/home/camille/Documents"},
		{"XDG_CONFIG_HOME", nil, func(path string) ([]byte, error) {
			if path != "/etc/camille/user-dirs.dirs" {
				return nil, fs.ErrNotExist
			}
			return []byte(`XDG_DOCUMENTS_DIR="$HOME/Docs"`), nil
		}, "/etc/camille", "/home/camille/Docs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := locator{
				getenv: func(k string) string {
					if k == "XDG_CONFIG_HOME" {
						return tt.config
					}
					return ""
				},
				home:       func() (string, error) { return home, nil },
				readFile:   tt.readFile,
				xdgUserDir: tt.xdg,
			}
			if got, err := l.documents(); err != nil || got != tt.want {
				t.Errorf("Got(documents()) = %q, %v, want %q", got, err, tt.want)
			}
		})
	}
	noHome := locator{getenv: func(string) string { return "" }, readFile: noFile,
		home: func() (string, error) { return "", errors.New("$HOME is not defined") }}
	if got, err := noHome.documents(); err == nil {
		t.Errorf("Got(documents() without home) = %q, nil, want an error", got)
	}
}

// DefaultDir on this machine, for a user who never set a Documents
// folder: ~/Documents (on Windows, the known folder: an absolute path).
func TestDefaultDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	got, err := DefaultDir()
	if err != nil || !filepath.IsAbs(got) {
		t.Fatalf("Got(DefaultDir()) = %q, %v, want an absolute folder", got, err)
	}
	if want := filepath.Join(home, "Documents"); runtime.GOOS != "windows" && got != want {
		t.Errorf("Got(DefaultDir()) = %q, want %q", got, want)
	}
}
