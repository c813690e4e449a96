//go:build unix

package guide_test

import (
	"net"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"pasapas/internal/guide"
)

// specialFolder makes, in a temporary folder, the files a hostile or broken
// centre folder can hold besides guides: a named pipe nobody writes to, a
// socket, a link to /dev/zero, a link out of the folder, a link to a guide
// inside it, one that leaves the folder to come back in, a link to a
// folder, and a good guide.
func specialFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	good, err := os.ReadFile("testdata/good/photo.fr.toml")
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "dehors.fr.toml")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "photo.fr.toml"), good, 0o600))
	must(os.WriteFile(outside, good, 0o600))
	must(os.Mkdir(filepath.Join(dir, "modeles"), 0o700))
	must(os.WriteFile(filepath.Join(dir, "modeles", "lien.toml"), []byte(
		`id = "lien"
category = "internet"
url = "https://www.ameli.fr"
checked = 2026-01-01
title = "Un guide par un lien"
[[steps]]
id = "lire"
title = "Lisez"
text = ["Lisez la page."]
`), 0o600))
	must(syscall.Mkfifo(filepath.Join(dir, "tuyau.fr.toml"), 0o600))
	must(os.Symlink("/dev/zero", filepath.Join(dir, "zero.fr.toml")))
	must(os.Symlink(outside, filepath.Join(dir, "dehors.fr.toml")))
	must(os.Symlink("modeles/lien.toml", filepath.Join(dir, "lien.fr.toml")))
	must(os.Symlink("../"+filepath.Base(dir)+"/modeles/lien.toml", filepath.Join(dir, "detour.fr.toml"))) // out and back in: refused
	must(os.Symlink("modeles", filepath.Join(dir, "dossier.fr.toml")))
	l, err := net.Listen("unix", filepath.Join(dir, "prise.fr.toml"))
	must(err)
	t.Cleanup(func() { l.Close() })
	return dir
}

// loadWithin runs Load and fails the test if it has not returned within a
// few seconds (a named pipe opened for reading blocks for ever; /dev/zero
// read whole exhausts memory).
func loadWithin(t *testing.T, opts guide.Options, src guide.Source) (*guide.Library, []guide.Problem) {
	t.Helper()
	type result struct {
		lib *guide.Library
		ps  []guide.Problem
	}
	done := make(chan result, 1)
	go func() {
		lib, ps := guide.Load(opts, src)
		done <- result{lib, ps}
	}()
	select {
	case r := <-done:
		return r.lib, r.ps
	case <-time.After(5 * time.Second):
		t.Fatalf("Load(%s) still running after 5 s", src.Name)
		return nil, nil
	}
}

func TestLoad_SpecialFiles(t *testing.T) {
	dir := specialFolder(t)
	tests := []struct {
		name   string
		src    guide.Source
		want   []string
		guides []string
	}{
		{
			name: "folder on disk: links inside the folder followed",
			src:  guide.Folder(dir),
			want: []string{
				dir + "/dehors.fr.toml:0: error: bad-link",
				dir + "/detour.fr.toml:0: error: bad-link",
				dir + "/dossier.fr.toml:0: error: not-regular",
				dir + "/prise.fr.toml:0: error: not-regular",
				dir + "/tuyau.fr.toml:0: error: not-regular",
				dir + "/zero.fr.toml:0: error: bad-link",
			},
			guides: []string{"lien", "photo"},
		},
		{
			name: "os.DirFS: no link followed",
			src:  guide.Source{FS: os.DirFS(dir), Dir: ".", Name: "c"},
			want: []string{
				"c/dehors.fr.toml:0: error: bad-link",
				"c/detour.fr.toml:0: error: bad-link",
				"c/dossier.fr.toml:0: error: bad-link",
				"c/lien.fr.toml:0: error: bad-link",
				"c/prise.fr.toml:0: error: not-regular",
				"c/tuyau.fr.toml:0: error: not-regular",
				"c/zero.fr.toml:0: error: bad-link",
			},
			guides: []string{"photo"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib, ps := loadWithin(t, testOptions(), tt.src)
			if got := brief(ps); !slices.Equal(got, tt.want) {
				t.Errorf("Load() problems = %q, want %q", got, tt.want)
			}
			if got := ids(lib); !slices.Equal(got, tt.guides) {
				t.Errorf("Load() guides = %v, want %v", got, tt.guides)
			}
		})
	}
}

func TestLoad_UnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Log("running as root: every file is readable, only the other guides are checked")
	}
	dir := specialFolder(t)
	secret := filepath.Join(dir, "secret.fr.toml")
	if err := os.WriteFile(secret, []byte("id = \"secret\"\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	lib, ps := loadWithin(t, testOptions(), guide.Folder(dir))
	if lib.ByID("photo") == nil || lib.ByID("lien") == nil {
		t.Errorf("Load() = %v, want the other guides loaded", ids(lib))
	}
	for _, p := range ps {
		if p.File == secret && os.Geteuid() != 0 && p.Code != guide.CodeUnreadable {
			t.Errorf("Load() problem %s, want %s", p, guide.CodeUnreadable)
		}
	}
}
