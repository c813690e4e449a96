package datadir_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"pasapas/internal/datadir"
)

func TestResolve(t *testing.T) {
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config) // os.UserConfigDir on Linux and BSDs
	t.Setenv("AppData", config)         // on Windows
	base, err := os.UserConfigDir()
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "os.UserConfigDir", err)
	}
	if runtime.GOOS == "linux" && base != config {
		t.Fatalf("Got(%q) = %q, want %q", "os.UserConfigDir", base, config)
	}
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Getwd", err)
	}
	flagDir := filepath.Join(t.TempDir(), "from-flag")
	envDir := filepath.Join(t.TempDir(), "from-env")

	for _, tc := range []struct {
		name string
		flag string
		env  string
		want string
	}{
		{"flag beats env", flagDir, envDir, flagDir},
		{"env beats default", "", envDir, envDir},
		{"default", "", "", filepath.Join(base, "pasapas")},
		{"relative flag made absolute", "data", envDir, filepath.Join(cwd, "data")},
		{"relative env made absolute", "", "data", filepath.Join(cwd, "data")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			getenv := func(key string) string {
				if key == datadir.EnvVar {
					return tc.env
				}
				return ""
			}
			got, err := datadir.Resolve(tc.flag, getenv)
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "Resolve", err)
			}
			if got != tc.want {
				t.Errorf("Got(%q) = %q, want %q", "Resolve("+tc.flag+", "+tc.env+")", got, tc.want)
			}
		})
	}
}

func TestResolve_NoConfigFolder(t *testing.T) {
	// Without XDG_CONFIG_HOME nor HOME, Linux has no configuration folder.
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", "")
	if runtime.GOOS != "linux" {
		t.Setenv("AppData", "")
	}
	if _, err := os.UserConfigDir(); err == nil {
		t.Fatalf("Got(%q) = nil error, want no configuration folder on %s", "os.UserConfigDir", runtime.GOOS)
	}
	_, err := datadir.Resolve("", func(string) string { return "" })
	if err == nil || !strings.Contains(err.Error(), datadir.EnvVar) {
		t.Errorf("Got(%q) = %v, want an error that names %s", "Resolve", err, datadir.EnvVar)
	}
	// A flag or the variable still work.
	dir := filepath.Join(t.TempDir(), "pasapas")
	if got, err := datadir.Resolve(dir, func(string) string { return "" }); err != nil || got != dir {
		t.Errorf("Got(%q) = %q, %v, want %q", "Resolve(flag)", got, err, dir)
	}
	if got, err := datadir.Resolve("", func(string) string { return dir }); err != nil || got != dir {
		t.Errorf("Got(%q) = %q, %v, want %q", "Resolve(env)", got, err, dir)
	}
}

func TestCreate(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, dir string)
		wantErr bool
	}{
		{"new folder", func(*testing.T, string) {}, false},
		{"already there", func(t *testing.T, dir string) {
			if err := os.MkdirAll(filepath.Join(dir, "guides"), 0o700); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "MkdirAll", err)
			}
		}, false},
		{"a file in the way", func(t *testing.T, dir string) {
			if err := os.WriteFile(dir, []byte("not a folder"), 0o600); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
			}
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "a", "pasapas")
			if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "MkdirAll", err)
			}
			tc.prepare(t, dir)
			err := datadir.Create(dir)
			if tc.wantErr {
				if err == nil {
					t.Errorf("Got(%q) = nil error, want an error", "Create")
				}
				return
			}
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "Create", err)
			}
			for _, p := range []string{dir, filepath.Join(dir, "guides")} {
				st, err := os.Stat(p)
				if err != nil {
					t.Fatalf("Got(%q) = %v, want nil error", "Stat "+p, err)
				}
				if !st.IsDir() {
					t.Errorf("Got(%q) = not a folder, want a folder", p)
				}
				if runtime.GOOS != "windows" && st.Mode().Perm() != 0o700 {
					t.Errorf("Got(%q) = %v, want %v", "mode of "+p, st.Mode().Perm(), os.FileMode(0o700))
				}
			}
		})
	}
}
