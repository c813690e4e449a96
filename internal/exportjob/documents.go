package exportjob

import (
	"bufio"
	"bytes"
	"errors"
	"path/filepath"
	"strings"
)

// locator finds the user's Documents folder on a freedesktop system
// (Linux, BSD). Its fields are the system's functions, replaced in tests.
type locator struct {
	getenv   func(string) string
	home     func() (string, error)
	readFile func(string) ([]byte, error)
	// xdgUserDir runs "xdg-user-dir DOCUMENTS"; nil when that command is
	// not installed.
	xdgUserDir func() (string, error)
}

// documents returns the Documents folder: what "xdg-user-dir DOCUMENTS"
// says when installed, else XDG_DOCUMENTS_DIR of user-dirs.dirs (in
// $XDG_CONFIG_HOME, by default ~/.config), else ~/Documents. A value that
// is the home folder itself (the freedesktop way of saying "none") or not
// an absolute path is passed over. Only a missing home folder is an
// error.
func (l locator) documents() (string, error) {
	home, err := l.home()
	if err != nil {
		return "", err
	}
	if home == "" {
		return "", errors.New("no home folder")
	}
	usable := func(p string) bool {
		return filepath.IsAbs(p) && filepath.Clean(p) != filepath.Clean(home)
	}
	if l.xdgUserDir != nil {
		// A failing command falls back on reading its file ourselves.
		if out, err := l.xdgUserDir(); err == nil {
			if p := strings.TrimSpace(out); usable(p) {
				return filepath.Clean(p), nil
			}
		}
	}
	config := l.getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(config) {
		config = filepath.Join(home, ".config")
	}
	// A missing or unreadable file falls back on ~/Documents.
	if b, err := l.readFile(filepath.Join(config, "user-dirs.dirs")); err == nil {
		if p := userDir(b, "XDG_DOCUMENTS_DIR", home); usable(p) {
			return filepath.Clean(p), nil
		}
	}
	return filepath.Join(home, "Documents"), nil
}

// userDir returns the value of key in a user-dirs.dirs file, with
// "$HOME" replaced by home: the file holds lines such as
// XDG_DOCUMENTS_DIR="$HOME/Documents" (or an absolute path). It returns
// "" when key is not set.
func userDir(file []byte, key, home string) string {
	var value string
	sc := bufio.NewScanner(bytes.NewReader(file))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(line, "#") || strings.TrimSpace(k) != key {
			continue
		}
		v = strings.TrimSpace(v)
		v = strings.TrimSuffix(strings.TrimPrefix(v, `"`), `"`)
		switch {
		case v == "$HOME":
			v = home
		case strings.HasPrefix(v, "$HOME/"):
			v = filepath.Join(home, strings.TrimPrefix(v, "$HOME/"))
		}
		value = v // the last line wins, as in the shell
	}
	return value
}
